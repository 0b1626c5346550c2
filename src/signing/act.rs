//! A reviewer's decision turned into an [`Edit`], signing a sign-off with this machine's key:
//! what the app's review queue and `factcheck review` both use.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{OwnKey, SigningError, seal_claim};
use crate::model::review::{ReviewAction, check_sign_off};
use crate::model::{ClaimId, ClaimStatus, Edit, EditError, Project};

/// Why a review action could not be made. The message already holds the cause's words, so the
/// cause is not also given as a `source` (printing the chain would say it twice).
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A review rule refused it.
    #[error("refused: {0}")]
    Refused(EditError),
    /// The signing key could not be used.
    #[error("could not sign: {0}")]
    Key(SigningError),
    /// The corrected verdict is not on the scale.
    #[error("{0:?} is not a verdict on this project's scale")]
    NoSuchVerdict(String),
}

impl From<EditError> for ReviewError {
    fn from(err: EditError) -> Self {
        Self::Refused(err)
    }
}

impl From<SigningError> for ReviewError {
    fn from(err: SigningError) -> Self {
        Self::Key(err)
    }
}

/// Build the edit for `action` on `claim_id` by `reviewer`. A sign-off is checked against the
/// rules first (so a refusal creates no key), then signed with the key in `key_dir` (created
/// on first need). Apply the edit with [`Project::apply`] as `reviewer` at `now`.
pub fn review_edit(
    project: &Project,
    claim_id: ClaimId,
    action: ReviewAction,
    reviewer: &str,
    key_dir: &Path,
    now: DateTime<Utc>,
) -> Result<Edit, ReviewError> {
    Ok(match action {
        ReviewAction::SignOff => {
            let claim = project
                .claim(claim_id)
                .ok_or(EditError::NoSuchClaim(claim_id))?;
            if claim.status == ClaimStatus::Reviewed {
                return Err(EditError::VerdictLocked.into());
            }
            check_sign_off(claim, reviewer, project.scale.is_conclusion_only())?;
            let key = OwnKey::load_or_create(key_dir)?;
            let seal = seal_claim(project, claim, reviewer, &key, now);
            Edit::SignOff {
                claim_id,
                seal: Some(Box::new(seal)),
            }
        }
        ReviewAction::SendBack(comment) => Edit::RequestChanges { claim_id, comment },
        ReviewAction::Reopen(reason) => Edit::Reopen { claim_id, reason },
        ReviewAction::Correct { label, reason } => {
            let verdict = project
                .scale
                .find(&label)
                .map(|l| l.id.clone())
                .ok_or(ReviewError::NoSuchVerdict(label))?;
            Edit::CorrectVerdict {
                claim_id,
                verdict: Some(verdict),
                reason,
            }
        }
    })
}

/// Make `action` on `claim_id` as `reviewer`: build the edit ([`review_edit`]) and apply it.
/// On error the project is unchanged.
pub fn review(
    project: &mut Project,
    claim_id: ClaimId,
    action: ReviewAction,
    reviewer: &str,
    key_dir: &Path,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let edit = review_edit(project, claim_id, action, reviewer, key_dir, now)?;
    project.apply(edit, reviewer, now)?;
    Ok(())
}
