//! `/seasons`: season planning (DESIGN §14) on a page. A season document goes in (the
//! demo's is filled in when the database has the demo); the plan comes out drawn as venues ×
//! days in inline SVG, co-located clusters numbered, with a table saying the same in text,
//! every unplaced event with its reason, and — signed in — an Apply button that creates the
//! plan's events as proposed, linked, in one transaction. The use cases are
//! `tandem_app::season`'s, which `POST /api/v1/seasons/plan` runs too.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{Duration, NaiveDate};
use maud::{html, Markup};
use serde::Deserialize;
use tandem_app::season::{self, Applied, Planned};
use tandem_app::{AppError, Caller};
use tandem_core::season::{SeasonRequest, Status};
use tower_sessions::Session;
use tracing::instrument;

use super::i18n::lang;
use super::session::{posting, signed_in, SignedIn};
use super::{html_response, page, refusal, t, PageError};
use crate::state::AppState;

/// The id of the placements table, which the chart names as its description.
const TABLE: &str = "season-placements";
/// Most days the chart draws.
const MAX_DAYS: i64 = 400;
const LABEL_WIDTH: i64 = 200;
const DAY_WIDTH: i64 = 16;
const ROW_HEIGHT: i64 = 34;
const TOP: i64 = 24;

/// The season document, as posted.
#[derive(Debug, Deserialize)]
pub struct PlanForm {
    document: String,
}

/// The season document to apply, as posted with the session's CSRF token.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    csrf: String,
    document: String,
}

/// The request in `document`; a bad document names the field.
fn request_of(document: &str) -> Result<SeasonRequest, AppError> {
    let mut deserializer = serde_json::Deserializer::from_str(document);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let at = e.path().to_string();
        let field = if at == "." { "document".to_owned() } else { at };
        AppError::from(crate::problem::field::unreadable(
            field,
            e.into_inner().to_string(),
        ))
    })
}

/// `GET /seasons`: the form, with the demo's season filled in when there is one.
#[instrument(skip_all)]
pub async fn seasons(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, PageError> {
    let user = signed_in(&state, &session).await?;
    let caller = Caller::from_token(user.as_ref().map(|u| u.token.clone()));
    caller.require_read(state.settings.auth.public_reads)?;
    let demo = season::demo_season(&state.app).await?;
    let document = demo
        .as_ref()
        .and_then(|d| serde_json::to_string_pretty(d).ok())
        .unwrap_or_default();
    let body = html! {
        (form(&document))
        @if demo.is_some() { p.muted { (t!("season-demo-loaded")) } }
    };
    Ok(html_response(
        StatusCode::OK,
        page(&t!("season-title"), &body),
    ))
}

/// `POST /seasons`: plans the posted document (a read: no session needed).
#[instrument(skip_all)]
pub async fn plan(
    State(state): State<AppState>,
    session: Session,
    Form(posted): Form<PlanForm>,
) -> Result<Response, PageError> {
    let user = signed_in(&state, &session).await?;
    let caller = Caller::from_token(user.as_ref().map(|u| u.token.clone()));
    let outcome = match (
        caller.require_read(state.settings.auth.public_reads),
        request_of(&posted.document),
    ) {
        (Err(e), _) | (_, Err(e)) => Err(e),
        (Ok(()), Ok(request)) => season::plan_season(&state.app, &request, None).await,
    };
    let (status, shown) = match outcome {
        Ok(planned) => (
            StatusCode::OK,
            plan_view(&planned, &posted.document, user.as_ref()),
        ),
        Err(e) => {
            let Some((code, text)) = refusal(&e) else {
                return Err(e.into());
            };
            (code, html! { div.errors role="alert" { p { (text) } } })
        }
    };
    let body = html! { (form(&posted.document)) (shown) };
    Ok(html_response(status, page(&t!("season-title"), &body)))
}

/// `POST /seasons/apply`: plans the posted document again and applies it, for a signed-in
/// organiser of every region of its events.
#[instrument(skip_all)]
pub async fn apply(
    State(state): State<AppState>,
    session: Session,
    Form(posted): Form<ApplyForm>,
) -> Result<Response, PageError> {
    let user = match posting(&state, &session, &posted.csrf, "/seasons").await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    let caller = Caller::Token(user.token);
    let outcome = match request_of(&posted.document) {
        Ok(request) => season::plan_and_apply(&state.app, &caller, &request, None).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(applied) => Ok(html_response(
            StatusCode::CREATED,
            page(&t!("season-applied-title"), &applied_view(&applied)),
        )),
        Err(e) => {
            let Some((status, text)) = refusal(&e) else {
                return Err(e.into());
            };
            Ok(html_response(
                status,
                page(
                    &t!("season-not-applied-title"),
                    &html! {
                        h1 { (t!("season-not-applied-heading")) }
                        div.errors role="alert" { p { (text) } }
                        p { a href="/seasons" { (t!("season-back")) } }
                    },
                ),
            ))
        }
    }
}

fn form(document: &str) -> Markup {
    html! {
        h1 { (t!("season-heading")) }
        p.muted { (t!("season-intro")) }
        form.planner method="post" action="/seasons" {
            label for="document" {
                (t!("season-document"))
                textarea id="document" name="document" rows="16" dir="ltr" spellcheck="false" required { (document) }
            }
            div { button.button type="submit" { (t!("season-submit")) } }
        }
    }
}

/// The representative of `x`'s cluster.
fn root(parent: &HashMap<String, String>, x: &str) -> String {
    let mut at = x.to_owned();
    while let Some(up) = parent.get(&at).filter(|p| **p != at).cloned() {
        at = up;
    }
    at
}

/// Clusters of co-located events: each placed event and the partners it is alongside,
/// joined; numbered from 1 by their earliest member.
fn clusters(planned: &Planned) -> HashMap<String, usize> {
    let mut parent: HashMap<String, String> = HashMap::new();
    for p in &planned.plan.placements {
        for partner in &p.alongside {
            let (a, b) = (root(&parent, &p.event), root(&parent, partner));
            parent.entry(a.clone()).or_insert_with(|| a.clone());
            parent.entry(b.clone()).or_insert_with(|| b.clone());
            if a != b {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                parent.insert(hi, lo);
            }
        }
    }
    let mut order: Vec<(NaiveDate, String)> = planned
        .plan
        .placements
        .iter()
        .filter(|p| parent.contains_key(&p.event))
        .map(|p| (p.start, p.event.clone()))
        .collect();
    order.sort();
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = HashMap::new();
    let members: Vec<String> = parent.keys().cloned().collect();
    for (_, id) in &order {
        let r = root(&parent, id);
        let next = numbers.len() + 1;
        numbers.entry(r).or_insert(next);
    }
    for id in members {
        let r = root(&parent, &id);
        if let Some(n) = numbers.get(&r) {
            out.insert(id, *n);
        }
    }
    out
}

/// A bar of the chart: an event on a venue's row over some days.
struct Bar {
    id: String,
    title: String,
    venue: String,
    first: NaiveDate,
    last: NaiveDate,
    fixed: bool,
    cluster: Option<usize>,
}

fn bars(planned: &Planned, clusters: &HashMap<String, usize>) -> Vec<Bar> {
    let mut out: Vec<Bar> = planned
        .plan
        .placements
        .iter()
        .map(|p| Bar {
            id: p.event.clone(),
            title: planned
                .problem
                .events
                .get(p.index)
                .map(|e| e.title.clone())
                .unwrap_or_default(),
            venue: p.venue_id.clone(),
            first: p.start,
            last: p.end,
            fixed: false,
            cluster: clusters.get(&p.event).copied(),
        })
        .collect();
    for x in planned.problem.existing.iter().filter(|x| x.fixed) {
        let (Some(v), Some(first), Some(last)) = (
            x.venue.and_then(|v| planned.problem.venues.get(v)),
            x.days.first(),
            x.days.last(),
        ) else {
            continue;
        };
        out.push(Bar {
            id: x.id.clone(),
            title: x.title.clone(),
            venue: v.id.clone(),
            first: *first,
            last: *last,
            fixed: true,
            cluster: clusters.get(&x.id).copied(),
        });
    }
    out
}

/// The chart: one row per venue used, one column per day, closed days shaded; labels on
/// the reading side, days running left to right like a calendar's.
fn chart(planned: &Planned, bars: &[Bar]) -> Markup {
    let (Some(first), Some(last)) = (
        bars.iter().map(|b| b.first).min(),
        bars.iter().map(|b| b.last).max(),
    ) else {
        return html! {};
    };
    let last = last.min(first + Duration::days(MAX_DAYS - 1));
    let days = (last - first).num_days() + 1;
    let rows: Vec<&tandem_core::season::SeasonVenue> = planned
        .problem
        .venues
        .iter()
        .filter(|v| bars.iter().any(|b| b.venue == v.id))
        .collect();
    let rtl = lang().direction().as_str() == "rtl";
    let days_x = if rtl { 0 } else { LABEL_WIDTH };
    let (label_x, anchor) = if rtl {
        (days * DAY_WIDTH + LABEL_WIDTH - 4, "end")
    } else {
        (4, "start")
    };
    let width = LABEL_WIDTH + days * DAY_WIDTH;
    let height = TOP + ROW_HEIGHT * i64::try_from(rows.len()).unwrap_or(0) + 4;
    let x_of = |d: NaiveDate| days_x + (d - first).num_days() * DAY_WIDTH;
    html! {
        div.scroll {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {height}"))
                width=(width) height=(height) direction="ltr" role="img"
                aria-labelledby="season-chart-title" aria-describedby=(TABLE) {
                title id="season-chart-title" { (t!("season-chart")) }
                @for d in first.iter_days().take(usize::try_from(days).unwrap_or(0)) {
                    @if d.format("%d").to_string() == "01" || d == first {
                        text.daylabel x=(x_of(d) + 1) y="14" font-size="11" { (d.format("%Y-%m-%d")) }
                    }
                }
                @for (i, v) in rows.iter().enumerate() {
                    @let y = TOP + ROW_HEIGHT * i64::try_from(i).unwrap_or(0);
                    text.venue x=(label_x) y=(y + ROW_HEIGHT / 2 + 4) text-anchor=(anchor) font-size="12" { (v.name) }
                    @for d in first.iter_days().take(usize::try_from(days).unwrap_or(0)) {
                        @if !v.working_days.is_working(d) {
                            rect.closed x=(x_of(d)) y=(y) width=(DAY_WIDTH) height=(ROW_HEIGHT - 2) fill="#e3e3e3" {}
                        }
                    }
                    @for b in bars.iter().filter(|b| b.venue == v.id && b.first <= last) {
                        @let x = x_of(b.first);
                        @let w = ((b.last.min(last) - b.first).num_days() + 1) * DAY_WIDTH;
                        g.bar data-event=(b.id) data-cluster=[b.cluster] {
                            title { (b.title) " (" (b.id) "): " (b.first) " – " (b.last) }
                            rect class=(if b.fixed { "fixed" } else { "placed" }) x=(x + 1) y=(y + 4) width=(w - 2) height=(ROW_HEIGHT - 10)
                                rx="3" fill=(if b.fixed { "#3b4a63" } else { "#0b5cad" })
                                stroke=(if b.cluster.is_some() { "#f3a712" } else { "none" }) stroke-width="3" {}
                            @if let Some(n) = b.cluster {
                                text.cluster x=(x + 4) y=(y + ROW_HEIGHT / 2 + 3) font-size="11" fill="#ffffff" { (n) }
                            }
                        }
                    }
                }
            }
        }
        div.legend aria-hidden="true" {
            span style="--c:#0b5cad" { (t!("season-legend-placed")) }
            span style="--c:#3b4a63" { (t!("season-legend-fixed")) }
            span style="--c:#e3e3e3" { (t!("season-legend-closed")) }
            span style="--c:#f3a712" { (t!("season-legend-cluster")) }
        }
    }
}

fn plan_view(planned: &Planned, document: &str, user: Option<&SignedIn>) -> Markup {
    let plan = &planned.plan;
    let clusters = clusters(planned);
    let bars = bars(planned, &clusters);
    let venue_name = |id: &str| {
        planned
            .problem
            .venues
            .iter()
            .find(|v| v.id == id)
            .map_or_else(|| id.to_owned(), |v| v.name.clone())
    };
    let lang = lang();
    let number = |n: usize| lang.number(i64::try_from(n).unwrap_or(i64::MAX));
    html! {
        h2 { (t!("season-plan")) }
        dl.metrics {
            dt { (t!("season-cost")) } dd { bdi dir="ltr" { (plan.cost) } " — " (match plan.status {
                Status::Optimal => t!("season-status-optimal"),
                Status::Feasible => t!("season-status-feasible"),
            }) }
            @if let Some(bound) = plan.bound {
                dt { (t!("season-bound")) } dd { bdi dir="ltr" { (bound) } }
            }
            dt { (t!("season-placed")) } dd { (number(plan.metrics.placed)) }
            dt { (t!("season-colocations")) } dd { (number(plan.metrics.wanted_colocations)) }
            dt { (t!("season-trips")) } dd { (number(plan.metrics.trips)) }
            dt { (t!("season-trips-apart")) } dd { (number(plan.metrics.trips_if_apart)) }
            dt { (t!("season-soft-clashes")) } dd { (number(plan.metrics.soft_clashes)) }
        }
        (chart(planned, &bars))
        div.scroll {
            table.windows id=(TABLE) {
                caption { (t!("season-table")) }
                thead { tr {
                    th scope="col" { (t!("season-col-event")) }
                    th scope="col" { (t!("season-col-venue")) }
                    th scope="col" { (t!("season-col-room")) }
                    th scope="col" { (t!("season-col-days")) }
                    th scope="col" { (t!("season-col-alongside")) }
                    th scope="col" { (t!("season-col-cluster")) }
                } }
                tbody {
                    @for b in &bars {
                        @let placement = plan.placements.iter().find(|p| !b.fixed && p.event == b.id);
                        tr data-event=(b.id) {
                            td {
                                (b.title) " " small { "(" bdi dir="ltr" { (b.id) } ")" }
                                @if b.fixed { " " span.badge { (t!("season-fixed")) } }
                            }
                            td { (venue_name(&b.venue)) }
                            td { @if let Some(p) = placement { (p.room.name) } }
                            td { bdi dir="ltr" { (b.first) } @if b.last != b.first { " – " bdi dir="ltr" { (b.last) } } }
                            td {
                                @if let Some(p) = placement {
                                    @for (i, partner) in p.alongside.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        bdi dir="ltr" { (partner) }
                                    }
                                }
                            }
                            td { @if let Some(n) = b.cluster { (number(n)) } }
                        }
                    }
                }
            }
        }
        h2 { (t!("season-unplaced")) }
        @if plan.unplaced.is_empty() {
            p { (t!("season-none-unplaced")) }
        } @else {
            ul.unplaced {
                @for u in &plan.unplaced {
                    li { strong { bdi dir="ltr" { (u.event) } } ": " (super::i18n::say(&u.why)) }
                }
            }
        }
        @if let Some(user) = user {
            form.resolve method="post" action="/seasons/apply" {
                input type="hidden" name="csrf" value=(user.csrf);
                input type="hidden" name="document" value=(document);
                button.button type="submit" { (t!("season-apply")) }
            }
        } @else {
            p { a href="/signin?next=/seasons" { (t!("season-apply-signin")) } }
        }
    }
}

fn applied_view(applied: &Applied) -> Markup {
    html! {
        h1 { (t!("season-applied-heading")) }
        p { (t!("season-applied-intro")) }
        ul.events {
            @for e in &applied.events {
                li { a href=(format!("/events/{}", e.id)) { (e.title()) } }
            }
        }
        p { a href="/seasons" { (t!("season-back")) } }
    }
}
