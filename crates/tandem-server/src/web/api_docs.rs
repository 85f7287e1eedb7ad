//! `/api/docs`: the API reference as one of tandem's pages, drawn on the server from the
//! OpenAPI document the API publishes (`/api/v1/openapi.json`): every operation by tag with
//! its parameters, body and answers, then every schema with its fields. It is in the
//! reader's language around the document's own words (which are English and marked so),
//! needs no script, and passes axe-core like every other page (DESIGN §16).
//!
//! The interactive console, Swagger UI (vendored), is at `/api/docs/console`. Its markup is
//! Swagger UI's own: axe-core finds controls nested in controls, skipped heading levels and
//! low-contrast method badges in it, which tandem cannot change from outside, so the page
//! the navigation links to is this one, and the console is one link away from it.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde_json::Value;

use super::{html_response, m, page, t, term};

/// The methods an OpenAPI path item may have, in the order they are shown.
const METHODS: [&str; 8] = [
    "get", "post", "put", "patch", "delete", "head", "options", "trace",
];

/// `GET /api/docs`: a handler answering with the reference to `openapi`.
pub fn reference(
    openapi: Arc<Value>,
) -> impl Fn() -> std::future::Ready<Response> + Clone + Send + 'static {
    move || {
        std::future::ready(html_response(
            StatusCode::OK,
            page(&t!("apidocs-title"), &render(&openapi)),
        ))
    }
}

/// The last segment of a `$ref` (`#/components/schemas/EventRequest` → `EventRequest`).
fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// A schema's type in a few words: a reference's name, `string | null`, `array of Event`.
fn type_of(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return ref_name(r).to_owned();
    }
    for (key, joiner) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
        if let Some(parts) = schema.get(key).and_then(Value::as_array) {
            return parts.iter().map(type_of).collect::<Vec<_>>().join(joiner);
        }
    }
    let names: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .map(|t| match (t.as_str(), schema.get("items")) {
            ("array", Some(items)) => format!("array of {}", type_of(items)),
            _ => t,
        })
        .collect();
    if names.is_empty() {
        "object".to_owned()
    } else {
        names.join(" | ")
    }
}

/// An anchor id from a tag, operation or schema name (ASCII letters, digits and `-`).
fn anchor(prefix: &str, name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{prefix}-{safe}")
}

/// One operation of the document, with where it is.
struct Operation<'a> {
    method: &'a str,
    path: &'a str,
    op: &'a Value,
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn render(doc: &Value) -> Markup {
    let mut tags: Vec<String> = doc
        .get("tags")
        .and_then(Value::as_array)
        .map(|ts| {
            ts.iter()
                .filter_map(|t| text(t, "name").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut operations: Vec<(String, Operation<'_>)> = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in METHODS {
                let Some(op) = item.get(method) else {
                    continue;
                };
                let tag = op
                    .get("tags")
                    .and_then(Value::as_array)
                    .and_then(|t| t.first())
                    .and_then(Value::as_str)
                    .unwrap_or("api")
                    .to_owned();
                if !tags.contains(&tag) {
                    tags.push(tag.clone());
                }
                operations.push((tag, Operation { method, path, op }));
            }
        }
    }
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    html! {
        h1 { (t!("apidocs-title")) }
        p { (m!("apidocs-intro",
            document = html! { a href="/api/v1/openapi.json" dir="ltr" { code { "openapi.json" } } },
            console = html! { a href="/api/docs/console" { (t!("apidocs-console")) } })) }
        p { (m!("apidocs-auth", header = html! { code dir="ltr" { "Authorization: Bearer …" } })) }
        nav aria-labelledby="apidocs-contents" {
            h2 id="apidocs-contents" { (t!("apidocs-contents")) }
            ul {
                @for tag in &tags {
                    li { a href={ "#" (anchor("tag", tag)) } lang="en" dir="ltr" { (tag) } }
                }
                @if schemas.is_some() {
                    li { a href="#schemas" { (t!("apidocs-schemas")) } }
                }
            }
        }
        @for tag in &tags {
            section aria-labelledby=(anchor("tag", tag)) {
                h2 id=(anchor("tag", tag)) lang="en" dir="ltr" { (tag) }
                @for (_, o) in operations.iter().filter(|(t, _)| t == tag) {
                    (operation(o))
                }
            }
        }
        @if let Some(schemas) = schemas {
            section aria-labelledby="schemas" {
                h2 id="schemas" { (t!("apidocs-schemas")) }
                @for (name, schema) in schemas {
                    (schema_section(name, schema))
                }
            }
        }
    }
}

fn operation(o: &Operation<'_>) -> Markup {
    let id = text(o.op, "operationId").unwrap_or(o.path);
    let parameters: Vec<&Value> =
        o.op.get("parameters")
            .and_then(Value::as_array)
            .map(|ps| ps.iter().collect())
            .unwrap_or_default();
    let body = o.op.get("requestBody");
    let responses = o.op.get("responses").and_then(Value::as_object);
    html! {
        article.operation aria-labelledby=(anchor("op", id)) {
            h3 id=(anchor("op", id)) dir="ltr" {
                span.badge { (o.method.to_uppercase()) } " " code { (o.path) }
            }
            @if let Some(summary) = text(o.op, "summary") { p lang="en" dir="ltr" { (summary) } }
            @if let Some(description) = text(o.op, "description") {
                @for para in description.split("\n\n") { p lang="en" dir="ltr" { (para) } }
            }
            @if !parameters.is_empty() {
                div.scroll {
                    table {
                        caption { (t!("apidocs-parameters")) }
                        thead { tr {
                            th scope="col" { (t!("apidocs-name")) }
                            th scope="col" { (t!("apidocs-in")) }
                            th scope="col" { (t!("apidocs-type")) }
                            th scope="col" { (t!("apidocs-required")) }
                            th scope="col" { (t!("apidocs-description")) }
                        } }
                        tbody {
                            @for p in &parameters {
                                tr {
                                    td { code dir="ltr" { (text(p, "name").unwrap_or_default()) } }
                                    td { (term("apidocs-in", text(p, "in").unwrap_or("query"))) }
                                    td { code dir="ltr" { (p.get("schema").map(type_of).unwrap_or_default()) } }
                                    td { (yes_no(p.get("required").and_then(Value::as_bool).unwrap_or(false))) }
                                    td lang="en" dir="ltr" { (text(p, "description").unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(body) = body {
                p {
                    strong { (t!("apidocs-body")) } " "
                    @for (i, (media, content)) in body.get("content").and_then(Value::as_object).into_iter().flatten().enumerate() {
                        @if i > 0 { ", " }
                        code dir="ltr" { (media) }
                        @if let Some(schema) = content.get("schema") {
                            " " (schema_link(schema))
                        }
                    }
                    @if body.get("required").and_then(Value::as_bool).unwrap_or(false) {
                        " (" (t!("apidocs-body-required")) ")"
                    }
                }
            }
            @if let Some(responses) = responses {
                div.scroll {
                    table {
                        caption { (t!("apidocs-responses")) }
                        thead { tr {
                            th scope="col" { (t!("apidocs-status")) }
                            th scope="col" { (t!("apidocs-description")) }
                            th scope="col" { (t!("apidocs-type")) }
                        } }
                        tbody {
                            @for (status, answer) in responses {
                                tr {
                                    td { code dir="ltr" { (status) } }
                                    td lang="en" dir="ltr" { (text(answer, "description").unwrap_or_default()) }
                                    td {
                                        @for (i, (media, content)) in answer.get("content").and_then(Value::as_object).into_iter().flatten().enumerate() {
                                            @if i > 0 { br; }
                                            code dir="ltr" { (media) }
                                            @if let Some(schema) = content.get("schema") {
                                                " " (schema_link(schema))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A schema's type, linked to its section when it is a named schema.
fn schema_link(schema: &Value) -> Markup {
    let target = schema
        .get("$ref")
        .or_else(|| schema.pointer("/items/$ref"))
        .and_then(Value::as_str)
        .map(ref_name);
    html! {
        @if let Some(name) = target {
            a href={ "#" (anchor("schema", name)) } dir="ltr" { code { (type_of(schema)) } }
        } @else {
            code dir="ltr" { (type_of(schema)) }
        }
    }
}

fn yes_no(yes: bool) -> String {
    if yes {
        t!("apidocs-yes")
    } else {
        t!("apidocs-no")
    }
}

fn schema_section(name: &str, schema: &Value) -> Markup {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let properties = schema.get("properties").and_then(Value::as_object);
    let values: Vec<String> = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|e| {
            e.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    html! {
        article.schema aria-labelledby=(anchor("schema", name)) {
            h3 id=(anchor("schema", name)) dir="ltr" { code { (name) } }
            @if let Some(description) = text(schema, "description") {
                p lang="en" dir="ltr" { (description) }
            }
            @if !values.is_empty() {
                p { strong { (t!("apidocs-values")) } " "
                    @for (i, v) in values.iter().enumerate() {
                        @if i > 0 { ", " }
                        code dir="ltr" { (v) }
                    }
                }
            }
            @if let Some(properties) = properties {
                div.scroll {
                    table {
                        caption { (m!("apidocs-fields", schema = html! { code dir="ltr" { (name) } })) }
                        thead { tr {
                            th scope="col" { (t!("apidocs-name")) }
                            th scope="col" { (t!("apidocs-type")) }
                            th scope="col" { (t!("apidocs-required")) }
                            th scope="col" { (t!("apidocs-description")) }
                        } }
                        tbody {
                            @for (field, property) in properties {
                                tr {
                                    td { code dir="ltr" { (field) } }
                                    td { (schema_link(property)) }
                                    td { (yes_no(required.contains(&field.as_str()))) }
                                    td lang="en" dir="ltr" { (text(property, "description").unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            } @else if values.is_empty() {
                p { (t!("apidocs-type")) ": " (schema_link(schema)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_read_as_a_person_would_say_them() {
        assert_eq!(
            type_of(&json!({"$ref": "#/components/schemas/Event"})),
            "Event"
        );
        assert_eq!(
            type_of(&json!({"type": ["string", "null"]})),
            "string | null"
        );
        assert_eq!(
            type_of(&json!({"type": "array", "items": {"$ref": "#/components/schemas/Window"}})),
            "array of Window"
        );
        assert_eq!(
            type_of(&json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Room"}]})),
            "null | Room"
        );
        assert_eq!(type_of(&json!({})), "object");
        assert_eq!(anchor("op", "list_events"), "op-list-events");
    }
}
