//! Dates, times, zone names and numbers as CLDR writes them for each language, by ICU4X
//! with its compiled data. The calendar and digits are the locale's own: Gregorian with
//! Arabic-Indic digits for "ar", as CLDR gives it.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use icu::datetime::fieldsets::{self, zone};
use icu::datetime::input::{Date, DateTime as IcuDateTime, Time, TimeZone, UtcOffset};
use icu::datetime::{DateTimeFormatter, NoCalendarFormatter};
use icu::decimal::options::DecimalFormatterOptions;
use icu::decimal::DecimalFormatter;
use icu::locale::Locale;
use icu::time::zone::ZoneNameTimestamp;

use crate::{Arg, Lang};

/// One language's formatters, built once (construction reads the compiled data).
struct Formatters {
    weekday_date: Option<DateTimeFormatter<fieldsets::YMDE>>,
    date: Option<DateTimeFormatter<fieldsets::YMD>>,
    short_weekday_date: Option<DateTimeFormatter<fieldsets::YMDE>>,
    time: Option<NoCalendarFormatter<fieldsets::T>>,
    zone_long: Option<NoCalendarFormatter<zone::SpecificLong>>,
    zone_short: Option<NoCalendarFormatter<zone::SpecificShort>>,
    offset: Option<NoCalendarFormatter<zone::LocalizedOffsetShort>>,
    numbers: Option<DecimalFormatter>,
}

impl Lang {
    /// The CLDR locale whose formats a language's pages use. English is ITU's British
    /// English (24-hour clock, day before month); the others are CLDR's defaults for the
    /// language (for Arabic, CLDR's "ar": Gregorian calendar, Latin digits).
    fn format_locale(self) -> Locale {
        let tag = match self {
            Lang::En => "en-GB",
            other => other.tag(),
        };
        tag.parse().unwrap_or(Locale::UNKNOWN)
    }
}

impl Formatters {
    fn new(lang: Lang) -> Self {
        let locale = lang.format_locale();
        let prefs = || (&locale).into();
        Formatters {
            weekday_date: DateTimeFormatter::try_new(prefs(), fieldsets::YMDE::long()).ok(),
            date: DateTimeFormatter::try_new(prefs(), fieldsets::YMD::long()).ok(),
            short_weekday_date: DateTimeFormatter::try_new(prefs(), fieldsets::YMDE::medium()).ok(),
            time: NoCalendarFormatter::try_new(prefs(), fieldsets::T::hm()).ok(),
            zone_long: NoCalendarFormatter::try_new(prefs(), zone::SpecificLong).ok(),
            zone_short: NoCalendarFormatter::try_new(prefs(), zone::SpecificShort).ok(),
            offset: NoCalendarFormatter::try_new(prefs(), zone::LocalizedOffsetShort).ok(),
            numbers: DecimalFormatter::try_new(
                (&locale).into(),
                DecimalFormatterOptions::default(),
            )
            .ok(),
        }
    }
}

static FORMATTERS: LazyLock<[Formatters; 6]> = LazyLock::new(|| Lang::ALL.map(Formatters::new));

fn formatters(lang: Lang) -> Option<&'static Formatters> {
    let i = Lang::ALL.iter().position(|l| *l == lang)?;
    FORMATTERS.get(i)
}

/// The wall-clock reading of `local` for ICU4X (ISO calendar; the formatter converts it).
fn icu_date_time(local: &DateTime<FixedOffset>) -> Option<IcuDateTime<icu::calendar::Iso>> {
    let (year, month, day) = (local.year(), local.month(), local.day());
    let date = Date::try_new_iso(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()?;
    let time = Time::try_new(
        u8::try_from(local.hour()).ok()?,
        u8::try_from(local.minute()).ok()?,
        u8::try_from(local.second()).ok()?,
        0,
    )
    .ok()?;
    Some(IcuDateTime { date, time })
}

/// The zone of `local` named `iana`, at its instant, for ICU4X's zone names.
fn zone_at(
    local: &DateTime<FixedOffset>,
    iana: &str,
) -> icu::time::TimeZoneInfo<icu::time::zone::models::AtTime> {
    let offset = UtcOffset::try_from_seconds(local.offset().local_minus_utc()).ok();
    TimeZone::from_iana_id(iana)
        .with_offset(offset)
        .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(local.timestamp()))
}

/// `local`'s date by `format`, or ISO 8601 should the formatter be missing (it cannot be
/// with compiled data for the six languages; a page still shows the date).
fn date_with<F>(formatter: Option<F>, local: &DateTime<FixedOffset>) -> String
where
    F: FnOnce(&Date<icu::calendar::Iso>) -> String,
{
    formatter.zip(icu_date_time(local)).map_or_else(
        || local.format("%Y-%m-%d").to_string(),
        |(f, dt)| f(&dt.date),
    )
}

impl Lang {
    /// A date and a time joined as the language joins them (the `date-time` message: CLDR's
    /// standard date-time pattern, without the "at" of its atTime variant).
    fn join(self, date: String, time: String) -> String {
        self.message_with(
            "date-time",
            &[("date", Arg::from(date)), ("time", Arg::from(time))],
        )
    }

    /// Date with weekday and time, long: "mercredi 13 janvier 2027, 09:00".
    pub fn weekday_date_time(self, local: &DateTime<FixedOffset>) -> String {
        self.join(self.weekday_date(local), self.time(local))
    }

    /// Date and time, long, no weekday: "13 января 2027 г., 09:00".
    pub fn date_time(self, local: &DateTime<FixedOffset>) -> String {
        self.join(
            date_with(
                formatters(self)
                    .and_then(|f| f.date.as_ref())
                    .map(|f| |d: &Date<_>| f.format(d).to_string()),
                local,
            ),
            self.time(local),
        )
    }

    /// Date with weekday and time, abbreviated for lists: "mer. 13 janv. 2027, 09:00".
    pub fn short_date_time(self, local: &DateTime<FixedOffset>) -> String {
        self.join(
            date_with(
                formatters(self)
                    .and_then(|f| f.short_weekday_date.as_ref())
                    .map(|f| |d: &Date<_>| f.format(d).to_string()),
                local,
            ),
            self.time(local),
        )
    }

    /// Date with weekday, long: "mercredi 13 janvier 2027".
    pub fn weekday_date(self, local: &DateTime<FixedOffset>) -> String {
        date_with(
            formatters(self)
                .and_then(|f| f.weekday_date.as_ref())
                .map(|f| |d: &Date<_>| f.format(d).to_string()),
            local,
        )
    }

    /// Hours and minutes: "09:00" (in the language's digits).
    pub fn time(self, local: &DateTime<FixedOffset>) -> String {
        formatters(self)
            .and_then(|f| f.time.as_ref())
            .zip(icu_date_time(local))
            .map_or_else(
                || local.format("%H:%M").to_string(),
                |(f, dt)| f.format(&dt.time).to_string(),
            )
    }

    /// The zone's name at that instant, long and specific to standard or summer time:
    /// "heure normale d’Afrique de l’Ouest", "Central European Summer Time"; a zone CLDR
    /// names nothing for gets its offset ("GMT+05:45").
    pub fn zone_name(self, local: &DateTime<FixedOffset>, iana: &str) -> String {
        formatters(self)
            .and_then(|f| f.zone_long.as_ref())
            .map_or_else(
                || local.format("%:z").to_string(),
                |f| f.format(&zone_at(local, iana)).to_string(),
            )
    }

    /// The zone's short name at that instant ("CET", "GMT+1"), as a reader of the
    /// language expects it.
    pub fn zone_abbreviation(self, local: &DateTime<FixedOffset>, iana: &str) -> String {
        formatters(self)
            .and_then(|f| f.zone_short.as_ref())
            .map_or_else(
                || local.format("%:z").to_string(),
                |f| f.format(&zone_at(local, iana)).to_string(),
            )
    }

    /// The offset from UTC: "GMT+1", "UTC+1", "غرينتش+١".
    pub fn utc_offset(self, local: &DateTime<FixedOffset>) -> String {
        let offset = UtcOffset::try_from_seconds(local.offset().local_minus_utc()).ok();
        formatters(self)
            .and_then(|f| f.offset.as_ref())
            .zip(offset)
            .map_or_else(
                || local.format("%:z").to_string(),
                |(f, o)| f.format(&o).to_string(),
            )
    }

    /// A number with the language's digits and separators: "1 234" in French.
    pub fn number(self, n: i64) -> String {
        formatters(self)
            .and_then(|f| f.numbers.as_ref())
            .map_or_else(|| n.to_string(), |f| f.format_to_string(&decimal_i64(n)))
    }

    /// A number written with at least `digits` digits ("09", "٠٩"), as clock hours are.
    pub fn padded_number(self, n: i64, digits: i16) -> String {
        formatters(self)
            .and_then(|f| f.numbers.as_ref())
            .map_or_else(
                || format!("{n:0width$}", width = usize::try_from(digits).unwrap_or(0)),
                |f| {
                    let mut d = decimal_i64(n);
                    d.absolute.pad_start(digits);
                    f.format_to_string(&d)
                },
            )
    }
}

fn decimal_i64(n: i64) -> icu::decimal::input::Decimal {
    icu::decimal::input::Decimal::from(n)
}
