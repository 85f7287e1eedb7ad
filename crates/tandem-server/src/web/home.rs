//! `/`: upcoming events by region and group, each with its local time, and subscribe links
//! for every region and group feed shown.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use tandem_core::event::EventStatus;
use tandem_core::reference::GroupKind;
use tandem_core::Event;
use tandem_core::RegionCode;
use tandem_store::EventFilter;
use tracing::instrument;

use super::{html_response, local_span, page, subscribe_links, t, term, PageError};
use crate::state::AppState;

/// How many upcoming events the home page lists.
const UPCOMING: u32 = 200;

/// The home page.
#[instrument(skip_all)]
pub async fn home(State(state): State<AppState>) -> Result<Response, PageError> {
    let filter = EventFilter {
        from: Some(state.app.clock.now()),
        statuses: vec![EventStatus::Confirmed, EventStatus::Proposed],
        ..EventFilter::default()
    };
    let events = tandem_app::events::list(&state.app, &filter, None, UPCOMING).await?;
    let mut by_region: ByRegion<'_> = BTreeMap::new();
    for event in &events {
        by_region
            .entry(event.draft.region)
            .or_default()
            .entry(event.draft.group.clone())
            .or_default()
            .push(event);
    }
    let body = render(&state, &events, &by_region);
    Ok(html_response(
        StatusCode::OK,
        page(&t!("home-title"), &body),
    ))
}

type ByRegion<'a> = BTreeMap<RegionCode, BTreeMap<Option<String>, Vec<&'a Event>>>;

fn render(state: &AppState, events: &[Event], by_region: &ByRegion<'_>) -> Markup {
    html! {
        h1 { (t!("home-title")) }
        p.muted {
            (t!("home-intro")) " "
            a href="/planner" { (t!("home-plan-link")) }
        }
        @if events.is_empty() {
            p { (t!("home-empty")) }
        }
        @for (region, groups) in by_region {
            section aria-labelledby={ "region-" (region) } {
                div.head-row {
                    h2 id={ "region-" (region) } { (t!("home-region", name = term("region", region.code()), code = region.code())) }
                    (subscribe_links(state, &format!("/feeds/regions/{region}.ics"), &t!("feed-region", code = region.code())))
                }
                @for (group, events) in groups {
                    (group_section(state, group.as_deref(), events))
                }
            }
        }
        p.muted { (t!("home-all-events")) " " (subscribe_links(state, "/feeds/all.ics", &t!("feed-all"))) }
    }
}

fn group_section(state: &AppState, group: Option<&str>, events: &[&Event]) -> Markup {
    html! {
        div.group {
            div.head-row {
                @if let Some(code) = group {
                    h3 {
                        bdi { (code) }
                        @if let Some(g) = state.app.reference.group(code) {
                            " " span.badge { (match g.kind {
                                GroupKind::StudyGroup => t!("term-study-group"),
                                GroupKind::RegionalGroup => t!("term-regional-group"),
                            }) }
                            " " small lang="en" { (g.title) }
                        }
                    }
                    (subscribe_links(state, &format!("/feeds/groups/{code}.ics"), &t!("feed-group", code = code)))
                } @else {
                    h3 { (t!("home-other-events")) }
                }
            }
            ul.events {
                @for event in events {
                    li {
                        a href={ "/events/" (event.id) } { strong { bdi { (event.title()) } } }
                        " "
                        span.badge { (term("kind", event.draft.kind.as_str())) }
                        @if event.status() == EventStatus::Proposed { " " span.badge { (term("status", "proposed")) } }
                        br;
                        time datetime=(event.instants.starts_at.to_rfc3339()) {
                            bdi { (local_span(event.instants.starts_at, event.instants.ends_at, event.zone())) }
                        }
                        " "
                        small { "(" bdi dir="ltr" { (event.zone().name()) } ")" }
                    }
                }
            }
        }
    }
}
