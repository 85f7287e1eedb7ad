//! tandem-ical
