//! Arbitrary bytes into `tandem_ical::parse`, and every calendar that parses expanded in
//! zones with DST gaps, date-line jumps and half-hour offsets: nothing may panic.
//!
//! tandem-ical runs the `rrule` crate under `catch_unwind` (it panics on some pathological
//! rules, e.g. slicing a non-ASCII BYDAY value) and turns such a panic into an error. libFuzzer's
//! panic hook would abort on those caught panics too, so the hook installed here lets panics
//! located in the `rrule` crate unwind to tandem-ical's guard and aborts on every other one.
//! A panic that escapes `parse` or `busy` still aborts: libfuzzer-sys catches it and aborts.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_core::{Interval, Zone};

fn only_guarded_panics_unwind() {
    let aborting = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_rrule = info
            .location()
            .is_some_and(|l| l.file().contains("/rrule-"));
        if !in_rrule {
            aborting(info);
        }
    }));
}

fuzz_target!(init: only_guarded_panics_unwind(), |data: &[u8]| {
    let Ok(calendar) = tandem_ical::parse(data) else {
        return;
    };
    let (Ok(start), Ok(end)) = (
        "2024-01-01T00:00:00Z".parse(),
        "2025-01-01T00:00:00Z".parse(),
    ) else {
        return;
    };
    let Some(range) = Interval::new(start, end) else {
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
