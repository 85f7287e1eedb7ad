//! `/colocations`: pick an anchor meeting, describe the event to hold alongside it
//! (Resolution 21), see the ranked candidates with the clashes each would cause, and — signed
//! in — create the chosen one, linked to its anchor. Both steps are the use cases of
//! `tandem_app::colocations`, which `POST /api/v1/colocations/search` runs too.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use tandem_app::colocations::{self, CandidateClash, Candidates, ChosenCandidate};
use tandem_app::{events, AppError, Caller};
use tandem_core::clash::Severity;
use tandem_core::event::EventStatus;
use tandem_core::time::{format_local_datetime, parse_local_datetime};
use tandem_core::{EventKind, FieldError, FieldErrors, Title, Zone};
use tandem_store::EventFilter;
use tracing::instrument;
use uuid::Uuid;

use tower_sessions::Session;

use super::session::{forbidden_form, same_secret, signed_in, SignedIn};
use super::{html_response, local_span, page, refusal, PageError};
use crate::api::colocations::{query, ColocationRequest};
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

/// The search the form describes (through the API's own request checks).
fn search_request(
    form: &ProposalForm,
    (title, kind, days, gap, seats): (&str, &str, &str, &str, &str),
) -> Result<ColocationRequest, AppError> {
    let anchor = form.anchor.as_deref().unwrap_or_default();
    let anchor_event_id = Uuid::parse_str(anchor)
        .map_err(|_| AppError::field("anchor", format!("'{anchor}' is not an event id")))?;
    let any_placement = form.before.is_some() || form.after.is_some() || form.during.is_some();
    let placement = [
        ("before", &form.before),
        ("after", &form.after),
        ("during", &form.during),
    ]
    .into_iter()
    .filter(|(_, on)| !any_placement || on.is_some())
    .map(|(name, _)| name.to_owned())
    .collect();
    Ok(ColocationRequest {
        anchor_event_id,
        kind: kind.to_owned(),
        title: Some(title.to_owned()),
        group: None,
        mode: None,
        days: days.trim().parse::<u32>().ok(),
        duration_minutes: None,
        daily_hours: None,
        placement: Some(placement),
        max_gap_days: gap.trim().parse::<u32>().ok(),
        expected_attendance: seats.trim().parse::<u32>().ok(),
        participants: Vec::new(),
        limit: None,
    })
}

/// Runs the search of the form for `caller`.
async fn search(
    state: &AppState,
    caller: &Caller,
    request: Result<ColocationRequest, AppError>,
) -> Result<Candidates, AppError> {
    caller.require_read(state.settings.auth.public_reads)?;
    let query = query(&request?, state)?;
    colocations::search_colocations(&state.app, &query).await
}

/// `GET /colocations`.
#[instrument(skip_all)]
pub async fn colocations(
    State(state): State<AppState>,
    session: Session,
    Query(form): Query<ProposalForm>,
) -> Result<Response, PageError> {
    let user = signed_in(&state, &session).await?;
    let filter = EventFilter {
        from: Some(state.app.clock.now()),
        statuses: vec![EventStatus::Confirmed, EventStatus::Proposed],
        ..EventFilter::default()
    };
    let anchors = events::list(&state.app, &filter, None, 200).await?;
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
        .unwrap_or_else(|| "Regional workshop".to_owned());
    let kind = form.kind.clone().unwrap_or_else(|| "workshop".to_owned());
    let days = form.days.clone().unwrap_or_else(|| "2".to_owned());
    let gap = form.max_gap_days.clone().unwrap_or_else(|| "2".to_owned());
    let seats = form.expected_attendance.clone().unwrap_or_default();
    let any_placement = form.before.is_some() || form.after.is_some() || form.during.is_some();
    let placement = |p: &Option<String>| !searched || !any_placement || p.is_some();
    let (mut status, mut outcome) = (StatusCode::OK, html! {});
    if searched {
        let caller = Caller::from_token(user.as_ref().map(|u| u.token.clone()));
        let request = search_request(&form, (&title, &kind, &days, &gap, &seats));
        match search(&state, &caller, request).await {
            Ok(found) => outcome = candidates(&found, user.as_ref(), &form, &title, &kind),
            Err(e) => {
                let Some((code, text)) = refusal(&e) else {
                    return Err(e.into());
                };
                status = code;
                outcome = html! { div.errors role="alert" { p { (text) } } };
            }
        }
    }
    let body = html! {
        h1 { "Hold an event alongside another" }
        p.muted { "Resolution 21: workshops alongside regional group meetings, and vice versa. Candidates use the anchor's venue, its working days and free rooms." }
        form.planner method="get" action="/colocations" {
            label for="anchor" {
                "Anchor meeting"
                select id="anchor" name="anchor" required {
                    @for e in &anchors {
                        option value=(e.id) selected[form.anchor.as_deref() == Some(e.id.to_string().as_str())] {
                            (e.title) " — " (local_span(e.starts_at, e.ends_at, e.tz))
                        }
                    }
                }
            }
            div.row {
                label for="title" { "Title" input id="title" name="title" value=(title) required; }
                label for="kind" { "Kind" input id="kind" name="kind" value=(kind) list="kinds" required; }
                datalist id="kinds" { option value="workshop"; option value="meeting"; option value="conference"; option value="session"; }
            }
            div.row {
                label for="days" { "Working days" input id="days" name="days" type="number" min="1" max="10" value=(days) required; }
                label for="max_gap_days" { "Largest gap (working days)" input id="max_gap_days" name="max_gap_days" type="number" min="0" max="20" value=(gap); }
                label for="expected_attendance" { "Seats needed" input id="expected_attendance" name="expected_attendance" type="number" min="1" value=(seats); }
            }
            fieldset {
                legend { "Placement" }
                label.inline { input type="checkbox" name="before" value="on" checked[placement(&form.before)]; " before" }
                label.inline { input type="checkbox" name="after" value="on" checked[placement(&form.after)]; " after" }
                label.inline { input type="checkbox" name="during" value="on" checked[placement(&form.during)]; " during (parallel room)" }
            }
            div { button.button type="submit" { "Find dates" } }
        }
        (outcome)
    };
    Ok(html_response(status, page("Co-location", &body)))
}

fn candidates(
    found: &Candidates,
    user: Option<&SignedIn>,
    form: &ProposalForm,
    title: &str,
    kind: &str,
) -> Markup {
    html! {
        h2 { "Candidates" }
        @if found.candidates.is_empty() {
            p { (found.explanation.as_deref().unwrap_or("No candidate fits.")) }
        }
        ol.events {
            @for c in &found.candidates {
                li.candidate {
                    strong { (c.slot.placement.as_str()) } " · " (local_span(c.slot.at.start, c.slot.at.end, found.zone))
                    " " small { "(" (found.zone.name()) ")" }
                    br;
                    "Room " (c.room.name) " (" (c.room.capacity) " seats) · gap " (c.slot.gap_days) " working day(s)"
                    @if c.clashes.is_empty() {
                        " · " span.badge { "no clash" }
                    } @else {
                        ul {
                            @for CandidateClash { clash, .. } in &c.clashes {
                                li {
                                    span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] { (clash.severity.as_str()) }
                                    " " (clash.kind.as_str()) ": " (clash.detail)
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
                            input type="hidden" name="tz" value=(found.zone.name());
                            input type="hidden" name="start" value=(format_local_datetime(c.slot.local_start));
                            input type="hidden" name="end" value=(format_local_datetime(c.slot.local_end));
                            input type="hidden" name="room_id" value=(c.room.id);
                            " " button.button type="submit" { "Create this one" }
                        }
                    } @else {
                        " " a href="/signin?next=/colocations" { "Sign in to create it" }
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
    session: Session,
    Form(form): Form<CreateForm>,
) -> Result<Response, PageError> {
    let Some(user) = signed_in(&state, &session).await? else {
        return Ok(Redirect::to("/signin?next=/colocations").into_response());
    };
    if !same_secret(&user.csrf, &form.csrf) {
        return Ok(forbidden_form());
    }
    let caller = Caller::Token(user.token);
    match colocations::create_alongside(&state.app, &caller, chosen(&form)?).await {
        Ok(event) => Ok(Redirect::to(&format!("/events/{}", event.id)).into_response()),
        Err(e) => {
            let Some((status, text)) = refusal(&e) else {
                return Err(e.into());
            };
            Ok(html_response(
                status,
                page(
                    "Not created",
                    &html! {
                        h1 { "The event was not created" }
                        p { (text) }
                        p { a href="/colocations" { "Back to co-location" } }
                    },
                ),
            ))
        }
    }
}

/// The candidate the form names, every field checked.
fn chosen(form: &CreateForm) -> Result<ChosenCandidate, AppError> {
    let mut errors = FieldErrors::default();
    let anchor = errors.take(
        Uuid::parse_str(&form.anchor)
            .map_err(|_| FieldError::new("anchor", format!("no event '{}'", form.anchor))),
    );
    let title = errors.take(Title::parse(&form.title).map_err(|e| e.under("title")));
    let kind = errors.take(form.kind.parse::<EventKind>().map_err(|e| e.under("kind")));
    let tz = errors.take(Zone::parse(&form.tz).map_err(|e| e.under("tz")));
    let start = errors.take(parse_local_datetime(&form.start).map_err(|e| e.under("start")));
    let end = errors.take(parse_local_datetime(&form.end).map_err(|e| e.under("end")));
    let room_id =
        errors.take(Uuid::parse_str(&form.room_id).map_err(|_| {
            FieldError::new("room_id", format!("'{}' is not a room id", form.room_id))
        }));
    match (anchor, title, kind, tz, start, end, room_id) {
        (
            Some(anchor),
            Some(title),
            Some(kind),
            Some(tz),
            Some(start),
            Some(end),
            Some(room_id),
        ) => Ok(ChosenCandidate {
            anchor,
            title,
            kind,
            tz,
            start,
            end,
            room_id,
        }),
        _ => Err(errors.into()),
    }
}
