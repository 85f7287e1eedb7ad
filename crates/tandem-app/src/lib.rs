//! tandem's application layer (DESIGN §1): one function per use case, shared by every
//! adapter — the JSON API, the HTML pages and the command line. A use case takes the
//! [`Caller`] and core types, has core compute and the store persist, and returns core
//! types or one [`AppError`]. Nothing here knows HTTP: no axum, no status codes, no
//! request or response types; the adapters convert at their edge.

pub mod app;
pub mod caller;
pub mod clashes;
pub mod error;
pub mod events;
pub mod import;

pub use app::{holiday_calendars, App, HOLIDAYS};
pub use caller::Caller;
pub use error::{AppError, AppResult};
