//! Recurrence rules of tandem's own events, read strictly and expanded in local wall-clock
//! time (DESIGN §4, "Recurrence").
//!
//! Every client reads the published RRULE itself, so a rule is held to RFC 5545 §3.3.10 as
//! written: a rule part the RFC forbids (`INTERVAL=0`, an out-of-range BYxxx value, a BYxxx
//! part with a FREQ it may not follow, COUNT with UNTIL) is refused here, by hand, because the
//! `rrule` crate is lenient about some of them (it expands `INTERVAL=0` to nothing and reads
//! `BYDAY=1MO` with `FREQ=WEEKLY`). A start that is not itself an occurrence, and an UNTIL
//! before the start, are refused by [`Recurrence::check_start`] where a person typed them.
//!
//! RFC 5545 repeats an event on the *local* clock of its zone: a weekly 09:00 meeting in
//! Geneva stays at 09:00 across DST changes. So the rule is expanded on wall-clock times
//! (given to the `rrule` crate as if they were UTC, where no DST exists) and each local
//! occurrence is then turned into instants by the time model (§2), gap and overlap rules
//! included ([`occurrence`]). This sidesteps the `rrule` crate's own handling of nonexistent
//! local times; the crate runs behind `catch_unwind`, so a panic in it on some pathological
//! rule is an error, never a crash.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::TimeZone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rrule::{RRule, RRuleSet, Unvalidated};

use crate::phrase::Phrase;
use crate::time::{check_local, format_local_datetime, Interval, Zone};
use crate::validation::FieldError;

/// Most occurrences one recurring event may have.
pub const MAX_OCCURRENCES: usize = 500;

/// A validated, bounded RRULE (`FREQ=WEEKLY;BYDAY=TU;COUNT=10`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recurrence {
    rule: String,
    wall_clock_rule: String,
    published_rule: String,
    count: Option<usize>,
    /// UNTIL on the zone's wall clock.
    until: Option<NaiveDateTime>,
}

/// The frequencies tandem stores (every occurrence is a row, so nothing finer than a day).
const FREQUENCIES: [&str; 4] = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn rule_error(phrase: Phrase) -> FieldError {
    FieldError::said("", phrase)
}

/// `phrase` with the sentence of `inner` as its value `name`: the inner phrase where it has
/// one, else its English.
pub(crate) fn with_reason(phrase: Phrase, name: &'static str, inner: &FieldError) -> Phrase {
    match &inner.phrase {
        Some(reason) => phrase.list(name, vec![reason.clone()]),
        None => phrase.text(name, inner.message.clone()),
    }
}

/// An integer written as RFC 5545 writes them: ASCII digits, with a sign where `signed`.
fn integer(text: &str, signed: bool) -> Option<i64> {
    let digits = if signed {
        text.strip_prefix(['+', '-']).unwrap_or(text)
    } else {
        text
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = digits.parse().ok()?;
    Some(if text.starts_with('-') { -value } else { value })
}

/// Checks a comma-separated list of numbers `low..=high` (with their negatives and no zero
/// when `signed`), as BYMONTHDAY and its kind are written.
fn check_numbers(
    key: &str,
    value: &str,
    signed: bool,
    low: u16,
    high: u16,
) -> Result<(), FieldError> {
    let allowed = i64::from(low)..=i64::from(high);
    for item in value.split(',') {
        let ok = integer(item, signed)
            .is_some_and(|n| allowed.contains(&n) || (signed && allowed.contains(&-n)));
        if !ok {
            let (id, range) = if signed {
                (
                    "rule-signed-number-out-of-range",
                    format!("{low} to {high} or -{high} to -{low}"),
                )
            } else {
                ("rule-number-out-of-range", format!("{low} to {high}"))
            };
            return Err(rule_error(
                Phrase::new(
                    id,
                    format!("{key}={value}: '{item}' is out of range; RFC 5545 allows {range}"),
                )
                .text("key", key)
                .text("value", value)
                .text("item", item)
                .number("low", low)
                .number("high", high),
            ));
        }
    }
    Ok(())
}

/// Checks BYDAY: weekdays, each with an optional ordinal 1 to 53 (or its negative), which
/// RFC 5545 allows only with FREQ=MONTHLY, or YEARLY without BYWEEKNO.
fn check_weekdays(value: &str, ordinals_allowed: bool) -> Result<(), FieldError> {
    for item in value.split(',') {
        let code_at = item.len().saturating_sub(2);
        let (ordinal, code) = item.split_at_checked(code_at).unwrap_or(("", item));
        if !WEEKDAYS.contains(&code) {
            return Err(rule_error(
                Phrase::new(
                    "rule-byday-not-weekday",
                    format!(
                        "BYDAY={value}: '{item}' is not a weekday (MO, TU, WE, TH, FR, SA, SU, \
                         optionally after an ordinal such as 1MO or -1FR)"
                    ),
                )
                .text("value", value)
                .text("item", item),
            ));
        }
        if ordinal.is_empty() {
            continue;
        }
        if !integer(ordinal, true).is_some_and(|n| n != 0 && n.abs() <= 53) {
            return Err(rule_error(
                Phrase::new(
                    "rule-byday-ordinal-range",
                    format!(
                        "BYDAY={value}: '{item}' has an ordinal out of range; RFC 5545 allows 1 \
                         to 53 or -53 to -1"
                    ),
                )
                .text("value", value)
                .text("item", item),
            ));
        }
        if !ordinals_allowed {
            return Err(rule_error(
                Phrase::new(
                    "rule-byday-ordinal-freq",
                    format!(
                        "BYDAY={value}: an ordinal weekday ('{item}') is allowed only with \
                         FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO (RFC 5545 §3.3.10)"
                    ),
                )
                .text("value", value)
                .text("item", item),
            ));
        }
    }
    Ok(())
}

/// Holds the parts of a rule (uppercased, UNTIL included) to RFC 5545 §3.3.10.
fn check_parts(parts: &[(&str, &str)]) -> Result<(), FieldError> {
    for (i, (key, value)) in parts.iter().enumerate() {
        if parts.iter().take(i).any(|(k, _)| k == key) {
            return Err(rule_error(
                Phrase::new(
                    "rule-part-twice",
                    format!("{key} is given twice; each rule part may appear once"),
                )
                .text("key", *key),
            ));
        }
        if value.is_empty() {
            return Err(rule_error(
                Phrase::new("rule-part-empty", format!("{key} has no value")).text("key", *key),
            ));
        }
    }
    let get = |name: &str| parts.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let freq = match get("FREQ") {
        Some(freq) if FREQUENCIES.contains(&freq) => freq,
        Some(other) => {
            return Err(rule_error(
                Phrase::new(
                    "rule-freq-unsupported",
                    format!("FREQ={other} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY"),
                )
                .text("value", other),
            ))
        }
        None => {
            return Err(rule_error(Phrase::new(
                "rule-freq-missing",
                "the rule has no FREQ",
            )))
        }
    };
    let only_with = |key: &str, allowed: &[&str]| {
        if get(key).is_some() && !allowed.contains(&freq) {
            Err(rule_error(
                Phrase::new(
                    "rule-part-not-with-freq",
                    format!("{key} may not be used with FREQ={freq} (RFC 5545 §3.3.10)"),
                )
                .text("key", key)
                .text("freq", freq),
            ))
        } else {
            Ok(())
        }
    };
    for (key, value) in parts {
        match *key {
            "FREQ" | "UNTIL" => {}
            "COUNT" => {
                if integer(value, false).is_none_or(|n| n < 1) {
                    return Err(rule_error(
                        Phrase::new(
                            "rule-count-invalid",
                            format!("COUNT={value}: the count must be a whole number from 1"),
                        )
                        .text("value", *value),
                    ));
                }
                if integer(value, false)
                    .and_then(|n| usize::try_from(n).ok())
                    .is_some_and(|n| n > MAX_OCCURRENCES)
                {
                    return Err(rule_error(
                        Phrase::new(
                            "rule-count-too-many",
                            format!(
                                "COUNT={value}: the rule gives more than {MAX_OCCURRENCES} \
                                 occurrences; split the series"
                            ),
                        )
                        .text("value", *value)
                        .count("max", MAX_OCCURRENCES),
                    ));
                }
            }
            "INTERVAL" => {
                if integer(value, false).is_none_or(|n| n < 1) {
                    return Err(rule_error(
                        Phrase::new(
                            "rule-interval-invalid",
                            format!(
                                "INTERVAL={value}: the interval must be a whole number from 1 \
                                 (RFC 5545 §3.3.10)"
                            ),
                        )
                        .text("value", *value),
                    ));
                }
            }
            "BYSECOND" => check_numbers(key, value, false, 0, 60)?,
            "BYMINUTE" => check_numbers(key, value, false, 0, 59)?,
            "BYHOUR" => check_numbers(key, value, false, 0, 23)?,
            "BYMONTHDAY" => check_numbers(key, value, true, 1, 31)?,
            "BYYEARDAY" | "BYSETPOS" => check_numbers(key, value, true, 1, 366)?,
            "BYWEEKNO" => check_numbers(key, value, true, 1, 53)?,
            "BYMONTH" => check_numbers(key, value, false, 1, 12)?,
            "BYDAY" => {
                let ordinals = freq == "MONTHLY" || (freq == "YEARLY" && get("BYWEEKNO").is_none());
                check_weekdays(value, ordinals)?;
            }
            "WKST" => {
                if !WEEKDAYS.contains(value) {
                    return Err(rule_error(
                        Phrase::new(
                            "rule-wkst-invalid",
                            format!("WKST={value} is not a weekday (MO, TU, WE, TH, FR, SA, SU)"),
                        )
                        .text("value", *value),
                    ));
                }
            }
            other => {
                return Err(rule_error(
                    Phrase::new(
                        "rule-part-unknown",
                        format!("'{other}' is not an RFC 5545 rule part"),
                    )
                    .text("key", other),
                ))
            }
        }
    }
    only_with("BYMONTHDAY", &["DAILY", "MONTHLY", "YEARLY"])?;
    only_with("BYYEARDAY", &["YEARLY"])?;
    only_with("BYWEEKNO", &["YEARLY"])?;
    let by_parts = parts
        .iter()
        .filter(|(k, _)| k.starts_with("BY") && *k != "BYSETPOS")
        .count();
    if get("BYSETPOS").is_some() && by_parts == 0 {
        return Err(rule_error(Phrase::new(
            "rule-bysetpos-alone",
            "BYSETPOS needs another BYxxx rule part to select from (RFC 5545 §3.3.10)",
        )));
    }
    match (get("COUNT"), get("UNTIL")) {
        (Some(_), Some(_)) => Err(rule_error(Phrase::new(
            "rule-count-and-until",
            "COUNT and UNTIL may not both be given (RFC 5545 §3.3.10): keep one",
        ))),
        (None, None) => Err(rule_error(Phrase::new(
            "rule-unbounded",
            "the rule must end: add COUNT or UNTIL (tandem stores every occurrence)",
        ))),
        _ => Ok(()),
    }
}

impl Recurrence {
    /// Validates `text` (with or without the `RRULE:` prefix) for an event in `zone`.
    ///
    /// The rule must follow RFC 5545 §3.3.10 strictly, repeat daily, weekly, monthly or
    /// yearly and end (COUNT or UNTIL): tandem stores every occurrence so that the database
    /// can refuse double bookings. UNTIL may be a UTC date-time (as RFC 5545 wants beside a
    /// zoned start) or, for convenience, a date or a local date-time; it is published in UTC.
    pub fn parse(text: &str, zone: Zone) -> Result<Self, FieldError> {
        let body = text.trim();
        let body = body
            .strip_prefix("RRULE:")
            .or_else(|| body.strip_prefix("rrule:"))
            .unwrap_or(body)
            .to_ascii_uppercase();
        if body.is_empty() {
            return Err(rule_error(Phrase::new(
                "rule-empty",
                "an empty rule: leave 'rrule' null for a single event",
            )));
        }
        let mut parts = Vec::new();
        for part in body.split(';') {
            let (key, value) = part.split_once('=').ok_or_else(|| {
                rule_error(
                    Phrase::new(
                        "rule-part-malformed",
                        format!("'{part}' is not a KEY=VALUE part of an RRULE"),
                    )
                    .text("part", part),
                )
            })?;
            parts.push((key, value));
        }
        check_parts(&parts)?;
        let mut wall_clock = Vec::new();
        let mut published = Vec::new();
        let mut until = None;
        let mut count = None;
        for (key, value) in &parts {
            match *key {
                "UNTIL" => {
                    let local = until_as_wall_clock(value, zone)?;
                    until = Some(local);
                    wall_clock.push(format!("UNTIL={}", local.format("%Y%m%dT%H%M%SZ")));
                    published.push(format!(
                        "UNTIL={}",
                        zone.resolve(local).format("%Y%m%dT%H%M%SZ")
                    ));
                    continue;
                }
                "COUNT" => count = value.parse().ok(),
                _ => {}
            }
            wall_clock.push(format!("{key}={value}"));
            published.push(format!("{key}={value}"));
        }
        let recurrence = Recurrence {
            wall_clock_rule: wall_clock.join(";"),
            published_rule: published.join(";"),
            rule: body,
            count,
            until,
        };
        // Parsing once checks what the crate itself accepts; counting waits for a start.
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

    /// Checks the rule against the local start a person gave for the series: an UNTIL
    /// before it, or outside the dates of DESIGN §2, is an error of `rrule`; a start that is
    /// not itself an occurrence of the rule (a Monday with `BYDAY=TU`) is an error of `start`,
    /// since clients disagree about such a series (RFC 5545 counts the start as the first
    /// instance; ical.js and others drop it).
    pub fn check_start(&self, first: NaiveDateTime) -> Result<(), FieldError> {
        if let Some(until) = self.until {
            if until < first {
                let (until, start) = (format_local_datetime(until), format_local_datetime(first));
                return Err(FieldError::said(
                    "rrule",
                    Phrase::new(
                        "rule-until-before-start",
                        format!(
                            "UNTIL ({until}) is before the start ({start}): the series would have \
                             no occurrence"
                        ),
                    )
                    .text("until", until)
                    .text("start", start),
                ));
            }
            check_local(until).map_err(|e| {
                FieldError::said(
                    "rrule",
                    with_reason(
                        Phrase::new("rule-until-out-of-bounds", format!("UNTIL: {}", e.message)),
                        "reason",
                        &e,
                    ),
                )
            })?;
        }
        let generated = self.generated(first, 1)?;
        if generated.first() != Some(&first) {
            let start = format_local_datetime(first);
            let english = format!(
                "{start} (a {}) is not an occurrence of the rule {}: start the series on its first \
                 occurrence",
                first.format("%A"),
                self.rule,
            );
            let phrase = match generated.first() {
                Some(d) => {
                    let occurrence = format_local_datetime(*d);
                    Phrase::new(
                        "rule-start-not-occurrence",
                        format!("{english} ({occurrence})"),
                    )
                    .text("first", occurrence)
                }
                None => Phrase::new("rule-start-not-occurrence-none", english),
            };
            return Err(FieldError::said(
                "start",
                phrase
                    .text("start", start)
                    // The day with its weekday, as CLDR writes them in the reader's language.
                    .date("day", first.date())
                    .text("rule", self.rule.clone()),
            ));
        }
        Ok(())
    }

    /// Local start times of every occurrence, the first being `first` itself.
    ///
    /// For a start that is not an occurrence of the rule (refused by [`Self::check_start`],
    /// but possible in an event stored before that check), RFC 5545 is followed: the start is
    /// the first instance, and counts towards COUNT.
    pub fn wall_clock_starts(
        &self,
        first: NaiveDateTime,
    ) -> Result<Vec<NaiveDateTime>, FieldError> {
        let mut starts = self.generated(first, MAX_OCCURRENCES + 1)?;
        if starts.first() != Some(&first) {
            starts.insert(0, first);
            if let Some(count) = self.count {
                starts.truncate(count);
            }
        }
        if starts.len() > MAX_OCCURRENCES {
            return Err(rule_error(
                Phrase::new(
                    "rule-too-many-occurrences",
                    format!(
                        "the rule gives more than {MAX_OCCURRENCES} occurrences; split the series"
                    ),
                )
                .count("max", MAX_OCCURRENCES),
            ));
        }
        Ok(starts)
    }
}

impl Recurrence {
    /// At most `limit` starts the rule generates from `first`, on the wall clock.
    fn generated(
        &self,
        first: NaiveDateTime,
        limit: usize,
    ) -> Result<Vec<NaiveDateTime>, FieldError> {
        let rule = guarded(|| self.wall_clock_rule.parse::<RRule<Unvalidated>>())
            .and_then(Result::ok)
            .ok_or_else(|| self.unreadable())?;
        expand_wall_clock(&rule, first, None, None, limit).map_err(|_| {
            rule_error(
                Phrase::new(
                    "rule-unexpandable",
                    format!("the rule {} cannot be expanded", self.rule),
                )
                .text("rule", self.rule.clone()),
            )
        })
    }

    fn set(&self, first: NaiveDateTime) -> Result<RRuleSet, FieldError> {
        let text = format!(
            "DTSTART:{}\nRRULE:{}",
            first.format("%Y%m%dT%H%M%SZ"),
            self.wall_clock_rule
        );
        guarded(|| text.parse::<RRuleSet>())
            .ok_or_else(|| self.unreadable())?
            .map_err(|e| {
                rule_error(
                    Phrase::new("rule-invalid", format!("invalid rule: {e}"))
                        .text("reason", e.to_string()),
                )
            })
    }

    /// The rule cannot be read by the `rrule` crate.
    fn unreadable(&self) -> FieldError {
        rule_error(
            Phrase::new(
                "rule-unreadable",
                format!("the rule {} cannot be read", self.rule),
            )
            .text("rule", self.rule.clone()),
        )
    }
}

/// Runs third-party recurrence code so that a panic in it becomes `None`: tandem never
/// panics on a rule a person typed, nor on one in an imported calendar.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// A wall-clock time as the `rrule` crate is given it: as if it were UTC, where no DST
/// exists (see the module's documentation).
pub fn as_rrule_time(local: NaiveDateTime) -> DateTime<rrule::Tz> {
    rrule::Tz::UTC.from_utc_datetime(&local)
}

/// The wall-clock recurrence of RFC 5545, the one expansion of tandem's own events and of
/// imported calendars: the starts `rule` generates from wall-clock `first`, with `until`
/// (when given) in place of the rule's own, up to `stop` (inclusive) and at most `max`.
/// A rule the crate refuses for this start gives `Err` with its reason; a panic in the
/// crate gives `Err` too, never a crash.
pub fn expand_wall_clock(
    rule: &RRule<Unvalidated>,
    first: NaiveDateTime,
    until: Option<NaiveDateTime>,
    stop: Option<NaiveDateTime>,
    max: usize,
) -> Result<Vec<NaiveDateTime>, String> {
    let start = as_rrule_time(first);
    let mut rule = rule.clone();
    if let Some(until) = until {
        rule = rule.until(as_rrule_time(until));
    }
    guarded(|| {
        let rule = rule.validate(start).map_err(|e| e.to_string())?;
        let set = RRuleSet::new(start).rrule(rule).limit();
        Ok(set
            .into_iter()
            .map(|d| d.naive_utc())
            .take_while(|d| stop.is_none_or(|stop| *d <= stop))
            .take(max)
            .collect())
    })
    .unwrap_or_else(|| Err("the rule cannot be expanded".to_owned()))
}

/// Turns an UNTIL value into the wall-clock time of `zone` it stands for.
fn until_as_wall_clock(value: &str, zone: Zone) -> Result<NaiveDateTime, FieldError> {
    let bad = || {
        rule_error(
            Phrase::new(
                "rule-until-invalid",
                format!(
                    "UNTIL={value} is not a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)"
                ),
            )
            .text("value", value),
        )
    };
    if let Some(utc) = value.strip_suffix('Z') {
        let naive = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        return Ok(zone.local(DateTime::<Utc>::from_naive_utc_and_offset(naive, Utc)));
    }
    if value.len() == 8 {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        let last_second = NaiveTime::from_hms_opt(23, 59, 59).ok_or_else(bad)?;
        return Ok(date.and_time(last_second));
    }
    // A local UNTIL violates RFC 5545 for a zoned start; read it on the same wall clock.
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())
}

/// The instants of one occurrence that starts at wall-clock `start` and lasts `length` of
/// wall-clock time in `zone` (DESIGN §4).
///
/// Both ends follow the RFC 5545 rules of §2. Where the end would then come at or before
/// the start (the start fell in a DST gap and moved forward past its own end), the
/// occurrence keeps `fallback`, the exact length of the series' first occurrence, instead
/// of vanishing: an occurrence is never dropped.
pub fn occurrence(
    zone: Zone,
    start: NaiveDateTime,
    length: Duration,
    fallback: Duration,
) -> Interval {
    let from = zone.resolve(start);
    let to = zone.resolve(start + length);
    if to > from {
        return Interval {
            start: from,
            end: to,
        };
    }
    Interval {
        start: from,
        end: from + fallback.max(Duration::zero()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_local_datetime;

    fn zone(n: &str) -> Zone {
        Zone::parse(n).unwrap()
    }

    fn l(s: &str) -> NaiveDateTime {
        parse_local_datetime(s).unwrap()
    }

    #[test]
    fn weekly_keeps_local_time_across_dst() {
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("FREQ=WEEKLY;COUNT=3", z).unwrap();
        let first = l("2027-03-22T09:00");
        let starts = r.wall_clock_starts(first).unwrap();
        assert_eq!(starts.len(), 3);
        let hour = Duration::hours(1);
        let instants: Vec<_> = starts
            .iter()
            .map(|s| occurrence(z, *s, hour, hour).start.to_rfc3339())
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
        let first = l("2027-03-27T02:30");
        let starts = r.wall_clock_starts(first).unwrap();
        let half_hour = Duration::minutes(30);
        let second = occurrence(z, starts[1], Duration::minutes(90), half_hour);
        // 02:30 on 28 March does not exist: offset before the gap (+01:00) applies.
        assert_eq!(second.start.to_rfc3339(), "2027-03-28T01:30:00+00:00");
        // 04:00 exists (CEST): the occurrence runs to it.
        assert_eq!(second.end.to_rfc3339(), "2027-03-28T02:00:00+00:00");
    }

    #[test]
    fn an_occurrence_whose_end_would_precede_its_start_keeps_the_first_length() {
        // Daily 02:30-03:00 in Zurich: on 28 March 02:30 is 01:30Z and 03:00 is 01:00Z.
        let z = zone("Europe/Zurich");
        let half_hour = Duration::minutes(30);
        let o = occurrence(z, l("2027-03-28T02:30"), half_hour, half_hour);
        assert_eq!(o.start.to_rfc3339(), "2027-03-28T01:30:00+00:00");
        assert_eq!(o.end.to_rfc3339(), "2027-03-28T02:00:00+00:00");
    }

    #[test]
    fn until_in_utc_is_read_on_the_local_clock() {
        let z = zone("Asia/Kathmandu");
        // 03:15Z on 12 Jan is 09:00 local: the 12th is included.
        let r = Recurrence::parse("FREQ=DAILY;UNTIL=20270112T031500Z", z).unwrap();
        let first = l("2027-01-10T09:00");
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
        let first = l("2027-01-01T09:00");
        assert!(daily
            .wall_clock_starts(first)
            .unwrap_err()
            .message
            .contains("more than"));
    }

    /// Rules RFC 5545 §3.3.10 forbids, each refused with a message naming the part.
    #[test]
    fn rules_rfc5545_forbids_are_refused() {
        let z = Zone::UTC;
        for (rule, named) in [
            ("FREQ=DAILY;INTERVAL=0;COUNT=3", "INTERVAL"),
            ("FREQ=DAILY;INTERVAL=-1;COUNT=3", "INTERVAL"),
            ("FREQ=DAILY;COUNT=0", "COUNT"),
            ("FREQ=DAILY;COUNT=3;UNTIL=20270401", "COUNT and UNTIL"),
            ("FREQ=DAILY;COUNT=3;COUNT=4", "twice"),
            ("FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3", "BYMONTHDAY"),
            ("FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3", "BYMONTHDAY"),
            ("FREQ=YEARLY;BYMONTH=13;COUNT=3", "BYMONTH"),
            ("FREQ=YEARLY;BYMONTH=0;COUNT=3", "BYMONTH"),
            ("FREQ=DAILY;BYHOUR=24;COUNT=3", "BYHOUR"),
            ("FREQ=DAILY;BYMINUTE=60;COUNT=3", "BYMINUTE"),
            ("FREQ=DAILY;BYSECOND=61;COUNT=3", "BYSECOND"),
            ("FREQ=YEARLY;BYYEARDAY=367;COUNT=3", "BYYEARDAY"),
            ("FREQ=YEARLY;BYWEEKNO=54;COUNT=3", "BYWEEKNO"),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0;COUNT=3", "BYSETPOS"),
            ("FREQ=MONTHLY;BYSETPOS=1;COUNT=3", "BYSETPOS"),
            ("FREQ=MONTHLY;BYDAY=54MO;COUNT=3", "BYDAY"),
            ("FREQ=MONTHLY;BYDAY=XX;COUNT=3", "BYDAY"),
            ("FREQ=WEEKLY;BYDAY=1MO;COUNT=3", "BYDAY"),
            ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO;COUNT=3", "BYDAY"),
            ("FREQ=WEEKLY;BYMONTHDAY=1;COUNT=3", "BYMONTHDAY"),
            ("FREQ=MONTHLY;BYYEARDAY=1;COUNT=3", "BYYEARDAY"),
            ("FREQ=MONTHLY;BYWEEKNO=1;COUNT=3", "BYWEEKNO"),
            ("FREQ=WEEKLY;WKST=XX;COUNT=3", "WKST"),
            ("FREQ=WEEKLY;BYDAY=;COUNT=3", "BYDAY"),
            ("FREQ=WEEKLY;FOO=1;COUNT=3", "FOO"),
        ] {
            let error = Recurrence::parse(rule, z)
                .err()
                .unwrap_or_else(|| panic!("{rule} was accepted"));
            assert!(error.message.contains(named), "{rule}: {}", error.message);
        }
        for rule in [
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3",
            "FREQ=YEARLY;BYDAY=20MO;COUNT=3",
            "FREQ=YEARLY;BYWEEKNO=10;BYDAY=MO;COUNT=3",
            "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1;COUNT=3",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=SU;COUNT=4",
        ] {
            assert!(Recurrence::parse(rule, z).is_ok(), "{rule} was refused");
        }
    }

    #[test]
    fn a_start_that_is_not_an_occurrence_is_an_error_of_start() {
        let z = Zone::UTC;
        // 2027-03-01 is a Monday; the rule asks for Tuesdays.
        let r = Recurrence::parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3", z).unwrap();
        let error = r.check_start(l("2027-03-01T09:00")).unwrap_err();
        assert_eq!(error.field, "start");
        assert!(error.message.contains("Monday"), "{}", error.message);
        assert!(
            error.message.contains("2027-03-02T09:00"),
            "{}",
            error.message
        );
        assert!(r.check_start(l("2027-03-02T09:00")).is_ok());
        // A stored series with such a start follows RFC 5545: the start counts as the first.
        let starts = r.wall_clock_starts(l("2027-03-01T09:00")).unwrap();
        assert_eq!(
            starts,
            [
                l("2027-03-01T09:00"),
                l("2027-03-02T09:00"),
                l("2027-03-09T09:00")
            ]
        );
    }

    /// The errors of a rule and of a venue are phrases (DESIGN §16), their English as before.
    #[test]
    fn rule_and_venue_errors_carry_their_phrase() {
        use crate::phrase::PhraseArg;
        let text = |s: &str| PhraseArg::Text(s.to_owned());
        let error = Recurrence::parse("FREQ=DAILY;INTERVAL=0;COUNT=3", Zone::UTC).unwrap_err();
        let phrase = error.phrase.clone().expect("a phrase");
        assert_eq!(phrase.id(), "rule-interval-invalid");
        assert_eq!(phrase.args(), [("value", text("0"))]);
        assert_eq!(
            error.message,
            "INTERVAL=0: the interval must be a whole number from 1 (RFC 5545 §3.3.10)"
        );
        assert_eq!(phrase.english(), error.message);

        let error = crate::venue::CountryCode::parse("CMR").unwrap_err();
        let phrase = error.phrase.clone().expect("a phrase");
        assert_eq!(phrase.id(), "venue-country-invalid");
        assert_eq!(phrase.args(), [("value", text("CMR"))]);
        assert_eq!(
            error.message,
            "invalid country 'CMR': expected an ISO 3166-1 alpha-2 code such as 'CM'"
        );

        // An inner error's phrase is a value of the outer one, and the weekday a phrase too.
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("FREQ=YEARLY;UNTIL=99991231", z).unwrap();
        let phrase = r.check_start(l("2027-03-10T09:00")).unwrap_err().phrase;
        let phrase = phrase.expect("a phrase");
        assert_eq!(phrase.id(), "rule-until-out-of-bounds");
        let [("reason", PhraseArg::List(reasons))] = phrase.args() else {
            panic!("{:?}", phrase.args());
        };
        assert_eq!(reasons[0].id(), "invalid-date-bounds");
        let r = Recurrence::parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3", Zone::UTC).unwrap();
        let error = r.check_start(l("2027-03-01T09:00")).unwrap_err();
        let phrase = error.phrase.expect("a phrase");
        assert_eq!(phrase.id(), "rule-start-not-occurrence");
        assert_eq!(phrase.english(), error.message);
        assert!(phrase.args().contains(&(
            "day",
            PhraseArg::Date(chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap())
        )));
    }

    #[test]
    fn until_before_the_start_or_out_of_bounds_is_an_error_of_rrule() {
        let z = zone("Europe/Zurich");
        let r = Recurrence::parse("FREQ=DAILY;UNTIL=20270301", z).unwrap();
        let error = r.check_start(l("2027-03-10T09:00")).unwrap_err();
        assert_eq!(error.field, "rrule");
        assert!(
            error.message.contains("before the start"),
            "{}",
            error.message
        );
        let r = Recurrence::parse("FREQ=YEARLY;UNTIL=99991231", z).unwrap();
        let error = r.check_start(l("2027-03-10T09:00")).unwrap_err();
        assert_eq!(error.field, "rrule");
        assert!(error.message.contains("2099-12-31"), "{}", error.message);
    }
}
