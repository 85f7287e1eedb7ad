//! The guard that keeps tandem on one injectable clock (`tandem_core::clock`): no code or
//! test reads the wall clock anywhere else, and no SQL reads the database's clock, so
//! nothing depends on the day it runs. Clippy enforces the Rust half with
//! `disallowed-methods` (`clippy.toml`); this test holds it even where clippy is not run,
//! and checks that the lint is neither dropped nor silenced.

use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The one file allowed to read the wall clock.
const CLOCK_MODULE: &str = "crates/tandem-core/src/clock.rs";

/// Every file under `dir` whose name ends with `suffix`, recursively.
fn files(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, suffix, out);
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
}

/// The Rust sources of the workspace: every crate's code, tests and benches, the binary's,
/// its tests and the load generator.
fn rust_sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["crates", "src", "tests", "bench"] {
        files(&root().join(dir), ".rs", &mut out);
    }
    out.retain(|p| !p.components().any(|c| c.as_os_str() == "target"));
    assert!(out.len() > 50, "the sources are found: {}", out.len());
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Lines of `text` with `needle`, outside comments, as `path:line: text`.
fn lines_with(path: &Path, text: &str, needle: impl Fn(&str) -> bool) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.trim_start();
            !code.starts_with("//") && needle(line)
        })
        .map(|(i, line)| format!("{}:{}: {}", relative(path), i + 1, line.trim()))
        .collect()
}

/// Wall-clock reads in Rust: `Utc::now`, `Local::now`, `SystemTime::now` (or `.elapsed()`
/// of a `SystemTime`) outside the clock module.
#[test]
fn only_the_clock_module_reads_the_wall_clock() {
    let mut found = Vec::new();
    for path in rust_sources() {
        if relative(&path) == CLOCK_MODULE || relative(&path) == "tests/one_clock.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source");
        found.extend(lines_with(&path, &text, |line| {
            [
                "Utc::now",
                "Local::now",
                "SystemTime::now",
                "Utc::today",
                "Local::today",
            ]
            .iter()
            .any(|read| line.contains(read))
        }));
    }
    assert!(
        found.is_empty(),
        "read the date through tandem_core::Clock (the state's or the store's clock), \
         or inject a fixed one in tests:\n{}",
        found.join("\n")
    );
}

/// The clippy lint that refuses those reads stays configured, and only the clock module
/// may silence it.
#[test]
fn the_lint_against_wall_clock_reads_stays_on() {
    let config = std::fs::read_to_string(root().join("clippy.toml")).expect("clippy.toml");
    for method in [
        "chrono::Utc::now",
        "chrono::Local::now",
        "std::time::SystemTime::now",
    ] {
        assert!(
            config.contains(&format!("path = \"{method}\"")),
            "clippy.toml no longer disallows {method}"
        );
    }
    let mut silenced = Vec::new();
    for path in rust_sources() {
        if relative(&path) == CLOCK_MODULE || relative(&path) == "tests/one_clock.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source");
        silenced.extend(lines_with(&path, &text, |line| {
            line.contains("disallowed_methods") || line.contains("disallowed-methods")
        }));
    }
    assert!(silenced.is_empty(), "{}", silenced.join("\n"));
}

/// True when `sql` (lower case) calls one of the database's clock functions.
fn reads_database_clock(sql: &str) -> bool {
    const FUNCTIONS: [&str; 10] = [
        "current_timestamp",
        "current_date",
        "current_time",
        "localtimestamp",
        "clock_timestamp(",
        "statement_timestamp(",
        "transaction_timestamp(",
        "unixepoch(",
        "julianday(",
        "'now'",
    ];
    if FUNCTIONS.iter().any(|f| sql.contains(f)) {
        return true;
    }
    // `now()` called bare (SQL), not a Rust method such as `clock.now()` or a `fn now()`.
    sql.match_indices("now()").any(|(at, _)| {
        let before = sql.get(..at).unwrap_or_default();
        let called = before
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '`')));
        called && !before.trim_end().ends_with("fn")
    })
}

/// The stores bind the injected clock's instant: no query or migration (column default,
/// trigger) reads the database's clock, on either backend.
#[test]
fn no_sql_reads_the_database_clock() {
    let mut sources = Vec::new();
    files(&root().join("crates/tandem-store/src"), ".rs", &mut sources);
    files(&root().join("migrations"), ".sql", &mut sources);
    assert!(sources.len() > 10, "the store and migrations are found");
    let mut found = Vec::new();
    for path in sources {
        let text = std::fs::read_to_string(&path)
            .expect("a readable source")
            .to_lowercase();
        found.extend(lines_with(&path, &text, |line| {
            !line.trim_start().starts_with("--") && reads_database_clock(line)
        }));
    }
    assert!(
        found.is_empty(),
        "bind the store's clock (`self.clock.now()`) instead of the database's:\n{}",
        found.join("\n")
    );
}

/// The SQL check itself: the database's clock is caught, a Rust clock call is not.
#[test]
fn database_clock_reads_are_recognised() {
    for sql in [
        "values ($1, now())",
        "where lease_until < now() or",
        "set revoked_at = coalesce(revoked_at, current_timestamp)",
        "created_at integer not null default (unixepoch())",
        "strftime('%s', 'now')",
    ] {
        assert!(reads_database_clock(sql), "{sql}");
    }
    for code in [
        "let now = self.clock.now();",
        ".bind(clock.now())",
        "fn now() -> i64",
    ] {
        assert!(!reads_database_clock(code), "{code}");
    }
}
