//! Application state: the open document, preferences, dialogs, and the one place where
//! [`Command`]s are applied. Drawing lives in [`crate::ui`]; this module decides.

mod command;
mod dialogs;
mod document;
mod filter;
mod merge_session;
mod prefs;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use command::{Action, Command, RightTab};
pub use dialogs::{DialogKind, FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::{CoalesceKey, Document};
pub use filter::{ClaimFilter, ClaimSummary, SortBy, all_tags};
pub use merge_session::MergeSession;
pub use prefs::{DEFAULT_FONT_SIZE, PREFS_KEY, Prefs, ThemeChoice};

use crate::io::{import_article_file, load_project};
use crate::model::{
    Anchor, Claim, ClaimId, ClaimStatus, Edit, Evidence, Project, Source, SourceId, snippet,
};
use crate::ui::article_view::{ArticleView, Highlight, Highlights};

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECS: f64 = 5.0;

/// How a status-bar message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something went wrong.
    Error,
}

/// The message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// Info or error.
    pub level: Level,
    /// Plain words.
    pub text: String,
}

/// A dialog in front of the window.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Unsaved changes would be lost by `then`.
    UnsavedChanges {
        /// What to do after saving or discarding.
        then: Box<Command>,
    },
    /// An error that needs acknowledging.
    Error {
        /// Short title.
        title: String,
        /// Plain-words message.
        message: String,
        /// Offer "Save as…" (after a failed save).
        offer_save_as: bool,
    },
    /// Problems repaired while loading.
    LoadWarnings {
        /// One line each.
        warnings: Vec<String>,
    },
    /// Deleting a source that claims cite.
    ConfirmDeleteSource {
        /// The source.
        source_id: SourceId,
        /// Snippets of the citing claims.
        citing: Vec<String>,
    },
    /// No native file dialog appeared: type a path.
    PathPrompt {
        /// What the path is for.
        kind: DialogKind,
        /// What was typed.
        path: String,
    },
    /// Keyboard shortcuts.
    Shortcuts,
    /// Preferences.
    Preferences,
    /// Text pasted to start a new project.
    PasteArticle {
        /// What was pasted so far.
        text: String,
    },
    /// What happened to each claim when the article text was replaced.
    ReanchorReport {
        /// One line per claim.
        lines: Vec<String>,
        /// Summary counts.
        summary: String,
    },
    /// A recovery file was found (the app did not close normally).
    Recovery {
        /// What was found.
        info: crate::io::RecoveryInfo,
    },
    /// The project file changed on disk since it was opened.
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// The command palette.
    Palette {
        /// What was typed.
        query: String,
        /// The highlighted entry.
        selected: usize,
    },
}

/// The find bar's state.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    /// Whether the find bar is shown.
    pub open: bool,
    /// What to find.
    pub query: String,
    /// Case-sensitive search.
    pub match_case: bool,
    /// Matches, as char ranges (computed when query, options or text change).
    pub matches: Vec<std::ops::Range<usize>>,
    /// The current match.
    pub current: Option<usize>,
    /// Put the keyboard focus into the find field next frame.
    pub focus_field: bool,
    key: Option<(usize, String, bool)>,
}

/// The workbench application.
pub struct FactcheckApp {
    /// The open document, if any.
    pub doc: Option<Document>,
    /// Preferences (persisted in eframe storage).
    pub prefs: Prefs,
    /// File dialogs (native, or scripted in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// The article reading view.
    pub article_view: ArticleView,
    /// The selected claim.
    pub selected_claim: Option<ClaimId>,
    /// The source selected in the library.
    pub selected_source: Option<SourceId>,
    /// The right panel's tab.
    pub right_tab: RightTab,
    /// The status-bar message.
    pub status: Option<StatusMessage>,
    /// The dialog in front, if any.
    pub modal: Option<Modal>,
    /// The find bar.
    pub find: FindState,
    /// A merge of another reviewer's copy in progress (the merge view is open).
    pub merge: Option<MergeSession>,
    /// Export only reviewed claims (drafts left out).
    pub export_only_reviewed: bool,
    /// Seconds between autosaves of unsaved changes to the recovery file (infinite: off).
    pub autosave_interval_secs: f64,
    autosaver: Option<crate::io::Autosaver>,
    data_dir: Option<PathBuf>,
    last_autosave: Option<(u64, f64)>,
    /// The claim list's filter and order.
    pub filter: ClaimFilter,
    /// An inspector field to focus next frame (`"statement"`, `"claimant"`, `"conclusion"`).
    pub focus_field: Option<&'static str>,
    pub(crate) shown_claims: Vec<usize>,
    /// Counts for the claim list and status bar (recomputed when the project changes).
    pub(crate) summary: ClaimSummary,
    summary_generation: Option<u64>,
    shown_key: Option<(u64, ClaimFilter)>,
    /// Text being typed in the inspector that is not yet part of the project.
    pub inspector: crate::ui::inspector::InspectorState,
    /// Highlights of the current document's claims (rebuilt when the project changes).
    pub highlights: Highlights,
    highlights_key: Option<(u64, bool, usize)>,
    commands: Vec<Command>,
    open_after_first_frame: Option<PathBuf>,
    frames: u64,
    discard_confirmed: bool,
    allow_close: bool,
    window_title: String,
}

impl FactcheckApp {
    /// A new app with these preferences and dialogs, nothing open.
    #[must_use]
    pub fn new(prefs: Prefs, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            doc: None,
            prefs,
            dialogs,
            article_view: ArticleView::default(),
            selected_claim: None,
            selected_source: None,
            right_tab: RightTab::Claim,
            status: None,
            modal: None,
            inspector: crate::ui::inspector::InspectorState::default(),
            find: FindState::default(),
            merge: None,
            export_only_reviewed: false,
            autosave_interval_secs: AUTOSAVE_SECS,
            autosaver: crate::io::Autosaver::spawn().ok(),
            data_dir: None,
            last_autosave: None,
            filter: ClaimFilter::default(),
            focus_field: None,
            shown_claims: Vec::new(),
            summary: ClaimSummary::default(),
            summary_generation: None,
            shown_key: None,
            highlights: Highlights::default(),
            highlights_key: None,
            commands: Vec::new(),
            open_after_first_frame: None,
            frames: 0,
            discard_confirmed: false,
            allow_close: false,
            window_title: String::new(),
        }
    }

    /// Where recovery files of never-saved projects go (eframe's storage folder in the app).
    /// Looks there for projects left unsaved by a crash and offers to restore the newest.
    pub fn set_data_dir(&mut self, data_dir: PathBuf) {
        if self.modal.is_none()
            && let Some(info) = crate::io::find_unsaved(&data_dir).into_iter().next()
        {
            self.modal = Some(Modal::Recovery { info });
        }
        self.data_dir = Some(data_dir);
    }

    /// Wait until every requested autosave is on disk (tests, and before quitting).
    pub fn flush_autosave(&self) {
        if let Some(autosaver) = &self.autosaver {
            autosaver.flush();
        }
    }

    /// Write unsaved changes to the recovery file every few seconds, off the UI thread.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else { return };
        let Some(autosaver) = &self.autosaver else {
            return;
        };
        if !doc.is_dirty() || !self.autosave_interval_secs.is_finite() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let generation = doc.generation();
        match self.last_autosave {
            Some((saved, _)) if saved == generation => return,
            Some((_, at)) if now - at < self.autosave_interval_secs => {
                // Come back when it is due, even if the user stops touching anything.
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    self.autosave_interval_secs - (now - at),
                ));
                return;
            }
            _ => {}
        }
        let target = match (&doc.path, &self.data_dir) {
            (Some(path), _) => crate::io::RecoveryTarget::for_project(path),
            (None, Some(data_dir)) => doc
                .unsaved_target
                .get_or_insert_with(|| crate::io::RecoveryTarget::unsaved(data_dir))
                .clone(),
            (None, None) => return,
        };
        autosaver.request(doc.project.clone(), target);
        self.last_autosave = Some((generation, now));
    }

    /// Forget the current document's recovery file (after a save or a discard).
    fn discard_recovery(&mut self) {
        let (Some(doc), Some(autosaver)) = (&mut self.doc, &self.autosaver) else {
            return;
        };
        if let Some(path) = &doc.path {
            autosaver.discard(crate::io::RecoveryTarget::for_project(path));
        }
        if let Some(target) = doc.unsaved_target.take() {
            autosaver.discard(target);
        }
        self.last_autosave = None;
    }

    /// Open `path` once the first frame has been painted (the window appears at once).
    pub fn open_after_first_frame(&mut self, path: PathBuf) {
        self.open_after_first_frame = Some(path);
    }

    /// Queue a command, applied at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The current status-bar text.
    #[must_use]
    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    /// The reviewer name stamped on edits.
    #[must_use]
    pub fn actor(&self) -> &str {
        self.prefs.reviewer_name.trim()
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            level: Level::Info,
            text: text.into(),
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            level: Level::Error,
            text: text.into(),
        });
    }

    /// Draw one frame and apply what it asked for. Used by eframe and by tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.frames == 2
            && let Some(path) = self.open_after_first_frame.take()
        {
            self.commands.push(Command::OpenPath(path));
        }
        if self.frames == 1 && self.open_after_first_frame.is_some() {
            ctx.request_repaint();
        }
        self.handle_window_input(&ctx);
        self.refresh_highlights(&ctx);
        self.refresh_derived();
        crate::ui::workbench_ui(ui, self);
        self.autosave_tick(&ctx);
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What the commands changed is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            self.run_command(&ctx, command);
        }
        self.update_window_title(&ctx);
    }

    /// Shortcuts, dropped files and the window's close button.
    fn handle_window_input(&mut self, ctx: &egui::Context) {
        let text_focused = ctx.text_edit_focused();
        let mut actions: Vec<Action> = Action::ALL.to_vec();
        // More modifiers first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
        actions.sort_by_key(|a| {
            std::cmp::Reverse(a.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command)
            }))
        });
        if self.modal.is_none() {
            for action in actions {
                if text_focused && action.yields_to_text_field() {
                    continue;
                }
                if let Some(shortcut) = action.shortcut()
                    && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
                {
                    self.commands.push(Command::Action(action));
                }
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            let dirty = self.doc.as_ref().is_some_and(Document::is_dirty);
            if dirty {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::UnsavedChanges {
                    then: Box::new(Command::Action(Action::Quit)),
                });
            }
        }
    }

    fn refresh_highlights(&mut self, ctx: &egui::Context) {
        let Some(doc) = &self.doc else {
            return;
        };
        let dark = ctx.global_style().visuals.dark_mode;
        let key = (
            doc.generation(),
            dark,
            Arc::as_ptr(&doc.project.article.text).cast::<u8>() as usize,
        );
        if self.highlights_key == Some(key) {
            return;
        }
        self.highlights_key = Some(key);
        let project = &doc.project;
        let items = project
            .claims
            .iter()
            .filter(|c| !c.orphan)
            .map(|c| {
                let (base, _) =
                    crate::ui::theme::verdict_colours(&project.scale, c.verdict.as_deref());
                Highlight {
                    claim_id: c.id,
                    chars: c.anchor.start..c.anchor.end,
                    colour: crate::ui::theme::highlight_fill(base, dark),
                }
            })
            .collect();
        self.highlights = Highlights::new(items);
    }

    /// Recompute the claim list and find matches when what they depend on changed.
    fn refresh_derived(&mut self) {
        let Some(doc) = &self.doc else { return };
        if self.summary_generation != Some(doc.generation()) {
            self.summary = ClaimSummary::of(&doc.project);
            self.summary_generation = Some(doc.generation());
        }
        let key = (doc.generation(), self.filter.clone());
        if self.shown_key.as_ref() != Some(&key) {
            self.shown_claims = self.filter.apply(&doc.project);
            self.shown_key = Some(key);
        }
        let text = &doc.project.article.text;
        let find_key = (
            Arc::as_ptr(text).cast::<u8>() as usize,
            self.find.query.clone(),
            self.find.match_case,
        );
        if self.find.key.as_ref() != Some(&find_key) {
            self.find.matches =
                crate::model::find_all(text, &self.find.query, self.find.match_case);
            self.find.current = (!self.find.matches.is_empty()).then_some(0);
            if let Some(first) = self.find.matches.first() {
                self.article_view.scroll_to_char(first.start);
            }
            self.find.key = Some(find_key);
        }
    }

    /// Indices (into `project.claims`) of the claims the list shows, in order.
    #[must_use]
    pub fn shown_claims(&self) -> &[usize] {
        &self.shown_claims
    }

    fn step_find(&mut self, forward: bool) {
        let n = self.find.matches.len();
        if n == 0 {
            return;
        }
        let next = match (self.find.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.find.current = Some(next);
        self.article_view
            .scroll_to_char(self.find.matches[next].start);
    }

    /// Select the current find match in the article and mark it as a claim.
    pub fn mark_find_match(&mut self) {
        if let Some(range) = self
            .find
            .current
            .and_then(|i| self.find.matches.get(i))
            .cloned()
        {
            self.article_view.set_selection(Some(range));
            self.mark_selection();
        }
    }

    /// Highlights of the current document.
    #[must_use]
    pub fn highlights(&self) -> &Highlights {
        &self.highlights
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — Factcheck Workbench",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "Factcheck Workbench".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last set.
    #[must_use]
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// Whether the document may be replaced now; otherwise asks about unsaved changes and
    /// runs `then` after the answer.
    fn may_discard(&mut self, then: &Command) -> bool {
        if std::mem::take(&mut self.discard_confirmed) {
            return true;
        }
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.modal = Some(Modal::UnsavedChanges {
                then: Box::new(then.clone()),
            });
            return false;
        }
        true
    }

    /// The user chose in the unsaved-changes dialog.
    pub fn resolve_unsaved(&mut self, ctx: &egui::Context, save_first: bool, then: Command) {
        self.modal = None;
        if save_first {
            self.run_command(ctx, Command::Action(Action::Save));
            if self.doc.as_ref().is_some_and(Document::is_dirty) {
                return; // Save failed or was cancelled: keep everything.
            }
        }
        if !save_first {
            self.discard_recovery();
        }
        self.discard_confirmed = true;
        self.run_command(ctx, then);
        self.discard_confirmed = false;
    }

    /// Ask a file dialog; when none appears, ask for a typed path instead.
    fn pick(&mut self, kind: DialogKind) -> Option<PathBuf> {
        let started = std::time::Instant::now();
        let picked = self.dialogs.pick(&kind);
        if picked.is_none() && started.elapsed() < std::time::Duration::from_millis(150) {
            // No dialog was shown at all (no portal, no zenity): let the user type a path.
            if self.modal.is_none() {
                self.modal = Some(Modal::PathPrompt {
                    kind,
                    path: String::new(),
                });
            }
        }
        picked
    }

    /// A typed path was confirmed in the path prompt.
    pub fn path_typed(&mut self, ctx: &egui::Context, kind: &DialogKind, path: PathBuf) {
        self.modal = None;
        let command = match kind {
            DialogKind::OpenProject | DialogKind::OpenArticle => Command::OpenPath(path),
            DialogKind::OpenOtherProject if self.merge.is_some() => Command::MergeBase(path),
            DialogKind::OpenOtherProject => Command::MergeWith(path),
            DialogKind::SaveProject { .. } => Command::SaveTo(path),
            DialogKind::Export { format, .. } => Command::ExportTo(*format, path),
            DialogKind::UpdateArticle => Command::UpdateArticleFrom(path),
        };
        self.run_command(ctx, command);
    }

    /// Apply one command. The only place the app's state changes in response to the UI.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Action(action) => self.run_action(ctx, action),
            Command::OpenPath(path) => {
                if self.may_discard(&Command::OpenPath(path.clone())) {
                    self.open_path(&path);
                }
            }
            Command::SaveTo(path) => self.save_to(&path),
            Command::Edit { edit, coalesce } => {
                let now = ctx.input(|i| i.time);
                let actor = self.prefs.reviewer_name.trim().to_owned();
                let Some(doc) = &mut self.doc else { return };
                match doc.apply(edit, &actor, coalesce, now) {
                    Ok(()) => {
                        if self
                            .selected_claim
                            .is_some_and(|id| doc.project.claim(id).is_none())
                        {
                            self.selected_claim = None;
                        }
                    }
                    Err(err) => self.error(err.to_string()),
                }
            }
            Command::SelectClaim(claim_id) => {
                self.selected_claim = claim_id;
                if claim_id.is_some() {
                    self.right_tab = RightTab::Claim;
                }
            }
            Command::JumpToClaim(claim_id) => {
                self.selected_claim = Some(claim_id);
                self.right_tab = RightTab::Claim;
                if let Some(claim) = self.doc.as_ref().and_then(|d| d.project.claim(claim_id))
                    && !claim.orphan
                {
                    self.article_view.scroll_to_char(claim.anchor.start);
                }
            }
            Command::NewSourceForClaim(claim_id) => {
                let source = Source {
                    accessed: Some(chrono::Local::now().date_naive()),
                    ..Source::default()
                };
                let source_id = source.id;
                let Some(doc) = &self.doc else { return };
                let Some(claim) = doc.project.claim(claim_id) else {
                    return;
                };
                let mut evidence = claim.evidence.clone();
                evidence.push(Evidence {
                    source: source_id,
                    stance: crate::model::Stance::default(),
                    quote: String::new(),
                    note: String::new(),
                });
                let actor = self.actor().to_owned();
                let Some(doc) = &mut self.doc else { return };
                let result = doc.modify(|project| {
                    let now = chrono::Utc::now();
                    project.apply(Edit::AddSource(Box::new(source)), &actor, now)?;
                    let change = crate::model::ClaimChange::Evidence(evidence);
                    project.apply(Edit::UpdateClaim { claim_id, change }, &actor, now)
                });
                match result {
                    Ok(()) => self.selected_source = Some(source_id),
                    Err(err) => self.error(err.to_string()),
                }
            }
            Command::NewSource => {
                let source = Source {
                    accessed: Some(chrono::Local::now().date_naive()),
                    ..Source::default()
                };
                self.selected_source = Some(source.id);
                self.right_tab = RightTab::Sources;
                self.run_command(ctx, Command::edit(Edit::AddSource(Box::new(source))));
            }
            Command::SelectSource(source_id) => self.selected_source = source_id,
            Command::RequestDeleteSource(source_id) => {
                let Some(doc) = &self.doc else { return };
                let citing: Vec<String> = doc
                    .project
                    .claims_citing(source_id)
                    .map(|c| snippet(c.statement_or_quote(), 70))
                    .collect();
                if citing.is_empty() || std::mem::take(&mut self.discard_confirmed) {
                    self.modal = None;
                    self.run_command(ctx, Command::edit(Edit::DeleteSource(source_id)));
                    if self.selected_source == Some(source_id) {
                        self.selected_source = None;
                    }
                } else {
                    self.modal = Some(Modal::ConfirmDeleteSource { source_id, citing });
                }
            }
            Command::ApplyPreset(preset) => {
                let scale = preset.scale();
                let orphaned_verdicts = self.doc.as_ref().map_or(0, |d| {
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
            Command::ShowTab(tab) => self.right_tab = tab,
            Command::MarkFindMatch => self.mark_find_match(),
            Command::Export(format) => {
                let Some(doc) = &self.doc else { return };
                let stem = suggested_file_name(doc);
                let stem = stem.trim_end_matches(".ron");
                let suggested = format!("{stem}.{}", format.extension());
                if let Some(path) = self.pick(DialogKind::Export { suggested, format }) {
                    self.run_command(ctx, Command::ExportTo(format, path));
                }
            }
            Command::ExportTo(format, path) => self.export_to(format, &path),
            Command::UpdateArticleFrom(path) => self.update_article_from(&path),
            Command::NewFromText(text) => {
                if self.may_discard(&Command::NewFromText(text.clone())) {
                    match crate::io::import_article_text(&text) {
                        Ok(imported) => {
                            let project = Project::new(imported.text, imported.meta);
                            let mut doc = Document::new(project, None);
                            doc.mark_unsaved();
                            self.set_document(doc);
                            self.modal = None;
                            self.info(format!(
                                "New project from pasted text ({}); save it to keep it",
                                imported.detected
                            ));
                        }
                        Err(err) => self.error(format!("Could not use the pasted text: {err}")),
                    }
                }
            }
            Command::RestoreRecovery(info) => {
                self.modal = None;
                match info.load() {
                    Ok(loaded) => {
                        let mut doc = Document::new(loaded.project, info.project_path.clone());
                        doc.mark_unsaved();
                        if info.project_path.is_none() {
                            doc.unsaved_target = self
                                .data_dir
                                .as_ref()
                                .map(|d| crate::io::RecoveryTarget::unsaved(d));
                        }
                        self.set_document(doc);
                        // The restored work now lives in this session's recovery file.
                        let _ignored = info.discard();
                        self.info(format!(
                            "Restored the work autosaved at {}; save it to keep it",
                            info.saved_at
                                .with_timezone(&chrono::Local)
                                .format("%Y-%m-%d %H:%M:%S")
                        ));
                    }
                    Err(err) => self.show_error(
                        "Could not restore the recovery file",
                        format!("{err:#}"),
                        false,
                    ),
                }
            }
            Command::DiscardRecovery(info) => {
                self.modal = None;
                match info.discard() {
                    Ok(()) => self.info("Recovery file deleted"),
                    Err(err) => self.error(format!(
                        "Could not delete the recovery file: {err} ({})",
                        info.path.display()
                    )),
                }
            }
            Command::OverwriteChangedFile => {
                self.modal = None;
                if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
                    if let Some(doc) = &mut self.doc {
                        doc.stamp = None;
                    }
                    self.save_to(&path);
                }
            }
            Command::MergeWith(path) => {
                let Some(doc) = &self.doc else { return };
                match load_project(&path) {
                    Ok(loaded) => {
                        let ours = doc.project.clone();
                        // Merging the file we opened after someone changed it: what we opened
                        // is the common ancestor.
                        let base = doc
                            .saved_copy
                            .clone()
                            .filter(|_| doc.path.as_deref() == Some(path.as_path()))
                            .map(|p| (p, path.clone()));
                        let actor = self.actor().to_owned();
                        self.merge =
                            Some(MergeSession::new(ours, loaded.project, path, base, &actor));
                    }
                    Err(err) => self.show_error(
                        "Could not open the reviewer's copy",
                        format!("{err:#}"),
                        false,
                    ),
                }
            }
            Command::MergeBase(path) => match load_project(&path) {
                Ok(loaded) => {
                    let actor = self.actor().to_owned();
                    if let Some(session) = &mut self.merge {
                        session.set_base(loaded.project, path, &actor);
                    }
                }
                Err(err) => self.show_error(
                    "Could not open the common ancestor",
                    format!("{err:#}"),
                    false,
                ),
            },
            Command::ReattachToSelection(claim_id) => {
                let Some(range) = self.article_view.selection() else {
                    self.error("Select the new text for this claim in the article first");
                    return;
                };
                let Some(doc) = &self.doc else { return };
                let text = Arc::clone(&doc.project.article.text);
                let anchor = Anchor::from_range(&text, doc.index(), range.start, range.end);
                self.run_command(ctx, Command::edit(Edit::Reanchor { claim_id, anchor }));
                self.article_view.set_selection(None);
            }
        }
    }

    /// Act on the merge view's answer.
    pub fn merge_view_action(
        &mut self,
        ctx: &egui::Context,
        action: crate::ui::merge_view::MergeViewAction,
    ) {
        use crate::ui::merge_view::MergeViewAction;
        match action {
            MergeViewAction::Cancel => self.merge = None,
            MergeViewAction::PickBase => {
                if let Some(path) = self.pick(DialogKind::OpenOtherProject) {
                    self.run_command(ctx, Command::MergeBase(path));
                }
            }
            MergeViewAction::Resolve(conflict_id, resolution) => {
                let actor = self.actor().to_owned();
                if let Some(session) = &mut self.merge {
                    // A refused decision is shown in the merge view itself.
                    let _refused = session.resolve(conflict_id, resolution, &actor);
                }
            }
            MergeViewAction::Apply => {
                let Some(session) = self.merge.take() else {
                    return;
                };
                let Some(doc) = &mut self.doc else { return };
                let open = session.outcome.project.conflicts.len();
                doc.replace_project(session.outcome.project);
                if self
                    .selected_claim
                    .is_some_and(|id| doc.project.claim(id).is_none())
                {
                    self.selected_claim = None;
                }
                if doc.path.as_deref() == Some(session.theirs_path.as_path()) {
                    // We merged what is on disk now: saving over it is what the user wants.
                    doc.stamp = crate::io::FileStamp::read(&session.theirs_path)
                        .ok()
                        .flatten();
                }
                let name = session.theirs_path.display();
                if open == 0 {
                    self.info(format!("Merged {name} (Ctrl+Z undoes the merge)"));
                } else {
                    self.info(format!(
                        "Merged {name}: {open} conflicts are still open, kept with both values in the claims' inspector (Ctrl+Z undoes the merge)"
                    ));
                }
            }
        }
    }

    /// Confirm deleting a source that claims cite.
    pub fn confirm_delete_source(&mut self, ctx: &egui::Context, source_id: SourceId) {
        self.discard_confirmed = true;
        self.run_command(ctx, Command::RequestDeleteSource(source_id));
        self.discard_confirmed = false;
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        let this = Command::Action(action);
        match action {
            Action::OpenArticle => {
                if self.may_discard(&this)
                    && let Some(path) = self.pick(DialogKind::OpenArticle)
                {
                    self.discard_confirmed = true;
                    self.run_command(ctx, Command::OpenPath(path));
                    self.discard_confirmed = false;
                }
            }
            Action::OpenProject => {
                if self.may_discard(&this)
                    && let Some(path) = self.pick(DialogKind::OpenProject)
                {
                    self.discard_confirmed = true;
                    self.run_command(ctx, Command::OpenPath(path));
                    self.discard_confirmed = false;
                }
            }
            Action::Save => match self.doc.as_ref().and_then(|d| d.path.clone()) {
                Some(path) => self.save_to(&path),
                None if self.doc.is_some() => self.run_action(ctx, Action::SaveAs),
                None => {}
            },
            Action::SaveAs => {
                let Some(doc) = &self.doc else { return };
                let suggested = suggested_file_name(doc);
                if let Some(path) = self.pick(DialogKind::SaveProject { suggested }) {
                    self.save_to(&path);
                }
            }
            Action::Quit => {
                if self.may_discard(&this) {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Action::Undo | Action::Redo => {
                let Some(doc) = &mut self.doc else { return };
                let changed = if action == Action::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                if changed {
                    if self
                        .selected_claim
                        .is_some_and(|id| doc.project.claim(id).is_none())
                    {
                        self.selected_claim = None;
                    }
                    let verb = if action == Action::Undo {
                        "Undone"
                    } else {
                        "Redone"
                    };
                    self.info(verb);
                } else {
                    self.info(format!("Nothing to {}", action.label().to_lowercase()));
                }
            }
            Action::MarkClaim => self.mark_selection(),
            Action::DeleteClaim => {
                if let Some(claim_id) = self.selected_claim {
                    self.run_command(ctx, Command::edit(Edit::DeleteClaim(claim_id)));
                    self.info("Claim deleted (Ctrl+Z brings it back)");
                }
            }
            Action::NextClaim | Action::PreviousClaim => {
                let Some(doc) = &self.doc else { return };
                let claims = &doc.project.claims;
                if claims.is_empty() {
                    return;
                }
                let current = self
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
            Action::ZoomIn => self.prefs.font_size = (self.prefs.font_size + 1.0).min(40.0),
            Action::ZoomOut => self.prefs.font_size = (self.prefs.font_size - 1.0).max(9.0),
            Action::ZoomReset => self.prefs.font_size = DEFAULT_FONT_SIZE,
            Action::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            Action::Preferences => self.modal = Some(Modal::Preferences),
            Action::CommandPalette => {
                self.modal = Some(Modal::Palette {
                    query: String::new(),
                    selected: 0,
                });
            }
            Action::Find => {
                self.find.open = true;
                self.find.focus_field = true;
            }
            Action::FindNext => self.step_find(true),
            Action::FindPrevious => self.step_find(false),
            Action::MergeReviewerCopy => {
                if self.doc.is_none() {
                    self.error("Open your copy of the project first");
                } else if let Some(path) = self.pick(DialogKind::OpenOtherProject) {
                    self.run_command(ctx, Command::MergeWith(path));
                }
            }
            Action::UpdateArticle => {
                if self.doc.is_none() {
                    self.error("Open a project first");
                } else if let Some(path) = self.pick(DialogKind::UpdateArticle) {
                    self.run_command(ctx, Command::UpdateArticleFrom(path));
                }
            }
            Action::NewFromClipboard => {
                self.modal = Some(Modal::PasteArticle {
                    text: String::new(),
                });
            }
            Action::EditStatement | Action::EditClaimant | Action::EditConclusion => {
                if self.selected_claim.is_some() {
                    self.right_tab = RightTab::Claim;
                    self.focus_field = Some(match action {
                        Action::EditStatement => "statement",
                        Action::EditClaimant => "claimant",
                        _ => "conclusion",
                    });
                }
            }
        }
    }

    /// Mark the article view's selection as a new claim and select it.
    fn mark_selection(&mut self) {
        let Some(doc) = &mut self.doc else {
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
        let actor = self.prefs.reviewer_name.trim().to_owned();
        match doc.apply(Edit::AddClaim(Box::new(claim)), &actor, None, 0.0) {
            Ok(()) => {
                self.selected_claim = Some(claim_id);
                self.right_tab = RightTab::Claim;
                self.article_view.set_selection(None);
                self.info("Claim marked: fill in the claimant and verdict in the inspector");
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Open a project (`.ron`) or start a project from an article.
    fn open_path(&mut self, path: &Path) {
        let is_project = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_project {
            match crate::io::load_project_stamped(path) {
                Ok((loaded, stamp)) => {
                    let mut doc = Document::new(loaded.project, Some(path.to_path_buf()));
                    doc.warnings = loaded.warnings;
                    doc.stamp = Some(stamp);
                    doc.saved_copy = Some(doc.project.clone());
                    let warnings: Vec<String> =
                        doc.warnings.iter().map(ToString::to_string).collect();
                    let claims = doc.project.claims.len();
                    self.set_document(doc);
                    self.prefs.add_recent(path.to_path_buf());
                    self.info(format!("Opened {} ({claims} claims)", path.display()));
                    if !warnings.is_empty() {
                        self.modal = Some(Modal::LoadWarnings { warnings });
                    }
                    if let Some(info) = crate::io::find_recovery(path) {
                        self.modal = Some(Modal::Recovery { info });
                    }
                }
                Err(err) => {
                    self.show_error("Could not open the project", format!("{err:#}"), false)
                }
            }
        } else {
            match import_article_file(path) {
                Ok(imported) => {
                    let chars = imported.text.chars().count();
                    let project = Project::new(imported.text, imported.meta);
                    self.set_document(Document::new(project, None));
                    self.prefs.add_recent(path.to_path_buf());
                    self.info(format!(
                        "Opened article {} ({}, {chars} characters): select text and press Ctrl+M to mark a claim",
                        path.display(),
                        imported.detected
                    ));
                }
                Err(err) => {
                    self.show_error("Could not open the article", format!("{err:#}"), false)
                }
            }
        }
    }

    fn set_document(&mut self, doc: Document) {
        crate::ui::fonts::prefetch_for(&doc.project.article.text);
        self.selected_claim = doc.project.claims.first().map(|c| c.id);
        self.selected_source = None;
        self.doc = Some(doc);
        self.article_view = ArticleView::default();
        self.highlights_key = None;
        self.shown_key = None;
        self.summary_generation = None;
        self.find.key = None;
        self.merge = None;
        self.last_autosave = None;
    }

    fn show_error(&mut self, title: &str, message: String, offer_save_as: bool) {
        self.status = Some(StatusMessage {
            level: Level::Error,
            text: format!("{title}: {message}"),
        });
        self.modal = Some(Modal::Error {
            title: title.to_owned(),
            message,
            offer_save_as,
        });
    }

    fn save_to(&mut self, path: &Path) {
        self.discard_recovery_if_moving(path);
        let Some(doc) = &mut self.doc else { return };
        // Only the file this project was opened from is checked for changes by others.
        let expected = if doc.path.as_deref() == Some(path) {
            doc.stamp.as_ref()
        } else {
            None
        };
        match crate::io::save_project_checked(&doc.project, path, expected) {
            Ok(stamp) => {
                doc.stamp = Some(stamp);
                doc.mark_saved(path);
                self.discard_recovery();
                self.prefs.add_recent(path.to_path_buf());
                self.info(format!("Saved {}", path.display()));
            }
            Err(crate::io::SaveError::ChangedOnDisk { .. }) => {
                self.modal = Some(Modal::ChangedOnDisk { path: path.to_path_buf() });
            }
            Err(err) => self.show_error(
                "Could not save",
                format!("{err:#}\n\nYour work is still here, unsaved. Try \"Save as…\" to save it somewhere else."),
                true,
            ),
        }
    }

    /// Saving under a new name: the old file's recovery file is no longer needed.
    fn discard_recovery_if_moving(&mut self, path: &Path) {
        let (Some(doc), Some(autosaver)) = (&self.doc, &self.autosaver) else {
            return;
        };
        if let Some(old) = &doc.path
            && old != path
        {
            autosaver.discard(crate::io::RecoveryTarget::for_project(old));
        }
    }

    fn export_to(&mut self, format: crate::export::ExportFormat, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let options = crate::export::ExportOptions {
            only_reviewed: self.export_only_reviewed,
            generated: chrono::Utc::now(),
        };
        let exported = match crate::export::export(&doc.project, format, &options) {
            Ok(exported) => exported,
            Err(err) => {
                self.show_error("Could not export", err.to_string(), false);
                return;
            }
        };
        match crate::io::atomic::write_atomically_without_backup(path, exported.text.as_bytes()) {
            Ok(()) => {
                let notes = if exported.notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", exported.notes.join("; "))
                };
                self.info(format!(
                    "Exported the {} to {}{notes}",
                    format.label(),
                    path.display()
                ));
            }
            Err(err) => self.show_error(
                "Could not export",
                format!(
                    "{} ({})",
                    crate::io::project_file::plain_io_reason(&err),
                    path.display()
                ),
                false,
            ),
        }
    }

    fn update_article_from(&mut self, path: &Path) {
        let imported = match import_article_file(path) {
            Ok(imported) => imported,
            Err(err) => {
                self.show_error("Could not read the new version", format!("{err:#}"), false);
                return;
            }
        };
        let Some(doc) = &mut self.doc else { return };
        let before: std::collections::HashMap<ClaimId, String> = doc
            .project
            .claims
            .iter()
            .map(|c| (c.id, snippet(&c.anchor.quote, 60)))
            .collect();
        let results = doc.modify(|project| project.replace_article_text(imported.text));
        self.article_view.text_changed();
        self.highlights_key = None;
        let mut counts = [0usize; 4];
        let lines: Vec<String> = results
            .iter()
            .map(|r| {
                let quote = before.get(&r.claim_id).cloned().unwrap_or_default();
                let (n, what) = match r.outcome {
                    crate::model::ReanchorOutcome::Unchanged => (0, "exact".to_owned()),
                    crate::model::ReanchorOutcome::Moved => (1, "moved".to_owned()),
                    crate::model::ReanchorOutcome::Fuzzy { score } => {
                        (2, format!("fuzzy, {:.0}% similar", score * 100.0))
                    }
                    crate::model::ReanchorOutcome::Orphan => {
                        (3, "orphan: not found, kept with all its work".to_owned())
                    }
                };
                counts[n] += 1;
                format!("“{quote}”: {what}")
            })
            .collect();
        let summary = format!(
            "{} exact, {} moved, {} fuzzy, {} orphans ({})",
            counts[0], counts[1], counts[2], counts[3], imported.detected
        );
        self.info(format!("Article updated: {summary}; Ctrl+Z undoes it"));
        self.modal = Some(Modal::ReanchorReport { lines, summary });
    }

    /// Counts of claims per status, for the status bar.
    #[must_use]
    pub fn status_counts(&self) -> &[(ClaimStatus, usize)] {
        if self.doc.is_some() {
            &self.summary.status_counts
        } else {
            &[]
        }
    }
}

/// A file name for "Save as…" from the article title.
fn suggested_file_name(doc: &Document) -> String {
    if let Some(name) = doc.path.as_ref().and_then(|p| p.file_name()) {
        return name.to_string_lossy().into_owned();
    }
    let slug: String = doc
        .project
        .article
        .meta
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "factcheck.ron".to_owned()
    } else {
        format!("{slug}.ron")
    }
}

impl eframe::App for FactcheckApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::ui::startup_timing::frame_start(ui.ctx(), self.doc.is_some());
        FactcheckApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// Preferences from eframe storage (defaults when absent or unreadable).
#[must_use]
pub fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
    storage
        .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
        .unwrap_or_default()
        .sanitised()
}

/// Open the GUI, optionally on a project or article.
pub fn run_gui(path: Option<PathBuf>, reviewer: &str) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Factcheck Workbench")
            .with_app_id("factcheck")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        // Fallback fonts are looked up when text needs them (`ui::fonts`), not at start-up.
        system_font_fallback: false,
        ..Default::default()
    };
    let reviewer = reviewer.trim().to_owned();
    eframe::run_native(
        "Factcheck Workbench",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            let mut prefs = load_prefs(cc.storage);
            if !reviewer.is_empty() {
                prefs.reviewer_name = reviewer;
            }
            let mut app = FactcheckApp::new(prefs, Box::new(NativeDialogs));
            if let Some(data_dir) = eframe::storage_dir("factcheck") {
                app.set_data_dir(data_dir);
            }
            if let Some(path) = path {
                app.open_after_first_frame(path);
            } else if app.prefs.reopen_last
                && let Some(last) = app.prefs.recent_files.first().cloned()
            {
                app.open_after_first_frame(last);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the window: {err}"))
}
