//! `/api/v1/feed-tokens`: private feed tokens for participants (DESIGN §7). A token is 256
//! bits from the operating system's RNG, shown once, stored as its SHA-256; it can be rotated
//! and revoked by an organiser or admin, or by whoever holds a live token of the same
//! participant.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_app::tokens;
use tandem_core::ParticipantId;
use tandem_store::FeedTokenRecord;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::wire;
use crate::extract::{path_id, ApiJson, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use tandem_app::AppError;
use tandem_core::Phrase;

/// A request for a participant's private feed.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedTokenRequest {
    /// The participant (their id in events).
    #[schema(value_type = wire::ParticipantIdText)]
    pub participant: String,
}

/// A new private feed token: shown once.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedTokenCreated {
    /// Id (to rotate or revoke).
    pub id: Uuid,
    /// The participant.
    pub participant: String,
    /// The secret, shown once.
    pub token: String,
    /// The private feed (https).
    pub url: String,
    /// The private feed, for subscribing (webcal).
    pub webcal: String,
    /// The participant's free/busy (https).
    pub freebusy_url: String,
    /// The participant's free/busy (webcal).
    pub freebusy_webcal: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A private feed token's record (never the secret).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedTokenBody {
    /// Id.
    pub id: Uuid,
    /// The participant.
    pub participant: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Whose tokens to list.
#[derive(Clone, Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedTokenQuery {
    /// The participant.
    pub participant: String,
}

/// Subscribe links of a feed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Subscribe {
    /// The feed over https (download, or subscribe by URL).
    pub https: String,
    /// The same feed as `webcal://`, which calendar apps open as a subscription.
    pub webcal: String,
}

impl Subscribe {
    /// The links of the feed at `path` (`/feeds/regions/AFR.ics`).
    pub fn at(base: &str, path: &str) -> Self {
        let https = format!("{base}{path}");
        Self {
            webcal: webcal(&https),
            https,
        }
    }
}

/// The `webcal://` form of an http(s) URL.
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

fn body(record: &FeedTokenRecord) -> FeedTokenBody {
    FeedTokenBody {
        id: record.id,
        participant: record.participant.clone(),
        created_at: record.created_at,
        revoked_at: record.revoked_at,
    }
}

/// Who manages feed tokens: the bearer of an API token of an admin or organiser, or of a
/// live feed token (its own participant's only).
pub struct FeedTokenManager(tokens::FeedTokenManager);

impl FromRequestParts<AppState> for FeedTokenManager {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().to_owned())
            .ok_or_else(|| {
                ApiError::from(AppError::Unauthorized(Phrase::new(
                    "problem-detail-token-needed",
                    "this needs a token: send 'Authorization: Bearer <token>'",
                )))
            })?;
        Ok(FeedTokenManager(
            tokens::manager_of(&state.app, &bearer).await?,
        ))
    }
}

/// The answer to a new token: the secret and its subscribe links.
fn created(state: &AppState, issued: tokens::IssuedFeedToken) -> FeedTokenCreated {
    let base = state.settings.public_url();
    let token = issued.secret;
    let url = format!("{base}/feeds/private/{token}.ics");
    let freebusy_url = format!("{base}/feeds/freebusy/{token}.ics");
    FeedTokenCreated {
        id: issued.record.id,
        participant: issued.record.participant,
        webcal: webcal(&url),
        url,
        freebusy_webcal: webcal(&freebusy_url),
        freebusy_url,
        token,
        created_at: issued.record.created_at,
    }
}

/// Creates a private feed token for a participant (shown once).
#[utoipa::path(
    post, path = "/api/v1/feed-tokens", tag = "feeds",
    request_body = FeedTokenRequest,
    responses(
        (status = 201, description = "Created: the token and its subscribe links", body = FeedTokenCreated),
        (status = 400, description = "Invalid participant", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_feed_token(
    State(state): State<AppState>,
    FeedTokenManager(who): FeedTokenManager,
    ApiJson(request): ApiJson<FeedTokenRequest>,
) -> Result<Response, ApiError> {
    let participant = ParticipantId::parse(&request.participant)
        .map_err(|e| ApiError::from(e.under("participant")))?;
    let issued = tokens::create_feed_token(&state.app, &who, &participant).await?;
    Ok((StatusCode::CREATED, Json(created(&state, issued))).into_response())
}

/// A participant's feed tokens (records only).
#[utoipa::path(
    get, path = "/api/v1/feed-tokens", tag = "feeds", params(FeedTokenQuery),
    responses(
        (status = 200, description = "Tokens, newest first", body = [FeedTokenBody]),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_feed_tokens(
    State(state): State<AppState>,
    FeedTokenManager(who): FeedTokenManager,
    ApiQuery(query): ApiQuery<FeedTokenQuery>,
) -> Result<Json<Vec<FeedTokenBody>>, ApiError> {
    let list = tokens::feed_tokens(&state.app, &who, &query.participant).await?;
    Ok(Json(list.iter().map(body).collect()))
}

/// Replaces a token by a new one; the old one stops working at once.
#[utoipa::path(
    post, path = "/api/v1/feed-tokens/{id}/rotate", tag = "feeds",
    params(("id" = Uuid, Path, description = "Feed token id")),
    responses(
        (status = 201, description = "The new token", body = FeedTokenCreated),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already revoked", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn rotate_feed_token(
    State(state): State<AppState>,
    FeedTokenManager(who): FeedTokenManager,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let issued = tokens::rotate_feed_token(&state.app, &who, path_id(&id, "feed token")?).await?;
    Ok((StatusCode::CREATED, Json(created(&state, issued))).into_response())
}

/// Revokes a token; its feed answers 404 from now on.
#[utoipa::path(
    delete, path = "/api/v1/feed-tokens/{id}", tag = "feeds",
    params(("id" = Uuid, Path, description = "Feed token id")),
    responses(
        (status = 200, description = "Revoked", body = FeedTokenBody),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn revoke_feed_token(
    State(state): State<AppState>,
    FeedTokenManager(who): FeedTokenManager,
    Path(id): Path<String>,
) -> Result<Json<FeedTokenBody>, ApiError> {
    let record = tokens::revoke_feed_token(&state.app, &who, path_id(&id, "feed token")?).await?;
    Ok(Json(body(&record)))
}
