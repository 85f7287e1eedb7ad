//! Invitations by e-mail (DESIGN §15): the sender task that delivers the store's outbox over
//! SMTP with `lettre`, one iMIP message (RFC 6047) per outbox row.
//!
//! - Off while `mail.url` is unset: changes still write their messages (in the same
//!   transaction), which wait until a sender runs.
//! - Each instance claims due messages under a lease (`tandem_store::Outbox`), so one
//!   instance sends each; a sender killed mid-batch leaves its leases to expire, and the
//!   messages go out from the next sender. Each row is marked sent as soon as the server
//!   accepts it: only a kill between the server's `250` and that write resends one (with
//!   the same Message-ID, UID and SEQUENCE, which calendars apply once).
//! - A transient failure (connection refused, timeout, 4xx) is retried after
//!   `retry_base_seconds · 2^(attempts−1)`, at most `retry_max_seconds`; a permanent one
//!   (5xx) or `max_attempts` failures marks the message failed, with the error, for that
//!   recipient alone. A message about an event that has ended is not sent (failed, "the
//!   event is over").
//! - The mail is `multipart/alternative`: the plain-text part and
//!   `text/calendar; method=…; charset=utf-8` (tandem-ical renders both, from the event as
//!   it is when sent: a message written for an older SEQUENCE was superseded in the store).

use std::sync::Arc;
use std::time::{Duration as StdDuration, SystemTime};

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tandem_core::Language;
use tandem_i18n::Lang;
use tandem_ical::render::{
    invitation_subject, render_invitation, render_invitation_text, Attendee, Invitation,
    InvitationKind,
};
use tandem_store::{DeliveryOutcome, MessageKind, OutboxMessage, StoreError};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::state::AppState;

/// `[mail]`: where and how invitations are sent.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS
    /// from the start), with optional `user:password@`; unset turns sending off. A secret.
    #[serde(default)]
    pub url: Option<SecretString>,
    /// User name, when not in the URL.
    #[serde(default)]
    pub username: Option<String>,
    /// Password, when not in the URL (a secret).
    #[serde(default)]
    pub password: Option<SecretString>,
    /// The sender: `Name <address>` or an address.
    pub from: String,
    /// How often an idle sender looks for due messages, in seconds.
    pub poll_seconds: u64,
    /// Messages claimed at once.
    pub batch: u32,
    /// How long a claim lasts before another instance may take the message, in seconds.
    pub lease_seconds: u64,
    /// Failed attempts after which a message is given up.
    pub max_attempts: u32,
    /// Wait before the first retry, in seconds (doubled after each failure).
    pub retry_base_seconds: u64,
    /// Longest wait between retries, in seconds.
    pub retry_max_seconds: u64,
    /// Longest one SMTP conversation may take, in seconds.
    pub timeout_seconds: u64,
}

impl MailSettings {
    /// Checks what deserialization cannot.
    pub fn check(&self) -> Result<(), String> {
        if self.from.parse::<Mailbox>().is_err() {
            return Err(format!(
                "mail.from '{}' is not an address (`Name <address>` or `address`)",
                self.from
            ));
        }
        if self.batch == 0 || self.poll_seconds == 0 || self.max_attempts == 0 {
            return Err(
                "mail.batch, mail.poll_seconds and mail.max_attempts must be positive".into(),
            );
        }
        if self.lease_seconds <= self.timeout_seconds {
            return Err(format!(
                "mail.lease_seconds ({}) must exceed mail.timeout_seconds ({}): a lease outlasts \
                 the longest attempt",
                self.lease_seconds, self.timeout_seconds
            ));
        }
        if let Some(url) = &self.url {
            transport(self, url.expose_secret())?;
        }
        Ok(())
    }

    /// The wait before the next attempt after `attempts` failures.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let exponent = attempts.saturating_sub(1).min(30);
        let seconds = self
            .retry_base_seconds
            .saturating_mul(1u64 << exponent)
            .min(self.retry_max_seconds);
        Duration::seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
    }
}

/// The SMTP transport `url` names, with credentials from the URL or the settings.
fn transport(
    settings: &MailSettings,
    url: &str,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|_| "mail.url is not a URL (smtp://host:port)".to_owned())?;
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or("mail.url names no host")?
        .trim_matches(['[', ']'])
        .to_owned();
    let tls =
        |host: &str| TlsParameters::new(host.to_owned()).map_err(|e| format!("mail.url: TLS: {e}"));
    let builder = match parsed.scheme() {
        "smtp" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone())
            .port(parsed.port().unwrap_or(25))
            .tls(Tls::Opportunistic(tls(&host)?)),
        "smtps" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone())
            .port(parsed.port().unwrap_or(465))
            .tls(Tls::Wrapper(tls(&host)?)),
        other => return Err(format!("mail.url: scheme '{other}' is not smtp or smtps")),
    };
    let decode = |s: &str| {
        percent_decode(s).ok_or_else(|| "mail.url: bad percent-encoding in credentials".to_owned())
    };
    let credentials = if parsed.username().is_empty() {
        settings.username.as_ref().map(|user| {
            Credentials::new(
                user.clone(),
                settings
                    .password
                    .as_ref()
                    .map(|p| p.expose_secret().to_owned())
                    .unwrap_or_default(),
            )
        })
    } else {
        Some(Credentials::new(
            decode(parsed.username())?,
            decode(parsed.password().unwrap_or_default())?,
        ))
    };
    let builder = builder.timeout(Some(StdDuration::from_secs(settings.timeout_seconds)));
    Ok(match credentials {
        Some(c) => builder.credentials(c),
        None => builder,
    }
    .build())
}

/// `%XX` sequences decoded (URL user info).
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Starts the sender when `mail.url` is set; it stops claiming when `stop` fires and ends
/// after the message in hand (its other claims expire and go to the next sender).
pub fn spawn_sender(state: AppState, stop: CancellationToken) -> Option<JoinHandle<()>> {
    let settings = state.settings.mail.clone();
    let url = settings.url.as_ref()?.expose_secret().to_owned();
    let mailer = match transport(&settings, &url) {
        Ok(mailer) => Arc::new(mailer),
        Err(e) => {
            tracing::error!(error = %e, "mail is off: the SMTP settings are unusable");
            return None;
        }
    };
    Some(tokio::spawn(async move {
        let owner = format!("tandem-mail-{}", uuid::Uuid::new_v4().simple());
        let lease = Duration::seconds(i64::try_from(settings.lease_seconds).unwrap_or(600));
        let poll = StdDuration::from_secs(settings.poll_seconds);
        tracing::info!(instance = %owner, "invitation sender started");
        loop {
            let claimed = match state
                .app
                .store
                .claim_messages(&owner, lease, settings.batch)
                .await
            {
                Ok(claimed) => claimed,
                Err(e) => {
                    tracing::warn!(error = ?e, "looking for invitations to send failed");
                    Vec::new()
                }
            };
            let full = claimed.len() >= settings.batch as usize;
            for message in claimed {
                if stop.is_cancelled() {
                    break;
                }
                deliver(&state, &mailer, &owner, &message).await;
            }
            if stop.is_cancelled() {
                break;
            }
            if !full {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(poll) => {}
                }
            }
        }
        tracing::info!("invitation sender stopped");
    }))
}

/// Sends one claimed message and records how it went.
async fn deliver(
    state: &AppState,
    mailer: &AsyncSmtpTransport<Tokio1Executor>,
    owner: &str,
    message: &OutboxMessage,
) {
    let settings = &state.settings.mail;
    let now = state.app.clock.now();
    let outcome = match compose(state, message, now).await {
        Ok(Some(mail)) => match mailer.send(mail).await {
            Ok(_) => {
                state.metrics.mail_sent();
                DeliveryOutcome::Sent
            }
            Err(e) => {
                let attempts = u32::try_from(message.attempts)
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                let error = smtp_error(&e);
                if e.is_permanent() || attempts >= settings.max_attempts {
                    state.metrics.mail_failed();
                    DeliveryOutcome::Failed { error }
                } else {
                    state.metrics.mail_retried();
                    DeliveryOutcome::Retry {
                        error,
                        at: now + settings.backoff(attempts),
                    }
                }
            }
        },
        Ok(None) => {
            state.metrics.mail_failed();
            DeliveryOutcome::Failed {
                error: "the event is over".to_owned(),
            }
        }
        Err(error) => {
            state.metrics.mail_failed();
            DeliveryOutcome::Failed { error }
        }
    };
    let id = message.id;
    match state.app.store.finish_message(id, owner, &outcome).await {
        Ok(true) => {
            tracing::info!(message_id = %id, event_id = %message.event_id,
                kind = message.message.kind.as_str(), outcome = outcome_name(&outcome),
                "invitation delivery");
        }
        Ok(false) => {
            tracing::warn!(message_id = %id, "an invitation's lease ran out before it was recorded");
        }
        Err(e) => {
            tracing::warn!(message_id = %id, error = ?e, "recording an invitation delivery failed");
        }
    }
}

fn outcome_name(outcome: &DeliveryOutcome) -> &'static str {
    match outcome {
        DeliveryOutcome::Sent => "sent",
        DeliveryOutcome::Retry { .. } => "retry",
        DeliveryOutcome::Failed { .. } => "failed",
    }
}

/// What went wrong, without the recipient's address (the SMTP reply may quote it).
fn smtp_error(e: &lettre::transport::smtp::Error) -> String {
    match e.status() {
        Some(code) => format!("the mail server answered {code}"),
        None if e.is_timeout() => "the mail server did not answer in time".to_owned(),
        None => "the mail server could not be reached".to_owned(),
    }
}

/// The language of tandem's texts a participant's language names (English when they gave
/// none: the README's decision).
fn lang_of(language: Language) -> Lang {
    match language {
        Language::Ar => Lang::Ar,
        Language::En => Lang::En,
        Language::Es => Lang::Es,
        Language::Fr => Lang::Fr,
        Language::Ru => Lang::Ru,
        Language::Zh => Lang::Zh,
    }
}

/// The mail for `message`, or `None` when its event has ended.
async fn compose(
    state: &AppState,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Option<Message>, String> {
    let event = match state.app.store.event(message.event_id).await {
        Ok(event) => event,
        Err(StoreError::NotFound { .. }) => return Err("the event no longer exists".into()),
        Err(e) => return Err(format!("reading the event failed: {e}")),
    };
    if event.instants.last_ends_at < now {
        return Ok(None);
    }
    let feed_event = crate::feeds::build::invitation_event(state, &event)
        .await
        .map_err(|e| format!("building the invitation failed: {e:?}"))?;
    let p = &message.message.participant;
    let attendee = Attendee {
        name: p.name.clone(),
        email: message.message.recipient.expose().to_owned(),
        required: p.required,
        zone: p.tz,
        language: p.language.map_or(Lang::En, lang_of),
    };
    let kind = match message.message.kind {
        MessageKind::Request => InvitationKind::Request,
        MessageKind::Cancel => InvitationKind::Cancel,
        MessageKind::Uninvite => InvitationKind::Uninvite,
    };
    let invitation = Invitation {
        kind,
        event: &feed_event,
        attendee: &attendee,
    };
    let ics = render_invitation(&invitation, crate::feeds::build::PRODID);
    let text = render_invitation_text(&invitation);
    let calendar_type = ContentType::parse(&format!(
        "text/calendar; method={}; charset=utf-8",
        kind.method()
    ))
    .map_err(|_| "the calendar part's content type is invalid".to_owned())?;
    let from: Mailbox = state
        .settings
        .mail
        .from
        .parse()
        .map_err(|_| "mail.from is not an address".to_owned())?;
    let to = Mailbox::new(
        p.name.clone(),
        message
            .message
            .recipient
            .expose()
            .parse()
            .map_err(|_| "the recipient's address is not usable".to_owned())?,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(invitation_subject(&invitation))
        .message_id(Some(format!("<{}@tandem>", message.id)))
        .date(SystemTime::from(now))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text))
                .singlepart(SinglePart::builder().header(calendar_type).body(ics)),
        )
        .map(Some)
        .map_err(|e| format!("building the mail failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: Option<&str>) -> MailSettings {
        MailSettings {
            url: url.map(|u| SecretString::from(u.to_owned())),
            username: None,
            password: None,
            from: "tandem <tandem@example.org>".into(),
            poll_seconds: 2,
            batch: 20,
            lease_seconds: 120,
            max_attempts: 8,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            timeout_seconds: 30,
        }
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let s = settings(None);
        let waits: Vec<i64> = (1..=9).map(|a| s.backoff(a).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(s.backoff(u32::MAX).num_seconds(), 3600);
    }

    #[test]
    fn urls_are_checked_and_credentials_decoded() {
        for ok in [
            "smtp://127.0.0.1:2525",
            "smtps://mail.example.org",
            "smtp://user%40example.org:p%3Ass@mail.example.org:587",
        ] {
            assert!(settings(Some(ok)).check().is_ok(), "{ok}");
        }
        for bad in [
            "http://mail.example.org",
            "smtp://",
            "not a url",
            "smtp://u:%zz@h",
        ] {
            assert!(settings(Some(bad)).check().is_err(), "{bad}");
        }
        assert_eq!(percent_decode("p%3Ass%20x").as_deref(), Some("p:ss x"));
        let mut s = settings(None);
        s.from = "not an address".into();
        assert!(s.check().is_err());
    }

    #[test]
    fn the_url_and_password_stay_out_of_debug() {
        let mut s = settings(Some("smtp://u:hunter2@mail.example.org"));
        s.password = Some(SecretString::from("swordfish".to_owned()));
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("swordfish"),
            "{shown}"
        );
    }
}
