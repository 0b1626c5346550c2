//! W3C Web Annotation JSON-LD: an `AnnotationCollection` whose first page holds one
//! `Annotation` per claim. The target is the article URL with a `TextQuoteSelector` and a
//! `TextPositionSelector` (code points, start included, end excluded); the body carries the
//! verdict, the conclusion, the tags and links to the (non-confidential) sources.

use serde_json::{Map, Value, json};

use super::escape::clean;
use super::{Exported, ReportView, count};
use crate::model::{Claim, is_safe_link};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Target source used when the article has no http(s) URL.
pub const NO_URL_SOURCE: &str = "urn:x-factcheck:article-without-url";

/// Render the annotation collection.
pub fn render(view: &ReportView<'_>) -> Result<Exported, super::ExportError> {
    let mut notes = Vec::new();
    let meta = &view.project.article.meta;
    let source = if is_safe_link(&meta.url) {
        meta.url.trim().to_owned()
    } else {
        notes.push(format!(
            "the article has no http(s) URL, so the annotations target {NO_URL_SOURCE}"
        ));
        NO_URL_SOURCE.to_owned()
    };
    let orphans = view.claims.iter().filter(|c| c.orphan).count();
    if orphans > 0 {
        notes.push(format!(
            "{} no text position (the quote is no longer found in the article)",
            count(orphans, "orphan claim has", "orphan claims have")
        ));
    }
    let items: Vec<Value> = view
        .claims
        .iter()
        .map(|claim| annotation(view, claim, &source))
        .collect();
    let mut collection = Map::new();
    collection.insert("@context".into(), json!(CONTEXT));
    collection.insert("type".into(), json!("AnnotationCollection"));
    let title = if meta.title.trim().is_empty() {
        "Untitled article"
    } else {
        meta.title.trim()
    };
    collection.insert(
        "label".into(),
        json!(format!("Claims checked in: {}", clean(title))),
    );
    collection.insert("total".into(), json!(items.len()));
    collection.insert(
        "first".into(),
        json!({ "type": "AnnotationPage", "startIndex": 0, "items": items }),
    );
    let mut text = serde_json::to_string_pretty(&Value::Object(collection))?;
    text.push('\n');
    Ok(Exported { text, notes })
}

fn annotation(view: &ReportView<'_>, claim: &Claim, source: &str) -> Value {
    let language = view.project.article.meta.language.trim();
    let textual = |purpose: &str, value: &str| {
        let mut body = Map::new();
        body.insert("type".into(), json!("TextualBody"));
        body.insert("purpose".into(), json!(purpose));
        body.insert("value".into(), json!(clean(value)));
        body.insert("format".into(), json!("text/plain"));
        body
    };
    let mut bodies: Vec<Value> = Vec::new();
    if let Some(verdict) = view.verdict(claim).text().filter(|t| !t.is_empty()) {
        bodies.push(Value::Object(textual("assessing", &verdict)));
    }
    let statement = claim.statement_or_quote().trim();
    if statement != claim.anchor.quote.trim() {
        let mut body = textual("describing", statement);
        if !language.is_empty() {
            body.insert("language".into(), json!(clean(language)));
        }
        bodies.push(Value::Object(body));
    }
    if !view.project.scale.is_conclusion_only() && !claim.conclusion.trim().is_empty() {
        bodies.push(Value::Object(textual(
            "commenting",
            claim.conclusion.trim(),
        )));
    }
    for tag in claim.tags.iter().filter(|t| !t.trim().is_empty()) {
        bodies.push(Value::Object(textual("tagging", tag.trim())));
    }
    if let Some(url) = view.claim_url(claim) {
        // The published check is itself an assessment of the target.
        bodies.push(
            json!({ "id": url, "type": "Text", "format": "text/html", "purpose": "assessing" }),
        );
    }
    let (citations, _) = view.citations(claim);
    for citation in citations {
        if is_safe_link(&citation.source.url) {
            bodies.push(json!({ "id": citation.source.url.trim(), "purpose": "linking" }));
        }
    }

    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": claim.anchor.quote,
        "prefix": claim.anchor.prefix,
        "suffix": claim.anchor.suffix,
    })];
    if !claim.orphan {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": claim.anchor.start,
            "end": claim.anchor.end,
        }));
    }

    let mut annotation = Map::new();
    annotation.insert("type".into(), json!("Annotation"));
    annotation.insert("id".into(), json!(format!("urn:uuid:{}", claim.id)));
    annotation.insert("motivation".into(), json!("assessing"));
    if let Some(created) = claim.created {
        annotation.insert("created".into(), json!(created.to_rfc3339()));
    }
    if let Some(modified) = claim.modified {
        annotation.insert("modified".into(), json!(modified.to_rfc3339()));
    }
    if let Some(by) = claim
        .verdict_by
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        annotation.insert(
            "creator".into(),
            json!({ "type": "Person", "name": clean(by) }),
        );
    }
    if !bodies.is_empty() {
        annotation.insert("body".into(), Value::Array(bodies));
    }
    annotation.insert(
        "target".into(),
        json!({ "source": source, "selector": selectors }),
    );
    Value::Object(annotation)
}
