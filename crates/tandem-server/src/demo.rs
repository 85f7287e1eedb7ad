//! `tandem serve --demo`: a small, realistic data set so a new user sees a working system.
//!
//! Venues are real conference places in cities of the reference data (one with a Fri–Sat
//! weekend, in Cairo); meetings fall in the coming months relative to today, so the demo
//! always looks current. Seeding runs once per database (a `meta` row records it).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use tandem_core::{
    Attendance, CountryCode, EventDraft, EventKind, EventMode, EventStatus, EventTiming, GeoPoint,
    Participant, ParticipantId, RegionCode, RoomDraft, Title, VenueDraft, WeekdaySet, Zone,
};
use tandem_store::{Store, Venue};

const SEEDED: &str = "demo_seeded";

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
        name: "Palais des Congrès de Yaoundé",
        city: "Yaoundé",
        country: "CM",
        tz: "Africa/Douala",
        weekend: WeekdaySet::SAT_SUN,
        geo: (3.8667, 11.5167),
        rooms: &[("Salle A", 120), ("Salle B", 40)],
    },
    DemoVenue {
        name: "Smart Village Conference Centre",
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
    })
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

struct DemoEvent<'a> {
    title: &'a str,
    kind: EventKind,
    mode: EventMode,
    status: EventStatus,
    region: RegionCode,
    group: Option<&'a str>,
    venue: Option<(&'a Venue, usize)>,
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
        venue_id: e.venue.map(|(v, _)| v.id),
        room_id: e.venue.and_then(|(v, i)| v.rooms.get(i)).map(|r| r.id),
        timing,
        co_located_with: None,
        remote_url: e.remote_url.map(str::to_owned),
        participants: e.participants,
    })
}

/// Seeds the demo venues and events unless this database has them already.
pub async fn seed(
    store: &dyn Store,
    holiday_calendars: &std::collections::BTreeSet<String>,
) -> anyhow::Result<bool> {
    if store.meta(SEEDED).await?.is_some() {
        return Ok(false);
    }
    let mut venues = Vec::new();
    for v in VENUES {
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
        venues.push(store.create_venue(&draft).await?);
    }
    let [yaounde, cairo, bangkok, brasilia, geneva, kathmandu] = &venues[..] else {
        anyhow::bail!("demo venues missing");
    };
    let today = Utc::now().date_naive();
    let week = |n: i64, day: Weekday| on_or_after(today + Duration::weeks(n), day);
    let remote = Attendance::Remote;
    let here = Attendance::InPerson;
    let mut drafts = vec![
        DemoEvent {
            title: "SG3RG-AFR meeting",
            kind: EventKind::Meeting,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: RegionCode::AFR,
            group: Some("SG3RG-AFR"),
            venue: Some((yaounde, 0)),
            tz: "Africa/Douala",
            days: (week(6, Weekday::Wed), week(6, Weekday::Thu)),
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
            venue: Some((cairo, 0)),
            tz: "Africa/Cairo",
            // Sunday to Monday: the venue's weekend is Friday and Saturday.
            days: (
                week(4, Weekday::Sun),
                week(4, Weekday::Sun) + Duration::days(1),
            ),
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
            venue: Some((bangkok, 0)),
            tz: "Asia/Bangkok",
            days: (week(9, Weekday::Tue), week(9, Weekday::Thu)),
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
            venue: Some((kathmandu, 0)),
            tz: "Asia/Kathmandu",
            days: (week(11, Weekday::Mon), week(11, Weekday::Mon)),
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
            venue: Some((brasilia, 0)),
            tz: "America/Sao_Paulo",
            days: (week(8, Weekday::Mon), week(8, Weekday::Tue)),
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
            days: (week(1, Weekday::Tue), week(1, Weekday::Tue)),
            hours: (14, 0, 15, 30),
            // Weekly for 16 weeks: crosses the March DST change, staying at 14:00 in Geneva.
            rrule: Some("FREQ=WEEKLY;COUNT=16"),
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
            venue: Some((geneva, 1)),
            tz: "Europe/Zurich",
            days: (week(12, Weekday::Mon), week(12, Weekday::Wed)),
            hours: (9, 30, 17, 30),
            rrule: None,
            participants: Vec::new(),
            remote_url: Some("https://meet.example.org/eur-prep"),
        },
    ]
    .into_iter()
    .map(draft)
    .collect::<anyhow::Result<Vec<_>>>()?;
    let anchor = store.create_event(&drafts.remove(0)).await?;
    // A workshop held alongside the regional group meeting, the day before, in the small room.
    let mut workshop = draft(DemoEvent {
        title: "Workshop on telecommunication/ICT economics and policy",
        kind: EventKind::Workshop,
        mode: EventMode::Hybrid,
        status: EventStatus::Confirmed,
        region: RegionCode::AFR,
        group: None,
        venue: Some((yaounde, 1)),
        tz: "Africa/Douala",
        days: (week(6, Weekday::Tue), week(6, Weekday::Tue)),
        hours: (9, 0, 17, 0),
        rrule: None,
        participants: Vec::new(),
        remote_url: Some("https://meet.example.org/afr-workshop"),
    })?;
    workshop.co_located_with = Some(anchor.id);
    store.create_event(&workshop).await?;
    for d in &drafts {
        store.create_event(d).await?;
    }
    store.set_meta(SEEDED, &Utc::now().to_rfc3339()).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_weekday() {
        let fri = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(on_or_after(fri, Weekday::Fri), fri);
        assert_eq!(
            on_or_after(fri, Weekday::Mon),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
    }
}
