//! The menu bar. Items come from the same [`Action`] list as the shortcuts.

use egui::Ui;

use crate::app::{Action, Command, FactcheckApp};

/// A menu button for `action`, showing its shortcut and description.
pub fn action_button(ui: &mut Ui, action: Action, enabled: bool, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(action.label());
    if let Some(shortcut) = action.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(action.description())
        .clicked()
    {
        commands.push(Command::Action(action));
    }
}

/// Draw the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, app: &mut FactcheckApp) {
    let has_doc = app.doc.is_some();
    let can_undo = app.doc.as_ref().is_some_and(crate::app::Document::can_undo);
    let can_redo = app.doc.as_ref().is_some_and(crate::app::Document::can_redo);
    let has_claim = app.selected_claim.is_some();
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            action_button(ui, Action::OpenArticle, true, &mut commands);
            action_button(ui, Action::OpenProject, true, &mut commands);
            action_button(ui, Action::NewFromClipboard, true, &mut commands);
            ui.add_enabled_ui(!app.prefs.recent_files.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for path in &app.prefs.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::OpenPath(path.clone()));
                        }
                    }
                });
            });
            ui.separator();
            action_button(ui, Action::Save, has_doc, &mut commands);
            action_button(ui, Action::SaveAs, has_doc, &mut commands);
            ui.separator();
            ui.add_enabled_ui(has_doc, |ui| {
                ui.menu_button("Export", |ui| {
                    for format in crate::export::ExportFormat::ALL {
                        if ui.button(format!("{}…", format.label())).clicked() {
                            commands.push(Command::Export(format));
                        }
                    }
                    ui.separator();
                    ui.checkbox(&mut app.export_only_reviewed, "Only reviewed claims")
                        .on_hover_text("Leave drafts (claims not yet reviewed) out of exports");
                });
            });
            action_button(ui, Action::MergeReviewerCopy, has_doc, &mut commands);
            action_button(ui, Action::UpdateArticle, has_doc, &mut commands);
            ui.separator();
            action_button(ui, Action::Preferences, true, &mut commands);
            ui.separator();
            action_button(ui, Action::Quit, true, &mut commands);
        });
        ui.menu_button("Edit", |ui| {
            action_button(ui, Action::Undo, can_undo, &mut commands);
            action_button(ui, Action::Redo, can_redo, &mut commands);
            ui.separator();
            action_button(ui, Action::MarkClaim, has_doc, &mut commands);
            action_button(ui, Action::DeleteClaim, has_claim, &mut commands);
            ui.separator();
            action_button(ui, Action::NextClaim, has_doc, &mut commands);
            action_button(ui, Action::PreviousClaim, has_doc, &mut commands);
        });
        ui.menu_button("View", |ui| {
            action_button(ui, Action::ZoomIn, true, &mut commands);
            action_button(ui, Action::ZoomOut, true, &mut commands);
            action_button(ui, Action::ZoomReset, true, &mut commands);
        });
        ui.menu_button("Help", |ui| {
            action_button(ui, Action::ShowShortcuts, true, &mut commands);
        });
    });
    for command in commands {
        app.push(command);
    }
}
