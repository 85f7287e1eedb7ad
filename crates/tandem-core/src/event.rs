//! Events: meetings, workshops, conferences and sessions, with their canonical local times.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::email::EmailAddress;
use crate::phrase::Phrase;
use crate::recurrence::{occurrence, with_reason, Recurrence};
use crate::region::RegionCode;
use crate::time::{check_local, format_local_datetime, Interval, Resolution, Zone};
use crate::validation::FieldError;

/// Longest single occurrence of an event.
pub const MAX_EVENT_DAYS: i64 = 31;

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = FieldError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => {
                        let expected: Vec<&str> = vec![$($text),+];
                        let expected = expected.join(", ");
                        Err(FieldError::said(
                            "",
                            $crate::phrase::Phrase::new(
                                "event-unknown-value",
                                format!("unknown value '{s}': expected one of {expected}"),
                            )
                            .text("value", s)
                            .text("expected", expected),
                        ))
                    }
                }
            }
        }
    };
}

wire_enum!(
    /// What sort of gathering an event is.
    EventKind {
        /// A meeting, such as a regional group meeting.
        Meeting => "meeting",
        /// A workshop.
        Workshop => "workshop",
        /// A conference.
        Conference => "conference",
        /// A session.
        Session => "session",
    }
);

wire_enum!(
    /// How people take part.
    EventMode {
        /// Everybody in the room.
        InPerson => "in_person",
        /// Everybody remote.
        Virtual => "virtual",
        /// In the room with remote participation.
        Hybrid => "hybrid",
    }
);

wire_enum!(
    /// Where an event stands.
    EventStatus {
        /// Suggested, not yet agreed; holds no room.
        Proposed => "proposed",
        /// Agreed; holds its room.
        Confirmed => "confirmed",
        /// Called off; kept for history.
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// How one participant takes part.
    Attendance {
        /// In the room at the venue.
        InPerson => "in_person",
        /// From wherever they are.
        Remote => "remote",
    }
);

wire_enum!(
    /// The language a participant reads (DESIGN §16): one of ITU's six official languages,
    /// by its BCP 47 tag. Their invitations' plain-text part is written in it.
    Language {
        /// Arabic.
        Ar => "ar",
        /// English.
        En => "en",
        /// Spanish.
        Es => "es",
        /// French.
        Fr => "fr",
        /// Russian.
        Ru => "ru",
        /// Chinese.
        Zh => "zh",
    }
);

/// A validated event title (or any short display name): 1 to 200 characters, trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title(String);

impl Title {
    /// Trims `text` and checks it is between 1 and `max` characters.
    pub fn parse_with_max(text: &str, max: usize) -> Result<Self, FieldError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(FieldError::said(
                "",
                Phrase::new("invalid-text-empty", "must not be empty"),
            ));
        }
        if trimmed.chars().count() > max {
            return Err(FieldError::said(
                "",
                Phrase::new(
                    "invalid-text-too-long",
                    format!("must be at most {max} characters"),
                )
                .count("max", max),
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(FieldError::said(
                "",
                Phrase::new("event-text-control", "must not contain control characters"),
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// A title of at most 200 characters.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        Self::parse_with_max(text, 200)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Title {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A participant's identifier: 1 to 100 of `A-Z a-z 0-9 . _ @ -`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ParticipantId(String);

impl ParticipantId {
    /// Checks the identifier's length and characters.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let ok = !text.is_empty()
            && text.len() <= 100
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-'));
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(FieldError::said(
                "",
                Phrase::new(
                    "event-participant-id-invalid",
                    format!("invalid participant id '{text}': use 1 to 100 of A-Z a-z 0-9 . _ @ -"),
                )
                .text("value", text),
            ))
        }
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Someone expected at an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// Stable identifier, shared across events.
    pub id: ParticipantId,
    /// Display name.
    pub name: Option<String>,
    /// Where they are, for remote participation.
    pub tz: Zone,
    /// In the room or remote.
    pub attendance: Attendance,
    /// Whether the event needs them.
    pub required: bool,
    /// Where invitations go (DESIGN §15); private, and its `Debug` shows nothing of it.
    pub email: Option<EmailAddress>,
    /// The language their invitations are written in (DESIGN §16); English when absent.
    pub language: Option<Language>,
}

/// When an event happens: local wall-clock start and end in its zone, and its recurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventTiming {
    zone: Zone,
    start: NaiveDateTime,
    end: NaiveDateTime,
    rrule: Option<Recurrence>,
}

/// One occurrence of an event: where the rule put it on the wall clock, and its instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instance {
    /// The local start the rule gives (it may lie in a DST gap).
    pub local_start: NaiveDateTime,
    /// The occurrence as instants (DESIGN §4: see [`crate::recurrence::occurrence`]).
    pub interval: Interval,
}

impl EventTiming {
    /// Checks that `start` and `end` exist in `zone` and lie within the dates of DESIGN §2,
    /// that the event lasts between a minute and [`MAX_EVENT_DAYS`] days, and that the rule
    /// is valid for this start (see [`Recurrence::check_start`]) with every occurrence within
    /// those dates.
    ///
    /// Errors name the field (`start`, `end`, `rrule`). A local time skipped by a DST change
    /// is refused here, where a person typed it; recurrences that later land in a gap follow
    /// the RFC 5545 rule instead.
    pub fn new(
        zone: Zone,
        start: NaiveDateTime,
        end: NaiveDateTime,
        rrule: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, local) in [("start", start), ("end", end)] {
            if let Err(e) = check_local(local) {
                errors.push(e.under(field));
            } else if let Resolution::Gap { .. } = zone.resolution(local) {
                errors.push(FieldError::said(
                    field,
                    Phrase::new(
                        "invalid-dst-gap",
                        format!(
                            "{} does not exist in {zone}: the clocks skip it for a DST change",
                            format_local_datetime(local)
                        ),
                    )
                    .text("value", format_local_datetime(local))
                    .text("zone", zone.name()),
                ));
            }
        }
        if errors.is_empty() {
            let (from, to) = (zone.resolve(start), zone.resolve(end));
            if to <= from {
                errors.push(FieldError::said(
                    "end",
                    Phrase::new("invalid-end-before-start", "must be after start"),
                ));
            } else if to - from > Duration::days(MAX_EVENT_DAYS) {
                errors.push(FieldError::said(
                    "end",
                    Phrase::new(
                        "invalid-event-too-long",
                        format!(
                            "an event lasts at most {MAX_EVENT_DAYS} days; use 'rrule' for a series"
                        ),
                    )
                    .count("max", usize::try_from(MAX_EVENT_DAYS).unwrap_or(usize::MAX)),
                ));
            }
        }
        let rrule = match rrule.map(|text| Recurrence::parse(text, zone)) {
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => {
                errors.push(e.under("rrule"));
                None
            }
            None => None,
        };
        if let (Some(rule), true) = (&rrule, errors.is_empty()) {
            if let Err(e) = rule.check_start(start) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let timing = Self {
            zone,
            start,
            end,
            rrule,
        };
        let starts = timing.local_starts().map_err(|e| vec![e.under("rrule")])?;
        // The first occurrence was checked above; a series may run past the last date.
        if let (Some(_), Some(last)) = (&timing.rrule, starts.last()) {
            let last_end = *last + (end - start);
            check_local(last_end).map_err(|e| {
                let start = format_local_datetime(*last);
                let english = format!(
                    "the series' last occurrence (starting {start}) ends after the last date \
                     tandem accepts: {}",
                    e.message
                );
                vec![FieldError::said(
                    "rrule",
                    with_reason(Phrase::new("event-series-too-late", english), "reason", &e)
                        .text("start", start),
                )]
            })?;
        }
        Ok(timing)
    }

    /// Rebuilds the timing of a stored event without refusing local times that a newer tz
    /// database has put in a gap: those follow the RFC 5545 rule, like any recurrence.
    pub fn stored(
        zone: Zone,
        start: NaiveDateTime,
        end: NaiveDateTime,
        rrule: Option<&str>,
    ) -> Result<Self, FieldError> {
        let rrule = rrule
            .map(|text| Recurrence::parse(text, zone).map_err(|e| e.under("rrule")))
            .transpose()?;
        Ok(Self {
            zone,
            start,
            end,
            rrule,
        })
    }

    /// The event's zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Local wall-clock start of the first occurrence.
    pub fn local_start(&self) -> NaiveDateTime {
        self.start
    }

    /// Local wall-clock end of the first occurrence.
    pub fn local_end(&self) -> NaiveDateTime {
        self.end
    }

    /// The recurrence rule, if the event repeats.
    pub fn rrule(&self) -> Option<&Recurrence> {
        self.rrule.as_ref()
    }

    /// The wall-clock length of every occurrence.
    pub fn wall_length(&self) -> Duration {
        self.end - self.start
    }

    /// The exact length of the first occurrence, which an occurrence keeps where its own
    /// wall-clock end would come at or before its start (DESIGN §4). For a stored event
    /// whose first occurrence a newer tz database has emptied, the wall-clock length.
    pub fn first_length(&self) -> Duration {
        let exact = self.zone.resolve(self.end) - self.zone.resolve(self.start);
        if exact > Duration::zero() {
            exact
        } else {
            self.wall_length().max(Duration::zero())
        }
    }

    /// The first occurrence as instants.
    pub fn first(&self) -> Interval {
        occurrence(self.zone, self.start, self.wall_length(), Duration::zero())
    }

    /// Wall-clock starts of every occurrence (just the start for a single event).
    fn local_starts(&self) -> Result<Vec<NaiveDateTime>, FieldError> {
        match &self.rrule {
            None => Ok(vec![self.start]),
            Some(rule) => rule.wall_clock_starts(self.start),
        }
    }

    /// Every occurrence with its wall-clock start, derived with the bundled tz database.
    /// None is dropped, except those of a series of no length at all (a single event is
    /// always its one occurrence).
    pub fn instances(&self) -> Result<Vec<Instance>, FieldError> {
        if self.rrule.is_none() {
            return Ok(vec![Instance {
                local_start: self.start,
                interval: self.first(),
            }]);
        }
        let (length, fallback) = (self.wall_length(), self.first_length());
        Ok(self
            .local_starts()?
            .into_iter()
            .map(|local_start| Instance {
                local_start,
                interval: occurrence(self.zone, local_start, length, fallback),
            })
            .filter(|i| !i.interval.is_empty())
            .collect())
    }

    /// Every occurrence as instants, derived with the bundled tz database.
    pub fn occurrences(&self) -> Result<Vec<Interval>, FieldError> {
        Ok(self.instances()?.into_iter().map(|i| i.interval).collect())
    }
}

/// A validated event, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    /// What it is called.
    pub title: Title,
    /// Free-text description.
    pub description: Option<String>,
    /// Meeting, workshop, …
    pub kind: EventKind,
    /// In person, virtual or hybrid.
    pub mode: EventMode,
    /// Proposed, confirmed or cancelled.
    pub status: EventStatus,
    /// The ITU region it serves.
    pub region: RegionCode,
    /// The study group or regional group it belongs to.
    pub group: Option<String>,
    /// Where it takes place.
    pub venue_id: Option<Uuid>,
    /// The room it holds.
    pub room_id: Option<Uuid>,
    /// When it happens.
    pub timing: EventTiming,
    /// The event it is held alongside.
    pub co_located_with: Option<Uuid>,
    /// Link for remote participation.
    pub remote_url: Option<String>,
    /// Who is expected.
    pub participants: Vec<Participant>,
}

/// A stored event (DESIGN §4): the draft as agreed, its revision, and the instants derived
/// from it with the tz database named. The store builds it from its rows; the API, the
/// pages, the feeds and the mail read it; a change is a [`crate::EventChange`] applied to
/// its draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its id (also the feed UID's stem: it never changes).
    pub id: Uuid,
    /// The event as agreed: title, kind, place, wall-clock timing, participants, …
    pub draft: EventDraft,
    /// iCalendar SEQUENCE: bumped on every change subscribers see.
    pub sequence: i64,
    /// Optimistic-concurrency version: bumped on every change.
    pub version: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The instants derived from the draft's timing.
    pub instants: EventInstants,
}

/// The instants of a stored event, derived from its wall-clock timing when it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInstants {
    /// First occurrence start (UTC).
    pub starts_at: DateTime<Utc>,
    /// First occurrence end (UTC).
    pub ends_at: DateTime<Utc>,
    /// End of the last occurrence (UTC).
    pub last_ends_at: DateTime<Utc>,
    /// tz database version the instants were derived with.
    pub tzdata_version: String,
}

impl Event {
    /// Its zone.
    pub fn zone(&self) -> Zone {
        self.draft.timing.zone()
    }

    /// Its title.
    pub fn title(&self) -> &str {
        self.draft.title.as_str()
    }

    /// Its status.
    pub fn status(&self) -> EventStatus {
        self.draft.status
    }

    /// Its first occurrence as instants.
    pub fn first(&self) -> Interval {
        Interval {
            start: self.instants.starts_at,
            end: self.instants.ends_at,
        }
    }

    /// Its RRULE as stored, if it recurs.
    pub fn rrule(&self) -> Option<&str> {
        self.draft.timing.rrule().map(Recurrence::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_local_datetime;

    fn l(s: &str) -> NaiveDateTime {
        parse_local_datetime(s).unwrap()
    }

    #[test]
    fn nonexistent_start_is_refused_by_field() {
        let z = Zone::parse("Europe/Zurich").unwrap();
        let errors =
            EventTiming::new(z, l("2027-03-28T02:30"), l("2027-03-28T04:00"), None).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "start");
        assert!(errors[0].message.contains("does not exist"));
    }

    #[test]
    fn end_before_start_is_refused() {
        let z = Zone::parse("Africa/Douala").unwrap();
        let errors =
            EventTiming::new(z, l("2027-03-10T09:00"), l("2027-03-10T08:00"), None).unwrap_err();
        assert_eq!(errors[0].field, "end");
    }

    #[test]
    fn ambiguous_end_is_its_first_occurrence() {
        // 02:30 happens twice in Zurich on 31 Oct 2027; the first is 00:30Z.
        let z = Zone::parse("Europe/Zurich").unwrap();
        let t = EventTiming::new(z, l("2027-10-31T01:00"), l("2027-10-31T02:30"), None).unwrap();
        assert_eq!(t.first().duration(), Duration::minutes(90));
    }

    #[test]
    fn two_day_meeting_in_yaounde() {
        let z = Zone::parse("Africa/Douala").unwrap();
        let t = EventTiming::new(z, l("2027-03-10T09:00"), l("2027-03-11T17:30"), None).unwrap();
        assert_eq!(t.first().start.to_rfc3339(), "2027-03-10T08:00:00+00:00");
        assert_eq!(t.first().end.to_rfc3339(), "2027-03-11T16:30:00+00:00");
    }

    #[test]
    fn bad_rule_is_named_under_rrule() {
        let z = Zone::UTC;
        let errors = EventTiming::new(
            z,
            l("2027-03-10T09:00"),
            l("2027-03-10T10:00"),
            Some("FREQ=WEEKLY"),
        )
        .unwrap_err();
        assert_eq!(errors[0].field, "rrule");
    }

    #[test]
    fn a_rule_rfc5545_forbids_is_an_error_of_rrule() {
        let errors = EventTiming::new(
            Zone::UTC,
            l("2027-03-10T09:00"),
            l("2027-03-10T10:00"),
            Some("FREQ=DAILY;INTERVAL=0;COUNT=3"),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "rrule");
        assert!(
            errors[0].message.contains("INTERVAL"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_start_off_the_rule_is_an_error_of_start() {
        // 2027-03-01 is a Monday.
        let errors = EventTiming::new(
            Zone::parse("Europe/Zurich").unwrap(),
            l("2027-03-01T09:00"),
            l("2027-03-01T10:00"),
            Some("FREQ=WEEKLY;BYDAY=TU;COUNT=3"),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "start");
    }

    /// DESIGN §4: an occurrence whose start falls in a DST gap is kept, starting at the §2
    /// instant and, where its wall-clock end would come at or before that, lasting as long
    /// as the first occurrence.
    #[test]
    fn occurrences_in_a_gap_are_kept_with_the_first_length() {
        for (tz, start, end, gap_day, gap_start, gap_end) in [
            (
                "Europe/Zurich",
                "2027-03-26T02:30",
                "2027-03-26T03:00",
                "2027-03-28",
                "2027-03-28T01:30:00+00:00",
                "2027-03-28T02:00:00+00:00",
            ),
            (
                "America/Santiago",
                "2027-09-03T00:30",
                "2027-09-03T01:00",
                "2027-09-05",
                "2027-09-05T04:30:00+00:00",
                "2027-09-05T05:00:00+00:00",
            ),
        ] {
            let zone = Zone::parse(tz).unwrap();
            let timing =
                EventTiming::new(zone, l(start), l(end), Some("FREQ=DAILY;COUNT=4")).unwrap();
            let instances = timing.instances().unwrap();
            assert_eq!(instances.len(), 4, "{tz}");
            let kept = instances
                .iter()
                .find(|i| i.local_start.date().to_string() == gap_day)
                .unwrap_or_else(|| panic!("{tz}: {gap_day} was dropped"));
            assert_eq!(kept.interval.start.to_rfc3339(), gap_start, "{tz}");
            assert_eq!(kept.interval.end.to_rfc3339(), gap_end, "{tz}");
            for i in &instances {
                assert_eq!(i.interval.duration(), Duration::minutes(30), "{tz}");
            }
        }
    }

    #[test]
    fn dates_outside_1990_to_2099_are_refused_by_field() {
        let z = Zone::parse("Africa/Douala").unwrap();
        for (start, end, field) in [
            ("0001-03-10T09:00", "2027-03-10T10:00", "start"),
            ("9999-03-10T09:00", "9999-03-10T10:00", "start"),
            ("1989-12-31T09:00", "1989-12-31T10:00", "start"),
            ("2099-12-31T09:00", "2100-01-01T10:00", "end"),
        ] {
            let errors = EventTiming::new(z, l(start), l(end), None).unwrap_err();
            assert_eq!(errors[0].field, field, "{start}");
            assert!(
                errors[0].message.contains("1990-01-01"),
                "{}",
                errors[0].message
            );
        }
        assert!(EventTiming::new(z, l("1990-01-01T00:00"), l("1990-01-01T01:00"), None).is_ok());
        assert!(EventTiming::new(z, l("2099-12-31T09:00"), l("2099-12-31T24:00"), None).is_ok());
        // A series whose occurrences run past the last date.
        let errors = EventTiming::new(
            z,
            l("2099-12-30T09:00"),
            l("2099-12-30T10:00"),
            Some("FREQ=DAILY;COUNT=3"),
        )
        .unwrap_err();
        assert_eq!(errors[0].field, "rrule");
        assert!(
            errors[0].message.contains("2100-01-01T09:00"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn wire_enums_round_trip() {
        for k in EventKind::ALL {
            assert_eq!(k.as_str().parse::<EventKind>().unwrap(), *k);
        }
        assert!("party"
            .parse::<EventKind>()
            .unwrap_err()
            .message
            .contains("meeting"));
        assert_eq!(
            "in_person".parse::<EventMode>().unwrap(),
            EventMode::InPerson
        );
    }

    #[test]
    fn titles_and_ids() {
        assert!(Title::parse("  ").is_err());
        assert_eq!(Title::parse(" SG3RG-AFR ").unwrap().as_str(), "SG3RG-AFR");
        assert!(ParticipantId::parse("p 17").is_err());
        assert!(ParticipantId::parse("p-17@itu.int").is_ok());
    }
}
