//! T6: load and save of a project with 10,000 claims and a 5 MB article (target <= 100 ms
//! each, release build). Inputs are generated with a fixed seed.
//!
//! `cargo bench --bench load_save`

use criterion::{Criterion, criterion_group, criterion_main};
use factcheck::io::{from_ron_str, load_project, save_project, to_ron_string};

mod common;

fn load_save(c: &mut Criterion) {
    let text = common::article(5 * 1024 * 1024, 1);
    let project = common::project(&text, 10_000, 2);
    let ron = to_ron_string(&project).expect("serialises");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.ron");
    save_project(&project, &path).expect("saves");
    eprintln!(
        "project: {} claims, article {} bytes, file {} bytes",
        project.claims.len(),
        text.len(),
        ron.len()
    );

    let mut group = c.benchmark_group("T6 project 10k claims, 5 MB article");
    group.sample_size(20);
    group.bench_function("load: parse + check (from_ron_str)", |b| {
        b.iter(|| from_ron_str(std::hint::black_box(&ron)).expect("loads"));
    });
    group.bench_function("load: read file + parse + check (load_project)", |b| {
        b.iter(|| load_project(&path).expect("loads"));
    });
    group.bench_function("save: serialise (to_ron_string)", |b| {
        b.iter(|| to_ron_string(std::hint::black_box(&project)).expect("serialises"));
    });
    group.bench_function(
        "save: serialise + atomic write with fsync (save_project)",
        |b| {
            b.iter(|| save_project(&project, &path).expect("saves"));
        },
    );
    group.bench_function("baseline: serde_json parse", |b| {
        let json = serde_json::to_string(&project).expect("json");
        b.iter(|| {
            serde_json::from_str::<factcheck::model::Project>(std::hint::black_box(&json))
                .expect("parses")
        });
    });
    group.finish();
}

criterion_group!(benches, load_save);
criterion_main!(benches);
