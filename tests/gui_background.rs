//! File work runs in the background: while a 15 MB project opens, the window keeps drawing,
//! the status bar shows progress with Cancel, edits of the document being replaced are refused,
//! Cancel leaves the previous document as it was, and the opened document arrives once. Saves
//! let the user go on editing; quitting waits for a save.
//!
//! These tests step frames themselves (`harness_not_waiting`): each step is one frame of the
//! window while the job runs. They check behaviour, not time (`benches/ui_stall.rs` measures).

mod common;

#[path = "../benches/common/mod.rs"]
mod generated;

use std::path::{Path, PathBuf};

use common::{app, example_project, harness_not_waiting};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factcheck::app::{Command, FactcheckApp};
use factcheck::model::{ClaimChange, Edit};

/// Frames to step at most while waiting for a job (the 15 MB open in a debug build takes a
/// few seconds, a frame a few milliseconds).
const MAX_FRAMES: usize = 200_000;

/// A generated project of about 15 MB (a 5 MB article, 8,800 claims) in `dir`.
fn big_project(dir: &Path) -> PathBuf {
    let text = generated::article(5 * 1024 * 1024, 7);
    let project = generated::project(&text, 8_800, 8);
    let path = dir.join("big.ron");
    factcheck::io::save_project(&project, &path).expect("saves");
    let size = std::fs::metadata(&path).expect("metadata").len();
    assert!(
        size >= 14_000_000,
        "a project of about 15 MB, got {size} bytes"
    );
    path
}

/// A harness on the example project, opened and idle.
fn example_open() -> Harness<'static, FactcheckApp> {
    let mut h = harness_not_waiting(app("Ana", vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.step();
    wait(&mut h);
    h.step();
    assert_eq!(doc_path(&h), Some(example_project()));
    h
}

/// Wait for background jobs (and cancelled workers) as the waiting harness does.
fn wait(h: &mut Harness<'static, FactcheckApp>) {
    let ctx = h.ctx.clone();
    h.state_mut().wait_for_jobs(&ctx);
}

fn doc_path(h: &Harness<'static, FactcheckApp>) -> Option<PathBuf> {
    h.state().doc().and_then(|d| d.path.clone())
}

/// The first claim that is not signed off (signed-off claims are locked).
fn first_draft(project: &factcheck::model::Project) -> &factcheck::model::Claim {
    project
        .claims
        .iter()
        .find(|c| !c.status.is_published())
        .expect("a claim that is not signed off")
}

fn first_claimant(h: &Harness<'static, FactcheckApp>) -> String {
    first_draft(&h.state().doc().expect("doc").project)
        .claimant
        .clone()
}

fn rename_first_claimant(h: &mut Harness<'static, FactcheckApp>, name: &str) {
    let claim_id = first_draft(&h.state().doc().expect("doc").project).id;
    h.state_mut().push(Command::edit(Edit::UpdateClaim {
        claim_id,
        change: ClaimChange::Claimant(name.to_owned()),
    }));
}

#[test]
fn the_window_keeps_drawing_while_a_big_project_opens_and_it_arrives_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = big_project(dir.path());
    let mut h = example_open();
    let example_claimant = first_claimant(&h);

    h.state_mut().push(Command::open(big.clone()));
    h.step();
    assert!(
        h.state().job_in_progress().is_some(),
        "the open runs in the background"
    );
    // The status bar shows what is happening, and Cancel.
    h.step();
    assert!(
        h.query_by_label_contains("Opening big.ron…").is_some(),
        "progress in the status bar"
    );
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
            .is_some(),
        "Cancel in the status bar"
    );

    // An edit of the document being replaced is refused, with a message, and changes nothing.
    rename_first_claimant(&mut h, "Refused");
    h.step();
    assert!(
        h.state().job_in_progress().is_some(),
        "a 15 MB project takes more than three frames to load"
    );
    assert_eq!(first_claimant(&h), example_claimant);
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("Opening big.ron is in progress"),
        "the refusal says why: {status}"
    );
    let mut frames_while_pending = 3;

    // Frames complete while the job is pending, showing the previous document.
    while h.state().job_in_progress().is_some() && frames_while_pending < MAX_FRAMES {
        h.step();
        frames_while_pending += 1;
        if h.state().job_in_progress().is_some() {
            assert_eq!(doc_path(&h), Some(example_project()));
        }
    }
    assert!(
        h.state().job_in_progress().is_none(),
        "the open finished within {MAX_FRAMES} frames"
    );
    eprintln!("{frames_while_pending} frames drawn while the project loaded");
    assert!(
        frames_while_pending > 3,
        "frames were drawn while the project loaded ({frames_while_pending})"
    );

    // The opened document arrived, once: later frames do not replace it again.
    assert_eq!(doc_path(&h), Some(big.clone()));
    assert_eq!(h.state().doc().expect("doc").project.claims.len(), 8_800);
    assert_eq!(
        h.state().status_text(),
        Some(format!("Opened {} (8800 claims)", big.display()).as_str())
    );
    rename_first_claimant(&mut h, "Kept");
    h.step();
    let generation = h.state().doc().expect("doc").generation();
    wait(&mut h);
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(
        first_claimant(&h),
        "Kept",
        "not replaced by a second arrival"
    );
    assert_eq!(h.state().doc().expect("doc").generation(), generation);
    assert!(h.query_by_label_contains("Opening big.ron").is_none());
}

#[test]
fn cancel_leaves_the_previous_document_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = big_project(dir.path());
    let mut h = example_open();
    rename_first_claimant(&mut h, "Unsaved work");
    h.step();
    assert!(h.state().doc().expect("doc").is_dirty());
    let generation = h.state().doc().expect("doc").generation();

    // Confirmed as the unsaved-changes prompt would, so the open goes ahead.
    h.state_mut().push(Command::Open {
        path: big,
        discard_confirmed: true,
    });
    h.step();
    h.step();
    assert!(h.state().job_in_progress().is_some());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    h.step();
    h.step();
    assert!(h.state().job_in_progress().is_none(), "cancelled at once");
    assert_eq!(h.state().status_text(), Some("Cancelled: opening big.ron"));

    // The worker finishes on its own; its result is dropped.
    wait(&mut h);
    for _ in 0..5 {
        h.step();
    }
    let doc = h.state().doc().expect("doc");
    assert_eq!(doc.path.as_deref(), Some(example_project().as_path()));
    assert_eq!(doc.generation(), generation);
    assert!(
        doc.is_dirty(),
        "the unsaved work is still there, still unsaved"
    );
    assert_eq!(first_claimant(&h), "Unsaved work");
}

#[test]
fn edits_during_a_save_go_on_and_keep_the_document_dirty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("check.ron");
    std::fs::copy(example_project(), &path).expect("copy");
    let mut h = harness_not_waiting(app("Ana", vec![]));
    h.state_mut().push(Command::open(path.clone()));
    h.step();
    wait(&mut h);
    rename_first_claimant(&mut h, "Saved");
    h.step();
    h.state_mut().push(Command::SaveTo(path.clone()));
    // Typed while the save may still be running: allowed.
    rename_first_claimant(&mut h, "Typed during the save");
    h.step();
    wait(&mut h);
    h.step();
    let doc = h.state().doc().expect("doc");
    assert_eq!(first_claimant(&h), "Typed during the save");
    assert!(
        doc.is_dirty(),
        "the edit made after the save began is unsaved"
    );
    let on_disk = factcheck::io::load_project(&path).expect("loads");
    assert_eq!(first_draft(&on_disk.project).claimant, "Saved");
    assert_eq!(
        h.state().status_text(),
        Some(format!("Saved {}", path.display()).as_str())
    );
}

#[test]
fn quitting_during_a_save_waits_for_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("check.ron");
    std::fs::copy(example_project(), &path).expect("copy");
    let mut h = harness_not_waiting(app("Ana", vec![]));
    h.state_mut().push(Command::open(path.clone()));
    h.step();
    wait(&mut h);
    rename_first_claimant(&mut h, "Last change");
    h.step();
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.state_mut().push(Command::Quit {
        discard_confirmed: false,
    });
    h.step();
    // Quit did not ask about unsaved changes, nor close before the save was done.
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(!h.state().is_closing());
    assert_eq!(
        h.state().status_text(),
        Some("Closing once the save has finished…")
    );
    wait(&mut h);
    assert!(h.state().is_closing(), "closes once saved");
    assert!(!h.state().doc().expect("doc").is_dirty());
    let on_disk = factcheck::io::load_project(&path).expect("loads");
    assert_eq!(first_draft(&on_disk.project).claimant, "Last change");
}

#[test]
fn a_failed_save_stops_quitting_and_keeps_the_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("check.ron");
    std::fs::copy(example_project(), &path).expect("copy");
    let mut h = harness_not_waiting(app("Ana", vec![]));
    h.state_mut().push(Command::open(path));
    h.step();
    wait(&mut h);
    rename_first_claimant(&mut h, "Keep me");
    h.step();
    let blocked = dir.path().join("check.ron").join("x.ron");
    h.state_mut().push(Command::SaveTo(blocked));
    h.state_mut().push(Command::Quit {
        discard_confirmed: false,
    });
    h.step();
    wait(&mut h);
    h.step();
    assert!(!h.state().is_closing(), "a failed save does not quit");
    assert!(h.state().doc().expect("doc").is_dirty());
    assert_eq!(first_claimant(&h), "Keep me");
    assert!(matches!(
        h.state().modal(),
        Some(factcheck::app::Modal::Error { .. })
    ));
}
