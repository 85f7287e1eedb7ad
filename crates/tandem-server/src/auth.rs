//! Bearer tokens (DESIGN §9): a token is shown once, only its SHA-256 is stored, and each
//! request's token is looked up by that hash. Roles: admin; organiser, scoped to regions;
//! viewer.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use tandem_core::RegionCode;
use tandem_store::{NewToken, Role, Store, TokenRecord};

use crate::problem::ApiError;
use crate::state::AppState;

/// Prefix that makes tandem tokens recognisable (in logs, secret scanners).
pub const TOKEN_PREFIX: &str = "tdm_";

/// A new secret token: 256 bits from the operating system's RNG.
pub fn generate_token() -> Result<SecretString, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(SecretString::from(format!(
        "{TOKEN_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(bytes)
    )))
}

/// The SHA-256 of a token, which is all the database keeps.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Creates and stores a token; returns the secret (to show once) and its record.
pub async fn issue_token(
    store: &dyn Store,
    role: Role,
    regions: Vec<RegionCode>,
    label: Option<String>,
) -> anyhow::Result<(SecretString, TokenRecord)> {
    let secret = generate_token()?;
    let record = store
        .create_token(&NewToken {
            hash: token_hash(secret.expose_secret()),
            role,
            regions,
            label,
        })
        .await?;
    Ok((secret, record))
}

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
            return Ok(Caller(None));
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
        Ok(Caller(Some(record)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_prefixed() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert!(a.expose_secret().starts_with(TOKEN_PREFIX));
        assert_eq!(a.expose_secret().len(), TOKEN_PREFIX.len() + 43);
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert_ne!(token_hash(a.expose_secret()), token_hash(b.expose_secret()));
    }
}
