//! The API's vocabularies as OpenAPI schemas: those of the domain (`tandem_core::openapi`)
//! and those of the data bundled into this server (group codes, holiday calendars).

use std::borrow::Cow;

use tandem_core::openapi::{blank_pattern, string_enum, string_pattern};
pub use tandem_core::openapi::{
    AttendanceName, ClashTypeName, DescriptionText, EmailText, EventKindName, EventModeName,
    EventStatusName, Instant, LanguageName, LocalDateText, LocalDateTimeText, ParticipantIdText,
    PersonNameText, RegionCodeName, RemoteUrlText, SeverityName, ShortNameText, TimeOfDayText,
    TitleText, WeekdayName, ZoneName,
};
use utoipa::openapi::schema::{AnyOfBuilder, Schema};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// A study group or regional group code of the bundled reference data.
#[derive(Clone, Copy, Debug)]
pub struct GroupCode;

impl PartialSchema for GroupCode {
    fn schema() -> RefOr<Schema> {
        let codes: Vec<String> = tandem_app::reference_data()
            .map(|r| r.groups.iter().map(|g| g.code.clone()).collect())
            .unwrap_or_default();
        string_enum(
            "A study group (`ITU-T-SG3`) or regional group (`SG3RG-AFR`) code: see \
             GET /api/v1/groups.",
            codes,
        )
    }
}

impl ToSchema for GroupCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("GroupCode")
    }
}

/// The code of a bundled holiday calendar (`config/holidays/CC.ics`).
#[derive(Clone, Copy, Debug)]
pub struct HolidayCalendarCode;

impl PartialSchema for HolidayCalendarCode {
    fn schema() -> RefOr<Schema> {
        string_enum(
            "A bundled public-holiday calendar (`config/holidays/CC.ics`).",
            tandem_app::holiday_calendars(),
        )
    }
}

impl ToSchema for HolidayCalendarCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("HolidayCalendarCode")
    }
}

/// A group code, or a blank text meaning none (as an event's `group`).
#[derive(Clone, Copy, Debug)]
pub struct OptionalGroupCode;

impl PartialSchema for OptionalGroupCode {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(Ref::from_schema_name(GroupCode::name()))
            .item(string_pattern(
                "Blank: no group.",
                &blank_pattern(),
                None,
                None,
            ))
            .into()
    }
}

impl ToSchema for OptionalGroupCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("OptionalGroupCode")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((GroupCode::name().into_owned(), GroupCode::schema()));
    }
}
