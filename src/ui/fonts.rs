//! Fallback fonts on demand: system fonts for scripts egui's own fonts lack (CJK, Arabic,
//! Hebrew, Indic, Thai, …) are looked up only once some text needs them.
//!
//! eframe's `system_fonts` feature enumerates every installed font at start-up, on a
//! background thread, whether or not the app ever shows a character outside egui's bundled
//! fonts (Latin, Greek, Cyrillic, symbols, emoji). Here the enumeration starts when the
//! first such character is laid out, or earlier, when a document whose text has such
//! characters is opened ([`prefetch_for`]), so it is usually done before the text is drawn.
//! The font files themselves are memory-mapped, not copied, and only the fonts a character
//! needs are added to egui.

use std::sync::{Arc, Mutex};

use egui::{FallbackRequest, FontInsert, FontProvider};
use egui_system_font_provider::SystemFontProvider;

/// The one system-font provider of the process, created on first need.
static SYSTEM_FONTS: Mutex<Option<Arc<SystemFontProvider>>> = Mutex::new(None);

/// The system-font provider, started now if it was not yet.
fn system_fonts() -> Option<Arc<SystemFontProvider>> {
    let mut fonts = SYSTEM_FONTS.lock().ok()?;
    Some(Arc::clone(
        fonts.get_or_insert_with(|| Arc::new(SystemFontProvider::new())),
    ))
}

/// Whether the system fonts were looked up (for tests and measurements).
#[must_use]
pub fn system_fonts_started() -> bool {
    SYSTEM_FONTS.lock().is_ok_and(|fonts| fonts.is_some())
}

/// A [`FontProvider`] that starts the system-font lookup on the first request.
#[derive(Default)]
pub struct OnDemandSystemFonts;

impl FontProvider for OnDemandSystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        system_fonts()?.font_for(request)
    }
}

/// Install the on-demand fallback on `ctx`. Call once, at start-up, with eframe's own
/// fallback turned off (`NativeOptions::system_font_fallback = false`).
pub fn install(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(OnDemandSystemFonts));
}

/// Start looking up the system fonts in the background if `text` has characters that egui's
/// bundled fonts lack, so they are ready when the text is drawn. Cheap for other text.
pub fn prefetch_for(text: &str) {
    if !system_fonts_started() && needs_system_fonts(text) {
        drop(system_fonts());
    }
}

/// Whether `text` has a character from a script egui's bundled fonts do not cover. Latin,
/// Greek, Cyrillic, punctuation, symbols and emoji are covered; the rest is not.
#[must_use]
pub fn needs_system_fonts(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    text.chars().any(|c| !bundled_covers(c))
}

/// Whether egui's bundled fonts (Ubuntu-Light, Hack, Noto Emoji, the emoji icon font) are
/// expected to have `c`: a coarse test by Unicode block.
fn bundled_covers(c: char) -> bool {
    matches!(u32::from(c),
        0x0000..=0x058F // Latin, IPA, spacing modifiers, combining marks, Greek, Cyrillic, Armenian
        | 0x1D00..=0x1FFF // phonetic extensions, Latin extended additional, Greek extended
        | 0x2000..=0x2BFF // punctuation, sub/superscripts, currency, letterlike, arrows, math, shapes, dingbats
        | 0x2C60..=0x2C7F // Latin extended-C
        | 0x2E00..=0x2E7F // supplemental punctuation
        | 0xA720..=0xA7FF // Latin extended-D
        | 0xFB00..=0xFB06 // Latin ligatures
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFFF0..=0xFFFF // specials
        | 0x1F000..=0x1FAFF // emoji and pictographs
        | 0xE0000..=0xE007F // tags (emoji flags)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scripts_beyond_the_bundled_fonts_need_system_fonts() {
        for covered in [
            "Plain English.",
            "Café naïve “quoted” — … € ✓ → ∑",
            "Ελλάδα Україна",
            "A family 👩\u{200d}👩\u{200d}👧 and e\u{301}",
        ] {
            assert!(!needs_system_fonts(covered), "{covered}");
        }
        for needs in ["日本", "中国", "العربية", "עברית", "हिन्दी", "ไทย", "한국어"]
        {
            assert!(needs_system_fonts(needs), "{needs}");
        }
    }

    #[test]
    fn latin_documents_never_start_the_font_lookup_and_others_do() {
        // The only test in this binary that touches the process-wide provider.
        prefetch_for("An English article with “quotes”, café and 👩\u{200d}👩\u{200d}👧.");
        assert!(!system_fonts_started());
        prefetch_for("A quote in Japanese: 日本");
        assert!(system_fonts_started());
    }
}
