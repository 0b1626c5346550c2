//! schema.org `ClaimReview` JSON-LD: a JSON array with one `ClaimReview` object per claim
//! that has a verdict, each complete with its own `@context` (so a page can embed one).

use serde_json::{Map, Value, json};

use super::escape::clean;
use super::{Exported, ReportView, Verdict, count};
use crate::model::{Claim, ClaimantKind, is_safe_link};

/// Render the ClaimReview JSON-LD.
pub fn render(view: &ReportView<'_>) -> Result<Exported, super::ExportError> {
    let mut notes = Vec::new();
    let publishing = &view.project.publishing;
    if view.report_base().is_none() {
        notes.push(
            "the project has no http(s) report URL in its publishing settings, so the reviews have no url (schema.org requires one)"
                .to_owned(),
        );
    }
    if publishing.organisation.trim().is_empty() {
        notes.push(
            "the project has no publishing organisation, so the reviews have no author".to_owned(),
        );
    }
    let mut reviews = Vec::new();
    let mut without_verdict = 0;
    let mut drafts = 0;
    for claim in &view.claims {
        let verdict = view.verdict(claim);
        let Some(verdict_text) = verdict.text().filter(|t| !t.is_empty()) else {
            without_verdict += 1;
            continue;
        };
        if super::is_draft(claim) {
            drafts += 1;
        }
        reviews.push(review(view, claim, verdict, &verdict_text));
    }
    if without_verdict > 0 {
        notes.push(format!(
            "{} left out of ClaimReview",
            count(
                without_verdict,
                "claim without a verdict was",
                "claims without a verdict were"
            )
        ));
    }
    if drafts > 0 {
        notes.push(format!(
            "{} included; export only reviewed claims (--only-reviewed) to leave drafts out",
            count(
                drafts,
                "draft claim (not yet reviewed) was",
                "draft claims (not yet reviewed) were"
            )
        ));
    }
    let mut text = serde_json::to_string_pretty(&Value::Array(reviews))?;
    text.push('\n');
    Ok(Exported { text, notes })
}

fn review(view: &ReportView<'_>, claim: &Claim, verdict: Verdict<'_>, verdict_text: &str) -> Value {
    let project = view.project;
    let publishing = &project.publishing;
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert("alternateName".into(), json!(clean(verdict_text)));
    rating.insert(
        "name".into(),
        json!(clean(&crate::model::snippet(verdict_text, 120))),
    );
    if let (Verdict::Label(label), Some((best, worst))) = (verdict, project.scale.numeric_range())
        && let Some(value) = label.value
    {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("bestRating".into(), json!(best));
        rating.insert("worstRating".into(), json!(worst));
    }

    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if !claim.claimant.trim().is_empty() {
        let kind = match claim.claimant_kind {
            ClaimantKind::Person => "Person",
            ClaimantKind::Organization => "Organization",
        };
        item.insert(
            "author".into(),
            json!({ "@type": kind, "name": clean(claim.claimant.trim()) }),
        );
    }
    if let Some(date) = claim.date {
        item.insert(
            "datePublished".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(appearance) = appearance(view, claim) {
        item.insert("appearance".into(), appearance);
    }

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    if let Some(url) = view.claim_url(claim) {
        review.insert("url".into(), json!(url));
    }
    review.insert(
        "claimReviewed".into(),
        json!(clean(claim.statement_or_quote().trim())),
    );
    review.insert("reviewRating".into(), Value::Object(rating));
    review.insert("itemReviewed".into(), Value::Object(item));
    if !publishing.organisation.trim().is_empty() {
        let mut author = Map::new();
        author.insert("@type".into(), json!("Organization"));
        author.insert("name".into(), json!(clean(publishing.organisation.trim())));
        if is_safe_link(&publishing.organisation_url) {
            author.insert("url".into(), json!(publishing.organisation_url.trim()));
        }
        review.insert("author".into(), Value::Object(author));
    }
    review.insert("datePublished".into(), json!(view.report_date()));
    Value::Object(review)
}

/// Where the claim appeared: its own appearance (a URL or a description), else the checked
/// article.
fn appearance(view: &ReportView<'_>, claim: &Claim) -> Option<Value> {
    let own = claim.appearance.trim();
    if is_safe_link(own) {
        return Some(json!({ "@type": "CreativeWork", "url": own }));
    }
    if !own.is_empty() {
        return Some(json!({ "@type": "CreativeWork", "name": clean(own) }));
    }
    let meta = &view.project.article.meta;
    if !is_safe_link(&meta.url) {
        return None;
    }
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("url".into(), json!(meta.url.trim()));
    if !meta.title.trim().is_empty() {
        work.insert("headline".into(), json!(clean(meta.title.trim())));
    }
    if !meta.outlet.trim().is_empty() {
        work.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": clean(meta.outlet.trim()) }),
        );
    }
    if let Some(date) = meta.published {
        work.insert(
            "datePublished".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    Some(Value::Object(work))
}
