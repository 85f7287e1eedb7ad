//! Scenarios of the window search with hand-checked answers.

use chrono::{DateTime, Utc};

use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn request(json: &str) -> SearchRequest {
    serde_json::from_str(json).unwrap()
}

fn run(json: &str) -> SearchResult {
    search(&request(json).validate().unwrap().query)
}

#[test]
fn dakar_and_bangkok_share_the_dakar_morning() {
    // Dakar is UTC+0, Bangkok UTC+7: Bangkok's 07:00–22:00 acceptable hours are
    // 00:00–15:00 UTC; Dakar's are 07:00–22:00 UTC. Both: 07:00–15:00 UTC on weekdays.
    let result = run(r#"{
        "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 120, "limit": 3,
        "participants": [
            {"id": "dakar-office", "tz": "Africa/Dakar"},
            {"id": "bangkok-office", "tz": "Asia/Bangkok"}
        ]}"#);
    let starts: Vec<String> = result
        .windows
        .iter()
        .map(|w| w.start.to_rfc3339())
        .collect();
    // Working hours: Dakar 09–17 UTC, Bangkok 02–10 UTC; 09:00–10:00 UTC overlaps both, so
    // a window at 08:00 costs Dakar 60 min and Bangkok 0 min… the least inconvenient is 09:00
    // (Dakar 0, Bangkok 60) and 08:00 (Dakar 60, Bangkok 0): equal, earlier first.
    assert_eq!(starts[0], "2027-03-01T08:00:00+00:00");
    assert_eq!(result.windows[0].inconvenience_minutes, 60);
    assert!(result
        .windows
        .iter()
        .all(|w| w.start >= utc("2027-03-01T07:00:00Z") && w.end <= utc("2027-03-01T15:00:00Z")));
    // Windows never overlap each other.
    for (i, a) in result.windows.iter().enumerate() {
        for b in &result.windows[i + 1..] {
            assert!(a.end <= b.start || b.end <= a.start);
        }
    }
    assert_eq!(
        result.windows[0].local[1].1.start,
        "2027-03-01T15:00:00+07:00"
    );
    assert_eq!(result.diagnostics.candidates, 89);
}

#[test]
fn kathmandu_45_minute_offset_in_local_output() {
    let result = run(r#"{
        "range": {"start": "2027-03-01T03:15:00Z", "end": "2027-03-01T05:15:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "ktm", "tz": "Asia/Kathmandu"}]}"#);
    let w = &result.windows[0];
    assert_eq!(w.start, utc("2027-03-01T03:15:00Z"));
    assert_eq!(w.local[0].1.start, "2027-03-01T09:00:00+05:45");
    assert_eq!(w.inconvenience_minutes, 0);
}

#[test]
fn optional_participants_raise_the_score() {
    let result = run(r#"{
        "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 60, "limit": 1,
        "participants": [
            {"id": "geneva", "tz": "Europe/Zurich"},
            {"id": "brasilia", "tz": "America/Sao_Paulo", "required": false, "weight": 2.0},
            {"id": "tokyo", "tz": "Asia/Tokyo", "required": false, "weight": 0.5}
        ]}"#);
    let w = &result.windows[0];
    // Geneva (UTC+1) 07–22 local = 06–21 UTC; Brasília (UTC-3) 07–22 = 10–01 UTC;
    // Tokyo (UTC+9) 07–22 = 22–13 UTC. Geneva + both optional: 10:00–13:00 UTC.
    assert!((w.score - 2.5).abs() < 1e-9, "{}", w.score);
    assert_eq!(w.available, vec!["geneva", "brasilia", "tokyo"]);
    assert!(w.start >= utc("2027-03-01T10:00:00Z") && w.end <= utc("2027-03-01T13:00:00Z"));
}

#[test]
fn busy_time_and_holidays_block() {
    let result = run(r#"{
        "range": {"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T11:00:00Z"},
        "duration_minutes": 60, "step_minutes": 30,
        "participants": [
            {"id": "a", "tz": "UTC", "busy": [{"start": "2027-03-01T09:30:00Z", "end": "2027-03-01T10:00:00Z"}]}
        ]}"#);
    assert_eq!(result.windows.len(), 1);
    assert_eq!(result.windows[0].start, utc("2027-03-01T10:00:00Z"));
    assert_eq!(result.diagnostics.blocked_by, vec![("a".to_owned(), 2)]);

    let result = run(r#"{
        "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "a", "tz": "Asia/Riyadh", "holidays": ["2027-03-01"]}]}"#);
    assert!(result.windows.is_empty());
    let why = result.diagnostics.explanation.unwrap();
    assert!(why.contains("'a'") && why.contains("busy"), "{why}");
}

#[test]
fn zero_length_busy_blocks_nothing_and_back_to_back_is_free() {
    let result = run(r#"{
        "range": {"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T10:00:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "a", "tz": "UTC", "busy": [
            {"start": "2027-03-01T09:30:00Z", "end": "2027-03-01T09:30:00Z"},
            {"start": "2027-03-01T08:00:00Z", "end": "2027-03-01T09:00:00Z"},
            {"start": "2027-03-01T10:00:00Z", "end": "2027-03-01T11:00:00Z"}]}]}"#);
    assert_eq!(result.windows.len(), 1);
}

#[test]
fn friday_saturday_weekend_in_riyadh() {
    // 2027-03-05 is a Friday: with a Sun–Thu week, Riyadh has no acceptable hours.
    let result = run(r#"{
        "range": {"start": "2027-03-05T00:00:00Z", "end": "2027-03-07T00:00:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "riyadh", "tz": "Asia/Riyadh",
            "working_hours": {"days": ["sun","mon","tue","wed","thu"], "start": "08:00", "end": "16:00"}}]}"#);
    assert!(result.windows.is_empty());
    let why = result.diagnostics.explanation.unwrap();
    assert!(why.contains("outside acceptable hours in 100%"), "{why}");
}

#[test]
fn in_person_participants_are_judged_at_the_venue() {
    // A Bangkok delegate travelling to Yaoundé keeps Yaoundé hours.
    let result = run(r#"{
        "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 60, "limit": 1, "venue_tz": "Africa/Douala",
        "participants": [{"id": "bkk", "tz": "Asia/Bangkok", "attendance": "in_person"}]}"#);
    let w = &result.windows[0];
    assert_eq!(w.start, utc("2027-03-01T08:00:00Z"), "09:00 in Yaoundé");
    assert_eq!(w.local[0].1.start, "2027-03-01T09:00:00+01:00");
}

#[test]
fn dst_day_working_hours_follow_the_local_clock() {
    // Zurich springs forward on 2027-03-28 (a Sunday); on Monday 29th, 09:00 is 07:00Z.
    let result = run(r#"{
        "range": {"start": "2027-03-26T00:00:00Z", "end": "2027-03-30T00:00:00Z"},
        "duration_minutes": 60, "limit": 10,
        "participants": [{"id": "gva", "tz": "Europe/Zurich", "acceptable_hours": {"start": "09:00", "end": "10:00"}}]}"#);
    let starts: Vec<DateTime<Utc>> = result.windows.iter().map(|w| w.start).collect();
    assert_eq!(
        starts,
        vec![utc("2027-03-26T08:00:00Z"), utc("2027-03-29T07:00:00Z")]
    );
}

#[test]
fn bad_requests_name_their_fields() {
    let cases = [
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-01T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "range.end",
        ),
        (
            r#"{"range": {"start": "2027-03-01", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "range.start",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 0, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "duration_minutes",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "step_minutes": -5, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "step_minutes",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2029-03-02T00:00:00Z"}, "duration_minutes": 60, "step_minutes": 1, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "step_minutes",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "Mars/Olympus"}]}"#,
            "participants[0].tz",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC", "attendance": "in_person"}]}"#,
            "venue_tz",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC", "working_hours": {"start": "17:00", "end": "09:00"}}]}"#,
            "participants[0].working_hours.end",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC", "holidays": ["2027-02-30"]}]}"#,
            "participants[0].holidays[0]",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"}, "duration_minutes": 60, "participants": []}"#,
            "participants",
        ),
        (
            r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-01T00:30:00Z"}, "duration_minutes": 60, "participants": [{"id": "a", "tz": "UTC"}]}"#,
            "duration_minutes",
        ),
    ];
    for (json, field) in cases {
        let errors = request(json).validate().unwrap_err();
        assert!(
            errors.0.iter().any(|e| e.field == field),
            "{field}: {errors}"
        );
    }
}

#[test]
fn output_shape_matches_design() {
    let result = run(r#"{
        "range": {"start": "2027-03-02T12:00:00Z", "end": "2027-03-02T14:00:00Z"},
        "duration_minutes": 120,
        "participants": [{"id": "dakar-office", "tz": "Africa/Dakar"}]}"#);
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["windows"][0]["start"], "2027-03-02T12:00:00Z");
    assert_eq!(
        json["windows"][0]["local"]["dakar-office"]["start"],
        "2027-03-02T12:00:00+00:00"
    );
    assert_eq!(json["windows"][0]["score"], 0.0);
    assert_eq!(json["diagnostics"]["candidates"], 1);
    assert_eq!(json["diagnostics"]["blocked_by"]["dakar-office"], 0);
    assert!(json["diagnostics"].get("explanation").is_none());
}

/// DESIGN §3.4: acceptable intervals that touch are one. A participant acceptable around
/// the clock is available for a window across midnight; with a gap at midnight, or with
/// only the day before it, they are not.
#[test]
fn around_the_clock_hours_allow_windows_across_midnight() {
    // Monday 1 March 2027, 23:00 to 01:00 on Tuesday, in UTC.
    let run_with = |days: &str, start: &str| {
        run(&format!(
            r#"{{"range": {{"start": "2027-03-01T23:00:00Z", "end": "2027-03-02T01:00:00Z"}},
               "duration_minutes": 120, "step_minutes": 60,
               "participants": [{{"id": "night-desk", "tz": "UTC",
                   "acceptable_hours": {{"days": {days}, "start": "{start}", "end": "24:00"}}}}]}}"#
        ))
    };
    let every_day = r#"["mon","tue","wed","thu","fri","sat","sun"]"#;
    let result = run_with(every_day, "00:00");
    assert_eq!(result.windows.len(), 1, "{result:?}");
    assert_eq!(result.windows[0].start, utc("2027-03-01T23:00:00Z"));
    assert_eq!(result.windows[0].end, utc("2027-03-02T01:00:00Z"));
    assert_eq!(run_with(r#"["mon","tue"]"#, "00:00").windows.len(), 1);
    assert!(run_with(r#"["mon"]"#, "00:00").windows.is_empty());
    assert!(run_with(every_day, "00:01").windows.is_empty());
}
