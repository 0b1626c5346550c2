//! The user-level actions: one list drives the menus, keyboard shortcuts, the command palette
//! and the shortcuts window.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::ReviewCommand;

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
    /// A step of the reviewer's queue (next/previous claim to review, sign off, send back,
    /// reopen, correct).
    Review(ReviewCommand),
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Self; 32] = [
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
        Self::Review(ReviewCommand::NextToReview),
        Self::Review(ReviewCommand::PreviousToReview),
        Self::Review(ReviewCommand::SignOff),
        Self::Review(ReviewCommand::SendBack),
        Self::Review(ReviewCommand::Reopen),
        Self::Review(ReviewCommand::CorrectVerdict),
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
            Self::Review(command) => command.label(),
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
            Self::Review(command) => command.description(),
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
            Self::Review(command) => Some(command.shortcut()),
        }
    }

    /// Whether the shortcut must yield to a focused text field (which has its own undo,
    /// deletion and so on).
    #[must_use]
    pub fn yields_to_text_field(self) -> bool {
        matches!(self, Self::Undo | Self::Redo | Self::DeleteClaim)
    }
}
