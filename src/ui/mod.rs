//! Drawing with egui. Panels and dialogs draw from the state they are given
//! ([`crate::state`]) and return [`Command`]s; they never change the app themselves. The shell
//! (`app/`) applies the commands after the frame.

pub mod article_panel;
pub mod article_view;
pub mod checked_before;
pub mod claim_list;
pub mod file_browser;
pub mod fonts;
pub mod inspector;
pub mod menu;
pub mod merge_view;
pub mod modals;
pub mod project_panel;
pub mod review_panel;
pub mod sources;
pub mod startup_timing;
pub mod status_bar;
pub mod suggested;
pub mod theme;
pub mod widgets;

use egui::{RichText, Ui};

use crate::state::{
    Action, Command, Document, MergeAction, PanelState, Prefs, RightTab, ThemeChoice, Workbench,
};
use article_view::{ArticleView, Highlights};

/// What the window draws in one frame: the state every panel reads, the state panels own
/// (what is typed, not yet a command), and the article view's widget state.
pub struct WorkbenchFrame<'a> {
    /// What the window shows.
    pub state: &'a Workbench,
    /// What panels own and edit while drawing.
    pub panels: &'a mut PanelState,
    /// The article reading view's own state (layout caches, selection, scroll).
    pub article_view: &'a mut ArticleView,
    /// Claim highlights of the open document.
    pub highlights: &'a Highlights,
    /// The in-app file browser, when a file is being asked for inside the window.
    pub file_browser: Option<&'a mut file_browser::FileBrowser>,
}

/// Draw the whole window; returns what the user asked for, in order.
pub fn workbench_ui(ui: &mut Ui, mut frame: WorkbenchFrame<'_>) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let state = frame.state;
    let theme = match state.prefs.theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    };
    if ctx.options(|o| o.theme_preference) != theme {
        ctx.set_theme(theme);
    }
    let mut commands = Vec::new();
    egui::Panel::top("menu bar").show(ui, |ui| menu::menu_bar_ui(ui, state, &mut commands));
    egui::Panel::bottom("status bar")
        .show(ui, |ui| status_bar::status_bar_ui(ui, state, &mut commands));
    match &state.doc {
        None => {
            egui::CentralPanel::default()
                .show(ui, |ui| welcome_ui(ui, &state.prefs, &mut commands));
        }
        Some(doc) => {
            egui::Panel::left("claim list panel")
                .resizable(true)
                .default_size(theme::CLAIM_LIST_WIDTH)
                .show(ui, |ui| {
                    let research = &mut frame.panels.research;
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut research.show_suggested, false, "Claims");
                        ui.selectable_value(&mut research.show_suggested, true, "Suggested")
                            .on_hover_text("Sentences worth checking, with the reasons");
                    });
                    if research.show_suggested {
                        suggested::suggested_ui(ui, doc, &state.suggestions, &mut commands);
                    } else {
                        claim_list::claim_list_ui(
                            ui,
                            doc,
                            &state.shown_claims,
                            &state.summary,
                            &mut frame.panels.filter,
                            state.selected_claim,
                            &state.seals,
                            &mut commands,
                        );
                    }
                });
            egui::Panel::right("inspector panel")
                .resizable(true)
                .default_size(theme::INSPECTOR_WIDTH)
                .show(ui, |ui| right_panel_ui(ui, doc, &mut frame, &mut commands));
            egui::CentralPanel::default().show(ui, |ui| {
                article_panel::article_panel_ui(ui, doc, &mut frame, &mut commands);
            });
            merge_window_ui(&ctx, doc, frame.panels, &mut commands);
        }
    }
    if let Some(browser) = frame.file_browser {
        commands.extend(browser.ui(&ctx));
    }
    if let Some(modal) = frame.panels.modals.front_mut() {
        let doc_name = state
            .doc
            .as_ref()
            .map(Document::display_name)
            .unwrap_or_default();
        commands.extend(modals::modal_ui(&ctx, modal, &doc_name));
    }
    commands
}

fn merge_window_ui(
    ctx: &egui::Context,
    doc: &Document,
    panels: &mut PanelState,
    commands: &mut Vec<Command>,
) {
    let Some(session) = &mut panels.merge else {
        return;
    };
    let ours_name = doc.display_name();
    let mut action: Option<MergeAction> = None;
    egui::Window::new("Merge a reviewer's copy")
        .collapsible(false)
        .default_size([900.0, 640.0])
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            action = merge_view::merge_view_ui(ui, session, &ours_name);
        });
    if let Some(action) = action {
        commands.push(Command::Merge(action));
    }
}

fn right_panel_ui(
    ui: &mut Ui,
    doc: &Document,
    frame: &mut WorkbenchFrame<'_>,
    commands: &mut Vec<Command>,
) {
    let state = frame.state;
    ui.horizontal(|ui| {
        for (tab, label) in [
            (RightTab::Claim, "Claim"),
            (RightTab::Sources, "Sources"),
            (RightTab::Project, "Project"),
            (RightTab::Review, "Review"),
        ] {
            if ui.selectable_label(state.right_tab == tab, label).clicked() {
                commands.push(Command::ShowTab(tab));
            }
        }
    });
    ui.separator();
    match state.right_tab {
        RightTab::Claim => {
            let claim = state.selected_claim.and_then(|id| doc.project.claim(id));
            match claim {
                Some(claim) => {
                    let has_selection = frame.article_view.selection().is_some();
                    let focus_field = frame.panels.focus_field.take();
                    egui::ScrollArea::vertical()
                        .id_salt("inspector")
                        .show(ui, |ui| {
                            inspector::inspector_ui(
                                ui,
                                doc,
                                claim,
                                state.seals.get(&claim.id),
                                has_selection,
                                focus_field,
                                &mut frame.panels.inspector,
                                commands,
                            );
                            checked_before::checked_before_ui(ui, &state.checked_before, commands);
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
        RightTab::Sources => sources::sources_tab_ui(ui, doc, state.selected_source, commands),
        RightTab::Project => project_panel::project_tab_ui(ui, doc, commands),
        RightTab::Review => {
            review_panel::review_tab_ui(ui, doc, state, &mut frame.panels.review, commands);
        }
    }
}

fn welcome_ui(ui: &mut Ui, prefs: &Prefs, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("Factcheck Workbench");
        ui.label("Mark the claims in an article, research them, and give verdicts with sources.");
        ui.add_space(16.0);
        if ui.button("Open article…").clicked() {
            commands.push(Command::Action(Action::OpenArticle));
        }
        if ui.button("Open project…").clicked() {
            commands.push(Command::Action(Action::OpenProject));
        }
        let example = std::path::Path::new("projects/cyber-security-unit.ron");
        if example.exists() && ui.button("Open the example project").clicked() {
            commands.push(Command::open(example));
        }
        if !prefs.recent_files.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent").strong());
            for path in &prefs.recent_files {
                if ui.link(path.display().to_string()).clicked() {
                    commands.push(Command::open(path.clone()));
                }
            }
        }
        ui.add_space(16.0);
        ui.label(RichText::new("Or drop a .txt, .md or .ron file onto this window.").weak());
    });
}
