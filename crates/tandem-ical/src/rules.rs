//! RRULE values, expanded on the wall clock.
//!
//! RFC 5545 repeats an event on the local clock of its zone, so a rule is expanded on
//! naive wall-clock times (handed to the `rrule` crate as if they were UTC, where no DST
//! exists) and every local start is turned into an instant afterwards by the zone's
//! RFC 5545 rules. The general case is `tandem_core::recurrence::expand_wall_clock`; it keeps
//! occurrences at nonexistent local times (which the `rrule` crate drops when it works
//! in a real zone) and keeps wall-clock time across DST.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use rrule::{RRule, Unvalidated};
use tandem_core::recurrence::{as_rrule_time, expand_wall_clock, guarded};

use crate::value::{parse_date_or_datetime, RawDate};

/// A parsed RRULE, UNTIL kept apart: its wall-clock value depends on the zone the
/// series is read in, which for floating series is known only at expansion.
#[derive(Clone, Debug)]
pub(crate) struct RuleSpec {
    recurrence: Recurrence,
    /// UNTIL as written.
    pub until: Option<RawDate>,
}

/// How a rule is expanded.
#[derive(Clone, Debug)]
enum Recurrence {
    /// DAILY or WEEKLY with at most INTERVAL, COUNT, plain BYDAY and WKST: the shape of
    /// nearly every real series, expanded here by date arithmetic (and skipped ahead to
    /// the range), which is many times faster than the general engine.
    Simple(SimpleRule),
    /// Anything else, by the `rrule` crate.
    General(Box<RRule<Unvalidated>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SimpleRule {
    weekly: bool,
    interval: u16,
    count: Option<u32>,
    /// BYDAY as a bit set (bit 0 = Monday); `None` when absent.
    days: Option<u8>,
    week_start: Weekday,
}

const KNOWN_PARTS: [&str; 14] = [
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
];

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

impl SimpleRule {
    /// The simple shape of a rule's parts (UNTIL removed), when it has it.
    fn from_parts(parts: &[&str]) -> Option<Self> {
        let mut rule = SimpleRule {
            weekly: false,
            interval: 1,
            count: None,
            days: None,
            week_start: Weekday::Mon,
        };
        let mut freq = false;
        for part in parts {
            let (key, value) = part.split_once('=')?;
            match key {
                "FREQ" => {
                    rule.weekly = match value {
                        "DAILY" => false,
                        "WEEKLY" => true,
                        _ => return None,
                    };
                    freq = true;
                }
                "INTERVAL" => rule.interval = value.parse().ok().filter(|i| *i > 0)?,
                "COUNT" => rule.count = Some(value.parse().ok()?),
                "WKST" => rule.week_start = weekday(value)?,
                "BYDAY" => {
                    let mut mask = 0;
                    for code in value.split(',') {
                        mask |= bit(weekday(code)?);
                    }
                    rule.days = Some(mask);
                }
                _ => return None,
            }
        }
        freq.then_some(rule)
    }

    /// Wall-clock starts, see [`RuleSpec::wall_clock`].
    fn expand(
        self,
        first: NaiveDateTime,
        until: Option<NaiveDateTime>,
        from: NaiveDateTime,
        stop: NaiveDateTime,
        max: usize,
    ) -> Vec<NaiveDateTime> {
        let time = first.time();
        let days = match (self.days, self.weekly) {
            (Some(days), _) => days,
            (None, true) => bit(first.weekday()),
            (None, false) => 0x7f,
        };
        // Periods are days (DAILY) or weeks starting on WKST (WEEKLY).
        let period_days = if self.weekly { 7 } else { 1 } * i64::from(self.interval);
        let base: NaiveDate = if self.weekly {
            let back = (7 + first.weekday().num_days_from_monday()
                - self.week_start.num_days_from_monday())
                % 7;
            first.date() - Duration::days(i64::from(back))
        } else {
            first.date()
        };
        // Without COUNT nothing before `from` matters: start at the period holding it.
        let mut period: i64 = if self.count.is_none() && from.date() > base {
            ((from.date() - base).num_days() / period_days - 1).max(0)
        } else {
            0
        };
        let mut remaining = self.count;
        let mut out = Vec::new();
        loop {
            let Some(start) = period
                .checked_mul(period_days)
                .and_then(|d| base.checked_add_signed(Duration::try_days(d)?))
            else {
                return out;
            };
            for offset in 0..if self.weekly { 7 } else { 1 } {
                let Some(date) = start.checked_add_signed(Duration::days(offset)) else {
                    return out;
                };
                let local = date.and_time(time);
                // Checked before the day filter: a rule whose days never come
                // (`FREQ=DAILY;INTERVAL=7;BYDAY=TU` from a Monday) must still end.
                if local > stop || until.is_some_and(|u| local > u) || out.len() >= max {
                    return out;
                }
                if days & bit(date.weekday()) == 0 || local < first {
                    continue;
                }
                if let Some(left) = remaining.as_mut() {
                    if *left == 0 {
                        return out;
                    }
                    *left -= 1;
                }
                if local >= from {
                    out.push(local);
                }
            }
            period += 1;
        }
    }
}

impl RuleSpec {
    /// Parses an RRULE value. `Ok(None)` for an empty value (`RRULE:`, written by some
    /// holiday feeds), which repeats nothing.
    ///
    /// Tolerated: spaces (`BYDAY=MO, TU`), TEXT escapes (`FREQ=DAILY\;UNTIL=…`), lower
    /// case, X- parts, `RSCALE=GREGORIAN`, a negative COUNT (read as no COUNT, as some
    /// producers mean it). Refused: an unknown part (`UNTL=…`), a bad value.
    pub fn parse(value: &str) -> Result<Option<Self>, String> {
        let cleaned: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\\')
            .collect::<String>()
            .to_ascii_uppercase();
        let mut parts = Vec::new();
        let mut until = None;
        for part in cleaned.split(';').filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(format!("RRULE part '{part}' is not KEY=VALUE"));
            };
            match key {
                "UNTIL" => {
                    until = Some(parse_date_or_datetime(value).ok_or_else(|| {
                        format!("RRULE UNTIL={value} is not a date or date-time")
                    })?);
                }
                "COUNT" if value.starts_with('-') => {}
                "RSCALE" if value == "GREGORIAN" => {}
                "SKIP" => {}
                _ if key.starts_with("X-") => {}
                _ if KNOWN_PARTS.contains(&key) => parts.push(part),
                _ => return Err(format!("RRULE part '{key}' is not an RFC 5545 rule part")),
            }
        }
        if parts.is_empty() && until.is_none() {
            return Ok(None);
        }
        if let Some(simple) = SimpleRule::from_parts(&parts) {
            return Ok(Some(Self {
                recurrence: Recurrence::Simple(simple),
                until,
            }));
        }
        Ok(Some(Self {
            recurrence: Recurrence::General(Box::new(general(&parts.join(";"), value)?)),
            until,
        }))
    }

    /// Checks the rule against its first start (ranges of BY parts and the like).
    pub fn check(&self, first: NaiveDateTime) -> Result<(), String> {
        let Recurrence::General(rule) = &self.recurrence else {
            return Ok(());
        };
        let start = as_rrule_time(first);
        guarded(|| (**rule).clone().validate(start))
            .ok_or_else(|| "RRULE cannot be expanded".to_owned())?
            .map(|_| ())
            .map_err(|e| format!("RRULE: {e}"))
    }

    /// Wall-clock starts of the rule from `first` (included only when it matches the rule)
    /// until `until` (inclusive) and no later than `stop`, at most `max` generated. Starts
    /// before `from` may be left out (a rule with COUNT still counts them).
    ///
    /// An UNTIL before `first` gives nothing.
    pub fn wall_clock(
        &self,
        first: NaiveDateTime,
        until: Option<NaiveDateTime>,
        from: NaiveDateTime,
        stop: NaiveDateTime,
        max: usize,
    ) -> Vec<NaiveDateTime> {
        if until.is_some_and(|u| u < first) {
            return Vec::new();
        }
        match &self.recurrence {
            Recurrence::Simple(rule) => rule.expand(first, until, from, stop, max),
            Recurrence::General(rule) => general_expand(rule, first, until, stop, max),
        }
    }
}

fn general(text: &str, original: &str) -> Result<RRule<Unvalidated>, String> {
    guarded(|| text.parse::<RRule<Unvalidated>>())
        .ok_or_else(|| format!("RRULE '{}' cannot be read", original.trim()))?
        .map_err(|e| format!("RRULE '{}': {e}", original.trim()))
}

fn general_expand(
    rule: &RRule<Unvalidated>,
    first: NaiveDateTime,
    until: Option<NaiveDateTime>,
    stop: NaiveDateTime,
    max: usize,
) -> Vec<NaiveDateTime> {
    expand_wall_clock(rule, first, until, Some(stop), max).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn tolerant_syntax() {
        let rule = RuleSpec::parse(r"FREQ=DAILY\;UNTIL=20150722T080000Z\;BYDAY=MO, TU, WE")
            .unwrap()
            .unwrap();
        assert!(rule.until.is_some());
        assert!(RuleSpec::parse("").unwrap().is_none());
        assert!(RuleSpec::parse("FREQ=WEEKLY;COUNT=-1").unwrap().is_some());
        let e = RuleSpec::parse("FREQ=WEEKLY;BYDAY=TH;UNTL=20191023").unwrap_err();
        assert!(e.contains("UNTL"), "{e}");
        assert!(RuleSpec::parse("FREQ=SOMETIMES").is_err());
    }

    fn simple_and_general(text: &str) -> (SimpleRule, RRule<Unvalidated>) {
        let parts: Vec<&str> = text.split(';').collect();
        (
            SimpleRule::from_parts(&parts).expect("a simple rule"),
            general(text, text).expect("a valid rule"),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The fast path gives exactly what the `rrule` crate gives for the same rule, and
        /// skipping ahead to `from` only drops starts before it.
        #[test]
        fn simple_rules_agree_with_the_rrule_crate(
            weekly in proptest::bool::ANY,
            interval in 1u16..10,
            count in proptest::option::of(0u32..40),
            days in proptest::option::of(1u8..128),
            week_start in 0usize..7,
            first_day in 0i64..4000,
            minute in 0i64..1440,
            until_days in proptest::option::of(0i64..300),
            from_days in 0i64..200,
        ) {
            const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
            let mut text = format!("FREQ={};INTERVAL={interval}", if weekly { "WEEKLY" } else { "DAILY" });
            if let Some(count) = count {
                write!(text, ";COUNT={count}").expect("writing to a String");
            }
            if let Some(mask) = days {
                let codes: Vec<&str> = (0..7).filter(|i| mask & (1 << i) != 0).map(|i| CODES[i]).collect();
                write!(text, ";BYDAY={}", codes.join(",")).expect("writing to a String");
            }
            write!(text, ";WKST={}", CODES[week_start]).expect("writing to a String");
            let (simple, general_rule) = simple_and_general(&text);
            let first = t("2020-01-01T00:00") + Duration::days(first_day) + Duration::minutes(minute);
            let until = until_days.map(|d| first + Duration::days(d) + Duration::minutes(7));
            let stop = first + Duration::days(400);
            let reference = general_expand(&general_rule, first, until, stop, 10_000);
            proptest::prop_assert_eq!(&simple.expand(first, until, first, stop, 10_000), &reference, "{}", text);
            let from = first + Duration::days(from_days);
            let tail: Vec<_> = reference.iter().copied().filter(|d| *d >= from).collect();
            proptest::prop_assert_eq!(simple.expand(first, until, from, stop, 10_000), tail, "{} from {}", text, from);
        }
    }

    #[test]
    fn a_rule_whose_days_never_come_ends() {
        let rule = RuleSpec::parse("FREQ=DAILY;INTERVAL=7;BYDAY=TU")
            .unwrap()
            .unwrap();
        // 2027-03-01 is a Monday: every seventh day is a Monday again.
        let first = t("2027-03-01T09:00");
        assert!(rule
            .wall_clock(first, None, first, t("2100-01-01T00:00"), 1000)
            .is_empty());
    }

    #[test]
    fn wall_clock_expansion_is_bounded() {
        let rule = RuleSpec::parse("FREQ=DAILY").unwrap().unwrap();
        let starts = rule.wall_clock(
            t("2027-03-27T02:30"),
            None,
            t("2027-03-27T02:30"),
            t("2027-03-29T23:00"),
            100,
        );
        assert_eq!(
            starts,
            vec![
                t("2027-03-27T02:30"),
                t("2027-03-28T02:30"),
                t("2027-03-29T02:30")
            ]
        );
        assert_eq!(
            rule.wall_clock(
                t("2027-03-27T02:30"),
                None,
                t("2027-03-27T02:30"),
                t("2030-01-01T00:00"),
                5
            )
            .len(),
            5
        );
        assert!(rule
            .wall_clock(
                t("2027-03-27T02:30"),
                Some(t("2027-03-01T00:00")),
                t("2027-03-27T02:30"),
                t("2030-01-01T00:00"),
                5
            )
            .is_empty());
    }
}
