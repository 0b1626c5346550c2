//! Frame work of the article view must follow the screen, not the document: counted in laid-out
//! blocks and chars (never in wall time), at 50 KB and 5 MB with 2,000 claims.

#[path = "common/article_view.rs"]
mod support;

use factcheck::ui::article_view::ViewStats;
use support::Headless;

/// Open, jump to the middle, then scroll 40 frames; the per-frame figures of each frame.
fn scrolled_stats(bytes: usize) -> (Vec<ViewStats>, Headless) {
    let mut h = Headless::new(bytes, 2_000);
    h.frame(0.0);
    let middle = h.index.total_chars() / 2;
    h.view.scroll_to_char(middle);
    h.frame(0.0);
    let mut stats = Vec::new();
    for i in 0..40 {
        // Down, then back up, so both directions lay out new paragraphs.
        h.frame(if i < 20 { -60.0 } else { 45.0 });
        stats.push(h.view.stats());
    }
    (stats, h)
}

fn mean(stats: &[ViewStats], f: impl Fn(&ViewStats) -> usize) -> f64 {
    stats.iter().map(|s| f(s) as f64).sum::<f64>() / stats.len() as f64
}

#[test]
fn frame_work_at_5_mb_is_within_1_5x_of_50_kb() {
    let (small, small_view) = scrolled_stats(50_000);
    let (large, large_view) = scrolled_stats(5_000_000);
    assert!(large_view.text.len() >= 5_000_000 && small_view.text.len() < 60_000);
    assert!(
        large[0].blocks > 50 * small[0].blocks,
        "{:?} {:?}",
        large[0],
        small[0]
    );

    let chars = (
        mean(&small, |s| s.laid_out_chars),
        mean(&large, |s| s.laid_out_chars),
    );
    let blocks = (
        mean(&small, |s| s.paragraphs_laid_out),
        mean(&large, |s| s.paragraphs_laid_out),
    );
    let new = (
        mean(&small, |s| s.new_layouts),
        mean(&large, |s| s.new_layouts),
    );
    eprintln!(
        "mean per frame (50 KB, 5 MB): chars {chars:?}, blocks {blocks:?}, new layouts {new:?}"
    );
    assert!(
        chars.0 > 0.0 && blocks.0 > 0.0,
        "something is shown: {small:?}"
    );
    assert!(
        chars.1 <= 1.5 * chars.0,
        "laid-out chars per frame {chars:?}"
    );
    assert!(
        blocks.1 <= 1.5 * blocks.0,
        "laid-out blocks per frame {blocks:?}"
    );
    // New layouts while scrolling: a few blocks entering the screen, not the document.
    assert!(new.1 <= 1.5 * new.0 + 1.0, "new layouts per frame {new:?}");
    // A screenful of text, whatever the document size.
    let last = large.last().copied().unwrap_or_default();
    assert!(last.laid_out_chars < 20_000, "{last:?}");
}

#[test]
fn view_memory_for_a_5_mb_book_stays_under_50_mb() {
    let (stats, _) = scrolled_stats(5_000_000);
    let last = stats.last().copied().unwrap_or_default();
    eprintln!("5 MB view: {last:?}");
    assert!(last.memory_bytes < 50 * 1024 * 1024, "{last:?}");
    assert!(last.cached_galleys < 100, "{last:?}");
}

#[test]
fn a_still_frame_lays_out_nothing_new() {
    let mut h = Headless::new(200_000, 2_000);
    h.frame(0.0);
    h.frame(0.0);
    h.frame(0.0);
    let stats = h.view.stats();
    assert!(stats.paragraphs_laid_out > 0);
    assert_eq!(stats.new_layouts, 0, "{stats:?}");
}
