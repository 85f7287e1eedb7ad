//! Arbitrary bytes into `tandem_ical::parse`, and every calendar that parses expanded in
//! zones with DST gaps, date-line jumps and half-hour offsets: nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_core::{Interval, Zone};

fuzz_target!(|data: &[u8]| {
    let Ok(calendar) = tandem_ical::parse(data) else {
        return;
    };
    let (Ok(start), Ok(end)) = (
        "2024-01-01T00:00:00Z".parse(),
        "2025-01-01T00:00:00Z".parse(),
    ) else {
        return;
    };
    let Ok(range) = Interval::new(start, end) else {
        return;
    };
    for name in ["Europe/Zurich", "Pacific/Apia", "Australia/Lord_Howe"] {
        if let Ok(zone) = Zone::parse(name) {
            let _ = calendar.busy(zone, range);
            let _ = calendar.occurrences(zone, range);
        }
    }
    let _ = (
        calendar.event_count(),
        calendar.name(),
        calendar.refresh_interval(),
    );
});
