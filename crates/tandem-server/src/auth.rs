//! Bearer tokens (DESIGN §9): a token is shown once, only its SHA-256 is stored, and each
//! request's token is looked up by that hash. Roles: admin; organiser, scoped to regions;
//! viewer.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use tandem_app::tokens::token_hash;

use crate::problem::ApiError;
use crate::state::AppState;

/// The token of an `Authorization: Bearer <token>` header value, if it is one.
pub fn bearer_token(value: &HeaderValue) -> Option<&str> {
    let (scheme, token) = value.to_str().ok()?.split_once(' ')?;
    Some(token.trim()).filter(|t| scheme.eq_ignore_ascii_case("bearer") && !t.is_empty())
}

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
            ApiError::Unauthorized("expected 'Authorization: Bearer <token>'".into())
        })?;
        let hash = token_hash(token);
        let record = state
            .app
            .store
            .token_by_hash(&hash)
            .await?
            .ok_or_else(|| ApiError::Unauthorized("the token is unknown or revoked".into()))?;
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
