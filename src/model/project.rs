//! The project: an article, its claims, the source library, the rating scale and settings.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_segmentation::GraphemeCursor;

use super::anchor::AnchorProblem;
use super::claim::Claim;
use super::conflict::Conflict;
use super::ids::{ClaimId, SourceId};
use super::review::ReviewerKey;
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
    /// Reviewers who signed off a claim: display name and public key (see `signing`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<ReviewerKey>,
    /// Sentences the checkers dismissed from the claim suggestions; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dismissed_suggestions: Vec<crate::research::DismissedSuggestion>,
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
            reviewers: Vec::new(),
            dismissed_suggestions: Vec::new(),
            article: Article::default(),
        }
    }
}

/// A problem found in a loaded project; the project is still usable (nothing is dropped).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectWarning {
    /// A claim's anchor does not fit the text; the claim was kept as an orphan.
    #[error(
        "Claim {claim_id} ({quote:?}) no longer fits the article: {problem}; it was kept as an orphan"
    )]
    AnchorDoesNotFit {
        /// The claim.
        claim_id: ClaimId,
        /// Its quote, shortened.
        quote: String,
        /// What is wrong.
        problem: AnchorProblem,
    },
    /// A claim's anchor starts or ends inside a user-perceived character (a grapheme cluster
    /// such as an emoji sequence or a letter with its accent); the claim was kept as an orphan.
    #[error(
        "Claim {claim_id} ({quote:?}) starts or ends inside a character, at character offset {offset} of the article; it was kept as an orphan"
    )]
    AnchorSplitsCharacter {
        /// The claim.
        claim_id: ClaimId,
        /// Its quote, shortened.
        quote: String,
        /// The char offset that falls inside a grapheme cluster.
        offset: usize,
    },
    /// Two claims share an id; the later one got a new id.
    #[error("Two claims share the id {claim_id}; the second was given the new id {new_id}")]
    DuplicateClaimId {
        /// The shared id.
        claim_id: ClaimId,
        /// The id given to the second claim.
        new_id: ClaimId,
    },
    /// Two sources share an id; the later one got a new id.
    #[error("Two sources share the id {source_id}; the second was given the new id {new_id}")]
    DuplicateSourceId {
        /// The shared id.
        source_id: SourceId,
        /// The id given to the second source.
        new_id: SourceId,
    },
    /// A claim cites a source that is not in the library; a placeholder source was added.
    #[error(
        "Claim {claim_id} cites source {source_id}, which is not in the source library; a placeholder source was added"
    )]
    MissingSource {
        /// The citing claim.
        claim_id: ClaimId,
        /// The missing source.
        source_id: SourceId,
    },
    /// The file has a field this version does not know (from a newer app or a hand edit). It
    /// was ignored and will not be written back on save.
    #[error(
        "Unknown field {field:?} in {location} was ignored; it will not be kept when the project is saved"
    )]
    UnknownField {
        /// The field's name.
        field: String,
        /// Where it is, as a path such as `claims[2].anchor` (`the project` at the top).
        location: String,
    },
}

/// Widen the char range `start..end` of `text` to whole user-perceived characters (grapheme
/// clusters), so that a selection never cuts an emoji sequence or a letter from its accent.
/// Offsets past the end are clamped; a reversed range is swapped.
#[must_use]
pub fn grapheme_range(text: &str, index: &TextIndex, start: usize, end: usize) -> Range<usize> {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let start_byte = index.char_to_byte(text, start);
    let end_byte = index.char_to_byte(text, end);
    let mut cursor = GraphemeCursor::new(start_byte, text.len(), true);
    let start_byte = if is_grapheme_boundary(text, start_byte) {
        start_byte
    } else {
        cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0)
    };
    let mut cursor = GraphemeCursor::new(end_byte, text.len(), true);
    let end_byte = if is_grapheme_boundary(text, end_byte) {
        end_byte
    } else {
        cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len())
    };
    let to_char = |byte| index.byte_to_char(text, byte).unwrap_or(0);
    to_char(start_byte)..to_char(end_byte).max(to_char(start_byte))
}

/// Whether `anchor` fits `text` (its quote is at its range, which starts and ends between
/// grapheme clusters): the common case of [`Project::repair`], decided with one char-offset
/// lookup instead of four. `false` sends the anchor to the checks that say what is wrong.
fn anchor_fits(text: &str, index: &TextIndex, anchor: &super::anchor::Anchor) -> bool {
    if anchor.start >= anchor.end || anchor.end > index.total_chars() {
        return false;
    }
    let start = index.char_to_byte(text, anchor.start);
    let end = start + anchor.quote.len();
    text[start..].starts_with(anchor.quote.as_str())
        && anchor.quote.chars().count() == anchor.end - anchor.start
        && is_grapheme_boundary(text, start)
        && is_grapheme_boundary(text, end)
}

/// Whether byte offset `byte` of `text` is between two grapheme clusters (the ends of the text
/// count as boundaries; offsets that are not char boundaries do not).
fn is_grapheme_boundary(text: &str, byte: usize) -> bool {
    if byte == 0 || byte >= text.len() {
        return true;
    }
    if !text.is_char_boundary(byte) {
        return false;
    }
    GraphemeCursor::new(byte, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// The sort key of a claim: anchored claims by position, orphans last, ties by id.
fn claim_order(claim: &Claim) -> (bool, usize, usize, ClaimId) {
    (claim.orphan, claim.anchor.start, claim.anchor.end, claim.id)
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

    /// The text of a claim's verdict, `"Unrated"` when it has none.
    #[must_use]
    pub fn verdict_label<'a>(&'a self, verdict: Option<&'a str>) -> &'a str {
        verdict.map_or("Unrated", |v| self.verdict_text(v))
    }

    /// Put claims in a stable order: anchored claims by position, orphans last, ties by id.
    /// Saving in this order keeps files deterministic and diffs small.
    pub fn sort_claims(&mut self) {
        self.claims.sort_by_key(claim_order);
    }

    /// Whether the claims are already in the order [`Project::sort_claims`] gives.
    #[must_use]
    pub fn claims_sorted(&self) -> bool {
        self.claims.is_sorted_by_key(claim_order)
    }

    /// Check a freshly loaded project and repair what can be repaired without losing data:
    /// anchors that do not fit the text (out of range, quote differs, or cutting a character
    /// in two) become orphans, duplicate ids are renewed, missing sources get placeholders.
    /// Returns one warning per repair, in file order. Claims are never dropped.
    pub fn repair(&mut self) -> Vec<ProjectWarning> {
        let mut warnings = Vec::new();
        let text = Arc::clone(&self.article.text);
        let index = TextIndex::new(&text);
        for claim in &mut self.claims {
            if claim.orphan {
                continue;
            }
            if anchor_fits(&text, &index, &claim.anchor) {
                continue;
            }
            let quote = || super::claim::snippet(&claim.anchor.quote, 60);
            if let Err(problem) = claim.anchor.check(&text, &index) {
                warnings.push(ProjectWarning::AnchorDoesNotFit {
                    claim_id: claim.id,
                    quote: quote(),
                    problem,
                });
                claim.orphan = true;
                continue;
            }
            let split = [claim.anchor.start, claim.anchor.end]
                .into_iter()
                .find(|&offset| !is_grapheme_boundary(&text, index.char_to_byte(&text, offset)));
            if let Some(offset) = split {
                warnings.push(ProjectWarning::AnchorSplitsCharacter {
                    claim_id: claim.id,
                    quote: quote(),
                    offset,
                });
                claim.orphan = true;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Evidence};

    const FAMILY: &str = "A family 👩\u{200d}👩\u{200d}👧 and cafe\u{301} here.";

    /// A claim anchored exactly at `start..end`, as a file written elsewhere may have it
    /// (`Anchor::from_range` would widen it to whole graphemes).
    fn claim_at(text: &str, start: usize, end: usize) -> Claim {
        let index = TextIndex::new(text);
        Claim::new(Anchor {
            start,
            end,
            quote: index.slice(text, start..end).to_owned(),
            prefix: index
                .slice(text, start.saturating_sub(32)..start)
                .to_owned(),
            suffix: String::new(),
        })
    }

    #[test]
    fn anchor_cutting_an_emoji_sequence_becomes_an_orphan_with_its_offset() {
        let mut project = Project::new(FAMILY, ArticleMeta::default());
        // "A family " is 9 chars; the family emoji is 5 chars (3 people, 2 joiners).
        project.claims.push(claim_at(FAMILY, 9, 10));
        project.claims.push(claim_at(FAMILY, 9, 14));
        let warnings = project.repair();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            matches!(
                &warnings[0],
                ProjectWarning::AnchorSplitsCharacter { offset: 10, .. }
            ),
            "{warnings:?}"
        );
        assert!(warnings[0].to_string().contains(
            "starts or ends inside a character, at character offset 10 of the article; it was kept as an orphan"
        ));
        assert!(project.claims[0].orphan);
        assert!(!project.claims[1].orphan);
    }

    #[test]
    fn anchor_separating_a_letter_from_its_accent_becomes_an_orphan() {
        let mut project = Project::new(FAMILY, ArticleMeta::default());
        let cafe = FAMILY.chars().count() - " here.".chars().count() - 5;
        project.claims.push(claim_at(FAMILY, cafe, cafe + 4));
        project.claims.push(claim_at(FAMILY, cafe, cafe + 5));
        let warnings = project.repair();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(matches!(
            &warnings[0],
            ProjectWarning::AnchorSplitsCharacter { quote, .. } if quote == "cafe"
        ));
        assert_eq!(project.claims.len(), 2, "claims are never dropped");
    }

    #[test]
    fn grapheme_range_widens_to_whole_characters() {
        let index = TextIndex::new(FAMILY);
        assert_eq!(grapheme_range(FAMILY, &index, 10, 12), 9..14);
        assert_eq!(grapheme_range(FAMILY, &index, 12, 10), 9..14);
        assert_eq!(grapheme_range(FAMILY, &index, 0, 1), 0..1);
        assert_eq!(
            grapheme_range(FAMILY, &index, 5, 1000),
            5..FAMILY.chars().count()
        );
    }

    #[test]
    fn duplicate_ids_and_missing_sources_are_repaired_and_reported() {
        let mut project = Project::new("Some text here.", ArticleMeta::default());
        let source = Source::default();
        project.sources.push(source.clone());
        project.sources.push(source.clone());
        let mut claim = claim_at("Some text here.", 0, 4);
        let missing = SourceId::new_random();
        claim.evidence.push(Evidence {
            source: missing,
            stance: crate::model::Stance::Supports,
            quote: String::new(),
            note: String::new(),
        });
        project.claims.push(claim.clone());
        project.claims.push(claim.clone());
        let warnings = project.repair();
        let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with(&format!("Two claims share the id {}", claim.id)));
        assert!(texts[1].starts_with(&format!("Two sources share the id {}", source.id)));
        assert!(texts[2].ends_with(&format!(
            "cites source {missing}, which is not in the source library; a placeholder source was added"
        )));
        assert_ne!(project.claims[0].id, project.claims[1].id);
        assert_ne!(project.sources[0].id, project.sources[1].id);
        assert!(project.source(missing).is_some());
        assert!(project.repair().is_empty(), "repair is idempotent");
    }
}
