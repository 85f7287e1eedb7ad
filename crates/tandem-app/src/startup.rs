//! What `tandem serve` does once before it answers: re-derive the events a new tz database
//! release moved (DESIGN §2), and with `--demo` load the demo data and its venues' holiday
//! calendars.

use crate::clashes::check;
use crate::{import, seed, tzdata, App};

/// Prepares a freshly opened store for serving: re-derives events whose tz database changed
/// (and refreshes their clash lists, so a room the new rules would double-book is listed),
/// then seeds the demo data when asked.
pub async fn prepare(app: &App, demo: bool) -> anyhow::Result<()> {
    let rederived = tzdata::rederive_future_events(app.store.as_ref(), app.clock.now()).await?;
    for id in rederived.updated.iter().chain(&rederived.blocked) {
        let event = app.store.event(*id).await?;
        check::refresh_all(app, &event).await?;
    }
    let seeded = demo
        && seed::demo::seed(
            app.store.as_ref(),
            &app.holiday_calendars,
            app.clock.as_ref(),
        )
        .await?;
    if seeded {
        tracing::info!("demo data loaded");
    }
    if demo {
        let imported =
            import::holidays::import_venue_holidays(&app.importer, app.store.as_ref()).await?;
        if imported > 0 {
            tracing::info!(imported, "demo venue holiday calendars imported");
        }
    }
    if seeded {
        // The demo's events were stored directly: give them their clash list once.
        let filter = tandem_store::EventFilter {
            statuses: vec![
                tandem_core::EventStatus::Proposed,
                tandem_core::EventStatus::Confirmed,
            ],
            ..tandem_store::EventFilter::default()
        };
        for event in app.store.events(&filter, None, 1000).await? {
            check::refresh_all(app, &event).await?;
        }
    }
    Ok(())
}
