//! Season-planning benchmark runner (not a test): loads a `gen_season.py` scenario, resolves
//! its `venue:`/`event:` keys the way the API's loader would (the keys become the ids),
//! reads each venue's holidays from `config/holidays/CC.ics` with tandem-ical's parser,
//! plans it with tandem-core's season planner and prints one JSON line of figures.
//!
//! ```text
//! cargo run --release -p tandem-ical --example season_bench -- SCENARIO.json [--time-limit S]
//!     [--config DIR] [--export MODEL.json] [--plan PLAN.json] [--check ASSIGNMENT.json]
//! ```
//!
//! `--export` writes the compiled model (`tandem_core::season::export`) that
//! `bench/season_cpsat.py` gives to OR-Tools CP-SAT, so both solve the same model;
//! `--check` re-checks (rules 1–4) and re-prices an assignment CP-SAT found, with the
//! planner's own cost function, instead of planning.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::Value;
use tandem_core::clash::WorkingDays;
use tandem_core::reference::ReferenceData;
use tandem_core::season::{
    self, ExistingEvent, Options, SeasonData, SeasonParticipant, SeasonProblem, SeasonRequest,
    SeasonRoom, SeasonVenue,
};
use tandem_core::time::{parse_local_datetime, Interval, Zone};
use tandem_core::{Attendance, EventMode, EventStatus, RegionCode, WeekdaySet};

/// Errors as text: the runner only reports them.
type Result<T> = std::result::Result<T, String>;

/// `.context("…")` on results and options, as anyhow has it (tandem-ical does not depend
/// on anyhow, and this runner needs no more).
trait Context<T> {
    fn context(self, what: &str) -> Result<T>;
    fn with_context(self, what: impl FnOnce() -> String) -> Result<T>
    where
        Self: Sized,
    {
        let what = what();
        self.context(&what)
    }
}

impl<T, E: std::fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: &str) -> Result<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: &str) -> Result<T> {
        self.ok_or_else(|| what.to_owned())
    }
}

fn anyhow(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut scenario = None;
    let mut config = PathBuf::from("config");
    let mut limit: Option<f64> = None;
    let mut export = None;
    let mut plan_out = None;
    let mut check = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--time-limit" => {
                limit = Some(
                    args.next()
                        .context("--time-limit S")?
                        .parse()
                        .context("--time-limit")?,
                );
            }
            "--config" => config = args.next().context("--config DIR")?.into(),
            "--export" => export = Some(PathBuf::from(args.next().context("--export FILE")?)),
            "--plan" => plan_out = Some(PathBuf::from(args.next().context("--plan FILE")?)),
            "--check" => check = Some(PathBuf::from(args.next().context("--check FILE")?)),
            _ if scenario.is_none() => scenario = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    let scenario = scenario.context("usage: season_bench SCENARIO.json [--time-limit S]")?;
    let text = std::fs::read_to_string(&scenario)
        .with_context(|| format!("reading {}", scenario.display()))?;
    let doc: Value = serde_json::from_str(&text).context("scenario")?;
    let loaded = Instant::now();
    let (mut request, data) = load(&doc, &config)?;
    if let Some(s) = limit {
        request.time_limit_seconds = Some(s);
    }
    let problem = SeasonProblem::new(&request, data).map_err(anyhow)?;
    let load_seconds = loaded.elapsed().as_secs_f64();
    if let Some(path) = export {
        let model = season::export::model(&problem);
        std::fs::write(&path, serde_json::to_vec(&model).context("model")?).context("export")?;
    }
    if let Some(path) = check {
        // Re-check and re-price an assignment found by another solver (season_cpsat.py).
        let text = std::fs::read_to_string(&path).context("assignment")?;
        let at: season::cost::Assignment = serde_json::from_str(&text).context("assignment")?;
        let inst = season::instance::Instance::new(&problem);
        let feasible = season::cost::check(&inst, &at);
        let ev = season::cost::evaluate(&inst, &at);
        println!(
            "{}",
            serde_json::json!({"feasible": feasible.is_ok(), "violation": format!("{feasible:?}"),
                "cost": ev.cost, "placed": ev.placed, "wanted_colocations": ev.wanted_colocations,
                "trips": ev.trips, "trips_if_apart": ev.trips_if_apart, "soft_clashes": ev.soft_clashes})
        );
        return Ok(());
    }
    let began = Instant::now();
    let mut last = Instant::now();
    let mut first_cost = None;
    let mut progress = |p: season::Progress| {
        if first_cost.is_none() {
            first_cost = Some((p.cost, began.elapsed().as_secs_f64()));
        }
        if last.elapsed() > Duration::from_secs(2) {
            eprintln!(
                "  {:5.1}%  cost {:.1}  bound {:?}  placed {}",
                p.fraction * 100.0,
                p.cost,
                p.bound,
                p.placed
            );
            last = Instant::now();
        }
    };
    let mut options = Options {
        deadline: began + problem.time_limit,
        progress: Some(&mut progress),
    };
    let plan = season::plan(&problem, &mut options);
    let seconds = began.elapsed().as_secs_f64();
    if let Some(path) = plan_out {
        std::fs::write(&path, serde_json::to_vec_pretty(&plan).context("plan")?).context("plan")?;
    }
    let out = serde_json::json!({
        "scenario": scenario.display().to_string(),
        "events": problem.events.len(),
        "cost": plan.cost,
        "bound": plan.bound,
        "status": plan.status,
        "seconds": seconds,
        "load_seconds": load_seconds,
        "first": first_cost,
        "metrics": plan.metrics,
        "unplaced": plan.unplaced.iter().map(|u| format!("{}: {}", u.event, u.reason)).collect::<Vec<_>>(),
    });
    println!("{out}");
    Ok(())
}

fn key(text: &str) -> String {
    text.split_once(':').map_or(text, |(_, k)| k).to_owned()
}

fn str_of<'a>(v: &'a Value, field: &str) -> Result<&'a str> {
    v[field]
        .as_str()
        .with_context(|| format!("missing string field {field}"))
}

/// The scenario's request with keys as ids, and the venues and existing events as the
/// store would hand them to the planner.
fn load(doc: &Value, config: &std::path::Path) -> Result<(SeasonRequest, SeasonData)> {
    let mut request = doc["request"].clone();
    for f in request
        .get_mut("fixed")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        *f = Value::String(key(f.as_str().unwrap_or_default()));
    }
    for e in request
        .get_mut("events")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for v in e["venues"].as_array_mut().into_iter().flatten() {
            *v = Value::String(key(v.as_str().unwrap_or_default()));
        }
        for a in e["alongside"].as_array_mut().into_iter().flatten() {
            let t = a.as_str().unwrap_or_default();
            if t.starts_with("event:") {
                *a = Value::String(key(t));
            }
        }
    }
    let request: SeasonRequest = serde_json::from_value(request).context("request")?;
    let range_start =
        NaiveDate::parse_from_str(&request.range.start, "%Y-%m-%d").context("range.start")?;
    let range_end =
        NaiveDate::parse_from_str(&request.range.end, "%Y-%m-%d").context("range.end")?;
    // Holidays over the range and a margin (fixed events may stand just outside it).
    let from = NaiveDate::from_ymd_opt(range_start.year() - 1, 1, 1).unwrap_or(range_start);
    let to = NaiveDate::from_ymd_opt(range_end.year() + 1, 12, 31).unwrap_or(range_end);
    let mut venues = Vec::new();
    for v in doc["venues"].as_array().context("venues")? {
        let zone = Zone::parse(str_of(v, "tz")?).map_err(anyhow)?;
        let weekend: Vec<String> =
            serde_json::from_value(v["weekend"].clone()).context("weekend")?;
        let weekend = WeekdaySet::parse(&weekend).map_err(anyhow)?;
        let mut holidays = BTreeSet::new();
        if let Some(cc) = v["holiday_calendar"].as_str() {
            let path = config.join("holidays").join(format!("{cc}.ics"));
            let bytes = std::fs::read(&path).with_context(|| path.display().to_string())?;
            let calendar = tandem_ical::parse(&bytes).map_err(|e| format!("{cc}.ics: {e:?}"))?;
            let range =
                Interval::new(zone.day(from).start, zone.day(to).end).context("holiday range")?;
            for busy in calendar.busy(zone, range) {
                holidays.extend(tandem_core::clash::local_dates(zone, busy));
            }
        }
        let rooms = v["rooms"]
            .as_array()
            .context("rooms")?
            .iter()
            .map(|r| {
                Ok(SeasonRoom {
                    id: str_of(r, "key")?.to_owned(),
                    name: str_of(r, "name")?.to_owned(),
                    capacity: u32::try_from(r["capacity"].as_u64().unwrap_or(0))
                        .context("capacity")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        venues.push(SeasonVenue {
            id: str_of(v, "key")?.to_owned(),
            name: str_of(v, "name")?.to_owned(),
            zone,
            working_days: WorkingDays::new(weekend, holidays),
            rooms,
        });
    }
    let mut existing = Vec::new();
    for x in doc["existing"].as_array().context("existing")? {
        let zone = Zone::parse(str_of(x, "tz")?).map_err(anyhow)?;
        let start: NaiveDateTime = parse_local_datetime(str_of(x, "start")?).map_err(anyhow)?;
        let end: NaiveDateTime = parse_local_datetime(str_of(x, "end")?).map_err(anyhow)?;
        let occurrence =
            Interval::new(zone.resolve(start), zone.resolve(end)).context("event times")?;
        let participants = x["participants"]
            .as_array()
            .context("participants")?
            .iter()
            .map(|p| {
                Ok(SeasonParticipant {
                    id: str_of(p, "id")?.to_owned(),
                    tz: Zone::parse(str_of(p, "tz")?).map_err(anyhow)?,
                    attendance: str_of(p, "attendance")?
                        .parse::<Attendance>()
                        .map_err(anyhow)?,
                    required: p["required"].as_bool().unwrap_or(true),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        existing.push(ExistingEvent {
            id: str_of(x, "key")?.to_owned(),
            title: str_of(x, "title")?.to_owned(),
            status: match str_of(x, "status")? {
                "confirmed" => EventStatus::Confirmed,
                "proposed" => EventStatus::Proposed,
                _ => EventStatus::Cancelled,
            },
            mode: str_of(x, "mode")?.parse::<EventMode>().map_err(anyhow)?,
            region: str_of(x, "region")?.parse::<RegionCode>().map_err(anyhow)?,
            group: x["group"].as_str().map(str::to_owned),
            venue: x["venue"].as_str().map(str::to_owned),
            room: x["room"].as_str().map(str::to_owned),
            days: ExistingEvent::days_of(zone, &[occurrence]),
            participants,
        });
    }
    let reference = std::fs::read_to_string(config.join("reference").join("itu.toml"))
        .context("config/reference/itu.toml")?;
    let reference = ReferenceData::parse(&reference).context("reference data")?;
    let groups = reference.groups.iter().map(|g| g.code.clone()).collect();
    Ok((
        request,
        SeasonData {
            venues,
            existing,
            groups,
        },
    ))
}
