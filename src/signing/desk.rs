//! The reviewer's queue as state: which claim is under review, and the outcome of the last
//! request (the app keeps one [`ReviewDesk`]; the review panel returns requests for it).

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{TrustStore, fingerprint, review};
use crate::model::review::{ReviewAction, ReviewRequest, step_queue};
use crate::model::{ClaimId, Project};

/// Which claim the reviewer is on, and what happened last.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewDesk {
    /// The claim under review.
    pub current: Option<ClaimId>,
    /// What the last request did, or why it was refused (shown to the reviewer).
    pub message: Option<String>,
    /// Whether the last request was refused.
    pub refused: bool,
    /// The config folder (signing key, trusted keys).
    pub config_dir: PathBuf,
}

impl ReviewDesk {
    /// A desk using the keys in `config_dir`.
    #[must_use]
    pub fn new(config_dir: PathBuf) -> Self {
        Self {
            config_dir,
            ..Self::default()
        }
    }

    /// Carry out `request` as `reviewer` at `now`. Returns whether the project changed;
    /// a refusal leaves it unchanged and puts the rule's message in [`Self::message`].
    pub fn handle(
        &mut self,
        project: &mut Project,
        request: ReviewRequest,
        reviewer: &str,
        now: DateTime<Utc>,
    ) -> bool {
        self.refused = false;
        match request {
            ReviewRequest::Next | ReviewRequest::Previous => {
                let forward = request == ReviewRequest::Next;
                match step_queue(project, self.current, forward) {
                    Some(id) => {
                        self.current = Some(id);
                        self.message = None;
                    }
                    None => {
                        self.message = Some(
                            "Nothing left to review: no claim is ready for review.".to_owned(),
                        );
                    }
                }
                false
            }
            ReviewRequest::Act(action) => {
                let Some(claim_id) = self.current else {
                    self.refuse("Choose a claim first (Next claim to review).".to_owned());
                    return false;
                };
                let done = match &action {
                    ReviewAction::SignOff => "Signed off.",
                    ReviewAction::SendBack(_) => "Sent back with your comment.",
                    ReviewAction::Reopen(_) => "Reopened; the reason is recorded.",
                    ReviewAction::Correct { .. } => {
                        "Corrected; the correction waits for a second person's sign-off."
                    }
                };
                match review(project, claim_id, action, reviewer, &self.config_dir, now) {
                    Ok(()) => {
                        self.message = Some(done.to_owned());
                        true
                    }
                    Err(err) => {
                        self.refuse(err.to_string());
                        false
                    }
                }
            }
            ReviewRequest::TrustKey { name, key } => {
                let trusted = TrustStore::load(&self.config_dir).and_then(|mut store| {
                    store.add(&name, &key)?;
                    store.trust_fingerprint(&fingerprint(&key))?;
                    store.save(&self.config_dir)
                });
                match trusted {
                    Ok(()) => {
                        self.message = Some(format!("Trusted {name}'s key {}.", fingerprint(&key)));
                    }
                    Err(err) => self.refuse(err.to_string()),
                }
                false
            }
        }
    }

    fn refuse(&mut self, message: String) {
        self.message = Some(message);
        self.refused = true;
    }
}
