//! Request extractors that turn every malformed input into a problem naming what is wrong.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use tandem_app::AppError;
use tandem_core::{FieldError, Phrase};

use crate::problem::{field, ApiError};

/// The token of an `Authorization: Bearer <token>` header value, if it is one.
pub fn bearer_token(value: &axum::http::HeaderValue) -> Option<&str> {
    let (scheme, token) = value.to_str().ok()?.split_once(' ')?;
    Some(token.trim()).filter(|t| scheme.eq_ignore_ascii_case("bearer") && !t.is_empty())
}

/// The id `text` of an `entity` (`event`, `venue`, `calendar`, `clash`, `feed token`) named in
/// a path: one that is not a UUID names no such thing (404).
pub fn path_id(text: &str, entity: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(text).map_err(|_| {
        AppError::no_such(entity, text, format!("no {entity} with id '{text}'")).into()
    })
}

/// A JSON body whose deserialisation errors name the path of the bad field.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                let m = m.trim();
                m.eq_ignore_ascii_case("application/json")
                    || m.to_ascii_lowercase().ends_with("+json")
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType(Phrase::new(
                "problem-detail-send-json",
                "send the body as JSON with 'Content-Type: application/json'",
            )));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge(Phrase::new(
                    "problem-too-large-detail",
                    rejection.body_text(),
                ))
            } else {
                ApiError::from(FieldError::said(
                    "",
                    Phrase::new("api-body-unreadable", rejection.body_text())
                        .text("reason", rejection.body_text()),
                ))
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON, reporting the path of the first bad field. A number with no fraction
/// (`120.0`) is read as the integer it is, as JSON Schema's `integer` says it is one.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::from(FieldError::said(
            "",
            Phrase::new("api-not-json", format!("the body is not valid JSON: {e}"))
                .text("reason", e.to_string()),
        ))
    })?;
    integral_numbers_as_integers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let path = if path == "." { String::new() } else { path };
        let message = inner.to_string();
        // serde reports a missing field at its parent's path; name the field itself.
        let path = match message
            .strip_prefix("missing field `")
            .and_then(|m| m.split_once('`'))
        {
            Some((name, _)) if path.is_empty() => name.to_owned(),
            Some((name, _)) => format!("{path}.{name}"),
            None => path,
        };
        field::unreadable(path, message).into()
    })
}

/// Rewrites every floating-point number with no fractional part that fits an `i64` as that
/// integer, everywhere in `value`.
fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                // 2^63 is exactly representable; every integral f64 below it fits an i64.
                const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
                if f.fract() == 0.0 && (-TWO_TO_63..TWO_TO_63).contains(&f) {
                    #[allow(clippy::cast_possible_truncation)]
                    let integer = f as i64;
                    *value = serde_json::Value::from(integer);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_numbers_as_integers);
        }
        _ => {}
    }
}

/// Query parameters whose errors name the parameter, as a problem document.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let message = e.into_inner().to_string();
                let field = match message
                    .strip_prefix("unknown field `")
                    .and_then(|m| m.split_once('`'))
                {
                    Some((name, _)) => name.to_owned(),
                    None if path == "." => String::new(),
                    None => path,
                };
                ApiError::from(FieldError::said(
                    field,
                    Phrase::new(
                        "api-bad-query",
                        format!("invalid query parameter: {message}"),
                    )
                    .text("reason", message),
                ))
            })
    }
}

/// The version an `If-Match` header asks for: `"3"`, `W/"3"` or `3` (up to 18 digits, so
/// it is always a version number), or `*` or no header for any version. Anything else is a
/// 400, as the document's pattern says.
#[derive(Clone, Copy, Debug, Default)]
pub struct IfMatch(pub Option<i64>);

/// The `If-Match` values [`IfMatch`] takes, as a regular expression.
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]{1,18}"|[0-9]{1,18})$"#;

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let bad = || {
            ApiError::from(FieldError::said(
                "If-Match",
                Phrase::new(
                    "api-bad-if-match",
                    "expected the event's ETag, such as \"3\"",
                ),
            ))
        };
        let text = value.to_str().map_err(|_| bad())?;
        if text == "*" {
            return Ok(IfMatch(None));
        }
        let digits = text
            .strip_prefix("W/")
            .unwrap_or(text)
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .or_else(|| (!text.starts_with("W/")).then_some(text))
            .filter(|d| (1..=18).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(bad)?;
        digits
            .parse::<i64>()
            .map(|v| IfMatch(Some(v)))
            .map_err(|_| bad())
    }
}

/// A strong ETag for a version number.
pub fn version_etag(version: i64) -> String {
    format!("\"{version}\"")
}
