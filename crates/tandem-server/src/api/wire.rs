//! The API's vocabularies as OpenAPI schemas: those of the domain (`tandem_core::openapi`)
//! and those of the data bundled into this server (group codes, holiday calendars).

use std::borrow::Cow;

use tandem_core::openapi::string_enum;
pub use tandem_core::openapi::{
    AttendanceName, EventKindName, EventModeName, EventStatusName, Instant, LocalDateText,
    LocalDateTimeText, ParticipantIdText, RegionCodeName, ShortNameText, TimeOfDayText, TitleText,
    WeekdayName, ZoneName,
};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// A study group or regional group code of the bundled reference data.
#[derive(Clone, Copy, Debug)]
pub struct GroupCode;

impl PartialSchema for GroupCode {
    fn schema() -> RefOr<Schema> {
        let codes: Vec<String> = crate::reference_data()
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
            crate::holiday_calendars(),
        )
    }
}

impl ToSchema for HolidayCalendarCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("HolidayCalendarCode")
    }
}
