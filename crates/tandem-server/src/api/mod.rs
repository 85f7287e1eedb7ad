//! The JSON API under `/api/v1`, its OpenAPI document and its browsable docs.

pub mod calendars;
pub mod clashes;
pub mod colocations;
pub mod deliveries;
pub mod events;
pub mod feed_tokens;
pub mod operations;
pub mod reference;
mod responses;
pub mod seasons;
pub mod venues;
pub mod windows;
pub mod wire;

use std::collections::BTreeMap;

use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use crate::state::AppState;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tandem",
        description = "Meeting coordination across time zones for ITU regional offices, regional \
                       organisations and the regional groups of ITU study groups.",
    ),
    modifiers(&BearerAuth),
    // The vocabularies that query parameters name: utoipa collects a body's schemas on its
    // own, not those of parameters.
    components(schemas(
        wire::ZoneName,
        wire::RegionCodeName,
        wire::GroupCode,
        wire::EventStatusName,
        wire::Instant,
        wire::SeverityName,
        wire::ClashTypeName,
        reference::GroupKindName,
    )),
    tags(
        (name = "events", description = "Meetings, workshops, conferences and sessions"),
        (name = "venues", description = "Venues and rooms"),
        (name = "windows", description = "The best meeting windows across time zones"),
        (name = "colocations", description = "Dates for an event held alongside another (Resolution 21)"),
        (name = "seasons", description = "Season planning: a whole season placed at once, co-located (Resolution 21)"),
        (name = "clashes", description = "Clashes between events, with suggestions, and their resolution"),
        (name = "calendars", description = "External calendars imported for the window search"),
        (name = "feeds", description = "Private iCalendar feed tokens; the feeds themselves are under /feeds"),
        (name = "reference", description = "ITU regions, offices, organisations and groups"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
struct ApiDoc;

/// The routes of the API with their documentation, one entry per path.
fn operations() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(events::create_event, events::list_events),
        routes!(
            events::get_event,
            events::update_event,
            events::cancel_event
        ),
        routes!(deliveries::list_deliveries),
        routes!(venues::create_venue, venues::list_venues),
        routes!(venues::get_venue),
        routes!(windows::search_windows),
        routes!(calendars::create_calendar, calendars::list_calendars),
        routes!(calendars::get_calendar, calendars::delete_calendar),
        routes!(calendars::refresh_calendar),
        routes!(
            feed_tokens::create_feed_token,
            feed_tokens::list_feed_tokens
        ),
        routes!(feed_tokens::rotate_feed_token),
        routes!(feed_tokens::revoke_feed_token),
        routes!(colocations::search_colocations),
        routes!(seasons::plan_season),
        routes!(clashes::list_clashes),
        routes!(clashes::get_clash),
        routes!(clashes::resolve_clash),
        routes!(reference::list_regions),
        routes!(reference::get_region),
        routes!(reference::list_offices),
        routes!(reference::list_organizations),
        routes!(reference::list_groups),
        routes!(reference::get_group),
        routes!(operations::healthz),
        routes!(operations::readyz),
    ]
}

/// The API router and its OpenAPI document, built from the handlers' annotations, with the
/// answers every handler shares (see `responses`) added to each operation.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut openapi) = operations()
        .into_iter()
        .fold(
            OpenApiRouter::with_openapi(ApiDoc::openapi()),
            OpenApiRouter::routes,
        )
        .split_for_parts();
    responses::document_shared(&mut openapi);
    (router, openapi)
}

/// Schema names that two different schemas use. The document keeps one schema per name, so
/// every other user of the name would point at the wrong schema; this is empty.
pub fn schema_name_collisions() -> Vec<String> {
    let mut seen: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    let mut collisions = Vec::new();
    for (schemas, _, _) in operations() {
        for (name, schema) in schemas {
            let schema = serde_json::to_value(&schema).unwrap_or_default();
            match seen.get(&name) {
                Some(known) if *known != schema && !collisions.contains(&name) => {
                    collisions.push(name);
                }
                Some(_) => {}
                None => {
                    seen.insert(name, schema);
                }
            }
        }
    }
    collisions
}

const SWAGGER_JS: &[u8] = include_bytes!("../../assets/swagger-ui/swagger-ui-bundle.js");
const SWAGGER_CSS: &[u8] = include_bytes!("../../assets/swagger-ui/swagger-ui.css");

const DOCS_PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tandem API console</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<p><a href="/api/docs">The API reference</a> lists the same operations as a page of tandem's own, in six languages.</p>
<div id="swagger-ui"></div>
<noscript>The interactive documentation needs JavaScript; the OpenAPI document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
</script>
</body>
</html>
"##;

/// The interactive console (Swagger UI, from vendored assets only) at `/api/docs/console`,
/// and the OpenAPI document; the reference page at `/api/docs` is one of the pages.
pub fn docs_router(openapi: &utoipa::openapi::OpenApi) -> Router<AppState> {
    let json = openapi.to_json().unwrap_or_else(|_| "{}".to_owned());
    Router::new()
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], json) }
            }),
        )
        .route("/api/docs/console", get(|| async { Html(DOCS_PAGE) }))
        .route(
            "/api/docs/swagger-ui-bundle.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=86400"),
                    ],
                    SWAGGER_JS,
                )
                    .into_response()
            }),
        )
        .route(
            "/api/docs/swagger-ui.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=86400"),
                    ],
                    SWAGGER_CSS,
                )
                    .into_response()
            }),
        )
}
