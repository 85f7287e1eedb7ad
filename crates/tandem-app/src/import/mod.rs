//! Importing external calendars (DESIGN §8): fetch or upload, parse with tandem-ical, store
//! the raw bytes of the last good copy, refresh on a schedule under a lease, and hand parsed
//! calendars to the window search.
//!
//! - [`guard`]: the SSRF guard (address classifier, allow list, the client's resolver).
//! - [`fetch`]: the HTTP client (timeouts, size cap, redirects, conditional GET).
//! - [`schedule`]: when the next refresh is due (feed interval, bounds, jitter, back-off).
//! - [`Importer`]: the one code path shared by `POST /api/v1/calendars`, `tandem import`,
//!   refreshes on demand, the background refresher and the demo holiday calendars.
//!
//! Parsed calendars are cached in memory per instance, keyed by id and content version (the
//! store bumps the version with every new copy, whichever instance fetched it), so a search
//! re-parses a calendar only after it changed.

pub mod fetch;
pub mod guard;
pub mod holidays;
pub mod schedule;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::Duration;
use futures::StreamExt;
use serde::Deserialize;
use tandem_core::{FieldError, ParticipantId, SharedClock, Title};
use tandem_ical::ImportedCalendar;
use tandem_store::{
    Calendar, CalendarCopy, CalendarOwner, NewCalendar, RefreshOutcome, Store, StoreError,
};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use self::fetch::{source_url, FetchError, Fetched, Fetcher, NoProgress, Progress, Validators};
use self::guard::{AllowList, Guard};
use crate::phrases::unreadable;

/// The `[import]` settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Hosts fetched whatever they resolve to (exact names, IP literals, `*.domain`).
    pub allow_hosts: Vec<String>,
    /// Longest wait for a connection, in seconds.
    pub connect_timeout_seconds: u64,
    /// Longest a whole fetch may take, in seconds.
    pub timeout_seconds: u64,
    /// Largest calendar accepted, in bytes.
    pub max_bytes: u64,
    /// Shortest refresh interval, in minutes.
    pub min_refresh_minutes: u32,
    /// Longest refresh interval, in minutes.
    pub max_refresh_minutes: u32,
    /// Refresh interval of feeds that state none, in minutes.
    pub default_refresh_minutes: u32,
    /// How often each instance looks for due calendars, in seconds.
    pub poll_seconds: u64,
    /// Most calendars claimed per look.
    pub batch: u32,
}

impl Default for ImportSettings {
    fn default() -> Self {
        Self {
            allow_hosts: Vec::new(),
            connect_timeout_seconds: 10,
            timeout_seconds: 20,
            max_bytes: 10 * 1024 * 1024,
            min_refresh_minutes: 15,
            max_refresh_minutes: 1440,
            default_refresh_minutes: 360,
            poll_seconds: 60,
            batch: 8,
        }
    }
}

impl ImportSettings {
    /// Checks the values make sense together.
    pub fn check(&self) -> Result<(), String> {
        if self.connect_timeout_seconds == 0
            || self.timeout_seconds == 0
            || self.max_bytes == 0
            || self.poll_seconds == 0
            || self.batch == 0
            || self.min_refresh_minutes == 0
        {
            return Err("import: timeouts, max_bytes, poll_seconds, batch and \
                        min_refresh_minutes must be positive"
                .into());
        }
        if self.min_refresh_minutes > self.max_refresh_minutes {
            return Err(format!(
                "import.min_refresh_minutes ({}) must not exceed import.max_refresh_minutes ({})",
                self.min_refresh_minutes, self.max_refresh_minutes
            ));
        }
        Ok(())
    }
}

/// Where a calendar comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Fetched from a URL (https, http or webcal), and refreshed on a schedule.
    Url(String),
    /// Uploaded once; never refreshed.
    Inline(Vec<u8>),
}

/// A calendar to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    /// Display name; by default the calendar's own NAME / X-WR-CALNAME, else the host.
    pub name: Option<String>,
    /// Where it comes from.
    pub source: Source,
    /// Whose it is.
    pub owner: CalendarOwner,
}

/// Why an import or a refresh on demand failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Something the caller sent is wrong: a bad URL or one the guard refuses, a calendar too
    /// large or unreadable (naming the line), a bad name or owner. The error names the
    /// request field at fault (`url`, `ics`, `name`, `owner`, `venue_id`) and says what is
    /// wrong, as a message of the translations.
    #[error("{0}")]
    Invalid(FieldError),
    /// The source could not be fetched (network, timeout, HTTP error status).
    #[error("fetching the calendar failed: {0}")]
    Unreachable(String),
    /// An inline calendar has no source to refresh from.
    #[error("this calendar was uploaded inline and has no source to refresh from")]
    NotRefreshable,
    /// Another instance is refreshing it right now.
    #[error("a refresh of this calendar is already running")]
    Busy,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything unexpected.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ImportError {
    /// Whether the caller can fix it (exit code 2 for the CLI, 4xx over HTTP).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, ImportError::Invalid(_))
    }
}

/// Parsed calendars most recently used, per instance.
const CACHE_ENTRIES: usize = 128;

/// A cached parse: content version, last use (a tick of the cache's clock), the calendar.
type CacheEntry = (i64, u64, Arc<ImportedCalendar>);

#[derive(Default)]
struct ParsedCache {
    entries: Mutex<HashMap<Uuid, CacheEntry>>,
    clock: std::sync::atomic::AtomicU64,
}

impl ParsedCache {
    fn tick(&self) -> u64 {
        self.clock
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    fn get(&self, id: Uuid, version: i64) -> Option<Arc<ImportedCalendar>> {
        let now = self.tick();
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match entries.get_mut(&id) {
            Some((v, used, calendar)) if *v == version => {
                *used = now;
                Some(calendar.clone())
            }
            _ => None,
        }
    }

    fn put(&self, id: Uuid, version: i64, calendar: Arc<ImportedCalendar>) {
        let now = self.tick();
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= CACHE_ENTRIES && !entries.contains_key(&id) {
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (_, used, _))| *used)
                .map(|(k, _)| *k)
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(id, (version, now, calendar));
    }
}

/// Parses off the async threads (a 10 MiB file takes tens of milliseconds).
async fn parse(
    bytes: Vec<u8>,
) -> Result<Result<ImportedCalendar, tandem_ical::ParseError>, ImportError> {
    tokio::task::spawn_blocking(move || tandem_ical::parse(&bytes))
        .await
        .map_err(|e| ImportError::Internal(anyhow::anyhow!("the parser task failed: {e}")))
}

/// The host of a URL, for logs (the rest of a calendar URL may be a secret link).
fn host_of(url: &str) -> String {
    source_url(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Imports, refreshes and serves imported calendars for one tandem instance.
pub struct Importer {
    settings: ImportSettings,
    fetcher: Fetcher,
    cache: ParsedCache,
    instance: String,
    /// When "now" is, for scheduling refreshes.
    clock: SharedClock,
}

impl std::fmt::Debug for Importer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Importer")
            .field("instance", &self.instance)
            .finish_non_exhaustive()
    }
}

impl Importer {
    /// An importer with its HTTP client, scheduling refreshes on `clock`; `instance` names
    /// this process in leases.
    pub fn new(settings: &ImportSettings, clock: SharedClock) -> anyhow::Result<Self> {
        settings.check().map_err(anyhow::Error::msg)?;
        let guard = Arc::new(Guard::new(AllowList::new(&settings.allow_hosts)));
        let fetcher = Fetcher::new(
            guard,
            StdDuration::from_secs(settings.connect_timeout_seconds),
            StdDuration::from_secs(settings.timeout_seconds),
            settings.max_bytes,
        )?;
        Ok(Self {
            settings: settings.clone(),
            fetcher,
            cache: ParsedCache::default(),
            instance: format!("tandem-{}", Uuid::new_v4().simple()),
            clock,
        })
    }

    /// This instance's name in leases.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The settings.
    pub fn settings(&self) -> &ImportSettings {
        &self.settings
    }

    /// How long a refresh may hold its lease: the fetch's total timeout plus a minute for
    /// parsing and writing. A lease outliving a crashed instance expires after that.
    pub fn lease(&self) -> Duration {
        Duration::seconds(i64::try_from(self.settings.timeout_seconds).unwrap_or(i64::MAX / 2))
            + Duration::minutes(1)
    }

    /// Imports a calendar: fetches or takes the bytes, parses them, stores the copy. Nothing
    /// is stored unless the calendar could be read.
    pub async fn import(
        &self,
        store: &dyn Store,
        request: ImportRequest,
        progress: &dyn Progress,
    ) -> Result<Calendar, ImportError> {
        let name = request
            .name
            .as_deref()
            .map(|n| {
                Title::parse(n)
                    .map(|t| t.as_str().to_owned())
                    .map_err(|e| ImportError::Invalid(e.under("name")))
            })
            .transpose()?;
        if let CalendarOwner::Participant(p) = &request.owner {
            ParticipantId::parse(p).map_err(|e| ImportError::Invalid(e.under("owner")))?;
        }
        let (field, url, bytes, validators) = match request.source {
            Source::Url(text) => {
                let url = source_url(&text).map_err(|e| first_fetch_error(&e))?;
                match self
                    .fetcher
                    .fetch(&url, &Validators::default(), progress)
                    .await
                {
                    Ok(Fetched::Body { bytes, validators }) => (
                        "url",
                        Some((text.trim().to_owned(), url)),
                        bytes,
                        validators,
                    ),
                    Ok(Fetched::NotModified) => {
                        return Err(ImportError::Unreachable(
                            "the server answered 304 Not Modified to an unconditional request"
                                .into(),
                        ))
                    }
                    Err(e) => return Err(first_fetch_error(&e)),
                }
            }
            Source::Inline(bytes) => {
                if bytes.len() as u64 > self.fetcher.max_bytes() {
                    return Err(ImportError::Invalid(FieldError::said(
                        "ics",
                        fetch::too_large(self.fetcher.max_bytes()),
                    )));
                }
                ("ics", None, bytes, Validators::default())
            }
        };
        progress.stage("reading the calendar");
        let parsed = parse(bytes.clone())
            .await?
            .map_err(|e| ImportError::Invalid(FieldError::said(field, unreadable(&e))))?;
        let name = name
            .or_else(|| {
                parsed
                    .name()
                    .and_then(|n| Title::parse(&n.chars().take(200).collect::<String>()).ok())
                    .map(|t| t.as_str().to_owned())
            })
            .or_else(|| {
                url.as_ref()
                    .and_then(|(_, u)| u.host_str().map(str::to_owned))
            })
            .unwrap_or_else(|| "Imported calendar".to_owned());
        let published = parsed.refresh_interval();
        let new = NewCalendar {
            name,
            next_refresh_at: url.as_ref().map(|_| {
                schedule::next_refresh(
                    &self.settings,
                    self.clock.now(),
                    published,
                    0,
                    schedule::jitter(),
                )
            }),
            url: url.map(|(text, _)| text),
            owner: request.owner,
            copy: CalendarCopy {
                ics: bytes,
                etag: validators.etag,
                last_modified: validators.last_modified,
                event_count: parsed.event_count() as u64,
                published_refresh: published,
            },
        };
        progress.stage("storing");
        let calendar = store.create_calendar(&new).await.map_err(|e| match e {
            StoreError::InvalidReference { field, phrase } => {
                ImportError::Invalid(FieldError::said(field, phrase))
            }
            other => ImportError::Store(other),
        })?;
        self.cache
            .put(calendar.id, calendar.content_version, Arc::new(parsed));
        tracing::info!(
            calendar = %calendar.id,
            host = %calendar.url.as_deref().map(host_of).unwrap_or_default(),
            events = calendar.event_count,
            "calendar imported"
        );
        Ok(calendar)
    }

    /// Refreshes one calendar now (under the lease, like the scheduler); its outcome is
    /// recorded and returned.
    pub async fn refresh_now(&self, store: &dyn Store, id: Uuid) -> Result<Calendar, ImportError> {
        let calendar = store.calendar(id).await?;
        if calendar.url.is_none() {
            return Err(ImportError::NotRefreshable);
        }
        if !store
            .claim_calendar(id, &self.instance, self.lease())
            .await?
        {
            return Err(ImportError::Busy);
        }
        match self.refresh_leased(store, &calendar).await? {
            Some(done) => Ok(done),
            None => Ok(store.calendar(id).await?),
        }
    }

    /// Refreshes a calendar whose lease this instance holds; `None` if the lease was lost.
    async fn refresh_leased(
        &self,
        store: &dyn Store,
        calendar: &Calendar,
    ) -> Result<Option<Calendar>, StoreError> {
        let (outcome, parsed) = self.attempt(calendar).await;
        let host = calendar.url.as_deref().map(host_of).unwrap_or_default();
        match &outcome {
            RefreshOutcome::Replaced { copy, .. } => tracing::info!(
                calendar = %calendar.id, %host, events = copy.event_count, "calendar refreshed"
            ),
            RefreshOutcome::NotModified { .. } => {
                tracing::debug!(calendar = %calendar.id, %host, "calendar not modified");
            }
            RefreshOutcome::Failed { message, .. } => tracing::warn!(
                calendar = %calendar.id, %host, error = %message,
                "calendar refresh failed; the previous copy stays in force"
            ),
        }
        let done = store
            .finish_calendar_refresh(calendar.id, &self.instance, &outcome)
            .await?;
        if let (Some(done), Some(parsed)) = (&done, parsed) {
            self.cache
                .put(done.id, done.content_version, Arc::new(parsed));
        }
        Ok(done)
    }

    /// One fetch and parse; never fails, every failure becomes an outcome to record.
    async fn attempt(&self, calendar: &Calendar) -> (RefreshOutcome, Option<ImportedCalendar>) {
        let now = self.clock.now();
        let failed = |message: String, line: Option<u64>| RefreshOutcome::Failed {
            message,
            line,
            next_refresh_at: schedule::next_refresh(
                &self.settings,
                now,
                calendar.published_refresh,
                calendar.consecutive_failures.saturating_add(1),
                schedule::jitter(),
            ),
        };
        let url = match calendar.url.as_deref().map(source_url) {
            Some(Ok(url)) => url,
            Some(Err(e)) => return (failed(e.to_string(), None), None),
            None => return (failed("no source URL".into(), None), None),
        };
        let validators = Validators {
            etag: calendar.etag.clone(),
            last_modified: calendar.last_modified.clone(),
        };
        match self.fetcher.fetch(&url, &validators, &NoProgress).await {
            Err(e) => (failed(e.to_string(), None), None),
            Ok(Fetched::NotModified) => (
                RefreshOutcome::NotModified {
                    next_refresh_at: schedule::next_refresh(
                        &self.settings,
                        now,
                        calendar.published_refresh,
                        0,
                        schedule::jitter(),
                    ),
                },
                None,
            ),
            Ok(Fetched::Body { bytes, validators }) => match parse(bytes.clone()).await {
                Err(e) => (failed(e.to_string(), None), None),
                Ok(Err(e)) => (failed(e.to_string(), e.line.map(|l| l as u64)), None),
                Ok(Ok(parsed)) => {
                    let published = parsed.refresh_interval();
                    (
                        RefreshOutcome::Replaced {
                            copy: CalendarCopy {
                                ics: bytes,
                                etag: validators.etag,
                                last_modified: validators.last_modified,
                                event_count: parsed.event_count() as u64,
                                published_refresh: published,
                            },
                            next_refresh_at: schedule::next_refresh(
                                &self.settings,
                                now,
                                published,
                                0,
                                schedule::jitter(),
                            ),
                        },
                        Some(parsed),
                    )
                }
            },
        }
    }

    /// One pass of the scheduler: claims up to `import.batch` due calendars and refreshes
    /// them (four at a time). Once `stop` has fired, nothing more is claimed and a claimed
    /// calendar not started yet gives its lease back; a refresh in progress runs on until
    /// `abort` fires, which drops it and gives its lease back (another instance takes it
    /// over). Returns how many were claimed.
    pub async fn refresh_due(
        &self,
        store: &dyn Store,
        stop: &CancellationToken,
        abort: &CancellationToken,
    ) -> Result<usize, StoreError> {
        if stop.is_cancelled() {
            return Ok(0);
        }
        let claimed = store
            .claim_due_calendars(&self.instance, self.lease(), self.settings.batch)
            .await?;
        let count = claimed.len();
        let release = |calendar: Calendar| async move {
            if let Err(e) = store.release_calendar(calendar.id, &self.instance).await {
                tracing::warn!(calendar = %calendar.id, error = ?e, "releasing a lease failed");
            }
        };
        futures::stream::iter(claimed)
            .for_each_concurrent(4, |calendar| async move {
                if stop.is_cancelled() || abort.is_cancelled() {
                    release(calendar).await;
                    return;
                }
                tokio::select! {
                    biased;
                    () = abort.cancelled() => release(calendar).await,
                    result = self.refresh_leased(store, &calendar) => {
                        if let Err(e) = result {
                            tracing::warn!(calendar = %calendar.id, error = ?e, "recording a refresh failed");
                        }
                    }
                }
            })
            .await;
        Ok(count)
    }

    /// The parsed calendar `id`, from this instance's cache while its content is unchanged.
    pub async fn parsed(
        &self,
        store: &dyn Store,
        id: Uuid,
    ) -> Result<Arc<ImportedCalendar>, ImportError> {
        let calendar = store.calendar(id).await?;
        if let Some(hit) = self.cache.get(id, calendar.content_version) {
            return Ok(hit);
        }
        let (version, bytes) = store.calendar_ics(id).await?;
        let parsed = Arc::new(parse(bytes).await?.map_err(|e| {
            ImportError::Internal(anyhow::anyhow!(
                "stored calendar {id} no longer parses: {e}"
            ))
        })?);
        self.cache.put(id, version, parsed.clone());
        Ok(parsed)
    }
}

/// A failed first fetch: the caller's fault (refused, bad URL, too large) or the source's.
fn first_fetch_error(error: &FetchError) -> ImportError {
    let phrase = match error {
        FetchError::InvalidUrl(phrase) | FetchError::BadRedirect(phrase) => phrase.clone(),
        FetchError::Refused(refused) => refused.phrase(),
        FetchError::TooLarge { limit } => fetch::too_large(*limit),
        FetchError::TooManyRedirects => fetch::too_many_redirects(),
        FetchError::Timeout(_) | FetchError::Status(_) | FetchError::Network(_) => {
            return ImportError::Unreachable(error.to_string());
        }
    };
    ImportError::Invalid(FieldError::said("url", phrase))
}

/// Runs the scheduled refresh in the background until `stop` fires: every
/// `import.poll_seconds` (at once again while whole batches are due) this instance claims
/// due calendars and refreshes them.
///
/// On `stop` (the shutdown signal) nothing more is claimed or started, and refreshes in
/// progress get `grace` to finish and be recorded; any still running then are dropped and
/// their leases given back, so another instance refreshes them at once instead of after the
/// lease expires. The task ends when the last refresh has finished or been given back.
pub fn spawn_refresher(
    importer: Arc<Importer>,
    store: Arc<dyn Store>,
    stop: CancellationToken,
    grace: StdDuration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let abort = CancellationToken::new();
        let deadline = {
            let (stop, abort) = (stop.clone(), abort.clone());
            tokio::spawn(async move {
                stop.cancelled().await;
                tokio::time::sleep(grace).await;
                abort.cancel();
            })
        };
        let poll = StdDuration::from_secs(importer.settings.poll_seconds);
        let batch = importer.settings.batch as usize;
        tracing::info!(instance = %importer.instance, "calendar refresher started");
        loop {
            let full = match importer.refresh_due(store.as_ref(), &stop, &abort).await {
                Ok(claimed) => claimed >= batch,
                Err(e) => {
                    tracing::warn!(error = ?e, "looking for calendars to refresh failed");
                    false
                }
            };
            if stop.is_cancelled() {
                break;
            }
            if !full {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(poll) => {}
                }
            }
        }
        deadline.abort();
        if abort.is_cancelled() {
            tracing::warn!(
                ?grace,
                "calendar refreshes still running at shutdown were given back"
            );
        }
        tracing::info!("calendar refresher stopped");
    })
}
