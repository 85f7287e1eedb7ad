//! The tricky semantics of DESIGN §2–§3 on small inline calendars.

use chrono::{DateTime, Utc};
use tandem_core::{Interval, Zone};
use tandem_ical::{parse, ImportedCalendar, Occurrence};

fn calendar(body: &str) -> ImportedCalendar {
    let text =
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n");
    parse(text.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("RFC 3339 instant")
}

fn range(from: &str, to: &str) -> Interval {
    Interval::new(at(from), at(to)).expect("range")
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).expect("zone")
}

fn spans(occurrences: &[Occurrence]) -> Vec<String> {
    occurrences
        .iter()
        .map(|o| {
            format!(
                "{}/{}",
                o.start.format("%Y-%m-%dT%H:%MZ"),
                o.end.format("%Y-%m-%dT%H:%MZ")
            )
        })
        .collect()
}

fn year_2027() -> Interval {
    range("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")
}

#[test]
fn a_daily_event_inside_the_dst_gap_takes_the_offset_before_it() {
    // Zurich springs forward 2027-03-28 02:00 -> 03:00: 02:30 does not exist that day.
    let c = calendar(
        "BEGIN:VEVENT\nUID:gap\nDTSTART;TZID=Europe/Zurich:20270327T023000\n\
         DTEND;TZID=Europe/Zurich:20270327T033000\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n",
    );
    let got = c.occurrences(zone("UTC"), year_2027());
    assert_eq!(
        spans(&got),
        vec![
            "2027-03-27T01:30Z/2027-03-27T02:30Z",
            // 02:30 read with +01:00 (before the gap), i.e. 03:30 CEST; one exact hour.
            "2027-03-28T01:30Z/2027-03-28T02:30Z",
            "2027-03-29T00:30Z/2027-03-29T01:30Z",
        ]
    );
}

#[test]
fn an_ambiguous_time_at_fall_back_is_its_first_occurrence() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:overlap\nDTSTART;TZID=Europe/Zurich:20271031T023000\n\
         DURATION:PT30M\nEND:VEVENT\n",
    );
    assert_eq!(
        spans(&c.occurrences(zone("UTC"), year_2027())),
        vec!["2027-10-31T00:30Z/2027-10-31T01:00Z"]
    );
}

#[test]
fn weekly_events_keep_their_wall_clock_time_across_dst() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=America/New_York:20270301T090000\n\
         DTEND;TZID=America/New_York:20270301T100000\nRRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT\n",
    );
    assert_eq!(
        spans(&c.occurrences(zone("UTC"), year_2027())),
        vec![
            "2027-03-01T14:00Z/2027-03-01T15:00Z",
            "2027-03-08T14:00Z/2027-03-08T15:00Z",
            "2027-03-15T13:00Z/2027-03-15T14:00Z",
        ]
    );
}

#[test]
fn exdate_value_date_removes_timed_occurrences_on_that_local_date() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:x\nDTSTART;TZID=Asia/Tokyo:20270104T233000\nDURATION:PT1H\n\
         RRULE:FREQ=DAILY;COUNT=4\nEXDATE;VALUE=DATE:20270105\nEND:VEVENT\n",
    );
    // 23:30 Tokyo is 14:30Z the same day; the 5th (Tokyo) goes, whatever the UTC date.
    assert_eq!(
        spans(&c.occurrences(zone("Europe/Zurich"), year_2027())),
        vec![
            "2027-01-04T14:30Z/2027-01-04T15:30Z",
            "2027-01-06T14:30Z/2027-01-06T15:30Z",
            "2027-01-07T14:30Z/2027-01-07T15:30Z",
        ]
    );
}

#[test]
fn exdate_date_times_in_utc_match_zoned_occurrences() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:x\nDTSTART;TZID=Europe/Berlin:20270104T090000\nDURATION:PT1H\n\
         RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20270105T080000Z,20270106T090000Z\nEND:VEVENT\n",
    );
    // The second EXDATE is 10:00 Berlin, no occurrence: nothing else is removed.
    assert_eq!(
        spans(&c.occurrences(zone("UTC"), year_2027())),
        vec![
            "2027-01-04T08:00Z/2027-01-04T09:00Z",
            "2027-01-06T08:00Z/2027-01-06T09:00Z",
        ]
    );
}

#[test]
fn this_and_future_moves_every_later_instance() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:t\nSUMMARY:old\nDTSTART:20270104T100000Z\nDTEND:20270104T110000Z\n\
         RRULE:FREQ=DAILY;COUNT=5\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:t\nSUMMARY:new\nRECURRENCE-ID;RANGE=THISANDFUTURE:20270106T100000Z\n\
         DTSTART:20270106T140000Z\nDTEND:20270106T143000Z\nSEQUENCE:1\nEND:VEVENT\n",
    );
    let got = c.occurrences(zone("UTC"), year_2027());
    assert_eq!(
        spans(&got),
        vec![
            "2027-01-04T10:00Z/2027-01-04T11:00Z",
            "2027-01-05T10:00Z/2027-01-05T11:00Z",
            "2027-01-06T14:00Z/2027-01-06T14:30Z",
            "2027-01-07T14:00Z/2027-01-07T14:30Z",
            "2027-01-08T14:00Z/2027-01-08T14:30Z",
        ]
    );
    let summaries: Vec<_> = got
        .iter()
        .map(|o| o.summary.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(summaries, vec!["old", "old", "new", "new", "new"]);
}

#[test]
fn overrides_replace_instances_once_and_exdate_removes_them() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:o\nDTSTART;VALUE=DATE:20270104\nRRULE:FREQ=DAILY;COUNT=4\n\
         EXDATE;VALUE=DATE:20270107\nSEQUENCE:2\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;VALUE=DATE:20270105\nDTSTART;VALUE=DATE:20270115\n\
         SEQUENCE:0\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;VALUE=DATE:20270105\nDTSTART;VALUE=DATE:20270115\n\
         SEQUENCE:0\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;VALUE=DATE:20270107\nDTSTART;VALUE=DATE:20270120\n\
         END:VEVENT\n",
    );
    // The override of the 5th has a lower SEQUENCE than the master and still applies, once;
    // the override of the 7th is gone with the EXDATE of the newer master.
    let days: Vec<_> = c
        .occurrences(zone("UTC"), year_2027())
        .iter()
        .map(|o| o.start.format("%m-%d").to_string())
        .collect();
    assert_eq!(days, vec!["01-04", "01-06", "01-15"]);
}

#[test]
fn of_two_masters_with_one_uid_the_higher_sequence_wins() {
    let master = |sequence: u8, count: u8| {
        format!(
            "BEGIN:VEVENT\nUID:m\nSEQUENCE:{sequence}\nDTSTART:20270104T100000Z\n\
             DURATION:PT1H\nRRULE:FREQ=DAILY;COUNT={count}\nEND:VEVENT\n"
        )
    };
    let c = calendar(&format!("{}{}", master(3, 2), master(1, 5)));
    assert_eq!(c.event_count(), 2);
    assert_eq!(c.occurrences(zone("UTC"), year_2027()).len(), 2);
}

#[test]
fn windows_and_vendor_tzids_map_to_iana_zones() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=W. Europe Standard Time:20270704T090000\n\
         DURATION:PT1H\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:p\nDTSTART;TZID=Pacific Standard Time:20270704T090000\n\
         DURATION:PT1H\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:m\nDTSTART;TZID=/mozilla.org/20050126_1/Asia/Kolkata:20270704T090000\n\
         DURATION:PT1H\nEND:VEVENT\n",
    );
    let starts: Vec<_> = c
        .occurrences(zone("UTC"), year_2027())
        .iter()
        .map(|o| (o.uid.clone(), o.start.format("%H:%M").to_string()))
        .collect();
    assert!(starts.contains(&("w".into(), "07:00".into())), "{starts:?}");
    assert!(starts.contains(&("p".into(), "16:00".into())), "{starts:?}");
    assert!(starts.contains(&("m".into(), "03:30".into())), "{starts:?}");
}

#[test]
fn a_custom_vtimezone_is_honoured_and_an_unknown_tzid_is_floating() {
    // "Mars Base" is no known zone: its rules say +05:00, with +06:00 in July.
    let c = calendar(
        "BEGIN:VTIMEZONE\nTZID:Mars Base\nBEGIN:STANDARD\nDTSTART:20000801T000000\n\
         RRULE:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=1\nTZOFFSETFROM:+0600\nTZOFFSETTO:+0500\n\
         END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:20000701T000000\n\
         RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1\nTZOFFSETFROM:+0500\nTZOFFSETTO:+0600\n\
         END:DAYLIGHT\nEND:VTIMEZONE\n\
         BEGIN:VEVENT\nUID:jan\nDTSTART;TZID=Mars Base:20270110T120000\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:jul\nDTSTART;TZID=Mars Base:20270710T120000\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:nowhere\nDTSTART;TZID=CUSTOM_tzid:20270710T120000\nEND:VEVENT\n",
    );
    let got = c.occurrences(zone("America/Sao_Paulo"), year_2027());
    let start = |uid: &str| {
        got.iter()
            .find(|o| o.uid == uid)
            .map(|o| o.start.format("%m-%dT%H:%M").to_string())
    };
    assert_eq!(start("jan").as_deref(), Some("01-10T07:00"));
    assert_eq!(start("jul").as_deref(), Some("07-10T06:00"));
    // Read in the owner's zone (São Paulo, -03:00).
    assert_eq!(start("nowhere").as_deref(), Some("07-10T15:00"));
}

#[test]
fn a_bom_and_two_vcalendars_in_one_stream() {
    let text = "\u{feff}BEGIN:VCALENDAR\r\nX-WR-CALNAME:first\r\nBEGIN:VEVENT\r\nUID:a\r\n\
                DTSTART:20270104T100000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\
                BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20270105T100000Z\r\n\
                DURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let c = parse(text.as_bytes()).expect("parses");
    assert_eq!(c.event_count(), 2);
    assert_eq!(c.name(), Some("first"));
    let uids: Vec<_> = c
        .occurrences(zone("UTC"), year_2027())
        .into_iter()
        .map(|o| o.uid)
        .collect();
    assert_eq!(uids, vec!["a", "b"]);
}

#[test]
fn lf_only_line_endings_and_folds_are_read() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:lf\nSUMMARY:a long\n  summary\n\
                DTSTART:20270104T100000Z\nDTEND:20270104T110000Z\nEND:VEVENT\nEND:VCALENDAR\n";
    let c = parse(text.as_bytes()).expect("parses");
    let got = c.occurrences(zone("UTC"), year_2027());
    assert_eq!(got[0].summary.as_deref(), Some("a long summary"));
}

#[test]
fn busy_skips_cancelled_transparent_and_lengthless_events() {
    let event = |uid: &str, extra: &str| {
        format!("BEGIN:VEVENT\nUID:{uid}\nDTSTART:20270104T100000Z\n{extra}END:VEVENT\n")
    };
    let c = calendar(
        &[
            event("opaque", "DTEND:20270104T110000Z\n"),
            event("free", "DTEND:20270104T110000Z\nTRANSP:TRANSPARENT\n"),
            event("cancelled", "DTEND:20270104T110000Z\nSTATUS:CANCELLED\n"),
            event("no-end", ""),
            event("duration", "DURATION:PT45M\n"),
            "BEGIN:VEVENT\nUID:day\nDTSTART;VALUE=DATE:20270106\nEND:VEVENT\n".to_owned(),
        ]
        .concat(),
    );
    let owner = zone("Asia/Kathmandu");
    let occurrences = c.occurrences(owner, year_2027());
    assert_eq!(occurrences.len(), 6, "occurrences keep every event");
    let busy: Vec<String> = c
        .busy(owner, year_2027())
        .iter()
        .map(|i| {
            format!(
                "{}/{}",
                i.start.format("%d %H:%M"),
                i.end.format("%d %H:%M")
            )
        })
        .collect();
    assert_eq!(
        busy,
        vec![
            "04 10:00/04 10:45",
            "04 10:00/04 11:00",
            // One local day in Kathmandu (+05:45).
            "05 18:15/06 18:15",
        ]
    );
}

#[test]
fn floating_times_use_x_wr_timezone_or_the_owner_and_dates_always_the_owner() {
    let body = "BEGIN:VEVENT\nUID:f\nDTSTART:20270104T090000\nDURATION:PT1H\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20270105\nEND:VEVENT\n";
    let owner = zone("Africa/Dakar"); // +00:00
    let plain = calendar(body);
    let declared = calendar(&format!("X-WR-TIMEZONE:Asia/Tokyo\n{body}"));
    let starts = |c: &ImportedCalendar| {
        c.occurrences(owner, year_2027())
            .iter()
            .map(|o| o.start.format("%m-%dT%H:%M").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(starts(&plain), vec!["01-04T09:00", "01-05T00:00"]);
    assert_eq!(starts(&declared), vec!["01-04T00:00", "01-05T00:00"]);
}

#[test]
fn rdate_periods_several_rrules_and_duplicate_starts() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:r\nDTSTART:20270104T100000Z\nDURATION:PT1H\n\
         RRULE:FREQ=WEEKLY;COUNT=2\nRRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=1\n\
         RDATE;VALUE=PERIOD:20270120T080000Z/20270120T083000Z,20270121T080000Z/PT15M\n\
         RDATE:20270111T100000Z\nEND:VEVENT\n",
    );
    assert_eq!(
        spans(&c.occurrences(zone("UTC"), year_2027())),
        vec![
            "2027-01-04T10:00Z/2027-01-04T11:00Z",
            "2027-01-06T10:00Z/2027-01-06T11:00Z",
            "2027-01-11T10:00Z/2027-01-11T11:00Z",
            "2027-01-20T08:00Z/2027-01-20T08:30Z",
            "2027-01-21T08:00Z/2027-01-21T08:15Z",
        ]
    );
}

#[test]
fn infinite_rules_expand_only_inside_the_range() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:inf\nDTSTART;TZID=Europe/Zurich:19900101T080000\nDURATION:PT1H\n\
         RRULE:FREQ=DAILY\nEND:VEVENT\n",
    );
    let week = range("2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z");
    let got = c.occurrences(zone("UTC"), week);
    assert_eq!(got.len(), 7);
    assert!(got
        .iter()
        .all(|o| o.start.format("%H:%M").to_string() == "07:00"));
}

#[test]
fn an_occurrence_overlapping_the_range_start_is_kept() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:long\nDTSTART:20261231T220000Z\nDTEND:20270101T020000Z\nEND:VEVENT\n",
    );
    assert_eq!(c.busy(zone("UTC"), year_2027()).len(), 1);
    assert!(c
        .busy(
            zone("UTC"),
            range("2027-01-01T02:00:00Z", "2027-01-02T00:00:00Z")
        )
        .is_empty());
}

#[test]
fn dtend_before_dtstart_is_read_swapped() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:s\nDTSTART:20270104T110000Z\nDTEND:20270104T100000Z\nEND:VEVENT\n",
    );
    assert_eq!(
        spans(&c.occurrences(zone("UTC"), year_2027())),
        vec!["2027-01-04T10:00Z/2027-01-04T11:00Z"]
    );
}

#[test]
fn calendar_properties() {
    let c = calendar(
        "NAME:Dakar office\nX-WR-CALNAME:ignored\nX-PUBLISHED-TTL:PT1H\n\
         REFRESH-INTERVAL;VALUE=DURATION:P1D\n",
    );
    assert_eq!(c.name(), Some("Dakar office"));
    assert_eq!(c.refresh_interval(), Some(chrono::Duration::days(1)));
    assert_eq!(c.event_count(), 0);
    let c = calendar("X-WR-CALNAME:Google\nX-PUBLISHED-TTL:PT12H\n");
    assert_eq!(c.name(), Some("Google"));
    assert_eq!(c.refresh_interval(), Some(chrono::Duration::hours(12)));
}

#[test]
fn unreadable_files_name_the_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027-01-04\nEND:VEVENT\nEND:VCALENDAR\n", 3, "DTSTART"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104\nRRULE:FREQ=DAILY;UNTL=2027\nEND:VEVENT\nEND:VCALENDAR\n", 4, "UNTL"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104\nDURATION:1 hour\nEND:VEVENT\nEND:VCALENDAR\n", 4, "DURATION"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270104\n", 2, "never closed"),
        ("<html><body>Not found</body></html>\n", 1, "content line"),
    ];
    for (text, line, word) in cases {
        let e = parse(text.as_bytes()).expect_err(text);
        assert_eq!(e.line, Some(*line), "{e}");
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("line {line}: ")), "{shown}");
        assert!(shown.contains(word), "{shown}");
        let _: &dyn std::error::Error = &e;
    }
}

#[test]
fn the_calendar_is_shareable_across_threads() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<ImportedCalendar>();
}

#[test]
fn expansion_is_bounded_for_rules_that_repeat_every_minute() {
    let c = calendar(
        "BEGIN:VEVENT\nUID:flood\nDTSTART:20260101T000000Z\nDURATION:PT30S\n\
         RRULE:FREQ=MINUTELY;BYSECOND=0\nEND:VEVENT\n",
    );
    let first_hour = range("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
    assert_eq!(c.busy(zone("UTC"), first_hour).len(), 60);
    // A year later lies past the 200,000 instances one rule may generate per call.
    assert!(c.busy(zone("UTC"), year_2027()).is_empty());
}
