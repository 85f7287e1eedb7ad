//! `/`: upcoming events by region and group, each with its local time, and subscribe links
//! for every region and group feed shown.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use tandem_core::event::EventStatus;
use tandem_core::RegionCode;
use tandem_store::{Event, EventFilter};
use tracing::instrument;

use super::{html_response, local_span, page, subscribe_links, PageError};
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
    let events = state.app.store.events(&filter, None, UPCOMING).await?;
    let mut by_region: BTreeMap<RegionCode, BTreeMap<Option<String>, Vec<&Event>>> =
        BTreeMap::new();
    for event in &events {
        by_region
            .entry(event.region)
            .or_default()
            .entry(event.group.clone())
            .or_default()
            .push(event);
    }
    let body = html! {
        h1 { "Upcoming meetings" }
        p.muted {
            "Times are shown at each meeting's venue. Subscribe to a region or group to see every change in your own calendar app; "
            a href="/planner" { "plan a call across time zones" } "."
        }
        @if events.is_empty() {
            p { "No upcoming events." }
        }
        @for (region, groups) in &by_region {
            section aria-labelledby={ "region-" (region) } {
                div.head-row {
                    h2 id={ "region-" (region) } { (region.name()) " (" (region) ")" }
                    (subscribe_links(&state, &format!("/feeds/regions/{region}.ics"), &format!("region {region}")))
                }
                @for (group, events) in groups {
                    (group_section(&state, group.as_deref(), events))
                }
            }
        }
        p.muted { "All events: " (subscribe_links(&state, "/feeds/all.ics", "all events")) }
    };
    Ok(html_response(
        StatusCode::OK,
        page("Upcoming meetings", &body),
    ))
}

fn group_section(state: &AppState, group: Option<&str>, events: &[&Event]) -> Markup {
    html! {
        div.group {
            div.head-row {
                @if let Some(code) = group {
                    h3 {
                        (code)
                        @if let Some(g) = state.app.reference.group(code) { " " small { (g.title) } }
                    }
                    (subscribe_links(state, &format!("/feeds/groups/{code}.ics"), &format!("group {code}")))
                } @else {
                    h3 { "Other events of the region" }
                }
            }
            ul.events {
                @for event in events {
                    li {
                        a href={ "/events/" (event.id) } { strong { (event.title) } }
                        " "
                        span.badge { (event.kind.as_str()) }
                        @if event.status == EventStatus::Proposed { " " span.badge { "proposed" } }
                        br;
                        time datetime=(event.starts_at.to_rfc3339()) {
                            (local_span(event.starts_at, event.ends_at, event.tz))
                        }
                        " "
                        small { "(" (event.tz.name()) ")" }
                    }
                }
            }
        }
    }
}
