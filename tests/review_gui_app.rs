//! The reviewer's queue in the real app (egui_kittest): keyboard only through every claim
//! ready for review, seals in the inspector and the claim list, tampering shown as broken,
//! reopen with a reason, the review commands in the palette and the shortcuts window.

mod common;

use std::path::{Path, PathBuf};

use chrono::Utc;
use common::{app, harness};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use factcheck::app::{Command, FactcheckApp, Modal};
use factcheck::io::{load_project, save_project};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimId, ClaimStatus, Edit, Project, TextIndex,
};
use kittest::Queryable as _;

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Mark `quote` (ASCII) in `project` as a claim by alice; when `ready`, rate it false with a
/// conclusion and send it for review. Returns its id.
fn claim_by_alice(project: &mut Project, quote: &str, ready: bool) -> ClaimId {
    let full = project.article.text.clone();
    let index = TextIndex::new(&full);
    let start = full[..full.find(quote).expect("quote")].chars().count();
    let claim = Claim::new(Anchor::from_range(
        &full,
        &index,
        start,
        start + quote.len(),
    ));
    let id = claim.id;
    let now = Utc::now();
    project
        .apply(Edit::AddClaim(Box::new(claim)), "alice", now)
        .expect("add");
    if ready {
        for change in [
            ClaimChange::Verdict(Some("false".into())),
            ClaimChange::Conclusion(format!("Checked: {quote}")),
            ClaimChange::Status(ClaimStatus::ReadyForReview),
        ] {
            project
                .apply(
                    Edit::UpdateClaim {
                        claim_id: id,
                        change,
                    },
                    "alice",
                    now,
                )
                .expect("edit");
        }
    }
    id
}

/// A project file with three claims by alice ready for review and one still to do.
fn project_file(dir: &Path) -> PathBuf {
    let text = "The minister said crime fell by half. The mayor said jobs doubled. \
                The governor said taxes went down. The senator said nothing.";
    let mut project = Project::new(text, ArticleMeta::default());
    for (quote, ready) in [
        ("crime fell by half", true),
        ("jobs doubled", true),
        ("taxes went down", true),
        ("said nothing", false),
    ] {
        claim_by_alice(&mut project, quote, ready);
    }
    let path = dir.join("check.ron");
    save_project(&project, &path).expect("save");
    path
}

fn open(reviewer: &str, path: &Path, config: &Path) -> Harness<'static, FactcheckApp> {
    let mut app = app(reviewer, vec![]);
    app.set_config_dir(config.to_path_buf());
    let mut h = harness(app);
    h.state_mut().push(Command::open(path));
    h.run();
    h
}

fn press(h: &mut Harness<'static, FactcheckApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn project<'a>(h: &'a Harness<'static, FactcheckApp>) -> &'a Project {
    &h.state().doc().expect("a document").project
}

#[test]
fn keyboard_only_review_of_every_claim_ready_for_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("bob", &path, config.path());
    for round in 0..4 {
        press(&mut h, Modifiers::NONE, Key::F8);
        if h.query_by_label("No claim is waiting for review.")
            .is_some()
        {
            assert_eq!(round, 3, "every claim ready for review was reached");
            break;
        }
        h.get_by_label_contains(&format!(" of {} waiting for review", 3 - round));
        press(&mut h, CMD_SHIFT, Key::Enter);
        assert_eq!(h.state().status_text(), Some("Signed off."));
        h.get_by_label_contains("Signed by bob · key ");
    }
    let claims = &project(&h).claims;
    assert!(claims[..3].iter().all(|c| c.status == ClaimStatus::Reviewed
        && c.reviewed_by.as_deref() == Some("bob")
        && c.seal.is_some()));
    assert_eq!(claims[3].status, ClaimStatus::ToDo);
    // The claim list shows the seals.
    assert_eq!(h.query_all_by_label("signed").count(), 3);
}

#[test]
fn the_verdict_author_is_refused_with_the_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("alice", &path, config.path());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("rule: a sign-off needs a different named person"),
        "{status}"
    );
    assert_eq!(project(&h).claims[0].status, ClaimStatus::ReadyForReview);
}

#[test]
fn tampering_shows_as_broken_in_the_inspector_and_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("bob", &path, config.path());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    press(&mut h, Modifiers::COMMAND, Key::S);
    // Someone edits the conclusion in the file with a text editor.
    let id = h.state().selected_claim().expect("selected");
    let conclusion = project(&h).claim(id).expect("claim").conclusion.clone();
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replace(&conclusion, "Nobody checked this");
    assert_ne!(text, edited);
    std::fs::write(&path, edited).expect("write");
    let mut h = open("bob", &path, config.path());
    h.state_mut().push(Command::JumpToClaim(id));
    h.run();
    h.get_by_label("Broken: changed after sign-off: conclusion");
    h.get_by_label("seal broken");
}

#[test]
fn reopen_with_a_reason_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("bob", &path, config.path());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    let id = h.state().selected_claim().expect("selected");
    press(&mut h, CMD_SHIFT, Key::R);
    h.get_by_label("Reason")
        .type_text("The ministry revised its figures");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let claim = project(&h).claim(id).expect("claim").clone();
    assert_eq!(claim.status, ClaimStatus::NeedsWork);
    assert_eq!(
        claim.reopened.map(|r| r.reason),
        Some("The ministry revised its figures".to_owned())
    );
    assert_eq!(
        h.state().status_text(),
        Some("Reopened; the reason is recorded.")
    );
}

#[test]
fn review_commands_are_in_the_palette_and_the_shortcuts_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("bob", &path, config.path());
    press(&mut h, CMD_SHIFT, Key::P);
    assert!(matches!(h.state().modal(), Some(Modal::Palette { .. })));
    h.get_by_label("Next claim to review F8");
    h.get_by_label("Sign off Ctrl+Shift+Enter");
    h.get_by_label("Reopen with reason Ctrl+Shift+R");
    h.get_by_label("Correct verdict Ctrl+Shift+C");
    h.get_by_label("Send back with comment Ctrl+Shift+B");
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(matches!(h.state().modal(), Some(Modal::Shortcuts)));
    h.get_by_label("F8");
    h.get_by_label("Shift+F8");
    h.get_by_label("Ctrl+Shift+Enter");
}

#[test]
fn trust_a_colleagues_key_from_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bob_config, alice_config) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    let path = project_file(dir.path());
    let mut h = open("bob", &path, bob_config.path());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        load_project(&path).expect("load").project.reviewers.len(),
        1
    );
    let mut h = open("alice", &path, alice_config.path());
    let id = project(&h)
        .claims
        .iter()
        .find(|c| c.seal.is_some())
        .expect("a signed claim")
        .id;
    h.state_mut().push(Command::JumpToClaim(id));
    h.run();
    h.get_by_label_contains("Unknown key: signed as bob");
    h.get_by_label("Trust this key").click();
    h.run();
    h.get_by_label_contains("Signed by bob · key ");
    h.get_by_label_contains("(trusted)");
}

#[test]
fn correct_verdict_then_a_colleague_signs_it_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let path = project_file(dir.path());
    let mut h = open("bob", &path, config.path());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    let id = h.state().selected_claim().expect("selected");
    press(&mut h, CMD_SHIFT, Key::C);
    h.event(egui::Event::Text("Mostly False".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Tab);
    h.event(egui::Event::Text("It fell by 40%".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let claim = project(&h).claim(id).expect("claim").clone();
    assert_eq!(
        claim.status,
        ClaimStatus::CorrectionPending,
        "{:?}",
        h.state().status_text()
    );
    assert_eq!(claim.verdict.as_deref(), Some("mostly-false"));
    assert!(
        h.query_all_by_label_contains("Published, correction pending review")
            .next()
            .is_some()
    );
    // Bob made the correction, so Carol signs it off.
    press(&mut h, CMD_SHIFT, Key::Enter);
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("rule: a sign-off needs a different named person"))
    );
    h.state_mut().prefs_mut().reviewer_name = "carol".into();
    press(&mut h, CMD_SHIFT, Key::Enter);
    assert_eq!(
        project(&h).claim(id).expect("claim").status,
        ClaimStatus::Reviewed
    );
    h.get_by_label_contains("Signed by carol · key ");
}

#[test]
fn the_seals_of_a_big_signed_project_are_checked_off_the_ui_thread_and_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    // 100 claims signed off by bob: more than the app checks within a frame.
    let text: String = (0..100)
        .map(|n| format!("Claim number {n} is here. "))
        .collect();
    let mut project = Project::new(text.as_str(), ArticleMeta::default());
    let mut ids = Vec::new();
    for n in 0..100 {
        let id = claim_by_alice(&mut project, &format!("number {n} is"), true);
        ids.push(id);
        factcheck::signing::review(
            &mut project,
            id,
            factcheck::model::review::ReviewAction::SignOff,
            "bob",
            config.path(),
            Utc::now(),
        )
        .expect("bob signs off");
    }
    let path = dir.path().join("big.ron");
    // One conclusion changed after the sign-off, as if by a text editor.
    project.claims[80].conclusion = "Nobody checked this".into();
    save_project(&project, &path).expect("save");
    let (intact, tampered) = (ids[3], project.claims[80].id);

    let mut h = open("bob", &path, config.path());
    h.state_mut().push(Command::JumpToClaim(intact));
    h.run();
    h.get_by_label_contains("Signed by bob · key ");
    h.state_mut().push(Command::JumpToClaim(tampered));
    h.run();
    h.get_by_label("Broken: changed after sign-off: conclusion");
}
