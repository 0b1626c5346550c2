//! File requests: what a path is asked for (open, save, export, merge input, new article
//! version). The shell answers them with a native dialog, the in-app browser or a typed path.

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
    /// Pick the other reviewer's copy to merge.
    OpenOtherProject,
    /// Pick the common ancestor of the merge in progress.
    MergeBase,
    /// Pick the corrected version of the article.
    UpdateArticle,
    /// Pick published fact-checks (ClaimReview JSON-LD or a saved page) to import.
    ImportFactChecks,
}

impl DialogKind {
    /// Whether the request is for a file to write (save, export) rather than one to read.
    #[must_use]
    pub fn is_save(&self) -> bool {
        matches!(self, Self::SaveProject { .. } | Self::Export { .. })
    }

    /// Title of the dialog.
    #[must_use]
    pub fn title(&self) -> &'static str {
        match self {
            Self::OpenProject => "Open project",
            Self::OpenArticle => "Open article",
            Self::SaveProject { .. } => "Save project as",
            Self::Export { .. } => "Export to",
            Self::OpenOtherProject => "Open the other reviewer's copy",
            Self::MergeBase => "Open the common ancestor",
            Self::UpdateArticle => "Open the new version of the article",
            Self::ImportFactChecks => "Import published fact-checks",
        }
    }

    /// The chosen path, with the expected extension added to a file to write that has none.
    #[must_use]
    pub fn completed(&self, path: std::path::PathBuf) -> std::path::PathBuf {
        let extension = match self {
            Self::SaveProject { .. } => "ron",
            Self::Export { format, .. } => format.extension(),
            _ => return path,
        };
        if path.extension().is_some() {
            path
        } else {
            path.with_extension(extension)
        }
    }

    /// File extensions offered (lower case, without the dot).
    #[must_use]
    pub fn extensions(&self) -> Vec<&'static str> {
        match self {
            Self::OpenProject
            | Self::OpenOtherProject
            | Self::MergeBase
            | Self::SaveProject { .. } => vec!["ron"],
            Self::OpenArticle | Self::UpdateArticle => vec!["txt", "md", "markdown", "html", "htm"],
            Self::Export { format, .. } => vec![format.extension()],
            Self::ImportFactChecks => vec!["json", "jsonld", "html", "htm"],
        }
    }
}
