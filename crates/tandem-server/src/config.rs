//! Layered configuration (DESIGN §12): the bundled `config/default.toml`, then a file given
//! with `--config`, then environment variables `TANDEM__SECTION__KEY`. Unknown keys are
//! errors; the database URL is a secret and never appears in `Debug` or logs.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// The defaults shipped with tandem.
pub const DEFAULT_TOML: &str = include_str!("../../../config/default.toml");

/// All settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// HTTP server.
    pub server: ServerSettings,
    /// Database.
    pub database: DatabaseSettings,
    /// Authentication.
    pub auth: AuthSettings,
    /// Logging.
    pub log: LogSettings,
    /// iCalendar feeds.
    pub feeds: FeedSettings,
    /// Importing external calendars.
    pub import: tandem_app::import::ImportSettings,
    /// The per-client rate limit.
    pub rate_limit: RateLimitSettings,
    /// Invitations by e-mail (DESIGN §15).
    pub mail: crate::mail::MailSettings,
}

/// The per-client rate limit (DESIGN §9): a token bucket per client, refilled at
/// `requests_per_second` and holding at most `burst` requests.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Sustained requests per second per client; 0 turns the limit off.
    pub requests_per_second: u32,
    /// Requests a client may send at once before the sustained rate applies.
    pub burst: u32,
    /// Reverse proxies in front of tandem that append to `X-Forwarded-For`: the client is
    /// the address that many entries from the right. 0 ignores the header.
    pub trusted_proxy_hops: u8,
}

/// iCalendar feed settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSettings {
    /// REFRESH-INTERVAL and X-PUBLISHED-TTL of every feed, in minutes.
    pub refresh_minutes: u32,
    /// `Cache-Control: max-age` of feed responses, in seconds.
    pub max_age_seconds: u32,
    /// ORGANIZER's common name (METHOD:PUBLISH requires an ORGANIZER).
    pub organizer_name: String,
    /// ORGANIZER's address.
    pub organizer_email: String,
    /// How long a cancelled event stays in feeds asked `include=cancelled`, in days.
    pub cancelled_days: u32,
    /// Most events one feed lists (the earliest first).
    pub max_events: u32,
}

/// HTTP server settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Public base URL for absolute links; by default the address served on.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Largest request body, in bytes.
    pub body_limit_bytes: usize,
    /// Longest a request may take, in seconds.
    pub request_timeout_seconds: u64,
}

/// Database settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://FILE` or `postgres://…` (a secret: it may hold a password).
    pub url: SecretString,
    /// Pool size.
    pub max_connections: u32,
    /// Longest a request waits for a pooled connection before it is answered 503 with
    /// `Retry-After`, in seconds (below `server.request_timeout_seconds`).
    pub acquire_timeout_seconds: u64,
}

impl DatabaseSettings {
    /// The URL, for connecting.
    pub fn url(&self) -> &str {
        self.url.expose_secret()
    }

    /// The pool's size and acquire timeout, for `tandem_store::connect`.
    pub fn pool(&self) -> tandem_store::PoolSettings {
        tandem_store::PoolSettings {
            max_connections: self.max_connections,
            acquire_timeout: Duration::from_secs(self.acquire_timeout_seconds),
        }
    }
}

/// Authentication settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// Whether reads need no token.
    pub public_reads: bool,
}

/// Logging settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// `text` or `json`.
    pub format: LogFormat,
    /// `EnvFilter` directives.
    pub filter: String,
}

/// How log lines look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Why the settings could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(String);

impl Settings {
    /// Loads defaults, then `file` if given, then `TANDEM__…` from `env`.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::from_figment(&Self::figment(file, Env::prefixed("TANDEM__").split("__")))
    }

    /// The same layering with an explicit environment provider (for tests).
    pub fn figment(file: Option<&Path>, env: Env) -> Figment {
        let mut figment = Figment::from(Toml::string(DEFAULT_TOML));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment.merge(env.lowercase(true))
    }

    /// Extracts and checks settings from a figment.
    pub fn from_figment(figment: &Figment) -> Result<Self, ConfigError> {
        let settings: Settings = figment.extract().map_err(|e| {
            ConfigError(
                e.into_iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        if let Some(url) = &settings.server.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ConfigError(format!(
                    "server.public_url '{url}' must start with http:// or https://"
                )));
            }
        }
        settings.import.check().map_err(ConfigError)?;
        settings.mail.check().map_err(ConfigError)?;
        if settings.server.body_limit_bytes == 0 || settings.database.max_connections == 0 {
            return Err(ConfigError(
                "server.body_limit_bytes and database.max_connections must be positive".into(),
            ));
        }
        let acquire = settings.database.acquire_timeout_seconds;
        let request = settings.server.request_timeout_seconds;
        if acquire == 0 || acquire >= request {
            return Err(ConfigError(format!(
                "database.acquire_timeout_seconds ({acquire}) must be at least 1 and below \
                 server.request_timeout_seconds ({request}), so a saturated pool is answered \
                 503 with Retry-After before the request times out"
            )));
        }
        let limit = &settings.rate_limit;
        if limit.requests_per_second > 0 && limit.burst == 0 {
            return Err(ConfigError(
                "rate_limit.burst must be positive while rate_limit.requests_per_second is \
                 (set requests_per_second = 0 to turn the limit off)"
                    .into(),
            ));
        }
        Ok(settings)
    }

    /// The public base URL without a trailing slash.
    pub fn public_url(&self) -> &str {
        self.server
            .public_url
            .as_deref()
            .unwrap_or("http://127.0.0.1:8080")
            .trim_end_matches('/')
    }

    /// Fills in `server.public_url` from the address actually bound, when not configured.
    pub fn set_public_url_from(&mut self, addr: SocketAddr) {
        if self.server.public_url.is_none() {
            let host = if addr.ip().is_unspecified() {
                "localhost".to_owned()
            } else if addr.is_ipv6() {
                format!("[{}]", addr.ip())
            } else {
                addr.ip().to_string()
            };
            self.server.public_url = Some(format!("http://{host}:{}", addr.port()));
        }
    }
}

#[cfg(test)]
// figment's Jail API fixes the closure's error type; its size is not ours to choose.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_load() {
        let s = Settings::from_figment(&Settings::figment(
            None,
            Env::prefixed("TANDEM_TEST_NONE__"),
        ))
        .unwrap();
        assert_eq!(s.database.url(), "sqlite://tandem.db");
        assert!(s.auth.public_reads);
        assert_eq!(
            s.database.pool(),
            tandem_store::PoolSettings {
                max_connections: 8,
                acquire_timeout: Duration::from_secs(5),
            }
        );
        assert_eq!(
            (
                s.rate_limit.requests_per_second,
                s.rate_limit.burst,
                s.rate_limit.trusted_proxy_hops
            ),
            (50, 200, 0)
        );
    }

    #[test]
    fn the_acquire_timeout_is_set_by_environment_and_stays_below_the_request_timeout() {
        Jail::expect_with(|jail| {
            jail.set_env("TANDEM__DATABASE__ACQUIRE_TIMEOUT_SECONDS", "2");
            let s = Settings::load(None).unwrap();
            assert_eq!(s.database.pool().acquire_timeout, Duration::from_secs(2));
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.create_file(
                "tandem.toml",
                "[server]\nrequest_timeout_seconds = 5\n[database]\nacquire_timeout_seconds = 5\n",
            )?;
            let err = Settings::load(Some(Path::new("tandem.toml"))).unwrap_err();
            assert!(
                err.to_string().contains("acquire_timeout_seconds"),
                "the pool gives up before the request does: {err}"
            );
            Ok(())
        });
    }

    #[test]
    fn the_rate_limit_is_set_by_environment_and_checked() {
        Jail::expect_with(|jail| {
            jail.set_env("TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND", "0");
            jail.set_env("TANDEM__RATE_LIMIT__TRUSTED_PROXY_HOPS", "1");
            let s = Settings::load(None).unwrap();
            assert_eq!(s.rate_limit.requests_per_second, 0);
            assert_eq!(s.rate_limit.trusted_proxy_hops, 1);
            jail.set_env("TANDEM__RATE_LIMIT__BURST_SIZE", "9");
            let err = Settings::load(None).unwrap_err();
            assert!(err.to_string().contains("burst_size"), "unknown key: {err}");
            Ok(())
        });
        Jail::expect_with(|jail| {
            jail.create_file(
                "tandem.toml",
                "[rate_limit]\nrequests_per_second = 5\nburst = 0\n",
            )?;
            let err = Settings::load(Some(Path::new("tandem.toml"))).unwrap_err();
            assert!(err.to_string().contains("rate_limit.burst"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn file_then_environment_override() {
        Jail::expect_with(|jail| {
            jail.create_file("tandem.toml", "[server]\nbind = \"0.0.0.0:9000\"\n")?;
            jail.set_env("TANDEM__DATABASE__URL", "postgres://u:secret@db/tandem");
            jail.set_env("TANDEM__SERVER__BIND", "0.0.0.0:9100");
            let s = Settings::load(Some(Path::new("tandem.toml"))).unwrap();
            assert_eq!(s.server.bind.port(), 9100);
            assert_eq!(s.database.url(), "postgres://u:secret@db/tandem");
            assert!(
                !format!("{s:?}").contains("secret"),
                "the URL is redacted in Debug"
            );
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_are_errors() {
        Jail::expect_with(|jail| {
            jail.create_file("tandem.toml", "[server]\nbnd = \"0.0.0.0:9000\"\n")?;
            let err = Settings::load(Some(Path::new("tandem.toml"))).unwrap_err();
            assert!(err.to_string().contains("bnd"), "{err}");
            jail.set_env("TANDEM__SERVER__COLOUR", "blue");
            let err = Settings::load(None).unwrap_err();
            assert!(err.to_string().contains("colour"), "{err}");
            Ok(())
        });
    }
}
