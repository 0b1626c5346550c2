//! The reviewer's queue commands (listed as `Action::Review`) and what the review panel owns
//! while drawing: the open form and what is typed in it.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::review::{ReviewAction, ReviewRequest};

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// A review command, as listed in the palette and the shortcuts window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReviewCommand {
    /// Go to the next claim waiting for review.
    NextToReview,
    /// Go to the previous claim waiting for review.
    PreviousToReview,
    /// Sign off the claim under review.
    SignOff,
    /// Send it back with a comment.
    SendBack,
    /// Reopen a signed-off claim with a reason.
    Reopen,
    /// Correct a signed-off verdict.
    CorrectVerdict,
}

impl ReviewCommand {
    /// Every review command, in menu order.
    pub const ALL: [Self; 6] = [
        Self::NextToReview,
        Self::PreviousToReview,
        Self::SignOff,
        Self::SendBack,
        Self::Reopen,
        Self::CorrectVerdict,
    ];

    /// Menu and palette label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::NextToReview => "Next claim to review",
            Self::PreviousToReview => "Previous claim to review",
            Self::SignOff => "Sign off",
            Self::SendBack => "Send back with comment",
            Self::Reopen => "Reopen with reason",
            Self::CorrectVerdict => "Correct verdict",
        }
    }

    /// One line for the palette and the shortcuts window.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::NextToReview => "Go to the next claim that is ready for review",
            Self::PreviousToReview => "Go to the previous claim that is ready for review",
            Self::SignOff => "Approve the claim as a second person, signed with your key",
            Self::SendBack => "Return the claim to its author with a comment",
            Self::Reopen => "Reopen a signed-off claim; the reason is recorded",
            Self::CorrectVerdict => {
                "Change a signed-off verdict with a published reason; a colleague signs it off"
            }
        }
    }

    /// Keyboard shortcut.
    #[must_use]
    pub fn shortcut(self) -> KeyboardShortcut {
        match self {
            Self::NextToReview => KeyboardShortcut::new(Modifiers::NONE, Key::F8),
            Self::PreviousToReview => KeyboardShortcut::new(Modifiers::SHIFT, Key::F8),
            Self::SignOff => KeyboardShortcut::new(CMD_SHIFT, Key::Enter),
            Self::SendBack => KeyboardShortcut::new(CMD_SHIFT, Key::B),
            Self::Reopen => KeyboardShortcut::new(CMD_SHIFT, Key::R),
            Self::CorrectVerdict => KeyboardShortcut::new(CMD_SHIFT, Key::C),
        }
    }
}

/// Which text form is open in the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewForm {
    /// A comment for "Send back".
    SendBack,
    /// A reason for "Reopen".
    Reopen,
    /// A new verdict and a reason for "Correct verdict".
    Correct,
}

/// The panel's own state: the open form and what is typed in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewPanelState {
    /// The open form, if any.
    pub form: Option<ReviewForm>,
    /// The comment or reason being typed.
    pub text: String,
    /// The new verdict being typed (Correct verdict).
    pub verdict: String,
    /// Put the cursor in the form's first field next frame.
    pub focus: bool,
}

impl ReviewPanelState {
    /// Open `form` with empty fields and the cursor in its first field.
    pub fn open(&mut self, form: ReviewForm) {
        *self = Self {
            form: Some(form),
            focus: true,
            ..Self::default()
        };
    }

    /// Turn a command into a request, or open its form (`None` then).
    pub fn command(&mut self, command: ReviewCommand) -> Option<ReviewRequest> {
        match command {
            ReviewCommand::NextToReview => Some(ReviewRequest::Next),
            ReviewCommand::PreviousToReview => Some(ReviewRequest::Previous),
            ReviewCommand::SignOff => Some(ReviewRequest::Act(ReviewAction::SignOff)),
            ReviewCommand::SendBack => {
                self.open(ReviewForm::SendBack);
                None
            }
            ReviewCommand::Reopen => {
                self.open(ReviewForm::Reopen);
                None
            }
            ReviewCommand::CorrectVerdict => {
                self.open(ReviewForm::Correct);
                None
            }
        }
    }
}
