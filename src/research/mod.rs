//! Research help that runs offline: which sentences are worth checking (claim suggestions) and
//! has a claim been checked before (the claim library). Plain Rust, no UI and no network.
//!
//! - [`split_sentences`] and [`score_sentence`] find and explain check-worthy sentences;
//!   [`suggest`] runs both over an article.
//! - [`library`] keeps earlier checks (the team's projects and published ClaimReview JSON-LD)
//!   on disk and ranks them against a claim with BM25 ([`library::Library::search`]).
//! - [`eval`] holds the metrics the development sets are measured with.

mod checkworthy;
pub mod claimreview;
mod dismissed;
pub mod eval;
pub mod library;
pub mod normalise;
mod sentences;

pub use checkworthy::{BIAS, Feature, Reason, SUGGEST_THRESHOLD, Score, score_sentence};
pub use dismissed::{DismissedSuggestion, is_dismissed, sentence_key, union_dismissed};
pub use sentences::{Sentence, split_sentences};

use serde::Serialize;

/// A sentence of the article with its check-worthiness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    /// Char offset of the sentence's start in the article text.
    pub start: usize,
    /// Char offset of its end (exclusive).
    pub end: usize,
    /// Byte range in the article text (not serialised).
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
    /// Score, suggestion and reasons.
    #[serde(flatten)]
    pub score: Score,
    /// The sentence text.
    pub text: String,
}

/// Split `article` into sentences and score each, in article order. Sentences whose text key is
/// in `dismissed` are never suggested (their score is kept).
#[must_use]
pub fn suggest(article: &str, dismissed: &[DismissedSuggestion]) -> Vec<Suggestion> {
    split_sentences(article)
        .into_iter()
        .map(|sentence| {
            let text = sentence.text(article);
            let mut score = score_sentence(text);
            if score.suggested && is_dismissed(dismissed, text) {
                score.suggested = false;
            }
            Suggestion {
                start: sentence.chars.start,
                end: sentence.chars.end,
                bytes: sentence.bytes.clone(),
                score,
                text: text.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggest_scores_every_sentence_and_respects_dismissals() {
        let article =
            "Thank you all. Exports to China rose 12 percent in 2019, the most on record.";
        let all = suggest(article, &[]);
        assert_eq!(all.len(), 2);
        assert!(!all[0].score.suggested);
        assert!(all[1].score.suggested);
        assert_eq!(all[1].start, 15);
        let dismissed = [DismissedSuggestion::new(
            &all[1].text,
            all[1].start,
            all[1].end,
        )];
        let again = suggest(article, &dismissed);
        assert!(!again[1].score.suggested);
    }
}
