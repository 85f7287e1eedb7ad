//! `tandem find REQUEST.json`: the window search of DESIGN §3 from a file, with calendars
//! read from paths relative to the request file.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Utc};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use tandem_core::search::{search, SearchRequest, SearchResult, ValidatedSearch};
use tandem_core::{FieldError, FieldErrors, Interval, Zone};
use tandem_server::windows::calendar_busy;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The JSON response of DESIGN §3.
    Json,
    /// One table per window, in every participant's local time.
    Table,
}

/// Reads, validates and runs a request file; errors are messages for the user.
pub fn find(path: &Path) -> Result<(ValidatedSearch, SearchResult), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    let request: SearchRequest =
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
        })?;
    let mut validated = request.validate().map_err(|e| describe(path, &e))?;
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    // Every calendar document, with the participant it belongs to and its field name.
    let mut jobs: Vec<(usize, String, Source)> = Vec::new();
    for (i, (calendars, ics)) in validated.calendars.iter().enumerate() {
        for (j, file) in calendars.iter().enumerate() {
            jobs.push((
                i,
                format!("participants[{i}].calendars[{j}]"),
                Source::File(base.join(file)),
            ));
        }
        if let Some(ics) = ics {
            jobs.push((
                i,
                format!("participants[{i}].ics"),
                Source::Inline(ics.clone()),
            ));
        }
    }
    let zones: Vec<Zone> = validated
        .query
        .participants
        .iter()
        .map(|p| p.zone)
        .collect();
    let range = validated.query.range;
    let mut errors = FieldErrors::default();
    for (i, outcome) in read_all(&jobs, &zones, range) {
        match outcome {
            Ok(busy) => validated.add_busy(i, busy),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(describe(path, &errors));
    }
    let result = search(&validated.query);
    Ok((validated, result))
}

/// Where a calendar document comes from.
enum Source {
    File(std::path::PathBuf),
    Inline(String),
}

/// Reads and expands every calendar, spread over the machine's cores (parsing dominates the
/// cost of a search), keeping the jobs' order.
fn read_all(
    jobs: &[(usize, String, Source)],
    zones: &[Zone],
    range: Interval,
) -> Vec<(usize, Result<Vec<Interval>, FieldError>)> {
    let one = |(i, field, source): &(usize, String, Source)| {
        let Some(&zone) = zones.get(*i) else {
            return (
                *i,
                Err(FieldError::new(field.clone(), "no such participant")),
            );
        };
        let outcome = match source {
            Source::File(full) => match std::fs::read(full) {
                Ok(bytes) => calendar_busy(&bytes, zone, range, field).map_err(|e| {
                    FieldError::new(field.clone(), format!("{}: {}", full.display(), e.message))
                }),
                Err(e) => Err(FieldError::new(
                    field.clone(),
                    format!("cannot read {}: {e}", full.display()),
                )),
            },
            Source::Inline(ics) => calendar_busy(ics.as_bytes(), zone, range, field),
        };
        (*i, outcome)
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(8);
    if workers < 2 || jobs.len() < 4 {
        return jobs.iter().map(one).collect();
    }
    let chunk = jobs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|(i, field, _)| {
                            (
                                *i,
                                Err(FieldError::new(
                                    field.clone(),
                                    "reading this calendar failed unexpectedly",
                                )),
                            )
                        })
                        .collect()
                })
            })
            .collect()
    })
}

fn describe(path: &Path, errors: &FieldErrors) -> String {
    let mut out = format!("{} is not a valid request:", path.display());
    for e in &errors.0 {
        let _ = write!(out, "\n  {e}");
    }
    out
}

fn local(zone: Zone, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let s = start.with_timezone(&zone);
    let e = end.with_timezone(&zone);
    if s.date_naive() == e.date_naive() {
        format!(
            "{} {}–{} ({})",
            s.format("%a %d %b %Y"),
            s.format("%H:%M"),
            e.format("%H:%M"),
            s.format("%:z")
        )
    } else {
        format!(
            "{} – {} ({})",
            s.format("%a %d %b %Y %H:%M"),
            e.format("%a %d %b %H:%M"),
            s.format("%:z")
        )
    }
}

/// The result as tables: each window in every participant's local time.
pub fn table(search: &ValidatedSearch, result: &SearchResult) -> String {
    let mut out = String::new();
    if result.windows.is_empty() {
        let why = result
            .diagnostics
            .explanation
            .as_deref()
            .unwrap_or("no window was found");
        let _ = writeln!(
            out,
            "{why} ({} candidates considered)",
            result.diagnostics.candidates
        );
        return out;
    }
    for (rank, w) in result.windows.iter().enumerate() {
        let _ = writeln!(
            out,
            "#{}  {} – {} UTC   score {}   {} min outside working hours",
            rank + 1,
            w.start.format("%a %d %b %Y %H:%M"),
            w.end.format("%H:%M"),
            w.score,
            w.inconvenience_minutes
        );
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header(vec!["participant", "zone", "local time", "available"]);
        for p in &search.query.participants {
            let ok = w.available.contains(&p.id);
            t.add_row(vec![
                format!("{}{}", p.id, if p.required { " *" } else { "" }),
                p.zone.name().to_owned(),
                local(p.zone, w.start, w.end),
                if ok { "yes" } else { "no" }.to_owned(),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    let _ = writeln!(
        out,
        "* required · {} candidates considered",
        result.diagnostics.candidates
    );
    out
}
