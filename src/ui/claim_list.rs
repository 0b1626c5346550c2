//! The claim list: every claim with its verdict badge, quote, claimant and status. Rows are
//! virtualised (`show_rows`), so thousands of claims cost what the visible rows cost.

use egui::{RichText, Ui};

use super::widgets::{status_chip, verdict_badge};
use crate::model::{Claim, ClaimId, ClaimStatus, snippet};
use crate::state::{ClaimFilter, ClaimSummary, Command, Document, SortBy, all_tags};

const ROW_HEIGHT: f32 = 46.0;

/// Draw the claim list; clicks select a claim and jump to it.
#[allow(
    clippy::too_many_arguments,
    reason = "a panel is given exactly what it draws"
)]
pub fn claim_list_ui(
    ui: &mut Ui,
    doc: &Document,
    shown: &[usize],
    summary: &ClaimSummary,
    filter: &mut ClaimFilter,
    selected: Option<ClaimId>,
    seals: &std::collections::HashMap<ClaimId, crate::signing::SealStatus>,
    commands: &mut Vec<Command>,
) {
    let project = &doc.project;
    let shown_claims = shown.iter().filter_map(|&i| project.claims.get(i));
    let anchored: Vec<&Claim> = shown_claims.clone().filter(|c| !c.orphan).collect();
    let orphans: Vec<&Claim> = shown_claims.filter(|c| c.orphan).collect();
    ui.horizontal(|ui| {
        ui.heading("Claims");
        let count = if filter.is_active() {
            format!("{} of {}", shown.len(), project.claims.len())
        } else {
            project.claims.len().to_string()
        };
        ui.label(RichText::new(count).weak());
    });
    verdict_summary_ui(ui, doc, summary);
    filter_ui(ui, doc, summary, filter);
    ui.separator();
    if project.claims.is_empty() {
        ui.label(
            RichText::new(
                "No claims yet. Select text in the article and press \"Mark claim\" (Ctrl+M).",
            )
            .weak(),
        );
        return;
    }
    let orphan_height = if orphans.is_empty() {
        0.0
    } else {
        120.0_f32.min(30.0 + ROW_HEIGHT * orphans.len() as f32)
    };
    let list_height = (ui.available_height() - orphan_height).max(ROW_HEIGHT);
    egui::ScrollArea::vertical()
        .id_salt("claim list")
        .max_height(list_height)
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, anchored.len(), |ui, rows| {
            for claim in &anchored[rows] {
                claim_row_ui(ui, doc, claim, selected == Some(claim.id), seals, commands);
            }
        });
    if !orphans.is_empty() {
        ui.separator();
        ui.label(RichText::new(format!("Orphaned claims ({})", orphans.len())).strong())
            .on_hover_text("Their text is no longer in the article. All their work is kept; select new text and use \"Re-attach\" in the inspector.");
        egui::ScrollArea::vertical()
            .id_salt("orphans")
            .show(ui, |ui| {
                for claim in &orphans {
                    claim_row_ui(ui, doc, claim, selected == Some(claim.id), seals, commands);
                }
            });
    }
}

fn claim_row_ui(
    ui: &mut Ui,
    doc: &Document,
    claim: &Claim,
    is_selected: bool,
    seals: &std::collections::HashMap<ClaimId, crate::signing::SealStatus>,
    commands: &mut Vec<Command>,
) {
    let width = ui.available_width();
    ui.allocate_ui(egui::vec2(width, ROW_HEIGHT), |ui| {
        ui.set_min_height(ROW_HEIGHT);
        ui.horizontal(|ui| {
            verdict_badge(ui, &doc.project.scale, claim.verdict.as_deref());
            status_chip(ui, claim.status);
            if let Some(seal) = seals.get(&claim.id) {
                super::review_panel::seal_chip(ui, seal);
            }
            let open = claim.comments.iter().filter(|c| !c.resolved).count();
            if open > 0 {
                ui.label(
                    RichText::new(format!("{open} open comments"))
                        .small()
                        .weak(),
                );
            }
        });
        let quote = format!("“{}”", snippet(&claim.anchor.quote, 60));
        let row = ui
            .selectable_label(is_selected, quote)
            .on_hover_text(snippet(claim.statement_or_quote(), 300));
        if !claim.claimant.is_empty() {
            ui.label(
                RichText::new(format!("— {}", claim.claimant))
                    .small()
                    .weak(),
            );
        }
        if row.clicked() {
            commands.push(Command::JumpToClaim(claim.id));
        }
    });
}

/// Filter and sort controls (view state, not part of the project).
fn filter_ui(ui: &mut Ui, doc: &Document, summary: &ClaimSummary, filter: &mut ClaimFilter) {
    let project = &doc.project;
    let label = ui.label(RichText::new("Filter claims").small().strong());
    ui.add(
        egui::TextEdit::singleline(&mut filter.text)
            .hint_text("words in quote, claimant, tags…")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    egui::CollapsingHeader::new("Filter and sort")
        .id_salt("filter and sort")
        .show(ui, |ui| {
            egui::ComboBox::new("status filter", "Status filter")
                .selected_text(filter.status.map_or("All", ClaimStatus::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.status, None, "All");
                    for status in ClaimStatus::ALL {
                        ui.selectable_value(&mut filter.status, Some(status), status.label());
                    }
                });
            let verdict_text = match &filter.verdict {
                None => "All".to_owned(),
                Some(None) => "Unrated".to_owned(),
                Some(Some(v)) => project.verdict_text(v).to_owned(),
            };
            egui::ComboBox::new("verdict filter", "Verdict filter")
                .selected_text(verdict_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.verdict, None, "All");
                    ui.selectable_value(&mut filter.verdict, Some(None), "Unrated");
                    for label in &project.scale.labels {
                        ui.selectable_value(
                            &mut filter.verdict,
                            Some(Some(label.id.clone())),
                            &label.text,
                        );
                    }
                });
            egui::ComboBox::new("tag filter", "Tag filter")
                .selected_text(filter.tag.clone().unwrap_or_else(|| "All".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.tag, None, "All");
                    for tag in all_tags(project) {
                        ui.selectable_value(&mut filter.tag, Some(tag.clone()), tag);
                    }
                });
            egui::ComboBox::new("sort order", "Sort by")
                .selected_text(filter.sort.label())
                .show_ui(ui, |ui| {
                    for sort in SortBy::ALL {
                        ui.selectable_value(&mut filter.sort, sort, sort.label());
                    }
                });
            if filter.is_active() && ui.button("Clear filters").clicked() {
                *filter = ClaimFilter {
                    sort: filter.sort,
                    ..ClaimFilter::default()
                };
            }
        });
    // Counts per status, next to the verdict bar.
    let counts: Vec<String> = summary
        .status_counts
        .iter()
        .map(|(s, n)| format!("{} {n}", s.label()))
        .collect();
    ui.label(RichText::new(counts.join(" · ")).small().weak());
}

/// A bar of verdict colours, one segment per claim, in article order.
fn verdict_summary_ui(ui: &mut Ui, doc: &Document, summary: &ClaimSummary) {
    let total = doc.project.claims.len();
    if total == 0 {
        return;
    }
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 8.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let n = total as f32;
    let mut done = 0;
    for (verdict, count) in &summary.verdict_runs {
        let (fill, _) = super::theme::verdict_colours(&doc.project.scale, verdict.as_deref());
        let x0 = rect.left() + rect.width() * done as f32 / n;
        done += count;
        let x1 = rect.left() + rect.width() * done as f32 / n;
        painter.rect_filled(
            egui::Rect::from_x_y_ranges(x0..=x1, rect.y_range()),
            0.0,
            fill,
        );
    }
    let text: Vec<String> = summary
        .verdict_counts
        .iter()
        .map(|(l, n)| format!("{l}: {n}"))
        .collect();
    response.on_hover_text(text.join("\n"));
}
