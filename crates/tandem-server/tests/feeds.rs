//! iCalendar feeds over HTTP (DESIGN §7): scopes and filters, strong ETags, 304s, HEAD,
//! gzip on request, Cache-Control, one build per change, private tokens.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use std::io::Read as _;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_core::RegionCode;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tower::ServiceExt;

struct TestApp {
    router: Router,
    admin: String,
    organiser: String,
    _dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}

impl TestApp {
    async fn new() -> Self {
        Self::with_clock(common::clock()).await
    }

    /// The app with its store on `clock`.
    async fn with_clock(clock: tandem_core::SharedClock) -> Self {
        // The tz database `tandem serve` would use: the readers of the interop test use the
        // system's too.
        tandem_app::tzdata::ensure_system();
        let dir = tempfile::TempDir::new().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
                .await
                .unwrap(),
        );
        let settings = Settings::from_figment(&Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        ))
        .unwrap();
        let admin = issue_token(store.as_ref(), Role::Admin, vec![], None)
            .await
            .unwrap()
            .0;
        let organiser = issue_token(store.as_ref(), Role::Organiser, vec![RegionCode::AFR], None)
            .await
            .unwrap()
            .0;
        Self {
            router: tandem_server::app(tandem_server::state(store, settings, clock).unwrap()),
            admin: admin.expose_secret().to_owned(),
            organiser: organiser.expose_secret().to_owned(),
            _dir: dir,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let body = match body {
            Some(json) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .router
            .clone()
            .oneshot(b.body(body).unwrap())
            .await
            .unwrap();
        let (parts, body) = response.into_parts();
        Reply {
            status: parts.status,
            headers: parts.headers,
            body: body.collect().await.unwrap().to_bytes().to_vec(),
        }
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.send(Method::GET, path, None, None, headers).await
    }

    async fn create(&self, path: &str, body: Value) -> Value {
        let r = self
            .send(Method::POST, path, Some(&self.admin), Some(body), &[])
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    /// The Yaoundé venue and a hybrid SG3RG-AFR meeting with a co-located workshop.
    async fn yaounde(&self) -> (Value, Value, Value) {
        let venue = self
            .create(
                "/api/v1/venues",
                json!({"name": "Palais des Congrès", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala",
                       "geo": {"lat": 3.8667, "lon": 11.5167},
                       "rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle B", "capacity": 40}]}),
            )
            .await;
        let meeting = self
            .create(
                "/api/v1/events",
                json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid", "region": "AFR",
                       "group": "SG3RG-AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
                       "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-11T17:30",
                       "remote_url": "https://meet.example.org/sg3rg-afr",
                       "participants": [{"id": "p-17", "tz": "Asia/Bangkok", "attendance": "remote", "required": false}]}),
            )
            .await;
        let workshop = self
            .create(
                "/api/v1/events",
                json!({"title": "Workshop on ICT economics", "kind": "workshop", "mode": "in_person", "region": "AFR",
                       "venue_id": venue["id"], "room_id": venue["rooms"][1]["id"], "tz": "Africa/Douala",
                       "start": "2027-03-09T09:00", "end": "2027-03-09T17:00", "co_located_with": meeting["id"]}),
            )
            .await;
        (venue, meeting, workshop)
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("gzip");
    out
}

#[tokio::test]
async fn region_feed_has_the_events_and_headers() {
    let app = TestApp::new().await;
    assert_eq!(
        tandem_core::tz::database().source(),
        tandem_core::tz::DataSource::System
    );
    let (_, meeting, workshop) = app.yaounde().await;
    let r = app.get("/feeds/regions/AFR.ics", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header(header::CONTENT_TYPE),
        "text/calendar; charset=utf-8"
    );
    assert!(r.header(header::CACHE_CONTROL).starts_with("public"));
    let etag = r.header(header::ETAG);
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong ETag: {etag}"
    );
    assert!(!r.header(header::LAST_MODIFIED).is_empty());
    assert!(
        r.header(header::CONTENT_ENCODING).is_empty(),
        "no gzip unless asked"
    );
    let text = r.text();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    for needle in [
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ITU Africa region meetings",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "TZID:Africa/Douala",
        "DTSTART;TZID=Africa/Douala:20270310T090000",
        "DTEND;TZID=Africa/Douala:20270311T173000",
        "SUMMARY:SG3RG-AFR meeting",
        "CATEGORIES:meeting,AFR,SG3RG-AFR",
        "GEO:3.866700;11.516700",
        "CONFERENCE;VALUE=URI",
        "ORGANIZER;CN=",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    let meeting_uid = format!("{}@tandem", meeting["id"].as_str().unwrap());
    let workshop_uid = format!("{}@tandem", workshop["id"].as_str().unwrap());
    assert!(text.contains(&format!("UID:{meeting_uid}")));
    assert!(
        text.contains(&format!(
            "URL:http://127.0.0.1:8080/events/{}\r\n",
            meeting["id"].as_str().unwrap()
        )),
        "URL is the event's page"
    );
    assert!(
        text.contains(&format!("RELATED-TO;RELTYPE=SIBLING:{workshop_uid}")),
        "the anchor links to the workshop"
    );
    assert!(
        text.contains(&format!("RELATED-TO;RELTYPE=SIBLING:{meeting_uid}")),
        "the workshop links to the anchor"
    );
    assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    // Other regions' feeds do not show it.
    assert!(!app
        .get("/feeds/regions/EUR.ics", &[])
        .await
        .text()
        .contains("SG3RG-AFR meeting"));
}

#[tokio::test]
async fn conditional_requests_head_and_gzip() {
    let app = TestApp::new().await;
    app.yaounde().await;
    let first = app.get("/feeds/all.ics", &[]).await;
    let etag = first.header(header::ETAG);
    let again = app.get("/feeds/all.ics", &[]).await;
    assert_eq!(
        again.header(header::ETAG),
        etag,
        "unchanged data, same ETag"
    );
    assert_eq!(again.body, first.body, "identical bytes");
    let not_modified = app.get("/feeds/all.ics", &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    assert!(not_modified.body.is_empty());
    assert_eq!(not_modified.header(header::ETAG), etag);
    let last_modified = first.header(header::LAST_MODIFIED);
    let since = app
        .get("/feeds/all.ics", &[("if-modified-since", &last_modified)])
        .await;
    assert_eq!(since.status, StatusCode::NOT_MODIFIED);
    let older = app
        .get(
            "/feeds/all.ics",
            &[("if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT")],
        )
        .await;
    assert_eq!(older.status, StatusCode::OK);
    let other = app
        .get("/feeds/all.ics", &[("if-none-match", "\"something-else\"")])
        .await;
    assert_eq!(other.status, StatusCode::OK);

    let head = app
        .send(Method::HEAD, "/feeds/all.ics", None, None, &[])
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(head.header(header::ETAG), etag);

    let gz = app
        .get("/feeds/all.ics", &[("accept-encoding", "gzip, deflate")])
        .await;
    assert_eq!(gz.header(header::CONTENT_ENCODING), "gzip");
    assert_ne!(
        gz.header(header::ETAG),
        etag,
        "a different representation has its own ETag"
    );
    assert_eq!(gunzip(&gz.body), first.text());
    assert_eq!(gz.header(header::VARY), "Accept-Encoding");
    let refused = app
        .get("/feeds/all.ics", &[("accept-encoding", "gzip;q=0")])
        .await;
    assert!(refused.header(header::CONTENT_ENCODING).is_empty());
}

/// How many feeds this instance has rendered, from `/metrics`.
async fn feed_builds(app: &TestApp) -> u64 {
    let text = app.get("/metrics", &[]).await.text();
    text.lines()
        .find_map(|l| l.strip_prefix("tandem_feed_builds_total "))
        .and_then(|v| v.trim().parse().ok())
        .expect("tandem_feed_builds_total in /metrics")
}

#[tokio::test]
async fn a_feed_is_built_once_per_change() {
    let app = TestApp::new().await;
    let (_, meeting, _) = app.yaounde().await;
    let start = feed_builds(&app).await;
    for _ in 0..5 {
        assert_eq!(
            app.get("/feeds/regions/AFR.ics", &[]).await.status,
            StatusCode::OK
        );
        app.get("/feeds/regions/AFR.ics", &[("accept-encoding", "gzip")])
            .await;
    }
    assert_eq!(
        feed_builds(&app).await,
        start + 1,
        "ten requests, one build"
    );
    let id = meeting["id"].as_str().unwrap();
    app.send(
        Method::PATCH,
        &format!("/api/v1/events/{id}"),
        Some(&app.admin),
        Some(json!({"title": "SG3RG-AFR (renamed)"})),
        &[],
    )
    .await;
    for _ in 0..3 {
        assert!(app
            .get("/feeds/regions/AFR.ics", &[])
            .await
            .text()
            .contains("SG3RG-AFR (renamed)"));
    }
    assert_eq!(
        feed_builds(&app).await,
        start + 2,
        "a change, one more build"
    );
}

/// Concurrent requests for a feed the last write made stale build it once: the others wait
/// for that build and serve its bytes (memory stays bounded however many ask at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_for_a_stale_feed_build_it_once() {
    let app = TestApp::new().await;
    let (_, meeting, _) = app.yaounde().await;
    app.get("/feeds/regions/AFR.ics", &[]).await;
    let start = feed_builds(&app).await;
    let id = meeting["id"].as_str().unwrap();
    app.send(
        Method::PATCH,
        &format!("/api/v1/events/{id}"),
        Some(&app.admin),
        Some(json!({"title": "SG3RG-AFR (moved)"})),
        &[],
    )
    .await;
    let replies =
        futures::future::join_all((0..16).map(|_| app.get("/feeds/regions/AFR.ics", &[]))).await;
    let etags: std::collections::BTreeSet<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK);
            assert!(r.text().contains("SG3RG-AFR (moved)"));
            r.headers[header::ETAG].to_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(etags.len(), 1, "one representation: {etags:?}");
    assert_eq!(
        feed_builds(&app).await,
        start + 1,
        "sixteen requests, one build"
    );
}

#[tokio::test]
async fn every_visible_change_moves_etag_and_sequence() {
    let app = TestApp::new().await;
    let (_, meeting, _) = app.yaounde().await;
    let before = app.get("/feeds/regions/AFR.ics", &[]).await;
    let id = meeting["id"].as_str().unwrap();
    let r = app
        .send(
            Method::PATCH,
            &format!("/api/v1/events/{id}"),
            Some(&app.admin),
            Some(json!({"end": "2027-03-11T16:00"})),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let after = app.get("/feeds/regions/AFR.ics", &[]).await;
    assert_ne!(after.header(header::ETAG), before.header(header::ETAG));
    assert_eq!(
        app.get(
            "/feeds/regions/AFR.ics",
            &[("if-none-match", &before.header(header::ETAG))]
        )
        .await
        .status,
        StatusCode::OK,
        "a stale ETag gets the new feed"
    );
    let text = after.text();
    assert!(text.contains("DTEND;TZID=Africa/Douala:20270311T160000"));
    let block = text
        .split("BEGIN:VEVENT")
        .find(|b| b.contains("SUMMARY:SG3RG-AFR meeting"))
        .unwrap();
    assert!(block.contains("SEQUENCE:1"), "{block}");

    // Cancelling takes it out of the feed; include=cancelled keeps it as CANCELLED.
    let r = app
        .send(
            Method::DELETE,
            &format!("/api/v1/events/{id}"),
            Some(&app.admin),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!app
        .get("/feeds/regions/AFR.ics", &[])
        .await
        .text()
        .contains("SG3RG-AFR meeting"));
    let with = app
        .get("/feeds/regions/AFR.ics?include=cancelled", &[])
        .await
        .text();
    let block = with
        .split("BEGIN:VEVENT")
        .find(|b| b.contains("SUMMARY:SG3RG-AFR meeting"))
        .unwrap();
    assert!(
        block.contains("STATUS:CANCELLED") && block.contains("SEQUENCE:2"),
        "{block}"
    );
}

#[tokio::test]
async fn proposed_events_and_filters() {
    let app = TestApp::new().await;
    let (venue, _, _) = app.yaounde().await;
    app.create(
        "/api/v1/events",
        json!({"title": "Proposed session", "kind": "session", "mode": "virtual", "status": "proposed", "region": "AFR",
               "tz": "Africa/Lagos", "start": "2027-04-01T10:00", "end": "2027-04-01T11:00"}),
    )
    .await;
    let plain = app.get("/feeds/all.ics", &[]).await.text();
    assert!(!plain.contains("Proposed session"));
    let with = app.get("/feeds/all.ics?include=proposed", &[]).await.text();
    let block = with
        .split("BEGIN:VEVENT")
        .find(|b| b.contains("Proposed session"))
        .unwrap();
    assert!(block.contains("STATUS:TENTATIVE"));
    let workshops = app.get("/feeds/all.ics?kind=workshop", &[]).await.text();
    assert!(
        workshops.contains("Workshop on ICT economics") && !workshops.contains("SG3RG-AFR meeting")
    );
    let window = app
        .get(
            "/feeds/all.ics?from=2027-03-10T12:00:00Z&to=2027-03-12T00:00:00Z",
            &[],
        )
        .await
        .text();
    assert!(window.contains("SG3RG-AFR meeting") && !window.contains("Workshop on ICT economics"));
    let venue_feed = app
        .get(
            &format!("/feeds/venues/{}.ics", venue["id"].as_str().unwrap()),
            &[],
        )
        .await;
    assert!(venue_feed.text().contains("Palais des Congrès"));
    assert!(app
        .get("/feeds/groups/SG3RG-AFR.ics", &[])
        .await
        .text()
        .contains("SG3RG-AFR meeting"));
    for (path, status) in [
        ("/feeds/groups/NOPE.ics", StatusCode::NOT_FOUND),
        ("/feeds/regions/AFR", StatusCode::NOT_FOUND),
        (
            "/feeds/events/00000000-0000-0000-0000-000000000000.ics",
            StatusCode::NOT_FOUND,
        ),
        ("/feeds/all.ics?kind=party", StatusCode::BAD_REQUEST),
        ("/feeds/all.ics?from=yesterday", StatusCode::BAD_REQUEST),
        ("/feeds/all.ics?colour=blue", StatusCode::BAD_REQUEST),
    ] {
        let r = app.get(path, &[]).await;
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert_eq!(
            r.header(header::CONTENT_TYPE),
            "application/problem+json",
            "{path}"
        );
    }
}

#[tokio::test]
async fn subscribe_links_are_in_api_responses() {
    let app = TestApp::new().await;
    let (venue, meeting, _) = app.yaounde().await;
    let link = meeting["links"]["subscribe"]["webcal"].as_str().unwrap();
    assert!(
        link.starts_with("webcal://")
            && link.ends_with(&format!(
                "/feeds/events/{}.ics",
                meeting["id"].as_str().unwrap()
            ))
    );
    assert!(meeting["links"]["subscribe"]["https"]
        .as_str()
        .unwrap()
        .starts_with("http"));
    assert!(venue["subscribe"]["webcal"]
        .as_str()
        .unwrap()
        .starts_with("webcal://"));
    let regions = app.get("/api/v1/regions", &[]).await.json();
    assert!(regions[0]["subscribe"]["webcal"]
        .as_str()
        .unwrap()
        .ends_with("/feeds/regions/AFR.ics"));
    let group = app.get("/api/v1/groups/SG3RG-AFR", &[]).await.json();
    assert!(group["subscribe"]["https"]
        .as_str()
        .unwrap()
        .ends_with("/feeds/groups/SG3RG-AFR.ics"));
    // The event's own feed is reachable at its link's path.
    let path = format!("/feeds/events/{}.ics", meeting["id"].as_str().unwrap());
    assert!(app
        .get(&path, &[])
        .await
        .text()
        .contains("SG3RG-AFR meeting"));
}

#[tokio::test]
async fn private_feeds_and_their_tokens() {
    let app = TestApp::new().await;
    app.yaounde().await;
    let path_of = |url: &str| {
        url.split_once("://")
            .unwrap()
            .1
            .split_once('/')
            .unwrap()
            .1
            .to_owned()
    };
    // No token, 401; an organiser may create one.
    let r = app
        .send(
            Method::POST,
            "/api/v1/feed-tokens",
            None,
            Some(json!({"participant": "p-17"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .send(
            Method::POST,
            "/api/v1/feed-tokens",
            Some(&app.organiser),
            Some(json!({"participant": "p-17"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(
        token.starts_with("tdf_") && token.len() >= 4 + 43,
        "256 bits, base64url"
    );
    assert!(created["webcal"].as_str().unwrap().starts_with("webcal://"));
    let feed_path = format!("/{}", path_of(created["url"].as_str().unwrap()));
    let feed = app.get(&feed_path, &[]).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.header(header::CACHE_CONTROL).starts_with("private"));
    assert!(
        feed.text().contains("SG3RG-AFR meeting"),
        "p-17 is in the meeting"
    );
    assert!(
        !feed.text().contains("Workshop on ICT economics"),
        "and not in the workshop"
    );
    let fb = app
        .get(
            &format!("/{}", path_of(created["freebusy_url"].as_str().unwrap())),
            &[],
        )
        .await;
    assert!(
        fb.text().contains("BEGIN:VFREEBUSY") && fb.text().contains("FREEBUSY"),
        "{}",
        fb.text()
    );

    // The participant's own token rotates it; the old URL is then a 404.
    let id = created["id"].as_str().unwrap();
    let r = app
        .send(
            Method::POST,
            &format!("/api/v1/feed-tokens/{id}/rotate"),
            Some(&token),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let rotated = r.json();
    assert_eq!(app.get(&feed_path, &[]).await.status, StatusCode::NOT_FOUND);
    let new_path = format!("/{}", path_of(rotated["url"].as_str().unwrap()));
    assert_eq!(app.get(&new_path, &[]).await.status, StatusCode::OK);
    // Another participant's token cannot touch it.
    let other = app
        .send(
            Method::POST,
            "/api/v1/feed-tokens",
            Some(&app.admin),
            Some(json!({"participant": "p-99"})),
            &[],
        )
        .await
        .json();
    let r = app
        .send(
            Method::DELETE,
            &format!("/api/v1/feed-tokens/{}", rotated["id"].as_str().unwrap()),
            Some(other["token"].as_str().unwrap()),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Revoked by an admin: 404 from now on, indistinguishable from a token that never was.
    let r = app
        .send(
            Method::DELETE,
            &format!("/api/v1/feed-tokens/{}", rotated["id"].as_str().unwrap()),
            Some(&app.admin),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let gone = app.get(&new_path, &[]).await;
    let never = app
        .get(
            "/feeds/private/tdf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
            &[],
        )
        .await;
    assert_eq!(
        (gone.status, gone.body.clone()),
        (never.status, never.body.clone())
    );
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let listed = app
        .send(
            Method::GET,
            "/api/v1/feed-tokens?participant=p-17",
            Some(&app.admin),
            None,
            &[],
        )
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["revoked_at"].is_string()));
    assert!(
        listed.to_string().find("tdf_").is_none(),
        "secrets are never listed"
    );
}

/// Every feed this suite serves is read exactly by third-party parsers: strict PyPI `ical`,
/// `icalendar` and `recurring-ical-events` (via tandem-ical's `scripts/interop.py`) and
/// ical.js (`scripts/interop.mjs`); each DTSTART/DTEND and every occurrence must come back
/// as the same instant, also when every TZID is renamed so that the readers must use the
/// feed's VTIMEZONEs: across DST changes in both hemispheres, Lord Howe's half hour and
/// Morocco's changes around Ramadan.
#[tokio::test]
async fn served_feeds_pass_third_party_parsers() {
    let require = std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() == Ok("1");
    let python = std::env::var("TANDEM_INTEROP_PYTHON").ok();
    let icaljs = std::env::var("TANDEM_INTEROP_ICALJS").ok();
    assert!(
        !require || (python.is_some() && icaljs.is_some()),
        "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_PYTHON or TANDEM_INTEROP_ICALJS is not set"
    );
    if python.is_none() && icaljs.is_none() {
        eprintln!("interop skipped: set TANDEM_INTEROP_PYTHON (icalendar, ical, recurring-ical-events) and TANDEM_INTEROP_ICALJS (ical.js)");
        return;
    }
    let app = TestApp::new().await;
    assert_eq!(
        tandem_core::tz::database().source(),
        tandem_core::tz::DataSource::System
    );
    let (_, meeting, workshop) = app.yaounde().await;
    let weekly = app
        .create(
            "/api/v1/events",
            json!({"title": "SG3RG-EURM call — «coordination»", "kind": "session", "mode": "virtual", "region": "EUR",
                   "tz": "Europe/Zurich", "start": "2027-03-16T14:00", "end": "2027-03-16T15:30",
                   "rrule": "FREQ=WEEKLY;COUNT=6", "remote_url": "https://meet.example.org/eurm",
                   "participants": [{"id": "p-17", "tz": "Asia/Bangkok"}]}),
        )
        .await;
    let cancelled = app
        .create(
            "/api/v1/events",
            json!({"title": "Cancelled forum", "kind": "conference", "mode": "in_person", "region": "ARB",
                   "tz": "Africa/Cairo", "start": "2027-05-02T09:30", "end": "2027-05-02T16:00"}),
        )
        .await;
    let id = |e: &Value| e["id"].as_str().unwrap().to_owned();
    app.send(
        Method::DELETE,
        &format!("/api/v1/events/{}", id(&cancelled)),
        Some(&app.admin),
        None,
        &[],
    )
    .await;
    // Expected instants, computed from the API's own UTC fields and, for the weekly call,
    // by hand: 14:00 in Geneva is 13:00Z until 28 March, 12:00Z after.
    let single = |e: &Value| {
        let uid = format!("{}@tandem", id(e));
        (
            json!({"uid": uid, "dtstart": e["starts_at"], "dtend": e["ends_at"]}),
            json!({"uid": uid, "start": e["starts_at"], "end": e["ends_at"]}),
        )
    };
    let weekly_uid = format!("{}@tandem", id(&weekly));
    let weekly_occurrences: Vec<Value> = ["03-16T13", "03-23T13", "03-30T12", "04-06T12", "04-13T12", "04-20T12"]
        .iter()
        .map(|d| {
            let (day, hour) = d.split_once('T').unwrap();
            let hour: u32 = hour.parse().unwrap();
            json!({"uid": weekly_uid, "start": format!("2027-{day}T{hour:02}:00:00Z"), "end": format!("2027-{day}T{hour:02}:30:00Z").replace(&format!("T{hour:02}:30"), &format!("T{:02}:30", hour + 1))})
        })
        .collect();
    let weekly_event = json!({"uid": weekly_uid, "dtstart": "2027-03-16T13:00:00Z", "dtend": "2027-03-16T14:30:00Z"});
    // Series across DST changes elsewhere; tandem's instants are its own occurrences.
    let mut world_events = Vec::new();
    let mut world_occurrences = Vec::new();
    for (region, tz, start, end) in [
        (
            "ARB",
            "Africa/Casablanca",
            "2026-02-02T09:00",
            "2026-02-02T10:30",
        ),
        (
            "AMS",
            "America/Santiago",
            "2027-03-23T10:00",
            "2027-03-23T11:00",
        ),
        (
            "ASP",
            "Australia/Lord_Howe",
            "2027-03-24T09:00",
            "2027-03-24T10:00",
        ),
        (
            "ASP",
            "Australia/Sydney",
            "2027-09-20T09:00",
            "2027-09-20T10:00",
        ),
    ] {
        let rrule = "FREQ=WEEKLY;COUNT=9";
        let created = app
            .create(
                "/api/v1/events",
                json!({"title": format!("Weekly call in {tz}"), "kind": "session", "mode": "virtual",
                       "region": region, "tz": tz, "start": start, "end": end, "rrule": rrule}),
            )
            .await;
        let uid = format!("{}@tandem", id(&created));
        let parse = |t: &str| tandem_core::time::parse_local_datetime(t).unwrap();
        let timing = tandem_core::EventTiming::new(
            tandem_core::Zone::parse(tz).unwrap(),
            parse(start),
            parse(end),
            Some(rrule),
        )
        .unwrap();
        let occurrences = timing.occurrences().unwrap();
        let z = |i: chrono::DateTime<chrono::Utc>| i.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        assert!(
            occurrences
                .windows(2)
                .any(|w| (w[1].start - w[0].start) != chrono::Duration::weeks(1)),
            "{tz}: the series crosses a change of offset"
        );
        world_events.push(
            json!({"uid": uid, "dtstart": z(occurrences[0].start), "dtend": z(occurrences[0].end)}),
        );
        world_occurrences.extend(
            occurrences
                .iter()
                .map(|o| json!({"uid": uid, "start": z(o.start), "end": z(o.end)})),
        );
    }
    let cancelled_event = app
        .get(&format!("/api/v1/events/{}", id(&cancelled)), &[])
        .await
        .json();
    let token = app
        .send(
            Method::POST,
            "/api/v1/feed-tokens",
            Some(&app.admin),
            Some(json!({"participant": "p-17"})),
            &[],
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str,
                 body: &str,
                 events: Vec<Value>,
                 occurrences: Vec<Value>,
                 freebusy: Option<Vec<Value>>| {
        std::fs::write(dir.path().join(format!("{name}.ics")), body).unwrap();
        let mut expected = json!({"events": events, "occurrences": occurrences,
                                  "check_own_vtimezones": true});
        if let Some(fb) = freebusy {
            expected = json!({"events": [], "occurrences": [], "freebusy": fb});
        }
        std::fs::write(
            dir.path().join(format!("{name}.expected.json")),
            expected.to_string(),
        )
        .unwrap();
    };
    let (m_ev, m_occ) = single(&meeting);
    let (w_ev, w_occ) = single(&workshop);
    let (c_ev, c_occ) = single(&cancelled_event);
    let all = app
        .get("/feeds/all.ics?include=cancelled,proposed", &[])
        .await
        .text();
    let mut occurrences = vec![m_occ.clone(), w_occ.clone(), c_occ];
    occurrences.extend(weekly_occurrences.clone());
    occurrences.extend(world_occurrences);
    let mut events = vec![m_ev.clone(), w_ev.clone(), c_ev, weekly_event.clone()];
    events.extend(world_events);
    write("all", &all, events, occurrences, None);
    // The same feed with tandem's texts in French and Arabic (LANGUAGE parameters).
    for lang in ["fr", "ar"] {
        let body = app
            .get(&format!("/feeds/regions/AFR.ics?lang={lang}"), &[])
            .await
            .text();
        assert!(
            body.contains(&format!("NAME;LANGUAGE={lang}:")),
            "a {lang} feed:\n{body}"
        );
        write(
            &format!("region-afr-{lang}"),
            &body,
            vec![m_ev.clone(), w_ev.clone()],
            vec![m_occ.clone(), w_occ.clone()],
            None,
        );
    }
    let afr = app.get("/feeds/regions/AFR.ics", &[]).await.text();
    write(
        "region-afr",
        &afr,
        vec![m_ev.clone(), w_ev],
        vec![m_occ.clone(), w_occ],
        None,
    );
    let one = app
        .get(&format!("/feeds/events/{}.ics", id(&weekly)), &[])
        .await
        .text();
    write(
        "weekly",
        &one,
        vec![weekly_event.clone()],
        weekly_occurrences.clone(),
        None,
    );
    let private = app
        .get(&format!("/feeds/private/{token}.ics"), &[])
        .await
        .text();
    let mut mine = vec![m_occ];
    mine.extend(weekly_occurrences.clone());
    write("private", &private, vec![m_ev, weekly_event], mine, None);
    let fb = app
        .get(&format!("/feeds/freebusy/{token}.ics"), &[])
        .await
        .text();
    let mut periods =
        vec![json!({"fbtype": "BUSY", "start": meeting["starts_at"], "end": meeting["ends_at"]})];
    periods.extend(
        weekly_occurrences
            .iter()
            .map(|o| json!({"fbtype": "BUSY", "start": o["start"], "end": o["end"]})),
    );
    let fb_zh = app
        .get(&format!("/feeds/freebusy/{token}.ics?lang=zh"), &[])
        .await
        .text();
    assert!(fb_zh.contains("NAME;LANGUAGE=zh:"), "{fb_zh}");
    write("freebusy-zh", &fb_zh, vec![], vec![], Some(periods.clone()));
    write("freebusy", &fb, vec![], vec![], Some(periods));
    let scripts = concat!(env!("CARGO_MANIFEST_DIR"), "/../tandem-ical/scripts");
    let mut readers = Vec::new();
    if let Some(python) = &python {
        let mut command = std::process::Command::new(python);
        command.arg(format!("{scripts}/interop.py"));
        readers.push(("interop.py", command));
    }
    if let Some(icaljs) = &icaljs {
        let mut command = std::process::Command::new("node");
        command
            .arg(format!("{scripts}/interop.mjs"))
            .env("ICALJS", icaljs);
        readers.push(("interop.mjs", command));
    }
    for (name, mut command) in readers {
        let out = command.arg(dir.path()).output().expect("run a reader");
        assert!(
            out.status.success(),
            "{name} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A cancelled event stays in `include=cancelled` feeds for `feeds.cancelled_days` (90) days
/// after its cancellation by the injected clock, then leaves — on the day it should, even
/// though nothing was written since (the cached feed of the day before is not served), and
/// whatever day the suite runs.
#[tokio::test]
async fn cancelled_events_leave_feeds_on_the_injected_clocks_day() {
    let clock = common::MovableClock::new();
    let app = TestApp::with_clock(clock.clone()).await;
    let event = app
        .create(
            "/api/v1/events",
            json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "virtual",
                   "status": "confirmed", "region": "AFR", "tz": "Africa/Douala",
                   "start": "2027-06-08T09:00", "end": "2027-06-08T12:00"}),
        )
        .await;
    let r = app
        .send(
            Method::DELETE,
            &format!("/api/v1/events/{}", event["id"].as_str().unwrap()),
            Some(&app.admin),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let path = "/feeds/regions/AFR.ics?include=cancelled";
    let listed = || async {
        app.get(path, &[])
            .await
            .text()
            .contains("SG3RG-AFR meeting")
    };
    assert!(listed().await, "cancelled today: still listed");
    clock.advance(chrono::Duration::days(89));
    assert!(listed().await, "89 days later: still listed");
    clock.advance(chrono::Duration::days(2));
    assert!(!listed().await, "91 days later: gone");
}

/// DESIGN §4: a daily series whose occurrence starts in a DST gap keeps it (no EXDATE), at
/// the RFC 5545 instant and with the first occurrence's length, and the served feed makes
/// every third-party parser compute exactly those instants: daily 02:30–03:00 in Zurich
/// (2027-03-28 02:30 does not exist) and daily 00:30–01:00 in Santiago (2027-09-05 00:30
/// does not exist).
#[tokio::test]
async fn series_through_a_dst_gap_keep_every_occurrence_in_third_party_parsers() {
    let app = TestApp::new().await;
    let series = [
        (
            "Europe/Zurich",
            "2027-03-26T02:30",
            "2027-03-26T03:00",
            // 02:30 CET is 01:30Z; on the 28th 02:30 is read with the offset before the gap.
            [
                "2027-03-26T01:30",
                "2027-03-27T01:30",
                "2027-03-28T01:30",
                "2027-03-29T00:30",
            ],
        ),
        (
            "America/Santiago",
            "2027-09-03T00:30",
            "2027-09-03T01:00",
            // 00:30 −04:00 is 04:30Z; on the 5th midnight jumps to 01:00 (−03:00).
            [
                "2027-09-03T04:30",
                "2027-09-04T04:30",
                "2027-09-05T04:30",
                "2027-09-06T03:30",
            ],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (n, (tz, start, end, starts)) in series.iter().enumerate() {
        let event = app
            .create(
                "/api/v1/events",
                json!({"title": format!("Night watch {n}"), "kind": "session", "mode": "virtual",
                       "region": "EUR", "tz": tz, "start": start, "end": end,
                       "rrule": "FREQ=DAILY;COUNT=4"}),
            )
            .await;
        let id = event["id"].as_str().unwrap().to_owned();
        let uid = format!("{id}@tandem");
        let at = |s: &str| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .unwrap()
                .and_utc()
        };
        let z = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let occurrences: Vec<Value> = starts
            .iter()
            .map(|s| json!({"uid": uid, "start": z(at(s)), "end": z(at(s) + chrono::Duration::minutes(30))}))
            .collect();
        let last = occurrences.last().unwrap()["end"].clone();
        assert_eq!(event["last_ends_at"], last, "{tz}: {event}");
        let ics = app
            .get(&format!("/feeds/events/{id}.ics"), &[])
            .await
            .text();
        assert!(!ics.contains("EXDATE"), "{ics}");
        assert_eq!(ics.matches("RECURRENCE-ID").count(), 1, "{ics}");
        let expected = json!({
            "events": [{"uid": uid, "dtstart": occurrences[0]["start"], "dtend": occurrences[0]["end"]}],
            "occurrences": occurrences,
            "check_own_vtimezones": true,
        });
        std::fs::write(dir.path().join(format!("gap-{n}.ics")), &ics).unwrap();
        std::fs::write(
            dir.path().join(format!("gap-{n}.expected.json")),
            expected.to_string(),
        )
        .unwrap();
    }
    let Some(python) = std::env::var("TANDEM_INTEROP_PYTHON").ok() else {
        assert!(
            std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_PYTHON is not set"
        );
        eprintln!("interop skipped: set TANDEM_INTEROP_PYTHON to a Python with icalendar, ical, recurring-ical-events");
        return;
    };
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tandem-ical/scripts/interop.py"
    );
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(dir.path())
        .output()
        .expect("run interop.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "interop.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("ok gap-").count(), 2, "{stdout}");
}

/// The RELATED-TO lines of the VEVENT whose UID is `uid`.
fn related_of(feed: &str, uid: &str) -> Vec<String> {
    let unfolded = feed.replace("\r\n ", "");
    unfolded
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .find(|block| block.contains(&format!("UID:{uid}\r\n")))
        .map(|block| {
            block
                .lines()
                .filter_map(|l| l.strip_prefix("RELATED-TO;RELTYPE=SIBLING:"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn related_to_names_only_events_in_the_feed() {
    let app = TestApp::new().await;
    let (_, meeting, workshop) = app.yaounde().await;
    let meeting_id = meeting["id"].as_str().unwrap();
    let workshop_id = workshop["id"].as_str().unwrap();
    let meeting_uid = format!("{meeting_id}@tandem");
    let workshop_uid = format!("{workshop_id}@tandem");

    // A scoped feed that shows the meeting but not the workshop (it has no group).
    let group = app.get("/feeds/groups/SG3RG-AFR.ics", &[]).await.text();
    assert!(group.contains(&format!("UID:{meeting_uid}")));
    assert!(!group.contains(&format!("UID:{workshop_uid}")));
    assert!(related_of(&group, &meeting_uid).is_empty(), "{group}");
    // The one-event feed of the meeting holds the meeting alone.
    let single = app
        .get(&format!("/feeds/events/{meeting_id}.ics"), &[])
        .await
        .text();
    assert!(related_of(&single, &meeting_uid).is_empty(), "{single}");

    // Proposed: in the feed only with include=proposed, and linked only there.
    let r = app
        .send(
            Method::PATCH,
            &format!("/api/v1/events/{workshop_id}"),
            Some(&app.admin),
            Some(json!({"status": "proposed"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let plain = app.get("/feeds/regions/AFR.ics", &[]).await.text();
    assert!(related_of(&plain, &meeting_uid).is_empty(), "{plain}");
    let proposed = app
        .get("/feeds/regions/AFR.ics?include=proposed", &[])
        .await
        .text();
    assert_eq!(
        related_of(&proposed, &meeting_uid),
        vec![workshop_uid.clone()]
    );
    assert_eq!(
        related_of(&proposed, &workshop_uid),
        vec![meeting_uid.clone()]
    );

    // Cancelled: gone from every feed, and so from the anchor's RELATED-TO…
    let r = app
        .send(
            Method::DELETE,
            &format!("/api/v1/events/{workshop_id}"),
            Some(&app.admin),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    for path in [
        "/feeds/all.ics",
        "/feeds/regions/AFR.ics",
        "/feeds/regions/AFR.ics?include=proposed",
        "/feeds/groups/SG3RG-AFR.ics",
    ] {
        let feed = app.get(path, &[]).await.text();
        assert!(feed.contains(&format!("UID:{meeting_uid}")), "{path}");
        assert!(
            related_of(&feed, &meeting_uid).is_empty(),
            "{path}:\n{feed}"
        );
    }
    // …except where the feed keeps cancelled events: there both ends are shown and linked.
    let kept = app
        .get("/feeds/regions/AFR.ics?include=cancelled", &[])
        .await
        .text();
    assert_eq!(related_of(&kept, &meeting_uid), vec![workshop_uid.clone()]);

    // The API keeps the link and says the workshop is cancelled.
    let anchor = app
        .get(&format!("/api/v1/events/{meeting_id}"), &[])
        .await
        .json();
    assert_eq!(
        anchor["co_located"],
        json!([{"id": workshop_id, "status": "cancelled"}])
    );
    let page = app.get(&format!("/events/{meeting_id}"), &[]).await.text();
    assert!(page.contains("cancelled"), "{page}");
}

/// A feed's text with its folded lines joined again.
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

/// The properties of `text` named `name` (with any parameters), unfolded, as written.
fn properties<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.split("\r\n")
        .filter(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(';'))
        })
        .collect()
}

#[tokio::test]
async fn feeds_write_their_own_texts_in_the_language_asked_for() {
    let app = TestApp::new().await;
    let (_, meeting, _) = app.yaounde().await;
    let english = app.get("/feeds/regions/AFR.ics", &[]).await;
    let english_text = unfolded(&english.text());
    assert!(
        !english_text.contains("LANGUAGE="),
        "the default feed says no language"
    );

    let fr = app.get("/feeds/regions/AFR.ics?lang=fr", &[]).await;
    assert_eq!(fr.status, StatusCode::OK);
    let text = unfolded(&fr.text());
    for expected in [
        "NAME;LANGUAGE=fr:Réunions de l'UIT dans la région Afrique",
        "X-WR-CALNAME;LANGUAGE=fr:Réunions de l'UIT dans la région Afrique",
        "DESCRIPTION;LANGUAGE=fr:Réunions de l'UIT dans la région Afrique (AFR)",
        "X-WR-CALDESC;LANGUAGE=fr:Réunions de l'UIT dans la région Afrique (AFR)",
        "LOCATION;LANGUAGE=fr:Salle A\\, Palais des Congrès\\, Yaoundé\\, CM",
        "CATEGORIES;LANGUAGE=fr:réunion,AFR,SG3RG-AFR",
        "CATEGORIES;LANGUAGE=fr:atelier,AFR",
    ] {
        assert!(
            text.split("\r\n").any(|l| l == expected),
            "missing {expected} in\n{text}"
        );
    }
    // The organiser's words stay as written, with no language of tandem's.
    assert!(text.contains("\r\nSUMMARY:SG3RG-AFR meeting\r\n"), "{text}");
    assert!(properties(&text, "SUMMARY")
        .iter()
        .all(|l| !l.contains("LANGUAGE")));
    assert_ne!(fr.header(header::ETAG), english.header(header::ETAG));

    let ar = app.get("/feeds/regions/AFR.ics?lang=ar", &[]).await;
    let text = unfolded(&ar.text());
    for expected in [
        "NAME;LANGUAGE=ar:اجتماعات الاتحاد الدولي للاتصالات في منطقة أفريقيا",
        "X-WR-CALNAME;LANGUAGE=ar:اجتماعات الاتحاد الدولي للاتصالات في منطقة أفريقيا",
        "LOCATION;LANGUAGE=ar:Salle A، Palais des Congrès، Yaoundé، CM",
        "CATEGORIES;LANGUAGE=ar:اجتماع,AFR,SG3RG-AFR",
    ] {
        assert!(
            text.split("\r\n").any(|l| l == expected),
            "missing {expected} in\n{text}"
        );
    }
    assert!(
        ar.text().lines().all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    let etags = [
        english.header(header::ETAG),
        fr.header(header::ETAG),
        ar.header(header::ETAG),
    ];
    assert!(
        etags[0] != etags[1] && etags[1] != etags[2] && etags[0] != etags[2],
        "each language is its own representation: {etags:?}"
    );

    // The English ETag does not validate the French feed: a client switching gets 200.
    let switched = app
        .get(
            "/feeds/regions/AFR.ics?lang=fr",
            &[("if-none-match", etags[0].as_str())],
        )
        .await;
    assert_eq!(switched.status, StatusCode::OK);
    let same = app
        .get(
            "/feeds/regions/AFR.ics?lang=fr",
            &[("if-none-match", etags[1].as_str())],
        )
        .await;
    assert_eq!(same.status, StatusCode::NOT_MODIFIED);

    // English asked for, a regional tag, or a language tandem lacks: the default feed,
    // byte for byte (calendar apps fetch unattended: no error for them to show).
    for query in ["?lang=en", "?lang=en-GB", "?lang=xx", "?lang=", "?lang=de"] {
        let r = app
            .get(&format!("/feeds/regions/AFR.ics{query}"), &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{query}");
        assert_eq!(r.body, english.body, "{query}");
        assert_eq!(r.header(header::ETAG), etags[0], "{query}");
    }
    // A region tag chooses its language.
    let canada = app.get("/feeds/regions/AFR.ics?lang=fr-CA", &[]).await;
    assert_eq!(canada.body, fr.body);

    // One event's feed: its NAME is the organiser's title (no LANGUAGE), its location
    // line tandem's.
    let one = app
        .get(
            &format!(
                "/feeds/events/{}.ics?lang=zh",
                meeting["id"].as_str().unwrap()
            ),
            &[],
        )
        .await;
    let text = unfolded(&one.text());
    assert!(text.contains("\r\nNAME:SG3RG-AFR meeting\r\n"), "{text}");
    assert!(
        text.contains("\r\nLOCATION;LANGUAGE=zh:CM，Yaoundé，Palais des Congrès，Salle A\r\n"),
        "{text}"
    );
    assert!(
        text.contains("\r\nCATEGORIES;LANGUAGE=zh:会议,AFR,SG3RG-AFR\r\n"),
        "{text}"
    );

    // Other languages: every feed kind names itself in them.
    for (lang, name) in [
        ("es", "NAME;LANGUAGE=es:Reuniones regionales de la UIT"),
        ("ru", "NAME;LANGUAGE=ru:Региональные собрания МСЭ"),
        ("zh", "NAME;LANGUAGE=zh:国际电联区域会议"),
    ] {
        let text = unfolded(
            &app.get(&format!("/feeds/all.ics?lang={lang}"), &[])
                .await
                .text(),
        );
        assert!(text.contains(&format!("\r\n{name}\r\n")), "{lang}: {text}");
    }
}
