//! Re-anchoring claims after the article text changed, in every script.

use factcheck::model::{
    Anchor, ArticleMeta, Claim, Project, ReanchorOutcome, TextIndex, find_occurrences, reanchor,
};

const MULTISCRIPT: &str = include_str!("fixtures/import/multiscript-utf8.txt");

/// A claim on the `n`-th (0-based) occurrence of `quote` in `text`.
fn claim_on(text: &str, quote: &str, n: usize) -> Claim {
    let index = TextIndex::new(text);
    let start = find_occurrences(text, &index, quote)[n];
    Claim::new(Anchor::from_range(
        text,
        &index,
        start,
        start + quote.chars().count(),
    ))
}

/// The text at an anchor's char range.
fn at(text: &str, anchor: &Anchor) -> String {
    text.chars()
        .skip(anchor.start)
        .take(anchor.end - anchor.start)
        .collect()
}

/// Quotes in every script the issue names.
const SCRIPT_QUOTES: [&str; 8] = [
    "日本は2030年までに排出量を46%削減します",
    "中国已经建成了全球最大的可再生能源体系。",
    "مصر تنتج ٤٢٪ من كهربائها من مصادر متجددة",
    "ישראל תגיע ל-30% אנרגיה מתחדשת עד 2030",
    "Україна скоротила викиди на 30% з 2021 року",
    "Η Ελλάδα κατάργησε τον λιγνίτη το 2025",
    "families with children 👨‍👩‍👧‍👦 and cyclists 🚴🏽‍♀️",
    "regio\u{301}n (sic)",
];

#[test]
fn unchanged_text_keeps_every_position() {
    let claims: Vec<Claim> = SCRIPT_QUOTES
        .iter()
        .map(|q| claim_on(MULTISCRIPT, q, 0))
        .collect();
    let results = reanchor(MULTISCRIPT, MULTISCRIPT, &claims);
    for (claim, result) in claims.iter().zip(&results) {
        assert_eq!(result.claim_id, claim.id);
        assert_eq!(result.outcome, ReanchorOutcome::Unchanged);
        assert_eq!(result.anchor.as_ref(), Some(&claim.anchor));
    }
}

#[test]
fn claims_in_every_script_move_with_inserted_text() {
    let claims: Vec<Claim> = SCRIPT_QUOTES
        .iter()
        .map(|q| claim_on(MULTISCRIPT, q, 0))
        .collect();
    // An update note with emoji, CJK and a combining mark at the top; an edited paragraph in
    // the middle (the claims around it are in unchanged lines).
    let new_text = format!(
        "Update 👩‍👩‍👧: corrected figures — 更正 e\u{301}\n\n{}",
        MULTISCRIPT.replace(
            "a figure its own ministry",
            "a figure that its own ministry"
        )
    );
    let results = reanchor(MULTISCRIPT, &new_text, &claims);
    let new_index = TextIndex::new(&new_text);
    for ((claim, result), quote) in claims.iter().zip(&results).zip(SCRIPT_QUOTES) {
        let anchor = result.anchor.as_ref().expect("found");
        assert_eq!(result.claim_id, claim.id);
        assert_eq!(result.outcome, ReanchorOutcome::Moved, "{quote}");
        // Each quote occurs once: the new anchor must be exactly there, in chars.
        let expected = find_occurrences(&new_text, &new_index, quote);
        assert_eq!(expected.len(), 1, "{quote}");
        assert_eq!(anchor.start, expected[0], "{quote}");
        assert_eq!(anchor.end, expected[0] + quote.chars().count(), "{quote}");
        assert_eq!(at(&new_text, anchor), quote);
        assert_eq!(anchor.quote, quote);
    }
}

#[test]
fn repeated_quote_is_told_apart_by_context() {
    let old = "Sales: the rate rose sharply in Paris.\nWages: the rate rose sharply in Lyon.\n";
    let claim = claim_on(old, "the rate rose sharply", 1);
    // Both lines change and the Lyon line moves first: no line is left unchanged.
    let new = "Wages (revised): the rate rose sharply in Lyon.\nSales (revised): the rate rose sharply in Paris.\n";
    let results = reanchor(old, new, std::slice::from_ref(&claim));
    let anchor = results[0].anchor.as_ref().expect("found");
    assert_eq!(results[0].outcome, ReanchorOutcome::Moved);
    assert_eq!(anchor.start, "Wages (revised): ".chars().count());
    assert_eq!(anchor.suffix, " in Lyon.\nSales (revised): the r");
}

#[test]
fn corrected_figure_is_found_by_fuzzy_match() {
    let old = "Intro line.\nThe minister said prices rose 30 percent in 2024, a record.\nOutro.\n";
    let new = "Intro line.\nThe minister said prices rose 35 percent in 2024, a record.\nOutro.\n";
    let claim = claim_on(old, "prices rose 30 percent in 2024", 0);
    let results = reanchor(old, new, std::slice::from_ref(&claim));
    let anchor = results[0].anchor.as_ref().expect("found");
    let ReanchorOutcome::Fuzzy { score } = results[0].outcome else {
        panic!("expected fuzzy, got {:?}", results[0].outcome);
    };
    assert!((0.9..1.0).contains(&score), "score {score}");
    assert_eq!(anchor.quote, "prices rose 35 percent in 2024");
}

#[test]
fn fuzzy_match_offsets_are_right_in_cjk_and_emoji() {
    let old = "前言。\n日本は2030年までに排出量を46%削減します 👩‍👩‍👧 と述べた。\n";
    let new = "前言。\n日本は2035年までに排出量を50%削減します 👩‍👩‍👧 と述べた。\n";
    let claim = claim_on(old, "日本は2030年までに排出量を46%削減します 👩‍👩‍👧", 0);
    let results = reanchor(old, new, std::slice::from_ref(&claim));
    let anchor = results[0].anchor.as_ref().expect("found");
    assert!(matches!(results[0].outcome, ReanchorOutcome::Fuzzy { .. }));
    assert_eq!(anchor.quote, "日本は2035年までに排出量を50%削減します 👩‍👩‍👧");
    assert_eq!(at(new, anchor), anchor.quote);
}

#[test]
fn long_quote_with_an_edit_is_found_by_head_and_tail() {
    let sentence = "The report, published on Tuesday by the national statistics office after months of delay, found that unemployment fell to 4.1 percent in the third quarter, the lowest level since records began in 1971.";
    let old = format!("Intro.\n{sentence}\nOutro.\n");
    let edited = sentence.replace("4.1 percent", "4.3 percent");
    let new = format!("Intro.\n{edited}\nOutro.\n");
    let claim = claim_on(&old, sentence, 0);
    let results = reanchor(&old, &new, std::slice::from_ref(&claim));
    let anchor = results[0].anchor.as_ref().expect("found");
    assert!(matches!(results[0].outcome, ReanchorOutcome::Fuzzy { .. }));
    assert_eq!(anchor.quote, edited);
}

#[test]
fn removed_claim_becomes_an_orphan_and_keeps_its_work() {
    let old = "Keep this line.\nThe senator said crime doubled last year.\nAnd this one.\n";
    let new = "Keep this line.\nAnd this one.\n";
    let mut project = Project::new(old, ArticleMeta::default());
    let mut gone = claim_on(old, "crime doubled last year", 0);
    gone.verdict = Some("false".to_owned());
    gone.conclusion = "Police data show a 3% fall.".to_owned();
    let kept = claim_on(old, "And this one", 0);
    let (gone_id, kept_id) = (gone.id, kept.id);
    project.claims = vec![gone.clone(), kept];
    let results = project.replace_article_text(new.to_owned());
    assert_eq!(results[0].claim_id, gone_id);
    assert_eq!(results[0].outcome, ReanchorOutcome::Orphan);
    assert_eq!(results[0].anchor, None);
    assert_eq!(results[1].claim_id, kept_id);
    assert_eq!(results[1].outcome, ReanchorOutcome::Moved);
    assert_eq!(&*project.article.text, new);
    let orphan = project.claim(gone_id).expect("orphan kept");
    assert!(orphan.orphan);
    assert_eq!(orphan.anchor, gone.anchor);
    assert_eq!(orphan.verdict.as_deref(), Some("false"));
    assert_eq!(orphan.conclusion, "Police data show a 3% fall.");
    let moved = project.claim(kept_id).expect("kept");
    assert!(!moved.orphan);
    assert_eq!(at(new, &moved.anchor), "And this one");
    // Orphans sort last.
    assert_eq!(project.claims[1].id, gone_id);
}

#[test]
fn orphan_is_reattached_when_its_quote_comes_back() {
    let text = "A first line.\nThe senator said crime doubled last year.\n";
    let mut claim = claim_on(text, "crime doubled last year", 0);
    claim.orphan = true;
    claim.anchor.start = 0;
    claim.anchor.end = 5;
    let results = reanchor(text, text, std::slice::from_ref(&claim));
    assert_eq!(results[0].outcome, ReanchorOutcome::Moved);
    let anchor = results[0].anchor.as_ref().expect("found");
    assert_eq!(at(text, anchor), "crime doubled last year");
}

#[test]
fn paragraph_moved_far_away_is_found() {
    let mut old = String::from("Opening paragraph.\n\n");
    for i in 0..200 {
        old.push_str(&format!(
            "Filler paragraph number {i} about nothing much.\n\n"
        ));
    }
    old.push_str("Closing: the mayor said 12,000 homes were built.\n");
    let claim = claim_on(&old, "the mayor said 12,000 homes were built", 0);
    let new = format!(
        "Closing: the mayor said 12,000 homes were built.\n\n{}",
        old.replace("Closing: the mayor said 12,000 homes were built.\n", "")
    );
    let results = reanchor(&old, &new, std::slice::from_ref(&claim));
    assert_eq!(results[0].outcome, ReanchorOutcome::Moved);
    let anchor = results[0].anchor.as_ref().expect("found");
    assert_eq!(anchor.start, "Closing: ".len());
}

#[test]
fn unrelated_new_text_orphans_everything_and_never_panics() {
    let claims: Vec<Claim> = SCRIPT_QUOTES
        .iter()
        .map(|q| claim_on(MULTISCRIPT, q, 0))
        .collect();
    for new in ["", "x", "Completely different article about gardening.\n"] {
        let results = reanchor(MULTISCRIPT, new, &claims);
        assert_eq!(results.len(), claims.len());
        assert!(
            results.iter().all(|r| r.outcome == ReanchorOutcome::Orphan),
            "{results:?}"
        );
    }
}
