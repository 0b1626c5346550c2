//! The shell's side of research help: keeps the "Suggested" sentences current, runs the claim
//! library on a worker thread (importing the library folders, searching "Checked before" for
//! the selected claim, importing published fact-checks) and applies [`ResearchAction`]s.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::FactcheckApp;
use crate::research::library::Library;
use crate::research::{DismissedSuggestion, Suggestion, suggest};
use crate::state::{CheckedBefore, DialogKind, FoundCheck, ResearchAction};

/// How many earlier checks the inspector shows.
const CHECKED_BEFORE_TOP: usize = 5;

/// Articles up to this size have their sentences scored within the frame (a few
/// milliseconds); longer ones on a worker thread.
const SCORED_INLINE_BYTES: usize = 64 * 1024;

enum Request {
    /// Import (incrementally) every project in these folders.
    Folders(Vec<PathBuf>),
    /// Find earlier checks of this statement.
    Search(String),
    /// Import published fact-checks from this file.
    Import(PathBuf),
}

enum Reply {
    Matches {
        statement: String,
        matches: Vec<FoundCheck>,
    },
    Imported(String),
    Problem(String),
    /// This many requests were answered (sent after the window was woken for them).
    Done(usize),
}

/// The research state the shell keeps: the worker and what the caches were computed for.
pub(super) struct Research {
    /// The claim library folder (the app data folder unless a test sets another).
    pub(super) library_dir: PathBuf,
    worker: Option<(Sender<Request>, Receiver<Reply>)>,
    synced_folders: Vec<PathBuf>,
    /// Requests sent to the worker, and how many it has answered.
    sent: usize,
    answered: usize,
    suggestions_key: Option<(usize, Vec<DismissedSuggestion>)>,
    /// Scoring a long article's sentences on a worker thread (about 50,000 sentences a second
    /// on one core, so a 5 MB book takes a few hundred milliseconds).
    scoring: super::worker::Worker<Vec<Suggestion>>,
}

impl Default for Research {
    fn default() -> Self {
        Self {
            library_dir: Library::default_dir(),
            worker: None,
            synced_folders: Vec::new(),
            sent: 0,
            answered: 0,
            suggestions_key: None,
            scoring: super::worker::Worker::default(),
        }
    }
}

impl FactcheckApp {
    /// Use this folder for the claim library (tests use a temporary one).
    pub fn set_library_dir(&mut self, dir: PathBuf) {
        self.research.library_dir = dir;
        self.research.worker = None;
        self.research.synced_folders.clear();
    }

    /// "Checked before" for the selected claim, as last received from the worker.
    #[must_use]
    pub fn checked_before(&self) -> &CheckedBefore {
        &self.state.checked_before
    }

    /// Bring suggestions and "Checked before" up to date (called before every frame).
    pub(super) fn refresh_research(&mut self, ctx: &egui::Context) {
        self.receive_replies();
        self.refresh_suggestions();
        self.finish_scoring(ctx, false);
        if self.state.prefs.library_folders != self.research.synced_folders {
            self.research.synced_folders = self.state.prefs.library_folders.clone();
            let folders = self.research.synced_folders.clone();
            self.send(ctx, Request::Folders(folders));
        }
        let statement = self
            .state
            .selected_claim
            .and_then(|id| self.state.doc.as_ref()?.project.claim(id))
            .map(|claim| {
                if claim.statement.trim().is_empty() {
                    claim.anchor.quote.clone()
                } else {
                    claim.statement.clone()
                }
            })
            .unwrap_or_default();
        if statement != self.state.checked_before.statement {
            let searching = !statement.trim().is_empty();
            self.state.checked_before.statement = statement.clone();
            self.state.checked_before.searching = searching;
            self.state.checked_before.problem = None;
            if searching {
                self.send(ctx, Request::Search(statement));
            } else {
                self.state.checked_before.matches.clear();
            }
        }
    }

    fn send(&mut self, ctx: &egui::Context, request: Request) {
        if self.research.worker.is_none() {
            let (request_tx, request_rx) = channel();
            let (reply_tx, reply_rx) = channel();
            let dir = self.research.library_dir.clone();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("claim library".to_owned())
                .spawn(move || work(&dir, &request_rx, &reply_tx, &ctx));
            if let Err(err) = spawned {
                self.state.checked_before.problem =
                    Some(format!("The claim library could not start: {err}"));
                self.state.checked_before.searching = false;
                return;
            }
            self.research.worker = Some((request_tx, reply_rx));
            (self.research.sent, self.research.answered) = (0, 0);
        }
        if let Some((tx, _)) = &self.research.worker {
            if tx.send(request).is_ok() {
                self.research.sent += 1;
            } else {
                self.research.worker = None;
            }
        }
    }

    fn receive_replies(&mut self) {
        let Some((_, rx)) = &self.research.worker else {
            return;
        };
        let replies: Vec<Reply> = rx.try_iter().collect();
        for reply in replies {
            self.handle_reply(reply);
        }
    }

    /// Wait until the worker has answered every request sent so far (tests and scripts,
    /// through `wait_for_jobs`), at most `LIBRARY_WAIT`.
    pub(super) fn wait_for_research(&mut self) {
        const LIBRARY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);
        while self.research.answered < self.research.sent {
            let Some((_, rx)) = &self.research.worker else {
                return;
            };
            match rx.recv_timeout(LIBRARY_WAIT) {
                Ok(reply) => self.handle_reply(reply),
                Err(_) => return,
            }
        }
    }

    fn handle_reply(&mut self, reply: Reply) {
        match reply {
            Reply::Matches { statement, matches } => {
                // The selected claim itself (its project is in a library folder) is no
                // earlier check of itself.
                let own = self.state.selected_claim.map(|id| format!("#claim-{id}"));
                let mut matches: Vec<FoundCheck> = matches
                    .into_iter()
                    .filter(|m| own.as_ref().is_none_or(|own| !m.record.url.ends_with(own)))
                    .collect();
                matches.truncate(CHECKED_BEFORE_TOP);
                let cb = &mut self.state.checked_before;
                if statement == cb.statement {
                    cb.matches = matches;
                    cb.searching = false;
                    cb.problem = None;
                }
            }
            Reply::Imported(summary) => self.info(summary),
            Reply::Problem(problem) => {
                self.state.checked_before.searching = false;
                self.state.checked_before.problem = Some(problem);
            }
            Reply::Done(count) => self.research.answered += count,
        }
    }

    fn refresh_suggestions(&mut self) {
        let Some(doc) = &self.state.doc else {
            self.state.suggestions.sentences.clear();
            self.research.suggestions_key = None;
            self.research.scoring.forget();
            return;
        };
        if !self.panels.research.show_suggested {
            return;
        }
        let project = &doc.project;
        let text_key = Arc::as_ptr(&project.article.text).cast::<u8>() as usize;
        if self
            .research
            .suggestions_key
            .as_ref()
            .is_some_and(|(text, dismissed)| {
                *text == text_key && *dismissed == project.dismissed_suggestions
            })
        {
            return;
        }
        if self
            .research
            .suggestions_key
            .as_ref()
            .is_none_or(|(text, _)| *text != text_key)
        {
            // Sentences of another text would be drawn in the wrong places.
            self.state.suggestions.sentences.clear();
        }
        let text = Arc::clone(&project.article.text);
        let dismissed = project.dismissed_suggestions.clone();
        self.research.suggestions_key = Some((text_key, dismissed.clone()));
        self.research.scoring.forget();
        if text.len() <= SCORED_INLINE_BYTES {
            self.state.suggestions.sentences = suggest(&text, &dismissed);
        } else {
            self.research
                .scoring
                .start(move || suggest(&text, &dismissed));
        }
    }

    /// Show the suggestions of the running scoring when it is done (or, with `block`, wait
    /// for it: tests and scripts, through `wait_for_jobs`).
    pub(super) fn finish_scoring(&mut self, ctx: &egui::Context, block: bool) {
        if let Some(sentences) = self.research.scoring.finished(ctx, block) {
            self.state.suggestions.sentences = sentences;
        }
    }

    /// Apply what the user asked for in the research views.
    pub(super) fn research_action(&mut self, ctx: &egui::Context, action: ResearchAction) {
        match action {
            ResearchAction::Mark { start, end } => {
                self.article_view.set_selection(Some(start..end));
                self.mark_selection();
            }
            ResearchAction::Dismiss { start, end } => {
                let Some(doc) = &mut self.state.doc else {
                    return;
                };
                let text = Arc::clone(&doc.project.article.text);
                let sentence = doc.index().slice(&text, start..end).to_owned();
                doc.modify(|p| {
                    p.dismissed_suggestions
                        .push(DismissedSuggestion::new(&sentence, start, end));
                });
                // Shown at once; a long article's suggestions are re-scored on a worker.
                let sentences = &mut self.state.suggestions.sentences;
                if let Ok(i) = sentences.binary_search_by_key(&start, |s| s.start) {
                    sentences[i].score.suggested = false;
                }
                self.info(
                    "Suggestion dismissed; it stays dismissed for everyone who opens this project",
                );
            }
            ResearchAction::ImportFactChecks => {
                if let Some(path) = self.pick(DialogKind::ImportFactChecks) {
                    self.send(ctx, Request::Import(path));
                }
            }
            ResearchAction::ImportFrom(path) => self.send(ctx, Request::Import(path)),
        }
    }

    /// A file of published fact-checks was chosen in the app's own path prompt.
    pub(super) fn import_fact_checks(&mut self, path: PathBuf) {
        self.commands
            .push(crate::state::Command::Research(ResearchAction::ImportFrom(
                path,
            )));
    }
}

/// The worker: owns the library, answers requests in order, and keeps only the newest search
/// of a burst (typing a statement sends one per keystroke).
fn work(
    dir: &std::path::Path,
    requests: &Receiver<Request>,
    replies: &Sender<Reply>,
    ctx: &egui::Context,
) {
    let mut library: Option<Library> = None;
    let mut last_search: Option<String> = None;
    while let Ok(first) = requests.recv() {
        let mut batch = vec![first];
        batch.extend(requests.try_iter());
        let answered = batch.len();
        let mut search = None;
        for request in batch {
            match request {
                Request::Search(statement) => search = Some(statement),
                Request::Folders(folders) => {
                    if folders.is_empty() {
                        continue;
                    }
                    match open(&mut library, dir).map(|l| l.import(&folders)) {
                        Some(Ok(_)) => search = search.or_else(|| last_search.clone()),
                        Some(Err(err)) => {
                            let _ = replies.send(Reply::Problem(err.to_string()));
                        }
                        None => {
                            let _ = replies.send(Reply::Problem(open_problem(dir)));
                        }
                    }
                }
                Request::Import(path) => {
                    let message = match open(&mut library, dir)
                        .map(|l| l.import(std::slice::from_ref(&path)))
                    {
                        Some(Ok(report)) => format!(
                            "Imported {}: {} checks added, {} updated, {} skipped",
                            path.display(),
                            report.added,
                            report.updated,
                            report.skipped_total()
                        ),
                        Some(Err(err)) => format!("Could not import fact-checks: {err}"),
                        None => open_problem(dir),
                    };
                    let _ = replies.send(Reply::Imported(message));
                    search = search.or_else(|| last_search.clone());
                }
            }
        }
        if let Some(statement) = search {
            let reply = match open(&mut library, dir) {
                Some(library) => Reply::Matches {
                    matches: library
                        .search(&statement, CHECKED_BEFORE_TOP + 1)
                        .into_iter()
                        .map(|m| FoundCheck {
                            score: m.score,
                            record: m.record.clone(),
                        })
                        .collect(),
                    statement: statement.clone(),
                },
                None => Reply::Problem(open_problem(dir)),
            };
            last_search = Some(statement);
            if replies.send(reply).is_err() {
                return;
            }
        }
        ctx.request_repaint();
        if replies.send(Reply::Done(answered)).is_err() {
            return;
        }
    }
}

fn open<'l>(library: &'l mut Option<Library>, dir: &std::path::Path) -> Option<&'l mut Library> {
    if library.is_none() {
        *library = Library::open(dir).ok();
    }
    library.as_mut()
}

fn open_problem(dir: &std::path::Path) -> String {
    match Library::open(dir) {
        Ok(_) => "The claim library could not be opened".to_owned(),
        Err(err) => err.to_string(),
    }
}
