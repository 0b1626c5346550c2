//! Article view frame times (targets T1, T2, T3, T5 in `performance.md`).
//!
//! Headless: `Context::run_ui` showing only the article view at 1280x800, plus `tessellate`,
//! with generated articles of 50 KB, 1 MB and 5 MB (fixed seed) and 2,000 claims, scrolling by
//! mouse wheel every frame. Besides criterion's own estimates, a figures pass prints median,
//! p95 and max per-frame times, first-frame and jump times, and memory, in the form used in
//! `docs/PERFORMANCE.md`. Run with `cargo bench --bench article_view`.

#[path = "../tests/common/article_view.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use support::Headless;

const SIZES: [(&str, usize); 3] = [("50KB", 50_000), ("1MB", 1_000_000), ("5MB", 5_000_000)];
const CLAIMS: usize = 2_000;

/// Wheel delta for frame `i`: 300 frames down, 300 up, so the view keeps meeting paragraphs it
/// has not laid out yet and never hits the ends.
fn wheel(i: usize) -> f32 {
    if (i / 300).is_multiple_of(2) {
        -40.0
    } else {
        40.0
    }
}

/// A view opened on an article of `bytes` bytes, already showing its middle.
fn opened(bytes: usize, accesskit: bool) -> Headless {
    let mut h = Headless::new(bytes, CLAIMS);
    if accesskit {
        h.ctx.enable_accesskit();
    }
    h.frame(0.0);
    let middle = h.index.total_chars() / 2;
    h.view.scroll_to_char(middle);
    for _ in 0..30 {
        h.frame(0.0);
    }
    h
}

fn scrolling(c: &mut Criterion) {
    for accesskit in [false, true] {
        let mut group = c.benchmark_group(if accesskit {
            "scroll_frame_accesskit"
        } else {
            "scroll_frame"
        });
        group
            .sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        for (name, bytes) in SIZES {
            let mut h = opened(bytes, accesskit);
            let mut i = 0;
            group.bench_function(name, |b| {
                b.iter(|| {
                    i += 1;
                    black_box(h.frame(wheel(i)))
                });
            });
        }
        group.finish();
    }
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let text = support::article(5_000_000, 42);
    group.bench_function("5MB", |b| {
        b.iter_batched(
            || Headless::with_text(text.clone(), CLAIMS),
            |mut h| black_box(h.frame(0.0)),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// Median, p95 and max of per-frame times in ms.
fn summary(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

fn time_ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

/// Resident memory of this process in bytes (Linux), or 0.
fn rss_bytes() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// The figures for `docs/PERFORMANCE.md`: per-frame distribution over 600 scrolled frames
/// per size, first frame and jumps at 5 MB, and memory.
fn figures(_c: &mut Criterion) {
    println!("\n== article view figures (release, 1280x800, {CLAIMS} claims) ==");
    // Other processes on the machine show up in wall times; say how busy it was.
    println!(
        "load average at start: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    println!("| article | AccessKit | median ms | p95 ms | max ms | blocks/frame | chars/frame |");
    println!("|---|---|---|---|---|---|---|");
    let mut medians = Vec::new();
    for accesskit in [false, true] {
        for (name, bytes) in SIZES {
            let mut h = opened(bytes, accesskit);
            let mut ms = Vec::with_capacity(600);
            let (mut blocks, mut chars) = (0, 0);
            for i in 0..600 {
                ms.push(time_ms(|| {
                    black_box(h.frame(wheel(i)));
                }));
                let s = h.view.stats();
                blocks += s.paragraphs_laid_out;
                chars += s.laid_out_chars;
            }
            let (median, p95, max) = summary(ms);
            medians.push(((name, accesskit), median));
            println!(
                "| {name} | {} | {median:.3} | {p95:.3} | {max:.3} | {:.1} | {:.0} |",
                if accesskit { "on" } else { "off" },
                blocks as f64 / 600.0,
                chars as f64 / 600.0
            );
        }
    }
    let median_of = |n: &str, a: bool| {
        medians
            .iter()
            .find(|((name, ak), _)| *name == n && *ak == a)
            .map_or(f64::NAN, |(_, m)| *m)
    };
    println!(
        "T2 ratio frame(5MB)/frame(50KB): {:.2} (AccessKit off), {:.2} (on)",
        median_of("5MB", false) / median_of("50KB", false),
        median_of("5MB", true) / median_of("50KB", true)
    );

    // T3 and T5: opening 5 MB, jumps, memory.
    let text = support::article(5_000_000, 42);
    let rss_text = rss_bytes();
    let mut index_ms = 0.0;
    let mut highlights_ms = 0.0;
    let build_ms = time_ms(|| {
        let t = Instant::now();
        let index = factcheck::model::TextIndex::new(&text);
        index_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let hl = factcheck::ui::article_view::Highlights::new(support::claims(
            index.total_chars(),
            CLAIMS,
            7,
        ));
        highlights_ms = t.elapsed().as_secs_f64() * 1000.0;
        black_box((index, hl));
    });
    let mut headless = Headless::with_text(text.clone(), CLAIMS);
    let rss_before_view = rss_bytes();
    let first = time_ms(|| {
        black_box(headless.frame(0.0));
    });
    let mut later = Vec::new();
    for _ in 0..10 {
        later.push(time_ms(|| {
            black_box(headless.frame(0.0));
        }));
    }
    // Jumps to claims far apart, and whole-page wheel scrolls.
    let mut rng = fastrand::Rng::with_seed(5);
    let mut jumps = Vec::new();
    let total = headless.index.total_chars();
    for _ in 0..20 {
        headless.view.scroll_to_char(rng.usize(0..total));
        jumps.push(time_ms(|| {
            black_box(headless.frame(0.0));
        }));
        headless.frame(0.0);
    }
    let mut pages = Vec::new();
    for i in 0..40 {
        pages.push(time_ms(|| {
            black_box(headless.frame(if i < 20 { -800.0 } else { 800.0 }));
        }));
    }
    for i in 0..600 {
        headless.frame(wheel(i));
    }
    let stats = headless.view.stats();
    let rss_after = rss_bytes();
    println!(
        "T3 5MB: text index {index_ms:.1} ms + highlight index {highlights_ms:.1} ms (together {build_ms:.1} ms), first frame {first:.1} ms, next 10 frames max {:.2} ms",
        summary(later).2
    );
    let (jm, jp, jx) = summary(jumps);
    let (pm, pp, px) = summary(pages);
    println!(
        "T3 5MB: jump to a far claim median {jm:.2} / p95 {jp:.2} / max {jx:.2} ms; page-sized wheel scroll median {pm:.2} / p95 {pp:.2} / max {px:.2} ms"
    );
    println!(
        "T5 5MB: view estimate {:.1} MB ({} blocks, {} cached galleys); process RSS +{:.1} MB from before the first frame to after 700 frames (text alone {:.1} MB resident before)",
        stats.memory_bytes as f64 / 1e6,
        stats.blocks,
        stats.cached_galleys,
        rss_after.saturating_sub(rss_before_view) as f64 / 1e6,
        rss_text as f64 / 1e6
    );
    drop(headless);

    // A naive baseline on the same machine: one Label per paragraph in ScrollArea::show.
    let naive_text = support::article(1_000_000, 42);
    let ctx = egui::Context::default();
    let mut ms = Vec::new();
    let rss0 = rss_bytes();
    for i in 0..120 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(i as f64 / 60.0),
            events: vec![
                egui::Event::PointerMoved(egui::pos2(640.0, 400.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -40.0),
                    modifiers: egui::Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                },
            ],
            ..Default::default()
        };
        let t = Instant::now();
        let mut out = ctx.run_ui(input, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for para in naive_text.split('\n') {
                    ui.label(para);
                }
            });
        });
        out.textures_delta.clear();
        let shapes = std::mem::take(&mut out.shapes);
        black_box(ctx.tessellate(shapes, out.pixels_per_point));
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "load average at end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let first_naive = ms.first().copied().unwrap_or_default();
    let (nm, np, nx) = summary(ms.split_off(10));
    println!(
        "Naive baseline 1MB (Label per paragraph in ScrollArea::show): first frame {first_naive:.1} ms, then median {nm:.3} / p95 {np:.3} / max {nx:.3} ms, RSS +{:.1} MB",
        rss_bytes().saturating_sub(rss0) as f64 / 1e6
    );
}

criterion_group!(benches, figures, scrolling, first_frame);
criterion_main!(benches);
