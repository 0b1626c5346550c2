//! Support for the article view tests and the `article_view` benchmark (each includes this
//! file with `#[path]`): generated articles (from the shared generator in `generate.rs`) and
//! claims, and a headless context showing only the view.

#![allow(dead_code, reason = "each includer uses a different part")]

use std::ops::Range;

use egui::Color32;
use factcheck::model::ClaimId;
use factcheck::ui::article_view::Highlight;

#[path = "generate.rs"]
mod generate;

/// A generated article of about `bytes` bytes, one paragraph per line (40 to 160 words), in
/// several scripts so byte and char offsets differ. Same seed, same text.
#[must_use]
pub fn article(bytes: usize, seed: u64) -> String {
    generate::text(bytes, seed, "\n")
}

/// `n` claims spread over `total_chars`: mostly sentence-sized, some long enough to cross
/// paragraphs, some nested inside others. Sorted by start.
#[must_use]
pub fn claims(total_chars: usize, n: usize, seed: u64) -> Vec<Highlight> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let palette = [
        Color32::from_rgb(220, 50, 47),
        Color32::from_rgb(38, 139, 210),
        Color32::from_rgb(133, 153, 0),
        Color32::from_rgb(181, 137, 0),
        Color32::from_rgb(108, 113, 196),
    ];
    let mut out: Vec<Highlight> = (0..n)
        .map(|i| {
            let len = match rng.u8(0..20) {
                0 => rng.usize(300..2_000),
                _ => rng.usize(15..200),
            };
            let start = rng.usize(0..total_chars.saturating_sub(len).max(1));
            Highlight {
                claim_id: ClaimId(uuid::Uuid::from_u128(i as u128 + 1)),
                chars: start..(start + len).min(total_chars),
                colour: palette[i % palette.len()],
            }
        })
        .collect();
    out.sort_by_key(|h| h.chars.start);
    out
}

/// Every occurrence of `needle` in `text`, as char ranges.
#[must_use]
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    let len = needle.chars().count();
    let mut out = Vec::new();
    let mut char_pos = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(needle) {
        char_pos += text[last_byte..byte].chars().count();
        last_byte = byte;
        out.push(char_pos..char_pos + len);
    }
    out
}

/// Char offset of the `n`-th (0-based) occurrence of `needle` in `text`.
#[must_use]
pub fn char_of(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .map_or(0, |(byte, _)| text[..byte].chars().count())
}

/// A headless egui context showing only the article view at 1280x800, as the benchmark and the
/// scaling test drive it.
pub struct Headless {
    /// The egui context.
    pub ctx: egui::Context,
    /// The view under test.
    pub view: factcheck::ui::article_view::ArticleView,
    /// Article text.
    pub text: String,
    /// Its paragraph index.
    pub index: factcheck::model::TextIndex,
    /// Claim highlights.
    pub highlights: factcheck::ui::article_view::Highlights,
    /// Find matches.
    pub find_matches: Vec<Range<usize>>,
    time: f64,
}

impl Headless {
    /// An article of about `bytes` bytes with `claims` claims (fixed seeds) and the find
    /// matches of "minister".
    #[must_use]
    pub fn new(bytes: usize, claim_count: usize) -> Self {
        let text = article(bytes, 42);
        Self::with_text(text, claim_count)
    }

    /// The same for a given text.
    #[must_use]
    pub fn with_text(text: String, claim_count: usize) -> Self {
        let index = factcheck::model::TextIndex::new(&text);
        let highlights = factcheck::ui::article_view::Highlights::new(claims(
            index.total_chars(),
            claim_count,
            7,
        ));
        let find_matches = find_all(&text, "minister");
        Self {
            ctx: egui::Context::default(),
            view: factcheck::ui::article_view::ArticleView::default(),
            text,
            index,
            highlights,
            find_matches,
            time: 0.0,
        }
    }

    /// Run one frame (with a mouse-wheel scroll of `wheel_dy` points, positive scrolls up)
    /// and tessellate it, as a real frame would.
    pub fn frame(&mut self, wheel_dy: f32) -> usize {
        self.time += 1.0 / 60.0;
        let centre = egui::pos2(640.0, 400.0);
        let mut events = vec![egui::Event::PointerMoved(centre)];
        if wheel_dy != 0.0 {
            events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, wheel_dy),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            });
        }
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let Self {
            ctx,
            view,
            text,
            index,
            highlights,
            find_matches,
            ..
        } = self;
        let tooltip = |id: ClaimId| format!("Claim {id}");
        let mut output = ctx.run_ui(input, |ui| {
            let input = factcheck::ui::article_view::ArticleViewInput {
                text,
                index,
                highlights,
                selected_claim: highlights
                    .overlapping(0..usize::MAX)
                    .first()
                    .map(|h| h.claim_id),
                find_matches,
                current_find_match: Some(0),
                font_size: 16.0,
                reading_width_em: 70.0,
                tooltip: &tooltip,
            };
            let _ = view.ui(ui, &input);
        });
        // Headless loops must consume texture updates (egui panics on dropped deltas).
        output.textures_delta.clear();
        let shapes = std::mem::take(&mut output.shapes);
        ctx.tessellate(shapes, output.pixels_per_point).len()
    }
}
