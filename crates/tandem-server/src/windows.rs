//! Busy time from calendars for the window search (DESIGN §3), shared by `tandem find` and
//! `POST /api/v1/windows/search`: both parse calendars with tandem-ical in the zone the
//! participant is judged in, then run the engine of tandem-core.

use std::sync::Arc;

use tandem_core::search::ValidatedSearch;
use tandem_core::{FieldError, FieldErrors, Interval, Zone};
use tandem_ical::ImportedCalendar;
use tandem_store::StoreError;
use uuid::Uuid;

use crate::problem::ApiError;
use crate::state::AppState;
use tandem_app::import::{add_imported_busy, ImportError};

/// The busy time of one iCalendar document for a participant judged in `zone`; a document
/// that cannot be read is an error on `field` naming the line.
pub fn calendar_busy(
    bytes: &[u8],
    zone: Zone,
    range: Interval,
    field: &str,
) -> Result<Vec<Interval>, FieldError> {
    let calendar = tandem_ical::parse(bytes).map_err(|e| FieldError::new(field, e.to_string()))?;
    Ok(calendar.busy(zone, range))
}

/// Adds the busy time of one iCalendar document to participant `index`; a document that
/// cannot be read is an error on `field` naming the line.
pub fn add_calendar(
    search: &mut ValidatedSearch,
    index: usize,
    bytes: &[u8],
    field: &str,
) -> Result<(), FieldError> {
    let Some(participant) = search.query.participants.get(index) else {
        return Ok(());
    };
    let busy = calendar_busy(bytes, participant.zone, search.query.range, field)?;
    search.add_busy(index, busy);
    Ok(())
}

/// Reads the imported calendars a validated search names (`participants[i].calendars`),
/// each parsed once per content version; an unknown id is a 400 naming its field.
pub async fn imported_calendars(
    state: &AppState,
    search: &ValidatedSearch,
) -> Result<Vec<(usize, Arc<ImportedCalendar>)>, ApiError> {
    let mut errors = FieldErrors::default();
    let mut imported = Vec::new();
    for (i, (calendars, _)) in search.calendars.iter().enumerate() {
        for (j, id) in calendars.iter().enumerate() {
            let field = format!("participants[{i}].calendars[{j}]");
            let unknown =
                || FieldError::new(&field, format!("no imported calendar with id '{id}'"));
            let Ok(uuid) = Uuid::parse_str(id) else {
                errors.push(unknown());
                continue;
            };
            match state
                .app
                .importer
                .parsed(state.app.store.as_ref(), uuid)
                .await
            {
                Ok(calendar) => imported.push((i, calendar)),
                Err(ImportError::Store(StoreError::NotFound { .. })) => errors.push(unknown()),
                Err(ImportError::Store(e)) => return Err(e.into()),
                Err(e) => return Err(ApiError::Internal(e.into())),
            }
        }
    }
    errors.finish(|| imported).map_err(ApiError::from)
}

/// Adds every calendar of a search: imported ones (already read) and inline `ics`.
pub fn add_all_calendars(
    search: &mut ValidatedSearch,
    imported: &[(usize, Arc<ImportedCalendar>)],
) -> Result<(), FieldErrors> {
    // Imported calendars are expanded in each participant's zone (DESIGN §2).
    for (i, calendar) in imported {
        add_imported_busy(search, *i, calendar);
    }
    let inline: Vec<(usize, String)> = search
        .calendars
        .iter()
        .enumerate()
        .filter_map(|(i, (_, ics))| ics.clone().map(|ics| (i, ics)))
        .collect();
    let mut errors = FieldErrors::default();
    for (i, ics) in inline {
        if let Err(e) = add_calendar(search, i, ics.as_bytes(), &format!("participants[{i}].ics")) {
            errors.push(e);
        }
    }
    errors.finish(|| ())
}
