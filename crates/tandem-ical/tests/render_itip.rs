//! Invitations by e-mail (DESIGN §15): the iTIP `text/calendar` part and the plain-text part
//! for one participant, as insta snapshots; the byte-level promises a snapshot cannot show
//! (the VEVENT is the feed's, plus one ATTENDEE); and, with `TANDEM_INTEROP_PYTHON` (see
//! render_interop.rs), PyPI `ical` (strict) and `icalendar` reading METHOD, UID, SEQUENCE,
//! ORGANIZER and ATTENDEE (`scripts/itip.py`) and every instant (`scripts/interop.py`).
#![allow(clippy::indexing_slicing)]

#[path = "render_feeds.rs"]
mod feeds;

use std::path::Path;
use std::process::Command;

use feeds::{
    cancelled_meeting, edge_events, expected_occurrences, sg3rg_afr_meeting, z, zone,
    zurich_weekly_session, PRODID, RANGE,
};
use serde_json::{json, Value};
use tandem_i18n::Lang;
use tandem_ical::render::{
    invitation_subject, render_calendar, render_invitation, render_invitation_text, Attendee,
    FeedCalendar, FeedEvent, Invitation, InvitationKind,
};

fn remote_delegate() -> Attendee {
    Attendee {
        name: Some("Somchai Prasert".to_owned()),
        email: "somchai.prasert@example.org".to_owned(),
        required: false,
        zone: zone("Asia/Bangkok"),
        language: Lang::En,
    }
}

fn santiago_rapporteur() -> Attendee {
    Attendee {
        name: Some("Valentina Rojas, \"Rapporteur\"".to_owned()),
        email: "v.rojas@example.org".to_owned(),
        required: true,
        zone: zone("America/Santiago"),
        language: Lang::En,
    }
}

fn cairo_delegate() -> Attendee {
    Attendee {
        name: None,
        email: "delegate@example.org".to_owned(),
        required: true,
        zone: zone("Africa/Cairo"),
        language: Lang::En,
    }
}

/// The samples: name, kind, event, attendee.
fn samples() -> Vec<(&'static str, InvitationKind, FeedEvent, Attendee)> {
    vec![
        (
            "request_remote_optional",
            InvitationKind::Request,
            sg3rg_afr_meeting(),
            remote_delegate(),
        ),
        (
            "request_series_update",
            InvitationKind::Request,
            zurich_weekly_session(),
            santiago_rapporteur(),
        ),
        (
            "cancel",
            InvitationKind::Cancel,
            cancelled_meeting(),
            cairo_delegate(),
        ),
        (
            "uninvite",
            InvitationKind::Uninvite,
            sg3rg_afr_meeting(),
            remote_delegate(),
        ),
    ]
}

fn rendered(name: &str) -> (String, String) {
    rendered_in(name, Lang::En)
}

/// A sample with its participant reading `language`.
fn rendered_in(name: &str, language: Lang) -> (String, String) {
    let (_, kind, event, mut attendee) = samples()
        .into_iter()
        .find(|(n, ..)| *n == name)
        .expect("sample");
    attendee.language = language;
    let invitation = Invitation {
        kind,
        event: &event,
        attendee: &attendee,
    };
    (
        render_invitation(&invitation, PRODID),
        render_invitation_text(&invitation),
    )
}

#[test]
fn request_to_a_remote_optional_participant() {
    let (ics, text) = rendered("request_remote_optional");
    insta::assert_snapshot!("request_remote_optional_ics", ics);
    insta::assert_snapshot!("request_remote_optional_text", text);
}

#[test]
fn request_for_an_updated_weekly_series() {
    let (ics, text) = rendered("request_series_update");
    insta::assert_snapshot!("request_series_update_ics", ics);
    insta::assert_snapshot!("request_series_update_text", text);
}

#[test]
fn cancel_of_a_cancelled_meeting() {
    let (ics, text) = rendered("cancel");
    insta::assert_snapshot!("cancel_ics", ics);
    insta::assert_snapshot!("cancel_text", text);
}

#[test]
fn cancel_for_a_participant_taken_off_the_list() {
    let (ics, text) = rendered("uninvite");
    insta::assert_snapshot!("uninvite_ics", ics);
    insta::assert_snapshot!("uninvite_text", text);
}

/// The plain-text part in the participant's language (DESIGN §16): French and Arabic words,
/// dates, times and zone names by CLDR for the language; the calendar part is the same
/// whatever the language.
#[test]
fn the_text_part_in_french() {
    for name in ["request_remote_optional", "uninvite"] {
        let (ics, text) = rendered_in(name, Lang::Fr);
        assert_eq!(
            ics,
            rendered(name).0,
            "{name}: the calendar part has no language"
        );
        insta::assert_snapshot!(format!("{name}_text_fr"), text);
    }
}

#[test]
fn the_text_part_in_arabic() {
    for name in ["request_series_update", "cancel"] {
        let (ics, text) = rendered_in(name, Lang::Ar);
        assert_eq!(
            ics,
            rendered(name).0,
            "{name}: the calendar part has no language"
        );
        insta::assert_snapshot!(format!("{name}_text_ar"), text);
    }
}

/// Every language writes every line the English text has, in its own words, with the same
/// links and rule; and no two languages write the same text.
#[test]
fn every_language_writes_the_whole_text() {
    for (name, ..) in samples() {
        let english = rendered(name).1;
        let mut seen = vec![english.clone()];
        for lang in Lang::ALL {
            let (_, text) = rendered_in(name, lang);
            assert_eq!(
                text.matches("\r\n").count(),
                english.matches("\r\n").count(),
                "{name} in {lang}: {text}"
            );
            for link in [
                "https://meet.example.org/j/8812345678?pwd=Zm9vYmFy&lang=fr",
                "FREQ=WEEKLY;COUNT=6",
            ] {
                assert_eq!(
                    text.contains(link),
                    english.contains(link),
                    "{name} in {lang}"
                );
            }
            assert!(
                !text.contains("mail-"),
                "{name} in {lang}: a message is missing: {text}"
            );
            if lang != Lang::En {
                assert!(
                    !seen.contains(&text),
                    "{name} in {lang} is another language's text"
                );
                seen.push(text);
            }
        }
    }
}

/// The VEVENT lines of `ics` (every VEVENT, in order).
fn vevents(ics: &str) -> Vec<&str> {
    let mut inside = false;
    ics.split("\r\n")
        .filter(|l| {
            if *l == "BEGIN:VEVENT" {
                inside = true;
            }
            let keep = inside;
            if *l == "END:VEVENT" {
                inside = false;
            }
            keep
        })
        .collect()
}

fn feed_of(event: &FeedEvent) -> String {
    render_calendar(
        &FeedCalendar {
            name: "x".to_owned(),
            description: String::new(),
            refresh_interval: chrono::Duration::hours(1),
            events: vec![event.clone()],
            languages: tandem_ical::render::FeedLanguages::default(),
        },
        PRODID,
    )
}

#[test]
fn a_request_carries_the_feeds_vevents_and_vtimezones_plus_one_attendee() {
    // Every event of the edge feed, overrides (RECURRENCE-ID) included: the same UID,
    // SEQUENCE and instants as the feed, which is what lets a calendar update in place.
    let mut events = edge_events();
    events.push(sg3rg_afr_meeting());
    events.push(zurich_weekly_session());
    for event in &events {
        let attendee = santiago_rapporteur();
        let ics = render_invitation(
            &Invitation {
                kind: InvitationKind::Request,
                event,
                attendee: &attendee,
            },
            PRODID,
        );
        let feed = feed_of(event);
        let without_attendee: Vec<&str> = vevents(&ics)
            .into_iter()
            .filter(|l| !l.starts_with("ATTENDEE") && !l.starts_with(' '))
            .collect();
        let feed_lines: Vec<&str> = vevents(&feed)
            .into_iter()
            .filter(|l| !l.starts_with(' '))
            .collect();
        assert_eq!(without_attendee, feed_lines, "{}", event.uid);
        assert_eq!(
            ics.matches("\r\nATTENDEE;").count(),
            ics.matches("BEGIN:VEVENT").count()
        );
        // The same VTIMEZONEs, byte for byte.
        let zones = |s: &str| {
            let start = s.find("BEGIN:VTIMEZONE").unwrap_or(0);
            let end = s.rfind("END:VTIMEZONE\r\n").unwrap_or(0);
            s.get(start..end).unwrap_or_default().to_owned()
        };
        assert_eq!(zones(&ics), zones(&feed), "{}", event.uid);
        assert!(ics.contains("\r\nMETHOD:REQUEST\r\n"));
        assert!(!ics.contains("METHOD:PUBLISH"));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    }
}

#[test]
fn a_cancel_carries_the_master_only_and_says_cancelled() {
    let series = edge_events()
        .into_iter()
        .find(|e| feed_of(e).contains("RECURRENCE-ID"))
        .expect("an edge series with overrides");
    let attendee = cairo_delegate();
    for (kind, status) in [
        (InvitationKind::Cancel, Some("STATUS:CANCELLED")),
        (InvitationKind::Uninvite, None),
    ] {
        let ics = render_invitation(
            &Invitation {
                kind,
                event: &series,
                attendee: &attendee,
            },
            PRODID,
        );
        assert!(ics.contains("\r\nMETHOD:CANCEL\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(!ics.contains("RECURRENCE-ID"));
        assert_eq!(
            ics.split("\r\n").find(|l| l.starts_with("STATUS")),
            status,
            "{kind:?}"
        );
        assert!(ics.contains(&format!("\r\nSEQUENCE:{}\r\n", series.sequence)));
    }
}

#[test]
fn the_attendee_role_follows_required() {
    let event = sg3rg_afr_meeting();
    for (required, role) in [(true, "REQ-PARTICIPANT"), (false, "OPT-PARTICIPANT")] {
        let attendee = Attendee {
            required,
            ..remote_delegate()
        };
        let ics = render_invitation(
            &Invitation {
                kind: InvitationKind::Request,
                event: &event,
                attendee: &attendee,
            },
            PRODID,
        );
        let unfolded = ics.replace("\r\n ", "");
        let line = unfolded
            .split("\r\n")
            .find(|l| l.starts_with("ATTENDEE"))
            .expect("ATTENDEE");
        assert!(line.contains(&format!(";ROLE={role};")), "{line}");
        assert!(line.contains(";RSVP=FALSE:mailto:somchai.prasert@example.org"));
    }
}

#[test]
fn the_text_gives_the_time_on_the_participants_clock() {
    // 09:00–17:30 (next day) in Douala (UTC+1) is 15:00–23:30 in Bangkok (UTC+7).
    let (_, text) = rendered("request_remote_optional");
    assert!(text.contains(
        "When:   Wednesday, 10 March 2027, 15:00 – Thursday, 11 March 2027, 23:30 \
         (Indochina Time, GMT+7)"
    ));
    assert!(text.contains(
        "        Wednesday, 10 March 2027, 09:00 – Thursday, 11 March 2027, 17:30 \
         (West Africa Time, GMT+1, the event's time)"
    ));
    assert!(text.contains("Remote: https://meet.example.org/j/8812345678?pwd=Zm9vYmFy&lang=fr"));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    // Santiago is on summer time (UTC−3) in March; Zurich on winter time (UTC+1).
    let (_, text) = rendered("request_series_update");
    assert!(
        text.contains("When:   Tuesday, 16 March 2027, 10:00 – 11:30 (Chile Summer Time, GMT-3)")
    );
    assert!(text.contains("Repeats: FREQ=WEEKLY;COUNT=6"));
    assert!(text.contains("Where:  online only"));
}

#[test]
fn subjects_say_what_changed() {
    let attendee = remote_delegate();
    let mut event = sg3rg_afr_meeting();
    event.sequence = 0;
    let subject = |kind, event: &FeedEvent| {
        invitation_subject(&Invitation {
            kind,
            event,
            attendee: &attendee,
        })
    };
    assert_eq!(
        subject(InvitationKind::Request, &event),
        "Invitation: SG3RG-AFR meeting (hybrid)"
    );
    event.sequence = 3;
    assert_eq!(
        subject(InvitationKind::Request, &event),
        "Updated: SG3RG-AFR meeting (hybrid)"
    );
    assert_eq!(
        subject(InvitationKind::Cancel, &event),
        "Cancelled: SG3RG-AFR meeting (hybrid)"
    );
    event.summary = "Two\r\nlines".to_owned();
    assert_eq!(
        subject(InvitationKind::Uninvite, &event),
        "No longer invited: Two  lines"
    );
}

#[test]
fn the_attendees_address_is_not_in_its_debug() {
    let shown = format!("{:?}", remote_delegate());
    assert!(!shown.contains("somchai"), "{shown}");
}

fn write(dir: &Path, name: &str, ics: &str, interop: &Value, itip: &Value) {
    std::fs::write(dir.join(format!("{name}.ics")), ics).expect("write");
    std::fs::write(
        dir.join(format!("{name}.expected.json")),
        interop.to_string(),
    )
    .expect("write");
    std::fs::write(dir.join(format!("{name}.itip.json")), itip.to_string()).expect("write");
}

fn run(python: &str, script: &str, dir: &Path) -> String {
    let output = Command::new(python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/").to_owned() + script)
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn third_party_parsers_read_every_invitation() {
    let python = match std::env::var("TANDEM_INTEROP_PYTHON") {
        Ok(p) if !p.trim().is_empty() => p,
        _ => {
            assert!(
                std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() != Ok("1"),
                "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_PYTHON is not set"
            );
            eprintln!("iTIP interop skipped: set TANDEM_INTEROP_PYTHON to run it");
            return;
        }
    };
    let temp = tempfile::tempdir().expect("temporary directory");
    let samples = samples();
    for (name, kind, event, attendee) in &samples {
        let invitation = Invitation {
            kind: *kind,
            event,
            attendee,
        };
        let ics = render_invitation(&invitation, PRODID);
        let (start, end) = event.first_instants();
        let occurrences: Vec<Value> = expected_occurrences(event)
            .into_iter()
            .map(|o| json!({"uid": o.uid, "start": z(o.start), "end": z(o.end)}))
            .collect();
        let interop = json!({
            "range": {"start": RANGE.0, "end": RANGE.1},
            "events": [{"uid": event.uid, "dtstart": z(start), "dtend": z(end)}],
            "occurrences": occurrences,
            "check_own_vtimezones": true,
        });
        let itip = json!({
            "method": kind.method(),
            "vevents": 1,
            "uid": event.uid,
            "sequence": event.sequence,
            "status": match kind {
                InvitationKind::Request => Some(event.status.as_str()),
                InvitationKind::Cancel => Some("CANCELLED"),
                InvitationKind::Uninvite => None,
            },
            "organizer": event.organizer.email,
            "attendee": {
                "email": attendee.email,
                "cn": attendee.name,
                "role": if attendee.required { "REQ-PARTICIPANT" } else { "OPT-PARTICIPANT" },
            },
        });
        write(temp.path(), name, &ics, &interop, &itip);
    }
    let itip = run(&python, "itip.py", temp.path());
    assert_eq!(itip.matches("ok ").count(), samples.len(), "{itip}");
    let instants = run(&python, "interop.py", temp.path());
    assert_eq!(instants.matches("ok ").count(), samples.len(), "{instants}");
}
