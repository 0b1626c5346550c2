//! The article view's keyboard handling: caret movement (arrows, words, lines, pages, Home and
//! End), extending the selection with Shift, select all, copy, and keeping the caret on screen.

use egui::{Event, Key, Modifiers, Ui, vec2};

use super::layout::block_of_char;
use super::selection::Selection;
use super::{ArticleView, ArticleViewInput, paint, selection};

impl ArticleView {
    /// Handle keys while focused; returns whether the caret moved.
    pub(super) fn keyboard(&mut self, ui: &Ui, input: &ArticleViewInput<'_>) -> bool {
        let ctx = ui.ctx().clone();
        let events = ui.input(|i| i.events.clone());
        let total = input.index.total_chars();
        let page = (self.viewport_height - self.row_height).max(self.row_height);
        let mut moved = false;
        for event in events {
            match event {
                Event::Copy => self.copy_selection(&ctx, input),
                Event::Key {
                    key: Key::C,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.command => self.copy_selection(&ctx, input),
                Event::Key {
                    key: Key::A,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.command => {
                    self.selection = Selection {
                        anchor: 0,
                        caret: total,
                    };
                }
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => {
                    if let Some(to) = self.key_target(&ctx, input, key, modifiers, page) {
                        let to = to.min(total);
                        let extend = modifiers.shift;
                        let r = self.selection.range();
                        // Left/Right on a selection without Shift collapse it to that side.
                        let to = match key {
                            Key::ArrowLeft
                                if !extend
                                    && !r.is_empty()
                                    && !modifiers.command
                                    && !modifiers.alt =>
                            {
                                r.start
                            }
                            Key::ArrowRight
                                if !extend
                                    && !r.is_empty()
                                    && !modifiers.command
                                    && !modifiers.alt =>
                            {
                                r.end
                            }
                            _ => to,
                        };
                        self.selection.move_to(to, extend);
                        self.granular_anchor = None;
                        moved = true;
                    }
                }
                _ => {}
            }
        }
        moved
    }

    /// Where `key` moves the caret, or `None` when the view does not use the key.
    fn key_target(
        &mut self,
        ctx: &egui::Context,
        input: &ArticleViewInput<'_>,
        key: Key,
        modifiers: Modifiers,
        page: f32,
    ) -> Option<usize> {
        let total = input.index.total_chars();
        let caret = self.selection.caret.min(total);
        let word = modifiers.command || modifiers.alt;
        let b = block_of_char(&self.blocks, caret);
        let block = self.blocks.get(b)?.clone();
        let local = caret.saturating_sub(block.chars.start);
        if !matches!(
            key,
            Key::ArrowUp | Key::ArrowDown | Key::PageUp | Key::PageDown
        ) {
            self.preferred_x = None;
        }
        match key {
            Key::ArrowLeft if word => {
                if local == 0 {
                    return Some(caret.saturating_sub(1));
                }
                let line = input.text.get(block.bytes.clone()).unwrap_or("");
                Some(block.chars.start + selection::previous_word_start(line, local))
            }
            Key::ArrowRight if word => {
                if local >= block.chars.len() {
                    return Some(caret + 1);
                }
                let line = input.text.get(block.bytes.clone()).unwrap_or("");
                Some(block.chars.start + selection::next_word_end(line, local))
            }
            Key::ArrowLeft => Some(caret.saturating_sub(1)),
            Key::ArrowRight => Some(caret + 1),
            Key::Home if modifiers.command => Some(0),
            Key::End if modifiers.command => Some(total),
            Key::Home | Key::End => {
                let galley = self.ensure_galley(ctx, input.text, b)?;
                let r = paint::row_of_caret(&galley, local);
                let start = paint::row_start_char(&galley, r);
                let len = galley.rows.get(r).map_or(0, |row| row.glyphs.len());
                Some(block.chars.start + if key == Key::Home { start } else { start + len })
            }
            Key::ArrowUp | Key::ArrowDown => {
                let galley = self.ensure_galley(ctx, input.text, b)?;
                let caret_rect = paint::caret_rect(&galley, local);
                let x = *self.preferred_x.get_or_insert(caret_rect.left());
                let r = paint::row_of_caret(&galley, local);
                if key == Key::ArrowUp {
                    if r > 0 {
                        return Some(block.chars.start + paint::caret_in_row(&galley, r - 1, x));
                    }
                    if b == 0 {
                        return Some(0);
                    }
                    let prev = self.ensure_galley(ctx, input.text, b - 1)?;
                    let start = self.blocks.get(b - 1)?.chars.start;
                    Some(start + paint::caret_in_row(&prev, prev.rows.len().saturating_sub(1), x))
                } else {
                    if r + 1 < galley.rows.len() {
                        return Some(block.chars.start + paint::caret_in_row(&galley, r + 1, x));
                    }
                    if b + 1 >= self.blocks.len() {
                        return Some(total);
                    }
                    let next = self.ensure_galley(ctx, input.text, b + 1)?;
                    let start = self.blocks.get(b + 1)?.chars.start;
                    Some(start + paint::caret_in_row(&next, 0, x))
                }
            }
            Key::PageUp | Key::PageDown => {
                let galley = self.ensure_galley(ctx, input.text, b)?;
                let caret_rect = paint::caret_rect(&galley, local);
                let x = *self.preferred_x.get_or_insert(caret_rect.left());
                let y = self.heights.top(b) + f64::from(caret_rect.center().y);
                let target = if key == Key::PageUp {
                    y - f64::from(page)
                } else {
                    y + f64::from(page)
                };
                if target < 0.0 {
                    return Some(0);
                }
                if target > self.heights.total() {
                    return Some(total);
                }
                let t = self.heights.find(target);
                let g = self.ensure_galley(ctx, input.text, t)?;
                // Laying out `t` may have corrected its height; find it again.
                let t2 = self.heights.find(target);
                let (t, g) = if t2 == t {
                    (t, g)
                } else {
                    (t2, self.ensure_galley(ctx, input.text, t2)?)
                };
                let local_y = (target - self.heights.top(t)) as f32;
                let c = g.cursor_from_pos(vec2(x, local_y)).index.0;
                let start = self.blocks.get(t)?.chars.start;
                Some(start + c.min(self.blocks.get(t)?.chars.len()))
            }
            _ => None,
        }
    }

    /// Scroll so that the caret's row is visible (applied by the scroll area this frame).
    pub(super) fn scroll_caret_into_view(
        &mut self,
        ui: &Ui,
        ctx: &egui::Context,
        text: &str,
        top: f64,
        bottom: f64,
    ) {
        let caret = self.selection.caret;
        let b = block_of_char(&self.blocks, caret);
        let Some(start) = self.blocks.get(b).map(|bl| bl.chars.start) else {
            return;
        };
        let Some(galley) = self.ensure_galley(ctx, text, b) else {
            return;
        };
        let rect = paint::caret_rect(&galley, caret - start);
        let y0 = self.heights.top(b) + f64::from(rect.top());
        let y1 = self.heights.top(b) + f64::from(rect.bottom());
        let margin = f64::from(self.row_height);
        let delta = if y0 < top {
            y0 - top - margin
        } else if y1 > bottom {
            y1 - bottom + margin
        } else {
            0.0
        };
        if delta != 0.0 {
            ui.scroll_with_delta_animation(
                vec2(0.0, -(delta as f32)),
                egui::style::ScrollAnimation::none(),
            );
            // The painted frame still shows the old offset; show the new one next.
            ui.ctx().request_repaint();
            self.anchor_block = None;
        }
    }
}
