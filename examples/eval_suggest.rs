//! Measure the claim suggestions on the labelled development set `assets/dev/checkworthy.tsv`:
//! F1 of `suggested` and average precision of `score` on a balanced subset, and mean average
//! precision over whole transcripts. Figures are printed for the `dev` split (the weights were
//! set looking at it), the `heldout` split (never looked at while setting weights) and both.
//!
//! `cargo run --example eval_suggest [FILE] [--errors]` (`--errors` lists the misjudged
//! sentences of the `dev` split only, so the held-out split stays unseen).

use std::collections::BTreeMap;

use factcheck::research::eval::{average_precision, f1, mean};
use factcheck::research::score_sentence;

struct Row {
    transcript: String,
    split: String,
    gold: bool,
    score: f64,
    suggested: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let show_errors = std::env::args().any(|a| a == "--errors");
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/dev/checkworthy.tsv").to_owned()
        });
    let text = std::fs::read_to_string(&path)?;
    let mut rows = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        let [transcript, split, label, sentence] = cols[..] else {
            return Err(format!("bad line: {line}").into());
        };
        let s = score_sentence(sentence);
        if show_errors && split == "dev" && s.suggested != (label == "1") {
            let reasons: Vec<&str> = s.reasons.iter().map(|r| r.feature.code()).collect();
            println!("{label} {:.2} {sentence}  [{}]", s.score, reasons.join(","));
        }
        rows.push(Row {
            transcript: transcript.to_owned(),
            split: split.to_owned(),
            gold: label == "1",
            score: f64::from(s.score),
            suggested: s.suggested,
        });
    }
    println!("{path}: {} sentences", rows.len());
    println!(
        "{:<8} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "split", "sent", "pos", "P", "R", "F1", "AP", "MAP"
    );
    for split in ["dev", "heldout", "all"] {
        let part: Vec<&Row> = rows
            .iter()
            .filter(|r| split == "all" || r.split == split)
            .collect();
        let balanced = balanced(&part);
        let m = f1(&balanced
            .iter()
            .map(|r| (r.suggested, r.gold))
            .collect::<Vec<_>>());
        let ap = average_precision(
            &balanced
                .iter()
                .map(|r| (r.score, r.gold))
                .collect::<Vec<_>>(),
        );
        let mut by_transcript: BTreeMap<&str, Vec<(f64, bool)>> = BTreeMap::new();
        for r in &part {
            by_transcript
                .entry(r.transcript.as_str())
                .or_default()
                .push((r.score, r.gold));
        }
        let aps: Vec<f64> = by_transcript
            .values()
            .map(|v| average_precision(v))
            .collect();
        println!(
            "{split:<8} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
            balanced.len(),
            balanced.iter().filter(|r| r.gold).count(),
            m.precision,
            m.recall,
            m.f1,
            ap,
            mean(&aps)
        );
    }
    Ok(())
}

/// Every positive and as many negatives (or the other way round), taken evenly through the
/// file so the subset is deterministic.
fn balanced<'r>(rows: &[&'r Row]) -> Vec<&'r Row> {
    let positives: Vec<&Row> = rows.iter().copied().filter(|r| r.gold).collect();
    let negatives: Vec<&Row> = rows.iter().copied().filter(|r| !r.gold).collect();
    let n = positives.len().min(negatives.len());
    let even = |v: &[&'r Row]| -> Vec<&'r Row> { (0..n).map(|i| v[i * v.len() / n]).collect() };
    let mut out = even(&positives);
    out.extend(even(&negatives));
    out
}
