//! Reading an article from a file or the clipboard: checks that it is text, detects and
//! decodes its encoding, extracts the readable article from a saved web page, normalises line
//! endings, and reads title, author, date and URL. Plain text is otherwise kept exactly as it
//! is.

use std::path::Path;

use chrono::NaiveDate;
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};

use crate::model::ArticleMeta;

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

/// Largest JSON-LD block read for metadata.
const MAX_JSON_LD_BYTES: usize = 1024 * 1024;

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
}

/// Import an article file: `.txt`, `.md` or any text in a common encoding, or a saved web
/// page (`.html`, `.htm`).
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
    let (text, encoding) = decode(bytes, kind)?;
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

/// Decode `bytes` to text, saying which encoding was used: a byte order mark wins, then
/// valid UTF-8, then a charset declared by a web page, then a guess by `chardetng`.
fn decode(bytes: &[u8], kind: Kind) -> Result<(String, String), ArticleError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| ArticleError::InvalidEncoding {
                encoding: encoding.name().to_owned(),
                offset: bom_len + first_bad_offset(encoding, body),
            })?;
        if let Some(reason) = binary_reason(text.as_bytes()) {
            return Err(ArticleError::Binary { reason });
        }
        return Ok((text.into_owned(), format!("{} with BOM", encoding.name())));
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(ArticleError::Binary { reason });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), "UTF-8".to_owned())),
        Err(err) if looks_like_damaged_utf8(bytes) => {
            return Err(ArticleError::Encoding(err.valid_up_to()));
        }
        Err(_) => {}
    }
    let declared = if matches!(kind, Kind::Html | Kind::Unknown) {
        declared_charset(bytes)
    } else {
        None
    };
    let (encoding, how) = match declared {
        // A page declaring UTF-8 that is not UTF-8 was saved in a legacy encoding: guess.
        Some(encoding) if encoding != encoding_rs::UTF_8 => (encoding, "declared by the page"),
        _ => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (
                detector.guess(None, chardetng::Utf8Detection::Allow),
                "detected",
            )
        }
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| ArticleError::InvalidEncoding {
            encoding: encoding.name().to_owned(),
            offset: first_bad_offset(encoding, bytes),
        })?;
    Ok((text.into_owned(), format!("{} ({how})", encoding.name())))
}

/// Where decoding `bytes` as `encoding` first fails (0 when it cannot be told).
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_mul(3).min(1 << 20));
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return 0,
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return read_total.saturating_sub(usize::from(bad));
            }
            encoding_rs::DecoderResult::OutputFull => {
                out.clear();
                out.reserve(1 << 20);
            }
        }
    }
}

/// Valid multi-byte UTF-8 sequences outnumber the invalid bytes: a UTF-8 file with damage,
/// not a legacy encoding (where valid multi-byte sequences are rare accidents).
fn looks_like_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += chunk.invalid().len();
    }
    multibyte > invalid
}

/// The charset a web page declares in its first 1024 bytes (`<meta charset=...>` or
/// `content="text/html; charset=..."`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// `\r\n` and lone `\r` become `\n`; nothing else changes.
#[must_use]
pub fn normalise_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Refuse a line longer than [`MAX_LINE_CHARS`].
fn check_line_lengths(text: &str) -> Result<(), ArticleError> {
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
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some((magic, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "MZ" also starts ordinary words; a program has NUL bytes right after it.
        if *magic != b"MZ" || head.contains(&0) {
            return Some((*what).to_owned());
        }
    }
    if head.contains(&0) && !head.starts_with(b"\xFF\xFE") && !head.starts_with(b"\xFE\xFF") {
        let zeros_at = |parity| {
            head.iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = head.len() / 2;
        if half >= 8 && (zeros_at(0) * 10 > half * 8 || zeros_at(1) * 10 > half * 8) {
            return Some(
                "it looks like UTF-16 text without a byte order mark; save it as UTF-8".to_owned(),
            );
        }
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

/// Read a saved web page: metadata from meta tags and JSON-LD, the article body by
/// readability (bounded by depth and size), headings and paragraphs one per paragraph.
fn import_html(html: &str, encoding: &str) -> Result<ImportedArticle, ArticleError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(ArticleError::TooLarge {
            size: html.len() as u64,
            limit: MAX_HTML_BYTES as u64,
        });
    }
    let flattened = flatten_deep_markup(html, MAX_HTML_DEPTH);
    let doc = Html::parse_document(flattened.as_deref().unwrap_or(html));
    let mut shape = measure(doc.tree.root());
    if flattened.is_some() {
        shape.depth = shape.depth.max(MAX_HTML_DEPTH + 1);
    }
    let page = PageMeta::read(&doc);
    let mut meta = page.meta.clone();
    let mut how = String::new();
    let mut paragraphs = Vec::new();
    if shape.depth > MAX_HTML_DEPTH || shape.elements > MAX_HTML_ELEMENTS {
        how = format!(
            "the page is too large or deeply nested for article detection (over {} elements or {} levels), so all visible text was kept",
            MAX_HTML_ELEMENTS, MAX_HTML_DEPTH
        );
    } else {
        let options = legible::Options::new().max_elems_to_parse(MAX_HTML_ELEMENTS);
        match legible::parse(html, None, Some(options)) {
            Ok(article) => {
                fill(&mut meta.title, Some(article.title));
                fill(&mut meta.author, article.byline);
                fill(&mut meta.outlet, article.site_name);
                fill(&mut meta.language, article.lang);
                if meta.published.is_none() {
                    meta.published = article.published_time.as_deref().and_then(parse_date);
                }
                let content = Html::parse_fragment(&article.content);
                paragraphs = block_paragraphs(content.tree.root(), true);
                "article text found by readability".clone_into(&mut how);
            }
            Err(err) => {
                how = format!(
                    "no article found by readability ({err}), so all visible text was kept"
                );
            }
        }
    }
    if paragraphs.is_empty() {
        let body = body_of(&doc).unwrap_or_else(|| doc.tree.root());
        paragraphs = block_paragraphs(body, true);
    }
    if paragraphs.is_empty()
        && let Some(body) = page.json_ld_body.as_deref()
    {
        paragraphs = body
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        "article text taken from the page's JSON-LD".clone_into(&mut how);
    }
    if paragraphs.is_empty() {
        return Err(ArticleError::NoText);
    }
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
        detected: format!("HTML page, {encoding}; {how}; {found}"),
    })
}

/// When `html` nests elements deeper than `max_depth` (estimated by a quick scan of its
/// tags), a copy with the tags below that depth removed (their text kept); else `None`.
/// Elements that close themselves (`<p>`, `<li>`, void elements) do not count.
fn flatten_deep_markup(html: &str, max_depth: usize) -> Option<String> {
    let bytes = html.as_bytes();
    let (mut depth, mut max_seen, mut pos) = (0usize, 0usize, 0usize);
    let mut deep_tags: Vec<(usize, usize)> = Vec::new();
    while let Some(offset) = bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let start = pos + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
            continue;
        }
        let Some(tag_len) = tag_length(rest) else {
            if rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
                // An unterminated tag: the rest of the page is not markup.
                break;
            }
            pos = start + 1;
            continue;
        };
        let tag = &rest[..tag_len];
        pos = start + tag_len;
        let closing = tag.starts_with("</");
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            pos = find_end_tag(html, pos, &name);
            continue;
        }
        if name.is_empty() || !counts_for_depth(&name) || tag.ends_with("/>") {
            continue;
        }
        if closing {
            if depth > max_depth {
                deep_tags.push((start, pos));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max_seen = max_seen.max(depth);
            if depth > max_depth {
                deep_tags.push((start, pos));
            }
        }
    }
    if max_seen <= max_depth {
        return None;
    }
    let mut flat = String::with_capacity(html.len());
    let mut copied_to = 0usize;
    for (start, end) in deep_tags {
        flat.push_str(&html[copied_to..start]);
        copied_to = end;
    }
    flat.push_str(&html[copied_to..]);
    Some(flat)
}

/// Where the end tag `</name` is, searching from `from` (case-insensitive); the end of the
/// text when there is none.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let Some(rest) = html.get(from..) else {
        return html.len();
    };
    rest.match_indices("</")
        .find(|(at, _)| {
            rest.as_bytes()
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        })
        .map_or(html.len(), |(at, _)| from + at)
}

/// Length of the tag starting `text` (which starts with `<`), quotes respected; `None` when
/// this `<` does not start a tag.
fn tag_length(text: &str) -> Option<usize> {
    let second = text.as_bytes().get(1).copied()?;
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!' || second == b'?') {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            (None, _) => {}
        }
    }
    None
}

/// Whether an element nests (void elements and ones closed by their next sibling do not).
fn counts_for_depth(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "tr"
            | "td"
            | "th"
            | "!doctype"
            | "html"
            | "head"
            | "body"
    )
}

/// Put `value` into `field` when the field is empty and the value is not.
fn fill(field: &mut String, value: Option<String>) {
    if field.is_empty()
        && let Some(value) = value
    {
        let value = collapse_whitespace(&value);
        if !value.is_empty() {
            *field = value;
        }
    }
}

/// Size of a parsed page, measured without recursion.
struct Shape {
    depth: usize,
    elements: usize,
}

fn measure(root: NodeRef<'_, Node>) -> Shape {
    let (mut depth, mut max_depth, mut elements) = (0usize, 0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node.value().is_element() => {
                elements += 1;
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            Edge::Close(node) if node.value().is_element() => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Shape {
        depth: max_depth,
        elements,
    }
}

/// The `<body>` element of a document.
fn body_of(doc: &Html) -> Option<NodeRef<'_, Node>> {
    doc.tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
}

/// Elements never read as article text.
fn always_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "button"
            | "input"
            | "textarea"
            | "head"
            | "title"
            | "dialog"
    )
}

/// Page furniture dropped when there is no article found by readability: navigation,
/// headers and footers, asides, forms, and elements whose class or id names ads, comments,
/// sharing, menus and the like.
fn is_furniture(element: &scraper::node::Element) -> bool {
    if matches!(
        element.name(),
        "nav" | "header" | "footer" | "aside" | "form" | "menu"
    ) {
        return true;
    }
    let names = format!(
        "{} {}",
        element.attr("class").unwrap_or_default(),
        element.id().unwrap_or_default()
    )
    .to_ascii_lowercase();
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| {
            matches!(
                token,
                "ad" | "ads"
                    | "advert"
                    | "adverts"
                    | "advertisement"
                    | "advertising"
                    | "sponsor"
                    | "sponsored"
                    | "promo"
                    | "comment"
                    | "comments"
                    | "share"
                    | "sharing"
                    | "social"
                    | "related"
                    | "newsletter"
                    | "cookie"
                    | "cookies"
                    | "subscribe"
                    | "sidebar"
                    | "nav"
                    | "navbar"
                    | "navigation"
                    | "menu"
                    | "breadcrumb"
                    | "breadcrumbs"
                    | "popup"
                    | "modal"
                    | "footer"
                    | "masthead"
            )
        })
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "form"
            | "fieldset"
            | "body"
            | "br"
    )
}

/// Hidden by attribute or inline style.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// Collects paragraphs: HTML white space collapsed (no-break spaces kept), one paragraph per
/// block element, `<pre>` kept as it is.
#[derive(Default)]
struct Collector {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
    in_pre: usize,
}

impl Collector {
    fn text(&mut self, text: &str) {
        if self.in_pre > 0 {
            self.current.push_str(text);
            self.pending_space = false;
            return;
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
            }
        }
    }

    fn flush(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        self.pending_space = false;
        let paragraph = if self.in_pre > 0 {
            paragraph.trim_matches('\n')
        } else {
            paragraph.trim_end_matches(' ')
        };
        if !paragraph.trim().is_empty() {
            self.paragraphs.push(paragraph.to_owned());
        }
    }
}

/// The paragraphs under `root`, walked without recursion (hostile pages nest deeply).
fn block_paragraphs(root: NodeRef<'_, Node>, drop_furniture: bool) -> Vec<String> {
    let mut collector = Collector::default();
    let mut skip_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    if skip_depth > 0
                        || always_skipped(element.name())
                        || is_hidden(element)
                        || (drop_furniture && is_furniture(element))
                    {
                        skip_depth += 1;
                        continue;
                    }
                    if is_block(element.name()) {
                        collector.flush();
                    }
                    if element.name() == "pre" {
                        collector.in_pre += 1;
                    }
                }
                Node::Text(text) if skip_depth == 0 => collector.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if is_block(element.name()) {
                        collector.flush();
                    }
                    if element.name() == "pre" {
                        collector.in_pre = collector.in_pre.saturating_sub(1);
                    }
                }
            }
        }
    }
    collector.flush();
    collector.paragraphs
}

/// HTML white space collapsed to single spaces, trimmed.
fn collapse_whitespace(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r', '\x0C'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Metadata of a web page from its meta tags, canonical link and JSON-LD.
#[derive(Default)]
struct PageMeta {
    meta: ArticleMeta,
    /// `@type` of the JSON-LD article used, if any.
    json_ld_type: String,
    /// `articleBody` of the JSON-LD article, if any.
    json_ld_body: Option<String>,
}

impl PageMeta {
    fn read(doc: &Html) -> Self {
        let mut tags: Vec<(String, String)> = Vec::new();
        let mut canonical = None;
        let mut title_tag = None;
        let mut lang = None;
        let mut json_ld = Vec::new();
        for node in doc.tree.root().descendants() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            match element.name() {
                "meta" => {
                    let key = element
                        .attr("property")
                        .or_else(|| element.attr("name"))
                        .or_else(|| element.attr("itemprop"));
                    if let (Some(key), Some(content)) = (key, element.attr("content")) {
                        tags.push((
                            key.trim().to_ascii_lowercase(),
                            collapse_whitespace(content),
                        ));
                    }
                }
                "link" => {
                    let is_canonical = element.attr("rel").is_some_and(|rel| {
                        rel.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if is_canonical && canonical.is_none() {
                        canonical = element.attr("href").map(str::trim).map(str::to_owned);
                    }
                }
                "title" if title_tag.is_none() => {
                    title_tag = Some(collapse_whitespace(&node_text(node)));
                }
                "html" if lang.is_none() => lang = element.attr("lang").map(str::to_owned),
                "script"
                    if element
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    json_ld.push(node_text(node));
                }
                _ => {}
            }
        }
        let tag = |keys: &[&str]| {
            keys.iter().find_map(|key| {
                tags.iter()
                    .find(|(k, v)| k == key && !v.is_empty())
                    .map(|(_, v)| v.clone())
            })
        };
        let ld = json_ld.iter().find_map(|block| JsonLdArticle::find(block));
        let ld = ld.unwrap_or_default();
        let mut meta = ArticleMeta::default();
        fill(&mut meta.title, ld.headline.clone());
        fill(
            &mut meta.title,
            tag(&["og:title", "twitter:title", "dc.title"]),
        );
        fill(&mut meta.title, title_tag);
        fill(&mut meta.author, ld.author.clone());
        fill(
            &mut meta.author,
            tag(&[
                "author",
                "byl",
                "parsely-author",
                "dc.creator",
                "sailthru.author",
            ]),
        );
        fill(&mut meta.url, canonical);
        fill(&mut meta.url, tag(&["og:url"]));
        fill(&mut meta.url, ld.url.clone());
        fill(&mut meta.outlet, tag(&["og:site_name", "application-name"]));
        fill(&mut meta.outlet, ld.publisher.clone());
        fill(&mut meta.language, lang);
        fill(&mut meta.language, ld.language.clone());
        meta.published = ld.date.as_deref().and_then(parse_date).or_else(|| {
            tag(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
            ])
            .as_deref()
            .and_then(parse_date)
        });
        Self {
            meta,
            json_ld_type: ld.kind,
            json_ld_body: ld.body,
        }
    }
}

/// All text under a node.
fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// A date from the usual formats: `2017-07-09`, RFC 3339, RFC 2822.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(text) {
        return Some(dt.date_naive());
    }
    let head = text.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// The fields of a schema.org `NewsArticle` (or `Article`, `BlogPosting`, ...) in JSON-LD.
#[derive(Default)]
struct JsonLdArticle {
    kind: String,
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    body: Option<String>,
}

impl JsonLdArticle {
    const TYPES: [&'static str; 12] = [
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",
        "Article",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    ];

    /// The first article object in a JSON-LD block (top level, in an array or `@graph`).
    fn find(block: &str) -> Option<Self> {
        if block.len() > MAX_JSON_LD_BYTES {
            return None;
        }
        // serde_json limits nesting to 128 levels, so hostile JSON cannot overflow the stack.
        let value: serde_json::Value = serde_json::from_str(block.trim()).ok()?;
        let mut stack = vec![&value];
        let mut best: Option<(usize, &serde_json::Map<String, serde_json::Value>)> = None;
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(object) => {
                    if let Some(graph) = object.get("@graph") {
                        stack.push(graph);
                    }
                    let rank = Self::type_rank(object.get("@type"));
                    if let Some(rank) = rank
                        && best.is_none_or(|(r, _)| rank < r)
                    {
                        best = Some((rank, object));
                    }
                }
                _ => {}
            }
        }
        let (rank, object) = best?;
        let text = |key: &str| object.get(key).and_then(Self::name_of);
        Some(Self {
            kind: Self::TYPES
                .get(rank)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            headline: text("headline").or_else(|| text("name")),
            author: object.get("author").and_then(Self::names_of),
            date: text("datePublished"),
            url: text("url").or_else(|| text("mainEntityOfPage")),
            publisher: text("publisher"),
            language: text("inLanguage"),
            body: object
                .get("articleBody")
                .and_then(serde_json::Value::as_str)
                .map(normalise_line_endings),
        })
    }

    fn type_rank(kind: Option<&serde_json::Value>) -> Option<usize> {
        let rank = |name: &str| Self::TYPES.iter().position(|t| *t == name);
        match kind? {
            serde_json::Value::String(name) => rank(name),
            serde_json::Value::Array(names) => names
                .iter()
                .filter_map(serde_json::Value::as_str)
                .filter_map(rank)
                .min(),
            _ => None,
        }
    }

    /// A string, or the `name` (or `@id`) of an object.
    fn name_of(value: &serde_json::Value) -> Option<String> {
        let text = match value {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Object(object) => object
                .get("name")
                .or_else(|| object.get("@id"))
                .and_then(serde_json::Value::as_str)?
                .to_owned(),
            serde_json::Value::Array(items) => items.iter().find_map(Self::name_of)?,
            _ => return None,
        };
        let text = collapse_whitespace(&text);
        (!text.is_empty()).then_some(text)
    }

    /// Names of one or several authors, joined with commas.
    fn names_of(value: &serde_json::Value) -> Option<String> {
        let names: Vec<String> = match value {
            serde_json::Value::Array(items) => items.iter().filter_map(Self::name_of).collect(),
            other => Self::name_of(other).into_iter().collect(),
        };
        (!names.is_empty()).then(|| names.join(", "))
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
