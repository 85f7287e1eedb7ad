//! `/planner`: a GET form (places, dates, duration, imported calendars) that runs the window
//! engine (DESIGN §3) and draws its answer in the manner of a world-clock meeting planner:
//! one 24-hour strip per zone for each UTC day holding a best window, coloured by working
//! hours, acceptable hours and night, with the windows highlighted across all strips.

use std::fmt::Write as _;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use serde_json::json;
use tandem_app::{windows, AppError};
use tandem_core::search::{SearchParticipant, SearchRequest, SearchResult, Window};
use tandem_core::{FieldError, FieldErrors, Interval, Zone};
use tracing::instrument;
use uuid::Uuid;

use super::{html_response, page, PageError};
use crate::state::AppState;

/// The planner form, as sent by the browser (every field optional: an empty form is shown
/// with defaults).
#[derive(Debug, Default, Deserialize)]
pub struct PlannerForm {
    /// One place a line: a city of the reference data or an IANA zone, optionally followed
    /// by ids of imported calendars.
    places: Option<String>,
    /// First UTC date, `YYYY-MM-DD`.
    from: Option<String>,
    /// Last UTC date (inclusive), `YYYY-MM-DD`.
    to: Option<String>,
    /// Meeting length in minutes.
    duration: Option<String>,
}

/// One place of the form, resolved to a zone.
struct Place {
    label: String,
    zone: Zone,
    calendars: Vec<String>,
}

/// What the planner shows under the form.
enum Outcome {
    Nothing,
    Invalid(Vec<FieldError>),
    Found {
        result: SearchResult,
        participants: Vec<SearchParticipant>,
    },
}

/// The planner page.
#[instrument(skip_all)]
pub async fn planner(
    State(state): State<AppState>,
    Query(form): Query<PlannerForm>,
) -> Result<Response, PageError> {
    let today = state.app.clock.today();
    let from = form
        .from
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| (today + Duration::days(1)).to_string());
    let to = form
        .to
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| (today + Duration::days(7)).to_string());
    let duration = form
        .duration
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "60".to_owned());
    let places_text = form
        .places
        .clone()
        .unwrap_or_else(|| "Geneva\nYaoundé\nBangkok".to_owned());
    let outcome = if form.places.is_some() {
        run(&state, &places_text, &from, &to, &duration).await?
    } else {
        Outcome::Nothing
    };
    let status = match outcome {
        Outcome::Invalid(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    let body = html! {
        h1 { "Plan a call across time zones" }
        form.planner method="get" action="/planner" {
            label for="places" {
                "Places, one a line: a city (Geneva, Yaoundé, Bangkok…) or a zone (Asia/Kathmandu), optionally followed by ids of imported calendars"
                textarea id="places" name="places" rows="5" required { (places_text) }
            }
            div.row {
                label for="from" { "From (UTC date)" input id="from" name="from" type="date" value=(from) required; }
                label for="to" { "To (UTC date, inclusive)" input id="to" name="to" type="date" value=(to) required; }
                label for="duration" { "Duration (minutes)" input id="duration" name="duration" type="number" min="5" max="1440" step="5" value=(duration) required; }
            }
            div { button.button type="submit" { "Find windows" } }
        }
        (render_outcome(&outcome))
    };
    Ok(html_response(status, page("Planner", &body)))
}

/// Lower case without accents, so "Yaoundé" finds the reference data's "Yaounde".
fn fold(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            ' ' => '_',
            c => c,
        })
        .collect()
}

/// A place's zone: a city of the reference data, a venue's city, an IANA zone, or the
/// city part of one ("Kathmandu" for Asia/Kathmandu).
fn resolve_place(state: &AppState, venues: &[tandem_store::Venue], name: &str) -> Option<Zone> {
    let folded = fold(name);
    state
        .app
        .reference
        .regions
        .iter()
        .flat_map(|r| r.cities.iter())
        .find(|c| fold(&c.city) == folded)
        .map(|c| c.tz)
        .or_else(|| {
            venues
                .iter()
                .find(|v| fold(&v.city) == folded)
                .map(|v| v.tz)
        })
        .or_else(|| Zone::parse(name.trim()).ok())
        .or_else(|| {
            Zone::all().find(|zone| {
                zone.name()
                    .rsplit_once('/')
                    .is_some_and(|(_, city)| city.to_lowercase() == folded)
            })
        })
}

fn parse_places(
    state: &AppState,
    venues: &[tandem_store::Venue],
    text: &str,
) -> Result<Vec<Place>, Vec<FieldError>> {
    let mut places: Vec<Place> = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut name = Vec::new();
        let mut calendars = Vec::new();
        for word in line.split_whitespace() {
            if Uuid::parse_str(word).is_ok() {
                calendars.push(word.to_owned());
            } else {
                name.push(word);
            }
        }
        let name = name.join(" ");
        if name.is_empty() {
            if !calendars.is_empty() {
                errors.push(FieldError::new(
                    "places",
                    format!("line {}: calendars need a place before them", n + 1),
                ));
            }
            continue;
        }
        let Some(zone) = resolve_place(state, venues, &name) else {
            errors.push(FieldError::new(
                "places",
                format!(
                    "line {}: '{name}' is neither a city of the reference data nor an IANA zone",
                    n + 1
                ),
            ));
            continue;
        };
        if let Some(same) = places.iter_mut().find(|p| p.label == name) {
            same.calendars.extend(calendars);
        } else {
            places.push(Place {
                label: name,
                zone,
                calendars,
            });
        }
    }
    if places.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("places", "name at least one place"));
    }
    if errors.is_empty() {
        Ok(places)
    } else {
        Err(errors)
    }
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    tandem_core::time::parse_date(text.trim()).map_err(|e| e.under(field))
}

/// The window-search request the planner form stands for: the places as participants (all
/// required, remote, with the engine's default hours), the dates as whole UTC days.
fn search_request(
    places: &[Place],
    from: NaiveDate,
    to: NaiveDate,
    duration: i64,
) -> Result<SearchRequest, FieldError> {
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let end = (to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let participants: Vec<_> = places
        .iter()
        .map(|p| json!({"id": p.label, "tz": p.zone.name(), "calendars": p.calendars}))
        .collect();
    serde_json::from_value(json!({
        "range": {"start": start.to_rfc3339(), "end": end.to_rfc3339()},
        "duration_minutes": duration,
        "limit": 5,
        "participants": participants,
    }))
    .map_err(|e| FieldError::new("places", e.to_string()))
}

async fn run(
    state: &AppState,
    places: &str,
    from: &str,
    to: &str,
    duration: &str,
) -> Result<Outcome, PageError> {
    let mut errors = FieldErrors::default();
    let venues = state.app.store.venues().await?;
    let places = match parse_places(state, &venues, places) {
        Ok(p) => Some(p),
        Err(e) => {
            for error in e {
                errors.push(error);
            }
            None
        }
    };
    let from = errors.take(parse_date("from", from));
    let to = errors.take(parse_date("to", to));
    let duration = errors.take(duration.trim().parse::<i64>().map_err(|_| {
        FieldError::new(
            "duration",
            format!("'{duration}' is not a number of minutes"),
        )
    }));
    let (Some(places), Some(from), Some(to), Some(duration)) = (places, from, to, duration) else {
        return Ok(Outcome::Invalid(errors.0));
    };
    let request = match search_request(&places, from, to, duration) {
        Ok(r) => r,
        Err(e) => return Ok(Outcome::Invalid(vec![e])),
    };
    Ok(match windows::search_windows(&state.app, &request).await {
        Ok(found) => Outcome::Found {
            result: found.result,
            participants: found.search.query.participants,
        },
        Err(AppError::Invalid(errors)) => Outcome::Invalid(errors.0),
        Err(e) => return Err(e.into()),
    })
}

fn render_outcome(outcome: &Outcome) -> Markup {
    match outcome {
        Outcome::Nothing => html! {},
        Outcome::Invalid(errors) => html! {
            div.errors role="alert" {
                p { strong { "The form needs a correction:" } }
                ul { @for e in errors { li { (e.field) ": " (e.message) } } }
            }
        },
        Outcome::Found {
            result,
            participants,
        } => {
            let mut days: Vec<NaiveDate> = Vec::new();
            for w in &result.windows {
                let mut day = w.start.date_naive();
                while day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() < w.end {
                    if !days.contains(&day) {
                        days.push(day);
                    }
                    day += Duration::days(1);
                }
            }
            days.sort();
            html! {
                h2 { "Best windows" }
                @if result.windows.is_empty() {
                    p { "No window fits." }
                    @if let Some(why) = &result.diagnostics.explanation { p { (why) } }
                } @else {
                    (window_table(&result.windows))
                    div.legend aria-hidden="true" {
                        span style="--c:#7cc47f" { "working hours" }
                        span style="--c:#f3d77a" { "acceptable hours" }
                        span style="--c:#3b4a63" { "night / off" }
                        span style="--c:rgba(11,92,173,.35)" { "best windows" }
                    }
                    @for day in &days {
                        (strips(*day, participants, &result.windows))
                    }
                }
                p.muted { (result.diagnostics.candidates) " candidate windows considered." }
            }
        }
    }
}

fn window_table(windows: &[Window]) -> Markup {
    html! {
        div.scroll {
            table.windows {
                thead { tr { th { "#" } th { "UTC" } th { "Local times" } th { "Outside working hours" } } }
                tbody {
                    @for (rank, w) in windows.iter().enumerate() {
                        tr data-start=(utc(w.start)) data-end=(utc(w.end)) {
                            td { (rank + 1) }
                            td { (w.start.format("%a %-d %b %H:%M")) "–" (w.end.format("%H:%M")) }
                            td {
                                @for (id, local) in &w.local {
                                    div { strong { (id) } ": " (local_range(&local.start, &local.end)) }
                                }
                            }
                            td { (w.inconvenience_minutes) " min" }
                        }
                    }
                }
            }
        }
    }
}

/// An instant as the API writes it ("2027-03-01T08:00:00Z").
fn utc(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A window in one participant's zone: "Mon 1 Mar 09:00–10:00 (+01:00)".
fn local_range(start: &str, end: &str) -> String {
    match (
        DateTime::parse_from_rfc3339(start),
        DateTime::parse_from_rfc3339(end),
    ) {
        (Ok(s), Ok(e)) if s.date_naive() == e.date_naive() => format!(
            "{}–{} ({})",
            s.format("%a %-d %b %H:%M"),
            e.format("%H:%M"),
            e.format("%:z")
        ),
        (Ok(s), Ok(e)) => format!(
            "{}–{} ({})",
            s.format("%a %-d %b %H:%M"),
            e.format("%a %-d %b %H:%M"),
            e.format("%:z")
        ),
        _ => format!("{start}–{end}"),
    }
}

const LABEL_WIDTH: i64 = 160;
const HOUR_WIDTH: i64 = 40;
const ROW_HEIGHT: i64 = 36;
const TOP: i64 = 22;

/// x of `instant` in a strip of `day` (UTC), clamped to the day.
fn x_of(day_start: DateTime<Utc>, instant: DateTime<Utc>) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let minutes = (instant - day_start).num_minutes().clamp(0, 24 * 60) as f64;
    #[allow(clippy::cast_precision_loss)]
    let x = LABEL_WIDTH as f64 + minutes * HOUR_WIDTH as f64 / 60.0;
    x
}

/// Escapes text for SVG (maud does not see inside the string we build).
fn xml_escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

/// One UTC day as one strip per participant, with every window that touches it.
fn strips(day: NaiveDate, participants: &[SearchParticipant], windows: &[Window]) -> Markup {
    let day_start = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let span = Interval {
        start: day_start,
        end: day_start + Duration::days(1),
    };
    let rows = i64::try_from(participants.len()).unwrap_or(i64::MAX);
    let width = LABEL_WIDTH + 24 * HOUR_WIDTH;
    let height = TOP + rows * ROW_HEIGHT + 4;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="t-{day}"><title id="t-{day}">24-hour strips for {day} (UTC), one per place</title>"#
    );
    for h in 0..24 {
        let x = LABEL_WIDTH + h * HOUR_WIDTH;
        let _ = write!(
            svg,
            r##"<text x="{}" y="14" font-size="11" text-anchor="middle" fill="#5a6473">{h:02}Z</text>"##,
            x + HOUR_WIDTH / 2
        );
    }
    for (i, p) in participants.iter().enumerate() {
        let y = TOP + i64::try_from(i).unwrap_or(0) * ROW_HEIGHT;
        let h = ROW_HEIGHT - 6;
        let _ = write!(
            svg,
            r##"<g class="strip" data-zone="{zone}"><text x="4" y="{ty}" font-size="13" fill="#1d2430">{label}</text><text x="4" y="{ty2}" font-size="10" fill="#5a6473">{zone}</text><rect class="night" x="{LABEL_WIDTH}" y="{y}" width="{w}" height="{h}" fill="#3b4a63"/>"##,
            zone = xml_escape(p.zone.name()),
            label = xml_escape(&p.id),
            ty = y + 13,
            ty2 = y + 26,
            w = 24 * HOUR_WIDTH,
        );
        for (class, colour, hours) in [
            ("acceptable", "#f3d77a", &p.acceptable),
            ("working", "#7cc47f", &p.working),
        ] {
            for iv in hours.intervals(p.zone, span) {
                let (x1, x2) = (x_of(day_start, iv.start), x_of(day_start, iv.end));
                if x2 > x1 {
                    let _ = write!(
                        svg,
                        r#"<rect class="{class}" x="{x1:.1}" y="{y}" width="{:.1}" height="{h}" fill="{colour}"/>"#,
                        x2 - x1
                    );
                }
            }
        }
        // Local hour at the start of each UTC hour, so the strip reads like a world clock.
        for hour in 0..24 {
            let instant = day_start + Duration::hours(hour);
            let local = instant.with_timezone(&p.zone);
            let text = if local.format("%M").to_string() == "00" {
                local.format("%H").to_string()
            } else {
                local.format("%H:%M").to_string()
            };
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#10151c" stroke="#fff" stroke-width="2.5" paint-order="stroke">{text}</text>"##,
                LABEL_WIDTH + hour * HOUR_WIDTH + HOUR_WIDTH / 2,
                y + h / 2 + 4
            );
        }
        svg.push_str("</g>");
    }
    for (rank, w) in windows.iter().enumerate() {
        if w.end <= span.start || w.start >= span.end {
            continue;
        }
        let (x1, x2) = (x_of(day_start, w.start), x_of(day_start, w.end));
        let _ = write!(
            svg,
            r##"<rect class="window" data-rank="{r}" data-start="{s}" data-end="{e}" x="{x1:.1}" y="{y}" width="{w:.1}" height="{h}" fill="rgba(11,92,173,0.35)" stroke="#0b5cad" stroke-width="2"><title>Window {r}: {s} – {e}</title></rect>"##,
            r = rank + 1,
            s = utc(w.start),
            e = utc(w.end),
            y = TOP - 4,
            w = x2 - x1,
            h = rows * ROW_HEIGHT + 2,
        );
    }
    svg.push_str("</svg>");
    html! {
        figure.strips {
            figcaption { (day.format("%A %-d %B %Y")) " (UTC hours across the top; local hours in each strip)" }
            div.scroll { (PreEscaped(svg)) }
        }
    }
}
