//! Two reviewers: sign-off by a second person, corrections, and merging a reviewer's copy.

mod common;

use common::{
    TWEET, answer_dialogs, app, char_range_of, click, click_button, example_project, harness,
    seed_article, type_into,
};
use egui::{Key, Modifiers};
use factcheck::app::{Command, FactcheckApp};
use factcheck::io::{load_project, save_project};
use factcheck::model::{ClaimChange, ClaimStatus, Edit, Project};
use kittest::Queryable as _;

fn claim_by_quote<'a>(project: &'a Project, quote: &str) -> &'a factcheck::model::Claim {
    project
        .claims
        .iter()
        .find(|c| c.anchor.quote == quote)
        .expect("claim with that quote")
}

#[test]
fn reviewer_b_signs_off_what_a_rated_and_a_correction_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("check.ron");

    // Reviewer A marks and rates the tweet, sends it for review and saves.
    let mut a = harness(app("Ana Checker", vec![]));
    a.state_mut().push(Command::open(seed_article()));
    a.run();
    let range = char_range_of(a.state(), TWEET);
    a.state_mut().article_view_mut().set_selection(Some(range));
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::M);
    a.run();
    click(&mut a, "Verdict");
    click_button(&mut a, "Mostly False");
    click(&mut a, "Status");
    click_button(&mut a, "Ready for review");
    // A cannot sign off A's own verdict.
    click(&mut a, "Status");
    click_button(&mut a, "Reviewed");
    assert!(
        a.state()
            .status_text()
            .unwrap_or_default()
            .contains("someone else has to review it")
    );
    answer_dialogs(&mut a, vec![Some(file.clone())]);
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    assert!(file.exists());

    // Reviewer B opens the file, comments and signs off.
    let mut b = harness(app("Ben Editor", vec![]));
    b.state_mut().push(Command::open(file.clone()));
    b.run();
    type_into(&mut b, "New comment", "Sources check out.");
    click(&mut b, "Add comment");
    click(&mut b, "Status");
    click_button(&mut b, "Reviewed");
    {
        let claim = claim_by_quote(&b.state().doc().expect("doc").project, TWEET);
        assert_eq!(claim.status, ClaimStatus::Reviewed);
        assert_eq!(claim.reviewed_by.as_deref(), Some("Ben Editor"));
        assert_eq!(claim.comments.len(), 1);
        assert_eq!(claim.comments[0].author, "Ben Editor");
    }

    // The verdict is now locked; a correction with a reason is recorded as a revision.
    click(&mut b, "Correct the verdict…");
    click(&mut b, "New verdict");
    click_button(&mut b, "Half True");
    type_into(
        &mut b,
        "Reason (published with the report)",
        "The outlet published the full transcript.",
    );
    click(&mut b, "Record correction");
    let claim = claim_by_quote(&b.state().doc().expect("doc").project, TWEET).clone();
    assert_eq!(claim.verdict.as_deref(), Some("half-true"));
    assert_eq!(claim.revisions.len(), 1);
    let revision = &claim.revisions[0];
    assert_eq!(revision.by, "Ben Editor");
    assert_eq!(revision.old_verdict.as_deref(), Some("mostly-false"));
    assert_eq!(revision.new_verdict.as_deref(), Some("half-true"));
    assert_eq!(revision.reason, "The outlet published the full transcript.");
    let history: Vec<&str> = claim.history.iter().map(|h| h.what.as_str()).collect();
    assert!(history.contains(&"verdict corrected"), "{history:?}");
}

fn set_verdict(app: &mut egui_kittest::Harness<'static, FactcheckApp>, quote: &str, verdict: &str) {
    let claim_id = claim_by_quote(&app.state().doc().expect("doc").project, quote).id;
    app.state_mut().push(Command::edit(Edit::UpdateClaim {
        claim_id,
        change: ClaimChange::Verdict(Some(verdict.to_owned())),
    }));
    app.run();
}

#[test]
fn merge_view_classifies_resolves_and_applies_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    const DENIED: &str = "Mr Putin had denied any involvement";
    const OTHERS: &str = "other countries were probably involved as well";

    // Their copy: a different verdict on DENIED, a first verdict on OTHERS.
    let mut theirs = load_project(&example_project()).expect("example").project;
    let now = chrono::Utc::now();
    for (quote, verdict) in [(DENIED, "mostly-true"), (OTHERS, "false")] {
        let claim_id = claim_by_quote(&theirs, quote).id;
        let change = ClaimChange::Verdict(Some(verdict.to_owned()));
        theirs
            .apply(Edit::UpdateClaim { claim_id, change }, "Carla", now)
            .expect("edit theirs");
    }
    let theirs_path = dir.path().join("carla.ron");
    save_project(&theirs, &theirs_path).expect("save theirs");

    // My copy: the example with my own verdict on DENIED.
    let mut h = harness(app("Ana Checker", vec![Some(theirs_path)]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    set_verdict(&mut h, DENIED, "mostly-false");
    let mine = h.state().doc().expect("doc").project.clone();

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    assert!(
        h.state().merge().is_some(),
        "merge view open: {:?}",
        h.state().status()
    );
    // Two-way: both changed verdicts differ from mine; the other claims agree.
    assert_eq!(h.query_all_by_label("Verdict differs").count(), 2);
    assert_eq!(h.query_all_by_label("Agreed").count(), 2);
    h.get_by_label_contains("Both rated");

    // Three-way against the example: OTHERS merges by itself, DENIED is a conflict.
    answer_dialogs(&mut h, vec![Some(example_project())]);
    click(&mut h, "Common ancestor…");
    let session = h.state().merge().expect("session");
    assert!(session.is_three_way());
    assert_eq!(
        session.outcome.project.conflicts.len(),
        1,
        "{:?}",
        session.outcome.project.conflicts
    );
    h.get_by_label("Conflicts: 1 open of 1 found");
    click(&mut h, "Take theirs");
    h.get_by_label("Conflicts: 0 open of 1 found");
    click(&mut h, "Apply merge");
    assert!(h.state().merge().is_none());
    {
        let project = &h.state().doc().expect("doc").project;
        assert_eq!(
            claim_by_quote(project, DENIED).verdict.as_deref(),
            Some("mostly-true")
        );
        assert_eq!(
            claim_by_quote(project, OTHERS).verdict.as_deref(),
            Some("false")
        );
        assert!(project.conflicts.is_empty());
    }

    // One Ctrl+Z undoes the whole merge.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc().expect("doc").project, mine);
}

#[test]
fn unresolved_merge_conflicts_are_kept_and_resolved_in_the_inspector() {
    let dir = tempfile::tempdir().expect("temp dir");
    const DENIED: &str = "Mr Putin had denied any involvement";
    let mut theirs = load_project(&example_project()).expect("example").project;
    let claim_id = claim_by_quote(&theirs, DENIED).id;
    let change = ClaimChange::Verdict(Some("mostly-true".to_owned()));
    theirs
        .apply(
            Edit::UpdateClaim { claim_id, change },
            "Carla",
            chrono::Utc::now(),
        )
        .expect("edit");
    let theirs_path = dir.path().join("carla.ron");
    save_project(&theirs, &theirs_path).expect("save");

    let mut h = harness(app("Ana Checker", vec![Some(theirs_path)]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    set_verdict(&mut h, DENIED, "false");
    h.state_mut()
        .push(Command::Action(factcheck::app::Action::MergeReviewerCopy));
    h.run();
    click(&mut h, "Apply merge (keep open conflicts)");
    let open = h.state().doc().expect("doc").project.conflicts.len();
    assert!(open >= 1);
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .contains("still open")
    );
    h.state_mut().push(Command::JumpToClaim(claim_id));
    h.run();
    h.get_by_label_contains("Merge conflicts");
    click(&mut h, "Keep mine");
    let project = &h.state().doc().expect("doc").project;
    assert_eq!(project.conflicts.len(), open - 1);
    assert_eq!(
        claim_by_quote(project, DENIED).verdict.as_deref(),
        Some("false")
    );
}

/// The text of a field in the window, as a screen reader reads it.
fn field_text(h: &egui_kittest::Harness<'static, FactcheckApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// A comment or a correction reason typed for one claim stays with that claim: it does not
/// follow the reviewer to the next claim, and it is still there on coming back.
#[test]
fn inspector_drafts_stay_with_their_claim() {
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    let reviewed: Vec<_> = h
        .state()
        .doc()
        .expect("doc")
        .project
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Reviewed)
        .map(|c| c.id)
        .collect();
    let (a, b) = (reviewed[0], reviewed[1]);
    h.state_mut().push(Command::SelectClaim(Some(a)));
    h.run();
    type_into(&mut h, "New comment", "half a thought about A");
    click(&mut h, "Correct the verdict…");
    type_into(
        &mut h,
        "Reason (published with the report)",
        "why A changes",
    );

    h.state_mut().push(Command::SelectClaim(Some(b)));
    h.run();
    assert_eq!(field_text(&h, "New comment"), "");
    click(&mut h, "Correct the verdict…");
    assert_eq!(field_text(&h, "Reason (published with the report)"), "");

    h.state_mut().push(Command::SelectClaim(Some(a)));
    h.run();
    assert_eq!(field_text(&h, "New comment"), "half a thought about A");
    assert_eq!(
        field_text(&h, "Reason (published with the report)"),
        "why A changes"
    );
}
