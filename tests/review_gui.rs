//! The reviewer's queue panel, driven with egui_kittest: keyboard only through every claim
//! ready for review, sign-off with a seal, tampering shown as broken, reopen with a reason,
//! trusting a colleague's key.
//!
//! The panel is standalone (it returns requests); the glue below is what the app does with
//! them: a `ReviewDesk` carries them out on the project.

use chrono::Utc;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimStatus, Edit, Project, TextIndex,
};
use factcheck::signing::{ReviewDesk, SealStatus, TrustStore, check_seal};
use factcheck::ui::review_panel::{ReviewPanelState, ReviewView, review_panel};
use kittest::Queryable as _;

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

struct Desk {
    project: Project,
    desk: ReviewDesk,
    panel: ReviewPanelState,
    reviewer: String,
    _config: tempfile::TempDir,
}

impl Desk {
    fn ui(&mut self, ui: &mut egui::Ui) {
        let trust = TrustStore::load(&self.desk.config_dir).unwrap_or_default();
        let claim = self.desk.current.and_then(|id| self.project.claim(id));
        let seal = claim.map_or(SealStatus::NotReviewed, |c| {
            check_seal(&self.project, c, &trust)
        });
        let view = ReviewView {
            project: &self.project,
            claim,
            seal: &seal,
            message: self.desk.message.as_deref().map(|m| (m, self.desk.refused)),
            handle_shortcuts: true,
        };
        if let Some(request) = review_panel(ui, &view, &mut self.panel) {
            self.desk
                .handle(&mut self.project, request, &self.reviewer, Utc::now());
        }
    }
}

/// Three claims by alice ready for review (one of them later in the text), one still to do.
fn project() -> Project {
    let text = "The minister said crime fell by half. The mayor said jobs doubled. \
                The governor said taxes went down. The senator said nothing.";
    let mut project = Project::new(text, ArticleMeta::default());
    let index = TextIndex::new(&project.article.text.clone());
    for (quote, ready) in [
        ("crime fell by half", true),
        ("jobs doubled", true),
        ("taxes went down", true),
        ("said nothing", false),
    ] {
        let full = project.article.text.clone();
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
    }
    project
}

fn harness(reviewer: &str) -> Harness<'static, Desk> {
    let config = tempfile::tempdir().expect("tempdir");
    let desk = Desk {
        project: project(),
        desk: ReviewDesk::new(config.path().to_path_buf()),
        panel: ReviewPanelState::default(),
        reviewer: reviewer.to_owned(),
        _config: config,
    };
    Harness::builder()
        .with_size(egui::vec2(700.0, 500.0))
        .build_ui_state(|ui, desk: &mut Desk| desk.ui(ui), desk)
}

fn press(h: &mut Harness<'static, Desk>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn keyboard_only_through_every_claim_ready_for_review() {
    let mut h = harness("bob");
    h.run();
    h.get_by_label("3 claims waiting for review");
    let mut signed = 0;
    loop {
        press(&mut h, Modifiers::NONE, Key::F8);
        if h.state().desk.message.as_deref()
            == Some("Nothing left to review: no claim is ready for review.")
        {
            break;
        }
        h.get_by_label_contains("waiting for review");
        press(&mut h, CMD_SHIFT, Key::Enter);
        assert!(!h.state().desk.refused, "{:?}", h.state().desk.message);
        signed += 1;
        assert!(signed <= 3, "the queue did not shrink");
    }
    assert_eq!(signed, 3);
    let project = &h.state().project;
    let trust = TrustStore::load(&h.state().desk.config_dir).expect("trust");
    for claim in &project.claims[..3] {
        assert_eq!(claim.status, ClaimStatus::Reviewed);
        assert!(matches!(
            check_seal(project, claim, &trust),
            SealStatus::Valid { trusted: true, .. }
        ));
    }
    assert_eq!(project.claims[3].status, ClaimStatus::ToDo);
}

#[test]
fn sign_off_shows_a_seal_and_the_author_is_refused_with_the_rule() {
    let mut own = harness("alice");
    own.run();
    press(&mut own, Modifiers::NONE, Key::F8);
    press(&mut own, CMD_SHIFT, Key::Enter);
    own.get_by_label_contains("rule: a sign-off needs a different named person");
    assert_eq!(
        own.state().project.claims[0].status,
        ClaimStatus::ReadyForReview
    );

    let mut h = harness("bob");
    h.run();
    press(&mut h, Modifiers::NONE, Key::F8);
    h.get_by_label("Sign off").click();
    h.run();
    h.get_by_label_contains("Signed by bob · key ");
    h.get_by_label_contains("(trusted)");
    h.get_by_label("Signed off.");
}

#[test]
fn tampering_after_sign_off_is_shown_as_broken() {
    let mut h = harness("bob");
    h.run();
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    h.get_by_label_contains("Signed by bob");
    // Someone edits the conclusion in the file by hand.
    let id = h.state().desk.current.expect("current");
    h.state_mut()
        .project
        .claim_mut(id)
        .expect("claim")
        .conclusion = "Edited later".into();
    h.run();
    h.get_by_label("Broken: changed after sign-off: conclusion");
}

#[test]
fn reopen_with_a_reason_from_the_keyboard() {
    let mut h = harness("bob");
    h.run();
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    let id = h.state().desk.current.expect("current");
    // An empty reason is refused with the rule.
    press(&mut h, CMD_SHIFT, Key::R);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label_contains("rule: reopening a reviewed claim needs a reason");
    assert_eq!(
        h.state().project.claim(id).expect("claim").status,
        ClaimStatus::Reviewed
    );
    // With a reason.
    press(&mut h, CMD_SHIFT, Key::R);
    h.event(egui::Event::Text("The ministry revised its figures".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let claim = h.state().project.claim(id).expect("claim").clone();
    assert_eq!(claim.status, ClaimStatus::NeedsWork);
    assert_eq!(
        claim.reopened.map(|r| r.reason),
        Some("The ministry revised its figures".to_owned())
    );
    h.get_by_label("Reopened; the reason is recorded.");
}

#[test]
fn correct_verdict_then_a_colleague_signs_it_off() {
    let mut h = harness("bob");
    h.run();
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    let id = h.state().desk.current.expect("current");
    press(&mut h, CMD_SHIFT, Key::C);
    h.event(egui::Event::Text("Mostly False".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Tab);
    h.event(egui::Event::Text("It fell by 40%".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let claim = h.state().project.claim(id).expect("claim").clone();
    assert_eq!(
        claim.status,
        ClaimStatus::CorrectionPending,
        "{:?}",
        h.state().desk.message
    );
    assert_eq!(claim.verdict.as_deref(), Some("mostly-false"));
    // Bob made the correction, so Carol signs it off.
    press(&mut h, CMD_SHIFT, Key::Enter);
    h.get_by_label_contains("rule: a sign-off needs a different named person");
    h.state_mut().reviewer = "carol".into();
    press(&mut h, CMD_SHIFT, Key::Enter);
    assert_eq!(
        h.state().project.claim(id).expect("claim").status,
        ClaimStatus::Reviewed
    );
}

#[test]
fn an_unknown_key_is_never_valid_until_trusted() {
    let mut h = harness("bob");
    h.run();
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, CMD_SHIFT, Key::Enter);
    // Alice opens the project on her machine (another config folder).
    let other = tempfile::tempdir().expect("tempdir");
    h.state_mut().desk.config_dir = other.path().to_path_buf();
    h.state_mut().reviewer = "alice".into();
    h.run();
    h.get_by_label_contains("Unknown key: signed as bob");
    assert!(h.query_by_label_contains("Signed by").is_none());
    h.get_by_label("Trust this key").click();
    h.run();
    h.get_by_label_contains("Signed by bob");
    h.get_by_label_contains("(trusted)");
}
