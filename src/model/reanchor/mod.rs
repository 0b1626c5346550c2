//! Finding claims again after the article text changed (the outlet corrected the story).
//!
//! The recipe (see `docs/PERFORMANCE.md` and the product notes), for each claim:
//! 1. the text is unchanged, or the claim lies in lines the change did not touch: its
//!    position follows the line diff exactly ([`ReanchorOutcome::Unchanged`] or
//!    [`ReanchorOutcome::Moved`]);
//! 2. the text at its old position is still its quote ([`ReanchorOutcome::Unchanged`]);
//! 3. exact search for the quote, choosing among repeats by prefix, suffix and nearness to
//!    where the diff says the claim should be ([`ReanchorOutcome::Moved`]);
//! 4. a bounded fuzzy search near that place, scored on quote, prefix, suffix and nearness
//!    ([`ReanchorOutcome::Fuzzy`]);
//! 5. otherwise the claim is an orphan ([`ReanchorOutcome::Orphan`]): kept with all its work.
//!
//! All positions are `char` offsets. The work is bounded: one line diff, one multi-pattern
//! scan of the new text for the quotes that need it, and fuzzy windows of a few thousand
//! chars per claim.

mod report;

pub use report::{ReanchorLine, ReanchorReport};

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::AhoCorasick;

use super::anchor::Anchor;
use super::claim::Claim;
use super::ids::ClaimId;
use super::project::Project;
use super::text::TextIndex;

/// Lowest score a fuzzy match needs to be accepted (0 to 1).
pub const FUZZY_THRESHOLD: f32 = 0.7;

/// How far (in chars, each side) around the expected place a fuzzy match is searched.
const FUZZY_RADIUS: usize = 1024;

/// Quotes are searched by their first this many bytes, then checked whole.
const KEY_BYTES: usize = 24;

/// At most this many occurrences of one quote are weighed.
const MAX_OCCURRENCES: usize = 4096;

/// Longest time spent on the line diff before settling for a coarser one.
const DIFF_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(250);

/// How a claim was found in the new text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReanchorOutcome {
    /// Same position, same quote.
    Unchanged,
    /// Same quote, at a new position.
    Moved,
    /// A similar passage was found; `score` (0 to 1) says how similar, quote and context.
    Fuzzy {
        /// Similarity, [`FUZZY_THRESHOLD`] to 1.
        score: f32,
    },
    /// Not found: the claim keeps its old anchor and all its work, marked as an orphan.
    Orphan,
}

impl ReanchorOutcome {
    /// One word for reports: `exact`, `moved`, `fuzzy` or `orphan`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unchanged => "exact",
            Self::Moved => "moved",
            Self::Fuzzy { .. } => "fuzzy",
            Self::Orphan => "orphan",
        }
    }
}

/// What happened to one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ReanchorResult {
    /// The claim.
    pub claim_id: ClaimId,
    /// How it was found, or not.
    pub outcome: ReanchorOutcome,
    /// Its anchor in the new text (`None` for an orphan).
    pub anchor: Option<Anchor>,
}

/// Re-anchor `claims` (anchored in `old_text`) in `new_text`. Returns one result per claim,
/// in the order of `claims`.
#[must_use]
pub fn reanchor(old_text: &str, new_text: &str, claims: &[Claim]) -> Vec<ReanchorResult> {
    let new_index = TextIndex::new(new_text);
    let old_index = TextIndex::new(old_text);
    let unchanged_text = old_text == new_text;
    let map = if unchanged_text {
        PositionMap::identity(&old_index)
    } else {
        PositionMap::new(old_text, new_text, &old_index, &new_index)
    };
    let mut results: Vec<Option<ReanchorResult>> = vec![None; claims.len()];
    let mut pending = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let anchor = &claim.anchor;
        let fits_old = !claim.orphan && anchor.check(old_text, &old_index).is_ok();
        if fits_old && let Some((start, end)) = map.map_range(anchor.start, anchor.end) {
            let outcome = if (start, end) == (anchor.start, anchor.end) {
                ReanchorOutcome::Unchanged
            } else {
                ReanchorOutcome::Moved
            };
            results[i] = Some(found(claim, outcome, new_text, &new_index, start, end));
            continue;
        }
        if !claim.orphan && anchor.check(new_text, &new_index).is_ok() {
            let (start, end) = (anchor.start, anchor.end);
            let outcome = ReanchorOutcome::Unchanged;
            results[i] = Some(found(claim, outcome, new_text, &new_index, start, end));
            continue;
        }
        let expected = if fits_old {
            map.approximate(anchor.start)
        } else {
            anchor.start.min(new_index.total_chars())
        };
        pending.push((i, expected));
    }

    let occurrences = find_all(new_text, &new_index, claims, &pending);
    let mut still_pending = Vec::new();
    for (i, expected) in pending {
        let claim = &claims[i];
        let quote_chars = claim.anchor.quote.chars().count();
        let best = occurrences
            .get(claim.anchor.quote.as_str())
            .and_then(|starts| {
                starts
                    .iter()
                    .map(|&(start, byte)| {
                        let score = exact_score(
                            new_text,
                            &claim.anchor,
                            byte,
                            start,
                            expected,
                            new_index.total_chars(),
                        );
                        (score, start)
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            });
        if let Some((_, start)) = best {
            let end = start + quote_chars;
            let outcome = if !claim.orphan && (start, end) == (claim.anchor.start, claim.anchor.end)
            {
                ReanchorOutcome::Unchanged
            } else {
                ReanchorOutcome::Moved
            };
            results[i] = Some(found(claim, outcome, new_text, &new_index, start, end));
        } else {
            still_pending.push((i, expected));
        }
    }

    for (i, expected) in still_pending {
        let claim = &claims[i];
        let result = fuzzy_find(new_text, &new_index, &claim.anchor, expected).map_or(
            ReanchorResult {
                claim_id: claim.id,
                outcome: ReanchorOutcome::Orphan,
                anchor: None,
            },
            |(start, end, score)| {
                found(
                    claim,
                    ReanchorOutcome::Fuzzy { score },
                    new_text,
                    &new_index,
                    start,
                    end,
                )
            },
        );
        results[i] = Some(result);
    }
    results
        .into_iter()
        .zip(claims)
        .map(|(result, claim)| {
            result.unwrap_or(ReanchorResult {
                claim_id: claim.id,
                outcome: ReanchorOutcome::Orphan,
                anchor: None,
            })
        })
        .collect()
}

impl Project {
    /// Replace the article text with a new version and re-anchor every claim (see
    /// [`reanchor`]). Claims found again get their new anchor; orphans keep their old anchor,
    /// quote and all their work, marked `orphan`. Returns one result per claim, in the order
    /// the claims had before the call; claims are then sorted by position.
    pub fn replace_article_text(&mut self, new_text: String) -> Vec<ReanchorResult> {
        let results = reanchor(&self.article.text, &new_text, &self.claims);
        self.article.text = Arc::from(new_text);
        for (claim, result) in self.claims.iter_mut().zip(&results) {
            match &result.anchor {
                Some(anchor) => {
                    claim.anchor = anchor.clone();
                    claim.orphan = false;
                }
                None => claim.orphan = true,
            }
        }
        self.sort_claims();
        results
    }
}

/// A result for a claim found at `start..end` of the new text (context refreshed).
fn found(
    claim: &Claim,
    outcome: ReanchorOutcome,
    text: &str,
    index: &TextIndex,
    start: usize,
    end: usize,
) -> ReanchorResult {
    ReanchorResult {
        claim_id: claim.id,
        outcome,
        anchor: Some(Anchor::from_range(text, index, start, end)),
    }
}

/// Where unchanged lines of the old text went in the new text, from one line diff.
struct PositionMap {
    /// `(old_start, old_end, new_start, new_end)` char ranges of each diff op, in order;
    /// `equal` says whether the op kept the lines.
    ops: Vec<MapOp>,
}

struct MapOp {
    equal: bool,
    old_start: usize,
    old_end: usize,
    new_start: usize,
    new_end: usize,
}

impl PositionMap {
    fn identity(index: &TextIndex) -> Self {
        let total = index.total_chars();
        Self {
            ops: vec![MapOp {
                equal: true,
                old_start: 0,
                old_end: total,
                new_start: 0,
                new_end: total,
            }],
        }
    }

    fn new(old_text: &str, new_text: &str, old_index: &TextIndex, new_index: &TextIndex) -> Self {
        let diff = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Myers)
            .timeout(DIFF_TIMEOUT)
            .diff_lines(old_text, new_text);
        let line_start = |index: &TextIndex, line: usize| {
            index
                .paragraphs()
                .get(line)
                .map_or(index.total_chars(), |p| p.chars.start)
        };
        let ops = diff
            .ops()
            .iter()
            .map(|op| {
                let (tag, old, new) = op.as_tag_tuple();
                MapOp {
                    equal: tag == similar::DiffTag::Equal,
                    old_start: line_start(old_index, old.start),
                    old_end: line_start(old_index, old.end),
                    new_start: line_start(new_index, new.start),
                    new_end: line_start(new_index, new.end),
                }
            })
            .collect();
        Self { ops }
    }

    /// The op containing old char `pos` (the last op for the end of the text).
    fn op_at(&self, pos: usize) -> Option<&MapOp> {
        let i = self.ops.partition_point(|op| op.old_end <= pos);
        self.ops.get(i).or_else(|| self.ops.last())
    }

    /// The new range of old `start..end` when all of it lies in unchanged lines.
    fn map_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let op = self.op_at(start)?;
        (op.equal && op.old_start <= start && end <= op.old_end).then(|| {
            let shift = op.new_start;
            (start - op.old_start + shift, end - op.old_start + shift)
        })
    }

    /// Where old char `pos` probably is now.
    fn approximate(&self, pos: usize) -> usize {
        self.op_at(pos).map_or(pos, |op| {
            let within = pos.saturating_sub(op.old_start);
            op.new_start + within.min(op.new_end.saturating_sub(op.new_start))
        })
    }
}

/// Every occurrence (char start, byte start) of the quotes of the pending claims, found in
/// one multi-pattern scan of the text for the first [`KEY_BYTES`] bytes of each quote (a
/// smaller automaton, built faster), each hit then checked against the whole quote.
fn find_all<'c>(
    text: &str,
    index: &TextIndex,
    claims: &'c [Claim],
    pending: &[(usize, usize)],
) -> HashMap<&'c str, Vec<(usize, usize)>> {
    let mut quotes: Vec<&str> = pending
        .iter()
        .map(|&(i, _)| claims[i].anchor.quote.as_str())
        .filter(|q| !q.is_empty())
        .collect();
    quotes.sort_unstable();
    quotes.dedup();
    let mut found: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut by_key: HashMap<&str, Vec<&str>> = HashMap::new();
    for quote in &quotes {
        let mut cut = quote.len().min(KEY_BYTES);
        while !quote.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = if cut == 0 { quote.len() } else { cut };
        by_key.entry(&quote[..cut]).or_default().push(quote);
    }
    let mut keys: Vec<&str> = by_key.keys().copied().collect();
    keys.sort_unstable();
    if keys.is_empty() {
        return found;
    }
    let Ok(matcher) = AhoCorasick::new(&keys) else {
        return found;
    };
    for m in matcher.find_overlapping_iter(text) {
        let rest = text.get(m.start()..).unwrap_or_default();
        for &quote in by_key
            .get(keys[m.pattern().as_usize()])
            .into_iter()
            .flatten()
        {
            if !rest.starts_with(quote) {
                continue;
            }
            let starts = found.entry(quote).or_default();
            if starts.len() < MAX_OCCURRENCES
                && let Some(start) = index.byte_to_char(text, m.start())
            {
                starts.push((start, m.start()));
            }
        }
    }
    found
}

/// Score of an exact occurrence: how much of the stored prefix and suffix match (0 to 1
/// each) and, with less weight, how near it is to where the claim was expected.
fn exact_score(
    text: &str,
    anchor: &Anchor,
    byte: usize,
    start: usize,
    expected: usize,
    total_chars: usize,
) -> f64 {
    let before = text.get(..byte).unwrap_or_default();
    let after = text.get(byte + anchor.quote.len()..).unwrap_or_default();
    let prefix_len = anchor.prefix.chars().count();
    let suffix_len = anchor.suffix.chars().count();
    let prefix_match = anchor
        .prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix_match = anchor
        .suffix
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let ratio = |matched: usize, len: usize| {
        if len == 0 {
            1.0
        } else {
            ratio_f64(matched, len)
        }
    };
    ratio(prefix_match, prefix_len)
        + ratio(suffix_match, suffix_len)
        + 0.5 * nearness(start, expected, total_chars.max(1))
}

/// 1 at the expected place, falling towards 0 at `scale` chars away.
fn nearness(pos: usize, expected: usize, scale: usize) -> f64 {
    1.0 - ratio_f64(pos.abs_diff(expected).min(scale), scale.max(1))
}

#[expect(
    clippy::cast_precision_loss,
    reason = "char counts are far below 2^52; scores need no more precision"
)]
fn ratio_f64(a: usize, b: usize) -> f64 {
    a as f64 / b as f64
}

/// Bounded fuzzy search for the quote near `expected`: returns the char range and score of
/// the best match at or above [`FUZZY_THRESHOLD`].
fn fuzzy_find(
    text: &str,
    index: &TextIndex,
    anchor: &Anchor,
    expected: usize,
) -> Option<(usize, usize, f32)> {
    let quote: Vec<char> = anchor.quote.chars().collect();
    let m = quote.len();
    if m < 4 {
        return None;
    }
    let total = index.total_chars();
    let radius = FUZZY_RADIUS + m.min(FUZZY_RADIUS * 4);
    let window_start = expected.saturating_sub(radius);
    let window_end = (expected + m + radius).min(total);
    if window_start >= window_end {
        return None;
    }
    let window: Vec<char> = index
        .slice(text, window_start..window_end)
        .chars()
        .collect();
    // Short quotes are matched whole; long ones by their head and tail (64 chars each).
    let head = &quote[..m.min(64)];
    let expected_in_window = expected.saturating_sub(window_start);
    let (head_end, head_distance) =
        Myers::new(head).best_end(&window, expected_in_window + head.len())?;
    let start =
        Myers::new(&reversed(head)).best_start(&window, head_end, head.len() + head_distance)?;
    let (end, quote_similarity) = if m <= 64 {
        (head_end + 1, 1.0 - ratio_f64(head_distance, m))
    } else {
        let tail = &quote[m - 64..];
        let from = (start + m / 2).min(window.len());
        let to = (start + m * 2).min(window.len());
        let (tail_end, tail_distance) =
            Myers::new(tail).best_end(&window[from..to], (start + m).saturating_sub(from))?;
        let end = from + tail_end + 1;
        let len = end.saturating_sub(start);
        let length_similarity = ratio_f64(len.min(m), len.max(m).max(1));
        let ends_similarity = 1.0 - ratio_f64(head_distance + tail_distance, 128);
        (end, ends_similarity * length_similarity)
    };
    if end <= start {
        return None;
    }
    let (start, end) = (window_start + start, window_start + end);
    let prefix_before = index.slice(
        text,
        start.saturating_sub(anchor.prefix.chars().count())..start,
    );
    let suffix_after = index.slice(text, end..(end + anchor.suffix.chars().count()).min(total));
    let context = |stored: &str, found: &str| {
        if stored.is_empty() {
            1.0
        } else {
            strsim::normalized_levenshtein(stored, found)
        }
    };
    let prefix_similarity = context(&anchor.prefix, prefix_before);
    let suffix_similarity = context(&anchor.suffix, suffix_after);
    // A short quote alone says little: its context must agree too.
    if m < 16 && prefix_similarity + suffix_similarity < 1.0 {
        return None;
    }
    let score = 0.7 * quote_similarity
        + 0.1 * prefix_similarity
        + 0.1 * suffix_similarity
        + 0.1 * nearness(start, expected, radius);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a score between 0 and 1 fits an f32"
    )]
    let score = score as f32;
    (quote_similarity >= f64::from(FUZZY_THRESHOLD) && score >= FUZZY_THRESHOLD)
        .then_some((start, end, score))
}

fn reversed(chars: &[char]) -> Vec<char> {
    chars.iter().rev().copied().collect()
}

/// Myers' bit-parallel approximate string matching (1999) for patterns of 1 to 64 chars:
/// for every position of a text, the edit distance between the pattern and the best
/// substring ending there, in one pass.
struct Myers {
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
    len: usize,
}

impl Myers {
    fn new(pattern: &[char]) -> Self {
        let pattern = &pattern[..pattern.len().min(64)];
        let mut matcher = Self {
            ascii: [0; 128],
            other: Vec::new(),
            len: pattern.len(),
        };
        for (i, &c) in pattern.iter().enumerate() {
            let bit = 1u64 << i;
            if let Some(slot) = usize::try_from(u32::from(c))
                .ok()
                .and_then(|c| matcher.ascii.get_mut(c))
            {
                *slot |= bit;
            } else if let Some(entry) = matcher.other.iter_mut().find(|(o, _)| *o == c) {
                entry.1 |= bit;
            } else {
                matcher.other.push((c, bit));
            }
        }
        matcher
    }

    fn peq(&self, c: char) -> u64 {
        usize::try_from(u32::from(c))
            .ok()
            .and_then(|i| self.ascii.get(i))
            .copied()
            .unwrap_or_else(|| {
                self.other
                    .iter()
                    .find(|(o, _)| *o == c)
                    .map_or(0, |&(_, bits)| bits)
            })
    }

    /// Call `f(j, distance)` for each position `j` of `text`.
    fn scan(&self, text: impl Iterator<Item = char>, mut f: impl FnMut(usize, usize)) {
        if self.len == 0 {
            return;
        }
        let high = 1u64 << (self.len - 1);
        let mut pv = u64::MAX;
        let mut mv = 0u64;
        let mut score = self.len;
        for (j, c) in text.enumerate() {
            let eq = self.peq(c);
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            if ph & high != 0 {
                score += 1;
            } else if mh & high != 0 {
                score -= 1;
            }
            ph <<= 1;
            mh <<= 1;
            pv = mh | !(xv | ph);
            mv = ph & xv;
            f(j, score);
        }
    }

    /// The end (inclusive) of the best match in `text`, ties broken by nearness to
    /// `expected_end`, with its distance.
    fn best_end(&self, text: &[char], expected_end: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.scan(text.iter().copied(), |j, distance| {
            let better = best.is_none_or(|(bj, bd)| {
                distance < bd
                    || (distance == bd && j.abs_diff(expected_end) < bj.abs_diff(expected_end))
            });
            if better {
                best = Some((j, distance));
            }
        });
        best
    }

    /// With `self` built on the reversed pattern: the start of the best match that ends at
    /// `end` (inclusive), looking back at most `max_len` chars.
    fn best_start(&self, text: &[char], end: usize, max_len: usize) -> Option<usize> {
        let from = (end + 1).saturating_sub(max_len);
        let back = text.get(from..=end)?.iter().rev().copied();
        let mut best: Option<(usize, usize)> = None;
        self.scan(back, |k, distance| {
            let better = best.is_none_or(|(bk, bd)| {
                distance < bd || (distance == bd && k.abs_diff(self.len) < bk.abs_diff(self.len))
            });
            if better {
                best = Some((k, distance));
            }
        });
        best.map(|(k, _)| end - k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edit distance of `pattern` to the best substring of `text` ending at each position.
    fn naive(pattern: &[char], text: &[char]) -> Vec<usize> {
        let m = pattern.len();
        let mut column: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for &c in text {
            let mut prev_diag = column[0];
            column[0] = 0;
            for i in 1..=m {
                let old = column[i];
                let cost = usize::from(pattern[i - 1] != c);
                column[i] = (prev_diag + cost).min(column[i - 1] + 1).min(old + 1);
                prev_diag = old;
            }
            out.push(column[m]);
        }
        out
    }

    #[test]
    fn myers_agrees_with_the_textbook_dynamic_programme() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let alphabet = ['a', 'b', 'c', 'é', '日', '👩'];
        for _ in 0..300 {
            let m = 1 + usize::try_from(next(64)).unwrap_or(1);
            let n = usize::try_from(next(200)).unwrap_or(0);
            let mut pick = || alphabet[usize::try_from(next(6)).unwrap_or(0)];
            let pattern: Vec<char> = (0..m).map(|_| pick()).collect();
            let text: Vec<char> = (0..n).map(|_| pick()).collect();
            let mut fast = Vec::new();
            Myers::new(&pattern).scan(text.iter().copied(), |_, d| fast.push(d));
            assert_eq!(fast, naive(&pattern, &text), "pattern {pattern:?}");
        }
    }

    #[test]
    fn position_map_follows_unchanged_lines() {
        let old = "one\ntwo three\nfour\n";
        let new = "zero\none\ntwo three\nFOUR\n";
        let (oi, ni) = (TextIndex::new(old), TextIndex::new(new));
        let map = PositionMap::new(old, new, &oi, &ni);
        // "three" is 8..13 in old and 13..18 in new.
        assert_eq!(map.map_range(8, 13), Some((13, 18)));
        // "four" changed: no exact mapping, but an approximate place.
        assert_eq!(map.map_range(14, 18), None);
        assert_eq!(map.approximate(14), 19);
    }
}
