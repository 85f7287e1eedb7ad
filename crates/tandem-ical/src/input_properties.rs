//! The value parsers that imported and inline calendars reach (a window search's `ics`, a
//! calendar fetched for import), over arbitrary strings (issue 12): none panics, and what
//! has a canonical spelling reads back the same.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use crate::rules::RuleSpec;
use crate::value::{
    parse_date_or_datetime, parse_duration, parse_utc_offset, split_list, unescape_text, RawDate,
};
use crate::zones::zone_by_name;

/// Text near the shapes these parsers expect, with multi-byte characters where a byte
/// index would split one.
fn text() -> impl Strategy<Value = String> {
    let near = prop::collection::vec(
        prop_oneof![
            4 => proptest::char::range('0', '9'),
            2 => prop::sample::select(vec!['T', 'Z', 'P', 'W', 'D', 'H', 'M', 'S', '+', '-', ';', '=', ',', '\\', ' ']),
            1 => prop::sample::select(vec!['é', 'ß', '🌍', '\u{feff}']),
        ],
        0..20,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>());
    prop_oneof![any::<String>(), near]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// DATE and DATE-TIME values: no text panics; every date-time on a second reads back.
    #[test]
    fn dates_and_date_times(text in text(), days in 0i64..60_000, seconds in 0i64..86_400, utc: bool) {
        let _ = parse_date_or_datetime(&text);
        let local = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + Duration::days(days) + Duration::seconds(seconds);
        let written = format!("{}{}", local.format("%Y%m%dT%H%M%S"), if utc { "Z" } else { "" });
        prop_assert_eq!(parse_date_or_datetime(&written), Some(RawDate::DateTime { local, utc }));
        let date = local.date();
        prop_assert_eq!(parse_date_or_datetime(&date.format("%Y%m%d").to_string()), Some(RawDate::Date(date)));
    }

    /// DURATION values: no text panics; a duration written in weeks, days and seconds
    /// reads back.
    #[test]
    fn durations(text in text(), weeks in 0i64..100, days in 0i64..7, seconds in 0i64..86_400, negative: bool) {
        let _ = parse_duration(&text);
        let written = format!("{}P{weeks}W{days}DT{seconds}S", if negative { "-" } else { "" });
        let parsed = parse_duration(&written).unwrap();
        let sign = if negative { -1 } else { 1 };
        prop_assert_eq!(parsed.days, sign * (weeks * 7 + days));
        prop_assert_eq!(parsed.seconds, sign * seconds);
    }

    /// UTC offsets: no text panics; every offset within a day reads back.
    #[test]
    fn utc_offsets(text in text(), offset in -86_399i32..86_400) {
        let _ = parse_utc_offset(&text);
        let a = offset.abs();
        let written = format!("{}{:02}{:02}{:02}", if offset < 0 { '-' } else { '+' }, a / 3600, a / 60 % 60, a % 60);
        prop_assert_eq!(parse_utc_offset(&written), Some(offset));
    }

    /// TEXT and lists: no text panics, and text without a backslash is kept as it is.
    #[test]
    fn text_values(text in text()) {
        let unescaped = unescape_text(&text);
        if !text.contains('\\') {
            prop_assert_eq!(unescaped, text.clone());
        }
        prop_assert!(split_list(&text).all(|item| !item.is_empty()));
    }

    /// Zone names (TZID): no text panics.
    #[test]
    fn zone_names(text in text()) {
        let _ = zone_by_name(&text);
    }

    /// RRULE values: no text panics in parsing, checking or expanding, and expansion stays
    /// within its bounds.
    #[test]
    fn rules(text in prop_oneof![text(), "FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY|SECONDLY)(;(COUNT|INTERVAL|BYDAY|BYMONTHDAY|BYSETPOS|UNTIL)=[-+0-9A-Z,]{0,9}){0,3}"]) {
        let first = NaiveDateTime::parse_from_str("2027-03-10T09:00", "%Y-%m-%dT%H:%M").unwrap();
        if let Ok(Some(rule)) = RuleSpec::parse(&text) {
            let _ = rule.check(first);
            let starts = rule.wall_clock(first, None, first, first + Duration::days(800), 50);
            prop_assert!(starts.len() <= 50);
            prop_assert!(starts.iter().all(|s| *s >= first && *s <= first + Duration::days(800)));
        }
    }
}
