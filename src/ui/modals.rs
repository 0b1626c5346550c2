//! Dialogs in front of the window: unsaved changes, errors, load warnings, confirmations,
//! typed paths, shortcuts and preferences.

use egui::{Context, RichText};

use crate::app::{Action, Command, FactcheckApp, Modal, ThemeChoice};

/// What the user chose in a dialog.
enum Outcome {
    Close,
    SaveThen(Command),
    DiscardThen(Command),
    SaveAs,
    DeleteSource(crate::model::SourceId),
    TypedPath(crate::app::DialogKind, std::path::PathBuf),
    KeepTyping(String),
    Palette(String, usize),
    Run(Action),
    Command(Command),
    Pasted(String),
}

/// Actions matching `query` (fuzzy, best first); all actions when it is empty.
#[must_use]
pub fn palette_matches(query: &str) -> Vec<Action> {
    use fuzzy_matcher::FuzzyMatcher as _;
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
    let mut scored: Vec<(i64, usize, Action)> = Action::ALL
        .iter()
        .enumerate()
        .filter_map(|(n, action)| {
            if query.trim().is_empty() {
                return Some((0, n, *action));
            }
            let haystack = format!("{} {}", action.label(), action.description());
            matcher
                .fuzzy_match(&haystack, query.trim())
                .map(|score| (-score, n, *action))
        })
        .collect();
    scored.sort_by_key(|(score, n, _)| (*score, *n));
    scored.into_iter().map(|(_, _, action)| action).collect()
}

/// Draw the current dialog, if any, and act on the answer.
pub fn modal_ui(ctx: &Context, app: &mut FactcheckApp) {
    let Some(modal) = app.modal.clone() else {
        return;
    };
    let mut outcome = None;
    let response = egui::Modal::new(egui::Id::unique("factcheck modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match &modal {
            Modal::UnsavedChanges { then } => {
                ui.heading("Save changes?");
                let name = app
                    .doc
                    .as_ref()
                    .map(crate::app::Document::display_name)
                    .unwrap_or_default();
                ui.label(format!(
                    "{name} has changes that are not saved. Save them first?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        outcome = Some(Outcome::SaveThen((**then).clone()));
                    }
                    if ui.button("Discard changes").clicked() {
                        outcome = Some(Outcome::DiscardThen((**then).clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::Error {
                title,
                message,
                offer_save_as,
            } => {
                ui.heading(title);
                ui.label(message);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if *offer_save_as && ui.button("Save as…").clicked() {
                        outcome = Some(Outcome::SaveAs);
                    }
                    if ui.button("OK").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::LoadWarnings { warnings } => {
                ui.heading("Opened with warnings");
                ui.label("Nothing was dropped. These problems were found and repaired:");
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for warning in warnings {
                            ui.label(format!("• {warning}"));
                        }
                    });
                if ui.button("OK").clicked() {
                    outcome = Some(Outcome::Close);
                }
            }
            Modal::ConfirmDeleteSource { source_id, citing } => {
                ui.heading("Delete this source?");
                ui.label(format!(
                    "{} claims cite it; their citations will be removed too:",
                    citing.len()
                ));
                for claim in citing {
                    ui.label(format!("• {claim}"));
                }
                ui.horizontal(|ui| {
                    if ui.button("Delete source").clicked() {
                        outcome = Some(Outcome::DeleteSource(*source_id));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::PathPrompt { kind, path } => {
                ui.heading("Type a file path");
                ui.label(
                    "No file dialog is available on this system. Type the full path of the file:",
                );
                let mut typed = path.clone();
                let label = ui.label(RichText::new("Path").small().strong());
                let field = ui
                    .add(egui::TextEdit::singleline(&mut typed).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if typed != *path {
                    outcome = Some(Outcome::KeepTyping(typed.clone()));
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if (ui.button("OK").clicked() || enter) && !typed.trim().is_empty() {
                        outcome = Some(Outcome::TypedPath(kind.clone(), typed.trim().into()));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for action in Action::ALL {
                        if let Some(shortcut) = action.shortcut() {
                            ui.label(action.label().trim_end_matches('…'));
                            ui.label(
                                RichText::new(ui.ctx().format_shortcut(&shortcut)).monospace(),
                            );
                            ui.end_row();
                        }
                    }
                    for (what, keys) in ARTICLE_KEYS {
                        ui.label(*what);
                        ui.label(RichText::new(*keys).monospace());
                        ui.end_row();
                    }
                });
                if ui.button("Close").clicked() {
                    outcome = Some(Outcome::Close);
                }
            }
            Modal::Palette {
                query,
                selected: current,
            } => {
                ui.heading("Command palette");
                let mut typed = query.clone();
                let label = ui.label(RichText::new("Type to search commands").small().strong());
                let field = ui
                    .add(egui::TextEdit::singleline(&mut typed).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                field.request_focus();
                let matches = palette_matches(&typed);
                let mut selected = (*current).min(matches.len().saturating_sub(1));
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)) {
                    selected = (selected + 1).min(matches.len().saturating_sub(1));
                }
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp)) {
                    selected = selected.saturating_sub(1);
                }
                if typed != *query || selected != *current {
                    outcome = Some(Outcome::Palette(
                        typed.clone(),
                        if typed == *query { selected } else { 0 },
                    ));
                }
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for (n, action) in matches.iter().enumerate() {
                            let shortcut = action
                                .shortcut()
                                .map(|s| ui.ctx().format_shortcut(&s))
                                .unwrap_or_default();
                            let button = egui::Button::selectable(n == selected, action.label())
                                .shortcut_text(shortcut);
                            if ui.add(button).on_hover_text(action.description()).clicked() {
                                outcome = Some(Outcome::Run(*action));
                            }
                        }
                    });
                if enter && let Some(action) = matches.get(selected) {
                    outcome = Some(Outcome::Run(*action));
                }
                if matches.is_empty() {
                    ui.label(RichText::new("No command matches").weak());
                }
            }
            Modal::PasteArticle { text } => {
                ui.heading("New project from pasted text");
                let mut typed = text.clone();
                let label = ui.label("Paste the article here (Ctrl+V)");
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    ui.add(egui::TextEdit::multiline(&mut typed).desired_rows(12).desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                });
                if typed != *text {
                    outcome = Some(Outcome::Pasted(typed.clone()));
                }
                ui.horizontal(|ui| {
                    if ui.add_enabled(!typed.trim().is_empty(), egui::Button::new("Create project")).clicked() {
                        outcome = Some(Outcome::Command(Command::NewFromText(typed.clone())));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::ReanchorReport { lines, summary } => {
                ui.heading("Article updated");
                ui.label(RichText::new(summary).strong());
                ui.label("Orphaned claims keep all their work; select new text and use \"Re-attach to selection\".");
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for line in lines {
                        ui.label(line);
                    }
                });
                if ui.button("OK").clicked() {
                    outcome = Some(Outcome::Close);
                }
            }
            Modal::Recovery { info } => {
                ui.heading("Restore unsaved work?");
                let when = info.saved_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S");
                let whose = info
                    .project_path
                    .as_ref()
                    .map_or_else(|| "a project that was never saved".to_owned(), |p| p.display().to_string());
                ui.label(format!("The app did not close normally. Work on {whose} was autosaved at {when}."));
                if !info.newer_than_project {
                    ui.label(RichText::new("The project file was saved after this recovery file was written.").weak());
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        outcome = Some(Outcome::Command(Command::RestoreRecovery(info.clone())));
                    }
                    if ui.button("Discard recovered work").clicked() {
                        outcome = Some(Outcome::Command(Command::DiscardRecovery(info.clone())));
                    }
                    if ui.button("Decide later").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::ChangedOnDisk { path } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "Someone or something changed {} since you opened it. Your work is still here, unsaved.",
                    path.display()
                ));
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Merge their changes…").on_hover_text("Merge the file on disk into your work, then save").clicked() {
                        outcome = Some(Outcome::Command(Command::MergeWith(path.clone())));
                    }
                    if ui.button("Save as…").clicked() {
                        outcome = Some(Outcome::SaveAs);
                    }
                    if ui.button("Overwrite").on_hover_text("Replace the file on disk with your version").clicked() {
                        outcome = Some(Outcome::Command(Command::OverwriteChangedFile));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Close);
                    }
                });
            }
            Modal::Preferences => {
                ui.heading("Preferences");
                let prefs = &mut app.prefs;
                let label = ui.label(
                    RichText::new("Your name (stamped on verdicts, reviews and comments)")
                        .small()
                        .strong(),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut prefs.reviewer_name)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                let label = ui.label(RichText::new("Initials").small().strong());
                ui.add(egui::TextEdit::singleline(&mut prefs.initials).desired_width(80.0))
                    .labelled_by(label.id);
                ui.horizontal(|ui| {
                    ui.label("Theme");
                    ui.radio_value(&mut prefs.theme, ThemeChoice::System, "Follow system");
                    ui.radio_value(&mut prefs.theme, ThemeChoice::Light, "Light");
                    ui.radio_value(&mut prefs.theme, ThemeChoice::Dark, "Dark");
                });
                ui.add(
                    egui::Slider::new(&mut prefs.font_size, 9.0..=40.0).text("Article text size"),
                );
                ui.add(
                    egui::Slider::new(&mut prefs.reading_width_em, 20.0..=120.0)
                        .text("Reading width (em)"),
                );
                ui.checkbox(&mut prefs.reopen_last, "Reopen the last project on start");
                if ui.button("Close").clicked() {
                    outcome = Some(Outcome::Close);
                }
            }
        }
    });
    if response.should_close()
        && outcome.is_none()
        && !matches!(modal, Modal::UnsavedChanges { .. })
    {
        outcome = Some(Outcome::Close);
    }
    match outcome {
        None => {}
        Some(Outcome::Close) => app.modal = None,
        Some(Outcome::SaveThen(then)) => app.resolve_unsaved(ctx, true, then),
        Some(Outcome::DiscardThen(then)) => app.resolve_unsaved(ctx, false, then),
        Some(Outcome::SaveAs) => {
            app.modal = None;
            app.push(Command::Action(Action::SaveAs));
        }
        Some(Outcome::DeleteSource(source_id)) => app.confirm_delete_source(ctx, source_id),
        Some(Outcome::TypedPath(kind, path)) => app.path_typed(ctx, &kind, path),
        Some(Outcome::Palette(text, n)) => {
            app.modal = Some(Modal::Palette {
                query: text,
                selected: n,
            });
        }
        Some(Outcome::Command(command)) => {
            app.modal = None;
            app.run_command(ctx, command);
        }
        Some(Outcome::Pasted(text)) => {
            if let Some(Modal::PasteArticle { text: current }) = &mut app.modal {
                *current = text;
            }
        }
        Some(Outcome::Run(action)) => {
            app.modal = None;
            app.push(Command::Action(action));
        }
        Some(Outcome::KeepTyping(text)) => {
            if let Some(Modal::PathPrompt { path, .. }) = &mut app.modal {
                *path = text;
            }
        }
    }
}

/// Keys of the article view, listed with the shortcuts.
pub const ARTICLE_KEYS: &[(&str, &str)] = &[
    (
        "Select text",
        "Drag, or Shift+Arrows / Shift+Home/End in the article",
    ),
    ("Extend the selection", "Shift+click"),
    ("Select a word", "Double-click"),
    ("Select all", "Ctrl+A"),
    ("Copy the selection", "Ctrl+C"),
    ("Mark from the menu", "Right-click the selection"),
    (
        "Set the verdict",
        "1 to 9 (0 clears) with the article focused",
    ),
    ("Leave find, keep the match selected", "Esc"),
];
