//! Hours on some weekdays in a local zone: the working and acceptable hours of DESIGN §3,
//! which the window search and the clash rules both judge by.

use chrono::Duration;

use crate::time::{Interval, LocalTimeOfDay, Zone};
use crate::weekday::WeekdaySet;

/// Hours on some weekdays, in a participant's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DailyHours {
    /// The weekdays the hours apply to.
    pub days: WeekdaySet,
    /// Local start.
    pub start: LocalTimeOfDay,
    /// Local end (after start; `24:00` allowed).
    pub end: LocalTimeOfDay,
}

impl DailyHours {
    /// The intervals these hours cover on every local date of `zone` that `range` touches,
    /// sorted; each lies within its own local day (§3.2), so they never overlap, but one
    /// day's may end where the next day's starts (the search merges those, §3.4).
    pub fn intervals(&self, zone: Zone, range: Interval) -> Vec<Interval> {
        let first = zone.local(range.start).date() - Duration::days(1);
        let last = zone.local(range.end).date() + Duration::days(1);
        let mut out = Vec::new();
        let mut day = first;
        while day <= last {
            if self.days.contains_date(day) {
                let from = zone.resolve(self.start.on(day));
                let to = zone.resolve(self.end.on(day));
                if from < to && from < range.end && range.start < to {
                    out.push(Interval {
                        start: from,
                        end: to,
                    });
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out.sort();
        out
    }
}
