//! Organiser sign-in for the pages: an API token is exchanged for a session
//! (`tower-sessions`), kept in the database ([`tandem_store::WebSessionStore`]), so any
//! instance serves any signed-in browser and a restart signs nobody out. The cookie
//! `tandem_session` holds only the session's random id (128 bits from the OS RNG); it is
//! HttpOnly, SameSite=Strict and Secure when the public URL is https. The database keeps the
//! id's SHA-256 (never the id), the token's SHA-256, so a revoked token ends its sessions at
//! the next request, and the session's CSRF token. A session ends [`SESSION_LIFETIME_HOURS`]
//! after sign-in, at sign-out, or when its token is revoked. Every form that changes
//! something carries a CSRF token: the session's for signed-in forms, a double-submit
//! cookie for the sign-in form itself.

use std::sync::Arc;

use async_trait::async_trait;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use maud::html;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tandem_store::{Store, TokenRecord};
use tower_sessions::cookie::{time, Cookie, SameSite};
use tower_sessions::session::{Id, Record};
use tower_sessions::{session_store, Expiry, Session, SessionManagerLayer, SessionStore};

use super::{html_response, m, page, t, PageError};
use crate::state::AppState;
use tandem_app::tokens::token_hash;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "tandem_session";
/// Name of the sign-in form's double-submit CSRF cookie.
pub const SIGNIN_CSRF_COOKIE: &str = "tandem_signin_csrf";
/// How long a session lasts after sign-in (a working day); nothing renews it.
pub const SESSION_LIFETIME_HOURS: i64 = 8;

/// Session keys: the token's SHA-256 (hex) and the session's CSRF token.
const TOKEN_KEY: &str = "token_sha256";
const CSRF_KEY: &str = "csrf";

/// A signed-in organiser, as a page handler sees them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// Their token's record (never the token).
    pub token: TokenRecord,
    /// The CSRF token every form of theirs must carry.
    pub csrf: String,
}

/// `tower-sessions`' store over tandem's database: sessions by the SHA-256 of their id.
#[derive(Clone)]
pub struct DbSessions(Arc<dyn Store>);

impl std::fmt::Debug for DbSessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessions").finish_non_exhaustive()
    }
}

fn lifetime() -> chrono::Duration {
    chrono::Duration::hours(SESSION_LIFETIME_HOURS)
}

/// What the database keys a session by: the SHA-256 of its id, so reading the table does
/// not hand out sessions.
fn id_hash(id: &Id) -> [u8; 32] {
    Sha256::digest(id.to_string().as_bytes()).into()
}

fn backend(error: &tandem_store::StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encoded(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encoded(record)?;
        while !self
            .0
            .create_web_session(&id_hash(&record.id), &data, lifetime())
            .await
            .map_err(|e| backend(&e))?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.0
            .save_web_session(&id_hash(&record.id), &encoded(record)?, lifetime())
            .await
            .map_err(|e| backend(&e))
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some((data, expires_at)) = self
            .0
            .web_session(&id_hash(id))
            .await
            .map_err(|e| backend(&e))?
        else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0
            .delete_web_session(&id_hash(id))
            .await
            .map_err(|e| backend(&e))
    }
}

fn secure(state: &AppState) -> bool {
    state.settings.public_url().starts_with("https://")
}

/// The pages' session layer: sessions in the database, the cookie's attributes.
pub fn layer(state: &AppState) -> SessionManagerLayer<DbSessions> {
    SessionManagerLayer::new(DbSessions(state.app.store.clone()))
        .with_name(SESSION_COOKIE)
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(secure(state))
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(
            SESSION_LIFETIME_HOURS,
        )))
}

fn random_id() -> Result<String, PageError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| PageError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The `Set-Cookie` of the sign-in form's CSRF cookie, lasting an hour (`None`: its removal).
fn signin_csrf_cookie(state: &AppState, value: Option<&str>) -> HeaderValue {
    let mut cookie = Cookie::build((SIGNIN_CSRF_COOKIE, value.unwrap_or_default().to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure(state))
        .max_age(time::Duration::hours(1))
        .build();
    if value.is_none() {
        cookie.make_removal();
    }
    HeaderValue::from_str(&cookie.encoded().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The sign-in form's CSRF cookie as the browser sent it.
fn signin_csrf(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse_encoded)
        .filter_map(Result::ok)
        .find(|c| c.name() == SIGNIN_CSRF_COOKIE)
        .map(|c| c.value().to_owned())
}

/// Whether two secrets are equal, in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A session that could not be read or written: the database's fault (busy or down) is a
/// 503 like any other, anything else (a record that does not decode) an internal error.
fn session_failed(error: tower_sessions::session::Error) -> PageError {
    let unavailable = matches!(
        error,
        tower_sessions::session::Error::Store(session_store::Error::Backend(_))
    );
    let error = anyhow::Error::new(error).context("web session");
    if unavailable {
        PageError::Unavailable(error)
    } else {
        PageError::Internal(error)
    }
}

/// The signed-in organiser of this request, if any (their token must still be live).
pub async fn signed_in(state: &AppState, session: &Session) -> Result<Option<SignedIn>, PageError> {
    let token: Option<String> = session.get(TOKEN_KEY).await.map_err(session_failed)?;
    let csrf: Option<String> = session.get(CSRF_KEY).await.map_err(session_failed)?;
    let (Some(token), Some(csrf)) = (token, csrf) else {
        return Ok(None);
    };
    let hash = hex::decode(&token)
        .ok()
        .and_then(|h| <[u8; 32]>::try_from(h).ok());
    let live = match hash {
        Some(hash) => state.app.store.token_by_hash(&hash).await?,
        None => None,
    };
    let Some(token) = live else {
        session.flush().await.map_err(session_failed)?;
        return Ok(None);
    };
    Ok(Some(SignedIn { token, csrf }))
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
        h1 { (t!("signin-heading")) }
        @if let Some(error) = error { div.errors role="alert" { p { (error) } } }
        form.planner method="post" action="/signin" {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="next" value=(next);
            label for="token" {
                (m!("signin-token", command = html! { code dir="ltr" { "tandem token create --role organiser" } }))
                input id="token" name="token" type="password" autocomplete="off" required;
            }
            div { button.button type="submit" { (t!("signin-submit")) } }
        }
        p.muted { (t!("signin-note")) }
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
            &t!("signin-title"),
            &signin_form(&csrf, &local_path(next.next.as_deref()), None),
        ),
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, signin_csrf_cookie(&state, Some(&csrf)));
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

/// `POST /signin`: checks the CSRF pair and the token, then starts a session (under a new
/// id: a session id never outlives a sign-in).
pub async fn signin(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<SigninForm>,
) -> Result<Response, PageError> {
    let next = local_path(form.next.as_deref());
    if !signin_csrf(&headers).is_some_and(|c| same_secret(&c, &form.csrf)) {
        return Ok(forbidden_form());
    }
    let hash = token_hash(form.token.trim());
    let Some(token) = state.app.store.token_by_hash(&hash).await? else {
        return Ok(unknown_token(&state, &form.csrf, &next));
    };
    start_session(&session, &hash).await?;
    tracing::info!(token_id = %token.id, "organiser signed in to the pages");
    let mut response = Redirect::to(&next).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, signin_csrf_cookie(&state, None));
    Ok(response)
}

/// The sign-in form again, saying the token is unknown (its CSRF cookie kept).
fn unknown_token(state: &AppState, csrf: &str, next: &str) -> Response {
    let mut response = html_response(
        StatusCode::UNAUTHORIZED,
        page(
            &t!("signin-title"),
            &signin_form(csrf, next, Some(&t!("signin-unknown"))),
        ),
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, signin_csrf_cookie(state, Some(csrf)));
    response
}

/// Starts a session for the token of `hash` under a fresh id, with its own CSRF token.
async fn start_session(session: &Session, hash: &[u8; 32]) -> Result<(), PageError> {
    session.cycle_id().await.map_err(session_failed)?;
    session
        .insert(TOKEN_KEY, hex::encode(hash))
        .await
        .map_err(session_failed)?;
    session
        .insert(CSRF_KEY, random_id()?)
        .await
        .map_err(session_failed)
}

/// The signed-in user posting a form that carries `csrf`; otherwise the answer to give
/// instead: the sign-in page (coming back to `next`), or the forbidden page when the form's
/// CSRF token is not the session's.
pub async fn posting(
    state: &AppState,
    session: &Session,
    csrf: &str,
    next: &str,
) -> Result<Result<SignedIn, Response>, PageError> {
    let Some(user) = signed_in(state, session).await? else {
        return Ok(Err(
            Redirect::to(&format!("/signin?next={next}")).into_response()
        ));
    };
    if !same_secret(&user.csrf, csrf) {
        return Ok(Err(forbidden_form()));
    }
    Ok(Ok(user))
}

/// A form whose CSRF token is missing or wrong.
pub fn forbidden_form() -> Response {
    html_response(
        StatusCode::FORBIDDEN,
        page(
            &t!("form-expired-title"),
            &html! {
                h1 { (t!("form-expired-heading")) }
                p { (t!("form-expired-text")) }
            },
        ),
    )
}

/// A form carrying only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /signout`: ends the session (in the database too: the cookie is no longer honoured
/// by any instance).
pub async fn signout(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    if let Some(user) = signed_in(&state, &session).await? {
        if !same_secret(&user.csrf, &form.csrf) {
            return Ok(forbidden_form());
        }
    }
    session.flush().await.map_err(session_failed)?;
    Ok(Redirect::to("/").into_response())
}
