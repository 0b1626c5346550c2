//! File dialogs. The app asks through [`FileDialogs`] so tests can answer without opening a
//! real dialog (which would block forever without a display).

use std::collections::VecDeque;
use std::path::PathBuf;

/// What a file dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Open a `.ron` project.
    OpenProject,
    /// Open an article to start a project.
    OpenArticle,
    /// Save the project under a new name.
    SaveProject {
        /// Suggested file name.
        suggested: String,
    },
    /// Export to a file with this extension.
    Export {
        /// Suggested file name.
        suggested: String,
        /// The format (gives the extension and filter).
        format: crate::export::ExportFormat,
    },
    /// Pick a merge input (another reviewer's copy or the common ancestor).
    OpenOtherProject,
    /// Pick the corrected version of the article.
    UpdateArticle,
}

/// Answers file dialogs.
pub trait FileDialogs {
    /// Ask the user for a path; `None` when cancelled or no dialog is available.
    fn pick(&mut self, kind: &DialogKind) -> Option<PathBuf>;
}

/// Native dialogs through `rfd` (XDG portal, falling back to zenity).
#[derive(Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, kind: &DialogKind) -> Option<PathBuf> {
        let ron = ("Factcheck project", &["ron"][..]);
        let dialog = rfd::FileDialog::new();
        match kind {
            DialogKind::OpenProject | DialogKind::OpenOtherProject => {
                dialog.add_filter(ron.0, ron.1).pick_file()
            }
            DialogKind::OpenArticle | DialogKind::UpdateArticle => dialog
                .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
                .add_filter("All files", &["*"])
                .pick_file(),
            DialogKind::SaveProject { suggested } => dialog
                .add_filter(ron.0, ron.1)
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, "ron")),
            DialogKind::Export { suggested, format } => dialog
                .add_filter(format.label(), &[format.extension()])
                .set_file_name(suggested)
                .save_file()
                .map(|p| with_extension(p, format.extension())),
        }
    }
}

/// Add `extension` when the chosen name has none.
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension)
    }
}

/// Dialog answers queued in advance (tests and scripted runs).
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers given in order; an empty queue answers "cancelled".
    pub answers: VecDeque<Option<PathBuf>>,
    /// What was asked, in order.
    pub asked: Vec<DialogKind>,
}

impl ScriptedDialogs {
    /// Dialogs that answer `answers` in turn.
    #[must_use]
    pub fn answering(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            asked: Vec::new(),
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick(&mut self, kind: &DialogKind) -> Option<PathBuf> {
        self.asked.push(kind.clone());
        self.answers.pop_front().flatten()
    }
}
