//! Dialogs in front of the window. The shell puts them up; the dialog in front draws from its
//! own fields (what is typed in it lives here too) and returns what the user chose.

use std::path::PathBuf;

use super::command::Command;
use super::prefs::Prefs;
use crate::model::SourceId;

/// A dialog in front of the window.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Unsaved changes would be lost by `then`.
    UnsavedChanges {
        /// What to do after saving or discarding (with the loss already confirmed).
        then: Box<Command>,
    },
    /// An error that needs acknowledging.
    Error {
        /// Short title.
        title: String,
        /// Plain-words message.
        message: String,
        /// Offer "Save as…" (after a failed save).
        offer_save_as: bool,
    },
    /// Problems repaired while loading.
    LoadWarnings {
        /// One line each.
        warnings: Vec<String>,
    },
    /// Deleting a source that claims cite.
    ConfirmDeleteSource {
        /// The source.
        source_id: SourceId,
        /// Snippets of the citing claims.
        citing: Vec<String>,
    },
    /// Keyboard shortcuts.
    Shortcuts,
    /// Preferences; changes apply as they are made.
    Preferences {
        /// The preferences as edited in the dialog.
        draft: Box<Prefs>,
    },
    /// Text pasted to start a new project.
    PasteArticle {
        /// What was pasted so far.
        text: String,
    },
    /// What happened to each claim when the article text was replaced.
    ReanchorReport {
        /// One line per claim.
        lines: Vec<String>,
        /// Summary counts.
        summary: String,
    },
    /// A recovery file was found (the app did not close normally).
    Recovery {
        /// What was found.
        info: crate::io::RecoveryInfo,
    },
    /// The project file changed on disk since it was opened.
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// The command palette.
    Palette {
        /// What was typed.
        query: String,
        /// The highlighted entry.
        selected: usize,
    },
}

/// The dialogs waiting to be shown: the one in front, then the others in the order they came.
#[derive(Clone, Debug, Default)]
pub struct Modals {
    queue: std::collections::VecDeque<Modal>,
}

impl Modals {
    /// The dialog in front.
    #[must_use]
    pub fn front(&self) -> Option<&Modal> {
        self.queue.front()
    }

    /// The dialog in front, to update what is typed in it.
    pub fn front_mut(&mut self) -> Option<&mut Modal> {
        self.queue.front_mut()
    }

    /// Whether no dialog is shown.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Show `modal` after the dialogs already waiting (none is lost: warnings about a
    /// repaired file stay ahead of the recovery prompt that follows them). A dialog of the
    /// same kind as one already waiting replaces it rather than asking twice.
    pub fn show(&mut self, modal: Modal) {
        let kind = std::mem::discriminant(&modal);
        match self
            .queue
            .iter_mut()
            .find(|m| std::mem::discriminant(&**m) == kind)
        {
            Some(waiting) => *waiting = modal,
            None => self.queue.push_back(modal),
        }
    }

    /// How many dialogs are waiting, the one in front included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Close the dialog in front.
    pub fn close(&mut self) {
        self.queue.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialogs_queue_in_order_and_one_of_a_kind_is_replaced() {
        let mut modals = Modals::default();
        modals.show(Modal::LoadWarnings {
            warnings: vec!["repaired".into()],
        });
        modals.show(Modal::Shortcuts);
        modals.show(Modal::LoadWarnings {
            warnings: vec!["again".into()],
        });
        assert_eq!(modals.len(), 2);
        assert!(
            matches!(modals.front(), Some(Modal::LoadWarnings { warnings }) if warnings[0] == "again")
        );
        modals.close();
        assert!(matches!(modals.front(), Some(Modal::Shortcuts)));
        modals.close();
        assert!(modals.is_empty());
    }
}
