//! Metrics for the development sets: F1 of a yes/no decision, average precision of a ranking,
//! and their means (MAP, MAP@k).

/// Precision, recall and F1 of predictions against gold labels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct F1 {
    /// Of the predicted positives, the share that are positive.
    pub precision: f64,
    /// Of the positives, the share predicted.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// F1 of `(predicted, gold)` pairs.
#[must_use]
pub fn f1(pairs: &[(bool, bool)]) -> F1 {
    let tp = pairs.iter().filter(|(p, g)| *p && *g).count() as f64;
    let fp = pairs.iter().filter(|(p, g)| *p && !*g).count() as f64;
    let fn_ = pairs.iter().filter(|(p, g)| !*p && *g).count() as f64;
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    F1 {
        precision,
        recall,
        f1,
    }
}

/// Average precision of `(score, relevant)` items ranked by score (highest first; ties keep
/// their order). 0 when nothing is relevant.
#[must_use]
pub fn average_precision(items: &[(f64, bool)]) -> f64 {
    let mut ranked: Vec<&(f64, bool)> = items.iter().collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let relevant = ranked.iter().filter(|(_, r)| *r).count();
    if relevant == 0 {
        return 0.0;
    }
    let mut hits = 0.0;
    let mut sum = 0.0;
    for (i, (_, r)) in ranked.iter().enumerate() {
        if *r {
            hits += 1.0;
            sum += hits / (i as f64 + 1.0);
        }
    }
    sum / relevant as f64
}

/// Average precision at `k` of a ranked list: `ranked[i]` says whether the i-th result is
/// relevant; `relevant_total` is how many relevant items exist. Divided by
/// `min(k, relevant_total)`, as in the CheckThat! verified-claim retrieval task.
#[must_use]
pub fn average_precision_at(ranked: &[bool], relevant_total: usize, k: usize) -> f64 {
    if relevant_total == 0 {
        return 0.0;
    }
    let mut hits = 0.0;
    let mut sum = 0.0;
    for (i, r) in ranked.iter().take(k).enumerate() {
        if *r {
            hits += 1.0;
            sum += hits / (i as f64 + 1.0);
        }
    }
    sum / relevant_total.min(k) as f64
}

/// Mean of the values (0 for none).
#[must_use]
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// A synthetic ClaimReview `DataFeed` of `n` plausible but made-up checks (topics, places,
/// numbers and verdicts drawn with a fixed pseudo-random sequence from `seed`): distractors
/// for measuring retrieval at library scale. URLs are `https://distractor.invalid/N`.
#[must_use]
pub fn synthetic_feed(n: usize, seed: u64) -> String {
    const SUBJECTS: &[&str] = &[
        "violent crime",
        "the unemployment rate",
        "vaccination rates",
        "gas prices",
        "rents",
        "teacher salaries",
        "student debt",
        "farm income",
        "the murder rate",
        "wind power",
        "coal jobs",
        "the federal deficit",
        "immigration",
        "property taxes",
        "hospital wait times",
        "school funding",
        "bridge repairs",
        "police funding",
        "voter turnout",
        "mail-in ballots",
        "inflation",
        "wages",
        "home prices",
        "opioid deaths",
        "carbon emissions",
        "sea levels",
        "military spending",
        "aid to Ukraine",
        "soybean exports",
        "dairy prices",
        "broadband access",
        "child poverty",
        "health premiums",
        "the minimum wage",
        "corporate taxes",
        "drug prices",
        "tuition",
        "homelessness",
    ];
    const PLACES: &[&str] = &[
        "Ohio",
        "Texas",
        "Georgia",
        "Arizona",
        "the city",
        "the state",
        "rural counties",
        "Florida",
        "Michigan",
        "New York",
        "California",
        "Wisconsin",
        "Pennsylvania",
        "Iowa",
        "the country",
        "Europe",
        "Canada",
        "the county",
        "Nevada",
        "North Carolina",
    ];
    const TRENDS: &[&str] = &[
        "rose",
        "fell",
        "doubled",
        "tripled",
        "dropped",
        "climbed",
        "were cut",
        "surged",
        "went up",
        "went down",
        "hit a record high",
        "hit a record low",
        "stayed flat",
    ];
    const CLAIMANTS: &[&str] = &[
        "Governor Ellen Park",
        "Senator Rob Hale",
        "Mayor Lisa Grant",
        "Congressman Ed Moss",
        "a viral Facebook post",
        "a campaign ad",
        "a cable news host",
        "a state lawmaker",
        "a White House spokesperson",
        "a union leader",
        "a think tank report",
        "a TikTok video",
    ];
    const VERDICTS: &[&str] = &[
        "True",
        "Mostly True",
        "Half True",
        "Mostly False",
        "False",
        "Pants on Fire",
        "Misleading",
        "Needs Context",
    ];
    const PUBLISHERS: &[&str] = &[
        "State Fact Desk",
        "Verify Team",
        "Truth Meter",
        "Claim Watch",
        "Check Daily",
    ];
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = |len: usize| -> usize {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % len
    };
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let subject = SUBJECTS[next(SUBJECTS.len())];
        let place = PLACES[next(PLACES.len())];
        let trend = TRENDS[next(TRENDS.len())];
        let number = 2 + next(97);
        let year = 1990 + next(34);
        let claim = match next(4) {
            0 => format!("{subject} in {place} {trend} by {number} percent since {year}."),
            1 => format!("{place} has the highest {subject} in the nation."),
            2 => format!("{subject} {trend} after the {year} law in {place}."),
            _ => format!("{number},000 people in {place} were affected as {subject} {trend}."),
        };
        let claimant = CLAIMANTS[next(CLAIMANTS.len())];
        items.push(serde_json::json!({
            "@type": "DataFeedItem",
            "item": [{
                "@type": "ClaimReview",
                "url": format!("https://distractor.invalid/{i}"),
                "claimReviewed": claim,
                "headline": format!("Checking {claimant} on {subject}"),
                "datePublished": format!("{}-{:02}-{:02}", 2015 + next(10), 1 + next(12), 1 + next(28)),
                "publisher": {"@type": "Organization", "name": PUBLISHERS[next(PUBLISHERS.len())]},
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": claimant}},
                "reviewRating": {"@type": "Rating", "alternateName": VERDICTS[next(VERDICTS.len())]},
            }],
        }));
    }
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": items,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_match_hand_computed_values() {
        let m = f1(&[(true, true), (true, false), (false, true), (false, false)]);
        assert!((m.f1 - 0.5).abs() < 1e-9);
        // Relevant at ranks 1 and 3: (1/1 + 2/3) / 2.
        let ap = average_precision(&[(0.9, true), (0.8, false), (0.7, true), (0.1, false)]);
        assert!((ap - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((average_precision_at(&[false, true], 1, 5) - 0.5).abs() < 1e-9);
        assert_eq!(average_precision_at(&[false; 5], 1, 5), 0.0);
    }
}
