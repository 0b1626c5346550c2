//! The shell's side of dialogs: putting them up, asking about unsaved changes (the answer
//! travels inside the command), errors, and asking for a file path.

use std::path::PathBuf;

use super::FactcheckApp;
use super::dialogs::Picked;
use crate::state::{Action, Command, DialogKind, Document, Level, Modal, StatusMessage};

/// The advice added to a failed save: nothing is lost yet.
const UNSAVED_ADVICE: &str =
    "Your work is still here, unsaved. Try \"Save as…\" to save it somewhere else.";

impl FactcheckApp {
    /// Put up a dialog.
    pub(super) fn show_modal(&mut self, modal: Modal) {
        self.panels.modals.show(modal);
    }

    /// Whether the document may be replaced now. Otherwise asks about unsaved changes; the
    /// answer runs `again()` with the loss confirmed.
    pub(super) fn may_discard(
        &mut self,
        discard_confirmed: bool,
        again: impl FnOnce() -> Command,
    ) -> bool {
        if discard_confirmed || !self.doc().is_some_and(Document::is_dirty) {
            return true;
        }
        self.show_modal(Modal::UnsavedChanges {
            then: Box::new(again().discard_confirmed()),
        });
        false
    }

    /// The user chose in the unsaved-changes dialog.
    pub(super) fn resolve_unsaved(&mut self, ctx: &egui::Context, save_first: bool, then: Command) {
        if save_first {
            self.run_command(ctx, Command::Action(Action::Save));
            // The save runs in the background: go on once it succeeded.
            if self.after_save(then.clone().discard_confirmed()) {
                return;
            }
            if self.doc().is_some_and(Document::is_dirty) {
                return; // Save failed or was cancelled: keep everything.
            }
        } else {
            self.discard_recovery();
        }
        self.run_command(ctx, then.discard_confirmed());
    }

    /// Show an error: `message` in the status bar and in a dialog titled `title`. The message
    /// already says what failed and where (the library's error); it is not prefixed again.
    /// With `offer_save_as` (a failed save) the dialog says the work is still there and offers
    /// "Save as…".
    pub(super) fn show_error(&mut self, title: &str, message: String, offer_save_as: bool) {
        let dialog_message = if offer_save_as {
            format!("{message}\n\n{UNSAVED_ADVICE}")
        } else {
            message.clone()
        };
        self.state.status = Some(StatusMessage {
            level: Level::Error,
            text: message,
        });
        self.show_modal(Modal::Error {
            title: title.to_owned(),
            message: dialog_message,
            offer_save_as,
        });
    }

    /// Ask a file dialog; when none can appear, open the in-app browser instead (its answer
    /// comes back as [`Command::PathChosen`]).
    pub(super) fn pick(&mut self, kind: DialogKind) -> Option<PathBuf> {
        match self.dialogs.pick(&kind) {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let folder = self.browse_folder();
                self.file_browser = Some(crate::ui::file_browser::FileBrowser::new(kind, &folder));
                None
            }
        }
    }

    /// Where the in-app browser starts: the open project's folder, else the most recent
    /// file's, else the working folder.
    fn browse_folder(&self) -> PathBuf {
        let doc_path = self.doc().and_then(|d| d.path.clone());
        doc_path
            .or_else(|| self.state.prefs.recent_files.first().cloned())
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
            .filter(|p| p.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// A path was chosen in the in-app browser.
    pub(super) fn path_chosen(&mut self, ctx: &egui::Context, kind: DialogKind, path: PathBuf) {
        match kind {
            DialogKind::OpenProject | DialogKind::OpenArticle => {
                // The unsaved-changes question was answered before the dialog was shown.
                self.open_path(ctx, &path);
            }
            DialogKind::OpenOtherProject => self.merge_with(ctx, &path),
            DialogKind::MergeBase => self.merge_base(ctx, &path),
            DialogKind::SaveProject { .. } => self.save_to(ctx, &path),
            DialogKind::Export { format, .. } => self.export_to(format, &path),
            DialogKind::UpdateArticle => self.update_article_from(ctx, &path),
            DialogKind::AttachEvidence(source_id) => self.attach_evidence(source_id, path),
            DialogKind::SavePackage { .. } => self.export_package(&path),
            DialogKind::ImportFactChecks => self.import_fact_checks(path),
        }
        ctx.request_repaint();
    }
}
