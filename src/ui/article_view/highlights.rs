//! Claim highlights with an interval lookup: which claims cover a char, and which overlap a
//! paragraph, in `O(log claims + hits)`.

use std::ops::Range;

use egui::Color32;

use crate::model::ClaimId;

/// One claim's span in the article, painted as a background in `colour`.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    /// The claim this span belongs to.
    pub claim_id: ClaimId,
    /// Char range in the article text (start inclusive, end exclusive); may cross paragraphs.
    pub chars: Range<usize>,
    /// The claim's colour (its verdict colour, or a neutral one when unrated). The view paints
    /// it translucent, so overlapping claims stack visibly darker.
    pub colour: Color32,
}

/// All highlights of an article, indexed for interval lookups.
///
/// Build it when the claims change, not every frame. Internally the highlights are sorted by
/// start, and an implicit balanced binary tree over that order keeps the largest end of each
/// subtree, so a query visits `O(log n + hits)` entries.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    /// Non-empty highlights sorted by `(start, end)`.
    items: Vec<Highlight>,
    /// `max_end[mid]` is the largest `chars.end` in the subtree whose root is `mid`.
    max_end: Vec<usize>,
}

impl Highlights {
    /// Index `highlights`. Empty or reversed ranges are dropped (they cover no text).
    #[must_use]
    pub fn new(highlights: Vec<Highlight>) -> Self {
        let mut items: Vec<Highlight> = highlights
            .into_iter()
            .filter(|h| h.chars.start < h.chars.end)
            .collect();
        items.sort_by(|a, b| {
            (a.chars.start, a.chars.end, a.claim_id).cmp(&(b.chars.start, b.chars.end, b.claim_id))
        });
        let mut max_end = vec![0; items.len()];
        build_max_end(&items, &mut max_end, 0, items.len());
        Self { items, max_end }
    }

    /// Number of (non-empty) highlights.
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no highlights.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The claims whose span covers char `char_idx`, innermost (shortest span) first.
    #[must_use]
    pub fn at(&self, char_idx: usize) -> Vec<ClaimId> {
        let mut hits = self.overlapping(char_idx..char_idx.saturating_add(1));
        hits.sort_by_key(|h| (h.chars.len(), h.chars.start));
        hits.into_iter().map(|h| h.claim_id).collect()
    }

    /// The highlights that share at least one char with `chars`, in start order.
    #[must_use]
    pub fn overlapping(&self, chars: Range<usize>) -> Vec<&Highlight> {
        let mut out = Vec::new();
        if chars.start < chars.end {
            self.query(0, self.items.len(), &chars, &mut out);
        }
        out
    }

    /// The highlight of `claim_id`, if any.
    #[must_use]
    pub fn of_claim(&self, claim_id: ClaimId) -> Option<&Highlight> {
        self.items.iter().find(|h| h.claim_id == claim_id)
    }

    /// Approximate heap memory of the index in bytes.
    #[must_use]
    pub fn memory_bytes(&self) -> usize {
        self.items.capacity() * std::mem::size_of::<Highlight>()
            + self.max_end.capacity() * std::mem::size_of::<usize>()
    }

    fn query<'s>(&'s self, lo: usize, hi: usize, q: &Range<usize>, out: &mut Vec<&'s Highlight>) {
        if lo >= hi {
            return;
        }
        let mid = lo + (hi - lo) / 2;
        // Nothing in this subtree ends after the query starts.
        if self.max_end[mid] <= q.start {
            return;
        }
        self.query(lo, mid, q, out);
        let item = &self.items[mid];
        if item.chars.start < q.end {
            if item.chars.end > q.start {
                out.push(item);
            }
            // Only later starts remain on the right; they may still overlap.
            self.query(mid + 1, hi, q, out);
        }
    }
}

/// Fill `max_end` for the implicit tree over `items[lo..hi]`, returning the subtree maximum.
fn build_max_end(items: &[Highlight], max_end: &mut [usize], lo: usize, hi: usize) -> usize {
    if lo >= hi {
        return 0;
    }
    let mid = lo + (hi - lo) / 2;
    let left = build_max_end(items, max_end, lo, mid);
    let right = build_max_end(items, max_end, mid + 1, hi);
    let m = items[mid].chars.end.max(left).max(right);
    max_end[mid] = m;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextIndex;

    fn claim(n: u128) -> ClaimId {
        ClaimId(uuid::Uuid::from_u128(n))
    }

    fn hl(n: u128, chars: Range<usize>) -> Highlight {
        Highlight {
            claim_id: claim(n),
            chars,
            colour: Color32::YELLOW,
        }
    }

    /// The lookup agrees with a linear scan on many random ranges.
    #[test]
    fn overlapping_matches_a_linear_scan() {
        let mut rng = fastrand::Rng::with_seed(7);
        let items: Vec<Highlight> = (0..500)
            .map(|i| {
                let start = rng.usize(0..10_000);
                let len = if rng.u8(0..10) == 0 {
                    rng.usize(0..5_000)
                } else {
                    rng.usize(0..80)
                };
                hl(i, start..start + len)
            })
            .collect();
        let index = Highlights::new(items.clone());
        for _ in 0..500 {
            let a = rng.usize(0..12_000);
            let b = a + rng.usize(1..400);
            let mut got: Vec<ClaimId> =
                index.overlapping(a..b).iter().map(|h| h.claim_id).collect();
            let mut want: Vec<ClaimId> = items
                .iter()
                .filter(|h| h.chars.start < b && h.chars.end > a && !h.chars.is_empty())
                .map(|h| h.claim_id)
                .collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "query {a}..{b}");
        }
    }

    #[test]
    fn at_returns_innermost_first_for_nested_overlaps() {
        let index = Highlights::new(vec![
            hl(1, 0..100),
            hl(2, 10..20),
            hl(3, 15..60),
            hl(4, 200..210),
        ]);
        assert_eq!(index.at(16), vec![claim(2), claim(3), claim(1)]);
        assert_eq!(index.at(12), vec![claim(2), claim(1)]);
        // End is exclusive, start inclusive.
        assert_eq!(index.at(20), vec![claim(3), claim(1)]);
        assert_eq!(index.at(100), Vec::<ClaimId>::new());
        assert_eq!(index.at(200), vec![claim(4)]);
        assert_eq!(index.at(210), Vec::<ClaimId>::new());
    }

    #[test]
    fn empty_and_reversed_ranges_are_dropped() {
        #[expect(clippy::reversed_empty_ranges, reason = "testing bad input")]
        let index = Highlights::new(vec![hl(1, 5..5), hl(2, 9..3), hl(3, 0..1)]);
        assert_eq!(index.len(), 1);
        assert_eq!(index.at(0), vec![claim(3)]);
        assert!(index.overlapping(4..4).is_empty());
    }

    #[test]
    fn cross_paragraph_claims_are_found_in_every_paragraph_they_touch() {
        let text = "First paragraph here.\nSecond one.\nThird and last.";
        let index = TextIndex::new(text);
        // From "here" in the first paragraph to "Third" in the third.
        let start = text.find("here").unwrap_or_default();
        let end = text.find(" and").unwrap_or_default();
        let highlights = Highlights::new(vec![hl(1, start..end), hl(2, 0..5)]);
        let per_paragraph: Vec<Vec<ClaimId>> = index
            .paragraphs()
            .iter()
            .map(|p| {
                highlights
                    .overlapping(p.chars.clone())
                    .iter()
                    .map(|h| h.claim_id)
                    .collect()
            })
            .collect();
        assert_eq!(
            per_paragraph,
            vec![vec![claim(2), claim(1)], vec![claim(1)], vec![claim(1)]]
        );
    }

    #[test]
    fn offsets_are_chars_for_emoji_cjk_and_rtl_text() {
        // Byte and char offsets differ in every one of these scripts.
        let text = "Emoji 👩‍👩‍👧 then 日本語 and עברית then العربية.";
        let char_of = |needle: &str| {
            let byte = text.find(needle).unwrap_or_default();
            text[..byte].chars().count()
        };
        let cjk = char_of("日本語");
        let hebrew = char_of("עברית");
        let arabic = char_of("العربية");
        let emoji = char_of("👩");
        let highlights = Highlights::new(vec![
            hl(1, cjk..cjk + 3),
            hl(2, hebrew..hebrew + 5),
            hl(3, arabic..arabic + 7),
            hl(4, emoji..emoji + 5), // the ZWJ family is five scalar values
        ]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(highlights.at(cjk + 2), vec![claim(1)]);
        assert_eq!(chars[cjk + 2], '語');
        assert_eq!(highlights.at(hebrew + 4), vec![claim(2)]);
        assert_eq!(chars[hebrew + 4], 'ת');
        assert_eq!(highlights.at(arabic), vec![claim(3)]);
        assert_eq!(chars[arabic], 'ا');
        assert_eq!(highlights.at(emoji + 4), vec![claim(4)]);
        assert_eq!(highlights.at(emoji + 5), Vec::<ClaimId>::new());
        assert_eq!(chars[emoji + 5], ' ');
    }
}
