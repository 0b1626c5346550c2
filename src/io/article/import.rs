//! The import entry points: an article file, article bytes, or pasted text, read as plain
//! text, Markdown or a web page.

use std::path::Path;

use super::decode::{binary_reason, decode, normalise_line_endings};
use super::html_text::readable_text_from_html;
use super::{ArticleError, ImportedArticle, MAX_ARTICLE_BYTES, MAX_LINE_CHARS};
use crate::model::ArticleMeta;

/// Import an article file: `.txt`, `.md` or any text in a common encoding, or a saved web
/// page (`.html`, `.htm`).
///
/// Every error names the file: its message is the reason followed by the path
/// ([`ArticleError::InFile`]; [`ArticleError::reason`] gives the reason alone).
pub fn import_article_file(path: &Path) -> Result<ImportedArticle, ArticleError> {
    read_article_file(path).map_err(|err| err.in_file(path))
}

fn read_article_file(path: &Path) -> Result<ImportedArticle, ArticleError> {
    let size = crate::io::regular_file_metadata(path)
        .map_err(ArticleError::Read)?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(ArticleError::Read)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_article_bytes(&bytes, &name)
}

/// Import article bytes; `file_name` (may be empty) hints at the format. Without a telling
/// name, text that starts like an HTML document is read as a web page.
pub fn import_article_bytes(
    bytes: &[u8],
    file_name: &str,
) -> Result<ImportedArticle, ArticleError> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ArticleError::Empty);
    }
    let kind = Kind::from_name(file_name);
    let (text, encoding) = decode(bytes, matches!(kind, Kind::Html | Kind::Unknown))?;
    import_decoded(&text, kind, &encoding)
}

/// Import an article pasted from the clipboard. Text that starts like an HTML document is
/// read as a web page; anything else is kept as it is (line endings normalised).
pub fn import_article_text(text: &str) -> Result<ImportedArticle, ArticleError> {
    if text.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size: text.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    if let Some(reason) = binary_reason(text.as_bytes()) {
        return Err(ArticleError::Binary { reason });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    import_decoded(text, Kind::Unknown, "pasted text")
}

/// What the file name says the article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    /// No telling extension: sniff the content.
    Unknown,
}

impl Kind {
    fn from_name(file_name: &str) -> Self {
        let lower = file_name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
        match ext {
            "md" | "markdown" => Self::Markdown,
            "html" | "htm" | "xhtml" => Self::Html,
            "" => Self::Unknown,
            _ => Self::Text,
        }
    }
}

/// Decoded text: check lines, then read as a web page or as plain text.
fn import_decoded(text: &str, kind: Kind, encoding: &str) -> Result<ImportedArticle, ArticleError> {
    let is_html = match kind {
        Kind::Html => true,
        Kind::Unknown => looks_like_html(text),
        Kind::Text | Kind::Markdown => false,
    };
    if is_html {
        return import_html(text, encoding);
    }
    let text = normalise_line_endings(text);
    if text.trim().is_empty() {
        return Err(ArticleError::Empty);
    }
    check_line_lengths(&text)?;
    let is_markdown = kind == Kind::Markdown;
    let meta = ArticleMeta {
        title: guess_title(&text, is_markdown),
        ..ArticleMeta::default()
    };
    let kind = if is_markdown {
        "Markdown"
    } else {
        "plain text"
    };
    Ok(ImportedArticle {
        text,
        meta,
        detected: format!("{kind}, {encoding}"),
    })
}

/// Whether text starts like an HTML document (a doctype or an `<html>` tag).
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Refuse a line longer than [`MAX_LINE_CHARS`].
pub(super) fn check_line_lengths(text: &str) -> Result<(), ArticleError> {
    for (n, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_CHARS {
            let chars = line.chars().count();
            if chars > MAX_LINE_CHARS {
                return Err(ArticleError::LineTooLong {
                    line: n + 1,
                    chars,
                    limit: MAX_LINE_CHARS,
                });
            }
        }
    }
    Ok(())
}

/// First non-empty line, trimmed, when it is short enough to be a headline.
fn guess_title(text: &str, is_markdown: bool) -> String {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return String::new();
    };
    let first = if is_markdown {
        first.trim_start_matches('#').trim()
    } else {
        first
    };
    if first.chars().count() <= 200 {
        first.to_owned()
    } else {
        String::new()
    }
}

/// Read a saved web page as an article: the readable text with the title as its first
/// paragraph, and what was found, for the user.
fn import_html(html: &str, encoding: &str) -> Result<ImportedArticle, ArticleError> {
    let page = readable_text_from_html(html)?;
    let mut paragraphs = page.paragraphs;
    let meta = page.meta;
    if !meta.title.is_empty() && paragraphs.first().map(String::as_str) != Some(meta.title.as_str())
    {
        paragraphs.insert(0, meta.title.clone());
    }
    let text = normalise_line_endings(&paragraphs.join("\n\n"));
    check_line_lengths(&text)?;
    let mut found: Vec<&str> = Vec::new();
    for (field, name) in [
        (&meta.title, "title"),
        (&meta.author, "author"),
        (&meta.url, "URL"),
        (&meta.outlet, "outlet"),
    ] {
        if !field.is_empty() {
            found.push(name);
        }
    }
    if meta.published.is_some() {
        found.insert(found.len().min(2), "date");
    }
    let from = if page.json_ld_type.is_empty() {
        "meta tags".to_owned()
    } else {
        format!("meta tags and JSON-LD {}", page.json_ld_type)
    };
    let found = if found.is_empty() {
        "no title, author, date or URL found".to_owned()
    } else {
        format!("{} from {from}", found.join(", "))
    };
    Ok(ImportedArticle {
        text,
        meta,
        detected: format!("HTML page, {encoding}; {}; {found}", page.method),
    })
}
