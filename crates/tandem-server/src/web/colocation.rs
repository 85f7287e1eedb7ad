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
use tandem_app::{AppError, Caller};
use tandem_core::clash::Severity;
use tandem_core::time::{format_local_datetime, parse_local_datetime};
use tandem_core::Event;
use tandem_core::{EventKind, FieldErrors, Title, Zone};
use tracing::instrument;
use uuid::Uuid;

use tower_sessions::Session;

use super::i18n::{isolate, lang};
use super::session::{posting, signed_in, SignedIn};
use super::{html_response, local_span, m, page, refusal, t, term, PageError};
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
fn search_request(form: &ProposalForm, fields: &Fields) -> Result<ColocationRequest, AppError> {
    let Fields {
        title,
        kind,
        days,
        gap,
        seats,
    } = fields;
    let anchor = form.anchor.as_deref().unwrap_or_default();
    let anchor_event_id = Uuid::parse_str(anchor)
        .map_err(|_| AppError::from(crate::problem::field::not_an_id("anchor", anchor, "event")))?;
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
        kind: kind.clone(),
        title: Some(title.clone()),
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
    let caller = Caller::from_token(user.as_ref().map(|u| u.token.clone()));
    let anchors = colocations::anchors(&state.app, &caller).await?;
    let fields = Fields::of(&form);
    let (mut status, mut outcome) = (StatusCode::OK, html! {});
    if form.anchor.as_deref().is_some_and(|a| !a.is_empty()) {
        let request = search_request(&form, &fields);
        match search(&state, &caller, request).await {
            Ok(found) => outcome = candidates(&found, user.as_ref(), &form, &fields),
            Err(e) => {
                let Some((code, text)) = refusal(&e) else {
                    return Err(e.into());
                };
                status = code;
                outcome = html! { div.errors role="alert" { p { (text) } } };
            }
        }
    }
    let body = proposal(&form, &fields, &anchors, &outcome);
    Ok(html_response(status, page(&t!("coloc-title"), &body)))
}

/// The form's text fields, defaults filled in.
struct Fields {
    title: String,
    kind: String,
    days: String,
    gap: String,
    seats: String,
}

impl Fields {
    fn of(form: &ProposalForm) -> Self {
        let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_owned());
        Self {
            title: form
                .title
                .clone()
                .unwrap_or_else(|| t!("coloc-default-title")),
            kind: or(&form.kind, "workshop"),
            days: or(&form.days, "2"),
            gap: or(&form.max_gap_days, "2"),
            seats: or(&form.expected_attendance, ""),
        }
    }
}

/// The proposal form with `outcome` under it.
fn proposal(form: &ProposalForm, fields: &Fields, anchors: &[Event], outcome: &Markup) -> Markup {
    let searched = form.anchor.as_deref().is_some_and(|a| !a.is_empty());
    let any_placement = form.before.is_some() || form.after.is_some() || form.during.is_some();
    let placement = |p: &Option<String>| !searched || !any_placement || p.is_some();
    let Fields {
        title,
        kind,
        days,
        gap,
        seats,
    } = fields;
    html! {
        h1 { (t!("coloc-heading")) }
        p.muted { (t!("coloc-intro")) }
        form.planner method="get" action="/colocations" {
            label for="anchor" {
                (t!("coloc-anchor"))
                select id="anchor" name="anchor" required {
                    @for e in anchors {
                        option value=(e.id) selected[form.anchor.as_deref() == Some(e.id.to_string().as_str())] {
                            (isolate(e.title())) " — " (isolate(&local_span(e.instants.starts_at, e.instants.ends_at, e.zone())))
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
    }
}

fn candidates(
    found: &Candidates,
    user: Option<&SignedIn>,
    form: &ProposalForm,
    fields: &Fields,
) -> Markup {
    let (title, kind) = (&fields.title, &fields.kind);
    html! {
        h2 { (t!("coloc-candidates")) }
        @if found.candidates.is_empty() {
            @if let Some(why) = &found.why {
                p { (super::i18n::say(why)) }
            } @else {
                p { (t!("coloc-no-candidate")) }
            }
        }
        ol.events {
            @for c in &found.candidates {
                li.candidate {
                    strong { (term("placement", c.slot.placement.as_str())) } " · " bdi { (local_span(c.slot.at.start, c.slot.at.end, found.zone)) }
                    " " small { "(" bdi dir="ltr" { (found.zone.name()) } ")" }
                    br;
                    (m!("coloc-room", room = &c.room.name, seats = t!("seats", count = c.room.capacity)))
                    " · " (t!("coloc-gap-days", days = c.slot.gap_days))
                    @if c.clashes.is_empty() {
                        " · " span.badge { (t!("coloc-no-clash")) }
                    } @else {
                        ul {
                            @for CandidateClash { clash, .. } in &c.clashes {
                                li {
                                    span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] { (term("severity", clash.severity.as_str())) }
                                    " " (term("clash", clash.kind.as_str())) ": " (super::clashes::clash_detail(clash, &[]))
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
    session: Session,
    Form(form): Form<CreateForm>,
) -> Result<Response, PageError> {
    let user = match posting(&state, &session, &form.csrf, "/colocations").await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
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
                    &t!("coloc-not-created-title"),
                    &html! {
                        h1 { (t!("coloc-not-created-heading")) }
                        p { (text) }
                        p { a href="/colocations" { (t!("coloc-back")) } }
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
            .map_err(|_| crate::problem::field::not_an_id("anchor", &form.anchor, "event")),
    );
    let title = errors.take(Title::parse(&form.title).map_err(|e| e.under("title")));
    let kind = errors.take(form.kind.parse::<EventKind>().map_err(|e| e.under("kind")));
    let tz = errors.take(Zone::parse(&form.tz).map_err(|e| e.under("tz")));
    let start = errors.take(parse_local_datetime(&form.start).map_err(|e| e.under("start")));
    let end = errors.take(parse_local_datetime(&form.end).map_err(|e| e.under("end")));
    let room_id = errors.take(
        Uuid::parse_str(&form.room_id)
            .map_err(|_| crate::problem::field::not_an_id("room_id", &form.room_id, "room")),
    );
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
