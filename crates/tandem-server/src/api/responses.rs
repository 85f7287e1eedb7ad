//! The answers that come from what every handler shares rather than from the handler itself
//! (the token extractors, the JSON body and query extractors, `If-Match`, the body limit, the
//! rate limit, the database pool and the request timeout), added to each operation of the
//! document by what the operation declares, so no handler can forget one. A handler's own
//! description of a status is kept.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Required, Response, ResponseBuilder};

use crate::extract::IF_MATCH_PATTERN;

/// One shared answer: a problem document, under `components/responses/{name}`.
struct Shared {
    status: &'static str,
    name: &'static str,
    description: &'static str,
    header: Option<(&'static str, &'static str)>,
}

const BAD_REQUEST: Shared = Shared {
    status: "400",
    name: "BadRequest",
    description: "The request is malformed or a field is invalid: the problem document names \
                  each field at fault (`errors[].field`).",
    header: None,
};
const UNAUTHORIZED: Shared = Shared {
    status: "401",
    name: "Unauthorized",
    description: "Authentication failed: a write without a token, or any request whose \
                  `Authorization` header is malformed or names an unknown or revoked token \
                  (reads need no token while `auth.public_reads` is true). Checked before the \
                  request's body or parameters.",
    header: Some(("WWW-Authenticate", "`Bearer`")),
};
const FORBIDDEN: Shared = Shared {
    status: "403",
    name: "Forbidden",
    description: "The token may not do this: a viewer token, an organiser token outside the \
                  regions concerned, or a feed token of another participant.",
    header: None,
};
const NOT_FOUND: Shared = Shared {
    status: "404",
    name: "NotFound",
    description: "No such resource.",
    header: None,
};
const PRECONDITION_FAILED: Shared = Shared {
    status: "412",
    name: "PreconditionFailed",
    description: "`If-Match` names a version that is no longer current: read the resource \
                  again and retry.",
    header: None,
};
const PAYLOAD_TOO_LARGE: Shared = Shared {
    status: "413",
    name: "PayloadTooLarge",
    description: "The body is larger than `server.body_limit_bytes`.",
    header: None,
};
const UNSUPPORTED_MEDIA_TYPE: Shared = Shared {
    status: "415",
    name: "UnsupportedMediaType",
    description: "The body is not sent as JSON (`Content-Type: application/json`).",
    header: None,
};
const TOO_MANY_REQUESTS: Shared = Shared {
    status: "429",
    name: "TooManyRequests",
    description: "The client spent its rate-limit budget (`rate_limit.*`).",
    header: Some((
        "Retry-After",
        "Whole seconds until a request is let through again.",
    )),
};
const UNAVAILABLE: Shared = Shared {
    status: "503",
    name: "Unavailable",
    description: "The database is busy or unreachable (with `Retry-After`), or the request \
                  took longer than `server.request_timeout_seconds`.",
    header: Some((
        "Retry-After",
        "Seconds to wait before retrying (database busy).",
    )),
};

const ALL: [&Shared; 9] = [
    &BAD_REQUEST,
    &UNAUTHORIZED,
    &FORBIDDEN,
    &NOT_FOUND,
    &PRECONDITION_FAILED,
    &PAYLOAD_TOO_LARGE,
    &UNSUPPORTED_MEDIA_TYPE,
    &TOO_MANY_REQUESTS,
    &UNAVAILABLE,
];

impl Shared {
    fn response(&self) -> Response {
        let mut response = ResponseBuilder::new()
            .description(self.description)
            .content(
                "application/problem+json",
                Content::new(Some(Ref::from_schema_name("Problem"))),
            );
        if let Some((name, description)) = self.header {
            response = response.header(
                name,
                HeaderBuilder::new()
                    .schema(ObjectBuilder::new().schema_type(Type::String))
                    .description(Some(description))
                    .build(),
            );
        }
        response.build()
    }
}

fn add(operation: &mut Operation, shared: &Shared) {
    operation
        .responses
        .responses
        .entry(shared.status.to_owned())
        .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{}", shared.name))));
}

/// Adds the shared answers to every operation of `openapi`, and marks the token optional on
/// the operations that do not require one.
pub fn document_shared(openapi: &mut OpenApi) {
    let components = openapi.components.get_or_insert_with(Default::default);
    for shared in ALL {
        components
            .responses
            .insert(shared.name.to_owned(), RefOr::T(shared.response()));
    }
    for (path, item) in &mut openapi.paths.paths {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            document(path, operation);
        }
    }
}

fn document(path: &str, operation: &mut Operation) {
    // `/healthz` answers from memory at once; `/readyz` pings the database and is never
    // rate-limited nor authenticated.
    if path == "/healthz" {
        return;
    }
    add(operation, &UNAVAILABLE);
    if path == "/readyz" {
        return;
    }
    add(operation, &UNAUTHORIZED);
    add(operation, &TOO_MANY_REQUESTS);
    let requires_token = operation
        .security
        .as_ref()
        .is_some_and(|s| !s.is_empty() && !s.contains(&SecurityRequirement::default()));
    if requires_token {
        add(operation, &FORBIDDEN);
    } else {
        // Reads take a token (and need one when `auth.public_reads` is false).
        operation.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("bearer", Vec::<String>::new()),
        ]);
    }
    if operation.request_body.is_some() {
        add(operation, &BAD_REQUEST);
        add(operation, &PAYLOAD_TOO_LARGE);
        add(operation, &UNSUPPORTED_MEDIA_TYPE);
    }
    for parameter in operation.parameters.iter_mut().flatten() {
        if matches!(parameter.parameter_in, ParameterIn::Header)
            && parameter.name.eq_ignore_ascii_case("If-Match")
        {
            // What `IfMatch` takes, neither more nor less; absent means any version.
            parameter.required = Required::False;
            parameter.schema = Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(IF_MATCH_PATTERN))
                    .into(),
            );
        }
    }
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let has = |place: &ParameterIn, name: Option<&str>| {
        parameters.iter().any(|p| {
            std::mem::discriminant(&p.parameter_in) == std::mem::discriminant(place)
                && name.is_none_or(|n| p.name.eq_ignore_ascii_case(n))
        })
    };
    let (query, path, if_match) = (
        has(&ParameterIn::Query, None),
        has(&ParameterIn::Path, None),
        has(&ParameterIn::Header, Some("If-Match")),
    );
    if query || if_match {
        add(operation, &BAD_REQUEST);
    }
    if path {
        add(operation, &NOT_FOUND);
    }
    if if_match {
        add(operation, &PRECONDITION_FAILED);
    }
}
