//! The article view's pointer handling: press, drag, double- and triple-click, Shift+click,
//! clicks on highlights, the context menu, and hit-testing chars under the pointer.

use std::ops::Range;

use egui::{Button, CursorIcon, PointerButton, Pos2, Ui, Vec2, vec2};

use super::layout::block_of_char;
use super::selection::Selection;
use super::{ArticleView, ArticleViewInput, ArticleViewOutput, Shown, paint, selection};

impl ArticleView {
    /// The shown block and galley-relative position under screen position `pos`, clamped to
    /// the shown blocks (dragging above or below the view selects to the visible edge).
    pub(super) fn shown_at(&self, pos: Pos2) -> Option<(&Shown, Vec2)> {
        let idx = self
            .shown
            .partition_point(|s| s.origin.y <= pos.y)
            .saturating_sub(1);
        let s = self.shown.get(idx)?;
        Some((s, pos - s.origin))
    }

    /// Caret position nearest to screen position `pos`.
    pub(super) fn caret_at(&self, pos: Pos2) -> Option<usize> {
        let (s, local) = self.shown_at(pos)?;
        let block = self.blocks.get(s.block)?;
        let c = s.galley.cursor_from_pos(local).index.0;
        Some(block.chars.start + c.min(block.chars.len()))
    }

    /// The char under screen position `pos`, if the pointer is on text.
    pub(super) fn char_at(&self, pos: Pos2) -> Option<usize> {
        let (s, local) = self.shown_at(pos)?;
        let block = self.blocks.get(s.block)?;
        paint::char_under(&s.galley, local.to_pos2()).map(|c| block.chars.start + c)
    }

    /// Chars of the paragraph around caret position `pos` (all blocks of it).
    pub(super) fn paragraph_around(&self, pos: usize) -> Range<usize> {
        let b = block_of_char(&self.blocks, pos);
        let mut first = b;
        while first > 0
            && self
                .blocks
                .get(first - 1)
                .is_some_and(|p| !p.ends_paragraph)
        {
            first -= 1;
        }
        let mut last = b;
        while self.blocks.get(last).is_some_and(|p| !p.ends_paragraph) {
            last += 1;
        }
        let start = self.blocks.get(first).map_or(0, |p| p.chars.start);
        let end = self.blocks.get(last).map_or(start, |p| p.chars.end);
        start..end
    }

    pub(super) fn word_around(&self, text: &str, pos: usize) -> Range<usize> {
        let b = block_of_char(&self.blocks, pos);
        let Some(block) = self.blocks.get(b) else {
            return pos..pos;
        };
        let line = text.get(block.bytes.clone()).unwrap_or("");
        let w = selection::word_at(line, pos.saturating_sub(block.chars.start));
        block.chars.start + w.start..block.chars.start + w.end
    }

    pub(super) fn pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        input: &ArticleViewInput<'_>,
        out: &mut ArticleViewOutput,
    ) {
        let (pressed, pointer, shift, now) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.interact_pos(),
                i.modifiers.shift,
                i.time,
            )
        });
        let hovered_char = response
            .hover_pos()
            .and_then(|p| self.char_at(p))
            .filter(|_| !response.dragged());
        let hovered_claims = hovered_char
            .map(|c| input.highlights.at(c))
            .unwrap_or_default();
        if response.hovered() {
            ui.ctx().set_cursor_icon(if hovered_claims.is_empty() {
                CursorIcon::Text
            } else {
                CursorIcon::PointingHand
            });
        }

        if pressed
            && response.hovered()
            && let Some(pos) = pointer
            && let Some(at) = self.caret_at(pos)
        {
            response.request_focus();
            let double_click_secs =
                ui.ctx().options(|o| o.input_options.max_double_click_delay) + 0.2;
            let count = match self.last_press {
                Some((t, p, n)) if now - t < double_click_secs && p.distance(pos) < 6.0 => n + 1,
                _ => 1,
            };
            self.last_press = Some((now, pos, count));
            self.preferred_x = None;
            if shift {
                self.selection.move_to(at, true);
                self.granular_anchor = None;
            } else if count == 1 {
                self.selection = Selection::caret_at(at);
                self.granular_anchor = None;
            } else {
                let unit = if count == 2 {
                    let on = self.char_at(pos).unwrap_or(at);
                    self.word_around(input.text, on)
                } else {
                    self.paragraph_around(at)
                };
                self.selection = Selection {
                    anchor: unit.start,
                    caret: unit.end,
                };
                self.granular_anchor = Some(unit);
            }
        } else if response.dragged_by(PointerButton::Primary)
            && let Some(pos) = pointer
            && let Some(at) = self.caret_at(pos)
        {
            match &self.granular_anchor {
                Some(unit) if at < unit.start => {
                    self.selection = Selection {
                        anchor: unit.end,
                        caret: at,
                    };
                }
                Some(unit) => {
                    self.selection = Selection {
                        anchor: unit.start,
                        caret: at.max(unit.end),
                    };
                }
                None => self.selection.move_to(at, true),
            }
            // Dragging past the top or bottom edge scrolls.
            let clip = ui.clip_rect();
            let dy = if pos.y < clip.top() {
                pos.y - clip.top()
            } else if pos.y > clip.bottom() {
                pos.y - clip.bottom()
            } else {
                0.0
            };
            if dy != 0.0 {
                ui.scroll_with_delta_animation(
                    vec2(0.0, -dy.clamp(-40.0, 40.0)),
                    egui::style::ScrollAnimation::none(),
                );
                ui.ctx().request_repaint();
            }
        }

        if response.clicked_by(PointerButton::Primary)
            && !shift
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = self.char_at(pos)
        {
            out.clicked_claim = input.highlights.at(c).first().copied();
        }

        if !hovered_claims.is_empty() && !response.dragged() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(ui.spacing().tooltip_width);
                for (i, claim_id) in hovered_claims.iter().enumerate() {
                    if i > 0 {
                        ui.separator();
                    }
                    ui.label((input.tooltip)(*claim_id));
                }
            });
        }

        let has_selection = !self.selection.range().is_empty();
        let mut copy = false;
        response.context_menu(|ui| {
            if ui
                .add_enabled(
                    has_selection,
                    Button::new("Mark claim").shortcut_text("Ctrl+M"),
                )
                .clicked()
            {
                out.mark_requested = true;
                ui.close();
            }
            if ui
                .add_enabled(has_selection, Button::new("Copy").shortcut_text("Ctrl+C"))
                .clicked()
            {
                copy = true;
                ui.close();
            }
        });
        if copy {
            self.copy_selection(ui.ctx(), input);
        }
    }

    pub(super) fn copy_selection(&self, ctx: &egui::Context, input: &ArticleViewInput<'_>) {
        let r = self.selection.range();
        if !r.is_empty() {
            ctx.copy_text(input.index.slice(input.text, r).to_owned());
        }
    }
}
