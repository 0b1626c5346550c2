//! Design tokens: every colour and size the UI uses comes from here.

use egui::{Color32, Visuals};

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
    let rgb = verdict_rgb(scale, verdict);
    (colour(rgb), colour(rgb.text_colour()))
}

/// A verdict's colour alone (`None`: unrated), without working out a readable text colour
/// for it (a luminance computation: most of the cost of highlighting 10,000 claims).
#[must_use]
pub fn verdict_colour(scale: &RatingScale, verdict: Option<&str>) -> Color32 {
    colour(verdict_rgb(scale, verdict))
}

fn verdict_rgb(scale: &RatingScale, verdict: Option<&str>) -> Rgb {
    verdict
        .and_then(|v| scale.label(v))
        .map_or(UNRATED, |l| l.colour)
}

/// Highlight fill for a claim in the article, as painted: the verdict colour, translucent
/// enough that the article text stays readable in either theme (overlaps stack).
#[must_use]
pub fn highlight_fill(base: Color32, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 50 } else { 32 };
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
        ClaimStatus::CorrectionPending => (
            Color32::from_rgb(0x6a, 0x1b, 0x9a),
            Color32::from_rgb(0xce, 0x93, 0xd8),
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
    /// Background the article is drawn on (the central panel).
    pub background: Color32,
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
    /// Text colour (stronger than egui's default label text, so it stays readable on every
    /// highlight).
    pub text: Color32,
    /// Caret colour.
    pub caret: Color32,
}

impl ArticleColours {
    /// Colours for the current theme.
    #[must_use]
    pub fn from_visuals(visuals: &Visuals) -> Self {
        let dark = visuals.dark_mode;
        let amber = Color32::from_rgb(255, 176, 0);
        Self {
            background: visuals.panel_fill,
            find_fill: amber.gamma_multiply(if dark { 0.25 } else { 0.3 }),
            find_stroke: if dark {
                Color32::from_rgb(255, 200, 60)
            } else {
                Color32::from_rgb(190, 110, 0)
            },
            // Solid, and dark (light) enough for the light (dark) text on it.
            current_find_fill: if dark {
                Color32::from_rgb(122, 74, 0)
            } else {
                Color32::from_rgb(255, 196, 64)
            },
            selection_fill: visuals.selection.bg_fill.gamma_multiply(0.6),
            selected_claim_stroke: visuals.strong_text_color(),
            text: if dark {
                Color32::from_gray(225)
            } else {
                Color32::from_gray(25)
            },
            caret: visuals.text_cursor.stroke.color,
        }
    }
}

/// `top` (premultiplied, possibly translucent) painted over an opaque `bottom`, as egui
/// blends: in gamma space, premultiplied alpha.
#[must_use]
pub fn over(top: Color32, bottom: Color32) -> Color32 {
    let keep = 1.0 - f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), bottom.r()),
        mix(top.g(), bottom.g()),
        mix(top.b(), bottom.b()),
    )
}

/// Relative luminance of an opaque sRGB colour (WCAG 2.x).
#[must_use]
pub fn relative_luminance(colour: Color32) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(colour.r()) + 0.7152 * linear(colour.g()) + 0.0722 * linear(colour.b())
}

/// WCAG 2.x contrast ratio of two opaque colours (1 to 21).
#[must_use]
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every text colour the theme draws, on every background it draws it on, as the screen
/// shows them (translucent fills blended over what is below): `(what, text, background)`.
/// Each must reach WCAG AA (4.5:1); `theme` tests check them for both themes.
#[must_use]
pub fn text_pairs(visuals: &Visuals) -> Vec<(String, Color32, Color32)> {
    let dark = visuals.dark_mode;
    let article = ArticleColours::from_visuals(visuals);
    let bg = article.background;
    let mut pairs = vec![
        ("article text".to_owned(), article.text, bg),
        (
            "find match".to_owned(),
            article.text,
            over(article.find_fill, bg),
        ),
        (
            "current find match".to_owned(),
            article.text,
            over(article.current_find_fill, bg),
        ),
        (
            "selection".to_owned(),
            article.text,
            over(article.selection_fill, bg),
        ),
        (
            "error message".to_owned(),
            error_colour(dark),
            visuals.panel_fill,
        ),
        (
            "warning".to_owned(),
            warning_colour(dark),
            visuals.panel_fill,
        ),
    ];
    let mut verdicts: Vec<(String, Rgb)> = vec![("Unrated".to_owned(), UNRATED)];
    for preset in crate::model::ScalePreset::ALL {
        for label in preset.scale().labels {
            verdicts.push((format!("{} ({})", label.text, preset.name()), label.colour));
        }
    }
    for (name, rgb) in verdicts {
        let (fill, text) = (colour(rgb), colour(rgb.text_colour()));
        pairs.push((format!("badge {name}"), text, fill));
        let highlight = over(highlight_fill(fill, dark), bg);
        let twice = over(highlight_fill(fill, dark), highlight);
        pairs.push((format!("highlight {name}"), article.text, highlight));
        pairs.push((
            format!("two overlapping highlights {name}"),
            article.text,
            twice,
        ));
        pairs.push((
            format!("find match on highlight {name}"),
            article.text,
            over(article.find_fill, highlight),
        ));
        pairs.push((
            format!("selection on highlight {name}"),
            article.text,
            over(article.selection_fill, highlight),
        ));
    }
    for status in ClaimStatus::ALL {
        pairs.push((
            format!("status {}", status.label()),
            status_colour(status, dark),
            visuals.panel_fill,
        ));
    }
    for kind in PairKind::ALL {
        pairs.push((
            format!("merge {}", kind.label()),
            kind_colour(kind, dark),
            visuals.window_fill,
        ));
    }
    pairs
}

/// Width of the claim list panel.
pub const CLAIM_LIST_WIDTH: f32 = 300.0;
/// Width of the inspector panel.
pub const INSPECTOR_WIDTH: f32 = 400.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratio_follows_wcag() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Color32::from_gray(0x76);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.54).abs() < 0.01);
        let half_black = Color32::from_black_alpha(128);
        assert_eq!(over(half_black, Color32::WHITE), Color32::from_gray(127));
    }

    #[test]
    fn every_text_and_background_pair_meets_wcag_aa_in_both_themes() {
        let mut failures = Vec::new();
        for visuals in [Visuals::light(), Visuals::dark()] {
            let theme = if visuals.dark_mode { "dark" } else { "light" };
            for (what, text, background) in text_pairs(&visuals) {
                let ratio = contrast_ratio(text, background);
                if ratio < 4.5 {
                    failures.push(format!(
                        "{theme}: {what}: {ratio:.2}:1 ({text:?} on {background:?})"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    }
}
