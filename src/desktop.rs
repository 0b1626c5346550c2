//! Desktop integration: the application id and icon of the window, matching the desktop entry
//! (`assets/factcheck.desktop`) and the icons that `scripts/install.sh` and the `.deb` install.

/// The application id: the Wayland `app_id` and X11 `WM_CLASS` of the window
/// (`ViewportBuilder::with_app_id`). The desktop entry is `factcheck.desktop` with
/// `StartupWMClass=factcheck`, so docks and task bars group the window with its menu entry
/// and show its icon. Also the name of the app's data folder.
pub const APP_ID: &str = "factcheck";

/// The 256 px app icon as PNG bytes, embedded in the binary (the same picture as the installed
/// icons, rendered from `assets/icons/factcheck.svg`).
pub const APP_ICON_PNG: &[u8] = include_bytes!("../assets/icons/factcheck-256.png");

/// The app icon for the window (`ViewportBuilder::with_icon`), decoded from
/// [`APP_ICON_PNG`]. The embedded PNG is checked by a test; should it ever fail to decode,
/// the window gets no icon rather than failing to open.
#[must_use]
pub fn app_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(APP_ICON_PNG).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_a_256_px_square_that_is_not_blank() {
        let icon = app_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        let opaque = icon.rgba.chunks_exact(4).filter(|px| px[3] == 255).count();
        assert!(opaque > 256 * 256 / 3, "{opaque} opaque pixels");
    }

    #[test]
    fn the_desktop_entry_names_the_app_id_and_icon() {
        let entry = include_str!("../assets/factcheck.desktop");
        let value = |key: &str| {
            entry
                .lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
                .unwrap_or_default()
        };
        assert_eq!(value("StartupWMClass"), APP_ID);
        assert_eq!(value("Icon"), APP_ID);
        assert_eq!(value("Exec"), format!("{APP_ID} %f"));
        assert_eq!(
            value("MimeType"),
            "application/x-factcheck-project;application/x-factcheck-package;"
        );
    }
}
