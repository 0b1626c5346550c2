//! Where a claim sits in the article text.
//!
//! An [`Anchor`] stores the char range, the exact quote and some context on each side (the
//! W3C Web Annotation `TextPositionSelector` plus `TextQuoteSelector`), so that a claim can be
//! found again after the text changes, and so that a damaged anchor is detected, not trusted.

use serde::{Deserialize, Serialize};

use super::text::TextIndex;

/// How many chars of context are kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A claim's position in the article: char offsets (start included, end excluded), the exact
/// quote, and up to [`CONTEXT_CHARS`] chars of prefix and suffix.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Anchor {
    /// First char of the quote.
    pub start: usize,
    /// One past the last char of the quote.
    pub end: usize,
    /// The quoted text exactly as it is in the article.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] chars before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the quote.
    pub suffix: String,
}

/// What is wrong with an anchor checked against a text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnchorProblem {
    /// The range is empty or reversed.
    #[error("the quoted range {start}..{end} is empty or reversed")]
    EmptyRange {
        /// Stored start.
        start: usize,
        /// Stored end.
        end: usize,
    },
    /// The range ends past the end of the text.
    #[error("the quoted range {start}..{end} ends past the end of the article ({len} characters)")]
    OutOfBounds {
        /// Stored start.
        start: usize,
        /// Stored end.
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
    /// The text at the range is not the stored quote.
    #[error("the text at {start}..{end} is {found:?}, not the quote {quote:?}")]
    QuoteMismatch {
        /// Stored start.
        start: usize,
        /// Stored end.
        end: usize,
        /// Stored quote.
        quote: String,
        /// What the text has there.
        found: String,
    },
}

impl Anchor {
    /// Anchor the char range `start..end` of `text` (swapped if reversed, clamped to the text,
    /// and widened to whole grapheme clusters so an emoji sequence or a letter with its accent
    /// is never cut in two).
    #[must_use]
    pub fn from_range(text: &str, index: &TextIndex, start: usize, end: usize) -> Self {
        let total = index.total_chars();
        let range = super::project::grapheme_range(text, index, start.min(total), end.min(total));
        let (start, end) = (range.start, range.end);
        let quote = index.slice(text, start..end).to_owned();
        let prefix = index
            .slice(text, start.saturating_sub(CONTEXT_CHARS)..start)
            .to_owned();
        let suffix = index
            .slice(text, end..(end + CONTEXT_CHARS).min(total))
            .to_owned();
        Self {
            start,
            end,
            quote,
            prefix,
            suffix,
        }
    }

    /// Number of chars covered.
    #[must_use]
    pub fn len_chars(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the char ranges of two anchors share at least one char.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Check that this anchor still fits `text`: in bounds, non-empty, and the text at its
    /// range is its quote.
    pub fn check(&self, text: &str, index: &TextIndex) -> Result<(), AnchorProblem> {
        if self.start >= self.end {
            return Err(AnchorProblem::EmptyRange {
                start: self.start,
                end: self.end,
            });
        }
        if self.end > index.total_chars() {
            return Err(AnchorProblem::OutOfBounds {
                start: self.start,
                end: self.end,
                len: index.total_chars(),
            });
        }
        let found = index.slice(text, self.start..self.end);
        if found != self.quote {
            return Err(AnchorProblem::QuoteMismatch {
                start: self.start,
                end: self.end,
                quote: self.quote.clone(),
                found: found.to_owned(),
            });
        }
        Ok(())
    }
}

/// Char offsets of every occurrence of `quote` in `text` (overlapping occurrences included).
#[must_use]
pub fn find_occurrences(text: &str, index: &TextIndex, quote: &str) -> Vec<usize> {
    if quote.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find(quote) {
        let byte = from + pos;
        if let Some(char_idx) = index.byte_to_char(text, byte) {
            found.push(char_idx);
        }
        from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_keeps_quote_and_context_in_chars() {
        let text = "Before 👩‍👩‍👧 the claim: 日本語 is here, after.";
        let index = TextIndex::new(text);
        let start = text[..text.find("日本語").unwrap_or_default()]
            .chars()
            .count();
        let anchor = Anchor::from_range(text, &index, start, start + 3);
        assert_eq!(anchor.quote, "日本語");
        assert_eq!(anchor.prefix, "Before 👩‍👩‍👧 the claim: ");
        assert_eq!(anchor.suffix, " is here, after.");
        assert_eq!(anchor.check(text, &index), Ok(()));
    }

    #[test]
    fn anchors_never_split_a_grapheme() {
        let text = "a 👩‍👩‍👧 e\u{301} b";
        let index = TextIndex::new(text);
        // Chars 3..4 are inside the family emoji (five code points joined by ZWJs).
        let anchor = Anchor::from_range(text, &index, 3, 4);
        assert_eq!(anchor.quote, "👩‍👩‍👧");
        let accent = text
            .chars()
            .position(|c| c == '\u{301}')
            .unwrap_or_default();
        let anchor = Anchor::from_range(text, &index, accent, accent + 1);
        assert_eq!(anchor.quote, "e\u{301}");
    }

    #[test]
    fn context_is_at_most_32_chars() {
        let text = "a".repeat(100);
        let index = TextIndex::new(&text);
        let anchor = Anchor::from_range(&text, &index, 50, 60);
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(anchor.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn check_reports_each_problem() {
        let text = "שלום עולם";
        let index = TextIndex::new(text);
        let mut anchor = Anchor::from_range(text, &index, 0, 4);
        assert_eq!(anchor.quote, "שלום");
        anchor.end = 40;
        assert!(matches!(
            anchor.check(text, &index),
            Err(AnchorProblem::OutOfBounds { len: 9, .. })
        ));
        anchor.end = 3;
        assert!(matches!(
            anchor.check(text, &index),
            Err(AnchorProblem::QuoteMismatch { .. })
        ));
        anchor.start = 3;
        assert!(matches!(
            anchor.check(text, &index),
            Err(AnchorProblem::EmptyRange { .. })
        ));
    }

    #[test]
    fn occurrences_are_char_offsets() {
        let text = "é foo é foo foo";
        let index = TextIndex::new(text);
        assert_eq!(find_occurrences(text, &index, "foo"), vec![2, 8, 12]);
        assert_eq!(find_occurrences(text, &index, "oo"), vec![3, 9, 13]);
        assert!(find_occurrences(text, &index, "").is_empty());
    }
}
