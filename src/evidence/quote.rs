//! Quoting a capture: evidence anchored in a capture's extracted text, and finding that passage
//! again when the reader jumps to it.

use crate::model::{Anchor, Evidence, Passage, SourceId, Stance, TextIndex};

/// Evidence for `source` quoting chars `start..end` of a capture's `text` (widened to whole
/// graphemes), anchored with quote, prefix and suffix.
#[must_use]
pub fn quote_passage(
    text: &str,
    index: &TextIndex,
    capture_sha256: &str,
    source: SourceId,
    chars: std::ops::Range<usize>,
    stance: Stance,
) -> Evidence {
    let anchor = Anchor::from_range(text, index, chars.start, chars.end);
    Evidence {
        source,
        stance,
        quote: anchor.quote.clone(),
        note: String::new(),
        passage: Some(Passage {
            capture: capture_sha256.to_owned(),
            anchor,
        }),
    }
}

/// Where a quoted passage is in the capture's text: its stored range when the text there is
/// still the quote, otherwise the occurrence of the quote whose prefix and suffix fit best.
#[must_use]
pub fn locate_passage(
    text: &str,
    index: &TextIndex,
    anchor: &Anchor,
) -> Option<std::ops::Range<usize>> {
    if anchor.check(text, index).is_ok() {
        return Some(anchor.start..anchor.end);
    }
    let len = anchor.quote.chars().count();
    crate::model::find_occurrences(text, index, &anchor.quote)
        .into_iter()
        .max_by_key(|&start| {
            let before = index.slice(
                text,
                start.saturating_sub(anchor.prefix.chars().count())..start,
            );
            let after_end = (start + len + anchor.suffix.chars().count()).min(index.total_chars());
            let after = index.slice(text, start + len..after_end);
            (
                usize::from(before == anchor.prefix) + usize::from(after == anchor.suffix),
                std::cmp::Reverse(start.abs_diff(anchor.start)),
            )
        })
        .map(|start| start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_again_after_its_offsets_drift() {
        let text = "alpha beta gamma. alpha beta delta.";
        let index = TextIndex::new(text);
        let evidence = quote_passage(
            text,
            &index,
            "00",
            SourceId::new_random(),
            18..28,
            Stance::Supports,
        );
        let anchor = evidence.passage.expect("passage").anchor;
        assert_eq!(anchor.quote, "alpha beta");
        assert_eq!(locate_passage(text, &index, &anchor), Some(18..28));
        let mut moved = anchor.clone();
        moved.start = 3;
        moved.end = 13;
        assert_eq!(locate_passage(text, &index, &moved), Some(18..28));
    }
}
