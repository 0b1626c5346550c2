//! The open document: the project, where it lives on disk, whether it has unsaved changes,
//! and its undo history.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;

use crate::model::{ClaimId, Edit, EditError, Project, ProjectWarning, TextIndex};

/// How many undo steps are kept.
const UNDO_LIMIT: usize = 200;

/// Consecutive edits of the same field closer than this are one undo step (typing).
const COALESCE_SECS: f64 = 1.5;

/// Edits with the same key, close in time, merge into one undo step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoalesceKey {
    /// Typing into one field of one claim.
    ClaimField(ClaimId, &'static str),
    /// Typing into some other field (source, article metadata, scale, settings).
    Field(String),
}

#[derive(Clone)]
struct Snapshot {
    project: Arc<Project>,
    generation: u64,
}

/// An open project.
pub struct Document {
    /// The project being edited. Shared, copy on write: undo snapshots and background jobs
    /// (save, merge) hold it without copying it; the first edit after that copies it once.
    pub project: Arc<Project>,
    /// Where it is saved; `None` for a new project from an article.
    pub path: Option<PathBuf>,
    /// Problems repaired when it was loaded.
    pub warnings: Vec<ProjectWarning>,
    /// What the file looked like when opened or last saved (to notice changes by others).
    pub stamp: Option<crate::io::FileStamp>,
    /// Where a never-saved project is autosaved.
    pub unsaved_target: Option<crate::io::RecoveryTarget>,
    index: TextIndex,
    indexed_text: Arc<str>,
    generation: u64,
    next_generation: u64,
    saved_generation: u64,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The saved state, when it fell out of the undo and redo history.
    evicted_saved: Option<Arc<Project>>,
    last_edit: Option<(CoalesceKey, f64)>,
}

impl Document {
    /// A document for `project`, saved at `path` (or never saved).
    #[must_use]
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let indexed_text = Arc::clone(&project.article.text);
        Self {
            index: TextIndex::new(&indexed_text),
            indexed_text,
            project: Arc::new(project),
            path,
            warnings: Vec::new(),
            stamp: None,
            evicted_saved: None,
            unsaved_target: None,
            generation: 0,
            next_generation: 1,
            saved_generation: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
        }
    }

    /// The paragraph index of the article text.
    #[must_use]
    pub fn index(&self) -> &TextIndex {
        &self.index
    }

    /// Changes since the last save (or since opening).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// A number that changes whenever the project changes (for caches).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The file name, or the article title for an unsaved project.
    #[must_use]
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None if !self.project.article.meta.title.trim().is_empty() => {
                format!("{} (unsaved)", self.project.article.meta.title.trim())
            }
            None => "Untitled (unsaved)".to_owned(),
        }
    }

    /// Apply an edit as one undo step (or folded into the previous one when `coalesce`
    /// matches it and follows closely). `now_secs` is the UI clock, for folding.
    pub fn apply(
        &mut self,
        edit: Edit,
        actor: &str,
        coalesce: Option<CoalesceKey>,
        now_secs: f64,
    ) -> Result<(), EditError> {
        let folds = match (&coalesce, &self.last_edit) {
            (Some(key), Some((last_key, at))) => key == last_key && now_secs - at < COALESCE_SECS,
            _ => false,
        };
        let before = (!folds).then(|| Arc::clone(&self.project));
        Arc::make_mut(&mut self.project).apply(edit, actor, Utc::now())?;
        if let Some(project) = before {
            self.push_undo(project);
        }
        self.last_edit = coalesce.map(|key| (key, now_secs));
        self.touch();
        Ok(())
    }

    /// Replace the whole project as one undo step (merges, re-anchoring, imports).
    pub fn replace_project(&mut self, project: Project) {
        let before = std::mem::replace(&mut self.project, Arc::new(project));
        self.push_undo(before);
        self.last_edit = None;
        self.touch();
    }

    /// Change the project with `change` as one undo step.
    pub fn modify<R>(&mut self, change: impl FnOnce(&mut Project) -> R) -> R {
        let before = Arc::clone(&self.project);
        let result = change(Arc::make_mut(&mut self.project));
        if before != self.project {
            self.push_undo(before);
            self.last_edit = None;
            self.touch();
        }
        result
    }

    fn push_undo(&mut self, project: Arc<Project>) {
        self.undo.push(Snapshot {
            project,
            generation: self.generation,
        });
        if self.undo.len() > UNDO_LIMIT {
            let dropped = self.undo.remove(0);
            self.keep_if_saved(dropped);
        }
        for dropped in std::mem::take(&mut self.redo) {
            self.keep_if_saved(dropped);
        }
    }

    /// A snapshot leaves the history: keep it if it is the saved state (the merge base).
    fn keep_if_saved(&mut self, snapshot: Snapshot) {
        if snapshot.generation == self.saved_generation {
            self.evicted_saved = Some(snapshot.project);
        }
    }

    /// The project as it was last read from or written to `path`: the common ancestor when
    /// someone else changed the file meanwhile. Found in the undo history (no copy is made
    /// when opening or saving); `None` for a project never saved.
    #[must_use]
    pub fn saved_project(&self) -> Option<&Project> {
        self.saved_project_shared().map(|p| &**p)
    }

    /// [`Self::saved_project`], shared (no copy), for a background job.
    #[must_use]
    pub fn saved_project_shared(&self) -> Option<&Arc<Project>> {
        if self.path.is_none() || self.saved_generation == u64::MAX {
            return None;
        }
        if !self.is_dirty() {
            return Some(&self.project);
        }
        self.undo
            .iter()
            .chain(&self.redo)
            .find(|s| s.generation == self.saved_generation)
            .map(|s| &s.project)
            .or(self.evicted_saved.as_ref())
    }

    fn touch(&mut self) {
        self.generation = self.next_generation;
        self.next_generation += 1;
        self.refresh_index();
    }

    fn refresh_index(&mut self) {
        if !Arc::ptr_eq(&self.indexed_text, &self.project.article.text) {
            self.indexed_text = Arc::clone(&self.project.article.text);
            self.index = TextIndex::new(&self.indexed_text);
        }
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo the last step. Returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    /// Redo the last undone step. Returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    fn step(&mut self, backwards: bool) -> bool {
        let (from, to) = if backwards {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(snapshot) = from.pop() else {
            return false;
        };
        let current = Snapshot {
            project: std::mem::replace(&mut self.project, snapshot.project),
            generation: self.generation,
        };
        to.push(current);
        self.generation = snapshot.generation;
        self.last_edit = None;
        self.refresh_index();
        true
    }

    /// Record that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.evicted_saved = None;
        self.path = Some(path.to_path_buf());
        self.saved_generation = self.generation;
    }

    /// Record that the project as it was at `generation` was saved to `path` (a save that
    /// ran in the background while the user went on editing: the document stays dirty).
    pub fn mark_saved_at(&mut self, path: &Path, generation: u64) {
        self.evicted_saved = None;
        self.path = Some(path.to_path_buf());
        self.saved_generation = generation;
    }

    /// Mark a freshly imported project as changed (it has never been saved).
    pub fn mark_unsaved(&mut self) {
        self.evicted_saved = None;
        self.saved_generation = u64::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, ArticleMeta, Claim, ClaimChange};

    fn doc() -> (Document, ClaimId) {
        let mut doc = Document::new(
            Project::new("Some text here.", ArticleMeta::default()),
            None,
        );
        let claim = Claim::new(Anchor::from_range("Some text here.", doc.index(), 0, 4));
        let claim_id = claim.id;
        doc.apply(Edit::AddClaim(Box::new(claim)), "me", None, 0.0)
            .expect("add");
        (doc, claim_id)
    }

    #[test]
    fn undo_and_redo_restore_projects_and_dirty_state() {
        let (mut doc, claim_id) = doc();
        assert!(doc.is_dirty());
        doc.mark_saved(Path::new("/tmp/x.ron"));
        assert!(!doc.is_dirty());
        doc.apply(Edit::DeleteClaim(claim_id), "me", None, 1.0)
            .expect("delete");
        assert!(doc.project.claims.is_empty());
        assert!(doc.is_dirty());
        assert!(doc.undo());
        assert_eq!(doc.project.claims.len(), 1);
        assert!(!doc.is_dirty(), "back at the saved state");
        assert!(doc.redo());
        assert!(doc.project.claims.is_empty());
        assert!(doc.is_dirty());
    }

    #[test]
    fn saved_project_is_found_in_the_history_without_a_copy() {
        let (mut doc, claim_id) = doc();
        assert!(doc.saved_project().is_none(), "never saved");
        doc.mark_saved(Path::new("/tmp/x.ron"));
        let saved = (*doc.project).clone();
        doc.apply(Edit::DeleteClaim(claim_id), "me", None, 1.0)
            .expect("delete");
        assert_eq!(doc.saved_project(), Some(&saved));
        assert!(doc.undo());
        assert!(doc.redo());
        assert_eq!(doc.saved_project(), Some(&saved), "after undo and redo");
        for n in 0..(UNDO_LIMIT + 5) {
            let edit = Edit::SetArticleMeta(crate::model::ArticleMeta {
                title: format!("title {n}"),
                ..crate::model::ArticleMeta::default()
            });
            let _ = doc.apply(edit, "me", None, 2.0 + n as f64);
        }
        assert_eq!(
            doc.saved_project(),
            Some(&saved),
            "kept when it left the history"
        );
    }

    #[test]
    fn a_background_save_of_an_older_generation_keeps_later_edits_unsaved() {
        let (mut doc, claim_id) = doc();
        let saving = doc.generation();
        let saved = (*doc.project).clone();
        doc.apply(Edit::DeleteClaim(claim_id), "me", None, 1.0)
            .expect("edit while the save runs");
        doc.mark_saved_at(Path::new("/tmp/x.ron"), saving);
        assert!(doc.is_dirty(), "the delete came after the saved state");
        assert_eq!(doc.saved_project(), Some(&saved));
        assert!(doc.undo());
        assert!(!doc.is_dirty(), "undoing back to what was saved");
    }

    #[test]
    fn a_job_holding_the_project_keeps_what_it_started_with_while_edits_go_on() {
        let (mut doc, claim_id) = doc();
        // A save or a merge takes the project without copying it...
        let saving = Arc::clone(&doc.project);
        // ...and edits made meanwhile, folded into one undo step or not, copy it first.
        let key = CoalesceKey::ClaimField(claim_id, "conclusion");
        for (n, text) in ["a", "ab"].into_iter().enumerate() {
            let change = ClaimChange::Conclusion(text.into());
            doc.apply(
                Edit::UpdateClaim { claim_id, change },
                "me",
                Some(key.clone()),
                1.0 + n as f64 * 0.1,
            )
            .expect("edit");
        }
        assert!(!Arc::ptr_eq(&saving, &doc.project));
        assert_eq!(
            saving.claims[0].conclusion, "",
            "what the job has is unchanged"
        );
        assert_eq!(doc.project.claims[0].conclusion, "ab");
        assert!(doc.undo());
        assert_eq!(*doc.project, *saving, "one undo step back to it");
    }

    #[test]
    fn typing_folds_into_one_undo_step() {
        let (mut doc, claim_id) = doc();
        for (n, text) in ["a", "ab", "abc"].into_iter().enumerate() {
            let edit = Edit::UpdateClaim {
                claim_id,
                change: ClaimChange::Conclusion(text.into()),
            };
            let key = CoalesceKey::ClaimField(claim_id, "conclusion");
            doc.apply(edit, "me", Some(key), 10.0 + n as f64 * 0.2)
                .expect("edit");
        }
        assert!(doc.undo());
        assert_eq!(doc.project.claims[0].conclusion, "");
        assert!(doc.undo());
        assert!(doc.project.claims.is_empty());
    }

    #[test]
    fn refused_edit_changes_nothing() {
        let (mut doc, _) = doc();
        let generation = doc.generation();
        let result = doc.apply(Edit::DeleteClaim(ClaimId::new_random()), "me", None, 0.0);
        assert!(result.is_err());
        assert_eq!(doc.generation(), generation);
        assert!(doc.undo(), "only the add is undoable");
        assert!(!doc.undo());
    }
}
