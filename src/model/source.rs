//! The project-wide source library.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::capture::Capture;
use super::ids::SourceId;

/// What kind of source a reference is (IFCN asks for enough detail to replicate the check).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// Laws, court filings, transcripts, the original post.
    PrimaryDocument,
    /// Statistics from an official body.
    OfficialData,
    /// An expert consulted by the checker.
    Expert,
    /// Reporting by a news outlet.
    NewsReport,
    /// Peer-reviewed research.
    Research,
    /// Social-media post.
    SocialMedia,
    /// Anything else.
    #[default]
    Other,
}

impl SourceKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 7] = [
        Self::PrimaryDocument,
        Self::OfficialData,
        Self::Expert,
        Self::NewsReport,
        Self::Research,
        Self::SocialMedia,
        Self::Other,
    ];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::PrimaryDocument => "Primary document",
            Self::OfficialData => "Official data",
            Self::Expert => "Expert",
            Self::NewsReport => "News report",
            Self::Research => "Research",
            Self::SocialMedia => "Social media",
            Self::Other => "Other",
        }
    }
}

/// One reference in the project's source library; claims cite it through
/// [`crate::model::Evidence`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// Stable id.
    pub id: SourceId,
    /// Where it is.
    pub url: String,
    /// Title of the document or page.
    pub title: String,
    /// Publisher or outlet.
    pub publisher: String,
    /// Author(s).
    pub author: String,
    /// Date published.
    pub published: Option<NaiveDate>,
    /// Date the checker accessed it.
    pub accessed: Option<NaiveDate>,
    /// An archived copy (Wayback Machine, archive.today).
    pub archive_url: String,
    /// What kind of source this is.
    pub kind: SourceKind,
    /// Withheld from every export when set (a source who asked not to be named).
    pub confidential: bool,
    /// Free notes.
    pub notes: String,
    /// Stored copies of the source, newest first (see `docs/evidence.md`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<Capture>,
}

impl Default for Source {
    fn default() -> Self {
        Self {
            id: SourceId::new_random(),
            url: String::new(),
            title: String::new(),
            publisher: String::new(),
            author: String::new(),
            published: None,
            accessed: None,
            archive_url: String::new(),
            kind: SourceKind::default(),
            confidential: false,
            notes: String::new(),
            captures: Vec::new(),
        }
    }
}

impl Source {
    /// Title, or the URL when untitled, or a placeholder.
    #[must_use]
    pub fn display_title(&self) -> &str {
        if !self.title.trim().is_empty() {
            &self.title
        } else if !self.url.trim().is_empty() {
            &self.url
        } else {
            "(untitled source)"
        }
    }
}

/// Whether `url` may be opened or published as a link: only `http` and `https` with a host,
/// and nothing that could make the link look like something else: no whitespace or control
/// characters, no invisible or text-direction characters (U+202E can show `exe.pdf` as
/// `fdp.exe`), no backslash (browsers read it as `/`), and no `user@` before the host
/// (`https://bank.example@evil.example`). Links that fail are shown, not opened.
#[must_use]
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !authority.is_empty()
        && !authority.contains('@')
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\' || is_invisible(c))
}

/// Invisible and text-direction formatting characters (Unicode format controls that change
/// how a link looks without showing themselves).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_are_safe() {
        assert!(is_safe_link("https://example.org/a?b=c"));
        assert!(is_safe_link("HTTP://example.org"));
        assert!(!is_safe_link("javascript:alert(1)"));
        assert!(!is_safe_link("file:///etc/passwd"));
        assert!(!is_safe_link("data:text/html,hi"));
        assert!(!is_safe_link("https:"));
        assert!(!is_safe_link("//example.org"));
        assert!(!is_safe_link("https://exa\nmple.org"));
        assert!(!is_safe_link(""));
    }

    #[test]
    fn links_that_could_look_like_something_else_are_not_safe() {
        assert!(is_safe_link("https://medium.com/@someone/post"));
        assert!(is_safe_link("  https://example.org/a#b  "));
        assert!(!is_safe_link("https://bank.example@evil.example/"));
        assert!(!is_safe_link("https://example.org/\u{202E}fdp.exe"));
        assert!(!is_safe_link("https://exa\u{200B}mple.org"));
        assert!(!is_safe_link("https://example.org/a b"));
        assert!(!is_safe_link("https://evil.example\\@good.example"));
        assert!(!is_safe_link("https:///path-without-host"));
        assert!(!is_safe_link("https://?q=1"));
    }
}
