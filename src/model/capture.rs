//! Captures: a copy of a source (web page, PDF, text, image) kept beside the project under its
//! SHA-256, and the passage of a capture that a piece of evidence quotes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;

/// One stored copy of a source, as recorded in the project file. The bytes themselves live in
/// the project's evidence folder (`NAME.evidence/`) under [`Capture::sha256`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Capture {
    /// SHA-256 of the stored bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// Size of the stored bytes.
    pub size: u64,
    /// Media type (`text/html`, `application/pdf`, `image/png`, ...).
    pub media_type: String,
    /// The URL that was asked for (empty for a file attached from disk).
    pub original_url: String,
    /// The URL the content came from after redirects (empty for a file).
    pub final_url: String,
    /// Every URL a redirect pointed to, in order (empty when there was none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
    /// The HTTP status of the final response (none for a file).
    pub http_status: Option<u16>,
    /// The name of the file attached from disk (empty for a URL).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub file_name: String,
    /// When it was captured.
    pub captured_at: DateTime<Utc>,
    /// Who captured it.
    pub captured_by: String,
    /// SHA-256 of the text extracted from it (stored in the evidence folder too); none when it
    /// has no text (an image, a PDF that could not be read).
    pub text_sha256: Option<String>,
}

impl Default for Capture {
    fn default() -> Self {
        Self {
            sha256: String::new(),
            size: 0,
            media_type: String::new(),
            original_url: String::new(),
            final_url: String::new(),
            redirects: Vec::new(),
            http_status: None,
            file_name: String::new(),
            captured_at: DateTime::<Utc>::UNIX_EPOCH,
            captured_by: String::new(),
            text_sha256: None,
        }
    }
}

impl Capture {
    /// The first twelve hex digits of the SHA-256, for people.
    #[must_use]
    pub fn short_hash(&self) -> &str {
        self.sha256.get(..12).unwrap_or(&self.sha256)
    }

    /// Where it came from, for people: the final URL, the original URL or the file name.
    #[must_use]
    pub fn origin(&self) -> &str {
        [&self.final_url, &self.original_url, &self.file_name]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or("", String::as_str)
    }
}

/// Add `capture` to `captures`, keeping them newest first and each SHA-256 once (a capture
/// already present is kept as it was). Returns whether it was added.
pub fn add_capture(captures: &mut Vec<Capture>, capture: Capture) -> bool {
    if captures.iter().any(|c| c.sha256 == capture.sha256) {
        return false;
    }
    captures.push(capture);
    sort_captures(captures);
    true
}

/// Sort captures newest first (ties by hash, so every copy sorts the same way).
pub fn sort_captures(captures: &mut [Capture]) {
    captures.sort_by(|a, b| {
        b.captured_at
            .cmp(&a.captured_at)
            .then_with(|| a.sha256.cmp(&b.sha256))
    });
}

/// Union two lists of captures by SHA-256, newest first (used when two copies merge).
#[must_use]
pub fn union_captures(ours: &[Capture], theirs: &[Capture]) -> Vec<Capture> {
    let mut all = ours.to_vec();
    for capture in theirs {
        add_capture(&mut all, capture.clone());
    }
    sort_captures(&mut all);
    all
}

/// The passage of a capture that a piece of evidence quotes: the capture's SHA-256 and an
/// anchor into the capture's extracted text (char offsets, quote, prefix and suffix, as for
/// claims).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Passage {
    /// SHA-256 of the capture quoted.
    pub capture: String,
    /// Where the quote is in the capture's text.
    pub anchor: Anchor,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(hash: &str, day: u32) -> Capture {
        Capture {
            sha256: hash.to_owned(),
            captured_at: chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc())
                .unwrap_or_default(),
            ..Capture::default()
        }
    }

    #[test]
    fn captures_stay_newest_first_and_unique() {
        let mut list = vec![capture("aa", 1)];
        assert!(add_capture(&mut list, capture("bb", 3)));
        assert!(!add_capture(&mut list, capture("aa", 9)));
        assert_eq!(list[0].sha256, "bb");
        let merged = union_captures(&list, &[capture("cc", 2), capture("bb", 3)]);
        let hashes: Vec<_> = merged.iter().map(|c| c.sha256.as_str()).collect();
        assert_eq!(hashes, ["bb", "cc", "aa"]);
    }
}
