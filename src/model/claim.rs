//! A claim: a marked span of the article, the research on it and its verdict.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::capture::Passage;
use super::ids::{ClaimId, CommentId, SourceId};
use super::review::{Reopening, Seal};

/// Where a claim is in the review workflow.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ClaimStatus {
    /// Marked, not started.
    #[default]
    ToDo,
    /// Being researched.
    Researching,
    /// Sent back by a reviewer with a comment.
    NeedsWork,
    /// Verdict written, waiting for a second person.
    ReadyForReview,
    /// Signed off by a reviewer other than the one who set the verdict.
    Reviewed,
    /// Published (signed off), then corrected: the correction waits for a second person's
    /// sign-off, and reports keep showing the signed-off verdict until then.
    CorrectionPending,
}

impl ClaimStatus {
    /// Every status, in workflow order.
    pub const ALL: [Self; 6] = [
        Self::ToDo,
        Self::Researching,
        Self::NeedsWork,
        Self::ReadyForReview,
        Self::Reviewed,
        Self::CorrectionPending,
    ];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::ToDo => "To do",
            Self::Researching => "Researching",
            Self::NeedsWork => "Needs work",
            Self::ReadyForReview => "Ready for review",
            Self::Reviewed => "Reviewed",
            Self::CorrectionPending => "Published, correction pending review",
        }
    }

    /// Whether the claim has been signed off and published: its reviewed content is locked
    /// and changes only through a correction or a reopening with a reason.
    #[must_use]
    pub fn is_published(self) -> bool {
        matches!(self, Self::Reviewed | Self::CorrectionPending)
    }

    /// Whether a reviewer has something to sign off (the reviewer's queue).
    #[must_use]
    pub fn awaits_review(self) -> bool {
        matches!(self, Self::ReadyForReview | Self::CorrectionPending)
    }
}

/// Whether the person or body who made a claim is a person or an organisation
/// (schema.org `Person` / `Organization`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimantKind {
    /// A person.
    #[default]
    Person,
    /// An organisation.
    Organization,
}

/// How a piece of evidence bears on a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// The source supports the claim.
    Supports,
    /// The source contradicts the claim.
    Contradicts,
    /// The source gives context.
    #[default]
    Context,
}

impl Stance {
    /// Every stance, in menu order.
    pub const ALL: [Self; 3] = [Self::Supports, Self::Contradicts, Self::Context];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Supports => "Supports",
            Self::Contradicts => "Contradicts",
            Self::Context => "Context",
        }
    }
}

/// A source cited for a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The cited source in the project's library.
    pub source: SourceId,
    /// How it bears on the claim.
    #[serde(default)]
    pub stance: Stance,
    /// The passage of the source that matters.
    #[serde(default, skip_serializing_if = "super::omit_empty::string")]
    pub quote: String,
    /// The checker's note.
    #[serde(default, skip_serializing_if = "super::omit_empty::string")]
    pub note: String,
    /// Where the quote is in a capture of the source, when it was quoted from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<Passage>,
}

/// A comment in a claim's review thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Stable id (comments from two copies are unioned by id).
    pub id: CommentId,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it says.
    pub text: String,
    /// Whether the point was dealt with.
    #[serde(default, skip_serializing_if = "super::omit_empty::flag")]
    pub resolved: bool,
}

/// A correction of a reviewed verdict (IFCN principle 5: open corrections).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// When the correction was made.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: String,
    /// Verdict label id before.
    pub old_verdict: Option<String>,
    /// Verdict label id after.
    pub new_verdict: Option<String>,
    /// Why.
    pub reason: String,
}

/// One line of a claim's history: who changed which field, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the reviewer name in preferences or `--reviewer`).
    pub by: String,
    /// Which field, or what happened (`"verdict"`, `"created"`).
    pub what: String,
}

/// A claim marked in the article.
///
/// In a project file, fields that are still empty (no tags, no comments, no dates, …) are left
/// out and read back as their defaults (see [`omitting_empty_fields`](super::omitting_empty_fields)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// Where it is in the article.
    pub anchor: Anchor,
    /// The anchor no longer fits the text (kept with all its work, re-attachable).
    #[serde(skip_serializing_if = "super::omit_empty::flag")]
    pub orphan: bool,
    /// The claim as the checker states it (defaults to the quote).
    pub statement: String,
    /// Who made the claim.
    pub claimant: String,
    /// Whether the claimant is a person or an organisation.
    pub claimant_kind: ClaimantKind,
    /// When the claim was made.
    #[serde(skip_serializing_if = "super::omit_empty::option")]
    pub date: Option<NaiveDate>,
    /// Where it appeared: a URL or a description ("Twitter").
    #[serde(skip_serializing_if = "super::omit_empty::string")]
    pub appearance: String,
    /// Free tags.
    #[serde(skip_serializing_if = "super::omit_empty::list")]
    pub tags: Vec<String>,
    /// Review workflow status.
    pub status: ClaimStatus,
    /// Verdict label id on the project's scale.
    pub verdict: Option<String>,
    /// Who set the current verdict (a claim is reviewed only by someone else).
    #[serde(skip_serializing_if = "super::omit_empty::option")]
    pub verdict_by: Option<String>,
    /// Who signed it off.
    #[serde(skip_serializing_if = "super::omit_empty::option")]
    pub reviewed_by: Option<String>,
    /// The written conclusion.
    #[serde(skip_serializing_if = "super::omit_empty::string")]
    pub conclusion: String,
    /// How we checked (methodology).
    #[serde(skip_serializing_if = "super::omit_empty::string")]
    pub methodology: String,
    /// Sources cited.
    #[serde(skip_serializing_if = "super::omit_empty::list")]
    pub evidence: Vec<Evidence>,
    /// Review thread.
    #[serde(skip_serializing_if = "super::omit_empty::list")]
    pub comments: Vec<Comment>,
    /// Corrections of a reviewed verdict.
    #[serde(skip_serializing_if = "super::omit_empty::list")]
    pub revisions: Vec<Revision>,
    /// Compact change history.
    #[serde(skip_serializing_if = "super::omit_empty::list")]
    pub history: Vec<HistoryEntry>,
    /// When it was marked.
    #[serde(skip_serializing_if = "super::omit_empty::option")]
    pub created: Option<DateTime<Utc>>,
    /// When it last changed.
    #[serde(skip_serializing_if = "super::omit_empty::option")]
    pub modified: Option<DateTime<Utc>>,
    /// The signed sign-off (absent in files from before signing, and until a sign-off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
    /// Why and by whom a published claim was reopened; later verdict changes are recorded as
    /// revisions with this reason until the claim is signed off again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reopened: Option<Reopening>,
}

impl Default for Claim {
    fn default() -> Self {
        Self {
            id: ClaimId::new_random(),
            anchor: Anchor::default(),
            orphan: false,
            statement: String::new(),
            claimant: String::new(),
            claimant_kind: ClaimantKind::default(),
            date: None,
            appearance: String::new(),
            tags: Vec::new(),
            status: ClaimStatus::default(),
            verdict: None,
            verdict_by: None,
            reviewed_by: None,
            conclusion: String::new(),
            methodology: String::new(),
            evidence: Vec::new(),
            comments: Vec::new(),
            revisions: Vec::new(),
            history: Vec::new(),
            created: None,
            modified: None,
            seal: None,
            reopened: None,
        }
    }
}

impl Claim {
    /// A new claim on `anchor`, its statement defaulting to the quote.
    #[must_use]
    pub fn new(anchor: Anchor) -> Self {
        Self {
            statement: anchor.quote.clone(),
            anchor,
            ..Self::default()
        }
    }

    /// The statement, or the quote when the statement is empty.
    #[must_use]
    pub fn statement_or_quote(&self) -> &str {
        if self.statement.trim().is_empty() {
            &self.anchor.quote
        } else {
            &self.statement
        }
    }

    /// The verdict readers of a report see: while a correction waits for review, the
    /// signed-off verdict it would replace; otherwise the current verdict.
    #[must_use]
    pub fn published_verdict(&self) -> Option<&str> {
        match (self.status, self.revisions.last()) {
            (ClaimStatus::CorrectionPending, Some(pending)) => pending.old_verdict.as_deref(),
            _ => self.verdict.as_deref(),
        }
    }

    /// Whether the claim cites `source_id`.
    #[must_use]
    pub fn cites(&self, source_id: SourceId) -> bool {
        self.evidence.iter().any(|e| e.source == source_id)
    }
}

/// Shorten `text` to at most `max_chars` chars on one line, with "…" when cut.
#[must_use]
pub fn snippet(text: &str, max_chars: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        one_line
    } else {
        let cut: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_collapses_whitespace_and_cuts_on_chars() {
        assert_eq!(snippet("a\n  b", 10), "a b");
        assert_eq!(snippet("日本語のテキスト", 4), "日本語…");
    }

    #[test]
    fn statement_defaults_to_quote() {
        let claim = Claim::new(Anchor {
            quote: "the quote".into(),
            ..Anchor::default()
        });
        assert_eq!(claim.statement_or_quote(), "the quote");
    }
}
