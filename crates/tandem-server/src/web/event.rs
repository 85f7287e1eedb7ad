//! `/events/{id}`: one event's times at the venue and in the main cities of its region,
//! the events held alongside it, its clashes, and links to subscribe or download.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use tandem_core::clash::Severity;
use tandem_core::EventStatus;
use tandem_store::{ClashFilter, Event};
use tracing::instrument;
use uuid::Uuid;

use super::{html_response, local_span, page, subscribe_links, zone_label, PageError};
use crate::state::AppState;

/// The event page.
#[instrument(skip_all, fields(event_id = %id))]
pub async fn event_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound(format!("no event '{id}'")))?;
    let event = state.app.store.event(id).await?;
    let venue = match event.venue_id {
        Some(v) => Some(state.app.store.venue(v).await?),
        None => None,
    };
    let room = venue
        .as_ref()
        .and_then(|v| v.rooms.iter().find(|r| Some(r.id) == event.room_id));
    let mut alongside: Vec<Event> = Vec::new();
    for link in state.app.store.co_locations(&[id]).await? {
        let Some((other, _)) = link.other_end(id) else {
            continue;
        };
        if other != id && !alongside.iter().any(|e| e.id == other) {
            alongside.push(state.app.store.event(other).await?);
        }
    }
    let clashes = state
        .app
        .store
        .clashes(&ClashFilter {
            event_id: Some(id),
            ..ClashFilter::default()
        })
        .await?;
    let cities = state
        .app
        .reference
        .region(event.region)
        .map(|r| r.cities.clone())
        .unwrap_or_default();
    let feed = format!("/feeds/events/{id}.ics");
    let body = html! {
        h1 { (event.title) }
        p {
            span.badge { (event.kind.as_str()) } " "
            span.badge { (event.mode.as_str()) } " "
            span.badge { (event.status.as_str()) } " "
            (event.region.name())
            @if let Some(group) = &event.group { " · " (group) }
        }
        @if let Some(description) = &event.description { p { (description) } }
        h2 { "When" }
        p {
            strong { (local_span(event.starts_at, event.ends_at, event.tz)) }
            " " small { "(" (event.tz.name()) ", the venue's zone)" }
            @if event.rrule.is_some() { br; small { "Repeats: " (event.rrule.as_deref().unwrap_or_default()) } }
        }
        @if let Some(venue) = &venue {
            p {
                (venue.name) ", " (venue.city) " (" (venue.country.as_str()) ")"
                @if let Some(room) = room { " · " (room.name) " (" (room.capacity) " seats)" }
            }
        }
        @if let Some(url) = &event.remote_url { p { "Remote participation: " a href=(url) { (url) } } }
        @if !cities.is_empty() {
            h3 { "In the main cities of " (event.region.name()) }
            div.scroll {
                table {
                    thead { tr { th { "City" } th { "Local time" } } }
                    tbody {
                        @for city in &cities {
                            tr {
                                td { (city.city) " " small { "(" (zone_label(event.starts_at, city.tz)) ")" } }
                                td { (local_span(event.starts_at, event.ends_at, city.tz)) }
                            }
                        }
                        tr {
                            td { "UTC" }
                            td { (local_span(event.starts_at, event.ends_at, tandem_core::Zone::UTC)) }
                        }
                    }
                }
            }
        }
        h2 { "Held alongside" }
        @if alongside.is_empty() {
            p.muted { "No co-located event." }
        } @else {
            ul.events {
                @for other in &alongside {
                    li {
                        a href={ "/events/" (other.id) } { (other.title) }
                        @if other.status != EventStatus::Confirmed {
                            " " span.badge { (other.status.as_str()) }
                        }
                        br;
                        (local_span(other.starts_at, other.ends_at, other.tz))
                    }
                }
            }
        }
        h2 { "Clashes" }
        @if clashes.is_empty() {
            p.muted { "No clash." }
        } @else {
            ul.events {
                @for clash in &clashes {
                    li {
                        span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] {
                            (clash.severity.as_str())
                        }
                        " " (clash.kind.as_str()) ": " (clash.detail)
                        @if let Some(other) = clash.other_event_id.filter(|o| *o != id) {
                            " " a href={ "/events/" (other) } { "the other event" }
                        }
                    }
                }
            }
        }
        h2 { "Subscribe" }
        p { "This event: " (subscribe_links(&state, &feed, "this event")) " "
            a.button.secondary href=(feed) download { "Download .ics" } }
        p { (event.region.name()) ": " (subscribe_links(&state, &format!("/feeds/regions/{}.ics", event.region), "the region")) }
        @if let Some(group) = &event.group {
            p { (group) ": " (subscribe_links(&state, &format!("/feeds/groups/{group}.ics"), "the group")) }
        }
    };
    Ok(html_response(StatusCode::OK, page(&event.title, &body)))
}
