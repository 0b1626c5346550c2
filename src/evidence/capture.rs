//! Capturing a source: read the bytes (from a URL or a file), work out what they are, extract
//! their text, and store both in the evidence folder. Extraction happens before anything is
//! written, so a refused capture leaves nothing behind.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};

use super::extract::{ExtractError, Extracted, MediaKind, extract_text, sniff_media_type};
use super::fetch::{FetchError, FetchOptions, Progress, fetch};
use super::store::{EvidenceStore, StoreError};
use crate::model::Capture;

/// Why a capture failed (nothing was stored).
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The URL could not be fetched.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The capture could not be stored.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The content was refused (an image that does not decode).
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// The file could not be read.
    #[error("could not read the file: {reason} ({})", path.display())]
    Read {
        /// Why.
        reason: String,
        /// The file.
        path: std::path::PathBuf,
    },
    /// The file is over the size limit.
    #[error("the file is {size} bytes; files of up to {limit} bytes can be captured ({})", path.display())]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
        /// The file.
        path: std::path::PathBuf,
    },
    /// Nothing in it.
    #[error("the file is empty ({})", .0.display())]
    Empty(std::path::PathBuf),
}

/// A capture made: the record for the project file and what was read from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    /// The record to add to the source.
    pub capture: Capture,
    /// Text and image size read from it.
    pub extracted: Extracted,
}

/// Where captured bytes came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The URL asked for.
    pub original_url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// Redirect targets.
    pub redirects: Vec<String>,
    /// Final HTTP status.
    pub http_status: Option<u16>,
    /// The declared `Content-Type`.
    pub content_type: Option<String>,
    /// The file name (a hint of the format for files).
    pub file_name: String,
}

/// Capture bytes already in memory: extract, then store the bytes and their text.
pub fn capture_bytes(
    store: &EvidenceStore,
    bytes: &[u8],
    origin: Origin,
    captured_by: &str,
    now: DateTime<Utc>,
) -> Result<Captured, CaptureError> {
    let kind = sniff_media_type(bytes, origin.content_type.as_deref(), &origin.file_name);
    let extracted = extract_text(bytes, kind)?;
    let sha256 = store.put(bytes)?;
    let text_sha256 = match &extracted.text {
        Some(text) => Some(store.put(text.as_bytes())?),
        None => None,
    };
    let media_type = match kind {
        MediaKind::Other => origin
            .content_type
            .as_deref()
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| is_token_type(t))
            .unwrap_or_else(|| kind.media_type().to_owned()),
        _ => kind.media_type().to_owned(),
    };
    Ok(Captured {
        capture: Capture {
            sha256,
            size: bytes.len() as u64,
            media_type,
            original_url: origin.original_url,
            final_url: origin.final_url,
            redirects: origin.redirects,
            http_status: origin.http_status,
            file_name: origin.file_name,
            captured_at: now,
            captured_by: captured_by.to_owned(),
            text_sha256,
        },
        extracted,
    })
}

/// A declared media type that is safe to record (`type/subtype` of token characters).
fn is_token_type(t: &str) -> bool {
    t.len() <= 100
        && t.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && t.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"/+-.".contains(&c))
        })
}

/// Capture a file from disk (a saved page, PDF, text, Markdown or image), up to `max_bytes`.
pub fn capture_file(
    store: &EvidenceStore,
    path: &Path,
    max_bytes: u64,
    captured_by: &str,
    now: DateTime<Utc>,
) -> Result<Captured, CaptureError> {
    let read_err = |e: std::io::Error| CaptureError::Read {
        reason: crate::io::project_file::plain_io_reason(&e),
        path: path.to_path_buf(),
    };
    let size = crate::io::regular_file_metadata(path)
        .map_err(read_err)?
        .len();
    if size > max_bytes {
        return Err(CaptureError::TooLarge {
            size,
            limit: max_bytes,
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    if bytes.is_empty() {
        return Err(CaptureError::Empty(path.to_path_buf()));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let origin = Origin {
        file_name,
        ..Origin::default()
    };
    capture_bytes(store, &bytes, origin, captured_by, now)
}

/// Fetch a URL and capture what comes back (see [`fetch`] for the limits).
pub fn capture_url(
    store: &EvidenceStore,
    url: &str,
    options: &FetchOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    captured_by: &str,
    now: DateTime<Utc>,
) -> Result<Captured, CaptureError> {
    let fetched = fetch(url, options, progress, cancel)?;
    let file_name = fetched
        .final_url
        .split(['?', '#'])
        .next()
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or_default()
        .to_owned();
    let origin = Origin {
        original_url: fetched.original_url,
        final_url: fetched.final_url,
        redirects: fetched.redirects,
        http_status: Some(fetched.status),
        content_type: fetched.content_type,
        // Only a hint of the format; not recorded for URLs.
        file_name,
    };
    let mut captured = capture_bytes(store, &fetched.bytes, origin, captured_by, now)?;
    captured.capture.file_name.clear();
    Ok(captured)
}
