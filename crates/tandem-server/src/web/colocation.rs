//! `/colocations`: pick an anchor meeting, describe the event to hold alongside it
//! (Resolution 21), see the ranked candidates with the clashes each would cause, and — signed
//! in — create the chosen one, linked to its anchor. Both steps go through the API's own
//! handlers, so the page and `POST /api/v1/colocations/search` / `POST /api/v1/events` agree.

use std::fmt::Write as _;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::json;
use tandem_core::event::EventStatus;
use tandem_store::EventFilter;
use tracing::instrument;

use super::i18n::{isolate, lang};
use super::session::{forbidden_form, same_secret, signed_in, SignedIn};
use super::{html_response, local_span, m, page, t, term, PageError};
use crate::api::colocations::{search_colocations, ColocationResponse};
use crate::api::events::create_event;
use crate::auth::{Authenticated, Caller, Reader};
use crate::extract::ApiJson;
use crate::problem::ApiError;
use crate::state::AppState;

/// The proposal form (GET: it only reads).
#[derive(Debug, Default, Deserialize)]
pub struct ProposalForm {
    anchor: Option<String>,
    title: Option<String>,
    kind: Option<String>,
    days: Option<String>,
    max_gap_days: Option<String>,
    expected_attendance: Option<String>,
    before: Option<String>,
    after: Option<String>,
    during: Option<String>,
}

fn problem_text(e: &ApiError) -> (StatusCode, String) {
    if let ApiError::Internal(inner) = e {
        tracing::error!(error = ?inner, "a co-location page request failed");
    }
    let problem = e.problem();
    let mut text = problem.detail;
    for field in problem.errors {
        if !text.contains(&field.message) {
            let _ = write!(text, "; {}: {}", field.field, field.message);
        }
    }
    (
        StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        text,
    )
}

/// `GET /colocations`.
#[instrument(skip_all)]
pub async fn colocations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<ProposalForm>,
) -> Result<Response, PageError> {
    let user = signed_in(&state, &headers).await?;
    let anchors = state
        .store
        .events(
            &EventFilter {
                from: Some(state.clock.now()),
                statuses: vec![EventStatus::Confirmed, EventStatus::Proposed],
                ..EventFilter::default()
            },
            None,
            200,
        )
        .await?;
    // An organiser can only create events in their regions, which are the anchor's.
    let mine = |e: &tandem_store::Event| {
        user.as_ref().is_none_or(|u| {
            u.token.role != tandem_store::Role::Organiser || u.token.regions.contains(&e.region)
        })
    };
    let anchors: Vec<_> = anchors
        .into_iter()
        .filter(|e| e.venue_id.is_some() && mine(e))
        .collect();
    let searched = form.anchor.as_deref().is_some_and(|a| !a.is_empty());
    let title = form
        .title
        .clone()
        .unwrap_or_else(|| t!("coloc-default-title"));
    let kind = form.kind.clone().unwrap_or_else(|| "workshop".to_owned());
    let days = form.days.clone().unwrap_or_else(|| "2".to_owned());
    let gap = form.max_gap_days.clone().unwrap_or_else(|| "2".to_owned());
    let seats = form.expected_attendance.clone().unwrap_or_default();
    let any_placement = form.before.is_some() || form.after.is_some() || form.during.is_some();
    let placement = |p: &Option<String>| !searched || !any_placement || p.is_some();
    let (mut status, mut outcome) = (StatusCode::OK, html! {});
    if searched {
        let mut placements = Vec::new();
        for (name, on) in [
            ("before", &form.before),
            ("after", &form.after),
            ("during", &form.during),
        ] {
            if !any_placement || on.is_some() {
                placements.push(name);
            }
        }
        let mut request = json!({
            "anchor_event_id": form.anchor,
            "kind": kind,
            "title": title,
            "days": days.trim().parse::<u32>().ok(),
            "max_gap_days": gap.trim().parse::<u32>().ok(),
            "placement": placements,
        });
        if let (Ok(seats), Some(fields)) = (seats.trim().parse::<u32>(), request.as_object_mut()) {
            fields.insert("expected_attendance".to_owned(), json!(seats));
        }
        let caller = Caller(user.as_ref().map(|u| u.token.clone()));
        let answer = match serde_json::from_value(request) {
            Ok(request) => match caller.require_read(state.settings.auth.public_reads) {
                Ok(()) => {
                    search_colocations(State(state.clone()), Reader(caller), ApiJson(request))
                        .await
                        .map(|Json(r)| r)
                }
                Err(e) => Err(e),
            },
            Err(e) => Err(ApiError::field("anchor", e.to_string())),
        };
        match answer {
            Ok(found) => outcome = candidates(&found, user.as_ref(), &form, &title, &kind),
            Err(e) => {
                let (code, text) = problem_text(&e);
                status = code;
                outcome = html! { div.errors role="alert" { p { (text) } } };
            }
        }
    }
    let body = html! {
        h1 { (t!("coloc-heading")) }
        p.muted { (t!("coloc-intro")) }
        form.planner method="get" action="/colocations" {
            label for="anchor" {
                (t!("coloc-anchor"))
                select id="anchor" name="anchor" required {
                    @for e in &anchors {
                        option value=(e.id) selected[form.anchor.as_deref() == Some(e.id.to_string().as_str())] {
                            (isolate(&e.title)) " — " (isolate(&local_span(e.starts_at, e.ends_at, e.tz)))
                        }
                    }
                }
            }
            div.row {
                label for="title" { (t!("coloc-event-title")) input id="title" name="title" value=(title) required dir="auto"; }
                label for="kind" { (t!("coloc-kind")) input id="kind" name="kind" value=(kind) list="kinds" required; }
                datalist id="kinds" {
                    @for k in ["workshop", "meeting", "conference", "session"] {
                        option value=(k) { (term("kind", k)) }
                    }
                }
            }
            div.row {
                label for="days" { (t!("coloc-days")) input id="days" name="days" type="number" min="1" max="10" value=(days) required; }
                label for="max_gap_days" { (t!("coloc-gap")) input id="max_gap_days" name="max_gap_days" type="number" min="0" max="20" value=(gap); }
                label for="expected_attendance" { (t!("coloc-seats")) input id="expected_attendance" name="expected_attendance" type="number" min="1" value=(seats); }
            }
            fieldset {
                legend { (t!("coloc-placement")) }
                label.inline { input type="checkbox" name="before" value="on" checked[placement(&form.before)]; " " (term("placement", "before")) }
                label.inline { input type="checkbox" name="after" value="on" checked[placement(&form.after)]; " " (term("placement", "after")) }
                label.inline { input type="checkbox" name="during" value="on" checked[placement(&form.during)]; " " (term("placement", "during")) }
            }
            @if lang() != tandem_i18n::Lang::default() {
                input type="hidden" name="lang" value=(lang().tag());
            }
            div { button.button type="submit" { (t!("coloc-submit")) } }
        }
        (outcome)
    };
    Ok(html_response(status, page(&t!("coloc-title"), &body)))
}

fn candidates(
    found: &ColocationResponse,
    user: Option<&SignedIn>,
    form: &ProposalForm,
    title: &str,
    kind: &str,
) -> Markup {
    html! {
        h2 { (t!("coloc-candidates")) }
        @if found.candidates.is_empty() {
            @if let Some(why) = found.explanation.as_deref() {
                p lang="en" { (why) }
            } @else {
                p { (t!("coloc-no-candidate")) }
            }
        }
        ol.events {
            @for c in &found.candidates {
                li.candidate {
                    strong { (term("placement", &c.placement)) } " · " bdi { (local_span(c.starts_at, c.ends_at, tandem_core::Zone::parse(&c.tz).unwrap_or(tandem_core::Zone::UTC))) }
                    " " small { "(" bdi dir="ltr" { (c.tz) } ")" }
                    br;
                    (m!("coloc-room", room = &c.room.name, seats = t!("seats", count = c.room.capacity)))
                    " · " (t!("coloc-gap-days", days = c.gap_days))
                    @if c.clashes.is_empty() {
                        " · " span.badge { (t!("coloc-no-clash")) }
                    } @else {
                        ul {
                            @for clash in &c.clashes {
                                li {
                                    span.badge.hard[clash.severity == "hard"].soft[clash.severity == "soft"] { (term("severity", &clash.severity)) }
                                    " " (term("clash", &clash.kind)) ": " bdi lang="en" { (clash.detail) }
                                }
                            }
                        }
                    }
                    @if let Some(user) = user {
                        form.resolve method="post" action="/colocations" {
                            input type="hidden" name="csrf" value=(user.csrf);
                            input type="hidden" name="anchor" value=(form.anchor.as_deref().unwrap_or_default());
                            input type="hidden" name="title" value=(title);
                            input type="hidden" name="kind" value=(kind);
                            input type="hidden" name="tz" value=(c.tz);
                            input type="hidden" name="start" value=(c.start);
                            input type="hidden" name="end" value=(c.end);
                            input type="hidden" name="room_id" value=(c.room.id);
                            " " button.button type="submit" { (t!("coloc-create")) }
                        }
                    } @else {
                        " " a href="/signin?next=/colocations" { (t!("coloc-signin")) }
                    }
                }
            }
        }
    }
}

/// The chosen candidate, as posted.
#[derive(Debug, Deserialize)]
pub struct CreateForm {
    csrf: String,
    anchor: String,
    title: String,
    kind: String,
    tz: String,
    start: String,
    end: String,
    room_id: String,
}

/// `POST /colocations`: creates the chosen event, linked to its anchor.
#[instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CreateForm>,
) -> Result<Response, PageError> {
    let Some(user) = signed_in(&state, &headers).await? else {
        return Ok(Redirect::to("/signin?next=/colocations").into_response());
    };
    if !same_secret(&user.csrf, &form.csrf) {
        return Ok(forbidden_form());
    }
    let anchor = uuid::Uuid::parse_str(&form.anchor)
        .map_err(|_| PageError::NotFound(format!("no event '{}'", form.anchor)))?;
    let anchor = state.store.event(anchor).await?;
    let request = json!({
        "title": form.title, "kind": form.kind, "mode": "in_person", "status": "confirmed",
        "region": anchor.region.code(), "venue_id": anchor.venue_id, "room_id": form.room_id,
        "tz": form.tz, "start": form.start, "end": form.end, "co_located_with": anchor.id,
    });
    let answer = match serde_json::from_value(request) {
        Ok(request) => {
            create_event(
                State(state.clone()),
                Authenticated(Caller(Some(user.token))),
                ApiJson(request),
            )
            .await
        }
        Err(e) => Err(ApiError::field("event", e.to_string())),
    };
    let (status, text) = match answer {
        Ok(response) => {
            let id = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| l.rsplit('/').next())
                .map(str::to_owned);
            if let Some(id) = id {
                return Ok(Redirect::to(&format!("/events/{id}")).into_response());
            }
            (response.status(), "created".to_owned())
        }
        Err(e) => problem_text(&e),
    };
    Ok(html_response(
        status,
        page(
            &t!("coloc-not-created-title"),
            &html! {
                h1 { (t!("coloc-not-created-heading")) }
                p { (text) }
                p { a href="/colocations" { (t!("coloc-back")) } }
            },
        ),
    ))
}
