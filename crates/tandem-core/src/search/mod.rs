//! The window search of DESIGN §3: the best windows for a meeting across many time zones,
//! working and acceptable hours, holidays and busy time.
//!
//! The engine is a sweep. Every participant's acceptable, working and busy intervals are
//! sorted once; candidate windows advance monotonically (`range.start + k·step`), so one
//! pointer per list moves forward with them and each candidate costs O(1) per participant
//! amortised. Optional participants are only judged on windows the required ones allow.
//! Cost: O(B log B + C·P) for B busy intervals, C candidates and P participants.

mod request;

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::event::Attendance;
use crate::phrase::Phrase;
use crate::time::{Interval, Zone};

pub use crate::hours::DailyHours;
pub use request::{
    BusyRequest, HoursRequest, ParticipantRequest, RangeRequest, SearchRequest, ValidatedSearch,
    MAX_CANDIDATES, MAX_PARTICIPANTS,
};

/// One participant of a search, with every busy interval already gathered.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchParticipant {
    /// Id, as given.
    pub id: String,
    /// The zone they are judged in: the venue's for in-person participants, else their own.
    pub zone: Zone,
    /// In the room or remote.
    pub attendance: Attendance,
    /// Whether a window needs them.
    pub required: bool,
    /// Their contribution to a window's score when optional.
    pub weight: f64,
    /// Working hours.
    pub working: DailyHours,
    /// Acceptable hours.
    pub acceptable: DailyHours,
    /// Holidays (local dates in `zone`).
    pub holidays: Vec<NaiveDate>,
    /// Busy time: explicit entries and every occurrence from their calendars.
    pub busy: Vec<Interval>,
}

/// A validated search.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowQuery {
    /// Where candidate windows may lie.
    pub range: Interval,
    /// Length of the meeting.
    pub duration: Duration,
    /// Distance between candidate starts.
    pub step: Duration,
    /// How many windows to return.
    pub limit: usize,
    /// Participants, in request order.
    pub participants: Vec<SearchParticipant>,
}

impl WindowQuery {
    /// How many candidate windows the range holds.
    pub fn candidate_count(&self) -> u64 {
        candidate_count(self.range, self.duration, self.step)
    }
}

/// Number of `[s, s + duration)` with `s = start + k·step` inside `range`.
pub fn candidate_count(range: Interval, duration: Duration, step: Duration) -> u64 {
    let span = range.end - range.start - duration;
    if span < Duration::zero() || step <= Duration::zero() {
        return 0;
    }
    let steps = span.num_seconds() / step.num_seconds().max(1);
    u64::try_from(steps).map_or(0, |s| s + 1)
}

/// A participant's window in their own zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalWindow {
    /// Start, RFC 3339 with the zone's offset.
    pub start: String,
    /// End, RFC 3339 with the zone's offset.
    pub end: String,
}

/// One window found.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Window {
    /// Start (UTC).
    #[serde(serialize_with = "utc_z")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2027-03-02T12:00:00Z"))]
    pub start: DateTime<Utc>,
    /// End (UTC).
    #[serde(serialize_with = "utc_z")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2027-03-02T14:00:00Z"))]
    pub end: DateTime<Utc>,
    /// Participants available, in request order.
    pub available: Vec<String>,
    /// Participants not available, in request order.
    pub unavailable: Vec<String>,
    /// Sum of the weights of available optional participants.
    pub score: f64,
    /// Minutes outside working hours, summed over available participants.
    pub inconvenience_minutes: i64,
    /// The window in every participant's zone, in request order.
    #[serde(serialize_with = "ordered_map")]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, LocalWindow>))]
    pub local: Vec<(String, LocalWindow)>,
}

/// Why the answer is what it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Diagnostics {
    /// Candidate windows considered.
    pub candidates: u64,
    /// Per required participant, the candidates they (alone or with others) ruled out.
    #[serde(serialize_with = "ordered_map")]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, u64>))]
    pub blocked_by: Vec<(String, u64)>,
    /// When no window was found, what stood in the way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The same, as a message of the translations (for the pages).
    #[serde(skip)]
    pub why: Option<Phrase>,
}

/// The answer of a search.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    /// The windows, best first.
    pub windows: Vec<Window>,
    /// Counts behind them.
    pub diagnostics: Diagnostics,
}

fn utc_z<S: Serializer>(instant: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&instant.format("%Y-%m-%dT%H:%M:%SZ"))
}

fn ordered_map<S: Serializer, V: Serialize>(
    pairs: &[(String, V)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// An interval as Unix seconds, the engine's working unit: comparisons and subtractions on
/// plain integers keep the sweep fast.
type Span = (i64, i64);

fn span(i: Interval) -> Span {
    (i.start.timestamp(), i.end.timestamp())
}

/// Sorted, merged, non-empty spans.
fn normalise(intervals: impl IntoIterator<Item = Interval>) -> Vec<Span> {
    let mut spans: Vec<Span> = intervals
        .into_iter()
        .map(span)
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Daily intervals shared by every participant with the same zone and hours, merged where
/// one day's end touches the next day's start (DESIGN §3.4: hours that end at 24:00 and
/// start at 00:00 are one interval, so a window may cross that midnight).
#[derive(Default)]
struct DailyCache(HashMap<(Zone, DailyHours), std::rc::Rc<Vec<Span>>>);

impl DailyCache {
    fn get(&mut self, zone: Zone, hours: DailyHours, range: Interval) -> std::rc::Rc<Vec<Span>> {
        self.0
            .entry((zone, hours))
            .or_insert_with(|| std::rc::Rc::new(normalise(hours.intervals(zone, range))))
            .clone()
    }
}

/// One participant's prepared timeline, swept forward with the candidates.
struct Timeline {
    /// Merged where they touch: a window must lie inside one of them (§3.4).
    acceptable: std::rc::Rc<Vec<Span>>,
    /// Merged: only their union matters (§3.6).
    working: std::rc::Rc<Vec<Span>>,
    busy: Vec<Span>,
    a: usize,
    w: usize,
    b: usize,
}

/// Why a participant cannot make a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Available,
    OutsideHours,
    Busy,
}

impl Timeline {
    fn new(p: &SearchParticipant, range: Interval, cache: &mut DailyCache) -> Self {
        let holidays = p.holidays.iter().map(|d| p.zone.day(*d));
        Self {
            acceptable: cache.get(p.zone, p.acceptable, range),
            working: cache.get(p.zone, p.working, range),
            busy: normalise(p.busy.iter().copied().chain(holidays)),
            a: 0,
            w: 0,
            b: 0,
        }
    }

    /// Whether the participant can make `w`; windows must be asked for in start order.
    fn verdict(&mut self, (start, end): Span) -> Verdict {
        while self
            .acceptable
            .get(self.a)
            .is_some_and(|&(_, e)| e <= start)
        {
            self.a += 1;
        }
        let inside = self
            .acceptable
            .get(self.a)
            .is_some_and(|&(s, e)| s <= start && end <= e);
        if !inside {
            return Verdict::OutsideHours;
        }
        while self.busy.get(self.b).is_some_and(|&(_, e)| e <= start) {
            self.b += 1;
        }
        if self.busy.get(self.b).is_some_and(|&(s, _)| s < end) {
            return Verdict::Busy;
        }
        Verdict::Available
    }

    /// Seconds of `w` outside working hours; windows must be asked for in start order.
    fn outside_working_seconds(&mut self, (start, end): Span) -> i64 {
        while self.working.get(self.w).is_some_and(|&(_, e)| e <= start) {
            self.w += 1;
        }
        let mut inside = 0;
        for &(s, e) in self.working.get(self.w..).unwrap_or_default() {
            if s >= end {
                break;
            }
            inside += e.min(end) - s.max(start);
        }
        end - start - inside
    }
}

struct Candidate {
    window: Span,
    score: f64,
    inconvenience_seconds: i64,
    available: Vec<bool>,
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// One participant during a search: their timeline and what they ruled out.
struct Judged<'a> {
    participant: &'a SearchParticipant,
    timeline: Timeline,
    /// Candidates they (alone or with others) made impossible.
    blocked: u64,
    /// Of those, the ones outside their acceptable hours.
    outside_hours: u64,
}

/// Runs the search of DESIGN §3.
pub fn search(query: &WindowQuery) -> SearchResult {
    let mut cache = DailyCache::default();
    let mut people: Vec<Judged> = query
        .participants
        .iter()
        .map(|participant| Judged {
            participant,
            timeline: Timeline::new(participant, query.range, &mut cache),
            blocked: 0,
            outside_hours: 0,
        })
        .collect();
    let total = query.candidate_count();
    let mut candidates = Vec::new();
    let step = query.step.num_seconds();
    let duration = query.duration.num_seconds();
    let mut start = query.range.start.timestamp();
    for _ in 0..total {
        let window = (start, start + duration);
        start += step;
        let mut ok = true;
        for person in people.iter_mut().filter(|j| j.participant.required) {
            match person.timeline.verdict(window) {
                Verdict::Available => {}
                verdict => {
                    ok = false;
                    person.blocked += 1;
                    if verdict == Verdict::OutsideHours {
                        person.outside_hours += 1;
                    }
                }
            }
        }
        if !ok {
            continue;
        }
        // Required participants were judged above; optional ones only now.
        let available: Vec<bool> = people
            .iter_mut()
            .map(|j| j.participant.required || j.timeline.verdict(window) == Verdict::Available)
            .collect();
        let mut score = 0.0;
        let mut inconvenience_seconds = 0;
        for (person, _) in people.iter_mut().zip(&available).filter(|(_, ok)| **ok) {
            if !person.participant.required {
                score += person.participant.weight;
            }
            inconvenience_seconds += person.timeline.outside_working_seconds(window);
        }
        candidates.push(Candidate {
            window,
            score,
            inconvenience_seconds,
            available,
        });
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.inconvenience_seconds.cmp(&b.inconvenience_seconds))
            .then(a.window.0.cmp(&b.window.0))
    });
    let mut taken: Vec<&Candidate> = Vec::with_capacity(query.limit);
    for c in &candidates {
        if taken.len() >= query.limit {
            break;
        }
        if taken.iter().all(|t| !overlaps(t.window, c.window)) {
            taken.push(c);
        }
    }
    let windows = taken
        .into_iter()
        .map(|c| render(query, c))
        .collect::<Vec<_>>();
    let blocked_by: Vec<(String, u64)> = people
        .iter()
        .filter(|j| j.participant.required)
        .map(|j| (j.participant.id.clone(), j.blocked))
        .collect();
    let why = windows.is_empty().then(|| explain(total, &people));
    SearchResult {
        windows,
        diagnostics: Diagnostics {
            candidates: total,
            blocked_by,
            explanation: why.as_ref().map(|w| w.english().to_owned()),
            why,
        },
    }
}

fn render(query: &WindowQuery, c: &Candidate) -> Window {
    let mut available = Vec::new();
    let mut unavailable = Vec::new();
    for (p, ok) in query.participants.iter().zip(&c.available) {
        if *ok {
            available.push(p.id.clone());
        } else {
            unavailable.push(p.id.clone());
        }
    }
    let (start, end) = (instant(c.window.0), instant(c.window.1));
    Window {
        start,
        end,
        available,
        unavailable,
        score: c.score,
        inconvenience_minutes: c.inconvenience_seconds / 60,
        local: query
            .participants
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    LocalWindow {
                        start: p.zone.rfc3339(start),
                        end: p.zone.rfc3339(end),
                    },
                )
            })
            .collect(),
    }
}

struct Percent(u64, u64);

impl Percent {
    /// The whole percentage, rounded down.
    #[allow(clippy::cast_precision_loss)]
    fn value(&self) -> f64 {
        (self.0 * 100).checked_div(self.1).unwrap_or(0) as f64
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = (self.0 * 100).checked_div(self.1).unwrap_or(0);
        write!(f, "{pct}%")
    }
}

fn explain(total: u64, people: &[Judged]) -> Phrase {
    if total == 0 {
        return Phrase::new(
            "why-no-window-range",
            "no window: the range is shorter than the duration",
        );
    }
    // The required participant who ruled out most; the first listed among equals.
    let worst = people
        .iter()
        .enumerate()
        .filter(|(_, j)| j.participant.required)
        .max_by_key(|(i, j)| (j.blocked, std::cmp::Reverse(*i)))
        .map(|(_, j)| j);
    match worst {
        Some(j) if j.blocked > 0 => {
            let busy = j.blocked - j.outside_hours;
            let (blocked, outside, busy) = (
                Percent(j.blocked, total),
                Percent(j.outside_hours, total),
                Percent(busy, total),
            );
            Phrase::new(
                "why-no-window-participant",
                format!(
                    "no window: '{}' is unavailable in {blocked} of candidates (outside acceptable hours in {outside}, busy in {busy}); \
                     together the required participants rule out every candidate",
                    j.participant.id,
                ),
            )
            .text("participant", j.participant.id.clone())
            .number("blocked", blocked.value())
            .number("outside", outside.value())
            .number("busy", busy.value())
        }
        _ => Phrase::new("why-no-window", "no window was found"),
    }
}

#[cfg(test)]
mod tests;
