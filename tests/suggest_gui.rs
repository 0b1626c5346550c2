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
