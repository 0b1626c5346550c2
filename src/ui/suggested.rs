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
        ui.set_max_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{:.2}", suggestion.score.score)).strong())
                .on_hover_text("Check-worthiness score (0 to 1)");
            ui.add(egui::Label::new(crate::model::snippet(&suggestion.text, ROW_CHARS)).wrap());
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
        ui.add(egui::Label::new(RichText::new(reasons.join(" · ")).small().weak()).wrap());
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

/// Subtle marks in the article's left margin beside suggested sentences on screen (a dot at
/// the sentence's first line; hover for the score and reasons). Call right after the article
/// view has drawn, so its positions are this frame's.
pub fn margin_marks_ui(
    ui: &Ui,
    view: &super::article_view::ArticleView,
    doc: &Document,
    suggestions: &Suggestions,
    font_size: f32,
) {
    let index = doc.index();
    let colour = super::theme::warning_colour(ui.visuals().dark_mode).gamma_multiply(0.7);
    let clip = ui.clip_rect();
    for suggestion in open_suggestions(doc, suggestions) {
        let Some(at) = view.char_screen_pos(suggestion.start) else {
            continue;
        };
        let paragraph = index
            .paragraphs()
            .get(index.paragraph_of_char(suggestion.start))
            .map_or(suggestion.start, |p| p.chars.start);
        let left = view
            .char_screen_pos(paragraph)
            .filter(|p| p.x <= at.x)
            .map_or(at.x, |p| p.x);
        let centre = egui::pos2(left - font_size * 0.6, at.y);
        if !clip.contains(centre) {
            continue;
        }
        ui.painter().circle_filled(centre, 3.0, colour);
        let rect = egui::Rect::from_center_size(centre, egui::vec2(10.0, 10.0));
        let reasons: Vec<&str> = suggestion
            .score
            .reasons
            .iter()
            .filter(|r| r.weight > 0.0)
            .map(|r| r.feature.label())
            .collect();
        ui.interact(
            rect,
            egui::Id::unique(("suggestion mark", suggestion.start)),
            egui::Sense::hover(),
        )
        .on_hover_text(format!(
            "Suggested claim ({:.2}): {}",
            suggestion.score.score,
            reasons.join(", ")
        ));
    }
}
