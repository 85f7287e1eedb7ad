//! Organisers' signed-in web sessions, held in this instance's memory: a random id maps to
//! the SHA-256 of the token signed in with, the session's CSRF token and its expiry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a session lasts without being renewed.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);

/// One signed-in organiser.
#[derive(Clone)]
pub struct Session {
    /// The SHA-256 of the token it was opened with.
    pub token_hash: [u8; 32],
    /// The CSRF token of its forms.
    pub csrf: String,
    /// When it ends unless renewed.
    pub expires: Instant,
}

/// Live sessions by id.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<String, Session>>,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Session ids are secrets: never print them.
        f.debug_struct("Sessions").finish_non_exhaustive()
    }
}

impl Sessions {
    /// Keeps a new session (and forgets expired ones).
    pub fn insert(&self, id: String, session: Session) {
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        live.retain(|_, s| s.expires > now);
        live.insert(id, session);
    }

    /// The live session with this id.
    pub fn get(&self, id: &str) -> Option<Session> {
        let live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.get(id).filter(|s| s.expires > Instant::now()).cloned()
    }

    /// Forgets a session.
    pub fn remove(&self, id: &str) {
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.remove(id);
    }
}
