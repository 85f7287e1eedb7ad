//! Sets of weekdays, as working weeks and weekends are given (`["fri", "sat"]`).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::phrase::Phrase;
use crate::validation::FieldError;

/// The day names accepted on the wire, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A set of weekdays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    /// Saturday and Sunday: the default weekend.
    pub const SAT_SUN: WeekdaySet = WeekdaySet(0b110_0000);
    /// Friday and Saturday: the weekend in much of the Arab States region.
    pub const FRI_SAT: WeekdaySet = WeekdaySet(0b011_0000);
    /// Monday to Friday.
    pub const MON_FRI: WeekdaySet = WeekdaySet(0b001_1111);

    /// Parses a list of day names (`mon`…`sun`, lower case like every wire vocabulary);
    /// duplicates are refused.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, FieldError> {
        let mut set = WeekdaySet(0);
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref();
            let index = WEEKDAY_NAMES
                .iter()
                .position(|d| *d == name)
                .ok_or_else(|| {
                    FieldError::said(
                        format!("[{i}]"),
                        Phrase::new(
                            "weekday-unknown",
                            format!(
                                "unknown day '{name}': expected one of mon, tue, wed, thu, fri, \
                                 sat, sun"
                            ),
                        )
                        .text("value", name),
                    )
                })?;
            let bit = 1 << index;
            if set.0 & bit != 0 {
                return Err(FieldError::said(
                    format!("[{i}]"),
                    Phrase::new("weekday-twice", format!("day '{name}' is listed twice"))
                        .text("value", name),
                ));
            }
            set.0 |= bit;
        }
        Ok(set)
    }

    /// True when `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// True when the weekday of `date` is in the set.
    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.contains(date.weekday())
    }

    /// The day names in the set, Monday first.
    pub fn names(self) -> Vec<&'static str> {
        WEEKDAY_NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect()
    }

    /// True when the set holds no day.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when every day is in the set.
    pub fn is_full(self) -> bool {
        self.0 == 0b111_1111
    }
}

impl fmt::Display for WeekdaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(","))
    }
}

impl Serialize for WeekdaySet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WeekdaySet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        WeekdaySet::parse(&names).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friday_saturday_weekend() {
        let set = WeekdaySet::parse(&["fri", "sat"]).unwrap();
        assert_eq!(set, WeekdaySet::FRI_SAT);
        assert!(set.contains(Weekday::Fri) && set.contains(Weekday::Sat));
        assert!(!set.contains(Weekday::Sun));
        assert_eq!(set.names(), vec!["fri", "sat"]);
    }

    #[test]
    fn bad_days_are_named() {
        let err = WeekdaySet::parse(&["mon", "fry"]).unwrap_err();
        assert_eq!(err.field, "[1]");
        assert!(err.message.contains("fry"));
        assert!(WeekdaySet::parse(&["sat", "sat"]).is_err());
        // Lower case only, as the OpenAPI document's enum says.
        assert_eq!(WeekdaySet::parse(&["Sat"]).unwrap_err().field, "[0]");
    }
}
