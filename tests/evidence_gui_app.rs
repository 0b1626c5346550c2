//! The evidence workflow through the real app (egui_kittest, no GPU): Sources tab ▸ Attach
//! file… (captured on a background thread) ▸ open the capture in the reader ▸ find and select ▸
//! Quote as evidence ▸ save ▸ reopen ▸ the inspector's "Show passage in capture" jumps to it.

mod common;
mod evidence_support;

use std::time::Duration;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factcheck::app::{Action, Command, RightTab};

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn wait_for_capture(h: &mut egui_kittest::Harness<'static, factcheck::app::FactcheckApp>) {
    // Step frame by frame: the progress spinner keeps repainting while the capture runs.
    for _ in 0..1000 {
        h.step();
        if !h.state().capture_running() {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the capture did not finish");
}

#[test]
fn attach_read_quote_save_reopen_show_passage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = evidence_support::project_with_claim(dir.path());
    let p = path.to_str().expect("utf-8");
    evidence_support::ok(&["source", "add", p, "--url", "https://example.org/report"]);
    let page = dir.path().join("saved-page.html");
    std::fs::write(&page, evidence_support::PAGE).expect("write page");

    let mut h = common::harness(common::app("Tester", vec![Some(page.clone())]));
    h.state_mut().push(Command::open(&path));
    h.run();
    let (claim_id, source_id) = {
        let doc = h.state().doc().expect("open");
        (doc.project.claims[0].id, doc.project.sources[0].id)
    };
    h.state_mut().push(Command::SelectClaim(Some(claim_id)));
    h.state_mut().push(Command::ShowTab(RightTab::Sources));
    h.state_mut().push(Command::SelectSource(Some(source_id)));
    h.run();

    h.get_by_role_and_label(egui::accesskit::Role::Button, "Attach file…")
        .click();
    wait_for_capture(&mut h);
    let doc = h.state().doc().expect("open");
    assert_eq!(
        doc.project.sources[0].captures.len(),
        1,
        "{:?}",
        h.state().status_text()
    );
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .starts_with("Captured ")
    );
    assert!(
        doc.is_dirty(),
        "the capture is an unsaved change of the project"
    );

    h.get_all_by_label_contains("text/html")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Link)
        .expect("the capture's link")
        .click();
    h.run();
    assert!(h.state().evidence().reader.is_some(), "the reader is open");
    let input = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(input, "Find in capture:").focus();
    h.run();
    h.get_by_role_and_label(input, "Find in capture:")
        .type_text("never formed");
    h.run();
    common::click_button(&mut h, "Quote as evidence");
    let evidence = h.state().doc().expect("open").project.claims[0]
        .evidence
        .last()
        .cloned()
        .expect("quoted");
    let passage = evidence.passage.expect("anchored in the capture");
    assert_eq!(passage.anchor.quote, "never formed");
    h.state_mut().push(Command::Action(Action::Save));
    h.run();
    assert!(!h.state().doc().expect("open").is_dirty(), "saved");

    // Reopen in a new window; the inspector jumps from the evidence to the passage.
    let mut h = common::harness(common::app("Tester", vec![]));
    h.state_mut().push(Command::open(&path));
    h.run();
    h.state_mut().push(Command::SelectClaim(Some(claim_id)));
    h.state_mut().push(Command::ShowTab(RightTab::Claim));
    h.run();
    common::click_button(&mut h, "Show passage in capture");
    let reader = h.state().evidence().reader.as_ref().expect("reader open");
    assert_eq!(
        reader.selection(),
        Some(passage.anchor.start..passage.anchor.end)
    );
    // Every capture was checked when the project opened.
    let checks = &h.state().evidence().checks;
    assert_eq!(checks.len(), 1);
    assert!(!checks[0].status.is_problem());
}

#[test]
fn package_for_a_colleague_then_open_it_and_drop_a_file_on_a_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = evidence_support::project_with_claim(dir.path());
    let p = path.to_str().expect("utf-8");
    evidence_support::ok(&["source", "add", p, "--url", "https://example.org/report"]);
    let page = dir.path().join("saved-page.html");
    std::fs::write(&page, evidence_support::PAGE).expect("write page");
    let source = factcheck::io::load_project(&path)
        .expect("loads")
        .project
        .sources[0]
        .id;
    let id = source.short();
    evidence_support::ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        page.to_str().expect("utf-8"),
    ]);

    // File ▸ Export ▸ Package for a colleague…
    let pack = dir.path().join("for-colleague.fcpack");
    let mut h = common::harness(common::app("Tester", vec![Some(pack.clone())]));
    h.state_mut().push(Command::open(&path));
    h.run();
    common::open_menu(&mut h, "File");
    common::open_menu(&mut h, "Export");
    common::click_menu_item(&mut h, "Package for a colleague…");
    assert!(pack.is_file(), "{:?}", h.state().status_text());
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .starts_with("Packed 3 files")
    );

    // The colleague opens the .fcpack directly: unpacked beside it, checked, opened.
    let mut h = common::harness(common::app("Colleague", vec![]));
    h.state_mut().push(Command::open(&pack));
    h.run();
    let doc = h.state().doc().expect("the packed project is open");
    assert_eq!(
        doc.path.as_deref(),
        Some(dir.path().join("for-colleague/p.ron").as_path())
    );
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .contains("every file matches the manifest")
    );
    let checks = &h.state().evidence().checks;
    assert_eq!(checks.len(), 1);
    assert!(!checks[0].status.is_problem());

    // Dropping a file on the source shown in the Sources tab captures it.
    let note = dir.path().join("note.md");
    std::fs::write(&note, "# A note\n\nThe unit met once.\n").expect("write note");
    h.state_mut().push(Command::ShowTab(RightTab::Sources));
    h.state_mut().push(Command::SelectSource(Some(source)));
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(note)));
    wait_for_capture(&mut h);
    let doc = h.state().doc().expect("open");
    assert_eq!(doc.project.sources[0].captures.len(), 2);
    assert_eq!(
        doc.project.sources[0].captures[0].media_type,
        "text/markdown"
    );
}

#[test]
fn the_inspector_captures_a_cited_source_from_its_url() {
    let server = evidence_support::Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = evidence_support::project_with_claim(dir.path());
    let mut project = factcheck::io::load_project(&path).expect("loads").project;
    let source = factcheck::model::Source {
        url: server.url("/redirect"),
        title: "Report".to_owned(),
        ..Default::default()
    };
    project.claims[0].evidence.push(factcheck::model::Evidence {
        source: source.id,
        stance: factcheck::model::Stance::Context,
        quote: String::new(),
        note: String::new(),
        passage: None,
    });
    project.sources.push(source);
    factcheck::io::save_project(&project, &path).expect("save");

    let mut h = common::harness(common::app("Tester", vec![]));
    h.state_mut().push(Command::open(&path));
    h.run();
    let claim_id = h.state().doc().expect("open").project.claims[0].id;
    h.state_mut().push(Command::SelectClaim(Some(claim_id)));
    h.state_mut().push(Command::ShowTab(RightTab::Claim));
    h.run();
    assert!(h.query_by_label("Not captured").is_some());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Capture")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Capture")
        .click();
    wait_for_capture(&mut h);
    let doc = h.state().doc().expect("open");
    let capture = &doc.project.sources[0].captures[0];
    assert_eq!(
        capture.final_url,
        server.url("/page"),
        "{:?}",
        h.state().status_text()
    );
    assert_eq!(capture.http_status, Some(200));
    assert_eq!(capture.captured_by, "Tester");
    assert!(h.query_by_label_contains("Captured 20").is_some());
}

#[test]
fn a_slow_capture_shows_progress_and_can_be_cancelled() {
    let server = evidence_support::Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = evidence_support::project_with_claim(dir.path());
    let p = path.to_str().expect("utf-8");
    evidence_support::ok(&["source", "add", p, "--url", &server.url("/slow")]);
    let mut h = common::harness(common::app("Tester", vec![]));
    h.state_mut().push(Command::open(&path));
    h.run();
    let source_id = h.state().doc().expect("open").project.sources[0].id;
    h.state_mut().push(Command::ShowTab(RightTab::Sources));
    h.state_mut().push(Command::SelectSource(Some(source_id)));
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Capture")
        .click();
    h.step();
    h.step();
    assert!(h.state().capture_running());
    // The UI keeps drawing while the server is silent: Cancel is there to press.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    wait_for_capture(&mut h);
    let status = h.state().status_text().unwrap_or_default().to_owned();
    assert!(status.contains("cancelled"), "{status}");
    assert!(
        h.state().doc().expect("open").project.sources[0]
            .captures
            .is_empty()
    );
}
