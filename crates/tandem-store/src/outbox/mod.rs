//! The transactional outbox of invitations (DESIGN §15). A change to an event writes the
//! messages it owes its participants in the same transaction ([`messages_for`] says which):
//! a change never commits without its messages, nor a message without its change. A sender
//! task claims due messages under a lease (one instance sends each, as calendar refreshes
//! are leased), delivers them, and records the outcome.
//!
//! A message is one row per (event, sequence, recipient, kind): written twice it is kept
//! once, so a change is announced once per recipient. A newer message to the same recipient
//! about the same event supersedes a pending older one (the recipient's calendar only needs
//! the latest state; a superseded REQUEST is never sent).

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::fmt;
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use tandem_core::{EmailAddress, EventStatus, Participant};
use uuid::Uuid;

use crate::{StoreError, StoreResult};
use tandem_core::Event;

/// What a message asks of the recipient's calendar (the iTIP method follows from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// METHOD:REQUEST: add the event or update it in place.
    Request,
    /// METHOD:CANCEL: the event is cancelled.
    Cancel,
    /// METHOD:CANCEL: this recipient is no longer a participant.
    Uninvite,
}

impl MessageKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Request => "request",
            MessageKind::Cancel => "cancel",
            MessageKind::Uninvite => "uninvite",
        }
    }
}

impl FromStr for MessageKind {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "request" => Ok(MessageKind::Request),
            "cancel" => Ok(MessageKind::Cancel),
            "uninvite" => Ok(MessageKind::Uninvite),
            _ => Err(StoreError::Corrupt(format!("message kind '{s}'"))),
        }
    }
}

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Refused for good (a permanent SMTP error, or too many attempts).
    Failed,
    /// A newer message to the same recipient replaced it before it was sent.
    Superseded,
}

impl DeliveryState {
    /// The stored and wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Superseded => "superseded",
        }
    }
}

impl FromStr for DeliveryState {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(DeliveryState::Pending),
            "sent" => Ok(DeliveryState::Sent),
            "failed" => Ok(DeliveryState::Failed),
            "superseded" => Ok(DeliveryState::Superseded),
            _ => Err(StoreError::Corrupt(format!("delivery state '{s}'"))),
        }
    }
}

impl fmt::Display for DeliveryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message the outbox owes a participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    /// The participant as the message addresses them (name, zone, role).
    pub participant: Participant,
    /// Their address.
    pub recipient: EmailAddress,
    /// REQUEST, CANCEL or uninvite.
    pub kind: MessageKind,
    /// The event's SEQUENCE the message carries.
    pub sequence: i64,
}

/// A stored message with its delivery state. Its `Debug` shows no address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Its id (also the mail's Message-ID stem).
    pub id: Uuid,
    /// The event it is about.
    pub event_id: Uuid,
    /// What it says, to whom.
    pub message: NewMessage,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made so far.
    pub attempts: i64,
    /// When the next attempt is due (pending messages).
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When the change that wrote it committed.
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// How one delivery attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// The mail server accepted the message.
    Sent,
    /// A transient failure: try again at `at`.
    Retry {
        /// What went wrong (no address in it).
        error: String,
        /// When to try again.
        at: DateTime<Utc>,
    },
    /// A permanent failure: the message is not tried again.
    Failed {
        /// What went wrong (no address in it).
        error: String,
    },
}

/// The outbox's side of the store.
#[async_trait]
pub trait Outbox {
    /// Leases up to `limit` due pending messages (oldest first) to `owner` for `lease`;
    /// each goes to one caller only, until its lease expires.
    async fn claim_messages(
        &self,
        owner: &str,
        lease: Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>>;

    /// Records how `owner`'s attempt ended and releases the lease; false when the lease was
    /// no longer `owner`'s (nothing is written then).
    async fn finish_message(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &DeliveryOutcome,
    ) -> StoreResult<bool>;

    /// Each recipient's latest message about `event_id`, by recipient.
    async fn deliveries(&self, event_id: Uuid) -> StoreResult<Vec<OutboxMessage>>;
}

/// The participants of `event` that have an address, with it.
fn addressed(event: &Event) -> impl Iterator<Item = (&Participant, &EmailAddress)> {
    event
        .draft
        .participants
        .iter()
        .filter_map(|p| p.email.as_ref().map(|address| (p, address)))
}

/// The messages that turning `before` (none: a new event) into `after` owes (DESIGN §15):
/// - a new live event: a REQUEST to every participant with an address;
/// - a change subscribers see (SEQUENCE bumped): a REQUEST to each, or a CANCEL to each
///   when the event is now cancelled;
/// - a participant added (or given a new address): a REQUEST at the current SEQUENCE;
/// - a participant removed (or their old address): an uninvite (CANCEL) at the current
///   SEQUENCE;
/// - nothing about an event cancelled before and after, nor for a new cancelled event.
pub fn messages_for(before: Option<&Event>, after: &Event) -> Vec<NewMessage> {
    let cancelled = after.status() == EventStatus::Cancelled;
    let was_cancelled = before.is_some_and(|b| b.status() == EventStatus::Cancelled);
    let mut out = Vec::new();
    if cancelled && (before.is_none() || was_cancelled) {
        return out;
    }
    let bumped = before.is_none_or(|b| after.sequence > b.sequence) || was_cancelled;
    let had = |p: &Participant, address: &EmailAddress| {
        before.is_some_and(|b| addressed(b).any(|(q, a)| q.id == p.id && a == address))
    };
    for (p, address) in addressed(after) {
        let known = had(p, address);
        if bumped || !known {
            if cancelled && !known {
                continue; // never invited: nothing to cancel
            }
            out.push(NewMessage {
                participant: p.clone(),
                recipient: address.clone(),
                kind: if cancelled {
                    MessageKind::Cancel
                } else {
                    MessageKind::Request
                },
                sequence: after.sequence,
            });
        }
    }
    if let Some(before) = before.filter(|_| !was_cancelled) {
        for (p, address) in addressed(before) {
            let stays = addressed(after).any(|(q, a)| q.id == p.id && a == address);
            if !stays {
                out.push(NewMessage {
                    participant: p.clone(),
                    recipient: address.clone(),
                    kind: if cancelled {
                        MessageKind::Cancel
                    } else {
                        MessageKind::Uninvite
                    },
                    sequence: after.sequence,
                });
            }
        }
    }
    out
}

/// Each recipient's latest message, from messages ordered by recipient then newest first.
fn latest_per_recipient(messages: Vec<OutboxMessage>) -> Vec<OutboxMessage> {
    let mut out: Vec<OutboxMessage> = Vec::new();
    for m in messages {
        if out
            .last()
            .is_none_or(|last| last.message.recipient != m.message.recipient)
        {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use tandem_core::{Attendance, EventKind, EventMode, ParticipantId, RegionCode, Zone};

    fn person(id: &str, email: Option<&str>) -> Participant {
        Participant {
            id: ParticipantId::parse(id).unwrap(),
            name: None,
            tz: Zone::parse("Asia/Bangkok").unwrap(),
            attendance: Attendance::Remote,
            required: true,
            email: email.map(|e| EmailAddress::parse(e).unwrap()),
            language: None,
        }
    }

    fn event(sequence: i64, status: EventStatus, participants: Vec<Participant>) -> Event {
        let at = NaiveDate::from_ymd_opt(2027, 3, 10)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let zone = Zone::parse("Africa/Douala").unwrap();
        Event {
            id: Uuid::nil(),
            draft: tandem_core::EventDraft {
                title: tandem_core::Title::parse("x").unwrap(),
                description: None,
                kind: EventKind::Meeting,
                mode: EventMode::Hybrid,
                status,
                region: RegionCode::AFR,
                group: None,
                venue_id: None,
                room_id: None,
                timing: tandem_core::EventTiming::stored(zone, at, at, None).unwrap(),
                co_located_with: None,
                remote_url: None,
                participants,
            },
            sequence,
            version: sequence + 1,
            created_at: at.and_utc(),
            updated_at: at.and_utc(),
            instants: tandem_core::EventInstants {
                starts_at: at.and_utc(),
                ends_at: at.and_utc(),
                last_ends_at: at.and_utc(),
                tzdata_version: "2026f".into(),
            },
        }
    }

    fn summary(messages: &[NewMessage]) -> Vec<(String, MessageKind, i64)> {
        let mut out: Vec<_> = messages
            .iter()
            .map(|m| (m.recipient.expose().to_owned(), m.kind, m.sequence))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    const A: &str = "a@example.org";
    const B: &str = "b@example.org";

    #[test]
    fn a_new_event_invites_everyone_with_an_address() {
        let new = event(
            0,
            EventStatus::Confirmed,
            vec![person("a", Some(A)), person("n", None)],
        );
        assert_eq!(
            summary(&messages_for(None, &new)),
            [(A.into(), MessageKind::Request, 0)]
        );
        let cancelled = event(0, EventStatus::Cancelled, vec![person("a", Some(A))]);
        assert!(messages_for(None, &cancelled).is_empty());
    }

    #[test]
    fn a_visible_change_updates_everyone_and_a_participant_change_only_those_concerned() {
        let before = event(
            0,
            EventStatus::Confirmed,
            vec![person("a", Some(A)), person("b", Some(B))],
        );
        let moved = event(1, EventStatus::Confirmed, before.draft.participants.clone());
        assert_eq!(
            summary(&messages_for(Some(&before), &moved)),
            [
                (A.into(), MessageKind::Request, 1),
                (B.into(), MessageKind::Request, 1)
            ]
        );
        // b leaves, c joins, a stays: SEQUENCE unchanged (participants are not shown in feeds).
        let reshuffled = event(
            0,
            EventStatus::Confirmed,
            vec![person("a", Some(A)), person("c", Some("c@example.org"))],
        );
        assert_eq!(
            summary(&messages_for(Some(&before), &reshuffled)),
            [
                (B.into(), MessageKind::Uninvite, 0),
                ("c@example.org".into(), MessageKind::Request, 0)
            ]
        );
        // A new address: invited there, uninvited at the old one.
        let readdressed = event(0, EventStatus::Confirmed, vec![person("a", Some(B))]);
        let single = event(0, EventStatus::Confirmed, vec![person("a", Some(A))]);
        assert_eq!(
            summary(&messages_for(Some(&single), &readdressed)),
            [
                (A.into(), MessageKind::Uninvite, 0),
                (B.into(), MessageKind::Request, 0)
            ]
        );
        // Nothing changed: nothing sent.
        assert!(messages_for(Some(&before), &before).is_empty());
    }

    #[test]
    fn a_cancellation_cancels_for_everyone_once() {
        let before = event(
            2,
            EventStatus::Confirmed,
            vec![person("a", Some(A)), person("b", Some(B))],
        );
        let cancelled = event(3, EventStatus::Cancelled, vec![person("a", Some(A))]);
        assert_eq!(
            summary(&messages_for(Some(&before), &cancelled)),
            [
                (A.into(), MessageKind::Cancel, 3),
                (B.into(), MessageKind::Cancel, 3)
            ]
        );
        let again = event(
            3,
            EventStatus::Cancelled,
            vec![person("a", Some(A)), person("c", Some("c@example.org"))],
        );
        assert!(messages_for(Some(&cancelled), &again).is_empty());
        // Confirmed again: everyone is invited anew.
        let revived = event(4, EventStatus::Confirmed, vec![person("a", Some(A))]);
        assert_eq!(
            summary(&messages_for(Some(&cancelled), &revived)),
            [(A.into(), MessageKind::Request, 4)]
        );
    }
}
