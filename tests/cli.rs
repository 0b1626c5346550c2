//! The real binary, driven from the command line.

use std::path::Path;
use std::process::{Command, Output};

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env("FACTCHECK_REVIEWER", "CLI Tester")
        .output()
        .expect("run factcheck")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/trump-putin-cyber-unit.txt"
);
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/projects/cyber-security-unit.ron"
);

#[test]
fn show_lists_the_tweet_with_its_verdict() {
    let out = factcheck(&["show", EXAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Donald Trump says he will co-operate with Russia on cyber security"));
    assert!(text.contains("\"Putin & I discussed forming an impenetrable Cyber Security unit"));
    assert!(
        text.contains("Claimant: Donald Trump · Status: Reviewed · Verdict: Half True"),
        "{text}"
    );
    assert!(text.contains("4 claims, 7 sources"));
}

#[test]
fn new_then_mark_then_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("p.ron");
    let project_str = project.to_str().expect("utf-8 path");
    let out = factcheck(&["new", SEED, "-o", project_str, "--title", "Cyber unit"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("plain text, UTF-8"));

    let out = factcheck(&[
        "mark",
        project_str,
        "--quote",
        "Mr Putin had denied any involvement",
        "--claimant",
        "Donald Trump",
        "--verdict",
        "mostly true",
        "--conclusion",
        "Putin did deny it.",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Marked claim "));

    let out = factcheck(&["show", project_str]);
    let text = stdout(&out);
    assert!(text.starts_with("Cyber unit\n"), "{text}");
    assert!(text.contains("1. \"Mr Putin had denied any involvement\""));
    assert!(text.contains("Verdict: Mostly True"));
    assert!(text.contains("Conclusion: Putin did deny it."));

    // The GUI's loader reads what the CLI wrote, with the claim where it was quoted.
    let loaded = factcheck::io::load_project(Path::new(&project)).expect("loads");
    assert!(loaded.warnings.is_empty());
    let claim = &loaded.project.claims[0];
    assert_eq!(claim.verdict_by.as_deref(), Some("CLI Tester"));
    let text = &loaded.project.article.text;
    let start = text[..text.find("Mr Putin had denied").expect("in text")]
        .chars()
        .count();
    assert_eq!(claim.anchor.start, start);
}

#[test]
fn missing_and_ambiguous_quotes_are_errors_that_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("p.ron");
    let p = project.to_str().expect("utf-8 path");
    assert!(factcheck(&["new", SEED, "-o", p]).status.success());

    let out = factcheck(&["mark", p, "--quote", "Putin is a trusted ally"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "Error: the quote \"Putin is a trusted ally\" is not in the article\n"
    );

    let out = factcheck(&["mark", p, "--quote", "Mr Putin"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("Error: the quote appears "), "{err}");
    assert!(err.contains("--occurrence"), "{err}");
    assert_eq!(err.lines().count(), 1, "one-line error");

    let out = factcheck(&["mark", p, "--quote", "Mr Putin", "--occurrence", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = factcheck(&[
        "mark",
        p,
        "--quote",
        "Mr Putin",
        "--occurrence",
        "1",
        "--verdict",
        "Fabulous",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("\"Fabulous\" is not on the PolitiFact Truth-O-Meter scale"));
}

#[test]
fn malformed_and_binary_inputs_give_one_line_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format_version: 1, claims: [ (anchor: (start: -3)) ])",
    )
    .expect("write");
    let out = factcheck(&["show", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("Error: Not a valid project file at line 1, column "),
        "{err}"
    );
    assert!(err.trim_end().ends_with("bad.ron)"), "path last: {err}");

    let future = dir.path().join("future.ron");
    std::fs::write(&future, "(format_version: 9, hologram: true)").expect("write");
    let err = stderr(&factcheck(&["show", future.to_str().expect("path")]));
    assert!(
        err.contains(
            "uses project format 9, but this version of Factcheck Workbench reads formats up to 1"
        ),
        "{err}"
    );

    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n").expect("write");
    let out = factcheck(&["new", binary.to_str().expect("path"), "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("this is not a text file (it looks like binary data: a PDF document)")
    );

    let out = factcheck(&[
        "show",
        dir.path().join("missing.ron").to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("Error: Could not read the file: the file does not exist"));
}
