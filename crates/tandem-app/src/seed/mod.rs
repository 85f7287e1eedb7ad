//! `tandem seed`: a realistic data set of any size, built from the reference data.
//!
//! Venues stand in the reference cities of every region (with their zone, the Fri–Sat weekend
//! of most Arab States, the bundled holiday calendar of their country when there is one) and
//! have two to five rooms. Events of every kind, mode and status fall on the venue's working
//! days over about two years from `from`, in the venue's local time; some sessions recur
//! weekly or monthly; some workshops are held alongside a meeting at the same venue, the day
//! before or after it (`co_located_with`); participants come from a pool of `M` people
//! living in the reference cities' zones. Confirmed bookings of a room never overlap (the
//! generator keeps a booking book per room), so the database's room guarantee holds;
//! proposed events may overlap, which gives the clash list something to show.
//!
//! The same seed, counts and `from` date give the same data, ids included (a small
//! SplitMix64 generator, independent of any crate's versioned algorithms). Events are
//! produced in batches, so a million of them never sit in memory at once.
//!
//! [`demo`] is the small hand-written data set of `tandem serve --demo`.

pub mod demo;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use tandem_core::reference::{GroupKind, ReferenceData};
use tandem_core::{
    Attendance, CountryCode, EventDraft, EventKind, EventMode, EventStatus, EventTiming,
    Participant, ParticipantId, RegionCode, RoomDraft, Title, VenueDraft, WeekdaySet, Zone,
};
use tandem_store::{SeedEvent, SeedVenue, Store};
use uuid::Uuid;

/// Days covered by the generated events.
pub const HORIZON_DAYS: i64 = 730;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SeedOptions {
    /// Number of events.
    pub events: usize,
    /// Size of the participant pool.
    pub participants: usize,
    /// The generator's seed.
    pub seed: u64,
    /// First day of the generated period.
    pub from: NaiveDate,
}

/// What a seed run stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedSummary {
    /// Venues created.
    pub venues: usize,
    /// Rooms created.
    pub rooms: usize,
    /// Events created.
    pub events: usize,
    /// Events with a recurrence rule.
    pub recurring: usize,
    /// Events held alongside another.
    pub co_located: usize,
    /// Participant rows (one per event and person).
    pub participations: usize,
}

/// SplitMix64: tiny, fast, and stable across releases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = usize::try_from(hi - lo + 1).unwrap_or(1);
        lo + i64::try_from(self.below(span)).unwrap_or(0)
    }

    /// True with probability `percent`/100.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, uniformly (`None` when there is none).
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// One of `choices`, each as likely as its weight.
    fn weighted<T: Copy>(&mut self, choices: &[(T, usize)]) -> Option<T> {
        let mut roll = self.below(choices.iter().map(|(_, w)| w).sum());
        for &(choice, weight) in choices {
            if roll < weight {
                return Some(choice);
            }
            roll -= weight;
        }
        choices.first().map(|&(choice, _)| choice)
    }
}

/// ISO 3166 codes of the countries named in the reference data.
const COUNTRIES: &[(&str, &str)] = &[
    ("Afghanistan", "AF"),
    ("Algeria", "DZ"),
    ("Angola", "AO"),
    ("Argentina", "AR"),
    ("Armenia", "AM"),
    ("Australia", "AU"),
    ("Azerbaijan", "AZ"),
    ("Bahrain", "BH"),
    ("Bangladesh", "BD"),
    ("Barbados", "BB"),
    ("Belarus", "BY"),
    ("Belgium", "BE"),
    ("Brazil", "BR"),
    ("Cabo Verde", "CV"),
    ("Cameroon", "CM"),
    ("Canada", "CA"),
    ("Chile", "CL"),
    ("China", "CN"),
    ("Colombia", "CO"),
    ("Comoros", "KM"),
    ("Congo (Republic of the)", "CG"),
    ("Cote d'Ivoire", "CI"),
    ("Cuba", "CU"),
    ("DR Congo", "CD"),
    ("Denmark", "DK"),
    ("Djibouti", "DJ"),
    ("Dominican Republic", "DO"),
    ("Egypt", "EG"),
    ("Ethiopia", "ET"),
    ("Fiji", "FJ"),
    ("Finland", "FI"),
    ("France", "FR"),
    ("Gabon", "GA"),
    ("Georgia", "GE"),
    ("Germany", "DE"),
    ("Ghana", "GH"),
    ("Greece", "GR"),
    ("Honduras", "HN"),
    ("Iceland", "IS"),
    ("India", "IN"),
    ("Indonesia", "ID"),
    ("Iran", "IR"),
    ("Iraq", "IQ"),
    ("Ireland", "IE"),
    ("Italy", "IT"),
    ("Jamaica", "JM"),
    ("Japan", "JP"),
    ("Jordan", "JO"),
    ("Kazakhstan", "KZ"),
    ("Kenya", "KE"),
    ("Kiribati", "KI"),
    ("Kuwait", "KW"),
    ("Kyrgyzstan", "KG"),
    ("Lebanon", "LB"),
    ("Libya", "LY"),
    ("Lithuania", "LT"),
    ("Malaysia", "MY"),
    ("Mauritania", "MR"),
    ("Mauritius", "MU"),
    ("Mexico", "MX"),
    ("Moldova", "MD"),
    ("Morocco", "MA"),
    ("Namibia", "NA"),
    ("Nepal", "NP"),
    ("New Zealand", "NZ"),
    ("Nigeria", "NG"),
    ("Oman", "OM"),
    ("Pakistan", "PK"),
    ("Palestine", "PS"),
    ("Panama", "PA"),
    ("Paraguay", "PY"),
    ("Peru", "PE"),
    ("Philippines", "PH"),
    ("Poland", "PL"),
    ("Portugal", "PT"),
    ("Qatar", "QA"),
    ("Republic of Korea", "KR"),
    ("Romania", "RO"),
    ("Russian Federation", "RU"),
    ("Rwanda", "RW"),
    ("Samoa", "WS"),
    ("Saudi Arabia", "SA"),
    ("Senegal", "SN"),
    ("Singapore", "SG"),
    ("Somalia", "SO"),
    ("South Africa", "ZA"),
    ("Spain", "ES"),
    ("Sri Lanka", "LK"),
    ("Sudan", "SD"),
    ("Switzerland", "CH"),
    ("Syria", "SY"),
    ("Tajikistan", "TJ"),
    ("Tanzania", "TZ"),
    ("Thailand", "TH"),
    ("Trinidad and Tobago", "TT"),
    ("Tunisia", "TN"),
    ("Turkiye", "TR"),
    ("Turkmenistan", "TM"),
    ("Uganda", "UG"),
    ("Ukraine", "UA"),
    ("United Arab Emirates", "AE"),
    ("United Kingdom", "GB"),
    ("United States", "US"),
    ("Uruguay", "UY"),
    ("Uzbekistan", "UZ"),
    ("Venezuela", "VE"),
    ("Viet Nam", "VN"),
    ("Yemen", "YE"),
    ("Zimbabwe", "ZW"),
];

/// Arab States countries whose weekend is Saturday–Sunday; the others keep Friday–Saturday.
const ARB_SAT_SUN: &[&str] = &["MA", "TN", "LB", "MR"];

const VENUE_NAMES: &[&str] = &[
    "International Conference Centre",
    "Convention Centre",
    "UN House",
    "Ministry of ICT Auditorium",
    "Regulatory Authority Training Centre",
    "Grand Hotel",
    "University Campus",
    "Chamber of Commerce",
];

const ROOM_NAMES: &[&str] = &[
    "Plenary Hall",
    "Room A",
    "Room B",
    "Room C",
    "Meeting Room 1",
];

const TOPICS: &[&str] = &[
    "international mobile roaming",
    "tariff policies and economics",
    "spectrum management",
    "digital financial inclusion",
    "cybersecurity capacity building",
    "rural connectivity",
    "emergency telecommunications",
    "quality of service",
    "child online protection",
    "numbering and naming",
    "e-waste and circular economy",
    "AI for good",
    "smart sustainable cities",
    "broadband mapping",
];

const FIRST_NAMES: &[&str] = &[
    "Amina", "Kwame", "Fatou", "Chen", "Priya", "Olga", "Mateo", "Sofia", "Youssef", "Layla",
    "Hiroshi", "Ana", "Ivan", "Nadia", "Samuel", "Mei", "Carlos", "Aisha", "Dmitri", "Grace",
];

const LAST_NAMES: &[&str] = &[
    "Diallo", "Mensah", "Ndiaye", "Wang", "Sharma", "Petrova", "García", "Rossi", "Haddad",
    "Nasser", "Tanaka", "Silva", "Ivanov", "Kamara", "Okafor", "Lin", "Mendoza", "Rahman",
    "Smirnov", "Moyo",
];

struct CityRef {
    region: RegionCode,
    city: String,
    country: &'static str,
    tz: Zone,
}

#[derive(Clone)]
struct VenueRef {
    id: Uuid,
    region: RegionCode,
    tz: Zone,
    weekend: WeekdaySet,
    /// Room ids with their capacities.
    rooms: Vec<(Uuid, u32)>,
    slug: String,
}

/// Confirmed bookings of one room: start → end, in Unix seconds, never overlapping.
type Bookings = BTreeMap<i64, i64>;

fn free(book: &Bookings, start: i64, end: i64) -> bool {
    book.range(..end)
        .next_back()
        .is_none_or(|(_, e)| *e <= start)
}

/// The seeded data, produced batch by batch.
pub struct Generator {
    rng: Rng,
    options: SeedOptions,
    venues: Vec<VenueRef>,
    seed_venues: Vec<SeedVenue>,
    cities: Vec<CityRef>,
    pool: Vec<Participant>,
    groups: HashMap<RegionCode, Vec<String>>,
    study_groups: Vec<String>,
    bookings: HashMap<Uuid, Bookings>,
    /// The last confirmed meeting per venue: (event id, first local day, last local day, room).
    last_meeting: HashMap<usize, (Uuid, NaiveDate, NaiveDate, Uuid)>,
    produced: usize,
    summary: SeedSummary,
}

impl Generator {
    /// Prepares venues, the participant pool and the group lists.
    pub fn new(
        reference: &ReferenceData,
        holiday_calendars: &BTreeSet<String>,
        options: SeedOptions,
    ) -> anyhow::Result<Self> {
        let mut rng = Rng(options.seed ^ 0x7A4D_E11A_5EED_0001);
        let countries: HashMap<&str, &'static str> = COUNTRIES.iter().copied().collect();
        let cities: Vec<CityRef> = reference
            .regions
            .iter()
            .flat_map(|r| {
                r.cities.iter().filter_map(|c| {
                    Some(CityRef {
                        region: r.code,
                        city: c.city.clone(),
                        country: countries.get(c.country.as_str()).copied()?,
                        tz: c.tz,
                    })
                })
            })
            .collect();
        anyhow::ensure!(!cities.is_empty(), "the reference data names no city");
        // Enough rooms that the events' confirmed bookings fit without crowding.
        let venue_count = cities.len().max(options.events.div_ceil(250));
        let mut venues = Vec::with_capacity(venue_count);
        let mut seed_venues = Vec::with_capacity(venue_count);
        for (i, city) in cities.iter().cycle().take(venue_count).enumerate() {
            let round = i / cities.len();
            let place = VENUE_NAMES
                .get(round % VENUE_NAMES.len())
                .copied()
                .unwrap_or_default();
            let mut name = format!("{} {place}", city.city);
            if round >= VENUE_NAMES.len() {
                name = format!("{name} {}", round / VENUE_NAMES.len() + 1);
            }
            let weekend = if city.region == RegionCode::ARB && !ARB_SAT_SUN.contains(&city.country)
            {
                WeekdaySet::FRI_SAT
            } else {
                WeekdaySet::SAT_SUN
            };
            let room_count = 2 + rng.below(4);
            let mut rooms = Vec::with_capacity(room_count);
            let mut drafts = Vec::with_capacity(room_count);
            for (r, room_name) in ROOM_NAMES.iter().take(room_count).enumerate() {
                let capacity = if r == 0 {
                    rng.range(150, 500)
                } else {
                    rng.range(20, 120)
                };
                drafts.push(
                    RoomDraft::new(room_name, capacity)
                        .map_err(|e| anyhow::anyhow!("seed room: {e:?}"))?,
                );
                rooms.push((rng.uuid(), u32::try_from(capacity).unwrap_or(20)));
            }
            let id = rng.uuid();
            let draft = VenueDraft {
                name: Title::parse(&name)?,
                city: Title::parse(&city.city)?,
                country: CountryCode::parse(city.country)?,
                tz: city.tz,
                weekend,
                holiday_calendar: holiday_calendars
                    .contains(city.country)
                    .then(|| city.country.to_owned()),
                rooms: drafts,
                geo: None,
            }
            .check()
            .map_err(|e| anyhow::anyhow!("seed venue {name}: {e:?}"))?;
            seed_venues.push(SeedVenue {
                id,
                room_ids: rooms.iter().map(|(id, _)| *id).collect(),
                draft,
            });
            venues.push(VenueRef {
                id,
                region: city.region,
                tz: city.tz,
                weekend,
                rooms,
                slug: city
                    .city
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase(),
            });
        }
        let mut pool = Vec::with_capacity(options.participants);
        for j in 0..options.participants {
            let city = rng
                .pick(&cities)
                .ok_or_else(|| anyhow::anyhow!("the reference data names no city"))?;
            pool.push(Participant {
                id: ParticipantId::parse(&format!("p-{j}"))?,
                name: Some(format!(
                    "{} {} ({})",
                    rng.pick(FIRST_NAMES).copied().unwrap_or_default(),
                    rng.pick(LAST_NAMES).copied().unwrap_or_default(),
                    city.city
                )),
                tz: city.tz,
                attendance: Attendance::Remote,
                required: false,
                email: None,
                language: None,
            });
        }
        let mut groups: HashMap<RegionCode, Vec<String>> = HashMap::new();
        let mut study_groups = Vec::new();
        for g in &reference.groups {
            match (g.kind, g.region) {
                (GroupKind::RegionalGroup, Some(region)) => {
                    groups.entry(region).or_default().push(g.code.clone());
                }
                (GroupKind::StudyGroup, _) => study_groups.push(g.code.clone()),
                (GroupKind::RegionalGroup, None) => {}
            }
        }
        let summary = SeedSummary {
            venues: seed_venues.len(),
            rooms: seed_venues.iter().map(|v| v.room_ids.len()).sum(),
            ..SeedSummary::default()
        };
        Ok(Self {
            rng,
            options,
            venues,
            seed_venues,
            cities,
            pool,
            groups,
            study_groups,
            bookings: HashMap::new(),
            last_meeting: HashMap::new(),
            produced: 0,
            summary,
        })
    }

    /// The venues to store before any event.
    pub fn venues(&self) -> &[SeedVenue] {
        &self.seed_venues
    }

    /// What has been generated so far.
    pub fn summary(&self) -> &SeedSummary {
        &self.summary
    }

    /// Events still to generate.
    pub fn remaining(&self) -> usize {
        self.options.events - self.produced
    }

    /// The next (at most) `n` events, in insertion order (a co-located event comes after
    /// the event it is held alongside).
    pub fn next_batch(&mut self, n: usize) -> anyhow::Result<Vec<SeedEvent>> {
        let n = n.min(self.remaining());
        let mut batch = Vec::with_capacity(n);
        while batch.len() < n {
            if let Some(event) = self.event()? {
                self.summary.events += 1;
                self.summary.recurring += usize::from(event.draft.timing.rrule().is_some());
                self.summary.co_located += usize::from(event.draft.co_located_with.is_some());
                self.summary.participations += event.draft.participants.len();
                self.produced += 1;
                batch.push(event);
            }
        }
        Ok(batch)
    }

    /// The first working day of `venue` on or after `day`.
    fn working_day(weekend: WeekdaySet, mut day: NaiveDate) -> NaiveDate {
        for _ in 0..7 {
            if !weekend.contains(day.weekday()) {
                break;
            }
            day += Duration::days(1);
        }
        day
    }

    fn group(&mut self, region: RegionCode, percent_regional: usize) -> Option<String> {
        if self.rng.percent(percent_regional) {
            let list = self.groups.get(&region)?;
            if let Some(group) = self.rng.pick(list) {
                return Some(group.clone());
            }
        }
        if self.rng.percent(20) {
            return self.rng.pick(&self.study_groups).cloned();
        }
        None
    }

    fn participants(&mut self, count: usize, mode: EventMode) -> Vec<Participant> {
        let count = count.min(self.pool.len());
        let mut chosen = HashSet::with_capacity(count);
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let j = self.rng.below(self.pool.len());
            if !chosen.insert(j) {
                continue;
            }
            let Some(mut p) = self.pool.get(j).cloned() else {
                break;
            };
            let in_room = match mode {
                EventMode::Virtual => false,
                EventMode::InPerson => self.rng.percent(90),
                EventMode::Hybrid => self.rng.percent(50),
            };
            p.attendance = if in_room {
                Attendance::InPerson
            } else {
                Attendance::Remote
            };
            p.required = self.rng.percent(25);
            out.push(p);
        }
        out
    }

    /// Books `room` for every occurrence of `timing` if all are free.
    fn book(&mut self, room: Uuid, timing: &EventTiming) -> bool {
        let Ok(occurrences) = timing.occurrences() else {
            return false;
        };
        let book = self.bookings.entry(room).or_default();
        if !occurrences
            .iter()
            .all(|o| free(book, o.start.timestamp(), o.end.timestamp()))
        {
            return false;
        }
        for o in occurrences {
            book.insert(o.start.timestamp(), o.end.timestamp());
        }
        true
    }

    /// One event, or `None` when this attempt found no consistent placement.
    #[allow(clippy::too_many_lines)]
    fn event(&mut self) -> anyhow::Result<Option<SeedEvent>> {
        let id = self.rng.uuid();
        let kinds = [
            (EventKind::Session, 40),
            (EventKind::Meeting, 30),
            (EventKind::Workshop, 18),
            (EventKind::Conference, 12),
        ];
        let Some(kind) = self.rng.weighted(&kinds) else {
            return Ok(None);
        };
        let modes = if kind == EventKind::Session {
            [
                (EventMode::Virtual, 60),
                (EventMode::Hybrid, 30),
                (EventMode::InPerson, 10),
            ]
        } else {
            [
                (EventMode::InPerson, 40),
                (EventMode::Hybrid, 55),
                (EventMode::Virtual, 5),
            ]
        };
        let statuses = [
            (EventStatus::Confirmed, 75),
            (EventStatus::Proposed, 18),
            (EventStatus::Cancelled, 7),
        ];
        let (Some(mode), Some(mut status)) =
            (self.rng.weighted(&modes), self.rng.weighted(&statuses))
        else {
            return Ok(None);
        };
        let venue_index = (mode != EventMode::Virtual).then(|| self.rng.below(self.venues.len()));
        // The venue's index (the key of its last meeting) and a copy of it.
        let venue = venue_index.and_then(|v| Some((v, self.venues.get(v)?.clone())));
        let (region, zone, weekend) = if let Some((_, venue)) = &venue {
            (venue.region, venue.tz, venue.weekend)
        } else {
            let Some(city) = self.rng.pick(&self.cities) else {
                return Ok(None);
            };
            (city.region, city.tz, WeekdaySet::SAT_SUN)
        };
        let region_name = region.code();
        let offset = self.rng.range(0, HORIZON_DAYS - 1);
        let first_day = Self::working_day(weekend, self.options.from + Duration::days(offset));
        let hm = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        let topic = self.rng.pick(TOPICS).copied().unwrap_or_default();
        let (group, title, start, end, rrule) = match kind {
            EventKind::Session => {
                let group = self.group(region, 40);
                let start_hour = u32::try_from(self.rng.range(7, 16)).unwrap_or(9);
                let start =
                    first_day.and_time(hm(start_hour, 30 * u32::from(self.rng.percent(50))));
                let minutes = self.rng.range(2, 6) * 30;
                let rrule = if mode == EventMode::Virtual && self.rng.percent(20) {
                    Some(if self.rng.percent(70) {
                        format!("FREQ=WEEKLY;COUNT={}", self.rng.range(4, 16))
                    } else {
                        format!("FREQ=MONTHLY;COUNT={}", self.rng.range(3, 12))
                    })
                } else if mode == EventMode::Hybrid && self.rng.percent(5) {
                    Some(format!("FREQ=WEEKLY;COUNT={}", self.rng.range(3, 6)))
                } else {
                    None
                };
                let title = match &group {
                    Some(g) => format!("{g} coordination call"),
                    None => format!("{region_name} session on {topic}"),
                };
                (
                    group,
                    title,
                    start,
                    start + Duration::minutes(minutes),
                    rrule,
                )
            }
            EventKind::Meeting => {
                let group = self.group(region, 70);
                let days = self.rng.range(1, 3);
                let title = match &group {
                    Some(g) => format!("{g} meeting"),
                    None => format!("{region_name} regional meeting on {topic}"),
                };
                (
                    group,
                    title,
                    first_day.and_time(hm(9, 0)),
                    (first_day + Duration::days(days - 1)).and_time(hm(17, 30)),
                    None,
                )
            }
            EventKind::Workshop => {
                let group = self.group(region, 15);
                let days = self.rng.range(1, 2);
                (
                    group,
                    format!("Workshop on {topic}"),
                    first_day.and_time(hm(9, 0)),
                    (first_day + Duration::days(days - 1)).and_time(hm(17, 0)),
                    None,
                )
            }
            EventKind::Conference => {
                let days = self.rng.range(2, 4);
                (
                    None,
                    format!("Regional forum on {topic} ({region_name})"),
                    first_day.and_time(hm(9, 0)),
                    (first_day + Duration::days(days - 1)).and_time(hm(18, 0)),
                    None,
                )
            }
        };
        let Ok(mut timing) = EventTiming::new(zone, start, end, rrule.as_deref()) else {
            return Ok(None);
        };
        let mut room_id = None;
        let mut co_located_with = None;
        if let Some((v, venue)) = &venue {
            let v = *v;
            // A workshop alongside the venue's last meeting, the day before or after it.
            if kind == EventKind::Workshop
                && status == EventStatus::Confirmed
                && self.rng.percent(35)
            {
                if let Some((anchor, anchor_first, anchor_last, anchor_room)) =
                    self.last_meeting.get(&v).copied()
                {
                    let venue_weekend = venue.weekend;
                    let day = if self.rng.percent(50) {
                        Self::working_day(venue_weekend, anchor_last + Duration::days(1))
                    } else {
                        let mut d = anchor_first - Duration::days(1);
                        while venue_weekend.contains(d.weekday()) {
                            d -= Duration::days(1);
                        }
                        d
                    };
                    if let Ok(t) = EventTiming::new(
                        zone,
                        day.and_time(hm(9, 0)),
                        day.and_time(hm(17, 0)),
                        None,
                    ) {
                        let rooms: Vec<Uuid> = venue
                            .rooms
                            .iter()
                            .map(|(r, _)| *r)
                            .filter(|r| *r != anchor_room)
                            .collect();
                        for r in rooms {
                            if self.book(r, &t) {
                                timing = t;
                                room_id = Some(r);
                                co_located_with = Some(anchor);
                                break;
                            }
                        }
                    }
                }
            }
            if room_id.is_none() {
                let rooms: Vec<Uuid> = venue.rooms.iter().map(|(r, _)| *r).collect();
                let first = self.rng.below(rooms.len());
                if status == EventStatus::Confirmed {
                    // Every room once, from a random one on.
                    for &r in rooms.iter().cycle().skip(first).take(rooms.len()) {
                        if self.book(r, &timing) {
                            room_id = Some(r);
                            break;
                        }
                    }
                    // Every room taken: the organiser only proposes it (a room clash to resolve).
                    if room_id.is_none() {
                        status = EventStatus::Proposed;
                        room_id = rooms.get(first).copied();
                    }
                } else {
                    room_id = rooms.get(first).copied();
                }
            }
            if kind == EventKind::Meeting && status == EventStatus::Confirmed {
                if let Some(r) = room_id {
                    let last = timing.local_end().date();
                    self.last_meeting
                        .insert(v, (id, timing.local_start().date(), last, r));
                }
            }
        }
        let count = match kind {
            EventKind::Session => self.rng.range(2, 8),
            EventKind::Meeting => self.rng.range(4, 15),
            EventKind::Workshop => self.rng.range(3, 12),
            EventKind::Conference => self.rng.range(5, 20),
        };
        let participants = self.participants(usize::try_from(count).unwrap_or(0), mode);
        let remote_url = (mode != EventMode::InPerson).then(|| {
            let slug = venue.as_ref().map_or("online", |(_, v)| v.slug.as_str());
            let short: String = id.simple().to_string().chars().take(8).collect();
            format!("https://meet.example.org/{slug}-{short}")
        });
        let title = if co_located_with.is_some() {
            format!("{title} (alongside the regional group meeting)")
        } else {
            title
        };
        let draft = EventDraft {
            title: Title::parse(&title)?,
            description: Some(format!(
                "{title}. Generated by `tandem seed` (seed {}).",
                self.options.seed
            )),
            kind,
            mode,
            status,
            region,
            group,
            venue_id: venue.as_ref().map(|(_, v)| v.id),
            room_id,
            timing,
            co_located_with,
            remote_url,
            participants,
        };
        Ok(Some(SeedEvent { id, draft }))
    }
}

/// Default first day: the first of the month six months ago, so the data reaches from the
/// recent past well into the future.
pub fn default_from(today: NaiveDate) -> NaiveDate {
    let months_back = today.year() * 12 + i32::try_from(today.month0()).unwrap_or(0) - 6;
    NaiveDate::from_ymd_opt(
        months_back.div_euclid(12),
        u32::try_from(months_back.rem_euclid(12)).unwrap_or(0) + 1,
        1,
    )
    .unwrap_or(today)
}

/// Generates and stores everything: venues first, then events in batches of `batch` (one
/// transaction each); `progress` hears the number of events stored after each batch.
pub async fn run(
    store: &dyn Store,
    mut generator: Generator,
    batch: usize,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<SeedSummary> {
    store.seed_venues(generator.venues()).await?;
    let mut stored = 0;
    while generator.remaining() > 0 {
        let events = generator.next_batch(batch.max(1))?;
        store.seed_events(&events).await?;
        stored += events.len();
        progress(stored);
    }
    Ok(generator.summary().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generator(seed: u64, events: usize) -> Generator {
        Generator::new(
            &crate::reference_data().unwrap(),
            &crate::holiday_calendars(),
            SeedOptions {
                events,
                participants: 50,
                seed,
                from: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            },
        )
        .unwrap()
    }

    #[test]
    fn same_seed_same_data() {
        let a = generator(7, 500).next_batch(500).unwrap();
        let b = generator(7, 500).next_batch(500).unwrap();
        let c = generator(8, 500).next_batch(500).unwrap();
        let key = |e: &SeedEvent| format!("{} {:?}", e.id, e.draft);
        assert_eq!(
            a.iter().map(key).collect::<Vec<_>>(),
            b.iter().map(key).collect::<Vec<_>>()
        );
        assert_ne!(a[0].id, c[0].id);
    }

    #[test]
    fn confirmed_bookings_never_overlap_and_links_point_backwards() {
        let mut g = generator(1, 3_000);
        let events = g.next_batch(3_000).unwrap();
        let mut by_room: HashMap<Uuid, Vec<tandem_core::Interval>> = HashMap::new();
        let mut seen = HashSet::new();
        for e in &events {
            if let Some(anchor) = e.draft.co_located_with {
                assert!(seen.contains(&anchor), "anchor stored first");
            }
            seen.insert(e.id);
            if let (EventStatus::Confirmed, Some(room)) = (e.draft.status, e.draft.room_id) {
                by_room
                    .entry(room)
                    .or_default()
                    .extend(e.draft.timing.occurrences().unwrap());
            }
        }
        for list in by_room.values_mut() {
            list.sort_by_key(|o| o.start);
            for w in list.windows(2) {
                assert!(w[0].end <= w[1].start, "overlap {w:?}");
            }
        }
        let s = g.summary();
        assert_eq!(s.events, 3_000);
        assert!(s.recurring > 0 && s.co_located > 0, "{s:?}");
        for kind in EventKind::ALL {
            assert!(events.iter().any(|e| e.draft.kind == *kind));
        }
        for status in EventStatus::ALL {
            assert!(events.iter().any(|e| e.draft.status == *status));
        }
    }

    #[test]
    fn default_from_is_six_months_back() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(default_from(d(2026, 11, 28)), d(2026, 5, 1));
        assert_eq!(default_from(d(2026, 3, 2)), d(2025, 9, 1));
    }
}
