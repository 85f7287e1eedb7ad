//! Server-rendered HTML pages (issue 7): the home page with upcoming events and subscribe
//! links, an event page, and the meeting planner that draws the window engine's answer as
//! inline SVG. No JavaScript: every page is plain HTML and GET forms; maud escapes every
//! piece of user text.

mod api_docs;
mod clashes;
mod colocation;
mod event;
mod home;
mod i18n;
mod planner;
mod season;
mod session;

pub use session::{layer as session_layer, DbSessions};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use tandem_i18n::Lang;

use i18n::{local_span, m, t, zone_label, zone_name};

use crate::state::AppState;

/// The pages, mounted beside the API; `openapi` is the API's document, for its reference
/// page.
pub fn router(openapi: &utoipa::openapi::OpenApi) -> Router<AppState> {
    let reference = api_docs::reference(std::sync::Arc::new(
        serde_json::to_value(openapi).unwrap_or_default(),
    ));
    Router::new()
        .route("/api/docs", get(reference.clone()))
        .route("/api/docs/", get(reference))
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
        .route("/seasons", get(season::seasons).post(season::plan))
        .route("/seasons/apply", post(season::apply))
        .route("/assets/tandem.css", get(stylesheet))
        .route("/language", get(i18n::switch_language))
        .layer(axum::middleware::from_fn(i18n::choose_language))
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

/// A whole page in the reader's language: the shared header, navigation and language
/// switcher around `body`.
fn page(title: &str, body: &Markup) -> Markup {
    let lang = i18n::lang();
    let here = i18n::here();
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.direction().as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (t!("page-title", title = title)) }
                link rel="stylesheet" href="/assets/tandem.css";
            }
            body {
                a.skip href="#content" { (t!("skip-to-content")) }
                header.site {
                    a.brand href="/" lang="en" dir="ltr" { "tandem" }
                    nav aria-label=(t!("nav-main")) {
                        a href="/" { (t!("nav-events")) }
                        a href="/planner" { (t!("nav-planner")) }
                        a href="/colocations" { (t!("nav-colocation")) }
                        a href="/seasons" { (t!("nav-season")) }
                        a href="/clashes" { (t!("nav-clashes")) }
                        a href="/api/docs" { (t!("nav-api")) }
                    }
                    nav.languages aria-label=(t!("language-switcher")) {
                        @for other in Lang::ALL {
                            @let href = format!(
                                "/language?{}",
                                form_urlencoded::Serializer::new(String::new())
                                    .append_pair("lang", other.tag())
                                    .append_pair("next", &here)
                                    .finish()
                            );
                            a href=(href) lang=(other.tag()) hreflang=(other.tag())
                                dir=(other.direction().as_str())
                                aria-current=[(other == lang).then_some("true")] {
                                (other.message("language-self"))
                            }
                        }
                    }
                }
                main id="content" tabindex="-1" { (body) }
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
    use crate::problem::phrase_text;
    use tandem_app::AppError;
    let lang = i18n::lang();
    Some(match e {
        AppError::NotFound(what) => (StatusCode::NOT_FOUND, phrase_text(lang, what)),
        AppError::Invalid(errors) => {
            // Each field's message in the page's language where the code phrased it.
            let lines: Vec<String> = errors
                .0
                .iter()
                .map(|e| {
                    let message = e
                        .phrase
                        .as_ref()
                        .map_or_else(|| e.message.clone(), |p| phrase_text(lang, p));
                    if e.field.is_empty() {
                        message
                    } else {
                        format!("{}: {message}", e.field)
                    }
                })
                .collect();
            (StatusCode::BAD_REQUEST, lines.join("; "))
        }
        AppError::Unauthorized(why) => (StatusCode::UNAUTHORIZED, phrase_text(lang, why)),
        AppError::Forbidden(why) => (StatusCode::FORBIDDEN, phrase_text(lang, why)),
        AppError::Conflict(why) => (StatusCode::CONFLICT, phrase_text(lang, why)),
        AppError::RoomTaken(clashes) => {
            let names: Vec<String> = clashes.iter().map(|c| format!("'{}'", c.title)).collect();
            (
                StatusCode::CONFLICT,
                lang.message_with(
                    "problem-detail-room-held",
                    &[(
                        "events",
                        tandem_i18n::Arg::from(names.join(&lang.message("list-separator"))),
                    )],
                ),
            )
        }
        AppError::PreconditionFailed { .. } => (
            StatusCode::PRECONDITION_FAILED,
            lang.message("refused-changed-meanwhile"),
        ),
        AppError::Unreachable { field, reason } => (
            StatusCode::BAD_GATEWAY,
            format!("{field}: {}", phrase_text(lang, reason)),
        ),
        AppError::Unavailable(_) | AppError::Internal(_) => return None,
    })
}

impl From<tandem_app::AppError> for PageError {
    fn from(e: tandem_app::AppError) -> Self {
        use tandem_app::AppError;
        match (refusal(&e), e) {
            (_, AppError::NotFound(what)) => PageError::NotFound(what.to_string()),
            (Some((status, why)), _) => PageError::Refused(status, why),
            (None, AppError::Unavailable(e)) => PageError::Unavailable(e),
            (None, e) => PageError::Internal(e.into()),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound(what) => {
                tracing::debug!(%what, "page not found");
                html_response(
                    StatusCode::NOT_FOUND,
                    page(
                        &t!("not-found-title"),
                        &html! {
                            h1 { (t!("not-found-title")) }
                            p { (t!("not-found-text")) }
                            p { a href="/" { (t!("not-found-back")) } }
                        },
                    ),
                )
            }
            PageError::Refused(status, why) => html_response(
                status,
                page(
                    &t!("refused-title"),
                    &html! {
                        h1 { (t!("refused-heading")) }
                        p { (why) }
                        p { a href="/" { (t!("not-found-back")) } }
                    },
                ),
            ),
            PageError::Unavailable(e) => {
                tracing::warn!(error = ?e, "database unavailable");
                let mut response = html_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    page(
                        &t!("busy-title"),
                        &html! { h1 { (t!("busy-heading")) } p { (t!("busy-text")) } },
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
                        &t!("error-title"),
                        &html! { h1 { (t!("error-heading")) } p { (t!("error-text")) } },
                    ),
                )
            }
        }
    }
}

/// A pair of subscribe links (webcal:// and https) for the feed at `path`, in the page's
/// language (`?lang=`, none for English); `label` names the feed in it ("region AFR").
fn subscribe_links(state: &AppState, path: &str, label: &str) -> Markup {
    let lang = i18n::lang();
    let https = if lang == Lang::default() {
        format!("{}{path}", state.settings.public_url())
    } else {
        let separator = if path.contains('?') { '&' } else { '?' };
        format!(
            "{}{path}{separator}lang={}",
            state.settings.public_url(),
            lang.tag()
        )
    };
    let webcal = crate::api::feed_tokens::webcal(&https);
    html! {
        span.subscribe {
            a.button href=(webcal) rel="nofollow" aria-label=(t!("subscribe-label", feed = label)) { (t!("subscribe")) }
            " "
            a.button.secondary href=(https) rel="nofollow" aria-label=(t!("subscribe-https-label", feed = label)) { (t!("subscribe-https")) }
        }
    }
}

/// A name of the reference data's enumerations in the page's language ("kind-workshop").
fn term(prefix: &str, value: &str) -> String {
    t!(&format!("{prefix}-{value}"))
}
