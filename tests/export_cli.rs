//! `factcheck export` from the command line.

mod export_support;

use std::process::{Command, Output};

use export_support::{fixture_path, hostile_project};

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env_remove("FACTCHECK_REVIEWER")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn export_writes_each_format_to_stdout() {
    let fixture = fixture_path("small.ron");
    let fixture = fixture.to_str().expect("UTF-8 path");
    for (format, starts) in [
        ("html", "<!DOCTYPE html>"),
        ("md", "# Fact check: "),
        ("csv", "\u{feff}id,quote,claim,"),
        ("json", "{"),
        ("claimreview", "["),
        ("annotations", "{"),
    ] {
        let output = factcheck(&["export", fixture, "--format", format]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(stdout(&output).starts_with(starts), "{format}");
    }
}

#[test]
fn claimreview_says_how_many_claims_were_left_out() {
    let fixture = fixture_path("small.ron");
    let output = factcheck(&[
        "export",
        fixture.to_str().expect("UTF-8 path"),
        "--format",
        "claimreview",
    ]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("Note: 1 claim without a verdict was left out of ClaimReview"),
        "{}",
        stderr(&output)
    );
    let reviews: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("stdout is only the JSON");
    assert_eq!(reviews.as_array().map(Vec::len), Some(2));
}

#[test]
fn export_to_a_file_with_only_reviewed() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("report.html");
    let fixture = fixture_path("small.ron");
    let output = factcheck(&[
        "export",
        fixture.to_str().expect("UTF-8 path"),
        "--format",
        "html",
        "-o",
        out.to_str().expect("UTF-8 path"),
        "--only-reviewed",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "nothing on stdout with -o");
    let err = stderr(&output);
    assert!(err.contains("2 draft claims were left out"), "{err}");
    assert!(
        err.contains(&format!("Wrote HTML report to {}", out.display())),
        "{err}"
    );
    let html = std::fs::read_to_string(&out)?;
    assert_eq!(html.matches("<article class=\"claim\"").count(), 1);
    assert!(
        !dir.path().join("report.html.bak").exists(),
        "no backup of an export"
    );
    Ok(())
}

#[test]
fn hostile_project_exports_from_the_cli() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("hostile.ron");
    factcheck::io::save_project(&hostile_project(), &project)?;
    for format in ["html", "md", "csv", "json", "claimreview", "annotations"] {
        let output = factcheck(&[
            "export",
            project.to_str().expect("UTF-8"),
            "--format",
            format,
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(
            !stdout(&output).contains("https://secret.example.org"),
            "{format}"
        );
    }
    Ok(())
}

#[test]
fn unknown_format_and_missing_project_are_clear_errors() {
    let fixture = fixture_path("small.ron");
    let output = factcheck(&[
        "export",
        fixture.to_str().expect("UTF-8"),
        "--format",
        "pdf",
    ]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains(
            "unknown format \"pdf\"; use one of html, md, csv, json, claimreview, annotations"
        ),
        "{err}"
    );

    let output = factcheck(&["export", "/nonexistent/p.ron", "--format", "html"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("/nonexistent/p.ron"),
        "{}",
        stderr(&output)
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("missing-folder/report.md");
    let output = factcheck(&[
        "export",
        fixture.to_str().expect("UTF-8"),
        "--format",
        "md",
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("could not write the Markdown report: the folder does not exist"),
        "{err}"
    );
}
