//! Building a feed from the store: the events in scope, their venues and co-location links,
//! rendered by tandem-ical.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;

use axum::body::Bytes;
use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};
use tandem_core::{Event, EventStatus};
use tandem_i18n::{Arg, Lang};
use tandem_ical::render::{
    render_calendar, render_freebusy_in, FeedCalendar, FeedEvent, FeedLanguages, FeedStatus,
    FreeBusy, Organizer,
};
use tandem_store::{EventCursor, EventFilter, Revision, Venue};
use uuid::Uuid;

use super::{FeedFilter, FeedScope, RenderedFeed};
use crate::problem::ApiError;
use crate::state::AppState;

/// PRODID of every feed.
pub const PRODID: &str = "-//ITU//tandem//EN";

/// Events fetched per store query while building.
const PAGE: u32 = 500;

fn statuses(scope: &FeedScope, filter: &FeedFilter) -> Vec<EventStatus> {
    let mut statuses = vec![EventStatus::Confirmed];
    // A private free/busy shows tentative time too; one event's own feed shows it whatever
    // its status.
    if filter.include_proposed || matches!(scope, FeedScope::FreeBusy(_) | FeedScope::Event(_)) {
        statuses.push(EventStatus::Proposed);
    }
    if filter.include_cancelled {
        statuses.push(EventStatus::Cancelled);
    }
    statuses
}

async fn events_in_scope(
    state: &AppState,
    scope: &FeedScope,
    filter: &FeedFilter,
    today: NaiveDate,
) -> Result<Vec<Event>, ApiError> {
    let mut store_filter = EventFilter {
        statuses: statuses(scope, filter),
        kinds: filter.kinds.clone(),
        from: filter.from,
        to: filter.to,
        ..EventFilter::default()
    };
    match scope {
        FeedScope::All => {}
        FeedScope::Region(r) => store_filter.region = Some(*r),
        FeedScope::Group(g) => store_filter.group = Some(g.clone()),
        FeedScope::Venue(v) => store_filter.venue_id = Some(*v),
        FeedScope::Event(id) => store_filter.id = Some(*id),
        FeedScope::Participant(p) | FeedScope::FreeBusy(p) => {
            store_filter.participant = Some(p.clone());
        }
    }
    let max = state.settings.feeds.max_events as usize;
    let mut events: Vec<Event> = Vec::new();
    let mut cursor: Option<EventCursor> = None;
    loop {
        let page = state
            .app
            .store
            .events(&store_filter, cursor.as_ref(), PAGE)
            .await?;
        let full = page.len() == PAGE as usize;
        cursor = page.last().map(|e| EventCursor {
            starts_at: e.instants.starts_at,
            id: e.id,
        });
        events.extend(page);
        if !full || events.len() >= max {
            break;
        }
    }
    events.truncate(max);
    // Cancelled events stay visible (with include=cancelled) for a while, then leave; from
    // midnight, so every instance builds the same feed all day.
    let horizon = today.and_time(NaiveTime::MIN).and_utc()
        - Duration::days(i64::from(state.settings.feeds.cancelled_days));
    events.retain(|e| e.status() != EventStatus::Cancelled || e.updated_at >= horizon);
    Ok(events)
}

/// The LOCATION line: room, venue, city and country in the order and with the punctuation
/// of `lang` (the names as the venue's organiser wrote them, the country as its ISO code).
fn location(event: &Event, venues: &HashMap<Uuid, Venue>, lang: Lang) -> Option<String> {
    let venue = venues.get(&event.draft.venue_id?)?;
    let mut args = vec![
        ("venue", Arg::from(&venue.name)),
        ("city", Arg::from(&venue.city)),
        ("country", Arg::from(venue.country.as_str())),
    ];
    Some(match event.draft.room_id.and_then(|r| venue.room(r)) {
        Some(room) => {
            args.push(("room", Arg::from(&room.name)));
            lang.message_with("feed-location-room", &args)
        }
        None => lang.message_with("feed-location", &args),
    })
}

/// The UID of an event in every feed; it never changes.
pub fn uid(id: Uuid) -> String {
    format!("{id}@tandem")
}

fn feed_event(
    state: &AppState,
    event: &Event,
    venues: &HashMap<Uuid, Venue>,
    related: &[Uuid],
    lang: Lang,
) -> FeedEvent {
    let feeds = &state.settings.feeds;
    let mut categories = vec![
        lang.message(&format!("kind-{}", event.draft.kind.as_str())),
        event.draft.region.code().to_owned(),
    ];
    categories.extend(event.draft.group.clone());
    // The store parsed the rule once, into the event's timing.
    let rrule = event.draft.timing.rrule().map(|r| r.published().to_owned());
    FeedEvent {
        uid: uid(event.id),
        dtstamp: event.updated_at,
        last_modified: event.updated_at,
        created: event.created_at,
        sequence: event.sequence,
        status: match event.status() {
            EventStatus::Confirmed => FeedStatus::Confirmed,
            EventStatus::Proposed => FeedStatus::Tentative,
            EventStatus::Cancelled => FeedStatus::Cancelled,
        },
        summary: event.title().to_owned(),
        description: event.draft.description.clone(),
        zone: event.zone(),
        local_start: event.draft.timing.local_start(),
        local_end: event.draft.timing.local_end(),
        rrule,
        location: location(event, venues, lang),
        geo: event
            .draft
            .venue_id
            .and_then(|v| venues.get(&v))
            .and_then(|v| v.geo)
            .map(|g| (g.lat, g.lon)),
        categories,
        // The event's page (DESIGN §7: URL is the event's page).
        url: Some(format!(
            "{}/events/{}",
            state.settings.public_url(),
            event.id
        )),
        conference: event.draft.remote_url.clone(),
        related_to: related.iter().map(|r| uid(*r)).collect(),
        organizer: Organizer {
            name: feeds.organizer_name.clone(),
            email: feeds.organizer_email.clone(),
        },
        transparent: false,
    }
}

/// The calendar's NAME and DESCRIPTION in `lang`, whether NAME is tandem's text (not an
/// event's own title), and the file name's stem.
fn names(
    state: &AppState,
    scope: &FeedScope,
    venues: &HashMap<Uuid, Venue>,
    events: &[Event],
    lang: Lang,
) -> (String, String, bool, String) {
    let text = |id: &str, args: &[(&str, Arg<'_>)]| lang.message_with(id, args);
    match scope {
        FeedScope::All => (
            text("feed-all-name", &[]),
            text("feed-all-description", &[]),
            true,
            "all".into(),
        ),
        FeedScope::Region(r) => {
            let args = [
                (
                    "region",
                    Arg::from(lang.message(&format!("region-{}", r.code()))),
                ),
                ("code", Arg::from(r.code())),
            ];
            (
                text("feed-region-name", &args),
                text("feed-region-description", &args),
                true,
                format!("region-{}", r.code()),
            )
        }
        FeedScope::Group(g) => {
            let title = state
                .app
                .reference
                .group(g)
                .map(|x| x.title.clone())
                .unwrap_or_default();
            let args = [("group", Arg::from(g)), ("title", Arg::from(title))];
            (
                text("feed-group-name", &args),
                text("feed-group-description", &args),
                true,
                format!("group-{g}"),
            )
        }
        FeedScope::Venue(v) => {
            let name = venues.get(v).map_or_else(
                || v.to_string(),
                |x| {
                    text(
                        "feed-venue-name",
                        &[("venue", Arg::from(&x.name)), ("city", Arg::from(&x.city))],
                    )
                },
            );
            (
                name.clone(),
                text("feed-venue-description", &[("name", Arg::from(name))]),
                true,
                format!("venue-{v}"),
            )
        }
        FeedScope::Event(id) => {
            let title = events
                .first()
                .map_or_else(|| id.to_string(), |e| e.title().to_owned());
            // The organiser's title, as written: no language of tandem's.
            (title.clone(), title, false, format!("event-{id}"))
        }
        FeedScope::Participant(p) => {
            let args = [("participant", Arg::from(p))];
            (
                text("feed-participant-name", &args),
                text("feed-participant-description", &args),
                true,
                "my-meetings".into(),
            )
        }
        FeedScope::FreeBusy(p) => {
            let args = [("participant", Arg::from(p))];
            (
                text("feed-freebusy-name", &args),
                text("feed-freebusy-description", &args),
                true,
                "freebusy".into(),
            )
        }
    }
}

/// The LANGUAGE parameter of a feed in `lang`: none in the default language, so an English
/// feed is what it was before feeds had languages, byte for byte.
fn language_tag(lang: Lang) -> Option<String> {
    (lang != Lang::default()).then(|| lang.tag().to_owned())
}

fn etag(bytes: &[u8], suffix: &str) -> String {
    let digest = Sha256::digest(bytes);
    format!(
        "\"{}{suffix}\"",
        hex::encode(digest.get(..16).unwrap_or(&digest))
    )
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, ApiError> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::default());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(ApiError::internal)
}

fn freebusy(
    state: &AppState,
    participant: &str,
    events: &[Event],
    filter: &FeedFilter,
    changed: chrono::DateTime<Utc>,
    today: NaiveDate,
) -> Result<FreeBusy, ApiError> {
    // Day granularity keeps the body the same for every instance during a day.
    let today = today.and_time(NaiveTime::MIN).and_utc();
    let start = filter.from.unwrap_or(today - Duration::days(7));
    let end = filter.to.unwrap_or(today + Duration::days(366));
    let mut busy = Vec::new();
    let mut tentative = Vec::new();
    for e in events {
        // A stored event whose timing no longer expands is a fault of the store, not an
        // event to leave out of someone's busy times without a word.
        let occurrences = e.draft.timing.occurrences().map_err(|err| {
            ApiError::internal(anyhow::anyhow!(
                "event {} does not expand for free/busy: {err}",
                e.id
            ))
        })?;
        for o in occurrences {
            if o.start < end && start < o.end {
                let period = (o.start.max(start), o.end.min(end));
                match e.status() {
                    EventStatus::Confirmed => busy.push(period),
                    EventStatus::Proposed => tentative.push(period),
                    EventStatus::Cancelled => {}
                }
            }
        }
    }
    Ok(FreeBusy {
        uid: format!("freebusy-{participant}@tandem"),
        dtstamp: changed,
        start,
        end,
        organizer: Organizer {
            name: state.settings.feeds.organizer_name.clone(),
            email: state.settings.feeds.organizer_email.clone(),
        },
        url: None,
        busy,
        tentative,
    })
}

/// Builds one feed at the given store revision, as it stands on the clock's day.
pub async fn build(
    state: &AppState,
    scope: &FeedScope,
    filter: &FeedFilter,
    revision: Revision,
) -> Result<RenderedFeed, ApiError> {
    let today = state.app.clock.today();
    let events = events_in_scope(state, scope, filter, today).await?;
    let venues: HashMap<Uuid, Venue> = state
        .app
        .store
        .venues()
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let lang = filter.lang;
    let (name, description, tandems_name, stem) = names(state, scope, &venues, &events, lang);
    let languages = FeedLanguages {
        name: language_tag(lang).filter(|_| tandems_name),
        events: language_tag(lang),
    };
    let body = if let FeedScope::FreeBusy(p) = scope {
        render_freebusy_in(
            &name,
            languages.name.as_deref(),
            &freebusy(state, p, &events, filter, revision.changed_at, today)?,
            PRODID,
        )
    } else {
        let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
        // RELATED-TO names only events in this feed (DESIGN §7): a link to an event the feed
        // leaves out (cancelled, proposed without include=proposed, outside the scope or the
        // filters) would point a client at nothing.
        let in_feed: HashSet<Uuid> = ids.iter().copied().collect();
        let mut related: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for link in state.app.store.co_locations(&ids).await? {
            if in_feed.contains(&link.event) && in_feed.contains(&link.alongside) {
                related.entry(link.event).or_default().push(link.alongside);
                related.entry(link.alongside).or_default().push(link.event);
            }
        }
        for links in related.values_mut() {
            links.sort();
            links.dedup();
        }
        let feed = FeedCalendar {
            name,
            description,
            refresh_interval: Duration::minutes(i64::from(state.settings.feeds.refresh_minutes)),
            events: events
                .iter()
                .map(|e| {
                    feed_event(
                        state,
                        e,
                        &venues,
                        related.get(&e.id).map_or(&[][..], Vec::as_slice),
                        lang,
                    )
                })
                .collect(),
            languages,
        };
        render_calendar(&feed, PRODID)
    };
    let gzip = gzip(body.as_bytes())?;
    Ok(RenderedFeed {
        revision: revision.number,
        day: today,
        etag: etag(body.as_bytes(), ""),
        gzip_etag: etag(body.as_bytes(), "-gzip"),
        body: Bytes::from(body),
        gzip: Bytes::from(gzip),
        last_modified: revision.changed_at,
        filename: format!("{stem}.ics"),
    })
}

/// One event as an invitation carries it (DESIGN §15): as its own feed renders it, with
/// RELATED-TO naming the live events it is held alongside.
pub async fn invitation_event(state: &AppState, event: &Event) -> Result<FeedEvent, ApiError> {
    let mut venues = HashMap::new();
    if let Some(id) = event.draft.venue_id {
        venues.insert(id, state.app.store.venue(id).await?);
    }
    let mut related: Vec<Uuid> = state
        .app
        .store
        .co_locations(&[event.id])
        .await?
        .iter()
        .filter_map(|link| link.other_end(event.id))
        .filter(|(_, status)| *status != EventStatus::Cancelled)
        .map(|(id, _)| id)
        .collect();
    related.sort();
    related.dedup();
    Ok(feed_event(state, event, &venues, &related, Lang::default()))
}
