//! Every error the HTTP API answers with, as an RFC 9457 problem document. The mapping from
//! failures to statuses lives here and nowhere else.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_app::AppError;
use tandem_core::{FieldError, FieldErrors};
use tandem_store::{RoomClash, StoreError};
use utoipa::ToSchema;
use uuid::Uuid;

/// Base of the `type` URIs of tandem's problems.
pub const PROBLEM_BASE: &str = "https://tandem.itu.int/problems/";

/// One invalid field of a request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvalidField {
    /// Path of the field (`participants[1].tz`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
    /// The same as a message of the translations, when the core has one.
    #[serde(skip)]
    pub phrase: Option<tandem_core::Phrase>,
}

/// An existing booking that a write would overlap.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BookingClash {
    /// Clash type (`room_overlap`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The event already there.
    pub event_id: Uuid,
    /// Its title.
    pub title: String,
    /// Start of the clashing occurrence.
    pub start: DateTime<Utc>,
    /// End of the clashing occurrence.
    pub end: DateTime<Utc>,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind of problem.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong this time.
    pub detail: String,
    /// Invalid fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidField>,
    /// Bookings in the way, for clash problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clashes: Vec<BookingClash>,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed or invalid; names the fields.
    #[error("invalid request: {detail}")]
    Invalid {
        /// Summary.
        detail: String,
        /// The fields at fault.
        errors: Vec<InvalidField>,
    },
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// No or bad credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Credentials without the right.
    #[error("{0}")]
    Forbidden(String),
    /// The room is taken.
    #[error("room already booked")]
    RoomTaken(Vec<RoomClash>),
    /// Another conflict.
    #[error("{0}")]
    Conflict(String),
    /// `If-Match` named an old version.
    #[error("stale version")]
    PreconditionFailed {
        /// Version the client sent.
        expected: i64,
        /// Version stored now.
        current: i64,
    },
    /// An outside source (a calendar URL) could not be reached: 502, naming the field.
    #[error("{field}: {message}")]
    Unreachable {
        /// The field naming the source.
        field: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The body is too large.
    #[error("request body too large")]
    PayloadTooLarge(String),
    /// The body is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    /// The client spent its rate-limit budget.
    #[error("too many requests")]
    RateLimited {
        /// What the client sent too much of.
        detail: String,
        /// Whole seconds until the next request would be let through.
        retry_after_seconds: u64,
    },
    /// The database is unreachable or saturated.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// Anything unexpected: logged with its chain, answered generically.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// A validation failure of one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError::new(field, message).into()
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        FieldErrors::from(error).into()
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        let detail = errors.to_string();
        ApiError::Invalid {
            detail,
            errors: errors
                .0
                .into_iter()
                .map(|e| InvalidField {
                    field: e.field,
                    message: e.message,
                    phrase: e.phrase,
                })
                .collect(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

/// The one mapping from the application layer's errors to the API's.
impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(errors) => errors.into(),
            AppError::NotFound(detail) => ApiError::NotFound(detail),
            AppError::Unauthorized(detail) => ApiError::Unauthorized(detail),
            AppError::Forbidden(detail) => ApiError::Forbidden(detail),
            AppError::RoomTaken(clashes) => ApiError::RoomTaken(clashes),
            AppError::Conflict(detail) => ApiError::Conflict(detail),
            AppError::PreconditionFailed { expected, current } => {
                ApiError::PreconditionFailed { expected, current }
            }
            AppError::Unreachable { field, message } => ApiError::Unreachable { field, message },
            AppError::Unavailable(e) => ApiError::Unavailable(e),
            AppError::Internal(e) => ApiError::Internal(e),
        }
    }
}

fn problem(status: StatusCode, slug: &str, title: &str, detail: String) -> Problem {
    Problem {
        kind: format!("{PROBLEM_BASE}{slug}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail,
        errors: Vec::new(),
        clashes: Vec::new(),
    }
}

impl ApiError {
    /// The problem document this error is answered with.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Invalid { detail, errors } => Problem {
                errors: errors.clone(),
                ..problem(StatusCode::BAD_REQUEST, "invalid-request", "Invalid request", detail.clone())
            },
            ApiError::NotFound(detail) => problem(StatusCode::NOT_FOUND, "not-found", "Not found", detail.clone()),
            ApiError::Unauthorized(detail) => {
                problem(StatusCode::UNAUTHORIZED, "unauthorized", "Authentication required", detail.clone())
            }
            ApiError::Forbidden(detail) => problem(StatusCode::FORBIDDEN, "forbidden", "Forbidden", detail.clone()),
            ApiError::RoomTaken(clashes) => {
                let names: Vec<String> = clashes.iter().map(|c| format!("'{}' ({})", c.title, c.event_id)).collect();
                Problem {
                    clashes: clashes
                        .iter()
                        .map(|c| BookingClash {
                            kind: "room_overlap",
                            event_id: c.event_id,
                            title: c.title.clone(),
                            start: c.start,
                            end: c.end,
                        })
                        .collect(),
                    ..problem(
                        StatusCode::CONFLICT,
                        "clash",
                        "The room is already booked",
                        format!("the room is held at that time by {}", names.join(", ")),
                    )
                }
            }
            ApiError::Conflict(detail) => problem(StatusCode::CONFLICT, "conflict", "Conflict", detail.clone()),
            ApiError::PreconditionFailed { expected, current } => problem(
                StatusCode::PRECONDITION_FAILED,
                "stale-version",
                "The resource changed",
                format!("If-Match named version {expected}, but the event is at version {current}: read it again and retry"),
            ),
            ApiError::Unreachable { field, message } => Problem {
                errors: vec![InvalidField {
                    field: (*field).to_owned(),
                    message: message.clone(),
                    phrase: None,
                }],
                // The source failed, not the caller nor tandem.
                ..problem(
                    StatusCode::BAD_GATEWAY,
                    "source-unreachable",
                    "The calendar could not be fetched",
                    message.clone(),
                )
            },
            ApiError::PayloadTooLarge(detail) => {
                problem(StatusCode::PAYLOAD_TOO_LARGE, "too-large", "Request body too large", detail.clone())
            }
            ApiError::UnsupportedMediaType(detail) => problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                detail.clone(),
            ),
            ApiError::RateLimited { detail, .. } => problem(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                detail.clone(),
            ),
            ApiError::Unavailable(_) => problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                "the database is busy or unreachable; retry shortly".into(),
            ),
            ApiError::Internal(_) => problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "an unexpected error occurred; it has been logged".into(),
            ),
        }
    }
}

tokio::task_local! {
    /// The language of the request's `Accept-Language`, for its problem documents.
    static READER: tandem_i18n::Lang;
}

/// Keeps the language `Accept-Language` asks for while the request is handled, so its
/// problem documents' `title` (and the fixed `detail`s) are in it (DESIGN §16).
pub async fn read_accept_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let lang = tandem_i18n::Lang::negotiate(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    READER.scope(lang, next.run(request)).await
}

/// The details tandem writes, as English messages of `problems.ftl` with their variables:
/// a detail that reads as one of them (its variables filled with this request's values) is
/// given in the reader's language with the same values. The English messages are the
/// very sentences the code writes; one that no longer matches is left in English.
const DETAILS: &[(&str, &[&str])] = &[
    ("problem-detail-bearer-expected", &[]),
    ("problem-detail-token-needed", &[]),
    ("problem-detail-token-unknown", &[]),
    ("problem-detail-viewer-read-only", &[]),
    ("problem-detail-viewer-feed-tokens", &[]),
    ("problem-detail-feed-token-own", &[]),
    ("problem-detail-region-outside", &["regions", "region"]),
    ("problem-detail-no-such-feed", &[]),
    ("problem-detail-token-revoked", &[]),
    ("problem-detail-event-not-rewritable", &[]),
    ("problem-detail-stored-event-not-rewritable", &[]),
    ("problem-detail-send-json", &[]),
    ("problem-detail-no-event", &["id"]),
    ("problem-detail-no-venue", &["id"]),
    ("problem-detail-no-calendar", &["id"]),
    ("problem-detail-no-clash", &["id"]),
    ("problem-detail-no-feed-token", &["id"]),
    ("problem-detail-no-token", &["id"]),
    ("problem-detail-no-open-clash", &["id"]),
    ("problem-detail-no-group", &["code"]),
    ("problem-detail-no-region", &["code"]),
    ("problem-detail-no-feed-file", &["file"]),
    ("problem-detail-suggestion-stale", &["suggestion", "id"]),
    ("problem-detail-stale-version", &["expected", "current"]),
    ("problem-detail-room-held", &["events"]),
    ("problem-detail-rate-limited", &["burst", "rate", "seconds"]),
];

/// Marks a variable's place in an English message while it is matched against a detail.
const SLOT: char = '\u{1}';

/// The values of `variables` that make `id`'s English message read `text`, if it does.
fn read_as(id: &str, variables: &[&str], text: &str) -> Option<Vec<(String, String)>> {
    let marked: Vec<(&str, tandem_i18n::Arg<'_>)> = variables
        .iter()
        .map(|v| (*v, tandem_i18n::Arg::from(format!("{SLOT}{v}{SLOT}"))))
        .collect();
    let english = tandem_i18n::Lang::En.message_with(id, &marked);
    // Literal, variable, literal, …: the odd pieces are the variables' names.
    let pieces: Vec<&str> = english.split(SLOT).collect();
    let mut rest = text.strip_prefix(pieces.first()?)?;
    let mut values = Vec::new();
    for pair in pieces.get(1..)?.chunks(2) {
        let [name, literal] = pair else {
            return None;
        };
        let value = if literal.is_empty() {
            std::mem::take(&mut rest)
        } else {
            let at = rest.find(literal)?;
            let value = rest.get(..at)?;
            rest = rest.get(at + literal.len()..)?;
            value
        };
        values.push(((*name).to_owned(), value.to_owned()));
    }
    ((rest.is_empty() && pieces.len() > 1) || english == text).then_some(values)
}

/// `detail` in `lang`, when it is one of the [`DETAILS`] tandem writes.
pub(crate) fn localized_detail(lang: tandem_i18n::Lang, detail: &str) -> Option<String> {
    DETAILS.iter().find_map(|(id, variables)| {
        let values = read_as(id, variables, detail)?;
        let args: Vec<(&str, tandem_i18n::Arg<'_>)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), tandem_i18n::Arg::from(v)))
            .collect();
        Some(lang.message_with(id, &args))
    })
}

/// A sentence of the core in `lang`, as plain text: dates by ICU4X, lists joined as the
/// language joins them.
pub(crate) fn phrase_text(lang: tandem_i18n::Lang, phrase: &tandem_core::Phrase) -> String {
    use tandem_core::PhraseArg;
    let args: Vec<(&str, tandem_i18n::Arg<'_>)> = phrase
        .args()
        .iter()
        .map(|(name, arg)| {
            let arg = match arg {
                PhraseArg::Text(s) => tandem_i18n::Arg::from(s),
                PhraseArg::Number(n) => tandem_i18n::Arg::Number(*n),
                PhraseArg::Date(d) => {
                    let noon = d.and_hms_opt(12, 0, 0).unwrap_or_default();
                    tandem_i18n::Arg::from(lang.weekday_date(&noon.and_utc().fixed_offset()))
                }
                PhraseArg::List(items) => tandem_i18n::Arg::from(
                    items
                        .iter()
                        .map(|item| phrase_text(lang, item))
                        .collect::<Vec<_>>()
                        .join(&lang.message("list-separator")),
                ),
            };
            (*name, arg)
        })
        .collect();
    lang.message_with(phrase.id(), &args)
}

/// `problem` in the reader's language: its title, and its detail where tandem writes a
/// fixed one or one of its [`DETAILS`]; a validation problem's detail becomes a summary
/// naming the fields, and each `errors[]` entry keeps its field and gets its message in the
/// reader's language where the core said it as a phrase (else the English message).
/// English (the default) is the document as it is, byte for byte; a detail tandem did not
/// write (an outside server's answer) stays as it is.
fn localized(problem: &Problem) -> std::borrow::Cow<'_, Problem> {
    let lang = READER.try_with(|l| *l).unwrap_or_default();
    let Some(slug) = problem.kind.strip_prefix(PROBLEM_BASE) else {
        return std::borrow::Cow::Borrowed(problem);
    };
    if lang == tandem_i18n::Lang::En || !lang.has_message(&format!("problem-{slug}")) {
        return std::borrow::Cow::Borrowed(problem);
    }
    let mut out = problem.clone();
    out.title = lang.message(&format!("problem-{slug}"));
    match slug {
        "unavailable" | "internal" | "too-large" => {
            out.detail = lang.message(&format!("problem-{slug}-detail"));
        }
        "invalid-request" if !problem.errors.is_empty() => {
            let mut fields: Vec<&str> = problem
                .errors
                .iter()
                .map(|e| {
                    if e.field.is_empty() {
                        "body"
                    } else {
                        e.field.as_str()
                    }
                })
                .collect();
            fields.dedup();
            for error in &mut out.errors {
                if let Some(phrase) = &error.phrase {
                    error.message = phrase_text(lang, phrase);
                }
            }
            out.detail = lang.message_with(
                "problem-invalid-request-detail",
                &[
                    ("count", tandem_i18n::Arg::from(fields.len())),
                    ("fields", tandem_i18n::Arg::from(fields.join(", "))),
                ],
            );
        }
        _ => {
            if let Some(detail) = localized_detail(lang, &problem.detail) {
                out.detail = detail;
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Answers with a problem document (used by middleware for non-handler failures too).
pub fn problem_response(problem: &Problem) -> Response {
    let problem = localized(problem);
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem.as_ref()).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            ApiError::Unavailable(e) => tracing::warn!(error = ?e, "database unavailable"),
            _ => {}
        }
        let mut response = problem_response(&self.problem());
        if matches!(self, ApiError::Unavailable(_)) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        if let ApiError::RateLimited {
            retry_after_seconds,
            ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        if matches!(self, ApiError::Unauthorized(_)) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_of_the_core_is_in_every_language() {
        for lang in tandem_i18n::Lang::ALL {
            for id in tandem_core::phrase::IDS {
                assert!(lang.has_message(id), "{id} missing in {lang}");
            }
            assert!(
                lang.has_message("list-separator"),
                "list-separator in {lang}"
            );
        }
    }

    #[test]
    fn a_phrase_reads_in_french_with_its_values_and_dates_and_in_english_as_written() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let cause = tandem_core::Phrase::new(
            "why-cause-required",
            "required participant ao-yaounde is required at 'sg3rg-afr'",
        )
        .text("participant", "ao-yaounde")
        .text("event", "sg3rg-afr");
        let count = tandem_core::Phrase::new("why-cause-count", format!("{cause} (1 of 1)"))
            .list("cause", vec![cause])
            .count("count", 1)
            .count("total", 1);
        let taken = tandem_core::Phrase::new("why-season-taken", "…")
            .date("from", date)
            .date("to", date.succ_opt().unwrap())
            .number("seats", 20.0)
            .list("causes", vec![count]);
        let french = phrase_text(tandem_i18n::Lang::Fr, &taken);
        assert_eq!(
            french,
            "chaque jour ouvrable de ses lieux entre le mercredi 10 mars 2027 et le jeudi 11 mars 2027 \
             avec une salle pour 20 personnes est pris par des manifestations existantes : \
             le participant obligatoire ao-yaounde est requis à « sg3rg-afr » (1 sur 1)"
        );
        let empty = tandem_core::Phrase::new(
            "invalid-range-empty",
            "the range is empty: end must be after start",
        );
        assert_eq!(phrase_text(tandem_i18n::Lang::En, &empty), empty.english());
    }

    #[test]
    fn the_english_messages_read_the_details_the_code_writes() {
        let fr = tandem_i18n::Lang::Fr;
        for (english, expected) in [
            ("the token is unknown or revoked", "le jeton est inconnu ou révoqué"),
            ("no event with id 'abc'", "aucune manifestation n’a l’identifiant 'abc'"),
            ("no venue with id 5f0c", "aucun lieu n’a l’identifiant 5f0c"),
            (
                "If-Match named version 3, but the event is at version 4: read it again and retry",
                "If-Match indique la version 3, mais la manifestation en est à la version 4 : relisez-la et réessayez",
            ),
            (
                "this client sent more than 20 requests at once or more than 10 a second; retry after 2 s",
                "ce client a envoyé plus de 20 requêtes d’un coup ou plus de 10 par seconde ; réessayez dans 2 s",
            ),
        ] {
            assert_eq!(localized_detail(fr, english).as_deref(), Some(expected), "{english}");
        }
        assert_eq!(localized_detail(fr, "connection refused"), None);
        assert_eq!(localized_detail(fr, "no event with id"), None);
    }
}
