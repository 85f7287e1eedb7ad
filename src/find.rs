//! `tandem find REQUEST.json`: the window search of DESIGN §3 from a file, with calendars
//! read from paths relative to the request file.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Utc};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use tandem_app::windows;
use tandem_core::search::{SearchRequest, SearchResult, ValidatedSearch};
use tandem_core::{FieldErrors, Zone};

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
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let found = windows::search_files(&request, base).map_err(|e| describe(path, &e))?;
    Ok((found.search, found.result))
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
