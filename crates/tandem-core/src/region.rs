//! The six ITU regions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::phrase::Phrase;
use crate::validation::FieldError;

/// An ITU region code, as used on the wire and in feed URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RegionCode {
    /// Africa.
    AFR,
    /// The Americas.
    AMS,
    /// The Arab States.
    ARB,
    /// Asia and the Pacific.
    ASP,
    /// The Commonwealth of Independent States.
    CIS,
    /// Europe.
    EUR,
}

impl RegionCode {
    /// Every region, in code order.
    pub const ALL: [RegionCode; 6] = [
        RegionCode::AFR,
        RegionCode::AMS,
        RegionCode::ARB,
        RegionCode::ASP,
        RegionCode::CIS,
        RegionCode::EUR,
    ];

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        match self {
            RegionCode::AFR => "AFR",
            RegionCode::AMS => "AMS",
            RegionCode::ARB => "ARB",
            RegionCode::ASP => "ASP",
            RegionCode::CIS => "CIS",
            RegionCode::EUR => "EUR",
        }
    }

    /// The region's name as ITU writes it.
    pub fn name(self) -> &'static str {
        match self {
            RegionCode::AFR => "Africa",
            RegionCode::AMS => "Americas",
            RegionCode::ARB => "Arab States",
            RegionCode::ASP => "Asia-Pacific",
            RegionCode::CIS => "CIS",
            RegionCode::EUR => "Europe",
        }
    }

    /// The region whose ITU name is `name` (as the reference data spells it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for RegionCode {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| {
                FieldError::said(
                    "",
                    Phrase::new(
                        "region-unknown",
                        format!(
                            "unknown region '{s}': expected one of AFR, AMS, ARB, ASP, CIS, EUR"
                        ),
                    )
                    .text("value", s),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for r in RegionCode::ALL {
            assert_eq!(r.code().parse::<RegionCode>().unwrap(), r);
            assert_eq!(RegionCode::from_name(r.name()), Some(r));
        }
        assert!("EU"
            .parse::<RegionCode>()
            .unwrap_err()
            .message
            .contains("'EU'"));
    }
}
