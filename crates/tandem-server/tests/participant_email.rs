//! Participants' e-mail addresses (DESIGN §15): checked at the edge, kept across changes, and
//! private: an event read by an organiser of its region (or an admin) shows them; anonymous
//! readers, viewers, organisers of other regions, event lists and feeds never do.
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
    async fn new() -> Self {
        let dir = TempDir::new().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("tandem.db").display());
        let clock = common::clock();
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
                .await
                .expect("open store"),
        );
        let figment = Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        );
        let settings = Settings::from_figment(&figment).expect("settings");
        let state = tandem_server::state(store.clone(), settings, clock).expect("state");
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
