//! "Checked before" in the inspector, driven through the real UI: a project in a library
//! folder is found for the claim the checker marks, off the UI thread.

mod common;

use std::time::{Duration, Instant};

use common::{TWEET, app, char_range_of, harness, seed_article};
use factcheck::app::Command;
use factcheck::state::Action;
use kittest::Queryable as _;

#[test]
fn checked_before_shows_a_match_from_a_project_in_a_library_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let team = dir.path().join("team");
    std::fs::create_dir_all(&team).expect("team folder");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/cyber-security-unit.ron");
    std::fs::copy(&example, team.join("earlier-check.ron")).expect("copy project");

    let mut checker = app("Ana Checker", vec![]);
    checker.set_library_dir(dir.path().join("library"));
    checker.prefs_mut().library_folders = vec![team.clone()];
    let mut h = harness(checker);
    h.state_mut().push(Command::open(seed_article()));
    h.run();

    // Mark the tweet as a new claim: the inspector asks the library about it.
    let range = char_range_of(h.state(), TWEET);
    h.state_mut().article_view_mut().set_selection(Some(range));
    h.state_mut().push(Command::Action(Action::MarkClaim));
    h.run();
    assert!(h.state().selected_claim().is_some());

    // The search runs on a worker thread; wait for its answer (bounded).
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().checked_before().searching || h.state().checked_before().matches.is_empty() {
        assert!(
            Instant::now() < deadline,
            "no answer from the claim library"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    let top = &h.state().checked_before().matches[0];
    assert_eq!(top.record.verdict, "Half True");
    assert!(
        top.record.url.contains("earlier-check.ron#claim-"),
        "{}",
        top.record.url
    );

    h.get_by_label("Checked before");
    assert!(h.query_all_by_label("Half True").count() >= 1);
    assert!(
        h.query_all_by_label_contains(
            TWEET
                .split(' ')
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str()
        )
        .count()
            >= 1
    );
    // The team's own check opens its project.
    h.get_all_by_label("open project")
        .next()
        .expect("an open project button")
        .scroll_to_me();
    h.run();
    h.get_all_by_label("open project")
        .next()
        .expect("an open project button")
        .click();
    h.run();
    // The marked claim is not saved: the app asks first, as with any open.
    assert!(
        matches!(
            h.state().modal(),
            Some(factcheck::app::Modal::UnsavedChanges { .. })
        ),
        "{:?} {:?}",
        h.state().modal().is_some(),
        h.state().status_text()
    );
    h.get_by_label("Discard changes").click();
    h.run();
    let doc = h.state().doc().expect("a document");
    assert!(
        doc.path
            .as_ref()
            .is_some_and(|p| p.ends_with("earlier-check.ron")),
        "{:?}",
        doc.path
    );
}
