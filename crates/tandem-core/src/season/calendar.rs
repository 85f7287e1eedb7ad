//! Day arithmetic for the planner: local dates as small integers, and each venue's working
//! days as a table, so that "working days strictly between" (DESIGN §14's gap) is two
//! look-ups instead of a walk over the calendar.

use chrono::{Datelike, NaiveDate};

use super::model::SeasonProblem;

/// Local dates as day numbers, and each venue's working days over the span that matters.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Calendar {
    /// Day number of the first date of the table.
    origin: i32,
    /// Per venue: `working[v][i]` is true when day `origin + i` is a working day.
    #[serde(skip)]
    working: Vec<Vec<bool>>,
    /// Per venue: working days before day `origin + i` (from the origin on).
    before: Vec<Vec<u32>>,
    /// Days in the table.
    len: usize,
}

/// The day number of a date (days from the common era).
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number.
pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

impl Calendar {
    /// The table over the range and every fixed event's days (one day of margin each side).
    pub fn new(problem: &SeasonProblem) -> Self {
        let mut lo = day_number(problem.range.first);
        let mut hi = day_number(problem.range.last);
        for x in problem.existing.iter().filter(|x| x.fixed) {
            if let (Some(a), Some(b)) = (x.days.first(), x.days.last()) {
                lo = lo.min(day_number(*a));
                hi = hi.max(day_number(*b));
            }
        }
        let origin = lo - 1;
        let len = usize::try_from(hi + 2 - origin).unwrap_or(0);
        let mut working = Vec::with_capacity(problem.venues.len());
        let mut before = Vec::with_capacity(problem.venues.len());
        for venue in &problem.venues {
            let days: Vec<bool> = (0..len)
                .map(|i| {
                    venue
                        .working_days
                        .is_working(date_of(origin + i32::try_from(i).unwrap_or(0)))
                })
                .collect();
            let mut count = Vec::with_capacity(len + 1);
            let mut n = 0u32;
            count.push(0);
            for w in &days {
                n += u32::from(*w);
                count.push(n);
            }
            working.push(days);
            before.push(count);
        }
        Self {
            origin,
            working,
            before,
            len,
        }
    }

    /// Day number of the first day of the table.
    pub fn origin(&self) -> i32 {
        self.origin
    }

    /// Days in the table.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table holds no day (no venue).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn index(&self, day: i32) -> Option<usize> {
        usize::try_from(day - self.origin)
            .ok()
            .filter(|i| *i < self.len)
    }

    /// True when `day` is a working day of venue `v`.
    pub fn is_working(&self, v: usize, day: i32) -> bool {
        self.index(day)
            .and_then(|i| self.working.get(v)?.get(i).copied())
            .unwrap_or(false)
    }

    /// Working days of venue `v` strictly between days `a` and `b` (in either order).
    pub fn between(&self, v: usize, a: i32, b: i32) -> u32 {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        if to - from <= 1 {
            return 0;
        }
        // The table covers every date a gap is measured over (the range and the fixed
        // events' days); beyond it nothing is counted.
        let len = self.len;
        let clamp = |day: i32| usize::try_from(day - self.origin).unwrap_or(0).min(len);
        let Some(before) = self.before.get(v) else {
            return 0;
        };
        let count = |day: i32| before.get(clamp(day)).copied().unwrap_or(0);
        count(to).saturating_sub(count(from + 1))
    }
}
