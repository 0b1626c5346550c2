//! Applying commands: [`FactcheckApp::run_command`] is the one place where the app's state
//! changes in response to the UI, and `run_action` turns user-level actions into changes.

use std::sync::Arc;

use super::FactcheckApp;
use crate::model::{Anchor, Claim, Edit, Evidence, Source, snippet};
use crate::state::{
    Action, Command, DEFAULT_FONT_SIZE, DialogKind, InspectorField, Modal, RightTab,
};

impl FactcheckApp {
    /// Apply one command. The only place the app's state changes in response to the UI.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if self.held_back_while_busy(&command) {
            return;
        }
        match command {
            Command::Action(action) => self.run_action(ctx, action),
            Command::Open {
                path,
                discard_confirmed,
            } => {
                let again = || Command::open(path.clone());
                if self.may_discard(discard_confirmed, again) {
                    self.open_path(ctx, &path);
                }
            }
            Command::PickAndOpen {
                kind,
                discard_confirmed,
            } => {
                let again = || Command::PickAndOpen {
                    kind: kind.clone(),
                    discard_confirmed: false,
                };
                if self.may_discard(discard_confirmed, again)
                    && let Some(path) = self.pick(kind.clone())
                {
                    self.open_path(ctx, &path);
                }
            }
            Command::NewFromText {
                text,
                discard_confirmed,
            } => {
                let again = || Command::NewFromText {
                    text: text.clone(),
                    discard_confirmed: false,
                };
                if self.may_discard(discard_confirmed, again) {
                    self.new_from_text(&text);
                }
            }
            Command::Quit { discard_confirmed } => {
                let again = || Command::Quit {
                    discard_confirmed: false,
                };
                if self.quit_while_busy(ctx, discard_confirmed) {
                    return;
                }
                if self.may_discard(discard_confirmed, again) {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::ResolveUnsaved { save_first, then } => {
                self.resolve_unsaved(ctx, save_first, *then);
            }
            Command::SaveTo(path) => self.save_to(ctx, &path),
            Command::Edit { edit, coalesce } => {
                let now = ctx.input(|i| i.time);
                let actor = self.state.actor().to_owned();
                let Some(doc) = &mut self.state.doc else {
                    return;
                };
                match doc.apply(edit, &actor, coalesce, now) {
                    Ok(()) => self.forget_deleted_selection(),
                    Err(err) => self.error(err.to_string()),
                }
            }
            Command::SelectClaim(claim_id) => {
                self.state.selected_claim = claim_id;
                if claim_id.is_some() {
                    self.state.right_tab = RightTab::Claim;
                }
            }
            Command::JumpToClaim(claim_id) => {
                self.state.selected_claim = Some(claim_id);
                self.state.right_tab = RightTab::Claim;
                if let Some(claim) = self.doc().and_then(|d| d.project.claim(claim_id))
                    && !claim.orphan
                {
                    let start = claim.anchor.start;
                    self.article_view.scroll_to_char(start);
                }
            }
            Command::NewSourceForClaim(claim_id) => self.new_source_for_claim(claim_id),
            Command::NewSource => {
                let source = new_source();
                self.state.selected_source = Some(source.id);
                self.state.right_tab = RightTab::Sources;
                self.run_command(ctx, Command::edit(Edit::AddSource(Box::new(source))));
            }
            Command::SelectSource(source_id) => self.state.selected_source = source_id,
            Command::DeleteSource {
                source_id,
                confirmed,
            } => self.delete_source(ctx, source_id, confirmed),
            Command::ApplyPreset(preset) => {
                let scale = preset.scale();
                let orphaned_verdicts = self.doc().map_or(0, |d| {
                    d.project
                        .claims
                        .iter()
                        .filter(|c| {
                            c.verdict
                                .as_deref()
                                .is_some_and(|v| scale.label(v).is_none())
                        })
                        .count()
                });
                self.run_command(ctx, Command::edit(Edit::SetScale(scale)));
                if orphaned_verdicts > 0 {
                    self.error(format!(
                        "{orphaned_verdicts} claims have verdicts that are not on the {} scale; pick new verdicts for them (or undo)",
                        preset.name()
                    ));
                }
            }
            Command::ShowTab(tab) => self.state.right_tab = tab,
            Command::MarkFindMatch => self.mark_find_match(),
            Command::Research(action) => self.research_action(ctx, action),
            Command::CloseFind { select_match } => self.close_find(ctx, select_match),
            Command::Export(format) => {
                let Some(doc) = self.doc() else { return };
                let stem = super::files::suggested_file_name(doc);
                let stem = stem.trim_end_matches(".ron");
                let suggested = format!("{stem}.{}", format.extension());
                if let Some(path) = self.pick(DialogKind::Export { suggested, format }) {
                    self.export_to(format, &path);
                }
            }
            Command::ExportTo(format, path) => self.export_to(format, &path),
            Command::SetExportOnlyReviewed(only) => self.state.export_only_reviewed = only,
            Command::UpdateArticleFrom(path) => self.update_article_from(ctx, &path),
            Command::RestoreRecovery(info) => self.restore_recovery(ctx, &info),
            Command::DiscardRecovery(info) => match info.discard() {
                Ok(()) => self.info("Recovery file deleted"),
                Err(err) => self.error(format!(
                    "Could not delete the recovery file: {err} ({})",
                    info.path.display()
                )),
            },
            Command::OverwriteChangedFile => {
                if let Some(doc) = &mut self.state.doc
                    && let Some(path) = doc.path.clone()
                {
                    doc.stamp = None;
                    self.save_to(ctx, &path);
                }
            }
            Command::MergeWith(path) => self.merge_with(ctx, &path),
            Command::MergeBase(path) => self.merge_base(ctx, &path),
            Command::Merge(action) => self.merge_action(ctx, action),
            Command::ReattachToSelection(claim_id) => {
                let Some(range) = self.article_view.selection() else {
                    self.error("Select the new text for this claim in the article first");
                    return;
                };
                let Some(doc) = self.doc() else { return };
                let text = Arc::clone(&doc.project.article.text);
                let anchor = Anchor::from_range(&text, doc.index(), range.start, range.end);
                self.run_command(ctx, Command::edit(Edit::Reanchor { claim_id, anchor }));
                self.article_view.set_selection(None);
            }
            Command::PathChosen { kind, path } => self.path_chosen(ctx, kind, path),
            Command::Evidence(action) => self.run_evidence(ctx, action),
            Command::SetPrefs(prefs) => self.state.prefs = (*prefs).sanitised(),
            Command::Review(request) => self.review_request(ctx, request),
            Command::CloseModal => self.panels.modals.close(),
            Command::CloseFileBrowser => self.file_browser = None,
            Command::DismissStatus => self.state.status = None,
            Command::CancelJob => self.cancel_job(ctx),
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::OpenArticle | Action::OpenProject => {
                let kind = if action == Action::OpenArticle {
                    DialogKind::OpenArticle
                } else {
                    DialogKind::OpenProject
                };
                self.run_command(
                    ctx,
                    Command::PickAndOpen {
                        kind,
                        discard_confirmed: false,
                    },
                );
            }
            Action::Save => match self.doc().map(|d| d.path.clone()) {
                Some(Some(path)) => self.save_to(ctx, &path),
                Some(None) => self.run_action(ctx, Action::SaveAs),
                None => {}
            },
            Action::SaveAs => {
                let Some(doc) = self.doc() else { return };
                let suggested = super::files::suggested_file_name(doc);
                if let Some(path) = self.pick(DialogKind::SaveProject { suggested }) {
                    self.save_to(ctx, &path);
                }
            }
            Action::Quit => self.run_command(
                ctx,
                Command::Quit {
                    discard_confirmed: false,
                },
            ),
            Action::Undo | Action::Redo => self.undo_redo(action),
            Action::MarkClaim => self.mark_selection(),
            Action::DeleteClaim => {
                if let Some(claim_id) = self.state.selected_claim {
                    self.run_command(ctx, Command::edit(Edit::DeleteClaim(claim_id)));
                    self.info("Claim deleted (Ctrl+Z brings it back)");
                }
            }
            Action::NextClaim | Action::PreviousClaim => {
                let Some(doc) = self.doc() else { return };
                let claims = &doc.project.claims;
                if claims.is_empty() {
                    return;
                }
                let current = self
                    .state
                    .selected_claim
                    .and_then(|id| claims.iter().position(|c| c.id == id));
                let next = match (current, action == Action::NextClaim) {
                    (None, true) => 0,
                    (None, false) => claims.len() - 1,
                    (Some(i), true) => (i + 1).min(claims.len() - 1),
                    (Some(i), false) => i.saturating_sub(1),
                };
                let claim_id = claims[next].id;
                self.run_command(ctx, Command::JumpToClaim(claim_id));
            }
            Action::ZoomIn => {
                self.state.prefs.font_size = (self.state.prefs.font_size + 1.0).min(40.0);
            }
            Action::ZoomOut => {
                self.state.prefs.font_size = (self.state.prefs.font_size - 1.0).max(9.0);
            }
            Action::ZoomReset => self.state.prefs.font_size = DEFAULT_FONT_SIZE,
            Action::ShowShortcuts => self.show_modal(Modal::Shortcuts),
            Action::Preferences => {
                let draft = Box::new(self.state.prefs.clone());
                self.show_modal(Modal::Preferences { draft });
            }
            Action::CommandPalette => self.show_modal(Modal::Palette {
                query: String::new(),
                selected: 0,
            }),
            Action::Find => {
                self.panels.find.open = true;
                self.panels.find.focus_field = true;
            }
            Action::FindNext => self.step_find(true),
            Action::FindPrevious => self.step_find(false),
            Action::MergeReviewerCopy => {
                if self.doc().is_none() {
                    self.error("Open your copy of the project first");
                } else if let Some(path) = self.pick(DialogKind::OpenOtherProject) {
                    self.merge_with(ctx, &path);
                }
            }
            Action::UpdateArticle => {
                if self.doc().is_none() {
                    self.error("Open a project first");
                } else if let Some(path) = self.pick(DialogKind::UpdateArticle) {
                    self.update_article_from(ctx, &path);
                }
            }
            Action::Review(command) => self.review_command(ctx, command),
            Action::NewFromClipboard => self.show_modal(Modal::PasteArticle {
                text: String::new(),
            }),
            Action::EditStatement | Action::EditClaimant | Action::EditConclusion => {
                if self.state.selected_claim.is_some() {
                    self.state.right_tab = RightTab::Claim;
                    self.panels.focus_field = Some(match action {
                        Action::EditStatement => InspectorField::Statement,
                        Action::EditClaimant => InspectorField::Claimant,
                        _ => InspectorField::Conclusion,
                    });
                }
            }
        }
    }

    fn undo_redo(&mut self, action: Action) {
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        let changed = if action == Action::Undo {
            doc.undo()
        } else {
            doc.redo()
        };
        if changed {
            self.forget_deleted_selection();
            self.info(if action == Action::Undo {
                "Undone"
            } else {
                "Redone"
            });
        } else {
            self.info(format!("Nothing to {}", action.label().to_lowercase()));
        }
    }

    /// Deselect the claim when it no longer exists (deleted, undone, merged away).
    pub(super) fn forget_deleted_selection(&mut self) {
        let gone = self
            .state
            .selected_claim
            .is_some_and(|id| self.doc().is_none_or(|d| d.project.claim(id).is_none()));
        if gone {
            self.state.selected_claim = None;
        }
    }

    /// Mark the article view's selection as a new claim and select it.
    pub(super) fn mark_selection(&mut self) {
        let Some(doc) = &mut self.state.doc else {
            self.error("Open an article first");
            return;
        };
        let Some(range) = self.article_view.selection() else {
            self.error("Select the claim's text in the article first, then mark it");
            return;
        };
        let text = Arc::clone(&doc.project.article.text);
        let anchor = Anchor::from_range(&text, doc.index(), range.start, range.end);
        if anchor.quote.trim().is_empty() {
            self.error("The selection is only white space; select the words of the claim");
            return;
        }
        let claim = Claim::new(anchor);
        let claim_id = claim.id;
        let actor = self.state.prefs.reviewer_name.trim().to_owned();
        match doc.apply(Edit::AddClaim(Box::new(claim)), &actor, None, 0.0) {
            Ok(()) => {
                self.state.selected_claim = Some(claim_id);
                self.state.right_tab = RightTab::Claim;
                self.article_view.set_selection(None);
                self.info("Claim marked: fill in the claimant and verdict in the inspector");
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    fn new_source_for_claim(&mut self, claim_id: crate::model::ClaimId) {
        let source = new_source();
        let source_id = source.id;
        let actor = self.state.actor().to_owned();
        let Some(doc) = &mut self.state.doc else {
            return;
        };
        let Some(claim) = doc.project.claim(claim_id) else {
            return;
        };
        let mut evidence = claim.evidence.clone();
        evidence.push(Evidence {
            source: source_id,
            stance: crate::model::Stance::default(),
            quote: String::new(),
            note: String::new(),
            passage: None,
        });
        let result = doc.modify(|project| {
            let now = chrono::Utc::now();
            project.apply(Edit::AddSource(Box::new(source)), &actor, now)?;
            let change = crate::model::ClaimChange::Evidence(evidence);
            project.apply(Edit::UpdateClaim { claim_id, change }, &actor, now)
        });
        match result {
            Ok(()) => self.state.selected_source = Some(source_id),
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Delete a source; when claims cite it and the user has not confirmed, ask first.
    fn delete_source(
        &mut self,
        ctx: &egui::Context,
        source_id: crate::model::SourceId,
        confirmed: bool,
    ) {
        let Some(doc) = self.doc() else { return };
        let citing: Vec<String> = doc
            .project
            .claims_citing(source_id)
            .map(|c| snippet(c.statement_or_quote(), 70))
            .collect();
        if citing.is_empty() || confirmed {
            self.run_command(ctx, Command::edit(Edit::DeleteSource(source_id)));
            if self.state.selected_source == Some(source_id) {
                self.state.selected_source = None;
            }
        } else {
            self.show_modal(Modal::ConfirmDeleteSource { source_id, citing });
        }
    }
}

/// An empty source, accessed today.
fn new_source() -> Source {
    Source {
        accessed: Some(chrono::Local::now().date_naive()),
        ..Source::default()
    }
}
