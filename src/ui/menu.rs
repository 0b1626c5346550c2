//! The menu bar. Items come from the same [`Action`] list as the shortcuts.

use egui::Ui;

use crate::state::{Action, Command, Document, Workbench};

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

/// Draw the menu bar; chosen items become commands.
pub fn menu_bar_ui(ui: &mut Ui, state: &Workbench, commands: &mut Vec<Command>) {
    let has_doc = state.doc.is_some();
    let can_undo = state.doc.as_ref().is_some_and(Document::can_undo);
    let can_redo = state.doc.as_ref().is_some_and(Document::can_redo);
    let has_claim = state.selected_claim.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            action_button(ui, Action::OpenArticle, true, commands);
            action_button(ui, Action::OpenProject, true, commands);
            action_button(ui, Action::NewFromClipboard, true, commands);
            ui.add_enabled_ui(!state.prefs.recent_files.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for path in &state.prefs.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::open(path.clone()));
                        }
                    }
                });
            });
            ui.separator();
            action_button(ui, Action::Save, has_doc, commands);
            action_button(ui, Action::SaveAs, has_doc, commands);
            ui.separator();
            ui.add_enabled_ui(has_doc, |ui| {
                ui.menu_button("Export", |ui| {
                    for format in crate::export::ExportFormat::ALL {
                        if ui.button(format!("{}…", format.label())).clicked() {
                            commands.push(Command::Export(format));
                        }
                    }
                    ui.separator();
                    let mut only_reviewed = state.export_only_reviewed;
                    if ui
                        .checkbox(&mut only_reviewed, "Only reviewed claims")
                        .on_hover_text("Leave drafts (claims not yet reviewed) out of exports")
                        .changed()
                    {
                        commands.push(Command::SetExportOnlyReviewed(only_reviewed));
                    }
                });
            });
            if ui
                .button("Import published fact-checks…")
                .on_hover_text(
                    "Add ClaimReview JSON-LD feeds or saved fact-check pages to the claim library",
                )
                .clicked()
            {
                commands.push(Command::Research(
                    crate::state::ResearchAction::ImportFactChecks,
                ));
            }
            action_button(ui, Action::MergeReviewerCopy, has_doc, commands);
            action_button(ui, Action::UpdateArticle, has_doc, commands);
            ui.separator();
            action_button(ui, Action::Preferences, true, commands);
            ui.separator();
            action_button(ui, Action::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            action_button(ui, Action::Undo, can_undo, commands);
            action_button(ui, Action::Redo, can_redo, commands);
            ui.separator();
            action_button(ui, Action::MarkClaim, has_doc, commands);
            action_button(ui, Action::DeleteClaim, has_claim, commands);
            ui.separator();
            action_button(ui, Action::NextClaim, has_doc, commands);
            action_button(ui, Action::PreviousClaim, has_doc, commands);
        });
        ui.menu_button("Review", |ui| {
            for command in crate::state::ReviewCommand::ALL {
                action_button(ui, Action::Review(command), has_doc, commands);
            }
        });
        ui.menu_button("View", |ui| {
            action_button(ui, Action::ZoomIn, true, commands);
            action_button(ui, Action::ZoomOut, true, commands);
            action_button(ui, Action::ZoomReset, true, commands);
        });
        ui.menu_button("Help", |ui| {
            action_button(ui, Action::ShowShortcuts, true, commands);
        });
    });
}
