//! Invitations (DESIGN §15): iTIP messages (RFC 5546) for one participant, as the
//! `text/calendar` part of an iMIP mail (RFC 6047), and the plain-text part beside it.
//! Pure, like the feeds: the same input gives the same bytes.
//!
//! A REQUEST carries the event as the feeds write it (same UID, SEQUENCE, VTIMEZONEs, the
//! overrides of a series) with the participant as the one ATTENDEE; a CANCEL carries the
//! master VEVENT only, which cancels the whole series (RFC 5546 §3.2.5).

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, Utc};
use tandem_core::Zone;
use tandem_i18n::{Arg, Direction, Lang};

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
    /// The language of the subject and the plain-text part (DESIGN §16).
    pub language: Lang,
}

impl std::fmt::Debug for Attendee {
    // The address is private (DESIGN §15): never in a log line or a Debug.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attendee")
            .field("required", &self.required)
            .field("zone", &self.zone)
            .field("language", &self.language)
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

/// The mail's subject, in the participant's language: the event's title, marked as an
/// invitation, an update or a cancellation.
pub fn invitation_subject(invitation: &Invitation<'_>) -> String {
    let lang = invitation.attendee.language;
    let id = match invitation.kind {
        InvitationKind::Request if invitation.event.sequence > 0 => "mail-subject-update",
        InvitationKind::Request => "mail-subject-invitation",
        InvitationKind::Cancel => "mail-subject-cancel",
        InvitationKind::Uninvite => "mail-subject-uninvite",
    };
    message(lang, id, &[("title", one_line(&invitation.event.summary))])
}

/// The plain-text part, in the participant's language (DESIGN §16): what, when on the
/// participant's clock (and at the event's own place), where, the remote link, the event's
/// page. Dates, times and zone names are CLDR's for the language (ICU4X), the words Fluent
/// messages (`config/locales/*/mail.ftl`). Lines end with CRLF, as mail has them.
pub fn render_invitation_text(invitation: &Invitation<'_>) -> String {
    let event = invitation.event;
    let attendee = invitation.attendee;
    let lang = attendee.language;
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
        InvitationKind::Cancel => line(&lang.message("mail-cancelled")),
        InvitationKind::Uninvite => line(&lang.message("mail-uninvited")),
    }
    line(&message(
        lang,
        "mail-when",
        &[
            ("span", span_on(lang, attendee.zone, start, end)),
            ("zone", zone_label(lang, attendee.zone, start)),
        ],
    ));
    if event.zone.name() != attendee.zone.name() {
        line(&message(
            lang,
            "mail-when-event",
            &[
                ("span", span_on(lang, event.zone, start, end)),
                ("zone", zone_label(lang, event.zone, start)),
            ],
        ));
    }
    if let Some(rule) = event.rrule.as_deref() {
        line(&message(lang, "mail-repeats", &[("rule", one_line(rule))]));
    }
    let location = event
        .location
        .as_deref()
        .map_or_else(|| lang.message("mail-online-only"), one_line);
    line(&message(lang, "mail-where", &[("location", location)]));
    if let Some(link) = event.conference.as_deref().and_then(uri) {
        line(&message(lang, "mail-remote", &[("link", link)]));
    }
    if let Some(page) = event.url.as_deref().and_then(uri) {
        line(&message(lang, "mail-page", &[("link", page)]));
    }
    if invitation.kind == InvitationKind::Request {
        line("");
        line(&lang.message(if attendee.required {
            "mail-required"
        } else {
            "mail-optional"
        }));
    }
    out
}

/// The message `id` of `lang` with text values. In a right-to-left language each value is
/// isolated (FSI … PDI, Unicode's bidi isolates), so a Latin title, a link or a time keeps
/// its order and does not reorder the words around it.
fn message(lang: Lang, id: &str, values: &[(&str, String)]) -> String {
    let isolate = lang.direction() == Direction::Rtl;
    let args: Vec<(&str, Arg<'_>)> = values
        .iter()
        .map(|(name, value)| {
            let value = if isolate {
                format!("\u{2068}{value}\u{2069}")
            } else {
                value.clone()
            };
            (*name, Arg::from(value))
        })
        .collect();
    lang.message_with(id, &args)
}

/// The first occurrence from `start` to `end` on the wall clock of `zone`, by CLDR for
/// `lang`: "Wednesday 10 March 2027, 15:00 – 23:30" on one day, else both dates.
fn span_on(lang: Lang, zone: Zone, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (from, to) = (local(zone, start), local(zone, end));
    let (id, end_text) = if from.date_naive() == to.date_naive() {
        ("mail-span-day", lang.time(&to))
    } else {
        ("mail-span", lang.weekday_date_time(&to))
    };
    lang.message_with(
        id,
        &[
            ("start", Arg::from(lang.weekday_date_time(&from))),
            ("end", Arg::from(end_text)),
        ],
    )
}

/// The zone's CLDR name at `at` and its offset, for `lang`: "Indochina Time, GMT+7".
fn zone_label(lang: Lang, zone: Zone, at: DateTime<Utc>) -> String {
    let wall = local(zone, at);
    lang.message_with(
        "mail-zone",
        &[
            ("name", Arg::from(lang.zone_name(&wall, zone.name()))),
            ("offset", Arg::from(lang.utc_offset(&wall))),
        ],
    )
}

/// `instant` on the wall clock of `zone`.
fn local(zone: Zone, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&zone).fixed_offset()
}

/// Text on one line: control characters (line breaks included) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}
