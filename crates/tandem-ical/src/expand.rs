//! Expansion of a series into occurrences inside a range.
//!
//! Semantics (README, "Expansion rules"):
//! - DTSTART is the first instance (even when it does not match the RRULE), unless every
//!   RRULE ends (UNTIL) before it; then the RRULEs (several are merged), the RDATEs
//!   (DATE, DATE-TIME, PERIOD); one instance per start;
//! - EXDATE removes the instance with that start; `EXDATE;VALUE=DATE` removes every
//!   instance starting on that local date (of the series' zone), timed ones included;
//!   an EXDATE that hits an overridden instance removes the override as well;
//! - an override (RECURRENCE-ID) replaces the instance; of duplicates, the highest
//!   SEQUENCE (then the later one) wins and is emitted once; an override matching no
//!   instance is still an occurrence; RANGE=THISANDFUTURE moves every later instance by
//!   the override's wall-clock shift and gives it the override's length and properties;
//! - a timed instance starts at its wall-clock time in its zone (gap/overlap per RFC 5545)
//!   and lasts the exact DTEND − DTSTART, or DURATION (days on the wall clock, hours
//!   exact), or nothing; an all-day instance spans the owner's local days;
//! - DTEND before DTSTART (invalid, seen from SabreDAV) is read as the two swapped.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use tandem_core::{Interval, Zone};

use crate::model::{EndSpec, EventData, Series, When};
use crate::rules::RuleSpec;
use crate::value::RawDate;
use crate::zones::{Clock, ZoneRef};

/// Most instances one RRULE yields in one expansion (a daily rule for 500 years).
const MAX_RULE_INSTANCES: usize = 200_000;

/// Most RRULE instances one call of `occurrences`/`busy` generates over all series, so
/// that a small hostile file (a thousand SECONDLY rules) cannot take minutes.
pub(crate) const MAX_INSTANCES_PER_CALL: usize = 2_000_000;

/// Identity of an instance: its start instant, or its date for all-day series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Day(NaiveDate),
    Instant(i64),
}

/// Receives each occurrence: the event it comes from (master or override), its start
/// and end (ordered), and whether it is all-day.
pub(crate) type Sink<'s> = dyn FnMut(&EventData, DateTime<Utc>, DateTime<Utc>, bool) + 's;

/// Expands one series into `out`, keeping what overlaps `range`.
///
/// `budget` is the number of RRULE instances still allowed in this call; it is consumed.
pub(crate) fn expand(
    series: &Series,
    owner: Zone,
    range: Interval,
    budget: &mut usize,
    out: &mut Sink<'_>,
) {
    let owner_clock = Clock::Iana(owner);
    let emitter = Emitter {
        owner: &owner_clock,
        range,
    };
    let Some(master) = &series.master else {
        for (_, chosen) in dedup_overrides(&series.overrides, |o| own_key(o, &owner_clock)).iter() {
            emitter.single(chosen, out);
        }
        return;
    };
    let expansion = Expansion::new(master, &owner_clock, range);
    let overrides = dedup_overrides(&series.overrides, |o| expansion.override_key(o));
    let mut this_and_future: Vec<(Key, &EventData)> = overrides
        .iter()
        .filter(|(key, o)| {
            o.recurrence_id.as_ref().is_some_and(|(_, future)| *future) && !expansion.excluded(*key)
        })
        .map(|(key, o)| (*key, *o))
        .collect();
    this_and_future.sort_by_key(|(key, _)| *key);

    for instance in expansion.instances(&this_and_future, budget) {
        if expansion.excluded_instance(&instance)
            || overrides.contains_key(&instance.key)
            || overrides.contains_key(&Key::Day(instance.local.date()))
        {
            continue;
        }
        let rule_of = this_and_future
            .iter()
            .rev()
            .find(|(key, _)| *key < instance.key)
            .map(|(key, o)| (*key, *o));
        match rule_of {
            Some((key, modifier)) => expansion.emit_moved(&emitter, &instance, key, modifier, out),
            None => expansion.emit_instance(&emitter, &instance, out),
        }
    }
    for (key, chosen) in overrides.iter() {
        if !expansion.excluded(*key) {
            emitter.single(chosen, out);
        }
    }
}

/// Overrides by recurrence, sorted by key.
struct Overrides<'a>(Vec<(Key, &'a EventData)>);

impl<'a> Overrides<'a> {
    fn get(&self, key: &Key) -> Option<&'a EventData> {
        self.0
            .binary_search_by_key(key, |(k, _)| *k)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, event)| *event)
    }

    fn contains_key(&self, key: &Key) -> bool {
        self.get(key).is_some()
    }

    fn iter(&self) -> impl Iterator<Item = &(Key, &'a EventData)> {
        self.0.iter()
    }
}

/// Keeps one override per recurrence: the highest SEQUENCE, then the later in the file.
fn dedup_overrides(overrides: &[EventData], key: impl Fn(&EventData) -> Key) -> Overrides<'_> {
    let mut all: Vec<(Key, &EventData)> = overrides.iter().map(|o| (key(o), o)).collect();
    all.sort_by_key(|(k, o)| (*k, o.sequence, o.order));
    // Within one key the last is the newest.
    let mut chosen: Vec<(Key, &EventData)> = Vec::with_capacity(all.len());
    for (k, o) in all {
        match chosen.last_mut() {
            Some(last) if last.0 == k => *last = (k, o),
            _ => chosen.push((k, o)),
        }
    }
    Overrides(chosen)
}

/// Key of an orphan override, by its own recurrence id.
fn own_key(o: &EventData, owner: &Clock) -> Key {
    let floating = floating_clock(o, owner);
    let when = o.recurrence_id.as_ref().map_or(&o.start, |(rid, _)| rid);
    match when {
        When::Date(d) => Key::Day(*d),
        When::DateTime { .. } => Key::Instant(instant_of(when, &floating, owner).timestamp()),
    }
}

/// The clock floating times of this event are read on.
fn floating_clock(event: &EventData, owner: &Clock) -> Clock {
    event
        .calendar_zone
        .as_ref()
        .map_or_else(|| owner.clone(), |zone| zone.clock(owner))
}

/// The clock of an event's start (the owner's for a DATE).
fn start_clock(event: &EventData, owner: &Clock) -> Clock {
    let floating = floating_clock(event, owner);
    match &event.start {
        When::DateTime { zone, .. } => zone.clock(&floating),
        When::Date(_) => owner.clone(),
    }
}

/// The instant of a value; floating values on `default` (the clock of the event's
/// start), DATEs at the owner's midnight.
fn instant_of(when: &When, default: &Clock, owner: &Clock) -> DateTime<Utc> {
    match when {
        When::Date(d) => owner.resolve(midnight(*d)),
        When::DateTime {
            local,
            zone: ZoneRef::Floating,
        } => default.resolve(*local),
        When::DateTime { local, zone } => zone.clock(default).resolve(*local),
    }
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

/// Whole days an all-day event lasts.
fn days_of(start: NaiveDate, end: &EndSpec) -> i64 {
    match end {
        EndSpec::None => 1,
        EndSpec::At(When::Date(e)) => (*e - start).num_days(),
        EndSpec::At(When::DateTime { local, .. }) => {
            let extra = i64::from(local.time() != NaiveTime::MIN);
            (local.date() - start).num_days() + extra
        }
        EndSpec::Duration(d) => {
            let partial = if d.seconds > 0 {
                (d.seconds + 86_399) / 86_400
            } else {
                d.seconds / 86_400
            };
            d.days + partial
        }
    }
}

fn ordered(a: DateTime<Utc>, b: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    if b < a {
        (b, a)
    } else {
        (a, b)
    }
}

/// End of a timed instance starting at `start` (local `local` on `clock`) of an event
/// whose own DTSTART is at `event_start`.
fn end_of(
    end: &EndSpec,
    start: DateTime<Utc>,
    local: NaiveDateTime,
    clock: &Clock,
    event_start: DateTime<Utc>,
    owner: &Clock,
) -> DateTime<Utc> {
    match end {
        EndSpec::None => start,
        EndSpec::At(at) => {
            let exact = instant_of(at, clock, owner) - event_start;
            start.checked_add_signed(exact).unwrap_or(start)
        }
        EndSpec::Duration(d) => {
            let base = if d.days == 0 {
                start
            } else {
                local
                    .checked_add_signed(d.nominal())
                    .map_or(start, |l| clock.resolve(l))
            };
            base.checked_add_signed(d.exact()).unwrap_or(base)
        }
    }
}

/// Pushes occurrences that overlap the range.
struct Emitter<'a> {
    owner: &'a Clock,
    range: Interval,
}

impl Emitter<'_> {
    fn push(
        &self,
        event: &EventData,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        all_day: bool,
        out: &mut Sink<'_>,
    ) {
        let (start, end) = ordered(start, end);
        let inside = start < self.range.end
            && (end > self.range.start || (start == end && start >= self.range.start));
        if inside {
            out(event, start, end, all_day);
        }
    }

    /// An event on its own DTSTART/DTEND (a single event or an override).
    fn single(&self, event: &EventData, out: &mut Sink<'_>) {
        match &event.start {
            When::Date(d) => {
                let span = day_span(*d, days_of(*d, &event.end), self.owner);
                self.push(event, span, true, out);
            }
            When::DateTime { local, .. } => {
                let clock = start_clock(event, self.owner);
                let start = instant_of(&event.start, &clock, self.owner);
                let end = end_of(&event.end, start, *local, &clock, start, self.owner);
                self.push(event, (start, end), false, out);
            }
        }
    }
}

fn day_span(d: NaiveDate, days: i64, owner: &Clock) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = owner.resolve(midnight(d));
    let end = d
        .checked_add_signed(Duration::days(days))
        .map_or(start, |e| owner.resolve(midnight(e)));
    (start, end)
}

/// One candidate instance of a master.
struct Instance {
    key: Key,
    /// Start instant (for all-day: the owner's midnight).
    start: DateTime<Utc>,
    /// Wall-clock start on the series' clock (for all-day: midnight of the date).
    local: NaiveDateTime,
    /// The end an RDATE PERIOD gives it.
    period_end: Option<EndSpec>,
}

/// A master, ready to expand for one owner.
struct Expansion<'a> {
    master: &'a EventData,
    owner: &'a Clock,
    clock: Clock,
    all_day: bool,
    first: NaiveDateTime,
    first_instant: DateTime<Utc>,
    range: Interval,
    /// Sorted.
    excluded_instants: Vec<i64>,
    /// Sorted.
    excluded_days: Vec<NaiveDate>,
    /// Exact length of the master (DTEND − DTSTART), for its instances.
    length: Duration,
}

impl<'a> Expansion<'a> {
    fn new(master: &'a EventData, owner: &'a Clock, range: Interval) -> Self {
        let clock = start_clock(master, owner);
        let (all_day, first) = match &master.start {
            When::Date(d) => (true, midnight(*d)),
            When::DateTime { local, .. } => (false, *local),
        };
        let first_instant = clock.resolve(first);
        let mut excluded_instants = Vec::new();
        let mut excluded_days = Vec::new();
        for exdate in &master.exdates {
            match exdate {
                When::Date(d) => excluded_days.push(*d),
                When::DateTime { .. } if all_day => excluded_days.push(exdate.written_date()),
                When::DateTime { .. } => {
                    excluded_instants.push(instant_of(exdate, &clock, owner).timestamp());
                }
            }
        }
        excluded_instants.sort_unstable();
        excluded_days.sort_unstable();
        let mut expansion = Self {
            master,
            owner,
            clock,
            all_day,
            first,
            first_instant,
            range,
            excluded_instants,
            excluded_days,
            length: Duration::zero(),
        };
        expansion.length = expansion.length(master);
        expansion
    }

    /// The key an override's RECURRENCE-ID refers to in this series.
    fn override_key(&self, o: &EventData) -> Key {
        let rid = o.recurrence_id.as_ref().map_or(&o.start, |(rid, _)| rid);
        match rid {
            When::Date(d) => Key::Day(*d),
            When::DateTime { .. } if self.all_day => Key::Day(rid.written_date()),
            When::DateTime { .. } => {
                Key::Instant(instant_of(rid, &self.clock, self.owner).timestamp())
            }
        }
    }

    /// Whether an EXDATE removes the recurrence `key` (used for overrides).
    fn excluded(&self, key: Key) -> bool {
        match key {
            Key::Day(d) => self.excluded_days.binary_search(&d).is_ok(),
            Key::Instant(t) => self.excluded_instants.binary_search(&t).is_ok(),
        }
    }

    fn excluded_instance(&self, instance: &Instance) -> bool {
        self.excluded(instance.key)
            || self
                .excluded_days
                .binary_search(&instance.local.date())
                .is_ok()
    }

    fn key_of(&self, start: DateTime<Utc>, local: NaiveDateTime) -> Key {
        if self.all_day {
            Key::Day(local.date())
        } else {
            Key::Instant(start.timestamp())
        }
    }

    /// The wall-clock UNTIL of a rule on this series' clock.
    fn until(&self, rule: &RuleSpec) -> Option<NaiveDateTime> {
        let end_of_day = |d: NaiveDate| d.and_hms_opt(23, 59, 59);
        match rule.until? {
            RawDate::Date(d) => end_of_day(d),
            // All-day series: the date of UNTIL, whatever its type (Google and Exchange
            // write UTC date-times there).
            RawDate::DateTime { local, .. } if self.all_day => end_of_day(local.date()),
            RawDate::DateTime { local, utc: true } => Some(self.clock.local(local.and_utc())),
            RawDate::DateTime { local, utc: false } => Some(local),
        }
    }

    /// Every candidate instance up to a bound past the range end, in no particular order,
    /// one per key.
    fn instances(
        &self,
        this_and_future: &[(Key, &EventData)],
        budget: &mut usize,
    ) -> Vec<Instance> {
        // Instances starting a little after the range may still reach into it: moved back
        // by a THISANDFUTURE override, or carrying an inverted (swapped) end.
        let mut reach_back = Duration::zero();
        for (key, o) in this_and_future {
            if let Key::Instant(t) = key {
                let moved = instant_of(&o.start, &start_clock(o, self.owner), self.owner);
                reach_back = reach_back.max(Duration::seconds(t - moved.timestamp()));
            } else if let (When::Date(to), Key::Day(from)) = (&o.start, key) {
                reach_back = reach_back.max(*from - *to);
            }
        }
        let length = self.length;
        reach_back = reach_back.max(-length);
        let stop = self
            .range
            .end
            .naive_utc()
            .checked_add_signed(Duration::days(2) + reach_back)
            .unwrap_or(NaiveDateTime::MAX);
        // Instances starting well before the range cannot reach into it, unless long or
        // moved forward by a THISANDFUTURE override.
        let mut reach_forward = length.max(Duration::zero());
        for (key, o) in this_and_future {
            let shift = match (key, &o.start) {
                (Key::Instant(t), When::DateTime { .. }) => {
                    instant_of(&o.start, &start_clock(o, self.owner), self.owner).timestamp() - t
                }
                (Key::Day(from), When::Date(to)) => (*to - *from).num_seconds(),
                _ => 0,
            };
            reach_forward = reach_forward.max(Duration::seconds(shift) + self.length(o));
        }
        let from = self
            .range
            .start
            .naive_utc()
            .checked_sub_signed(Duration::days(2) + reach_forward)
            .unwrap_or(NaiveDateTime::MIN);

        let mut out = Vec::new();
        let mut add = |start: DateTime<Utc>, local: NaiveDateTime, period_end: Option<EndSpec>| {
            out.push(Instance {
                key: self.key_of(start, local),
                start,
                local,
                period_end,
            });
        };

        let untils: Vec<Option<NaiveDateTime>> =
            self.master.rules.iter().map(|r| self.until(r)).collect();
        let ends_before_start =
            !untils.is_empty() && untils.iter().all(|u| u.is_some_and(|u| u < self.first));
        if !ends_before_start {
            add(self.first_instant, self.first, None);
        }
        for (rule, until) in self.master.rules.iter().zip(untils) {
            let starts = rule.wall_clock(
                self.first,
                until,
                from,
                stop,
                MAX_RULE_INSTANCES.min(*budget),
            );
            *budget = budget.saturating_sub(starts.len());
            for local in starts {
                let start = if self.all_day {
                    self.owner.resolve(local)
                } else {
                    self.clock.resolve(local)
                };
                add(start, local, None);
            }
        }
        for rdate in &self.master.rdates {
            let (start, local) = if self.all_day {
                let day = midnight(rdate.start.written_date());
                (self.owner.resolve(day), day)
            } else {
                let start = instant_of(&rdate.start, &self.clock, self.owner);
                (start, self.clock.local(start))
            };
            add(start, local, rdate.end.clone());
        }
        // One instance per start: DTSTART usually repeats the rule's first, and RDATEs
        // may repeat anything (the first given wins, DTSTART and rules before RDATEs).
        out.sort_by_key(|i| i.key);
        out.dedup_by_key(|i| i.key);
        out
    }

    /// How long an event lasts (negative when its end is before its start).
    fn length(&self, event: &EventData) -> Duration {
        match (&event.start, &event.end) {
            (When::Date(d), end) => Duration::days(days_of(*d, end).clamp(-1_000_000, 1_000_000)),
            (When::DateTime { .. }, EndSpec::None) => Duration::zero(),
            (When::DateTime { .. }, EndSpec::Duration(d)) => d.total(),
            (When::DateTime { .. }, EndSpec::At(at)) => {
                let clock = start_clock(event, self.owner);
                instant_of(at, &clock, self.owner) - instant_of(&event.start, &clock, self.owner)
            }
        }
    }

    /// Emits an instance of the master as it is.
    fn emit_instance(&self, emitter: &Emitter<'_>, instance: &Instance, out: &mut Sink<'_>) {
        let end = instance.period_end.as_ref().unwrap_or(&self.master.end);
        if self.all_day {
            let day = instance.local.date();
            let from = if instance.period_end.is_some() {
                day
            } else {
                self.first.date()
            };
            let span = day_span(day, days_of(from, end), self.owner);
            emitter.push(self.master, span, true, out);
        } else {
            let finish = match (&instance.period_end, end) {
                (None, EndSpec::At(_)) => instance
                    .start
                    .checked_add_signed(self.length)
                    .unwrap_or(instance.start),
                (period, _) => end_of(
                    end,
                    instance.start,
                    instance.local,
                    &self.clock,
                    if period.is_some() {
                        instance.start
                    } else {
                        self.first_instant
                    },
                    self.owner,
                ),
            };
            emitter.push(self.master, (instance.start, finish), false, out);
        }
    }

    /// Emits an instance moved by a RANGE=THISANDFUTURE override.
    fn emit_moved(
        &self,
        emitter: &Emitter<'_>,
        instance: &Instance,
        key: Key,
        modifier: &EventData,
        out: &mut Sink<'_>,
    ) {
        match (&modifier.start, key) {
            (When::Date(to), Key::Day(from)) => {
                let Some(day) = instance.local.date().checked_add_signed(*to - from) else {
                    return;
                };
                let span = day_span(day, days_of(*to, &modifier.end), self.owner);
                emitter.push(modifier, span, true, out);
            }
            (When::DateTime { .. }, Key::Instant(from)) => {
                let clock = start_clock(modifier, self.owner);
                let moved_start = instant_of(&modifier.start, &clock, self.owner);
                let from = DateTime::from_timestamp(from, 0).unwrap_or(instance.start);
                let shift = clock.local(moved_start) - clock.local(from);
                let Some(local) = clock.local(instance.start).checked_add_signed(shift) else {
                    return;
                };
                let start = clock.resolve(local);
                let end = end_of(&modifier.end, start, local, &clock, moved_start, self.owner);
                emitter.push(modifier, (start, end), false, out);
            }
            // An override of another kind (timed for an all-day series) moves nothing.
            _ => self.emit_instance(emitter, instance, out),
        }
    }
}
