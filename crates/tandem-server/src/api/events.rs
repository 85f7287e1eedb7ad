//! `/api/v1/events`: create, read, list, update (with `If-Match`), cancel.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use tandem_app::events;
use tandem_core::time::{format_local_datetime, parse_instant, parse_local_datetime};
use tandem_core::Event;
use tandem_core::{
    Attendance, EmailAddress, EventChange, EventDraft, EventKind, EventMode, EventStatus,
    EventTiming, FieldError, FieldErrors, Language, ParticipantId, ParticipantSpec, Phrase,
    RegionCode, Title, Zone,
};
use tandem_store::{EventCursor, EventFilter};
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::feed_tokens::Subscribe;
use crate::api::wire;
use crate::auth::{Authenticated, EventReader, Reader};
use crate::extract::{path_id, version_etag, ApiJson, ApiQuery, IfMatch};
use crate::problem::{field, ApiError, Problem};
use crate::state::AppState;
use tandem_app::Caller;

/// Most participants one event may list.
pub const MAX_PARTICIPANTS: usize = 1000;
/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION: usize = 10_000;
/// Default and largest page size of event lists.
pub const DEFAULT_PAGE: u32 = 50;
/// Largest page size of event lists.
pub const MAX_PAGE: u32 = 200;

/// Someone expected at an event.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = EventParticipantRequest)]
pub struct ParticipantRequest {
    /// Stable id (`p-17`), shared across events; listed once per event.
    #[schema(value_type = wire::ParticipantIdText)]
    pub id: String,
    /// Display name.
    #[serde(default)]
    #[schema(value_type = Option<wire::PersonNameText>)]
    pub name: Option<String>,
    /// Their IANA zone; defaults to the event's.
    #[serde(default)]
    #[schema(value_type = Option<wire::ZoneName>)]
    pub tz: Option<String>,
    /// `in_person` or `remote`; defaults to `in_person` for in-person events, else `remote`.
    #[serde(default)]
    #[schema(value_type = Option<wire::AttendanceName>)]
    pub attendance: Option<String>,
    /// Whether the event needs them (default true).
    #[serde(default)]
    pub required: Option<bool>,
    /// Where invitations and updates go (DESIGN §15). Private: never in feeds or event
    /// lists; an event read by an organiser of its region (or an admin), or by this
    /// participant's own feed token, shows it.
    #[serde(default)]
    #[schema(value_type = Option<wire::EmailText>)]
    pub email: Option<Private>,
    /// The language of their invitations (DESIGN §16): `ar`, `en`, `es`, `fr`, `ru` or
    /// `zh`; English when absent.
    #[serde(default)]
    #[schema(value_type = Option<wire::LanguageName>)]
    pub language: Option<String>,
}

/// A new event (DESIGN §4). Times are local wall-clock times in `tz`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventRequest {
    /// Title.
    #[schema(value_type = wire::TitleText)]
    pub title: String,
    /// Description.
    #[serde(default)]
    #[schema(value_type = Option<wire::DescriptionText>)]
    pub description: Option<String>,
    /// `meeting`, `workshop`, `conference` or `session`.
    #[schema(value_type = wire::EventKindName)]
    pub kind: String,
    /// `in_person`, `virtual` or `hybrid`.
    #[schema(value_type = wire::EventModeName)]
    pub mode: String,
    /// `proposed`, `confirmed` (default) or `cancelled`.
    #[serde(default)]
    #[schema(value_type = Option<wire::EventStatusName>)]
    pub status: Option<String>,
    /// ITU region code: AFR, AMS, ARB, ASP, CIS or EUR.
    #[schema(value_type = wire::RegionCodeName)]
    pub region: String,
    /// Study group (`ITU-T-SG3`) or regional group (`SG3RG-AFR`) code.
    #[serde(default)]
    #[schema(value_type = Option<wire::OptionalGroupCode>)]
    pub group: Option<String>,
    /// Venue.
    #[serde(default)]
    pub venue_id: Option<Uuid>,
    /// Room of that venue.
    #[serde(default)]
    pub room_id: Option<Uuid>,
    /// IANA zone of the local times.
    #[schema(value_type = wire::ZoneName)]
    pub tz: String,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    #[schema(value_type = wire::LocalDateTimeText, example = "2027-03-10T09:00")]
    pub start: String,
    /// Local end, `YYYY-MM-DDTHH:MM` (`T24:00` is midnight), after the start.
    #[schema(value_type = wire::LocalDateTimeText, example = "2027-03-11T17:30")]
    pub end: String,
    /// RFC 5545 RRULE (must end: COUNT or UNTIL).
    #[serde(default)]
    pub rrule: Option<String>,
    /// The event this one is held alongside.
    #[serde(default)]
    pub co_located_with: Option<Uuid>,
    /// Remote participation link.
    #[serde(default)]
    #[schema(value_type = Option<wire::RemoteUrlText>)]
    pub remote_url: Option<String>,
    /// Participants.
    #[serde(default)]
    #[schema(max_items = 1000)]
    pub participants: Vec<ParticipantRequest>,
}

fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Changes to an event: absent fields stay, `null` clears an optional field.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPatch {
    /// Title.
    #[schema(value_type = Option<wire::TitleText>)]
    pub title: Option<String>,
    /// Description (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<wire::DescriptionText>)]
    pub description: Option<Option<String>>,
    /// Kind.
    #[schema(value_type = Option<wire::EventKindName>)]
    pub kind: Option<String>,
    /// Mode.
    #[schema(value_type = Option<wire::EventModeName>)]
    pub mode: Option<String>,
    /// Status.
    #[schema(value_type = Option<wire::EventStatusName>)]
    pub status: Option<String>,
    /// Region.
    #[schema(value_type = Option<wire::RegionCodeName>)]
    pub region: Option<String>,
    /// Group (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<wire::OptionalGroupCode>)]
    pub group: Option<Option<String>>,
    /// Venue (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub venue_id: Option<Option<Uuid>>,
    /// Room (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub room_id: Option<Option<Uuid>>,
    /// Zone.
    #[schema(value_type = Option<wire::ZoneName>)]
    pub tz: Option<String>,
    /// Local start.
    #[schema(value_type = Option<wire::LocalDateTimeText>)]
    pub start: Option<String>,
    /// Local end.
    #[schema(value_type = Option<wire::LocalDateTimeText>)]
    pub end: Option<String>,
    /// RRULE (`null` makes it a single event).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub rrule: Option<Option<String>>,
    /// Co-location link (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub co_located_with: Option<Option<Uuid>>,
    /// Remote link (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<wire::RemoteUrlText>)]
    pub remote_url: Option<Option<String>>,
    /// Participants (replaces the list).
    #[schema(max_items = 1000)]
    pub participants: Option<Vec<ParticipantRequest>>,
}

/// A participant as stored.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ParticipantBody {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Zone.
    pub tz: String,
    /// `in_person` or `remote`.
    pub attendance: String,
    /// Whether the event needs them.
    pub required: bool,
    /// Their e-mail address: present only for an organiser of the event's region or an
    /// admin reading one event, or for this participant's own feed token (never in lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<wire::EmailText>)]
    pub email: Option<Private>,
    /// The language of their invitations, when one was given (English otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<wire::LanguageName>)]
    pub language: Option<String>,
}

/// A value the API carries but never prints (an e-mail address): its `Debug` shows nothing.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Private(pub String);

impl std::fmt::Debug for Private {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<private>")
    }
}

/// Links to an event's representations.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventLinks {
    /// This resource.
    #[serde(rename = "self")]
    pub this: String,
    /// Its iCalendar feed (https and webcal).
    pub subscribe: Subscribe,
}

/// An event linked to another by co-location, with its status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoLocatedEvent {
    /// Its id.
    pub id: Uuid,
    /// Its status: feeds name it in RELATED-TO only while they show it (a cancelled event
    /// leaves them).
    #[schema(value_type = wire::EventStatusName)]
    pub status: String,
}

/// An event as stored, with derived UTC instants.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventBody {
    /// Id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Kind.
    pub kind: String,
    /// Mode.
    pub mode: String,
    /// Status.
    pub status: String,
    /// Region.
    pub region: String,
    /// Group.
    pub group: Option<String>,
    /// Venue.
    pub venue_id: Option<Uuid>,
    /// Room.
    pub room_id: Option<Uuid>,
    /// Canonical zone.
    pub tz: String,
    /// Canonical local start.
    pub start: String,
    /// Canonical local end.
    pub end: String,
    /// Recurrence rule.
    pub rrule: Option<String>,
    /// The event it is held alongside.
    pub co_located_with: Option<Uuid>,
    /// Every event held alongside this one, in either direction (DESIGN §5: "and vice
    /// versa"), by id, each with its status: a cancelled one stays listed, marked `cancelled`.
    pub co_located: Vec<CoLocatedEvent>,
    /// Remote participation link.
    pub remote_url: Option<String>,
    /// Participants.
    pub participants: Vec<ParticipantBody>,
    /// Optimistic-concurrency version (also the ETag).
    pub version: i64,
    /// iCalendar SEQUENCE.
    pub sequence: i64,
    /// First occurrence start, UTC.
    pub starts_at: DateTime<Utc>,
    /// First occurrence end, UTC.
    pub ends_at: DateTime<Utc>,
    /// End of the last occurrence, UTC.
    pub last_ends_at: DateTime<Utc>,
    /// tz database version the instants were derived with.
    pub tzdata_version: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Links.
    pub links: EventLinks,
}

/// A page of events.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventPage {
    /// The events, by first start then id.
    pub items: Vec<EventBody>,
    /// Cursor for the next page, if there may be one.
    pub next_cursor: Option<String>,
    /// URL of the next page, if there may be one.
    pub next: Option<String>,
}

/// Filters of the event list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Region code.
    #[param(value_type = Option<wire::RegionCodeName>)]
    pub region: Option<String>,
    /// Group code.
    #[param(value_type = Option<wire::GroupCode>)]
    pub group: Option<String>,
    /// Venue id.
    #[param(value_type = Option<Uuid>)]
    pub venue_id: Option<String>,
    /// Comma-separated statuses (default `proposed,confirmed`).
    #[param(value_type = Option<Vec<wire::EventStatusName>>, style = Form, explode = false, min_items = 1)]
    pub status: Option<String>,
    /// Only events with an occurrence ending after this RFC 3339 instant.
    #[param(value_type = Option<wire::Instant>)]
    pub from: Option<String>,
    /// Only events with an occurrence starting before this RFC 3339 instant (after `from`).
    #[param(value_type = Option<wire::Instant>)]
    pub to: Option<String>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// Cursor from a previous page.
    pub cursor: Option<String>,
}

fn optional_text(
    value: Option<&String>,
    field: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let text = value?.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        errors.push(FieldError::said(
            field,
            Phrase::new(
                "invalid-text-too-long",
                format!("must be at most {max} characters"),
            )
            .count("max", max),
        ));
        return None;
    }
    Some(text.to_owned())
}

fn wire_enum<T: std::str::FromStr<Err = FieldError>>(
    text: &str,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    errors.take(text.parse::<T>().map_err(|e| e.under(field)))
}

fn group_code(text: Option<&str>, state: &AppState, errors: &mut FieldErrors) -> Option<String> {
    match text.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(code) if state.app.reference.group(code).is_some() => Some(code.to_owned()),
        Some(code) => {
            errors.push(FieldError::said(
                "group",
                Phrase::new(
                    "api-group-unknown-see-list",
                    format!("unknown group '{code}': see GET /api/v1/groups for the codes"),
                )
                .text("code", code),
            ));
            None
        }
    }
}

fn remote_url(text: Option<&String>, errors: &mut FieldErrors) -> Option<String> {
    let url = optional_text(text, "remote_url", 2000, errors)?;
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.chars().any(char::is_whitespace)
    {
        errors.push(FieldError::said(
            "remote_url",
            Phrase::new("api-not-http-url", format!("'{url}' is not an http(s) URL"))
                .text("value", url.clone()),
        ));
    }
    Some(url)
}

fn rrule_text(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
}

fn participant_specs(
    list: &[ParticipantRequest],
    errors: &mut FieldErrors,
) -> Vec<ParticipantSpec> {
    if list.len() > MAX_PARTICIPANTS {
        errors.push(FieldError::said(
            "participants",
            Phrase::new(
                "invalid-participants-max",
                format!("at most {MAX_PARTICIPANTS} participants"),
            )
            .count("max", MAX_PARTICIPANTS),
        ));
    }
    let mut specs = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let at = format!("participants[{i}]");
        let id = errors.take(ParticipantId::parse(&p.id).map_err(|e| e.under(&format!("{at}.id"))));
        if list.iter().take(i).any(|q| q.id == p.id) {
            errors.push(FieldError::said(
                format!("{at}.id"),
                Phrase::new(
                    "season-participant-twice",
                    format!("participant '{}' is listed twice", p.id),
                )
                .text("participant", p.id.clone()),
            ));
        }
        let tz = match &p.tz {
            Some(tz) => match Zone::parse(tz) {
                Ok(zone) => Some(Some(zone)),
                Err(e) => {
                    errors.push(e.under(&format!("{at}.tz")));
                    None
                }
            },
            None => Some(None),
        };
        let attendance = match p.attendance.as_deref() {
            Some(a) => wire_enum::<Attendance>(a, &format!("{at}.attendance"), errors).map(Some),
            None => Some(None),
        };
        let name = optional_text(p.name.as_ref(), &format!("{at}.name"), 200, errors);
        let email = match &p.email {
            Some(Private(text)) => errors
                .take(EmailAddress::parse(text).map_err(|e| e.under(&format!("{at}.email"))))
                .map(Some),
            None => Some(None),
        };
        let language = match p.language.as_deref() {
            Some(l) => wire_enum::<Language>(l, &format!("{at}.language"), errors).map(Some),
            None => Some(None),
        };
        if let (Some(id), Some(tz), Some(attendance), Some(email), Some(language)) =
            (id, tz, attendance, email, language)
        {
            specs.push(ParticipantSpec {
                id,
                name,
                tz,
                attendance,
                required: p.required.unwrap_or(true),
                email,
                language,
            });
        }
    }
    specs
}

/// The draft a new event's request describes (DESIGN §4), every invalid field named.
fn draft(request: &EventRequest, state: &AppState) -> Result<EventDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = errors.take(Title::parse(&request.title).map_err(|e| e.under("title")));
    let description = optional_text(
        request.description.as_ref(),
        "description",
        MAX_DESCRIPTION,
        &mut errors,
    );
    let kind = wire_enum::<EventKind>(&request.kind, "kind", &mut errors);
    let mode = wire_enum::<EventMode>(&request.mode, "mode", &mut errors);
    let status = wire_enum::<EventStatus>(
        request.status.as_deref().unwrap_or("confirmed"),
        "status",
        &mut errors,
    );
    let region = wire_enum::<RegionCode>(&request.region, "region", &mut errors);
    let group = group_code(request.group.as_deref(), state, &mut errors);
    if request.room_id.is_some() && request.venue_id.is_none() {
        errors.push(FieldError::said(
            "room_id",
            Phrase::new("api-room-needs-venue", "a room needs its venue_id"),
        ));
    }
    let zone = errors.take(Zone::parse(&request.tz).map_err(|e| e.under("tz")));
    let start = errors.take(parse_local_datetime(&request.start).map_err(|e| e.under("start")));
    let end = errors.take(parse_local_datetime(&request.end).map_err(|e| e.under("end")));
    let rrule = rrule_text(request.rrule.as_deref());
    let timing = match (zone, start, end) {
        (Some(zone), Some(start), Some(end)) => {
            match EventTiming::new(zone, start, end, rrule.as_deref()) {
                Ok(timing) => Some(timing),
                Err(list) => {
                    for e in list {
                        errors.push(e);
                    }
                    None
                }
            }
        }
        _ => None,
    };
    let remote_url = remote_url(request.remote_url.as_ref(), &mut errors);
    let specs = participant_specs(&request.participants, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    match (title, kind, mode, status, region, timing) {
        (Some(title), Some(kind), Some(mode), Some(status), Some(region), Some(timing)) => {
            Ok(EventDraft {
                title,
                description,
                kind,
                mode,
                status,
                region,
                group,
                venue_id: request.venue_id,
                room_id: request.room_id,
                co_located_with: request.co_located_with,
                remote_url,
                participants: specs
                    .into_iter()
                    .map(|p| p.resolve(timing.zone(), mode))
                    .collect(),
                timing,
            })
        }
        _ => Err(FieldError::said("", Phrase::new("api-invalid-event", "invalid event")).into()),
    }
}

/// The change a PATCH body describes, every invalid field named.
fn change(patch: EventPatch, state: &AppState) -> Result<EventChange, FieldErrors> {
    let mut errors = FieldErrors::default();
    let change = EventChange {
        title: patch
            .title
            .and_then(|t| errors.take(Title::parse(&t).map_err(|e| e.under("title")))),
        description: patch
            .description
            .map(|d| optional_text(d.as_ref(), "description", MAX_DESCRIPTION, &mut errors)),
        kind: patch.kind.and_then(|k| wire_enum(&k, "kind", &mut errors)),
        mode: patch.mode.and_then(|m| wire_enum(&m, "mode", &mut errors)),
        status: patch
            .status
            .and_then(|s| wire_enum(&s, "status", &mut errors)),
        region: patch
            .region
            .and_then(|r| wire_enum(&r, "region", &mut errors)),
        group: patch
            .group
            .map(|g| group_code(g.as_deref(), state, &mut errors)),
        venue_id: patch.venue_id,
        room_id: patch.room_id,
        tz: patch
            .tz
            .and_then(|z| errors.take(Zone::parse(&z).map_err(|e| e.under("tz")))),
        start: patch
            .start
            .and_then(|s| errors.take(parse_local_datetime(&s).map_err(|e| e.under("start")))),
        end: patch
            .end
            .and_then(|e| errors.take(parse_local_datetime(&e).map_err(|e| e.under("end")))),
        rrule: patch.rrule.map(|r| rrule_text(r.as_deref())),
        co_located_with: patch.co_located_with,
        remote_url: patch
            .remote_url
            .map(|u| remote_url(u.as_ref(), &mut errors)),
        participants: patch
            .participants
            .map(|list| participant_specs(&list, &mut errors)),
    };
    errors.finish(|| change)
}

/// Renders a stored event.
pub fn event_body(event: &Event, state: &AppState) -> EventBody {
    let base = state.settings.public_url();
    EventBody {
        id: event.id,
        title: event.title().to_owned(),
        description: event.draft.description.clone(),
        kind: event.draft.kind.as_str().to_owned(),
        mode: event.draft.mode.as_str().to_owned(),
        status: event.status().as_str().to_owned(),
        region: event.draft.region.code().to_owned(),
        group: event.draft.group.clone(),
        venue_id: event.draft.venue_id,
        room_id: event.draft.room_id,
        tz: event.zone().name().to_owned(),
        start: format_local_datetime(event.draft.timing.local_start()),
        end: format_local_datetime(event.draft.timing.local_end()),
        rrule: event.rrule().map(str::to_owned),
        co_located_with: event.draft.co_located_with,
        co_located: Vec::new(),
        remote_url: event.draft.remote_url.clone(),
        participants: event
            .draft
            .participants
            .iter()
            .map(|p| ParticipantBody {
                id: p.id.to_string(),
                name: p.name.clone(),
                tz: p.tz.name().to_owned(),
                attendance: p.attendance.as_str().to_owned(),
                required: p.required,
                email: None,
                language: p.language.map(|l| l.as_str().to_owned()),
            })
            .collect(),
        version: event.version,
        sequence: event.sequence,
        starts_at: event.instants.starts_at,
        ends_at: event.instants.ends_at,
        last_ends_at: event.instants.last_ends_at,
        tzdata_version: event.instants.tzdata_version.clone(),
        created_at: event.created_at,
        updated_at: event.updated_at,
        links: EventLinks {
            this: format!("{base}/api/v1/events/{}", event.id),
            subscribe: Subscribe::at(base, &format!("/feeds/events/{}.ics", event.id)),
        },
    }
}

/// Fills `co_located` of rendered events with one store query.
pub async fn link_co_located(state: &AppState, bodies: &mut [EventBody]) -> Result<(), ApiError> {
    let ids: Vec<Uuid> = bodies.iter().map(|b| b.id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let links = events::co_locations(&state.app, &ids).await?;
    for body in bodies.iter_mut() {
        let mut linked: Vec<CoLocatedEvent> = links
            .iter()
            .filter_map(|link| link.other_end(body.id))
            .map(|(id, status)| CoLocatedEvent {
                id,
                status: status.as_str().to_owned(),
            })
            .collect();
        linked.sort_by_key(|l| l.id);
        linked.dedup();
        body.co_located = linked;
    }
    Ok(())
}

/// A stored event rendered with its co-location links.
pub async fn linked_event_body(state: &AppState, event: &Event) -> Result<EventBody, ApiError> {
    let mut bodies = [event_body(event, state)];
    link_co_located(state, &mut bodies).await?;
    let [body] = bodies;
    Ok(body)
}

/// The event, with the participants' addresses `caller` may read (DESIGN §15: an admin or
/// an organiser of the event's region reads all, a participant's feed token its own).
async fn with_etag(
    status: StatusCode,
    event: &Event,
    state: &AppState,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let mut body = linked_event_body(state, event).await?;
    for (shown, stored) in body.participants.iter_mut().zip(&event.draft.participants) {
        if caller.reads_address_of(event, &stored.id) {
            shown.email = stored
                .email
                .as_ref()
                .map(|e| Private(e.expose().to_owned()));
        }
    }
    let mut response = (status, Json(body)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&version_etag(event.version)) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    Ok(response)
}

/// Creates an event. A confirmed event whose room is taken is refused with 409 and the
/// clashing events.
#[utoipa::path(
    post, path = "/api/v1/events", tag = "events",
    request_body = EventRequest,
    responses(
        (status = 201, description = "Created", body = EventBody),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Outside the token's regions", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Room already booked", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all)]
pub async fn create_event(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(request): ApiJson<EventRequest>,
) -> Result<Response, ApiError> {
    let event = events::create(&state.app, &caller, &draft(&request, &state)?).await?;
    let mut response = with_etag(StatusCode::CREATED, &event, &state, &caller).await?;
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/events/{}", event.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// One event; its `ETag` is its version, for `If-Match`. Participants' addresses are shown
/// to an organiser of its region or an admin, and a participant's own to the bearer of one
/// of their live private feed tokens (`Authorization: Bearer tdf_…`).
#[utoipa::path(
    get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "The event", body = EventBody),
        (status = 401, description = "An unknown or revoked token, or none while reads are private", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_event(
    State(state): State<AppState>,
    EventReader(caller): EventReader,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let public_reads = state.settings.auth.public_reads;
    let event = events::read(&state.app, &caller, path_id(&id, "event")?, public_reads).await?;
    with_etag(StatusCode::OK, &event, &state, &caller).await
}

fn encode_cursor(event: &Event) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "{}:{}",
        event.instants.starts_at.timestamp(),
        event.id
    ))
}

fn decode_cursor(text: &str) -> Result<EventCursor, ApiError> {
    let bad = || ApiError::from(field::bad_cursor());
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (ts, id) = text.split_once(':').ok_or_else(bad)?;
    Ok(EventCursor {
        starts_at: ts
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(bad)?,
        id: Uuid::parse_str(id).map_err(|_| bad())?,
    })
}

fn instant(text: Option<&String>, field: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    errors.take(parse_instant(text?, field))
}

/// Builds the store filter from query parameters.
pub fn event_filter(query: &EventQuery, state: &AppState) -> Result<EventFilter, ApiError> {
    let mut errors = FieldErrors::default();
    let region = query
        .region
        .as_deref()
        .and_then(|r| errors.take(r.parse::<RegionCode>().map_err(|e| e.under("region"))));
    if let Some(group) = &query.group {
        if state.app.reference.group(group).is_none() {
            errors.push(field::unknown_group("group", group));
        }
    }
    let venue_id = query.venue_id.as_deref().and_then(|v| {
        errors.take(Uuid::parse_str(v).map_err(|_| field::not_an_id("venue_id", v, "venue")))
    });
    let statuses = match &query.status {
        None => vec![EventStatus::Proposed, EventStatus::Confirmed],
        Some(list) => list
            .split(',')
            .filter_map(|s| {
                errors.take(
                    s.trim()
                        .parse::<EventStatus>()
                        .map_err(|e| e.under("status")),
                )
            })
            .collect(),
    };
    let from = instant(query.from.as_ref(), "from", &mut errors);
    let to = instant(query.to.as_ref(), "to", &mut errors);
    if let (Some(f), Some(t)) = (from, to) {
        if t <= f {
            errors.push(field::after("to", "from"));
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(EventFilter {
        region,
        group: query.group.clone(),
        venue_id,
        statuses,
        from,
        to,
        ..EventFilter::default()
    })
}

/// The URL of the page after `cursor`, with the same filters.
fn next_page(query: &EventQuery, limit: u32, cursor: &str, state: &AppState) -> String {
    let mut params: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            params.push((k.to_owned(), v.clone()));
        }
    };
    push("region", &query.region);
    push("group", &query.group);
    push("venue_id", &query.venue_id);
    push("status", &query.status);
    push("from", &query.from);
    push("to", &query.to);
    params.push(("limit".into(), limit.to_string()));
    params.push(("cursor".into(), cursor.to_owned()));
    let qs = serde_urlencoded::to_string(&params).unwrap_or_default();
    format!("{}/api/v1/events?{qs}", state.settings.public_url())
}

/// Events matching the filters, a page at a time (cursor pagination, by first start).
#[utoipa::path(
    get, path = "/api/v1/events", tag = "events",
    params(EventQuery),
    responses(
        (status = 200, description = "A page of events", body = EventPage),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_events(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(query): ApiQuery<EventQuery>,
) -> Result<Json<EventPage>, ApiError> {
    let filter = event_filter(&query, &state)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(field::between("limit", 1, MAX_PAGE).into());
    }
    let cursor = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let events = events::list(&state.app, &filter, cursor.as_ref(), limit).await?;
    let next_cursor = (events.len() == limit as usize)
        .then(|| events.last().map(encode_cursor))
        .flatten();
    let next = next_cursor
        .as_ref()
        .map(|c| next_page(&query, limit, c, &state));
    let mut items: Vec<EventBody> = events.iter().map(|e| event_body(e, &state)).collect();
    link_co_located(&state, &mut items).await?;
    Ok(Json(EventPage {
        items,
        next_cursor,
        next,
    }))
}

/// Changes an event. With `If-Match`, a stale version is refused with 412.
#[utoipa::path(
    patch, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = Uuid, Path, description = "Event id"), ("If-Match" = Option<String>, Header, description = "The ETag (version) read")),
    request_body = EventPatch,
    responses(
        (status = 200, description = "Updated", body = EventBody),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Room already booked", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn update_event(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(patch): ApiJson<EventPatch>,
) -> Result<Response, ApiError> {
    let change = change(patch, &state)?;
    let event = events::update(
        &state.app,
        &caller,
        path_id(&id, "event")?,
        expected,
        change,
    )
    .await?;
    with_etag(StatusCode::OK, &event, &state, &caller).await
}

/// Cancels an event: it stays stored (history, `include=cancelled`) and leaves feeds.
#[utoipa::path(
    delete, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = Uuid, Path, description = "Event id"), ("If-Match" = Option<String>, Header, description = "The ETag (version) read")),
    responses(
        (status = 200, description = "Cancelled", body = EventBody),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn cancel_event(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
) -> Result<Response, ApiError> {
    let event = events::cancel(&state.app, &caller, path_id(&id, "event")?, expected).await?;
    with_etag(StatusCode::OK, &event, &state, &caller).await
}
