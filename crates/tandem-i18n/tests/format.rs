//! Dates, times and zone names as CLDR writes them (ICU4X compiled data), checked against
//! the exact strings a reader of each language expects.

use chrono::{DateTime, FixedOffset, TimeZone};
use tandem_i18n::{Arg, Lang};

/// Wednesday 13 January 2027, 09:00 in Yaoundé (West Africa Time, UTC+1).
fn yaounde_morning() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2027, 1, 13, 9, 0, 0)
        .unwrap()
}

fn with_zone(lang: Lang, local: &DateTime<FixedOffset>, iana: &str) -> String {
    lang.message_with(
        "time-with-zone",
        &[
            ("time", Arg::from(lang.weekday_date_time(local))),
            ("zone", Arg::from(lang.zone_name(local, iana))),
        ],
    )
}

#[test]
fn french_with_weekday_and_the_zones_name() {
    assert_eq!(
        with_zone(Lang::Fr, &yaounde_morning(), "Africa/Douala"),
        "mercredi 13 janvier 2027, 09:00 (heure d’Afrique de l’Ouest)"
    );
}

#[test]
fn russian_long_date() {
    assert_eq!(
        Lang::Ru.date_time(&yaounde_morning()),
        "13 января 2027\u{202f}г., 09:00"
    );
}

#[test]
fn english_spanish_chinese() {
    let t = yaounde_morning();
    assert_eq!(
        with_zone(Lang::En, &t, "Africa/Douala"),
        "Wednesday, 13 January 2027, 09:00 (West Africa Time)"
    );
    assert_eq!(
        Lang::Es.weekday_date_time(&t),
        "miércoles, 13 de enero de 2027, 09:00"
    );
    assert_eq!(Lang::Zh.weekday_date_time(&t), "2027年1月13日星期三 09:00");
}

#[test]
fn arabic_digits_and_calendar_as_cldr_gives_them() {
    let t = yaounde_morning();
    assert_eq!(
        Lang::Ar.weekday_date_time(&t),
        "الأربعاء، 13 يناير 2027، 9:00 ص"
    );
    assert_eq!(Lang::Ar.zone_name(&t, "Africa/Douala"), "توقيت غرب أفريقيا");
    assert_eq!(Lang::Ar.number(1234), "1,234");
}

#[test]
fn summer_time_has_its_own_name() {
    let geneva = FixedOffset::east_opt(7200)
        .unwrap()
        .with_ymd_and_hms(2027, 7, 1, 14, 30, 0)
        .unwrap();
    assert_eq!(
        Lang::En.zone_name(&geneva, "Europe/Zurich"),
        "Central European Summer Time"
    );
    assert_eq!(
        Lang::Fr.zone_name(&geneva, "Europe/Zurich"),
        "heure d’été d’Europe centrale"
    );
    assert_eq!(Lang::Fr.time(&geneva), "14:30");
    assert_eq!(Lang::Ar.padded_number(9, 2), "09");
}
