//! Shared helpers for the export tests: fixtures, options and project builders.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone as _, Utc};
use factcheck::export::{ExportFormat, ExportOptions, Exported, export};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimStatus, ClaimantKind, Evidence, Project, Publishing, Revision,
    Source, Stance, TextIndex,
};

/// The small fixture project used for snapshots.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// Load a fixture project, failing on any repair warning (fixtures must be clean).
pub fn load_fixture(name: &str) -> Project {
    let loaded = factcheck::io::load_project(&fixture_path(name)).expect("fixture loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.project
}

/// The example project `projects/cyber-security-unit.ron` (a missing or broken one fails).
pub fn example_project() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/cyber-security-unit.ron");
    factcheck::io::load_project(&path)
        .expect("the example project loads")
        .project
}

/// Options with a fixed date, so outputs are reproducible.
pub fn options(only_reviewed: bool) -> ExportOptions {
    ExportOptions {
        only_reviewed,
        generated: Utc
            .with_ymd_and_hms(2024, 3, 6, 12, 0, 0)
            .single()
            .expect("valid date"),
    }
}

/// Export, failing the test on error.
pub fn run(project: &Project, format: ExportFormat, only_reviewed: bool) -> Exported {
    export(project, format, &options(only_reviewed)).expect("export succeeds")
}

/// Strings a hostile project puts everywhere.
pub const SCRIPT: &str = "<script>alert('xss')</script>";
/// Attribute break-out.
pub const IMG: &str = "\"><img src=x onerror=alert(1)>";
/// Script URL.
pub const JS_URL: &str = "javascript:alert(document.cookie)";
/// Markdown control characters.
pub const MARKDOWN: &str = "# Heading *bold* _em_ [link](javascript:alert(1)) ![img](https://evil.example/x.png) `code` | pipe > quote\n1. list\n---\n<b>raw</b> &amp;";
/// Spreadsheet formulas.
pub const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"https://evil.example\",\"click\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
];
/// Emoji and right-to-left text with a bidi override.
/// Non-Latin text that may appear inside a safe link.
pub const SAFE_URL_TEXT: &str = "שלום-مرحبا-日本語";
/// Mixed scripts, emoji and a right-to-left override.
pub const WORLD: &str = "👩‍👩‍👧 שלום עולם مرحبا \u{202e}txet desrever";
/// A confidential source's URL and title, which must appear nowhere.
pub const SECRET_URL: &str = "https://secret.example.org/whistleblower";
/// The confidential source's title.
pub const SECRET_TITLE: &str = "CONFIDENTIAL insider at the ministry";

/// A project whose every text field is hostile.
pub fn hostile_project() -> Project {
    let text = format!(
        "{SCRIPT} opens the article.\n{IMG} and {JS_URL}\n{MARKDOWN}\n{} {} {} {}\n{WORLD}\nEnd.\u{0}",
        FORMULAS[0], FORMULAS[1], FORMULAS[2], FORMULAS[3]
    );
    let index = TextIndex::new(&text);
    let anchor_of = |quote: &str| {
        let byte = text.find(quote).expect("quote in text");
        let start = index.byte_to_char(&text, byte).expect("char boundary");
        Anchor::from_range(&text, &index, start, start + quote.chars().count())
    };
    let anchors = [
        anchor_of(SCRIPT),
        anchor_of(IMG),
        anchor_of("# Heading *bold*"),
        anchor_of(FORMULAS[0]),
        anchor_of(WORLD),
    ];
    let public = Source {
        url: JS_URL.to_owned(),
        title: format!("{SCRIPT}{IMG}"),
        publisher: MARKDOWN.to_owned(),
        author: FORMULAS[3].to_owned(),
        archive_url: "data:text/html,<script>alert(1)</script>".to_owned(),
        published: NaiveDate::from_ymd_opt(2020, 1, 2),
        ..Source::default()
    };
    let safe = Source {
        // Quotes, angle brackets and non-Latin text, but no white space or bidi controls
        // (links with those are shown as text, never linked: see `is_safe_link`).
        url: format!("https://example.org/a?b=1&c=\"2\"&d=<{SAFE_URL_TEXT}>"),
        title: WORLD.to_owned(),
        ..Source::default()
    };
    let secret = Source {
        url: SECRET_URL.to_owned(),
        title: SECRET_TITLE.to_owned(),
        confidential: true,
        ..Source::default()
    };
    let evidence = vec![
        Evidence {
            source: public.id,
            stance: Stance::Contradicts,
            quote: SCRIPT.to_owned(),
            note: MARKDOWN.to_owned(),
            passage: None,
        },
        Evidence {
            source: safe.id,
            stance: Stance::Supports,
            quote: WORLD.to_owned(),
            note: FORMULAS[0].to_owned(),
            passage: None,
        },
        Evidence {
            source: secret.id,
            stance: Stance::Supports,
            quote: "the secret quote".to_owned(),
            note: String::new(),
            passage: None,
        },
    ];
    let hostile_fields = [SCRIPT, IMG, MARKDOWN, FORMULAS[0], WORLD];
    let claims = anchors
        .into_iter()
        .enumerate()
        .map(|(i, anchor)| Claim {
            statement: format!("{} {}", hostile_fields[i], FORMULAS[i % 4]),
            claimant: if i % 2 == 0 {
                FORMULAS[i % 4].to_owned()
            } else {
                IMG.to_owned()
            },
            claimant_kind: if i % 2 == 0 {
                ClaimantKind::Person
            } else {
                ClaimantKind::Organization
            },
            appearance: if i == 0 {
                JS_URL.to_owned()
            } else {
                MARKDOWN.to_owned()
            },
            tags: vec![SCRIPT.to_owned(), WORLD.to_owned()],
            status: if i % 2 == 0 {
                ClaimStatus::Reviewed
            } else {
                ClaimStatus::NeedsWork
            },
            verdict: (i != 4)
                .then(|| ["true", "false", "pants-on-fire", "half-true"][i % 4].to_owned()),
            verdict_by: Some(SCRIPT.to_owned()),
            reviewed_by: Some(IMG.to_owned()),
            conclusion: format!("{}\n{MARKDOWN}\n{WORLD}", FORMULAS[(i + 1) % 4]),
            methodology: format!("{}\n{SCRIPT}", FORMULAS[(i + 2) % 4]),
            evidence: evidence.clone(),
            revisions: vec![Revision {
                at: Utc
                    .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
                    .single()
                    .expect("date"),
                by: IMG.to_owned(),
                old_verdict: Some(SCRIPT.to_owned()),
                new_verdict: Some("false".to_owned()),
                reason: MARKDOWN.to_owned(),
            }],
            ..Claim::new(anchor)
        })
        .collect();
    let mut project = Project::new(
        text.clone(),
        ArticleMeta {
            title: format!("{SCRIPT} {MARKDOWN}"),
            outlet: IMG.to_owned(),
            author: WORLD.to_owned(),
            url: JS_URL.to_owned(),
            published: None,
            language: "en\" onload=\"alert(1)".to_owned(),
        },
    );
    project.publishing = Publishing {
        organisation: format!("{SCRIPT}{}", FORMULAS[0]),
        organisation_url: JS_URL.to_owned(),
        report_url: "javascript:alert(1)//".to_owned(),
    };
    project.scale.name = format!("{SCRIPT} scale");
    project.scale.labels[0].definition = format!("{MARKDOWN} {IMG}");
    project.scale.labels[1].text = format!("{IMG} Mostly");
    project.sources = vec![public, safe, secret];
    project.claims = claims;
    project
}
