//! Fetching a URL for a capture: `ureq` with rustls (ring), no cookies, connect and total
//! timeouts, a size limit, redirects followed by hand (each one recorded and checked to be
//! http or https), progress reports and a cancel flag for a background thread. Errors say
//! what happened in plain words.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Default largest body accepted: 50 MB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// How a fetch is bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Time allowed to open the connection.
    pub connect_timeout: Duration,
    /// Time allowed for the whole fetch of one URL (per redirect hop).
    pub total_timeout: Duration,
    /// Largest body accepted; a larger one is refused and nothing is kept.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(120),
            max_bytes: DEFAULT_MAX_BYTES,
            max_redirects: 10,
        }
    }
}

/// How far a fetch is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Bytes received so far.
    pub received: u64,
    /// Bytes expected, when the server said.
    pub total: Option<u64>,
}

/// What a fetch brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The body.
    pub bytes: Vec<u8>,
    /// The URL asked for.
    pub original_url: String,
    /// The URL the body came from.
    pub final_url: String,
    /// Each URL a redirect pointed to, in order.
    pub redirects: Vec<String>,
    /// The final HTTP status.
    pub status: u16,
    /// The `Content-Type` the server declared.
    pub content_type: Option<String>,
}

/// Why a URL could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Only http and https are fetched.
    #[error("only http and https links can be captured, not {scheme:?} ({url})")]
    NotAllowedScheme {
        /// The scheme found.
        scheme: String,
        /// The URL.
        url: String,
    },
    /// Not a URL at all.
    #[error("this is not a web address ({0})")]
    BadUrl(String),
    /// The host name does not resolve.
    #[error("the server's name could not be found (DNS) ({0})")]
    Dns(String),
    /// Nothing listens there.
    #[error("the server refused the connection ({0})")]
    Refused(String),
    /// Too slow.
    #[error("the server took too long to answer (timeout) ({0})")]
    Timeout(String),
    /// 4xx or 5xx.
    #[error("the server answered {status} {reason} ({url})")]
    Status {
        /// The status code.
        status: u16,
        /// Its usual name ("Not Found").
        reason: String,
        /// The URL.
        url: String,
    },
    /// Over the size limit.
    #[error("the page is larger than the {limit} byte limit; nothing was kept ({url})")]
    TooLarge {
        /// The limit.
        limit: u64,
        /// The URL.
        url: String,
    },
    /// Redirected too often.
    #[error("the page redirected more than {limit} times ({url})")]
    TooManyRedirects {
        /// The limit.
        limit: usize,
        /// The last URL.
        url: String,
    },
    /// A redirect without a usable `Location`.
    #[error("the server sent a redirect without a valid target ({0})")]
    BadRedirect(String),
    /// The user cancelled.
    #[error("the capture was cancelled")]
    Cancelled,
    /// TLS failed (certificate, protocol).
    #[error("the secure connection failed: {reason} ({url})")]
    Tls {
        /// Why.
        reason: String,
        /// The URL.
        url: String,
    },
    /// Anything else on the network.
    #[error("the page could not be fetched: {reason} ({url})")]
    Other {
        /// Why.
        reason: String,
        /// The URL.
        url: String,
    },
}

/// Check that `url` is an http(s) URL with a host.
pub fn check_url(url: &str) -> Result<(), FetchError> {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(FetchError::BadUrl(url.to_owned()));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(FetchError::NotAllowedScheme {
            scheme: scheme.to_owned(),
            url: url.to_owned(),
        });
    }
    let host = rest
        .strip_prefix("//")
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or_default();
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(FetchError::BadUrl(url.to_owned()));
    }
    Ok(())
}

/// Fetch `url`, following redirects by hand, reporting progress and stopping when `cancel`
/// is set. The body is held in memory (at most `max_bytes`).
pub fn fetch(
    url: &str,
    options: &FetchOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<Fetched, FetchError> {
    let original_url = url.trim().to_owned();
    check_url(&original_url)?;
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.total_timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("FactcheckWorkbench/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent: ureq::Agent = config.into();
    let mut current = original_url.clone();
    let mut redirects = Vec::new();
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        let mut response = agent
            .get(&current)
            .call()
            .map_err(|e| network_error(e, &current))?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) && status != 304 {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| FetchError::BadRedirect(current.clone()))?;
            let next = resolve(&current, location)
                .ok_or_else(|| FetchError::BadRedirect(current.clone()))?;
            check_url(&next)?;
            if redirects.len() >= options.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    limit: options.max_redirects,
                    url: next,
                });
            }
            redirects.push(next.clone());
            current = next;
            continue;
        }
        if status >= 400 {
            return Err(FetchError::Status {
                status,
                reason: response
                    .status()
                    .canonical_reason()
                    .unwrap_or("error")
                    .to_owned(),
                url: current,
            });
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let total: Option<u64> = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        if total.is_some_and(|t| t > options.max_bytes) {
            return Err(FetchError::TooLarge {
                limit: options.max_bytes,
                url: current,
            });
        }
        let bytes = read_body(
            response.body_mut().as_reader(),
            options.max_bytes,
            total,
            progress,
            cancel,
        )
        .map_err(|e| match e {
            BodyError::TooLarge => FetchError::TooLarge {
                limit: options.max_bytes,
                url: current.clone(),
            },
            BodyError::Cancelled => FetchError::Cancelled,
            BodyError::Io(e) => io_error(&e, &current),
        })?;
        return Ok(Fetched {
            bytes,
            original_url,
            final_url: current,
            redirects,
            status,
            content_type,
        });
    }
}

enum BodyError {
    TooLarge,
    Cancelled,
    Io(std::io::Error),
}

fn read_body(
    mut reader: impl std::io::Read,
    max: u64,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, BodyError> {
    let capacity = usize::try_from(total.unwrap_or(64 * 1024).min(max)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(BodyError::Cancelled);
        }
        let n = reader.read(&mut buf).map_err(BodyError::Io)?;
        if n == 0 {
            break;
        }
        if bytes.len() as u64 + n as u64 > max {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&buf[..n]);
        progress(Progress {
            received: bytes.len() as u64,
            total,
        });
    }
    Ok(bytes)
}

/// Resolve a `Location` header against the URL it came from.
fn resolve(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.contains("://") {
        return Some(location.to_owned());
    }
    let (scheme, rest) = base.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    if let Some(path) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{path}"));
    }
    if location.starts_with('/') {
        return Some(format!("{origin}{location}"));
    }
    let path = &rest[authority_end..];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    Some(format!("{origin}{dir}/{location}"))
}

fn network_error(error: ureq::Error, url: &str) -> FetchError {
    let url = url.to_owned();
    match error {
        ureq::Error::HostNotFound => FetchError::Dns(url),
        ureq::Error::ConnectionFailed => FetchError::Refused(url),
        ureq::Error::Timeout(_) => FetchError::Timeout(url),
        ureq::Error::Io(e) => io_error(&e, &url),
        ureq::Error::BadUri(_) => FetchError::BadUrl(url),
        ureq::Error::Tls(reason) => FetchError::Tls {
            reason: reason.to_owned(),
            url,
        },
        ureq::Error::Rustls(e) => FetchError::Tls {
            reason: e.to_string(),
            url,
        },
        other => FetchError::Other {
            reason: other.to_string(),
            url,
        },
    }
}

fn io_error(error: &std::io::Error, url: &str) -> FetchError {
    let url = url.to_owned();
    match error.kind() {
        std::io::ErrorKind::ConnectionRefused => FetchError::Refused(url),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => FetchError::Timeout(url),
        _ => FetchError::Other {
            reason: crate::io::project_file::plain_io_reason(error),
            url,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https() {
        assert!(check_url("https://example.org/x").is_ok());
        assert!(matches!(
            check_url("file:///etc/passwd"),
            Err(FetchError::NotAllowedScheme { .. })
        ));
        assert!(matches!(check_url("nonsense"), Err(FetchError::BadUrl(_))));
    }

    #[test]
    fn locations_resolve() {
        let base = "http://h:1/a/b?q=1";
        assert_eq!(resolve(base, "/c").as_deref(), Some("http://h:1/c"));
        assert_eq!(resolve(base, "c").as_deref(), Some("http://h:1/a/c"));
        assert_eq!(resolve(base, "https://x/y").as_deref(), Some("https://x/y"));
        assert_eq!(resolve(base, "//x/y").as_deref(), Some("http://x/y"));
    }
}
