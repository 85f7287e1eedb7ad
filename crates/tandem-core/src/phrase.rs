//! Sentences for a person that the core writes (why no window was found, why an event
//! could not be placed), kept as a message of the translations with its values as well as
//! in English (DESIGN §16). The API answers the English, as it always has; the pages say
//! the message in the reader's language, with dates and numbers formatted by ICU4X there.
//! The core names the message and its values and leaves the wording of the other five
//! languages to `config/locales/`.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// Every message id a [`Phrase`] may name; a test checks each is in all six languages.
pub const IDS: &[&str] = &[
    "why-no-window-range",
    "why-no-window-participant",
    "why-no-window",
    "why-no-dates",
    "why-no-room-that-large",
    "why-no-free-room",
    "why-season-no-room",
    "why-season-no-run",
    "why-season-taken",
    "why-season-costs-more",
    "why-season-blocked",
    "why-cause-group",
    "why-cause-required",
    "why-cause-in-person",
    "why-cause-rooms-booked",
    "why-cause-count",
    "why-placed-count",
    "invalid-date",
    "invalid-date-bounds",
    "invalid-minutes-positive",
    "invalid-minutes-max",
    "invalid-range-empty",
    "invalid-range-shorter",
    "invalid-too-many-candidates",
    "invalid-participants-none",
    "invalid-participants-max",
    "invalid-zone-missing",
    "invalid-zone",
    "invalid-time-of-day",
    "invalid-instant",
    "invalid-text-empty",
    "invalid-text-too-long",
    "invalid-dst-gap",
    "invalid-end-before-start",
    "invalid-event-too-long",
    "season-alongside-cancelled",
    "season-alongside-itself",
    "season-alongside-not-fixed",
    "season-alongside-twice",
    "season-alongside-unknown",
    "season-event-twice",
    "season-fixed-cancelled",
    "season-fixed-room",
    "season-fixed-venue",
    "season-id-existing",
    "season-id-twice",
    "season-invalid-daily-end",
    "season-invalid-date",
    "season-invalid-date-bounds",
    "season-invalid-days",
    "season-invalid-gap",
    "season-invalid-range-empty",
    "season-invalid-range-long",
    "season-invalid-seats",
    "season-invalid-time-limit",
    "season-invalid-weight",
    "season-latest-before-earliest",
    "season-no-venue",
    "season-participant-twice",
    "season-too-many-events",
    "season-too-many-participants",
    "season-unknown-event",
    "season-unknown-group",
    "season-unknown-venue",
    "season-venue-twice",
    "season-virtual-in-person",
    "calendar-unreadable-line",
    "calendar-unreadable",
    "windows-unknown-calendar",
    "windows-file-unreadable",
    "windows-file-cannot-read",
    "windows-read-failed",
    "colocation-unknown-anchor",
    "colocation-anchor-no-venue",
    "season-session-invalid",
    "import-url-not-url",
    "import-url-no-host",
    "import-url-scheme",
    "import-redirect-no-location",
    "import-redirect-invalid",
    "import-redirect-scheme",
    "import-too-large",
    "import-too-many-redirects",
    "import-refused-resolves",
    "import-refused-address",
    "import-refused-scheme",
    "import-refused-no-host",
    "import-refused-no-address",
    "reference-no-venue",
    "reference-no-room",
    "reference-room-without-venue",
    "reference-no-alongside",
    "reference-no-occurrence",
    "reference-rule",
];

/// A value of a [`Phrase`].
#[derive(Clone, Debug, PartialEq)]
pub enum PhraseArg {
    /// Text from outside the translation: an id, a name, a title, a code.
    Text(String),
    /// A count or amount: selects plural forms.
    Number(f64),
    /// A calendar date.
    Date(NaiveDate),
    /// A list of phrases, joined as the language joins a list.
    List(Vec<Phrase>),
}

/// A sentence as a message id with its values, and in English.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    id: &'static str,
    args: Vec<(&'static str, PhraseArg)>,
    english: String,
}

impl Phrase {
    /// The message `id` (one of [`IDS`]), which reads `english` in English.
    pub fn new(id: &'static str, english: impl Into<String>) -> Self {
        debug_assert!(IDS.contains(&id), "unknown phrase id {id}");
        Self {
            id,
            args: Vec::new(),
            english: english.into(),
        }
    }

    /// With the text value `name`.
    #[must_use]
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, PhraseArg::Text(value.into())));
        self
    }

    /// With the number `name`.
    #[must_use]
    pub fn number(mut self, name: &'static str, value: impl Into<f64>) -> Self {
        self.args.push((name, PhraseArg::Number(value.into())));
        self
    }

    /// With the count `name` (counts here are far below 2^52, so the conversion is exact).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn count(self, name: &'static str, value: usize) -> Self {
        self.number(name, value as f64)
    }

    /// With the date `name`.
    #[must_use]
    pub fn date(mut self, name: &'static str, value: NaiveDate) -> Self {
        self.args.push((name, PhraseArg::Date(value)));
        self
    }

    /// With the list of phrases `name`.
    #[must_use]
    pub fn list(mut self, name: &'static str, value: Vec<Phrase>) -> Self {
        self.args.push((name, PhraseArg::List(value)));
        self
    }

    /// The message id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The values, in the order given.
    pub fn args(&self) -> &[(&'static str, PhraseArg)] {
        &self.args
    }

    /// The sentence in English.
    pub fn english(&self) -> &str {
        &self.english
    }
}

/// Its numbers are counts, amounts and bounds the core computed, never NaN: equality is
/// total.
impl Eq for Phrase {}

impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

/// A phrase is written as its English sentence where it is serialised.
impl Serialize for Phrase {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}
