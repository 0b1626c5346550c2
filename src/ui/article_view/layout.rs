//! The article split into layout blocks, their heights with prefix sums, and a bounded cache
//! of laid-out galleys. Only blocks on screen are ever laid out.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, TextFormat};

use crate::model::TextIndex;

/// Longest block laid out as one galley. A longer paragraph (a text with no line breaks at all)
/// is split, preferably at a space, so that no frame ever lays out more than this at once.
pub(crate) const MAX_BLOCK_CHARS: usize = 4096;

/// Galleys kept beyond the visible ones are evicted, least recently used first, once the cached
/// text exceeds this many chars (a galley costs roughly 200 bytes per char).
pub(crate) const CACHE_BUDGET_CHARS: usize = 40_000;

/// A run of text laid out as one galley: a paragraph, or a piece of a very long one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// Char range in the article (without the line break).
    pub chars: Range<usize>,
    /// Byte range in the article.
    pub bytes: Range<usize>,
    /// Whether a paragraph ends here (a line break follows, or the text ends).
    pub ends_paragraph: bool,
}

/// Split the article into blocks: one per paragraph, long paragraphs cut into pieces of at
/// most `max_chars` chars. Paragraphs that do not fit `text` (a stale index) are skipped.
pub(crate) fn split_blocks(text: &str, index: &TextIndex, max_chars: usize) -> Vec<Block> {
    let max_chars = max_chars.max(16);
    let mut blocks = Vec::with_capacity(index.paragraphs().len());
    for para in index.paragraphs() {
        let Some(line) = text.get(para.bytes.clone()) else {
            continue;
        };
        if para.chars.len() <= max_chars {
            blocks.push(Block {
                chars: para.chars.clone(),
                bytes: para.bytes.clone(),
                ends_paragraph: true,
            });
            continue;
        }
        // Walk the long line, cutting after the last space before the limit when there is
        // one in the second half of the piece, else at the limit.
        let mut piece_char_start = 0;
        let mut piece_byte_start = 0;
        let mut last_break: Option<(usize, usize)> = None; // (char, byte) just after a space
        for (char_idx, (byte_idx, ch)) in line.char_indices().enumerate() {
            if char_idx - piece_char_start >= max_chars {
                let (cut_char, cut_byte) = match last_break {
                    Some((c, b)) if c > piece_char_start + max_chars / 2 => (c, b),
                    _ => (char_idx, byte_idx),
                };
                blocks.push(Block {
                    chars: para.chars.start + piece_char_start..para.chars.start + cut_char,
                    bytes: para.bytes.start + piece_byte_start..para.bytes.start + cut_byte,
                    ends_paragraph: false,
                });
                piece_char_start = cut_char;
                piece_byte_start = cut_byte;
                last_break = None;
            }
            if ch.is_whitespace() {
                last_break = Some((char_idx + 1, byte_idx + ch.len_utf8()));
            }
        }
        blocks.push(Block {
            chars: para.chars.start + piece_char_start..para.chars.end,
            bytes: para.bytes.start + piece_byte_start..para.bytes.end,
            ends_paragraph: true,
        });
    }
    if blocks.is_empty() {
        blocks.push(Block {
            chars: 0..0,
            bytes: 0..0,
            ends_paragraph: true,
        });
    }
    blocks
}

/// Index of the block holding caret position `char_idx` (a line break belongs to the block it
/// ends; past the end gives the last block).
pub(crate) fn block_of_char(blocks: &[Block], char_idx: usize) -> usize {
    blocks
        .partition_point(|b| b.chars.start <= char_idx)
        .saturating_sub(1)
}

/// Heights of all blocks (estimated until measured) with prefix sums in a Fenwick tree, so
/// that the top of a block, the block at a height, and a correction are all `O(log n)`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Heights {
    /// 1-based Fenwick tree of heights (f64 so corrections never drift visibly).
    tree: Vec<f64>,
    heights: Vec<f32>,
    measured: Vec<bool>,
}

impl Heights {
    /// Index the given (estimated) heights.
    pub(crate) fn new(heights: Vec<f32>) -> Self {
        let n = heights.len();
        let mut tree = vec![0.0; n + 1];
        for (i, h) in heights.iter().enumerate() {
            tree[i + 1] += f64::from(*h);
            let parent = (i + 1) + lowest_bit(i + 1);
            if parent <= n {
                let v = tree[i + 1];
                tree[parent] += v;
            }
        }
        Self {
            tree,
            measured: vec![false; n],
            heights,
        }
    }

    /// Number of blocks.
    pub(crate) fn len(&self) -> usize {
        self.heights.len()
    }

    /// Whether block `i` has been measured (laid out) since the last reset.
    #[cfg(test)]
    pub(crate) fn is_measured(&self, i: usize) -> bool {
        self.measured.get(i).copied().unwrap_or(false)
    }

    /// Top of block `i`: the sum of the heights of the blocks before it.
    pub(crate) fn top(&self, i: usize) -> f64 {
        let mut k = i.min(self.len());
        let mut sum = 0.0;
        while k > 0 {
            sum += self.tree[k];
            k -= lowest_bit(k);
        }
        sum
    }

    /// Height of all blocks together.
    pub(crate) fn total(&self) -> f64 {
        self.top(self.len())
    }

    /// Record the measured height of block `i`; returns the change from the previous value.
    pub(crate) fn set_measured(&mut self, i: usize, height: f32) -> f32 {
        let Some(old) = self.heights.get(i).copied() else {
            return 0.0;
        };
        self.measured[i] = true;
        let delta = height - old;
        if delta != 0.0 {
            self.heights[i] = height;
            let mut k = i + 1;
            while k <= self.len() {
                self.tree[k] += f64::from(delta);
                k += lowest_bit(k);
            }
        }
        delta
    }

    /// The block whose vertical extent holds `y` (clamped to the first and last block).
    pub(crate) fn find(&self, y: f64) -> usize {
        let n = self.len();
        if n == 0 || y <= 0.0 {
            return 0;
        }
        let mut pos = 0;
        let mut rem = y;
        let mut step = if n == 0 {
            0
        } else {
            1 << (usize::BITS - 1 - n.leading_zeros())
        };
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rem {
                pos = next;
                rem -= self.tree[next];
            }
            step >>= 1;
        }
        pos.min(n - 1)
    }

    /// Approximate heap memory in bytes.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.tree.capacity() * size_of::<f64>()
            + self.heights.capacity() * size_of::<f32>()
            + self.measured.capacity()
    }
}

fn lowest_bit(k: usize) -> usize {
    k & k.wrapping_neg()
}

/// Everything a block's galley depends on. When it changes, all galleys and estimates are
/// dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LayoutKey {
    /// Wrap width in points.
    pub wrap_width: f32,
    /// Font size in points.
    pub font_size: f32,
    /// Line height in points.
    pub line_height: f32,
    /// Text colour (changes with the theme).
    pub text_colour: Color32,
    /// Physical pixels per point.
    pub pixels_per_point: f32,
}

impl LayoutKey {
    /// The layout job for `text` under this key.
    pub(crate) fn job(&self, text: &str) -> LayoutJob {
        let mut job = LayoutJob::single_section(
            text.to_owned(),
            TextFormat {
                font_id: FontId::proportional(self.font_size),
                color: self.text_colour,
                line_height: Some(self.line_height),
                ..Default::default()
            },
        );
        job.wrap = TextWrapping::wrap_at_width(self.wrap_width);
        job
    }
}

/// A galley in the cache.
#[derive(Clone, Debug)]
pub(crate) struct CachedGalley {
    pub galley: Arc<Galley>,
    last_used_frame: u64,
    chars: usize,
    bytes: usize,
}

/// Galleys of recently shown blocks, bounded by [`CACHE_BUDGET_CHARS`].
#[derive(Debug, Default)]
pub(crate) struct GalleyCache {
    map: HashMap<usize, CachedGalley>,
    total_chars: usize,
    total_bytes: usize,
}

impl GalleyCache {
    /// Drop every galley.
    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.total_chars = 0;
        self.total_bytes = 0;
    }

    /// The cached galley of block `i`, marking it used in `frame`.
    pub(crate) fn get(&mut self, i: usize, frame: u64) -> Option<Arc<Galley>> {
        self.map.get_mut(&i).map(|c| {
            c.last_used_frame = frame;
            Arc::clone(&c.galley)
        })
    }

    /// Store the galley of block `i`.
    pub(crate) fn insert(&mut self, i: usize, galley: Arc<Galley>, frame: u64) {
        let chars = galley.job.text.chars().count();
        let bytes = galley_bytes(&galley);
        if let Some(old) = self.map.insert(
            i,
            CachedGalley {
                galley,
                last_used_frame: frame,
                chars,
                bytes,
            },
        ) {
            self.total_chars -= old.chars;
            self.total_bytes -= old.bytes;
        }
        self.total_chars += chars;
        self.total_bytes += bytes;
    }

    /// Evict least recently used galleys (never those used in `frame`) until the cache fits
    /// its budget.
    pub(crate) fn trim(&mut self, frame: u64) {
        if self.total_chars <= CACHE_BUDGET_CHARS {
            return;
        }
        let mut by_age: Vec<(u64, usize)> = self
            .map
            .iter()
            .filter(|(_, c)| c.last_used_frame != frame)
            .map(|(i, c)| (c.last_used_frame, *i))
            .collect();
        by_age.sort_unstable();
        for (_, i) in by_age {
            if self.total_chars <= CACHE_BUDGET_CHARS {
                break;
            }
            if let Some(old) = self.map.remove(&i) {
                self.total_chars -= old.chars;
                self.total_bytes -= old.bytes;
            }
        }
    }

    /// Number of cached galleys.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Estimated heap memory of the cached galleys in bytes.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.total_bytes + self.map.capacity() * size_of::<(usize, CachedGalley)>()
    }
}

/// Estimated heap size of a galley: its text, glyphs, meshes and rows.
fn galley_bytes(galley: &Galley) -> usize {
    let rows: usize = galley
        .rows
        .iter()
        .map(|r| {
            size_of::<egui::epaint::text::Row>()
                + r.glyphs.capacity() * size_of::<egui::epaint::text::Glyph>()
                + r.visuals.mesh.vertices.capacity() * size_of::<egui::epaint::Vertex>()
                + r.visuals.mesh.indices.capacity() * size_of::<u32>()
        })
        .sum();
    size_of::<Galley>()
        + galley.job.text.capacity()
        + galley.rows.capacity() * size_of::<egui::epaint::text::PlacedRow>()
        + rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_paragraphs_and_split_long_lines_at_spaces() {
        let long = "word ".repeat(30); // 150 chars
        let text = format!("short\n{long}\n\nend");
        let index = TextIndex::new(&text);
        let blocks = split_blocks(&text, &index, 40);
        assert_eq!(blocks[0].chars, 0..5);
        assert!(blocks[0].ends_paragraph);
        // The long line is cut into pieces of at most 40 chars, each after a space.
        let long_blocks: Vec<&Block> = blocks
            .iter()
            .filter(|b| b.chars.start >= 6 && b.chars.end <= 156)
            .collect();
        assert!(long_blocks.len() >= 4, "{long_blocks:?}");
        for b in &long_blocks {
            assert!(b.chars.len() <= 40);
            assert_eq!(text[b.bytes.clone()].chars().count(), b.chars.len());
        }
        for pair in long_blocks.windows(2) {
            assert_eq!(
                pair[0].chars.end, pair[1].chars.start,
                "pieces are contiguous"
            );
            assert!(text[pair[0].bytes.clone()].ends_with(' '));
            assert!(!pair[0].ends_paragraph);
        }
        assert!(
            long_blocks
                .last()
                .is_some_and(|b| b.ends_paragraph && b.chars.end == 156)
        );
        assert_eq!(blocks.last().map(|b| b.chars.clone()), Some(158..161));
    }

    #[test]
    fn long_lines_without_spaces_are_cut_on_char_boundaries() {
        let text = "日本語".repeat(50); // 150 chars, 450 bytes, no spaces
        let index = TextIndex::new(&text);
        let blocks = split_blocks(&text, &index, 64);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].chars, 0..64);
        assert_eq!(blocks[0].bytes, 0..192);
        assert_eq!(blocks[2].chars.end, 150);
        assert_eq!(blocks[2].bytes.end, 450);
        assert_eq!(block_of_char(&blocks, 64), 1);
        assert_eq!(block_of_char(&blocks, 150), 2);
    }

    #[test]
    fn heights_give_tops_and_find_blocks_after_corrections() {
        let mut heights = Heights::new(vec![10.0; 1000]);
        assert!((heights.total() - 10_000.0).abs() < 1e-6);
        assert!((heights.top(500) - 5_000.0).abs() < 1e-6);
        assert_eq!(heights.find(0.0), 0);
        assert_eq!(heights.find(9.99), 0);
        assert_eq!(heights.find(10.0), 1);
        assert_eq!(heights.find(5_005.0), 500);
        assert_eq!(heights.find(1e9), 999);
        assert_eq!(heights.find(-5.0), 0);
        assert!((heights.set_measured(3, 30.0) - 20.0).abs() < 1e-6);
        assert!(heights.is_measured(3) && !heights.is_measured(4));
        assert!((heights.top(500) - 5_020.0).abs() < 1e-6);
        assert_eq!(heights.find(45.0), 3);
        assert_eq!(heights.find(60.0), 4);
        // A linear check of every top against a plain prefix sum.
        let mut rng = fastrand::Rng::with_seed(3);
        let mut plain = vec![10.0_f64; 1000];
        plain[3] = 30.0;
        for _ in 0..200 {
            let i = rng.usize(0..1000);
            let h = rng.f32() * 100.0;
            heights.set_measured(i, h);
            plain[i] = f64::from(h);
        }
        let mut sum = 0.0;
        for (i, h) in plain.iter().enumerate() {
            assert!((heights.top(i) - sum).abs() < 1e-3);
            if *h > 0.0 {
                assert_eq!(heights.find(sum + h / 2.0), i);
            }
            sum += h;
        }
    }
}
