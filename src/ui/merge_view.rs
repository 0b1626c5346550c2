//! The merge view: every claim of both copies classified (agreed, only in mine, only in
//! theirs, verdict differs, span differs, ...), side by side, with reviewer agreement, and a
//! decision per conflict.

use egui::{RichText, Ui};

use super::theme::kind_colour;
use crate::merge::ClaimPair;
use crate::model::{Claim, Conflict, ConflictAt, ConflictId, Project, Resolution, snippet};
use crate::state::{MergeAction, MergeSession};

/// Draw the merge view; returns what the user chose this frame.
pub fn merge_view_ui(
    ui: &mut Ui,
    session: &mut MergeSession,
    ours_name: &str,
) -> Option<MergeAction> {
    let mut action = None;
    let dark = ui.visuals().dark_mode;
    let theirs_name = session
        .theirs_path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    ui.label(format!("Mine: {ours_name}    Theirs: {theirs_name}"));
    ui.horizontal(|ui| {
        match &session.base_path {
            Some(base) => ui.label(format!("Three-way merge against {}", base.display())),
            None => ui.label("Two-way merge (no common ancestor)"),
        };
        if ui
            .button("Common ancestor…")
            .on_hover_text("Pick the version both copies started from: fields changed on one side only then merge by themselves")
            .clicked()
        {
            action = Some(MergeAction::PickBase);
        }
    });
    let agreement = &session.outcome.agreement;
    let agreement_text = match (agreement.percent, agreement.kappa) {
        (Some(p), Some(k)) => format!(
            "Both rated {} claims; agreed on {} ({p:.0}%); Cohen's kappa {k:.2}",
            agreement.both_rated, agreement.agreed
        ),
        (Some(p), None) => format!(
            "Both rated {} claims; agreed on {} ({p:.0}%); kappa undefined",
            agreement.both_rated, agreement.agreed
        ),
        _ => "No claim was rated in both copies".to_owned(),
    };
    ui.label(RichText::new(agreement_text).strong());
    ui.separator();
    let project = &session.outcome.project;
    egui::ScrollArea::vertical()
        .id_salt("merge pairs")
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new("merge pairs grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.label(RichText::new("Comparison").strong());
                    ui.label(RichText::new("Mine").strong());
                    ui.label(RichText::new("Theirs").strong());
                    ui.end_row();
                    for pair in &session.outcome.pairs {
                        pair_row_ui(ui, project, pair, dark);
                    }
                });
        });
    ui.separator();
    let open = project.conflicts.len();
    ui.label(
        RichText::new(format!(
            "Conflicts: {open} open of {} found",
            session.conflicts_found
        ))
        .strong(),
    );
    if let Some(error) = &session.error {
        ui.label(RichText::new(error).color(super::theme::error_colour(dark)));
    }
    let conflicts: Vec<Conflict> = project.conflicts.clone();
    egui::ScrollArea::vertical()
        .id_salt("merge conflicts")
        .max_height(260.0)
        .show(ui, |ui| {
            for conflict in &conflicts {
                if let Some(chosen) =
                    conflict_ui(ui, &session.outcome.project, conflict, &mut session.custom)
                {
                    action = Some(chosen);
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let label = if open == 0 { "Apply merge" } else { "Apply merge (keep open conflicts)" };
        if ui
            .button(label)
            .on_hover_text("Replace the project with the merged one; Ctrl+Z undoes the whole merge. Open conflicts stay recorded with both values.")
            .clicked()
        {
            action = Some(MergeAction::Apply);
        }
        if ui.button("Cancel merge").clicked() {
            action = Some(MergeAction::Cancel);
        }
    });
    action
}

fn side_text(project: &Project, claim: Option<&Claim>) -> String {
    claim.map_or_else(
        || "—".to_owned(),
        |c| {
            let verdict = project.verdict_label(c.verdict.as_deref());
            format!(
                "“{}”\n{verdict} · {}",
                snippet(&c.anchor.quote, 50),
                c.status.label()
            )
        },
    )
}

fn pair_row_ui(ui: &mut Ui, project: &Project, pair: &ClaimPair, dark: bool) {
    ui.label(
        RichText::new(pair.kind.label())
            .color(kind_colour(pair.kind, dark))
            .strong(),
    );
    ui.label(side_text(project, pair.ours.as_ref()));
    ui.label(side_text(project, pair.theirs.as_ref()));
    ui.end_row();
}

fn conflict_ui(
    ui: &mut Ui,
    project: &Project,
    conflict: &Conflict,
    custom: &mut std::collections::HashMap<ConflictId, String>,
) -> Option<MergeAction> {
    let mut action = None;
    let what = match &conflict.at {
        ConflictAt::Claim { claim_id, .. } => project.claim(*claim_id).map_or_else(
            || "a deleted claim".to_owned(),
            |c| format!("claim “{}”", snippet(&c.anchor.quote, 40)),
        ),
        ConflictAt::Source { source_id, .. } => project.source(*source_id).map_or_else(
            || "a deleted source".to_owned(),
            |s| format!("source “{}”", snippet(s.display_title(), 40)),
        ),
        ConflictAt::Project(_) => "project settings".to_owned(),
    };
    let describe = |value: &Option<crate::model::FieldValue>| {
        value
            .as_ref()
            .map_or_else(|| "(deleted)".to_owned(), |v| v.describe(project))
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(format!("{} of {what}", conflict.at.field_label())).strong());
        let by = |who: &Option<String>| who.as_deref().map_or(String::new(), |w| format!(" ({w})"));
        ui.label(format!(
            "Mine{}: {}",
            by(&conflict.ours.by),
            describe(&conflict.ours.value)
        ));
        ui.label(format!(
            "Theirs{}: {}",
            by(&conflict.theirs.by),
            describe(&conflict.theirs.value)
        ));
        if let Some(base) = &conflict.base {
            ui.label(RichText::new(format!("Before both: {}", base.describe(project))).weak());
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Keep mine").clicked() {
                action = Some(MergeAction::Resolve(conflict.id, Resolution::KeepOurs));
            }
            if ui.button("Take theirs").clicked() {
                action = Some(MergeAction::Resolve(conflict.id, Resolution::TakeTheirs));
            }
            let text = custom.entry(conflict.id).or_default();
            let label = ui.label("Edit");
            ui.add(egui::TextEdit::singleline(text).desired_width(180.0))
                .labelled_by(label.id);
            if ui
                .add_enabled(
                    !text.trim().is_empty(),
                    egui::Button::new("Use edited value"),
                )
                .clicked()
            {
                action = Some(MergeAction::Resolve(
                    conflict.id,
                    Resolution::Custom(text.clone()),
                ));
            }
        });
    });
    action
}
