//! The "Suggested" view driven through the real UI: mark a suggestion as a claim, dismiss
//! another (remembered in the project).

mod common;

use common::{app, harness, seed_article};
use egui::accesskit::Role;
use factcheck::app::Command;
use factcheck::research::suggest;
use kittest::Queryable as _;

#[test]
fn suggested_view_marks_the_best_sentence_and_dismisses_another() {
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(seed_article()));
    h.run();
    let doc = h.state().doc().expect("article open");
    assert!(doc.project.claims.is_empty());
    let text = doc.project.article.text.clone();

    // The best suggestion, as the scorer ranks it.
    let mut expected: Vec<_> = suggest(&text, &[])
        .into_iter()
        .filter(|s| s.score.suggested)
        .collect();
    expected.sort_by(|a, b| {
        b.score
            .score
            .total_cmp(&a.score.score)
            .then(a.start.cmp(&b.start))
    });
    let best = expected.first().expect("something suggested").clone();

    h.get_by_label("Suggested").click();
    h.run();
    // Rows show the sentence and the reasons.
    let start: String = best.text.chars().take(30).collect();
    assert!(h.query_all_by_label_contains(&start).count() >= 1);
    assert!(
        h.query_all_by_label_contains("names a person, organisation or place")
            .count()
            >= 1
    );
    let marks = h
        .query_all_by_role_and_label(Role::Button, "Mark as claim")
        .count();
    assert_eq!(marks, expected.len());

    // One click marks the best one as a claim.
    h.get_all_by_role_and_label(Role::Button, "Mark as claim")
        .next()
        .expect("a mark button")
        .click();
    h.run();
    let doc = h.state().doc().expect("doc");
    assert_eq!(doc.project.claims.len(), 1);
    let claim = &doc.project.claims[0];
    assert_eq!(
        (claim.anchor.start, claim.anchor.end),
        (best.start, best.end)
    );
    assert_eq!(h.state().selected_claim(), Some(claim.id));
    // It leaves the suggestions.
    h.get_by_label("Suggested").click();
    h.run();
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Mark as claim")
            .count(),
        marks - 1
    );

    // Another click dismisses the next one; it is kept in the project.
    h.get_all_by_role_and_label(Role::Button, "Not worth checking")
        .next()
        .expect("a dismiss button")
        .click();
    h.run();
    let doc = h.state().doc().expect("doc");
    assert_eq!(
        doc.project.dismissed_suggestions.len(),
        1,
        "{:?}",
        h.state().status_text()
    );
    assert!(doc.is_dirty());
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Mark as claim")
            .count(),
        marks - 2
    );
    let dismissed = &doc.project.dismissed_suggestions[0];
    let again = suggest(&text, &doc.project.dismissed_suggestions);
    let quiet = again
        .iter()
        .find(|s| s.start == dismissed.start)
        .expect("the dismissed sentence");
    assert!(!quiet.score.suggested);
}

#[test]
fn a_long_article_is_scored_off_the_ui_thread_and_a_dismissal_shows_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = std::fs::read_to_string(seed_article()).expect("seed");
    // Well over what is scored within a frame.
    let long: String = (0..40)
        .map(|n| format!("Part {n}.\n\n{seed}\n\n"))
        .collect();
    assert!(long.len() > 100 * 1024);
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &long).expect("write");
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(&path));
    h.run();
    let text = h.state().doc().expect("open").project.article.text.clone();
    h.get_by_label("Suggested").click();
    h.run();
    let expected = suggest(&text, &[]);
    assert_eq!(
        h.state().suggestions(),
        expected.as_slice(),
        "the worker's scores"
    );
    let suggested = |h: &egui_kittest::Harness<'_, factcheck::app::FactcheckApp>| {
        h.state()
            .suggestions()
            .iter()
            .filter(|s| s.score.suggested)
            .count()
    };
    let before = suggested(&h);
    h.get_all_by_role_and_label(Role::Button, "Not worth checking")
        .next()
        .expect("a dismiss button")
        .click();
    // The frame of the click already shows it, before the re-scoring comes back.
    h.step();
    assert_eq!(suggested(&h), before - 1);
    h.run();
    // The re-scoring also quiets the same sentence in the other 39 parts (dismissal goes by
    // the sentence's text).
    let dismissed = h
        .state()
        .doc()
        .expect("doc")
        .project
        .dismissed_suggestions
        .clone();
    assert_eq!(dismissed.len(), 1);
    assert_eq!(
        h.state().suggestions(),
        suggest(&text, &dismissed).as_slice()
    );
    assert_eq!(suggested(&h), before - 40);
}
