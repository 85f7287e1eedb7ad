//! `/planner`: a GET form (places, dates, duration, imported calendars) that runs the window
//! engine (DESIGN §3) and draws its answer in the manner of a world-clock meeting planner:
//! one 24-hour strip per zone for each UTC day holding a best window, coloured by working
//! hours, acceptable hours and night, with the windows highlighted across all strips.

use std::fmt::Write as _;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use serde_json::json;
use tandem_app::{windows, AppError};
use tandem_core::search::{SearchParticipant, SearchRequest, SearchResult, Window};
use tandem_core::{FieldError, FieldErrors, Interval, Zone};
use tracing::instrument;
use uuid::Uuid;

use super::i18n::lang;
use super::{html_response, m, page, t, PageError};
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
    let given = |v: &Option<String>, default: String| {
        v.clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(default)
    };
    let from = given(&form.from, (today + Duration::days(1)).to_string());
    let to = given(&form.to, (today + Duration::days(7)).to_string());
    let duration = given(&form.duration, "60".to_owned());
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
    let body = form_page(&places_text, (&from, &to, &duration), &outcome);
    Ok(html_response(status, page(&t!("planner-title"), &body)))
}

/// The planner's form, filled in, with the outcome under it.
fn form_page(
    places_text: &str,
    (from, to, duration): (&str, &str, &str),
    outcome: &Outcome,
) -> Markup {
    html! {
        h1 { (t!("planner-heading")) }
        form.planner method="get" action="/planner" {
            label for="places" {
                (t!("planner-places"))
                textarea id="places" name="places" rows="5" required dir="auto" { (places_text) }
            }
            div.row {
                label for="from" { (t!("planner-from")) input id="from" name="from" type="date" value=(from) required; }
                label for="to" { (t!("planner-to")) input id="to" name="to" type="date" value=(to) required; }
                label for="duration" { (t!("planner-duration")) input id="duration" name="duration" type="number" min="5" max="1440" step="5" value=(duration) required; }
            }
            @if lang() != tandem_i18n::Lang::default() {
                input type="hidden" name="lang" value=(lang().tag());
            }
            div { button.button type="submit" { (t!("planner-submit")) } }
        }
        (render_outcome(outcome))
    }
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
                    t!("planner-error-calendars-first", line = n + 1),
                ));
            }
            continue;
        }
        let Some(zone) = resolve_place(state, venues, &name) else {
            errors.push(FieldError::new(
                "places",
                t!(
                    "planner-error-unknown-place",
                    line = n + 1,
                    place = name.as_str()
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
        errors.push(FieldError::new("places", t!("planner-error-no-place")));
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
    let duration =
        errors.take(duration.trim().parse::<i64>().map_err(|_| {
            FieldError::new("duration", t!("planner-error-duration", value = duration))
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

/// A field of the form by its label, for the list of corrections.
fn field_label(field: &str) -> String {
    match field.split(['.', '[']).next().unwrap_or_default() {
        "places" | "participants" => t!("field-places"),
        "from" | "range" => t!("field-from"),
        "to" => t!("field-to"),
        "duration" | "duration_minutes" => t!("field-duration"),
        _ => field.to_owned(),
    }
}

/// What is wrong with a field, in the page's language where the core said it as a phrase
/// (else its English message, marked as English).
fn field_message(error: &FieldError) -> Markup {
    error.phrase.as_ref().map_or_else(
        || html! { bdi lang="en" { (error.message) } },
        super::i18n::say,
    )
}

fn render_outcome(outcome: &Outcome) -> Markup {
    match outcome {
        Outcome::Nothing => html! {},
        Outcome::Invalid(errors) => html! {
            div.errors role="alert" {
                p { strong { (t!("planner-correction")) } }
                ul { @for e in errors { li { (field_label(&e.field)) ": " (field_message(e)) } } }
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
                h2 { (t!("planner-best")) }
                @if result.windows.is_empty() {
                    p { (t!("planner-no-window")) }
                    @if let Some(why) = &result.diagnostics.why { p { (super::i18n::say(why)) } }
                } @else {
                    (window_table(&result.windows))
                    div.legend aria-hidden="true" {
                        span style="--c:#7cc47f" { (t!("planner-legend-working")) }
                        span style="--c:#f3d77a" { (t!("planner-legend-acceptable")) }
                        span style="--c:#3b4a63" { (t!("planner-legend-night")) }
                        span style="--c:rgba(11,92,173,.35)" { (t!("planner-legend-windows")) }
                    }
                    @for day in &days {
                        (strips(*day, participants, &result.windows))
                    }
                }
                p.muted { (t!("planner-considered", count = result.diagnostics.candidates)) }
            }
        }
    }
}

/// The id of the table of windows, which every strip's SVG names as its description.
const WINDOWS_TABLE: &str = "windows";

fn window_table(windows: &[Window]) -> Markup {
    let lang = lang();
    let utc_span = |w: &Window| {
        let (s, e) = (w.start.fixed_offset(), w.end.fixed_offset());
        let end = if s.date_naive() == e.date_naive() {
            lang.time(&e)
        } else {
            lang.short_date_time(&e)
        };
        t!(
            "time-span-day",
            start = lang.short_date_time(&s),
            end = end,
            zone = t!("utc")
        )
    };
    html! {
        div.scroll {
            table.windows id=(WINDOWS_TABLE) {
                caption { (t!("planner-best")) }
                thead { tr {
                    th scope="col" { (t!("planner-rank")) }
                    th scope="col" { (t!("utc")) }
                    th scope="col" { (t!("planner-local-times")) }
                    th scope="col" { (t!("planner-outside-hours")) }
                } }
                tbody {
                    @for (rank, w) in windows.iter().enumerate() {
                        tr data-start=(utc(w.start)) data-end=(utc(w.end)) {
                            td { (lang.number(i64::try_from(rank + 1).unwrap_or(i64::MAX))) }
                            td { bdi { (utc_span(w)) } }
                            td {
                                @for (id, local) in &w.local {
                                    div { strong { bdi { (id) } } ": " bdi { (local_range(&local.start, &local.end)) } }
                                }
                            }
                            td { (t!("planner-minutes", minutes = w.inconvenience_minutes)) }
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

/// A window in one participant's zone: "Mon, Mar 1, 2027, 09:00 – 10:00 GMT+1".
fn local_range(start: &str, end: &str) -> String {
    let lang = lang();
    match (
        DateTime::parse_from_rfc3339(start),
        DateTime::parse_from_rfc3339(end),
    ) {
        (Ok(s), Ok(e)) => {
            let (id, end) = if s.date_naive() == e.date_naive() {
                ("time-span-day", lang.time(&e))
            } else {
                ("time-span", lang.short_date_time(&e))
            };
            t!(
                id,
                start = lang.short_date_time(&s),
                end = end,
                zone = lang.utc_offset(&e)
            )
        }
        _ => format!("{start}–{end}"),
    }
}

const LABEL_WIDTH: i64 = 160;
const HOUR_WIDTH: i64 = 40;
const ROW_HEIGHT: i64 = 36;
const TOP: i64 = 22;

/// Where the strips' parts go: the place labels on the reading side (left, or right in a
/// right-to-left language); the hours always run left to right, like a clock's.
#[derive(Clone, Copy)]
struct Layout {
    /// x of 00:00 UTC.
    hours_x: i64,
    /// x of the labels' anchor, and the anchor's side.
    label_x: i64,
    label_anchor: &'static str,
}

impl Layout {
    fn for_direction(rtl: bool) -> Self {
        if rtl {
            Layout {
                hours_x: 0,
                label_x: 24 * HOUR_WIDTH + LABEL_WIDTH - 4,
                label_anchor: "end",
            }
        } else {
            Layout {
                hours_x: LABEL_WIDTH,
                label_x: 4,
                label_anchor: "start",
            }
        }
    }

    /// x of `instant` in a strip of `day` (UTC), clamped to the day.
    fn x_of(self, day_start: DateTime<Utc>, instant: DateTime<Utc>) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let minutes = (instant - day_start).num_minutes().clamp(0, 24 * 60) as f64;
        #[allow(clippy::cast_precision_loss)]
        let x = self.hours_x as f64 + minutes * HOUR_WIDTH as f64 / 60.0;
        x
    }
}

/// Escapes text for SVG (maud does not see inside the string we build).
fn xml_escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

/// One UTC day as one strip per participant, with every window that touches it.
fn strips(day: NaiveDate, participants: &[SearchParticipant], windows: &[Window]) -> Markup {
    let lang = lang();
    let layout = Layout::for_direction(lang.direction() == tandem_i18n::Direction::Rtl);
    let day_start = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let day_name = lang.weekday_date(&day_start.fixed_offset());
    let span = Interval {
        start: day_start,
        end: day_start + Duration::days(1),
    };
    let rows = i64::try_from(participants.len()).unwrap_or(i64::MAX);
    let width = LABEL_WIDTH + 24 * HOUR_WIDTH;
    let height = TOP + rows * ROW_HEIGHT + 4;
    let mut svg = String::new();
    // The picture's text equivalent is the table of windows above it.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" direction="ltr" role="img" aria-labelledby="t-{day}" aria-describedby="{WINDOWS_TABLE}"><title id="t-{day}">{title}</title>"#,
        title = xml_escape(&t!("planner-strips-title", day = day_name.as_str())),
    );
    for h in 0..24 {
        let x = layout.hours_x + h * HOUR_WIDTH;
        let _ = write!(
            svg,
            r##"<text x="{}" y="14" font-size="11" text-anchor="middle" fill="#5a6473">{}</text>"##,
            x + HOUR_WIDTH / 2,
            xml_escape(&t!("planner-utc-hour", hour = lang.padded_number(h, 2))),
        );
    }
    for (i, p) in participants.iter().enumerate() {
        let y = TOP + i64::try_from(i).unwrap_or(0) * ROW_HEIGHT;
        let h = ROW_HEIGHT - 6;
        let _ = write!(
            svg,
            r##"<g class="strip" data-zone="{zone}"><text x="{lx}" y="{ty}" font-size="13" fill="#1d2430" text-anchor="{anchor}" unicode-bidi="plaintext">{label}</text><text x="{lx}" y="{ty2}" font-size="10" fill="#5a6473" text-anchor="{anchor}">{zone}</text><rect class="night" x="{hx}" y="{y}" width="{w}" height="{h}" fill="#3b4a63"/>"##,
            zone = xml_escape(p.zone.name()),
            label = xml_escape(&p.id),
            lx = layout.label_x,
            anchor = layout.label_anchor,
            hx = layout.hours_x,
            ty = y + 13,
            ty2 = y + 26,
            w = 24 * HOUR_WIDTH,
        );
        for (class, colour, hours) in [
            ("acceptable", "#f3d77a", &p.acceptable),
            ("working", "#7cc47f", &p.working),
        ] {
            for iv in hours.intervals(p.zone, span) {
                let (x1, x2) = (
                    layout.x_of(day_start, iv.start),
                    layout.x_of(day_start, iv.end),
                );
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
            let local = instant.with_timezone(&p.zone).fixed_offset();
            let text = if local.minute() == 0 {
                lang.padded_number(i64::from(local.hour()), 2)
            } else {
                lang.time(&local)
            };
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#10151c" stroke="#fff" stroke-width="2.5" paint-order="stroke">{text}</text>"##,
                layout.hours_x + hour * HOUR_WIDTH + HOUR_WIDTH / 2,
                y + h / 2 + 4
            );
        }
        svg.push_str("</g>");
    }
    for (rank, w) in windows.iter().enumerate() {
        if w.end <= span.start || w.start >= span.end {
            continue;
        }
        let (x1, x2) = (
            layout.x_of(day_start, w.start),
            layout.x_of(day_start, w.end),
        );
        let (s, e) = (w.start.fixed_offset(), w.end.fixed_offset());
        let title = t!(
            "planner-window",
            rank = rank + 1,
            start = lang.short_date_time(&s),
            end = lang.short_date_time(&e),
        );
        let _ = write!(
            svg,
            r##"<rect class="window" data-rank="{r}" data-start="{s}" data-end="{e}" x="{x1:.1}" y="{y}" width="{w:.1}" height="{h}" fill="rgba(11,92,173,0.35)" stroke="#0b5cad" stroke-width="2"><title>{title}</title></rect>"##,
            r = rank + 1,
            s = utc(w.start),
            e = utc(w.end),
            title = xml_escape(&title),
            y = TOP - 4,
            w = x2 - x1,
            h = rows * ROW_HEIGHT + 2,
        );
    }
    svg.push_str("</svg>");
    html! {
        figure.strips {
            figcaption { (m!("planner-strips-caption", day = day_name)) }
            div.scroll { (PreEscaped(svg)) }
        }
    }
}
