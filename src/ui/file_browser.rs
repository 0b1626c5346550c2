//! The in-app file browser, shown where no native file dialog can appear (no XDG portal, no
//! zenity: common on minimal window managers). A dialog in the window: the folder (typed, or
//! reached by clicking folders and "Up"), its folders and matching files, a file name, and
//! Open/Save or Cancel; it returns the chosen path as a command.
//!
//! Hand-written rather than a crate: `egui-file-dialog` has no release for egui 0.37, and
//! `egui_file` (which has) leaves its text fields without accessible names and puts emoji in
//! its titles that the default fonts lack.

use std::path::{Path, PathBuf};

use egui::{Context, RichText};

use crate::state::{Command, DialogKind};

/// One folder entry.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// A file request answered inside the window.
pub struct FileBrowser {
    kind: DialogKind,
    folder: PathBuf,
    /// The folder field as typed.
    folder_text: String,
    entries: Vec<Entry>,
    /// Why the folder could not be listed.
    error: Option<String>,
    /// The file name field.
    file_name: String,
    /// Put the keyboard focus into the file name field (when the browser first shows).
    focus_file_name: bool,
}

impl FileBrowser {
    /// A browser for `kind`, starting in `folder`.
    #[must_use]
    pub fn new(kind: DialogKind, folder: &Path) -> Self {
        let file_name = match &kind {
            DialogKind::SaveProject { suggested } | DialogKind::Export { suggested, .. } => {
                suggested.clone()
            }
            _ => String::new(),
        };
        let mut browser = Self {
            kind,
            folder: folder.to_path_buf(),
            folder_text: folder.display().to_string(),
            entries: Vec::new(),
            error: None,
            file_name,
            focus_file_name: true,
        };
        browser.go_to(folder);
        browser
    }

    /// What the browser asks for.
    #[must_use]
    pub fn kind(&self) -> &DialogKind {
        &self.kind
    }

    /// Whether the file list shows `name`: projects only where a project is asked for,
    /// files of the format when saving, every file for articles (they come in many formats).
    fn shows_file(&self, name: &str) -> bool {
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        match &self.kind {
            DialogKind::OpenArticle | DialogKind::UpdateArticle => true,
            kind => extension.is_some_and(|e| kind.extensions().contains(&e.as_str())),
        }
    }

    /// List `folder` (hidden entries left out, folders first); on failure keep the current
    /// listing and say why.
    fn go_to(&mut self, folder: &Path) {
        // Absolute, so the folder field says where this is and "Up" goes somewhere.
        let folder = &std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let read = std::fs::read_dir(folder).map(|dir| {
            dir.flatten()
                .filter_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let is_dir = entry.path().is_dir();
                    let shown = !name.starts_with('.') && (is_dir || self.shows_file(&name));
                    shown.then_some(Entry { name, is_dir })
                })
                .collect::<Vec<_>>()
        });
        match read {
            Ok(mut entries) => {
                entries.sort_by_key(|e| (!e.is_dir, e.name.to_lowercase()));
                self.entries = entries;
                self.folder = folder.to_path_buf();
                self.folder_text = folder.display().to_string();
                self.error = None;
            }
            Err(err) => {
                self.error = Some(format!(
                    "Could not list the folder: {} ({})",
                    crate::io::project_file::plain_io_reason(&err),
                    folder.display()
                ));
            }
        }
    }

    /// Draw the browser. When the user chose a file or cancelled, returns the commands that
    /// close it and (if chosen) use the path.
    pub fn ui(&mut self, ctx: &Context) -> Vec<Command> {
        let mut go_to: Option<PathBuf> = None;
        let mut chosen: Option<PathBuf> = None;
        let mut cancelled = false;
        let response =
            egui::Modal::new(egui::Id::unique("factcheck file browser")).show(ctx, |ui| {
                ui.set_width(560.0);
                ui.heading(self.kind.title());
                ui.label(
                    RichText::new(
                        "No system file dialog is available here; choose the file below.",
                    )
                    .weak(),
                );
                ui.horizontal(|ui| {
                    let parent = self.folder.parent().map(Path::to_path_buf);
                    if ui
                        .add_enabled(parent.is_some(), egui::Button::new("Up"))
                        .on_hover_text("The folder that contains this one")
                        .clicked()
                    {
                        go_to = parent;
                    }
                    let label = ui.label("Folder");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.folder_text)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        go_to = Some(PathBuf::from(self.folder_text.trim()));
                    }
                });
                if let Some(error) = &self.error {
                    ui.label(
                        RichText::new(error)
                            .color(super::theme::error_colour(ui.visuals().dark_mode)),
                    );
                }
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("file browser entries")
                        .max_height(300.0)
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            if self.entries.is_empty() {
                                ui.label(RichText::new("Nothing to open here").weak());
                            }
                            for entry in &self.entries {
                                let text = if entry.is_dir {
                                    format!("{}/", entry.name)
                                } else {
                                    entry.name.clone()
                                };
                                let selected = !entry.is_dir && entry.name == self.file_name;
                                let row = ui.selectable_label(selected, text);
                                if entry.is_dir && row.clicked() {
                                    go_to = Some(self.folder.join(&entry.name));
                                } else if row.double_clicked() {
                                    chosen = Some(self.folder.join(&entry.name));
                                } else if row.clicked() {
                                    self.file_name.clone_from(&entry.name);
                                }
                            }
                        });
                });
                let label = ui.label("File name");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.file_name)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_file_name) {
                    field.request_focus();
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let verb = if self.kind.is_save() { "Save" } else { "Open" };
                    let ready = !self.file_name.trim().is_empty();
                    if (ui.add_enabled(ready, egui::Button::new(verb)).clicked() || enter) && ready
                    {
                        chosen = Some(self.folder.join(self.file_name.trim()));
                    }
                    if ui.button("Cancel").clicked() {
                        cancelled = true;
                    }
                });
            });
        if let Some(folder) = go_to {
            self.go_to(&folder);
        }
        if let Some(path) = chosen {
            return vec![
                Command::CloseFileBrowser,
                Command::PathChosen {
                    kind: self.kind.clone(),
                    path: self.kind.completed(path),
                },
            ];
        }
        if cancelled || response.should_close() {
            return vec![Command::CloseFileBrowser];
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_and_only_the_files_asked_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b.ron", "A.ron", "notes.txt", ".hidden.ron"] {
            std::fs::write(dir.path().join(name), "").expect("write");
        }
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let names =
            |b: &FileBrowser| -> Vec<String> { b.entries.iter().map(|e| e.name.clone()).collect() };
        let projects = FileBrowser::new(DialogKind::OpenProject, dir.path());
        assert_eq!(names(&projects), ["sub", "A.ron", "b.ron"]);
        let articles = FileBrowser::new(DialogKind::OpenArticle, dir.path());
        assert_eq!(names(&articles), ["sub", "A.ron", "b.ron", "notes.txt"]);
        let mut missing = FileBrowser::new(DialogKind::OpenProject, dir.path());
        missing.go_to(&dir.path().join("gone"));
        assert_eq!(names(&missing), ["sub", "A.ron", "b.ron"], "listing kept");
        assert!(missing.error.as_deref().is_some_and(|e| e.contains("gone")));
    }
}
