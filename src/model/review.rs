//! The review rules in one place, and the review records kept with a claim (seal, reopening,
//! reviewer keys).
//!
//! The rules, as enforced by [`Project::apply`](super::Project::apply), the conflict
//! resolution of a merge and the merge itself:
//! - a verdict has a named author (`verdict_by`);
//! - a sign-off needs a named person other than the verdict's author ([`check_sign_off`] is
//!   the only place that decides this);
//! - once signed off, what was reviewed is locked: the verdict changes only through a
//!   correction (a [`Revision`] with who, when and why), and the claim is reopened only with a
//!   reason, which is recorded; verdict changes after a reopening are revisions too;
//! - a corrected verdict waits for a second person's sign-off
//!   ([`ClaimStatus::CorrectionPending`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::claim::{Claim, ClaimStatus, Revision};
use super::edit::EditError;

/// A signed sign-off: who signed which digest of the reviewed claim, with which key.
///
/// The signature covers [`Seal::message`]: the claim id, the reviewer's name, the time and the
/// digest of each reviewed field, so a later change names the fields that changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// The reviewer's display name.
    pub by: String,
    /// The reviewer's Ed25519 public key, 64 hex digits.
    pub key: String,
    /// When the claim was signed off.
    pub at: DateTime<Utc>,
    /// SHA-256 (hex) of each reviewed field's canonical form, by field name.
    pub fields: Vec<SealedField>,
    /// Ed25519 signature of [`Seal::message`], 128 hex digits.
    pub signature: String,
}

/// The digest of one reviewed field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedField {
    /// The field's name (`"conclusion"`, `"evidence"`, ...).
    pub field: String,
    /// SHA-256 of its canonical form, hex.
    pub sha256: String,
}

impl Seal {
    /// The exact bytes that are signed for a claim with id `claim_id`.
    #[must_use]
    pub fn message(&self, claim_id: &str) -> Vec<u8> {
        signed_message(claim_id, &self.by, &self.key, self.at, &self.fields)
    }
}

/// The bytes an Ed25519 sign-off signs: a versioned header, then one line per item.
#[must_use]
pub fn signed_message(
    claim_id: &str,
    by: &str,
    key: &str,
    at: DateTime<Utc>,
    fields: &[SealedField],
) -> Vec<u8> {
    let mut out = String::from("factcheck sign-off v1\n");
    for (name, value) in [
        ("claim", claim_id),
        ("by", by),
        ("key", key),
        ("at", &at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    ] {
        out.push_str(&format!("{name} {}:{value}\n", value.len()));
    }
    for f in fields {
        out.push_str(&format!(
            "field {}:{} {}\n",
            f.field.len(),
            f.field,
            f.sha256
        ));
    }
    out.into_bytes()
}

/// A published claim was reopened: by whom, when and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
    /// Why (also written in the comment thread).
    pub reason: String,
}

/// A reviewer known to the project: display name and Ed25519 public key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReviewerKey {
    /// Display name, as in `reviewed_by`.
    pub name: String,
    /// Ed25519 public key, 64 hex digits.
    pub key: String,
}

/// Whether `name` names someone (not empty or blank).
#[must_use]
pub fn is_named(name: &str) -> bool {
    !name.trim().is_empty()
}

/// Whether two names are the same person (trimmed, ASCII case-insensitive).
#[must_use]
pub fn same_person(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Refuse a verdict without a named author.
pub fn check_verdict_author(actor: &str) -> Result<(), EditError> {
    if is_named(actor) {
        Ok(())
    } else {
        Err(EditError::AnonymousVerdict)
    }
}

/// The one check for a sign-off: there is something to review, the verdict has a named
/// author, and `reviewer` is a named person other than that author.
pub fn check_sign_off(
    claim: &Claim,
    reviewer: &str,
    conclusion_only: bool,
) -> Result<(), EditError> {
    let has_verdict = if conclusion_only {
        !claim.conclusion.trim().is_empty()
    } else {
        claim.verdict.is_some()
    };
    if !has_verdict {
        return Err(EditError::NothingToReview);
    }
    if !is_named(reviewer) {
        return Err(EditError::AnonymousReview);
    }
    let author = claim.verdict_by.as_deref().unwrap_or_default();
    if !is_named(author) {
        return Err(EditError::UnnamedVerdictAuthor);
    }
    if same_person(author, reviewer) {
        return Err(EditError::SelfReview {
            name: author.to_owned(),
        });
    }
    Ok(())
}

/// Whether two copies of a claim say the same in everything a sign-off covers (and name the
/// same verdict author), so a sign-off of one holds for the other.
#[must_use]
pub fn same_reviewed_content(a: &Claim, b: &Claim) -> bool {
    a.anchor.quote == b.anchor.quote
        && a.anchor.prefix == b.anchor.prefix
        && a.anchor.suffix == b.anchor.suffix
        && a.statement == b.statement
        && a.claimant == b.claimant
        && a.verdict == b.verdict
        && a.verdict_by == b.verdict_by
        && a.conclusion == b.conclusion
        && a.methodology == b.methodology
        && a.evidence == b.evidence
}

/// Whether a claim's review state keeps the rules: a verdict has a named author; a reviewed
/// claim is signed off by a named person other than that author; a correction pending review
/// has its revision, by the verdict's author, and no sign-off yet. `None` when it does,
/// otherwise which rule is broken.
#[must_use]
pub fn broken_rule(claim: &Claim, conclusion_only: bool) -> Option<&'static str> {
    let author = claim.verdict_by.as_deref().unwrap_or_default();
    let has_verdict = if conclusion_only {
        !claim.conclusion.trim().is_empty()
    } else {
        claim.verdict.is_some()
    };
    if claim.verdict.is_some() && !is_named(author) {
        return Some("a verdict has a named author");
    }
    match claim.status {
        ClaimStatus::Reviewed => {
            let reviewer = claim.reviewed_by.as_deref().unwrap_or_default();
            if !has_verdict || !is_named(reviewer) || !is_named(author) {
                return Some("a sign-off names its reviewer and a verdict author");
            }
            if same_person(author, reviewer) {
                return Some("a sign-off needs a different named person");
            }
        }
        ClaimStatus::CorrectionPending => {
            let by_author = claim
                .revisions
                .last()
                .is_some_and(|r| same_person(&r.by, author) && is_named(author));
            if !by_author || claim.reviewed_by.is_some() {
                return Some("a corrected verdict waits for a second person's sign-off");
            }
        }
        _ => {}
    }
    None
}

/// Mark `claim` signed off by `reviewer` (after [`check_sign_off`]).
pub(crate) fn sign_off(claim: &mut Claim, reviewer: &str, seal: Option<Seal>) {
    claim.status = ClaimStatus::Reviewed;
    claim.reviewed_by = Some(reviewer.to_owned());
    claim.seal = seal;
    claim.reopened = None;
}

/// Record a verdict change on a claim that was reopened after publication as a revision.
pub(crate) fn record_reopened_change(
    claim: &mut Claim,
    new_verdict: Option<&String>,
    actor: &str,
    now: DateTime<Utc>,
) {
    if claim.verdict.as_ref() == new_verdict {
        return;
    }
    if let Some(reopened) = &claim.reopened {
        claim.revisions.push(Revision {
            at: now,
            by: actor.to_owned(),
            old_verdict: claim.verdict.clone(),
            new_verdict: new_verdict.cloned(),
            reason: reopened.reason.clone(),
        });
    }
}

/// Check a change made to a claim outside [`Project::apply`](super::Project::apply)'s field
/// edits (a merge conflict decided in the merge view) against the rules, and record it:
/// signed-off content stays locked, a sign-off is made in person, and a verdict changed after
/// a reopening becomes a revision.
pub(crate) fn guard_change(
    before: &Claim,
    after: &mut Claim,
    actor: &str,
    conclusion_only: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    if before.status.is_published()
        && (!same_reviewed_content(before, after) || before.status != after.status)
    {
        return Err(EditError::VerdictLocked);
    }
    if after.status.is_published() && !before.status.is_published() {
        return Err(EditError::SignOffInPerson);
    }
    if after.verdict.is_some() && after.verdict != before.verdict {
        check_verdict_author(actor)?;
        if !after.verdict_by.as_deref().is_some_and(is_named) {
            after.verdict_by = Some(actor.to_owned());
        }
        let verdict = after.verdict.clone();
        let mut recorded = before.clone();
        record_reopened_change(&mut recorded, verdict.as_ref(), actor, now);
        after.revisions = recorded.revisions;
    }
    if let Some(rule) = broken_rule(after, conclusion_only) {
        return Err(EditError::Rule(rule));
    }
    Ok(())
}

/// A reviewer's decision on a claim (the review queue in the app, `factcheck review`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    /// Sign the claim off.
    SignOff,
    /// Send it back to its author with a comment.
    SendBack(String),
    /// Reopen a signed-off claim with a reason.
    Reopen(String),
    /// Correct a signed-off verdict.
    Correct {
        /// The new verdict: a label id or its text.
        label: String,
        /// Why.
        reason: String,
    },
}

/// Claims waiting for a reviewer (ready for review, or a correction pending review), in
/// article order.
#[must_use]
pub fn review_queue(project: &super::Project) -> Vec<super::ClaimId> {
    project
        .claims
        .iter()
        .filter(|c| c.status.awaits_review())
        .map(|c| c.id)
        .collect()
}

/// The claim after (`forward`) or before `current` in the review queue, wrapping around;
/// the first (or last) when `current` is not in the queue.
#[must_use]
pub fn step_queue(
    project: &super::Project,
    current: Option<super::ClaimId>,
    forward: bool,
) -> Option<super::ClaimId> {
    let queue = review_queue(project);
    if queue.is_empty() {
        return None;
    }
    // Position of the current claim in article order, so "next" continues from where the
    // reviewer is even when the current claim just left the queue.
    let at = current.and_then(|id| project.claims.iter().position(|c| c.id == id));
    let order = |id: &super::ClaimId| project.claims.iter().position(|c| c.id == *id);
    let pick = match (at, forward) {
        (None, true) => queue.first(),
        (None, false) => queue.last(),
        (Some(at), true) => queue
            .iter()
            .find(|id| order(id).is_some_and(|o| o > at))
            .or(queue.first()),
        (Some(at), false) => queue
            .iter()
            .rev()
            .find(|id| order(id).is_some_and(|o| o < at))
            .or(queue.last()),
    };
    pick.copied()
}

/// What a reviewer asked for in the review queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewRequest {
    /// Go to the next claim waiting for review.
    Next,
    /// Go to the previous claim waiting for review.
    Previous,
    /// Decide on the current claim.
    Act(ReviewAction),
    /// Trust the key a seal was made with (after checking its fingerprint).
    TrustKey {
        /// The name the seal gives.
        name: String,
        /// The public key, hex.
        key: String,
    },
}
