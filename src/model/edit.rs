//! Every change to a project, as data, applied in one place.
//!
//! The GUI (through `app::Command`) and the CLI both change projects only through
//! [`Project::apply`], which enforces the review rules and stamps each change into the claim's
//! history. Keeping edits as data is also what makes undo and tests simple.

use chrono::{DateTime, NaiveDate, Utc};

use super::anchor::Anchor;
use super::claim::{Claim, ClaimStatus, ClaimantKind, Comment, Evidence, HistoryEntry, Revision};
use super::conflict::{ConflictId, Resolution};
use super::ids::{ClaimId, CommentId, SourceId};
use super::project::{ArticleMeta, Project, Publishing};
use super::review::{
    Reopening, ReviewerKey, Seal, check_sign_off, check_verdict_author, record_reopened_change,
    same_person, sign_off,
};
use super::scale::RatingScale;
use super::source::Source;

/// A change to one field of a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimChange {
    /// The claim as stated by the checker.
    Statement(String),
    /// Who made it.
    Claimant(String),
    /// Person or organisation.
    ClaimantKind(ClaimantKind),
    /// When it was made.
    Date(Option<NaiveDate>),
    /// Where it appeared.
    Appearance(String),
    /// Tags.
    Tags(Vec<String>),
    /// Workflow status. Setting [`ClaimStatus::Reviewed`] is an unsigned sign-off (same rules
    /// as [`Edit::SignOff`]); a published claim leaves that state only through
    /// [`Edit::Reopen`].
    Status(ClaimStatus),
    /// Verdict label id (locked once reviewed; use [`Edit::CorrectVerdict`]).
    Verdict(Option<String>),
    /// Written conclusion.
    Conclusion(String),
    /// How we checked.
    Methodology(String),
    /// Cited sources.
    Evidence(Vec<Evidence>),
}

impl ClaimChange {
    /// Name of the field, as recorded in history.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Self::Statement(_) => "statement",
            Self::Claimant(_) => "claimant",
            Self::ClaimantKind(_) => "claimant kind",
            Self::Date(_) => "date",
            Self::Appearance(_) => "appearance",
            Self::Tags(_) => "tags",
            Self::Status(_) => "status",
            Self::Verdict(_) => "verdict",
            Self::Conclusion(_) => "conclusion",
            Self::Methodology(_) => "methodology",
            Self::Evidence(_) => "evidence",
        }
    }
}

/// A change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a claim (kept in article order).
    AddClaim(Box<Claim>),
    /// Delete a claim.
    DeleteClaim(ClaimId),
    /// Change one field of a claim.
    UpdateClaim {
        /// Which claim.
        claim_id: ClaimId,
        /// What changes.
        change: ClaimChange,
    },
    /// Attach a claim (typically an orphan) to a new span.
    Reanchor {
        /// Which claim.
        claim_id: ClaimId,
        /// Its new place.
        anchor: Anchor,
    },
    /// Change a reviewed claim's verdict, keeping a revision with the reason.
    CorrectVerdict {
        /// Which claim.
        claim_id: ClaimId,
        /// New verdict label id.
        verdict: Option<String>,
        /// Why (published with the report).
        reason: String,
    },
    /// Sign off a claim: a named person other than the verdict's author approves it, with a
    /// signature when the reviewer has a signing key (see `signing`).
    SignOff {
        /// Which claim.
        claim_id: ClaimId,
        /// The signed seal over the claim as reviewed; `None` for an unsigned sign-off.
        seal: Option<Box<Seal>>,
    },
    /// Reopen a published claim, with a reason that is recorded.
    Reopen {
        /// Which claim.
        claim_id: ClaimId,
        /// Why (written in the comment thread and in later revisions).
        reason: String,
    },
    /// Send a claim back to its author with a comment ("needs work"); on a published claim
    /// this reopens it, the comment being the reason.
    RequestChanges {
        /// Which claim.
        claim_id: ClaimId,
        /// What needs doing.
        comment: String,
    },
    /// Add a comment to a claim's thread.
    AddComment {
        /// Which claim.
        claim_id: ClaimId,
        /// The comment text.
        text: String,
    },
    /// Mark a comment resolved or not.
    ResolveComment {
        /// Which claim.
        claim_id: ClaimId,
        /// Which comment.
        comment_id: CommentId,
        /// Resolved or reopened.
        resolved: bool,
    },
    /// Add a source to the library.
    AddSource(Box<Source>),
    /// Replace a source (same id).
    UpdateSource(Box<Source>),
    /// Delete a source and every citation of it.
    DeleteSource(SourceId),
    /// Change the article's metadata.
    SetArticleMeta(ArticleMeta),
    /// Change the rating scale.
    SetScale(RatingScale),
    /// Change publishing settings.
    SetPublishing(Publishing),
    /// Decide a merge conflict: apply the chosen value and remove the conflict.
    ResolveConflict {
        /// Which conflict.
        conflict_id: ConflictId,
        /// What to keep.
        resolution: Resolution,
    },
}

/// Why an edit was refused. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No claim with that id.
    #[error("there is no claim with id {0}")]
    NoSuchClaim(ClaimId),
    /// No source with that id.
    #[error("there is no source with id {0}")]
    NoSuchSource(SourceId),
    /// No comment with that id.
    #[error("there is no comment with id {0}")]
    NoSuchComment(CommentId),
    /// A claim with that id exists already.
    #[error("a claim with id {0} exists already")]
    DuplicateClaim(ClaimId),
    /// A source with that id exists already.
    #[error("a source with id {0} exists already")]
    DuplicateSource(SourceId),
    /// The verdict is not on the scale.
    #[error("{0:?} is not a verdict on this project's scale")]
    UnknownVerdict(String),
    /// The verdict author tried to sign off their own verdict.
    #[error(
        "{name} set this verdict, so someone else has to review it (rule: a sign-off needs a different named person)"
    )]
    SelfReview {
        /// The verdict's author.
        name: String,
    },
    /// Signing off needs a reviewer name.
    #[error(
        "set your reviewer name first: a sign-off records who reviewed the claim (rule: a sign-off needs a different named person)"
    )]
    AnonymousReview,
    /// A verdict was set without a name.
    #[error(
        "set your reviewer name first: a verdict records who set it (rule: a verdict has a named author)"
    )]
    AnonymousVerdict,
    /// The verdict to sign off has no named author (an older file).
    #[error(
        "this verdict has no named author, so no one can tell whether a second person reviewed it; set the verdict again under your name and ask a colleague to sign off (rule: a verdict has a named author)"
    )]
    UnnamedVerdictAuthor,
    /// Nothing to sign off.
    #[error("this claim has no verdict or conclusion yet, so there is nothing to review")]
    NothingToReview,
    /// What a sign-off covers was changed directly on a published claim.
    #[error(
        "the claim is signed off, so what was reviewed is locked; reopen the claim with a reason or correct the verdict (rule: every change to a signed-off verdict is a recorded revision)"
    )]
    VerdictLocked,
    /// A correction was attempted on a claim that is not reviewed.
    #[error("only a reviewed claim's verdict is corrected; change the verdict directly instead")]
    NotReviewed,
    /// A correction was attempted while another waits for review.
    #[error(
        "a correction of this verdict is already waiting for review; sign it off, or reopen the claim with a reason (rule: a corrected verdict needs a second person's sign-off)"
    )]
    CorrectionPending,
    /// A published claim was moved to another status without a reason.
    #[error(
        "a signed-off claim is reopened only with a reason, which is recorded (rule: reopening a reviewed claim needs a reason)"
    )]
    ReopenNeedsReason,
    /// Reopen was asked of a claim that is not published.
    #[error("only a signed-off claim is reopened; this one is not signed off")]
    NotPublished,
    /// Only a correction makes a claim "correction pending review".
    #[error(
        "a claim waits for review of a correction only after a correction; use Correct verdict"
    )]
    CorrectionOnly,
    /// A sign-off was made through a merge decision instead of by the reviewer.
    #[error(
        "a sign-off is made by the reviewer in person: decide the status, then sign the claim off (rule: a sign-off needs a different named person)"
    )]
    SignOffInPerson,
    /// The seal was made by someone else than the person signing off.
    #[error("the signature was made for {seal_by}, not for {actor}")]
    SealNotByActor {
        /// Who the seal names.
        seal_by: String,
        /// Who signs off.
        actor: String,
    },
    /// A change would break a review rule.
    #[error("refused (rule: {0})")]
    Rule(&'static str),
    /// A required text was empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// No conflict with that id (already resolved?).
    #[error("there is no unresolved conflict with id {0}")]
    NoSuchConflict(ConflictId),
    /// A value typed to resolve a conflict could not be read.
    #[error("{value:?} is not a valid {field}: expected {expected}")]
    BadValue {
        /// The field.
        field: &'static str,
        /// What was typed.
        value: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// A conflict value does not belong to the field (a damaged project file).
    #[error("the value {value} does not fit the field {field}")]
    WrongValueKind {
        /// The field.
        field: &'static str,
        /// The value, shortened.
        value: String,
    },
    /// This field cannot be typed in; keep one side's value instead.
    #[error("the {0} cannot be typed in; keep ours or take theirs")]
    NotTypedValue(&'static str),
}

/// Two history entries for the same field by the same person closer than this are one entry.
const HISTORY_COALESCE_SECS: i64 = 600;

impl Project {
    /// Apply `edit` on behalf of `actor` at time `now`. Refused edits leave the project as it
    /// was and say why.
    pub fn apply(&mut self, edit: Edit, actor: &str, now: DateTime<Utc>) -> Result<(), EditError> {
        match edit {
            Edit::AddClaim(mut claim) => {
                if self.claim(claim.id).is_some() {
                    return Err(EditError::DuplicateClaim(claim.id));
                }
                claim.created.get_or_insert(now);
                claim.modified = Some(now);
                if claim.history.is_empty() {
                    record(&mut claim, actor, now, "created");
                }
                let key = (claim.orphan, claim.anchor.start, claim.anchor.end, claim.id);
                let at = self
                    .claims
                    .partition_point(|c| (c.orphan, c.anchor.start, c.anchor.end, c.id) < key);
                self.claims.insert(at, *claim);
            }
            Edit::DeleteClaim(claim_id) => {
                let at = self.claim_position(claim_id)?;
                self.claims.remove(at);
            }
            Edit::UpdateClaim {
                claim_id,
                change: ClaimChange::Status(ClaimStatus::Reviewed),
            } if self
                .claim(claim_id)
                .is_some_and(|c| c.status != ClaimStatus::Reviewed) =>
            {
                return self.apply(
                    Edit::SignOff {
                        claim_id,
                        seal: None,
                    },
                    actor,
                    now,
                );
            }
            Edit::UpdateClaim { claim_id, change } => {
                let scale = self.scale.clone();
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                update_claim(claim, change, &scale, actor, now)?;
            }
            Edit::Reanchor { claim_id, anchor } => {
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                claim.anchor = anchor;
                claim.orphan = false;
                record(claim, actor, now, "span");
                self.sort_claims();
            }
            Edit::CorrectVerdict {
                claim_id,
                verdict,
                reason,
            } => {
                if reason.trim().is_empty() {
                    return Err(EditError::Empty("the reason for a correction"));
                }
                check_verdict_author(actor)?;
                check_verdict(&self.scale, verdict.as_deref())?;
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                match claim.status {
                    ClaimStatus::Reviewed => {}
                    ClaimStatus::CorrectionPending => return Err(EditError::CorrectionPending),
                    _ => return Err(EditError::NotReviewed),
                }
                claim.revisions.push(Revision {
                    at: now,
                    by: actor.to_owned(),
                    old_verdict: claim.verdict.clone(),
                    new_verdict: verdict.clone(),
                    reason,
                });
                claim.verdict = verdict;
                claim.verdict_by = Some(actor.to_owned());
                // The old seal still covers what readers see until the correction is signed off.
                claim.status = ClaimStatus::CorrectionPending;
                claim.reviewed_by = None;
                record(claim, actor, now, "verdict corrected");
            }
            Edit::SignOff { claim_id, seal } => {
                let conclusion_only = self.scale.is_conclusion_only();
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                if claim.status == ClaimStatus::Reviewed {
                    return Err(EditError::VerdictLocked);
                }
                check_sign_off(claim, actor, conclusion_only)?;
                if let Some(seal) = &seal
                    && !same_person(&seal.by, actor)
                {
                    return Err(EditError::SealNotByActor {
                        seal_by: seal.by.clone(),
                        actor: actor.to_owned(),
                    });
                }
                let key = seal.as_ref().map(|s| ReviewerKey {
                    name: s.by.clone(),
                    key: s.key.clone(),
                });
                sign_off(claim, actor, seal.map(|s| *s));
                record(claim, actor, now, "signed off");
                if let Some(key) = key
                    && !self.reviewers.contains(&key)
                {
                    self.reviewers.push(key);
                    self.reviewers.sort();
                }
            }
            Edit::Reopen { claim_id, reason } => {
                if reason.trim().is_empty() {
                    return Err(EditError::ReopenNeedsReason);
                }
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                if !claim.status.is_published() {
                    return Err(EditError::NotPublished);
                }
                reopen(claim, &reason, actor, now, "Reopened");
                record(claim, actor, now, "reopened");
            }
            Edit::RequestChanges { claim_id, comment } => {
                if comment.trim().is_empty() {
                    return Err(EditError::Empty("the comment saying what needs work"));
                }
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                if claim.status.is_published() {
                    reopen(claim, &comment, actor, now, "Sent back");
                } else {
                    claim.comments.push(Comment {
                        id: CommentId::new_random(),
                        author: actor.to_owned(),
                        at: now,
                        text: comment,
                        resolved: false,
                    });
                    claim.status = ClaimStatus::NeedsWork;
                    claim.reviewed_by = None;
                }
                record(claim, actor, now, "sent back: needs work");
            }
            Edit::AddComment { claim_id, text } => {
                if text.trim().is_empty() {
                    return Err(EditError::Empty("a comment"));
                }
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                claim.comments.push(Comment {
                    id: CommentId::new_random(),
                    author: actor.to_owned(),
                    at: now,
                    text,
                    resolved: false,
                });
                claim.modified = Some(now);
            }
            Edit::ResolveComment {
                claim_id,
                comment_id,
                resolved,
            } => {
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                let comment = claim
                    .comments
                    .iter_mut()
                    .find(|c| c.id == comment_id)
                    .ok_or(EditError::NoSuchComment(comment_id))?;
                comment.resolved = resolved;
                claim.modified = Some(now);
            }
            Edit::AddSource(source) => {
                if self.source(source.id).is_some() {
                    return Err(EditError::DuplicateSource(source.id));
                }
                self.sources.push(*source);
            }
            Edit::UpdateSource(source) => {
                let slot = self
                    .sources
                    .iter_mut()
                    .find(|s| s.id == source.id)
                    .ok_or(EditError::NoSuchSource(source.id))?;
                *slot = *source;
            }
            Edit::DeleteSource(source_id) => {
                let at = self
                    .sources
                    .iter()
                    .position(|s| s.id == source_id)
                    .ok_or(EditError::NoSuchSource(source_id))?;
                self.sources.remove(at);
                for claim in &mut self.claims {
                    if claim.cites(source_id) {
                        claim.evidence.retain(|e| e.source != source_id);
                        record(claim, actor, now, "evidence");
                    }
                }
            }
            Edit::SetArticleMeta(meta) => self.article.meta = meta,
            Edit::SetScale(scale) => self.scale = scale,
            Edit::SetPublishing(publishing) => self.publishing = publishing,
            Edit::ResolveConflict {
                conflict_id,
                resolution,
            } => self.resolve_conflict(conflict_id, &resolution, actor, now)?,
        }
        Ok(())
    }

    fn claim_position(&self, claim_id: ClaimId) -> Result<usize, EditError> {
        self.claims
            .iter()
            .position(|c| c.id == claim_id)
            .ok_or(EditError::NoSuchClaim(claim_id))
    }
}

fn check_verdict(scale: &RatingScale, verdict: Option<&str>) -> Result<(), EditError> {
    match verdict {
        Some(v) if scale.label(v).is_none() => Err(EditError::UnknownVerdict(v.to_owned())),
        _ => Ok(()),
    }
}

fn update_claim(
    claim: &mut Claim,
    change: ClaimChange,
    scale: &RatingScale,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let field = change.field();
    let published = claim.status.is_published();
    match change {
        ClaimChange::Statement(_)
        | ClaimChange::Claimant(_)
        | ClaimChange::Verdict(_)
        | ClaimChange::Conclusion(_)
        | ClaimChange::Methodology(_)
        | ClaimChange::Evidence(_)
            if published =>
        {
            return Err(EditError::VerdictLocked);
        }
        ClaimChange::Statement(v) => claim.statement = v,
        ClaimChange::Claimant(v) => claim.claimant = v,
        ClaimChange::ClaimantKind(v) => claim.claimant_kind = v,
        ClaimChange::Date(v) => claim.date = v,
        ClaimChange::Appearance(v) => claim.appearance = v,
        ClaimChange::Tags(v) => claim.tags = v,
        ClaimChange::Conclusion(v) => {
            if scale.is_conclusion_only() {
                check_verdict_author(actor)?;
                claim.verdict_by = Some(actor.to_owned());
            }
            claim.conclusion = v;
        }
        ClaimChange::Methodology(v) => claim.methodology = v,
        ClaimChange::Evidence(v) => claim.evidence = v,
        ClaimChange::Verdict(v) => {
            check_verdict(scale, v.as_deref())?;
            if v.is_some() {
                check_verdict_author(actor)?;
            }
            record_reopened_change(claim, v.as_ref(), actor, now);
            claim.verdict_by = v.as_ref().map(|_| actor.to_owned());
            claim.verdict = v;
        }
        ClaimChange::Status(status) => {
            if status == claim.status {
                return Ok(());
            }
            if published {
                return Err(EditError::ReopenNeedsReason);
            }
            if status.is_published() {
                // Reviewed goes through Edit::SignOff (see Project::apply).
                return Err(EditError::CorrectionOnly);
            }
            claim.reviewed_by = None;
            claim.status = status;
        }
    }
    record(claim, actor, now, field);
    Ok(())
}

/// Reopen a published claim: the reason goes into the thread and into later revisions.
fn reopen(claim: &mut Claim, reason: &str, actor: &str, now: DateTime<Utc>, what: &str) {
    claim.comments.push(Comment {
        id: CommentId::new_random(),
        author: actor.to_owned(),
        at: now,
        text: format!("{what}: {reason}"),
        resolved: false,
    });
    claim.reopened = Some(Reopening {
        at: now,
        by: actor.to_owned(),
        reason: reason.to_owned(),
    });
    claim.status = ClaimStatus::NeedsWork;
    claim.reviewed_by = None;
    claim.seal = None;
}

/// Stamp a change into the claim's history, folding repeated edits of one field by one person.
fn record(claim: &mut Claim, actor: &str, now: DateTime<Utc>, what: &str) {
    claim.modified = Some(now);
    if let Some(last) = claim.history.last_mut()
        && last.by == actor
        && last.what == what
        && (now - last.at).num_seconds() < HISTORY_COALESCE_SECS
    {
        last.at = now;
        return;
    }
    claim.history.push(HistoryEntry {
        at: now,
        by: actor.to_owned(),
        what: what.to_owned(),
    });
}
