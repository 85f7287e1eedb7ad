//! The reader's language on the pages (DESIGN §16). A middleware picks it once per request
//! — `?lang=`, then the switcher's cookie, then `Accept-Language` — and keeps it for the
//! request's task, so the functions that build HTML ask for it without every handler
//! passing it along. Message values that come from outside the translation (names, codes,
//! times, user text) are wrapped in `<bdi>`, so an English title inside an Arabic sentence
//! (or the reverse) keeps its own direction.

use std::borrow::Cow;

use axum::extract::{Query, Request};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, FixedOffset, Utc};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use tandem_core::{Phrase, PhraseArg, Zone};
use tandem_i18n::{Arg, Lang};

/// The cookie that keeps the language chosen with the switcher.
pub const LANG_COOKIE: &str = "tandem_lang";

/// What the pages of one request know about their reader.
#[derive(Clone, Debug)]
struct PageContext {
    lang: Lang,
    /// This page's path and query without `lang`, for the switcher's links back to it.
    here: String,
}

tokio::task_local! {
    static PAGE: PageContext;
}

/// The language of the page being built (English outside a request, e.g. in unit tests).
pub fn lang() -> Lang {
    PAGE.try_with(|p| p.lang).unwrap_or_default()
}

/// The path and query of the page being built, without `lang`.
pub fn here() -> String {
    PAGE.try_with(|p| p.here.clone())
        .unwrap_or_else(|_| "/".to_owned())
}

/// A cookie's value among the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The `lang` of a query string, and the query without it.
fn split_lang(query: &str) -> (Option<String>, String) {
    let mut asked = None;
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "lang" {
            asked = Some(v.into_owned());
        } else {
            kept.append_pair(&k, &v);
        }
    }
    (asked, kept.finish())
}

/// The language and context of one request's pages.
fn page_context(request: &Request) -> PageContext {
    let (asked, kept) = split_lang(request.uri().query().unwrap_or_default());
    let headers = request.headers();
    let lang = Lang::choose(
        asked.as_deref(),
        cookie(headers, LANG_COOKIE).as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let path = request.uri().path();
    let here = if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{kept}")
    };
    PageContext { lang, here }
}

/// Chooses the request's language and builds its pages in it; says which on the answer.
pub async fn choose_language(request: Request, next: Next) -> Response {
    let context = page_context(&request);
    let lang = context.lang;
    let mut response = PAGE.scope(context, next.run(request)).await;
    let headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(lang.tag()) {
        headers.insert(header::CONTENT_LANGUAGE, tag);
    }
    headers.append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

/// The switcher's request.
#[derive(Debug, Default, Deserialize)]
pub struct Choice {
    lang: Option<String>,
    next: Option<String>,
}

/// `GET /language?lang=fr&next=/planner`: keeps the choice in a cookie (a year) and goes
/// back to the page. A tag of none of the six languages changes nothing.
pub async fn switch_language(Query(choice): Query<Choice>) -> Response {
    // Only a local path: never an open redirect.
    let next = match choice.next.as_deref() {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/",
    };
    let mut response = Redirect::to(next).into_response();
    if let Some(lang) = choice.lang.as_deref().and_then(|l| l.parse::<Lang>().ok()) {
        let value = format!("{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax");
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// One value of a message shown in a page.
pub enum Part<'a> {
    /// Text from outside the translation: isolated in `<bdi>`.
    Text(Cow<'a, str>),
    /// Markup (a link, code), inserted as it is.
    Html(Markup),
    /// A number: selects plurals, shown in the language's digits.
    Number(f64),
}

impl<'a> From<&'a str> for Part<'a> {
    fn from(s: &'a str) -> Self {
        Part::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Part<'a> {
    fn from(s: &'a String) -> Self {
        Part::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Part<'_> {
    fn from(s: String) -> Self {
        Part::Text(Cow::Owned(s))
    }
}

impl From<Markup> for Part<'_> {
    fn from(m: Markup) -> Self {
        Part::Html(m)
    }
}

impl From<usize> for Part<'_> {
    fn from(n: usize) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Part::Number(n as f64)
    }
}

impl From<i64> for Part<'_> {
    fn from(n: i64) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Part::Number(n as f64)
    }
}

impl From<u64> for Part<'_> {
    fn from(n: u64) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Part::Number(n as f64)
    }
}

impl From<u32> for Part<'_> {
    fn from(n: u32) -> Self {
        Part::Number(f64::from(n))
    }
}

impl From<i32> for Part<'_> {
    fn from(n: i32) -> Self {
        Part::Number(f64::from(n))
    }
}

/// A placeholder no translation contains (Private Use Area), standing for the `i`th
/// inserted piece of markup until the message is escaped.
fn slot(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

/// The message `id` in the page's language as plain text (titles, attributes).
pub fn text(id: &str, args: Vec<(&str, Part<'_>)>) -> String {
    let args: Vec<(&str, Arg<'_>)> = args
        .into_iter()
        .map(|(name, part)| {
            let arg = match part {
                Part::Text(s) => Arg::Text(s),
                Part::Html(m) => Arg::Text(Cow::Owned(m.into_string())),
                Part::Number(n) => Arg::Number(n),
            };
            (name, arg)
        })
        .collect();
    lang().message_with(id, &args)
}

/// The message `id` in the page's language as markup: its own text escaped, text values
/// isolated in `<bdi>`, markup values inserted.
pub fn markup(id: &str, args: Vec<(&str, Part<'_>)>) -> Markup {
    let mut pieces: Vec<Markup> = Vec::new();
    let mut fluent: Vec<(&str, Arg<'_>)> = Vec::new();
    for (name, part) in args {
        match part {
            Part::Text(s) => {
                fluent.push((name, Arg::from(slot(pieces.len()))));
                pieces.push(html! { bdi { (s) } });
            }
            Part::Html(m) => {
                fluent.push((name, Arg::from(slot(pieces.len()))));
                pieces.push(m);
            }
            Part::Number(n) => fluent.push((name, Arg::Number(n))),
        }
    }
    let mut out = html! { (lang().message_with(id, &fluent)) }.into_string();
    for (i, piece) in pieces.into_iter().enumerate() {
        out = out.replacen(&slot(i), &piece.into_string(), 1);
    }
    PreEscaped(out)
}

/// A sentence of the core (why no window was found, why an event is not placed) in the
/// page's language: its text values isolated, its dates by ICU4X, its lists joined as the
/// language joins them.
pub fn say(phrase: &Phrase) -> Markup {
    let args = phrase
        .args()
        .iter()
        .map(|(name, arg)| {
            let part = match arg {
                PhraseArg::Text(s) => Part::Text(Cow::Borrowed(s.as_str())),
                PhraseArg::Number(n) => Part::Number(*n),
                PhraseArg::Date(d) => Part::Text(Cow::Owned(local_date(*d))),
                PhraseArg::List(items) => {
                    let separator = lang().message("list-separator");
                    Part::Html(html! {
                        @for (i, item) in items.iter().enumerate() {
                            @if i > 0 { (separator) }
                            (say(item))
                        }
                    })
                }
            };
            (*name, part)
        })
        .collect();
    markup(phrase.id(), args)
}

/// `s` between Unicode isolates (FSI … PDI), where markup cannot go (an `<option>`).
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// `instant` on the wall clock of `zone`.
fn local(instant: DateTime<Utc>, zone: Zone) -> DateTime<FixedOffset> {
    instant.with_timezone(&zone).fixed_offset()
}

/// `instant` as a date and time in `zone`, abbreviated: "Tue, Mar 9, 2027, 09:00".
pub fn local_time(instant: DateTime<Utc>, zone: Zone) -> String {
    lang().short_date_time(&local(instant, zone))
}

/// A calendar date with its weekday, long: "mercredi 13 janvier 2027".
pub fn local_date(date: chrono::NaiveDate) -> String {
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
    lang().weekday_date(&noon.and_utc().fixed_offset())
}

/// A time of day on the clock: "07:00" (in the language's digits).
pub fn clock(hour: u32, minute: u32) -> String {
    let at = chrono::NaiveDate::default()
        .and_hms_opt(hour, minute, 0)
        .unwrap_or_default();
    lang().time(&at.and_utc().fixed_offset())
}

/// The short name or offset of `zone` at `instant` ("CET", "GMT+5:45").
pub fn zone_label(instant: DateTime<Utc>, zone: Zone) -> String {
    lang().zone_abbreviation(&local(instant, zone), zone.name())
}

/// The full name of `zone` at `instant` ("West Africa Standard Time").
pub fn zone_name(instant: DateTime<Utc>, zone: Zone) -> String {
    lang().zone_name(&local(instant, zone), zone.name())
}

/// An interval as local times in `zone`, the end's date left out when it is the same day.
pub fn local_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Zone) -> String {
    let lang = lang();
    let (s, e) = (local(start, zone), local(end, zone));
    let zone_label = lang.zone_abbreviation(&e, zone.name());
    let (id, end_text) = if s.date_naive() == e.date_naive() {
        ("time-span-day", lang.time(&e))
    } else {
        ("time-span", lang.short_date_time(&e))
    };
    lang.message_with(
        id,
        &[
            ("start", Arg::from(lang.short_date_time(&s))),
            ("end", Arg::from(end_text)),
            ("zone", Arg::from(zone_label)),
        ],
    )
}

/// Message shorthands for the page builders: `t!("id")` and `t!("id", name = value)` give
/// plain text, `m!("id", name = value)` markup with its values isolated.
macro_rules! t {
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::web::i18n::text(
            $id,
            vec![$((stringify!($name), $crate::web::i18n::Part::from($value))),+],
        )
    };
    ($id:expr) => {
        $crate::web::i18n::text($id, Vec::new())
    };
}

macro_rules! m {
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::web::i18n::markup(
            $id,
            vec![$((stringify!($name), $crate::web::i18n::Part::from($value))),+],
        )
    };
}

pub(crate) use {m, t};
