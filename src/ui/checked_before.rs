//! "Checked before" in the inspector: the closest earlier checks of the selected claim from
//! the claim library, with verdict, publisher, date and a link (or "open project").

use egui::{RichText, Ui};

use crate::state::{CheckedBefore, Command, FoundCheck};

/// Draw "Checked before" for the selected claim.
pub fn checked_before_ui(ui: &mut Ui, checked: &CheckedBefore, commands: &mut Vec<Command>) {
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Checked before").strong());
        if checked.searching {
            ui.spinner();
        }
    });
    if let Some(problem) = &checked.problem {
        ui.label(RichText::new(problem).weak());
        return;
    }
    if checked.matches.is_empty() {
        if !checked.searching {
            ui.label(
                RichText::new(
                    "No earlier check found. Add folders of projects in Preferences, or use File > Import published fact-checks…",
                )
                .weak(),
            );
        }
        return;
    }
    for found in &checked.matches {
        found_check_ui(ui, found, commands);
    }
}

fn found_check_ui(ui: &mut Ui, found: &FoundCheck, commands: &mut Vec<Command>) {
    let r = &found.record;
    ui.group(|ui| {
        ui.set_max_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&r.verdict).strong());
            ui.add(egui::Label::new(format!("“{}”", crate::model::snippet(&r.claim, 200))).wrap());
        });
        let by: Vec<&str> = [r.claimant.as_str(), r.publisher.as_str(), r.date.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(by.join(" · ")).small().weak());
            if let Some(path) = found.project_path() {
                if ui
                    .small_button("open project")
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    commands.push(Command::open(path));
                }
            } else if crate::model::is_safe_link(&r.url) {
                ui.hyperlink_to("open check", &r.url);
            } else if !r.url.is_empty() {
                ui.label(RichText::new(&r.url).small().weak());
            }
        });
    });
}

/// The library folders in Preferences: each with a remove button, and a field to add one.
/// Projects in these folders (and below) feed "Checked before".
pub fn library_folders_ui(ui: &mut Ui, folders: &mut Vec<std::path::PathBuf>) {
    ui.label(
        RichText::new("Claim library folders (projects here feed \"Checked before\")")
            .small()
            .strong(),
    );
    let mut remove = None;
    for (i, folder) in folders.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(folder.display().to_string());
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        folders.remove(i);
    }
    let id = egui::Id::unique("factcheck: new library folder");
    let mut typed: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut typed)
                .hint_text("/path/to/the/team's/projects")
                .desired_width(260.0),
        );
        let add = ui.button("Add folder").clicked()
            || (field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
        let path = std::path::PathBuf::from(typed.trim());
        if add && !typed.trim().is_empty() && !folders.contains(&path) {
            folders.push(path);
            typed.clear();
        }
    });
    ui.data_mut(|d| d.insert_temp(id, typed));
}
