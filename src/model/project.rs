//! The project: an article, its claims, the source library, the rating scale and settings.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::anchor::AnchorProblem;
use super::claim::Claim;
use super::conflict::Conflict;
use super::ids::{ClaimId, SourceId};
use super::scale::RatingScale;
use super::source::Source;
use super::text::TextIndex;

/// The project file format this build writes (and the newest it reads).
pub const FORMAT_VERSION: u32 = 1;

/// Metadata of the checked article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleMeta {
    /// Headline.
    pub title: String,
    /// Outlet that published it.
    pub outlet: String,
    /// Byline.
    pub author: String,
    /// Where it was published.
    pub url: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Language as a BCP 47 tag (`en`, `fr-CA`).
    pub language: String,
}

/// The article: metadata and the full text (stored in the project so the file is
/// self-contained). The text is shared (`Arc`) so undo snapshots do not copy it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Metadata.
    pub meta: ArticleMeta,
    /// The text, `\n` line breaks, one paragraph per line.
    pub text: Arc<str>,
}

/// Who publishes the check (used by ClaimReview and the HTML report).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Publishing {
    /// Name of the fact-checking organisation.
    pub organisation: String,
    /// Its home page.
    pub organisation_url: String,
    /// Where the report will be published; claims get `#claim-…` anchors on it.
    pub report_url: String,
}

/// A fact-check project, as saved in a `.ron` file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// File format version ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// Publishing organisation and report URL.
    pub publishing: Publishing,
    /// The scale verdicts are given on.
    pub scale: RatingScale,
    /// The source library.
    pub sources: Vec<Source>,
    /// Claims, in article order (see [`Project::sort_claims`]).
    pub claims: Vec<Claim>,
    /// Unresolved merge conflicts (see `merge`); absent from the file when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// The checked article (last, so the long text ends the file).
    pub article: Article,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            publishing: Publishing::default(),
            scale: RatingScale::default(),
            sources: Vec::new(),
            claims: Vec::new(),
            conflicts: Vec::new(),
            article: Article::default(),
        }
    }
}

/// A problem found in a loaded project; the project is still usable (nothing is dropped).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectWarning {
    /// A claim's anchor does not fit the text; the claim was kept as an orphan.
    #[error(
        "claim {claim_id} ({quote:?}) no longer fits the article: {problem}; kept as an orphan"
    )]
    AnchorDoesNotFit {
        /// The claim.
        claim_id: ClaimId,
        /// Its quote, shortened.
        quote: String,
        /// What is wrong.
        problem: AnchorProblem,
    },
    /// Two claims share an id; the later one got a new id.
    #[error("two claims share the id {claim_id}; the second was given the new id {new_id}")]
    DuplicateClaimId {
        /// The shared id.
        claim_id: ClaimId,
        /// The id given to the second claim.
        new_id: ClaimId,
    },
    /// Two sources share an id; the later one got a new id.
    #[error("two sources share the id {source_id}; the second was given the new id {new_id}")]
    DuplicateSourceId {
        /// The shared id.
        source_id: SourceId,
        /// The id given to the second source.
        new_id: SourceId,
    },
    /// A claim cites a source that is not in the library; a placeholder source was added.
    #[error(
        "claim {claim_id} cites source {source_id}, which is not in the source library; a placeholder source was added"
    )]
    MissingSource {
        /// The citing claim.
        claim_id: ClaimId,
        /// The missing source.
        source_id: SourceId,
    },
}

impl Project {
    /// A new project on an article text.
    #[must_use]
    pub fn new(text: impl Into<Arc<str>>, meta: ArticleMeta) -> Self {
        Self {
            article: Article {
                meta,
                text: text.into(),
            },
            ..Self::default()
        }
    }

    /// The claim with this id.
    #[must_use]
    pub fn claim(&self, claim_id: ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == claim_id)
    }

    /// The claim with this id, mutably.
    pub fn claim_mut(&mut self, claim_id: ClaimId) -> Option<&mut Claim> {
        self.claims.iter_mut().find(|c| c.id == claim_id)
    }

    /// The source with this id.
    #[must_use]
    pub fn source(&self, source_id: SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == source_id)
    }

    /// Claims citing `source_id`.
    pub fn claims_citing(&self, source_id: SourceId) -> impl Iterator<Item = &Claim> {
        self.claims.iter().filter(move |c| c.cites(source_id))
    }

    /// Display text of a verdict label id on this project's scale (the id itself when the
    /// scale no longer has it).
    #[must_use]
    pub fn verdict_text<'a>(&'a self, verdict: &'a str) -> &'a str {
        self.scale
            .label(verdict)
            .map_or(verdict, |l| l.text.as_str())
    }

    /// Put claims in a stable order: anchored claims by position, orphans last, ties by id.
    /// Saving in this order keeps files deterministic and diffs small.
    pub fn sort_claims(&mut self) {
        self.claims.sort_by(|a, b| {
            (a.orphan, a.anchor.start, a.anchor.end, a.id).cmp(&(
                b.orphan,
                b.anchor.start,
                b.anchor.end,
                b.id,
            ))
        });
    }

    /// Check a freshly loaded project and repair what can be repaired without losing data:
    /// anchors that do not fit become orphans, duplicate ids are renewed, missing sources get
    /// placeholders. Returns one warning per repair.
    pub fn repair(&mut self) -> Vec<ProjectWarning> {
        let mut warnings = Vec::new();
        let text = Arc::clone(&self.article.text);
        let index = TextIndex::new(&text);
        for claim in &mut self.claims {
            if claim.orphan {
                continue;
            }
            if let Err(problem) = claim.anchor.check(&text, &index) {
                claim.orphan = true;
                warnings.push(ProjectWarning::AnchorDoesNotFit {
                    claim_id: claim.id,
                    quote: super::claim::snippet(&claim.anchor.quote, 60),
                    problem,
                });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for claim in &mut self.claims {
            if !seen.insert(claim.id) {
                let new_id = ClaimId::new_random();
                warnings.push(ProjectWarning::DuplicateClaimId {
                    claim_id: claim.id,
                    new_id,
                });
                claim.id = new_id;
            }
        }
        let mut seen = std::collections::HashSet::new();
        for source in &mut self.sources {
            if !seen.insert(source.id) {
                let new_id = SourceId::new_random();
                warnings.push(ProjectWarning::DuplicateSourceId {
                    source_id: source.id,
                    new_id,
                });
                source.id = new_id;
            }
        }
        let mut missing = Vec::new();
        for claim in &self.claims {
            for evidence in &claim.evidence {
                if !seen.contains(&evidence.source) && !missing.contains(&evidence.source) {
                    missing.push(evidence.source);
                    warnings.push(ProjectWarning::MissingSource {
                        claim_id: claim.id,
                        source_id: evidence.source,
                    });
                }
            }
        }
        for source_id in missing {
            self.sources.push(Source {
                id: source_id,
                title: "(missing source: restored placeholder)".to_owned(),
                ..Source::default()
            });
        }
        warnings
    }
}
