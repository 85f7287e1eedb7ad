//! The compiled model as data, for other solvers to solve the same model
//! (`bench/season_cpsat.py` gives it to OR-Tools CP-SAT): serialise the [`Instance`] with
//! serde. Fields: `calendar` (`origin` day number, `before[v][i]` = working days of venue
//! v before day `origin + i`), weights, `max_gap`, `events[]` (`len`, `rank`, `group`,
//! `positions[]` with `venue`, `start`, `rooms`, `unary`, `soft`; `neighbours[]`;
//! `in_person`; `wanted_fixed`), `fixed[]` (`venue`, `days`, `rank`), `person_items`
//! (`{"Event": i}` or `{"Fixed": i}`), `rooms_per_venue`, `groups`, and `empty_cost`, the
//! cost of the empty plan.

use serde::Serialize;

use super::cost::evaluate;
use super::instance::Instance;
use super::model::SeasonProblem;

/// The model and the cost of its empty plan.
#[derive(Serialize)]
pub struct Model {
    /// The compiled season.
    #[serde(flatten)]
    pub instance: Instance,
    /// The cost of placing nothing.
    pub empty_cost: f64,
    /// Event ids, in order.
    pub ids: Vec<String>,
}

/// The compiled model of `problem`.
pub fn model(problem: &SeasonProblem) -> Model {
    let instance = Instance::new(problem);
    let empty_cost = evaluate(&instance, &vec![None; instance.events.len()]).cost;
    Model {
        instance,
        empty_cost,
        ids: problem.events.iter().map(|e| e.id.clone()).collect(),
    }
}
