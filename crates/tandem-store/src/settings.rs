//! How a store is opened: its pool's size and patience, and the database URL as logs may
//! show it.

/// A store's connection pool: how many connections it holds and how long an operation waits
/// for a free one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSettings {
    /// Most connections open at once (at least one is used).
    pub max_connections: u32,
    /// Longest wait for a free connection (and for opening one); past it the operation
    /// fails with [`crate::StoreError::Unavailable`] instead of queueing without end.
    pub acquire_timeout: std::time::Duration,
}

impl PoolSettings {
    /// `max_connections` connections, waiting up to 30 seconds for one: patient, for tests
    /// and embedders; `tandem` itself passes `database.acquire_timeout_seconds`.
    pub fn new(max_connections: u32) -> Self {
        Self {
            max_connections,
            acquire_timeout: std::time::Duration::from_secs(30),
        }
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let parts = url
        .split_once("://")
        .and_then(|(scheme, rest)| Some((scheme, rest.rsplit_once('@')?)));
    match parts {
        Some((scheme, (userinfo, host))) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact_url("postgres://tandem:secret@db:5432/tandem"),
            "postgres://tandem:***@db:5432/tandem"
        );
        assert_eq!(
            super::redact_url("sqlite://tandem.db"),
            "sqlite://tandem.db"
        );
    }
}
