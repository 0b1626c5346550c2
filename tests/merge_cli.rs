//! `factcheck merge` exit codes and output, `factcheck diff` output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factcheck::io::load_project;

fn fixture(scenario: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(scenario)
        .join(name)
}

fn factcheck(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env_remove("FACTCHECK_REVIEWER")
        .output()
        .expect("run factcheck")
}

fn three_way(scenario: &str, out: &Path) -> Output {
    factcheck(&[
        Path::new("merge"),
        Path::new("--base"),
        &fixture(scenario, "base.ron"),
        &fixture(scenario, "ours.ron"),
        &fixture(scenario, "theirs.ron"),
        Path::new("-o"),
        out,
        Path::new("--reviewer"),
        Path::new("carol"),
    ])
}

#[test]
fn clean_merge_exits_zero_and_writes_a_loadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("merged.ron");
    let output = three_way("disjoint", &out);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("Three-way merge: 2 claims, 2 sources.\n"),
        "{stdout}"
    );
    assert!(stdout.contains("No conflicts."), "{stdout}");
    let merged = load_project(&out).expect("loads").project;
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.claims.len(), 2);
    // Claims changed in one copy only are taken as they are, without a merge stamp.
    assert!(
        merged
            .claims
            .iter()
            .all(|c| c.history.iter().all(|h| h.what != "merged"))
    );
}

#[test]
fn conflicts_are_listed_and_exit_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("merged.ron");
    let output = three_way("same-field", &out);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("2 unresolved conflicts (open the merged file in the app to decide them):"),
        "{stdout}"
    );
    assert!(
        stdout.contains("verdict: ours False (by alice) / theirs Mostly False (by bob)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("conclusion: ours \"No such unit was ever formed.\" (by alice) / theirs \"Talks happened; no unit followed.\" (by bob)"),
        "{stdout}"
    );
    // The file is written anyway, with both values of each conflict.
    let merged = load_project(&out).expect("loads").project;
    assert_eq!(merged.conflicts.len(), 2);
    let cyber = &merged.claims[0];
    assert_eq!(
        cyber
            .history
            .last()
            .map(|h| (h.by.as_str(), h.what.as_str())),
        Some(("carol", "merged"))
    );
}

#[test]
fn two_way_merge_without_base_aligns_and_reports_agreement() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("merged.ron");
    let output = factcheck(&[
        Path::new("merge"),
        &fixture("independent", "ours.ron"),
        &fixture("independent", "theirs.ron"),
        Path::new("-o"),
        &out,
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("Two-way merge: 3 claims, 0 sources.\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("Agreement: 1 of 2 claims rated in both agree (50.0%), Cohen's kappa 0.33."),
        "{stdout}"
    );
    assert!(stdout.contains("  Span differs: 1\n"), "{stdout}");
}

#[test]
fn unreadable_input_is_an_error_not_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.ron");
    let output = factcheck(&[
        Path::new("merge"),
        &missing,
        &fixture("independent", "theirs.ron"),
        Path::new("-o"),
        &dir.path().join("out.ron"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("Error: Could not read the file: the file does not exist"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.ron").exists());
}

#[test]
fn diff_prints_a_readable_summary_with_old_and_new_values() {
    let output = factcheck(&[
        Path::new("diff"),
        &fixture("same-field", "base.ron"),
        &fixture("same-field", "theirs.ron"),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        "Claims: 0 added, 0 removed, 1 changed, 1 unchanged (first copy has 2, second has 2).\n\
         \x20 ~ \"Putin & I discussed forming an impenetrable Cyber Security unit\": verdict unrated → Mostly False; conclusion, methodology\n\
         \x20     conclusion: (empty) → \"Talks happened; no unit followed.\"\n\
         \x20     methodology: (empty) → \"Read both governments' statements.\"\n\
         Sources: 0 added, 0 removed, 0 changed.\n\
         Agreement: no claim is rated in both copies.\n"
    );
}

#[test]
fn diff_of_two_reviewers_lists_added_claims_and_agreement() {
    let output = factcheck(&[
        Path::new("diff"),
        &fixture("independent", "ours.ron"),
        &fixture("independent", "theirs.ron"),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "  + \"it harked straight back to the days of the Soviet Union\" (unrated)\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("(marked separately in each copy): verdict Half True → Mostly True\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "Agreement: 1 of 2 claims rated in both agree (50.0%), Cohen's kappa 0.33.\n"
        ),
        "{stdout}"
    );
}
