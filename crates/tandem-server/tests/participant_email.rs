//! Participants' e-mail addresses (DESIGN §15): checked at the edge, kept across changes, and
//! private: an event read by an organiser of its region (or an admin) shows them, and a
//! participant's own feed token shows theirs; anonymous readers, viewers, organisers of other
//! regions, other participants' tokens, event lists and feeds never do.
#![allow(clippy::indexing_slicing)]

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
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

const ADDRESS: &str = "somchai.prasert@example.org";

struct TestApp {
    app: Router,
    admin: String,
    viewer: String,
    afr: String,
    eur: String,
    _dir: TempDir,
}

async fn token(store: &Arc<dyn Store>, role: Role, regions: Vec<RegionCode>) -> String {
    let (secret, _) = issue_token(store.as_ref(), role, regions, None)
        .await
        .expect("issue token");
    secret.expose_secret().to_owned()
}

impl TestApp {
    /// On SQLite, reads public.
    async fn new() -> Self {
        Self::sqlite(true).await
    }

    async fn sqlite(public_reads: bool) -> Self {
        let dir = TempDir::new().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("tandem.db").display());
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), common::clock())
                .await
                .expect("open store"),
        );
        Self::on(store, dir, public_reads).await
    }

    async fn on(store: Arc<dyn Store>, dir: TempDir, public_reads: bool) -> Self {
        let figment = Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        )
        .merge(figment::providers::Serialized::default(
            "auth.public_reads",
            public_reads,
        ));
        let settings = Settings::from_figment(&figment).expect("settings");
        let state = tandem_server::state(store.clone(), settings, common::clock()).expect("state");
        Self {
            app: tandem_server::app(state),
            admin: token(&store, Role::Admin, Vec::new()).await,
            viewer: token(&store, Role::Viewer, Vec::new()).await,
            afr: token(&store, Role::Organiser, vec![RegionCode::AFR]).await,
            eur: token(&store, Role::Organiser, vec![RegionCode::EUR]).await,
            _dir: dir,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, String) {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .app
            .clone()
            .oneshot(builder.body(body).expect("request"))
            .await
            .expect("the router never fails");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let (status, text) = self.send(method, path, token, body).await;
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

fn meeting(participants: &Value) -> Value {
    json!({
        "title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid", "status": "confirmed",
        "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
        "start": "2027-03-10T09:00", "end": "2027-03-11T17:30",
        "participants": participants,
    })
}

fn two_participants() -> Value {
    json!([
        {"id": "p-17", "name": "Somchai Prasert", "tz": "Asia/Bangkok", "attendance": "remote",
         "required": false, "email": ADDRESS},
        {"id": "p-18", "tz": "Africa/Douala"},
    ])
}

#[tokio::test]
async fn only_organisers_of_the_region_and_admins_read_the_addresses() {
    let t = TestApp::new().await;
    let (status, created) = t
        .json(
            Method::POST,
            "/api/v1/events",
            Some(&t.afr),
            Some(&meeting(&two_participants())),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["participants"][0]["email"], ADDRESS);
    assert!(created["participants"][1].get("email").is_none());
    let path = format!("/api/v1/events/{}", created["id"].as_str().unwrap());

    for (who, token, shown) in [
        ("admin", Some(&t.admin), true),
        ("AFR organiser", Some(&t.afr), true),
        ("EUR organiser", Some(&t.eur), false),
        ("viewer", Some(&t.viewer), false),
        ("anonymous", None, false),
    ] {
        let (status, body) = t
            .send(Method::GET, &path, token.map(String::as_str), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{who}: {body}");
        assert_eq!(body.contains(ADDRESS), shown, "{who}: {body}");
    }

    // Never in a list, whoever reads it, nor in any feed.
    let (_, list) = t
        .send(Method::GET, "/api/v1/events", Some(&t.admin), None)
        .await;
    assert!(list.contains("p-17") && !list.contains(ADDRESS), "{list}");
    for feed in [
        format!("/feeds/events/{}.ics", created["id"].as_str().unwrap()),
        "/feeds/all.ics".to_owned(),
        "/feeds/regions/AFR.ics".to_owned(),
    ] {
        let (status, ics) = t.send(Method::GET, &feed, None, None).await;
        assert_eq!(status, StatusCode::OK, "{feed}");
        assert!(
            ics.contains("SG3RG-AFR meeting") && !ics.contains("somchai"),
            "{feed}"
        );
    }
}

#[tokio::test]
async fn addresses_survive_a_patch_and_can_be_cleared() {
    let t = TestApp::new().await;
    let (_, created) = t
        .json(
            Method::POST,
            "/api/v1/events",
            Some(&t.admin),
            Some(&meeting(&two_participants())),
        )
        .await;
    let path = format!("/api/v1/events/{}", created["id"].as_str().unwrap());
    let (status, moved) = t
        .json(
            Method::PATCH,
            &path,
            Some(&t.afr),
            Some(&json!({"start": "2027-03-10T10:00"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["participants"][0]["email"], ADDRESS);

    let (status, cleared) = t
        .json(
            Method::PATCH,
            &path,
            Some(&t.afr),
            Some(&json!({"participants": [{"id": "p-17", "tz": "Asia/Bangkok"}]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cleared}");
    assert!(cleared["participants"][0].get("email").is_none());
}

#[tokio::test]
async fn an_invalid_address_is_a_400_naming_the_field_without_repeating_it() {
    let t = TestApp::new().await;
    for bad in [
        "not-an-address",
        "a@localhost",
        "victim@example.org\r\nBcc: all@example.org",
        "\"quoted\"@example.org",
        " padded@example.org",
        "",
    ] {
        let participants = json!([{"id": "p-17", "tz": "Asia/Bangkok", "email": bad}]);
        let (status, body) = t
            .send(
                Method::POST,
                "/api/v1/events",
                Some(&t.admin),
                Some(&meeting(&participants)),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert!(body.contains("participants[0].email"), "{bad:?}: {body}");
        if !bad.is_empty() {
            assert!(!body.contains(bad), "{bad:?} is repeated: {body}");
        }
    }
}

#[tokio::test]
async fn the_openapi_document_states_the_rule_the_server_applies() {
    let t = TestApp::new().await;
    let (status, document) = t
        .json(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let schemas = &document["components"]["schemas"];
    let request = &schemas["EventParticipantRequest"]["properties"]["email"];
    assert!(
        request
            .to_string()
            .contains("#/components/schemas/EmailAddress"),
        "{request}"
    );
    let body = &schemas["ParticipantBody"]["properties"]["email"];
    assert!(
        body.to_string()
            .contains("#/components/schemas/EmailAddress"),
        "{body}"
    );
    for schema in ["EventParticipantRequest", "ParticipantBody"] {
        let language = &schemas[schema]["properties"]["language"];
        assert!(
            language
                .to_string()
                .contains("#/components/schemas/Language"),
            "{schema}: {language}"
        );
    }
    assert_eq!(
        schemas["Language"]["enum"],
        json!(["ar", "en", "es", "fr", "ru", "zh"])
    );
    let email = &schemas["EmailAddress"];
    assert_eq!(email["maxLength"], 254);
    let pattern = regex::Regex::new(email["pattern"].as_str().expect("a pattern")).expect("regex");
    for sample in [
        "amina.diallo@example.org",
        "o'brien+x@sub.example.org",
        "a@b.c",
        "a@localhost",
        "a@127.0.0.1",
        "\"q\"@example.org",
        "a..b@example.org",
        " a@example.org",
        "a@-x.org",
        "a@x.1org",
    ] {
        assert_eq!(
            pattern.is_match(sample),
            tandem_core::EmailAddress::parse(sample).is_ok(),
            "{sample:?}"
        );
    }
}

/// Runs `test` on a fresh PostgreSQL database (dropped afterwards) when one is named
/// (`TANDEM_TEST_POSTGRES`); skipped otherwise, unless `TANDEM_REQUIRE_POSTGRES=1`.
async fn on_postgres<F, Fut>(public_reads: bool, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    common::on_fresh_postgres("tandem_email", |url| async move {
        let store = common::postgres_store(&url, 4).await;
        test(TestApp::on(store, TempDir::new().expect("directory"), public_reads).await).await;
    })
    .await;
}

const OTHER: &str = "amina.diallo@example.org";

impl TestApp {
    /// A live feed token of `participant`, made by an admin.
    async fn feed_token(&self, participant: &str) -> String {
        let (status, created) = self
            .json(
                Method::POST,
                "/api/v1/feed-tokens",
                Some(&self.admin),
                Some(&json!({"participant": participant})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        created["token"].as_str().expect("a token").to_owned()
    }
}

/// A participant's own feed token (`Authorization: Bearer tdf_…`, as the feed-token
/// endpoints take it) reads that participant's address on the event, and no one else's;
/// another participant's token reads none; a revoked one is refused; the token opens nothing
/// else of the API; the private feed carries no address.
async fn a_participants_feed_token_reads_its_own_address_only(t: TestApp) {
    let participants = json!([
        {"id": "p-17", "name": "Somchai Prasert", "tz": "Asia/Bangkok", "email": ADDRESS},
        {"id": "p-18", "tz": "Africa/Douala", "email": OTHER},
        {"id": "p-19", "tz": "Africa/Douala"},
    ]);
    let (status, created) = t
        .json(
            Method::POST,
            "/api/v1/events",
            Some(&t.afr),
            Some(&meeting(&participants)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/events/{id}");
    let own = t.feed_token("p-17").await;
    let (status, body) = t.json(Method::GET, &path, Some(&own), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["participants"][0]["id"], "p-17");
    assert_eq!(body["participants"][0]["email"], ADDRESS, "{body}");
    assert!(body["participants"][1].get("email").is_none(), "{body}");
    assert!(body["participants"][2].get("email").is_none(), "{body}");
    assert!(!body.to_string().contains(OTHER), "{body}");

    // p-18's token reads p-18's address, not p-17's; a stranger's token reads none.
    let (_, theirs) = t
        .send(Method::GET, &path, Some(&t.feed_token("p-18").await), None)
        .await;
    assert!(
        theirs.contains(OTHER) && !theirs.contains(ADDRESS),
        "{theirs}"
    );
    let (status, stranger) = t
        .send(Method::GET, &path, Some(&t.feed_token("p-99").await), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{stranger}");
    assert!(
        !stranger.contains(ADDRESS) && !stranger.contains(OTHER),
        "{stranger}"
    );

    // The token opens nothing else: lists, writes and other reads still need an API token.
    let (status, list) = t
        .send(Method::GET, "/api/v1/events", Some(&own), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{list}");
    let (status, refused) = t
        .send(
            Method::PATCH,
            &path,
            Some(&own),
            Some(&json!({"title": "renamed"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    let (status, ics) = t
        .send(
            Method::GET,
            &format!("/feeds/private/{own}.ics"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        ics.contains("SG3RG-AFR meeting") && !ics.contains("somchai.prasert@"),
        "{ics}"
    );

    // Rotated: the old token is refused, the new one reads the address.
    let (_, tokens) = t
        .json(
            Method::GET,
            "/api/v1/feed-tokens?participant=p-17",
            Some(&t.admin),
            None,
        )
        .await;
    let token_id = tokens
        .as_array()
        .and_then(|l| l.first())
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("the token is listed: {tokens}"))
        .to_owned();
    let (status, rotated) = t
        .json(
            Method::POST,
            &format!("/api/v1/feed-tokens/{token_id}/rotate"),
            Some(&own),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{rotated}");
    let (status, old) = t.send(Method::GET, &path, Some(&own), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{old}");
    assert!(!old.contains(ADDRESS));
    let (status, new) = t
        .send(Method::GET, &path, rotated["token"].as_str(), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{new}");
    assert!(new.contains(ADDRESS), "{new}");
}

#[tokio::test]
async fn a_participants_feed_token_reads_its_own_address_only_on_sqlite() {
    a_participants_feed_token_reads_its_own_address_only(TestApp::new().await).await;
}

#[tokio::test]
async fn a_participants_feed_token_reads_its_own_address_only_on_postgres() {
    on_postgres(true, a_participants_feed_token_reads_its_own_address_only).await;
}

/// While reads are private, a feed token reads the events its participant is on (with its
/// own address) and no other: an event it is not on is "no such event", as for a stranger.
async fn with_private_reads_a_feed_token_reads_only_its_events(t: TestApp) {
    let (status, created) = t
        .json(
            Method::POST,
            "/api/v1/events",
            Some(&t.afr),
            Some(&meeting(&two_participants())),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let path = format!("/api/v1/events/{}", created["id"].as_str().unwrap());
    let (status, anonymous) = t.send(Method::GET, &path, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{anonymous}");
    let (status, own) = t
        .json(Method::GET, &path, Some(&t.feed_token("p-17").await), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert_eq!(own["participants"][0]["email"], ADDRESS, "{own}");
    let (status, stranger) = t
        .send(Method::GET, &path, Some(&t.feed_token("p-99").await), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{stranger}");
    assert!(!stranger.contains(ADDRESS));
    let (status, missing) = t
        .send(
            Method::GET,
            &format!("/api/v1/events/{}", uuid::Uuid::new_v4()),
            Some(&t.feed_token("p-17").await),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    assert_eq!(
        serde_json::from_str::<Value>(&stranger).unwrap()["title"],
        serde_json::from_str::<Value>(&missing).unwrap()["title"],
    );
}

#[tokio::test]
async fn with_private_reads_a_feed_token_reads_only_its_events_on_sqlite() {
    with_private_reads_a_feed_token_reads_only_its_events(TestApp::sqlite(false).await).await;
}

#[tokio::test]
async fn with_private_reads_a_feed_token_reads_only_its_events_on_postgres() {
    on_postgres(false, with_private_reads_a_feed_token_reads_only_its_events).await;
}

/// A participant's `language` (DESIGN §16) is one of the six tags, checked at the edge
/// naming the field; stored, shown to every reader (it is not private), kept by a PATCH that
/// leaves the participants alone and replaced by one that lists them.
async fn languages_are_checked_stored_and_kept(t: TestApp) {
    for bad in ["de", "FR", "fr-CA", ""] {
        let participants = json!([
            {"id": "p-17", "tz": "Asia/Bangkok", "email": ADDRESS},
            {"id": "p-18", "tz": "Africa/Douala", "language": bad},
        ]);
        let (status, body) = t
            .send(
                Method::POST,
                "/api/v1/events",
                Some(&t.admin),
                Some(&meeting(&participants)),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert!(body.contains("participants[1].language"), "{bad:?}: {body}");
    }
    let participants = json!([
        {"id": "p-17", "tz": "Asia/Bangkok", "email": ADDRESS, "language": "fr"},
        {"id": "p-18", "tz": "Africa/Douala"},
    ]);
    let (status, created) = t
        .json(
            Method::POST,
            "/api/v1/events",
            Some(&t.afr),
            Some(&meeting(&participants)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["participants"][0]["language"], "fr");
    assert!(created["participants"][1].get("language").is_none());
    let path = format!("/api/v1/events/{}", created["id"].as_str().unwrap());
    let (_, read) = t.json(Method::GET, &path, None, None).await;
    assert_eq!(read["participants"][0]["language"], "fr", "{read}");
    assert!(read["participants"][0].get("email").is_none(), "{read}");

    let (status, moved) = t
        .json(
            Method::PATCH,
            &path,
            Some(&t.afr),
            Some(&json!({"start": "2027-03-10T10:00"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["participants"][0]["language"], "fr", "{moved}");
    let (status, replaced) = t
        .json(
            Method::PATCH,
            &path,
            Some(&t.afr),
            Some(&json!({"participants": [
                {"id": "p-17", "tz": "Asia/Bangkok", "email": ADDRESS, "language": "ar"},
                {"id": "p-18", "tz": "Africa/Douala", "language": "zh"},
            ]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{replaced}");
    let (_, read) = t.json(Method::GET, &path, None, None).await;
    assert_eq!(read["participants"][0]["language"], "ar", "{read}");
    assert_eq!(read["participants"][1]["language"], "zh", "{read}");
    assert_eq!(
        read["sequence"], moved["sequence"],
        "a language is no visible change"
    );
}

#[tokio::test]
async fn languages_are_checked_stored_and_kept_on_sqlite() {
    languages_are_checked_stored_and_kept(TestApp::new().await).await;
}

#[tokio::test]
async fn languages_are_checked_stored_and_kept_on_postgres() {
    on_postgres(true, languages_are_checked_stored_and_kept).await;
}
