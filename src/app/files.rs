//! File operations of the shell: open a project or article, start from pasted text, save,
//! export, replace the article with a new version, restore a recovery file, and load merge
//! inputs. Each reads or writes through `io/` and reports once, in plain words.
//!
//! Open, save, update and merge run as background jobs (`jobs.rs`): the slow half (read,
//! parse, re-anchor, merge, write) runs on a worker thread and returns a closure that applies
//! the result on the UI thread, reporting errors once, with the same words as before.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::FactcheckApp;
use super::jobs::{Apply, CancelFlag, JobKind};
use crate::io::{ArticleError, import_article_file, load_project};
use crate::model::{ClaimId, Project, ReanchorReport};
use crate::state::{Document, MergeAction, MergeSession, Modal};

impl FactcheckApp {
    /// Open a project (`.ron`) or start a project from an article, in the background: the
    /// current document stays on screen (and unchanged) until the new one is ready.
    pub(super) fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fcpack"))
        {
            self.open_package(ctx, path);
            return;
        }
        let is_project = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        let path = path.to_path_buf();
        let label = format!("Opening {}", file_name(&path));
        self.start_job(ctx, JobKind::Open, label, move |cancel| {
            if is_project {
                open_project_job(path, cancel)
            } else {
                open_article_job(path, cancel)
            }
        });
    }

    /// Start a new, unsaved project from pasted text.
    pub(super) fn new_from_text(&mut self, text: &str) {
        match crate::io::import_article_text(text) {
            Ok(imported) => {
                let project = Project::new(imported.text, imported.meta);
                let mut doc = Document::new(project, None);
                doc.mark_unsaved();
                self.set_document(doc);
                self.info(format!(
                    "New project from pasted text ({}); save it to keep it",
                    imported.detected
                ));
            }
            Err(err) => self.error(format!("Could not use the pasted text: {err}")),
        }
    }

    /// Replace the open document (nothing of the old one's view state is kept).
    fn set_document(&mut self, doc: Document) {
        crate::ui::fonts::prefetch_for(&doc.project.article.text);
        self.state.selected_claim = doc.project.claims.first().map(|c| c.id);
        self.state.selected_source = None;
        if let Some(old) = self.state.doc.replace(doc) {
            // A big project takes a while to free: not on the UI thread.
            drop_in_background(old);
        }
        self.article_view = crate::ui::article_view::ArticleView::default();
        self.derived = super::derived::Derived::default();
        self.panels.merge = None;
        self.autosave.document_replaced();
    }

    /// Save the project to `path` (refusing to overwrite a file someone else changed), in the
    /// background: the write is atomic as before; edits made meanwhile keep the document dirty.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        self.discard_recovery_if_moving(path);
        let Some(doc) = &self.state.doc else {
            return;
        };
        // Only the file this project was opened from is checked for changes by others.
        let expected = if doc.path.as_deref() == Some(path) {
            doc.stamp.clone()
        } else {
            None
        };
        // Shared, not copied: an edit made while the save runs copies the project then.
        let project = Arc::clone(&doc.project);
        let generation = doc.generation();
        let path = path.to_path_buf();
        let label = format!("Saving {}", file_name(&path));
        self.start_job(ctx, JobKind::Save, label, move |_cancel| {
            let result = crate::io::save_project_checked(&project, &path, expected.as_ref());
            // A copy left only here is freed here, not on the UI thread.
            drop(project);
            Some(Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                app.saved(&path, generation, result);
            }))
        });
    }

    /// A save finished.
    fn saved(
        &mut self,
        path: &Path,
        generation: u64,
        result: Result<crate::io::FileStamp, crate::io::SaveError>,
    ) {
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        match result {
            Ok(stamp) => {
                doc.stamp = Some(stamp);
                doc.mark_saved_at(path, generation);
                let clean = !doc.is_dirty();
                if clean {
                    self.discard_recovery();
                }
                self.state.prefs.add_recent(path.to_path_buf());
                self.info(format!("Saved {}", path.display()));
            }
            Err(crate::io::SaveError::ChangedOnDisk { .. }) => {
                self.show_modal(Modal::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
            }
            Err(err) => self.show_error("Could not save", err.to_string(), true),
        }
    }

    /// Export the project in `format` to `path`.
    pub(super) fn export_to(&mut self, format: crate::export::ExportFormat, path: &Path) {
        let Some(doc) = self.doc() else { return };
        let options = crate::export::ExportOptions {
            only_reviewed: self.state.export_only_reviewed,
            generated: chrono::Utc::now(),
        };
        let exported = match crate::export::export(&doc.project, format, &options) {
            Ok(exported) => exported,
            Err(err) => {
                self.show_error("Could not export", err.to_string(), false);
                return;
            }
        };
        match crate::io::atomic::write_atomically_without_backup(path, exported.text.as_bytes()) {
            Ok(()) => {
                let notes = if exported.notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", exported.notes.join("; "))
                };
                self.info(format!(
                    "Exported the {} to {}{notes}",
                    format.label(),
                    path.display()
                ));
            }
            Err(err) => self.show_error(
                "Could not export",
                format!(
                    "Could not export: {} ({})",
                    crate::io::project_file::plain_io_reason(&err),
                    path.display()
                ),
                false,
            ),
        }
    }

    /// Replace the article text with the file's and re-anchor every claim (one undo step),
    /// reading and re-anchoring in the background.
    pub(super) fn update_article_from(&mut self, ctx: &egui::Context, path: &Path) {
        let Some(doc) = &self.state.doc else {
            return;
        };
        let original = Arc::clone(&doc.project);
        let generation = doc.generation();
        let path = path.to_path_buf();
        let label = format!("Updating the article from {}", file_name(&path));
        self.start_job(ctx, JobKind::UpdateArticle, label, move |cancel| {
            let imported = match import_article_file(&path) {
                Ok(imported) => imported,
                Err(err) => {
                    let message = article_error_message(&err, &path);
                    return Some(Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.show_error("Could not read the new version", message, false);
                    }));
                }
            };
            if cancel.is_cancelled() {
                return None;
            }
            let quotes: std::collections::HashMap<ClaimId, String> = original
                .claims
                .iter()
                .map(|c| (c.id, c.anchor.quote.clone()))
                .collect();
            // The copy to re-anchor is made here, on the worker.
            let mut project = (*original).clone();
            let results = project.replace_article_text(imported.text);
            let changed = *original != project;
            drop(original);
            let report = ReanchorReport::new(&results, &quotes);
            let summary = format!("{} ({})", report.counts(), imported.detected);
            let lines = report
                .lines
                .iter()
                .map(|line| format!("“{}”: {}", line.quote, line.outcome))
                .collect();
            Some(Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                let Some(doc) = &mut app.state.doc else {
                    return;
                };
                if doc.generation() != generation {
                    // Cannot happen (edits wait while the job runs); never drop newer work.
                    app.error("The document changed while the article was updated; try again");
                    return;
                }
                if changed {
                    doc.replace_project(project);
                }
                app.article_view.text_changed();
                app.info(format!("Article updated: {summary}; Ctrl+Z undoes it"));
                app.show_modal(Modal::ReanchorReport { lines, summary });
            }))
        });
    }

    /// Restore the work autosaved before a crash (read in the background, like an open).
    pub(super) fn restore_recovery(&mut self, ctx: &egui::Context, info: &crate::io::RecoveryInfo) {
        let info = info.clone();
        let unsaved_target = info
            .project_path
            .is_none()
            .then(|| self.autosave.unsaved_target())
            .flatten();
        let label = "Restoring the autosaved work".to_owned();
        self.start_job(ctx, JobKind::Open, label, move |cancel| {
            let loaded = info.load();
            if cancel.is_cancelled() {
                return None;
            }
            let apply: Apply = match loaded {
                Ok(loaded) => {
                    let mut doc = Document::new(loaded.project, info.project_path.clone());
                    doc.mark_unsaved();
                    doc.unsaved_target = unsaved_target;
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.set_document(doc);
                        // The restored work now lives in this session's recovery file.
                        let _ignored = info.discard();
                        app.info(format!(
                            "Restored the work autosaved at {}; save it to keep it",
                            info.saved_at
                                .with_timezone(&chrono::Local)
                                .format("%Y-%m-%d %H:%M:%S")
                        ));
                    })
                }
                Err(err) => {
                    let message = err.to_string();
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.show_error("Could not restore the recovery file", message, false);
                    })
                }
            };
            Some(apply)
        });
    }

    /// Start merging another reviewer's copy: read and merge it in the background, then the
    /// merge view opens.
    pub(super) fn merge_with(&mut self, ctx: &egui::Context, path: &Path) {
        let Some(doc) = self.doc() else { return };
        // Shared, not copied, on this thread.
        let ours = Arc::clone(&doc.project);
        // Merging the file we opened after someone changed it: what we opened is the common
        // ancestor.
        let base = doc
            .saved_project_shared()
            .filter(|_| doc.path.as_deref() == Some(path))
            .map(|p| (Arc::clone(p), path.to_path_buf()));
        let actor = self.actor().to_owned();
        let path = path.to_path_buf();
        let label = format!("Merging {}", file_name(&path));
        self.start_job(ctx, JobKind::Merge, label, move |cancel| {
            let apply: Apply = match load_project(&path) {
                Ok(loaded) => {
                    if cancel.is_cancelled() {
                        return None;
                    }
                    let base = base.map(|(p, path)| (Arc::unwrap_or_clone(p), path));
                    let session = MergeSession::new(ours, loaded.project, path, base, &actor);
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.panels.merge = Some(session);
                    })
                }
                Err(err) => {
                    let message = err.to_string();
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.show_error("Could not open the reviewer's copy", message, false);
                    })
                }
            };
            Some(apply)
        });
    }

    /// Merge three-way against this common ancestor: read and merge in the background; the
    /// merge view shows the result when it is done.
    pub(super) fn merge_base(&mut self, ctx: &egui::Context, path: &Path) {
        let Some(inputs) = self.panels.merge.as_ref().map(MergeSession::inputs) else {
            return;
        };
        let actor = self.actor().to_owned();
        let path = path.to_path_buf();
        let label = format!("Reading the common ancestor {}", file_name(&path));
        self.start_job(ctx, JobKind::Merge, label, move |cancel| {
            let apply: Apply = match load_project(&path) {
                Ok(loaded) => {
                    if cancel.is_cancelled() {
                        return None;
                    }
                    let outcome = inputs.merge_against(&loaded.project, &actor);
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        // The view may have been closed (or another merge started) meanwhile.
                        if let Some(session) = &mut app.panels.merge {
                            let _ = session.set_base_merged(&inputs, loaded.project, path, outcome);
                        }
                    })
                }
                Err(err) => {
                    let message = err.to_string();
                    Box::new(move |app: &mut Self, _ctx: &egui::Context| {
                        app.show_error("Could not open the common ancestor", message, false);
                    })
                }
            };
            Some(apply)
        });
    }

    /// Act on the merge view's answer.
    pub(super) fn merge_action(&mut self, ctx: &egui::Context, action: MergeAction) {
        match action {
            MergeAction::Cancel => self.panels.merge = None,
            MergeAction::PickBase => {
                if let Some(path) = self.pick(crate::state::DialogKind::MergeBase) {
                    self.merge_base(ctx, &path);
                }
            }
            MergeAction::Resolve(conflict_id, resolution) => {
                let actor = self.actor().to_owned();
                if let Some(session) = &mut self.panels.merge {
                    // A refused decision is shown in the merge view itself.
                    let _refused = session.resolve(conflict_id, resolution, &actor);
                }
            }
            MergeAction::Apply => self.apply_merge(),
        }
    }

    fn apply_merge(&mut self) {
        let Some(session) = self.panels.merge.take() else {
            return;
        };
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        let open = session.outcome.project.conflicts.len();
        doc.replace_project(session.outcome.project);
        if doc.path.as_deref() == Some(session.theirs_path.as_path()) {
            // We merged what is on disk now: saving over it is what the user wants.
            doc.stamp = crate::io::FileStamp::read(&session.theirs_path)
                .ok()
                .flatten();
        }
        self.forget_deleted_selection();
        let name = session.theirs_path.display();
        if open == 0 {
            self.info(format!("Merged {name} (Ctrl+Z undoes the merge)"));
        } else {
            self.info(format!(
                "Merged {name}: {open} conflicts are still open, kept with both values in the claims' inspector (Ctrl+Z undoes the merge)"
            ));
        }
    }
}

/// Open a project file (worker thread): read, check and parse, index the text, look for a
/// recovery file; stops between stages when cancelled.
pub(super) fn open_project_job(path: PathBuf, cancel: &CancelFlag) -> Option<Apply> {
    let (loaded, stamp) = match crate::io::load_project_stamped(&path) {
        Ok(loaded) => loaded,
        Err(err) => {
            let message = err.to_string();
            return Some(Box::new(
                move |app: &mut FactcheckApp, _ctx: &egui::Context| {
                    app.show_error("Could not open the project", message, false);
                },
            ));
        }
    };
    if cancel.is_cancelled() {
        return None;
    }
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let claims = loaded.project.claims.len();
    let mut doc = Document::new(loaded.project, Some(path.clone()));
    doc.warnings = loaded.warnings;
    doc.stamp = Some(stamp);
    if cancel.is_cancelled() {
        return None;
    }
    let recovery = crate::io::find_recovery(&path);
    Some(Box::new(
        move |app: &mut FactcheckApp, _ctx: &egui::Context| {
            app.set_document(doc);
            app.state.prefs.add_recent(path.clone());
            app.info(format!("Opened {} ({claims} claims)", path.display()));
            if !warnings.is_empty() {
                app.show_modal(Modal::LoadWarnings { warnings });
            }
            if let Some(info) = recovery {
                app.show_modal(Modal::Recovery { info });
            }
        },
    ))
}

/// Start a project from an article file (worker thread): import, then index the text.
fn open_article_job(path: PathBuf, cancel: &CancelFlag) -> Option<Apply> {
    let imported = match import_article_file(&path) {
        Ok(imported) => imported,
        Err(err) => {
            let message = article_error_message(&err, &path);
            return Some(Box::new(
                move |app: &mut FactcheckApp, _ctx: &egui::Context| {
                    app.show_error("Could not open the article", message, false);
                },
            ));
        }
    };
    if cancel.is_cancelled() {
        return None;
    }
    let chars = imported.text.chars().count();
    let detected = imported.detected;
    let doc = Document::new(Project::new(imported.text, imported.meta), None);
    Some(Box::new(
        move |app: &mut FactcheckApp, _ctx: &egui::Context| {
            app.set_document(doc);
            app.state.prefs.add_recent(path.clone());
            app.info(format!(
            "Opened article {} ({detected}, {chars} characters): select text and press Ctrl+M to mark a claim",
            path.display()
        ));
        },
    ))
}

/// Free `value` on a short-lived thread (a replaced project can take milliseconds to free).
fn drop_in_background<T: Send + 'static>(value: T) {
    let spawned = std::thread::Builder::new()
        .name("factcheck drop".to_owned())
        .spawn(move || drop(value));
    // Without a thread it is freed here, as before.
    drop(spawned);
}

/// The file name of `path` (or the whole path), for progress messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The message for an article that could not be read: the library's words, with the file
/// added when they do not name it.
fn article_error_message(err: &ArticleError, path: &Path) -> String {
    match err {
        ArticleError::Read { .. } => capitalised(&err.to_string()),
        _ => format!("{} ({})", capitalised(&err.to_string()), path.display()),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A file name for "Save as…" from the article title.
pub(super) fn suggested_file_name(doc: &Document) -> String {
    if let Some(name) = doc.path.as_ref().and_then(|p| p.file_name()) {
        return name.to_string_lossy().into_owned();
    }
    let slug: String = doc
        .project
        .article
        .meta
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "factcheck.ron".to_owned()
    } else {
        format!("{slug}.ron")
    }
}
