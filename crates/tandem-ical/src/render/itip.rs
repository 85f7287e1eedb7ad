//! Invitations (DESIGN §15): iTIP messages (RFC 5546) for one participant, as the
//! `text/calendar` part of an iMIP mail (RFC 6047), and the plain-text part beside it.
//! Pure, like the feeds: the same input gives the same bytes.
//!
//! A REQUEST carries the event as the feeds write it (same UID, SEQUENCE, VTIMEZONEs, the
//! overrides of a series) with the participant as the one ATTENDEE; a CANCEL carries the
//! master VEVENT only, which cancels the whole series (RFC 5546 §3.2.5).

use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};
use tandem_core::Zone;

use super::content::{param_value, uri, Lines};
use super::{render_event, vtimezone, zone_spans, Extras, FeedEvent, FeedStatus};

/// What an invitation asks of the participant's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvitationKind {
    /// METHOD:REQUEST: add the event, or update it in place (same UID, higher SEQUENCE).
    Request,
    /// METHOD:CANCEL with STATUS:CANCELLED: the event is cancelled for everyone.
    Cancel,
    /// METHOD:CANCEL without STATUS: this participant is no longer invited (RFC 5546
    /// §3.2.5: STATUS is left out when only some attendees are uninvited).
    Uninvite,
}

impl InvitationKind {
    /// The iTIP method, as written in `METHOD:` and in the MIME `method=` parameter.
    pub fn method(self) -> &'static str {
        match self {
            InvitationKind::Request => "REQUEST",
            InvitationKind::Cancel | InvitationKind::Uninvite => "CANCEL",
        }
    }
}

/// The participant an invitation is for: ATTENDEE (RFC 5545 §3.8.4.1).
#[derive(Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Display name (CN), left out when empty.
    pub name: Option<String>,
    /// Address, written as a `mailto:` URI.
    pub email: String,
    /// ROLE=REQ-PARTICIPANT when the event needs them, else OPT-PARTICIPANT.
    pub required: bool,
    /// Where they are: the plain-text part gives the time on their clock.
    pub zone: Zone,
}

impl std::fmt::Debug for Attendee {
    // The address is private (DESIGN §15): never in a log line or a Debug.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attendee")
            .field("required", &self.required)
            .field("zone", &self.zone)
            .finish_non_exhaustive()
    }
}

/// One iTIP message for one participant.
#[derive(Clone, Debug)]
pub struct Invitation<'a> {
    /// REQUEST, CANCEL or uninvite.
    pub kind: InvitationKind,
    /// The event as the feeds render it (its ORGANIZER is the invitation's).
    pub event: &'a FeedEvent,
    /// The participant.
    pub attendee: &'a Attendee,
}

/// The `text/calendar` part: a VCALENDAR with the method, the VTIMEZONEs the event uses
/// and its VEVENT(s) with the participant as ATTENDEE (RSVP=FALSE: tandem reads no replies).
pub fn render_invitation(invitation: &Invitation<'_>, prodid: &str) -> String {
    let event = invitation.event;
    let mut lines = Lines::new();
    lines.push("BEGIN", "VCALENDAR");
    lines.push("VERSION", "2.0");
    lines.text("PRODID", prodid);
    lines.push("CALSCALE", "GREGORIAN");
    lines.push("METHOD", invitation.kind.method());
    for span in zone_spans(std::slice::from_ref(event)) {
        let (from, to) = span.covered();
        lines.raw(&vtimezone(span.zone, from, to));
    }
    let extras = Extras {
        status: match invitation.kind {
            InvitationKind::Request => Some(event.status),
            InvitationKind::Cancel => Some(FeedStatus::Cancelled),
            InvitationKind::Uninvite => None,
        },
        attendee: Some(invitation.attendee),
        overrides: invitation.kind == InvitationKind::Request,
        language: None,
    };
    render_event(&mut lines, event, &extras);
    lines.push("END", "VCALENDAR");
    lines.finish()
}

/// `ATTENDEE;CN=…;CUTYPE=INDIVIDUAL;ROLE=…;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:…`.
pub(super) fn attendee(lines: &mut Lines, attendee: &Attendee) {
    let mut name = String::from("ATTENDEE");
    if let Some(cn) = attendee.name.as_deref().filter(|n| !n.trim().is_empty()) {
        name.push_str(";CN=");
        name.push_str(&param_value(cn));
    }
    let role = if attendee.required {
        "REQ-PARTICIPANT"
    } else {
        "OPT-PARTICIPANT"
    };
    let _ = write!(
        name,
        ";CUTYPE=INDIVIDUAL;ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=FALSE"
    );
    let address =
        uri(&format!("mailto:{}", attendee.email.trim())).unwrap_or_else(|| "mailto:".to_owned());
    lines.push(&name, &address);
}

/// The mail's subject: the event's title, marked when it is an update or a cancellation.
pub fn invitation_subject(invitation: &Invitation<'_>) -> String {
    let title = one_line(&invitation.event.summary);
    match invitation.kind {
        InvitationKind::Request if invitation.event.sequence > 0 => format!("Updated: {title}"),
        InvitationKind::Request => format!("Invitation: {title}"),
        InvitationKind::Cancel => format!("Cancelled: {title}"),
        InvitationKind::Uninvite => format!("No longer invited: {title}"),
    }
}

/// The plain-text part: what, when on the participant's clock (and at the event's own
/// place), where, the remote link, the event's page. Lines end with CRLF, as mail has them.
///
/// The labels are English until the languages of DESIGN §16 reach the mail; dates are
/// ISO 8601 (`2027-03-10 15:00`), which every reader of the six languages reads alike.
pub fn render_invitation_text(invitation: &Invitation<'_>) -> String {
    let event = invitation.event;
    let attendee = invitation.attendee;
    let (start, end) = event.first_instants();
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push_str("\r\n");
    };
    line(&invitation_subject(invitation));
    line("");
    match invitation.kind {
        InvitationKind::Request => {}
        InvitationKind::Cancel => line("This event is cancelled; your calendar removes it."),
        InvitationKind::Uninvite => {
            line("You are no longer a participant; your calendar removes this event.");
        }
    }
    line(&format!(
        "When:   {} ({})",
        span_on(attendee.zone, start, end),
        zone_label(attendee.zone, start)
    ));
    if event.zone.name() != attendee.zone.name() {
        line(&format!(
            "        {} ({}, the event's time)",
            span_on(event.zone, start, end),
            zone_label(event.zone, start)
        ));
    }
    if let Some(rule) = event.rrule.as_deref() {
        line(&format!(
            "Repeats: {} (the first occurrence is shown)",
            one_line(rule)
        ));
    }
    let location = event.location.as_deref().map(one_line);
    line(&format!(
        "Where:  {}",
        location.as_deref().unwrap_or("online only")
    ));
    if let Some(link) = event.conference.as_deref().and_then(uri) {
        line(&format!("Remote: {link}"));
    }
    if let Some(page) = event.url.as_deref().and_then(uri) {
        line(&format!("Event:  {page}"));
    }
    if invitation.kind == InvitationKind::Request {
        line("");
        line(if attendee.required {
            "You are a required participant."
        } else {
            "Your participation is optional."
        });
    }
    out
}

/// `2027-03-10 15:00 – 23:30` on one day, else `2027-03-10 15:00 – 2027-03-11 01:30`.
fn span_on(zone: Zone, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (from, to) = (zone.local(start), zone.local(end));
    if from.date() == to.date() {
        format!("{} – {}", from.format("%Y-%m-%d %H:%M"), to.format("%H:%M"))
    } else {
        format!(
            "{} – {}",
            from.format("%Y-%m-%d %H:%M"),
            to.format("%Y-%m-%d %H:%M")
        )
    }
}

/// `Asia/Bangkok, UTC+07:00` (the offset at `at`).
fn zone_label(zone: Zone, at: DateTime<Utc>) -> String {
    let offset = zone.offset_at(at);
    let minutes = offset.num_minutes();
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = Duration::minutes(minutes.abs());
    format!(
        "{}, UTC{sign}{:02}:{:02}",
        zone.name(),
        abs.num_hours(),
        abs.num_minutes() % 60
    )
}

/// Text on one line: control characters (line breaks included) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}
