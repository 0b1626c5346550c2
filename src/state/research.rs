//! Research help in the window: the "Suggested" view's state and the inspector's "Checked
//! before" matches, and what the user can ask of them.

use std::path::PathBuf;

use crate::research::Suggestion;
use crate::research::claimreview::{CheckRecord, RecordKind};

/// What the user asked for in the research views.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResearchAction {
    /// Mark the suggested sentence at these char offsets as a claim.
    Mark {
        /// Start (chars).
        start: usize,
        /// End (chars, exclusive).
        end: usize,
    },
    /// Dismiss the suggested sentence (remembered in the project).
    Dismiss {
        /// Start (chars).
        start: usize,
        /// End (chars, exclusive).
        end: usize,
    },
    /// Ask for published fact-checks (ClaimReview JSON-LD, saved pages) and import them.
    ImportFactChecks,
    /// Import this file into the claim library.
    ImportFrom(PathBuf),
}

/// An earlier check found for the selected claim.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundCheck {
    /// BM25 score.
    pub score: f32,
    /// The check.
    pub record: CheckRecord,
}

impl FoundCheck {
    /// The project file of one of the team's own checks (`PATH#claim-ID`).
    #[must_use]
    pub fn project_path(&self) -> Option<PathBuf> {
        (self.record.kind == RecordKind::Project).then(|| {
            let url = &self.record.url;
            PathBuf::from(url.rsplit_once("#claim-").map_or(url.as_str(), |(p, _)| p))
        })
    }
}

/// "Checked before" for the selected claim: filled off the UI thread.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckedBefore {
    /// The statement the matches are for.
    pub statement: String,
    /// The best matches, best first (at most five).
    pub matches: Vec<FoundCheck>,
    /// A search for `statement` is running.
    pub searching: bool,
    /// A problem with the library (shown instead of matches).
    pub problem: Option<String>,
}

/// What the research views own while drawing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResearchPanel {
    /// The left panel shows "Suggested" instead of the claim list.
    pub show_suggested: bool,
}

/// Suggested sentences of the open article (derived; recomputed when the text or the
/// dismissals change, and only while the "Suggested" view is shown).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// Every sentence with its score, in article order.
    pub sentences: Vec<Suggestion>,
}
