//! Two reviewers captured the same source at different times: the merge keeps both captures,
//! once each, newest first, with no conflict; old project files without captures still load.

use factcheck::merge::{MergeOptions, merge_with};
use factcheck::model::{ArticleMeta, Capture, Project, Source};

fn capture(hash: char, day: u32) -> Capture {
    Capture {
        sha256: hash.to_string().repeat(64),
        captured_at: chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("date")
            .and_utc(),
        ..Capture::default()
    }
}

#[test]
fn captures_are_unioned_by_hash() {
    let mut base = Project::new("Some article text.", ArticleMeta::default());
    let mut source = Source {
        url: "https://example.org/a".to_owned(),
        ..Source::default()
    };
    source.captures.push(capture('a', 1));
    base.sources.push(source);
    let mut ours = base.clone();
    ours.sources[0].captures.insert(0, capture('b', 5));
    let mut theirs = base.clone();
    theirs.sources[0].captures.insert(0, capture('c', 9));
    for base in [None, Some(&base)] {
        let outcome = merge_with(base, &ours, &theirs, &MergeOptions::default());
        let hashes: Vec<char> = outcome.project.sources[0]
            .captures
            .iter()
            .filter_map(|c| c.sha256.chars().next())
            .collect();
        assert_eq!(hashes, ['c', 'b', 'a']);
        assert!(outcome.project.conflicts.is_empty());
    }
}

#[test]
fn a_project_without_captures_saves_the_same_bytes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/projects/cyber-security-unit.ron"
    );
    let before = std::fs::read_to_string(path).expect("read");
    let project = factcheck::io::from_ron_str(&before).expect("loads").project;
    assert_eq!(
        factcheck::io::to_ron_string(&project).expect("saves"),
        before
    );
    assert!(!before.contains("captures"));
}
