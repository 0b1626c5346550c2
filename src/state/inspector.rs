//! What is being typed in the inspector that is not yet part of the project (a new comment,
//! a correction's reason and verdict), kept per claim: a draft typed for one claim never
//! follows the user to the next, and is still there on coming back. The inspector owns it and
//! edits it while drawing.

use std::collections::HashMap;

use crate::model::ClaimId;

/// An inspector field the keyboard can jump to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectorField {
    /// The claim statement.
    Statement,
    /// The claimant.
    Claimant,
    /// The conclusion.
    Conclusion,
}

/// Text typed in the inspector for one claim, not yet part of the project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimDraft {
    /// The comment being written.
    pub new_comment: String,
    /// The reason for a verdict correction being written.
    pub correction_reason: String,
    /// The verdict chosen for a correction.
    pub correction_verdict: Option<String>,
}

impl ClaimDraft {
    /// Nothing typed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Drafts typed in the inspector, by claim.
#[derive(Clone, Debug, Default)]
pub struct InspectorState {
    drafts: HashMap<ClaimId, ClaimDraft>,
}

impl InspectorState {
    /// The draft of `claim_id` (empty if nothing was typed for it). Drafts of other claims
    /// that were emptied (sent, or cleared) are forgotten.
    pub fn draft(&mut self, claim_id: ClaimId) -> &mut ClaimDraft {
        self.drafts
            .retain(|id, draft| *id == claim_id || !draft.is_empty());
        self.drafts.entry(claim_id).or_default()
    }

    /// The draft of `claim_id`, if something is typed for it.
    #[must_use]
    pub fn get(&self, claim_id: ClaimId) -> Option<&ClaimDraft> {
        self.drafts.get(&claim_id).filter(|d| !d.is_empty())
    }
}
