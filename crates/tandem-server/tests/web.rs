//! The HTML pages in process (`oneshot`): they render as HTML, escape user text, and the
//! planner's SVG highlights exactly the windows the window engine returns.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::string_slice)]

mod common;

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
use tempfile::TempDir;
use tower::ServiceExt;

struct Site {
    app: Router,
    store: Arc<dyn Store>,
    _dir: TempDir,
}

async fn site() -> Site {
    site_with(None).await
}

async fn site_with(public_url: Option<&str>) -> Site {
    site_on(common::clock(), public_url).await
}

/// The site, with the demo seeded, its store and server on `clock`.
async fn site_on(clock: tandem_core::SharedClock, public_url: Option<&str>) -> Site {
    let dir = TempDir::new().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
            .await
            .unwrap(),
    );
    let mut figment = Settings::figment(
        None,
        figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
    );
    if let Some(url) = public_url {
        figment = figment.merge(figment::providers::Serialized::default(
            "server.public_url",
            url,
        ));
    }
    let settings = Settings::from_figment(&figment).unwrap();
    let state = tandem_server::state(store.clone(), settings, clock).unwrap();
    tandem_app::seed::demo::seed(
        store.as_ref(),
        &state.app.holiday_calendars,
        state.app.clock.as_ref(),
    )
    .await
    .unwrap();
    Site {
        app: tandem_server::app(state),
        store,
        _dir: dir,
    }
}

impl Site {
    async fn call(&self, request: Request<Body>) -> (StatusCode, String, String) {
        let (status, _, content_type, body) = self.call_full(request).await;
        (status, content_type, body)
    }

    /// Status, headers, content type and body.
    async fn call_full(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String, String) {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            headers,
            content_type,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// A form POST with cookies.
    async fn post_form(
        &self,
        path: &str,
        cookies: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String, String) {
        let body = serde_urlencoded::to_string(form).unwrap();
        self.call_full(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookies)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    async fn get_with_cookies(
        &self,
        path: &str,
        cookies: &str,
    ) -> (StatusCode, HeaderMap, String, String) {
        self.call_full(
            Request::get(path)
                .header(header::COOKIE, cookies)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    async fn get(&self, path: &str) -> (StatusCode, String, String) {
        self.call(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let (status, _, body) = self
            .call(request.body(Body::from(body.to_string())).unwrap())
            .await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    async fn admin(&self) -> String {
        self.token(Role::Admin, Vec::new()).await
    }

    async fn token(&self, role: Role, regions: Vec<RegionCode>) -> String {
        let (secret, _) = issue_token(
            self.store.as_ref(),
            role,
            regions,
            Some("AFR office".into()),
        )
        .await
        .unwrap();
        secret.expose_secret().to_owned()
    }
}

fn assert_html(reply: &(StatusCode, String, String), path: &str) {
    assert_eq!(reply.0, StatusCode::OK, "{path}: {}", reply.2);
    assert!(reply.1.starts_with("text/html"), "{path}: {}", reply.1);
    assert!(reply.2.starts_with("<!DOCTYPE html>"), "{path}");
}

/// Every `(data-start, data-end)` of the highlighted windows in the planner's SVG.
fn highlighted(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chunk in html.split("<rect class=\"window\"").skip(1) {
        let attr = |name: &str| {
            let from = chunk.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            chunk[from..from + chunk[from..].find('"').unwrap()].to_owned()
        };
        let pair = (attr("data-start"), attr("data-end"));
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

#[tokio::test]
async fn pages_render_as_html_with_subscribe_links() {
    let site = site().await;
    let home = site.get("/").await;
    assert_html(&home, "/");
    assert!(home.2.contains("SG3RG-AFR meeting"), "{}", home.2);
    assert!(home.2.contains("href=\"webcal://"), "no webcal link");
    assert!(
        home.2.contains("/feeds/regions/AFR.ics\""),
        "no region feed"
    );
    assert!(
        home.2.contains("/feeds/groups/SG3RG-AFR.ics\""),
        "no group feed"
    );
    assert!(!home.2.contains("<script"), "pages need no JavaScript");

    let id = home
        .2
        .split("href=\"/events/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let event = site.get(&format!("/events/{id}")).await;
    assert_html(&event, "/events/{id}");
    assert!(event.2.contains(&format!("/feeds/events/{id}.ics")));

    let css = site.get("/assets/tandem.css").await;
    assert_eq!(css.0, StatusCode::OK);
    assert!(css.1.starts_with("text/css"));
    assert_html(&site.get("/planner").await, "/planner");

    let missing = site
        .get("/events/00000000-0000-0000-0000-000000000000")
        .await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND);
    assert!(missing.1.starts_with("text/html"));
    assert_eq!(site.get("/events/not-an-id").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn user_text_is_escaped() {
    let site = site().await;
    let admin = site.admin().await;
    let title = "<script>alert('x')</script> & co";
    let (status, event) = site
        .post_json(
            "/api/v1/events",
            Some(&admin),
            &json!({
                "title": title, "kind": "workshop", "mode": "virtual", "status": "confirmed",
                "region": "EUR", "tz": "Europe/Zurich",
                "start": "2030-03-10T09:00", "end": "2030-03-10T12:00",
                "remote_url": "https://meet.example.org/\"><script>x</script>"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    let escaped = "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co";
    let home = site.get("/").await;
    assert_html(&home, "/");
    assert!(home.2.contains(escaped), "{}", home.2);
    assert!(!home.2.contains("<script"));
    let page = site
        .get(&format!("/events/{}", event["id"].as_str().unwrap()))
        .await;
    assert_html(&page, "event");
    assert!(page.2.contains(escaped));
    assert!(!page.2.contains("<script"), "{}", page.2);

    let planner = site
        .get("/planner?places=%3Cscript%3E&from=2030-01-01&to=2030-01-02&duration=60")
        .await;
    assert_eq!(planner.0, StatusCode::BAD_REQUEST);
    assert!(planner.2.contains("&lt;script&gt;"));
    assert!(!planner.2.contains("<script"));
}

#[tokio::test]
async fn the_planner_highlights_the_engines_windows() {
    let site = site().await;
    let page = site
        .get("/planner?places=Geneva%0D%0AYaound%C3%A9%0D%0AAsia%2FBangkok%0D%0AKathmandu&from=2027-03-01&to=2027-03-05&duration=90")
        .await;
    assert_html(&page, "/planner");
    let (status, api) = site
        .post_json(
            "/api/v1/windows/search",
            None,
            &json!({
                "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-06T00:00:00Z"},
                "duration_minutes": 90, "limit": 5,
                "participants": [
                    {"id": "a", "tz": "Europe/Zurich"},
                    {"id": "b", "tz": "Africa/Douala"},
                    {"id": "c", "tz": "Asia/Bangkok"},
                    {"id": "d", "tz": "Asia/Kathmandu"}]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{api}");
    let expected: Vec<(String, String)> = api["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["start"].as_str().unwrap().to_owned(),
                w["end"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(highlighted(&page.2), expected);
    // One strip per place on every day drawn, with working hours shown.
    assert!(page.2.contains("data-zone=\"Asia/Kathmandu\""));
    assert!(page.2.contains("class=\"working\""));
    assert!(page.2.contains("<svg"));
}

#[tokio::test]
async fn a_bad_planner_form_is_explained() {
    let site = site().await;
    let (status, _, body) = site
        .get("/planner?places=Atlantis&from=2027-03-01&to=2027-02-01&duration=abc")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("&#39;Atlantis&#39;") || body.contains("'Atlantis'"),
        "{body}"
    );
    assert!(body.contains("duration"));
}

/// The `name=value` of cookie `name` among `Set-Cookie` headers, and the whole header.
fn set_cookie(headers: &HeaderMap, name: &str) -> Option<(String, String)> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| (v.split(';').next().unwrap().to_owned(), v))
}

/// The value of the hidden `csrf` field of the first form.
fn csrf_field(html: &str) -> String {
    let from = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    html[from..from + html[from..].find('"').unwrap()].to_owned()
}

async fn signed_in(site: &Site, token: &str) -> (String, (StatusCode, HeaderMap, String, String)) {
    let (status, headers, _, form) = site.get_with_cookies("/signin", "").await;
    assert_eq!(status, StatusCode::OK);
    let (csrf_cookie, _) = set_cookie(&headers, "tandem_signin_csrf").unwrap();
    let csrf = csrf_field(&form);
    let reply = site
        .post_form(
            "/signin",
            &csrf_cookie,
            &[("token", token), ("csrf", &csrf), ("next", "/clashes")],
        )
        .await;
    let session = set_cookie(&reply.1, "tandem_session")
        .map(|c| c.0)
        .unwrap_or_default();
    (session, reply)
}

#[tokio::test]
async fn sign_in_uses_a_session_cookie_and_csrf_tokens() {
    let site = site().await;
    let token = site.token(Role::Organiser, vec![RegionCode::AFR]).await;

    // The sign-in form refuses a post without its CSRF pair.
    let forged = site
        .post_form(
            "/signin",
            "",
            &[("token", &token), ("csrf", "x"), ("next", "/clashes")],
        )
        .await;
    assert_eq!(forged.0, StatusCode::FORBIDDEN);
    assert!(set_cookie(&forged.1, "tandem_session").is_none());

    let (session, reply) = signed_in(&site, "tdm_not-a-token").await;
    assert_eq!(reply.0, StatusCode::UNAUTHORIZED);
    assert!(session.is_empty());

    let (session, reply) = signed_in(&site, &token).await;
    assert_eq!(reply.0, StatusCode::SEE_OTHER, "{}", reply.3);
    assert_eq!(reply.1[header::LOCATION], "/clashes");
    let (_, whole) = set_cookie(&reply.1, "tandem_session").unwrap();
    assert!(
        whole.contains("HttpOnly") && whole.contains("SameSite=Strict"),
        "{whole}"
    );
    assert!(!whole.contains("Secure"), "plain http in tests: {whole}");
    assert!(
        !whole.contains(&token),
        "the cookie must not hold the token"
    );

    let dashboard = site.get_with_cookies("/clashes", &session).await;
    assert_eq!(dashboard.0, StatusCode::OK, "{}", dashboard.3);
    let csrf = csrf_field(&dashboard.3);

    // Signing out needs the session's CSRF token; afterwards the session is gone.
    let forged = site
        .post_form("/signout", &session, &[("csrf", "nope")])
        .await;
    assert_eq!(forged.0, StatusCode::FORBIDDEN);
    let out = site
        .post_form("/signout", &session, &[("csrf", &csrf)])
        .await;
    assert_eq!(out.0, StatusCode::SEE_OTHER);
    let after = site.get_with_cookies("/clashes", &session).await;
    assert_eq!(after.0, StatusCode::SEE_OTHER);
    assert_eq!(after.1[header::LOCATION], "/signin?next=/clashes");
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_https() {
    let site = site_with(Some("https://tandem.example.org")).await;
    let token = site.admin().await;
    let (_, reply) = signed_in(&site, &token).await;
    let (_, whole) = set_cookie(&reply.1, "tandem_session").unwrap();
    assert!(whole.contains("; Secure"), "{whole}");
}

#[tokio::test]
async fn an_organiser_resolves_a_clash_from_the_dashboard() {
    let site = site().await;
    let admin = site.admin().await;
    for title in ["First SG3RG-AFR session", "Second SG3RG-AFR session"] {
        let (status, body) = site
            .post_json(
                "/api/v1/events",
                Some(&admin),
                &json!({
                    "title": title, "kind": "meeting", "mode": "virtual", "status": "confirmed",
                    "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
                    "start": "2030-03-12T10:00", "end": "2030-03-12T12:00"
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let token = site.token(Role::Organiser, vec![RegionCode::AFR]).await;
    let (session, _) = signed_in(&site, &token).await;
    let dashboard = site.get_with_cookies("/clashes", &session).await;
    assert_eq!(dashboard.0, StatusCode::OK);
    assert!(dashboard.3.contains("group_overlap"), "{}", dashboard.3);
    let chunk = dashboard
        .3
        .split("action=\"/clashes/")
        .nth(1)
        .expect("a resolve button");
    let clash_id = chunk.split('/').next().unwrap().to_owned();
    let suggestion = {
        let marker = "name=\"suggestion\" value=\"";
        let from = chunk.find(marker).unwrap() + marker.len();
        chunk[from..from + chunk[from..].find('"').unwrap()].to_owned()
    };
    let csrf = csrf_field(&dashboard.3);
    let path = format!("/clashes/{clash_id}/resolve");

    let forged = site
        .post_form(
            &path,
            &session,
            &[("csrf", "forged"), ("suggestion", &suggestion)],
        )
        .await;
    assert_eq!(forged.0, StatusCode::FORBIDDEN);
    let applied = site
        .post_form(
            &path,
            &session,
            &[("csrf", &csrf), ("suggestion", &suggestion)],
        )
        .await;
    assert_eq!(applied.0, StatusCode::SEE_OTHER, "{}", applied.3);
    let after = site
        .get_with_cookies(applied.1[header::LOCATION].to_str().unwrap(), &session)
        .await;
    assert!(after.3.contains("resolved."), "{}", after.3);
    assert!(!after.3.contains(&format!("data-clash=\"{clash_id}\"")));
    let (_, _, record) = site.get(&format!("/api/v1/clashes/{clash_id}")).await;
    assert!(
        record.contains("AFR office"),
        "the resolution names who applied it: {record}"
    );
}

#[tokio::test]
async fn an_organiser_creates_a_co_located_workshop() {
    let site = site().await;
    let home = site.get("/").await;
    let anchor = home
        .2
        .split("href=\"/events/")
        .skip(1)
        .find(|chunk| chunk.contains("SG3RG-AFR meeting"))
        .and_then(|chunk| chunk.split('"').next())
        .unwrap()
        .to_owned();
    let query = format!(
        "/colocations?anchor={anchor}&title=Workshop+%3Cb%3Eon+QoS%3C%2Fb%3E&kind=workshop&days=2&max_gap_days=2&before=on&after=on"
    );
    // Anyone may look; creating needs a session.
    let public = site.get(&query).await;
    assert_html(&public, "/colocations");
    assert!(public.2.contains("Sign in to create it"), "{}", public.2);
    assert!(!public.2.contains("<b>on QoS"), "the title is escaped");

    let token = site.token(Role::Organiser, vec![RegionCode::AFR]).await;
    let (session, _) = signed_in(&site, &token).await;
    let page = site.get_with_cookies(&query, &session).await;
    assert_eq!(page.0, StatusCode::OK, "{}", page.3);
    assert!(
        !page.3.contains("<strong>during</strong>"),
        "placement honoured"
    );
    let form = page
        .3
        .split("<form class=\"resolve\"")
        .nth(1)
        .expect("a create button");
    let field = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let from = form.find(&marker).unwrap() + marker.len();
        form[from..from + form[from..].find('"').unwrap()].to_owned()
    };
    let fields: Vec<(String, String)> = [
        "csrf", "anchor", "title", "kind", "tz", "start", "end", "room_id",
    ]
    .iter()
    .map(|n| {
        (
            (*n).to_owned(),
            field(n).replace("&lt;", "<").replace("&gt;", ">"),
        )
    })
    .collect();
    let mut forged: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    forged[0].1 = "forged";
    assert_eq!(
        site.post_form("/colocations", &session, &forged).await.0,
        StatusCode::FORBIDDEN
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created = site.post_form("/colocations", &session, &pairs).await;
    assert_eq!(created.0, StatusCode::SEE_OTHER, "{}", created.3);
    let location = created.1[header::LOCATION].to_str().unwrap().to_owned();
    let event = site.get(&location).await;
    assert_html(&event, &location);
    assert!(event.2.contains("&lt;b&gt;on QoS&lt;/b&gt;"), "{}", event.2);
    assert!(
        event.2.contains(&format!("href=\"/events/{anchor}\"")),
        "the new event links to its anchor: {}",
        event.2
    );
}

/// The home page lists a meeting until it has ended, by the injected clock, and the
/// planner proposes the seven days after the clock's today: both follow the clock, not the
/// day the suite runs.
#[tokio::test]
async fn upcoming_meetings_and_the_planners_days_follow_the_clock() {
    let clock = common::MovableClock::new();
    let site = site_on(clock.clone(), None).await;
    let admin = site.admin().await;
    let day = (common::now() + chrono::Duration::days(30)).date_naive();
    let (status, event) = site
        .post_json(
            "/api/v1/events",
            Some(&admin),
            &json!({
                "title": "Council preparatory call", "kind": "meeting", "mode": "virtual",
                "status": "confirmed", "region": "EUR", "tz": "UTC",
                "start": format!("{day}T09:00"), "end": format!("{day}T10:00")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    let home = site.get("/").await;
    assert!(home.2.contains("Council preparatory call"), "upcoming");
    let planner = site.get("/planner").await;
    let today = common::now().date_naive();
    for (field, offset) in [("from", 1), ("to", 7)] {
        let date = today + chrono::Duration::days(offset);
        assert!(
            planner
                .2
                .contains(&format!("name=\"{field}\" type=\"date\" value=\"{date}\"")),
            "{field} is {date}: {}",
            planner.2
        );
    }

    clock.advance(chrono::Duration::days(30) + chrono::Duration::hours(11));
    let home = site.get("/").await;
    assert_html(&home, "/");
    assert!(
        !home.2.contains("Council preparatory call"),
        "ended: no longer upcoming"
    );
    let planner = site.get("/planner").await;
    let later = today + chrono::Duration::days(31);
    assert!(
        planner
            .2
            .contains(&format!("name=\"from\" type=\"date\" value=\"{later}\"")),
        "{}",
        planner.2
    );
}

/// Undoes the escaping maud does in text and attribute values.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The season page fills in the demo's season, plans it as venues × days with a text table
/// the chart names, shows the event too large for any room with its reason, and lets a
/// signed-in organiser of both regions apply it (with the session's CSRF token).
#[tokio::test]
async fn the_season_page_plans_and_applies_the_demos_season() {
    let site = site().await;
    let page = site.get("/seasons").await;
    assert_html(&page, "/seasons");
    assert!(
        page.2.contains("href=\"/seasons\""),
        "linked from the navigation"
    );
    let from = page.2.find("name=\"document\"").unwrap();
    let open = from + page.2[from..].find('>').unwrap() + 1;
    let close = open + page.2[open..].find("</textarea>").unwrap();
    let document = unescape(&page.2[open..close]);
    let season: Value = serde_json::from_str(&document).unwrap();
    assert_eq!(season["fixed"].as_array().unwrap().len(), 2, "{season}");

    let planned = site
        .post_form("/seasons", "", &[("document", &document)])
        .await;
    assert_eq!(planned.0, StatusCode::OK, "{}", planned.3);
    let html = &planned.3;
    assert!(
        html.contains("aria-describedby=\"season-placements\""),
        "{html}"
    );
    assert!(html.contains("<table class=\"windows\" id=\"season-placements\""));
    assert!(html.contains("data-cluster=\"1\""), "a co-located cluster");
    assert!(html.contains("summit-afr"), "the unplaced event");
    assert!(html.contains("300"), "its reason names the seats");
    assert!(html.contains("Sign in as an organiser to apply this plan"));
    // A document that does not parse names its field.
    let bad = site
        .post_form("/seasons", "", &[("document", "{\"range\": 3}")])
        .await;
    assert_eq!(bad.0, StatusCode::BAD_REQUEST);
    assert!(bad.3.contains("range"), "{}", bad.3);

    let token = site
        .token(Role::Organiser, vec![RegionCode::AFR, RegionCode::ARB])
        .await;
    let (session, _) = signed_in(&site, &token).await;
    let mine = site
        .post_form("/seasons", &session, &[("document", &document)])
        .await;
    assert_eq!(mine.0, StatusCode::OK);
    let form = mine.3.split("action=\"/seasons/apply\"").nth(1).unwrap();
    let csrf = csrf_field(form);
    let forged = site
        .post_form(
            "/seasons/apply",
            &session,
            &[("csrf", "forged"), ("document", &document)],
        )
        .await;
    assert_eq!(forged.0, StatusCode::FORBIDDEN);
    let applied = site
        .post_form(
            "/seasons/apply",
            &session,
            &[("csrf", &csrf), ("document", &document)],
        )
        .await;
    assert_eq!(applied.0, StatusCode::CREATED, "{}", applied.3);
    let links = applied.3.matches("href=\"/events/").count();
    assert_eq!(links, 4, "the four placed events: {}", applied.3);
}

/// The clash dashboard and the event page write each clash in the page's language from its
/// kind, subject and time (DESIGN §16), not the English sentence the API stores.
#[tokio::test]
async fn clash_details_are_written_in_the_pages_language() {
    let site = site().await;
    let admin = site.admin().await;
    let mut first = None;
    for title in ["First SG3RG-AFR session", "Second SG3RG-AFR session"] {
        let (status, body) = site
            .post_json(
                "/api/v1/events",
                Some(&admin),
                &json!({
                    "title": title, "kind": "meeting", "mode": "virtual", "status": "confirmed",
                    "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
                    "start": "2030-03-12T10:00", "end": "2030-03-12T12:00",
                    "participants": [
                        {"id": "honolulu-expert", "tz": "Pacific/Honolulu", "attendance": "remote", "required": false}
                    ]
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        first.get_or_insert(body["id"].as_str().unwrap().to_owned());
    }
    let token = site.token(Role::Organiser, vec![RegionCode::AFR]).await;
    let (session, _) = signed_in(&site, &token).await;
    let english = without_tags(&site.get_with_cookies("/clashes", &session).await.3);
    for sentence in [
        "group SG3RG-AFR has two events at the same time",
        "participant honolulu-expert is expected at both events",
        "outside the acceptable hours of ",
    ] {
        assert!(english.contains(sentence), "{sentence} in {english}");
    }
    let french = without_tags(&site.get_with_cookies("/clashes?lang=fr", &session).await.3);
    for sentence in [
        "a deux manifestations au même moment",
        "est attendu aux deux manifestations",
        "hors des heures acceptables, de",
        // Honolulu's clock, named as CLDR names it in French.
        "(heure d’Hawaï)",
    ] {
        assert!(french.contains(sentence), "{sentence} in {french}");
    }
    for english_only in ["has two events", "is expected at both", "would join"] {
        assert!(!french.contains(english_only), "{english_only} in {french}");
    }
    // The event page, in Arabic: the remote participant's hours in Arabic digits.
    let first = first.unwrap();
    let (status, _, arabic) = site.get(&format!("/events/{first}?lang=ar")).await;
    assert_eq!(status, StatusCode::OK);
    let arabic = without_tags(&arabic);
    // The hours as CLDR writes them for Arabic (a 12-hour clock), Honolulu's zone by name.
    assert!(
        arabic.contains("(توقيت هاواي)، خارج الساعات المقبولة من 7:00 ص إلى 10:00 م"),
        "{arabic}"
    );
    assert!(arabic.contains("حدثان في الوقت نفسه"), "{arabic}");
    assert!(!arabic.contains("would join"), "{arabic}");
}

/// A page's text without its tags (values sit in `<bdi>` inside the sentences).
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The planner page says why nothing was found, and what is wrong with a field the core
/// checks, in the page's language.
#[tokio::test]
async fn planner_explanations_and_field_errors_are_in_the_pages_language() {
    let site = site().await;
    // Geneva and Honolulu share four acceptable hours a day: no five-hour window.
    let query =
        "/planner?places=Geneva%0D%0APacific%2FHonolulu&from=2027-03-01&to=2027-03-05&duration=300";
    let (status, _, english) = site.get(query).await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("no window: "), "{english}");
    let (_, _, french) = site.get(&format!("{query}&lang=fr")).await;
    let french = without_tags(&french);
    assert!(french.contains("aucun créneau : "), "{french}");
    assert!(french.contains("% des créneaux envisagés"), "{french}");
    assert!(!french.contains("no window"), "{french}");
    let (_, _, russian) = site.get(&format!("{query}&lang=ru")).await;
    assert!(russian.contains("окна нет: "), "{russian}");

    let bad = "/planner?places=Geneva&from=2027-02-01&to=2027-03-01&duration=0&lang=es";
    let (status, _, spanish) = site.get(bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        spanish.contains("debe ser un número positivo de minutos"),
        "{spanish}"
    );
    let bad = "/planner?places=Geneva&from=2027-13-01&to=2027-03-01&duration=60&lang=zh";
    let (_, _, chinese) = site.get(bad).await;
    assert!(chinese.contains("不是 2027-04-04 这样的日期"), "{chinese}");
}
