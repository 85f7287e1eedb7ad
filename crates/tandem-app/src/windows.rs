//! The window search (DESIGN §3) as use cases: the request validated by tandem-core, every
//! calendar it names added as busy time — imported calendars by id (the API and the pages)
//! or files beside the request (`tandem find`), inline `ics` for both — then the engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tandem_core::search::{search, SearchRequest, SearchResult, ValidatedSearch};
use tandem_core::{FieldError, FieldErrors, Phrase};
use tandem_ical::ImportedCalendar;
use tandem_store::StoreError;
use tracing::instrument;
use uuid::Uuid;

use crate::import::ImportError;
use crate::phrases::{because, unreadable};
use crate::{App, AppError, AppResult};

/// Adds the busy time of `calendar` to participant `index` of `search`, expanded in the zone
/// that participant is judged in (DESIGN §2–§3): the one place a calendar becomes busy time.
pub fn add_calendar(search: &mut ValidatedSearch, index: usize, calendar: &ImportedCalendar) {
    let Some(participant) = search.query.participants.get(index) else {
        return;
    };
    let busy = calendar.busy(participant.zone, search.query.range);
    search.add_busy(index, busy);
}

/// Parses one iCalendar document; one that cannot be read is an error on `field` naming
/// the line.
pub fn parse_calendar(bytes: &[u8], field: &str) -> Result<ImportedCalendar, FieldError> {
    tandem_ical::parse(bytes).map_err(|e| FieldError::said(field, unreadable(&e)))
}

/// A search with every calendar it names added, and its answer.
#[derive(Clone, Debug)]
pub struct Searched {
    /// The search as run (participants with their busy time).
    pub search: ValidatedSearch,
    /// The engine's answer.
    pub result: SearchResult,
}

/// Validates `request` and adds every calendar it names: imported ones by id (each parsed
/// once per content version), inline `ics`. An unknown id or an unreadable document is an
/// error naming its field.
pub async fn prepare(app: &App, request: &SearchRequest) -> AppResult<ValidatedSearch> {
    let validated = request.validate()?;
    let mut errors = FieldErrors::default();
    let mut imported = Vec::new();
    for (i, (calendars, _)) in validated.calendars.iter().enumerate() {
        for (j, id) in calendars.iter().enumerate() {
            let field = format!("participants[{i}].calendars[{j}]");
            let unknown = || {
                FieldError::said(
                    &field,
                    Phrase::new(
                        "windows-unknown-calendar",
                        format!("no imported calendar with id '{id}'"),
                    )
                    .text("id", id.as_str()),
                )
            };
            let Ok(uuid) = Uuid::parse_str(id) else {
                errors.push(unknown());
                continue;
            };
            match app.importer.parsed(app.store(), uuid).await {
                Ok(calendar) => imported.push((i, calendar)),
                Err(ImportError::Store(StoreError::NotFound { .. })) => errors.push(unknown()),
                Err(ImportError::Store(e)) => return Err(e.into()),
                Err(e) => return Err(AppError::Internal(e.into())),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    // Expanding and parsing inline documents is CPU work: off the async workers.
    tokio::task::spawn_blocking(move || add_all(validated, &imported))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::from)
}

fn add_all(
    mut search: ValidatedSearch,
    imported: &[(usize, Arc<ImportedCalendar>)],
) -> Result<ValidatedSearch, FieldErrors> {
    for (i, calendar) in imported {
        add_calendar(&mut search, *i, calendar);
    }
    let inline: Vec<(usize, String)> = search
        .calendars
        .iter()
        .enumerate()
        .filter_map(|(i, (_, ics))| ics.clone().map(|ics| (i, ics)))
        .collect();
    let mut errors = FieldErrors::default();
    for (i, ics) in inline {
        match parse_calendar(ics.as_bytes(), &format!("participants[{i}].ics")) {
            Ok(calendar) => add_calendar(&mut search, i, &calendar),
            Err(e) => errors.push(e),
        }
    }
    errors.finish(|| search)
}

/// The best windows for a meeting (`POST /api/v1/windows/search`, the planner page).
#[instrument(skip_all, fields(participants = request.participants.len()))]
pub async fn search_windows(app: &App, request: &SearchRequest) -> AppResult<Searched> {
    let prepared = prepare(app, request).await?;
    tokio::task::spawn_blocking(move || {
        let result = search(&prepared.query);
        Searched {
            search: prepared,
            result,
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// Where a calendar document of a file-based search comes from.
enum Document {
    File(PathBuf),
    Inline(String),
}

/// The best windows for a request read from a file (`tandem find`): `calendars` are
/// iCalendar files relative to `base`. No store is involved.
pub fn search_files(request: &SearchRequest, base: &Path) -> Result<Searched, FieldErrors> {
    let mut validated = request.validate()?;
    // Every calendar document, with the participant it belongs to and its field name.
    let mut jobs: Vec<(usize, String, Document)> = Vec::new();
    for (i, (calendars, ics)) in validated.calendars.iter().enumerate() {
        for (j, file) in calendars.iter().enumerate() {
            jobs.push((
                i,
                format!("participants[{i}].calendars[{j}]"),
                Document::File(base.join(file)),
            ));
        }
        if let Some(ics) = ics {
            jobs.push((
                i,
                format!("participants[{i}].ics"),
                Document::Inline(ics.clone()),
            ));
        }
    }
    let mut errors = FieldErrors::default();
    for (i, outcome) in read_all(&jobs) {
        match outcome {
            Ok(calendar) => add_calendar(&mut validated, i, &calendar),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let result = search(&validated.query);
    Ok(Searched {
        search: validated,
        result,
    })
}

/// Reads and parses every calendar, spread over the machine's cores (parsing dominates the
/// cost of a search), keeping the jobs' order.
fn read_all(
    jobs: &[(usize, String, Document)],
) -> Vec<(usize, Result<ImportedCalendar, FieldError>)> {
    let one = |(i, field, source): &(usize, String, Document)| {
        let outcome = match source {
            Document::File(full) => match std::fs::read(full) {
                Ok(bytes) => parse_calendar(&bytes, field).map_err(|e| {
                    let path = full.display().to_string();
                    let english = format!("{path}: {}", e.message);
                    let phrase = Phrase::new("windows-file-unreadable", english).text("path", path);
                    FieldError::said(field.clone(), because(phrase, e))
                }),
                Err(e) => {
                    let path = full.display().to_string();
                    let phrase = Phrase::new(
                        "windows-file-cannot-read",
                        format!("cannot read {path}: {e}"),
                    )
                    .text("path", path)
                    .text("reason", e.to_string());
                    Err(FieldError::said(field.clone(), phrase))
                }
            },
            Document::Inline(ics) => parse_calendar(ics.as_bytes(), field),
        };
        (*i, outcome)
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(8);
    if workers < 2 || jobs.len() < 4 {
        return jobs.iter().map(one).collect();
    }
    let chunk = jobs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|(i, field, _)| {
                            (
                                *i,
                                Err(FieldError::said(
                                    field.clone(),
                                    Phrase::new(
                                        "windows-read-failed",
                                        "reading this calendar failed unexpectedly",
                                    ),
                                )),
                            )
                        })
                        .collect()
                })
            })
            .collect()
    })
}
