//! The workbench driven as a checker would, through the real UI (egui_kittest, no GPU).

mod common;

use common::{
    TWEET, answer_dialogs, app, char_range_of, claim_row_label, click, click_button,
    example_project, harness, seed_article, type_into,
};
use egui::{Key, Modifiers};
use factcheck::app::{Command, Modal};
use factcheck::model::ClaimStatus;
use kittest::Queryable as _;

#[test]
fn checker_marks_rates_sources_saves_and_reopens_the_tweet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("cyber.ron");
    let mut h = harness(app("Ana Checker", vec![Some(seed_article())]));
    h.run();

    // "Open article…" on the welcome screen (the dialog answers with the seed article).
    click(&mut h, "Open article…");
    assert!(
        h.state().doc().is_some(),
        "article opened: {:?}",
        h.state().status()
    );

    // Select the tweet with the mouse (drag from its first to past its last character) and
    // mark it.
    let range = char_range_of(h.state(), TWEET);
    let view = h.state().article_view();
    let from = view
        .char_screen_pos(range.start)
        .expect("tweet start is on screen");
    let to = view
        .char_screen_pos(range.end)
        .expect("tweet end is on screen");
    h.hover_at(from);
    h.drag_at(from);
    h.run();
    h.hover_at(from + egui::vec2(30.0, 5.0));
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    assert_eq!(h.state().article_view().selection(), Some(range.clone()));
    click(&mut h, "Mark claim Ctrl+M");
    let claim_id = h
        .state()
        .selected_claim()
        .expect("the new claim is selected");
    {
        let claim = h
            .state()
            .doc()
            .and_then(|d| d.project.claim(claim_id))
            .expect("claim");
        assert_eq!(claim.anchor.quote, TWEET);
        assert_eq!(
            (claim.anchor.start, claim.anchor.end),
            (range.start, range.end)
        );
        assert_eq!(claim.statement, TWEET, "statement defaults to the quote");
    }

    // Claimant, verdict and conclusion in the inspector.
    type_into(&mut h, "Claimant", "Donald Trump");
    click(&mut h, "Verdict");
    click_button(&mut h, "Half True");
    type_into(
        &mut h,
        "Conclusion",
        "They discussed it; no unit was formed.",
    );

    // Attach a new source and fill in its title and URL.
    click(&mut h, "New source");
    type_into(&mut h, "Title", "Trump backtracks on cyber unit");
    type_into(&mut h, "URL", "https://example.org/backtrack");

    // Save (Ctrl+S on an unsaved project asks where).
    answer_dialogs(&mut h, vec![Some(saved.clone())]);
    h.get_by_label("URL").focus(); // keyboard focus somewhere harmless
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(saved.exists(), "saved: {:?}", h.state().status());
    assert!(
        !h.state()
            .doc()
            .is_some_and(factcheck::app::Document::is_dirty)
    );
    assert!(h.state().window_title().contains("cyber.ron"));

    // Reopen in a fresh app and find the same claim.
    let mut h2 = harness(app("Ben Editor", vec![]));
    h2.run();
    h2.state_mut().push(Command::open(saved));
    h2.run();
    let doc = h2.state().doc().expect("reopened");
    let claim = doc.project.claim(claim_id).expect("same claim id");
    assert_eq!(claim.anchor.quote, TWEET);
    assert_eq!(claim.claimant, "Donald Trump");
    assert_eq!(claim.verdict.as_deref(), Some("half-true"));
    assert_eq!(claim.verdict_by.as_deref(), Some("Ana Checker"));
    assert_eq!(claim.conclusion, "They discussed it; no unit was formed.");
    assert_eq!(claim.evidence.len(), 1);
    let source = doc
        .project
        .source(claim.evidence[0].source)
        .expect("source in library");
    assert_eq!(source.title, "Trump backtracks on cyber unit");
    assert_eq!(source.url, "https://example.org/backtrack");
    // The reopened claim is listed (get_by panics when it is not).
    let row_label = claim_row_label(TWEET);
    h2.get_by_role_and_label(egui::accesskit::Role::Button, &row_label);
}

#[test]
fn deleting_a_claim_is_undone_and_redone() {
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    let before = h.state().doc().map_or(0, |d| d.project.claims.len());
    let claim_id = h
        .state()
        .selected_claim()
        .expect("first claim selected on open");
    click(&mut h, "Delete claim");
    let count = |h: &egui_kittest::Harness<'_, factcheck::app::FactcheckApp>| {
        h.state().doc().map_or(0, |d| d.project.claims.len())
    };
    assert_eq!(count(&h), before - 1);
    assert!(
        h.state().window_title().starts_with("● "),
        "dirty marker in title"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count(&h), before);
    assert!(
        h.state()
            .doc()
            .and_then(|d| d.project.claim(claim_id))
            .is_some()
    );
    assert!(
        !h.state().window_title().starts_with("● "),
        "back at the saved state"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(count(&h), before - 1);
}

#[test]
fn undo_shortcut_yields_to_a_focused_text_field() {
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    let claims_before = h.state().doc().map_or(0, |d| d.project.claims.len());
    type_into(&mut h, "Claimant", "X");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    // The project-level undo did not run (no claim came back or vanished); the text field
    // handled Ctrl+Z itself.
    assert_eq!(
        h.state().doc().map_or(0, |d| d.project.claims.len()),
        claims_before
    );
    assert!(h.state().status_text() != Some("Undone"));
}

#[test]
fn unsaved_changes_prompt_on_open_and_close() {
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    click(&mut h, "Delete claim");

    // Opening another file asks first; Cancel keeps everything.
    h.state_mut().push(Command::open(seed_article()));
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    click(&mut h, "Cancel");
    assert!(h.state().modal().is_none());
    assert!(
        h.state()
            .doc()
            .is_some_and(|d| d.path.as_deref() == Some(example_project().as_path()))
    );

    // The window's close button asks too.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::UnsavedChanges { .. })),
        "close asks"
    );
    click(&mut h, "Cancel");

    // Ctrl+Q asks too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::UnsavedChanges { .. })),
        "Ctrl+Q asks"
    );
    click(&mut h, "Cancel");

    // Discard opens the other file.
    h.state_mut().push(Command::open(seed_article()));
    h.run();
    click(&mut h, "Discard changes");
    assert!(
        h.state()
            .doc()
            .is_some_and(|d| d.path.is_none() && d.project.claims.is_empty())
    );
}

#[test]
fn errors_are_shown_in_plain_words_and_nothing_panics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format_version: 1, claims: [ (anchor: (start: \"x\")) ])",
    )
    .expect("write");
    let binary = dir.path().join("picture.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0IHDR").expect("write");
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(bad));
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("line 1") && status.contains("bad.ron"),
        "{status}"
    );
    click(&mut h, "OK");
    h.state_mut().push(Command::open(binary));
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("not a text file") && status.contains("PNG"),
        "{status}"
    );
    assert!(h.state().doc().is_none());
}

#[test]
fn reviewer_cannot_sign_off_their_own_verdict() {
    let mut h = harness(app("Ana Checker", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    // Claim 2 ("Mr Putin had denied any involvement") is ready for review, rated by Ana.
    click(&mut h, "“Mr Putin had denied any involvement”");
    click(&mut h, "Status");
    click_button(&mut h, "Reviewed");
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(status.contains("someone else has to review it"), "{status}");
    let claim_id = h.state().selected_claim().expect("selected");
    let claim_status = h
        .state()
        .doc()
        .and_then(|d| d.project.claim(claim_id))
        .map(|c| c.status);
    assert_eq!(claim_status, Some(ClaimStatus::ReadyForReview));

    // Another reviewer can.
    h.state_mut().prefs_mut().reviewer_name = "Ben Editor".into();
    click(&mut h, "Status");
    click_button(&mut h, "Reviewed");
    let claim = h
        .state()
        .doc()
        .and_then(|d| d.project.claim(claim_id))
        .cloned()
        .expect("claim");
    assert_eq!(claim.status, ClaimStatus::Reviewed);
    assert_eq!(claim.reviewed_by.as_deref(), Some("Ben Editor"));
}
