//! The `tandem` command line: run the service, find meeting windows, import calendars,
//! migrate the database, manage API tokens.

mod find;
mod import;
mod plan;
mod seed;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use secrecy::ExposeSecret;
use tandem_core::{RegionCode, SharedClock, StartedClock};
use tandem_server::config::{LogFormat, Settings};
use tandem_store::Role;
use tracing_subscriber::EnvFilter;

/// Meeting coordination across time zones for ITU regional offices and groups.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, about)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Common {
    /// A TOML file layered over the defaults (then TANDEM__SECTION__KEY variables).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://FILE (default sqlite://tandem.db) or postgres://…
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    /// Run as if the clock had started at this instant (RFC 3339, e.g.
    /// 2026-12-01T09:00:00Z, or a date for midnight UTC); it runs on from there. For tests
    /// and demos: every date tandem reads follows it, the system clock is left alone.
    #[arg(long, global = true, env = "TANDEM_CLOCK", value_name = "INSTANT",
          value_parser = StartedClock::parse_start)]
    clock: Option<DateTime<Utc>>,
}

impl Common {
    /// The process's one clock, which the store and the server share.
    fn clock(&self) -> SharedClock {
        match self.clock {
            Some(start) => std::sync::Arc::new(StartedClock::at(start)),
            None => tandem_core::clock::system(),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP service.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, value_name = "ADDR")]
        bind: Option<SocketAddr>,
        /// Load demo venues and meetings (once per database).
        #[arg(long)]
        demo: bool,
    },
    /// Find the best meeting windows for a request file (DESIGN §3).
    Find {
        /// The request (JSON); calendar paths in it are relative to this file.
        request: PathBuf,
        /// Output: the JSON of DESIGN §3, or a table per window in local times.
        #[arg(long, value_enum, default_value_t = find::Format::Json)]
        format: find::Format,
    },
    /// Import an external calendar (a file, or an https, http or webcal URL) into the
    /// database; prints its id and event count. URLs are refreshed by `tandem serve`.
    Import {
        /// A file path, or a URL (https://, http://, webcal://).
        source: String,
        /// Display name (default: the calendar's own NAME or X-WR-CALNAME).
        #[arg(long)]
        name: Option<String>,
        /// The participant whose calendar it is (their id in events and searches).
        #[arg(long, value_name = "PARTICIPANT")]
        owner: Option<String>,
        /// The venue whose holiday calendar it is (replaces the venue's current one).
        #[arg(long, value_name = "VENUE_ID", conflicts_with = "owner")]
        venue: Option<uuid::Uuid>,
    },
    /// Plan a season of meetings and workshops (DESIGN §14) from a request file; `venues`
    /// and `fixed` are ids in the database. Prints the plan as JSON.
    Plan {
        /// The season request (JSON), as `POST /api/v1/seasons/plan` takes it.
        season: PathBuf,
        /// Create every placement as a proposed event, linked, in one transaction.
        #[arg(long)]
        apply: bool,
    },
    /// Fill the database with realistic generated data (venues, events, participants).
    Seed {
        /// Number of events.
        #[arg(long, default_value_t = 1_000)]
        events: usize,
        /// Size of the participant pool events draw from.
        #[arg(long, default_value_t = 500)]
        participants: usize,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First day of the ~2-year period (default: the first of the month six months ago).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<chrono::NaiveDate>,
        /// Events written per transaction.
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Print the current clashes (DESIGN §6) as a table.
    Clashes,
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
}

#[derive(Debug, Subcommand)]
enum TokenAction {
    /// Create a token and print it once (only its hash is stored).
    Create {
        /// admin, organiser or viewer.
        #[arg(long)]
        role: String,
        /// Region an organiser may write to (repeat for several).
        #[arg(long = "region", value_name = "CODE")]
        regions: Vec<String>,
        /// Who or what the token is for.
        #[arg(long)]
        label: Option<String>,
    },
    /// Revoke a token by id.
    Revoke {
        /// The token's id (from `token create` or `token list`).
        id: uuid::Uuid,
    },
    /// List tokens (ids, roles, regions; never the secrets).
    List,
}

/// A failure the user can fix (bad flag, bad configuration): exit code 2.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn settings(common: &Common) -> anyhow::Result<Settings> {
    let mut settings =
        Settings::load(common.config.as_deref()).map_err(|e| UsageError(e.to_string()))?;
    if let Some(url) = &common.database {
        settings.database.url = url.clone().into();
    }
    Ok(settings)
}

fn init_tracing(settings: &Settings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.log.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match settings.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Time to parse and record a refresh once its fetch is done, in the shutdown grace.
const RECORD_REFRESH: Duration = Duration::from_secs(5);

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

async fn open_store(
    settings: &Settings,
    clock: &SharedClock,
) -> anyhow::Result<std::sync::Arc<dyn tandem_store::Store>> {
    let url = settings.database.url.expose_secret();
    tandem_store::connect(url, settings.database.pool(), clock.clone())
        .await
        .with_context(|| format!("opening the database {}", tandem_store::redact_url(url)))
}

async fn run(cli: Cli, tzdata: &tandem_app::tzdata::Loaded) -> anyhow::Result<()> {
    let clock = cli.common.clock();
    match cli.command {
        Command::Find { request, format } => {
            // The search reads files only: no configuration or database is involved.
            let (search, result) = find::find(&request).map_err(UsageError)?;
            match format {
                find::Format::Json => println!("{}", serde_json::to_string_pretty(&result)?),
                find::Format::Table => print!("{}", find::table(&search, &result)),
            }
        }
        Command::Serve { bind, demo } => {
            let mut settings = settings(&cli.common)?;
            if let Some(bind) = bind {
                settings.server.bind = bind;
            }
            init_tracing(&settings);
            tzdata.log();
            if let Some(start) = cli.common.clock {
                tracing::warn!(%start, "the clock started at --clock (TANDEM_CLOCK), not the system's date");
            }
            let store = open_store(&settings, &clock).await?;
            let bind = settings.server.bind;
            let listener = tokio::net::TcpListener::bind(bind)
                .await
                .with_context(|| format!("binding {bind}"))?;
            let addr = listener.local_addr()?;
            settings.set_public_url_from(addr);
            let state = tandem_server::state(store, settings, clock)?;
            tandem_server::prepare(&state, demo).await?;
            // The calendar refresher stops with the server, on the same signal: it claims
            // nothing more, and a refresh in progress gets as long as a fetch may take (plus
            // time to record it) to finish, while the server finishes its requests.
            let stop = tokio_util::sync::CancellationToken::new();
            let grace = Duration::from_secs(state.settings.import.timeout_seconds) + RECORD_REFRESH;
            let refresher = tandem_app::import::spawn_refresher(
                state.app.importer.clone(),
                state.app.store.clone(),
                stop.clone(),
                grace,
            );
            // The invitation sender (DESIGN §15) stops on the same signal; its claims left
            // unsent expire and go to another instance, or to this one after a restart.
            let sender = tandem_server::mail::spawn_sender(state.clone(), stop.clone());
            let sender_grace = state.settings.mail.timeout_seconds + 5;
            let shutdown = {
                let stop = stop.clone();
                async move {
                    shutdown_signal().await;
                    stop.cancel();
                }
            };
            tracing::info!(%addr, backend = state.app.store.backend(), "tandem listening");
            println!("tandem listening on http://{addr}");
            let served = tandem_server::serve(listener, tandem_server::app(state), shutdown).await;
            stop.cancel();
            // The grace runs from the signal; past it the refresher gives its leases back,
            // which takes one database call each.
            if tokio::time::timeout(grace + RECORD_REFRESH, refresher)
                .await
                .is_err()
            {
                tracing::warn!("the calendar refresher did not stop in time");
            }
            if let Some(sender) = sender {
                let timeout = Duration::from_secs(sender_grace);
                if tokio::time::timeout(timeout, sender).await.is_err() {
                    tracing::warn!("the invitation sender did not stop in time");
                }
            }
            served?;
            tracing::info!("stopped");
        }
        Command::Import {
            source,
            name,
            owner,
            venue,
        } => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            let app = tandem_app::App::new(store, &settings.import, clock)?;
            let args = import::ImportArgs {
                source,
                name,
                owner,
                venue,
            };
            let calendar = import::run(&app, args).await.map_err(|e| match e {
                import::ImportFailure::Usage(message) => UsageError(message).into(),
                import::ImportFailure::Other(e) => e,
            })?;
            println!(
                "{}\t{} events\t{}",
                calendar.id, calendar.event_count, calendar.name
            );
        }
        Command::Plan { season, apply } => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            let app = tandem_app::App::new(store, &settings.import, clock)?;
            let body = plan::run(&app, &season, apply).await.map_err(|e| match e {
                plan::PlanFailure::Usage(message) => UsageError(message).into(),
                plan::PlanFailure::Other(e) => e,
            })?;
            println!("{}", serde_json::to_string_pretty(&body)?);
        }
        Command::Clashes => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            let app = tandem_app::App::new(store, &settings.import, clock)?;
            let page = tandem_app::clashes::ClashPage {
                after: None,
                limit: u32::MAX,
                suggestions: false,
            };
            let clashes =
                tandem_app::clashes::list(&app, &tandem_store::ClashFilter::default(), page)
                    .await
                    .context("reading clashes")?;
            let clashes: Vec<_> = clashes.items.into_iter().map(|c| c.clash).collect();
            println!("{}", clash_table(&clashes));
        }
        Command::Seed {
            events,
            participants,
            seed,
            from,
            batch,
        } => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            let args = seed::SeedArgs {
                events,
                participants,
                seed,
                from,
                batch,
            };
            seed::run(store.as_ref(), args, clock.today()).await?;
        }
        Command::Migrate => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            println!("database is migrated ({})", store.backend());
        }
        Command::Token { action } => {
            let settings = settings(&cli.common)?;
            let store = open_store(&settings, &clock).await?;
            match action {
                TokenAction::Create {
                    role,
                    regions,
                    label,
                } => {
                    let role: Role = role.parse().map_err(UsageError)?;
                    let regions = regions
                        .iter()
                        .map(|r| {
                            r.parse::<RegionCode>()
                                .map_err(|e| UsageError(format!("--region: {}", e.message)))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    match role {
                        Role::Organiser if regions.is_empty() => {
                            return Err(UsageError(
                                "an organiser token needs at least one --region".into(),
                            )
                            .into())
                        }
                        Role::Admin | Role::Viewer if !regions.is_empty() => {
                            return Err(UsageError(format!(
                                "--region applies to organiser tokens only, not {role}"
                            ))
                            .into())
                        }
                        _ => {}
                    }
                    let (secret, record) =
                        tandem_app::tokens::issue_token(store.as_ref(), role, regions, label)
                            .await?;
                    eprintln!(
                        "token {} ({role}) created; it is shown once, store it now:",
                        record.id
                    );
                    println!("{}", secret.expose_secret());
                }
                TokenAction::Revoke { id } => {
                    store.revoke_token(id).await.map_err(|e| match e {
                        tandem_store::StoreError::NotFound { .. } => {
                            UsageError(format!("no token with id {id}")).into()
                        }
                        other => anyhow::Error::from(other),
                    })?;
                    println!("token {id} revoked");
                }
                TokenAction::List => {
                    for t in store.tokens().await? {
                        let regions: Vec<&str> = t.regions.iter().map(|r| r.code()).collect();
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            t.id,
                            t.role,
                            if regions.is_empty() {
                                "-".to_owned()
                            } else {
                                regions.join(",")
                            },
                            t.label.as_deref().unwrap_or("-"),
                            t.revoked_at.map_or_else(
                                || "active".to_owned(),
                                |r| format!("revoked {}", r.to_rfc3339())
                            ),
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Before anything names a zone: every conversion reads this one database (DESIGN §2).
    let tzdata = match tandem_app::tzdata::install_system() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("tandem: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    match run(cli, &tzdata).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(usage) = e.downcast_ref::<UsageError>() {
                eprintln!("tandem: {usage}");
                ExitCode::from(2)
            } else {
                eprintln!("tandem: {e:#}");
                ExitCode::FAILURE
            }
        }
    }
}

/// The clash list as a table: type, severity, events, time (UTC), subject, detail.
fn clash_table(clashes: &[tandem_core::clash::Clash]) -> String {
    if clashes.is_empty() {
        return "no clashes".to_owned();
    }
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_FULL)
        .set_header(vec![
            "id",
            "type",
            "severity",
            "event",
            "other event",
            "when (UTC)",
            "subject",
            "detail",
        ]);
    for c in clashes {
        table.add_row(vec![
            c.id.to_string(),
            c.kind.as_str().to_owned(),
            c.severity.as_str().to_owned(),
            c.event_id.to_string(),
            c.other_event_id.map(|o| o.to_string()).unwrap_or_default(),
            format!(
                "{} – {}",
                c.start.format("%a %d %b %Y %H:%M"),
                c.end.format("%H:%M")
            ),
            c.subject.clone().unwrap_or_default(),
            c.detail.clone(),
        ]);
    }
    table.to_string()
}
