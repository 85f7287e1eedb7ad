//! Busy time from calendars for the window search (DESIGN §3), shared by `tandem find` and
//! `POST /api/v1/windows/search`: both parse calendars with tandem-ical in the zone the
//! participant is judged in, then run the engine of tandem-core.

use tandem_core::search::ValidatedSearch;
use tandem_core::{FieldError, Interval, Zone};

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
