//! Bearer tokens (DESIGN §9): a token is shown once, only its SHA-256 is stored, and each
//! request's token is looked up by that hash. Roles: admin; organiser, scoped to regions;
//! viewer.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use tandem_app::tokens::{feed_token_caller, token_hash, FEED_TOKEN_PREFIX};

use crate::extract::bearer_token;

use crate::problem::ApiError;
use crate::state::AppState;
use tandem_app::AppError;
use tandem_core::Phrase;

/// Who is calling (the application layer's caller), found from the bearer token.
pub use tandem_app::Caller;

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller::Anonymous);
        };
        let token = bearer_token(value).ok_or_else(|| {
            ApiError::from(AppError::Unauthorized(Phrase::new(
                "problem-detail-bearer-expected",
                "expected 'Authorization: Bearer <token>'",
            )))
        })?;
        let hash = token_hash(token);
        let record = state.app.store.token_by_hash(&hash).await?.ok_or_else(|| {
            ApiError::from(AppError::Unauthorized(tandem_app::tokens::token_unknown()))
        })?;
        state.rate_limit.token_verified(hash);
        Ok(Caller::Token(record))
    }
}

/// A caller who must present a valid token: extracted before the body, so a write without
/// a token is a 401 whatever its body.
#[derive(Clone, Debug)]
pub struct Authenticated(pub Caller);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller.authenticated()?;
        Ok(Authenticated(caller))
    }
}

/// A caller allowed to read: anyone while `auth.public_reads` is true, else a valid token.
/// Extracted before the query and the body, so a refused read is a 401 whatever they hold.
#[derive(Clone, Debug)]
pub struct Reader(pub Caller);

impl FromRequestParts<AppState> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller.require_read(state.settings.auth.public_reads)?;
        Ok(Reader(caller))
    }
}

/// The reader of one event: as [`Caller`], and also the bearer of a participant's live feed
/// token (`Authorization: Bearer tdf_…`, as the feed-token endpoints take it), who reads
/// that participant's own address (DESIGN §15). Whether the caller may read the event is the
/// use case's ([`tandem_app::events::read`]): a feed token reads the events it is on even
/// while reads are private; any other caller is refused here as by [`Reader`].
#[derive(Clone, Debug)]
pub struct EventReader(pub Caller);

impl FromRequestParts<AppState> for EventReader {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let feed_token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(bearer_token)
            .filter(|t| t.starts_with(FEED_TOKEN_PREFIX));
        match feed_token {
            Some(token) => Ok(EventReader(feed_token_caller(&state.app, token).await?)),
            None => Ok(EventReader(
                Reader::from_request_parts(parts, state).await?.0,
            )),
        }
    }
}
