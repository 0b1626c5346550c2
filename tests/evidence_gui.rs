//! The evidence panels driven through egui_kittest (no GPU): attach a local file as a capture
//! on a background thread, open it in the reader, find and select a passage, quote it as
//! evidence, save, reopen, and jump from the evidence to the passage; a changed capture is
//! flagged.
//!
//! The panels are standalone (they return `EvidenceAction`s); this test plays the shell's
//! part: it runs each action the way the app's command runner will.

mod evidence_support;

use std::path::PathBuf;
use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factcheck::evidence::{
    CaptureJob, CaptureRequest, EvidenceStore, FetchOptions, quote_passage, verify_project,
};
use factcheck::model::{ClaimChange, Edit, Project, Source, SourceId, Stance, add_capture};
use factcheck::ui::evidence::{
    CaptureReader, CaptureRow, CapturesPanel, EvidenceAction, captures_ui,
};

struct Desk {
    project: Project,
    path: PathBuf,
    source_id: SourceId,
    reader: Option<CaptureReader>,
    actions: Vec<EvidenceAction>,
}

impl Desk {
    fn store(&self) -> EvidenceStore {
        EvidenceStore::for_project(&self.path)
    }

    fn source(&self) -> &Source {
        self.project.source(self.source_id).expect("source")
    }
}

fn harness(desk: Desk) -> Harness<'static, Desk> {
    Harness::builder()
        .with_size(vec2(900.0, 700.0))
        .build_ui_state(
            |ui, desk: &mut Desk| {
                let store = desk.store();
                let checks = verify_project(&desk.project, &store);
                let rows = desk
                    .source()
                    .captures
                    .iter()
                    .map(|c| CaptureRow {
                        capture: c.clone(),
                        status: checks
                            .iter()
                            .find(|k| k.sha256 == c.sha256)
                            .map(|k| k.status.clone()),
                    })
                    .collect();
                let panel = CapturesPanel {
                    source: desk.source(),
                    rows,
                    running: None,
                    saved: true,
                };
                if let Some(action) = captures_ui(ui, &panel) {
                    desk.actions.push(action);
                }
                if let Some(reader) = &mut desk.reader
                    && let Some(action) = reader.ui(ui, true)
                {
                    desk.actions.push(action);
                }
            },
            desk,
        )
}

#[test]
fn capture_read_select_quote_save_reopen_jump() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, claim_prefix) = evidence_support::project_with_claim(dir.path());
    let mut project = factcheck::io::load_project(&path).expect("loads").project;
    let source = Source {
        url: "https://example.org/report".to_owned(),
        title: "Report".to_owned(),
        ..Source::default()
    };
    let source_id = source.id;
    project
        .apply(
            Edit::AddSource(Box::new(source)),
            "Tester",
            chrono::Utc::now(),
        )
        .expect("add source");
    let page = dir.path().join("saved-page.html");
    std::fs::write(&page, evidence_support::PAGE).expect("write page");
    let mut h = harness(Desk {
        project,
        path: path.clone(),
        source_id,
        reader: None,
        actions: Vec::new(),
    });
    h.run();
    assert!(h.query_by_label("No capture yet.").is_some());

    // "Attach file…": the shell asks for a file, then captures it off the UI thread.
    h.get_by_label("Attach file…").click();
    h.run();
    assert_eq!(
        h.state_mut().actions.pop(),
        Some(EvidenceAction::AttachFile(source_id))
    );
    let job = CaptureJob::start(
        h.state().store(),
        source_id,
        CaptureRequest::File(page.clone()),
        FetchOptions::default(),
        "Tester".to_owned(),
    );
    let captured = (0..3000)
        .find_map(|_| {
            let done = job.try_finish();
            if done.is_none() {
                std::thread::sleep(Duration::from_millis(10));
            }
            done
        })
        .expect("the capture finished")
        .expect("captured");
    {
        let desk = h.state_mut();
        let mut source = desk.source().clone();
        add_capture(&mut source.captures, captured.capture.clone());
        desk.project
            .apply(
                Edit::UpdateSource(Box::new(source)),
                "Tester",
                chrono::Utc::now(),
            )
            .expect("update source");
    }
    h.run();

    // The capture is listed (unchanged); open it in the reader.
    h.get_by_label_contains("text/html").click();
    h.run();
    let Some(EvidenceAction::OpenCapture { sha256, .. }) = h.state_mut().actions.pop() else {
        panic!("no open action");
    };
    assert_eq!(sha256, captured.capture.sha256);
    {
        let desk = h.state_mut();
        let capture = desk.source().captures[0].clone();
        desk.reader = Some(CaptureReader::open(&desk.store(), desk.source(), &capture));
    }
    h.run();
    assert!(
        h.query_by_label("Article text").is_some(),
        "the text is shown"
    );
    assert!(
        h.state()
            .reader
            .as_ref()
            .and_then(CaptureReader::text)
            .is_some_and(|t| !t.contains("<p>") && !t.contains("tracking")),
        "text only: no markup, no script output"
    );

    // Find selects the passage; choose a stance; "Quote as evidence".
    let input = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(input, "Find in capture:").focus();
    h.run();
    h.get_by_role_and_label(input, "Find in capture:")
        .type_text("never formed");
    h.run();
    let text = h
        .state()
        .reader
        .as_ref()
        .and_then(CaptureReader::text)
        .expect("text")
        .to_owned();
    let selection = h
        .state()
        .reader
        .as_ref()
        .and_then(CaptureReader::selection)
        .expect("selected");
    let selected: String = text
        .chars()
        .skip(selection.start)
        .take(selection.len())
        .collect();
    assert_eq!(selected, "never formed");
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Stance")
        .click();
    h.run();
    h.get_by_label("Contradicts").click();
    h.run();
    h.get_by_label("Quote as evidence").click();
    h.run();
    let Some(EvidenceAction::Quote {
        source_id: quoted_source,
        sha256,
        chars,
        stance,
    }) = h.state_mut().actions.pop()
    else {
        panic!("no quote action");
    };
    assert_eq!((quoted_source, stance), (source_id, Stance::Contradicts));
    assert_eq!(chars, selection);

    // The shell applies it to the selected claim and saves.
    {
        let desk = h.state_mut();
        let index = factcheck::model::TextIndex::new(&text);
        let evidence = quote_passage(&text, &index, &sha256, source_id, chars, stance);
        let claim = &desk.project.claims[0];
        assert!(claim.id.short().starts_with(&claim_prefix));
        let claim_id = claim.id;
        let mut all = claim.evidence.clone();
        all.push(evidence);
        desk.project
            .apply(
                Edit::UpdateClaim {
                    claim_id,
                    change: ClaimChange::Evidence(all),
                },
                "Tester",
                chrono::Utc::now(),
            )
            .expect("quote");
        factcheck::io::save_project(&desk.project, &desk.path).expect("save");
    }

    // Reopen the saved file; the inspector's "jump to passage" opens the capture there.
    let reopened = factcheck::io::load_project(&path).expect("reopens").project;
    let evidence = reopened.claims[0]
        .evidence
        .last()
        .expect("evidence")
        .clone();
    let passage = evidence.passage.expect("anchored in the capture");
    assert_eq!(passage.anchor.quote, "never formed");
    let mut h = harness(Desk {
        project: reopened,
        path: path.clone(),
        source_id,
        reader: None,
        actions: Vec::new(),
    });
    {
        let desk = h.state_mut();
        let capture = desk
            .source()
            .captures
            .iter()
            .find(|c| c.sha256 == passage.capture)
            .expect("the quoted capture")
            .clone();
        let mut reader = CaptureReader::open(&desk.store(), desk.source(), &capture);
        assert!(reader.jump_to(&passage.anchor));
        desk.reader = Some(reader);
    }
    h.run();
    let selection = h.state().reader.as_ref().and_then(CaptureReader::selection);
    assert_eq!(selection, Some(passage.anchor.start..passage.anchor.end));

    // A changed capture is flagged, never silently accepted.
    let file = h.state().store().path_of(&passage.capture).expect("path");
    let mut bytes = std::fs::read(&file).expect("read");
    bytes[0] ^= 1;
    std::fs::write(&file, bytes).expect("tamper");
    h.run();
    assert!(h.query_by_label("CHANGED").is_some(), "the change is shown");
}

#[test]
fn an_image_capture_is_shown_as_an_image() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EvidenceStore::at(dir.path().join("p.evidence"));
    let file = dir.path().join("shot.png");
    std::fs::write(&file, evidence_support::png(64, 32)).expect("write");
    let captured =
        factcheck::evidence::capture_file(&store, &file, 1 << 20, "Tester", chrono::Utc::now())
            .expect("captured");
    let mut source = Source::default();
    add_capture(&mut source.captures, captured.capture.clone());
    let reader = CaptureReader::open(&store, &source, &captured.capture);
    assert!(reader.text().is_none());
    let mut h = Harness::builder()
        .with_size(vec2(400.0, 300.0))
        .build_ui_state(
            |ui, reader: &mut CaptureReader| {
                reader.ui(ui, true);
            },
            reader,
        );
    h.run();
    assert!(
        h.query_by_label("Quote as evidence").is_none(),
        "no quoting from an image"
    );
    assert!(h.query_by_label("This capture has no text.").is_none());
}
