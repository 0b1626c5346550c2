//! The fact-check data model: plain Rust, no UI and no I/O.
//!
//! A [`Project`] holds one [`Article`], the [`Claim`]s marked in it, a library of [`Source`]s
//! and the [`RatingScale`] verdicts are given on. Every change goes through [`Edit`] and
//! [`Project::apply`].

mod anchor;
mod capture;
mod claim;
mod conflict;
mod edit;
mod field;
mod ids;
mod omit_empty;
mod project;
mod reanchor;
pub mod review;
mod scale;
mod search;
mod source;
mod text;
mod words;

pub use anchor::{Anchor, AnchorProblem, CONTEXT_CHARS, find_occurrences};
pub use capture::{Capture, Passage, add_capture, sort_captures, union_captures};
pub use claim::{
    Claim, ClaimStatus, ClaimantKind, Comment, Evidence, HistoryEntry, Revision, Stance, snippet,
};
pub use conflict::{Conflict, ConflictAt, ConflictId, ConflictSide, Resolution};
pub use edit::{ClaimChange, Edit, EditError};
pub use field::{ClaimField, FieldValue, ProjectField, SourceField};
pub use ids::{ClaimId, CommentId, SourceId};
pub use omit_empty::omitting_empty_fields;
pub use project::grapheme_range;
pub use project::{Article, ArticleMeta, FORMAT_VERSION, Project, ProjectWarning, Publishing};
pub use reanchor::{
    FUZZY_THRESHOLD, ReanchorLine, ReanchorOutcome, ReanchorReport, ReanchorResult, reanchor,
};
pub use review::{Reopening, ReviewerKey, Seal, SealedField};
pub use scale::{RatingLabel, RatingScale, Rgb, ScalePreset, UNRATED};
pub use search::{RepeatedSearch, find_all};
pub use source::{Source, SourceKind, is_safe_link};
pub use text::{Paragraph, TextIndex, char_to_byte};
pub use words::count;
