//! `tandem import FILE|URL`: imports an external calendar into the database through the same
//! importer as `POST /api/v1/calendars`, with a progress bar on a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tandem_app::import::fetch::Progress;
use tandem_app::import::{ImportRequest, Source};
use tandem_app::{calendars, App, AppError, Caller};
use tandem_core::FieldError;
use tandem_store::{Calendar, CalendarOwner};

/// What to import.
#[derive(Debug)]
pub struct ImportArgs {
    /// A file path, or an https, http or webcal URL.
    pub source: String,
    /// Display name.
    pub name: Option<String>,
    /// Participant owning it.
    pub owner: Option<String>,
    /// Venue owning it (its holiday calendar).
    pub venue: Option<uuid::Uuid>,
}

/// Why the import failed: `Usage` is the user's to fix (exit code 2).
#[derive(Debug)]
pub enum ImportFailure {
    /// Bad input: unreadable file, bad or refused URL, a calendar that cannot be read.
    Usage(String),
    /// Anything else (the source unreachable, the database).
    Other(anyhow::Error),
}

/// A bar on standard error, drawn only when standard output is a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new(first: String) -> Self {
        let target = if std::io::stdout().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {bytes}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(first);
        bar.enable_steady_tick(Duration::from_millis(100));
        Self(bar)
    }
}

impl Progress for Bar {
    fn length(&self, total: Option<u64>) {
        if let Some(total) = total {
            self.0.set_length(total);
            self.0.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
        }
    }

    fn received(&self, bytes: u64) {
        self.0.set_position(bytes);
    }

    fn stage(&self, what: &str) {
        self.0.set_message(what.to_owned());
    }
}

fn is_url(source: &str) -> bool {
    source.contains("://")
}

/// Runs the import (the use case `POST /api/v1/calendars` runs, as the operator) and
/// returns the stored calendar.
pub async fn run(app: &App, args: ImportArgs) -> Result<Calendar, ImportFailure> {
    let owner = match (args.owner, args.venue) {
        (Some(p), _) => CalendarOwner::Participant(p),
        (None, Some(v)) => CalendarOwner::Venue(v),
        (None, None) => CalendarOwner::Nobody,
    };
    let (source, bar) = if is_url(&args.source) {
        let bar = Bar::new(format!("fetching {}", host(&args.source)));
        (Source::Url(args.source.clone()), bar)
    } else {
        let limit = app.importer.settings().max_bytes;
        let size = std::fs::metadata(&args.source)
            .map_err(|e| ImportFailure::Usage(format!("{}: {e}", args.source)))?
            .len();
        if size > limit {
            return Err(ImportFailure::Usage(format!(
                "{}: the calendar is larger than the limit of {limit} bytes (import.max_bytes)",
                args.source
            )));
        }
        let bar = Bar::new(format!("reading {}", args.source));
        let bytes = std::fs::read(&args.source)
            .map_err(|e| ImportFailure::Usage(format!("{}: {e}", args.source)))?;
        (Source::Inline(bytes), bar)
    };
    let request = ImportRequest {
        name: args.name,
        source,
        owner,
    };
    let result = calendars::import(app, &Caller::Operator, request, &bar).await;
    bar.0.finish_and_clear();
    result.map_err(|e| match e {
        AppError::Invalid(errors) => {
            let lines: Vec<String> = errors
                .0
                .into_iter()
                .map(|FieldError { field, message, .. }| match field.as_str() {
                    "url" | "ics" => format!("{}: {message}", args.source),
                    "venue_id" => format!("--venue: {message}"),
                    flag => format!("--{flag}: {message}"),
                })
                .collect();
            ImportFailure::Usage(lines.join("\n"))
        }
        other => ImportFailure::Other(other.into()),
    })
}

/// The host of a URL, for the progress message (the rest may be a secret link).
fn host(url: &str) -> String {
    tandem_app::import::fetch::source_url(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "the calendar".to_owned())
}
