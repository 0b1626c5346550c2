//! Aligning claims that two people marked independently (no shared id) by how much their
//! spans overlap.

use crate::model::Claim;

/// Two spans are the same claim when they share at least this fraction of their union
/// (Jaccard index of the char ranges).
pub const MIN_OVERLAP: f64 = 0.5;

/// Overlap of two claims' spans: shared chars over chars covered by either, 0 to 1. Orphans
/// never overlap anything.
#[must_use]
pub fn overlap(a: &Claim, b: &Claim) -> f64 {
    if a.orphan || b.orphan {
        return 0.0;
    }
    let (a, b) = (&a.anchor, &b.anchor);
    let shared = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end).saturating_sub(a.start.min(b.start));
    if shared == 0 || union == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "char counts are far below 2^52")]
    let ratio = shared as f64 / union as f64;
    ratio
}

/// Pair claims of `ours` with claims of `theirs` whose spans overlap by at least
/// [`MIN_OVERLAP`], best overlaps first, each claim in at most one pair. Returns index pairs
/// `(ours, theirs)` sorted by our index.
///
/// Runs in `O((n + m) log m + candidates)`: a span can only reach [`MIN_OVERLAP`] with spans
/// that start within its own length before it, so each claim looks at a short window.
#[must_use]
pub fn by_overlap(ours: &[&Claim], theirs: &[&Claim]) -> Vec<(usize, usize)> {
    let mut by_start: Vec<usize> = (0..theirs.len()).collect();
    by_start.sort_by_key(|&j| (theirs[j].anchor.start, theirs[j].anchor.end, theirs[j].id));
    let starts: Vec<usize> = by_start.iter().map(|&j| theirs[j].anchor.start).collect();
    let mut candidates = Vec::new();
    for (i, claim) in ours.iter().enumerate() {
        let (start, end) = (claim.anchor.start, claim.anchor.end);
        let len = end.saturating_sub(start);
        let from = starts.partition_point(|&s| s < start.saturating_sub(len));
        let to = starts.partition_point(|&s| s < end);
        for &j in &by_start[from..to] {
            let score = overlap(claim, theirs[j]);
            if score >= MIN_OVERLAP {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut ours_taken = vec![false; ours.len()];
    let mut theirs_taken = vec![false; theirs.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !ours_taken[i] && !theirs_taken[j] {
            ours_taken[i] = true;
            theirs_taken[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Anchor;

    fn claim(start: usize, end: usize) -> Claim {
        Claim::new(Anchor {
            start,
            end,
            ..Anchor::default()
        })
    }

    #[test]
    fn overlap_is_shared_over_union() {
        assert!((overlap(&claim(0, 10), &claim(0, 10)) - 1.0).abs() < 1e-9);
        assert!((overlap(&claim(0, 10), &claim(5, 15)) - 5.0 / 15.0).abs() < 1e-9);
        assert!(overlap(&claim(0, 10), &claim(10, 20)).abs() < 1e-9);
        let mut orphan = claim(0, 10);
        orphan.orphan = true;
        assert!(overlap(&orphan, &claim(0, 10)).abs() < 1e-9);
    }

    #[test]
    fn best_overlap_wins_and_each_claim_pairs_once() {
        let ours = [claim(0, 20), claim(100, 140)];
        let theirs = [claim(2, 20), claim(0, 19), claim(110, 140), claim(300, 310)];
        let o: Vec<&Claim> = ours.iter().collect();
        let t: Vec<&Claim> = theirs.iter().collect();
        // (0,20) vs (0,19) = 0.95 beats (2,20) = 0.9; (100,140) vs (110,140) = 0.75.
        assert_eq!(by_overlap(&o, &t), vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn a_long_span_started_earlier_is_found() {
        let ours = [claim(50, 60)];
        let theirs = [claim(45, 62)];
        let o: Vec<&Claim> = ours.iter().collect();
        let t: Vec<&Claim> = theirs.iter().collect();
        assert_eq!(by_overlap(&o, &t), vec![(0, 0)]);
        // Too little shared: 10 of 40 chars.
        let theirs = [claim(30, 70)];
        let t: Vec<&Claim> = theirs.iter().collect();
        assert!(by_overlap(&o, &t).is_empty());
    }
}
