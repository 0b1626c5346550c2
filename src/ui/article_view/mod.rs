//! Placeholder with the article view's API, replaced by the real widget from the `view`
//! branch. It exists only so the rest of the app compiles meanwhile.

use std::ops::Range;

use crate::model::{ClaimId, TextIndex};

/// One highlighted span.
pub struct Highlight {
    /// The claim.
    pub claim_id: ClaimId,
    /// Its chars.
    pub chars: Range<usize>,
    /// Its colour.
    pub colour: egui::Color32,
}

/// Highlights for lookup.
#[derive(Default)]
pub struct Highlights {
    items: Vec<Highlight>,
}

impl Highlights {
    /// Build.
    #[must_use]
    pub fn new(items: Vec<Highlight>) -> Self {
        Self { items }
    }

    /// Claims at a char.
    #[must_use]
    pub fn at(&self, char_idx: usize) -> Vec<ClaimId> {
        self.items
            .iter()
            .filter(|h| h.chars.contains(&char_idx))
            .map(|h| h.claim_id)
            .collect()
    }
}

/// Input.
pub struct ArticleViewInput<'a> {
    /// Text.
    pub text: &'a str,
    /// Index.
    pub index: &'a TextIndex,
    /// Highlights.
    pub highlights: &'a Highlights,
    /// Selected claim.
    pub selected_claim: Option<ClaimId>,
    /// Find matches.
    pub find_matches: &'a [Range<usize>],
    /// Current find match.
    pub current_find_match: Option<usize>,
    /// Font size.
    pub font_size: f32,
    /// Reading width.
    pub reading_width_em: f32,
    /// Tooltip text.
    pub tooltip: &'a dyn Fn(ClaimId) -> String,
}

/// Output.
#[derive(Default)]
pub struct ArticleViewOutput {
    /// Clicked claim.
    pub clicked_claim: Option<ClaimId>,
    /// Mark requested.
    pub mark_requested: bool,
    /// Selection changed.
    pub selection_changed: bool,
    /// Has focus.
    pub has_focus: bool,
}

/// View.
#[derive(Default)]
pub struct ArticleView {
    selection: Option<Range<usize>>,
}

impl ArticleView {
    /// Draw.
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &ArticleViewInput<'_>) -> ArticleViewOutput {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for p in input.index.paragraphs().iter().take(200) {
                ui.label(&input.text[p.bytes.clone()]);
            }
        });
        ArticleViewOutput::default()
    }

    /// Selection.
    #[must_use]
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone().filter(|r| r.start < r.end)
    }

    /// Set selection.
    pub fn set_selection(&mut self, chars: Option<Range<usize>>) {
        self.selection = chars;
    }

    /// Scroll.
    pub fn scroll_to_char(&mut self, _char_idx: usize) {}

    /// Text changed.
    pub fn text_changed(&mut self) {
        self.selection = None;
    }

    /// Focus.
    pub fn request_focus(&mut self, _ctx: &egui::Context) {}
}
