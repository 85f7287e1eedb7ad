//! tandem's six languages (DESIGN §16): ITU's official languages, chosen from
//! `Accept-Language`, `?lang=` or a cookie ([`Lang`]); the texts tandem writes, as Fluent
//! messages in `config/locales/{ar,en,es,fr,ru,zh}/` embedded at build time
//! ([`Lang::message`]); dates, times, weekday and month names, zone names and numbers as
//! CLDR writes them, by ICU4X with its compiled data ([`Lang::weekday_date_time`] and its
//! siblings). No I/O at run time, no hand-written tables.

mod format;
mod lang;
mod messages;

pub use lang::{Direction, Lang, UnknownLang};
pub use messages::{sources, Arg, FILES};
