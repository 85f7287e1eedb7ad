//! `/events/{id}`: one event's times at the venue and in the main cities of its region,
//! the events held alongside it, its clashes, and links to subscribe or download.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use tandem_app::events::{self, EventDetails};
use tandem_core::clash::Severity;
use tandem_core::EventStatus;
use tracing::instrument;
use uuid::Uuid;

use super::{
    html_response, local_span, m, page, subscribe_links, t, term, zone_label, zone_name, PageError,
};
use crate::state::AppState;

/// The event page.
#[instrument(skip_all, fields(event_id = %id))]
pub async fn event_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound(format!("no event '{id}'")))?;
    let details = events::details(&state.app, id).await?;
    let body = render(&state, &details);
    Ok(html_response(
        StatusCode::OK,
        page(details.event.title(), &body),
    ))
}

fn render(state: &AppState, details: &EventDetails) -> Markup {
    let EventDetails {
        event,
        venue,
        alongside,
        clashes,
        cities,
    } = details;
    let (id, room) = (event.id, details.room());
    let feed = format!("/feeds/events/{id}.ics");
    let region_name = term("region", event.draft.region.code());
    html! {
        h1 { bdi { (event.title()) } }
        p {
            span.badge { (term("kind", event.draft.kind.as_str())) } " "
            span.badge { (term("mode", event.draft.mode.as_str())) } " "
            span.badge { (term("status", event.status().as_str())) } " "
            (region_name)
            @if let Some(group) = &event.draft.group { " · " bdi { (group) } }
        }
        @if let Some(description) = &event.draft.description { p { bdi { (description) } } }
        h2 { (t!("event-when")) }
        p {
            strong { bdi { (local_span(event.instants.starts_at, event.instants.ends_at, event.zone())) } }
            " " small { (m!("event-venue-zone", zone = html! { bdi { (zone_name(event.instants.starts_at, event.zone())) } " · " bdi dir="ltr" { (event.zone().name()) } })) }
            @if let Some(rule) = event.rrule() { br; small { (m!("event-repeats", rule = html! { code dir="ltr" { (rule) } })) } }
        }
        @if let Some(venue) = &venue {
            p {
                bdi { (venue.name) } ", " bdi { (venue.city) } " (" bdi { (venue.country.as_str()) } ")"
                @if let Some(room) = room { " · " (m!("event-room", room = &room.name, seats = t!("seats", count = room.capacity))) }
            }
        }
        @if let Some(url) = &event.draft.remote_url { p { (t!("event-remote")) " " a href=(url) dir="ltr" { (url) } } }
        @if !cities.is_empty() {
            h3 { (m!("event-cities", region = region_name.as_str())) }
            div.scroll {
                table {
                    thead { tr { th scope="col" { (t!("event-city")) } th scope="col" { (t!("event-local-time")) } } }
                    tbody {
                        @for city in cities {
                            tr {
                                td { bdi { (city.city) } " " small { "(" bdi { (zone_label(event.instants.starts_at, city.tz)) } ")" } }
                                td { bdi { (local_span(event.instants.starts_at, event.instants.ends_at, city.tz)) } }
                            }
                        }
                        tr {
                            td { (t!("utc")) }
                            td { bdi { (local_span(event.instants.starts_at, event.instants.ends_at, tandem_core::Zone::UTC)) } }
                        }
                    }
                }
            }
        }
        h2 { (t!("event-alongside")) }
        @if alongside.is_empty() {
            p.muted { (t!("event-no-alongside")) }
        } @else {
            ul.events {
                @for other in alongside {
                    li {
                        a href={ "/events/" (other.id) } { bdi { (other.title()) } }
                        @if other.status() != EventStatus::Confirmed {
                            " " span.badge { (term("status", other.status().as_str())) }
                        }
                        br;
                        bdi { (local_span(other.instants.starts_at, other.instants.ends_at, other.zone())) }
                    }
                }
            }
        }
        h2 { (t!("event-clashes")) }
        @if clashes.is_empty() {
            p.muted { (t!("event-no-clash")) }
        } @else {
            ul.events {
                @for clash in clashes {
                    li {
                        span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] {
                            (term("severity", clash.severity.as_str()))
                        }
                        " " (term("clash", clash.kind.as_str())) ": " (super::clashes::clash_detail(clash, &event.draft.participants))
                        @if let Some(other) = clash.other_event_id.filter(|o| *o != id) {
                            " " a href={ "/events/" (other) } { (t!("event-other")) }
                        }
                    }
                }
            }
        }
        h2 { (t!("event-subscribe")) }
        p { (t!("event-this-event")) " " (subscribe_links(state, &feed, &t!("feed-event"))) " "
            a.button.secondary href=(feed) download { (t!("event-download")) } }
        p { (region_name) ": " (subscribe_links(state, &format!("/feeds/regions/{}.ics", event.draft.region), &t!("feed-the-region"))) }
        @if let Some(group) = &event.draft.group {
            p { bdi { (group) } ": " (subscribe_links(state, &format!("/feeds/groups/{group}.ics"), &t!("feed-the-group"))) }
        }
    }
}
