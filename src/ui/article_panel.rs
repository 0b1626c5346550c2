//! The central panel: the "Mark claim" bar, the find bar and the article reading view, with
//! number keys for verdicts while the article has the focus.

use egui::{RichText, Ui};

use super::WorkbenchFrame;
use super::article_view::ArticleViewInput;
use crate::model::snippet;
use crate::state::{Action, Command, Document, FindState};

/// The article: the "Mark claim" bar, the find bar, and the reading view.
pub(super) fn article_panel_ui(
    ui: &mut Ui,
    doc: &Document,
    frame: &mut WorkbenchFrame<'_>,
    commands: &mut Vec<Command>,
) {
    let state = frame.state;
    let selection = frame.article_view.selection();
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
    if frame.panels.find.open {
        find_bar_ui(ui, &mut frame.panels.find, commands);
    }
    ui.separator();
    let find = &frame.panels.find;
    let project = &doc.project;
    let tooltip = |claim_id| {
        project.claim(claim_id).map_or_else(String::new, |claim| {
            let verdict = project.verdict_label(claim.verdict.as_deref());
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
        highlights: frame.highlights,
        selected_claim: state.selected_claim,
        find_matches: if find.open { &find.matches } else { &[] },
        current_find_match: if find.open { find.current } else { None },
        font_size: state.prefs.font_size,
        reading_width_em: state.prefs.reading_width_em,
        tooltip: &tooltip,
    };
    let output = frame.article_view.ui(ui, &input);
    if frame.panels.research.show_suggested {
        super::suggested::margin_marks_ui(
            ui,
            frame.article_view,
            doc,
            &state.suggestions,
            state.prefs.font_size,
        );
    }
    if let Some(claim_id) = output.clicked_claim {
        commands.push(Command::SelectClaim(Some(claim_id)));
    }
    if output.mark_requested {
        commands.push(Command::Action(Action::MarkClaim));
    }
    if output.has_focus {
        verdict_keys(ui, doc, state.selected_claim, commands);
    }
}

/// With the article focused, number keys set the selected claim's verdict: 1 is the first
/// label of the scale, 0 clears it.
fn verdict_keys(
    ui: &Ui,
    doc: &Document,
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
fn find_bar_ui(ui: &mut Ui, find: &mut FindState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let field = ui
            .add(egui::TextEdit::singleline(&mut find.query).desired_width(220.0))
            .labelled_by(label.id);
        if std::mem::take(&mut find.focus_field) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::Action(Action::FindNext));
            field.request_focus();
        }
        ui.checkbox(&mut find.match_case, "Match case");
        let count = find.matches.len();
        let position = match find.current {
            Some(i) if count > 0 => format!("{} of {count}", i + 1),
            _ if find.query.is_empty() => String::new(),
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
                find.current.is_some(),
                egui::Button::new("Mark match as claim"),
            )
            .clicked()
        {
            commands.push(Command::MarkFindMatch);
        }
        if ui.button("Close").clicked() {
            commands.push(Command::CloseFind {
                select_match: false,
            });
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Leave the find bar with the current match selected in the article, keyboard
            // focus on the article: Shift+arrows adjust it, Ctrl+M marks it.
            commands.push(Command::CloseFind { select_match: true });
        }
    });
}
