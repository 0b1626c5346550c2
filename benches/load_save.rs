//! T6: load and save of a project with 10,000 claims and a 5 MB article (target <= 100 ms
//! each, release build), split by stage so the figures say where the time goes. Inputs are
//! generated with a fixed seed. What a load or a clone returns is dropped outside the
//! timing (`without_drop`): freeing a project is not part of loading it.
//!
//! `cargo bench --bench load_save`

use criterion::{BatchSize, Bencher, Criterion, criterion_group, criterion_main};
use factcheck::io::project_file::stages;
use factcheck::io::{
    from_ron_str, load_project_stamped, save_project, save_project_checked, to_ron_string,
};
use std::hint::black_box;

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

    // The headline figures first, on a heap no other benchmark has fragmented yet (as in
    // the app, where a load runs on its own thread with its own malloc arena).
    let mut group = c.benchmark_group("T6 load and save");
    group.sample_size(20);
    group.bench_function("load: text to project (from_ron_str)", |b| {
        without_drop(b, || from_ron_str(black_box(&ron)).expect("loads"));
    });
    group.bench_function(
        "load: file to project + stamp (load_project_stamped)",
        |b| {
            without_drop(b, || load_project_stamped(&path).expect("loads"));
        },
    );
    group.bench_function("save: serialise (to_ron_string)", |b| {
        b.iter(|| to_ron_string(black_box(&project)).expect("serialises"));
    });
    group.bench_function(
        "save: as the app does: check + write + fsync + stamp (save_project_checked)",
        |b| {
            let (_, mut stamp) = load_project_stamped(&path).expect("loads");
            b.iter(|| {
                stamp = save_project_checked(&project, &path, Some(&stamp)).expect("saves");
            });
        },
    );
    group.bench_function("save: serialise + atomic write (save_project)", |b| {
        b.iter(|| save_project(&project, &path).expect("saves"));
    });
    group.bench_function(
        "whole-project clone (an undo step; no longer made on open or save)",
        |b| {
            without_drop(b, || black_box(&project).clone());
        },
    );
    group.bench_function("baseline: serde_json parse", |b| {
        let json = serde_json::to_string(&project).expect("json");
        without_drop(b, || {
            serde_json::from_str::<factcheck::model::Project>(black_box(&json)).expect("parses")
        });
    });
    group.finish();

    let mut group = c.benchmark_group("T6 load stages");
    group.sample_size(20);
    let (bytes, _) = stages::read(&path).expect("reads");
    let scan = stages::scan(&ron).expect("scans");
    let (parsed, _) = stages::parse(&ron, &scan).expect("parses");
    group.bench_function("read (stages::read)", |b| {
        b.iter(|| stages::read(black_box(&path)).expect("reads"));
    });
    group.bench_function("hash (stages::sha256)", |b| {
        b.iter(|| stages::sha256(black_box(&bytes)));
    });
    group.bench_function("text: size + UTF-8 (stages::text)", |b| {
        b.iter(|| stages::text(black_box(&bytes)).expect("text").len());
    });
    group.bench_function("scan (stages::scan)", |b| {
        b.iter(|| stages::scan(black_box(&ron)).expect("scans"));
    });
    group.bench_function("parse (stages::parse)", |b| {
        without_drop(b, || stages::parse(black_box(&ron), &scan).expect("parses"));
    });
    group.bench_function("parse on one thread (stages::parse_whole)", |b| {
        without_drop(b, || {
            stages::parse_whole(black_box(&ron), &scan).expect("parses")
        });
    });
    group.bench_function("repair (Project::repair)", |b| {
        b.iter_batched_ref(
            || parsed.clone(),
            |p| assert!(p.repair().is_empty()),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("sort (Project::sort_claims)", |b| {
        b.iter_batched_ref(
            || parsed.clone(),
            |p| p.sort_claims(),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// Time `routine` alone, one call per measurement, and drop what it returns after the
/// timing, before the next call (so the next call reuses the freed memory, as an app that
/// closes a project and opens another does).
fn without_drop<O>(b: &mut Bencher<'_>, mut routine: impl FnMut() -> O) {
    b.iter_batched(|| (), |()| routine(), BatchSize::PerIteration);
}

criterion_group!(benches, load_save);
criterion_main!(benches);
