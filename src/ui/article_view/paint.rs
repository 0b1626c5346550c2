//! Painting the visible blocks (claim highlights, find matches, the selection, the text, the
//! selected claim's outline and the caret), and the geometry for it: rectangles of char ranges
//! in a galley, caret positions, and hit-testing chars under the pointer.

use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Stroke, StrokeKind, Ui, pos2};

use super::layout::block_of_char;
use super::{ArticleView, ArticleViewInput};
use crate::ui::theme::ArticleColours;

/// Rectangles (galley coordinates, one per row) covering chars `start..end` of the galley.
/// With `newline` the last row gets a stub for the line break (the range goes on in the next
/// paragraph).
pub(crate) fn range_rects(
    galley: &Galley,
    start: usize,
    end: usize,
    newline: bool,
    out: &mut Vec<Rect>,
) {
    let mut row_start = 0;
    let last = galley.rows.len().saturating_sub(1);
    for (r, row) in galley.rows.iter().enumerate() {
        let n = row.glyphs.len();
        let row_end = row_start + n;
        let a = start.max(row_start);
        let b = end.min(row_end);
        let stub = newline && r == last && end >= row_end;
        if a < b || (stub && a <= b) {
            let left = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(a - row_start));
            let mut right = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(b - row_start));
            if stub {
                right += row.height() * 0.4;
            }
            out.push(Rect::from_min_max(
                pos2(left, row.min_y()),
                pos2(right, row.max_y()),
            ));
        }
        row_start = row_end;
        if row_start >= end && !stub {
            break;
        }
    }
}

/// Caret rectangle (zero width, row height) before char `index` of the galley.
pub(crate) fn caret_rect(galley: &Galley, index: usize) -> Rect {
    galley.pos_from_cursor(egui::text::CCursor::new(index.min(char_count(galley))))
}

/// Number of chars laid out in the galley.
pub(crate) fn char_count(galley: &Galley) -> usize {
    galley.rows.iter().map(|r| r.glyphs.len()).sum()
}

/// The char whose glyph is under `pos` (galley coordinates), if any.
pub(crate) fn char_under(galley: &Galley, pos: Pos2) -> Option<usize> {
    let mut row_start = 0;
    for row in &galley.rows {
        if row.min_y() <= pos.y && pos.y < row.max_y() {
            let x = pos.x - row.pos.x;
            return row
                .glyphs
                .iter()
                .position(|g| g.pos.x <= x && x < g.max_x())
                .map(|i| row_start + i);
        }
        row_start += row.glyphs.len();
    }
    None
}

/// Char index in the galley at the start of row `r`.
pub(crate) fn row_start_char(galley: &Galley, r: usize) -> usize {
    galley.rows.iter().take(r).map(|row| row.glyphs.len()).sum()
}

/// Row of the galley holding caret position `index` (at a wrap, the earlier row).
pub(crate) fn row_of_caret(galley: &Galley, index: usize) -> usize {
    let mut start = 0;
    for (r, row) in galley.rows.iter().enumerate() {
        let end = start + row.glyphs.len();
        if index <= end {
            return r;
        }
        start = end;
    }
    galley.rows.len().saturating_sub(1)
}

/// Caret position in row `r` nearest to `x` (galley coordinates).
pub(crate) fn caret_in_row(galley: &Galley, r: usize, x: f32) -> usize {
    let Some(row) = galley.rows.get(r) else {
        return char_count(galley);
    };
    row_start_char(galley, r) + row.char_at(x - row.pos.x).0
}

impl ArticleView {
    /// Paint the blocks shown this frame with everything behind and over their text.
    pub(super) fn paint_visible(&self, ui: &Ui, input: &ArticleViewInput<'_>, has_focus: bool) {
        let colours = ArticleColours::from_visuals(ui.visuals());
        let painter = ui.painter();
        let focus_caret = has_focus.then_some(self.selection.caret);
        let selection = self.selection.range();
        let mut rects = Vec::new();
        let selected = input
            .selected_claim
            .and_then(|c| input.highlights.of_claim(c));
        for shown in &self.shown {
            let Some(block) = self.blocks.get(shown.block) else {
                continue;
            };
            let (bs, be) = (block.chars.start, block.chars.end);
            let newline = usize::from(block.ends_paragraph);
            let to_screen = |r: Rect| r.translate(shown.origin.to_vec2());

            for h in input.highlights.overlapping(bs..be + newline) {
                rects.clear();
                let (a, e) = (h.chars.start.max(bs) - bs, h.chars.end.min(be) - bs);
                range_rects(
                    &shown.galley,
                    a,
                    e,
                    h.chars.end > be && newline == 1,
                    &mut rects,
                );
                let fill = crate::ui::theme::highlight_fill(h.colour, ui.visuals().dark_mode);
                for r in &rects {
                    painter.rect_filled(to_screen(*r), 2.0, fill);
                }
            }

            let first_match = input.find_matches.partition_point(|m| m.end <= bs);
            for (i, m) in input.find_matches.iter().enumerate().skip(first_match) {
                if m.start >= be.max(bs + 1) {
                    break;
                }
                rects.clear();
                let (a, e) = (m.start.max(bs) - bs, m.end.min(be).max(bs) - bs);
                range_rects(&shown.galley, a, e, false, &mut rects);
                let current = input.current_find_match == Some(i);
                let fill = if current {
                    colours.current_find_fill
                } else {
                    colours.find_fill
                };
                for r in &rects {
                    painter.rect_filled(to_screen(*r), 2.0, fill);
                    painter.rect_stroke(
                        to_screen(*r),
                        2.0,
                        Stroke::new(if current { 2.0 } else { 1.0 }, colours.find_stroke),
                        StrokeKind::Inside,
                    );
                }
            }

            if selection.start <= be && selection.end > bs && !selection.is_empty() {
                rects.clear();
                let (a, e) = (selection.start.max(bs) - bs, selection.end.min(be) - bs);
                let crosses = selection.end > be && newline == 1;
                range_rects(&shown.galley, a, e, crosses, &mut rects);
                for r in &rects {
                    painter.rect_filled(to_screen(*r), 0.0, colours.selection_fill);
                }
            }

            painter.galley(shown.origin, Arc::clone(&shown.galley), colours.text);

            if let Some(h) = selected
                && h.chars.start <= be
                && h.chars.end > bs
            {
                rects.clear();
                let (a, e) = (h.chars.start.max(bs) - bs, h.chars.end.min(be) - bs);
                range_rects(&shown.galley, a, e, false, &mut rects);
                for r in &rects {
                    let r = to_screen(*r);
                    painter.rect_stroke(
                        r.expand(1.0),
                        2.0,
                        Stroke::new(1.5, colours.selected_claim_stroke),
                        StrokeKind::Outside,
                    );
                    painter.hline(r.x_range(), r.bottom() + 1.0, Stroke::new(2.5, h.colour));
                }
            }

            if let Some(caret) = focus_caret
                && caret >= bs
                && caret <= be
                && block_of_char(&self.blocks, caret) == shown.block
            {
                let r = to_screen(caret_rect(&shown.galley, caret - bs));
                painter.vline(r.left(), r.y_range(), Stroke::new(2.0, colours.caret));
            }
        }
    }
}
