//! Server-rendered HTML pages (issue 7): the home page with upcoming events and subscribe
//! links, an event page, and the meeting planner that draws the window engine's answer as
//! inline SVG. No JavaScript: every page is plain HTML and GET forms; maud escapes every
//! piece of user text.

mod clashes;
mod colocation;
mod event;
mod home;
mod planner;
mod session;

pub use session::{layer as session_layer, DbSessions};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use maud::{html, Markup, DOCTYPE};
use tandem_core::Zone;

use crate::state::AppState;

/// The pages, mounted beside the API.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/events/{id}", get(event::event_page))
        .route("/planner", get(planner::planner))
        .route("/signin", get(session::signin_page).post(session::signin))
        .route("/signout", post(session::signout))
        .route("/clashes", get(clashes::dashboard))
        .route(
            "/colocations",
            get(colocation::colocations).post(colocation::create),
        )
        .route("/clashes/{id}/resolve", post(clashes::resolve))
        .route("/assets/tandem.css", get(stylesheet))
}

const STYLESHEET: &str = include_str!("tandem.css");

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// A whole page: the shared header and navigation around `body`.
fn page(title: &str, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · tandem" }
                link rel="stylesheet" href="/assets/tandem.css";
            }
            body {
                header.site {
                    a.brand href="/" { "tandem" }
                    nav aria-label="Main" {
                        a href="/" { "Events" }
                        a href="/planner" { "Planner" }
                        a href="/colocations" { "Co-location" }
                        a href="/clashes" { "Clashes" }
                        a href="/api/docs" { "API" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// An HTML answer with the right content type.
fn html_response(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

/// A page-level failure, shown as a page (not a problem document).
#[derive(Debug)]
enum PageError {
    NotFound(String),
    /// The change asked for was refused (invalid, forbidden, in conflict): its status and why.
    Refused(StatusCode, String),
    /// The database is busy (pool saturated) or unreachable: 503 with Retry-After, like the API.
    Unavailable(anyhow::Error),
    Internal(anyhow::Error),
}

impl From<tandem_store::StoreError> for PageError {
    fn from(e: tandem_store::StoreError) -> Self {
        tandem_app::AppError::from(e).into()
    }
}

/// The status and the words a page shows for a refused use case: the one mapping from the
/// application layer's errors to HTML. `None` for failures of tandem itself (busy, broken),
/// which get their own pages.
fn refusal(e: &tandem_app::AppError) -> Option<(StatusCode, String)> {
    use tandem_app::AppError;
    Some(match e {
        AppError::NotFound(what) => (StatusCode::NOT_FOUND, what.clone()),
        AppError::Invalid(errors) => (StatusCode::BAD_REQUEST, errors.to_string()),
        AppError::Unauthorized(why) => (StatusCode::UNAUTHORIZED, why.clone()),
        AppError::Forbidden(why) => (StatusCode::FORBIDDEN, why.clone()),
        AppError::Conflict(why) => (StatusCode::CONFLICT, why.clone()),
        AppError::RoomTaken(clashes) => {
            let names: Vec<String> = clashes.iter().map(|c| format!("'{}'", c.title)).collect();
            (
                StatusCode::CONFLICT,
                format!("the room is held at that time by {}", names.join(", ")),
            )
        }
        AppError::PreconditionFailed { .. } => (
            StatusCode::PRECONDITION_FAILED,
            "the event changed meanwhile: reload the page and try again".into(),
        ),
        AppError::Unreachable { field, message } => {
            (StatusCode::BAD_GATEWAY, format!("{field}: {message}"))
        }
        AppError::Unavailable(_) | AppError::Internal(_) => return None,
    })
}

impl From<tandem_app::AppError> for PageError {
    fn from(e: tandem_app::AppError) -> Self {
        use tandem_app::AppError;
        match (refusal(&e), e) {
            (_, AppError::NotFound(what)) => PageError::NotFound(what),
            (Some((status, why)), _) => PageError::Refused(status, why),
            (None, AppError::Unavailable(e)) => PageError::Unavailable(e),
            (None, e) => PageError::Internal(e.into()),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound(what) => html_response(
                StatusCode::NOT_FOUND,
                page(
                    "Not found",
                    &html! { h1 { "Not found" } p { (what) } p { a href="/" { "All events" } } },
                ),
            ),
            PageError::Refused(status, why) => html_response(
                status,
                page(
                    "Not done",
                    &html! { h1 { "That was not done" } p { (why) } p { a href="/" { "All events" } } },
                ),
            ),
            PageError::Unavailable(e) => {
                tracing::warn!(error = ?e, "database unavailable");
                let mut response = html_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    page(
                        "Busy",
                        &html! { h1 { "tandem is busy" } p { "The database is busy or unreachable; please try again in a moment." } },
                    ),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from_static("2"));
                response
            }
            PageError::Internal(e) => {
                tracing::error!(error = ?e, "page failed");
                html_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    page(
                        "Error",
                        &html! { h1 { "Something went wrong" } p { "The error was logged; please try again." } },
                    ),
                )
            }
        }
    }
}

/// `instant` as a wall-clock time in `zone`: "Tue 9 Mar 2027, 09:00".
fn local_time(instant: DateTime<Utc>, zone: Zone) -> String {
    instant
        .with_timezone(&zone)
        .format("%a %-d %b %Y, %H:%M")
        .to_string()
}

/// The abbreviation or offset of `zone` at `instant` ("CET", "+0545").
fn zone_label(instant: DateTime<Utc>, zone: Zone) -> String {
    instant.with_timezone(&zone).format("%Z").to_string()
}

/// An interval as local times in `zone`, omitting the end's date when it is the same day.
fn local_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Zone) -> String {
    let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
    if s.date_naive() == e.date_naive() {
        format!(
            "{} – {} {}",
            local_time(start, zone),
            e.format("%H:%M"),
            e.format("%Z")
        )
    } else {
        format!(
            "{} – {} {}",
            local_time(start, zone),
            local_time(end, zone),
            e.format("%Z")
        )
    }
}

/// A pair of subscribe links (webcal:// and https) for the feed at `path`.
fn subscribe_links(state: &AppState, path: &str, label: &str) -> Markup {
    let https = format!("{}{path}", state.settings.public_url());
    let webcal = crate::api::feed_tokens::webcal(&https);
    html! {
        span.subscribe {
            a.button href=(webcal) rel="nofollow" aria-label={ "Subscribe to " (label) " in your calendar app" } { "Subscribe" }
            " "
            a.button.secondary href=(https) rel="nofollow" aria-label={ (label) " feed over https" } { "https feed" }
        }
    }
}
