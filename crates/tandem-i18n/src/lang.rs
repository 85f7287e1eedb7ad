//! The six languages and the choice among them (DESIGN §16).

use std::fmt;
use std::str::FromStr;

use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

/// One of ITU's six official languages, the only ones tandem writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Arabic (right to left).
    Ar,
    /// English, the default when nothing the reader prefers is available.
    #[default]
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Chinese (simplified script, as ITU publishes it).
    Zh,
}

/// The direction a language is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A tag that names none of the six languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not one of tandem's languages", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl Lang {
    /// Every language, in the order of their tags.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru, Lang::Zh];

    /// The BCP 47 tag ("ar", "zh"), as written in `lang` attributes and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The direction the language is written in.
    pub fn direction(self) -> Direction {
        match self {
            Lang::Ar => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    /// The language's identifier for Fluent.
    pub(crate) fn langid(self) -> LanguageIdentifier {
        // The six tags are valid BCP 47 language subtags.
        self.tag().parse().unwrap_or_default()
    }

    /// The first of `Accept-Language`'s languages (by weight) that tandem has, or English.
    /// "fr-CA" chooses French, "zh-Hans-CN" and "zh-TW" Chinese; an unparsable header is
    /// the same as none.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::default();
        };
        Self::first_of(&by_weight(header))
    }

    /// The language a request asks for: `?lang=` first, then a choice kept in a cookie,
    /// then `Accept-Language`. A value that names none of the six is ignored, so a stale
    /// cookie or a mistyped parameter falls through to the next source.
    pub fn choose(
        query: Option<&str>,
        cookie: Option<&str>,
        accept_language: Option<&str>,
    ) -> Lang {
        query
            .and_then(|q| q.parse().ok())
            .or_else(|| cookie.and_then(|c| c.parse().ok()))
            .unwrap_or_else(|| Self::negotiate(accept_language))
    }

    fn first_of(requested: &[LanguageIdentifier]) -> Lang {
        let available: Vec<LanguageIdentifier> = Self::ALL.iter().map(|l| l.langid()).collect();
        let default = Lang::default().langid();
        let chosen = negotiate_languages(
            requested,
            &available,
            Some(&default),
            NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| Self::ALL.into_iter().find(|l| l.langid() == **id))
            .unwrap_or_default()
    }
}

/// The tags of an `Accept-Language` header, heaviest first (equal weights keep their order;
/// `q=0` means "not this one"; `*` and unparsable tags are skipped).
fn by_weight(header: &str) -> Vec<LanguageIdentifier> {
    let mut tags: Vec<(u16, LanguageIdentifier)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if !(weight > 0.0 && weight <= 1.0) || tag == "*" {
                return None;
            }
            // Weights have at most three decimals (RFC 9110 §12.4.2): thousandths are exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let thousandths = (weight * 1000.0).round() as u16;
            Some((thousandths, tag.parse().ok()?))
        })
        .collect();
    tags.sort_by_key(|t| std::cmp::Reverse(t.0));
    tags.into_iter().map(|(_, tag)| tag).collect()
}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// A tag of one of the six languages, with or without region or script ("fr-CA",
    /// "zh-Hans"): the language subtag decides.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: LanguageIdentifier = s.trim().parse().map_err(|_| UnknownLang(s.to_owned()))?;
        Self::ALL
            .into_iter()
            .find(|l| l.tag() == id.language.as_str())
            .ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_language_tandem_has() {
        assert_eq!(
            Lang::negotiate(Some("de-DE,fr-CA;q=0.8,en;q=0.5")),
            Lang::Fr
        );
        assert_eq!(Lang::negotiate(Some("ar-EG,ar;q=0.9")), Lang::Ar);
        assert_eq!(Lang::negotiate(Some("zh-TW")), Lang::Zh);
        assert_eq!(Lang::negotiate(Some("en;q=0.2, ru;q=0.9")), Lang::Ru);
        assert_eq!(Lang::negotiate(Some("de, it")), Lang::En);
        assert_eq!(Lang::negotiate(Some(";;;,q=")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr;q=0, es")), Lang::Es);
        assert_eq!(Lang::negotiate(Some("*, zh;q=0.1")), Lang::Zh);
        assert_eq!(Lang::negotiate(None), Lang::En);
    }

    #[test]
    fn the_query_overrides_the_cookie_which_overrides_the_header() {
        assert_eq!(Lang::choose(Some("es"), Some("ru"), Some("fr")), Lang::Es);
        assert_eq!(Lang::choose(None, Some("ru"), Some("fr")), Lang::Ru);
        assert_eq!(Lang::choose(Some("xx"), Some("nope"), Some("fr")), Lang::Fr);
        assert_eq!(Lang::choose(Some("zh-Hans"), None, None), Lang::Zh);
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for lang in Lang::ALL {
            let rtl = lang.direction() == Direction::Rtl;
            assert_eq!(rtl, lang == Lang::Ar, "{lang}");
        }
    }
}
