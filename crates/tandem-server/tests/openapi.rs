//! The OpenAPI document says what the server does (DESIGN §9): one schema per name, every
//! status a request can get documented for its operation, authentication before anything
//! else on every write. Schemathesis checks the same from outside in `.ci/run`; these tests
//! pin each rule in process.

// serde_json's `value["key"]` reads as Null when the key is missing, which the assertions
// then catch (Cargo.toml forbids indexing outside tests).
#![allow(clippy::indexing_slicing)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use figment::Figment;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tempfile::TempDir;
use tower::ServiceExt;

mod common;

struct TestApp {
    app: Router,
    admin: String,
    viewer: String,
    _dir: TempDir,
}

fn figment(pairs: &[(&str, Value)]) -> Figment {
    let mut figment = Settings::figment(
        None,
        figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
    );
    for (key, value) in pairs {
        figment = figment.merge(figment::providers::Serialized::default(key, value));
    }
    figment
}

impl TestApp {
    async fn new(pairs: &[(&str, Value)]) -> Self {
        let dir = TempDir::new().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("tandem.db").display());
        let clock = common::clock();
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
                .await
                .expect("open store"),
        );
        let settings = Settings::from_figment(&figment(pairs)).expect("settings");
        let state = tandem_server::state(store.clone(), settings, clock).expect("state");
        let token = |role| {
            let store = store.clone();
            async move {
                issue_token(store.as_ref(), role, Vec::new(), None)
                    .await
                    .expect("token")
                    .0
                    .expose_secret()
                    .to_owned()
            }
        };
        Self {
            admin: token(Role::Admin).await,
            viewer: token(Role::Viewer).await,
            app: tandem_server::app(state),
            _dir: dir,
        }
    }

    async fn call(&self, request: Request<Body>) -> (StatusCode, Value) {
        let response = self.app.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn document(&self) -> Value {
        let request = Request::get("/api/v1/openapi.json")
            .body(Body::empty())
            .expect("request");
        let (status, document) = self.call(request).await;
        assert_eq!(status, StatusCode::OK);
        document
    }
}

/// Every operation of the document: (method, path template, operation).
fn operations(document: &Value) -> Vec<(Method, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            if let Ok(method) = method.to_uppercase().parse::<Method>() {
                all.push((method, path.clone(), operation.clone()));
            }
        }
    }
    all
}

fn requires_token(operation: &Value) -> bool {
    operation["security"]
        .as_array()
        .is_some_and(|s| !s.is_empty() && s.iter().all(|r| r != &json!({})))
}

fn documented(document: &Value, method: &Method, path: &str, status: StatusCode) -> bool {
    document["paths"][path][method.as_str().to_lowercase()]["responses"]
        .get(status.as_str())
        .is_some()
}

/// A path template with every `{parameter}` filled in.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "0a6e7b1c-4f36-4c7e-9a47-5f5f3c1d2e8b"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_schema_name_names_one_schema() {
    assert_eq!(
        tandem_server::api::schema_name_collisions(),
        Vec::<String>::new()
    );
}

/// Every `$ref` of the document names something the document holds.
#[tokio::test]
async fn every_reference_resolves() {
    let t = TestApp::new(&[]).await;
    let document = t.document().await;
    let text = document.to_string();
    let mut count = 0;
    for piece in text.split("\"$ref\":\"#/").skip(1) {
        let target = piece.split('"').next().expect("reference");
        let found = target
            .split('/')
            .try_fold(&document, |node, key| node.get(key));
        assert!(found.is_some(), "unresolved #/{target}");
        count += 1;
    }
    assert!(count > 100, "{count} references");
}

#[tokio::test]
async fn the_clash_list_points_at_the_clash_schema() {
    let t = TestApp::new(&[]).await;
    let document = t.document().await;
    let schemas = &document["components"]["schemas"];
    // The list's items flatten the clash itself: its schema has `severity` and `id`, which
    // the bookings of a 409 (the problem document's `clashes`) do not.
    let item = serde_json::to_string(&schemas["ClashItem"]).expect("json");
    let clash_ref = item
        .split("#/components/schemas/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("ClashItem refers to the clash schema");
    let clash = &schemas[clash_ref]["properties"];
    assert!(
        clash["severity"].is_object() && clash["id"].is_object(),
        "{clash_ref}: {clash}"
    );
    let problem_ref =
        serde_json::to_string(&schemas["Problem"]["properties"]["clashes"]).expect("json");
    assert!(
        !problem_ref.contains(&format!("/{clash_ref}\"")),
        "{problem_ref}"
    );
}

/// An anonymous write is a 401 whatever else is wrong with it: the body is not JSON, the
/// query has an unknown parameter, `If-Match` is garbage. So is one with a token nobody
/// issued. Every operation that requires a token is tried.
#[tokio::test]
async fn every_write_authenticates_first() {
    let t = TestApp::new(&[]).await;
    let document = t.document().await;
    let writes: Vec<_> = operations(&document)
        .into_iter()
        .filter(|(_, _, operation)| requires_token(operation))
        .collect();
    assert!(writes.len() >= 10, "{writes:?}");
    for (method, path, _) in writes {
        let uri = format!("{}?unknown-parameter=1", concrete(&path));
        for authorization in [None, Some("Bearer tdm_not-a-token"), Some("Basic eDp5")] {
            let mut request = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(header::CONTENT_TYPE, "text/plain")
                .header(header::IF_MATCH, "garbage");
            if let Some(value) = authorization {
                request = request.header(header::AUTHORIZATION, value);
            }
            let (status, problem) = t
                .call(request.body(Body::from("{not json")).expect("request"))
                .await;
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {authorization:?}: {problem}"
            );
            assert!(
                documented(&document, &method, &path, status),
                "{method} {path}"
            );
        }
    }
}

/// Reads that carry a body (the searches) also check the token first when reads are not
/// public.
#[tokio::test]
async fn private_reads_authenticate_first() {
    let t = TestApp::new(&[("auth.public_reads", json!(false))]).await;
    for path in ["/api/v1/windows/search", "/api/v1/colocations/search"] {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("{not json"))
            .expect("request");
        let (status, problem) = t.call(request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}: {problem}");
    }
    let request = Request::get("/api/v1/events?unknown=1")
        .body(Body::empty())
        .expect("request");
    assert_eq!(t.call(request).await.0, StatusCode::UNAUTHORIZED);
}

/// Each answer the shared machinery gives (bad If-Match, stale version, a body too large or
/// not JSON, a missing parameter, a viewer's write, the rate limit) is documented for the
/// operation that gave it.
#[tokio::test]
async fn shared_answers_are_documented_where_they_happen() {
    let t = TestApp::new(&[("server.body_limit_bytes", json!(2048))]).await;
    let document = t.document().await;
    let venue = json!({"name": "Palais", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala",
                       "rooms": [{"name": "Salle A", "capacity": 120}]});
    let request = |method: Method, uri: &str, token: &str, body: Option<String>| {
        let mut builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        builder
            .body(body.map_or_else(Body::empty, Body::from))
            .expect("request")
    };
    let (status, event) = t
        .call(request(
            Method::POST,
            "/api/v1/events",
            &t.admin,
            Some(
                json!({"title": "A", "kind": "meeting", "mode": "virtual", "region": "AFR",
                       "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-10T10:00"})
                .to_string(),
            ),
        ))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    let event_path = format!("/api/v1/events/{}", event["id"].as_str().expect("id"));

    let mut seen = Vec::new();
    let mut expect = |status: StatusCode, got: StatusCode, method: Method, path: &str| {
        assert_eq!(got, status, "{method} {path}");
        assert!(
            documented(&document, &method, path, status),
            "{status} is not documented for {method} {path}"
        );
        seen.push(status);
    };

    let mut patch = request(
        Method::PATCH,
        &event_path,
        &t.admin,
        Some(json!({"title": "B"}).to_string()),
    );
    patch
        .headers_mut()
        .insert(header::IF_MATCH, "not-a-version".parse().expect("header"));
    expect(
        StatusCode::BAD_REQUEST,
        t.call(patch).await.0,
        Method::PATCH,
        "/api/v1/events/{id}",
    );
    let mut stale = request(Method::DELETE, &event_path, &t.admin, None);
    stale
        .headers_mut()
        .insert(header::IF_MATCH, "\"99\"".parse().expect("header"));
    expect(
        StatusCode::PRECONDITION_FAILED,
        t.call(stale).await.0,
        Method::DELETE,
        "/api/v1/events/{id}",
    );
    let large = json!({"name": "x".repeat(4096), "city": "Y", "country": "CM", "tz": "UTC"});
    expect(
        StatusCode::PAYLOAD_TOO_LARGE,
        t.call(request(
            Method::POST,
            "/api/v1/venues",
            &t.admin,
            Some(large.to_string()),
        ))
        .await
        .0,
        Method::POST,
        "/api/v1/venues",
    );
    let mut plain = request(
        Method::POST,
        "/api/v1/venues",
        &t.admin,
        Some(venue.to_string()),
    );
    plain
        .headers_mut()
        .insert(header::CONTENT_TYPE, "text/plain".parse().expect("header"));
    expect(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        t.call(plain).await.0,
        Method::POST,
        "/api/v1/venues",
    );
    expect(
        StatusCode::FORBIDDEN,
        t.call(request(
            Method::POST,
            "/api/v1/venues",
            &t.viewer,
            Some(venue.to_string()),
        ))
        .await
        .0,
        Method::POST,
        "/api/v1/venues",
    );
    expect(
        StatusCode::BAD_REQUEST,
        t.call(request(Method::GET, "/api/v1/feed-tokens", &t.admin, None))
            .await
            .0,
        Method::GET,
        "/api/v1/feed-tokens",
    );
    expect(
        StatusCode::NOT_FOUND,
        t.call(request(
            Method::POST,
            &concrete("/api/v1/feed-tokens/{id}/rotate"),
            &t.admin,
            None,
        ))
        .await
        .0,
        Method::POST,
        "/api/v1/feed-tokens/{id}/rotate",
    );
    assert_eq!(seen.len(), 7);

    // The rate limit, with a burst of one.
    let limited = TestApp::new(&[
        ("rate_limit.burst", json!(1)),
        ("rate_limit.requests_per_second", json!(1)),
    ])
    .await;
    let document = limited.document().await;
    let mut last = StatusCode::OK;
    for _ in 0..3 {
        last = limited
            .call(
                Request::get("/api/v1/regions")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert!(documented(
        &document,
        &Method::GET,
        "/api/v1/regions",
        StatusCode::TOO_MANY_REQUESTS
    ));
}

/// What JSON Schema calls an integer is one here too: `120.0` is read as 120.
#[tokio::test]
async fn integral_numbers_are_integers() {
    let t = TestApp::new(&[]).await;
    let venue = json!({"name": "Palais", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala",
                       "rooms": [{"name": "Salle A", "capacity": 120.0}]});
    let request = Request::post("/api/v1/venues")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.admin))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(venue.to_string()))
        .expect("request");
    let (status, body) = t.call(request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["rooms"][0]["capacity"], json!(120));
    let mut fractional = venue.clone();
    fractional["rooms"][0]["capacity"] = json!(120.5);
    let request = Request::post("/api/v1/venues")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.admin))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(fractional.to_string()))
        .expect("request");
    let (status, body) = t.call(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["errors"][0]["field"], "rooms[0].capacity");
}

/// `If-Match` takes exactly what the document's pattern says.
#[tokio::test]
async fn if_match_takes_what_the_pattern_says() {
    let t = TestApp::new(&[]).await;
    let document = t.document().await;
    let parameter = document["paths"]["/api/v1/events/{id}"]["patch"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "If-Match")
        .expect("If-Match")
        .clone();
    assert_eq!(parameter["required"], json!(false));
    let pattern = regex::Regex::new(parameter["schema"]["pattern"].as_str().expect("pattern"))
        .expect("regex");
    let create = Request::post("/api/v1/events")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.admin))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"title": "A", "kind": "meeting", "mode": "virtual", "region": "AFR",
                   "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-10T10:00"})
            .to_string(),
        ))
        .expect("request");
    let (status, event) = t.call(create).await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    let path = format!("/api/v1/events/{}", event["id"].as_str().expect("id"));
    for value in [
        "*",
        "\"1\"",
        "W/\"1\"",
        "1",
        "\"7\"",
        "W/3",
        "\"3",
        "3\"",
        "+1",
        "-1",
        "1.0",
        "null",
        "\"\"",
        "1234567890123456789",
        "W/\"\"",
        " 1",
        "0x1",
    ] {
        let request = Request::patch(&path)
            .header(header::AUTHORIZATION, format!("Bearer {}", t.admin))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, value)
            .body(Body::from("{}"))
            .expect("request");
        let (status, body) = t.call(request).await;
        if pattern.is_match(value) {
            assert_ne!(status, StatusCode::BAD_REQUEST, "{value}: {body}");
        } else {
            assert_eq!(status, StatusCode::BAD_REQUEST, "{value}: {body}");
            assert_eq!(body["errors"][0]["field"], "If-Match", "{value}");
        }
    }
}
