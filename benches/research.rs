//! Research help speed: check-worthiness scoring (target: at least 20,000 sentences per second
//! on one core), sentence splitting, and one "Checked before?" query among 10,000 checks
//! (target: 20 ms at p95).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factcheck::research::eval::synthetic_feed;
use factcheck::research::library::Library;
use factcheck::research::{score_sentence, split_sentences, suggest};

/// The labelled development sentences, as one article (one sentence per line).
fn dev_sentences() -> Vec<String> {
    include_str!("../assets/dev/checkworthy.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.splitn(4, '\t').nth(3))
        .map(str::to_owned)
        .collect()
}

fn scoring(c: &mut Criterion) {
    let sentences = dev_sentences();
    let mut group = c.benchmark_group("checkworthiness");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("score_sentence x311", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(score_sentence(black_box(s)));
            }
        });
    });
    let article = sentences.join(" ");
    group.bench_function("split_sentences x311", |b| {
        b.iter(|| black_box(split_sentences(black_box(&article))));
    });
    group.bench_function("suggest (split + score) x311", |b| {
        b.iter(|| black_box(suggest(black_box(&article), &[])));
    });
    group.finish();
}

fn similar(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = dir.path().join("feed.json");
    std::fs::write(&feed, synthetic_feed(10_000, 3)).expect("write feed");
    let mut library = Library::open(&dir.path().join("library")).expect("library");
    library.import(&[feed]).expect("import");
    let _ = library.search("warm up", 5);
    c.bench_function("similar: one query among 10,000 checks", |b| {
        b.iter(|| {
            black_box(
                library
                    .search(
                        black_box(
                            "Crime in Ohio has DOUBLED since 2019!! #SafeStreets https://t.co/x",
                        ),
                        5,
                    )
                    .len(),
            )
        });
    });
}

criterion_group!(benches, scoring, similar);
criterion_main!(benches);
