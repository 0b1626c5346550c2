//! "Merge a reviewer's copy…": the state of the merge view between opening the other copy
//! and applying the merge as one undo step.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;

use crate::merge::{MergeOptions, MergeOutcome, merge_with};
use crate::model::{ConflictId, Edit, EditError, Project, Resolution};

/// A merge in progress: our project as it was when the merge started, their copy, an
/// optional common ancestor, and the outcome with the decisions taken so far.
pub struct MergeSession {
    /// Their copy's file.
    pub theirs_path: PathBuf,
    /// The common ancestor's file, when given (three-way merge).
    pub base_path: Option<PathBuf>,
    ours: Arc<Project>,
    theirs: Arc<Project>,
    base: Option<Project>,
    /// The merge result, with the decisions taken in the view applied.
    pub outcome: MergeOutcome,
    /// Values being typed for "edit" resolutions, per conflict.
    pub custom: HashMap<ConflictId, String>,
    /// How many conflicts the merge found before any decision.
    pub conflicts_found: usize,
    /// The last refused decision, shown in the view.
    pub error: Option<String>,
}

impl MergeSession {
    /// Merge `theirs` into `ours`: three-way when the common ancestor `base` (with its file)
    /// is known, two-way otherwise.
    #[must_use]
    pub fn new(
        ours: Arc<Project>,
        theirs: Project,
        theirs_path: PathBuf,
        base: Option<(Project, PathBuf)>,
        reviewer: &str,
    ) -> Self {
        let (base, base_path) = base.map_or((None, None), |(p, path)| (Some(p), Some(path)));
        let outcome = run(base.as_ref(), &ours, &theirs, reviewer);
        Self {
            theirs_path,
            base_path,
            conflicts_found: outcome.project.conflicts.len(),
            ours,
            theirs: Arc::new(theirs),
            base,
            outcome,
            custom: HashMap::new(),
            error: None,
        }
    }

    /// Redo the merge three-way against a common ancestor (decisions start over).
    pub fn set_base(&mut self, base: Project, base_path: PathBuf, reviewer: &str) {
        let inputs = self.inputs();
        let outcome = inputs.merge_against(&base, reviewer);
        self.set_base_merged(&inputs, base, base_path, outcome);
    }

    /// The two copies being merged, shared (no copy), to merge against an ancestor on a
    /// worker thread with [`MergeInputs::merge_against`].
    #[must_use]
    pub fn inputs(&self) -> MergeInputs {
        MergeInputs {
            ours: Arc::clone(&self.ours),
            theirs: Arc::clone(&self.theirs),
        }
    }

    /// Take the three-way `outcome` computed from `inputs` against `base` (decisions start
    /// over). Returns `false`, changing nothing, when `inputs` are not this session's.
    pub fn set_base_merged(
        &mut self,
        inputs: &MergeInputs,
        base: Project,
        base_path: PathBuf,
        outcome: MergeOutcome,
    ) -> bool {
        if !Arc::ptr_eq(&inputs.ours, &self.ours) || !Arc::ptr_eq(&inputs.theirs, &self.theirs) {
            return false;
        }
        self.outcome = outcome;
        self.conflicts_found = self.outcome.project.conflicts.len();
        self.base = Some(base);
        self.base_path = Some(base_path);
        self.custom.clear();
        self.error = None;
        true
    }

    /// Decide one conflict in the merged project.
    pub fn resolve(
        &mut self,
        conflict_id: ConflictId,
        resolution: Resolution,
        reviewer: &str,
    ) -> Result<(), EditError> {
        let result = self.outcome.project.apply(
            Edit::ResolveConflict {
                conflict_id,
                resolution,
            },
            reviewer,
            Utc::now(),
        );
        self.error = result.as_ref().err().map(ToString::to_string);
        if result.is_ok() {
            self.custom.remove(&conflict_id);
        }
        result
    }

    /// Whether the session merged against a common ancestor.
    #[must_use]
    pub fn is_three_way(&self) -> bool {
        self.base.is_some()
    }
}

/// Our copy and theirs, as a [`MergeSession`] holds them (see [`MergeSession::inputs`]).
#[derive(Clone)]
pub struct MergeInputs {
    ours: Arc<Project>,
    theirs: Arc<Project>,
}

impl MergeInputs {
    /// Merge the two copies three-way against `base` (the work of [`MergeSession::set_base`],
    /// for a worker thread).
    #[must_use]
    pub fn merge_against(&self, base: &Project, reviewer: &str) -> MergeOutcome {
        run(Some(base), &self.ours, &self.theirs, reviewer)
    }
}

fn run(base: Option<&Project>, ours: &Project, theirs: &Project, reviewer: &str) -> MergeOutcome {
    let options = MergeOptions {
        reviewer: reviewer.trim().to_owned(),
        now: Some(Utc::now()),
    };
    merge_with(base, ours, theirs, &options)
}
