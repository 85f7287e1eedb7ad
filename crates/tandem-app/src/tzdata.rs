//! The tz database in force, and re-deriving instants when it changes (DESIGN §2).
//!
//! At start-up tandem reads the system's tz database: the TZif files under `$TZDIR`, else
//! `/usr/share/zoneinfo` (on Debian the `tzdata` package, kept current by the OS), named by
//! the `tzdata.zi` beside them, whose `# version` line names the release. The bytes are
//! handed to `tandem_core::tz`, which completes them with the copy bundled in the binary for
//! any zone the system lacks and prefers the bundled copy only when it is of a newer
//! release; the result is installed once for the process, before anything names a zone. A
//! directory without a readable `tzdata.zi` cannot say which release it holds, so the
//! bundled copy is used then (and the start-up log says why).
//!
//! An event's canonical time is its local wall-clock time, so when a government changes its
//! DST rules and a new release is installed, the next start re-derives every future event:
//! it keeps its local time and moves in UTC. A move that would double-book a room is not
//! written: the event keeps its old instants and the room clash is listed (the clash check
//! reads events by their local times under the rules in force), for an organiser to settle.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use tandem_core::tz::{self, ZoneDatabase};
use tandem_store::{Store, StoreError};
use uuid::Uuid;

/// What was loaded at start-up, for the log.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The directory read.
    pub dir: PathBuf,
    /// The release in force.
    pub version: String,
    /// Whether the release in force is the system's or the bundled copy.
    pub source: tz::DataSource,
    /// Zones known (canonical names and links).
    pub zones: usize,
    /// Zones taken from the copy not in force (the system lacked them, or could not be read).
    pub filled_in: usize,
    /// What could not be read, one line each.
    pub problems: Vec<String>,
}

impl Loaded {
    /// Writes what is in force to the log.
    pub fn log(&self) {
        tracing::info!(
            tzdata = %self.version,
            source = self.source.as_str(),
            dir = %self.dir.display(),
            zones = self.zones,
            filled_in = self.filled_in,
            "time zone database"
        );
        for problem in &self.problems {
            tracing::warn!(dir = %self.dir.display(), "{problem}");
        }
    }
}

/// The system's tz database directory: `$TZDIR` when set, else `/usr/share/zoneinfo`.
pub fn system_dir() -> PathBuf {
    std::env::var_os("TZDIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from)
}

/// Reads the tz database in `dir` (see the module docs); never fails: what cannot be read is
/// taken from the bundled copy and reported.
pub fn load(dir: &Path) -> (ZoneDatabase, Vec<String>) {
    let index = dir.join("tzdata.zi");
    let contents = std::fs::read_to_string(&index)
        .map_err(|e| format!("{}: {e}", index.display()))
        .and_then(|text| {
            tz::tzdata_zi_contents(&text).map_err(|e| format!("{}: {e}", index.display()))
        });
    let (version, names) = match contents {
        Ok(found) => found,
        Err(problem) => {
            return (
                ZoneDatabase::bundled(),
                vec![format!(
                    "{problem}; using the bundled tz database {}",
                    tz::bundled_version()
                )],
            );
        }
    };
    let mut problems = Vec::new();
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        // Names come from the file and become paths: nothing may climb out of `dir`.
        if name
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        {
            problems.push(format!("tzdata.zi names an unusable zone '{name}'"));
            continue;
        }
        match std::fs::read(dir.join(&name)) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    let (db, errors) = ZoneDatabase::from_tzif(&version, files);
    problems.extend(errors.iter().map(ToString::to_string));
    if db.source() == tz::DataSource::Bundled {
        problems.push(format!(
            "the system's tz database {version} is older than the bundled {}; using the bundled one",
            tz::bundled_version()
        ));
    }
    (db, problems)
}

/// Loads the system's tz database ([`system_dir`]) and installs it for this process; call
/// it first thing, before any zone is named.
pub fn install_system() -> anyhow::Result<Loaded> {
    let dir = system_dir();
    let (db, problems) = load(&dir);
    let db = tz::install(db).map_err(|_| {
        anyhow::anyhow!("a time zone database was in use before the system's was loaded")
    })?;
    Ok(Loaded {
        dir,
        version: db.version().to_owned(),
        source: db.source(),
        zones: db.len(),
        filled_in: db.filled_in(),
        problems,
    })
}

/// For in-process use (tests, an embedding program): installs the system's tz database
/// unless a database is in use already, and returns the one in use.
pub fn ensure_system() -> &'static ZoneDatabase {
    if let Some(db) = tz::installed() {
        return db;
    }
    let (db, _) = load(&system_dir());
    tz::install(db).unwrap_or_else(|_| tz::database())
}

/// What one re-derivation pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rederived {
    /// Events brought up to the tz database in force.
    pub updated: Vec<Uuid>,
    /// Events left as they were because their new instants would double-book a room.
    pub blocked: Vec<Uuid>,
}

/// Re-derives every event still to end after `now` whose instants came from another tz
/// database version.
pub async fn rederive_future_events(
    store: &dyn Store,
    now: DateTime<Utc>,
) -> anyhow::Result<Rederived> {
    let version = tandem_core::time::tzdata_version();
    let mut outcome = Rederived::default();
    for event in store.events_derived_with_other_tzdata(version, now).await? {
        let occurrences = event
            .draft
            .timing
            .occurrences()
            .map_err(|e| anyhow::anyhow!("event {} no longer expands: {e}", event.id))?;
        match store.store_rederived(event.id, &occurrences, version).await {
            Ok(()) => outcome.updated.push(event.id),
            Err(StoreError::RoomTaken(clashes)) => {
                tracing::error!(event_id = %event.id, clashes = clashes.len(),
                    "new tz rules would double-book the room; the event keeps its old instants");
                outcome.blocked.push(event.id);
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !(outcome.updated.is_empty() && outcome.blocked.is_empty()) {
        tracing::info!(
            tzdata = version,
            updated = outcome.updated.len(),
            blocked = outcome.blocked.len(),
            "re-derived future events"
        );
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDateTime};
    use tandem_core::{
        EventDraft, EventKind, EventMode, EventStatus, Interval, RegionCode, Title, Zone,
    };
    use tandem_store::prelude::*;
    use tandem_store::SqliteStore;

    fn local(s: &str) -> NaiveDateTime {
        tandem_core::time::parse_local_datetime(s).unwrap()
    }

    /// An event derived with older rules (here: instants an hour off, as if a country had
    /// dropped DST) is brought back to its local time by the current tz database; one that
    /// has ended is left as it was.
    #[tokio::test]
    async fn stale_tzdata_is_rederived_from_local_time() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let store = SqliteStore::connect(
            &format!("sqlite://{}/t.db", dir.path().display()),
            tandem_store::PoolSettings::new(2),
            tandem_core::FixedClock(now).shared(),
        )
        .await
        .unwrap();
        let zone = Zone::parse("America/Sao_Paulo").unwrap();
        let start = local("2027-01-12T09:00");
        let timing = tandem_core::EventTiming::new(
            zone,
            start,
            start + Duration::hours(2),
            Some("FREQ=WEEKLY;COUNT=3"),
        )
        .unwrap();
        let draft = EventDraft {
            title: Title::parse("SG3RG-LAC call").unwrap(),
            description: None,
            kind: EventKind::Session,
            mode: EventMode::Virtual,
            status: EventStatus::Confirmed,
            region: RegionCode::AMS,
            group: None,
            venue_id: None,
            room_id: None,
            timing: timing.clone(),
            co_located_with: None,
            remote_url: None,
            participants: Vec::new(),
        };
        let event = store.create_event(&draft).await.unwrap();
        let right = timing.occurrences().unwrap();
        let wrong: Vec<Interval> = right
            .iter()
            .map(|o| {
                Interval::new(o.start - Duration::hours(1), o.end - Duration::hours(1)).unwrap()
            })
            .collect();
        store
            .store_rederived(event.id, &wrong, "2018a")
            .await
            .unwrap();
        assert_eq!(
            store.event(event.id).await.unwrap().instants.starts_at,
            right[0].start - Duration::hours(1)
        );

        // Seen from after the series has ended, there is nothing to re-derive.
        assert_eq!(
            rederive_future_events(&store, right[2].end).await.unwrap(),
            Rederived::default()
        );
        let outcome = rederive_future_events(&store, now).await.unwrap();
        assert_eq!(
            outcome,
            Rederived {
                updated: vec![event.id],
                blocked: Vec::new()
            }
        );
        let fixed = store.event(event.id).await.unwrap();
        assert_eq!(fixed.instants.starts_at, right[0].start);
        assert_eq!(fixed.instants.last_ends_at, right[2].end);
        assert_eq!(
            fixed.instants.tzdata_version,
            tandem_core::time::tzdata_version()
        );
        assert_eq!(
            fixed.draft.timing.local_start(),
            start,
            "the canonical local time never moves"
        );
        // A second pass finds nothing to do.
        assert_eq!(
            rederive_future_events(&store, now).await.unwrap(),
            Rederived::default()
        );
    }
}
