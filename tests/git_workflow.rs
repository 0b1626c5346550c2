//! Git as the shared store, with the real `git` binary: `factcheck git-setup` makes git merge
//! project files with `factcheck merge` and diff them as a readable summary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factcheck::io::{load_project, save_project};
use factcheck::model::{ClaimField, ConflictAt};

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Tester")
        .env("GIT_AUTHOR_EMAIL", "tester@example.org")
        .env("GIT_COMMITTER_NAME", "Tester")
        .env("GIT_COMMITTER_EMAIL", "tester@example.org")
        .env_remove("GIT_DIR")
        .output()
        .expect("run git")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env("FACTCHECK_REVIEWER", "alice")
        .output()
        .expect("run factcheck")
}

/// A repository set up with `factcheck git-setup`, holding `check.ron` with two claims
/// marked (committed on branch `main`).
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    ok(git(root, &["init", "-q", "-b", "main"]));
    let out = ok(factcheck(&["git-setup", root.to_str().expect("utf-8")]));
    assert!(out.contains("merge --base %O %A %B -o %A"), "{out}");
    let project = root.join("check.ron");
    let p = project.to_str().expect("utf-8");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/trump-putin-cyber-unit.txt");
    ok(factcheck(&["new", seed.to_str().expect("utf-8"), "-o", p]));
    for quote in [
        "an impenetrable Cyber Security unit",
        "the days of the Soviet Union",
    ] {
        ok(factcheck(&[
            "mark",
            p,
            "--quote",
            quote,
            "--conclusion",
            "first draft",
        ]));
    }
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).expect("attributes");
    assert!(attributes.contains("*.ron merge=factcheck diff=factcheck"));
    ok(git(root, &["add", "-A"]));
    ok(git(root, &["commit", "-q", "-m", "start"]));
    (dir, project)
}

/// Change claim `n`'s conclusion (or methodology) in the working copy and commit.
fn edit_and_commit(root: &Path, project: &Path, n: usize, methodology: bool, text: &str) {
    let mut p = load_project(project).expect("load").project;
    if methodology {
        p.claims[n].methodology = text.to_owned();
    } else {
        p.claims[n].conclusion = text.to_owned();
    }
    save_project(&p, project).expect("save");
    ok(git(root, &["commit", "-q", "-am", text]));
}

#[test]
fn two_branches_changing_one_conclusion_merge_into_a_recorded_conflict() {
    let (dir, project) = repo();
    let root = dir.path();
    ok(git(root, &["checkout", "-q", "-b", "theirs"]));
    edit_and_commit(
        root,
        &project,
        0,
        false,
        "Theirs: the unit was never formed.",
    );
    ok(git(root, &["checkout", "-q", "main"]));
    edit_and_commit(
        root,
        &project,
        0,
        false,
        "Ours: Trump dropped it within a day.",
    );
    let merge = git(root, &["merge", "theirs", "-m", "merge"]);
    assert!(!merge.status.success(), "the merge must stop on a conflict");
    let said = String::from_utf8_lossy(&merge.stdout);
    assert!(
        said.contains("CONFLICT") && said.contains("check.ron"),
        "{said}"
    );
    // The file is a loadable project with both values kept as a conflict.
    let merged = load_project(&project)
        .expect("the merged file loads")
        .project;
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| {
            matches!(
                c.at,
                ConflictAt::Claim {
                    field: ClaimField::Conclusion,
                    ..
                }
            )
        })
        .expect("a conclusion conflict");
    let text = |side: &factcheck::model::ConflictSide| format!("{:?}", side.value);
    assert!(text(&conflict.ours).contains("Ours: Trump dropped it within a day."));
    assert!(text(&conflict.theirs).contains("Theirs: the unit was never formed."));
    // Nothing but the project is left behind in the working tree.
    let status = ok(git(root, &["status", "--porcelain"]));
    assert!(
        status.lines().all(|l| l.ends_with("check.ron")),
        "unexpected files: {status}"
    );
}

#[test]
fn disjoint_edits_merge_cleanly() {
    let (dir, project) = repo();
    let root = dir.path();
    ok(git(root, &["checkout", "-q", "-b", "theirs"]));
    edit_and_commit(root, &project, 1, true, "Theirs: read the transcript.");
    ok(git(root, &["checkout", "-q", "main"]));
    edit_and_commit(root, &project, 0, false, "Ours: dropped within a day.");
    ok(git(root, &["merge", "-q", "theirs", "-m", "merge"]));
    let merged = load_project(&project).expect("load").project;
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.claims[0].conclusion, "Ours: dropped within a day.");
    assert_eq!(merged.claims[1].methodology, "Theirs: read the transcript.");
    assert!(ok(git(root, &["status", "--porcelain"])).trim().is_empty());
}

#[test]
fn git_diff_shows_the_readable_summary() {
    let (dir, project) = repo();
    let root = dir.path();
    let mut p = load_project(&project).expect("load").project;
    p.claims[0].conclusion = "Trump dropped the idea a day later.".to_owned();
    save_project(&p, &project).expect("save");
    let diff = ok(git(root, &["diff"]));
    assert!(diff.contains("-  conclusion: first draft\n"), "{diff}");
    assert!(
        diff.contains("+  conclusion: Trump dropped the idea a day later.\n"),
        "{diff}"
    );
    // Not the raw RON.
    assert!(!diff.contains("conclusion: \""), "{diff}");
}

#[test]
fn git_setup_outside_a_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = factcheck(&["git-setup", dir.path().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not inside a git repository"));
}
