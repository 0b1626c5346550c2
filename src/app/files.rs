//! File operations of the shell: open a project or article, start from pasted text, save,
//! export, replace the article with a new version, restore a recovery file, and load merge
//! inputs. Each reads or writes through `io/` and reports once, in plain words.
//!
//! This is the seam for moving file work off the UI thread: every operation here is "do the
//! I/O, then apply the result to the state"; the I/O halves can become background jobs.

use std::path::Path;

use super::FactcheckApp;
use crate::io::{ArticleError, import_article_file, load_project};
use crate::model::{ClaimId, Project, ReanchorReport};
use crate::state::{Document, MergeAction, MergeSession, Modal};

impl FactcheckApp {
    /// Open a project (`.ron`) or start a project from an article.
    pub(super) fn open_path(&mut self, path: &Path) {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fcpack"))
        {
            self.open_package(path);
            return;
        }
        let is_project = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_project {
            match crate::io::load_project_stamped(path) {
                Ok((loaded, stamp)) => {
                    let warnings: Vec<String> =
                        loaded.warnings.iter().map(ToString::to_string).collect();
                    let claims = loaded.project.claims.len();
                    let mut doc = Document::new(loaded.project, Some(path.to_path_buf()));
                    doc.warnings = loaded.warnings;
                    doc.stamp = Some(stamp);
                    self.set_document(doc);
                    self.state.prefs.add_recent(path.to_path_buf());
                    self.info(format!("Opened {} ({claims} claims)", path.display()));
                    if !warnings.is_empty() {
                        self.show_modal(Modal::LoadWarnings { warnings });
                    }
                    if let Some(info) = crate::io::find_recovery(path) {
                        self.show_modal(Modal::Recovery { info });
                    }
                }
                Err(err) => self.show_error("Could not open the project", err.to_string(), false),
            }
        } else {
            match import_article_file(path) {
                Ok(imported) => {
                    let chars = imported.text.chars().count();
                    let project = Project::new(imported.text, imported.meta);
                    self.set_document(Document::new(project, None));
                    self.state.prefs.add_recent(path.to_path_buf());
                    self.info(format!(
                        "Opened article {} ({}, {chars} characters): select text and press Ctrl+M to mark a claim",
                        path.display(),
                        imported.detected
                    ));
                }
                Err(err) => self.show_error(
                    "Could not open the article",
                    article_error_message(&err, path),
                    false,
                ),
            }
        }
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
        self.state.doc = Some(doc);
        self.article_view = crate::ui::article_view::ArticleView::default();
        self.derived = super::derived::Derived::default();
        self.panels.merge = None;
        self.autosave.document_replaced();
    }

    /// Save the project to `path` (refusing to overwrite a file someone else changed).
    pub(super) fn save_to(&mut self, path: &Path) {
        self.discard_recovery_if_moving(path);
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        // Only the file this project was opened from is checked for changes by others.
        let expected = if doc.path.as_deref() == Some(path) {
            doc.stamp.as_ref()
        } else {
            None
        };
        match crate::io::save_project_checked(&doc.project, path, expected) {
            Ok(stamp) => {
                doc.stamp = Some(stamp);
                doc.mark_saved(path);
                self.discard_recovery();
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

    /// Replace the article text with the file's and re-anchor every claim (one undo step).
    pub(super) fn update_article_from(&mut self, path: &Path) {
        let imported = match import_article_file(path) {
            Ok(imported) => imported,
            Err(err) => {
                self.show_error(
                    "Could not read the new version",
                    article_error_message(&err, path),
                    false,
                );
                return;
            }
        };
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        let quotes: std::collections::HashMap<ClaimId, String> = doc
            .project
            .claims
            .iter()
            .map(|c| (c.id, c.anchor.quote.clone()))
            .collect();
        let results = doc.modify(|project| project.replace_article_text(imported.text));
        self.article_view.text_changed();
        let report = ReanchorReport::new(&results, &quotes);
        let summary = format!("{} ({})", report.counts(), imported.detected);
        let lines = report
            .lines
            .iter()
            .map(|line| format!("“{}”: {}", line.quote, line.outcome))
            .collect();
        self.info(format!("Article updated: {summary}; Ctrl+Z undoes it"));
        self.show_modal(Modal::ReanchorReport { lines, summary });
    }

    /// Restore the work autosaved before a crash.
    pub(super) fn restore_recovery(&mut self, info: &crate::io::RecoveryInfo) {
        match info.load() {
            Ok(loaded) => {
                let mut doc = Document::new(loaded.project, info.project_path.clone());
                doc.mark_unsaved();
                if info.project_path.is_none() {
                    doc.unsaved_target = self.autosave.unsaved_target();
                }
                self.set_document(doc);
                // The restored work now lives in this session's recovery file.
                let _ignored = info.discard();
                self.info(format!(
                    "Restored the work autosaved at {}; save it to keep it",
                    info.saved_at
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M:%S")
                ));
            }
            Err(err) => {
                self.show_error(
                    "Could not restore the recovery file",
                    err.to_string(),
                    false,
                );
            }
        }
    }

    /// Start merging another reviewer's copy (the merge view opens).
    pub(super) fn merge_with(&mut self, path: &Path) {
        let Some(doc) = self.doc() else { return };
        match load_project(path) {
            Ok(loaded) => {
                let ours = doc.project.clone();
                // Merging the file we opened after someone changed it: what we opened is the
                // common ancestor.
                let base = doc
                    .saved_project()
                    .filter(|_| doc.path.as_deref() == Some(path))
                    .map(|p| (p.clone(), path.to_path_buf()));
                let actor = self.actor().to_owned();
                self.panels.merge = Some(MergeSession::new(
                    ours,
                    loaded.project,
                    path.to_path_buf(),
                    base,
                    &actor,
                ));
            }
            Err(err) => {
                self.show_error("Could not open the reviewer's copy", err.to_string(), false);
            }
        }
    }

    /// Merge three-way against this common ancestor.
    pub(super) fn merge_base(&mut self, path: &Path) {
        match load_project(path) {
            Ok(loaded) => {
                let actor = self.actor().to_owned();
                if let Some(session) = &mut self.panels.merge {
                    session.set_base(loaded.project, path.to_path_buf(), &actor);
                }
            }
            Err(err) => {
                self.show_error("Could not open the common ancestor", err.to_string(), false);
            }
        }
    }

    /// Act on the merge view's answer.
    pub(super) fn merge_action(&mut self, action: MergeAction) {
        match action {
            MergeAction::Cancel => self.panels.merge = None,
            MergeAction::PickBase => {
                if let Some(path) = self.pick(crate::state::DialogKind::MergeBase) {
                    self.merge_base(&path);
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
