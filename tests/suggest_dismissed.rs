//! Dismissed suggestions are kept in the project file, stay quiet for the next reader, and
//! survive a merge of two reviewers' copies.

use std::path::Path;
use std::process::Command;

use factcheck::io::{load_project, save_project, to_ron_string};
use factcheck::merge::merge;
use factcheck::research::{DismissedSuggestion, suggest};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/projects/cyber-security-unit.ron"
);

fn suggested_sentences(path: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["suggest", path.to_str().expect("utf-8"), "--format", "tsv"])
        .output()
        .expect("run");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_dismissed_sentence_stays_quiet_after_save_and_merge() {
    let project = load_project(Path::new(EXAMPLE)).expect("example").project;
    assert!(project.dismissed_suggestions.is_empty());
    // Unchanged projects save the same bytes: the field is absent when empty.
    assert!(
        !to_ron_string(&project)
            .expect("ron")
            .contains("dismissed_suggestions")
    );

    let suggestions = suggest(&project.article.text, &[]);
    let picked: Vec<_> = suggestions
        .iter()
        .filter(|s| s.score.suggested)
        .take(2)
        .collect();
    assert_eq!(picked.len(), 2);
    let dir = tempfile::tempdir().expect("temp dir");

    let mut ours = project.clone();
    ours.dismissed_suggestions = vec![DismissedSuggestion::new(
        &picked[0].text,
        picked[0].start,
        picked[0].end,
    )];
    let mut theirs = project.clone();
    theirs.dismissed_suggestions = vec![DismissedSuggestion::new(
        &picked[1].text,
        picked[1].start,
        picked[1].end,
    )];

    let ours_path = dir.path().join("ours.ron");
    save_project(&ours, &ours_path).expect("save");
    let listed = suggested_sentences(&ours_path);
    assert!(
        !listed.contains(&picked[0].text),
        "dismissed sentence still suggested"
    );
    assert!(listed.contains(&picked[1].text));

    let merged = merge(Some(&project), &ours, &theirs).project;
    assert_eq!(merged.dismissed_suggestions.len(), 2);
    let merged_path = dir.path().join("merged.ron");
    save_project(&merged, &merged_path).expect("save merged");
    let listed = suggested_sentences(&merged_path);
    assert!(!listed.contains(&picked[0].text) && !listed.contains(&picked[1].text));
}
