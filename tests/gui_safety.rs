//! Never losing work through the real UI: autosave and recovery after a crash, failed saves,
//! files changed by someone else; and leaving the desk: exports, corrected articles, paste.

mod common;

use common::{
    answer_dialogs, app, click, click_menu_item, example_project, harness, open_menu, seed_article,
};
use egui::{Key, Modifiers};
use factcheck::app::{Command, FactcheckApp, Modal};
use factcheck::model::{ClaimChange, Edit};
use kittest::Queryable as _;

fn copy_example(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("check.ron");
    std::fs::copy(example_project(), &path).expect("copy example");
    path
}

/// Rename the claimant of the first claim that is not signed off (a signed-off claim's
/// claimant is locked by the review rules).
fn rename_first_claimant(h: &mut egui_kittest::Harness<'static, FactcheckApp>, name: &str) {
    let claim_id = first_draft(&h.state().doc().expect("doc").project).id;
    h.state_mut().push(Command::edit(Edit::UpdateClaim {
        claim_id,
        change: ClaimChange::Claimant(name.to_owned()),
    }));
    h.run();
}

fn first_draft(project: &factcheck::model::Project) -> &factcheck::model::Claim {
    project
        .claims
        .iter()
        .find(|c| !c.status.is_published())
        .expect("a claim that is not signed off")
}

#[test]
fn work_is_recovered_after_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_example(dir.path());
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().set_autosave_interval(0.0);
    h.state_mut().push(Command::open(path.clone()));
    h.run();
    rename_first_claimant(&mut h, "Donald J. Trump");
    h.run();
    h.state().flush_autosave();
    let unsaved = (*h.state().doc().expect("doc").project).clone();
    // The crash: the app goes away without saving (or discarding).
    drop(h);
    assert_ne!(
        factcheck::io::load_project(&path).expect("loads").project,
        unsaved,
        "never saved"
    );

    let mut h2 = harness(app("Ana", vec![]));
    h2.state_mut().push(Command::open(path.clone()));
    h2.run();
    assert!(
        matches!(h2.state().modal(), Some(Modal::Recovery { .. })),
        "{:?}",
        h2.state().modal()
    );
    h2.get_by_label_contains("was autosaved at");
    click(&mut h2, "Restore");
    let doc = h2.state().doc().expect("doc");
    assert_eq!(
        *doc.project, unsaved,
        "restored content equals what was there"
    );
    assert!(doc.is_dirty(), "restored work still needs saving");
    // A normal save removes the recovery file.
    h2.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h2.run();
    h2.state().flush_autosave();
    assert!(factcheck::io::find_recovery(&path).is_none());
    assert_eq!(
        factcheck::io::load_project(&path).expect("loads").project,
        unsaved
    );
}

#[test]
fn unsaved_new_projects_are_recovered_from_the_data_folder() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().set_data_dir(data.path().to_path_buf());
    h.state_mut().set_autosave_interval(0.0);
    h.state_mut().push(Command::open(seed_article()));
    h.run();
    h.state_mut().article_view_mut().set_selection(Some(0..12));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run();
    h.state().flush_autosave();
    let unsaved = (*h.state().doc().expect("doc").project).clone();
    drop(h);

    let mut h2 = harness(app("Ana", vec![]));
    h2.state_mut().set_data_dir(data.path().to_path_buf());
    h2.run();
    h2.get_by_label_contains("a project that was never saved");
    click(&mut h2, "Restore");
    assert_eq!(*h2.state().doc().expect("doc").project, unsaved);
}

#[test]
fn a_failed_save_keeps_the_work_and_offers_save_as() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_example(dir.path());
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(path));
    h.run();
    rename_first_claimant(&mut h, "Somebody");
    // A folder that cannot exist: its parent is a file (fails for root too).
    let blocked = dir.path().join("check.ron").join("sub").join("x.ron");
    h.state_mut().push(Command::SaveTo(blocked));
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Error {
            offer_save_as: true,
            ..
        })
    ));
    assert!(
        h.query_all_by_label_contains("Your work is still here, unsaved")
            .next()
            .is_some()
    );
    assert!(h.state().doc().expect("doc").is_dirty());
    let good = dir.path().join("elsewhere.ron");
    answer_dialogs(&mut h, vec![Some(good.clone())]);
    click(&mut h, "Save as…");
    assert!(good.exists());
    assert!(!h.state().doc().expect("doc").is_dirty());
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_example(dir.path());
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(path.clone()));
    h.run();
    rename_first_claimant(&mut h, "Ana's edit");
    // Someone else saves the same file meanwhile.
    let mut theirs = factcheck::io::load_project(&path).expect("loads").project;
    theirs.publishing.organisation = "Changed by Ben".into();
    factcheck::io::save_project(&theirs, &path).expect("save theirs");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::ChangedOnDisk { .. })
    ));
    assert_eq!(
        factcheck::io::load_project(&path)
            .expect("loads")
            .project
            .publishing
            .organisation,
        "Changed by Ben",
        "nothing written yet"
    );
    click(&mut h, "Merge their changes…");
    assert!(
        h.state().merge().is_some(),
        "merge view with the file on disk"
    );
    // What was opened is the common ancestor, so the two edits merge without conflicts.
    assert!(h.state().merge().is_some_and(|m| m.is_three_way()));
    click(&mut h, "Apply merge");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    let saved = factcheck::io::load_project(&path).expect("loads").project;
    assert_eq!(
        saved.publishing.organisation, "Changed by Ben",
        "their change kept"
    );
    assert_eq!(first_draft(&saved).claimant, "Ana's edit", "my change kept");
}

#[test]
fn export_from_the_file_menu_writes_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.html");
    let mut h = harness(app("Ana", vec![Some(out.clone())]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    open_menu(&mut h, "File");
    open_menu(&mut h, "Export");
    click_menu_item(&mut h, "HTML report…");
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.contains("impenetrable Cyber Security unit"));
    assert!(
        !html.contains("Background conversation"),
        "confidential source withheld"
    );
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("Exported the HTML report to") && status.contains("report.html"),
        "{status}"
    );
}

#[test]
fn a_corrected_article_reanchors_claims_and_keeps_orphans() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corrected = dir.path().join("corrected.txt");
    let original = std::fs::read_to_string(seed_article()).expect("seed");
    // The outlet rewrote one sentence and added a correction note at the top.
    let text = format!(
        "Correction: an earlier version misquoted a senator.\n\n{}",
        original.replace(
            "Mr Putin had denied any involvement",
            "Mr Putin rejected the allegations"
        )
    );
    std::fs::write(&corrected, text).expect("write");
    let mut h = harness(app("Ana", vec![Some(corrected)]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    let before = h.state().doc().expect("doc").project.claims.len();
    open_menu(&mut h, "File");
    click_menu_item(&mut h, "Update article text…");
    assert!(matches!(
        h.state().modal(),
        Some(Modal::ReanchorReport { .. })
    ));
    assert!(h.query_all_by_label_contains("1 orphans").next().is_some());
    let project = h.state().doc().expect("doc").project.clone();
    assert_eq!(project.claims.len(), before, "nothing dropped");
    let orphan = project
        .claims
        .iter()
        .find(|c| c.orphan)
        .expect("one orphan");
    assert_eq!(orphan.anchor.quote, "Mr Putin had denied any involvement");
    assert!(!orphan.conclusion.is_empty(), "its work is kept");
    click(&mut h, "OK");
    h.get_by_label("Orphaned claims (1)");
    // Re-attach it to the new wording.
    let text = project.article.text.clone();
    let byte = text
        .find("Mr Putin rejected the allegations")
        .expect("new text");
    let start = text[..byte].chars().count();
    let orphan_id = orphan.id;
    h.state_mut().push(Command::SelectClaim(Some(orphan_id)));
    h.state_mut()
        .article_view_mut()
        .set_selection(Some(start..start + 33));
    h.run();
    click(&mut h, "Re-attach to selection");
    let claim = h
        .state()
        .doc()
        .expect("doc")
        .project
        .claim(orphan_id)
        .cloned()
        .expect("claim");
    assert!(!claim.orphan);
    assert_eq!(claim.anchor.quote, "Mr Putin rejected the allegations");
}

#[test]
fn pasted_text_starts_a_project() {
    let mut h = harness(app("Ana", vec![]));
    h.run();
    h.state_mut()
        .push(Command::Action(factcheck::app::Action::NewFromClipboard));
    h.run();
    h.get_by_label("Paste the article here (Ctrl+V)").focus();
    h.run();
    h.get_by_label("Paste the article here (Ctrl+V)")
        .type_text("Headline\r\n\r\nThe claim is here.");
    h.run();
    click(&mut h, "Create project");
    let doc = h.state().doc().expect("doc");
    assert_eq!(&*doc.project.article.text, "Headline\n\nThe claim is here.");
    assert_eq!(doc.project.article.meta.title, "Headline");
    assert!(doc.is_dirty(), "pasted text exists nowhere else yet");
}

#[test]
fn an_idle_window_requests_no_repaint() {
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    h.step();
    h.step();
    assert!(!h.ctx.has_requested_repaint(), "idle: no repaint requested");
}

/// A failed save and a failed open each say once what happened and where: the library's
/// message, never prefixed again ("Could not save: Could not save: …").
#[test]
fn failed_save_and_failed_open_show_one_exact_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_example(dir.path());
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(path));
    h.run();
    rename_first_claimant(&mut h, "Somebody");
    let blocked = dir.path().join("check.ron").join("sub").join("x.ron");
    h.state_mut().push(Command::SaveTo(blocked.clone()));
    h.run();
    let expected = format!(
        "Could not save: part of the folder path is a file, not a folder ({})",
        blocked.display()
    );
    assert_eq!(h.state().status_text(), Some(expected.as_str()));
    let Some(Modal::Error { title, message, .. }) = h.state().modal() else {
        panic!("an error dialog: {:?}", h.state().modal());
    };
    assert_eq!(title, "Could not save");
    assert_eq!(
        message,
        &format!(
            "{expected}\n\nYour work is still here, unsaved. Try \"Save as…\" to save it somewhere else."
        )
    );
    h.get_by_label(message.as_str());
    click(&mut h, "OK");

    let missing = dir.path().join("gone.ron");
    h.state_mut()
        .push(Command::SaveTo(dir.path().join("kept.ron")));
    h.state_mut().push(Command::open(missing.clone()));
    h.run();
    let expected = format!(
        "Could not read the file: the file does not exist (was it moved or removed?) ({})",
        missing.display()
    );
    assert_eq!(h.state().status_text(), Some(expected.as_str()));
    let Some(Modal::Error { title, message, .. }) = h.state().modal() else {
        panic!("an error dialog: {:?}", h.state().modal());
    };
    assert_eq!(title, "Could not open the project");
    assert_eq!(message, &expected);
    assert_eq!(
        h.query_all_by_label(expected.as_str()).count(),
        2,
        "in the dialog and the status bar, each exactly"
    );
}
/// Opening a repaired file that also has a recovery file shows both dialogs, one after the
/// other: the warnings about the repairs are never replaced by the recovery prompt.
#[test]
fn load_warnings_are_shown_before_the_recovery_prompt() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("check.ron");
    let mut project = factcheck::io::load_project(&example_project())
        .expect("example loads")
        .project;
    project.claims[0].anchor.quote = "words that are nowhere in the article".into();
    factcheck::io::save_project(&project, &path).expect("save");
    let autosaver = factcheck::io::Autosaver::spawn().expect("autosaver");
    autosaver.request(project, factcheck::io::RecoveryTarget::for_project(&path));
    autosaver.flush();
    assert!(
        factcheck::io::find_recovery(&path).is_some(),
        "a crash left work behind"
    );

    let mut h = harness(app("Ana", vec![]));
    h.state_mut().push(Command::open(path));
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::LoadWarnings { .. })),
        "{:?}",
        h.state().modal()
    );
    h.get_by_label("Opened with warnings");
    click(&mut h, "OK");
    assert!(
        matches!(h.state().modal(), Some(Modal::Recovery { .. })),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "Decide later");
    assert!(h.state().modal().is_none());
}
