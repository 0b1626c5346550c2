//! Recovery files: the work since the last save, written every few seconds off the UI thread,
//! so that a crash, a power cut or a killed app loses at most a few seconds.
//!
//! A project saved at `dir/NAME.ron` autosaves to `dir/.NAME.ron.recovery`; a project never
//! saved autosaves to `DATA/recovery/unsaved-ID.ron.recovery` in the app's data folder. A
//! recovery file is an ordinary project file (same format, same checks when loaded).
//!
//! The UI owns one [`Autosaver`]. While the project has unsaved changes it calls
//! [`Autosaver::request`] every [`AUTOSAVE_INTERVAL`] (cheap: the article text is shared);
//! after a normal save or when the user discards the changes it calls
//! [`Autosaver::discard`]. Requests and discards are handled in order by one worker thread,
//! which coalesces requests for the same target, so a discard is never undone by an older
//! request still in the queue. At start-up [`find_recovery`] (for a project being opened) and
//! [`find_unsaved`] (for projects never saved) tell what can be restored.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::atomic::{remove_if_exists, write_atomically_without_backup};
use super::project_file::{LoadError, Loaded, SaveError, load_project, plain_io_reason};
use crate::model::Project;

/// How often the UI should request an autosave while there are unsaved changes.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// File name ending of every recovery file.
pub const RECOVERY_SUFFIX: &str = ".recovery";

/// Where a project's recovery file goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RecoveryTarget {
    /// A project saved at this path: the recovery file is next to it.
    NextTo(PathBuf),
    /// A project never saved: the recovery file is in the data folder, named by a session id.
    Unsaved {
        /// The app's data folder.
        data_dir: PathBuf,
        /// Tells this unsaved project from others (a new id per new project).
        id: Uuid,
    },
}

impl RecoveryTarget {
    /// The target of a project saved at `project_path`.
    #[must_use]
    pub fn for_project(project_path: &Path) -> Self {
        Self::NextTo(project_path.to_path_buf())
    }

    /// A fresh target for a new, never saved project.
    #[must_use]
    pub fn unsaved(data_dir: &Path) -> Self {
        Self::Unsaved {
            data_dir: data_dir.to_path_buf(),
            id: Uuid::new_v4(),
        }
    }

    /// The recovery file this target writes.
    #[must_use]
    pub fn recovery_path(&self) -> PathBuf {
        match self {
            Self::NextTo(project_path) => recovery_path(project_path),
            Self::Unsaved { data_dir, id } => unsaved_folder(data_dir)
                .join(format!("unsaved-{}.ron{RECOVERY_SUFFIX}", id.simple())),
        }
    }
}

/// The recovery file of the project at `project_path`: `.NAME.ron.recovery` in its folder
/// (hidden on Unix, so it does not clutter the folder).
#[must_use]
pub fn recovery_path(project_path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(project_path.file_name().unwrap_or_default());
    name.push(RECOVERY_SUFFIX);
    project_path.with_file_name(name)
}

/// The folder in the data folder holding recovery files of never saved projects.
#[must_use]
pub fn unsaved_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// A recovery file found at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryInfo {
    /// The recovery file.
    pub path: PathBuf,
    /// The project it belongs to; `None` for a project never saved.
    pub project_path: Option<PathBuf>,
    /// When it was written.
    pub saved_at: DateTime<Utc>,
    /// Whether it is newer than the project file (or the project file is gone). An older one
    /// means the project was saved elsewhere after the crash; offer it with that said.
    pub newer_than_project: bool,
}

impl RecoveryInfo {
    /// Load the recovered project (checked and repaired like any project file).
    pub fn load(&self) -> Result<Loaded, LoadError> {
        load_project(&self.path)
    }

    /// Delete the recovery file (the user chose not to restore it, or restored and saved).
    pub fn discard(&self) -> io::Result<()> {
        remove_if_exists(&self.path)
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The recovery file left for the project at `project_path`, if any.
#[must_use]
pub fn find_recovery(project_path: &Path) -> Option<RecoveryInfo> {
    let path = recovery_path(project_path);
    if !path.is_file() {
        return None;
    }
    let saved = modified(&path).unwrap_or(SystemTime::UNIX_EPOCH);
    let newer_than_project = modified(project_path).is_none_or(|project| saved >= project);
    Some(RecoveryInfo {
        path,
        project_path: Some(project_path.to_path_buf()),
        saved_at: saved.into(),
        newer_than_project,
    })
}

/// Recovery files of never saved projects in the data folder, newest first.
#[must_use]
pub fn find_unsaved(data_dir: &Path) -> Vec<RecoveryInfo> {
    let Ok(entries) = std::fs::read_dir(unsaved_folder(data_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<RecoveryInfo> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path.file_name().is_some_and(|name| {
                    let name = name.to_string_lossy();
                    name.starts_with("unsaved-") && name.ends_with(RECOVERY_SUFFIX)
                })
        })
        .map(|path| RecoveryInfo {
            saved_at: modified(&path).unwrap_or(SystemTime::UNIX_EPOCH).into(),
            path,
            project_path: None,
            newer_than_project: true,
        })
        .collect();
    found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.path.cmp(&b.path)));
    found
}

/// Write `project` to the recovery file of `target` now, on this thread (the [`Autosaver`]
/// calls this on its worker). Creates the data folder's recovery folder when needed.
pub fn write_recovery(project: &Project, target: &RecoveryTarget) -> Result<PathBuf, SaveError> {
    let path = target.recovery_path();
    let write_error = |source: io::Error| SaveError::Write {
        path: path.clone(),
        message: plain_io_reason(&source),
        error: source,
    };
    if let RecoveryTarget::Unsaved { data_dir, .. } = target {
        std::fs::create_dir_all(unsaved_folder(data_dir)).map_err(write_error)?;
    }
    let text = super::project_file::to_ron_string(project)?;
    write_atomically_without_backup(&path, text.as_bytes()).map_err(write_error)?;
    Ok(path)
}

/// Remove the recovery file of `target` now, on this thread.
pub fn discard_recovery(target: &RecoveryTarget) -> io::Result<()> {
    remove_if_exists(&target.recovery_path())
}

/// What the autosave worker has done, for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutosaveStatus {
    /// The last recovery file written, and when.
    pub last_saved: Option<(PathBuf, SystemTime)>,
    /// The last failure in plain words (cleared by the next success), e.g. "Could not save:
    /// permission denied… (path)".
    pub last_error: Option<String>,
    /// How many recovery files were written in all.
    pub writes: u64,
}

enum Message {
    Save(Arc<Project>, RecoveryTarget),
    Discard(RecoveryTarget),
    Flush(Sender<()>),
}

/// Writes recovery files on a background thread. Dropping it finishes what was requested,
/// then stops the thread.
pub struct Autosaver {
    sender: Option<Sender<Message>>,
    worker: Option<JoinHandle<()>>,
    status: Arc<Mutex<AutosaveStatus>>,
}

impl std::fmt::Debug for Autosaver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autosaver")
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

impl Autosaver {
    /// Start the worker thread.
    pub fn spawn() -> io::Result<Self> {
        let (sender, receiver) = channel();
        let status = Arc::new(Mutex::new(AutosaveStatus::default()));
        let worker_status = Arc::clone(&status);
        let worker = std::thread::Builder::new()
            .name("factcheck-autosave".to_owned())
            .spawn(move || run_worker(&receiver, &worker_status))?;
        Ok(Self {
            sender: Some(sender),
            worker: Some(worker),
            status,
        })
    }

    fn send(&self, message: Message) {
        if let Some(sender) = &self.sender
            && sender.send(message).is_err()
        {
            self.set_error("the autosave worker stopped; use Save to keep your work".to_owned());
        }
    }

    fn set_error(&self, message: String) {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .last_error = Some(message);
    }

    /// Ask for `project` to be written to the recovery file of `target`. Returns at once
    /// (the project is shared with the writer, not copied); a newer request for the same
    /// target replaces one not yet written.
    pub fn request(&self, project: impl Into<Arc<Project>>, target: RecoveryTarget) {
        self.send(Message::Save(project.into(), target));
    }

    /// Remove the recovery file of `target` (after a normal save, or when the changes are
    /// discarded), dropping any request for it still queued. Returns at once.
    pub fn discard(&self, target: RecoveryTarget) {
        self.send(Message::Discard(target));
    }

    /// Wait until everything asked before has been done.
    pub fn flush(&self) {
        let (ack, done) = channel();
        self.send(Message::Flush(ack));
        let _ignored = done.recv();
    }

    /// What the worker has done so far.
    #[must_use]
    pub fn status(&self) -> AutosaveStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        drop(self.sender.take());
        if let Some(worker) = self.worker.take() {
            let _ignored = worker.join();
        }
    }
}

/// The worker: take every message waiting, coalesce, write, acknowledge; until the sender is
/// dropped.
fn run_worker(receiver: &Receiver<Message>, status: &Mutex<AutosaveStatus>) {
    while let Ok(first) = receiver.recv() {
        let mut pending: VecDeque<(RecoveryTarget, Arc<Project>)> = VecDeque::new();
        let mut acks = Vec::new();
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            match message {
                Message::Save(project, target) => {
                    if let Some(slot) = pending.iter_mut().find(|(t, _)| *t == target) {
                        slot.1 = project;
                    } else {
                        pending.push_back((target, project));
                    }
                }
                Message::Discard(target) => {
                    pending.retain(|(t, _)| *t != target);
                    if let Err(e) = discard_recovery(&target) {
                        let path = target.recovery_path();
                        record(
                            status,
                            Err(format!(
                                "Could not remove the recovery file: {} ({})",
                                plain_io_reason(&e),
                                path.display()
                            )),
                        );
                    }
                }
                Message::Flush(ack) => acks.push(ack),
            }
        }
        for (target, project) in pending {
            let result = write_recovery(&project, &target).map_err(|e| e.to_string());
            record(status, result);
        }
        for ack in acks {
            let _ignored = ack.send(());
        }
    }
}

fn record(status: &Mutex<AutosaveStatus>, result: Result<PathBuf, String>) {
    let mut status = status.lock().unwrap_or_else(PoisonError::into_inner);
    match result {
        Ok(path) => {
            status.last_saved = Some((path, SystemTime::now()));
            status.last_error = None;
            status.writes += 1;
        }
        Err(message) => {
            log::warn!("autosave: {message}");
            status.last_error = Some(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use anyhow::Context as _;

    use super::*;
    use crate::io::save_project;
    use crate::model::ArticleMeta;

    fn project(title: &str) -> Project {
        Project::new(
            "Some article text.",
            ArticleMeta {
                title: title.to_owned(),
                ..ArticleMeta::default()
            },
        )
    }

    #[test]
    fn recovery_file_is_hidden_next_to_the_project() {
        assert_eq!(
            recovery_path(Path::new("/a/b/check.ron")),
            Path::new("/a/b/.check.ron.recovery")
        );
    }

    #[test]
    fn autosave_then_find_then_restore_then_discard() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("check.ron");
        save_project(&project("saved"), &path)?;
        assert_eq!(find_recovery(&path), None);
        let autosaver = Autosaver::spawn()?;
        let target = RecoveryTarget::for_project(&path);
        for n in 0..20 {
            autosaver.request(project(&format!("edit {n}")), target.clone());
        }
        autosaver.flush();
        let status = autosaver.status();
        assert_eq!(status.last_error, None);
        assert!((1..=20).contains(&status.writes));
        drop(autosaver); // a crash: nothing removes the recovery file
        let info = find_recovery(&path).context("no recovery file found")?;
        assert!(info.newer_than_project);
        assert_eq!(info.project_path.as_deref(), Some(path.as_path()));
        let age = Utc::now() - info.saved_at;
        assert!(age.num_seconds() < 60, "saved_at {}", info.saved_at);
        assert_eq!(info.load()?.project.article.meta.title, "edit 19");
        info.discard()?;
        assert_eq!(find_recovery(&path), None);
        Ok(())
    }

    #[test]
    fn discard_wins_over_an_older_queued_request_but_not_a_newer_one() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("check.ron");
        let autosaver = Autosaver::spawn()?;
        let target = RecoveryTarget::for_project(&path);
        autosaver.request(project("before save"), target.clone());
        autosaver.discard(target.clone());
        autosaver.flush();
        assert!(!target.recovery_path().exists());
        autosaver.discard(target.clone());
        autosaver.request(project("after save"), target.clone());
        autosaver.flush();
        let info = find_recovery(&path).context("the newer request was lost")?;
        assert_eq!(info.load()?.project.article.meta.title, "after save");
        Ok(())
    }

    #[test]
    fn unsaved_projects_are_found_in_the_data_folder() -> anyhow::Result<()> {
        let data = tempfile::tempdir()?;
        assert!(find_unsaved(data.path()).is_empty());
        let autosaver = Autosaver::spawn()?;
        let first = RecoveryTarget::unsaved(data.path());
        let second = RecoveryTarget::unsaved(data.path());
        autosaver.request(project("first"), first.clone());
        autosaver.request(project("second"), second.clone());
        autosaver.flush();
        let found = find_unsaved(data.path());
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|i| i.project_path.is_none()));
        let mut titles: Vec<String> = found
            .iter()
            .map(|i| i.load().map(|l| l.project.article.meta.title))
            .collect::<Result<_, _>>()?;
        titles.sort();
        assert_eq!(titles, ["first", "second"]);
        autosaver.discard(first);
        autosaver.flush();
        assert_eq!(find_unsaved(data.path()).len(), 1);
        Ok(())
    }

    #[test]
    fn a_failing_autosave_is_reported_in_plain_words() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "x")?;
        let autosaver = Autosaver::spawn()?;
        autosaver.request(
            project("x"),
            RecoveryTarget::for_project(&blocker.join("check.ron")),
        );
        autosaver.flush();
        let error = autosaver.status().last_error.unwrap_or_default();
        assert!(
            error.starts_with("Could not save: part of the folder path is a file, not a folder ("),
            "{error}"
        );
        Ok(())
    }
}
