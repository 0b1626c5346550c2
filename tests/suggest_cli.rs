//! `factcheck suggest ARTICLE_OR_PROJECT [--all] [--top N] [--format text|tsv|json]`, run as
//! a user would.

use std::process::{Command, Output};

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .output()
        .expect("run factcheck")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/trump-putin-cyber-unit.txt"
);
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/projects/cyber-security-unit.ron"
);

/// Parse `start end score suggested reasons text` lines, checking every column.
fn rows(tsv: &str) -> Vec<(usize, usize, f64, bool, Vec<String>, String)> {
    tsv.lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 6, "six columns in {line:?}");
            let score: f64 = cols[2].parse().expect("score");
            assert!((0.0..=1.0).contains(&score), "{line}");
            assert!(cols[3] == "1" || cols[3] == "0", "{line}");
            let reasons = if cols[4].is_empty() {
                Vec::new()
            } else {
                cols[4].split(',').map(str::to_owned).collect()
            };
            (
                cols[0].parse().expect("start"),
                cols[1].parse().expect("end"),
                score,
                cols[3] == "1",
                reasons,
                cols[5].to_owned(),
            )
        })
        .collect()
}

#[test]
fn tsv_all_lists_every_sentence_with_char_offsets_into_the_article() {
    let text = std::fs::read_to_string(SEED).expect("seed");
    let chars: Vec<char> = text.chars().collect();
    let all = rows(&stdout(&factcheck(&[
        "suggest", SEED, "--all", "--format", "tsv",
    ])));
    assert!(all.len() > 15, "{}", all.len());
    assert!(all.iter().any(|r| !r.3), "some sentences are not suggested");
    for (start, end, _, _, _, sentence) in &all {
        let slice: String = chars[*start..*end].iter().collect();
        assert_eq!(&slice.replace(['\t', '\n'], " "), sentence);
    }
    // Without --all only the suggested ones, in the same order.
    let suggested = rows(&stdout(&factcheck(&["suggest", SEED, "--format", "tsv"])));
    let expected: Vec<_> = all.iter().filter(|r| r.3).cloned().collect();
    assert_eq!(suggested, expected);
    // The tweet's sentence is suggested, with readable reason codes.
    let tweet = suggested
        .iter()
        .find(|r| r.5.contains("Putin & I discussed forming"))
        .expect("the cyber unit sentence is suggested");
    assert!(tweet.4.contains(&"named-entity".to_owned()), "{tweet:?}");
}

#[test]
fn top_n_keeps_the_best_scores_first() {
    let top = rows(&stdout(&factcheck(&[
        "suggest", SEED, "--top", "3", "--format", "tsv",
    ])));
    assert_eq!(top.len(), 3);
    assert!(top[0].2 >= top[1].2 && top[1].2 >= top[2].2, "{top:?}");
    let all = rows(&stdout(&factcheck(&[
        "suggest", SEED, "--all", "--format", "tsv",
    ])));
    let best = all.iter().map(|r| r.2).fold(0.0, f64::max);
    assert!((top[0].2 - best).abs() < 1e-9);
}

#[test]
fn works_on_projects_markdown_and_html_and_json_has_reasons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("a.md");
    std::fs::write(&md, "# Jobs\n\nUnemployment fell to 3.5 percent in 2019, the lowest since 1969.\n\nIsn't that nice?\n")
        .expect("md");
    let html = dir.path().join("a.html");
    std::fs::write(
        &html,
        "<html><body><p>Exports to China rose 12 percent in 2019, officials said.</p>\
         <p>Thank you all.</p></body></html>",
    )
    .expect("html");
    for path in [
        md.to_str().expect("utf-8"),
        html.to_str().expect("utf-8"),
        EXAMPLE,
    ] {
        let out = stdout(&factcheck(&["suggest", path, "--format", "tsv"]));
        assert!(!out.is_empty(), "{path}: nothing suggested");
        assert!(rows(&out).iter().all(|r| r.3));
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&factcheck(&[
        "suggest",
        md.to_str().expect("utf-8"),
        "--all",
        "--format",
        "json",
    ])))
    .expect("json");
    let items = json.as_array().expect("array");
    let first = items
        .iter()
        .find(|i| {
            i["text"]
                .as_str()
                .is_some_and(|t| t.contains("3.5 percent"))
        })
        .expect("the statistic");
    assert_eq!(first["suggested"], true);
    let features: Vec<&str> = first["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(|r| r["feature"].as_str())
        .collect();
    assert!(
        features.contains(&"number") && features.contains(&"superlative"),
        "{features:?}"
    );
    let question = items
        .iter()
        .find(|i| i["text"].as_str().is_some_and(|t| t.contains("nice?")))
        .expect("the question");
    assert_eq!(question["suggested"], false);
}

#[test]
fn text_format_explains_and_bad_input_is_an_error() {
    let out = stdout(&factcheck(&["suggest", SEED]));
    assert!(
        out.contains("a number or quantity") || out.contains("names a person"),
        "{out}"
    );
    assert!(out.contains("suggested of"), "{out}");
    let missing = factcheck(&["suggest", "/nonexistent/article.txt"]);
    assert!(!missing.status.success());
    let bad_format = factcheck(&["suggest", SEED, "--format", "xml"]);
    assert!(!bad_format.status.success());
}
