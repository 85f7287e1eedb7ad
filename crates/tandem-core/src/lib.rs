//! tandem's pure domain: the time model (DESIGN §2), intervals, recurrence, events, venues
//! and the ITU reference data. No I/O, no async, no framework types: functions over chrono
//! values and the tz database handed in at the edge ([`tz`]), so the hardest logic is the
//! easiest to test.

pub mod change;
pub mod clash;
pub mod clock;
pub mod colocation;
pub mod email;
pub mod event;
pub mod hours;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod phrase;
pub mod recurrence;
pub mod reference;
pub mod region;
pub mod search;
pub mod season;
pub mod time;
pub mod tz;
pub mod validation;
pub mod venue;
pub mod weekday;

pub use change::{EventChange, ParticipantSpec};
pub use clock::{Clock, FixedClock, SharedClock, StartedClock, SystemClock};
pub use email::EmailAddress;
pub use event::{
    Attendance, Event, EventDraft, EventInstants, EventKind, EventMode, EventStatus, EventTiming,
    Instance, Language, Participant, ParticipantId, Title,
};
pub use phrase::{Phrase, PhraseArg};
pub use recurrence::Recurrence;
pub use region::RegionCode;
pub use time::{Interval, LocalTimeOfDay, Resolution, Zone, ZoneOffset};
pub use validation::{FieldError, FieldErrors};
pub use venue::{CountryCode, GeoPoint, RoomDraft, VenueDraft};
pub use weekday::{WeekdaySet, WEEKDAY_NAMES};
