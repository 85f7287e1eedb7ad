//! The search request of DESIGN §3 as it arrives (JSON, from a file or over HTTP), and its
//! validation into a [`WindowQuery`]. Calendars are named here but read by the caller (the
//! CLI reads files, the server imported calendars); their busy time is added before the
//! search runs.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::{candidate_count, DailyHours, SearchParticipant, WindowQuery};
use crate::event::Attendance;
use crate::phrase::Phrase;
use crate::time::{parse_date, parse_instant, Interval, LocalTimeOfDay, Zone};
use crate::validation::{FieldError, FieldErrors};
use crate::weekday::WeekdaySet;

/// Most candidate windows one search may consider (a year at a one-minute step fits).
pub const MAX_CANDIDATES: u64 = 1_000_000;
/// Most participants one search may have.
pub const MAX_PARTICIPANTS: usize = 5_000;
/// Most windows one search may return.
pub const MAX_LIMIT: i64 = 100;

/// The search range.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RangeRequest {
    /// First instant a window may start (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Instant))]
    pub start: String,
    /// Instant every window must end by (RFC 3339), after `start`.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Instant))]
    pub end: String,
}

/// Hours on some days, in local time.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursRequest {
    /// Weekdays (`mon`…`sun`), each once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<std::collections::BTreeSet<crate::openapi::WeekdayName>>))]
    pub days: Option<Vec<String>>,
    /// Local start, `HH:MM`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::TimeOfDayText>))]
    pub start: Option<String>,
    /// Local end, `HH:MM` (`24:00` allowed), after the start.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::TimeOfDayText>))]
    pub end: Option<String>,
}

/// An explicit busy interval.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusyRequest {
    /// Start (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Instant))]
    pub start: String,
    /// End (RFC 3339), not before the start.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::Instant))]
    pub end: String,
}

/// One participant as requested.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = SearchParticipantRequest))]
pub struct ParticipantRequest {
    /// Id, unique in the request.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::NonBlankText))]
    pub id: String,
    /// IANA zone.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::ZoneName))]
    pub tz: String,
    /// `remote` (default) or `in_person` (judged in `venue_tz`, which is then required).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::AttendanceName>))]
    pub attendance: Option<String>,
    /// Default true.
    #[serde(default)]
    pub required: Option<bool>,
    /// Default 1.0.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0))]
    pub weight: Option<f64>,
    /// Default Mon–Fri 09:00–17:00.
    #[serde(default)]
    pub working_hours: Option<HoursRequest>,
    /// Default 07:00–22:00 on the working-hours days.
    #[serde(default)]
    pub acceptable_hours: Option<HoursRequest>,
    /// Local dates (`YYYY-MM-DD`) blocked entirely.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi::LocalDateText>))]
    pub holidays: Vec<String>,
    /// Explicit busy intervals.
    #[serde(default)]
    pub busy: Vec<BusyRequest>,
    /// Calendars: file paths (CLI, relative to the request file) or imported calendar ids (HTTP).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi::NonBlankText>))]
    pub calendars: Vec<String>,
    /// An inline iCalendar document.
    #[serde(default)]
    pub ics: Option<String>,
}

/// A window search request (DESIGN §3).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchRequest {
    /// Where windows may lie.
    pub range: RangeRequest,
    /// Length of the meeting, minutes (at most 31 days, no longer than the range).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 44_640))]
    pub duration_minutes: i64,
    /// Distance between candidate starts, minutes (default 15).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 44_640))]
    pub step_minutes: Option<i64>,
    /// Windows to return (default 5, at most 100).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub limit: Option<i64>,
    /// Zone of the venue, for in-person participants.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::openapi::ZoneName>))]
    pub venue_tz: Option<String>,
    /// Participants (1 to 5,000), each id once.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 5000))]
    pub participants: Vec<ParticipantRequest>,
}

/// A validated request: the query, and per participant the calendars still to read.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidatedSearch {
    /// The search, without calendar busy time yet.
    pub query: WindowQuery,
    /// Per participant (request order): calendar references and inline ICS.
    pub calendars: Vec<(Vec<String>, Option<String>)>,
}

impl ValidatedSearch {
    /// Adds busy time (from a calendar) to participant `index`.
    pub fn add_busy(&mut self, index: usize, busy: impl IntoIterator<Item = Interval>) {
        if let Some(p) = self.query.participants.get_mut(index) {
            p.busy.extend(busy);
        }
    }
}

fn time_of_day(
    text: Option<&String>,
    default: LocalTimeOfDay,
    field: &str,
) -> Result<LocalTimeOfDay, FieldError> {
    text.map_or(Ok(default), |t| {
        LocalTimeOfDay::parse(t).map_err(|e| e.under(field))
    })
}

fn hours(
    request: Option<&HoursRequest>,
    default_days: WeekdaySet,
    default_start: LocalTimeOfDay,
    default_end: LocalTimeOfDay,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<DailyHours> {
    let days = match request.and_then(|h| h.days.as_ref()) {
        Some(days) => {
            errors.take(WeekdaySet::parse(days).map_err(|e| e.under(&format!("{field}.days"))))?
        }
        None => default_days,
    };
    let start = errors.take(time_of_day(
        request.and_then(|h| h.start.as_ref()),
        default_start,
        &format!("{field}.start"),
    ))?;
    let end = errors.take(time_of_day(
        request.and_then(|h| h.end.as_ref()),
        default_end,
        &format!("{field}.end"),
    ))?;
    if end <= start {
        errors.push(FieldError::said(
            format!("{field}.end"),
            Phrase::new(
                "search-hours-end-before-start",
                format!("must be after start ({start}); use 24:00 for midnight"),
            )
            .text("start", start.to_string()),
        ));
        return None;
    }
    Some(DailyHours { days, start, end })
}

fn minutes(value: i64, field: &str, max: i64) -> Result<Duration, FieldError> {
    if value <= 0 {
        return Err(FieldError::said(
            field,
            Phrase::new(
                "invalid-minutes-positive",
                "must be a positive number of minutes",
            ),
        ));
    }
    if value > max {
        return Err(FieldError::said(
            field,
            Phrase::new(
                "invalid-minutes-max",
                format!("must be at most {max} minutes"),
            )
            .count("max", usize::try_from(max).unwrap_or(usize::MAX)),
        ));
    }
    Ok(Duration::minutes(value))
}

impl SearchRequest {
    /// Checks every field, naming each bad one, and applies the defaults of DESIGN §3.
    pub fn validate(&self) -> Result<ValidatedSearch, FieldErrors> {
        let mut errors = FieldErrors::default();
        let start = errors.take(parse_instant(&self.range.start, "range.start"));
        let end = errors.take(parse_instant(&self.range.end, "range.end"));
        let duration = errors.take(minutes(
            self.duration_minutes,
            "duration_minutes",
            60 * 24 * 31,
        ));
        let step = errors.take(minutes(
            self.step_minutes.unwrap_or(15),
            "step_minutes",
            60 * 24 * 31,
        ));
        let limit = self.limit.unwrap_or(5);
        if !(1..=MAX_LIMIT).contains(&limit) {
            errors.push(FieldError::said(
                "limit",
                Phrase::new("search-limit", format!("must be between 1 and {MAX_LIMIT}"))
                    .count("max", usize::try_from(MAX_LIMIT).unwrap_or(usize::MAX)),
            ));
        }
        let venue_tz = self
            .venue_tz
            .as_deref()
            .and_then(|z| errors.take(Zone::parse(z).map_err(|e| e.under("venue_tz"))));
        let mut range = None;
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.push(FieldError::said(
                    "range.end",
                    Phrase::new(
                        "invalid-range-empty",
                        "the range is empty: end must be after start",
                    ),
                ));
            } else {
                range = Some(Interval { start, end });
            }
        }
        if let (Some(range), Some(duration), Some(step)) = (range, duration, step) {
            let count = candidate_count(range, duration, step);
            if count == 0 {
                errors.push(FieldError::said(
                    "duration_minutes",
                    Phrase::new(
                        "invalid-range-shorter",
                        "the range is shorter than the duration",
                    ),
                ));
            } else if count > MAX_CANDIDATES {
                errors.push(FieldError::said(
                    "step_minutes",
                    Phrase::new(
                        "invalid-too-many-candidates",
                        format!(
                            "the request has {count} candidate windows, more than the {MAX_CANDIDATES} allowed: \
                             shorten the range or lengthen the step"
                        ),
                    )
                    .count("count", usize::try_from(count).unwrap_or(usize::MAX))
                    .count("max", usize::try_from(MAX_CANDIDATES).unwrap_or(usize::MAX)),
                ));
            }
        }
        if self.participants.is_empty() {
            errors.push(FieldError::said(
                "participants",
                Phrase::new(
                    "invalid-participants-none",
                    "at least one participant is needed",
                ),
            ));
        }
        if self.participants.len() > MAX_PARTICIPANTS {
            errors.push(FieldError::said(
                "participants",
                Phrase::new(
                    "invalid-participants-max",
                    format!("at most {MAX_PARTICIPANTS} participants"),
                )
                .count("max", MAX_PARTICIPANTS),
            ));
        }
        let mut participants = Vec::with_capacity(self.participants.len());
        let mut calendars = Vec::with_capacity(self.participants.len());
        for (i, p) in self.participants.iter().enumerate() {
            if let Some(parsed) = participant(
                i,
                p,
                venue_tz,
                self.venue_tz.is_some(),
                self.participants.get(..i).unwrap_or_default(),
                &mut errors,
            ) {
                participants.push(parsed);
                calendars.push((p.calendars.clone(), p.ics.clone()));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        match (range, duration, step) {
            (Some(range), Some(duration), Some(step)) => Ok(ValidatedSearch {
                query: WindowQuery {
                    range,
                    duration,
                    step,
                    limit: usize::try_from(limit).unwrap_or(5),
                    participants,
                },
                calendars,
            }),
            _ => Err(FieldError::said(
                "",
                Phrase::new("search-invalid-request", "invalid request"),
            )
            .into()),
        }
    }
}

fn participant(
    i: usize,
    p: &ParticipantRequest,
    venue_tz: Option<Zone>,
    venue_tz_given: bool,
    earlier: &[ParticipantRequest],
    errors: &mut FieldErrors,
) -> Option<SearchParticipant> {
    let at = format!("participants[{i}]");
    let before = errors.0.len();
    if p.id.trim().is_empty() {
        errors.push(FieldError::said(
            format!("{at}.id"),
            Phrase::new("invalid-text-empty", "must not be empty"),
        ));
    } else if earlier.iter().any(|q| q.id == p.id) {
        errors.push(FieldError::said(
            format!("{at}.id"),
            Phrase::new(
                "search-participant-twice",
                format!("participant '{}' is listed twice", p.id),
            )
            .text("participant", p.id.clone()),
        ));
    }
    let own = errors.take(Zone::parse(&p.tz).map_err(|e| e.under(&format!("{at}.tz"))));
    let attendance = errors.take(
        p.attendance
            .as_deref()
            .unwrap_or("remote")
            .parse::<Attendance>()
            .map_err(|e| e.under(&format!("{at}.attendance"))),
    );
    let zone = match (attendance, venue_tz) {
        (Some(Attendance::InPerson), Some(venue)) => Some(venue),
        (Some(Attendance::InPerson), None) => {
            if !venue_tz_given {
                errors.push(FieldError::said(
                    "venue_tz",
                    Phrase::new(
                        "search-venue-tz-required",
                        format!(
                            "is required: participant '{}' attends in person and is judged in \
                             the venue's zone",
                            p.id
                        ),
                    )
                    .text("participant", p.id.clone()),
                ));
            }
            None
        }
        _ => own,
    };
    let weight = p.weight.unwrap_or(1.0);
    if !weight.is_finite() || weight < 0.0 {
        errors.push(FieldError::said(
            format!("{at}.weight"),
            Phrase::new("search-weight-invalid", "must be a finite number ≥ 0"),
        ));
    }
    let nine = LocalTimeOfDay::from_minutes(9 * 60)?;
    let five = LocalTimeOfDay::from_minutes(17 * 60)?;
    let seven = LocalTimeOfDay::from_minutes(7 * 60)?;
    let ten_pm = LocalTimeOfDay::from_minutes(22 * 60)?;
    let working = hours(
        p.working_hours.as_ref(),
        WeekdaySet::MON_FRI,
        nine,
        five,
        &format!("{at}.working_hours"),
        errors,
    );
    let acceptable = working.and_then(|w| {
        hours(
            p.acceptable_hours.as_ref(),
            w.days,
            seven,
            ten_pm,
            &format!("{at}.acceptable_hours"),
            errors,
        )
    });
    let mut holidays = Vec::with_capacity(p.holidays.len());
    for (j, h) in p.holidays.iter().enumerate() {
        match parse_date(h) {
            Ok(d) => holidays.push(d),
            Err(e) => errors.push(e.under(&format!("{at}.holidays[{j}]"))),
        }
    }
    let mut busy = Vec::with_capacity(p.busy.len());
    for (j, b) in p.busy.iter().enumerate() {
        let field = format!("{at}.busy[{j}]");
        let start = errors.take(parse_instant(&b.start, &format!("{field}.start")));
        let end = errors.take(parse_instant(&b.end, &format!("{field}.end")));
        if let (Some(start), Some(end)) = (start, end) {
            match Interval::new(start, end) {
                Some(interval) => busy.push(interval),
                None => errors.push(FieldError::said(
                    format!("{field}.end"),
                    Phrase::new("search-busy-end-before-start", "must not be before start"),
                )),
            }
        }
    }
    for (j, c) in p.calendars.iter().enumerate() {
        if c.trim().is_empty() {
            errors.push(FieldError::said(
                format!("{at}.calendars[{j}]"),
                Phrase::new("invalid-text-empty", "must not be empty"),
            ));
        }
    }
    if errors.0.len() > before {
        return None;
    }
    Some(SearchParticipant {
        id: p.id.clone(),
        zone: zone?,
        attendance: attendance?,
        required: p.required.unwrap_or(true),
        weight,
        working: working?,
        acceptable: acceptable?,
        holidays,
        busy,
    })
}
