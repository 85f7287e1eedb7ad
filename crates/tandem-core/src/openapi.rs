//! The closed vocabularies and text formats of the wire types as OpenAPI schemas (feature
//! `openapi`), built from the same lists and character classes the parsers use, so the
//! document says exactly what is accepted: an enum lists every value its parser takes, a
//! pattern matches exactly the text its parser takes (the tests below hold the two together).
//! Rules that relate two fields (an end after its start) or depend on the calendar (a real
//! date, a local time that a DST change does not skip) are beyond a schema and stay 400s.
//!
//! Patterns are written for every JSON Schema reader: plain character classes with `\uXXXX`
//! escapes (no `\p{…}`, no flags), anchored with `^…$`, and a `maxLength` wherever a trailing
//! newline must not slip past `$` (it does in Python's `re`).

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

use crate::event::{Attendance, EventKind, EventMode, EventStatus};
use crate::region::RegionCode;
use crate::weekday::WEEKDAY_NAMES;

/// What `str::trim` removes: the Unicode `White_Space` characters, as a class body.
pub const WHITE_SPACE: &str =
    r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// What `char::is_control` is true of (general category Cc), as a class body.
pub const CONTROL: &str = r"\u0000-\u001f\u007f-\u009f";

/// A string schema with an enum of `values`.
pub fn string_enum<I, S>(description: &str, values: I) -> RefOr<Schema>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values.into_iter().map(Into::into)))
        .into()
}

/// A string schema with a pattern and length bounds (in characters).
pub fn string_pattern(
    description: &str,
    pattern: &str,
    min_length: Option<usize>,
    max_length: Option<usize>,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .min_length(min_length)
        .max_length(max_length)
        .into()
}

/// The pattern of a text that, trimmed of white space, holds 1 to `max` characters, none of
/// them a control character (the rule of [`crate::Title`]).
pub fn title_pattern(max: usize) -> String {
    let inner = max.saturating_sub(2);
    format!(
        "^[{WHITE_SPACE}]*[^{CONTROL}{WHITE_SPACE}](?:[^{CONTROL}]{{0,{inner}}}[^{CONTROL}{WHITE_SPACE}])?[{WHITE_SPACE}]*$"
    )
}

/// The pattern of an optional text that, trimmed of white space, holds at most `max`
/// characters (blank means absent).
pub fn optional_text_pattern(max: usize) -> String {
    let inner = max.saturating_sub(2);
    format!(
        "^[{WHITE_SPACE}]*(?:[^{WHITE_SPACE}](?:[\\s\\S]{{0,{inner}}}[^{WHITE_SPACE}])?)?[{WHITE_SPACE}]*$"
    )
}

macro_rules! schema_type {
    ($(#[$doc:meta])* $ty:ident as $name:literal => $schema:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $ty;

        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                $schema
            }
        }

        impl ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

schema_type!(
    /// An IANA zone name, exactly as the tz database compiled in spells it.
    ZoneName as "Zone" => string_enum(
        "An IANA time zone name, as the tz database spells it (`Africa/Douala`).",
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()),
    )
);

schema_type!(
    /// An ITU region code.
    RegionCodeName as "RegionCode" => string_enum(
        "ITU region: AFR, AMS, ARB, ASP, CIS or EUR.",
        RegionCode::ALL.iter().map(|r| r.code()),
    )
);

schema_type!(
    /// An event kind.
    EventKindName as "EventKind" => string_enum(
        "What sort of gathering an event is.",
        EventKind::ALL.iter().map(|k| k.as_str()),
    )
);

schema_type!(
    /// An event mode.
    EventModeName as "EventMode" => string_enum(
        "How people take part.",
        EventMode::ALL.iter().map(|m| m.as_str()),
    )
);

schema_type!(
    /// An event status.
    EventStatusName as "EventStatus" => string_enum(
        "Where an event stands: proposed events hold no room, cancelled ones leave feeds.",
        EventStatus::ALL.iter().map(|s| s.as_str()),
    )
);

schema_type!(
    /// How a participant takes part.
    AttendanceName as "Attendance" => string_enum(
        "How one participant takes part.",
        Attendance::ALL.iter().map(|a| a.as_str()),
    )
);

schema_type!(
    /// A participant's language.
    LanguageName as "Language" => string_enum(
        "One of ITU's six official languages (BCP 47 tag): a participant's invitations are \
         written in it (DESIGN §16); English when absent.",
        crate::event::Language::ALL.iter().map(|l| l.as_str()),
    )
);

schema_type!(
    /// A clash type.
    ClashTypeName as "ClashType" => string_enum(
        "The kind of a clash (DESIGN §6).",
        crate::clash::ClashKind::ALL.iter().map(|k| k.as_str()),
    )
);

schema_type!(
    /// A clash severity.
    SeverityName as "Severity" => string_enum(
        "How much a clash matters.",
        [crate::clash::Severity::Hard, crate::clash::Severity::Soft].map(crate::clash::Severity::as_str),
    )
);

schema_type!(
    /// A weekday name.
    WeekdayName as "Weekday" => string_enum(
        "A day of the week.",
        WEEKDAY_NAMES,
    )
);

schema_type!(
    /// A local wall-clock date-time without offset.
    LocalDateTimeText as "LocalDateTime" => string_pattern(
        "A local wall-clock date-time `YYYY-MM-DDTHH:MM` from 1990-01-01 to 2099-12-31 \
         (`:00` seconds allowed; `T24:00` is midnight at the end of the day), read in the zone \
         given beside it. It must be a real calendar date; a time that a DST change skips is \
         refused where a person typed it.",
        r"^(199[0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)(:00)?$",
        Some(16),
        Some(19),
    )
);

schema_type!(
    /// A local calendar date.
    LocalDateText as "LocalDate" => string_pattern(
        "A local calendar date `YYYY-MM-DD` from 1990-01-01 to 2099-12-31 (a real date).",
        r"^(199[0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        Some(10),
        Some(10),
    )
);

schema_type!(
    /// A local time of day.
    TimeOfDayText as "TimeOfDay" => string_pattern(
        "A local time of day `HH:MM`, 00:00 to 24:00 (`24:00` ends the day).",
        r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        Some(5),
        Some(5),
    )
);

schema_type!(
    /// A participant identifier.
    ParticipantIdText as "ParticipantId" => string_pattern(
        "A participant's stable id: 1 to 100 of `A-Z a-z 0-9 . _ @ -`.",
        r"^[A-Za-z0-9._@-]{1,100}$",
        Some(1),
        Some(100),
    )
);

schema_type!(
    /// A participant's e-mail address ([`crate::EmailAddress`]).
    EmailText as "EmailAddress" => string_pattern(
        "An e-mail address for invitations (`amina.diallo@example.org`): a dot-atom before \
         `@`, a domain name of two or more labels after it, at most 254 characters, no white \
         space. Private: shown only to organisers of the event's region.",
        crate::email::EMAIL_PATTERN,
        Some(5),
        Some(crate::email::MAX_EMAIL_OCTETS),
    )
);

schema_type!(
    /// A title of up to 200 characters.
    TitleText as "Title" => string_pattern(
        "A display text: 1 to 200 characters once trimmed of white space, no control character.",
        &title_pattern(200),
        None,
        None,
    )
);

schema_type!(
    /// A short name of up to 100 characters.
    ShortNameText as "ShortName" => string_pattern(
        "A short display name: 1 to 100 characters once trimmed of white space, no control \
         character.",
        &title_pattern(100),
        None,
        None,
    )
);

schema_type!(
    /// An optional name of up to 200 characters.
    PersonNameText as "PersonName" => string_pattern(
        "A name: at most 200 characters once trimmed of white space (blank means none).",
        &optional_text_pattern(200),
        None,
        None,
    )
);

schema_type!(
    /// An optional description of up to 10,000 characters.
    DescriptionText as "Description" => string_pattern(
        "A description: at most 10,000 characters once trimmed of white space (blank means \
         none).",
        &optional_text_pattern(10_000),
        None,
        None,
    )
);

schema_type!(
    /// An optional http(s) link of up to 2,000 characters.
    RemoteUrlText as "RemoteUrl" => string_pattern(
        "An `https://` or `http://` link without white space, at most 2,000 characters once \
         trimmed (blank means none).",
        &format!(
            "^[{WHITE_SPACE}]*(?:https://[^{WHITE_SPACE}]{{0,1992}}|http://[^{WHITE_SPACE}]{{0,1993}})?[{WHITE_SPACE}]*$"
        ),
        None,
        None,
    )
);

schema_type!(
    /// A text with at least one character that is not white space.
    NonBlankText as "NonBlankText" => string_pattern(
        "A text that is not blank (white space only).",
        &format!("[^{WHITE_SPACE}]"),
        Some(1),
        None,
    )
);

/// The pattern of a blank text (white space only, or empty).
pub fn blank_pattern() -> String {
    format!("^[{WHITE_SPACE}]*$")
}

schema_type!(
    /// An RFC 3339 instant within the dates tandem accepts.
    Instant as "Instant" => ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .pattern(Some(INSTANT_PATTERN))
        .description(Some(
            "An RFC 3339 instant with an offset (`2027-03-01T00:00:00Z`), from \
             1990-01-01T00:00:00Z to 2100-01-01T00:00:00Z (the UTC dates of DESIGN §2; the \
             pattern bounds the year as written, the offset may carry it past the bounds).",
        ))
        .into()
);

/// The text of an instant [`crate::time::parse_instant`] takes, its year within the bounds.
pub const INSTANT_PATTERN: &str = r"^(199[0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

#[cfg(test)]
mod tests {
    use super::*;

    fn class_contains(body: &str, c: char) -> bool {
        // The class bodies are ranges and single `\uXXXX` escapes only.
        let mut codes = Vec::new();
        let mut rest = body;
        while let Some(tail) = rest.strip_prefix(r"\u") {
            let (hex, after) = tail.split_at(4);
            codes.push(u32::from_str_radix(hex, 16).expect("hex"));
            rest = after;
            if let Some(after_dash) = rest.strip_prefix('-') {
                codes.push(u32::MAX);
                rest = after_dash;
            }
        }
        assert!(rest.is_empty(), "unexpected class text {rest}");
        let mut i = 0;
        let code = u32::from(c);
        while i < codes.len() {
            if codes.get(i + 1) == Some(&u32::MAX) {
                if (codes[i]..=codes[i + 2]).contains(&code) {
                    return true;
                }
                i += 3;
            } else {
                if codes[i] == code {
                    return true;
                }
                i += 1;
            }
        }
        false
    }

    /// The classes in the patterns are exactly what `str::trim` and `char::is_control` use,
    /// for every character.
    #[test]
    fn character_classes_match_the_parsers() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(
                class_contains(WHITE_SPACE, c),
                c.is_whitespace(),
                "white space {c:?}"
            );
            assert_eq!(class_contains(CONTROL, c), c.is_control(), "control {c:?}");
        }
    }

    fn matcher(pattern: &str) -> regex::Regex {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 28)
            .build()
            .expect("pattern")
    }

    proptest::proptest! {
        /// A text matches the title pattern exactly when `Title` accepts it.
        #[test]
        fn the_title_pattern_is_the_title_rule(
            text in r"[ \t\n\u{a0}\u{2003}\u{1}\u{7f}\u{85}a-cé😀]{0,14}"
        ) {
            let pattern = matcher(&title_pattern(6));
            proptest::prop_assert_eq!(
                pattern.is_match(&text),
                crate::Title::parse_with_max(&text, 6).is_ok(),
                "{:?}", text
            );
        }

        /// A text matches the optional-text pattern exactly when, trimmed, it holds at most
        /// `max` characters.
        #[test]
        fn the_optional_text_pattern_is_the_trimmed_length(
            text in r"[ \t\n\u{a0}\u{2003}\u{1}\u{7f}\u{85}a-cé😀]{0,14}"
        ) {
            let pattern = matcher(&optional_text_pattern(6));
            proptest::prop_assert_eq!(
                pattern.is_match(&text),
                text.trim().chars().count() <= 6,
                "{:?}", text
            );
        }
    }

    /// An instant's text matches the pattern exactly when the parser reads it (for dates that
    /// exist, away from the bounds, where the offset can carry an instant across them).
    #[test]
    fn the_instant_pattern_is_the_instant_parser() {
        let pattern = matcher(INSTANT_PATTERN);
        for text in [
            "2027-03-01T00:00:00Z",
            "2027-03-01t00:00:00z",
            "2027-03-01T00:00:00.123456789+05:30",
            "2027-03-01T23:59:59-23:59",
            "2027-03-01 00:00:00Z",
            "2027-03-01T00:00:60Z",
            "2016-12-31T23:59:60Z",
            "2027-03-01T00:00Z",
            "2027-03-01T00:00:00",
            "2027-03-01T00:00:00+0530",
            "2027-3-01T00:00:00Z",
            "+2027-03-01T00:00:00Z",
            "2027-03-01T24:00:00Z",
            "1989-12-31T12:00:00Z",
            "2100-06-01T00:00:00Z",
        ] {
            assert_eq!(
                pattern.is_match(text),
                crate::time::parse_instant(text, "at").is_ok(),
                "{text}"
            );
        }
    }

    /// Every zone the parser accepts is in the enum, and nothing else.
    #[test]
    fn the_zone_enum_is_the_parsers_list() {
        let schema = serde_json::to_value(ZoneName::schema()).expect("json");
        let names: Vec<&str> = schema["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .map(|v| v.as_str().expect("name"))
            .collect();
        assert!(names.len() > 400);
        for name in &names {
            assert!(crate::Zone::parse(name).is_ok(), "{name}");
        }
        assert!(crate::Zone::parse("Mars/Olympus_Mons").is_err());
    }
}
