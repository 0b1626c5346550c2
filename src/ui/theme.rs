//! Design tokens: every colour and size the UI uses comes from here.

use egui::Color32;

use egui::Visuals;

use crate::merge::PairKind;
use crate::model::{ClaimStatus, RatingScale, Rgb, UNRATED};

/// An sRGB model colour as an egui colour.
#[must_use]
pub fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Badge colour and its text colour for a verdict (`None`: unrated).
#[must_use]
pub fn verdict_colours(scale: &RatingScale, verdict: Option<&str>) -> (Color32, Color32) {
    let rgb = verdict
        .and_then(|v| scale.label(v))
        .map_or(UNRATED, |l| l.colour);
    (colour(rgb), colour(rgb.text_colour()))
}

/// Highlight fill for a claim in the article: the verdict colour, translucent enough that
/// text stays readable in either theme.
#[must_use]
pub fn highlight_fill(base: Color32, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 110 } else { 90 };
    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
}

/// Colour of a status chip.
#[must_use]
pub fn status_colour(status: ClaimStatus, dark_mode: bool) -> Color32 {
    let (light, dark) = match status {
        ClaimStatus::ToDo => (
            Color32::from_rgb(0x61, 0x61, 0x61),
            Color32::from_rgb(0xbd, 0xbd, 0xbd),
        ),
        ClaimStatus::Researching => (
            Color32::from_rgb(0x15, 0x65, 0xc0),
            Color32::from_rgb(0x90, 0xca, 0xf9),
        ),
        ClaimStatus::NeedsWork => (
            Color32::from_rgb(0xc6, 0x28, 0x28),
            Color32::from_rgb(0xef, 0x9a, 0x9a),
        ),
        ClaimStatus::ReadyForReview => (
            Color32::from_rgb(0x8d, 0x5a, 0x00),
            Color32::from_rgb(0xff, 0xcc, 0x80),
        ),
        ClaimStatus::Reviewed => (
            Color32::from_rgb(0x2e, 0x7d, 0x32),
            Color32::from_rgb(0xa5, 0xd6, 0xa7),
        ),
    };
    if dark_mode { dark } else { light }
}

/// Text colour of error messages.
#[must_use]
pub fn error_colour(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xff, 0x8a, 0x80)
    } else {
        Color32::from_rgb(0xb7, 0x1c, 0x1c)
    }
}

/// Text colour of warnings.
#[must_use]
pub fn warning_colour(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xff, 0xd5, 0x4f)
    } else {
        Color32::from_rgb(0x8d, 0x5a, 0x00)
    }
}

/// Colour of a pair kind (the label text is always shown beside it).
#[must_use]
pub fn kind_colour(kind: PairKind, dark_mode: bool) -> Color32 {
    let (light, dark) = match kind {
        PairKind::Agreed => (
            Color32::from_rgb(0x2e, 0x7d, 0x32),
            Color32::from_rgb(0xa5, 0xd6, 0xa7),
        ),
        PairKind::OnlyOurs => (
            Color32::from_rgb(0x15, 0x65, 0xc0),
            Color32::from_rgb(0x90, 0xca, 0xf9),
        ),
        PairKind::OnlyTheirs => (
            Color32::from_rgb(0x6a, 0x1b, 0x9a),
            Color32::from_rgb(0xce, 0x93, 0xd8),
        ),
        PairKind::VerdictDiffers | PairKind::DeletedVsEdited => (
            Color32::from_rgb(0xc6, 0x28, 0x28),
            Color32::from_rgb(0xef, 0x9a, 0x9a),
        ),
        PairKind::SpanDiffers | PairKind::OtherFieldsDiffer => (
            Color32::from_rgb(0x8d, 0x5a, 0x00),
            Color32::from_rgb(0xff, 0xcc, 0x80),
        ),
    };
    if dark_mode { dark } else { light }
}

/// Named colours of the article view, derived from the theme.
#[derive(Clone, Copy, Debug)]
pub struct ArticleColours {
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

impl ArticleColours {
    /// Colours for the current theme.
    pub fn from_visuals(visuals: &Visuals) -> Self {
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

/// Width of the claim list panel.
pub const CLAIM_LIST_WIDTH: f32 = 300.0;
/// Width of the inspector panel.
pub const INSPECTOR_WIDTH: f32 = 400.0;
