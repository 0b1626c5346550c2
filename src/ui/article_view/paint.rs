//! Geometry and colours for painting ranges (highlights, find matches, the selection) behind a
//! block's galley, and hit-testing chars under the pointer.

use egui::{Color32, Galley, Pos2, Rect, Visuals, pos2};

/// Named colours of the article view, derived from the theme.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ViewColours {
    /// Opacity applied to a claim's colour for its background; overlaps stack.
    pub highlight_alpha: f32,
    /// Background of a find match.
    pub find_fill: Color32,
    /// Outline of a find match.
    pub find_stroke: Color32,
    /// Background of the current find match.
    pub current_find_fill: Color32,
    /// Background of the selection (translucent, so highlights show through).
    pub selection_fill: Color32,
    /// Outline of the selected claim.
    pub selected_claim_stroke: Color32,
    /// Text colour.
    pub text: Color32,
    /// Caret colour.
    pub caret: Color32,
}

impl ViewColours {
    /// Colours for the current theme.
    pub(crate) fn from_visuals(visuals: &Visuals) -> Self {
        let dark = visuals.dark_mode;
        let amber = Color32::from_rgb(255, 176, 0);
        Self {
            highlight_alpha: if dark { 0.45 } else { 0.35 },
            find_fill: amber.gamma_multiply(if dark { 0.25 } else { 0.3 }),
            find_stroke: if dark {
                Color32::from_rgb(255, 200, 60)
            } else {
                Color32::from_rgb(190, 110, 0)
            },
            current_find_fill: amber.gamma_multiply(if dark { 0.7 } else { 0.8 }),
            selection_fill: visuals.selection.bg_fill.gamma_multiply(0.6),
            selected_claim_stroke: visuals.strong_text_color(),
            text: visuals.text_color(),
            caret: visuals.text_cursor.stroke.color,
        }
    }
}

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
