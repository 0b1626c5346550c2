//! Earlier checks read from published ClaimReview JSON-LD (a single object, an array, a
//! schema.org `DataFeed`, `@graph`, or `<script type="application/ld+json">` in saved HTML) and
//! from the team's own projects. Untrusted input: wrong types, deep nesting and huge strings
//! are skipped with a reason, never a panic.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Project;

/// Longest `claimReviewed` kept; longer ones are skipped as not a claim.
pub const MAX_CLAIM_CHARS: usize = 5_000;
/// Other text fields are cut to this many chars.
pub const MAX_FIELD_CHARS: usize = 2_000;
/// How deep the JSON-LD tree is searched for ClaimReview objects.
pub const MAX_DEPTH: usize = 24;

/// Where an earlier check came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// A published ClaimReview.
    Published,
    /// A claim with a verdict in one of the team's projects.
    Project,
}

/// One earlier check, as indexed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// Unique key in the library (`url` plus a hash of the claim).
    pub key: String,
    /// Published or the team's own.
    pub kind: RecordKind,
    /// `claimReviewed` (or the claim's statement).
    pub claim: String,
    /// `headline` or `name` (or the project's article title).
    pub headline: String,
    /// Start of `reviewBody` (or the claim's conclusion).
    pub review_body: String,
    /// `itemReviewed.author.name`.
    pub claimant: String,
    /// `reviewRating.alternateName` (or the verdict label).
    pub verdict: String,
    /// `datePublished` as written.
    pub date: String,
    /// The ClaimReview's `url`, or `PROJECT_PATH#claim-ID`.
    pub url: String,
    /// `publisher.name` or `author.name` of the review (or the project's organisation).
    pub publisher: String,
}

/// Records read from one file and the reasons some were skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Checks found.
    pub records: Vec<CheckRecord>,
    /// One reason per skipped check ("ClaimReview without reviewRating.alternateName").
    pub skipped: Vec<String>,
}

/// Read every ClaimReview in a JSON-LD document.
///
/// # Errors
/// The text is not JSON (or nests deeper than `serde_json` allows).
pub fn from_json_ld(text: &str) -> Result<Parsed, serde_json::Error> {
    let value: Value = serde_json::from_str(text)?;
    let mut parsed = Parsed::default();
    collect(&value, &mut parsed);
    Ok(parsed)
}

/// Read every ClaimReview embedded in an HTML page's `application/ld+json` scripts. A broken
/// script is skipped with a reason; the others still count.
#[must_use]
pub fn from_html(html: &str) -> Parsed {
    let document = scraper::Html::parse_document(html);
    let mut parsed = Parsed::default();
    let Ok(selector) = scraper::Selector::parse("script[type]") else {
        return parsed;
    };
    for script in document.select(&selector) {
        let kind = script.value().attr("type").unwrap_or_default();
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        let text: String = script.text().collect();
        match from_json_ld(&text) {
            Ok(found) => {
                parsed.records.extend(found.records);
                parsed.skipped.extend(found.skipped);
            }
            Err(err) => parsed
                .skipped
                .push(format!("a JSON-LD script is not valid JSON ({err})")),
        }
    }
    parsed
}

/// Every claim with a verdict in a project; `path` makes the `#claim-ID` links.
#[must_use]
pub fn from_project(project: &Project, path: &Path) -> Parsed {
    let mut parsed = Parsed::default();
    let path = path.display().to_string();
    for claim in &project.claims {
        let Some(verdict) = claim.verdict.as_deref() else {
            parsed.skipped.push("claim without a verdict".to_owned());
            continue;
        };
        let statement = if claim.statement.trim().is_empty() {
            claim.anchor.quote.as_str()
        } else {
            claim.statement.as_str()
        };
        let url = format!("{path}#claim-{}", claim.id);
        parsed.records.push(CheckRecord {
            key: url.clone(),
            kind: RecordKind::Project,
            claim: cut(statement, MAX_CLAIM_CHARS),
            headline: cut(&project.article.meta.title, MAX_FIELD_CHARS),
            review_body: cut(&claim.conclusion, MAX_FIELD_CHARS),
            claimant: cut(&claim.claimant, MAX_FIELD_CHARS),
            verdict: project.verdict_text(verdict).to_owned(),
            date: claim.date.map(|d| d.to_string()).unwrap_or_default(),
            url,
            publisher: cut(&project.publishing.organisation, MAX_FIELD_CHARS),
        });
    }
    parsed
}

/// Walk the tree (without recursion, to a bounded depth) and turn every ClaimReview into a
/// record.
fn collect(root: &Value, parsed: &mut Parsed) {
    let mut stack: Vec<(&Value, usize)> = vec![(root, 0)];
    let mut too_deep = false;
    while let Some((value, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            too_deep = true;
            continue;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().rev().map(|v| (v, depth + 1))),
            Value::Object(map) => {
                if has_type(value, "ClaimReview") {
                    match record(value) {
                        Ok(r) => parsed.records.push(r),
                        Err(reason) => parsed.skipped.push(reason),
                    }
                } else {
                    let mut children: Vec<&Value> = map
                        .values()
                        .filter(|v| v.is_array() || v.is_object())
                        .collect();
                    children.reverse();
                    stack.extend(children.into_iter().map(|v| (v, depth + 1)));
                }
            }
            _ => {}
        }
    }
    if too_deep {
        parsed.skipped.push(format!(
            "parts nested deeper than {MAX_DEPTH} levels were not read"
        ));
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    let matches = |t: &Value| {
        t.as_str()
            .is_some_and(|t| t == name || t.rsplit(['/', ':', '#']).next() == Some(name))
    };
    match value.get("@type") {
        Some(Value::Array(types)) => types.iter().any(matches),
        Some(t) => matches(t),
        None => false,
    }
}

/// A string field (a string, or the first string of an array); anything else counts as absent.
fn text(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(s) => Some(s.as_str()),
        Value::Array(items) => items.iter().find_map(Value::as_str),
        _ => None,
    }
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

/// The `name` of an object (or of the first object in an array), or a plain string.
fn name_of(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(s) => Some(s.as_str()),
        Value::Object(_) => text(value?.get("name")),
        Value::Array(items) => items.iter().find_map(|v| name_of(Some(v))),
        _ => None,
    }
}

fn record(review: &Value) -> Result<CheckRecord, String> {
    let claim = text(review.get("claimReviewed"))
        .ok_or("ClaimReview without claimReviewed (or not a string)")?;
    if claim.chars().count() > MAX_CLAIM_CHARS {
        return Err(format!(
            "ClaimReview whose claimReviewed is longer than {MAX_CLAIM_CHARS} characters"
        ));
    }
    let rating = review.get("reviewRating");
    let verdict = rating
        .and_then(|r| text(r.get("alternateName")).or_else(|| text(r.get("name"))))
        .ok_or("ClaimReview without reviewRating.alternateName")?;
    let item = review.get("itemReviewed");
    let url = text(review.get("url")).unwrap_or_default();
    let publisher = name_of(review.get("publisher"))
        .or_else(|| name_of(review.get("author")))
        .unwrap_or_default();
    let date = text(review.get("datePublished"))
        .or_else(|| item.and_then(|i| text(i.get("datePublished"))))
        .unwrap_or_default();
    let key = format!("{url}|{}", super::sentence_key(claim));
    Ok(CheckRecord {
        key,
        kind: RecordKind::Published,
        claim: claim.to_owned(),
        headline: cut(
            text(review.get("headline"))
                .or_else(|| text(review.get("name")))
                .unwrap_or_default(),
            MAX_FIELD_CHARS,
        ),
        review_body: cut(
            text(review.get("reviewBody")).unwrap_or_default(),
            MAX_FIELD_CHARS,
        ),
        claimant: cut(
            item.and_then(|i| name_of(i.get("author")))
                .unwrap_or_default(),
            MAX_FIELD_CHARS,
        ),
        verdict: cut(verdict, MAX_FIELD_CHARS),
        date: cut(date, 64),
        url: cut(url, MAX_FIELD_CHARS),
        publisher: cut(publisher, MAX_FIELD_CHARS),
    })
}

/// At most `max` chars of `s` (an ellipsis marks a cut).
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"@context":"https://schema.org","@type":"ClaimReview",
        "url":"https://example.org/check/1","claimReviewed":"Crime doubled last year",
        "author":{"@type":"Organization","name":"Example Checks"},"datePublished":"2024-05-01",
        "itemReviewed":{"@type":"Claim","author":{"@type":"Person","name":"A. Politician"}},
        "reviewRating":{"@type":"Rating","alternateName":"False"}}"#;

    #[test]
    fn single_object_gives_every_indexed_field() {
        let parsed = from_json_ld(ONE).expect("json");
        assert_eq!(parsed.records.len(), 1, "{parsed:?}");
        let r = &parsed.records[0];
        assert_eq!(r.claim, "Crime doubled last year");
        assert_eq!(r.claimant, "A. Politician");
        assert_eq!(r.verdict, "False");
        assert_eq!(r.publisher, "Example Checks");
        assert_eq!(r.date, "2024-05-01");
        assert_eq!(r.url, "https://example.org/check/1");
    }

    #[test]
    fn wrong_types_are_skipped_with_a_reason() {
        let bad = r#"[{"@type":"ClaimReview","claimReviewed":42,
            "reviewRating":{"alternateName":"False"}},
            {"@type":["ClaimReview"],"claimReviewed":"x","reviewRating":"False"},
            {"@type":"ClaimReview","claimReviewed":"Ok","reviewRating":{"alternateName":"True"},
             "author":7,"itemReviewed":[1,2],"url":{"no":1}}]"#;
        let parsed = from_json_ld(bad).expect("json");
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.skipped.len(), 2);
        assert!(
            parsed.skipped[0].contains("claimReviewed"),
            "{:?}",
            parsed.skipped
        );
        assert!(
            parsed.skipped[1].contains("alternateName"),
            "{:?}",
            parsed.skipped
        );
    }

    #[test]
    fn html_scripts_are_read_and_broken_ones_reported() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{ONE}</script>\
             <script type=\"application/ld+json\">{{broken</script></head></html>"
        );
        let parsed = from_html(&html);
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.skipped.len(), 1);
    }
}
