//! Venues and their rooms.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::event::Title;
use crate::phrase::Phrase;
use crate::time::Zone;
use crate::validation::{FieldError, FieldErrors};
use crate::weekday::WeekdaySet;

/// Largest room capacity accepted.
pub const MAX_ROOM_CAPACITY: u32 = 100_000;
/// Most rooms one venue may list.
pub const MAX_ROOMS: usize = 200;

/// An ISO 3166-1 alpha-2 country code, such as `CM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Accepts two ASCII letters, upper-casing them.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        match *text.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(FieldError::said(
                "",
                Phrase::new(
                    "venue-country-invalid",
                    format!(
                        "invalid country '{text}': expected an ISO 3166-1 alpha-2 code such as 'CM'"
                    ),
                )
                .text("value", text),
            )),
        }
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A room to be created with its venue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomDraft {
    /// Its name, unique within the venue.
    pub name: Title,
    /// How many people it seats.
    pub capacity: u32,
}

impl RoomDraft {
    /// Checks the name and that the capacity is between 1 and [`MAX_ROOM_CAPACITY`].
    pub fn new(name: &str, capacity: i64) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take(Title::parse_with_max(name, 100).map_err(|e| e.under("name")));
        let capacity = errors.take(
            u32::try_from(capacity)
                .ok()
                .filter(|c| (1..=MAX_ROOM_CAPACITY).contains(c))
                .ok_or_else(|| {
                    FieldError::said(
                        "capacity",
                        Phrase::new(
                            "venue-room-capacity",
                            format!("must be between 1 and {MAX_ROOM_CAPACITY}"),
                        )
                        .number("max", MAX_ROOM_CAPACITY),
                    )
                }),
        );
        match (name, capacity) {
            (Some(name), Some(capacity)) if errors.is_empty() => Ok(Self { name, capacity }),
            _ => Err(errors),
        }
    }
}

/// A point on the earth (WGS 84), for the feeds' GEO property.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoPoint {
    /// Latitude in degrees, −90 to 90.
    pub lat: f64,
    /// Longitude in degrees, −180 to 180.
    pub lon: f64,
}

impl GeoPoint {
    /// Checks the ranges.
    pub fn new(lat: f64, lon: f64) -> Result<Self, FieldError> {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err(FieldError::said(
                "lat",
                Phrase::new("venue-latitude", "latitude must be between -90 and 90"),
            ));
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            return Err(FieldError::said(
                "lon",
                Phrase::new("venue-longitude", "longitude must be between -180 and 180"),
            ));
        }
        Ok(Self { lat, lon })
    }
}

/// A validated venue, ready to be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct VenueDraft {
    /// What it is called.
    pub name: Title,
    /// The city it is in.
    pub city: Title,
    /// The country it is in.
    pub country: CountryCode,
    /// Its time zone.
    pub tz: Zone,
    /// The days it is closed every week.
    pub weekend: WeekdaySet,
    /// The holiday calendar it observes (a code under `config/holidays`).
    pub holiday_calendar: Option<String>,
    /// Its rooms.
    pub rooms: Vec<RoomDraft>,
    /// Where it is.
    pub geo: Option<GeoPoint>,
}

impl VenueDraft {
    /// Checks that room names are unique and that the weekend leaves a working day.
    pub fn check(self) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.weekend.is_full() {
            errors.push(FieldError::said(
                "weekend",
                Phrase::new(
                    "venue-no-working-day",
                    "a venue needs at least one working day",
                ),
            ));
        }
        if self.rooms.len() > MAX_ROOMS {
            errors.push(FieldError::said(
                "rooms",
                Phrase::new("venue-too-many-rooms", format!("at most {MAX_ROOMS} rooms"))
                    .count("max", MAX_ROOMS),
            ));
        }
        for (i, room) in self.rooms.iter().enumerate() {
            if self
                .rooms
                .iter()
                .take(i)
                .any(|r| r.name.as_str().eq_ignore_ascii_case(room.name.as_str()))
            {
                errors.push(FieldError::said(
                    format!("rooms[{i}].name"),
                    Phrase::new(
                        "venue-room-twice",
                        format!("room '{}' is listed twice", room.name),
                    )
                    .text("room", room.name.as_str()),
                ));
            }
        }
        errors.finish(|| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(CountryCode::parse("cm").unwrap().as_str(), "CM");
        assert!(CountryCode::parse("CMR").is_err());
        assert!(CountryCode::parse("C1").is_err());
    }

    #[test]
    fn rooms_are_checked() {
        assert!(RoomDraft::new("Salle A", 120).is_ok());
        let e = RoomDraft::new("", 0).unwrap_err();
        let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "capacity"]);
    }
}
