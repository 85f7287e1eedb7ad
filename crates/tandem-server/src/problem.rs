//! Every error the HTTP API answers with, as an RFC 9457 problem document. The mapping from
//! failures to statuses lives here and nowhere else.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_app::AppError;
use tandem_core::{FieldError, FieldErrors, Phrase};
use tandem_i18n::Lang;
use tandem_store::StoreError;
use utoipa::ToSchema;
use uuid::Uuid;

/// Base of the `type` URIs of tandem's problems.
pub const PROBLEM_BASE: &str = "https://tandem.itu.int/problems/";

/// One invalid field of a request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvalidField {
    /// Path of the field (`participants[1].tz`).
    pub field: String,
    /// What is wrong with it, in the reader's language where tandem has it.
    pub message: String,
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

/// Why a request failed: a use case's refusal or failure, or one of the few the HTTP edge
/// finds itself (a body too large or not JSON, a client over its rate).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// What the application layer answered.
    #[error(transparent)]
    App(#[from] AppError),
    /// The body is too large.
    #[error("request body too large")]
    PayloadTooLarge(Phrase),
    /// The body is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType(Phrase),
    /// The client spent its rate-limit budget.
    #[error("too many requests")]
    RateLimited {
        /// What the client sent too much of.
        detail: Phrase,
        /// Whole seconds until the next request would be let through.
        retry_after_seconds: u64,
    },
}

impl ApiError {
    /// Anything unexpected (logged with its chain, answered generically).
    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(error.into()).into()
    }

    /// The database is unreachable or saturated (503 with Retry-After).
    pub fn unavailable(error: impl Into<anyhow::Error>) -> Self {
        AppError::Unavailable(error.into()).into()
    }

    /// No such resource: `detail` says what was looked for.
    pub fn not_found(detail: Phrase) -> Self {
        AppError::NotFound(detail).into()
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        AppError::from(error).into()
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        AppError::from(errors).into()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

/// `phrase` for a reader of `lang`: the very sentence the code wrote in English (what the
/// API has always answered), else the translation with its values.
pub(crate) fn said(lang: Lang, phrase: &Phrase) -> String {
    if lang == Lang::En {
        phrase.english().to_owned()
    } else {
        phrase_text(lang, phrase)
    }
}

/// A problem of type `slug`, titled by its message, saying `detail`, for a reader of `lang`.
pub fn problem(lang: Lang, status: StatusCode, slug: &str, detail: &Phrase) -> Problem {
    Problem {
        kind: format!("{PROBLEM_BASE}{slug}"),
        title: lang.message(&format!("problem-{slug}")),
        status: status.as_u16(),
        detail: said(lang, detail),
        errors: Vec::new(),
        clashes: Vec::new(),
    }
}

/// The problem document a use case's error is answered with: the one mapping from the
/// application layer's errors to statuses and types.
fn app_problem(error: &AppError, lang: Lang) -> Problem {
    match error {
        AppError::Invalid(errors) => invalid(errors, lang),
        AppError::NotFound(detail) => problem(lang, StatusCode::NOT_FOUND, "not-found", detail),
        AppError::Unauthorized(detail) => {
            problem(lang, StatusCode::UNAUTHORIZED, "unauthorized", detail)
        }
        AppError::Forbidden(detail) => problem(lang, StatusCode::FORBIDDEN, "forbidden", detail),
        AppError::RoomTaken(clashes) => {
            let names: Vec<String> = clashes.iter().map(|c| format!("'{}' ({})", c.title, c.event_id)).collect();
            let detail = Phrase::new(
                "problem-detail-room-held",
                format!("the room is held at that time by {}", names.join(", ")),
            )
            .text("events", names.join(&lang.message("list-separator")));
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
                ..problem(lang, StatusCode::CONFLICT, "clash", &detail)
            }
        }
        AppError::Conflict(detail) => problem(lang, StatusCode::CONFLICT, "conflict", detail),
        AppError::PreconditionFailed { expected, current } => problem(
            lang,
            StatusCode::PRECONDITION_FAILED,
            "stale-version",
            &Phrase::new(
                "problem-detail-stale-version",
                format!("If-Match named version {expected}, but the event is at version {current}: read it again and retry"),
            )
            // Version numbers as the client sends them in If-Match: ASCII digits.
            .text("expected", expected.to_string())
            .text("current", current.to_string()),
        ),
        AppError::Unreachable { field, reason } => Problem {
            errors: vec![InvalidField {
                field: (*field).to_owned(),
                message: said(lang, reason),
            }],
            // The source failed, not the caller nor tandem.
            ..problem(lang, StatusCode::BAD_GATEWAY, "source-unreachable", reason)
        },
        AppError::Unavailable(_) => problem(
            lang,
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            &Phrase::new(
                "problem-unavailable-detail",
                "the database is busy or unreachable; retry shortly",
            ),
        ),
        AppError::Internal(_) => problem(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            &Phrase::new(
                "problem-internal-detail",
                "an unexpected error occurred; it has been logged",
            ),
        ),
    }
}

/// A validation problem: each field's message in the reader's language where the code
/// phrased it (else its English), and a detail that, in English, lists every message and,
/// in the other languages, names the fields.
fn invalid(errors: &FieldErrors, lang: Lang) -> Problem {
    let listed: Vec<InvalidField> = errors
        .0
        .iter()
        .map(|e| InvalidField {
            field: e.field.clone(),
            message: match &e.phrase {
                Some(phrase) => said(lang, phrase),
                None => e.message.clone(),
            },
        })
        .collect();
    let detail = if lang == Lang::En {
        errors.to_string()
    } else {
        let mut fields: Vec<&str> = errors
            .0
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
        lang.message_with(
            "problem-invalid-request-detail",
            &[
                ("count", tandem_i18n::Arg::from(fields.len())),
                ("fields", tandem_i18n::Arg::from(fields.join(", "))),
            ],
        )
    };
    Problem {
        kind: format!("{PROBLEM_BASE}invalid-request"),
        title: lang.message("problem-invalid-request"),
        status: StatusCode::BAD_REQUEST.as_u16(),
        detail,
        errors: listed,
        clashes: Vec::new(),
    }
}

impl ApiError {
    /// The problem document this error is answered with, for a reader of `lang`.
    pub fn problem(&self, lang: Lang) -> Problem {
        match self {
            ApiError::App(error) => app_problem(error, lang),
            ApiError::PayloadTooLarge(detail) => {
                problem(lang, StatusCode::PAYLOAD_TOO_LARGE, "too-large", detail)
            }
            ApiError::UnsupportedMediaType(detail) => problem(
                lang,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                detail,
            ),
            ApiError::RateLimited { detail, .. } => {
                problem(lang, StatusCode::TOO_MANY_REQUESTS, "rate-limited", detail)
            }
        }
    }

    /// The answer to a reader of `lang`: the problem document with the headers its status
    /// asks for (Retry-After, WWW-Authenticate). Failures of tandem itself are logged.
    pub fn response_in(self, lang: Lang) -> Response {
        match &self {
            ApiError::App(AppError::Internal(e)) => tracing::error!(error = ?e, "internal error"),
            ApiError::App(AppError::Unavailable(e)) => {
                tracing::warn!(error = ?e, "database unavailable");
            }
            _ => {}
        }
        let mut response = problem_response(&self.problem(lang));
        let headers = response.headers_mut();
        match self {
            ApiError::App(AppError::Unavailable(_)) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
            }
            ApiError::RateLimited {
                retry_after_seconds,
                ..
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
            }
            ApiError::App(AppError::Unauthorized(_)) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// The HTTP API's own field checks, each said as a phrase (DESIGN §16): what they have in
/// common is worded once, here.
pub(crate) mod field {
    use tandem_core::{FieldError, Phrase};

    /// `field` must lie between `min` and `max`.
    pub fn between(field: impl Into<String>, min: u32, max: u32) -> FieldError {
        FieldError::said(
            field,
            Phrase::new("api-between", format!("must be between {min} and {max}"))
                .number("min", min)
                .number("max", max),
        )
    }

    /// `field` must be at most `max`.
    pub fn at_most(field: impl Into<String>, max: u32) -> FieldError {
        FieldError::said(
            field,
            Phrase::new("api-at-most", format!("must be at most {max}")).number("max", max),
        )
    }

    /// `field` must come after the field `other` (`from`, `start`).
    pub fn after(field: impl Into<String>, other: &str) -> FieldError {
        FieldError::said(
            field,
            Phrase::new("api-after", format!("must be after {other}")).text("other", other),
        )
    }

    /// `code` names no study group nor regional group.
    pub fn unknown_group(field: impl Into<String>, code: &str) -> FieldError {
        FieldError::said(
            field,
            Phrase::new("api-group-unknown", format!("unknown group '{code}'")).text("code", code),
        )
    }

    /// `value` is not one of `expected` (written as the English sentence lists them).
    pub fn one_of(
        field: impl Into<String>,
        value: &str,
        english: String,
        expected: &str,
    ) -> FieldError {
        FieldError::said(
            field,
            Phrase::new("api-unknown-value", english)
                .text("value", value)
                .text("expected", expected),
        )
    }

    /// `value` is not an id of a `what` (`event`, `venue`, `room`).
    pub fn not_an_id(field: impl Into<String>, value: &str, what: &'static str) -> FieldError {
        let (id, english) = match what {
            "venue" => ("api-not-a-venue-id", format!("'{value}' is not a venue id")),
            "room" => ("api-not-a-room-id", format!("'{value}' is not a room id")),
            _ => (
                "api-not-an-event-id",
                format!("'{value}' is not an event id"),
            ),
        };
        FieldError::said(field, Phrase::new(id, english).text("value", value))
    }

    /// A page cursor this API did not hand out.
    pub fn bad_cursor() -> FieldError {
        FieldError::said(
            "cursor",
            Phrase::new("api-bad-cursor", "not a cursor returned by this API"),
        )
    }

    /// A JSON value serde could not read as the field's type (its own words in `reason`).
    pub fn unreadable(field: impl Into<String>, reason: String) -> FieldError {
        let phrase = if reason.starts_with("missing field `") {
            Phrase::new("api-missing-field", reason)
        } else {
            Phrase::new("api-unreadable-value", reason.clone()).text("reason", reason)
        };
        FieldError::said(field, phrase)
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
    let lang = reader_of(request.headers());
    READER.scope(lang, next.run(request)).await
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

/// The language of the request being answered (`Accept-Language`), English outside one.
pub fn reader() -> Lang {
    READER.try_with(|l| *l).unwrap_or_default()
}

/// The language a request's `Accept-Language` asks for, for the layers that answer before
/// (or around) the one that keeps it for the handlers.
pub fn reader_of(headers: &axum::http::HeaderMap) -> Lang {
    Lang::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// Answers with a problem document (used by middleware for non-handler failures too).
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Answers in the language of the request being handled.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.response_in(reader())
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
    fn a_refusal_reads_as_the_code_wrote_it_in_english_and_in_the_readers_language_else() {
        let id = Uuid::nil();
        let missing = ApiError::from(AppError::no_such(
            "venue",
            id,
            format!("no venue with id '{id}'"),
        ));
        let english = missing.problem(Lang::En);
        assert_eq!(english.title, "Not found");
        assert_eq!(english.detail, format!("no venue with id '{id}'"));
        let french = missing.problem(Lang::Fr);
        assert_eq!(french.title, "Introuvable");
        assert_eq!(
            french.detail,
            format!("aucun lieu n’a l’identifiant « {id} »")
        );

        let stale = ApiError::from(AppError::PreconditionFailed {
            expected: 3,
            current: 4,
        });
        assert_eq!(
            stale.problem(Lang::Fr).detail,
            "If-Match indique la version 3, mais la manifestation en est à la version 4 : relisez-la et réessayez"
        );
        // Version numbers stay ASCII digits, as the client sends them back in If-Match.
        assert!(
            stale.problem(Lang::Ar).detail.contains('3'),
            "{}",
            stale.problem(Lang::Ar).detail
        );

        let unreachable = ApiError::from(AppError::Unreachable {
            field: "url",
            reason: Phrase::new("problem-detail-fetch-failed", "HTTP status 404")
                .text("reason", "HTTP status 404"),
        });
        let english = unreachable.problem(Lang::En);
        assert_eq!(
            (english.status, english.detail.as_str()),
            (502, "HTTP status 404")
        );
        let russian = unreachable.problem(Lang::Ru);
        assert_eq!(
            russian.detail,
            "не удалось получить календарь: HTTP status 404"
        );
        assert_eq!(russian.errors[0].field, "url");
        assert_eq!(russian.errors[0].message, russian.detail);
    }

    #[test]
    fn every_problem_type_has_a_title_in_every_language() {
        let slugs = [
            "invalid-request",
            "not-found",
            "unauthorized",
            "forbidden",
            "clash",
            "conflict",
            "stale-version",
            "source-unreachable",
            "too-large",
            "unsupported-media-type",
            "rate-limited",
            "unavailable",
            "internal",
            "method-not-allowed",
            "timeout",
        ];
        for lang in Lang::ALL {
            for slug in slugs {
                assert!(
                    lang.has_message(&format!("problem-{slug}")),
                    "problem-{slug} in {lang}"
                );
            }
        }
    }
}
