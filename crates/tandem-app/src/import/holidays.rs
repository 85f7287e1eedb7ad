//! Venue holiday calendars: the bundled `config/holidays/CC.ics` (see [`crate::HOLIDAYS`])
//! imported as each venue's calendar (owner: the venue). Organisers replace one by importing
//! another calendar for the venue (`POST /api/v1/calendars` with `venue_id`), for example
//! when a lunar holiday's date is announced.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use tandem_ical::ImportedCalendar;
use tandem_store::{CalendarFilter, CalendarOwner, Store};

use super::fetch::NoProgress;
use super::{ImportError, ImportRequest, Importer, Source};

/// The bundled holiday calendar of `code` (`CM`), if there is one.
pub fn bundled(code: &str) -> Option<&'static [u8]> {
    crate::HOLIDAYS
        .get_file(format!("{code}.ics"))
        .map(include_dir::File::contents)
}

/// The bundled holiday calendar of `code`, parsed (once per process: the files are part of
/// the binary).
pub fn bundled_parsed(code: &str) -> Option<Arc<ImportedCalendar>> {
    static PARSED: LazyLock<Mutex<HashMap<String, Option<Arc<ImportedCalendar>>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let mut parsed = PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    parsed
        .entry(code.to_owned())
        .or_insert_with(|| {
            bundled(code)
                .and_then(|bytes| tandem_ical::parse(bytes).ok())
                .map(Arc::new)
        })
        .clone()
}

/// Imports the bundled holiday calendar of every venue that names one and has no calendar
/// yet; returns how many were imported. Running it again imports nothing new.
pub async fn import_venue_holidays(
    importer: &Importer,
    store: &dyn Store,
) -> Result<usize, ImportError> {
    let mut imported = 0;
    for venue in store.venues().await? {
        let Some(code) = venue.holiday_calendar.as_deref() else {
            continue;
        };
        let Some(bytes) = bundled(code) else {
            continue;
        };
        let existing = store
            .calendars(&CalendarFilter {
                venue_id: Some(venue.id),
                ..CalendarFilter::default()
            })
            .await?;
        if !existing.is_empty() {
            continue;
        }
        importer
            .import(
                store,
                ImportRequest {
                    name: None,
                    source: Source::Inline(bytes.to_vec()),
                    owner: CalendarOwner::Venue(venue.id),
                },
                &NoProgress,
            )
            .await?;
        imported += 1;
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every bundled holiday calendar parses and has holidays, so `--demo` never fails on one.
    #[test]
    fn every_bundled_holiday_calendar_parses() {
        let codes = crate::holiday_calendars();
        assert!(codes.len() > 50, "{} calendars", codes.len());
        for code in codes {
            let bytes = bundled(&code).expect("bundled");
            let calendar = tandem_ical::parse(bytes).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(calendar.event_count() > 0, "{code}");
        }
    }
}
