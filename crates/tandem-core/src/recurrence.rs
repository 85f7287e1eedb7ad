//! Recurrence rules of tandem's own events, expanded in local wall-clock time.
//!
//! RFC 5545 repeats an event on the *local* clock of its zone: a weekly 09:00 meeting in
//! Geneva stays at 09:00 across DST changes. So the rule is expanded on wall-clock times
//! (given to the `rrule` crate as if they were UTC, where no DST exists) and each local
//! occurrence is then turned into instants by the time model (§2), gap and overlap rules
//! included. This sidesteps the `rrule` crate's own handling of nonexistent local times.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rrule::RRuleSet;

use crate::time::{Interval, Zone};
use crate::validation::FieldError;

/// Most occurrences one recurring event may have.
pub const MAX_OCCURRENCES: usize = 500;

/// A validated, bounded RRULE (`FREQ=WEEKLY;BYDAY=TU;COUNT=10`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recurrence {
    rule: String,
    wall_clock_rule: String,
    published_rule: String,
}

impl Recurrence {
    /// Validates `text` (with or without the `RRULE:` prefix) for an event in `zone`.
    ///
    /// The rule must repeat daily, weekly, monthly or yearly and end (COUNT or UNTIL):
    /// tandem stores every occurrence so that the database can refuse double bookings.
    pub fn parse(text: &str, zone: Zone) -> Result<Self, FieldError> {
        let body = text.trim();
        let body = body
            .strip_prefix("RRULE:")
            .or_else(|| body.strip_prefix("rrule:"))
            .unwrap_or(body)
            .to_ascii_uppercase();
        if body.is_empty() {
            return Err(FieldError::new(
                "",
                "an empty rule: leave 'rrule' null for a single event",
            ));
        }
        let mut freq = None;
        let mut bounded = false;
        let mut parts = Vec::new();
        let mut published = Vec::new();
        for part in body.split(';') {
            let (key, value) = part.split_once('=').ok_or_else(|| {
                FieldError::new("", format!("'{part}' is not a KEY=VALUE part of an RRULE"))
            })?;
            match key {
                "FREQ" => freq = Some(value.to_owned()),
                "COUNT" => {
                    bounded = true;
                    if value.parse::<usize>().is_ok_and(|n| n > MAX_OCCURRENCES) {
                        return Err(FieldError::new(
                            "",
                            format!("COUNT={value}: the rule gives more than {MAX_OCCURRENCES} occurrences; split the series"),
                        ));
                    }
                }
                "UNTIL" => {
                    bounded = true;
                    let local = until_as_wall_clock(value, zone)?;
                    parts.push(format!("UNTIL={}", local.format("%Y%m%dT%H%M%SZ")));
                    published.push(format!(
                        "UNTIL={}",
                        zone.resolve(local).format("%Y%m%dT%H%M%SZ")
                    ));
                    continue;
                }
                _ => {}
            }
            parts.push(part.to_owned());
            published.push(part.to_owned());
        }
        match freq.as_deref() {
            Some("DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY") => {}
            Some(other) => {
                return Err(FieldError::new(
                    "",
                    format!("FREQ={other} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY"),
                ))
            }
            None => return Err(FieldError::new("", "the rule has no FREQ")),
        }
        if !bounded {
            return Err(FieldError::new(
                "",
                "the rule must end: add COUNT or UNTIL (tandem stores every occurrence)",
            ));
        }
        let recurrence = Recurrence {
            rule: body,
            wall_clock_rule: parts.join(";"),
            published_rule: published.join(";"),
        };
        // Parsing once validates the syntax the crate accepts; counting waits for a start.
        recurrence.set(NaiveDateTime::default())?;
        Ok(recurrence)
    }

    /// The rule as given, uppercased and without the `RRULE:` prefix.
    pub fn as_str(&self) -> &str {
        &self.rule
    }

    /// The rule as RFC 5545 wants it beside a DTSTART with TZID: UNTIL in UTC.
    pub fn published(&self) -> &str {
        &self.published_rule
    }

    /// Local start times of every occurrence, the first being `first` itself.
    pub fn wall_clock_starts(
        &self,
        first: NaiveDateTime,
    ) -> Result<Vec<NaiveDateTime>, FieldError> {
        let set = self.set(first)?;
        let limit = u16::try_from(MAX_OCCURRENCES + 1).unwrap_or(u16::MAX);
        let result = set.all(limit);
        let mut starts: Vec<NaiveDateTime> = result
            .dates
            .iter()
            .map(|d| d.with_timezone(&Utc).naive_utc())
            .collect();
        if starts.first() != Some(&first) {
            // RFC 5545: DTSTART is always the first instance, matching the rule or not.
            starts.insert(0, first);
            starts.dedup();
        }
        if starts.len() > MAX_OCCURRENCES {
            return Err(FieldError::new(
                "",
                format!("the rule gives more than {MAX_OCCURRENCES} occurrences; split the series"),
            ));
        }
        Ok(starts)
    }
}

impl Recurrence {
    fn set(&self, first: NaiveDateTime) -> Result<RRuleSet, FieldError> {
        let text = format!(
            "DTSTART:{}\nRRULE:{}",
            first.format("%Y%m%dT%H%M%SZ"),
            self.wall_clock_rule
        );
        text.parse()
            .map_err(|e| FieldError::new("", format!("invalid rule: {e}")))
    }
}

/// Turns an UNTIL value into the wall-clock time of `zone` it stands for.
fn until_as_wall_clock(value: &str, zone: Zone) -> Result<NaiveDateTime, FieldError> {
    let bad = || {
        FieldError::new(
            "",
            format!("UNTIL={value} is not a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)"),
        )
    };
    if let Some(utc) = value.strip_suffix('Z') {
        let naive = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        return Ok(zone.local(DateTime::<Utc>::from_naive_utc_and_offset(naive, Utc)));
    }
    if value.len() == 8 {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        return Ok(date.and_time(NaiveTime::MIN) + Duration::days(1) - Duration::seconds(1));
    }
    // A local UNTIL violates RFC 5545 for a zoned start; read it on the same wall clock.
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())
}

/// The instants of one occurrence that starts at wall-clock `start` and lasts `length` of
/// wall-clock time in `zone`.
pub fn occurrence(zone: Zone, start: NaiveDateTime, length: Duration) -> Interval {
    let from = zone.resolve(start);
    let to = zone.resolve(start + length);
    Interval::new(from, to).unwrap_or(Interval {
        start: from,
        end: from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_local_datetime;

    fn zone(n: &str) -> Zone {
        Zone::parse(n).unwrap()
    }

    #[test]
    fn weekly_keeps_local_time_across_dst() {
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("FREQ=WEEKLY;COUNT=3", z).unwrap();
        let first = parse_local_datetime("2027-03-22T09:00").unwrap();
        let starts = r.wall_clock_starts(first).unwrap();
        assert_eq!(starts.len(), 3);
        let instants: Vec<_> = starts
            .iter()
            .map(|s| occurrence(z, *s, Duration::hours(1)).start.to_rfc3339())
            .collect();
        assert_eq!(
            instants,
            vec![
                "2027-03-22T08:00:00+00:00",
                "2027-03-29T07:00:00+00:00",
                "2027-04-05T07:00:00+00:00"
            ]
        );
    }

    #[test]
    fn occurrence_in_a_gap_moves_by_the_rfc_rule() {
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("RRULE:FREQ=DAILY;COUNT=3", z).unwrap();
        let first = parse_local_datetime("2027-03-27T02:30").unwrap();
        let starts = r.wall_clock_starts(first).unwrap();
        let second = occurrence(z, starts[1], Duration::minutes(30));
        // 02:30 on 28 March does not exist: offset before the gap (+01:00) applies.
        assert_eq!(second.start.to_rfc3339(), "2027-03-28T01:30:00+00:00");
    }

    #[test]
    fn until_in_utc_is_read_on_the_local_clock() {
        let z = zone("Asia/Kathmandu");
        // 03:15Z on 12 Jan is 09:00 local: the 12th is included.
        let r = Recurrence::parse("FREQ=DAILY;UNTIL=20270112T031500Z", z).unwrap();
        let first = parse_local_datetime("2027-01-10T09:00").unwrap();
        assert_eq!(r.wall_clock_starts(first).unwrap().len(), 3);
    }

    #[test]
    fn published_rules_carry_until_in_utc() {
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("FREQ=WEEKLY;UNTIL=20270420;BYDAY=TU", z).unwrap();
        // The last instant of 20 April in Zurich (CEST, +02:00).
        assert_eq!(r.published(), "FREQ=WEEKLY;UNTIL=20270420T215959Z;BYDAY=TU");
        let r = Recurrence::parse("FREQ=DAILY;COUNT=3", z).unwrap();
        assert_eq!(r.published(), "FREQ=DAILY;COUNT=3");
    }

    #[test]
    fn unbounded_and_unsupported_rules_are_refused() {
        let z = Zone::UTC;
        assert!(Recurrence::parse("FREQ=WEEKLY", z)
            .unwrap_err()
            .message
            .contains("COUNT or UNTIL"));
        assert!(Recurrence::parse("FREQ=MINUTELY;COUNT=3", z).is_err());
        assert!(Recurrence::parse("FREQ=WEEKLY;COUNT=x", z).is_err());
        assert!(Recurrence::parse("BYDAY=MO;COUNT=3", z).is_err());
        assert!(Recurrence::parse("FREQ=DAILY;COUNT=100000", z)
            .unwrap_err()
            .message
            .contains("more than"));
        let daily = Recurrence::parse("FREQ=DAILY;UNTIL=20300101", z).unwrap();
        let first = parse_local_datetime("2027-01-01T09:00").unwrap();
        assert!(daily
            .wall_clock_starts(first)
            .unwrap_err()
            .message
            .contains("more than"));
    }

    #[test]
    fn dtstart_is_always_the_first_instance() {
        let z = Zone::UTC;
        // 2027-03-10 is a Wednesday; the rule asks for Mondays.
        let r = Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;COUNT=2", z).unwrap();
        let first = parse_local_datetime("2027-03-10T09:00").unwrap();
        let starts = r.wall_clock_starts(first).unwrap();
        assert_eq!(starts[0], first);
    }
}
