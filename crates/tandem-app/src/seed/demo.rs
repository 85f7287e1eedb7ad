//! `tandem serve --demo`: a small, realistic data set so a new user sees a working system.
//!
//! Venues are real conference places in cities of the reference data (one with a Fri–Sat
//! weekend, in Cairo); meetings fall in the coming months relative to the day of seeding
//! (the injected clock's), so the demo always looks current. Seeding runs once per database:
//! one transaction writes the venues, the events and the `meta` row that records it.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use tandem_core::{
    Attendance, Clock, CountryCode, EmailAddress, EventDraft, EventKind, EventMode, EventStatus,
    EventTiming, GeoPoint, Participant, ParticipantId, RegionCode, RoomDraft, Title, VenueDraft,
    WeekdaySet, Zone,
};
use tandem_store::{Load, SeedEvent, SeedVenue, Store};
use uuid::Uuid;

const SEEDED: &str = "demo_seeded";

/// The demo's venue in Yaoundé (the demo season's, [`crate::season::demo_season`]).
pub const YAOUNDE: &str = "Palais des Congrès de Yaoundé";
/// The demo's venue in Cairo.
pub const CAIRO: &str = "Smart Village Conference Centre";

struct DemoVenue {
    name: &'static str,
    city: &'static str,
    country: &'static str,
    tz: &'static str,
    weekend: WeekdaySet,
    rooms: &'static [(&'static str, u32)],
    /// Approximate coordinates (city-centre precision), for the feeds' GEO.
    geo: (f64, f64),
}

const VENUES: &[DemoVenue] = &[
    DemoVenue {
        name: YAOUNDE,
        city: "Yaoundé",
        country: "CM",
        tz: "Africa/Douala",
        weekend: WeekdaySet::SAT_SUN,
        geo: (3.8667, 11.5167),
        rooms: &[("Salle A", 120), ("Salle B", 40)],
    },
    DemoVenue {
        name: CAIRO,
        city: "Cairo",
        country: "EG",
        tz: "Africa/Cairo",
        weekend: WeekdaySet::FRI_SAT,
        geo: (30.0717, 31.0170),
        rooms: &[("Nile Hall", 200), ("Room 2", 30)],
    },
    DemoVenue {
        name: "United Nations Conference Centre",
        city: "Bangkok",
        country: "TH",
        tz: "Asia/Bangkok",
        weekend: WeekdaySet::SAT_SUN,
        geo: (13.7590, 100.5071),
        rooms: &[("Conference Room 1", 300), ("Meeting Room C", 50)],
    },
    DemoVenue {
        name: "ITU Regional Office for the Americas",
        city: "Brasília",
        country: "BR",
        tz: "America/Sao_Paulo",
        weekend: WeekdaySet::SAT_SUN,
        geo: (-15.7939, -47.8828),
        rooms: &[("Sala Rondon", 60)],
    },
    DemoVenue {
        name: "CICG",
        city: "Geneva",
        country: "CH",
        tz: "Europe/Zurich",
        weekend: WeekdaySet::SAT_SUN,
        geo: (46.2228, 6.1375),
        rooms: &[("Room 2", 400), ("Room 7", 80)],
    },
    DemoVenue {
        name: "Kathmandu Marriott",
        city: "Kathmandu",
        country: "NP",
        tz: "Asia/Kathmandu",
        weekend: WeekdaySet::SAT_SUN,
        geo: (27.7172, 85.3240),
        rooms: &[("Everest Ballroom", 150)],
    },
];

fn participant(
    id: &str,
    name: &str,
    tz: &str,
    attendance: Attendance,
    required: bool,
) -> Option<Participant> {
    Some(Participant {
        id: ParticipantId::parse(id).ok()?,
        name: Some(name.to_owned()),
        tz: Zone::parse(tz).ok()?,
        attendance,
        required,
        // Demo participants can be invited (DESIGN §15): example.org is reserved for this.
        email: EmailAddress::parse(&format!("{id}@example.org")).ok(),
        language: None,
    })
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

/// The demo's calendar: every date derives from one anchor, the first Monday on or after the
/// day of seeding, so each event's days keep their order (a Wednesday–Thursday meeting never
/// ends before it starts) whatever day the demo is loaded.
#[derive(Clone, Copy, Debug)]
struct DemoCalendar {
    today: NaiveDate,
    monday: NaiveDate,
}

impl DemoCalendar {
    fn new(today: NaiveDate) -> Self {
        Self {
            today,
            monday: on_or_after(today, Weekday::Mon),
        }
    }

    /// `weekday` of the week that starts `weeks` Mondays after the anchor.
    fn day(self, weeks: i64, weekday: Weekday) -> NaiveDate {
        self.monday
            + Duration::weeks(weeks)
            + Duration::days(i64::from(weekday.num_days_from_monday()))
    }

    /// The first local date after next week on which `zone`'s UTC offset differs from the
    /// day before's (at noon): the next DST change there.
    fn next_offset_change(self, zone: Zone) -> Option<NaiveDate> {
        let noon = |d: NaiveDate| Some(zone.offset_at(zone.resolve(d.and_hms_opt(12, 0, 0)?)));
        (8..=400)
            .map(|n| self.today + Duration::days(n))
            .find(|&d| noon(d).is_some() && noon(d) != noon(d - Duration::days(1)))
    }

    /// A weekly series on `weekday` that crosses `zone`'s next DST change: it starts about
    /// four weeks before the change (but in the future) and runs four weeks past it.
    /// Returns the first day and the COUNT.
    fn weekly_across_dst(self, zone: Zone, weekday: Weekday) -> (NaiveDate, u32) {
        let Some(change) = self.next_offset_change(zone) else {
            // A zone without DST: ten weeks from next week.
            return (on_or_after(self.today + Duration::days(1), weekday), 10);
        };
        let first = on_or_after(change - Duration::weeks(4), weekday)
            .max(on_or_after(self.today + Duration::days(1), weekday));
        let weeks_before = u32::try_from((change - first).num_days() / 7).unwrap_or(0);
        (first, weeks_before + 5)
    }
}

struct DemoEvent<'a> {
    title: &'a str,
    kind: EventKind,
    mode: EventMode,
    status: EventStatus,
    region: RegionCode,
    group: Option<&'a str>,
    venue: Option<(Uuid, Option<Uuid>)>,
    tz: &'a str,
    days: (NaiveDate, NaiveDate),
    hours: (u32, u32, u32, u32),
    rrule: Option<&'a str>,
    participants: Vec<Participant>,
    remote_url: Option<&'a str>,
}

fn draft(e: DemoEvent<'_>) -> anyhow::Result<EventDraft> {
    let zone = Zone::parse(e.tz)?;
    let at = |d: NaiveDate, h: u32, m: u32| {
        d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
    };
    let timing = EventTiming::new(
        zone,
        at(e.days.0, e.hours.0, e.hours.1),
        at(e.days.1, e.hours.2, e.hours.3),
        e.rrule,
    )
    .map_err(|errors| anyhow::anyhow!("demo event '{}' is invalid: {errors:?}", e.title))?;
    Ok(EventDraft {
        title: Title::parse(e.title)?,
        description: Some(format!("{} (demo data)", e.title)),
        kind: e.kind,
        mode: e.mode,
        status: e.status,
        region: e.region,
        group: e.group.map(str::to_owned),
        venue_id: e.venue.map(|(venue, _)| venue),
        room_id: e.venue.and_then(|(_, room)| room),
        timing,
        co_located_with: None,
        remote_url: e.remote_url.map(str::to_owned),
        participants: e.participants,
    })
}

/// Seeds the demo venues and events, dated from `today`, unless this database has them
/// already. Everything is written in one transaction with the marker that says so: a
/// failure leaves nothing behind, and two instances starting together seed once.
pub async fn seed(
    store: &dyn Store,
    holiday_calendars: &std::collections::BTreeSet<String>,
    clock: &dyn Clock,
) -> anyhow::Result<bool> {
    if store.meta(SEEDED).await?.is_some() {
        return Ok(false);
    }
    let today = clock.today();
    let venues = venues(holiday_calendars)?;
    let events = events(DemoCalendar::new(today), &venues)?;
    let marker = clock.now().to_rfc3339();
    Ok(store
        .load(&Load {
            venues: &venues,
            events: &events,
            marker: Some((SEEDED, &marker)),
        })
        .await?)
}

/// The demo venues with fresh ids.
fn venues(
    holiday_calendars: &std::collections::BTreeSet<String>,
) -> anyhow::Result<Vec<SeedVenue>> {
    VENUES
        .iter()
        .map(|v| {
            let country = CountryCode::parse(v.country)?;
            let rooms = v
                .rooms
                .iter()
                .map(|(name, capacity)| RoomDraft::new(name, i64::from(*capacity)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow::anyhow!("demo room: {e}"))?;
            let draft = VenueDraft {
                name: Title::parse(v.name)?,
                city: Title::parse(v.city)?,
                country,
                tz: Zone::parse(v.tz)?,
                weekend: v.weekend,
                holiday_calendar: holiday_calendars
                    .contains(v.country)
                    .then(|| v.country.to_owned()),
                rooms,
                geo: Some(GeoPoint::new(v.geo.0, v.geo.1)?),
            }
            .check()
            .map_err(|e| anyhow::anyhow!("demo venue: {e}"))?;
            Ok(SeedVenue {
                id: Uuid::new_v4(),
                room_ids: draft.rooms.iter().map(|_| Uuid::new_v4()).collect(),
                draft,
            })
        })
        .collect()
}

/// A venue of [`venues`] with one of its rooms, as [`DemoEvent::venue`] takes it.
fn at(venue: &SeedVenue, room: usize) -> (Uuid, Option<Uuid>) {
    (venue.id, venue.room_ids.get(room).copied())
}

/// The demo events, dated from `cal`, with fresh ids.
fn events(cal: DemoCalendar, venues: &[SeedVenue]) -> anyhow::Result<Vec<SeedEvent>> {
    let [yaounde, cairo, bangkok, brasilia, geneva, kathmandu] = venues else {
        anyhow::bail!("demo venues missing");
    };
    let remote = Attendance::Remote;
    let here = Attendance::InPerson;
    let geneva_zone = Zone::parse("Europe/Zurich")?;
    let (series_start, series_count) = cal.weekly_across_dst(geneva_zone, Weekday::Tue);
    let series_rule = format!("FREQ=WEEKLY;COUNT={series_count}");
    let anchor_id = Uuid::new_v4();
    let drafts = vec![
        DemoEvent {
            title: "SG3RG-AFR meeting",
            kind: EventKind::Meeting,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::AFR,
            group: Some("SG3RG-AFR"),
            venue: Some(at(yaounde, 0)),
            tz: "Africa/Douala",
            days: (cal.day(6, Weekday::Wed), cal.day(6, Weekday::Thu)),
            hours: (9, 0, 17, 30),
            rrule: None,
            participants: [
                participant(
                    "ao-yaounde",
                    "ITU Area Office Yaoundé",
                    "Africa/Douala",
                    here,
                    true,
                ),
                participant(
                    "ro-addis",
                    "ITU Regional Office for Africa",
                    "Africa/Addis_Ababa",
                    here,
                    true,
                ),
                participant("ao-dakar", "Dakar office", "Africa/Dakar", remote, false),
                participant(
                    "ro-bangkok",
                    "Asia-Pacific office",
                    "Asia/Bangkok",
                    remote,
                    false,
                ),
                participant(
                    "ro-brasilia",
                    "Americas office",
                    "America/Sao_Paulo",
                    remote,
                    false,
                ),
                participant("tsb-geneva", "TSB Geneva", "Europe/Zurich", remote, false),
            ]
            .into_iter()
            .flatten()
            .collect(),
            remote_url: Some("https://meet.example.org/sg3rg-afr"),
        },
        DemoEvent {
            title: "SG5RG-ARB meeting",
            kind: EventKind::Meeting,
            mode: EventMode::InPerson,
            status: EventStatus::Confirmed,
            region: RegionCode::ARB,
            group: Some("SG5RG-ARB"),
            venue: Some(at(cairo, 0)),
            tz: "Africa/Cairo",
            // Sunday to Monday: the venue's weekend is Friday and Saturday.
            days: (cal.day(4, Weekday::Sun), cal.day(5, Weekday::Mon)),
            hours: (9, 30, 16, 0),
            rrule: None,
            participants: [participant(
                "ro-cairo",
                "ITU Arab Regional Office",
                "Africa/Cairo",
                here,
                true,
            )]
            .into_iter()
            .flatten()
            .collect(),
            remote_url: None,
        },
        DemoEvent {
            title: "Regional Forum on digital transformation for Asia and the Pacific",
            kind: EventKind::Conference,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::ASP,
            group: None,
            venue: Some(at(bangkok, 0)),
            tz: "Asia/Bangkok",
            days: (cal.day(9, Weekday::Tue), cal.day(9, Weekday::Thu)),
            hours: (9, 0, 17, 0),
            rrule: None,
            participants: Vec::new(),
            remote_url: Some("https://meet.example.org/asp-forum"),
        },
        DemoEvent {
            title: "SG3RG-AO workshop on international mobile roaming",
            kind: EventKind::Workshop,
            mode: EventMode::InPerson,
            status: EventStatus::Proposed,
            region: RegionCode::ASP,
            group: Some("SG3RG-AO"),
            venue: Some(at(kathmandu, 0)),
            tz: "Asia/Kathmandu",
            days: (cal.day(11, Weekday::Mon), cal.day(11, Weekday::Mon)),
            hours: (9, 0, 17, 0),
            rrule: None,
            participants: Vec::new(),
            remote_url: None,
        },
        DemoEvent {
            title: "SG3RG-LAC meeting",
            kind: EventKind::Meeting,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::AMS,
            group: Some("SG3RG-LAC"),
            venue: Some(at(brasilia, 0)),
            tz: "America/Sao_Paulo",
            days: (cal.day(8, Weekday::Mon), cal.day(8, Weekday::Tue)),
            hours: (9, 0, 18, 0),
            rrule: None,
            participants: Vec::new(),
            remote_url: Some("https://meet.example.org/sg3rg-lac"),
        },
        DemoEvent {
            title: "SG3RG-EURM coordination call",
            kind: EventKind::Session,
            mode: EventMode::Virtual,
            status: EventStatus::Confirmed,
            region: RegionCode::EUR,
            group: Some("SG3RG-EURM"),
            venue: None,
            tz: "Europe/Zurich",
            days: (series_start, series_start),
            hours: (14, 0, 15, 30),
            // Weekly across Geneva's next DST change, staying at 14:00 there.
            rrule: Some(&series_rule),
            participants: [
                participant("tsb-geneva", "TSB Geneva", "Europe/Zurich", remote, true),
                participant("ro-moscow", "CIS office", "Europe/Moscow", remote, false),
                participant("ro-santiago", "Santiago", "America/Santiago", remote, false),
            ]
            .into_iter()
            .flatten()
            .collect(),
            remote_url: Some("https://meet.example.org/sg3rg-eurm"),
        },
        DemoEvent {
            title: "WTDC preparatory meeting (Europe)",
            kind: EventKind::Meeting,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::EUR,
            group: None,
            venue: Some(at(geneva, 1)),
            tz: "Europe/Zurich",
            days: (cal.day(12, Weekday::Mon), cal.day(12, Weekday::Wed)),
            hours: (9, 30, 17, 30),
            rrule: None,
            participants: Vec::new(),
            remote_url: Some("https://meet.example.org/eur-prep"),
        },
        // A workshop held alongside the regional group meeting, the day before, in the small room.
        DemoEvent {
            title: "Workshop on telecommunication/ICT economics and policy",
            kind: EventKind::Workshop,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::AFR,
            group: None,
            venue: Some(at(yaounde, 1)),
            tz: "Africa/Douala",
            days: (cal.day(6, Weekday::Tue), cal.day(6, Weekday::Tue)),
            hours: (9, 0, 17, 0),
            rrule: None,
            participants: Vec::new(),
            remote_url: Some("https://meet.example.org/afr-workshop"),
        },
    ];
    let last = drafts.len() - 1;
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let mut draft = draft(e)?;
            let id = if i == 0 { anchor_id } else { Uuid::new_v4() };
            if i == last {
                draft.co_located_with = Some(anchor_id);
            }
            Ok(SeedEvent { id, draft })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use tandem_core::{FixedClock, WeekdaySet};
    use tandem_store::prelude::*;
    use tandem_store::{EventFilter, PoolSettings, SqliteStore};

    #[test]
    fn next_weekday() {
        let fri = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(on_or_after(fri, Weekday::Fri), fri);
        assert_eq!(
            on_or_after(fri, Weekday::Mon),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
    }

    async fn store(dir: &tempfile::TempDir, clock: FixedClock) -> SqliteStore {
        let url = format!("sqlite://{}", dir.path().join("demo.db").display());
        SqliteStore::connect(&url, PoolSettings::new(2), clock.shared())
            .await
            .unwrap()
    }

    /// The demo seeds, and every event in it is what its comments say, whatever the day of
    /// seeding: seven consecutive days (Monday to Sunday) through an injected clock.
    #[tokio::test]
    async fn demo_is_valid_whatever_the_day_it_is_seeded() {
        let holidays: BTreeSet<String> = crate::holiday_calendars();
        let first = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        for offset in 0..7 {
            let today = first + Duration::days(offset);
            let dir = tempfile::tempdir().unwrap();
            let clock = FixedClock::on(today);
            let store = store(&dir, clock).await;
            assert!(
                seed(&store, &holidays, &clock).await.unwrap(),
                "{today}: seeded"
            );
            assert!(
                !seed(&store, &holidays, &clock).await.unwrap(),
                "{today}: a second start seeds nothing"
            );
            let venues = store.venues().await.unwrap();
            assert_eq!(venues.len(), VENUES.len(), "{today}");
            let events = store
                .events(&EventFilter::default(), None, 100)
                .await
                .unwrap();
            assert_eq!(events.len(), 8, "{today}");
            let midnight = today.and_time(NaiveTime::MIN).and_utc();
            for event in &events {
                let timing = EventTiming::new(
                    event.zone(),
                    event.draft.timing.local_start(),
                    event.draft.timing.local_end(),
                    event.rrule(),
                )
                .unwrap_or_else(|e| panic!("{today}: '{}' invalid: {e:?}", event.title()));
                let occurrences = timing.occurrences().unwrap();
                assert!(
                    event.instants.starts_at > midnight,
                    "{today}: '{}' is in the past",
                    event.title()
                );
                assert!(
                    event.instants.ends_at > event.instants.starts_at,
                    "{today}: '{}'",
                    event.title()
                );
                // In-person days fall on the venue's working days (its weekend is free).
                if let Some(venue) = venues.iter().find(|v| Some(v.id) == event.draft.venue_id) {
                    for o in &occurrences {
                        let local = event.zone().local(o.start).date();
                        assert!(
                            !venue.weekend.contains(local.weekday()),
                            "{today}: '{}' on {local}, a weekend day at {}",
                            event.title(),
                            venue.name
                        );
                    }
                }
            }
            let by_title = |t: &str| events.iter().find(|e| e.title() == t).unwrap();
            // The weekly Geneva session crosses a DST change at 14:00 local time.
            let call = by_title("SG3RG-EURM coordination call");
            let timing = EventTiming::new(
                call.zone(),
                call.draft.timing.local_start(),
                call.draft.timing.local_end(),
                call.rrule(),
            )
            .unwrap();
            let occurrences = timing.occurrences().unwrap();
            let offsets: BTreeSet<i64> = occurrences
                .iter()
                .map(|o| call.zone().offset_at(o.start).num_minutes())
                .collect();
            assert_eq!(offsets.len(), 2, "{today}: the series crosses a DST change");
            for o in &occurrences {
                assert_eq!(
                    call.zone().local(o.start).time(),
                    NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                    "{today}"
                );
            }
            // The workshop is the day before its anchor, linked to it.
            let anchor = by_title("SG3RG-AFR meeting");
            let workshop = by_title("Workshop on telecommunication/ICT economics and policy");
            assert_eq!(workshop.draft.co_located_with, Some(anchor.id));
            assert_eq!(
                workshop.draft.timing.local_start().date() + Duration::days(1),
                anchor.draft.timing.local_start().date()
            );
            // Cairo's meeting is Sunday–Monday (its weekend is Friday–Saturday).
            let cairo = by_title("SG5RG-ARB meeting");
            assert_eq!(
                cairo.draft.timing.local_start().date().weekday(),
                Weekday::Sun
            );
            assert_eq!(
                cairo.draft.timing.local_end().date().weekday(),
                Weekday::Mon
            );
            assert!(venues
                .iter()
                .any(|v| v.weekend == WeekdaySet::FRI_SAT && Some(v.id) == cairo.draft.venue_id));
        }
    }

    /// A demo load that fails (here: two confirmed bookings of one room) leaves nothing, not
    /// even its venues, and leaves the demo unmarked so the next start tries again.
    #[tokio::test]
    async fn a_failed_load_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let store = store(&dir, FixedClock::on(day)).await;
        let holidays = crate::holiday_calendars();
        let venues = venues(&holidays).unwrap();
        let mut events = events(DemoCalendar::new(day), &venues).unwrap();
        let mut twin = events[0].clone();
        twin.id = Uuid::new_v4();
        events.push(twin);
        let result = store
            .load(&Load {
                venues: &venues,
                events: &events,
                marker: Some((SEEDED, "x")),
            })
            .await;
        assert!(result.is_err(), "the double booking is refused");
        assert!(store.venues().await.unwrap().is_empty());
        assert_eq!(store.meta(SEEDED).await.unwrap(), None);
    }
}
