//! The shell's side of the evidence panels: captures run on a background thread
//! ([`CaptureJob`]) polled each frame, the reader is opened and closed, quotes become edits,
//! and every capture is re-checked when the set of captures changes (a changed capture is
//! flagged, never re-hashed into the project).

use std::hash::{Hash as _, Hasher as _};
use std::path::PathBuf;

use super::FactcheckApp;
use crate::evidence::{
    CaptureCheck, CaptureJob, CaptureRequest, EvidenceStore, FetchOptions, quote_passage,
    verify_sources,
};
use crate::model::{ClaimChange, Edit, SourceId, TextIndex, add_capture};
use crate::state::{Command, DialogKind, EvidenceAction};
use crate::ui::evidence::CaptureReader;

/// The capture job and what was last checked.
#[derive(Default)]
pub(super) struct EvidenceJobs {
    pub job: Option<CaptureJob>,
    /// Key of the capture set last checked (path and hashes).
    pub checked: Option<u64>,
    /// The check of that set, hashing every capture on a worker thread (about 33 ms per
    /// 100 MB, too long for a frame); its result replaces the shown checks when it is done.
    pub checking: super::worker::Worker<Vec<CaptureCheck>>,
}

impl FactcheckApp {
    fn evidence_store(&mut self) -> Option<EvidenceStore> {
        let path = self.state.doc.as_ref().and_then(|d| d.path.clone());
        if path.is_none() {
            self.error("Save the project first: captures are kept beside the project file.");
        }
        path.map(|p| EvidenceStore::for_project(&p))
    }

    /// Apply an evidence panel's request.
    pub(super) fn run_evidence(&mut self, ctx: &egui::Context, action: EvidenceAction) {
        match action {
            EvidenceAction::CaptureUrl(source_id) => {
                let url = self
                    .state
                    .doc
                    .as_ref()
                    .and_then(|d| d.project.source(source_id))
                    .map(|s| s.url.clone())
                    .unwrap_or_default();
                self.start_capture(source_id, CaptureRequest::Url(url));
            }
            EvidenceAction::AttachFile(source_id) => {
                if let Some(path) = self.pick(DialogKind::AttachEvidence(source_id)) {
                    self.attach_evidence(source_id, path);
                }
            }
            EvidenceAction::CancelCapture(_) => {
                if let Some(job) = &self.evidence_jobs.job {
                    job.cancel();
                }
            }
            EvidenceAction::OpenCapture { source_id, sha256 } => {
                self.open_reader(source_id, &sha256);
            }
            EvidenceAction::ShowPassage {
                source_id,
                sha256,
                anchor,
            } => {
                self.open_reader(source_id, &sha256);
                if let Some(reader) = &mut self.evidence.reader
                    && !reader.jump_to(&anchor)
                {
                    self.error("The quoted passage is no longer in the capture's text.");
                }
            }
            EvidenceAction::Quote {
                source_id,
                sha256,
                chars,
                stance,
            } => self.quote_from_reader(ctx, source_id, &sha256, chars, stance),
            EvidenceAction::CloseReader => self.evidence.reader = None,
            EvidenceAction::AttachPath { source_id, path } => {
                self.attach_evidence(source_id, path);
            }
            EvidenceAction::ExportPackage => {
                let Some(doc) = &self.state.doc else {
                    return;
                };
                let suggested = format!(
                    "{}.fcpack",
                    doc.path
                        .as_deref()
                        .and_then(std::path::Path::file_stem)
                        .map_or_else(|| "project".into(), |s| s.to_string_lossy())
                );
                if let Some(path) = self.pick(DialogKind::SavePackage { suggested }) {
                    self.export_package(&path);
                }
            }
        }
        ctx.request_repaint();
    }

    /// Write the open project and its captures into a package at `out`.
    pub(super) fn export_package(&mut self, out: &std::path::Path) {
        let Some(doc) = &self.state.doc else {
            return;
        };
        let Some(path) = doc.path.clone() else {
            self.error(
                "Save the project first: the package holds the saved project and its captures.",
            );
            return;
        };
        match crate::evidence::pack_project(
            &doc.project,
            &path,
            out,
            &crate::evidence::PackOptions::default(),
        ) {
            Ok(manifest) => self.info(format!(
                "Packed {} files into {}",
                manifest.resources.len(),
                out.display()
            )),
            Err(err) => self.show_error("Could not write the package", err.to_string(), false),
        }
    }

    /// Open a `.fcpack`: unpack it into a new folder beside it (checking every file against
    /// its manifest), then open the project inside.
    pub(super) fn open_package(&mut self, ctx: &egui::Context, pack: &std::path::Path) {
        let stem = pack
            .file_stem()
            .map_or_else(|| "package".into(), |s| s.to_string_lossy().into_owned());
        let Some(dir) = (1..100)
            .map(|n| {
                let name = if n == 1 {
                    stem.clone()
                } else {
                    format!("{stem}-{n}")
                };
                pack.with_file_name(name)
            })
            .find(|d| !d.exists())
        else {
            self.show_error(
                "Could not open the package",
                "every folder name beside it is taken".to_owned(),
                false,
            );
            return;
        };
        // Unpacking and opening both run in the background, as any open does; the message
        // about the manifest is shown once the project inside is open.
        let pack = pack.to_path_buf();
        let label = format!("Opening {}", pack.display());
        self.start_job(ctx, super::jobs::JobKind::Open, label, move |cancel| {
            match crate::evidence::unpack(&pack, &dir) {
                Ok(unpacked) => {
                    let message = format!(
                        "Unpacked {} files into {} (every file matches the manifest)",
                        unpacked.files,
                        dir.display()
                    );
                    let project = unpacked.project.clone();
                    let open = super::files::open_project_job(unpacked.project, cancel)?;
                    Some(Box::new(
                        move |app: &mut FactcheckApp, ctx: &egui::Context| {
                            open(app, ctx);
                            if app.state.doc.as_ref().and_then(|d| d.path.as_deref())
                                == Some(project.as_path())
                            {
                                app.info(message);
                            }
                        },
                    ))
                }
                Err(err) => {
                    let message = err.to_string();
                    Some(Box::new(
                        move |app: &mut FactcheckApp, _ctx: &egui::Context| {
                            app.show_error("Could not open the package", message, false);
                        },
                    ))
                }
            }
        });
    }

    /// Capture `path` for `source_id` (from the file dialog, a typed path or a dropped file).
    pub(super) fn attach_evidence(&mut self, source_id: SourceId, path: PathBuf) {
        self.start_capture(source_id, CaptureRequest::File(path));
    }

    fn start_capture(&mut self, source_id: SourceId, request: CaptureRequest) {
        if self.evidence_jobs.job.is_some() {
            self.error("A capture is already running; wait for it or cancel it.");
            return;
        }
        let Some(store) = self.evidence_store() else {
            return;
        };
        let actor = self.state.actor().to_owned();
        self.evidence_jobs.job = Some(CaptureJob::start(
            store,
            source_id,
            request,
            FetchOptions::default(),
            actor,
        ));
        self.evidence.running = Some((source_id, 0, None));
        self.info("Capturing…");
    }

    fn open_reader(&mut self, source_id: SourceId, sha256: &str) {
        let Some(store) = self.evidence_store() else {
            return;
        };
        let Some(doc) = &self.state.doc else {
            return;
        };
        let Some(source) = doc.project.source(source_id) else {
            return;
        };
        let Some(capture) = source.captures.iter().find(|c| c.sha256 == sha256) else {
            self.error("That capture is no longer recorded for the source.");
            return;
        };
        self.evidence.reader = Some(CaptureReader::open(&store, source, capture));
    }

    fn quote_from_reader(
        &mut self,
        ctx: &egui::Context,
        source_id: SourceId,
        sha256: &str,
        chars: std::ops::Range<usize>,
        stance: crate::model::Stance,
    ) {
        let Some(claim_id) = self.state.selected_claim else {
            self.error("Select the claim the passage is evidence for.");
            return;
        };
        let Some(text) = self.evidence.reader.as_ref().and_then(CaptureReader::text) else {
            return;
        };
        let index = TextIndex::new(text);
        let evidence = quote_passage(text, &index, sha256, source_id, chars, stance);
        let quote = crate::model::snippet(&evidence.quote, 60);
        let Some(claim) = self
            .state
            .doc
            .as_ref()
            .and_then(|d| d.project.claim(claim_id))
        else {
            return;
        };
        let mut all = claim.evidence.clone();
        all.push(evidence);
        self.run_command(
            ctx,
            Command::edit(Edit::UpdateClaim {
                claim_id,
                change: ClaimChange::Evidence(all),
            }),
        );
        self.info(format!(
            "Quoted \"{quote}\" as evidence ({}).",
            stance.label()
        ));
    }

    /// Each frame: follow the running capture, and re-check the captures when they changed.
    pub(super) fn poll_evidence(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.evidence_jobs.job {
            let (received, total) = job.progress();
            self.evidence.running = Some((job.source_id, received, total));
            match job.try_finish() {
                None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
                Some(outcome) => {
                    let source_id = job.source_id;
                    self.evidence_jobs.job = None;
                    self.evidence.running = None;
                    self.capture_finished(ctx, source_id, outcome);
                }
            }
        }
        let key = self.state.doc.as_ref().map(|doc| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            doc.path.hash(&mut hasher);
            for source in &doc.project.sources {
                for capture in &source.captures {
                    capture.sha256.hash(&mut hasher);
                }
            }
            hasher.finish()
        });
        if key != self.evidence_jobs.checked {
            self.evidence_jobs.checked = key;
            self.evidence_jobs.checking.forget();
            let request = self.state.doc.as_ref().and_then(|doc| {
                let store = EvidenceStore::for_project(doc.path.as_deref()?);
                let has_captures = doc.project.sources.iter().any(|s| !s.captures.is_empty());
                has_captures.then(|| (doc.project.sources.clone(), store))
            });
            match request {
                Some((sources, store)) => self
                    .evidence_jobs
                    .checking
                    .start(move || verify_sources(&sources, &store)),
                None => self.evidence.checks = Vec::new(),
            }
            if self.evidence.reader.is_some() && self.state.doc.is_none() {
                self.evidence.reader = None;
            }
        }
        self.finish_capture_check(ctx, false);
    }

    /// Show the result of the running capture check when it is done (or, with `block`, wait
    /// for it: tests and scripts, through `wait_for_jobs`).
    pub(super) fn finish_capture_check(&mut self, ctx: &egui::Context, block: bool) {
        if let Some(checks) = self.evidence_jobs.checking.finished(ctx, block) {
            self.evidence.checks = checks;
        }
    }

    fn capture_finished(
        &mut self,
        ctx: &egui::Context,
        source_id: SourceId,
        outcome: Result<crate::evidence::Captured, crate::evidence::CaptureError>,
    ) {
        let captured = match outcome {
            Ok(captured) => captured,
            Err(err) => {
                self.error(format!("The capture failed: {err}"));
                return;
            }
        };
        let Some(mut source) = self
            .state
            .doc
            .as_ref()
            .and_then(|d| d.project.source(source_id))
            .cloned()
        else {
            return;
        };
        let capture = captured.capture;
        let line = format!(
            "Captured {} ({}, {} bytes){}",
            capture.short_hash(),
            capture.media_type,
            capture.size,
            captured
                .extracted
                .no_text_reason
                .map(|r| format!("; {r}"))
                .unwrap_or_default()
        );
        if source.accessed.is_none() {
            source.accessed = Some(capture.captured_at.date_naive());
        }
        if add_capture(&mut source.captures, capture) {
            self.run_command(ctx, Command::edit(Edit::UpdateSource(Box::new(source))));
        }
        self.info(line);
    }
}
