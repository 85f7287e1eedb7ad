//! Co-location (DESIGN §5): the candidate dates for an event held alongside an anchor event
//! at the anchor's venue — before it, after it, or during it in a parallel room — on the
//! venue's working days, and the order in which candidates are offered.
//!
//! The generator is pure; the server adds rooms, attendees (through the window engine) and
//! the clashes each candidate would cause (through [`crate::clash`]), then ranks them with
//! [`CandidateRank`].

use std::cmp::{Ordering, Reverse};
use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::clash::WorkingDays;
use crate::time::{check_local, Interval, LocalTimeOfDay, Zone};

/// How far from the anchor the generator looks, in calendar days, whatever `max_gap_days`.
pub const MAX_SCAN_DAYS: i64 = 120;
/// Longest co-located event in working days.
pub const MAX_DAYS: u32 = 31;

/// Where a candidate lies relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Ends before the anchor starts.
    Before,
    /// Starts after the anchor ends.
    After,
    /// In a parallel room on the anchor's days.
    During,
}

impl Placement {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Before => "before",
            Placement::After => "after",
            Placement::During => "during",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "before" => Some(Placement::Before),
            "after" => Some(Placement::After),
            "during" => Some(Placement::During),
            _ => None,
        }
    }
}

impl fmt::Display for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How long the co-located event lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    /// Consecutive working days at the venue, each within the daily hours.
    Days(u32),
    /// Minutes on one working day, within the daily hours.
    Minutes(u32),
}

/// What the generator needs: the venue, the anchor's local dates there, and the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColocationPlan {
    /// The venue's zone.
    pub zone: Zone,
    /// The venue's working days.
    pub working_days: WorkingDays,
    /// First local date of the anchor at the venue.
    pub anchor_first: NaiveDate,
    /// Last local date of the anchor at the venue.
    pub anchor_last: NaiveDate,
    /// Length of the event to place.
    pub length: Length,
    /// Daily start at the venue.
    pub daily_start: LocalTimeOfDay,
    /// Daily end at the venue.
    pub daily_end: LocalTimeOfDay,
    /// Which placements to consider.
    pub placements: Vec<Placement>,
    /// Most working days between the candidate and the anchor.
    pub max_gap_days: u32,
    /// Distance between candidate starts for lengths in minutes.
    pub step_minutes: u32,
}

/// One candidate's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Before, after or during.
    pub placement: Placement,
    /// Working days between the slot and the anchor (0 for `during`).
    pub gap_days: u32,
    /// Local start at the venue.
    pub local_start: NaiveDateTime,
    /// Local end at the venue.
    pub local_end: NaiveDateTime,
    /// The same as instants.
    pub at: Interval,
}

impl ColocationPlan {
    fn slot(
        &self,
        placement: Placement,
        gap: u32,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Option<Slot> {
        self.timed_slot(
            placement,
            gap,
            self.daily_start.on(first),
            self.daily_end.on(last),
        )
    }

    fn timed_slot(
        &self,
        placement: Placement,
        gap_days: u32,
        local_start: NaiveDateTime,
        local_end: NaiveDateTime,
    ) -> Option<Slot> {
        // A candidate outside the dates of DESIGN §2 could not be created.
        check_local(local_start).ok()?;
        check_local(local_end).ok()?;
        let at = Interval::new(self.zone.resolve(local_start), self.zone.resolve(local_end))
            .filter(|i| !i.is_empty())?;
        Some(Slot {
            placement,
            gap_days,
            local_start,
            local_end,
            at,
        })
    }

    /// True when every date of `first..=last` is a working day.
    fn all_working(&self, first: NaiveDate, last: NaiveDate) -> bool {
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .all(|d| self.working_days.is_working(d))
    }

    /// Working dates on one side of the anchor, nearest first, with their gap, up to
    /// `max_gap_days`.
    fn dates_beside(&self, placement: Placement) -> Vec<(NaiveDate, u32)> {
        let mut out = Vec::new();
        for k in 1..=MAX_SCAN_DAYS {
            let date = match placement {
                Placement::Before => self.anchor_first - Duration::days(k),
                Placement::After => self.anchor_last + Duration::days(k),
                Placement::During => return out,
            };
            let gap = match placement {
                Placement::Before => self
                    .working_days
                    .working_days_between(date, self.anchor_first),
                _ => self
                    .working_days
                    .working_days_between(self.anchor_last, date),
            };
            if gap > self.max_gap_days {
                break;
            }
            out.push((date, gap));
        }
        out
    }

    /// Every candidate slot, placement by placement, nearest to the anchor first.
    pub fn slots(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for &placement in &self.placements {
            match (self.length, placement) {
                (Length::Days(n), Placement::During) => {
                    let n = i64::from(n.max(1));
                    let mut first = self.anchor_first;
                    while first + Duration::days(n - 1) <= self.anchor_last {
                        let last = first + Duration::days(n - 1);
                        if self.all_working(first, last) {
                            out.extend(self.slot(placement, 0, first, last));
                        }
                        first += Duration::days(1);
                    }
                }
                (Length::Days(n), side) => {
                    let span = Duration::days(i64::from(n.max(1)) - 1);
                    for (date, gap) in self.dates_beside(side) {
                        let (first, last) = match side {
                            Placement::Before => (date - span, date),
                            _ => (date, date + span),
                        };
                        if self.all_working(first, last) {
                            out.extend(self.slot(side, gap, first, last));
                        }
                    }
                }
                (Length::Minutes(m), _) => {
                    let dates: Vec<(NaiveDate, u32)> = if placement == Placement::During {
                        self.anchor_first
                            .iter_days()
                            .take_while(|d| *d <= self.anchor_last)
                            .map(|d| (d, 0))
                            .collect()
                    } else {
                        self.dates_beside(placement)
                    };
                    let step = i64::from(self.step_minutes.max(1));
                    let length = i64::from(m);
                    for (date, gap) in dates {
                        if !self.working_days.is_working(date) {
                            continue;
                        }
                        let mut start = i64::from(self.daily_start.minutes());
                        while start + length <= i64::from(self.daily_end.minutes()) {
                            let from =
                                date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(start);
                            out.extend(self.timed_slot(
                                placement,
                                gap,
                                from,
                                from + Duration::minutes(length),
                            ));
                            start += step;
                        }
                    }
                }
            }
        }
        out
    }
}

/// What orders candidates (DESIGN §5): no hard clash first, then fewer soft clashes, then
/// a smaller gap to the anchor, then more attendees, then earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CandidateRank {
    /// Hard clashes the candidate would cause.
    pub hard: usize,
    /// Soft clashes it would cause.
    pub soft: usize,
    /// Working days between it and the anchor.
    pub gap_days: u32,
    /// Attendees available.
    pub attendees: usize,
    /// When it starts.
    pub start: chrono::DateTime<chrono::Utc>,
}

impl CandidateRank {
    #[allow(clippy::type_complexity)]
    fn key(
        &self,
    ) -> (
        bool,
        usize,
        u32,
        Reverse<usize>,
        chrono::DateTime<chrono::Utc>,
    ) {
        (
            self.hard > 0,
            self.soft,
            self.gap_days,
            Reverse(self.attendees),
            self.start,
        )
    }
}

impl Ord for CandidateRank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for CandidateRank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weekday::WeekdaySet;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan(weekend: WeekdaySet, holidays: &[&str], length: Length) -> ColocationPlan {
        ColocationPlan {
            zone: Zone::parse("Africa/Douala").unwrap(),
            working_days: WorkingDays::new(weekend, holidays.iter().map(|h| d(h))),
            // Wed 10 – Thu 11 March 2027.
            anchor_first: d("2027-03-10"),
            anchor_last: d("2027-03-11"),
            length,
            daily_start: LocalTimeOfDay::parse("09:00").unwrap(),
            daily_end: LocalTimeOfDay::parse("17:00").unwrap(),
            placements: vec![Placement::Before, Placement::After, Placement::During],
            max_gap_days: 2,
            step_minutes: 60,
        }
    }

    #[test]
    fn two_days_before_skip_a_holiday_and_the_weekend() {
        // Tue 9 March is a holiday: Mon 8 alone is too short, so the nearest two days
        // before are Thu 4 – Fri 5 with one working day (Mon 8) between.
        let p = plan(WeekdaySet::SAT_SUN, &["2027-03-09"], Length::Days(2));
        let before: Vec<_> = p
            .slots()
            .into_iter()
            .filter(|s| s.placement == Placement::Before)
            .collect();
        assert_eq!(before[0].local_start.date(), d("2027-03-04"));
        assert_eq!(before[0].local_end.date(), d("2027-03-05"));
        assert_eq!(before[0].gap_days, 1);
        let during: Vec<_> = p
            .slots()
            .into_iter()
            .filter(|s| s.placement == Placement::During)
            .collect();
        assert_eq!(during.len(), 1);
        assert_eq!(during[0].at.start.to_rfc3339(), "2027-03-10T08:00:00+00:00");
    }

    #[test]
    fn minutes_fit_inside_daily_hours() {
        let mut p = plan(WeekdaySet::SAT_SUN, &[], Length::Minutes(180));
        p.placements = vec![Placement::During];
        let slots = p.slots();
        // 09:00, 10:00, …, 14:00 on each of two days.
        assert_eq!(slots.len(), 12);
        assert!(slots
            .iter()
            .all(|s| s.local_end.time() <= chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap()));
    }

    #[test]
    fn no_candidate_lies_after_the_last_accepted_date() {
        // An anchor on Tue 29 – Wed 30 December 2099: only Thu 31 is left after it.
        let mut p = plan(WeekdaySet::SAT_SUN, &[], Length::Days(1));
        p.anchor_first = d("2099-12-29");
        p.anchor_last = d("2099-12-30");
        p.placements = vec![Placement::After];
        let slots = p.slots();
        assert_eq!(slots.len(), 1);
        assert_eq!(slots[0].local_start.date(), d("2099-12-31"));
        p.length = Length::Days(2);
        assert!(p.slots().is_empty());
    }

    #[test]
    fn ranking_follows_design() {
        let t = |h: i64| chrono::DateTime::UNIX_EPOCH + Duration::hours(h);
        let r = |hard, soft, gap_days, attendees, h| CandidateRank {
            hard,
            soft,
            gap_days,
            attendees,
            start: t(h),
        };
        let mut list = vec![
            r(1, 0, 0, 9, 0),
            r(0, 2, 0, 9, 0),
            r(0, 1, 3, 9, 0),
            r(0, 1, 1, 5, 0),
            r(0, 1, 1, 7, 9),
            r(0, 1, 1, 7, 8),
        ];
        list.sort();
        assert_eq!(
            list,
            vec![
                r(0, 1, 1, 7, 8),
                r(0, 1, 1, 7, 9),
                r(0, 1, 1, 5, 0),
                r(0, 1, 3, 9, 0),
                r(0, 2, 0, 9, 0),
                r(1, 0, 0, 9, 0),
            ]
        );
    }

    proptest! {
        /// Every candidate day is a working day at the venue, its gap is at most
        /// `max_gap_days`, and it lies on the side of the anchor its placement names.
        #[test]
        fn slots_respect_working_days_gap_and_side(
            weekend in prop::sample::select(vec![WeekdaySet::SAT_SUN, WeekdaySet::FRI_SAT]),
            holidays in prop::collection::vec(0i64..40, 0..8),
            days in 1u32..4,
            gap in 0u32..5,
        ) {
            let base = d("2027-02-20");
            let hol: Vec<String> = holidays.iter().map(|k| (base + Duration::days(*k)).to_string()).collect();
            let hol: Vec<&str> = hol.iter().map(String::as_str).collect();
            let mut p = plan(weekend, &hol, Length::Days(days));
            p.max_gap_days = gap;
            for s in p.slots() {
                let first = s.local_start.date();
                let last = s.local_end.date();
                prop_assert_eq!((last - first).num_days() + 1, i64::from(days));
                for day in first.iter_days().take_while(|x| *x <= last) {
                    prop_assert!(p.working_days.is_working(day));
                }
                prop_assert!(s.gap_days <= gap);
                match s.placement {
                    Placement::Before => prop_assert!(last < p.anchor_first),
                    Placement::After => prop_assert!(first > p.anchor_last),
                    Placement::During => prop_assert!(first >= p.anchor_first && last <= p.anchor_last),
                }
            }
        }
    }
}
