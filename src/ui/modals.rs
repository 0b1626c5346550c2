//! Dialogs in front of the window: unsaved changes, errors, load warnings, confirmations,
//! shortcuts, preferences, the command palette, pasted text, reports and recovery.

use egui::{Context, RichText};

use crate::state::{Action, Command, Modal, ThemeChoice};

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

/// Draw the dialog in front; returns what the user chose. What is typed in the dialog is
/// kept in `modal` itself. A choice that ends the dialog starts with [`Command::CloseModal`].
pub fn modal_ui(ctx: &Context, modal: &mut Modal, doc_name: &str) -> Vec<Command> {
    let mut chosen: Option<Vec<Command>> = None;
    let close = |then: Option<Command>| -> Option<Vec<Command>> {
        Some(std::iter::once(Command::CloseModal).chain(then).collect())
    };
    let is_unsaved_prompt = matches!(modal, Modal::UnsavedChanges { .. });
    let response = egui::Modal::new(egui::Id::unique("factcheck modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match modal {
            Modal::UnsavedChanges { then } => {
                ui.heading("Save changes?");
                ui.label(format!(
                    "{doc_name} has changes that are not saved. Save them first?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        chosen = close(Some(Command::ResolveUnsaved {
                            save_first: true,
                            then: then.clone(),
                        }));
                    }
                    if ui.button("Discard changes").clicked() {
                        chosen = close(Some(Command::ResolveUnsaved {
                            save_first: false,
                            then: then.clone(),
                        }));
                    }
                    if ui.button("Cancel").clicked() {
                        chosen = close(None);
                    }
                });
            }
            Modal::Error {
                title,
                message,
                offer_save_as,
            } => {
                ui.heading(title);
                ui.label(message.as_str());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if *offer_save_as && ui.button("Save as…").clicked() {
                        chosen = close(Some(Command::Action(Action::SaveAs)));
                    }
                    if ui.button("OK").clicked() {
                        chosen = close(None);
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
                    chosen = close(None);
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
                        chosen = close(Some(Command::DeleteSource {
                            source_id: *source_id,
                            confirmed: true,
                        }));
                    }
                    if ui.button("Cancel").clicked() {
                        chosen = close(None);
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
                    chosen = close(None);
                }
            }
            Modal::Palette {
                query,
                selected: current,
            } => {
                ui.heading("Command palette");
                let label = ui.label(RichText::new("Type to search commands").small().strong());
                let field = ui
                    .add(egui::TextEdit::singleline(query).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                field.request_focus();
                let matches = palette_matches(query);
                let mut selected = if field.changed() { 0 } else { *current };
                selected = selected.min(matches.len().saturating_sub(1));
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)) {
                    selected = (selected + 1).min(matches.len().saturating_sub(1));
                }
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp)) {
                    selected = selected.saturating_sub(1);
                }
                *current = selected;
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
                                chosen = close(Some(Command::Action(*action)));
                            }
                        }
                    });
                if enter && let Some(action) = matches.get(selected) {
                    chosen = close(Some(Command::Action(*action)));
                }
                if matches.is_empty() {
                    ui.label(RichText::new("No command matches").weak());
                }
            }
            Modal::PasteArticle { text } => {
                ui.heading("New project from pasted text");
                let label = ui.label("Paste the article here (Ctrl+V)");
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    ui.add(egui::TextEdit::multiline(text).desired_rows(12).desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Create project")).clicked() {
                        chosen = close(Some(Command::NewFromText {
                            text: text.clone(),
                            discard_confirmed: false,
                        }));
                    }
                    if ui.button("Cancel").clicked() {
                        chosen = close(None);
                    }
                });
            }
            Modal::ReanchorReport { lines, summary } => {
                ui.heading("Article updated");
                ui.label(RichText::new(summary.as_str()).strong());
                ui.label("Orphaned claims keep all their work; select new text and use \"Re-attach to selection\".");
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for line in lines {
                        ui.label(line.as_str());
                    }
                });
                if ui.button("OK").clicked() {
                    chosen = close(None);
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
                        chosen = close(Some(Command::RestoreRecovery(info.clone())));
                    }
                    if ui.button("Discard recovered work").clicked() {
                        chosen = close(Some(Command::DiscardRecovery(info.clone())));
                    }
                    if ui.button("Decide later").clicked() {
                        chosen = close(None);
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
                        chosen = close(Some(Command::MergeWith(path.clone())));
                    }
                    if ui.button("Save as…").clicked() {
                        chosen = close(Some(Command::Action(Action::SaveAs)));
                    }
                    if ui.button("Overwrite").on_hover_text("Replace the file on disk with your version").clicked() {
                        chosen = close(Some(Command::OverwriteChangedFile));
                    }
                    if ui.button("Cancel").clicked() {
                        chosen = close(None);
                    }
                });
            }
            Modal::Preferences { draft } => {
                ui.heading("Preferences");
                let before = (**draft).clone();
                let prefs = &mut **draft;
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
                super::checked_before::library_folders_ui(ui, &mut prefs.library_folders);
                let changed = *prefs != before;
                if ui.button("Close").clicked() {
                    chosen = close(None);
                } else if changed {
                    // Applied at once, so the theme and text size change while you watch.
                    chosen = Some(vec![Command::SetPrefs(Box::new(prefs.clone()))]);
                }
            }
        }
    });
    if response.should_close() && chosen.is_none() && !is_unsaved_prompt {
        chosen = close(None);
    }
    chosen.unwrap_or_default()
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
