//! Organiser sign-in for the pages: an API token is exchanged for a session. The cookie
//! holds only a random session id (256 bits from the OS RNG), is HttpOnly, SameSite=Strict
//! and Secure when the public URL is https. The session keeps the token's SHA-256, so a
//! revoked token ends its sessions at the next request. Every form that changes something
//! carries a CSRF token: the session's for signed-in forms, a double-submit cookie for the
//! sign-in form itself.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use maud::html;
use serde::Deserialize;
use subtle::ConstantTimeEq;
use tandem_store::TokenRecord;

use super::{html_response, page, PageError};
use crate::state::AppState;
use tandem_app::tokens::token_hash;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "tandem_session";
/// Name of the sign-in form's double-submit CSRF cookie.
pub const SIGNIN_CSRF_COOKIE: &str = "tandem_signin_csrf";
/// How long a session lasts without being renewed.
const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);

/// One signed-in organiser.
#[derive(Clone)]
struct Session {
    token_hash: [u8; 32],
    csrf: String,
    expires: Instant,
}

/// Live sessions by id.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<String, Session>>,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Session ids are secrets: never print them.
        f.debug_struct("Sessions").finish_non_exhaustive()
    }
}

/// A signed-in organiser, as a page handler sees them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// Their token's record (never the token).
    pub token: TokenRecord,
    /// The CSRF token every form of theirs must carry.
    pub csrf: String,
}

fn random_id() -> Result<String, PageError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| PageError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn set_cookie(state: &AppState, name: &str, value: &str, max_age: u64) -> HeaderValue {
    let secure = if state.settings.public_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether two secrets are equal, in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

impl Sessions {
    fn insert(&self, id: String, session: Session) {
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        live.retain(|_, s| s.expires > now);
        live.insert(id, session);
    }

    fn get(&self, id: &str) -> Option<Session> {
        let live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.get(id).filter(|s| s.expires > Instant::now()).cloned()
    }

    fn remove(&self, id: &str) {
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.remove(id);
    }
}

/// The signed-in organiser of this request, if any (their token must still be live).
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, PageError> {
    let Some(id) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some(session) = state.sessions.get(&id) else {
        return Ok(None);
    };
    let Some(token) = state.app.store.token_by_hash(&session.token_hash).await? else {
        state.sessions.remove(&id);
        return Ok(None);
    };
    Ok(Some(SignedIn {
        token,
        csrf: session.csrf,
    }))
}

/// Where to go after signing in.
#[derive(Debug, Default, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only local paths: never an open redirect.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/clashes".to_owned(),
    }
}

fn signin_form(csrf: &str, next: &str, error: Option<&str>) -> maud::Markup {
    html! {
        h1 { "Organiser sign-in" }
        @if let Some(error) = error { div.errors role="alert" { p { (error) } } }
        form.planner method="post" action="/signin" {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="next" value=(next);
            label for="token" {
                "API token (from " code { "tandem token create --role organiser" } ")"
                input id="token" name="token" type="password" autocomplete="off" required;
            }
            div { button.button type="submit" { "Sign in" } }
        }
        p.muted { "The token is checked once and never stored in your browser: a session cookie is." }
    }
}

/// `GET /signin`: the form, with a fresh double-submit CSRF cookie.
pub async fn signin_page(
    State(state): State<AppState>,
    Query(next): Query<Next>,
) -> Result<Response, PageError> {
    let csrf = random_id()?;
    let mut response = html_response(
        StatusCode::OK,
        page(
            "Sign in",
            &signin_form(&csrf, &local_path(next.next.as_deref()), None),
        ),
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, SIGNIN_CSRF_COOKIE, &csrf, 3600),
    );
    Ok(response)
}

/// The sign-in form as posted.
#[derive(Deserialize)]
pub struct SigninForm {
    token: String,
    csrf: String,
    next: Option<String>,
}

impl std::fmt::Debug for SigninForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigninForm").finish_non_exhaustive()
    }
}

/// `POST /signin`: checks the CSRF pair and the token, then starts a session.
pub async fn signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SigninForm>,
) -> Result<Response, PageError> {
    let next = local_path(form.next.as_deref());
    let csrf_ok = cookie(&headers, SIGNIN_CSRF_COOKIE).is_some_and(|c| same_secret(&c, &form.csrf));
    if !csrf_ok {
        return Ok(forbidden_form());
    }
    let Some(token) = state
        .app
        .store
        .token_by_hash(&token_hash(form.token.trim()))
        .await?
    else {
        let mut response = html_response(
            StatusCode::UNAUTHORIZED,
            page(
                "Sign in",
                &signin_form(&form.csrf, &next, Some("That token is unknown or revoked.")),
            ),
        );
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(&state, SIGNIN_CSRF_COOKIE, &form.csrf, 3600),
        );
        return Ok(response);
    };
    let id = random_id()?;
    state.sessions.insert(
        id.clone(),
        Session {
            token_hash: token_hash(form.token.trim()),
            csrf: random_id()?,
            expires: Instant::now() + SESSION_LIFETIME,
        },
    );
    tracing::info!(token_id = %token.id, "organiser signed in to the pages");
    let mut response = Redirect::to(&next).into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, &id, SESSION_LIFETIME.as_secs()),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(&state, SIGNIN_CSRF_COOKIE, "", 0),
    );
    Ok(response)
}

/// A form whose CSRF token is missing or wrong.
pub fn forbidden_form() -> Response {
    html_response(
        StatusCode::FORBIDDEN,
        page(
            "Form expired",
            &html! {
                h1 { "This form has expired" }
                p { "Reload the page and send the form again." }
            },
        ),
    )
}

/// A form carrying only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /signout`: ends the session.
pub async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    if let Some(user) = signed_in(&state, &headers).await? {
        if !same_secret(&user.csrf, &form.csrf) {
            return Ok(forbidden_form());
        }
    }
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        state.sessions.remove(&id);
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, "", 0),
    );
    Ok(response)
}
