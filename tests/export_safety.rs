//! A hostile project exports safely in every format, and confidential sources appear in no
//! export.

mod export_support;

use export_support::{
    FORMULAS, IMG, JS_URL, MARKDOWN, SAFE_URL_TEXT, SCRIPT, SECRET_TITLE, SECRET_URL, WORLD,
    hostile_project, load_fixture, run,
};
use factcheck::export::ExportFormat;
use factcheck::model::is_safe_link;
use pulldown_cmark::{Event, Parser, Tag};
use scraper::{Html, Selector};
use serde_json::Value;

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

#[test]
fn hostile_html_has_no_active_content_and_shows_the_text() {
    let project = hostile_project();
    let text = run(&project, ExportFormat::Html, false).text;
    let doc = Html::parse_document(&text);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    for forbidden in [
        "script", "img", "iframe", "object", "embed", "link", "form", "base",
    ] {
        assert_eq!(
            doc.select(&selector(forbidden)).count(),
            0,
            "<{forbidden}> in the report"
        );
    }
    for element in doc.select(&selector("*")) {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value}");
            if name == "href" || name == "src" {
                assert!(
                    value.starts_with('#') || is_safe_link(value),
                    "unsafe {name}={value}"
                );
            }
            if name == "style" {
                assert!(
                    value.starts_with("background:#"),
                    "only our own styles: {value}"
                );
            }
            if name == "lang" {
                assert!(value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            }
        }
    }
    let csp = doc
        .select(&selector("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .and_then(|m| m.value().attr("content"));
    assert_eq!(
        csp,
        Some("default-src 'none'; style-src 'unsafe-inline'"),
        "scripts are blocked even if something slipped through"
    );
    // The hostile strings are shown as text, not run.
    let body_text: String = doc.root_element().text().collect();
    for shown in [SCRIPT, IMG, JS_URL, "👩‍👩‍👧 שלום עולם مرحبا", FORMULAS[0]]
    {
        assert!(body_text.contains(shown), "{shown:?} is not shown as text");
    }
    // The text of the safe URL (with quotes and angle brackets) survives as an href.
    let safe_links: Vec<_> = doc
        .select(&selector("a[href^=\"https://example.org/\"]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        safe_links
            .iter()
            .any(|h| h.contains("c=\"2\"&d=<") && h.contains(SAFE_URL_TEXT)),
        "{safe_links:?}"
    );
}

#[test]
fn hostile_markdown_has_no_html_images_or_unsafe_links() {
    let project = hostile_project();
    let text = run(&project, ExportFormat::Markdown, false).text;
    for tag in ["<script", "<img", "<b>"] {
        for (at, _) in text.match_indices(tag) {
            assert!(text[..at].ends_with('\\'), "unescaped {tag} at byte {at}");
        }
    }
    let mut plain = String::new();
    let mut safe_dest = Vec::new();
    for event in Parser::new(&text) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                assert!(
                    html.as_ref() == "</a>"
                        || (html.starts_with("<a id=\"claim-") && html.ends_with("\">")),
                    "raw HTML from the project: {html}"
                );
            }
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image {dest_url}"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("#claim-") || is_safe_link(&dest_url),
                    "unsafe link {dest_url}"
                );
                if dest_url.starts_with("https://example.org/") {
                    safe_dest.push(dest_url.to_string());
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                assert!(
                    matches!(
                        level,
                        pulldown_cmark::HeadingLevel::H1
                            | pulldown_cmark::HeadingLevel::H2
                            | pulldown_cmark::HeadingLevel::H3
                            | pulldown_cmark::HeadingLevel::H4
                    ),
                    "only our own headings"
                );
            }
            Event::Text(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            _ => {}
        }
    }
    // Markdown syntax from the project comes out as literal text.
    for literal in [
        SCRIPT,
        IMG,
        "# Heading *bold* _em_ [link](javascript:alert(1))",
        "![img](https://evil.example/x.png) `code` | pipe > quote",
        "<b>raw</b> &amp;",
        "👩‍👩‍👧 שלום עולם مرحبا",
    ] {
        assert!(
            plain.contains(literal),
            "{literal:?} not literal in {plain}"
        );
    }
    // The safe URL round-trips exactly through the link destination.
    let expected = format!("https://example.org/a?b=1&c=\"2\"&d=<{SAFE_URL_TEXT}>");
    assert!(safe_dest.contains(&expected), "{safe_dest:?}");
    // Our own headings: title, sections, one per claim, and sub-headings.
    let headings = text.lines().filter(|l| l.starts_with('#')).count();
    assert!(headings >= 5 + project.claims.len());
}

#[test]
fn hostile_csv_has_no_formulas_and_round_trips_text() {
    let project = hostile_project();
    let text = run(&project, ExportFormat::Csv, false).text;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(rows.len(), project.claims.len());
    let mut neutralised = 0;
    for row in &rows {
        for (column, cell) in row.iter().enumerate() {
            // Column 9 is the numeric rating and 13 a count, written by us as numbers.
            if column == 9 || column == 13 {
                assert!(cell.is_empty() || cell.parse::<i64>().is_ok(), "{cell}");
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula in column {column}: {cell:?}"
            );
            if cell.starts_with('\'') {
                neutralised += 1;
            }
        }
    }
    assert!(
        neutralised >= 10,
        "formulas were neutralised ({neutralised})"
    );
    // The text itself survives (after the apostrophe), emoji and RTL included.
    let claims: Vec<_> = {
        let mut c: Vec<_> = project.claims.iter().collect();
        c.sort_by_key(|c| (c.orphan, c.anchor.start, c.anchor.end, c.id));
        c
    };
    for (row, claim) in rows.iter().zip(&claims) {
        let statement = row[2].strip_prefix('\'').unwrap_or(&row[2]);
        assert_eq!(statement, claim.statement);
        let claimant = row[3].strip_prefix('\'').unwrap_or(&row[3]);
        assert_eq!(claimant, claim.claimant);
    }
    assert!(text.contains(WORLD));
}

#[test]
fn hostile_json_formats_are_valid_and_link_only_http() {
    let project = hostile_project();
    for format in [
        ExportFormat::Json,
        ExportFormat::ClaimReview,
        ExportFormat::Annotations,
    ] {
        let exported = run(&project, format, false);
        let value: Value = serde_json::from_str(&exported.text).expect("valid JSON");
        check_urls(&value, format);
    }
    let reviews: Value =
        serde_json::from_str(&run(&project, ExportFormat::ClaimReview, false).text)
            .expect("valid JSON");
    let first = &reviews[0];
    assert_eq!(
        first["claimReviewed"],
        format!("{SCRIPT} {}", FORMULAS[0]),
        "JSON keeps the text as data"
    );
    assert!(
        first.get("url").is_none(),
        "no url from a javascript: report URL"
    );
    assert!(first["author"].get("url").is_none());
    let notes = run(&project, ExportFormat::ClaimReview, false).notes;
    assert!(
        notes.iter().any(|n| n.contains("no http(s) report URL")),
        "{notes:?}"
    );
    let annotations: Value =
        serde_json::from_str(&run(&project, ExportFormat::Annotations, false).text)
            .expect("valid JSON");
    assert_eq!(
        annotations["first"]["items"][0]["target"]["source"],
        "urn:x-factcheck:article-without-url"
    );
    assert_eq!(
        annotations["first"]["items"][4]["target"]["selector"][0]["exact"],
        WORLD
    );
    let _ = MARKDOWN;
}

/// Every `url`, `id` and `@id` in a JSON-LD document is http(s) or a URN we made.
fn check_urls(value: &Value, format: ExportFormat) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Value::String(s) = v
                    && matches!(key.as_str(), "url" | "id" | "@id")
                    && format != ExportFormat::Json
                {
                    assert!(
                        is_safe_link(s) || s.starts_with("urn:"),
                        "{format:?}: {key} = {s}"
                    );
                }
                check_urls(v, format);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| check_urls(v, format)),
        _ => {}
    }
}

#[test]
fn confidential_sources_appear_in_no_export() {
    for project in [load_fixture("small.ron"), hostile_project()] {
        for format in ExportFormat::ALL {
            for only_reviewed in [false, true] {
                let exported = run(&project, format, only_reviewed);
                for secret in [
                    SECRET_URL,
                    SECRET_TITLE,
                    "the secret quote",
                    "Spoke on condition",
                ] {
                    assert!(
                        !exported.text.contains(secret),
                        "{format:?} leaks {secret:?}"
                    );
                }
                let confidential_id = project
                    .sources
                    .iter()
                    .find(|s| s.confidential)
                    .map(|s| s.id.to_string())
                    .expect("a confidential source");
                assert!(
                    !exported.text.contains(&confidential_id),
                    "{format:?} leaks its id"
                );
            }
        }
        for format in [ExportFormat::Html, ExportFormat::Markdown] {
            let text = run(&project, format, false).text;
            assert!(
                text.contains("1 source withheld"),
                "{format:?} says it withheld one"
            );
        }
        let notes = run(&project, ExportFormat::Csv, false).notes;
        assert!(
            notes.contains(&"1 source was withheld (marked confidential)".to_owned()),
            "{notes:?}"
        );
    }
}
