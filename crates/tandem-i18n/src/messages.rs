//! Fluent messages: the files under `config/locales/{lang}/`, embedded in the binary and
//! parsed once per language. Numbers a message shows are formatted by ICU4X for its
//! language (Arabic-Indic digits in Arabic, as CLDR has them).

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu::decimal::input::Decimal;
use icu::decimal::options::DecimalFormatterOptions;
use icu::decimal::DecimalFormatter;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::Lang;

/// The names of the message files every language has, in load order.
pub const FILES: [&str; 7] = [
    "common.ftl",
    "web.ftl",
    "feeds.ftl",
    "problems.ftl",
    "mail.ftl",
    "rules.ftl",
    "requests.ftl",
];

macro_rules! locale_files {
    ($tag:literal) => {
        [
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/common.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/web.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/feeds.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/problems.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/mail.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/rules.ftl"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../config/locales/",
                $tag,
                "/requests.ftl"
            )),
        ]
    };
}

/// The text of every message file of `lang`, in the order of [`FILES`].
pub fn sources(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Ar => locale_files!("ar"),
        Lang::En => locale_files!("en"),
        Lang::Es => locale_files!("es"),
        Lang::Fr => locale_files!("fr"),
        Lang::Ru => locale_files!("ru"),
        Lang::Zh => locale_files!("zh"),
    }
}

/// A value given to a message's variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Text, shown as it is (names, codes, formatted dates).
    Text(Cow<'a, str>),
    /// A number: it selects plural forms and is shown with the language's digits.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(text.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(f64::from(n))
            }
        }
    )*};
}
number_args!(u8, u16, u32, i8, i16, i32, f32, f64);

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        // Counts shown on a page are far below 2^52: the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        Arg::Number(n as f64)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Arg::Number(n as f64)
    }
}

type Bundle = FluentBundle<FluentResource>;

/// ICU4X's number formatter, memoized per bundle language by Fluent.
struct Numbers(DecimalFormatter);

impl Memoizable for Numbers {
    type Args = ();
    type Error = String;

    fn construct(lang: LanguageIdentifier, (): ()) -> Result<Self, Self::Error> {
        let locale: icu::locale::Locale = lang.to_string().parse().map_err(|e| format!("{e}"))?;
        DecimalFormatter::try_new(locale.into(), DecimalFormatterOptions::default())
            .map(Numbers)
            .map_err(|e| format!("{e}"))
    }
}

/// An integer or decimal for ICU4X.
pub(crate) fn decimal(value: f64) -> Decimal {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        // Exact: integral and within f64's integer range.
        #[allow(clippy::cast_possible_truncation)]
        Decimal::from(value as i64)
    } else {
        // Rust's shortest round-trip representation of the float, read as a decimal.
        Decimal::try_from_str(&value.to_string()).unwrap_or_default()
    }
}

fn format_number(value: &FluentValue, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    memoizer
        .with_try_get::<Numbers, _, _>((), |f| f.0.format_to_string(&decimal(number.value)))
        .ok()
}

fn bundle(lang: Lang) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Isolation is the caller's business: pages wrap values in <bdi>, feeds and problem
    // documents carry plain text.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    for source in sources(lang) {
        // A file with a syntax error still loads its valid messages; the completeness
        // test (tests/messages.rs) fails on any error.
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

static BUNDLES: LazyLock<[Bundle; 6]> = LazyLock::new(|| Lang::ALL.map(bundle));

fn index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

impl Lang {
    /// The message `id` in this language, without variables.
    pub fn message(self, id: &str) -> String {
        self.message_with(id, &[])
    }

    /// The message `id` in this language with its variables. A message this language
    /// lacks falls back to English, then to its id (the completeness test makes both
    /// unreachable in a release).
    pub fn message_with(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_ref())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        for lang in [self, Lang::En] {
            let Some(bundle) = BUNDLES.get(index(lang)) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }

    /// Whether this language's files define the message `id`.
    pub fn has_message(self, id: &str) -> bool {
        BUNDLES
            .get(index(self))
            .is_some_and(|b| b.get_message(id).is_some_and(|m| m.value().is_some()))
    }
}
