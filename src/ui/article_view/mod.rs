//! The article reading view, built for book-length text.
//!
//! - The text is split into blocks (paragraphs; very long ones are cut) and only the blocks on
//!   screen are laid out, inside [`egui::ScrollArea::show_viewport`]. Block heights start as
//!   estimates and are corrected when a block is first laid out; a Fenwick tree keeps their
//!   prefix sums so finding the block at a scroll offset is `O(log n)`. When a correction above
//!   the top visible block would move the text, the scroll offset moves with it.
//! - Galleys depend only on the text, width, font and theme, never on claims or the selection,
//!   and are kept in a small LRU cache. Highlights, find matches and the selection are painted
//!   behind the text from interval lookups, for the visible blocks only.
//! - The view has its own selection model (mouse, Shift+click, double-click, keyboard caret),
//!   because egui 0.37 keeps a label's selection private. The selection survives focus loss.
//! - With AccessKit on, only the visible blocks are exposed as text, so the cost follows the
//!   screen, not the document. Nothing here requests a repaint while idle.

mod accessibility;
mod highlights;
mod keyboard;
mod layout;
mod paint;
mod pointer;
mod selection;

use std::ops::Range;
use std::sync::Arc;

use egui::{
    EventFilter, Galley, Id, Pos2, Rect, Role, ScrollArea, Sense, Ui, WidgetInfo, pos2, vec2,
};

pub use highlights::{Highlight, Highlights};

use crate::model::{ClaimId, TextIndex};
use layout::{Block, GalleyCache, Heights, LayoutKey, MAX_BLOCK_CHARS, block_of_char};
use selection::Selection;

/// Everything the view shows in one frame. Cheap to build every frame: it only borrows.
pub struct ArticleViewInput<'a> {
    /// The article text (`\n` separates paragraphs).
    pub text: &'a str,
    /// Paragraph index of `text`.
    pub index: &'a TextIndex,
    /// Claim highlights (rebuild when the claims change, not every frame).
    pub highlights: &'a Highlights,
    /// The claim selected in the app, drawn with an outline.
    pub selected_claim: Option<ClaimId>,
    /// Find matches as char ranges, sorted by start.
    pub find_matches: &'a [Range<usize>],
    /// Index into `find_matches` of the current match.
    pub current_find_match: Option<usize>,
    /// Font size in points.
    pub font_size: f32,
    /// Maximum width of the text column, in ems (multiples of the font size).
    pub reading_width_em: f32,
    /// Tooltip text for a claim (called only while the pointer rests on a highlight).
    pub tooltip: &'a dyn Fn(ClaimId) -> String,
}

/// What happened in the view this frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleViewOutput {
    /// A highlight was clicked (without dragging): the innermost claim under the pointer.
    pub clicked_claim: Option<ClaimId>,
    /// "Mark claim" was chosen in the context menu.
    pub mark_requested: bool,
    /// The selection changed (by mouse or keyboard).
    pub selection_changed: bool,
    /// The view has keyboard focus.
    pub has_focus: bool,
}

/// Work and memory figures of the view, for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewStats {
    /// Blocks (paragraphs, or pieces of very long ones) shown in the last frame.
    pub paragraphs_laid_out: usize,
    /// Chars in those blocks.
    pub laid_out_chars: usize,
    /// Blocks laid out from scratch (cache misses) in the last frame.
    pub new_layouts: usize,
    /// Galleys kept in the view's cache.
    pub cached_galleys: usize,
    /// Blocks in the article.
    pub blocks: usize,
    /// Estimated heap memory of the view beyond the text itself, in bytes.
    pub memory_bytes: usize,
}

/// A block shown in the last frame and where its galley was painted.
#[derive(Clone, Debug)]
struct Shown {
    block: usize,
    origin: Pos2,
    galley: Arc<Galley>,
}

/// The article view's state: layout caches, scroll anchor and selection. Keep one per open
/// article and call [`ArticleView::ui`] every frame.
#[derive(Default)]
pub struct ArticleView {
    blocks: Vec<Block>,
    /// `(chars, bytes, paragraphs)` of the text the blocks were built for.
    blocks_for: Option<(usize, usize, usize)>,
    heights: Heights,
    cache: GalleyCache,
    key: Option<LayoutKey>,
    /// Estimated average char width and row height for the current key.
    avg_char_width: f32,
    row_height: f32,
    paragraph_spacing: f32,
    selection: Selection,
    /// Horizontal caret position kept across Up/Down moves.
    preferred_x: Option<f32>,
    /// The word or paragraph a double- or triple-click selected, extended by dragging.
    granular_anchor: Option<Range<usize>>,
    /// Time, position and count of the last primary press (double/triple click detection).
    last_press: Option<(f64, Pos2, u32)>,
    pending_scroll_char: Option<usize>,
    /// Block whose position the scroll keeps while heights above it are corrected.
    anchor_block: Option<usize>,
    frame: u64,
    shown: Vec<Shown>,
    /// Viewport height of the last frame.
    viewport_height: f32,
    new_layouts: usize,
    /// Salt of this view's ids when it is not the main article view (a capture reader).
    id_salt: Option<&'static str>,
}

impl ArticleView {
    /// Salt of the view's egui [`Id`].
    pub const ID_SALT: &'static str = "factcheck_article_view";

    /// The view's widget id (it holds keyboard focus and the accessible label "Article text").
    #[must_use]
    pub fn id() -> Id {
        Id::unique(Self::ID_SALT)
    }

    /// A second view beside the article's (the capture reader), with its own ids, focus and
    /// scroll position.
    #[must_use]
    pub fn with_id_salt(salt: &'static str) -> Self {
        Self {
            id_salt: Some(salt),
            ..Self::default()
        }
    }

    fn salt(&self) -> &'static str {
        self.id_salt.unwrap_or(Self::ID_SALT)
    }

    /// The selected chars, ordered, or `None` when nothing is selected.
    #[must_use]
    pub fn selection(&self) -> Option<Range<usize>> {
        let r = self.selection.range();
        (!r.is_empty()).then_some(r)
    }

    /// Select `chars` (caret at its end), or clear the selection (caret stays).
    pub fn set_selection(&mut self, chars: Option<Range<usize>>) {
        match chars {
            Some(r) => {
                self.selection = Selection {
                    anchor: r.start.min(r.end),
                    caret: r.start.max(r.end),
                };
            }
            None => self.selection = Selection::caret_at(self.selection.caret),
        }
        self.granular_anchor = None;
        self.preferred_x = None;
    }

    /// Bring char `char_idx`'s paragraph into view (about a third from the top) in the next
    /// frame, whether or not it was ever laid out.
    pub fn scroll_to_char(&mut self, char_idx: usize) {
        self.pending_scroll_char = Some(char_idx);
    }

    /// The article text was replaced: drop every cache and the selection.
    pub fn text_changed(&mut self) {
        self.blocks_for = None;
        self.selection = Selection::default();
        self.granular_anchor = None;
        self.anchor_block = None;
        self.shown.clear();
    }

    /// Screen position (middle of the row, at the left edge of the char) of caret position
    /// `char_idx`, if its block was shown in the last frame.
    #[must_use]
    pub fn char_screen_pos(&self, char_idx: usize) -> Option<Pos2> {
        let b = block_of_char(&self.blocks, char_idx);
        let block = self.blocks.get(b)?;
        let shown = self.shown.iter().find(|s| s.block == b)?;
        if char_idx < block.chars.start || char_idx > block.chars.end {
            return None;
        }
        let rect = paint::caret_rect(&shown.galley, char_idx - block.chars.start);
        Some(shown.origin + rect.center().to_vec2())
    }

    /// Give the view keyboard focus.
    pub fn request_focus(&mut self, ctx: &egui::Context) {
        let id = Id::unique(self.salt());
        ctx.memory_mut(|m| m.request_focus(id));
    }

    /// Work and memory figures of the last frame.
    #[must_use]
    pub fn stats(&self) -> ViewStats {
        let shown_chars = self
            .shown
            .iter()
            .filter_map(|s| self.blocks.get(s.block))
            .map(|b| b.chars.len())
            .sum();
        ViewStats {
            paragraphs_laid_out: self.shown.len(),
            laid_out_chars: shown_chars,
            new_layouts: self.new_layouts,
            cached_galleys: self.cache.len(),
            blocks: self.blocks.len(),
            memory_bytes: self.blocks.capacity() * size_of::<Block>()
                + self.heights.memory_bytes()
                + self.cache.memory_bytes()
                + self.shown.capacity() * size_of::<Shown>(),
        }
    }

    /// Show the article. Call every frame with the same view for the same article.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleViewInput<'_>) -> ArticleViewOutput {
        let mut out = ArticleViewOutput::default();
        self.frame += 1;
        self.new_layouts = 0;
        self.sync_text(input);
        self.selection.clamp(input.index.total_chars());

        let font_size = if input.font_size.is_finite() {
            input.font_size.clamp(6.0, 96.0)
        } else {
            16.0
        };
        let reading_em = if input.reading_width_em.is_finite() {
            input.reading_width_em.clamp(10.0, 400.0)
        } else {
            70.0
        };
        let side_margin = font_size;
        let avail =
            ui.available_width() - ui.spacing().scroll.allocated_width() - 2.0 * side_margin;
        let wrap_width = (reading_em * font_size).min(avail).max(font_size * 8.0);
        let key = LayoutKey {
            wrap_width: wrap_width.round(),
            font_size,
            line_height: (font_size * 1.5).round(),
            text_colour: crate::ui::theme::ArticleColours::from_visuals(ui.visuals()).text,
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        self.sync_key(ui.ctx(), key);

        let mut scroll = ScrollArea::vertical()
            .id_salt(self.salt())
            .auto_shrink([false, false])
            .animated(false);
        if let Some(char_idx) = self.pending_scroll_char.take() {
            let b = block_of_char(&self.blocks, char_idx);
            self.ensure_galley(ui.ctx(), input.text, b);
            let top = self.heights.top(b) as f32;
            scroll = scroll.vertical_scroll_offset((top - ui.available_height() / 3.0).max(0.0));
            self.anchor_block = Some(b);
        }

        scroll.show_viewport(ui, |ui, viewport| {
            self.contents_ui(ui, viewport, input, &mut out);
        });
        out
    }

    /// Rebuild blocks and heights when the text changed.
    fn sync_text(&mut self, input: &ArticleViewInput<'_>) {
        let sig = (
            input.index.total_chars(),
            input.text.len(),
            input.index.paragraphs().len(),
        );
        if self.blocks_for == Some(sig) {
            return;
        }
        self.blocks = layout::split_blocks(input.text, input.index, MAX_BLOCK_CHARS);
        self.blocks_for = Some(sig);
        self.cache.clear();
        self.key = None; // forces new estimates
        self.shown.clear();
        self.anchor_block = None;
    }

    /// Re-estimate all heights when anything a galley depends on changed, keeping the top
    /// visible block in place.
    fn sync_key(&mut self, ctx: &egui::Context, key: LayoutKey) {
        if self.key == Some(key) {
            return;
        }
        self.cache.clear();
        self.key = Some(key);
        // Measure an ordinary sentence for the average char width and row height.
        let sample = "The quick brown fox jumps over the lazy dog, said the report in 2017. ";
        let mut job = key.job(sample);
        job.wrap = egui::text::TextWrapping::no_max_width();
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        let chars = sample.chars().count() as f32;
        self.avg_char_width = (galley.size().x / chars).max(1.0);
        self.row_height = galley.size().y.max(1.0);
        self.paragraph_spacing = (key.font_size * 0.75).round();
        let estimates: Vec<f32> = self.blocks.iter().map(|b| self.estimate(b, &key)).collect();
        self.heights = Heights::new(estimates);
        if let Some(first) = self.shown.first() {
            // Keep the block that was at the top at the top.
            self.pending_scroll_char
                .get_or_insert(self.blocks.get(first.block).map_or(0, |b| b.chars.start));
        }
        self.shown.clear();
    }

    fn estimate(&self, block: &Block, key: &LayoutKey) -> f32 {
        // Word wrapping wastes some of each row.
        let per_row = (key.wrap_width / (self.avg_char_width * 1.06)).max(1.0);
        let rows = (block.chars.len() as f32 / per_row).ceil().max(1.0);
        rows * self.row_height + self.spacing_after(block)
    }

    fn spacing_after(&self, block: &Block) -> f32 {
        if block.ends_paragraph {
            self.paragraph_spacing
        } else {
            0.0
        }
    }

    /// The galley of block `b`, laid out (and its height measured) if not cached.
    fn ensure_galley(&mut self, ctx: &egui::Context, text: &str, b: usize) -> Option<Arc<Galley>> {
        let key = self.key?;
        if let Some(g) = self.cache.get(b, self.frame) {
            return Some(g);
        }
        let block = self.blocks.get(b)?;
        let slice = text.get(block.bytes.clone()).unwrap_or("");
        let galley = ctx.fonts_mut(|f| f.layout_job(key.job(slice)));
        let height = galley.size().y + self.spacing_after(block);
        self.heights.set_measured(b, height);
        self.cache.insert(b, Arc::clone(&galley), self.frame);
        self.new_layouts += 1;
        Some(galley)
    }

    /// Lay out every block that intersects `top..bottom` (content coordinates).
    fn measure_range(&mut self, ctx: &egui::Context, text: &str, top: f64, bottom: f64) {
        let mut b = self.heights.find(top);
        while b < self.blocks.len() && self.heights.top(b) < bottom {
            self.ensure_galley(ctx, text, b);
            b += 1;
        }
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        input: &ArticleViewInput<'_>,
        out: &mut ArticleViewOutput,
    ) {
        let ctx = ui.ctx().clone();
        let id = Id::unique(self.salt());
        if self.key.is_none() {
            return;
        }
        self.viewport_height = viewport.height();

        // The whole visible area is one widget: it takes focus, clicks and drags.
        let response = ui.interact(ui.clip_rect(), id, Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(Role::Document, true, "Article text"));
        let has_focus = response.has_focus();
        out.has_focus = has_focus;
        if has_focus {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                );
            });
        }
        let before_selection = self.selection;

        // 1. Keyboard: may lay out blocks off screen (Page Down, Up at the top...).
        let anchor_top_before = self.anchor_block.map(|a| self.heights.top(a));
        let caret_moved = has_focus && self.keyboard(ui, input);

        // 2. Lay out what is visible, keeping the anchor block in place.
        let (top, bottom) = self.lay_out_visible(ui, viewport, input, anchor_top_before);

        // 3. Keep the caret on screen after keyboard moves.
        if caret_moved {
            self.scroll_caret_into_view(ui, &ctx, input.text, top, bottom);
        }

        // 4. Pointer: press, drag, double-click, Shift+click, clicks on highlights.
        self.pointer(ui, &response, input, out);

        // 5. Paint: highlights, find matches, selection, text, selected claim, caret.
        self.paint_visible(ui, input, has_focus);

        // 6. Accessibility: the visible blocks as text runs under the view's node.
        self.expose_visible_text(ui, id);

        // The content is as tall as all blocks together.
        let content = ui.max_rect();
        ui.set_min_size(vec2(content.width(), self.heights.total() as f32));
        self.cache.trim(self.frame);
        if self.selection != before_selection {
            out.selection_changed = true;
        }
    }

    /// Lay out every block in the viewport (moved by any height correction above the anchor
    /// block, so the text the user reads does not jump). Returns the visible content range.
    fn lay_out_visible(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        input: &ArticleViewInput<'_>,
        anchor_top_before: Option<f64>,
    ) -> (f64, f64) {
        let ctx = ui.ctx().clone();
        let Some(key) = self.key else {
            return (0.0, 0.0);
        };
        let mut top = f64::from(viewport.min.y);
        let mut bottom = f64::from(viewport.max.y);
        self.measure_range(&ctx, input.text, top, bottom);
        let mut shift = 0.0;
        if let (Some(a), Some(before)) = (self.anchor_block, anchor_top_before) {
            let after = self.heights.top(a);
            let near = (after - top).abs() < f64::from(viewport.height()) * 2.0;
            if near && (after - before).abs() > 0.01 {
                shift = after - before;
                top += shift;
                bottom += shift;
                self.measure_range(&ctx, input.text, top, bottom);
            }
        }
        if shift != 0.0 {
            ui.scroll_with_delta_animation(
                vec2(0.0, -(shift as f32)),
                egui::style::ScrollAnimation::none(),
            );
        }
        let content = ui.max_rect();
        let origin_y = f64::from(content.top()) - shift;
        let column_left = content.left() + ((content.width() - key.wrap_width) / 2.0).max(0.0);
        self.shown.clear();
        let mut b = self.heights.find(top);
        while b < self.blocks.len() && self.heights.top(b) < bottom {
            if let Some(galley) = self.ensure_galley(&ctx, input.text, b) {
                let y = (origin_y + self.heights.top(b)) as f32;
                self.shown.push(Shown {
                    block: b,
                    origin: pos2(column_left, y),
                    galley,
                });
            }
            b += 1;
        }
        self.anchor_block = self.shown.first().map(|s| s.block);

        (top, bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_api_normalises_and_clears() {
        let mut view = ArticleView::default();
        assert_eq!(view.selection(), None);
        let (from, to) = (9, 3);
        view.set_selection(Some(from..to));
        assert_eq!(view.selection(), Some(3..9));
        view.set_selection(None);
        assert_eq!(view.selection(), None);
        view.set_selection(Some(4..4));
        assert_eq!(view.selection(), None);
    }
}
