//! `/clashes`: the clash dashboard for signed-in organisers — every current clash of their
//! regions with the suggestions of the clash engine, each with a button that applies it
//! through the same code as `POST /api/v1/clashes/{id}/resolve`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use tandem_app::clashes::{self, DashboardClash};
use tandem_app::Caller;
use tandem_core::clash::{Clash, ClashKind, Severity};
use tandem_core::{Attendance, Participant};
use tracing::instrument;
use uuid::Uuid;

use tower_sessions::Session;

use super::i18n::{clock, local_date, local_span, local_time, zone_name};
use super::session::{posting, signed_in, SignedIn};
use super::{html_response, m, page, t, term, PageError};
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
    Ok(html_response(
        StatusCode::OK,
        page(&t!("clashes-title"), &render(&user, &notice, &rows)),
    ))
}

fn render(user: &SignedIn, notice: &Notice, rows: &[DashboardClash]) -> Markup {
    let role = term("role", user.token.role.as_str());
    html! {
        div.head-row {
            h1 { (t!("clashes-title")) }
            form method="post" action="/signout" {
                input type="hidden" name="csrf" value=(user.csrf);
                button.button.secondary type="submit" { (t!("signout")) }
            }
        }
        p.muted {
            @if let Some(label) = &user.token.label {
                (m!("clashes-signed-in-label", label = label, role = role.as_str()))
            } @else {
                (m!("clashes-signed-in", role = role.as_str()))
            }
        }
        @if let Some(id) = &notice.resolved {
            p.notice role="status" { (m!("clashes-resolved", id = html! { code dir="ltr" { (id) } })) }
        }
        @if rows.is_empty() {
            p { (t!("clashes-empty")) }
        }
        ul.events {
            @for DashboardClash { clash, event, suggestions: fixes } in rows {
                li.clash data-clash=(clash.id) data-kind=(clash.kind.as_str()) {
                    span.badge.hard[clash.severity == Severity::Hard].soft[clash.severity == Severity::Soft] {
                        (term("severity", clash.severity.as_str()))
                    }
                    " " strong { (term("clash", clash.kind.as_str())) } ": " (clash_detail(clash, &event.draft.participants))
                    br;
                    a href={ "/events/" (event.id) } { bdi { (event.title()) } } " · "
                    bdi { (local_span(clash.start, clash.end, event.zone())) }
                    @if fixes.is_empty() {
                        p.muted { (t!("clashes-no-fix")) }
                    } @else {
                        ul {
                            @for fix in fixes.iter().take(3) {
                                li {
                                    form.resolve method="post" action={ "/clashes/" (clash.id) "/resolve" } {
                                        input type="hidden" name="csrf" value=(user.csrf);
                                        input type="hidden" name="suggestion" value=(fix.id);
                                        (m!("clashes-fix",
                                            action = term("fix", fix.action.as_str()),
                                            start = local_time(fix.starts_at, fix.tz),
                                            end = local_time(fix.ends_at, fix.tz),
                                            zone = html! { bdi dir="ltr" { (fix.tz.name()) } }))
                                        @if let Some(room) = &fix.room { ", " bdi { (room.name) } }
                                        " · " (t!("clashes-leaves", count = fix.leaves.len())) " "
                                        button.button type="submit" { (t!("clashes-apply")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
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
    let user = match posting(&state, &session, &form.csrf, "/clashes").await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    let caller = Caller::Token(user.token);
    let Ok(clash_id) = Uuid::parse_str(&id) else {
        return Err(PageError::NotFound(format!("no clash with id '{id}'")));
    };
    clashes::resolve(&state.app, &caller, clash_id, &form.suggestion, None).await?;
    Ok(Redirect::to(&format!("/clashes?resolved={id}")).into_response())
}

/// A clash in words in the page's language, from its kind, subject and time (the stored
/// `detail` is the English sentence the API serves). `participants` are the event's, for
/// the zone of a remote participant; one no longer listed is named without it.
pub(super) fn clash_detail(clash: &Clash, participants: &[Participant]) -> Markup {
    let subject = clash.subject.as_deref().unwrap_or_default();
    let code = || html! { bdi dir="ltr" { (subject) } };
    match clash.kind {
        ClashKind::RoomOverlap => html! { (t!("clash-detail-room_overlap")) },
        ClashKind::GroupOverlap => m!("clash-detail-group_overlap", group = code()),
        ClashKind::ParticipantOverlap if clash.other_event_id.is_some() => {
            m!("clash-detail-participant_overlap", participant = code())
        }
        ClashKind::ParticipantOverlap => m!("clash-detail-calendar_busy", participant = code()),
        ClashKind::RegionOverlap => m!(
            "clash-detail-region_overlap",
            region = term("region", subject)
        ),
        ClashKind::VenueClosed => match subject.parse::<chrono::NaiveDate>() {
            Ok(date) => m!("clash-detail-venue_closed", date = local_date(date)),
            Err(_) => m!("clash-detail-venue_closed", date = code()),
        },
        ClashKind::RemoteHours => {
            let (from, to) = (clock(7, 0), clock(22, 0));
            match participants
                .iter()
                .find(|p| p.id.as_str() == subject && p.attendance == Attendance::Remote)
            {
                Some(p) => m!(
                    "clash-detail-remote_hours",
                    participant = code(),
                    span = local_span(clash.start, clash.end, p.tz),
                    zone = zone_name(clash.start, p.tz),
                    from = from,
                    to = to
                ),
                None => m!(
                    "clash-detail-remote_hours-unknown-zone",
                    participant = code(),
                    from = from,
                    to = to
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use tandem_core::{Interval, Zone};
    use uuid::Uuid;

    fn clash(kind: ClashKind, subject: &str) -> Clash {
        let start: DateTime<Utc> = "2030-03-12T09:00:00Z".parse().unwrap();
        let end: DateTime<Utc> = "2030-03-12T11:00:00Z".parse().unwrap();
        Clash::new(
            kind,
            Severity::Soft,
            (Uuid::nil(), None),
            Interval::new(start, end).unwrap(),
            Some(subject.to_owned()),
            "the stored English sentence".into(),
        )
    }

    fn text(markup: &Markup) -> String {
        let html = markup.clone().into_string();
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn a_remote_participant_no_longer_listed_is_named_without_a_zone() {
        let said = text(&clash_detail(&clash(ClashKind::RemoteHours, "gone"), &[]));
        assert!(
            said.starts_with("remote participant gone would join outside"),
            "{said}"
        );
        assert!(!said.contains("stored English"), "{said}");
    }

    #[test]
    fn a_remote_participant_is_shown_on_their_own_clock() {
        let participant = Participant {
            id: tandem_core::ParticipantId::parse("far").unwrap(),
            name: None,
            tz: Zone::parse("Pacific/Honolulu").unwrap(),
            attendance: Attendance::Remote,
            required: false,
            email: None,
            language: None,
        };
        let said = text(&clash_detail(
            &clash(ClashKind::RemoteHours, "far"),
            &[participant],
        ));
        // 09:00Z is 23:00 the evening before in Honolulu.
        assert!(said.contains("23:00"), "{said}");
        assert!(said.contains("Hawaii"), "{said}");
    }

    #[test]
    fn a_closed_venue_names_its_date_with_the_weekday() {
        let said = text(&clash_detail(
            &clash(ClashKind::VenueClosed, "2030-03-16"),
            &[],
        ));
        assert!(said.contains("Saturday"), "{said}");
        let odd = text(&clash_detail(
            &clash(ClashKind::VenueClosed, "not a date"),
            &[],
        ));
        assert!(odd.contains("not a date"), "{odd}");
    }
}
