//! tandem's application layer (DESIGN §1): one function per use case, shared by every
//! adapter — the JSON API, the HTML pages and the command line. A use case takes the
//! [`Caller`] and core types, has core compute and the store persist, and returns core
//! types or one [`AppError`]. Nothing here knows HTTP: no axum, no status codes, no
//! request or response types; the adapters convert at their edge.

pub mod app;
pub mod calendars;
pub mod caller;
pub mod clashes;
pub mod colocations;
pub mod error;
pub mod events;
pub mod import;
mod phrases;
pub mod season;
pub mod seed;
pub mod startup;
pub mod tokens;
pub mod tzdata;
pub mod windows;

pub use app::{holiday_calendars, reference_data, App, HOLIDAYS, REFERENCE_TOML};
pub use caller::Caller;
pub use error::{AppError, AppResult};
