//! `GET /api/v1/events/{id}/deliveries`: where each participant's invitation stands
//! (DESIGN §15), for organisers of the event's region.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_store::{DeliveryState, MessageKind, OutboxMessage};
use tracing::instrument;
use utoipa::ToSchema;

use crate::api::events::Private;
use crate::api::wire;
use crate::auth::Authenticated;
use crate::extract::path_id;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// One recipient's latest message about the event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DeliveryBody {
    /// The participant it addresses (they may have left the event: then `kind` is
    /// `uninvite`).
    #[schema(value_type = wire::ParticipantIdText)]
    pub participant: String,
    /// Where it goes.
    #[schema(value_type = wire::EmailText)]
    pub email: Private,
    /// `request` (invitation or update), `cancel` (the event is cancelled) or `uninvite`
    /// (no longer a participant).
    pub kind: String,
    /// The iTIP method: `REQUEST` or `CANCEL`.
    pub method: String,
    /// The SEQUENCE it carries.
    pub sequence: i64,
    /// `pending`, `sent`, `failed` or `superseded`.
    pub state: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When the next attempt is due (pending only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was written (with the change it announces).
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

/// The deliveries of one event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DeliveryList {
    /// Whether this instance sends mail (`mail.url` set); while it does not, messages wait.
    pub mail_enabled: bool,
    /// One entry per recipient, by address.
    pub items: Vec<DeliveryBody>,
}

fn body(m: &OutboxMessage) -> DeliveryBody {
    DeliveryBody {
        participant: m.message.participant.id.to_string(),
        email: Private(m.message.recipient.expose().to_owned()),
        kind: m.message.kind.as_str().to_owned(),
        method: match m.message.kind {
            MessageKind::Request => "REQUEST",
            MessageKind::Cancel | MessageKind::Uninvite => "CANCEL",
        }
        .to_owned(),
        sequence: m.message.sequence,
        state: m.state.as_str().to_owned(),
        attempts: m.attempts,
        last_error: m.last_error.clone(),
        next_attempt_at: (m.state == DeliveryState::Pending).then_some(m.next_attempt_at),
        sent_at: m.sent_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// Each recipient's latest invitation, cancellation or update about an event, with its
/// state and last error.
#[utoipa::path(
    get, path = "/api/v1/events/{id}/deliveries", tag = "events",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "The deliveries", body = DeliveryList),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organiser of the event's region", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn list_deliveries(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<DeliveryList>, ApiError> {
    let id = path_id(&id, "event")?;
    let event = state.app.store.event(id).await?;
    caller.require_write(&[event.draft.region])?;
    let items = state
        .app
        .store
        .deliveries(id)
        .await?
        .iter()
        .map(body)
        .collect();
    Ok(Json(DeliveryList {
        mail_enabled: state.settings.mail.url.is_some(),
        items,
    }))
}
