//! Every file of `shared/corpus/ics` yields occurrences or a `ParseError` naming its line,
//! and never a panic.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use tandem_core::{Interval, Zone};

/// Files that cannot be understood, and the line tandem-ical names.
const REJECTED: &[(&str, usize)] = &[
    ("allenporter__invalid_missing_colon.ics", 2),
    ("allenporter__invalid_unterminated_quoted_param.ics", 2),
    ("collective__exchange_tokyo_standard_time_bad_end.ics", 23),
    ("collective__fuzz_vtimezone_control_chars.ics", 3),
    ("collective__many_empty_vevents.ics", 1),
    ("collective__overflowing_duration.ics", 8),
    ("collective__tzurl_fiji_vtimezone_rdates.ics", 49),
    (
        "collective__vtimezone_after_vevent_forward_reference.ics",
        5,
    ),
    ("collective__vtimezone_rdate_posix_vaduz.ics", 53),
    ("rie__bad_rrule_typo_untl.ics", 9),
];

fn wide_range() -> Interval {
    Interval::new(
        "1990-01-01T00:00:00Z".parse().expect("instant"),
        "2040-01-01T00:00:00Z".parse().expect("instant"),
    )
    .expect("range")
}

#[test]
fn every_file_parses_or_names_the_line_and_nothing_panics() {
    let owners = ["Europe/Zurich", "Pacific/Apia", "America/St_Johns"];
    let mut panicked = Vec::new();
    let mut wrong = Vec::new();
    let mut accepted = 0;
    for path in common::corpus_files() {
        let name = common::name(&path);
        let bytes = std::fs::read(&path).expect("readable corpus file");
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            tandem_ical::parse(&bytes).map(|calendar| {
                let mut total = 0;
                for owner in owners {
                    let zone = Zone::parse(owner).expect("zone");
                    total += calendar.occurrences(zone, wide_range()).len();
                    total += calendar.busy(zone, wide_range()).len();
                }
                (calendar.event_count(), total)
            })
        }));
        let expected_line = REJECTED.iter().find(|(f, _)| *f == name).map(|(_, l)| *l);
        match (outcome, expected_line) {
            (Err(_), _) => panicked.push(name),
            (Ok(Ok(_)), None) => accepted += 1,
            (Ok(Err(e)), Some(line)) => {
                let text = e.to_string();
                if e.line != Some(line) || !text.starts_with(&format!("line {line}: ")) {
                    wrong.push(format!(
                        "{name}: expected an error on line {line}, got '{text}'"
                    ));
                }
            }
            (Ok(Err(e)), None) => wrong.push(format!("{name}: unexpected error '{e}'")),
            (Ok(Ok(_)), Some(line)) => {
                wrong.push(format!(
                    "{name}: accepted, expected an error on line {line}"
                ));
            }
        }
    }
    assert!(panicked.is_empty(), "panicked on: {panicked:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(accepted >= 60, "only {accepted} files accepted");
}

#[test]
fn real_feeds_expand_to_what_their_authors_meant() {
    let read = |name: &str| {
        let path = common::corpus_dir().join(name);
        tandem_ical::parse(&std::fs::read(path).expect("corpus file")).expect("parses")
    };
    let zurich = Zone::parse("Europe/Zurich").expect("zone");

    // Google, America/Chicago: a weekly 08:15 keeps its wall-clock time across DST.
    let chicago = read("rie__issue_48_google_chicago_dst_exdate.ics");
    let local = Zone::parse("America/Chicago").expect("zone");
    let series: Vec<_> = chicago
        .occurrences(zurich, wide_range())
        .into_iter()
        .filter(|o| o.uid == "c4p6@google.com")
        .collect();
    assert!(series.len() > 100, "{}", series.len());
    assert!(series
        .iter()
        .all(|o| local.local(o.start).format("%H:%M").to_string() == "08:15"));
    let utc_hours: std::collections::BTreeSet<String> = series
        .iter()
        .map(|o| o.start.format("%H:%M").to_string())
        .collect();
    assert_eq!(utc_hours.len(), 2, "CST and CDT: {utc_hours:?}");

    // Outlook 12 holiday feed: 159 all-day events, each one local day in the owner's zone.
    let holidays = read("rie__outlook12_officeholidays_germany.ics");
    assert_eq!(holidays.event_count(), 159);
    let days = holidays.occurrences(zurich, wide_range());
    assert!(days.iter().all(|o| o.all_day && o.end > o.start));

    // RFC 7986 names and refresh intervals.
    let named = read("collective__rfc7986_name_refresh_color_source.ics");
    assert!(named.name().is_some());
    assert!(named.refresh_interval().is_some());
}
