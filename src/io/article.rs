//! Reading an article from a file: checks that it is text, decodes it, normalises line
//! endings, and guesses a title. The text is otherwise kept exactly as it is.

use std::path::Path;

use crate::model::ArticleMeta;

/// Articles larger than this are refused (a long book is ~5 MB).
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// An article read from a file or the clipboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedArticle {
    /// The text, `\n` line breaks.
    pub text: String,
    /// What could be read of title, author, date, URL.
    pub meta: ArticleMeta,
    /// What was detected, for the user: `"plain text, UTF-8"`.
    pub detected: String,
}

/// Why an article could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be read.
    #[error("could not read the article: {error} ({path})")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error (part of the message).
        error: std::io::Error,
    },
    /// Nothing in it.
    #[error("the article is empty")]
    Empty,
    /// Over [`MAX_ARTICLE_BYTES`].
    #[error("the article is {size} bytes; articles of up to {limit} bytes can be opened")]
    TooLarge {
        /// Size.
        size: u64,
        /// Limit.
        limit: u64,
    },
    /// Binary data (an image, a PDF, an executable...).
    #[error(
        "this is not a text file (it looks like binary data: {reason}); open a .txt, .md or .html article"
    )]
    Binary {
        /// What gave it away.
        reason: String,
    },
    /// Not valid in any encoding we read.
    #[error("the text is not valid UTF-8 (first bad byte at offset {0})")]
    Encoding(usize),
}

/// Import an article file (`.txt`, `.md`; anything that is UTF-8 text).
pub fn import_article_file(path: &Path) -> Result<ImportedArticle, ArticleError> {
    let read_err = |error| ArticleError::Read {
        path: path.to_path_buf(),
        error,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_article_bytes(&bytes, &name)
}

/// Import article bytes; `file_name` (may be empty) hints at the format.
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
    if let Some(reason) = binary_reason(bytes) {
        return Err(ArticleError::Binary { reason });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ArticleError::Encoding(e.valid_up_to()))?;
    let text = normalise_line_endings(text);
    if text.trim().is_empty() {
        return Err(ArticleError::Empty);
    }
    let is_markdown = file_name.to_ascii_lowercase().ends_with(".md");
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
        detected: format!("{kind}, UTF-8"),
    })
}

/// `\r\n` and lone `\r` become `\n`; nothing else changes.
#[must_use]
pub fn normalise_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Why `bytes` look binary, if they do: NUL bytes, a known magic number, or many control
/// characters. UTF-16 text (which has NULs) must be decoded before this check.
#[must_use]
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    const MAGIC: [(&[u8], &str); 8] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some((*what).to_owned());
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) && !head.starts_with(b"\xFF\xFE") && !head.starts_with(b"\xFE\xFF") {
        return Some("it contains NUL bytes".to_owned());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if head.len() >= 32 && controls * 20 > head.len() {
        return Some(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        ));
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_with_normalised_line_endings() -> Result<(), ArticleError> {
        let imported = import_article_bytes(
            "Title  \r\n\r\nBody “quoted” … & ’\rend".as_bytes(),
            "a.txt",
        )?;
        assert_eq!(imported.text, "Title  \n\nBody “quoted” … & ’\nend");
        assert_eq!(imported.meta.title, "Title");
        Ok(())
    }

    #[test]
    fn binary_and_empty_input_are_refused() {
        assert!(matches!(
            import_article_bytes(b"%PDF-1.7 ...", "x.txt"),
            Err(ArticleError::Binary { .. })
        ));
        assert!(matches!(
            import_article_bytes(b"abc\0def", "x.txt"),
            Err(ArticleError::Binary { .. })
        ));
        assert!(matches!(
            import_article_bytes(b" \n\n", "x.txt"),
            Err(ArticleError::Empty)
        ));
        assert!(matches!(
            import_article_bytes(b"", "x.txt"),
            Err(ArticleError::Empty)
        ));
    }

    #[test]
    fn markdown_heading_is_the_title() -> Result<(), ArticleError> {
        let imported = import_article_bytes(b"# A headline\n\nText", "story.md")?;
        assert_eq!(imported.meta.title, "A headline");
        assert_eq!(imported.detected, "Markdown, UTF-8");
        Ok(())
    }
}
