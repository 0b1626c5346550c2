//! Native start-up: the eframe window, preferences from eframe storage, and the app as an
//! `eframe::App`.

use std::path::PathBuf;

use super::{FactcheckApp, NativeDialogs};
use crate::state::{PREFS_KEY, Prefs};

impl eframe::App for FactcheckApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::ui::startup_timing::frame_start(ui.ctx(), self.state.doc.is_some());
        FactcheckApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.state.prefs);
    }
}

/// Preferences from eframe storage (defaults when absent or unreadable).
#[must_use]
pub fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
    storage
        .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
        .unwrap_or_default()
        .sanitised()
}

/// Open the GUI, optionally on a project or article.
pub fn run_gui(path: Option<PathBuf>, reviewer: &str) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Factcheck Workbench")
            .with_app_id(crate::desktop::APP_ID)
            .with_icon(std::sync::Arc::new(crate::desktop::app_icon()))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        // Fallback fonts are looked up when text needs them (`ui::fonts`), not at start-up.
        system_font_fallback: false,
        ..Default::default()
    };
    let reviewer = reviewer.trim().to_owned();
    eframe::run_native(
        "Factcheck Workbench",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            let mut prefs = load_prefs(cc.storage);
            if !reviewer.is_empty() {
                prefs.reviewer_name = reviewer;
            }
            let reopen = prefs
                .reopen_last
                .then(|| prefs.recent_files.first().cloned())
                .flatten();
            let mut app = FactcheckApp::new(prefs, Box::new(NativeDialogs::default()));
            if let Some(data_dir) = eframe::storage_dir(crate::desktop::APP_ID) {
                app.set_data_dir(data_dir);
            }
            if let Some(path) = path.or(reopen) {
                app.open_after_first_frame(path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the window: {err}"))
}
