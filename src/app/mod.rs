//! The shell: [`FactcheckApp`] owns the state layer ([`crate::state`]), draws one frame with
//! [`crate::ui`], and applies every [`Command`] the frame returned, in one place, after it.
//!
//! Files by concern: `dispatch` (applying commands and actions), `files` (open, save, export,
//! update, merge inputs), `jobs` (file work on a worker thread, progress, Cancel), `modals`
//! (dialogs, unsaved-changes confirmation, errors), `find`, `derived` (caches rebuilt when the
//! project changes), `autosave`, `window` (shortcuts, dropped files, close button, title),
//! `dialogs` (native and scripted file dialogs) and `native` (eframe start-up and storage).

mod autosave;
mod derived;
mod dialogs;
mod dispatch;
mod evidence;
mod files;
mod find;
mod jobs;
#[cfg(test)]
mod layering_tests;
mod modals;
mod native;
mod research;
mod review;
mod window;
mod worker;

use std::path::PathBuf;

pub use crate::state::{
    Action, ClaimFilter, ClaimSummary, CoalesceKey, Command, DEFAULT_FONT_SIZE, DialogKind,
    Document, FindState, Level, MergeSession, Modal, PREFS_KEY, Prefs, RightTab, SortBy,
    StatusMessage, ThemeChoice,
};
pub use dialogs::{FileDialogs, NativeDialogs, Picked, ScriptedDialogs};
pub use native::{load_prefs, run_gui};

use crate::state::{PanelState, Workbench};
use crate::ui::article_view::{ArticleView, Highlights};

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECS: f64 = 5.0;

/// The workbench application.
pub struct FactcheckApp {
    /// What the window shows (read by every panel).
    state: Workbench,
    /// What panels own and edit while drawing.
    panels: PanelState,
    /// The article reading view's widget state.
    article_view: ArticleView,
    /// The evidence panels' state (reader, capture progress, capture checks).
    evidence: crate::ui::evidence::EvidenceDesk,
    /// The capture running in the background.
    evidence_jobs: evidence::EvidenceJobs,
    seal_checks: review::SealChecks,
    /// File dialogs (native, or scripted in tests).
    dialogs: Box<dyn FileDialogs>,
    /// The in-app file browser, where no native dialog can appear.
    file_browser: Option<crate::ui::file_browser::FileBrowser>,
    /// Caches derived from the project (highlights, summary, shown claims, find matches).
    derived: derived::Derived,
    /// Writing recovery files.
    autosave: autosave::Autosave,
    /// The background job in progress (open, save, update, merge).
    jobs: jobs::Jobs,
    /// Commands returned by this frame, applied after it.
    commands: Vec<Command>,
    /// A file to open once the first frame is on screen.
    open_after_first_frame: Option<PathBuf>,
    frames: u64,
    /// Quit was confirmed: let the window close.
    allow_close: bool,
    window_title: String,
    /// Suggested claims and the claim library worker.
    research: research::Research,
}

impl FactcheckApp {
    /// A new app with these preferences and dialogs, nothing open.
    #[must_use]
    pub fn new(prefs: Prefs, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut state = Workbench::new(prefs);
        state.config_dir = crate::signing::config_dir().ok();
        if let Some(dir) = &state.config_dir {
            state.trust = crate::signing::TrustStore::load(dir).unwrap_or_default();
        }
        Self {
            state,
            panels: PanelState::default(),
            article_view: ArticleView::default(),
            evidence: crate::ui::evidence::EvidenceDesk::default(),
            evidence_jobs: evidence::EvidenceJobs::default(),
            seal_checks: review::SealChecks::default(),
            dialogs,
            file_browser: None,
            derived: derived::Derived::default(),
            autosave: autosave::Autosave::new(AUTOSAVE_SECS),
            jobs: jobs::Jobs::default(),
            commands: Vec::new(),
            open_after_first_frame: None,
            frames: 0,
            allow_close: false,
            window_title: String::new(),
            research: research::Research::default(),
        }
    }

    /// Open `path` once the first frame has been painted (the window appears at once).
    pub fn open_after_first_frame(&mut self, path: PathBuf) {
        self.open_after_first_frame = Some(path);
    }

    /// Queue a command, applied at the end of the frame (tests and start-up use this; panels
    /// return theirs from drawing).
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draw one frame and apply what it asked for. Used by eframe and by tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.frames == 2
            && let Some(path) = self.open_after_first_frame.take()
        {
            self.commands.push(Command::open(path));
        }
        if self.frames == 1 && self.open_after_first_frame.is_some() {
            ctx.request_repaint();
        }
        self.poll_jobs(&ctx);
        self.handle_window_input(&ctx);
        self.refresh_derived(&ctx);
        self.refresh_research(&ctx);
        self.poll_evidence(&ctx);
        let frame = crate::ui::WorkbenchFrame {
            state: &self.state,
            panels: &mut self.panels,
            article_view: &mut self.article_view,
            highlights: &self.derived.highlights,
            evidence: &mut self.evidence,
            file_browser: self.file_browser.as_mut(),
        };
        let drawn = crate::ui::workbench_ui(ui, frame);
        self.commands.extend(drawn);
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

    fn info(&mut self, text: impl Into<String>) {
        self.state.status = Some(StatusMessage {
            level: Level::Info,
            text: text.into(),
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.state.status = Some(StatusMessage {
            level: Level::Error,
            text: text.into(),
        });
    }

    // Read access for tests, scripts and the start-up code.

    /// The open document, if any.
    #[must_use]
    pub fn doc(&self) -> Option<&Document> {
        self.state.doc.as_ref()
    }

    /// The dialog in front, if any.
    #[must_use]
    pub fn modal(&self) -> Option<&Modal> {
        self.panels.modals.front()
    }

    /// The selected claim.
    #[must_use]
    pub fn selected_claim(&self) -> Option<crate::model::ClaimId> {
        self.state.selected_claim
    }

    /// The status-bar message.
    #[must_use]
    pub fn status(&self) -> Option<&StatusMessage> {
        self.state.status.as_ref()
    }

    /// The current status-bar text.
    #[must_use]
    pub fn status_text(&self) -> Option<&str> {
        self.state.status.as_ref().map(|s| s.text.as_str())
    }

    /// The merge in progress, if the merge view is open.
    #[must_use]
    pub fn merge(&self) -> Option<&MergeSession> {
        self.panels.merge.as_ref()
    }

    /// Preferences.
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.state.prefs
    }

    /// Change preferences (as the preferences dialog does).
    pub fn prefs_mut(&mut self) -> &mut Prefs {
        &mut self.state.prefs
    }

    /// The reviewer name stamped on edits.
    #[must_use]
    pub fn actor(&self) -> &str {
        self.state.actor()
    }

    /// The article view (its selection, scroll position and layout figures).
    #[must_use]
    pub fn article_view(&self) -> &ArticleView {
        &self.article_view
    }

    /// The article view, to set a selection as a user would by dragging.
    pub fn article_view_mut(&mut self) -> &mut ArticleView {
        &mut self.article_view
    }

    /// The find bar (as typed into it).
    pub fn find_mut(&mut self) -> &mut FindState {
        &mut self.panels.find
    }

    /// The find bar.
    #[must_use]
    pub fn find(&self) -> &FindState {
        &self.panels.find
    }

    /// The claim list's filter (as set in the list).
    pub fn filter_mut(&mut self) -> &mut ClaimFilter {
        &mut self.panels.filter
    }

    /// Every sentence of the article with its check-worthiness score, as the "Suggested" view
    /// shows them (empty until the view was first shown, or while a long text is scored).
    #[must_use]
    pub fn suggestions(&self) -> &[crate::research::Suggestion] {
        &self.state.suggestions.sentences
    }

    /// Indices (into `project.claims`) of the claims the list shows, in order.
    #[must_use]
    pub fn shown_claims(&self) -> &[usize] {
        &self.state.shown_claims
    }

    /// Highlights of the current document.
    #[must_use]
    pub fn highlights(&self) -> &Highlights {
        &self.derived.highlights
    }

    /// Counts of claims per status, for the status bar.
    #[must_use]
    pub fn status_counts(&self) -> &[(crate::model::ClaimStatus, usize)] {
        self.state.status_counts()
    }

    /// The window title as last set.
    #[must_use]
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// The evidence panels' state: the open capture reader, a capture's progress, checks.
    #[must_use]
    pub fn evidence(&self) -> &crate::ui::evidence::EvidenceDesk {
        &self.evidence
    }

    /// The evidence panels' state, to select in the reader as a user would.
    pub fn evidence_mut(&mut self) -> &mut crate::ui::evidence::EvidenceDesk {
        &mut self.evidence
    }

    /// Whether a capture is running in the background.
    #[must_use]
    pub fn capture_running(&self) -> bool {
        self.evidence_jobs.job.is_some()
    }

    /// What the in-app file browser asks for, while it is open.
    #[must_use]
    pub fn file_browser(&self) -> Option<&DialogKind> {
        self.file_browser
            .as_ref()
            .map(crate::ui::file_browser::FileBrowser::kind)
    }

    /// Answer file dialogs with `dialogs` from now on.
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }
}
