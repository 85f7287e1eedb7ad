//! The pages in a real browser: headless Chromium driven over WebDriver (chromedriver).
//! Opens the home page, checks a subscribe link leads to a live iCalendar feed, fills the
//! planner and checks its SVG highlights the windows `POST /api/v1/windows/search` returns
//! for the same request, signs in, resolves a clash and creates a co-located workshop. Screenshots go to `<target dir>/browser/` as CI artefacts.
//!
//! Without chromedriver the test is skipped with a message, unless
//! `TANDEM_REQUIRE_BROWSER=1` (CI), which turns a missing browser into a failure.

// JSON answers of the WebDriver and the API are read by key, in helpers outside #[test].
#![allow(clippy::indexing_slicing)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Database, Server};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{ClientBuilder, Locator};
use serde_json::{json, Value};

/// A chromedriver process on a loopback port, killed when dropped.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

async fn start_chromedriver(program: &Path) -> Chromedriver {
    let port = free_port();
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Chromedriver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = reqwest::get(format!("{}/status", driver.url)).await {
            if r.status().is_success() {
                return driver;
            }
        }
        assert!(Instant::now() < deadline, "chromedriver did not answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn artefacts() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target dir>/tmp`; screenshots go beside it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("browser");
    std::fs::create_dir_all(&dir).expect("create screenshot directory");
    dir
}

async fn save(client: &fantoccini::Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let path = artefacts().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    eprintln!("screenshot: {}", path.display());
}

/// A WebDriver session in headless Chromium with its chromedriver and profile; `None` (the
/// test skipped) without chromedriver, unless `TANDEM_REQUIRE_BROWSER=1`.
struct Browser {
    client: fantoccini::Client,
    _driver: Chromedriver,
    _profile: tempfile::TempDir,
}

fn browser_required() -> bool {
    std::env::var("TANDEM_REQUIRE_BROWSER").as_deref() == Ok("1")
}

async fn open_browser() -> Option<Browser> {
    let Some(chromedriver) = find_program("chromedriver") else {
        assert!(
            !browser_required(),
            "TANDEM_REQUIRE_BROWSER=1 but chromedriver is not on PATH (apt-get install chromium chromium-driver)"
        );
        eprintln!("browser test skipped: chromedriver not found (set TANDEM_REQUIRE_BROWSER=1 to fail instead)");
        return None;
    };
    let browser = find_program("chromium").or_else(|| find_program("chromium-browser"));
    let driver = start_chromedriver(&chromedriver).await;
    let profile = tempfile::tempdir().expect("profile directory");
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1280,900", "--lang=en-US",
            format!("--user-data-dir={}", profile.path().display()),
        ]
    });
    if let Some(browser) = browser {
        options["binary"] = json!(browser.display().to_string());
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session");
    Some(Browser {
        client,
        _driver: driver,
        _profile: profile,
    })
}

/// `tandem serve --demo` on a fresh SQLite database, the rate limit off (a browser test
/// loads many pages from one address).
fn demo_server(db: &Database) -> Server {
    Server::start_with_env(
        &db.url,
        &["--demo"],
        &[("TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND", "0")],
    )
}

/// Two meetings of SG3RG-AFR at the same time, so the AFR organiser's dashboard has a
/// clash with suggestions.
async fn two_clashing_meetings(server: &Server, token: &str) {
    let http = reqwest::Client::new();
    for title in ["SG3RG-AFR drafting session", "SG3RG-AFR editing session"] {
        let created = http
            .post(server.url("/api/v1/events"))
            .bearer_auth(token)
            .json(&json!({
                "title": title, "kind": "meeting", "mode": "virtual", "status": "confirmed",
                "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
                "start": "2030-03-12T10:00", "end": "2030-03-12T12:00"
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
    }
}

/// The page shown is the co-located workshop's, linked to its anchor.
async fn the_new_workshop_is_linked_to_its_anchor(client: &fantoccini::Client) {
    client
        .wait()
        .for_element(Locator::XPath("//h1[.='Workshop on quality of service']"))
        .await
        .expect("the new event's page");
    let alongside = client
        .find_all(Locator::XPath(
            "//h2[text()='Held alongside']/following-sibling::ul[1]//a",
        ))
        .await
        .unwrap();
    assert_eq!(alongside.len(), 1, "the workshop is linked to its anchor");
}

/// The windows the planner's SVG highlights, each (start, end) once, in page order.
async fn shown_windows(client: &fantoccini::Client) -> Vec<(String, String)> {
    let mut shown: Vec<(String, String)> = Vec::new();
    for rect in client
        .find_all(Locator::Css("svg rect.window"))
        .await
        .unwrap()
    {
        let pair = (
            rect.attr("data-start").await.unwrap().unwrap(),
            rect.attr("data-end").await.unwrap().unwrap(),
        );
        if !shown.contains(&pair) {
            shown.push(pair);
        }
    }
    shown
}

/// The windows `POST /api/v1/windows/search` gives for the planner's request of the tests
/// (Geneva, Yaoundé, Bangkok, Kathmandu; 1-5 March 2027; 90 minutes).
async fn planner_windows_by_api(server: &Server) -> Vec<(String, String)> {
    let api: Value = reqwest::Client::new()
        .post(server.url("/api/v1/windows/search"))
        .json(&json!({
            "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-06T00:00:00Z"},
            "duration_minutes": 90, "limit": 5,
            "participants": [
                {"id": "geneva", "tz": "Europe/Zurich"},
                {"id": "yaounde", "tz": "Africa/Douala"},
                {"id": "bangkok", "tz": "Asia/Bangkok"},
                {"id": "kathmandu", "tz": "Asia/Kathmandu"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    api["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| {
            (
                w["start"].as_str().unwrap().to_owned(),
                w["end"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn browse_subscribe_and_plan_in_headless_chromium() {
    let Some(Browser {
        client,
        _driver: driver,
        _profile,
    }) = open_browser().await
    else {
        return;
    };
    let db = Database::sqlite();
    let server = Server::start(&db.url, &["--demo"]);

    // Home: upcoming events with subscribe links.
    client.goto(&server.url("/")).await.expect("open home");
    client
        .wait()
        .for_element(Locator::Css("h1"))
        .await
        .expect("home page");
    save(&client, "home").await;
    let webcal = client
        .find(Locator::Css(".subscribe a[href^='webcal://']"))
        .await
        .expect("a webcal subscribe link")
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let https_link = client
        .find(Locator::Css(".subscribe a[href^='http']"))
        .await
        .expect("an https subscribe link");
    let https = https_link.attr("href").await.unwrap().unwrap();
    assert_eq!(
        webcal.strip_prefix("webcal://"),
        https.split_once("://").map(|(_, rest)| rest),
        "the two links name one feed"
    );
    // What a calendar app does with the link: fetch the feed.
    let feed = reqwest::get(&https).await.expect("fetch feed");
    assert_eq!(feed.status(), 200, "{https}");
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(feed.text().await.unwrap().starts_with("BEGIN:VCALENDAR"));

    // An event page, by following the first event's link.
    client
        .find(Locator::Css("ul.events a"))
        .await
        .expect("an event link")
        .click()
        .await
        .expect("follow event link");
    client
        .wait()
        .for_element(Locator::Css("table"))
        .await
        .expect("event page with city times");
    save(&client, "event").await;

    // Planner: fill the form as a person would, submit, read the SVG.
    client
        .goto(&server.url("/planner"))
        .await
        .expect("open planner");
    let places = client
        .find(Locator::Css("textarea[name=places]"))
        .await
        .unwrap();
    places.clear().await.unwrap();
    places
        .send_keys("Geneva\nYaoundé\nBangkok\nKathmandu")
        .await
        .unwrap();
    let form = client.form(Locator::Css("form.planner")).await.unwrap();
    form.set_by_name("from", "2027-03-01").await.unwrap();
    form.set_by_name("to", "2027-03-05").await.unwrap();
    form.set_by_name("duration", "90").await.unwrap();
    client
        .find(Locator::Css("form.planner button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("svg rect.window"))
        .await
        .expect("highlighted windows");
    save(&client, "planner").await;
    let strips = client
        .find(Locator::Css("figure.strips"))
        .await
        .expect("the strips")
        .screenshot()
        .await
        .expect("screenshot of the strips");
    std::fs::write(artefacts().join("planner-strips.png"), strips).expect("write screenshot");
    let shown = shown_windows(&client).await;
    let expected = planner_windows_by_api(&server).await;
    assert!(!expected.is_empty());
    assert_eq!(shown, expected, "the SVG highlights the API's windows");

    // An organiser signs in with a token and resolves a clash from the dashboard.
    let token = common::token(&db.url, "organiser", &["AFR"]);
    let http = reqwest::Client::new();
    two_clashing_meetings(&server, &token).await;
    client.goto(&server.url("/clashes")).await.unwrap();
    let field = client
        .wait()
        .for_element(Locator::Css("input[name=token]"))
        .await
        .expect("signing in is asked for");
    field.send_keys(&token).await.unwrap();
    save(&client, "signin").await;
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let apply = client
        .wait()
        .for_element(Locator::Css("form.resolve button[type=submit]"))
        .await
        .expect("a clash with a suggestion to apply");
    save(&client, "clashes").await;
    let action = client
        .find(Locator::Css("form.resolve"))
        .await
        .unwrap()
        .attr("action")
        .await
        .unwrap()
        .unwrap();
    let clash = action
        .strip_prefix("/clashes/")
        .and_then(|rest| rest.strip_suffix("/resolve"))
        .expect("a resolve form action")
        .to_owned();
    apply.click().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css(".notice"))
        .await
        .expect("the resolution is confirmed");
    save(&client, "clash-resolved").await;
    let record: Value = http
        .get(server.url(&format!("/api/v1/clashes/{clash}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        record["status"] == "resolved"
            && record["history"].as_array().is_some_and(|h| !h.is_empty()),
        "the clash has a recorded resolution: {record}"
    );

    // Still signed in: propose a workshop alongside a meeting and create the best date.
    client.goto(&server.url("/colocations")).await.unwrap();
    let title = client
        .wait()
        .for_element(Locator::Css("input[name=title]"))
        .await
        .expect("the proposal form");
    client
        .find(Locator::XPath(
            "//select[@name='anchor']/option[contains(., 'SG3RG-AFR meeting')]",
        ))
        .await
        .expect("the organiser's regional group meeting as an anchor")
        .click()
        .await
        .unwrap();
    title.clear().await.unwrap();
    title
        .send_keys("Workshop on quality of service")
        .await
        .unwrap();
    client
        .find(Locator::Css("form.planner button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let create = client
        .wait()
        .for_element(Locator::Css(
            "li.candidate form.resolve button[type=submit]",
        ))
        .await
        .expect("ranked candidates with a create button");
    save(&client, "colocation").await;
    create.click().await.unwrap();
    the_new_workshop_is_linked_to_its_anchor(&client).await;
    save(&client, "colocated-event").await;

    // The same page at phone width stays readable.
    client.set_window_size(390, 844).await.unwrap();
    save(&client, "planner-phone").await;
    client.goto(&server.url("/")).await.unwrap();
    save(&client, "home-phone").await;

    client.close().await.expect("end the WebDriver session");
    drop(driver);
    drop(server);
}

/// The six languages of the pages (DESIGN §16).
const LANGUAGES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];
/// The languages whose screenshots are saved beside the English ones.
const SCREENSHOT_LANGUAGES: [&str; 3] = ["ar", "zh", "fr"];

/// axe-core's script: `TANDEM_AXE_CORE` names the npm package's directory (`.ci/run`
/// installs it outside the clone). `None` (the test skipped) without it, unless
/// `TANDEM_REQUIRE_BROWSER=1`.
fn axe_core() -> Option<String> {
    let Some(dir) = std::env::var_os("TANDEM_AXE_CORE") else {
        assert!(
            !browser_required(),
            "TANDEM_REQUIRE_BROWSER=1 but TANDEM_AXE_CORE is not set (npm install axe-core; see .ci/run)"
        );
        eprintln!("axe-core test skipped: TANDEM_AXE_CORE is not set");
        return None;
    };
    let path = Path::new(&dir).join("axe.min.js");
    Some(
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("TANDEM_AXE_CORE: cannot read {}: {e}", path.display())),
    )
}

/// What axe-core found on one page.
struct AxeResult {
    /// Each violation as "rule id (impact): help — targets".
    violations: Vec<String>,
    passes: u64,
    /// The rules axe-core could not decide alone (it asks a person to look).
    incomplete: Vec<String>,
}

/// Injects axe-core into the page shown and runs every rule it runs by default (WCAG 2.0,
/// 2.1 and 2.2 A and AA, and its best practices) and the target-size rule (WCAG 2.2 AA),
/// which it leaves off by default.
async fn run_axe(client: &fantoccini::Client, axe: &str) -> AxeResult {
    client.execute(axe, vec![]).await.expect("inject axe-core");
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, {
                resultTypes: ["violations"],
                // Off by default in axe-core: WCAG 2.2's 24×24 CSS px targets (2.5.8, AA).
                rules: { "target-size": { enabled: true } },
            }).then(r => done({
                violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")),
                })),
                passes: r.passes.length,
                incomplete: r.incomplete.map(i => i.id),
            }), e => done({ error: String(e) }));"#,
            vec![],
        )
        .await
        .expect("run axe-core");
    assert!(result.get("error").is_none(), "axe-core failed: {result}");
    let violations = result["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            let targets: Vec<&str> = v["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!(
                "{} ({}): {} — {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                targets.join(", ")
            )
        })
        .collect();
    AxeResult {
        violations,
        passes: result["passes"].as_u64().unwrap_or(0),
        incomplete: result["incomplete"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    }
}

#[tokio::test]
async fn every_page_in_every_language_passes_axe_core() {
    let Some(axe) = axe_core() else {
        return;
    };
    let Some(Browser {
        client,
        _driver,
        _profile,
    }) = open_browser().await
    else {
        return;
    };
    let db = Database::sqlite();
    let server = demo_server(&db);
    let token = common::token(&db.url, "organiser", &["AFR"]);
    two_clashing_meetings(&server, &token).await;
    let events: Value = reqwest::get(server.url("/api/v1/events?group=SG3RG-AFR&limit=50"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let anchor = events["items"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.contains("SG3RG-AFR meeting"))
        })
        .expect("the demo's SG3RG-AFR meeting")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let planned = "/planner?places=Geneva%0D%0AYaound%C3%A9%0D%0ABangkok%0D%0AKathmandu\
                   &from=2027-03-01&to=2027-03-05&duration=90";
    let proposal = format!(
        "/colocations?anchor={anchor}&title=Workshop+on+quality+of+service&kind=workshop&days=2&max_gap_days=2"
    );
    let event = format!("/events/{anchor}");
    let pages: Vec<(&str, &str)> = vec![
        ("home", "/"),
        ("event", &event),
        ("planner-empty", "/planner"),
        ("planner", planned),
        (
            "planner-invalid",
            "/planner?places=Atlantis&from=2027-03-05&to=2027-03-01&duration=7",
        ),
        ("signin", "/signin"),
        ("clashes", "/clashes"),
        ("colocation-empty", "/colocations"),
        ("colocation", &proposal),
        ("not-found", "/events/00000000-0000-4000-8000-000000000000"),
        ("seasons", "/seasons"),
        ("api-docs", "/api/docs"),
        // The season page's own form, posted: the demo's season planned.
        ("season-plan", "/seasons"),
    ];

    let mut report = Vec::new();
    let mut failures = Vec::new();
    for signed_in in [false, true] {
        if signed_in {
            client.goto(&server.url("/signin")).await.unwrap();
            client
                .wait()
                .for_element(Locator::Css("input[name=token]"))
                .await
                .unwrap()
                .send_keys(&token)
                .await
                .unwrap();
            client
                .find(Locator::Css("form button[type=submit]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            client
                .wait()
                .for_element(Locator::Css("form[action='/signout']"))
                .await
                .expect("signed in");
        }
        let state = if signed_in { "signed in" } else { "signed out" };
        for lang in LANGUAGES {
            // The switcher's own link: the choice is kept in the cookie for every page after.
            client
                .goto(&server.url(&format!("/language?lang={lang}&next=/")))
                .await
                .unwrap();
            for (name, path) in &pages {
                client.goto(&server.url(path)).await.unwrap();
                if *name == "season-plan" {
                    client
                        .wait()
                        .for_element(Locator::Css("form[action='/seasons'] button[type=submit]"))
                        .await
                        .expect("the season form")
                        .click()
                        .await
                        .unwrap();
                    client
                        .wait()
                        .for_element(Locator::Css("main svg"))
                        .await
                        .unwrap_or_else(|_| panic!("the planned season ({lang}, {state})"));
                }
                client
                    .wait()
                    .for_element(Locator::Css("main h1"))
                    .await
                    .unwrap_or_else(|_| panic!("{name} ({lang}, {state}) has a heading"));
                let shown = client
                    .find(Locator::Css("html"))
                    .await
                    .unwrap()
                    .attr("lang")
                    .await
                    .unwrap();
                assert_eq!(shown.as_deref(), Some(lang), "{name} in {lang}");
                if SCREENSHOT_LANGUAGES.contains(&lang) {
                    let suffix = if signed_in { "-signed-in" } else { "" };
                    save(&client, &format!("{name}{suffix}-{lang}")).await;
                }
                let found = run_axe(&client, &axe).await;
                report.push(format!(
                    "axe-core {name:<17} {lang} {state:<10}: {} violations, {} passes, {} incomplete {:?}",
                    found.violations.len(),
                    found.passes,
                    found.incomplete.len(),
                    found.incomplete
                ));
                for v in found.violations {
                    failures.push(format!("{name} ({lang}, {state}, {path}): {v}"));
                }
            }
        }
    }
    // The interactive console is Swagger UI's own markup (vendored), in English: its
    // findings are reported here, not held against tandem's pages (README, "Languages").
    client.goto(&server.url("/api/docs/console")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css(".swagger-ui .opblock"))
        .await
        .expect("Swagger UI drew the operations");
    save(&client, "api-console-en").await;
    let found = run_axe(&client, &axe).await;
    report.push(format!(
        "axe-core {:<17} en {:<10}: {} violations (Swagger UI's, reported only), {} passes, {} incomplete {:?}",
        "api-console",
        "signed in",
        found.violations.len(),
        found.passes,
        found.incomplete.len(),
        found.incomplete
    ));
    for v in found.violations {
        report.push(format!("    api-console: {v}"));
    }
    for line in &report {
        eprintln!("{line}");
    }
    assert!(
        failures.is_empty(),
        "axe-core found {} violations:\n{}",
        failures.len(),
        failures.join("\n")
    );
    client.close().await.expect("end the WebDriver session");
}

/// Presses each key (down, then up) on the WebDriver's keyboard.
async fn press(client: &fantoccini::Client, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &value in keys {
        actions = actions
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
    }
    client.perform_actions(actions).await.expect("keys pressed");
}

/// Shift-Tab: focus back to the previous element.
async fn shift_tab(client: &fantoccini::Client) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Shift.into(),
        })
        .then(KeyAction::Down {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Shift.into(),
        });
    client.perform_actions(actions).await.expect("Shift-Tab");
}

/// Empties the focused field: Ctrl-A, then Backspace.
async fn clear_by_keyboard(client: &fantoccini::Client) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Control.into(),
        })
        .then(KeyAction::Down { value: 'a' })
        .then(KeyAction::Up { value: 'a' })
        .then(KeyAction::Up {
            value: Key::Control.into(),
        })
        .then(KeyAction::Down {
            value: Key::Backspace.into(),
        })
        .then(KeyAction::Up {
            value: Key::Backspace.into(),
        });
    client
        .perform_actions(actions)
        .await
        .expect("Ctrl-A, Backspace");
}

/// The focused element: whether it matches `selector`, how it looks when focused, and a
/// short description for messages.
async fn focused(client: &fantoccini::Client, selector: &str) -> Value {
    client
        .execute(
            r#"const el = document.activeElement;
            if (!el || el === document.body) return { body: true };
            const cs = getComputedStyle(el);
            const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
            const shadow = cs.boxShadow !== "none" && cs.boxShadow !== "";
            return {
                matches: el.matches(arguments[0]),
                visible: outline || shadow,
                style: `outline: ${cs.outlineStyle} ${cs.outlineWidth}; box-shadow: ${cs.boxShadow}`,
                what: el.outerHTML.slice(0, 160),
            };"#,
            vec![json!(selector)],
        )
        .await
        .expect("the focused element")
}

/// Presses Tab until the element matching `selector` has the focus, checking at every step
/// that the focused element shows a focus indicator (a computed outline or box-shadow).
async fn tab_to(client: &fantoccini::Client, selector: &str) -> fantoccini::elements::Element {
    for _ in 0..200 {
        press(client, &[Key::Tab.into()]).await;
        let now = focused(client, selector).await;
        if now["body"] == true {
            continue;
        }
        assert!(
            now["visible"] == true,
            "no visible focus indicator on {} ({})",
            now["what"],
            now["style"]
        );
        if now["matches"] == true {
            return client.active_element().await.unwrap();
        }
    }
    panic!("Tab never reached {selector}");
}

#[tokio::test]
async fn every_flow_by_keyboard_alone() {
    let Some(Browser {
        client,
        _driver,
        _profile,
    }) = open_browser().await
    else {
        return;
    };
    let db = Database::sqlite();
    let server = demo_server(&db);

    // Home: the skip link comes first and moves the focus to the content; the subscribe
    // links are reachable; Enter follows an event's link.
    client.goto(&server.url("/")).await.unwrap();
    client.wait().for_element(Locator::Css("h1")).await.unwrap();
    tab_to(&client, "a.skip").await;
    press(&client, &[Key::Enter.into()]).await;
    let main = focused(&client, "main").await;
    assert_eq!(
        main["matches"], true,
        "the skip link focuses the content: {main}"
    );
    let link = tab_to(&client, ".subscribe a[href^='http']").await;
    let https = link.attr("href").await.unwrap().unwrap();
    let feed = reqwest::get(&https).await.expect("fetch feed");
    assert_eq!(feed.status(), 200, "{https}");
    tab_to(&client, "ul.events a[href^='/events/']").await;
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css("table"))
        .await
        .expect("event page with city times");
    assert!(client
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/events/"));

    // Planner: every field typed into, the form sent with Enter.
    client.goto(&server.url("/planner")).await.unwrap();
    client.wait().for_element(Locator::Css("h1")).await.unwrap();
    let places = tab_to(&client, "textarea[name=places]").await;
    clear_by_keyboard(&client).await;
    places
        .send_keys("Geneva\nYaoundé\nBangkok\nKathmandu")
        .await
        .unwrap();
    // Month, day, year: the order of the en-US browser's date fields.
    let from = tab_to(&client, "input[name=from]").await;
    from.send_keys("03012027").await.unwrap();
    let to = tab_to(&client, "input[name=to]").await;
    to.send_keys("03052027").await.unwrap();
    tab_to(&client, "input[name=duration]").await;
    clear_by_keyboard(&client).await;
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("90")
        .await
        .unwrap();
    shift_tab(&client).await;
    let back = focused(&client, "input[name=to]").await;
    assert_eq!(back["matches"], true, "Shift-Tab goes back a field: {back}");
    assert_eq!(back["visible"], true, "{back}");
    tab_to(&client, "input[name=duration]").await;
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css("svg rect.window"))
        .await
        .expect("highlighted windows");
    assert_eq!(
        shown_windows(&client).await,
        planner_windows_by_api(&server).await,
        "the keyboard's planner shows the API's windows"
    );

    // Sign in: the token typed, Enter; resolve a clash with Space on its button.
    let token = common::token(&db.url, "organiser", &["AFR"]);
    two_clashing_meetings(&server, &token).await;
    client.goto(&server.url("/clashes")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("input[name=token]"))
        .await
        .expect("signing in is asked for");
    let field = tab_to(&client, "input[name=token]").await;
    field.send_keys(&token).await.unwrap();
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css("form.resolve button[type=submit]"))
        .await
        .expect("a clash with a suggestion to apply");
    tab_to(&client, "form.resolve button[type=submit]").await;
    press(&client, &[' ']).await;
    client
        .wait()
        .for_element(Locator::Css(".notice"))
        .await
        .expect("the resolution is confirmed");

    // Co-location: the anchor chosen with the arrow keys, the title typed, the search sent
    // with Enter, the best candidate created with Enter on its button.
    client.goto(&server.url("/colocations")).await.unwrap();
    client.wait().for_element(Locator::Css("h1")).await.unwrap();
    tab_to(&client, "select[name=anchor]").await;
    let chosen = r#"const s = document.querySelector("select[name=anchor]");
        return s.options[s.selectedIndex].text;"#;
    for _ in 0..100 {
        let text = client.execute(chosen, vec![]).await.unwrap();
        if text
            .as_str()
            .is_some_and(|t| t.contains("SG3RG-AFR meeting"))
        {
            break;
        }
        press(&client, &[Key::Down.into()]).await;
    }
    let text = client.execute(chosen, vec![]).await.unwrap();
    assert!(
        text.as_str()
            .is_some_and(|t| t.contains("SG3RG-AFR meeting")),
        "the arrow keys reach the regional group meeting: {text}"
    );
    tab_to(&client, "input[name=title]").await;
    clear_by_keyboard(&client).await;
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("Workshop on quality of service")
        .await
        .unwrap();
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css(
            "li.candidate form.resolve button[type=submit]",
        ))
        .await
        .expect("ranked candidates with a create button");
    tab_to(&client, "li.candidate form.resolve button[type=submit]").await;
    press(&client, &[Key::Enter.into()]).await;
    the_new_workshop_is_linked_to_its_anchor(&client).await;

    // Sign out by keyboard.
    tab_to(&client, "a[href='/clashes']").await;
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css("form[action='/signout'] button"))
        .await
        .unwrap();
    tab_to(&client, "form[action='/signout'] button").await;
    press(&client, &[Key::Enter.into()]).await;
    client
        .wait()
        .for_element(Locator::Css("ul.events"))
        .await
        .expect("back home after signing out");
    client.goto(&server.url("/clashes")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("input[name=token]"))
        .await
        .expect("signed out, asked to sign in again");
    client.close().await.expect("end the WebDriver session");
}
