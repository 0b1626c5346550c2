//! Metadata of a web page (title, author, date, URL, outlet, language) from its meta tags,
//! canonical link, `<title>` and schema.org JSON-LD.

use chrono::NaiveDate;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::decode::normalise_line_endings;
use super::html_text::collapse_whitespace;
use crate::model::ArticleMeta;

/// Largest JSON-LD block read for metadata.
const MAX_JSON_LD_BYTES: usize = 1024 * 1024;

/// Metadata of a web page from its meta tags, canonical link and JSON-LD.
#[derive(Default)]
pub(super) struct PageMeta {
    pub(super) meta: ArticleMeta,
    /// `@type` of the JSON-LD article used, if any.
    pub(super) json_ld_type: String,
    /// `articleBody` of the JSON-LD article, if any.
    pub(super) json_ld_body: Option<String>,
}

impl PageMeta {
    pub(super) fn read(doc: &Html) -> Self {
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
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
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

/// Put `value` into `field` when the field is empty and the value is not.
pub(super) fn fill(field: &mut String, value: Option<String>) {
    if field.is_empty()
        && let Some(value) = value
    {
        let value = collapse_whitespace(&value);
        if !value.is_empty() {
            *field = value;
        }
    }
}
