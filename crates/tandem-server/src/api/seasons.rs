//! `POST /api/v1/seasons/plan` (DESIGN §14): a whole season of meetings, workshops and
//! forums placed at once, co-located where the resolution wants them; with `?apply=true`,
//! every placement created as a proposed event, linked, in one transaction.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tandem_app::season::{self, Applied, Planned};
use tandem_core::season::{Plan, SeasonRequest, Status};
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Caller;
use crate::extract::{ApiJson, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// `?apply=true` creates the plan's events.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// Create every placement as a proposed event, linked to its first co-location's
    /// partner, in one transaction (organisers of every region of the request's events).
    pub apply: Option<bool>,
}

/// The room of a placement.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanRoomBody {
    /// Room id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its seats.
    pub capacity: u32,
}

/// A soft clash of a placement (`participant_overlap`, `region_overlap`, `remote_hours`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanClashBody {
    /// Which rule.
    #[serde(rename = "type")]
    pub kind: String,
    /// The other event (an id of the request or of an existing event), for the pair rules.
    pub event: Option<String>,
    /// The participant, or the region code.
    pub subject: String,
    /// The first local date it concerns.
    pub date: NaiveDate,
}

/// One placed event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlacementBody {
    /// The event's id in the request.
    pub event: String,
    /// Its venue.
    pub venue_id: String,
    /// Its room.
    pub room: PlanRoomBody,
    /// First local date.
    pub start: NaiveDate,
    /// Last local date (inclusive).
    pub end: NaiveDate,
    /// The venue's zone.
    pub tz: String,
    /// The first session's start.
    pub starts_at: DateTime<Utc>,
    /// The last session's end.
    pub ends_at: DateTime<Utc>,
    /// Partners of its wanted co-locations, earliest first day first, then smallest id.
    pub alongside: Vec<String>,
    /// Its soft clashes.
    pub clashes: Vec<PlanClashBody>,
}

/// An event the plan leaves out.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UnplacedBody {
    /// The event's id in the request.
    pub event: String,
    /// Why.
    pub reason: String,
}

/// The plan's figures.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MetricsBody {
    /// Events placed.
    pub placed: usize,
    /// Wanted co-locations.
    pub wanted_colocations: usize,
    /// Trips of all participants.
    pub trips: usize,
    /// Trips as if no two events continued a trip.
    pub trips_if_apart: usize,
    /// Soft clashes.
    pub soft_clashes: usize,
    /// Seconds the planner took.
    pub solve_seconds: f64,
}

/// An event created by `?apply=true`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CreatedBody {
    /// The event's id in the request.
    pub event: String,
    /// The id of the proposed event created.
    pub id: Uuid,
    /// The event it is linked to (`co_located_with`), if any.
    pub co_located_with: Option<Uuid>,
}

/// A season plan (DESIGN §14).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeasonPlanBody {
    /// The plan's exact cost by §14's definitions.
    pub cost: f64,
    /// A proven lower bound on the cost, when the method gives one.
    pub bound: Option<f64>,
    /// `optimal` when the cost equals the bound, else `feasible`.
    #[schema(example = "feasible")]
    pub status: String,
    /// Placed events, in request order.
    pub placements: Vec<PlacementBody>,
    /// Events left out, each with its reason, in request order.
    pub unplaced: Vec<UnplacedBody>,
    /// The figures.
    pub metrics: MetricsBody,
    /// With `?apply=true`: the events created (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Vec<CreatedBody>>,
}

/// The wire shape of a plan.
pub fn plan_body(plan: &Plan) -> SeasonPlanBody {
    SeasonPlanBody {
        cost: plan.cost,
        bound: plan.bound,
        status: match plan.status {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
        }
        .to_owned(),
        placements: plan
            .placements
            .iter()
            .map(|p| PlacementBody {
                event: p.event.clone(),
                venue_id: p.venue_id.clone(),
                room: PlanRoomBody {
                    id: p.room.id.clone(),
                    name: p.room.name.clone(),
                    capacity: p.room.capacity,
                },
                start: p.start,
                end: p.end,
                tz: p.tz.clone(),
                starts_at: p.starts_at,
                ends_at: p.ends_at,
                alongside: p.alongside.clone(),
                clashes: p
                    .clashes
                    .iter()
                    .map(|c| PlanClashBody {
                        kind: c.kind.as_str().to_owned(),
                        event: c.event.clone(),
                        subject: c.subject.clone(),
                        date: c.date,
                    })
                    .collect(),
            })
            .collect(),
        unplaced: plan
            .unplaced
            .iter()
            .map(|u| UnplacedBody {
                event: u.event.clone(),
                reason: u.reason.clone(),
            })
            .collect(),
        metrics: MetricsBody {
            placed: plan.metrics.placed,
            wanted_colocations: plan.metrics.wanted_colocations,
            trips: plan.metrics.trips,
            trips_if_apart: plan.metrics.trips_if_apart,
            soft_clashes: plan.metrics.soft_clashes,
            solve_seconds: plan.metrics.solve_seconds,
        },
        created: None,
    }
}

/// The wire shape of an applied plan: the plan and the events created.
pub fn applied_body(applied: &Applied) -> SeasonPlanBody {
    let mut body = plan_body(&applied.planned.plan);
    body.created = Some(
        applied
            .planned
            .plan
            .placements
            .iter()
            .zip(&applied.events)
            .map(|(p, e)| CreatedBody {
                event: p.event.clone(),
                id: e.id,
                co_located_with: e.draft.co_located_with,
            })
            .collect(),
    );
    body
}

/// Plans a season: every event of the request placed at one of its venues, in a room that
/// seats it, on working days of the venue, where the cost of DESIGN §14 is least within the
/// time limit (at most 300 s; the answer comes within the limit and a second). `venues` and
/// `fixed` are ids; `alongside` names groups, fixed events or events of the request. Every
/// bad field is a 400 naming it. With `?apply=true` (organisers of every region of the
/// request's events) every placement becomes a proposed event linked to its first
/// co-location's partner, all in one transaction: 201, or 409 naming what changed since
/// the data was read.
#[utoipa::path(
    post, path = "/api/v1/seasons/plan", tag = "seasons",
    params(PlanQuery),
    request_body = SeasonRequest,
    responses(
        (status = 200, description = "The plan", body = SeasonPlanBody),
        (status = 201, description = "The plan, applied: its events created", body = SeasonPlanBody),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token (apply)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A region outside the token's (apply)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The data moved since it was read (apply)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
#[instrument(skip_all, fields(events = request.events.len()))]
pub async fn plan_season(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PlanQuery>,
    ApiJson(request): ApiJson<SeasonRequest>,
) -> Result<Response, ApiError> {
    if query.apply == Some(true) {
        let applied = season::plan_and_apply(&state.app, &caller, &request, None).await?;
        return Ok((StatusCode::CREATED, Json(applied_body(&applied))).into_response());
    }
    caller.require_read(state.settings.auth.public_reads)?;
    let planned: Planned = season::plan_season(&state.app, &request, None).await?;
    Ok(Json(plan_body(&planned.plan)).into_response())
}
