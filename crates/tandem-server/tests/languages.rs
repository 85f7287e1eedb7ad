//! The pages in the reader's language (DESIGN §16): chosen from `Accept-Language`,
//! overridden by `?lang=` and by the switcher's cookie; Arabic right to left with its
//! planner strips labelled on the right while the hours still run left to right.
#![allow(clippy::string_slice)]

mod common;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tandem_i18n::Lang;
use tandem_server::config::Settings;
use tandem_store::{SqliteStore, Store};
use tempfile::TempDir;
use tower::ServiceExt;

struct Site {
    app: Router,
    _dir: TempDir,
}

async fn site() -> Site {
    let dir = TempDir::new().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let clock = common::clock();
    let store: std::sync::Arc<dyn Store> = std::sync::Arc::new(
        SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
            .await
            .unwrap(),
    );
    let figment = Settings::figment(
        None,
        figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
    );
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
        _dir: dir,
    }
}

impl Site {
    async fn get(
        &self,
        path: &str,
        headers: &[(header::HeaderName, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }
}

fn html_open(body: &str) -> &str {
    let start = body.find("<html").expect("an html element");
    &body[start..=start + body[start..].find('>').unwrap()]
}

#[tokio::test]
async fn accept_language_chooses_the_pages_language() {
    let site = site().await;
    let (status, headers, body) = site
        .get("/", &[(header::ACCEPT_LANGUAGE, "ar-EG,ar;q=0.9,en;q=0.5")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html_open(&body), r#"<html lang="ar" dir="rtl">"#);
    assert!(body.contains("الاجتماعات القادمة"), "the Arabic title");
    assert_eq!(headers[header::CONTENT_LANGUAGE], "ar");
    assert!(headers[header::VARY]
        .to_str()
        .unwrap()
        .contains("Accept-Language"));
    // Region names and the ITU terms in the reader's language, user text isolated.
    assert!(body.contains("أفريقيا"), "{body}");
    assert!(body.contains("<bdi>SG3RG-AFR meeting</bdi>"));

    let (_, _, french) = site
        .get("/", &[(header::ACCEPT_LANGUAGE, "fr-CA, en;q=0.8")])
        .await;
    assert_eq!(html_open(&french), r#"<html lang="fr" dir="ltr">"#);
    assert!(french.contains("Prochaines réunions"));
    assert!(french.contains("groupe régional"), "the ITU term");

    let (_, _, none) = site.get("/", &[(header::ACCEPT_LANGUAGE, "de-DE")]).await;
    assert_eq!(html_open(&none), r#"<html lang="en" dir="ltr">"#);
}

#[tokio::test]
async fn the_query_and_the_switchers_cookie_override_the_header() {
    let site = site().await;
    let (_, _, body) = site
        .get("/planner?lang=zh", &[(header::ACCEPT_LANGUAGE, "ru")])
        .await;
    assert_eq!(html_open(&body), r#"<html lang="zh" dir="ltr">"#);
    assert!(body.contains("跨时区安排通话"));

    // The switcher: every page links to each language in its own name, back to itself.
    assert!(body.contains(">Русский</a>") && body.contains(">العربية</a>"));
    assert!(
        body.contains("/language?lang=es&amp;next=%2Fplanner\""),
        "{body}"
    );
    let (status, headers, _) = site.get("/language?lang=es&next=/planner", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/planner");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("tandem_lang=es;"), "{cookie}");
    let (_, _, spanish) = site
        .get(
            "/planner",
            &[
                (header::COOKIE, "tandem_lang=es"),
                (header::ACCEPT_LANGUAGE, "ru"),
            ],
        )
        .await;
    assert!(spanish.contains("Planificar una llamada entre husos horarios"));
    let (_, _, query) = site
        .get("/planner?lang=fr", &[(header::COOKIE, "tandem_lang=es")])
        .await;
    assert!(query.contains("Planifier un appel entre fuseaux horaires"));

    // Not an open redirect; an unknown language sets nothing.
    let (_, headers, _) = site.get("/language?lang=xx&next=//evil.example", &[]).await;
    assert_eq!(headers[header::LOCATION], "/");
    assert!(headers.get(header::SET_COOKIE).is_none());
    let (_, _, stale) = site
        .get("/", &[(header::COOKIE, "tandem_lang=klingon")])
        .await;
    assert_eq!(html_open(&stale), r#"<html lang="en" dir="ltr">"#);
}

#[tokio::test]
async fn dates_and_zone_names_follow_cldr_for_the_language() {
    let site = site().await;
    let (_, _, home) = site.get("/", &[]).await;
    let event = home
        .split("href=\"/events/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("an event link")
        .to_owned();
    let path = format!("/events/{event}");
    let (_, _, api) = site.get(&format!("/api/v1/events/{event}"), &[]).await;
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    let zone = tandem_core::Zone::parse(api["tz"].as_str().unwrap()).unwrap();
    let start: chrono::DateTime<chrono::Utc> = api["starts_at"].as_str().unwrap().parse().unwrap();
    let local = start.with_timezone(&zone).fixed_offset();
    for lang in Lang::ALL {
        let (_, _, page) = site.get(&format!("{path}?lang={lang}"), &[]).await;
        let escaped = |s: String| s.replace('\'', "&#39;");
        let when = escaped(lang.short_date_time(&local));
        assert!(page.contains(&when), "{lang}: {when} in {page}");
        let zone_name = escaped(lang.zone_name(&local, zone.name()));
        assert!(page.contains(&zone_name), "{lang}: {zone_name}");
    }
    assert!(tandem_i18n::Lang::Ru.short_date_time(&local).contains("г."));
}

#[tokio::test]
async fn arabic_planner_strips_read_right_to_left_with_hours_in_order() {
    let site = site().await;
    let query = "/planner?places=Geneva%0D%0ABangkok&from=2027-03-01&to=2027-03-02&duration=60";
    let (status, _, english) = site.get(query, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, arabic) = site.get(&format!("{query}&lang=ar"), &[]).await;
    assert_eq!(html_open(&arabic), r#"<html lang="ar" dir="rtl">"#);
    // Labels on the left in English, on the right in Arabic.
    assert!(
        english
            .contains(r##"<text x="4" y="35" font-size="13" fill="#1d2430" text-anchor="start""##),
        "{english}"
    );
    assert!(arabic.contains(r#"text-anchor="end""#));
    // The hours run left to right in both: 00Z is the leftmost column, 23Z the rightmost.
    let x_of = |page: &str, hour: &str| -> i64 {
        let at = page.find(&format!(">{hour}Z</text>")).unwrap();
        let open = page[..at].rfind("<text x=\"").unwrap() + 9;
        page[open..open + page[open..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    for page in [&english, &arabic] {
        assert!(x_of(page, "00") < x_of(page, "12") && x_of(page, "12") < x_of(page, "23"));
    }
    assert!(
        x_of(&arabic, "00") < x_of(&english, "00"),
        "the labels no longer sit left"
    );
    // The picture's text equivalent: the table of windows it is described by.
    assert!(arabic.contains(r#"aria-describedby="windows""#));
    assert!(arabic.contains(r#"<table class="windows" id="windows">"#));
    assert!(arabic.contains("أفضل الفترات"));
}
#[tokio::test]
async fn problem_titles_follow_accept_language_and_english_stays_as_it_was() {
    let site = site().await;
    let path = "/api/v1/events/00000000-0000-0000-0000-000000000000";
    let (status, _, english) = site.get(path, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, also_english) = site
        .get(path, &[(header::ACCEPT_LANGUAGE, "en-GB, de")])
        .await;
    assert_eq!(english, also_english, "English is the document as it was");
    let english: serde_json::Value = serde_json::from_str(&english).unwrap();
    assert_eq!(english["title"], "Not found");

    for (tag, title) in [
        ("fr-FR", "Introuvable"),
        ("ar", "غير موجود"),
        ("zh-CN", "未找到"),
        ("ru", "Не найдено"),
        ("es-419", "No encontrado"),
    ] {
        let (status, _, body) = site.get(path, &[(header::ACCEPT_LANGUAGE, tag)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(doc["title"], title, "{tag}");
        // The field names and the problem's type stay as they are.
        assert_eq!(doc["type"], english["type"]);
        assert_eq!(doc["status"], 404);
        assert!(doc.get("detail").is_some());
    }
}

impl Site {
    /// A request with any method, headers and body; the status and the body as JSON.
    async fn call(
        &self,
        method: &str,
        path: &str,
        headers: &[(header::HeaderName, &str)],
        body: &str,
    ) -> (StatusCode, serde_json::Value) {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::from(body.to_owned())).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }
}

#[tokio::test]
async fn problem_details_follow_accept_language_and_fields_keep_their_names() {
    let site = site().await;
    let lang = |tag: &'static str| (header::ACCEPT_LANGUAGE, tag);
    let missing = "/api/v1/events/00000000-0000-0000-0000-000000000000";
    let (_, english) = site.call("GET", missing, &[], "").await;
    assert_eq!(
        english["detail"],
        "no event with id 00000000-0000-0000-0000-000000000000"
    );
    for (tag, detail) in [
        (
            "fr",
            "aucune manifestation n’a l’identifiant « 00000000-0000-0000-0000-000000000000 »",
        ),
        (
            "ar",
            "لا يوجد اجتماع بالمعرّف «00000000-0000-0000-0000-000000000000»",
        ),
        (
            "zh",
            "没有 id 为“00000000-0000-0000-0000-000000000000”的会议",
        ),
        (
            "ru",
            "нет собрания с идентификатором «00000000-0000-0000-0000-000000000000»",
        ),
        (
            "es",
            "no hay ninguna reunión con el id «00000000-0000-0000-0000-000000000000»",
        ),
    ] {
        let (status, doc) = site.call("GET", missing, &[lang(tag)], "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(doc["detail"], detail, "{tag}");
    }

    // Unauthorized: a token tandem does not know, a scheme that is not Bearer.
    let unknown = (header::AUTHORIZATION, "Bearer tdm_not_a_token");
    let (status, doc) = site
        .call("GET", "/api/v1/events", std::slice::from_ref(&unknown), "")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(doc["detail"], "the token is unknown or revoked");
    let (_, doc) = site
        .call("GET", "/api/v1/events", &[unknown, lang("ar")], "")
        .await;
    assert_eq!(doc["detail"], "الرمز المميز غير معروف أو مُلغى");
    assert_eq!(doc["title"], "المصادقة مطلوبة");
    let basic = (header::AUTHORIZATION, "Basic dXNlcjpwYXNz");
    let (_, doc) = site
        .call("GET", "/api/v1/events", &[basic, lang("es")], "")
        .await;
    assert_eq!(doc["detail"], "se esperaba 'Authorization: Bearer <token>'");

    // Not JSON.
    let text = (header::CONTENT_TYPE, "text/plain");
    let (status, doc) = site
        .call("POST", "/api/v1/windows/search", &[text, lang("zh")], "x")
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        doc["detail"],
        "请以 JSON 发送正文，并使用 'Content-Type: application/json'"
    );

    // A validation problem: a summary naming the fields in the reader's language; each
    // entry of errors[] keeps its field name, and its message is in the reader's language
    // where the core phrased it (an instant that does not parse is).
    let invalid = "/api/v1/events?from=yesterday&to=tomorrow";
    let (status, english) = site.call("GET", invalid, &[], "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let errors = english["errors"].as_array().expect("errors").clone();
    assert_eq!(errors.len(), 2, "{english}");
    assert!(
        english["detail"].as_str().unwrap().contains("from"),
        "English keeps its own detail: {english}"
    );
    for (tag, detail) in [
        ("fr", "ces champs ne sont pas valides : from, to"),
        ("ru", "недопустимые поля: from, to"),
        ("zh", "有 2 个字段无效：from, to"),
        ("ar", "هذه الحقول غير صالحة: from, to"),
    ] {
        let (status, doc) = site.call("GET", invalid, &[lang(tag)], "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(doc["detail"], detail, "{tag}");
        let fields = |d: &serde_json::Value| -> Vec<serde_json::Value> {
            d["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].clone())
                .collect()
        };
        assert_eq!(
            fields(&doc),
            fields(&english),
            "{tag}: the fields as they are"
        );
        assert_ne!(
            doc["errors"], english["errors"],
            "{tag}: the messages translated"
        );
        assert_eq!(doc["type"], english["type"]);
    }
    let (_, french) = site.call("GET", invalid, &[lang("fr")], "").await;
    assert_eq!(
        french["errors"][0]["message"],
        "« yesterday » n’est pas un instant RFC 3339 comme 2027-03-01T00:00:00Z"
    );
    assert_eq!(
        english["errors"][0]["message"],
        "'yesterday' is not an RFC 3339 instant such as 2027-03-01T00:00:00Z"
    );
    let (_, doc) = site
        .call("GET", "/api/v1/events?from=yesterday", &[lang("fr")], "")
        .await;
    assert_eq!(doc["detail"], "ce champ n’est pas valide : from");
}

#[tokio::test]
async fn subscribe_links_give_the_feed_in_the_pages_language() {
    let site = site().await;
    let (_, _, english) = site.get("/", &[]).await;
    assert!(
        english.contains("/feeds/regions/AFR.ics\""),
        "English links as before"
    );
    assert!(!english.contains(".ics?lang="));
    let (_, _, arabic) = site.get("/", &[(header::ACCEPT_LANGUAGE, "ar")]).await;
    let link = "/feeds/regions/AFR.ics?lang=ar";
    assert!(
        arabic.contains(&format!("webcal://127.0.0.1:8080{link}\"")),
        "{arabic}"
    );
    assert!(arabic.contains(&format!("http://127.0.0.1:8080{link}\"")));
    let (status, _, feed) = site.get(link, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let feed = feed.replace("\r\n ", "");
    assert!(
        feed.contains("\r\nNAME;LANGUAGE=ar:اجتماعات الاتحاد الدولي للاتصالات في منطقة أفريقيا\r\n"),
        "{feed}"
    );
    assert!(feed.contains("CATEGORIES;LANGUAGE=ar:"), "{feed}");
}

/// An `errors[]` entry the core said as a phrase is in the reader's language; its field
/// name stays as it is, and English is the document as it was.
#[tokio::test]
async fn field_messages_the_core_phrases_follow_accept_language() {
    let site = site().await;
    let json = (header::CONTENT_TYPE, "application/json");
    let body = r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 0, "participants": [{"id": "a", "tz": "Europe/Paris"}]}"#;
    let (status, english) = site
        .call(
            "POST",
            "/api/v1/windows/search",
            std::slice::from_ref(&json),
            body,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        english["errors"][0]["field"], "duration_minutes",
        "{english}"
    );
    assert_eq!(
        english["errors"][0]["message"],
        "must be a positive number of minutes"
    );
    for (tag, message) in [
        ("fr", "doit être un nombre positif de minutes"),
        ("ru", "должно быть положительным числом минут"),
        ("ar", "يجب أن يكون عددًا موجبًا من الدقائق"),
    ] {
        let (status, doc) = site
            .call(
                "POST",
                "/api/v1/windows/search",
                &[json.clone(), (header::ACCEPT_LANGUAGE, tag)],
                body,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(doc["errors"][0]["field"], "duration_minutes", "{tag}");
        assert_eq!(doc["errors"][0]["message"], message, "{tag}");
    }
}

/// A season request's field errors are phrased too: an unknown venue in the reader's
/// language, under the same field path.
#[tokio::test]
async fn season_request_errors_follow_accept_language() {
    let site = site().await;
    let json = (header::CONTENT_TYPE, "application/json");
    let body = r#"{"range": {"start": "2027-03-01", "end": "2027-03-31"},
        "events": [{"id": "ws-1", "title": "Workshop", "kind": "workshop", "region": "AFR",
            "days": 2, "venues": ["nowhere"], "participants": []}]}"#;
    let message = |doc: &serde_json::Value| {
        doc["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .find(|e| e["field"] == "events[0].venues[0]")
            .map(|e| e["message"].clone())
    };
    let (status, english) = site
        .call(
            "POST",
            "/api/v1/seasons/plan",
            std::slice::from_ref(&json),
            body,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{english}");
    assert_eq!(
        message(&english),
        Some(serde_json::json!("unknown venue 'nowhere'"))
    );
    for (tag, expected) in [
        ("fr", "lieu inconnu « nowhere »"),
        ("zh", "未知会场“nowhere”"),
        ("ar", "مكان غير معروف «nowhere»"),
    ] {
        let (status, doc) = site
            .call(
                "POST",
                "/api/v1/seasons/plan",
                &[json.clone(), (header::ACCEPT_LANGUAGE, tag)],
                body,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{tag}");
        assert_eq!(
            message(&doc),
            Some(serde_json::json!(expected)),
            "{tag}: {doc}"
        );
    }
}

/// Every refusal reads in the reader's language, whichever layer gives it: the fallback
/// route, a method the route lacks, the API's own checks (with numbers as the language
/// writes them), the application's (an imported calendar that does not exist); English is the
/// document as it always was.
#[tokio::test]
async fn refusals_of_every_layer_follow_accept_language() {
    let site = site().await;
    let lang = |tag: &'static str| (header::ACCEPT_LANGUAGE, tag);

    let (status, english) = site.call("GET", "/api/v1/nowhere", &[], "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        english["detail"],
        "no such resource; the API is described at /api/v1/openapi.json"
    );
    let (_, french) = site.call("GET", "/api/v1/nowhere", &[lang("fr")], "").await;
    assert_eq!(french["title"], "Introuvable");
    assert_eq!(
        french["detail"],
        "cette ressource n’existe pas ; l’API est décrite à /api/v1/openapi.json"
    );

    let (status, english) = site.call("DELETE", "/api/v1/groups", &[], "").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(english["title"], "Method not allowed");
    assert_eq!(english["detail"], "Method not allowed");
    let (_, russian) = site
        .call("DELETE", "/api/v1/groups", &[lang("ru")], "")
        .await;
    assert_eq!(russian["title"], "Метод не разрешён");
    assert_eq!(russian["type"], english["type"]);

    let (status, english) = site.call("GET", "/api/v1/events?limit=0", &[], "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(english["errors"][0]["message"], "must be between 1 and 200");
    let (_, spanish) = site
        .call("GET", "/api/v1/events?limit=0", &[lang("es")], "")
        .await;
    assert_eq!(spanish["errors"][0]["field"], "limit");
    assert_eq!(spanish["errors"][0]["message"], "debe estar entre 1 y 200");
    let (_, arabic) = site
        .call("GET", "/api/v1/events?limit=0", &[lang("ar")], "")
        .await;
    // Digits as CLDR gives them for Arabic (Latin since CLDR 42).
    assert_eq!(arabic["errors"][0]["message"], "يجب أن يكون بين 1 و200");

    let (_, french) = site
        .call("GET", "/api/v1/events?venue_id=xyz", &[lang("fr")], "")
        .await;
    assert_eq!(french["errors"][0]["field"], "venue_id");
    assert_eq!(
        french["errors"][0]["message"],
        "« xyz » n’est pas un identifiant de lieu"
    );

    let json = (header::CONTENT_TYPE, "application/json");
    let body = r#"{"range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-02T00:00:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "a", "tz": "Europe/Paris", "calendars": ["nope"]}]}"#;
    let (status, english) = site
        .call(
            "POST",
            "/api/v1/windows/search",
            std::slice::from_ref(&json),
            body,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{english}");
    assert_eq!(
        english["errors"][0]["message"],
        "no imported calendar with id 'nope'"
    );
    let (_, french) = site
        .call("POST", "/api/v1/windows/search", &[json, lang("fr")], body)
        .await;
    assert_eq!(french["errors"][0]["field"], english["errors"][0]["field"]);
    assert_eq!(
        french["errors"][0]["message"],
        "aucun calendrier importé n’a l’identifiant « nope »"
    );
}
