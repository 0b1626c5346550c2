//! Dismissed suggestions, remembered in the project so a sentence a checker waved away stays
//! quiet for the colleague who opens the file. Keyed by a hash of the sentence text (which
//! survives edits elsewhere in the article) with its last known offsets as a hint.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// A sentence the checker dismissed from the suggestions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DismissedSuggestion {
    /// [`sentence_key`] of the sentence text.
    pub key: String,
    /// Char offset where the sentence started when it was dismissed.
    pub start: usize,
    /// Char offset where it ended.
    pub end: usize,
}

impl DismissedSuggestion {
    /// Dismiss the sentence `text` found at `start..end`.
    #[must_use]
    pub fn new(text: &str, start: usize, end: usize) -> Self {
        Self {
            key: sentence_key(text),
            start,
            end,
        }
    }
}

/// A stable key for a sentence: the first 16 hex digits of the SHA-256 of its words (runs of
/// whitespace count as one space, so re-wrapping does not revive it).
#[must_use]
pub fn sentence_key(text: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    let digest = hasher.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Is the sentence `text` dismissed? A match on the text key counts wherever the sentence moved.
#[must_use]
pub fn is_dismissed(dismissed: &[DismissedSuggestion], text: &str) -> bool {
    if dismissed.is_empty() {
        return false;
    }
    let key = sentence_key(text);
    dismissed.iter().any(|d| d.key == key)
}

/// Both copies' dismissals (used by the merge): the union, sorted, without duplicates.
#[must_use]
pub fn union_dismissed(
    ours: &[DismissedSuggestion],
    theirs: &[DismissedSuggestion],
) -> Vec<DismissedSuggestion> {
    let mut all: Vec<DismissedSuggestion> = ours.iter().chain(theirs).cloned().collect();
    all.sort();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_whitespace_and_survives_moves() {
        let d = DismissedSuggestion::new("Prices rose  5%\nin March.", 10, 34);
        assert!(is_dismissed(&[d], "Prices rose 5% in March."));
        assert_ne!(
            sentence_key("Prices rose 5%."),
            sentence_key("Prices rose 6%.")
        );
    }

    #[test]
    fn union_keeps_both_sides_once() {
        let a = DismissedSuggestion::new("A.", 0, 2);
        let b = DismissedSuggestion::new("B.", 3, 5);
        let merged = union_dismissed(&[a.clone(), b.clone()], std::slice::from_ref(&b));
        assert_eq!(merged.len(), 2);
        assert!(merged.contains(&a) && merged.contains(&b));
    }
}
