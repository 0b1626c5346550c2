//! UI-thread time of each frame while a 15 MB project (a 5 MB article, 8,800 claims) opens
//! and saves in the background (target: no frame over 16 ms).
//!
//! Headless: the real `FactcheckApp` in an `egui::Context` at 1280x800 (`run_ui` plus
//! `tessellate`, no renderer), frames back to back while the job runs on its worker thread.
//! A figures pass prints frame counts, median, p95 and max per phase (frames while the open
//! runs, the frame the opened project arrives in and the frames after it, frames while a save
//! runs) in the form used in `docs/PERFORMANCE.md`; criterion then measures the frames drawn
//! while an open is pending. Run with `cargo bench --bench ui_stall`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use factcheck::app::{Command, FactcheckApp, Prefs, ScriptedDialogs};

mod common;

/// A headless window around the real app.
struct Window {
    ctx: egui::Context,
    app: FactcheckApp,
    time: f64,
}

impl Window {
    fn new() -> Self {
        let prefs = Prefs {
            reviewer_name: "Bench".to_owned(),
            ..Prefs::default()
        };
        let mut app = FactcheckApp::new(prefs, Box::new(ScriptedDialogs::answering(vec![])));
        app.set_autosave_interval(f64::INFINITY);
        Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        }
    }

    /// One frame; returns its UI-thread time.
    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let start = Instant::now();
        let Self { ctx, app, .. } = self;
        let mut output = ctx.run_ui(input, |ui| app.ui(ui));
        // No renderer takes the texture updates.
        output.textures_delta.clear();
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        start.elapsed()
    }

    fn busy(&self) -> bool {
        self.app.job_in_progress().is_some()
    }

    /// Open `path` (unsaved changes may go) and wait for it, untimed.
    fn open_now(&mut self, path: &Path) {
        self.app.push(Command::Open {
            path: path.to_path_buf(),
            discard_confirmed: true,
        });
        self.frame();
        self.app.wait_for_jobs(&self.ctx);
        for _ in 0..5 {
            self.frame();
        }
    }
}

/// A generated project of about 15 MB in `dir`.
fn big_project(dir: &Path) -> PathBuf {
    let text = common::article(5 * 1024 * 1024, 7);
    let project = common::project(&text, 8_800, 8);
    let path = dir.join("big.ron");
    factcheck::io::save_project(&project, &path).expect("saves");
    path
}

fn example_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/cyber-security-unit.ron")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Frames, median, p95 and max in ms.
fn row(name: &str, mut times: Vec<f64>) {
    if times.is_empty() {
        println!("| {name} | 0 | - | - | - |");
        return;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {name} | {} | {:.2} | {:.2} | {:.2} |",
        times.len(),
        at(0.5),
        at(0.95),
        times[times.len() - 1]
    );
}

fn figures(_c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = big_project(dir.path());
    let size = std::fs::metadata(&big).map_or(0, |m| m.len());
    let mut w = Window::new();
    w.open_now(&example_project());

    let mut pending = Vec::new();
    let mut arrival = Vec::new();
    let mut after = Vec::new();
    let mut saving = Vec::new();
    for _ in 0..3 {
        w.open_now(&example_project());
        w.app.push(Command::Open {
            path: big.clone(),
            discard_confirmed: true,
        });
        let started = w.frame();
        pending.push(ms(started));
        let wall = Instant::now();
        loop {
            let t = w.frame();
            if w.busy() {
                pending.push(ms(t));
            } else {
                arrival.push(ms(t));
                break;
            }
        }
        let open_wall = wall.elapsed();
        for _ in 0..30 {
            after.push(ms(w.frame()));
        }
        w.app.push(Command::SaveTo(dir.path().join("saved.ron")));
        saving.push(ms(w.frame()));
        while w.busy() {
            saving.push(ms(w.frame()));
        }
        println!("open took {:.0} ms of wall time", ms(open_wall));
    }
    println!("project file: {size} bytes");
    println!("| frames | count | median ms | p95 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    row("while the 15 MB project opens", pending);
    row("the frame it arrives in", arrival);
    row("the 30 frames after", after);
    row("while it saves", saving);
}

fn pending_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = big_project(dir.path());
    let mut w = Window::new();
    w.open_now(&example_project());
    let mut group = c.benchmark_group("ui_stall");
    group.sample_size(20);
    group.bench_function("frame while a 15 MB project opens", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut counted = 0;
            while counted < iters {
                if !w.busy() {
                    // Back to the small project, untimed, then open the big one again.
                    w.open_now(&example_project());
                    w.app.push(Command::Open {
                        path: big.clone(),
                        discard_confirmed: true,
                    });
                }
                let t = w.frame();
                // Only frames drawn while the open is still pending count.
                if w.busy() {
                    total += t;
                    counted += 1;
                }
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, figures, pending_frames);
criterion_main!(benches);
