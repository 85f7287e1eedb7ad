//! Typed property values: DATE, DATE-TIME, PERIOD, DURATION, UTC-OFFSET and TEXT.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// Longest DURATION accepted, in days (a bit over 2,700 years); longer is an error.
const MAX_DURATION_DAYS: i64 = 1_000_000;

/// A DATE or DATE-TIME as written, before any zone is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawDate {
    /// `YYYYMMDD`.
    Date(NaiveDate),
    /// `YYYYMMDDTHHMMSS`, `utc` when it ends in `Z`.
    DateTime { local: NaiveDateTime, utc: bool },
}

/// Parses `YYYYMMDD` or `YYYYMMDDTHHMM[SS][Z]`.
pub(crate) fn parse_date_or_datetime(text: &str) -> Option<RawDate> {
    let text = text.trim();
    let (date_part, time_part) = match text.split_once(['T', 't']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let date = parse_date(date_part)?;
    let Some(time) = time_part else {
        return Some(RawDate::Date(date));
    };
    let (time, utc) = match time.strip_suffix(['Z', 'z']) {
        Some(t) => (t, true),
        None => (time, false),
    };
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { time.get(range)?.parse().ok() };
    let (hour, minute, second) = match time.len() {
        6 => (number(0..2)?, number(2..4)?, number(4..6)?),
        4 => (number(0..2)?, number(2..4)?, 0),
        _ => return None,
    };
    // A leap second (:60) is read as :59; `T240000` as midnight of the next day.
    let local = if hour == 24 && minute == 0 && second == 0 {
        date.succ_opt()?.and_time(NaiveTime::MIN)
    } else {
        date.and_time(NaiveTime::from_hms_opt(hour, minute, second.min(59))?)
    };
    Some(RawDate::DateTime { local, utc })
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text.get(0..4)?.parse().ok()?;
    let month: u32 = text.get(4..6)?.parse().ok()?;
    let day: u32 = text.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// An RFC 5545 duration: whole days and weeks are nominal (calendar days on the local
/// clock), hours/minutes/seconds exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct IcalDuration {
    /// Nominal days (weeks × 7 + days), signed.
    pub days: i64,
    /// Exact seconds, signed.
    pub seconds: i64,
}

impl IcalDuration {
    /// The nominal part as a chrono duration of whole days.
    pub fn nominal(self) -> Duration {
        Duration::days(self.days)
    }

    /// The exact part.
    pub fn exact(self) -> Duration {
        Duration::seconds(self.seconds)
    }

    /// Both parts as one span, for wall-clock arithmetic.
    pub fn total(self) -> Duration {
        self.nominal() + self.exact()
    }
}

/// Why a DURATION could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DurationError {
    Syntax,
    TooLong,
}

/// Parses `[+-]P[nW][nD][T[nH][nM][nS]]` (weeks may mix with other parts, as some
/// producers write).
pub(crate) fn parse_duration(text: &str) -> Result<IcalDuration, DurationError> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix(['P', 'p']).ok_or(DurationError::Syntax)?;
    let mut days: i64 = 0;
    let mut seconds: i64 = 0;
    let mut in_time = false;
    let mut number: Option<i64> = None;
    let mut any = false;
    for c in rest.chars() {
        if let Some(digit) = c.to_digit(10) {
            let n = number.unwrap_or(0);
            number = Some(
                n.checked_mul(10)
                    .and_then(|n| n.checked_add(i64::from(digit)))
                    .ok_or(DurationError::TooLong)?,
            );
            continue;
        }
        let unit = c.to_ascii_uppercase();
        if unit == 'T' {
            if number.is_some() || in_time {
                return Err(DurationError::Syntax);
            }
            in_time = true;
            continue;
        }
        let n = number.take().ok_or(DurationError::Syntax)?;
        any = true;
        let (target, factor) = match (unit, in_time) {
            ('W', false) => (&mut days, 7),
            ('D', false) => (&mut days, 1),
            ('H', true) => (&mut seconds, 3600),
            ('M', true) => (&mut seconds, 60),
            ('S', true) => (&mut seconds, 1),
            _ => return Err(DurationError::Syntax),
        };
        *target = n
            .checked_mul(factor)
            .and_then(|v| target.checked_add(v))
            .ok_or(DurationError::TooLong)?;
    }
    if number.is_some() || !any {
        return Err(DurationError::Syntax);
    }
    if days > MAX_DURATION_DAYS || seconds / 86_400 > MAX_DURATION_DAYS {
        return Err(DurationError::TooLong);
    }
    let sign = if negative { -1 } else { 1 };
    Ok(IcalDuration {
        days: days * sign,
        seconds: seconds * sign,
    })
}

/// Parses a UTC offset `+hhmm[ss]` into seconds east of UTC (hours below 24).
pub(crate) fn parse_utc_offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix('+') {
        Some(digits) => (1, digits),
        None => (-1, text.strip_prefix('-')?),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(0..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    let seconds: i32 = match digits.get(4..6) {
        Some(seconds) => seconds.parse().ok()?,
        None => 0,
    };
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// Unescapes a TEXT value (`\n`, `\,`, `\;`, `\\`).
pub(crate) fn unescape_text(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a list value at unescaped commas.
pub(crate) fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_date_times() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(parse_date_or_datetime("20240331"), Some(RawDate::Date(d)));
        assert_eq!(
            parse_date_or_datetime("20240331T023000Z"),
            Some(RawDate::DateTime {
                local: d.and_hms_opt(2, 30, 0).unwrap(),
                utc: true
            })
        );
        assert_eq!(
            parse_date_or_datetime("20240331T240000"),
            Some(RawDate::DateTime {
                local: d.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap(),
                utc: false
            })
        );
        assert_eq!(parse_date_or_datetime("20240230"), None);
        assert_eq!(parse_date_or_datetime("2024033"), None);
        assert_eq!(parse_date_or_datetime("20240331T2500"), None);
        assert_eq!(parse_date_or_datetime(""), None);
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("P1W2DT3H4M5S"),
            Ok(IcalDuration {
                days: 9,
                seconds: 3 * 3600 + 4 * 60 + 5
            })
        );
        assert_eq!(
            parse_duration("-PT15M"),
            Ok(IcalDuration {
                days: 0,
                seconds: -900
            })
        );
        assert_eq!(parse_duration("P"), Err(DurationError::Syntax));
        assert_eq!(parse_duration("PT1D"), Err(DurationError::Syntax));
        assert_eq!(parse_duration("1H"), Err(DurationError::Syntax));
        assert_eq!(
            parse_duration("P999999999999999999W"),
            Err(DurationError::TooLong)
        );
    }

    #[test]
    fn offsets_and_text() {
        assert_eq!(parse_utc_offset("+0530"), Some(19_800));
        assert_eq!(parse_utc_offset("-001530"), Some(-930));
        assert_eq!(parse_utc_offset("+5744"), None);
        assert_eq!(unescape_text(r"a\, b\; c\\n\nd"), "a, b; c\\n\nd");
    }
}
