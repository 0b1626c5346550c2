//! What the UI asks for. Widgets never change the project themselves: they push a
//! [`Command`], and `FactcheckApp::run_command` applies each one in one place after the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::document::CoalesceKey;
use crate::model::{ClaimId, Edit, ScalePreset, SourceId};

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
}

/// A request from the UI, applied by `FactcheckApp::run_command`.
#[derive(Clone, Debug)]
#[must_use]
pub enum Command {
    /// A user-level action (menus, shortcuts, palette).
    Action(Action),
    /// Open a project or article file.
    OpenPath(PathBuf),
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
    /// Delete a source, asking first when claims cite it.
    RequestDeleteSource(SourceId),
    /// Replace the rating scale with a preset.
    ApplyPreset(ScalePreset),
    /// Show a right-panel tab.
    ShowTab(RightTab),
    /// Start merging another reviewer's copy of the project from this file.
    MergeWith(PathBuf),
    /// Use this file as the common ancestor of the merge in progress.
    MergeBase(PathBuf),
    /// Export the project in this format to this file.
    ExportTo(crate::export::ExportFormat, PathBuf),
    /// Ask where to export in this format.
    Export(crate::export::ExportFormat),
    /// Replace the article text with this file's and re-anchor every claim.
    UpdateArticleFrom(PathBuf),
    /// Start a project from pasted text.
    NewFromText(String),
    /// Restore the recovery file found for the project (or unsaved project).
    RestoreRecovery(crate::io::RecoveryInfo),
    /// Delete a recovery file the user does not want.
    DiscardRecovery(crate::io::RecoveryInfo),
    /// Save over a file that changed on disk since it was opened.
    OverwriteChangedFile,
    /// Mark the current find match as a claim.
    MarkFindMatch,
    /// Move a claim's span to the article selection (re-attach an orphan).
    ReattachToSelection(ClaimId),
}

impl Command {
    /// An undoable project edit.
    pub fn edit(edit: Edit) -> Self {
        Self::Edit {
            edit,
            coalesce: None,
        }
    }
}

/// The user-level actions: one list drives menus, keyboard shortcuts and the help window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a project from an article file.
    OpenArticle,
    /// Open a project file.
    OpenProject,
    /// Save.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Quit (asks about unsaved changes).
    Quit,
    /// Undo the last project edit.
    Undo,
    /// Redo.
    Redo,
    /// Mark the selected text as a claim.
    MarkClaim,
    /// Delete the selected claim.
    DeleteClaim,
    /// Select the next claim.
    NextClaim,
    /// Select the previous claim.
    PreviousClaim,
    /// Bigger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Default article text size.
    ZoomReset,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show preferences.
    Preferences,
    /// Search every command by name.
    CommandPalette,
    /// Find text in the article.
    Find,
    /// Go to the next find match.
    FindNext,
    /// Go to the previous find match.
    FindPrevious,
    /// Put the cursor in the claim statement field.
    EditStatement,
    /// Put the cursor in the claimant field.
    EditClaimant,
    /// Put the cursor in the conclusion field.
    EditConclusion,
    /// Merge another reviewer's copy into this project.
    MergeReviewerCopy,
    /// Replace the article with a corrected version and re-anchor the claims.
    UpdateArticle,
    /// Start a project from text pasted from the clipboard.
    NewFromClipboard,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Self; 26] = [
        Self::OpenArticle,
        Self::OpenProject,
        Self::Save,
        Self::SaveAs,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::MarkClaim,
        Self::DeleteClaim,
        Self::NextClaim,
        Self::PreviousClaim,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ShowShortcuts,
        Self::Preferences,
        Self::CommandPalette,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::EditStatement,
        Self::EditClaimant,
        Self::EditConclusion,
        Self::MergeReviewerCopy,
        Self::UpdateArticle,
        Self::NewFromClipboard,
    ];

    /// Menu text (ends in "…" when it opens a dialog).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenArticle => "Open article…",
            Self::OpenProject => "Open project…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::MarkClaim => "Mark claim",
            Self::DeleteClaim => "Delete claim",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::ZoomIn => "Larger text",
            Self::ZoomOut => "Smaller text",
            Self::ZoomReset => "Default text size",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::Preferences => "Preferences…",
            Self::CommandPalette => "Command palette…",
            Self::Find => "Find in article…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::EditStatement => "Edit claim statement",
            Self::EditClaimant => "Edit claimant",
            Self::EditConclusion => "Edit conclusion",
            Self::MergeReviewerCopy => "Merge a reviewer's copy…",
            Self::UpdateArticle => "Update article text…",
            Self::NewFromClipboard => "New from clipboard…",
        }
    }

    /// What it does, for tooltips.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::OpenArticle => "Start a new project from a .txt, .md or .html article",
            Self::OpenProject => "Open a saved .ron project",
            Self::Save => "Save the project",
            Self::SaveAs => "Save the project under a new name",
            Self::Quit => "Close the app (asks about unsaved changes)",
            Self::Undo => "Undo the last change to the project",
            Self::Redo => "Redo the change you undid",
            Self::MarkClaim => "Mark the selected text in the article as a claim",
            Self::DeleteClaim => "Delete the selected claim (can be undone)",
            Self::NextClaim => "Select the next claim in the article",
            Self::PreviousClaim => "Select the previous claim in the article",
            Self::ZoomIn => "Make the article text larger",
            Self::ZoomOut => "Make the article text smaller",
            Self::ZoomReset => "Reset the article text size",
            Self::ShowShortcuts => "List every keyboard shortcut",
            Self::Preferences => "Your name, theme and text size",
            Self::CommandPalette => "Search every command by name and run it",
            Self::Find => "Find text in the article",
            Self::FindNext => "Go to the next match",
            Self::FindPrevious => "Go to the previous match",
            Self::EditStatement => "Jump to the selected claim's statement",
            Self::EditClaimant => "Jump to the selected claim's claimant",
            Self::EditConclusion => "Jump to the selected claim's conclusion",
            Self::MergeReviewerCopy => {
                "Compare another reviewer's copy of this project and merge it without losing anything"
            }
            Self::UpdateArticle => {
                "The outlet changed the story: load the new version and re-anchor every claim"
            }
            Self::NewFromClipboard => "Start a project from article text you paste",
        }
    }

    /// Keyboard shortcut, if any.
    #[must_use]
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let sc = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::OpenArticle => sc(CMD_SHIFT, Key::O),
            Self::OpenProject => sc(CMD, Key::O),
            Self::Save => sc(CMD, Key::S),
            Self::SaveAs => sc(CMD_SHIFT, Key::S),
            Self::Quit => sc(CMD, Key::Q),
            Self::Undo => sc(CMD, Key::Z),
            Self::Redo => sc(CMD_SHIFT, Key::Z),
            Self::MarkClaim => sc(CMD, Key::M),
            Self::DeleteClaim => sc(Modifiers::NONE, Key::Delete),
            Self::NextClaim => sc(Modifiers::ALT, Key::ArrowDown),
            Self::PreviousClaim => sc(Modifiers::ALT, Key::ArrowUp),
            Self::ZoomIn => sc(CMD, Key::Plus),
            Self::ZoomOut => sc(CMD, Key::Minus),
            Self::ZoomReset => sc(CMD, Key::Num0),
            Self::ShowShortcuts => sc(Modifiers::NONE, Key::F1),
            Self::Preferences => sc(CMD, Key::Comma),
            Self::CommandPalette => sc(CMD_SHIFT, Key::P),
            Self::Find => sc(CMD, Key::F),
            Self::FindNext => sc(Modifiers::NONE, Key::F3),
            Self::FindPrevious => sc(Modifiers::SHIFT, Key::F3),
            Self::EditStatement => sc(Modifiers::ALT, Key::S),
            Self::EditClaimant => sc(Modifiers::ALT, Key::C),
            Self::EditConclusion => sc(Modifiers::ALT, Key::N),
            Self::MergeReviewerCopy => sc(CMD_SHIFT, Key::M),
            Self::UpdateArticle | Self::NewFromClipboard => None,
        }
    }

    /// Whether the shortcut must yield to a focused text field (which has its own undo,
    /// deletion and so on).
    #[must_use]
    pub fn yields_to_text_field(self) -> bool {
        matches!(self, Self::Undo | Self::Redo | Self::DeleteClaim)
    }
}
