//! The pages in a real browser: headless Chromium driven over WebDriver (chromedriver).
//! Opens the home page, checks a subscribe link leads to a live iCalendar feed, fills the
//! planner and checks its SVG highlights the windows `POST /api/v1/windows/search` returns
//! for the same request, signs in, resolves a clash and creates a co-located workshop. Screenshots go to `<target dir>/browser/` as CI artefacts.
//!
//! Without chromedriver the test is skipped with a message, unless
//! `TANDEM_REQUIRE_BROWSER=1` (CI), which turns a missing browser into a failure.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Database, Server};
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

#[tokio::test]
async fn browse_subscribe_and_plan_in_headless_chromium() {
    let required = std::env::var("TANDEM_REQUIRE_BROWSER").as_deref() == Ok("1");
    let Some(chromedriver) = find_program("chromedriver") else {
        assert!(
            !required,
            "TANDEM_REQUIRE_BROWSER=1 but chromedriver is not on PATH (apt-get install chromium chromium-driver)"
        );
        eprintln!("browser test skipped: chromedriver not found (set TANDEM_REQUIRE_BROWSER=1 to fail instead)");
        return;
    };
    let browser = find_program("chromium").or_else(|| find_program("chromium-browser"));
    let db = Database::sqlite();
    let server = Server::start(&db.url, &["--demo"]);
    let driver = start_chromedriver(&chromedriver).await;

    let profile = tempfile::tempdir().expect("profile directory");
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1280,900",
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
    let expected: Vec<(String, String)> = api["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| {
            (
                w["start"].as_str().unwrap().to_owned(),
                w["end"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(shown, expected, "the SVG highlights the API's windows");

    // An organiser signs in with a token and resolves a clash from the dashboard.
    let token = common::token(&db.url, "organiser", &["AFR"]);
    let http = reqwest::Client::new();
    for title in ["SG3RG-AFR drafting session", "SG3RG-AFR editing session"] {
        let created = http
            .post(server.url("/api/v1/events"))
            .bearer_auth(&token)
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
