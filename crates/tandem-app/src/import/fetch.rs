//! Fetching a calendar over HTTP(S) (DESIGN §8): a connect timeout and a total timeout over
//! the whole exchange, a size cap enforced while the body streams in, at most
//! [`MAX_REDIRECTS`] redirects each re-checked by the SSRF guard, a `tandem/<version>` user
//! agent, and conditional GETs with the stored `ETag`/`Last-Modified`.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use reqwest::redirect::Policy;
use reqwest::{StatusCode, Url};
use tandem_core::Phrase;

use super::guard::{Guard, GuardedResolver, Refused};

/// Most redirects followed for one fetch; the next one is refused.
pub const MAX_REDIRECTS: usize = 5;

/// The `User-Agent` of every fetch.
pub const USER_AGENT: &str = concat!("tandem/", env!("CARGO_PKG_VERSION"));

/// What the last good copy was served with, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    /// Its `ETag`, sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Its `Last-Modified`, sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Validators {
    fn any(&self) -> bool {
        self.etag.is_some() || self.last_modified.is_some()
    }
}

/// What a fetch brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// A body (2xx), with the validators to send next time.
    Body {
        /// The bytes, at most the configured cap.
        bytes: Vec<u8>,
        /// Validators of this copy.
        validators: Validators,
    },
    /// 304 Not Modified: the copy held is current.
    NotModified,
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL cannot be fetched at all.
    #[error("{0}")]
    InvalidUrl(Phrase),
    /// The SSRF guard refused the URL or an address it resolved to.
    #[error("refused: {0}")]
    Refused(Refused),
    /// More than [`MAX_REDIRECTS`] redirects.
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    /// A redirect without a usable `Location`.
    #[error("{0}")]
    BadRedirect(Phrase),
    /// The whole exchange took longer than the total timeout.
    #[error("no complete answer within {0} s")]
    Timeout(u64),
    /// The body exceeded the cap.
    #[error("the calendar is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// The server answered with an error status.
    #[error("the server answered HTTP {0}")]
    Status(String),
    /// Connecting or reading failed.
    #[error("{0}")]
    Network(String),
}

/// [`FetchError::TooLarge`] as a phrase.
pub fn too_large(limit: u64) -> Phrase {
    // Caps are far below 2^52 bytes: the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let bytes = limit as f64;
    Phrase::new(
        "import-too-large",
        FetchError::TooLarge { limit }.to_string(),
    )
    .number("limit", bytes)
}

/// [`FetchError::TooManyRedirects`] as a phrase.
pub fn too_many_redirects() -> Phrase {
    Phrase::new(
        "import-too-many-redirects",
        FetchError::TooManyRedirects.to_string(),
    )
    .count("max", MAX_REDIRECTS)
}

/// Receives download progress (the CLI draws a bar; everything else ignores it).
pub trait Progress: Send + Sync {
    /// The body's announced length, if any.
    fn length(&self, _total: Option<u64>) {}
    /// Bytes received so far.
    fn received(&self, _bytes: u64) {}
    /// What is being done now (`reading the calendar`, `storing`).
    fn stage(&self, _what: &str) {}
}

/// Progress nobody watches.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// The URL to fetch for what a user typed: `webcal://` and `webcals://` are `https://`;
/// only https and http are fetched.
pub fn source_url(text: &str) -> Result<Url, FetchError> {
    let text = text.trim();
    let rewritten = ["webcals://", "webcal://"].iter().find_map(|scheme| {
        let (head, rest) = text.split_at_checked(scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| format!("https://{rest}"))
    });
    let url = Url::parse(rewritten.as_deref().unwrap_or(text)).map_err(|e| {
        FetchError::InvalidUrl(
            Phrase::new("import-url-not-url", format!("not a URL ({e})"))
                .text("reason", e.to_string()),
        )
    })?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "http" | "https" => Err(FetchError::InvalidUrl(Phrase::new(
            "import-url-no-host",
            "the URL has no host",
        ))),
        other => Err(FetchError::InvalidUrl(
            Phrase::new(
                "import-url-scheme",
                format!("the scheme '{other}' is not fetched: use https, http or webcal"),
            )
            .text("scheme", other),
        )),
    }
}

/// The URL without its password, for showing (the path may still be a secret link, so logs
/// name only the host).
pub fn shown_url(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => text.to_owned(),
    }
}

/// An HTTP client bound to the SSRF guard.
#[derive(Clone, Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    guard: Arc<Guard>,
    max_bytes: u64,
    timeout: Duration,
}

impl Fetcher {
    /// A client with the given guard, timeouts and size cap.
    pub fn new(
        guard: Arc<Guard>,
        connect_timeout: Duration,
        timeout: Duration,
        max_bytes: u64,
    ) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(Policy::none())
            // A proxy would resolve names the guard never sees.
            .no_proxy()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .dns_resolver(Arc::new(GuardedResolver::new(guard.clone())))
            .build()?;
        Ok(Self {
            client,
            guard,
            max_bytes,
            timeout,
        })
    }

    /// The size cap, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Fetches `url`, conditionally when `validators` has something, following redirects.
    pub async fn fetch(
        &self,
        url: &Url,
        validators: &Validators,
        progress: &dyn Progress,
    ) -> Result<Fetched, FetchError> {
        tokio::time::timeout(self.timeout, self.exchange(url, validators, progress))
            .await
            .unwrap_or(Err(FetchError::Timeout(self.timeout.as_secs())))
    }

    async fn exchange(
        &self,
        url: &Url,
        validators: &Validators,
        progress: &dyn Progress,
    ) -> Result<Fetched, FetchError> {
        let mut url = url.clone();
        let mut redirects = 0;
        loop {
            self.guard.check_url(&url).map_err(FetchError::Refused)?;
            let mut request = self
                .client
                .get(url.clone())
                .header(header::ACCEPT, "text/calendar, */*;q=0.5");
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(since) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, since);
            }
            let response = request.send().await.map_err(|e| self.failure(&e))?;
            let status = response.status();
            match status {
                StatusCode::NOT_MODIFIED if validators.any() => return Ok(Fetched::NotModified),
                StatusCode::MOVED_PERMANENTLY
                | StatusCode::FOUND
                | StatusCode::SEE_OTHER
                | StatusCode::TEMPORARY_REDIRECT
                | StatusCode::PERMANENT_REDIRECT => {
                    if redirects == MAX_REDIRECTS {
                        return Err(FetchError::TooManyRedirects);
                    }
                    redirects += 1;
                    url = next_hop(&url, response.headers())?;
                }
                s if s.is_success() => {
                    let validators = Validators {
                        etag: header_text(response.headers(), &header::ETAG),
                        last_modified: header_text(response.headers(), &header::LAST_MODIFIED),
                    };
                    let bytes = self.body(response, progress).await?;
                    return Ok(Fetched::Body { bytes, validators });
                }
                s => {
                    return Err(FetchError::Status(
                        format!("{} {}", s.as_u16(), s.canonical_reason().unwrap_or(""))
                            .trim_end()
                            .to_owned(),
                    ))
                }
            }
        }
    }

    /// Reads the body chunk by chunk, giving up as soon as it passes the cap.
    async fn body(
        &self,
        mut response: reqwest::Response,
        progress: &dyn Progress,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.max_bytes;
        let announced = response.content_length();
        if announced.is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        progress.length(announced);
        let mut body = Vec::with_capacity(
            usize::try_from(announced.unwrap_or(0).min(limit)).unwrap_or_default(),
        );
        while let Some(chunk) = response.chunk().await.map_err(|e| self.failure(&e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
            progress.received(body.len() as u64);
        }
        Ok(body)
    }

    /// Names a client error without the URL (its path may be a secret link).
    fn failure(&self, error: &reqwest::Error) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = source {
            if let Some(refused) = e.downcast_ref::<Refused>() {
                return FetchError::Refused(refused.clone());
            }
            source = e.source();
        }
        if error.is_timeout() {
            return FetchError::Timeout(self.timeout.as_secs());
        }
        let mut words = Vec::new();
        let mut source = std::error::Error::source(error);
        while let Some(e) = source {
            words.push(e.to_string());
            source = e.source();
        }
        let what = if error.is_connect() {
            "could not connect"
        } else if error.is_body() || error.is_decode() {
            "the download broke off"
        } else {
            "the request failed"
        };
        if words.is_empty() {
            FetchError::Network(what.to_owned())
        } else {
            FetchError::Network(format!("{what}: {}", words.join(": ")))
        }
    }
}

fn header_text(headers: &HeaderMap, name: &header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn next_hop(from: &Url, headers: &HeaderMap) -> Result<Url, FetchError> {
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            FetchError::BadRedirect(Phrase::new(
                "import-redirect-no-location",
                "a redirect without a Location",
            ))
        })?;
    let next = from.join(location).map_err(|e| {
        FetchError::BadRedirect(
            Phrase::new(
                "import-redirect-invalid",
                format!("a redirect to an invalid URL ({e})"),
            )
            .text("reason", e.to_string()),
        )
    })?;
    if matches!(next.scheme(), "http" | "https") {
        Ok(next)
    } else {
        Err(FetchError::BadRedirect(
            Phrase::new(
                "import-redirect-scheme",
                format!(
                    "a redirect to the scheme '{}', which is not fetched",
                    next.scheme()
                ),
            )
            .text("scheme", next.scheme()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webcal_is_https_and_other_schemes_are_refused() {
        assert_eq!(
            source_url("webcal://example.org/a.ics")
                .expect("url")
                .as_str(),
            "https://example.org/a.ics"
        );
        assert_eq!(
            source_url(" WEBCALS://Example.org/a.ics ")
                .expect("url")
                .as_str(),
            "https://example.org/a.ics"
        );
        assert_eq!(
            source_url("http://example.org/a.ics")
                .expect("url")
                .as_str(),
            "http://example.org/a.ics"
        );
        for bad in [
            "ftp://example.org/a.ics",
            "file:///etc/passwd",
            "example.org/a.ics",
            "https://",
        ] {
            assert!(source_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            shown_url("https://me:secret@example.org/a.ics"),
            "https://me:***@example.org/a.ics"
        );
        assert_eq!(
            shown_url("webcal://example.org/a.ics"),
            "webcal://example.org/a.ics"
        );
    }
}
