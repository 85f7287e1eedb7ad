//! Tokens (DESIGN §7, §9) as use cases: API tokens (shown once, only their SHA-256 stored)
//! and participants' private feed tokens, which an organiser or admin — or whoever holds a
//! live feed token of the same participant — creates, rotates and revokes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tandem_core::{ParticipantId, Phrase, RegionCode};
use tandem_store::{FeedTokenRecord, NewToken, Role, Store, TokenRecord};
use uuid::Uuid;

use crate::{App, AppError, AppResult, Caller};

/// Prefix that makes tandem's API tokens recognisable (in logs, secret scanners).
pub const TOKEN_PREFIX: &str = "tdm_";
/// Prefix of private feed tokens.
pub const FEED_TOKEN_PREFIX: &str = "tdf_";

fn random_token(prefix: &str) -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// A new secret API token: 256 bits from the operating system's RNG.
pub fn generate_token() -> Result<SecretString, getrandom::Error> {
    random_token(TOKEN_PREFIX).map(SecretString::from)
}

/// The SHA-256 of a token, which is all the database keeps.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Creates and stores an API token; returns the secret (to show once) and its record.
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

/// Who manages a participant's feed tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedTokenManager {
    /// An admin or organiser: any participant.
    Staff,
    /// The holder of a live feed token: that participant only.
    Participant(String),
}

impl FeedTokenManager {
    fn may_manage(&self, participant: &str) -> AppResult<()> {
        match self {
            FeedTokenManager::Staff => Ok(()),
            FeedTokenManager::Participant(p) if p == participant => Ok(()),
            FeedTokenManager::Participant(_) => Err(AppError::Forbidden(Phrase::new(
                "problem-detail-feed-token-own",
                "a feed token manages only its own participant's tokens",
            ))),
        }
    }
}

/// Why a token was refused: it is not one tandem issued, or it was revoked (which of the two
/// is not said).
pub fn token_unknown() -> Phrase {
    Phrase::new(
        "problem-detail-token-unknown",
        "the token is unknown or revoked",
    )
}

/// The participant whose live feed token `token` is; an unknown or revoked one is
/// [`AppError::NotFound`] ("no such feed").
pub async fn participant_of(app: &App, token: &str) -> AppResult<String> {
    let unknown = || AppError::NotFound(Phrase::new("problem-detail-no-such-feed", "no such feed"));
    let hash = token_hash(token);
    let (record, stored) = app
        .store
        .feed_token_by_hash(&hash)
        .await?
        .ok_or_else(unknown)?;
    if bool::from(stored.as_slice().ct_eq(&hash[..])) {
        Ok(record.participant)
    } else {
        Err(unknown())
    }
}

/// The caller a live feed token makes of its bearer: its participant
/// ([`Caller::Participant`]); an unknown or revoked one is [`AppError::Unauthorized`].
pub async fn feed_token_caller(app: &App, token: &str) -> AppResult<Caller> {
    let unknown = || AppError::Unauthorized(token_unknown());
    let participant = participant_of(app, token).await.map_err(|_| unknown())?;
    ParticipantId::parse(&participant)
        .map(Caller::Participant)
        .map_err(|_| unknown())
}

/// Who the bearer of `token` (an API token or a feed token) is as a feed-token manager.
pub async fn manager_of(app: &App, token: &str) -> AppResult<FeedTokenManager> {
    let unknown = || AppError::Unauthorized(token_unknown());
    if token.starts_with(FEED_TOKEN_PREFIX) {
        return participant_of(app, token)
            .await
            .map(FeedTokenManager::Participant)
            .map_err(|_| unknown());
    }
    let record = app
        .store
        .token_by_hash(&token_hash(token))
        .await?
        .ok_or_else(unknown)?;
    match record.role {
        Role::Admin | Role::Organiser => Ok(FeedTokenManager::Staff),
        Role::Viewer => Err(AppError::Forbidden(Phrase::new(
            "problem-detail-viewer-feed-tokens",
            "a viewer token cannot manage feed tokens",
        ))),
    }
}

/// A feed token just issued: the secret (shown once) and its record.
#[derive(Clone, Debug)]
pub struct IssuedFeedToken {
    /// The token itself.
    pub secret: String,
    /// What is stored of it.
    pub record: FeedTokenRecord,
}

async fn issue(app: &App, participant: &str) -> AppResult<IssuedFeedToken> {
    let secret = random_token(FEED_TOKEN_PREFIX)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("OS RNG failed: {e}")))?;
    let record = app
        .store
        .create_feed_token(participant, &token_hash(&secret))
        .await?;
    Ok(IssuedFeedToken { secret, record })
}

/// Issues a private feed token for `participant`.
pub async fn create_feed_token(
    app: &App,
    who: &FeedTokenManager,
    participant: &ParticipantId,
) -> AppResult<IssuedFeedToken> {
    who.may_manage(participant.as_str())?;
    issue(app, participant.as_str()).await
}

/// A participant's feed tokens, newest first.
pub async fn feed_tokens(
    app: &App,
    who: &FeedTokenManager,
    participant: &str,
) -> AppResult<Vec<FeedTokenRecord>> {
    who.may_manage(participant)?;
    Ok(app.store.feed_tokens(participant).await?)
}

/// Replaces a live feed token by a new one; the old URL stops at once.
pub async fn rotate_feed_token(
    app: &App,
    who: &FeedTokenManager,
    id: Uuid,
) -> AppResult<IssuedFeedToken> {
    let record = app.store.feed_token(id).await?;
    who.may_manage(&record.participant)?;
    if record.revoked_at.is_some() {
        return Err(AppError::Conflict(Phrase::new(
            "problem-detail-token-revoked",
            "this token was revoked; create a new one",
        )));
    }
    let created = issue(app, &record.participant).await?;
    app.store.revoke_feed_token(record.id).await?;
    Ok(created)
}

/// Revokes a feed token; returns it as it is now.
pub async fn revoke_feed_token(
    app: &App,
    who: &FeedTokenManager,
    id: Uuid,
) -> AppResult<FeedTokenRecord> {
    let record = app.store.feed_token(id).await?;
    who.may_manage(&record.participant)?;
    app.store.revoke_feed_token(record.id).await?;
    Ok(app.store.feed_token(record.id).await?)
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
