//! `tandem plan SEASON.json [--apply]`: season planning (DESIGN §14) from a file, with the
//! request's `venues` and `fixed` resolved against the database as `POST
//! /api/v1/seasons/plan` resolves them, a progress bar on a terminal, and the same JSON out.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tandem_app::season::{self, ProgressSink};
use tandem_app::{App, AppError, Caller};
use tandem_core::season::{Progress, SeasonRequest};
use tandem_server::api::seasons::{applied_body, plan_body, SeasonPlanBody};

/// Why planning failed: `Usage` is the user's to fix (exit code 2).
#[derive(Debug)]
pub enum PlanFailure {
    /// Bad input: an unreadable file, a field the planner refuses, a conflict on apply.
    Usage(String),
    /// Anything else (the database).
    Other(anyhow::Error),
}

/// Reads a season request file; a bad document names the file and the field.
pub fn read(path: &Path) -> Result<SeasonRequest, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let at = e.path().to_string();
        format!(
            "{}: {}{}",
            path.display(),
            if at == "." {
                String::new()
            } else {
                format!("{at}: ")
            },
            e.into_inner()
        )
    })
}

/// A bar on standard error, drawn only when standard error is a terminal (so it shows when
/// the plan itself is redirected to a file, `tandem plan s.json > plan.json`, and not in a
/// log), fed by the planner's progress.
fn bar() -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(1000), target);
    bar.set_style(
        ProgressStyle::with_template("planning [{bar:30}] {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("reading the season");
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

fn sink(bar: &ProgressBar) -> ProgressSink {
    let bar = bar.clone();
    Box::new(move |p: Progress| {
        // Fractions are in 0..=1: the position is a whole number of thousandths.
        let thousandths = (p.fraction.clamp(0.0, 1.0) * 1000.0).round();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        bar.set_position(thousandths as u64);
        bar.set_message(match p.bound {
            Some(bound) => format!("{} placed, cost {} (bound {bound})", p.placed, p.cost),
            None => format!("{} placed, cost {}", p.placed, p.cost),
        });
    })
}

fn describe(path: &Path, error: AppError) -> PlanFailure {
    match error {
        AppError::Invalid(errors) => {
            let mut out = format!("{} is not a valid season:", path.display());
            for e in &errors.0 {
                let _ = write!(out, "\n  {e}");
            }
            PlanFailure::Usage(out)
        }
        AppError::Conflict(what) => PlanFailure::Usage(format!("the plan was not applied: {what}")),
        AppError::RoomTaken(clashes) => PlanFailure::Usage(format!(
            "the plan was not applied: a room is taken ({} clashing events)",
            clashes.len()
        )),
        other => PlanFailure::Other(other.into()),
    }
}

/// Plans the season in `path` (and applies it with `apply`, as the operator).
pub async fn run(app: &App, path: &Path, apply: bool) -> Result<SeasonPlanBody, PlanFailure> {
    let request = read(path).map_err(PlanFailure::Usage)?;
    let bar = bar();
    let outcome = if apply {
        season::plan_and_apply(app, &Caller::Operator, &request, Some(sink(&bar)))
            .await
            .map(|applied| applied_body(&applied))
    } else {
        season::plan_season(app, &request, Some(sink(&bar)))
            .await
            .map(|planned| plan_body(&planned.plan))
    };
    bar.finish_and_clear();
    outcome.map_err(|e| describe(path, e))
}
