//! User preferences, kept in eframe storage (never in project files).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Storage key of the preferences.
pub const PREFS_KEY: &str = "factcheck-prefs";

/// How many recent files are remembered.
const RECENT_LIMIT: usize = 10;

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Preferences of the person using the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Name stamped on edits, verdicts and sign-offs.
    pub reviewer_name: String,
    /// Optional initials shown in compact places.
    pub initials: String,
    /// Theme.
    pub theme: ThemeChoice,
    /// Article font size in points.
    pub font_size: f32,
    /// Reading width in ems.
    pub reading_width_em: f32,
    /// Recently opened files, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Reopen the last project on start.
    pub reopen_last: bool,
    /// Folders whose projects feed the claim library ("Checked before").
    pub library_folders: Vec<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            reviewer_name: String::new(),
            initials: String::new(),
            theme: ThemeChoice::System,
            font_size: DEFAULT_FONT_SIZE,
            reading_width_em: 42.0,
            recent_files: Vec::new(),
            reopen_last: false,
            library_folders: Vec::new(),
        }
    }
}

/// Default article font size.
pub const DEFAULT_FONT_SIZE: f32 = 17.0;

impl Prefs {
    /// Remember `path` as the most recent file.
    pub fn add_recent(&mut self, path: PathBuf) {
        self.recent_files.retain(|p| p != &path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(RECENT_LIMIT);
    }

    /// Clamp values read from storage into sane ranges.
    #[must_use]
    pub fn sanitised(mut self) -> Self {
        if !self.font_size.is_finite() {
            self.font_size = DEFAULT_FONT_SIZE;
        }
        self.font_size = self.font_size.clamp(9.0, 40.0);
        if !self.reading_width_em.is_finite() {
            self.reading_width_em = 42.0;
        }
        self.reading_width_em = self.reading_width_em.clamp(20.0, 120.0);
        self
    }
}
