//! Drawing with egui. Every function here reads state and pushes [`Command`]s; none changes
//! the project directly.

pub mod article_view;
pub mod claim_list;
pub mod fonts;
pub mod inspector;
pub mod menu;
pub mod merge_view;
pub mod modals;
pub mod project_panel;
pub mod sources;
pub mod startup_timing;
pub mod status_bar;
pub mod theme;
pub mod widgets;

use egui::{RichText, Ui};

use crate::app::{Action, Command, FactcheckApp, RightTab, ThemeChoice};
use crate::model::snippet;
use article_view::ArticleViewInput;

/// The whole window.
pub fn workbench_ui(ui: &mut Ui, app: &mut FactcheckApp) {
    let ctx = ui.ctx().clone();
    let theme = match app.prefs.theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    };
    if ctx.options(|o| o.theme_preference) != theme {
        ctx.set_theme(theme);
    }
    egui::Panel::top("menu bar").show(ui, |ui| menu::menu_bar_ui(ui, app));
    egui::Panel::bottom("status bar").show(ui, |ui| status_bar::status_bar_ui(ui, app));
    if app.doc.is_none() {
        egui::CentralPanel::default().show(ui, |ui| welcome_ui(ui, app));
        modals::modal_ui(&ctx, app);
        return;
    }
    let mut commands = Vec::new();
    egui::Panel::left("claim list panel")
        .resizable(true)
        .default_size(theme::CLAIM_LIST_WIDTH)
        .show(ui, |ui| {
            let FactcheckApp {
                doc,
                filter,
                selected_claim,
                shown_claims,
                summary,
                ..
            } = app;
            if let Some(doc) = doc {
                claim_list::claim_list_ui(
                    ui,
                    doc,
                    shown_claims,
                    summary,
                    filter,
                    *selected_claim,
                    &mut commands,
                );
            }
        });
    egui::Panel::right("inspector panel")
        .resizable(true)
        .default_size(theme::INSPECTOR_WIDTH)
        .show(ui, |ui| right_panel_ui(ui, app, &mut commands));
    egui::CentralPanel::default().show(ui, |ui| article_panel_ui(ui, app, &mut commands));
    for command in commands {
        app.push(command);
    }
    merge_window_ui(&ctx, app);
    modals::modal_ui(&ctx, app);
}

fn merge_window_ui(ctx: &egui::Context, app: &mut FactcheckApp) {
    let ours_name = app
        .doc
        .as_ref()
        .map(crate::app::Document::display_name)
        .unwrap_or_default();
    let Some(session) = &mut app.merge else {
        return;
    };
    let mut action = None;
    egui::Window::new("Merge a reviewer's copy")
        .collapsible(false)
        .default_size([900.0, 640.0])
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            action = merge_view::merge_view_ui(ui, session, &ours_name);
        });
    if let Some(action) = action {
        app.merge_view_action(ctx, action);
        ctx.request_repaint();
    }
}

fn right_panel_ui(ui: &mut Ui, app: &mut FactcheckApp, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (RightTab::Claim, "Claim"),
            (RightTab::Sources, "Sources"),
            (RightTab::Project, "Project"),
        ] {
            if ui.selectable_label(app.right_tab == tab, label).clicked() {
                commands.push(Command::ShowTab(tab));
            }
        }
    });
    ui.separator();
    let Some(doc) = &app.doc else { return };
    match app.right_tab {
        RightTab::Claim => {
            let claim = app.selected_claim.and_then(|id| doc.project.claim(id));
            match claim {
                Some(claim) => {
                    let has_selection = app.article_view.selection().is_some();
                    let focus_field = app.focus_field.take();
                    egui::ScrollArea::vertical()
                        .id_salt("inspector")
                        .show(ui, |ui| {
                            inspector::inspector_ui(
                                ui,
                                doc,
                                claim,
                                has_selection,
                                focus_field,
                                &mut app.inspector,
                                commands,
                            );
                        });
                }
                None => {
                    ui.label(
                        RichText::new(
                            "Select a claim in the list or click a highlight in the article.",
                        )
                        .weak(),
                    );
                }
            }
        }
        RightTab::Sources => sources::sources_tab_ui(ui, doc, app.selected_source, commands),
        RightTab::Project => project_panel::project_tab_ui(ui, doc, commands),
    }
}

fn article_panel_ui(ui: &mut Ui, app: &mut FactcheckApp, commands: &mut Vec<Command>) {
    let selection = app.article_view.selection();
    ui.horizontal(|ui| {
        let mark = egui::Button::new("Mark claim").shortcut_text(
            Action::MarkClaim
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default(),
        );
        if ui
            .add_enabled(selection.is_some(), mark)
            .on_hover_text(Action::MarkClaim.description())
            .on_disabled_hover_text("Select the claim's text in the article first")
            .clicked()
        {
            commands.push(Command::Action(Action::MarkClaim));
        }
        match &selection {
            Some(range) => ui.label(
                RichText::new(format!("{} characters selected", range.end - range.start)).weak(),
            ),
            None => ui.label(RichText::new("Select text to mark a claim").weak()),
        };
    });
    if app.find.open {
        find_bar_ui(ui, app, commands);
    }
    ui.separator();
    let FactcheckApp {
        doc,
        article_view,
        find,
        selected_claim,
        highlights,
        prefs,
        ..
    } = app;
    let Some(doc) = doc.as_ref() else { return };
    let project = &doc.project;
    let tooltip = |claim_id| {
        project.claim(claim_id).map_or_else(String::new, |claim| {
            let verdict = claim
                .verdict
                .as_deref()
                .map_or("Unrated", |v| project.verdict_text(v));
            let claimant = if claim.claimant.is_empty() {
                "Unknown claimant"
            } else {
                &claim.claimant
            };
            format!(
                "“{}”\n{verdict} · {} · {claimant}",
                snippet(claim.statement_or_quote(), 200),
                claim.status.label()
            )
        })
    };
    let input = ArticleViewInput {
        text: &project.article.text,
        index: doc.index(),
        highlights,
        selected_claim: *selected_claim,
        find_matches: if find.open { &find.matches } else { &[] },
        current_find_match: if find.open { find.current } else { None },
        font_size: prefs.font_size,
        reading_width_em: prefs.reading_width_em,
        tooltip: &tooltip,
    };
    let output = article_view.ui(ui, &input);
    if let Some(claim_id) = output.clicked_claim {
        commands.push(Command::SelectClaim(Some(claim_id)));
    }
    if output.mark_requested {
        commands.push(Command::Action(Action::MarkClaim));
    }
    if output.has_focus {
        verdict_keys(ui, doc, *selected_claim, commands);
    }
}

/// With the article focused, number keys set the selected claim's verdict: 1 is the first
/// label of the scale, 0 clears it.
fn verdict_keys(
    ui: &Ui,
    doc: &crate::app::Document,
    claim_id: Option<crate::model::ClaimId>,
    commands: &mut Vec<Command>,
) {
    let Some(claim_id) = claim_id else { return };
    const KEYS: [egui::Key; 10] = [
        egui::Key::Num0,
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
        egui::Key::Num6,
        egui::Key::Num7,
        egui::Key::Num8,
        egui::Key::Num9,
    ];
    for (n, key) in KEYS.into_iter().enumerate() {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
            let verdict = if n == 0 {
                None
            } else {
                match doc.project.scale.labels.get(n - 1) {
                    Some(label) => Some(label.id.clone()),
                    None => continue,
                }
            };
            commands.push(Command::edit(crate::model::Edit::UpdateClaim {
                claim_id,
                change: crate::model::ClaimChange::Verdict(verdict),
            }));
        }
    }
}

/// The find bar above the article: query, match case, count, previous/next, mark as claim.
fn find_bar_ui(ui: &mut Ui, app: &mut FactcheckApp, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let field = ui
            .add(egui::TextEdit::singleline(&mut app.find.query).desired_width(220.0))
            .labelled_by(label.id);
        if std::mem::take(&mut app.find.focus_field) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::Action(Action::FindNext));
            field.request_focus();
        }
        ui.checkbox(&mut app.find.match_case, "Match case");
        let count = app.find.matches.len();
        let position = match app.find.current {
            Some(i) if count > 0 => format!("{} of {count}", i + 1),
            _ if app.find.query.is_empty() => String::new(),
            _ => "No matches".to_owned(),
        };
        ui.label(position);
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .clicked()
        {
            commands.push(Command::Action(Action::FindPrevious));
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .clicked()
        {
            commands.push(Command::Action(Action::FindNext));
        }
        if ui
            .add_enabled(
                app.find.current.is_some(),
                egui::Button::new("Mark match as claim"),
            )
            .clicked()
        {
            commands.push(Command::MarkFindMatch);
        }
        if ui.button("Close").clicked() {
            app.find.open = false;
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Leave the find bar with the current match selected in the article, keyboard
            // focus on the article: Shift+arrows adjust it, Ctrl+M marks it.
            app.find.open = false;
            if let Some(range) = app
                .find
                .current
                .and_then(|i| app.find.matches.get(i))
                .cloned()
            {
                app.article_view.set_selection(Some(range));
                app.article_view.request_focus(ui.ctx());
            }
        }
    });
}

fn welcome_ui(ui: &mut Ui, app: &mut FactcheckApp) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("Factcheck Workbench");
        ui.label("Mark the claims in an article, research them, and give verdicts with sources.");
        ui.add_space(16.0);
        if ui.button("Open article…").clicked() {
            app.push(Command::Action(Action::OpenArticle));
        }
        if ui.button("Open project…").clicked() {
            app.push(Command::Action(Action::OpenProject));
        }
        let example = std::path::Path::new("projects/cyber-security-unit.ron");
        if example.exists() && ui.button("Open the example project").clicked() {
            app.push(Command::OpenPath(example.to_path_buf()));
        }
        if !app.prefs.recent_files.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent").strong());
            let recent = app.prefs.recent_files.clone();
            for path in recent {
                if ui.link(path.display().to_string()).clicked() {
                    app.push(Command::OpenPath(path));
                }
            }
        }
        ui.add_space(16.0);
        ui.label(RichText::new("Or drop a .txt, .md or .ron file onto this window.").weak());
    });
}
