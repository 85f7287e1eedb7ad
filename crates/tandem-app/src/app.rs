//! What every use case works with: the store, the reference data, the importer (with its
//! cache of parsed calendars) and the process's one clock.

use std::collections::BTreeSet;
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use tandem_core::reference::ReferenceData;
use tandem_core::SharedClock;
use tandem_store::Store;

use crate::import::{ImportSettings, Importer};

/// The ITU reference data bundled at build time (`config/reference/itu.toml`).
pub const REFERENCE_TOML: &str = include_str!("../../../config/reference/itu.toml");

/// Parses the bundled reference data.
pub fn reference_data() -> anyhow::Result<ReferenceData> {
    Ok(ReferenceData::parse(REFERENCE_TOML)?)
}

/// The public-holiday calendars bundled at build time (`config/holidays/*.ics`).
pub static HOLIDAYS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../config/holidays");

/// Codes of the bundled holiday calendars (`CM` for `config/holidays/CM.ics`).
pub fn holiday_calendars() -> BTreeSet<String> {
    HOLIDAYS
        .files()
        .filter_map(|f| {
            let path = f.path();
            (path.extension()? == "ics").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect()
}

/// The subsystems a use case may call; cheaply cloned.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub store: Arc<dyn Store>,
    /// ITU reference data.
    pub reference: Arc<ReferenceData>,
    /// Imports and refreshes external calendars; caches them parsed.
    pub importer: Arc<Importer>,
    /// Codes of the bundled holiday calendars (`CM`, `EG`, …).
    pub holiday_calendars: Arc<BTreeSet<String>>,
    /// Where "now" comes from: the process's one clock, which the store was given too.
    pub clock: SharedClock,
}

impl App {
    /// Everything a use case needs, on an open store; `clock` says when "now" is (the one
    /// the store was given).
    pub fn new(
        store: Arc<dyn Store>,
        import: &ImportSettings,
        clock: SharedClock,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            store,
            reference: Arc::new(reference_data()?),
            importer: Arc::new(Importer::new(import, clock.clone())?),
            holiday_calendars: Arc::new(holiday_calendars()),
            clock,
        })
    }

    /// The store, borrowed.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }
}
