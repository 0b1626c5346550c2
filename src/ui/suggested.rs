//! The "Suggested" view beside the claim list: check-worthy sentences of the article, best
//! first, each with its reasons, a button that marks it as a claim and one that dismisses it.

use egui::{RichText, Ui};

use crate::model::Claim;
use crate::research::Suggestion;
use crate::state::{Command, Document, ResearchAction, Suggestions};

/// Longest sentence shown whole in a row.
const ROW_CHARS: usize = 240;

/// The suggested sentences not yet marked as claims (nor dismissed), best first.
#[must_use]
pub fn open_suggestions<'s>(doc: &Document, suggestions: &'s Suggestions) -> Vec<&'s Suggestion> {
    let claims: Vec<&Claim> = doc.project.claims.iter().filter(|c| !c.orphan).collect();
    let mut open: Vec<&Suggestion> = suggestions
        .sentences
        .iter()
        .filter(|s| s.score.suggested)
        .filter(|s| {
            !claims
                .iter()
                .any(|c| c.anchor.start < s.end && s.start < c.anchor.end)
        })
        .collect();
    open.sort_by(|a, b| {
        b.score
            .score
            .total_cmp(&a.score.score)
            .then(a.start.cmp(&b.start))
    });
    open
}

/// Draw the "Suggested" view.
pub fn suggested_ui(
    ui: &mut Ui,
    doc: &Document,
    suggestions: &Suggestions,
    commands: &mut Vec<Command>,
) {
    let open = open_suggestions(doc, suggestions);
    ui.label(
        RichText::new(format!(
            "{} sentences worth checking, best first",
            open.len()
        ))
        .weak(),
    );
    ui.separator();
    if open.is_empty() {
        ui.label(
            RichText::new(
                "Nothing left to suggest: every check-worthy sentence is marked or dismissed.",
            )
            .weak(),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("suggested")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for suggestion in open {
                suggestion_row_ui(ui, suggestion, commands);
            }
        });
}

fn suggestion_row_ui(ui: &mut Ui, suggestion: &Suggestion, commands: &mut Vec<Command>) {
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{:.2}", suggestion.score.score)).strong())
                .on_hover_text("Check-worthiness score (0 to 1)");
            ui.label(crate::model::snippet(&suggestion.text, ROW_CHARS));
        });
        let reasons: Vec<String> = suggestion
            .score
            .reasons
            .iter()
            .map(|r| {
                let sign = if r.weight > 0.0 { "+" } else { "-" };
                format!("{sign} {}", r.describe())
            })
            .collect();
        ui.label(RichText::new(reasons.join(" · ")).small().weak());
        ui.horizontal(|ui| {
            let (start, end) = (suggestion.start, suggestion.end);
            if ui
                .button("Mark as claim")
                .on_hover_text("Mark this sentence as a claim to check")
                .clicked()
            {
                commands.push(Command::Research(ResearchAction::Mark { start, end }));
            }
            if ui
                .button("Not worth checking")
                .on_hover_text("Dismiss: hide this suggestion (remembered in the project)")
                .clicked()
            {
                commands.push(Command::Research(ResearchAction::Dismiss { start, end }));
            }
        });
    });
}
