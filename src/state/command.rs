//! What the UI asks for. Panels and dialogs never change the app themselves: they return
//! [`Command`]s, and the shell applies every one of them in one place after the frame.

use std::path::PathBuf;

use super::action::Action;
use super::dialog::DialogKind;
use super::document::CoalesceKey;
use super::prefs::Prefs;
use crate::model::{ClaimId, ConflictId, Edit, Resolution, ScalePreset, SourceId};

/// Tabs of the right-hand panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    /// The selected claim.
    #[default]
    Claim,
    /// The source library.
    Sources,
    /// Article metadata, rating scale and publishing settings.
    Project,
    /// The reviewer's queue.
    Review,
}

/// What the user asked for in the merge view.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeAction {
    /// Replace the project with the merged one (one undo step).
    Apply,
    /// Close without merging.
    Cancel,
    /// Pick a common ancestor for a three-way merge.
    PickBase,
    /// Decide a conflict.
    Resolve(ConflictId, Resolution),
}

/// A request from the UI, applied by the shell after the frame.
///
/// Commands that would replace the open document carry `discard_confirmed`: `false` when the
/// user asked for it, `true` once the user has answered the unsaved-changes prompt (or the
/// document had nothing to lose).
#[derive(Clone, Debug)]
#[must_use]
pub enum Command {
    /// A user-level action (menus, shortcuts, palette).
    Action(Action),
    /// Open a project or article file.
    Open {
        /// The file.
        path: PathBuf,
        /// Unsaved changes may be dropped (the user was asked).
        discard_confirmed: bool,
    },
    /// Ask for a file of this kind, then open it.
    PickAndOpen {
        /// A project or an article.
        kind: DialogKind,
        /// Unsaved changes may be dropped (the user was asked).
        discard_confirmed: bool,
    },
    /// Start a project from pasted text.
    NewFromText {
        /// The article text.
        text: String,
        /// Unsaved changes may be dropped (the user was asked).
        discard_confirmed: bool,
    },
    /// Close the window.
    Quit {
        /// Unsaved changes may be dropped (the user was asked).
        discard_confirmed: bool,
    },
    /// The user answered the unsaved-changes prompt: save first (or not), then do `then`.
    ResolveUnsaved {
        /// Save before going on; a failed or cancelled save stops here.
        save_first: bool,
        /// What to do next (already confirmed).
        then: Box<Command>,
    },
    /// Save to this path.
    SaveTo(PathBuf),
    /// Change the project.
    Edit {
        /// The change.
        edit: Edit,
        /// Fold into the previous undo step when typing into the same field.
        coalesce: Option<CoalesceKey>,
    },
    /// Select a claim (or none).
    SelectClaim(Option<ClaimId>),
    /// Select a claim and scroll the article to it.
    JumpToClaim(ClaimId),
    /// Create an empty source, attach it to the claim and edit it.
    NewSourceForClaim(ClaimId),
    /// Create an empty source in the library.
    NewSource,
    /// Select a source in the library.
    SelectSource(Option<SourceId>),
    /// Delete a source; when claims cite it and `confirmed` is false, ask first.
    DeleteSource {
        /// The source.
        source_id: SourceId,
        /// The user confirmed removing it from the claims that cite it.
        confirmed: bool,
    },
    /// Replace the rating scale with a preset.
    ApplyPreset(ScalePreset),
    /// Show a right-panel tab.
    ShowTab(RightTab),
    /// A request from the reviewer's queue (go to a claim, decide on it, trust a key).
    Review(crate::model::review::ReviewRequest),
    /// Start merging another reviewer's copy of the project from this file.
    MergeWith(PathBuf),
    /// Use this file as the common ancestor of the merge in progress.
    MergeBase(PathBuf),
    /// The merge view's answer.
    Merge(MergeAction),
    /// Export the project in this format to this file.
    ExportTo(crate::export::ExportFormat, PathBuf),
    /// Ask where to export in this format.
    Export(crate::export::ExportFormat),
    /// Export only reviewed claims (leave drafts out), or everything.
    SetExportOnlyReviewed(bool),
    /// Replace the article text with this file's and re-anchor every claim.
    UpdateArticleFrom(PathBuf),
    /// Restore the recovery file found for the project (or unsaved project).
    RestoreRecovery(crate::io::RecoveryInfo),
    /// Delete a recovery file the user does not want.
    DiscardRecovery(crate::io::RecoveryInfo),
    /// Save over a file that changed on disk since it was opened.
    OverwriteChangedFile,
    /// Mark the current find match as a claim.
    MarkFindMatch,
    /// Close the find bar; with `select_match` the current match becomes the article
    /// selection and the article takes the keyboard focus.
    CloseFind {
        /// Keep the current match selected.
        select_match: bool,
    },
    /// Move a claim's span to the article selection (re-attach an orphan).
    ReattachToSelection(ClaimId),
    /// A path was chosen for a file request (typed, or picked in the in-app browser).
    PathChosen {
        /// What the path is for.
        kind: DialogKind,
        /// The path.
        path: PathBuf,
    },
    /// Use these preferences (the preferences dialog applies changes as they are made).
    SetPrefs(Box<Prefs>),
    /// Close the in-app file browser.
    CloseFileBrowser,
    /// Close the dialog in front (the next queued one, if any, comes forward).
    CloseModal,
    /// Clear the status-bar message.
    DismissStatus,
    /// Something asked for in the evidence panels (captures, reader, quoting).
    Evidence(super::EvidenceAction),
    /// Suggested claims and the claim library.
    Research(super::research::ResearchAction),
    /// Cancel the background job in progress (its result is dropped).
    CancelJob,
}

impl Command {
    /// An undoable project edit.
    pub fn edit(edit: Edit) -> Self {
        Self::Edit {
            edit,
            coalesce: None,
        }
    }

    /// Open `path`, asking first about unsaved changes.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        Self::Open {
            path: path.into(),
            discard_confirmed: false,
        }
    }

    /// The same command with the loss of unsaved changes confirmed (the answer of the
    /// unsaved-changes prompt travels inside the command).
    pub fn discard_confirmed(self) -> Self {
        match self {
            Self::Open { path, .. } => Self::Open {
                path,
                discard_confirmed: true,
            },
            Self::PickAndOpen { kind, .. } => Self::PickAndOpen {
                kind,
                discard_confirmed: true,
            },
            Self::NewFromText { text, .. } => Self::NewFromText {
                text,
                discard_confirmed: true,
            },
            Self::Quit { .. } => Self::Quit {
                discard_confirmed: true,
            },
            other => other,
        }
    }
}
