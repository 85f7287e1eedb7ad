//! `/api/v1/venues`: venues with their rooms.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::{
    CountryCode, FieldError, FieldErrors, GeoPoint, Phrase, RoomDraft, Title, VenueDraft,
    WeekdaySet, Zone,
};
use tandem_store::Venue;
use tracing::instrument;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::feed_tokens::Subscribe;
use crate::api::wire;
use crate::auth::{Authenticated, Reader};
use crate::extract::{path_id, ApiJson};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// A room to create with its venue.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomRequest {
    /// Name, unique within the venue (whatever the case).
    #[schema(value_type = wire::ShortNameText)]
    pub name: String,
    /// Seats (1–100000).
    #[schema(minimum = 1, maximum = 100_000)]
    pub capacity: i64,
}

/// A point on the earth (WGS 84 degrees).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GeoBody {
    /// Latitude, −90 to 90.
    #[schema(minimum = -90.0, maximum = 90.0)]
    pub lat: f64,
    /// Longitude, −180 to 180.
    #[schema(minimum = -180.0, maximum = 180.0)]
    pub lon: f64,
}

/// A new venue (DESIGN §4).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VenueRequest {
    /// Name.
    #[schema(value_type = wire::TitleText)]
    pub name: String,
    /// City.
    #[schema(value_type = wire::ShortNameText)]
    pub city: String,
    /// ISO 3166-1 alpha-2 country code (either case).
    #[schema(pattern = "^[A-Za-z]{2}$", min_length = 2, max_length = 2)]
    pub country: String,
    /// IANA zone.
    #[schema(value_type = wire::ZoneName)]
    pub tz: String,
    /// Days closed every week (default `["sat","sun"]`); at least one day stays open.
    #[serde(default)]
    #[schema(value_type = Option<std::collections::BTreeSet<wire::WeekdayName>>, max_items = 6)]
    pub weekend: Option<Vec<String>>,
    /// Holiday calendar code (default: the country's, when one is bundled).
    #[serde(default)]
    #[schema(value_type = Option<wire::HolidayCalendarCode>)]
    pub holiday_calendar: Option<String>,
    /// Rooms, each name once.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub rooms: Vec<RoomRequest>,
    /// Where it is (shown as GEO in feeds).
    #[serde(default)]
    pub geo: Option<GeoBody>,
}

/// A room as stored.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoomBody {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// A venue as stored.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VenueBody {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Country code.
    pub country: String,
    /// Zone.
    pub tz: String,
    /// Days closed every week.
    pub weekend: Vec<String>,
    /// Holiday calendar code.
    pub holiday_calendar: Option<String>,
    /// Rooms.
    pub rooms: Vec<RoomBody>,
    /// Where it is.
    pub geo: Option<GeoBody>,
    /// Its iCalendar feed.
    pub subscribe: Subscribe,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// Renders a stored venue.
pub fn venue_body(venue: &Venue, base: &str) -> VenueBody {
    VenueBody {
        id: venue.id,
        name: venue.name.clone(),
        city: venue.city.clone(),
        country: venue.country.clone(),
        tz: venue.tz.name().to_owned(),
        weekend: venue
            .weekend
            .names()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        holiday_calendar: venue.holiday_calendar.clone(),
        rooms: venue
            .rooms
            .iter()
            .map(|r| RoomBody {
                id: r.id,
                name: r.name.clone(),
                capacity: r.capacity,
            })
            .collect(),
        geo: venue.geo.map(|g| GeoBody {
            lat: g.lat,
            lon: g.lon,
        }),
        subscribe: Subscribe::at(base, &format!("/feeds/venues/{}.ics", venue.id)),
        created_at: venue.created_at,
        updated_at: venue.updated_at,
    }
}

/// Checks a venue request.
pub fn validate_venue(request: &VenueRequest, state: &AppState) -> Result<VenueDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = errors.take(Title::parse(&request.name).map_err(|e| e.under("name")));
    let city = errors.take(Title::parse_with_max(&request.city, 100).map_err(|e| e.under("city")));
    let country = errors.take(CountryCode::parse(&request.country).map_err(|e| e.under("country")));
    let tz = errors.take(Zone::parse(&request.tz).map_err(|e| e.under("tz")));
    let weekend = match &request.weekend {
        None => Some(WeekdaySet::SAT_SUN),
        Some(days) => errors.take(WeekdaySet::parse(days).map_err(|e| e.under("weekend"))),
    };
    let holiday_calendar = match request.holiday_calendar.as_deref() {
        Some(code) if state.app.holiday_calendars.contains(code) => Some(code.to_owned()),
        Some(code) => {
            let known = state
                .app
                .holiday_calendars
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            errors.push(FieldError::said(
                "holiday_calendar",
                Phrase::new(
                    "api-no-holiday-calendar",
                    format!("no bundled holiday calendar '{code}': known codes are {known}"),
                )
                .text("code", code)
                .text("known", known),
            ));
            None
        }
        None => country
            .map(|c| c.as_str().to_owned())
            .filter(|c| state.app.holiday_calendars.contains(c)),
    };
    let geo = request
        .geo
        .and_then(|g| errors.take(GeoPoint::new(g.lat, g.lon).map_err(|e| e.under("geo"))));
    let mut rooms = Vec::with_capacity(request.rooms.len());
    for (i, room) in request.rooms.iter().enumerate() {
        match RoomDraft::new(&room.name, room.capacity) {
            Ok(r) => rooms.push(r),
            Err(list) => {
                for e in list.0 {
                    errors.push(e.under(&format!("rooms[{i}]")));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match (name, city, country, tz, weekend) {
        (Some(name), Some(city), Some(country), Some(tz), Some(weekend)) => VenueDraft {
            name,
            city,
            country,
            tz,
            weekend,
            holiday_calendar,
            rooms,
            geo,
        }
        .check(),
        _ => Err(FieldError::said("", Phrase::new("api-invalid-venue", "invalid venue")).into()),
    }
}

/// Creates a venue with its rooms (admins and organisers).
#[utoipa::path(
    post, path = "/api/v1/venues", tag = "venues",
    request_body = VenueRequest,
    responses(
        (status = 201, description = "Created", body = VenueBody),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewer token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all)]
pub async fn create_venue(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(request): ApiJson<VenueRequest>,
) -> Result<Response, ApiError> {
    caller.require_write(&[])?;
    let draft = validate_venue(&request, &state)?;
    let venue = state.app.store.create_venue(&draft).await?;
    let mut response = (
        StatusCode::CREATED,
        Json(venue_body(&venue, state.settings.public_url())),
    )
        .into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/venues/{}", venue.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Every venue.
#[utoipa::path(
    get, path = "/api/v1/venues", tag = "venues",
    responses((status = 200, description = "Venues by name", body = [VenueBody]))
)]
pub async fn list_venues(
    State(state): State<AppState>,
    _reader: Reader,
) -> Result<Json<Vec<VenueBody>>, ApiError> {
    Ok(Json(
        state
            .app
            .store
            .venues()
            .await?
            .iter()
            .map(|v| venue_body(v, state.settings.public_url()))
            .collect(),
    ))
}

/// One venue.
#[utoipa::path(
    get, path = "/api/v1/venues/{id}", tag = "venues",
    params(("id" = Uuid, Path, description = "Venue id")),
    responses(
        (status = 200, description = "The venue", body = VenueBody),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_venue(
    State(state): State<AppState>,
    _reader: Reader,
    Path(id): Path<String>,
) -> Result<Json<VenueBody>, ApiError> {
    let id = path_id(&id, "venue")?;
    Ok(Json(venue_body(
        &state.app.store.venue(id).await?,
        state.settings.public_url(),
    )))
}
