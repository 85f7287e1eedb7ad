//! The season-planning request of DESIGN §14 as it arrives (JSON, over HTTP or from the
//! file the CLI reads). Every field is kept as sent; [`super::SeasonProblem::new`] checks
//! them against the venues and existing events the caller resolved, naming each bad field.

use serde::{Deserialize, Serialize};

/// The dates a season may use (local dates, inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonRangeRequest {
    /// First date (`YYYY-MM-DD`).
    pub start: String,
    /// Last date (`YYYY-MM-DD`), inclusive.
    pub end: String,
}

/// The weights of the cost (all non-negative; each defaults to DESIGN §14's value).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeightsRequest {
    /// Per event left unplaced (default 1000).
    #[serde(default)]
    pub unplaced: Option<f64>,
    /// Subtracted per wanted co-location (default 10).
    #[serde(default)]
    pub wanted_colocation: Option<f64>,
    /// Per trip of a participant (default 3).
    #[serde(default)]
    pub trip: Option<f64>,
    /// Per soft clash (default 1).
    #[serde(default)]
    pub soft_clash: Option<f64>,
}

/// Local daily hours of an event's sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionHoursRequest {
    /// Local start, `HH:MM` (default 09:00).
    #[serde(default)]
    pub start: Option<String>,
    /// Local end, `HH:MM` (default 17:00; `24:00` allowed).
    #[serde(default)]
    pub end: Option<String>,
}

/// One participant of an event to place.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonParticipantRequest {
    /// Id, shared with the same person's other events.
    pub id: String,
    /// IANA zone they live in.
    pub tz: String,
    /// `in_person` or `remote`.
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
    pub id: String,
    /// Title of the event to create.
    pub title: String,
    /// `meeting`, `workshop`, `conference` or `session`.
    pub kind: String,
    /// ITU region code (`AFR` …).
    pub region: String,
    /// Group code, when the event is a group's.
    #[serde(default)]
    pub group: Option<String>,
    /// `in_person` (default), `virtual` or `hybrid`.
    #[serde(default)]
    pub mode: Option<String>,
    /// Consecutive working days it lasts.
    pub days: i64,
    /// Daily session hours at the venue (default 09:00–17:00).
    #[serde(default)]
    pub daily_hours: Option<SessionHoursRequest>,
    /// Venues it may be held at (ids), in order of preference.
    pub venues: Vec<String>,
    /// First date it may occupy (default: the range's start).
    #[serde(default)]
    pub earliest: Option<String>,
    /// Last date it may occupy (default: the range's end).
    #[serde(default)]
    pub latest: Option<String>,
    /// Seats needed (default: the number of in-person participants).
    #[serde(default)]
    pub expected_attendance: Option<i64>,
    /// Groups, fixed events or events of this request it should be held alongside.
    #[serde(default)]
    pub alongside: Vec<String>,
    /// Its participants.
    #[serde(default)]
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
    pub max_gap_days: Option<i64>,
    /// Weights of the cost.
    #[serde(default)]
    pub weights: Option<WeightsRequest>,
    /// Time the planner may take (default 10, at most 300).
    #[serde(default)]
    pub time_limit_seconds: Option<f64>,
    /// The events to place.
    pub events: Vec<SeasonEventRequest>,
}
