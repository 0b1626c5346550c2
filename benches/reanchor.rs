//! T8: re-anchor 2,000 claims after the article text changed (1 MB; target <= 100 ms,
//! release build), against a naive baseline (whole-text search for every quote). Inputs are
//! generated with a fixed seed.
//!
//! `cargo bench --bench reanchor`

use criterion::{Criterion, criterion_group, criterion_main};
use factcheck::model::{ReanchorOutcome, TextIndex, find_occurrences, reanchor};

mod common;

fn reanchor_bench(c: &mut Criterion) {
    let old = common::article(1024 * 1024, 3);
    let project = common::project(&old, 2_000, 4);
    let claims = &project.claims;
    let new = common::edit(&old, 200, 5);
    let results = reanchor(&old, &new, claims);
    let count = |f: fn(&ReanchorOutcome) -> bool| results.iter().filter(|r| f(&r.outcome)).count();
    eprintln!(
        "2,000 claims, 200 edits + a moved paragraph: {} exact, {} moved, {} fuzzy, {} orphans",
        count(|o| *o == ReanchorOutcome::Unchanged),
        count(|o| *o == ReanchorOutcome::Moved),
        count(|o| matches!(o, ReanchorOutcome::Fuzzy { .. })),
        count(|o| *o == ReanchorOutcome::Orphan),
    );
    let rewritten = common::edit(&old, 5_000, 6);

    let mut group = c.benchmark_group("T8 re-anchor 2,000 claims in 1 MB");
    group.sample_size(10);
    group.bench_function("unchanged text", |b| {
        b.iter(|| reanchor(&old, std::hint::black_box(&old), claims));
    });
    group.bench_function("200 edits and a moved paragraph", |b| {
        b.iter(|| reanchor(&old, std::hint::black_box(&new), claims));
    });
    group.bench_function("5,000 edits (most paragraphs touched)", |b| {
        b.iter(|| reanchor(&old, std::hint::black_box(&rewritten), claims));
    });
    group.bench_function("baseline: whole-text search for every quote", |b| {
        b.iter(|| {
            let index = TextIndex::new(&new);
            claims
                .iter()
                .map(|claim| {
                    find_occurrences(&new, &index, &claim.anchor.quote)
                        .first()
                        .copied()
                })
                .filter(Option::is_some)
                .count()
        });
    });
    group.finish();
}

criterion_group!(benches, reanchor_bench);
criterion_main!(benches);
