//! Helpers for black-box tests: start the `tandem` binary on port 0, on SQLite or on a fresh
//! PostgreSQL database, and talk to it over HTTP.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use sqlx::{Connection, Executor, PgConnection};

/// Path of the binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_tandem")
}

/// The instant every `tandem` these tests start believes its clock started at (passed as
/// `TANDEM_CLOCK`, which a test may override): Tuesday 2026-12-01 08:30 UTC, or the
/// `TANDEM_CLOCK` of the test run itself, to run the suite "on" another day. So nothing the
/// tests check depends on the day they run.
pub fn clock() -> String {
    std::env::var("TANDEM_CLOCK").unwrap_or_else(|_| "2026-12-01T08:30:00Z".to_owned())
}

/// Runs `tandem ARGS` to completion.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(binary());
    command
        .args(args)
        .env_remove("RUST_LOG")
        .env("TANDEM_CLOCK", clock());
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run tandem")
}

/// The PostgreSQL server to test against, if any. With `TANDEM_REQUIRE_POSTGRES=1` (CI) a
/// missing server is a failure, never a silent skip.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("TANDEM_TEST_POSTGRES")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .ok()
        .filter(|u| u.starts_with("postgres"));
    if url.is_none() {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but neither TANDEM_TEST_POSTGRES nor DATABASE_URL names a PostgreSQL server"
        );
        eprintln!("PostgreSQL half skipped: set TANDEM_TEST_POSTGRES=postgres://… to run it");
    }
    url
}

/// A database created for one test and dropped afterwards.
pub struct Database {
    /// URL of the test's own database.
    pub url: String,
    admin_url: Option<String>,
    name: String,
    _dir: Option<tempfile::TempDir>,
}

impl Database {
    /// A fresh SQLite file.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/tandem.db", dir.path().display());
        Self {
            url,
            admin_url: None,
            name: String::new(),
            _dir: Some(dir),
        }
    }

    /// A fresh database on the PostgreSQL server at `admin_url`.
    pub async fn postgres(admin_url: &str) -> Self {
        let name = format!("tandem_bb_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::connect(admin_url)
            .await
            .expect("connect to PostgreSQL");
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create test database");
        let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
        Self {
            url: format!("{base}/{name}"),
            admin_url: Some(admin_url.to_owned()),
            name,
            _dir: None,
        }
    }

    /// Drops a PostgreSQL test database.
    pub async fn drop_async(self) {
        if let Some(admin) = &self.admin_url {
            if let Ok(mut conn) = PgConnection::connect(admin).await {
                let _ = conn
                    .execute(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name).as_str())
                    .await;
            }
        }
    }
}

/// A running `tandem serve`, killed when dropped.
pub struct Server {
    /// The child process.
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `tandem serve --bind 127.0.0.1:0 --database URL EXTRA…` and waits until it listens.
    pub fn start(database_url: &str, extra: &[&str]) -> Self {
        Self::start_with_env(database_url, extra, &[])
    }

    /// Like [`Server::start`], with extra environment variables (`TANDEM__…` settings, a
    /// `TANDEM_CLOCK` of its own).
    pub fn start_with_env(database_url: &str, extra: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary());
        command.env("TANDEM_CLOCK", clock());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0", "--database", database_url])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tandem serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("tandem listening on ") {
                    let _ = tx.send(url.to_owned());
                }
            }
        });
        let Ok(base) = rx.recv_timeout(Duration::from_secs(120)) else {
            let _ = child.kill();
            panic!("tandem serve did not start listening");
        };
        Self { child, base }
    }

    /// URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = self.child.wait().expect("wait");
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates a token with the CLI and returns the secret.
pub fn token(database_url: &str, role: &str, regions: &[&str]) -> String {
    let mut args = vec![
        "token",
        "create",
        "--database",
        database_url,
        "--role",
        role,
    ];
    for r in regions {
        args.push("--region");
        args.push(r);
    }
    let out = run(&args, &[]);
    assert!(
        out.status.success(),
        "token create failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}
