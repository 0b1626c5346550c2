//! Reading an article from a file or the clipboard: checks that it is text, detects and
//! decodes its encoding, extracts the readable article from a saved web page, normalises line
//! endings, and reads title, author, date and URL. Plain text is otherwise kept exactly as it
//! is.
//!
//! One concern per file: decoding bytes to text (`decode.rs`), bounds on hostile markup
//! (`html_guard.rs`), the readable text of a web page (`html_text.rs`: the public
//! [`readable_text_from_html`] and [`readable_text_from_html_bytes`], also for captured pages),
//! page metadata (`page_meta.rs`) and the import entry points (`import.rs`).

mod decode;
mod html_guard;
mod html_text;
mod import;
mod page_meta;

use std::path::PathBuf;

use crate::model::ArticleMeta;

pub use decode::{binary_reason, normalise_line_endings};
pub use html_text::{ReadablePage, readable_text_from_html, readable_text_from_html_bytes};
pub use import::{import_article_bytes, import_article_file, import_article_text};

/// Articles larger than this are refused (a long book is ~5 MB).
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Web pages larger than this are refused (a heavy news page is 1 to 3 MB of markup).
pub const MAX_HTML_BYTES: usize = 24 * 1024 * 1024;

/// Longest line (paragraph) accepted, in chars; longer lines are minified data, not prose.
pub const MAX_LINE_CHARS: usize = 200_000;

/// Pages nested deeper than this are flattened (tags below this depth dropped, their text
/// kept) before parsing, skip article detection and keep all visible text. HTML parsers take
/// time quadratic in the depth: 50,000 nested `<div>`s would take a minute.
pub const MAX_HTML_DEPTH: usize = 256;

/// Pages with more elements than this skip article detection and keep all visible text.
pub const MAX_HTML_ELEMENTS: usize = 200_000;

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
    /// The file could not be read; the message says why in plain words.
    #[error("{}", read_reason(.0))]
    Read(std::io::Error),
    /// Nothing in it.
    #[error("the article is empty")]
    Empty,
    /// Over [`MAX_ARTICLE_BYTES`] (or [`MAX_HTML_BYTES`] for a web page).
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
    /// Mostly UTF-8, but with bytes that are not: a damaged file.
    #[error(
        "the text is UTF-8 but has an invalid byte at offset {0}; the file looks damaged (save it again as UTF-8)"
    )]
    Encoding(usize),
    /// Not valid in the encoding it was detected or declared to be in.
    #[error("the text is not valid {encoding} (first bad byte near offset {offset})")]
    InvalidEncoding {
        /// The encoding tried.
        encoding: String,
        /// Roughly where decoding failed.
        offset: usize,
    },
    /// A line far longer than any paragraph of prose.
    #[error(
        "line {line} is {chars} characters long; lines of up to {limit} characters can be opened (is this minified or generated data?)"
    )]
    LineTooLong {
        /// 1-based line number in the imported text.
        line: usize,
        /// Its length in chars.
        chars: usize,
        /// [`MAX_LINE_CHARS`].
        limit: usize,
    },
    /// A web page with no readable text.
    #[error("the web page has no readable text")]
    NoText,
    /// One of the errors above, in the article file at `path`: the message is the reason
    /// followed by the path, so callers need not name the file again.
    #[error("{reason} ({})", path.display())]
    InFile {
        /// The article file.
        path: PathBuf,
        /// What went wrong with it.
        reason: Box<ArticleError>,
    },
}

impl ArticleError {
    /// What went wrong, without the file it happened in (for matching on the kind of error).
    #[must_use]
    pub fn reason(&self) -> &Self {
        match self {
            Self::InFile { reason, .. } => reason.reason(),
            other => other,
        }
    }

    /// This error, said to have happened in the file at `path`.
    fn in_file(self, path: &std::path::Path) -> Self {
        match self {
            Self::InFile { .. } => self,
            reason => Self::InFile {
                path: path.to_path_buf(),
                reason: Box::new(reason),
            },
        }
    }
}

/// Why an article file could not be read, in words a checker understands.
fn read_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "the article file does not exist".to_owned(),
        ErrorKind::PermissionDenied => {
            "permission denied: you may not read this article file".to_owned()
        }
        ErrorKind::IsADirectory => "this is a folder, not an article file".to_owned(),
        _ => format!("the article file could not be read: {error}"),
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
