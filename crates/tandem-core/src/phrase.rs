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
    "problem-detail-bearer-expected",
    "problem-detail-token-needed",
    "problem-detail-token-unknown",
    "problem-detail-viewer-read-only",
    "problem-detail-viewer-feed-tokens",
    "problem-detail-feed-token-own",
    "problem-detail-feed-token-reads-only",
    "problem-detail-region-outside",
    "problem-detail-region-none",
    "problem-detail-no-such-feed",
    "problem-detail-token-revoked",
    "problem-detail-send-json",
    "problem-detail-no-event",
    "problem-detail-no-venue",
    "problem-detail-no-calendar",
    "problem-detail-no-clash",
    "problem-detail-no-feed-token",
    "problem-detail-no-token",
    "problem-detail-no-record",
    "problem-detail-no-open-clash",
    "problem-detail-no-group",
    "problem-detail-no-region",
    "problem-detail-no-feed-file",
    "problem-detail-no-route",
    "problem-detail-suggestion-stale",
    "problem-detail-stale-version",
    "problem-detail-room-held",
    "problem-detail-rate-limited",
    "problem-detail-fetch-failed",
    "problem-detail-calendar-not-refreshable",
    "problem-detail-calendar-busy",
    "problem-detail-plan-event-appeared",
    "problem-detail-plan-event-changed",
    "problem-detail-plan-event-gone",
    "problem-unavailable-detail",
    "problem-internal-detail",
    "problem-too-large-detail",
    "problem-method-not-allowed-detail",
    "problem-timeout-detail",
    "api-after",
    "api-at-most",
    "api-bad-cursor",
    "api-bad-if-match",
    "api-bad-query",
    "api-between",
    "api-body-unreadable",
    "api-calendar-no-source",
    "api-calendar-two-owners",
    "api-calendar-url-and-ics",
    "api-days-or-minutes",
    "api-group-unknown",
    "api-group-unknown-see-list",
    "api-invalid-event",
    "api-invalid-venue",
    "api-listed-twice",
    "api-longer-than-day",
    "api-missing-field",
    "api-no-holiday-calendar",
    "api-not-a-room-id",
    "api-not-a-venue-id",
    "api-not-an-event-id",
    "api-not-http-url",
    "api-not-json",
    "api-placement-none",
    "api-room-needs-venue",
    "api-unknown-value",
    "api-unreadable-value",
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
    "rule-number-out-of-range",
    "rule-signed-number-out-of-range",
    "rule-byday-not-weekday",
    "rule-byday-ordinal-range",
    "rule-byday-ordinal-freq",
    "rule-part-twice",
    "rule-part-empty",
    "rule-freq-unsupported",
    "rule-freq-missing",
    "rule-part-not-with-freq",
    "rule-count-invalid",
    "rule-count-too-many",
    "rule-interval-invalid",
    "rule-wkst-invalid",
    "rule-part-unknown",
    "rule-bysetpos-alone",
    "rule-count-and-until",
    "rule-unbounded",
    "rule-empty",
    "rule-part-malformed",
    "rule-too-many-occurrences",
    "rule-unreadable",
    "rule-unexpandable",
    "rule-invalid",
    "rule-until-invalid",
    "rule-until-before-start",
    "rule-until-out-of-bounds",
    "rule-start-not-occurrence",
    "rule-start-not-occurrence-none",
    "venue-country-invalid",
    "venue-room-capacity",
    "venue-latitude",
    "venue-longitude",
    "venue-no-working-day",
    "venue-too-many-rooms",
    "venue-room-twice",
    "event-room-without-venue",
    "event-unknown-value",
    "event-text-control",
    "event-participant-id-invalid",
    "event-series-too-late",
    "region-unknown",
    "weekday-unknown",
    "weekday-twice",
    "email-empty",
    "email-too-long",
    "email-no-at",
    "email-local-part",
    "email-domain",
    "localtime-format",
    "localtime-calendar-date",
    "localtime-offset",
    "localtime-seconds",
    "localtime-time-of-day",
    "search-hours-end-before-start",
    "search-limit",
    "search-invalid-request",
    "search-participant-twice",
    "search-venue-tz-required",
    "search-weight-invalid",
    "search-busy-end-before-start",
    "season-days-beyond-window",
    "season-days-outside-range",
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
