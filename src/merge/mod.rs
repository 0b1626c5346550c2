//! Merging two reviewers' copies of a project, comparing them, and measuring how much the
//! reviewers agree.
//!
//! - [`merge`]: a three-way merge when the common ancestor is known, a two-way merge
//!   otherwise. Claims and sources match by id; claims marked independently on the same text
//!   are aligned by anchor overlap ([`align`]). A field changed on one side only takes that
//!   side; comments, revisions, history and sources are unioned; a field changed differently on
//!   both sides, or a claim deleted on one side and edited on the other, becomes a
//!   [`Conflict`](crate::model::Conflict) recorded in the merged project. Nothing is lost.
//! - [`diff`]: what changed between two project files, as a readable summary.
//! - [`Agreement`]: percent agreement and Cohen's kappa on the verdicts of claims both rated.
//!
//! See `docs/merging.md` for the rules in plain words.

pub mod agreement;
pub mod align;
mod diff;
mod engine;

pub use agreement::Agreement;
pub use diff::{ChangedClaim, ChangedSource, ProjectDiff, diff};
pub use engine::{MergeOptions, merge, merge_with};

use crate::model::{Claim, ClaimId};

/// The result of a merge.
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    /// The merged project; conflicts are recorded in `project.conflicts`, and until they are
    /// resolved it holds our value for each.
    pub project: crate::model::Project,
    /// Every claim of either copy, paired with its counterpart, in article order.
    pub pairs: Vec<ClaimPair>,
    /// Agreement between the two copies on the verdicts of claims both rated.
    pub agreement: Agreement,
}

/// A claim of our copy and its counterpart in theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimPair {
    /// Our claim, if we have it.
    pub ours: Option<Claim>,
    /// Their claim, if they have it.
    pub theirs: Option<Claim>,
    /// The claim in the merged project (`None` when the merge deleted it).
    pub merged_id: Option<ClaimId>,
    /// How the two compare.
    pub kind: PairKind,
}

/// How the two copies of a claim compare (the colour of a row in the merge view).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairKind {
    /// Both copies have the claim and say the same.
    Agreed,
    /// Only our copy has the claim.
    OnlyOurs,
    /// Only their copy has the claim.
    OnlyTheirs,
    /// Both have the claim with different verdicts (different conclusions on a
    /// conclusion-only scale).
    VerdictDiffers,
    /// Same verdict, but the marked spans differ.
    SpanDiffers,
    /// Same verdict and span; some other field, comment or source differs.
    OtherFieldsDiffer,
    /// One copy deleted the claim, the other edited it.
    DeletedVsEdited,
}

impl PairKind {
    /// Every kind, in the order the merge view lists them.
    pub const ALL: [Self; 7] = [
        Self::DeletedVsEdited,
        Self::VerdictDiffers,
        Self::SpanDiffers,
        Self::OtherFieldsDiffer,
        Self::OnlyOurs,
        Self::OnlyTheirs,
        Self::Agreed,
    ];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Agreed => "Agreed",
            Self::OnlyOurs => "Only in mine",
            Self::OnlyTheirs => "Only in theirs",
            Self::VerdictDiffers => "Verdict differs",
            Self::SpanDiffers => "Span differs",
            Self::OtherFieldsDiffer => "Other fields differ",
            Self::DeletedVsEdited => "Deleted in one, edited in the other",
        }
    }
}

/// Classify two copies of one claim. `conclusion_only` compares conclusions instead of
/// verdict labels.
#[must_use]
pub fn classify(ours: &Claim, theirs: &Claim, conclusion_only: bool) -> PairKind {
    let verdict_differs = if conclusion_only {
        ours.conclusion.trim() != theirs.conclusion.trim()
    } else {
        ours.verdict != theirs.verdict
    };
    if verdict_differs {
        PairKind::VerdictDiffers
    } else if (ours.anchor.start, ours.anchor.end) != (theirs.anchor.start, theirs.anchor.end) {
        PairKind::SpanDiffers
    } else if content_differs(ours, theirs) {
        PairKind::OtherFieldsDiffer
    } else {
        PairKind::Agreed
    }
}

/// Whether two claims differ in anything a reader sees (not in id, history or timestamps).
fn content_differs(a: &Claim, b: &Claim) -> bool {
    let strip = |c: &Claim| Claim {
        id: ClaimId(uuid::Uuid::nil()),
        history: Vec::new(),
        created: None,
        modified: None,
        ..c.clone()
    };
    strip(a) != strip(b)
}
