//! File dialogs. The shell asks through [`FileDialogs`] so tests answer without opening a real
//! dialog (which would block forever without a display). Native dialogs go through rfd (XDG
//! portal, zenity fallback); where neither can appear, the shell shows the in-app browser.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::state::DialogKind;

/// The answer of a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this file.
    Path(PathBuf),
    /// The dialog was shown and the user cancelled it.
    Cancelled,
    /// No dialog can be shown on this system (no portal, no zenity): ask in the app instead.
    Unavailable,
}

/// Answers file dialogs.
pub trait FileDialogs {
    /// Ask the user for a path.
    fn pick(&mut self, kind: &DialogKind) -> Picked;
}

/// Native dialogs through `rfd` (XDG portal, falling back to zenity).
#[derive(Default)]
pub struct NativeDialogs {
    available: Option<bool>,
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, kind: &DialogKind) -> Picked {
        let available = *self.available.get_or_insert_with(native_dialog_can_appear);
        if !available {
            return Picked::Unavailable;
        }
        let extensions = kind.extensions();
        let dialog = rfd::FileDialog::new().set_title(kind.title());
        let picked = match kind {
            DialogKind::OpenProject | DialogKind::OpenOtherProject | DialogKind::MergeBase => {
                dialog
                    .add_filter("Factcheck project", &extensions)
                    .pick_file()
            }
            DialogKind::ImportFactChecks => dialog
                .add_filter("ClaimReview JSON-LD or saved pages", &extensions)
                .add_filter("All files", &["*"])
                .pick_file(),
            DialogKind::OpenArticle | DialogKind::UpdateArticle => dialog
                .add_filter("Articles", &extensions)
                .add_filter("All files", &["*"])
                .pick_file(),
            DialogKind::SaveProject { suggested } => dialog
                .add_filter("Factcheck project", &extensions)
                .set_file_name(suggested)
                .save_file()
                .map(|p| kind.completed(p)),
            DialogKind::Export { suggested, format } => dialog
                .add_filter(format.label(), &extensions)
                .set_file_name(suggested)
                .save_file()
                .map(|p| kind.completed(p)),
        };
        picked.map_or(Picked::Cancelled, Picked::Path)
    }
}

/// Whether rfd can show a dialog here: a session bus with an XDG desktop portal that has a
/// file chooser, or zenity. Decided from the installed files, without showing anything.
fn native_dialog_can_appear() -> bool {
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    portal_file_chooser_installed(
        env("DBUS_SESSION_BUS_ADDRESS").is_some()
            || env("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists()),
        &data_dirs(),
    ) || env("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()))
}

/// `XDG_DATA_HOME` and `XDG_DATA_DIRS`, with their defaults.
fn data_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(home) => dirs.push(PathBuf::from(home)),
        None => {
            if let Some(home) = std::env::var_os("HOME") {
                dirs.push(Path::new(&home).join(".local/share"));
            }
        }
    }
    let system = std::env::var_os("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    dirs.extend(std::env::split_paths(&system));
    dirs
}

/// Whether a portal service and a backend implementing the file chooser are installed in
/// one of `data_dirs`, with a session bus to reach them.
fn portal_file_chooser_installed(has_session_bus: bool, data_dirs: &[PathBuf]) -> bool {
    if !has_session_bus {
        return false;
    }
    let service = data_dirs.iter().any(|d| {
        d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    let chooser = data_dirs.iter().any(|d| {
        std::fs::read_dir(d.join("xdg-desktop-portal/portals"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
    });
    service && chooser
}

/// Dialog answers queued in advance (tests and scripted runs).
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers given in order; an empty queue answers "cancelled".
    pub answers: VecDeque<Picked>,
    /// What was asked, in order.
    pub asked: Vec<DialogKind>,
}

impl ScriptedDialogs {
    /// Dialogs that answer `answers` in turn (`None`: the user cancelled).
    #[must_use]
    pub fn answering(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            answers: answers
                .into_iter()
                .map(|a| a.map_or(Picked::Cancelled, Picked::Path))
                .collect(),
            asked: Vec::new(),
        }
    }

    /// Dialogs that cannot appear on this system (no portal, no zenity).
    #[must_use]
    pub fn unavailable() -> Self {
        Self {
            answers: std::iter::repeat_n(Picked::Unavailable, 64).collect(),
            asked: Vec::new(),
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick(&mut self, kind: &DialogKind) -> Picked {
        self.asked.push(kind.clone());
        self.answers.pop_front().unwrap_or(Picked::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_needs_a_bus_a_service_and_a_file_chooser() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().to_path_buf();
        let dirs = [data.clone()];
        assert!(!portal_file_chooser_installed(true, &dirs));
        std::fs::create_dir_all(data.join("dbus-1/services")).expect("mkdir");
        std::fs::write(
            data.join("dbus-1/services/org.freedesktop.portal.Desktop.service"),
            "[D-BUS Service]\n",
        )
        .expect("write");
        assert!(!portal_file_chooser_installed(true, &dirs), "no backend");
        std::fs::create_dir_all(data.join("xdg-desktop-portal/portals")).expect("mkdir");
        std::fs::write(
            data.join("xdg-desktop-portal/portals/gtk.portal"),
            "[portal]\nInterfaces=org.freedesktop.impl.portal.FileChooser;\n",
        )
        .expect("write");
        assert!(portal_file_chooser_installed(true, &dirs));
        assert!(!portal_file_chooser_installed(false, &dirs), "no bus");
    }
}
