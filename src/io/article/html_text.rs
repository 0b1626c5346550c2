//! The readable text of a web page: the article found by readability (bounded by the guards
//! in `html_guard`), or all visible text without page furniture, one paragraph per block.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::decode::{decode, normalise_line_endings};
use super::html_guard::{flatten_deep_markup, measure};
use super::import::check_line_lengths;
use super::page_meta::{PageMeta, fill, parse_date};
use super::{ArticleError, MAX_HTML_BYTES, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS};
use crate::model::ArticleMeta;

/// The readable text of a web page and what could be read about it: what
/// [`readable_text_from_html`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadablePage {
    /// The paragraphs of the readable text in order: one per heading, paragraph, list item
    /// or other block, white space collapsed (`<pre>` kept as it is). The page title is not
    /// added in front; it is in [`Self::title`].
    pub paragraphs: Vec<String>,
    /// Title, author, date, URL, outlet and language, from meta tags, JSON-LD and
    /// readability (empty fields when not found).
    pub meta: ArticleMeta,
    /// How the text was found, in words for the user: `"article text found by readability"`,
    /// or why all visible text was kept instead.
    pub method: String,
    /// The schema.org `@type` of the JSON-LD article the metadata came from (`""` if none).
    pub json_ld_type: String,
}

impl ReadablePage {
    /// The page title (`""` when the page has none).
    #[must_use]
    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// The readable text: the paragraphs separated by blank lines, `\n` line breaks.
    #[must_use]
    pub fn text(&self) -> String {
        normalise_line_endings(&self.paragraphs.join("\n\n"))
    }
}

/// Extract the readable text and title of a web page, with the same guards as article
/// import: pages over [`MAX_HTML_BYTES`] are refused, markup nested deeper than
/// [`MAX_HTML_DEPTH`] is flattened and pages over [`MAX_HTML_ELEMENTS`] elements skip
/// article detection (so hostile pages neither hang nor overflow the stack), and a paragraph
/// longer than [`super::MAX_LINE_CHARS`] is refused.
///
/// The article body is found by readability; when there is none, all visible text without
/// page furniture (navigation, ads, comments, sharing) is kept; when the page shows no text
/// at all, the `articleBody` of its JSON-LD is used. Use it for saved or captured pages.
///
/// # Errors
/// [`ArticleError::TooLarge`], [`ArticleError::NoText`] or [`ArticleError::LineTooLong`].
pub fn readable_text_from_html(html: &str) -> Result<ReadablePage, ArticleError> {
    let page = read_page(html)?;
    for paragraph in &page.paragraphs {
        check_line_lengths(&normalise_line_endings(paragraph))?;
    }
    Ok(page)
}

/// Like [`readable_text_from_html`], for the raw bytes of a page (as downloaded or saved):
/// the encoding is taken from a byte order mark, else UTF-8, else the charset the page
/// declares, else a guess. Binary data (an image, a PDF...) is refused.
///
/// # Errors
/// As [`readable_text_from_html`], and [`ArticleError::Empty`], [`ArticleError::Binary`],
/// [`ArticleError::Encoding`] or [`ArticleError::InvalidEncoding`] for bytes that are not
/// readable text.
pub fn readable_text_from_html_bytes(bytes: &[u8]) -> Result<ReadablePage, ArticleError> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(ArticleError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_HTML_BYTES as u64,
        });
    }
    if bytes.is_empty() {
        return Err(ArticleError::Empty);
    }
    let (text, _encoding) = decode(bytes, true)?;
    readable_text_from_html(&text)
}

/// Parse `html` within the bounds and collect its readable paragraphs and metadata.
fn read_page(html: &str) -> Result<ReadablePage, ArticleError> {
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
    Ok(ReadablePage {
        paragraphs,
        meta,
        method: how,
        json_ld_type: page.json_ld_type,
    })
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
pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r', '\x0C'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
