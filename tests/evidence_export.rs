//! Reports show a cited source's newest capture (date and SHA-256) beside its link; what a
//! hostile project file puts in a capture record never reaches a report unescaped.

mod evidence_support;

use factcheck::export::{ExportFormat, ExportOptions, export};
use factcheck::model::{Capture, Evidence, Source, Stance};

fn project_citing(capture: Capture) -> factcheck::model::Project {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = evidence_support::project_with_claim(dir.path());
    let mut project = factcheck::io::load_project(&path).expect("loads").project;
    let mut source = Source {
        url: "https://example.org/report".to_owned(),
        title: "Report".to_owned(),
        ..Source::default()
    };
    source.captures.push(capture);
    project.claims[0].evidence.push(Evidence {
        source: source.id,
        stance: Stance::Supports,
        quote: String::new(),
        note: String::new(),
        passage: None,
    });
    project.sources.push(source);
    project
}

fn render(project: &factcheck::model::Project, format: ExportFormat) -> String {
    let options = ExportOptions {
        only_reviewed: false,
        generated: chrono::Utc::now(),
    };
    export(project, format, &options).expect("exports").text
}

#[test]
fn html_and_markdown_show_the_capture_beside_the_link() {
    let sha = "ab".repeat(32);
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:15:00Z")
        .expect("date")
        .to_utc();
    let project = project_citing(Capture {
        sha256: sha.clone(),
        captured_at: at,
        ..Capture::default()
    });
    let line = format!("Captured 2026-11-30 09:15 UTC, SHA-256 {sha}");
    for format in [ExportFormat::Html, ExportFormat::Markdown] {
        let text = render(&project, format);
        assert!(text.contains(&line), "{format:?}: {text}");
    }
    let json = render(&project, ExportFormat::Json);
    assert!(
        json.contains("\"captured_at\": \"2026-11-30T09:15:00Z\""),
        "{json}"
    );
}

#[test]
fn hostile_capture_records_are_not_printed() {
    let project = project_citing(Capture {
        sha256: "<script>alert(1)</script>".to_owned(),
        media_type: "<img src=x onerror=alert(1)>".to_owned(),
        ..Capture::default()
    });
    let html = render(&project, ExportFormat::Html);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("SHA-256 (not a valid SHA-256)"));
}
