//! Serving feeds: `text/calendar`, strong ETags, Last-Modified, 304s, HEAD, Cache-Control,
//! and gzip only for clients that ask for it.

use std::time::{Duration as StdDuration, UNIX_EPOCH};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tandem_core::time::parse_instant;
use tandem_core::{EventKind, FieldErrors, RegionCode};

use super::{build, FeedFilter, FeedScope, RenderedFeed};
use crate::api::reference::{no_group, no_region};
use crate::extract::{path_id, ApiQuery};
use crate::problem::{field, ApiError};
use crate::state::AppState;
use tandem_core::Phrase;

/// The feed routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/all.ics", get(all))
        .route("/feeds/regions/{file}", get(region))
        .route("/feeds/groups/{file}", get(group))
        .route("/feeds/venues/{file}", get(venue))
        .route("/feeds/events/{file}", get(event))
        .route("/feeds/private/{file}", get(private))
        .route("/feeds/freebusy/{file}", get(freebusy))
}

/// Query filters of every feed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedParams {
    /// Comma-separated kinds.
    pub kind: Option<String>,
    /// RFC 3339 instant.
    pub from: Option<String>,
    /// RFC 3339 instant.
    pub to: Option<String>,
    /// `proposed`, `cancelled` or both, comma-separated.
    pub include: Option<String>,
    /// The language of the texts tandem writes (calendar name and description, location
    /// lines, category names): one of the six; any other value gives the English feed.
    pub lang: Option<String>,
}

fn instant(text: Option<&String>, field: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    errors.take(parse_instant(text?, field))
}

fn filter(params: &FeedParams) -> Result<FeedFilter, ApiError> {
    let mut errors = FieldErrors::default();
    let mut kinds: Vec<EventKind> = params
        .kind
        .iter()
        .flat_map(|k| k.split(','))
        .filter_map(|k| errors.take(k.trim().parse::<EventKind>().map_err(|e| e.under("kind"))))
        .collect();
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    let mut out = FeedFilter {
        kinds,
        from: instant(params.from.as_ref(), "from", &mut errors),
        to: instant(params.to.as_ref(), "to", &mut errors),
        // Calendar apps fetch feeds unattended: a language tandem lacks falls back to the
        // default rather than failing the subscription.
        lang: tandem_i18n::Lang::choose(params.lang.as_deref(), None, None),
        ..FeedFilter::default()
    };
    for part in params.include.iter().flat_map(|i| i.split(',')) {
        match part.trim() {
            "proposed" => out.include_proposed = true,
            "cancelled" => out.include_cancelled = true,
            other => errors.push(field::one_of(
                "include",
                other,
                format!("unknown value '{other}': expected proposed, cancelled or both"),
                "proposed, cancelled",
            )),
        }
    }
    if let (Some(f), Some(t)) = (out.from, out.to) {
        if t <= f {
            errors.push(field::after("to", "from"));
        }
    }
    errors.finish(|| out).map_err(ApiError::from)
}

/// The `NAME` of `NAME.ics`, or 404.
fn stem(file: &str) -> Result<&str, ApiError> {
    file.strip_suffix(".ics")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::not_found(
                Phrase::new(
                    "problem-detail-no-feed-file",
                    format!("no feed '{file}': feed names end in .ics"),
                )
                .text("file", file),
            )
        })
}

/// True when the client lists gzip (or `*`) in Accept-Encoding with a non-zero quality.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let quality = parts
                .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
            (name.eq_ignore_ascii_case("gzip") || name == "*") && quality > 0.0
        })
}

fn not_modified(headers: &HeaderMap, etag: &str, last_modified: DateTime<Utc>) -> bool {
    if let Some(value) = headers.get(header::IF_NONE_MATCH) {
        let Ok(text) = value.to_str() else {
            return false;
        };
        return text
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag);
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
        .is_some_and(|since| {
            let modified = UNIX_EPOCH
                + StdDuration::from_secs(u64::try_from(last_modified.timestamp()).unwrap_or(0));
            modified <= since
        })
}

fn respond(feed: &RenderedFeed, headers: &HeaderMap, private: bool, max_age: u32) -> Response {
    let gzip = accepts_gzip(headers);
    let (body, etag) = if gzip {
        (feed.gzip.clone(), &feed.gzip_etag)
    } else {
        (feed.body.clone(), &feed.etag)
    };
    let last_modified = httpdate::fmt_http_date(
        UNIX_EPOCH
            + StdDuration::from_secs(u64::try_from(feed.last_modified.timestamp()).unwrap_or(0)),
    );
    let cache_control = format!(
        "{}, max-age={max_age}",
        if private { "private" } else { "public" }
    );
    let mut response = if not_modified(headers, etag, feed.last_modified) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = (StatusCode::OK, body).into_response();
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        );
        if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{}\"", feed.filename)) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        if gzip {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        r
    };
    let h = response.headers_mut();
    for (name, value) in [
        (header::ETAG, etag.as_str()),
        (header::LAST_MODIFIED, last_modified.as_str()),
        (header::CACHE_CONTROL, cache_control.as_str()),
        (header::VARY, "Accept-Encoding"),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    }
    response
}

/// Serves a feed from this instance's cache, building it when the data changed.
async fn serve(
    state: &AppState,
    scope: FeedScope,
    params: &FeedParams,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let filter = filter(params)?;
    let revision = state.app.store.revision().await?;
    let private = scope.is_private();
    let key = (scope, filter);
    let feed = state
        .feeds
        .get_or_build(
            key.clone(),
            revision.number,
            state.app.clock.today(),
            async {
                check_exists(state, &key.0).await?;
                let feed = build(state, &key.0, &key.1, revision).await?;
                state.metrics.feed_built();
                Ok::<_, ApiError>(feed)
            },
        )
        .await?;
    Ok(respond(
        &feed,
        headers,
        private,
        state.settings.feeds.max_age_seconds,
    ))
}

async fn check_exists(state: &AppState, scope: &FeedScope) -> Result<(), ApiError> {
    match scope {
        FeedScope::Venue(id) => state
            .app
            .store
            .venue(*id)
            .await
            .map(|_| ())
            .map_err(ApiError::from),
        FeedScope::Event(id) => state
            .app
            .store
            .event(*id)
            .await
            .map(|_| ())
            .map_err(ApiError::from),
        _ => Ok(()),
    }
}

async fn all(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    serve(&state, FeedScope::All, &params, &headers).await
}

async fn region(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let code = stem(&file)?;
    let region = code
        .parse::<RegionCode>()
        .map_err(|_| ApiError::not_found(no_region(code)))?;
    serve(&state, FeedScope::Region(region), &params, &headers).await
}

async fn group(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let code = stem(&file)?;
    if state.app.reference.group(code).is_none() {
        return Err(ApiError::not_found(no_group(code)));
    }
    serve(&state, FeedScope::Group(code.to_owned()), &params, &headers).await
}

async fn venue(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = path_id(stem(&file)?, "venue")?;
    serve(&state, FeedScope::Venue(id), &params, &headers).await
}

async fn event(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = path_id(stem(&file)?, "event")?;
    serve(&state, FeedScope::Event(id), &params, &headers).await
}

async fn private(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let participant = tandem_app::tokens::participant_of(&state.app, stem(&file)?).await?;
    serve(
        &state,
        FeedScope::Participant(participant),
        &params,
        &headers,
    )
    .await
}

async fn freebusy(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<FeedParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let participant = tandem_app::tokens::participant_of(&state.app, stem(&file)?).await?;
    serve(&state, FeedScope::FreeBusy(participant), &params, &headers).await
}
