//! Issue 11: capture of a 5 MB page (hash + extraction + store, target <= 300 ms CPU),
//! verify of 100 MB of captures (target <= 1 s), pack and unpack of that evidence.
//!
//! `cargo bench --bench evidence -- --warm-up-time 1 --measurement-time 3`

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use factcheck::evidence::capture::Origin;
use factcheck::evidence::pack::{PackOptions, pack_project, unpack};
use factcheck::evidence::{EvidenceStore, capture_bytes, verify_project};
use factcheck::model::{ArticleMeta, Project, Source, add_capture};

/// A news-like page of about `bytes` bytes: an article of paragraphs with navigation around.
fn page(bytes: usize) -> String {
    let mut out = String::from(
        "<!doctype html><html><head><title>Report</title><script>var x = 1;</script></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Report</h1>",
    );
    let mut n = 0u64;
    while out.len() < bytes {
        n += 1;
        let _ = write!(
            out,
            "<p>Paragraph {n}: officials said the joint unit met {n} times, and a spokesman \
             declined to comment on the <a href=\"/x{n}\">agreement</a> reported earlier.</p>"
        );
    }
    out.push_str("</article><footer>© Example</footer></body></html>");
    out
}

fn evidence(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = page(5 * 1024 * 1024);
    let mut group = c.benchmark_group("issue 11 evidence");
    group.sample_size(10);
    group.bench_function("capture 5 MB page: sniff + extract + hash + store", |b| {
        let store = EvidenceStore::at(dir.path().join("cap.evidence"));
        b.iter(|| {
            capture_bytes(
                &store,
                html.as_bytes(),
                Origin {
                    content_type: Some("text/html".to_owned()),
                    ..Origin::default()
                },
                "bench",
                Utc::now(),
            )
            .expect("captured")
        });
    });

    // 100 MB of captures: 20 files of 5 MB of varied bytes (incompressible-ish PNG-like data
    // and text), one source each.
    let project_path = dir.path().join("big.ron");
    let store = EvidenceStore::for_project(&project_path);
    let mut project = Project::new("Article text.", ArticleMeta::default());
    let mut seed = 1u64;
    for i in 0..20 {
        let mut bytes = Vec::with_capacity(5 * 1024 * 1024);
        if i % 2 == 0 {
            bytes.extend_from_slice(b"\x89PNG\r\n\x1a\n");
            while bytes.len() < 5 * 1024 * 1024 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.extend_from_slice(&seed.to_le_bytes());
            }
        } else {
            while bytes.len() < 5 * 1024 * 1024 {
                let _ = bytes.write_fmt(format_args!("line {} of capture {i}\n", bytes.len()));
            }
        }
        let sha = store.put(&bytes).expect("stored");
        let mut source = Source::default();
        add_capture(
            &mut source.captures,
            factcheck::model::Capture {
                sha256: sha,
                size: bytes.len() as u64,
                ..Default::default()
            },
        );
        project.sources.push(source);
    }
    factcheck::io::save_project(&project, &project_path).expect("saved");
    group.bench_function("verify 100 MB of captures (20 x 5 MB)", |b| {
        b.iter(|| {
            let checks = verify_project(&project, &store);
            assert!(checks.iter().all(|c| !c.status.is_problem()));
        });
    });
    let pack = dir.path().join("big.fcpack");
    group.bench_function("pack 100 MB (half stored media, half deflated text)", |b| {
        b.iter(|| {
            pack_project(&project, &project_path, &pack, &PackOptions::default()).expect("packed")
        });
    });
    let mut n = 0;
    group.bench_function("unpack + check manifest, 100 MB", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("out{n}"));
            unpack(&pack, &out).expect("unpacked");
            std::fs::remove_dir_all(&out).expect("clean");
        });
    });
    group.finish();
}

criterion_group!(benches, evidence);
criterion_main!(benches);
