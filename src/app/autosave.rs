//! Autosave and crash recovery: unsaved changes go to a recovery file every few seconds, off
//! the UI thread; recovery files are forgotten after a save or a discard.

use std::path::PathBuf;

use super::FactcheckApp;
use crate::io::{Autosaver, RecoveryTarget};
use crate::state::Modal;

/// The autosaver and when it last wrote.
pub(super) struct Autosave {
    autosaver: Option<Autosaver>,
    /// Seconds between autosaves (infinite: off).
    interval_secs: f64,
    /// Where recovery files of never-saved projects go.
    data_dir: Option<PathBuf>,
    /// Generation and time of the last autosave request.
    last: Option<(u64, f64)>,
}

impl Autosave {
    pub(super) fn new(interval_secs: f64) -> Self {
        Self {
            autosaver: Autosaver::spawn().ok(),
            interval_secs,
            data_dir: None,
            last: None,
        }
    }

    /// A new document: its first change is autosaved at once.
    pub(super) fn document_replaced(&mut self) {
        self.last = None;
    }

    /// Where a never-saved project is autosaved.
    pub(super) fn unsaved_target(&self) -> Option<RecoveryTarget> {
        self.data_dir.as_ref().map(|d| RecoveryTarget::unsaved(d))
    }
}

impl FactcheckApp {
    /// Where recovery files of never-saved projects go (eframe's storage folder in the app).
    /// Looks there for projects left unsaved by a crash and offers to restore the newest.
    pub fn set_data_dir(&mut self, data_dir: PathBuf) {
        if self.panels.modals.is_empty()
            && let Some(info) = crate::io::find_unsaved(&data_dir).into_iter().next()
        {
            self.show_modal(Modal::Recovery { info });
        }
        self.autosave.data_dir = Some(data_dir);
    }

    /// Seconds between autosaves of unsaved changes (infinite: off).
    pub fn set_autosave_interval(&mut self, secs: f64) {
        self.autosave.interval_secs = secs;
    }

    /// Wait until every requested autosave is on disk (tests, and before quitting).
    pub fn flush_autosave(&self) {
        if let Some(autosaver) = &self.autosave.autosaver {
            autosaver.flush();
        }
    }

    /// Write unsaved changes to the recovery file every few seconds, off the UI thread.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        let autosave = &mut self.autosave;
        let Some(autosaver) = &autosave.autosaver else {
            return;
        };
        if !doc.is_dirty() || !autosave.interval_secs.is_finite() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let generation = doc.generation();
        match autosave.last {
            Some((saved, _)) if saved == generation => return,
            Some((_, at)) if now - at < autosave.interval_secs => {
                // Come back when it is due, even if the user stops touching anything.
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    autosave.interval_secs - (now - at),
                ));
                return;
            }
            _ => {}
        }
        let target = match (&doc.path, &autosave.data_dir) {
            (Some(path), _) => RecoveryTarget::for_project(path),
            (None, Some(data_dir)) => doc
                .unsaved_target
                .get_or_insert_with(|| RecoveryTarget::unsaved(data_dir))
                .clone(),
            (None, None) => return,
        };
        autosaver.request(std::sync::Arc::clone(&doc.project), target);
        autosave.last = Some((generation, now));
    }

    /// Forget the current document's recovery file (after a save or a discard).
    pub(super) fn discard_recovery(&mut self) {
        let (Some(doc), Some(autosaver)) = (&mut self.state.doc, &self.autosave.autosaver) else {
            return;
        };
        if let Some(path) = &doc.path {
            autosaver.discard(RecoveryTarget::for_project(path));
        }
        if let Some(target) = doc.unsaved_target.take() {
            autosaver.discard(target);
        }
        self.autosave.last = None;
    }

    /// Saving under a new name: the old file's recovery file is no longer needed.
    pub(super) fn discard_recovery_if_moving(&mut self, path: &std::path::Path) {
        let (Some(doc), Some(autosaver)) = (&self.state.doc, &self.autosave.autosaver) else {
            return;
        };
        if let Some(old) = &doc.path
            && old != path
        {
            autosaver.discard(RecoveryTarget::for_project(old));
        }
    }
}
