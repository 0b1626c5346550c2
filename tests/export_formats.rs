//! Each export format read back by a real parser of that format, plus text snapshots of the
//! small fixture project.

mod export_support;

use export_support::{example_project, load_fixture, run};
use factcheck::export::{ExportFormat, anchor_id};
use factcheck::model::{Claim, ClaimStatus, Project, is_safe_link};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use serde_json::Value;

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

/// Claims in report order (the order the exports use).
fn ordered(project: &Project) -> Vec<&Claim> {
    let mut claims: Vec<&Claim> = project.claims.iter().collect();
    claims.sort_by_key(|c| (c.orphan, c.anchor.start, c.anchor.end, c.id));
    claims
}

/// Check the HTML report of `project` with an HTML parser.
fn check_html(project: &Project) {
    let text = run(project, ExportFormat::Html, false).text;
    let doc = Html::parse_document(&text);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    let claims = ordered(project);
    let sections: Vec<_> = doc.select(&selector("article.claim")).collect();
    assert_eq!(sections.len(), claims.len(), "one section per claim");
    for (section, claim) in sections.iter().zip(&claims) {
        assert_eq!(section.value().attr("id"), Some(anchor_id(claim).as_str()));
    }
    let rows = doc.select(&selector("#summary tbody tr")).count();
    assert_eq!(rows, claims.len(), "one summary row per claim");
    let ids: Vec<&str> = doc
        .select(&selector("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let mut links = 0;
    for a in doc.select(&selector("a[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        links += 1;
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(ids.contains(&fragment), "link to a missing id: {href}");
        } else {
            assert!(is_safe_link(href), "unsafe link: {href}");
        }
    }
    assert!(links > claims.len(), "the report links claims and sources");
    for forbidden in ["script", "img", "iframe", "object", "embed", "link", "form"] {
        assert_eq!(doc.select(&selector(forbidden)).count(), 0, "<{forbidden}>");
    }
    // Drafts are marked.
    for (section, claim) in sections.iter().zip(&claims) {
        let marked = section.select(&selector(".draft")).count() > 0;
        assert_eq!(
            marked,
            claim.status != ClaimStatus::Reviewed,
            "{}",
            claim.id
        );
    }
}

/// Check the Markdown report of `project` with a CommonMark parser; returns its plain text.
fn check_markdown(project: &Project) -> String {
    let text = run(project, ExportFormat::Markdown, false).text;
    let claims = ordered(project);
    let mut plain = String::new();
    let mut claim_headings = 0;
    let mut in_h3 = false;
    let mut anchors = Vec::new();
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) => {
                in_h3 = true;
                claim_headings += 1;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H3)) => in_h3 = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("#claim-") || is_safe_link(&dest_url),
                    "unsafe link {dest_url}"
                );
            }
            Event::Start(Tag::Image { .. }) => panic!("the report has no images"),
            Event::InlineHtml(html) | Event::Html(html) => {
                assert!(in_h3, "raw HTML only in claim headings: {html}");
                assert!(
                    html.as_ref() == "</a>"
                        || (html.starts_with("<a id=\"claim-") && html.len() == 23),
                    "unexpected raw HTML {html}"
                );
                if html.starts_with("<a id") {
                    anchors.push(html[7..21].to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            _ => {}
        }
    }
    assert_eq!(claim_headings, claims.len(), "one heading per claim");
    let expected: Vec<String> = claims.iter().map(|c| anchor_id(c)).collect();
    assert_eq!(anchors, expected);
    plain
}

/// Check the CSV of `project` with the csv crate.
fn check_csv(project: &Project) {
    let text = run(project, ExportFormat::Csv, false).text;
    assert!(text.starts_with('\u{feff}'), "UTF-8 byte-order mark");
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(
        headers.get(0),
        Some("id"),
        "the BOM is not part of the first header"
    );
    assert_eq!(headers.len(), 15, "id … sources withheld, signature");
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    let claims = ordered(project);
    assert_eq!(rows.len(), claims.len(), "one row per claim");
    let unneutralise =
        |cell: &str| -> String { cell.strip_prefix('\'').unwrap_or(cell).to_owned() };
    for (row, claim) in rows.iter().zip(&claims) {
        assert_eq!(row.get(0), Some(claim.id.to_string().as_str()));
        assert_eq!(unneutralise(&row[1]), claim.anchor.quote.replace('\0', ""));
        assert_eq!(unneutralise(&row[3]), claim.claimant.replace('\0', ""));
        assert_eq!(&row[7], claim.status.label());
        let verdict = claim.verdict.as_deref().map(|v| project.verdict_text(v));
        if !project.scale.is_conclusion_only() {
            assert_eq!(unneutralise(&row[8]), verdict.unwrap_or_default());
        }
        let rating = claim
            .verdict
            .as_deref()
            .and_then(|v| project.scale.label(v))
            .and_then(|l| l.value)
            .map(|v| v.to_string())
            .unwrap_or_default();
        assert_eq!(&row[9], rating);
        assert_eq!(unneutralise(&row[10]), claim.conclusion.replace('\0', ""));
    }
}

/// Check the JSON export: it parses and the project inside round-trips.
fn check_json(project: &Project) {
    let text = run(project, ExportFormat::Json, false).text;
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["format"], "factcheck-workbench-export");
    assert_eq!(value["version"], 1);
    let back: Project =
        serde_json::from_value(value["project"].clone()).expect("the project reads back");
    assert_eq!(back.claims.len(), project.claims.len());
    assert_eq!(back.article, project.article);
    assert_eq!(back.scale, project.scale);
    let public: Vec<_> = project.sources.iter().filter(|s| !s.confidential).collect();
    assert_eq!(back.sources.len(), public.len());
    for claim in &back.claims {
        let original = project.claim(claim.id).expect("same ids");
        assert_eq!(claim.anchor, original.anchor);
        assert_eq!(claim.conclusion, original.conclusion);
        for evidence in &claim.evidence {
            assert!(
                back.source(evidence.source).is_some(),
                "evidence cites a listed source"
            );
        }
    }
}

/// Check the ClaimReview JSON-LD: the required and recommended fields are present.
fn check_claimreview(project: &Project) -> Vec<Value> {
    let exported = run(project, ExportFormat::ClaimReview, false);
    let reviews: Vec<Value> = serde_json::from_str(&exported.text).expect("valid JSON");
    let with_verdict: Vec<&Claim> = ordered(project)
        .into_iter()
        .filter(|c| {
            if project.scale.is_conclusion_only() {
                !c.conclusion.trim().is_empty()
            } else {
                c.verdict.is_some()
            }
        })
        .collect();
    assert_eq!(reviews.len(), with_verdict.len());
    let left_out = project.claims.len() - with_verdict.len();
    if left_out > 0 {
        assert!(
            exported
                .notes
                .iter()
                .any(|n| n.starts_with(&left_out.to_string()) && n.contains("without a verdict")),
            "{:?}",
            exported.notes
        );
    }
    for (review, claim) in reviews.iter().zip(&with_verdict) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["claimReviewed"], claim.statement_or_quote().trim());
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(
            rating["alternateName"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        assert!(rating["name"].is_string());
        let url = review["url"].as_str().expect("url");
        assert!(is_safe_link(url));
        assert!(url.ends_with(&format!("#{}", anchor_id(claim))), "{url}");
        assert_eq!(review["author"]["@type"], "Organization");
        assert!(review["author"]["name"].is_string());
        assert!(review["datePublished"].is_string());
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        if !claim.claimant.is_empty() {
            assert!(matches!(
                item["author"]["@type"].as_str(),
                Some("Person" | "Organization")
            ));
            assert_eq!(item["author"]["name"], claim.claimant.trim());
        }
        assert!(item["appearance"].is_object(), "appearance");
    }
    reviews
}

/// Check the Web Annotation JSON-LD: selectors point at the quote in code points.
fn check_annotations(project: &Project) {
    let text = run(project, ExportFormat::Annotations, false).text;
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().expect("items");
    assert_eq!(value["total"], items.len());
    let claims = ordered(project);
    assert_eq!(items.len(), claims.len());
    let article: Vec<char> = project.article.text.chars().collect();
    for (item, claim) in items.iter().zip(&claims) {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["id"], format!("urn:uuid:{}", claim.id));
        let target = &item["target"];
        assert!(target["source"].is_string());
        let selectors = target["selector"].as_array().expect("selectors");
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("quote selector");
        assert_eq!(quote["exact"], claim.anchor.quote);
        assert_eq!(quote["prefix"], claim.anchor.prefix);
        assert_eq!(quote["suffix"], claim.anchor.suffix);
        if !claim.orphan {
            let position = selectors
                .iter()
                .find(|s| s["type"] == "TextPositionSelector")
                .expect("position selector");
            let start = usize::try_from(position["start"].as_u64().expect("start")).expect("fits");
            let end = usize::try_from(position["end"].as_u64().expect("end")).expect("fits");
            let at: String = article[start..end].iter().collect();
            assert_eq!(at, claim.anchor.quote, "positions count code points");
        }
        if claim.verdict.is_some() {
            let bodies = item["body"].as_array().expect("body");
            assert!(bodies.iter().any(|b| b["purpose"] == "assessing"));
        }
    }
}

#[test]
fn fixture_html_report_parses_with_a_section_per_claim() {
    check_html(&load_fixture("small.ron"));
}

#[test]
fn fixture_markdown_report_is_commonmark_with_the_content() {
    let project = load_fixture("small.ron");
    let plain = check_markdown(&project);
    for expected in [
        "Mostly False",
        "Putin & I discussed forming an impenetrable Cyber Security unit",
        "How we checked",
        "1 source withheld",
        "verdict changed from False to Mostly False",
        "Alice Checker, Bob Editor",
        "Pants on Fire",
    ] {
        assert!(plain.contains(expected), "missing {expected:?} in {plain}");
    }
}

#[test]
fn fixture_csv_has_a_row_per_claim_and_round_trips() {
    check_csv(&load_fixture("small.ron"));
}

#[test]
fn fixture_json_round_trips() {
    check_json(&load_fixture("small.ron"));
}

#[test]
fn fixture_claimreview_has_required_fields_and_skips_unrated() {
    let reviews = check_claimreview(&load_fixture("small.ron"));
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Mostly False");
    assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 3);
    assert_eq!(reviews[0]["reviewRating"]["bestRating"], 6);
    assert_eq!(reviews[0]["reviewRating"]["worstRating"], 1);
    assert_eq!(
        reviews[0]["url"],
        "https://factdesk.example.org/checks/cyber-unit#claim-c1000001"
    );
    assert_eq!(reviews[1]["itemReviewed"]["appearance"]["name"], "Twitter");
}

#[test]
fn fixture_annotations_select_each_quote() {
    check_annotations(&load_fixture("small.ron"));
}

#[test]
fn conclusion_only_scale_uses_the_conclusion_as_verdict() {
    let mut project = load_fixture("small.ron");
    project.scale = factcheck::model::ScalePreset::ConclusionOnly.scale();
    let reviews = check_claimreview(&project);
    assert_eq!(
        reviews.len(),
        2,
        "the claim without a conclusion is left out"
    );
    assert_eq!(
        reviews[1]["reviewRating"]["alternateName"],
        "The Kremlin denied involvement, as reported at the time."
    );
    assert!(reviews[0]["reviewRating"].get("ratingValue").is_none());
    check_html(&project);
    check_csv(&project);
}

#[test]
fn only_reviewed_leaves_out_drafts_and_says_so() {
    let project = load_fixture("small.ron");
    for format in ExportFormat::ALL {
        let exported = run(&project, format, true);
        assert!(
            exported
                .notes
                .iter()
                .any(|n| n == "2 draft claims were left out because not yet reviewed"),
            "{format:?}: {:?}",
            exported.notes
        );
        for draft in ["c2000002-0000-4000-8000-000000000002", "claim-c2000002"] {
            assert!(!exported.text.contains(draft), "{format:?} has {draft}");
        }
        assert!(
            exported.text.contains("c1000001"),
            "{format:?} keeps the reviewed claim"
        );
    }
}

#[test]
fn overlapping_claims_are_all_highlighted() {
    let mut project = load_fixture("small.ron");
    // A claim inside the first one.
    let text = std::sync::Arc::clone(&project.article.text);
    let index = factcheck::model::TextIndex::new(&text);
    let inner = project.claims[0].anchor.start + 10;
    let claim = Claim::new(factcheck::model::Anchor::from_range(
        &text,
        &index,
        inner,
        inner + 20,
    ));
    let id = anchor_id(&claim);
    project.claims.push(claim);
    let html = run(&project, ExportFormat::Html, false).text;
    let doc = Html::parse_document(&html);
    let hl = selector("#article a.hl");
    let targets: Vec<_> = doc
        .select(&hl)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(targets.contains(&format!("#{id}").as_str()), "{targets:?}");
    let first = format!("#{}", anchor_id(&project.claims[0]));
    assert_eq!(
        targets.iter().filter(|t| **t == first).count(),
        2,
        "split around the inner claim"
    );
    check_markdown(&project);
}

#[test]
fn example_project_exports_read_back_in_every_format() {
    let project = example_project();
    check_html(&project);
    check_markdown(&project);
    check_csv(&project);
    check_json(&project);
    check_claimreview(&project);
    check_annotations(&project);
    let secrets: Vec<&str> = project
        .sources
        .iter()
        .filter(|s| s.confidential)
        .flat_map(|s| [s.title.as_str(), s.url.as_str(), s.notes.as_str()])
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert!(!secrets.is_empty(), "the example has a confidential source");
    for format in ExportFormat::ALL {
        let text = run(&project, format, false).text;
        for secret in &secrets {
            assert!(!text.contains(secret), "{format:?} leaks {secret:?}");
        }
    }
}

#[test]
fn snapshots_of_the_small_fixture() {
    let project = load_fixture("small.ron");
    for format in ExportFormat::ALL {
        let exported = run(&project, format, false);
        insta::assert_snapshot!(
            format!("small_{}", format.cli_name()),
            format!("{}\n---\n{}", exported.notes.join("\n"), exported.text)
        );
    }
}
