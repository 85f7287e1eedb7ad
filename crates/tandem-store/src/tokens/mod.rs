//! API tokens (DESIGN §9) and participants' private feed tokens: only their SHA-256 is
//! stored, never the secret.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::fmt;
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_core::RegionCode;
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::rows::corrupt;

/// What a token may do (DESIGN §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything.
    Admin,
    /// Writes within their regions.
    Organiser,
    /// Reads only.
    Viewer,
}

impl Role {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organiser => "organiser",
            Role::Viewer => "viewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(Role::Admin),
            "organiser" | "organizer" => Ok(Role::Organiser),
            "viewer" => Ok(Role::Viewer),
            _ => Err(format!(
                "unknown role '{s}': expected admin, organiser or viewer"
            )),
        }
    }
}

/// A token to store: only the SHA-256 of the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct NewToken {
    /// SHA-256 of the secret.
    pub hash: [u8; 32],
    /// Role.
    pub role: Role,
    /// Regions an organiser may write to.
    pub regions: Vec<RegionCode>,
    /// Who or what it is for.
    pub label: Option<String>,
}

impl fmt::Debug for NewToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewToken")
            .field("role", &self.role)
            .field("regions", &self.regions)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// A stored token, without its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRecord {
    /// Its id.
    pub id: Uuid,
    /// Role.
    pub role: Role,
    /// Regions an organiser may write to.
    pub regions: Vec<RegionCode>,
    /// Who or what it is for.
    pub label: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A private feed token's record (never the secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedTokenRecord {
    /// Its id.
    pub id: Uuid,
    /// The participant whose events the feed shows.
    pub participant: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

pub(crate) fn regions_text(regions: &[RegionCode]) -> String {
    regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn regions(value: &str) -> Result<Vec<RegionCode>, StoreError> {
    value
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|r| r.parse().map_err(|_| corrupt("region", r)))
        .collect()
}

/// A token record from its columns.
pub(crate) fn token(
    id: Uuid,
    role: &str,
    regions_value: &str,
    label: Option<String>,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
) -> Result<TokenRecord, StoreError> {
    Ok(TokenRecord {
        id,
        role: role.parse::<Role>().map_err(|_| corrupt("role", role))?,
        regions: regions(regions_value)?,
        label,
        created_at,
        revoked_at,
    })
}

/// API tokens and private feed tokens.
#[async_trait]
pub trait TokenStore: Send + Sync {
    /// Stores a new API token (only its hash).
    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord>;

    /// The live (not revoked) token with this SHA-256 hash.
    async fn token_by_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<TokenRecord>>;

    /// Revokes a token; revoking twice is not an error.
    async fn revoke_token(&self, id: Uuid) -> StoreResult<()>;

    /// Every token record, newest first (hashes only).
    async fn tokens(&self) -> StoreResult<Vec<TokenRecord>>;

    /// Stores a private feed token for a participant (only its SHA-256).
    async fn create_feed_token(
        &self,
        participant: &str,
        hash: &[u8; 32],
    ) -> StoreResult<FeedTokenRecord>;

    /// The live feed token with this hash, with the stored hash (for a constant-time check).
    async fn feed_token_by_hash(
        &self,
        hash: &[u8; 32],
    ) -> StoreResult<Option<(FeedTokenRecord, Vec<u8>)>>;

    /// One feed token record.
    async fn feed_token(&self, id: Uuid) -> StoreResult<FeedTokenRecord>;

    /// Revokes a feed token; revoking twice is not an error.
    async fn revoke_feed_token(&self, id: Uuid) -> StoreResult<()>;

    /// A participant's feed tokens, newest first.
    async fn feed_tokens(&self, participant: &str) -> StoreResult<Vec<FeedTokenRecord>>;
}
