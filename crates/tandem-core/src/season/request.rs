//! The season-planning request of DESIGN §14 as it arrives (JSON, over HTTP or from the
//! file the CLI reads). Every field is kept as sent; [`super::SeasonProblem::new`] checks
//! them against the venues and existing events the caller resolved, naming each bad field.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// Reads an optional object whose every field has a default only from a JSON object or
/// null: serde's derive would also read it, by position, from an array (`[null, null]`).
fn optional_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Fields<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Fields<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    struct Optional<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Optional<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_map(Fields(PhantomData)).map(Some)
        }
    }
    deserializer.deserialize_option(Optional(PhantomData))
}

/// The dates a season may use (local dates, inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonRangeRequest {
    /// First date (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::LocalDateText))]
    pub start: String,
    /// Last date (`YYYY-MM-DD`), inclusive.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::LocalDateText))]
    pub end: String,
}

/// The weights of the cost (all non-negative; each defaults to DESIGN §14's value).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeightsRequest {
    /// Per event left unplaced (default 1000).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1e9))]
    pub unplaced: Option<f64>,
    /// Subtracted per wanted co-location (default 10).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1e9))]
    pub wanted_colocation: Option<f64>,
    /// Per trip of a participant (default 3).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1e9))]
    pub trip: Option<f64>,
    /// Per soft clash (default 1).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1e9))]
    pub soft_clash: Option<f64>,
}

/// Local daily hours of an event's sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionHoursRequest {
    /// Local start, `HH:MM` (default 09:00).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::TimeOfDayText>))]
    pub start: Option<String>,
    /// Local end, `HH:MM` (default 17:00; `24:00` allowed).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::TimeOfDayText>))]
    pub end: Option<String>,
}

/// One participant of an event to place.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonParticipantRequest {
    /// Id, shared with the same person's other events.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::ParticipantIdText))]
    pub id: String,
    /// IANA zone they live in.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::ZoneName))]
    pub tz: String,
    /// `in_person` or `remote`.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::AttendanceName))]
    pub attendance: String,
    /// Whether the event needs them (default true).
    #[serde(default)]
    pub required: Option<bool>,
}

/// One event to place.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonEventRequest {
    /// Id, unique in the request (other events' `alongside` may name it).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub id: String,
    /// Title of the event to create.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::TitleText))]
    pub title: String,
    /// `meeting`, `workshop`, `conference` or `session`.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::EventKindName))]
    pub kind: String,
    /// ITU region code (`AFR` …).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::RegionCodeName))]
    pub region: String,
    /// Group code, when the event is a group's.
    #[serde(default)]
    pub group: Option<String>,
    /// `in_person` (default), `virtual` or `hybrid`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::EventModeName>))]
    pub mode: Option<String>,
    /// Consecutive working days it lasts.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 31))]
    pub days: i64,
    /// Daily session hours at the venue (default 09:00–17:00).
    #[serde(default, deserialize_with = "optional_object")]
    pub daily_hours: Option<SessionHoursRequest>,
    /// Venues it may be held at (ids), in order of preference.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub venues: Vec<String>,
    /// First date it may occupy (default: the range's start).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::LocalDateText>))]
    pub earliest: Option<String>,
    /// Last date it may occupy (default: the range's end).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::LocalDateText>))]
    pub latest: Option<String>,
    /// Seats needed (default: the number of in-person participants).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000))]
    pub expected_attendance: Option<i64>,
    /// Groups, fixed events or events of this request it should be held alongside.
    #[serde(default)]
    pub alongside: Vec<String>,
    /// Its participants.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5000))]
    pub participants: Vec<SeasonParticipantRequest>,
}

/// A season-planning request (DESIGN §14).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonRequest {
    /// The dates the season may use.
    pub range: SeasonRangeRequest,
    /// Existing events that stay where they are and count in co-locations and trips.
    #[serde(default)]
    pub fixed: Vec<String>,
    /// Most working days between two events that still count as alongside (default 2).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 90))]
    pub max_gap_days: Option<i64>,
    /// Weights of the cost.
    #[serde(default, deserialize_with = "optional_object")]
    pub weights: Option<WeightsRequest>,
    /// Time the planner may take (default 10, at most 300).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(exclusive_minimum = 0.0, maximum = 300.0))]
    pub time_limit_seconds: Option<f64>,
    /// The events to place.
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub events: Vec<SeasonEventRequest>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(weights: &str) -> serde_json::Result<SeasonRequest> {
        serde_json::from_str(&format!(
            r#"{{"range": {{"start": "2027-01-04", "end": "2027-01-08"}}, "events": [], "weights": {weights}}}"#
        ))
    }

    #[test]
    fn weights_are_an_object_or_null_never_an_array() {
        assert!(request("[null, null]").is_err());
        assert!(request("[]").is_err());
        assert_eq!(request("null").unwrap().weights, None);
        assert_eq!(
            request(r#"{"trip": 2}"#).unwrap().weights.unwrap().trip,
            Some(2.0)
        );
        assert!(
            request(r#"{"trips": 2}"#).is_err(),
            "unknown fields still refused"
        );
    }
}
