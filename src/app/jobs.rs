//! Background jobs of the shell: file work (open, save, update the article, read and merge a
//! reviewer's copy) runs on a worker thread while the window keeps drawing.
//!
//! One job runs at a time. The worker does the slow half (read, parse, re-anchor, merge, write)
//! and sends back a closure that applies the result to the app; the shell polls the channel
//! every frame (and the worker wakes the window when it is done). While a job runs:
//! - another file command (open, save, update, merge, restore, paste) waits in a queue and
//!   runs when the job is done ("save, then open" works as typed);
//! - while an open, update or merge runs, commands that would change the document are refused
//!   too (their result would be lost when the job's result replaces it); during a save, edits
//!   go on and the document stays dirty;
//! - Cancel (open, update, merge; never a save) drops the job at once: the worker checks the
//!   flag between stages and its result, if any, is thrown away;
//! - quitting waits for a save to finish (then asks again if it failed).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use super::FactcheckApp;
use crate::model::review::ReviewRequest;
use crate::state::{Action, Command, Document, JobProgress, MergeAction, ResearchAction};

/// What a finished job does to the app, on the UI thread.
pub(super) type Apply = Box<dyn FnOnce(&mut FactcheckApp, &egui::Context) + Send>;

/// The kinds of job, which decide what waits while they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JobKind {
    /// Opening a project or an article: replaces the document.
    Open,
    /// Saving (Save, Save As, the checked save): never cancelled; edits go on.
    Save,
    /// Replacing the article text and re-anchoring: replaces the project.
    UpdateArticle,
    /// Reading and merging a reviewer's copy (or a common ancestor).
    Merge,
}

impl JobKind {
    /// Whether the document may change while this job runs.
    fn allows_edits(self) -> bool {
        self == Self::Save
    }
}

/// The cancel flag a worker checks between stages.
#[derive(Clone, Default)]
pub(super) struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// The user cancelled: stop and return nothing.
    pub(super) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

struct Running {
    kind: JobKind,
    label: String,
    cancel: CancelFlag,
    receiver: mpsc::Receiver<Apply>,
    worker: std::thread::JoinHandle<()>,
    /// A command to run once the job succeeded (the document is clean): "save, then open".
    then: Option<Command>,
}

/// The job in progress, if any, and the file commands waiting for it.
#[derive(Default)]
pub(super) struct Jobs {
    running: Option<Running>,
    queued: std::collections::VecDeque<Command>,
    /// Workers of cancelled jobs still finishing (their results go nowhere).
    cancelled: Vec<std::thread::JoinHandle<()>>,
}

/// What happens to a command while a job runs.
enum WhileBusy {
    Run,
    Queue(String),
    Refuse(String),
}

impl Jobs {
    /// Whether a job runs.
    pub(super) fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// Whether a save runs.
    pub(super) fn is_saving(&self) -> bool {
        self.running
            .as_ref()
            .is_some_and(|r| r.kind == JobKind::Save)
    }

    /// Whether `command` runs now, waits for the job, or is refused.
    fn while_busy(&self, command: &Command) -> WhileBusy {
        let Some(running) = self.running.as_ref() else {
            return WhileBusy::Run;
        };
        if starts_job(command) {
            return WhileBusy::Queue(format!(
                "{} is in progress; your request follows when it is done",
                running.label
            ));
        }
        if !running.kind.allows_edits() && changes_document(command) {
            return WhileBusy::Refuse(format!(
                "{} is in progress: the document cannot change until it is done or cancelled",
                running.label
            ));
        }
        WhileBusy::Run
    }
}

/// Commands that start file work (refused while a job runs).
fn starts_job(command: &Command) -> bool {
    match command {
        Command::Open { .. }
        | Command::PickAndOpen { .. }
        | Command::NewFromText { .. }
        | Command::SaveTo(_)
        | Command::UpdateArticleFrom(_)
        | Command::RestoreRecovery(_)
        | Command::OverwriteChangedFile
        | Command::MergeWith(_)
        | Command::MergeBase(_)
        | Command::Merge(MergeAction::PickBase)
        | Command::PathChosen { .. } => true,
        Command::Action(action) => matches!(
            action,
            Action::OpenArticle
                | Action::OpenProject
                | Action::Save
                | Action::SaveAs
                | Action::UpdateArticle
                | Action::MergeReviewerCopy
                | Action::NewFromClipboard
        ),
        _ => false,
    }
}

/// Commands that change the open document (refused while it is being replaced).
fn changes_document(command: &Command) -> bool {
    match command {
        Command::Edit { .. }
        | Command::NewSourceForClaim(_)
        | Command::NewSource
        | Command::DeleteSource { .. }
        | Command::ApplyPreset(_)
        | Command::ReattachToSelection(_)
        | Command::MarkFindMatch
        | Command::Merge(MergeAction::Apply)
        | Command::Review(ReviewRequest::Act(_))
        | Command::Research(ResearchAction::Mark { .. } | ResearchAction::Dismiss { .. }) => true,
        Command::Action(action) => matches!(
            action,
            Action::Undo | Action::Redo | Action::MarkClaim | Action::DeleteClaim
        ),
        _ => false,
    }
}

impl FactcheckApp {
    /// Run `work` on a worker thread; what it returns is applied on the UI thread when it is
    /// done (nothing when it saw the cancel flag). `label` is shown in the status bar.
    pub(super) fn start_job(
        &mut self,
        ctx: &egui::Context,
        kind: JobKind,
        label: String,
        work: impl FnOnce(&CancelFlag) -> Option<Apply> + Send + 'static,
    ) {
        let (sender, receiver) = mpsc::channel();
        let cancel = CancelFlag::default();
        let flag = cancel.clone();
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("factcheck {kind:?}").to_lowercase())
            .spawn(move || {
                if let Some(apply) = work(&flag)
                    && !flag.is_cancelled()
                {
                    // The receiver is gone when the job was cancelled: nothing to apply.
                    let _dropped = sender.send(apply);
                }
                waker.request_repaint();
            });
        let worker = match spawned {
            Ok(worker) => worker,
            Err(err) => {
                self.error(format!("Could not start a background task: {err}"));
                return;
            }
        };
        self.state.job = Some(JobProgress {
            label: label.clone(),
            started: ctx.input(|i| i.time),
            cancellable: kind != JobKind::Save,
        });
        self.jobs.running = Some(Running {
            kind,
            label,
            cancel,
            receiver,
            worker,
            then: None,
        });
        ctx.request_repaint();
    }

    /// Hold back `command` while the job in progress forbids it: file work is queued, edits
    /// of a document being replaced are refused (the status bar says which). Returns whether
    /// it was held back.
    pub(super) fn held_back_while_busy(&mut self, command: &Command) -> bool {
        match self.jobs.while_busy(command) {
            WhileBusy::Run => false,
            WhileBusy::Queue(why) => {
                self.jobs.queued.push_back(command.clone());
                self.info(why);
                true
            }
            WhileBusy::Refuse(why) => {
                self.error(why);
                true
            }
        }
    }

    /// Run queued file commands until one of them starts a job.
    fn run_queued(&mut self, ctx: &egui::Context) {
        while !self.jobs.is_busy() {
            let Some(command) = self.jobs.queued.pop_front() else {
                break;
            };
            self.run_command(ctx, command);
        }
    }

    /// Run `then` once the running save succeeded (a failed save stops there).
    pub(super) fn after_save(&mut self, then: Command) -> bool {
        match &mut self.jobs.running {
            Some(running) if running.kind == JobKind::Save => {
                running.then = Some(then);
                true
            }
            _ => false,
        }
    }

    /// The user asked to quit while a job runs: a save is waited for (then quitting is asked
    /// again); anything else is cancelled, as nothing of it has reached the document yet.
    pub(super) fn quit_while_busy(&mut self, ctx: &egui::Context, discard_confirmed: bool) -> bool {
        if self.jobs.is_saving() {
            self.after_save(Command::Quit { discard_confirmed });
            self.info("Closing once the save has finished…");
            return true;
        }
        if self.jobs.is_busy() {
            // Quitting: what was queued behind the job is not wanted any more.
            self.jobs.queued.clear();
            self.cancel_job(ctx);
        }
        false
    }

    /// Cancel the job in progress; its result is dropped. Queued file commands follow.
    pub(super) fn cancel_job(&mut self, ctx: &egui::Context) {
        let Some(running) = self.jobs.running.take_if(|r| r.kind != JobKind::Save) else {
            return;
        };
        running.cancel.cancel();
        self.jobs.cancelled.retain(|w| !w.is_finished());
        self.jobs.cancelled.push(running.worker);
        self.state.job = None;
        self.info(format!("Cancelled: {}", lowercase_first(&running.label)));
        self.run_queued(ctx);
    }

    /// Apply the result of a finished job, if there is one. Called every frame; while a job
    /// runs the window keeps repainting so the spinner and the elapsed time move.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        self.finish_job(ctx, false);
    }

    /// Wait until the job in progress and the file commands queued behind it are done, and
    /// apply their results, as the next frames would. Tests and scripts use this after a
    /// command that starts file work.
    ///
    /// It also waits for the workers of cancelled jobs, so a test can show that their results
    /// were dropped.
    pub fn wait_for_jobs(&mut self, ctx: &egui::Context) {
        while self.jobs.is_busy() {
            self.finish_job(ctx, true);
        }
        for worker in self.jobs.cancelled.drain(..) {
            // A panic in a cancelled job has nothing left to report.
            let _ignored = worker.join();
        }
        self.finish_capture_check(ctx, true);
        self.finish_seal_check(ctx, true);
        self.finish_scoring(ctx, true);
        self.wait_for_research();
    }

    /// Whether quitting was confirmed and the window is closing.
    #[must_use]
    pub fn is_closing(&self) -> bool {
        self.allow_close
    }

    /// Whether a background job (open, save, update, merge) is in progress.
    #[must_use]
    pub fn job_in_progress(&self) -> Option<&JobProgress> {
        self.state.job.as_ref()
    }

    fn finish_job(&mut self, ctx: &egui::Context, block: bool) {
        let Some(running) = &self.jobs.running else {
            return;
        };
        let received = if block {
            running.receiver.recv().map_err(|_| ())
        } else {
            match running.receiver.try_recv() {
                Ok(apply) => Ok(apply),
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint();
                    return;
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            }
        };
        let Some(running) = self.jobs.running.take() else {
            return;
        };
        self.state.job = None;
        ctx.request_repaint();
        match received {
            Ok(apply) => {
                apply(self, ctx);
                if let Some(then) = running.then
                    && !self.doc().is_some_and(Document::is_dirty)
                {
                    self.run_command(ctx, then);
                }
            }
            // The worker ended without a result: it panicked (a bug, reported once).
            Err(()) => self.show_error(
                "Something went wrong",
                format!(
                    "{} stopped unexpectedly; nothing was changed",
                    running.label
                ),
                false,
            ),
        }
        self.run_queued(ctx);
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
