//! The claim inspector: every field of the selected claim, its evidence, comments and history.

use egui::{RichText, Ui};

use super::sources::source_editor_ui;
use super::widgets::{
    focusable_text_field, format_date, parse_date, parse_tags, parsed_field, text_field,
    verdict_badge,
};
use crate::model::review::{ReviewAction, ReviewRequest};
use crate::model::{
    Claim, ClaimChange, ClaimStatus, ClaimantKind, Edit, Evidence, Stance, snippet,
};
use crate::state::{ClaimDraft, CoalesceKey, Command, Document, InspectorField, InspectorState};

fn change(claim: &Claim, change: ClaimChange) -> Command {
    let field = change.field();
    Command::Edit {
        edit: Edit::UpdateClaim {
            claim_id: claim.id,
            change,
        },
        coalesce: Some(CoalesceKey::ClaimField(claim.id, field)),
    }
}

/// Draw the inspector for `claim`; `state` keeps what is typed, per claim.
#[allow(
    clippy::too_many_arguments,
    reason = "a panel is given exactly what it draws"
)]
pub fn inspector_ui(
    ui: &mut Ui,
    doc: &Document,
    claim: &Claim,
    seal: Option<&crate::signing::SealStatus>,
    has_selection: bool,
    focus_field: Option<InspectorField>,
    state: &mut InspectorState,
    commands: &mut Vec<Command>,
) {
    let project = &doc.project;
    let id = claim.id;
    let draft = state.draft(id);
    ui.horizontal(|ui| {
        verdict_badge(ui, &project.scale, claim.verdict.as_deref());
        super::widgets::status_chip(ui, claim.status);
        if claim.orphan {
            ui.label(
                RichText::new("Orphan").color(super::theme::warning_colour(ui.visuals().dark_mode)),
            );
        }
    });
    if let Some(seal) = seal
        && let Some(request) = super::review_panel::seal_ui(ui, claim, seal)
    {
        commands.push(Command::Review(request));
    }
    ui.label(RichText::new(format!("“{}”", snippet(&claim.anchor.quote, 400))).italics());
    conflicts_ui(ui, project, claim, commands);
    ui.horizontal(|ui| {
        if !claim.orphan && ui.button("Show in article").clicked() {
            commands.push(Command::JumpToClaim(id));
        }
        let reattach = ui.add_enabled(has_selection, egui::Button::new("Re-attach to selection"));
        if reattach
            .on_hover_text("Move this claim's span to the text selected in the article")
            .on_disabled_hover_text("Select text in the article first")
            .clicked()
        {
            commands.push(Command::ReattachToSelection(id));
        }
    });
    ui.separator();

    // What a sign-off covers is locked until the claim is reopened (see docs/review.md).
    let signed_off = claim.status.is_published();
    ui.add_enabled_ui(!signed_off, |ui| {
        if let Some(v) = focusable_text_field(
            ui,
            "Claim",
            &claim.statement,
            true,
            (id, "statement"),
            focus_field == Some(InspectorField::Statement),
        ) {
            commands.push(change(claim, ClaimChange::Statement(v)));
        }
        if let Some(v) = focusable_text_field(
            ui,
            "Claimant",
            &claim.claimant,
            false,
            (id, "claimant"),
            focus_field == Some(InspectorField::Claimant),
        ) {
            commands.push(change(claim, ClaimChange::Claimant(v)));
        }
    });
    ui.horizontal(|ui| {
        let mut kind = claim.claimant_kind;
        ui.radio_value(&mut kind, ClaimantKind::Person, "Person");
        ui.radio_value(&mut kind, ClaimantKind::Organization, "Organisation");
        if kind != claim.claimant_kind {
            commands.push(change(claim, ClaimChange::ClaimantKind(kind)));
        }
    });
    ui.columns(2, |cols| {
        if let Some(v) = parsed_field(
            &mut cols[0],
            "Date of claim",
            &format_date(claim.date),
            (id, "date"),
            "YYYY-MM-DD",
            parse_date,
        ) {
            commands.push(change(claim, ClaimChange::Date(v)));
        }
        if let Some(v) = parsed_field(
            &mut cols[1],
            "Tags",
            &claim.tags.join(", "),
            (id, "tags"),
            "comma, separated",
            parse_tags,
        ) {
            commands.push(change(claim, ClaimChange::Tags(v)));
        }
    });
    if let Some(v) = text_field(
        ui,
        "Where it appeared",
        &claim.appearance,
        false,
        (id, "appearance"),
    ) {
        commands.push(change(claim, ClaimChange::Appearance(v)));
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let mut status = claim.status;
        ui.add_enabled_ui(!claim.status.is_published(), |ui| {
            egui::ComboBox::new((id, "status"), "Status")
                .selected_text(status.label())
                .show_ui(ui, |ui| {
                    for s in ClaimStatus::ALL {
                        if s != ClaimStatus::CorrectionPending {
                            ui.selectable_value(&mut status, s, s.label());
                        }
                    }
                });
        })
        .response
        .on_disabled_hover_text(
            "Signed off: reopen with a reason or correct the verdict (Review menu)",
        );
        if status == ClaimStatus::Reviewed && claim.status != ClaimStatus::Reviewed {
            // A sign-off is signed with the reviewer's key (the Review queue's Sign off).
            commands.push(Command::Review(ReviewRequest::Act(ReviewAction::SignOff)));
        } else if status != claim.status {
            commands.push(change(claim, ClaimChange::Status(status)));
        }
    });
    if !project.scale.is_conclusion_only() {
        let locked = claim.status.is_published();
        ui.horizontal(|ui| {
            let mut verdict = claim.verdict.clone();
            let selected_text = project.verdict_label(verdict.as_deref()).to_owned();
            ui.add_enabled_ui(!locked, |ui| {
                egui::ComboBox::new((id, "verdict"), "Verdict")
                    .selected_text(selected_text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut verdict, None, "Unrated");
                        for label in &project.scale.labels {
                            ui.selectable_value(&mut verdict, Some(label.id.clone()), &label.text)
                                .on_hover_text(&label.definition);
                        }
                    });
            });
            if verdict != claim.verdict {
                commands.push(change(claim, ClaimChange::Verdict(verdict)));
            }
        });
        if claim.status == ClaimStatus::Reviewed {
            correction_ui(ui, doc, claim, draft, commands);
        }
    }
    ui.add_enabled_ui(!signed_off, |ui| {
        if let Some(v) = focusable_text_field(
            ui,
            "Conclusion",
            &claim.conclusion,
            true,
            (id, "conclusion"),
            focus_field == Some(InspectorField::Conclusion),
        ) {
            commands.push(change(claim, ClaimChange::Conclusion(v)));
        }
        if let Some(v) = text_field(
            ui,
            "How we checked",
            &claim.methodology,
            true,
            (id, "methodology"),
        ) {
            commands.push(change(claim, ClaimChange::Methodology(v)));
        }
    });
    ui.separator();
    evidence_ui(ui, doc, claim, commands);
    ui.separator();
    comments_ui(ui, claim, draft, commands);
    egui::CollapsingHeader::new(format!("History ({})", claim.history.len()))
        .id_salt((id, "history"))
        .show(ui, |ui| {
            for entry in claim.history.iter().rev() {
                let who = if entry.by.is_empty() {
                    "someone"
                } else {
                    &entry.by
                };
                ui.label(
                    RichText::new(format!(
                        "{} · {who} · {}",
                        entry.at.format("%Y-%m-%d %H:%M"),
                        entry.what
                    ))
                    .small(),
                );
            }
            for revision in &claim.revisions {
                ui.label(
                    RichText::new(format!(
                        "Correction {} by {}: {} → {} ({})",
                        revision.at.format("%Y-%m-%d"),
                        revision.by,
                        project.verdict_label(revision.old_verdict.as_deref()),
                        project.verdict_label(revision.new_verdict.as_deref()),
                        revision.reason
                    ))
                    .small(),
                );
            }
        });
    ui.add_space(8.0);
    if ui
        .button("Delete claim")
        .on_hover_text("Delete (Ctrl+Z brings it back)")
        .clicked()
    {
        commands.push(Command::edit(Edit::DeleteClaim(id)));
    }
}

fn correction_ui(
    ui: &mut Ui,
    doc: &Document,
    claim: &Claim,
    state: &mut ClaimDraft,
    commands: &mut Vec<Command>,
) {
    let project = &doc.project;
    ui.label(RichText::new("Signed off: what was reviewed is locked. Reopen with a reason (Ctrl+Shift+R) or publish a correction.").small().weak());
    egui::CollapsingHeader::new("Correct the verdict…")
        .id_salt((claim.id, "correct"))
        .show(ui, |ui| {
            let current = state
                .correction_verdict
                .clone()
                .or_else(|| claim.verdict.clone());
            let mut verdict = current.clone();
            egui::ComboBox::new((claim.id, "new verdict"), "New verdict")
                .selected_text(project.verdict_label(verdict.as_deref()).to_owned())
                .show_ui(ui, |ui| {
                    for label in &project.scale.labels {
                        ui.selectable_value(&mut verdict, Some(label.id.clone()), &label.text);
                    }
                });
            if verdict != current {
                state.correction_verdict = verdict;
            }
            let label = ui.label(
                RichText::new("Reason (published with the report)")
                    .small()
                    .strong(),
            );
            ui.add(
                egui::TextEdit::singleline(&mut state.correction_reason)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.button("Record correction").clicked() {
                commands.push(Command::edit(Edit::CorrectVerdict {
                    claim_id: claim.id,
                    verdict: state
                        .correction_verdict
                        .clone()
                        .or_else(|| claim.verdict.clone()),
                    reason: std::mem::take(&mut state.correction_reason),
                }));
                state.correction_verdict = None;
            }
        });
}

fn evidence_ui(ui: &mut Ui, doc: &Document, claim: &Claim, commands: &mut Vec<Command>) {
    let project = &doc.project;
    ui.label(RichText::new(format!("Evidence ({})", claim.evidence.len())).strong());
    let mut evidence = claim.evidence.clone();
    let mut changed_field: Option<&'static str> = None;
    let mut remove = None;
    for (n, item) in evidence.iter_mut().enumerate() {
        let salt = (claim.id, "evidence", n);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let source = project.source(item.source);
            let title = source.map_or("(missing source)", |s| s.display_title());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{}. {}", n + 1, snippet(title, 40))).strong());
                if ui
                    .small_button("Remove")
                    .on_hover_text("Stop citing this source here (the source stays in the library)")
                    .clicked()
                {
                    remove = Some(n);
                }
            });
            ui.horizontal(|ui| {
                let mut stance = item.stance;
                egui::ComboBox::new((salt, "stance"), "Stance")
                    .selected_text(stance.label())
                    .show_ui(ui, |ui| {
                        for s in Stance::ALL {
                            ui.selectable_value(&mut stance, s, s.label());
                        }
                    });
                if stance != item.stance {
                    item.stance = stance;
                    changed_field = Some("stance");
                }
            });
            if let Some(v) = text_field(ui, "Quoted passage", &item.quote, true, (salt, "quote")) {
                item.quote = v;
                changed_field = Some("quote");
            }
            if let Some(v) = text_field(ui, "Note", &item.note, false, (salt, "note")) {
                item.note = v;
                changed_field = Some("note");
            }
            if let Some(source) = source {
                egui::CollapsingHeader::new("Source details")
                    .id_salt((salt, "details"))
                    .default_open(source.title.is_empty() && source.url.is_empty())
                    .show(ui, |ui| source_editor_ui(ui, source, commands));
            }
        });
    }
    if let Some(n) = remove {
        evidence.remove(n);
        commands.push(Command::edit(Edit::UpdateClaim {
            claim_id: claim.id,
            change: ClaimChange::Evidence(evidence),
        }));
    } else if let Some(field) = changed_field {
        commands.push(Command::Edit {
            edit: Edit::UpdateClaim {
                claim_id: claim.id,
                change: ClaimChange::Evidence(evidence),
            },
            coalesce: Some(CoalesceKey::Field(format!("evidence {} {field}", claim.id))),
        });
    }
    ui.horizontal(|ui| {
        let uncited: Vec<_> = project
            .sources
            .iter()
            .filter(|s| !claim.cites(s.id))
            .collect();
        ui.add_enabled_ui(!uncited.is_empty(), |ui| {
            egui::ComboBox::new((claim.id, "attach"), "Attach source")
                .selected_text("From the library…")
                .show_ui(ui, |ui| {
                    for source in uncited {
                        if ui
                            .selectable_label(false, snippet(source.display_title(), 60))
                            .clicked()
                        {
                            let mut evidence = claim.evidence.clone();
                            evidence.push(Evidence {
                                source: source.id,
                                stance: Stance::default(),
                                quote: String::new(),
                                note: String::new(),
                            });
                            commands.push(Command::edit(Edit::UpdateClaim {
                                claim_id: claim.id,
                                change: ClaimChange::Evidence(evidence),
                            }));
                        }
                    }
                });
        });
        if ui
            .button("New source")
            .on_hover_text("Add a new source to the library and cite it here")
            .clicked()
        {
            commands.push(Command::NewSourceForClaim(claim.id));
        }
    });
}

fn comments_ui(ui: &mut Ui, claim: &Claim, state: &mut ClaimDraft, commands: &mut Vec<Command>) {
    ui.label(RichText::new(format!("Comments ({})", claim.comments.len())).strong());
    for comment in &claim.comments {
        ui.horizontal_wrapped(|ui| {
            let mut resolved = comment.resolved;
            if ui
                .checkbox(&mut resolved, "")
                .on_hover_text("Resolved")
                .changed()
            {
                commands.push(Command::edit(Edit::ResolveComment {
                    claim_id: claim.id,
                    comment_id: comment.id,
                    resolved,
                }));
            }
            let who = if comment.author.is_empty() {
                "someone"
            } else {
                &comment.author
            };
            let text = RichText::new(format!(
                "{who} ({}): {}",
                comment.at.format("%Y-%m-%d %H:%M"),
                comment.text
            ));
            ui.label(if comment.resolved {
                text.weak().strikethrough()
            } else {
                text
            });
        });
    }
    let label = ui.label(RichText::new("New comment").small().strong());
    ui.add(
        egui::TextEdit::multiline(&mut state.new_comment)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let has_text = !state.new_comment.trim().is_empty();
        if ui
            .add_enabled(has_text, egui::Button::new("Add comment"))
            .clicked()
        {
            commands.push(Command::edit(Edit::AddComment {
                claim_id: claim.id,
                text: std::mem::take(&mut state.new_comment),
            }));
        }
        if ui
            .add_enabled(has_text, egui::Button::new("Send back: needs work"))
            .on_hover_text("Set the status to \"Needs work\" with this comment")
            .clicked()
        {
            commands.push(Command::edit(Edit::RequestChanges {
                claim_id: claim.id,
                comment: std::mem::take(&mut state.new_comment),
            }));
        }
    });
}

/// Merge conflicts on this claim: both values, and a decision for each.
fn conflicts_ui(
    ui: &mut Ui,
    project: &crate::model::Project,
    claim: &Claim,
    commands: &mut Vec<Command>,
) {
    let conflicts: Vec<_> = project.conflicts_of(claim.id).collect();
    if conflicts.is_empty() {
        return;
    }
    let colour = super::theme::error_colour(ui.visuals().dark_mode);
    ui.label(
        RichText::new(format!("Merge conflicts ({})", conflicts.len()))
            .strong()
            .color(colour),
    );
    for conflict in conflicts {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let describe = |v: &Option<crate::model::FieldValue>| {
                v.as_ref()
                    .map_or_else(|| "(deleted)".to_owned(), |v| v.describe(project))
            };
            ui.label(RichText::new(conflict.at.field_label()).strong());
            ui.label(format!("Mine: {}", describe(&conflict.ours.value)));
            ui.label(format!("Theirs: {}", describe(&conflict.theirs.value)));
            ui.horizontal(|ui| {
                for (label, resolution) in [
                    ("Keep mine", crate::model::Resolution::KeepOurs),
                    ("Take theirs", crate::model::Resolution::TakeTheirs),
                ] {
                    if ui.button(label).clicked() {
                        commands.push(Command::edit(Edit::ResolveConflict {
                            conflict_id: conflict.id,
                            resolution,
                        }));
                    }
                }
            });
        });
    }
}
