//! The capture reader: a capture's extracted text in the article view (find, select, copy),
//! "Quote as evidence" with a stance for the selection, and jumping to a quoted passage.
//! Images are shown as images; captured HTML is never rendered, only its text.

use std::ops::Range;

use egui::Ui;

use super::EvidenceAction;
use crate::evidence::extract::{MediaKind, decode_image};
use crate::evidence::{EvidenceStore, locate_passage};
use crate::model::{Anchor, Capture, RepeatedSearch, Source, SourceId, Stance, TextIndex};
use crate::ui::article_view::{ArticleView, ArticleViewInput, Highlights};

/// What the reader shows.
pub enum ReaderContent {
    /// Extracted text.
    Text {
        /// The text.
        text: String,
        /// Its paragraph index.
        index: TextIndex,
    },
    /// A decoded image.
    Image(egui::ColorImage),
    /// Nothing to show, and why.
    Nothing(String),
}

/// The reader of one capture. Keep it while the capture is open and call [`Self::ui`] each
/// frame.
pub struct CaptureReader {
    /// The source.
    pub source_id: SourceId,
    /// The capture's SHA-256.
    pub sha256: String,
    /// A heading: the source's title, the capture's date and media type.
    pub title: String,
    content: ReaderContent,
    view: ArticleView,
    highlights: Highlights,
    find: String,
    /// The search of the text (it keeps the text folded to lower case).
    search: RepeatedSearch,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
    stance: Stance,
    texture: Option<egui::TextureHandle>,
}

impl CaptureReader {
    /// Open `capture` of `source` from `store`: its text (checked against its SHA-256), or
    /// the image decoded with limits, or a note saying why there is nothing to show.
    #[must_use]
    pub fn open(store: &EvidenceStore, source: &Source, capture: &Capture) -> Self {
        let kind = MediaKind::from_media_type(&capture.media_type);
        let content = if kind.is_image() {
            match store
                .get(&capture.sha256)
                .map_err(|e| e.to_string())
                .and_then(|bytes| decode_image(&bytes, kind).map_err(|e| e.to_string()))
            {
                Ok(image) => {
                    let rgba = image.to_rgba8();
                    let size = [rgba.width() as usize, rgba.height() as usize];
                    ReaderContent::Image(egui::ColorImage::from_rgba_unmultiplied(
                        size,
                        rgba.as_raw(),
                    ))
                }
                Err(e) => ReaderContent::Nothing(e),
            }
        } else {
            match capture.text_sha256.as_deref() {
                None => ReaderContent::Nothing("This capture has no text.".to_owned()),
                Some(text_sha) => match store.get_text(text_sha) {
                    Ok(text) => {
                        let index = TextIndex::new(&text);
                        ReaderContent::Text { text, index }
                    }
                    Err(e) => ReaderContent::Nothing(e.to_string()),
                },
            }
        };
        let title = format!(
            "{} · captured {} · {}",
            source.display_title(),
            capture.captured_at.format("%Y-%m-%d %H:%M UTC"),
            capture.media_type
        );
        Self::with_content(source.id, capture.sha256.clone(), title, content)
    }

    /// A reader of given content (tests, previews).
    #[must_use]
    pub fn with_content(
        source_id: SourceId,
        sha256: String,
        title: String,
        content: ReaderContent,
    ) -> Self {
        Self {
            source_id,
            sha256,
            title,
            content,
            view: ArticleView::with_id_salt("factcheck_capture_reader"),
            highlights: Highlights::default(),
            find: String::new(),
            search: RepeatedSearch::default(),
            matches: Vec::new(),
            current: None,
            stance: Stance::Supports,
            texture: None,
        }
    }

    /// The capture's text, when it has one.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match &self.content {
            ReaderContent::Text { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The selected chars of the text.
    #[must_use]
    pub fn selection(&self) -> Option<Range<usize>> {
        self.view.selection()
    }

    /// Find `query` (case-insensitive), select the first match and scroll to it.
    pub fn find(&mut self, query: &str) {
        query.clone_into(&mut self.find);
        self.matches = match &self.content {
            ReaderContent::Text { text, .. } => self.search.find_all(text, query, false),
            _ => Vec::new(),
        };
        self.current = (!self.matches.is_empty()).then_some(0);
        self.select_current();
    }

    fn select_current(&mut self) {
        if let Some(r) = self.current.and_then(|i| self.matches.get(i)).cloned() {
            self.view.scroll_to_char(r.start);
            self.view.set_selection(Some(r));
        }
    }

    /// Jump to a quoted passage: select it and scroll to it. Returns whether it was found.
    pub fn jump_to(&mut self, anchor: &Anchor) -> bool {
        let ReaderContent::Text { text, index } = &self.content else {
            return false;
        };
        match locate_passage(text, index, anchor) {
            Some(r) => {
                self.view.scroll_to_char(r.start);
                self.view.set_selection(Some(r));
                true
            }
            None => false,
        }
    }

    /// Draw the reader. `claim_selected` says whether a claim is selected to quote for.
    pub fn ui(&mut self, ui: &mut Ui, claim_selected: bool) -> Option<EvidenceAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.strong(&self.title);
            if ui.button("Close").clicked() {
                action = Some(EvidenceAction::CloseReader);
            }
        });
        match &self.content {
            ReaderContent::Nothing(reason) => {
                ui.label(reason.as_str());
            }
            ReaderContent::Image(image) => {
                let texture = self.texture.get_or_insert_with(|| {
                    ui.ctx().load_texture(
                        format!("capture-{}", self.sha256),
                        image.clone(),
                        egui::TextureOptions::LINEAR,
                    )
                });
                egui::ScrollArea::both().show(ui, |ui| {
                    let size = texture.size_vec2();
                    let scale = (ui.available_width() / size.x).min(1.0);
                    ui.image((texture.id(), size * scale));
                });
            }
            ReaderContent::Text { .. } => {
                action = action.or_else(|| self.text_ui(ui, claim_selected));
            }
        }
        action
    }

    fn text_ui(&mut self, ui: &mut Ui, claim_selected: bool) -> Option<EvidenceAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            let mut query = self.find.clone();
            let label = ui.label("Find in capture:");
            let response = ui
                .add(egui::TextEdit::singleline(&mut query).desired_width(180.0))
                .labelled_by(label.id);
            if response.changed() {
                self.find(&query);
            }
            if response.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && !self.matches.is_empty()
            {
                self.current = Some(self.current.map_or(0, |c| (c + 1) % self.matches.len()));
                self.select_current();
            }
            if !self.find.is_empty() {
                ui.weak(match self.current {
                    Some(c) => format!("{} of {}", c + 1, self.matches.len()),
                    None => "no match".to_owned(),
                });
            }
        });
        ui.horizontal(|ui| {
            egui::ComboBox::new("capture reader stance", "Stance")
                .selected_text(self.stance.label())
                .show_ui(ui, |ui| {
                    for stance in Stance::ALL {
                        ui.selectable_value(&mut self.stance, stance, stance.label());
                    }
                });
            let selection = self.view.selection();
            let quote = ui
                .add_enabled(
                    claim_selected && selection.is_some(),
                    egui::Button::new("Quote as evidence"),
                )
                .on_hover_text("Attach the selected passage to the selected claim")
                .on_disabled_hover_text(if claim_selected {
                    "Select a passage of the capture first"
                } else {
                    "Select a claim first"
                });
            if quote.clicked()
                && let Some(chars) = selection
            {
                action = Some(EvidenceAction::Quote {
                    source_id: self.source_id,
                    sha256: self.sha256.clone(),
                    chars,
                    stance: self.stance,
                });
            }
        });
        ui.separator();
        let ReaderContent::Text { text, index } = &self.content else {
            return action;
        };
        let font_size = egui::TextStyle::Body.resolve(ui.style()).size;
        let input = ArticleViewInput {
            text,
            index,
            highlights: &self.highlights,
            selected_claim: None,
            find_matches: &self.matches,
            current_find_match: self.current,
            font_size,
            reading_width_em: 40.0,
            tooltip: &|_| String::new(),
        };
        self.view.ui(ui, &input);
        action
    }
}
