//! `/clashes`: the clash dashboard for signed-in organisers — every current clash of their
//! regions with the suggestions of the clash engine, each with a button that applies it
//! through the same code as `POST /api/v1/clashes/{id}/resolve`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;
use tandem_app::clashes::{self, DashboardClash};
use tandem_app::Caller;
use tandem_core::clash::Severity;
use tandem_core::time::format_local_datetime;
use tracing::instrument;
use uuid::Uuid;

use tower_sessions::Session;

use super::session::{forbidden_form, same_secret, signed_in};
use super::{html_response, local_span, page, PageError};
use crate::state::AppState;

/// A notice after a resolution.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    resolved: Option<String>,
}

/// `GET /clashes`.
#[instrument(skip_all)]
pub async fn dashboard(
    State(state): State<AppState>,
    session: Session,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    let Some(user) = signed_in(&state, &session).await? else {
        return Ok(Redirect::to("/signin?next=/clashes").into_response());
    };
    let caller = Caller::Token(user.token.clone());
    let rows = clashes::for_caller(&state.app, &caller).await?;
    let body = html! {
        div.head-row {
            h1 { "Clashes" }
            form method="post" action="/signout" {
                input type="hidden" name="csrf" value=(user.csrf);
                button.button.secondary type="submit" { "Sign out" }
            }
        }
        p.muted {
            "Signed in with " @if let Some(label) = &user.token.label { "the token “" (label) "”" } @else { "a token" }
            " (" (user.token.role.as_str()) ")."
        }
        @if let Some(id) = &notice.resolved {
            p.notice role="status" { "Clash " code { (id) } " resolved." }
        }
        @if rows.is_empty() {
            p { "No clash in your regions." }
        }
        ul.events {
            @for DashboardClash { clash, event, suggestions: fixes } in &rows {
                li.clash data-clash=(clash.id) {
                    span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] {
                        (clash.severity.as_str())
                    }
                    " " strong { (clash.kind.as_str()) } ": " (clash.detail)
                    br;
                    a href={ "/events/" (event.id) } { (event.title) } " · "
                    (local_span(clash.start, clash.end, event.tz))
                    @if fixes.is_empty() {
                        p.muted { "No suggestion: change the events by hand." }
                    } @else {
                        ul {
                            @for fix in fixes.iter().take(3) {
                                li {
                                    form.resolve method="post" action={ "/clashes/" (clash.id) "/resolve" } {
                                        input type="hidden" name="csrf" value=(user.csrf);
                                        input type="hidden" name="suggestion" value=(fix.id);
                                        (fix.action.as_str()) ": " (format_local_datetime(fix.start)) " – " (format_local_datetime(fix.end)) " (" (fix.tz.name()) ")"
                                        @if let Some(room) = &fix.room { ", " (room.name) }
                                        " · leaves " (fix.leaves.len()) " clash(es) "
                                        button.button type="submit" { "Apply" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(StatusCode::OK, page("Clashes", &body)))
}

/// The resolve form as posted.
#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    csrf: String,
    suggestion: String,
}

/// `POST /clashes/{id}/resolve`: applies a suggestion as the signed-in organiser.
#[instrument(skip_all, fields(clash_id = %id))]
pub async fn resolve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<ResolveForm>,
) -> Result<Response, PageError> {
    let Some(user) = signed_in(&state, &session).await? else {
        return Ok(Redirect::to("/signin?next=/clashes").into_response());
    };
    if !same_secret(&user.csrf, &form.csrf) {
        return Ok(forbidden_form());
    }
    let caller = Caller::Token(user.token);
    let Ok(clash_id) = Uuid::parse_str(&id) else {
        return Err(PageError::NotFound(format!("no clash with id '{id}'")));
    };
    clashes::resolve(&state.app, &caller, clash_id, &form.suggestion, None).await?;
    Ok(Redirect::to(&format!("/clashes?resolved={id}")).into_response())
}
