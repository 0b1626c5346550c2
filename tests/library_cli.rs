//! `factcheck library import|list` and `factcheck similar`, run as written in the issue.

use std::path::Path;
use std::process::{Command, Output};

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .output()
        .expect("run factcheck")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/dev/claimreviews.json");
const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects");

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn import_reports_counts_then_unchanged_on_the_second_run_and_list_shows_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"[{"@type":"ClaimReview","claimReviewed":"No verdict here"}]"#,
    )
    .expect("write");
    let out = ok(&factcheck(&[
        "library",
        "import",
        DEV,
        s(&bad),
        "--library",
        s(&lib),
    ]));
    assert!(
        out.starts_with("Added 45 checks, updated 0, skipped 1, unchanged 0"),
        "{out}"
    );
    assert!(
        out.contains("1 × ClaimReview without reviewRating.alternateName"),
        "{out}"
    );

    let again = ok(&factcheck(&[
        "library",
        "import",
        DEV,
        "--library",
        s(&lib),
    ]));
    assert!(
        again.starts_with("Added 0 checks, updated 0, skipped 0, unchanged 45"),
        "{again}"
    );

    let list = ok(&factcheck(&["library", "list", "--library", s(&lib)]));
    assert!(list.contains("45 checks  "), "{list}");
    assert!(list.contains("claimreviews.json"), "{list}");
    assert!(list.contains("45 checks from 2 files"), "{list}");
}

#[test]
fn similar_tsv_has_the_exact_columns_for_text_and_for_a_queries_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    ok(&factcheck(&[
        "library",
        "import",
        DEV,
        PROJECTS,
        "--library",
        s(&lib),
    ]));

    let out = ok(&factcheck(&[
        "similar",
        "Wind farms are the #1 killer of birds in America https://t.co/x",
        "--library",
        s(&lib),
        "--top",
        "3",
        "--format",
        "tsv",
    ]));
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (i, cols) in lines.iter().enumerate() {
        assert_eq!(cols.len(), 6, "qid rank score url verdict claim: {out}");
        assert_eq!(cols[0], "-");
        assert_eq!(cols[1], (i + 1).to_string());
        assert!(cols[2].parse::<f64>().is_ok(), "{out}");
    }
    assert_eq!(lines[0][3], "https://checks.example.org/windmills-birds");
    assert_eq!(lines[0][4], "False");
    assert_eq!(
        lines[0][5],
        "Wind turbines kill more birds than any other human activity."
    );

    let queries = dir.path().join("queries.tsv");
    std::fs::write(
        &queries,
        "a\tPutin & I discussed forming an impenetrable Cyber Security unit\n\
         b\tMexico is paying for the Wall — Donald J. Trump (@realDonaldTrump) 2019\n",
    )
    .expect("queries");
    let out = ok(&factcheck(&[
        "similar",
        "--queries",
        s(&queries),
        "--library",
        s(&lib),
        "--top",
        "2",
        "--format",
        "tsv",
    ]));
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!((lines[0][0], lines[0][1]), ("a", "1"));
    assert_eq!((lines[2][0], lines[2][1]), ("b", "1"));
    assert_eq!(lines[2][3], "https://checks.example.org/border-wall");
    // The team's own check of the tweet links to the project's claim.
    let cyber: Vec<&Vec<&str>> = lines.iter().filter(|l| l[0] == "a").collect();
    assert!(
        cyber
            .iter()
            .any(|l| l[3].contains("cyber-security-unit.ron#claim-")),
        "{out}"
    );
}

#[test]
fn similar_text_and_json_formats_and_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    ok(&factcheck(&[
        "library",
        "import",
        DEV,
        "--library",
        s(&lib),
    ]));
    let text = ok(&factcheck(&[
        "similar",
        "gas prices doubled",
        "--library",
        s(&lib),
    ]));
    assert!(
        text.starts_with("1. [Half True] “Gas prices have doubled"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&factcheck(&[
        "similar",
        "gas prices doubled",
        "--library",
        s(&lib),
        "--format",
        "json",
    ])))
    .expect("json");
    assert_eq!(json[0]["rank"], 1);
    assert_eq!(json[0]["record"]["publisher"], "National Check");
    assert!(
        !factcheck(&["similar", "--library", s(&lib)])
            .status
            .success()
    );
    let missing = factcheck(&[
        "similar",
        "--queries",
        "/nonexistent.tsv",
        "--library",
        s(&lib),
    ]);
    assert!(!missing.status.success());
}
