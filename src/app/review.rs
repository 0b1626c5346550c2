//! The reviewer's queue: review actions and requests from the review panel, the inspector's
//! "Trust this key", and the seals derived from the project and the trusted keys.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;

use super::FactcheckApp;
use crate::model::review::{ReviewAction, ReviewRequest, step_queue};
use crate::model::{ClaimId, Project};
use crate::signing::{self, SealStatus, TrustStore, VerifiedSignatures, fingerprint};
use crate::state::{Command, ReviewCommand, RightTab};

impl FactcheckApp {
    /// Use the keys in `dir` (tests and scripts run several reviewers on one machine).
    pub fn set_config_dir(&mut self, dir: std::path::PathBuf) {
        self.state.trust = TrustStore::load(&dir).unwrap_or_default();
        self.state.config_dir = Some(dir);
        self.derived.seals_key = None;
    }

    pub(super) fn review_command(&mut self, ctx: &egui::Context, command: ReviewCommand) {
        if let Some(request) = self.panels.review.command(command) {
            self.run_command(ctx, Command::Review(request));
        }
        self.state.right_tab = RightTab::Review;
    }

    pub(super) fn review_request(&mut self, ctx: &egui::Context, request: ReviewRequest) {
        let Some(doc) = self.doc() else {
            self.review_refused("Open a project first.".to_owned());
            return;
        };
        match request {
            ReviewRequest::Next | ReviewRequest::Previous => {
                let forward = request == ReviewRequest::Next;
                // Coming from another tab, the queue starts at the selected claim when it is
                // waiting for review.
                let here = self.state.selected_claim.filter(|id| {
                    self.state.right_tab != RightTab::Review
                        && doc
                            .project
                            .claim(*id)
                            .is_some_and(|c| c.status.awaits_review())
                });
                let target =
                    here.or_else(|| step_queue(&doc.project, self.state.selected_claim, forward));
                match target {
                    Some(claim_id) => {
                        self.run_command(ctx, Command::JumpToClaim(claim_id));
                        self.state.right_tab = RightTab::Review;
                        self.state.review_message = None;
                    }
                    None => {
                        self.state.review_message = None;
                        self.info("Nothing left to review: no claim is ready for review.");
                    }
                }
            }
            ReviewRequest::Act(action) => self.review_act(ctx, action),
            ReviewRequest::TrustKey { name, key } => self.trust_key(&name, &key),
        }
    }

    /// The config folder with the signing key and trusted keys; refuses (saying what it was
    /// needed for) when there is none.
    fn review_config_dir(&mut self, needed_for: &str) -> Option<std::path::PathBuf> {
        let dir = self
            .state
            .config_dir
            .clone()
            .or_else(|| signing::config_dir().ok());
        if dir.is_none() {
            self.review_refused(format!(
                "No config folder for {needed_for}: set FACTCHECK_CONFIG_DIR"
            ));
        }
        dir
    }

    fn review_act(&mut self, ctx: &egui::Context, action: ReviewAction) {
        let Some(claim_id) = self.state.selected_claim else {
            self.review_refused("Choose a claim first (Next claim to review, F8).".to_owned());
            return;
        };
        let Some(dir) = self.review_config_dir("your signing key") else {
            return;
        };
        let done = match &action {
            ReviewAction::SignOff => "Signed off.",
            ReviewAction::SendBack(_) => "Sent back with your comment.",
            ReviewAction::Reopen(_) => "Reopened; the reason is recorded.",
            ReviewAction::Correct { .. } => {
                "Corrected; the correction waits for a second person's sign-off."
            }
        };
        let actor = self.state.actor().to_owned();
        let Some(doc) = self.doc() else { return };
        let edit = signing::review_edit(&doc.project, claim_id, action, &actor, &dir, Utc::now());
        match edit {
            Ok(edit) => {
                let now = ctx.input(|i| i.time);
                let Some(doc) = &mut self.state.doc else {
                    return;
                };
                match doc.apply(edit, &actor, None, now) {
                    Ok(()) => {
                        self.state.review_message = Some((done.to_owned(), false));
                        self.info(done);
                        if self.state.trust.own.is_none() {
                            // The first sign-off made this machine's key.
                            self.set_config_dir(dir);
                        }
                    }
                    Err(err) => self.review_refused(format!("refused: {err}")),
                }
            }
            Err(err) => self.review_refused(err.to_string()),
        }
    }

    fn trust_key(&mut self, name: &str, key: &str) {
        let Some(dir) = self.review_config_dir("trusted keys") else {
            return;
        };
        let mut store = self.state.trust.clone();
        let trusted = store
            .add(name, key)
            .and_then(|_| store.trust_fingerprint(&fingerprint(key)))
            .and_then(|_| store.save(&dir));
        match trusted {
            Ok(()) => {
                let text = format!("Trusted {name}'s key {}.", fingerprint(key));
                self.state.review_message = Some((text.clone(), false));
                self.info(text);
                self.set_config_dir(dir);
            }
            Err(err) => self.review_refused(err.to_string()),
        }
    }

    fn review_refused(&mut self, text: String) {
        self.state.review_message = Some((text.clone(), true));
        self.error(text);
    }

    /// Recompute the seals when the project or the trusted keys changed: at once for a few
    /// published claims, on a worker thread for more (an Ed25519 verification costs about
    /// 50 µs; a fully signed 10,000-claim project took 0.55 s, on every edit). Until the
    /// worker is done the previous seals are shown.
    pub(super) fn refresh_seals(&mut self, ctx: &egui::Context) {
        if let Some(doc) = &self.state.doc {
            let key = doc.generation();
            if self.derived.seals_key != Some(key) {
                self.derived.seals_key = Some(key);
                let project = Arc::clone(&doc.project);
                let trust = self.state.trust.clone();
                let verified = Arc::clone(&self.seal_checks.verified);
                let published = project.claims.iter().filter(|c| c.status.is_published());
                self.seal_checks.running.forget();
                if published.count() <= SEALS_CHECKED_INLINE {
                    self.state.seals = check_seals(&project, &trust, &verified);
                } else {
                    self.seal_checks
                        .running
                        .start(move || check_seals(&project, &trust, &verified));
                }
            }
        }
        self.finish_seal_check(ctx, false);
    }

    /// Show the seals of the running check when it is done (or, with `block`, wait for it:
    /// tests and scripts, through `wait_for_jobs`).
    pub(super) fn finish_seal_check(&mut self, ctx: &egui::Context, block: bool) {
        if let Some(seals) = self.seal_checks.running.finished(ctx, block) {
            self.state.seals = seals;
        }
    }
}

/// Published claims whose seals are checked within the frame (a few milliseconds at most).
const SEALS_CHECKED_INLINE: usize = 64;

/// The seal check running on a worker, and the signatures already seen to verify.
#[derive(Default)]
pub(super) struct SealChecks {
    verified: Arc<VerifiedSignatures>,
    running: super::worker::Worker<HashMap<ClaimId, SealStatus>>,
}

fn check_seals(
    project: &Project,
    trust: &TrustStore,
    verified: &VerifiedSignatures,
) -> HashMap<ClaimId, SealStatus> {
    project
        .claims
        .iter()
        .filter(|c| c.status.is_published())
        .map(|c| (c.id, verified.check_seal(project, c, trust)))
        .collect()
}
