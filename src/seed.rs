//! `tandem seed`: fills a database with realistic generated data (see
//! `tandem_server::seed`), with a progress bar on a terminal.

use std::io::IsTerminal;
use std::time::Instant;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tandem_server::seed::{default_from, Generator, SeedOptions};
use tandem_store::Store;

/// What to generate.
#[derive(Debug)]
pub struct SeedArgs {
    /// Number of events.
    pub events: usize,
    /// Size of the participant pool.
    pub participants: usize,
    /// The generator's seed.
    pub seed: u64,
    /// First day of the generated period (default: the first of the month six months ago).
    pub from: Option<NaiveDate>,
    /// Events per transaction.
    pub batch: usize,
}

/// Generates and stores the data, dated around `today` unless `--from` says otherwise;
/// prints a summary line.
pub async fn run(store: &dyn Store, args: SeedArgs, today: NaiveDate) -> anyhow::Result<()> {
    let reference = tandem_app::reference_data()?;
    let options = SeedOptions {
        events: args.events,
        participants: args.participants.max(1),
        seed: args.seed,
        from: args.from.unwrap_or_else(|| default_from(today)),
    };
    let from = options.from;
    let generator = Generator::new(&reference, &tandem_app::holiday_calendars(), options)?;
    let target = if std::io::stdout().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(args.events as u64), target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} seeding [{bar:40}] {pos}/{len} events ({elapsed} elapsed, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let started = Instant::now();
    let summary = tandem_server::seed::run(store, generator, args.batch, |done| {
        bar.set_position(done as u64);
    })
    .await
    .map_err(|e| {
        e.context(
            "seeding failed (a seed's ids are fixed: the same --seed cannot be loaded twice \
             into one database; use another --seed or a fresh database)",
        )
    })?;
    bar.finish_and_clear();
    println!(
        "seeded {} events ({} recurring, {} co-located, {} participations from a pool of {}) \
         in {} venues with {} rooms, from {from}, seed {}, in {:.1} s",
        summary.events,
        summary.recurring,
        summary.co_located,
        summary.participations,
        args.participants.max(1),
        summary.venues,
        summary.rooms,
        args.seed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
