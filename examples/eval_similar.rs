//! Measure "Checked before?" on the development set: the 45 fixture ClaimReviews of
//! `assets/dev/claimreviews.json` among 10,000 synthetic distractors, searched with the 50
//! tweet- and quote-like queries of `assets/dev/queries.tsv` (relevant checks in
//! `assets/dev/qrels.tsv`). Prints MAP@5, the import time and query latency.
//!
//! `cargo run --release --example eval_similar [DISTRACTORS]`

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use factcheck::research::eval::{average_precision_at, mean, synthetic_feed};
use factcheck::research::library::Library;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let distractors: usize = std::env::args().nth(1).map_or(Ok(10_000), |a| a.parse())?;
    let dev = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/dev"));
    let work = tempfile::tempdir()?;
    let feed = work.path().join("distractors.json");
    std::fs::write(&feed, synthetic_feed(distractors, 7))?;
    let example = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/projects"));

    let started = Instant::now();
    let mut library = Library::open(&work.path().join("library"))?;
    let report = library.import(&[dev.join("claimreviews.json"), feed, example])?;
    let import_time = started.elapsed();
    println!(
        "imported {} checks ({} added, {} skipped) in {:.0} ms",
        library.records().len(),
        report.added,
        report.skipped_total(),
        import_time.as_secs_f64() * 1000.0
    );

    let started = Instant::now();
    let mut reopened = Library::open(library.dir())?;
    let _ = reopened.search("warm up", 1);
    println!(
        "open + index build: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut qrels: HashMap<String, Vec<String>> = HashMap::new();
    for line in std::fs::read_to_string(dev.join("qrels.tsv"))?.lines() {
        if let Some((qid, url)) = line.split_once('\t') {
            qrels
                .entry(qid.to_owned())
                .or_default()
                .push(url.to_owned());
        }
    }
    let mut aps = Vec::new();
    let mut latencies = Vec::new();
    let mut misses = Vec::new();
    for line in std::fs::read_to_string(dev.join("queries.tsv"))?.lines() {
        let Some((qid, query)) = line.split_once('\t') else {
            continue;
        };
        let relevant = qrels.get(qid).cloned().unwrap_or_default();
        let started = Instant::now();
        let matches = reopened.search(query, 5);
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        let ranked: Vec<bool> = matches
            .iter()
            .map(|m| relevant.contains(&m.record.url))
            .collect();
        let ap = average_precision_at(&ranked, relevant.len(), 5);
        if ap < 1.0 {
            let top = matches.first().map_or("-", |m| m.record.url.as_str());
            misses.push(format!("{qid} AP@5 {ap:.2} top: {top}"));
        }
        aps.push(ap);
    }
    latencies.sort_by(f64::total_cmp);
    let p95 = latencies
        .get((latencies.len() * 95).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    for miss in &misses {
        println!("  {miss}");
    }
    println!(
        "MAP@5 {:.3} over {} queries; query latency median {:.2} ms, p95 {:.2} ms",
        mean(&aps),
        aps.len(),
        latencies
            .get(latencies.len() / 2)
            .copied()
            .unwrap_or_default(),
        p95
    );
    Ok(())
}
