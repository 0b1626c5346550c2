//! The merge: project settings, claims, sources and earlier conflicts, side by side.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::agreement::Agreement;
use super::align::by_overlap;
use super::{ClaimPair, MergeOutcome, PairKind, classify};
use crate::model::review::{broken_rule, same_reviewed_content};
use crate::model::{
    Claim, ClaimField, ClaimId, ClaimStatus, Comment, Conflict, ConflictAt, ConflictId,
    ConflictSide, FieldValue, HistoryEntry, Project, ProjectField, Source, SourceField, SourceId,
};

/// Options of [`merge_with`].
#[derive(Clone, Debug, Default)]
pub struct MergeOptions {
    /// Who merges; with `now`, claims combined from both copies get a "merged" history entry.
    pub reviewer: String,
    /// When the merge happens; `None` stamps nothing (a pure function of the inputs).
    pub now: Option<DateTime<Utc>>,
}

/// Merge `theirs` into `ours`, three-way when `base` (the common ancestor) is given, two-way
/// otherwise. Never fails and never drops data: disagreements become conflicts in
/// `project.conflicts`.
#[must_use]
pub fn merge(base: Option<&Project>, ours: &Project, theirs: &Project) -> MergeOutcome {
    merge_with(base, ours, theirs, &MergeOptions::default())
}

/// [`merge`], stamping claims combined from both copies with `options.reviewer`.
#[must_use]
pub fn merge_with(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
    options: &MergeOptions,
) -> MergeOutcome {
    let mut merger = Merger {
        conflicts: Vec::new(),
        conclusion_only: false,
        stamp: options
            .now
            .filter(|_| !options.reviewer.trim().is_empty())
            .map(|now| (options.reviewer.clone(), now)),
    };
    let mut project = ours.clone();
    for field in ProjectField::ALL {
        let base_value = base.map(|b| field.value(b));
        let (o, t) = (field.value(ours), field.value(theirs));
        match pick(base_value.as_ref(), &o, &t, FieldValue::is_blank) {
            Pick::Ours => {}
            Pick::Theirs => field.copy(&mut project, theirs),
            Pick::Conflict => merger.conflicts.push(Conflict::new(
                ConflictAt::Project(field),
                base_value,
                side(o, None),
                side(t, None),
            )),
        }
    }
    merger.conclusion_only = project.scale.is_conclusion_only();
    let (claims, mut pairs) = merger.claims(base, ours, theirs);
    let sources = merger.sources(base, ours, theirs, &claims);
    let agreement = Agreement::from_verdicts(pairs.iter().filter_map(|p| {
        let ours = p.ours.as_ref()?.verdict.as_deref()?;
        let theirs = p.theirs.as_ref()?.verdict.as_deref()?;
        Some((ours, theirs))
    }));
    pairs.sort_by_key(|p| {
        let claim = p.ours.as_ref().or(p.theirs.as_ref());
        claim.map(|c| (c.orphan, c.anchor.start, c.anchor.end, c.id))
    });
    let conflicts = carried_conflicts(base, ours, theirs, merger.conflicts, &claims);
    project.claims = claims;
    project.sources = sources;
    project.conflicts = conflicts;
    project.reviewers = union_reviewers(&ours.reviewers, &theirs.reviewers);
    project.dismissed_suggestions = crate::research::union_dismissed(
        &ours.dismissed_suggestions,
        &theirs.dismissed_suggestions,
    );
    project.sort_claims();
    MergeOutcome {
        project,
        pairs,
        agreement,
    }
}

/// Which value a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    Ours,
    Theirs,
    Conflict,
}

/// The three-way rule: equal sides agree; a side equal to the base did not change it, so the
/// other side's change wins; both changed differently is a conflict. Without a base, an empty
/// value gives way to a filled one.
fn pick<T: PartialEq>(base: Option<&T>, ours: &T, theirs: &T, blank: impl Fn(&T) -> bool) -> Pick {
    if ours == theirs {
        return Pick::Ours;
    }
    match base {
        Some(base) if ours == base => Pick::Theirs,
        Some(base) if theirs == base => Pick::Ours,
        Some(_) => Pick::Conflict,
        None if blank(theirs) => Pick::Ours,
        None if blank(ours) => Pick::Theirs,
        None => Pick::Conflict,
    }
}

fn side(value: FieldValue, by: Option<String>) -> ConflictSide {
    ConflictSide {
        value: Some(value),
        by,
    }
}

struct Merger {
    conflicts: Vec<Conflict>,
    conclusion_only: bool,
    stamp: Option<(String, DateTime<Utc>)>,
}

impl Merger {
    /// Merge the claim lists; returns the merged claims and every pair.
    fn claims(
        &mut self,
        base: Option<&Project>,
        ours: &Project,
        theirs: &Project,
    ) -> (Vec<Claim>, Vec<ClaimPair>) {
        let by_id = |p: &Project| -> HashMap<ClaimId, usize> {
            p.claims
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect()
        };
        let base_ids = base.map(by_id).unwrap_or_default();
        let base_claim = |id: ClaimId| Some(&base?.claims[*base_ids.get(&id)?]);
        let (ours_ids, theirs_ids) = (by_id(ours), by_id(theirs));
        let mut claims = Vec::new();
        let mut pairs = Vec::new();
        let mut ours_new = Vec::new();
        let mut theirs_new = Vec::new();
        for o in &ours.claims {
            let b = base_claim(o.id);
            match (theirs_ids.get(&o.id).map(|&i| &theirs.claims[i]), b) {
                (Some(t), b) => {
                    let merged = self.claim(b, o, t);
                    pairs.push(pair(Some(o), Some(t), Some(merged.id), self.kind(o, t)));
                    claims.push(merged);
                }
                (None, Some(b)) if o == b => {
                    pairs.push(pair(Some(o), None, None, PairKind::OnlyOurs));
                }
                (None, Some(b)) => {
                    self.conflicts.push(existence(b, Some(o), None));
                    pairs.push(pair(Some(o), None, Some(o.id), PairKind::DeletedVsEdited));
                    claims.push(o.clone());
                }
                (None, None) => ours_new.push(o),
            }
        }
        for t in theirs
            .claims
            .iter()
            .filter(|t| !ours_ids.contains_key(&t.id))
        {
            match base_claim(t.id) {
                Some(b) if t == b => pairs.push(pair(None, Some(t), None, PairKind::OnlyTheirs)),
                Some(b) => {
                    self.conflicts.push(existence(b, None, Some(t)));
                    pairs.push(pair(None, Some(t), Some(t.id), PairKind::DeletedVsEdited));
                    claims.push(t.clone());
                }
                None => theirs_new.push(t),
            }
        }
        let mut ours_aligned = vec![false; ours_new.len()];
        let mut theirs_aligned = vec![false; theirs_new.len()];
        for (i, j) in by_overlap(&ours_new, &theirs_new) {
            ours_aligned[i] = true;
            theirs_aligned[j] = true;
            let (o, t) = (ours_new[i], theirs_new[j]);
            let merged = self.claim(None, o, t);
            pairs.push(pair(Some(o), Some(t), Some(merged.id), self.kind(o, t)));
            claims.push(merged);
        }
        for (o, _) in ours_new.iter().zip(&ours_aligned).filter(|(_, a)| !**a) {
            pairs.push(pair(Some(o), None, Some(o.id), PairKind::OnlyOurs));
            claims.push((*o).clone());
        }
        for (t, _) in theirs_new.iter().zip(&theirs_aligned).filter(|(_, a)| !**a) {
            pairs.push(pair(None, Some(t), Some(t.id), PairKind::OnlyTheirs));
            claims.push((*t).clone());
        }
        (claims, pairs)
    }

    fn kind(&self, ours: &Claim, theirs: &Claim) -> PairKind {
        classify(ours, theirs, self.conclusion_only)
    }

    /// Merge two copies of one claim (same id, or aligned by overlap: then `base` is `None`
    /// and the merged claim keeps our id).
    fn claim(&mut self, base: Option<&Claim>, o: &Claim, t: &Claim) -> Claim {
        if o == t {
            return o.clone();
        }
        if let Some(b) = base {
            if o == b {
                return t.clone();
            }
            if t == b {
                return o.clone();
            }
        }
        let mut merged = o.clone();
        let mut conflicted = HashSet::new();
        for field in ClaimField::SCALAR {
            let base_value = base.map(|b| field.value(b));
            let (ov, tv) = (field.value(o), field.value(t));
            match pick(base_value.as_ref(), &ov, &tv, FieldValue::is_blank) {
                Pick::Ours => {}
                Pick::Theirs => field.copy(&mut merged, t),
                Pick::Conflict => {
                    conflicted.insert(field);
                    self.conflicts
                        .push(claim_conflict(merged.id, field, base_value, o, t));
                }
            }
        }
        // A statement left as its own quote follows the span rather than conflicting.
        if conflicted.contains(&ClaimField::Statement)
            && o.statement == o.anchor.quote
            && t.statement == t.anchor.quote
        {
            let id = merged.id;
            self.conflicts.retain(|c| {
                c.at != ConflictAt::Claim {
                    claim_id: id,
                    field: ClaimField::Statement,
                }
            });
            merged.statement.clone_from(&merged.anchor.quote);
        }
        merged.tags = merge_keyed(base.map(|b| b.tags.as_slice()), &o.tags, &t.tags, |tag| {
            tag.clone()
        })
        .unwrap_or_else(|| union_equal(None, &o.tags, &t.tags, |_| 0));
        let evidence = merge_keyed(
            base.map(|b| b.evidence.as_slice()),
            &o.evidence,
            &t.evidence,
            |e| e.source,
        );
        match evidence {
            Some(evidence) => merged.evidence = evidence,
            None => {
                let field = ClaimField::Evidence;
                let base_value = base.map(|b| field.value(b));
                self.conflicts
                    .push(claim_conflict(merged.id, field, base_value, o, t));
            }
        }
        let base_comments = base.map(|b| b.comments.as_slice());
        merged.comments = union_comments(base_comments, &o.comments, &t.comments);
        let base_revisions = base.map(|b| b.revisions.as_slice());
        merged.revisions = union_equal(base_revisions, &o.revisions, &t.revisions, |r| r.at);
        let base_history = base.map(|b| b.history.as_slice());
        merged.history = union_equal(base_history, &o.history, &t.history, |h| h.at);
        merged.created = [o.created, t.created].into_iter().flatten().min();
        merged.modified = o.modified.max(t.modified);
        self.check_sign_off(
            &mut merged,
            base,
            o,
            t,
            conflicted.contains(&ClaimField::Status),
        );
        if let Some((reviewer, now)) = &self.stamp {
            merged.history.push(HistoryEntry {
                at: *now,
                by: reviewer.clone(),
                what: "merged".to_owned(),
            });
        }
        merged
    }

    /// A sign-off must cover what it signs: when the merged claim is published but no copy
    /// with that status has the same reviewed content (the verdict or conclusion came from
    /// the other copy), or the merge would make the verdict's author its reviewer, the
    /// sign-off is a conflict and the claim waits for review again.
    fn check_sign_off(
        &mut self,
        merged: &mut Claim,
        base: Option<&Claim>,
        o: &Claim,
        t: &Claim,
        status_conflicted: bool,
    ) {
        if !merged.status.is_published() {
            return;
        }
        let signs_merged = |c: &Claim| {
            c.status == merged.status
                && c.reviewed_by == merged.reviewed_by
                && c.seal == merged.seal
                && c.revisions.len() <= merged.revisions.len()
                && same_reviewed_content(c, merged)
        };
        let keeps_rules = broken_rule(merged, self.conclusion_only).is_none();
        if keeps_rules && (signs_merged(o) || signs_merged(t)) {
            return;
        }
        if !status_conflicted {
            let field = ClaimField::Status;
            let base_value = base.map(|b| field.value(b));
            self.conflicts
                .push(claim_conflict(merged.id, field, base_value, o, t));
        }
        merged.status = ClaimStatus::ReadyForReview;
        merged.reviewed_by = None;
        merged.seal = None;
    }

    /// Merge the source libraries; sources still cited by a merged claim are always kept.
    fn sources(
        &mut self,
        base: Option<&Project>,
        ours: &Project,
        theirs: &Project,
        claims: &[Claim],
    ) -> Vec<Source> {
        fn find(p: Option<&Project>, id: SourceId) -> Option<&Source> {
            p?.sources.iter().find(|s| s.id == id)
        }
        let mut sources = Vec::new();
        for o in &ours.sources {
            let b = find(base, o.id);
            match (find(Some(theirs), o.id), b) {
                (Some(t), b) => sources.push(self.source(b, o, t)),
                (None, Some(b)) if o == b => {}
                (None, Some(b)) => {
                    self.conflicts.push(source_existence(b, Some(o), None));
                    sources.push(o.clone());
                }
                (None, None) => sources.push(o.clone()),
            }
        }
        for t in &theirs.sources {
            if find(Some(ours), t.id).is_some() {
                continue;
            }
            match find(base, t.id) {
                Some(b) if t == b => {}
                Some(b) => {
                    self.conflicts.push(source_existence(b, None, Some(t)));
                    sources.push(t.clone());
                }
                None => sources.push(t.clone()),
            }
        }
        let mut present: HashSet<SourceId> = sources.iter().map(|s| s.id).collect();
        for evidence in claims.iter().flat_map(|c| &c.evidence) {
            if present.insert(evidence.source)
                && let Some(source) = find(Some(ours), evidence.source)
                    .or_else(|| find(Some(theirs), evidence.source))
                    .or_else(|| find(base, evidence.source))
            {
                sources.push(source.clone());
            }
        }
        sources
    }

    fn source(&mut self, base: Option<&Source>, o: &Source, t: &Source) -> Source {
        let mut merged = o.clone();
        for field in SourceField::SCALAR {
            let base_value = base.map(|b| field.value(b));
            let (ov, tv) = (field.value(o), field.value(t));
            match pick(base_value.as_ref(), &ov, &tv, FieldValue::is_blank) {
                Pick::Ours => {}
                Pick::Theirs => {
                    // A field value always fits its own field.
                    let _ = field.set(&mut merged, tv);
                }
                Pick::Conflict => self.conflicts.push(Conflict::new(
                    ConflictAt::Source {
                        source_id: o.id,
                        field,
                    },
                    base_value,
                    side(ov, None),
                    side(tv, None),
                )),
            }
        }
        merged
    }
}

fn pair(
    ours: Option<&Claim>,
    theirs: Option<&Claim>,
    merged_id: Option<ClaimId>,
    kind: PairKind,
) -> ClaimPair {
    ClaimPair {
        ours: ours.cloned(),
        theirs: theirs.cloned(),
        merged_id,
        kind,
    }
}

fn claim_conflict(
    claim_id: ClaimId,
    field: ClaimField,
    base: Option<FieldValue>,
    o: &Claim,
    t: &Claim,
) -> Conflict {
    Conflict::new(
        ConflictAt::Claim { claim_id, field },
        base,
        side(field.value(o), field.who(o)),
        side(field.value(t), field.who(t)),
    )
}

/// A claim deleted on one side (`None`) and edited on the other.
fn existence(base: &Claim, ours: Option<&Claim>, theirs: Option<&Claim>) -> Conflict {
    let field = ClaimField::Existence;
    let side = |c: Option<&Claim>| ConflictSide {
        value: c.map(|c| field.value(c)),
        by: c.and_then(|c| field.who(c)),
    };
    Conflict::new(
        ConflictAt::Claim {
            claim_id: base.id,
            field,
        },
        Some(field.value(base)),
        side(ours),
        side(theirs),
    )
}

/// A source deleted on one side (`None`) and edited on the other.
fn source_existence(base: &Source, ours: Option<&Source>, theirs: Option<&Source>) -> Conflict {
    let field = SourceField::Existence;
    let side = |s: Option<&Source>| ConflictSide {
        value: s.map(|s| field.value(s)),
        by: None,
    };
    Conflict::new(
        ConflictAt::Source {
            source_id: base.id,
            field,
        },
        Some(field.value(base)),
        side(ours),
        side(theirs),
    )
}

/// Merge two lists item by item, items matched by `key`: added on either side is kept,
/// deleted on one side and unchanged on the other is dropped. `None` when an item changed
/// differently on both sides, or was deleted on one and changed on the other.
fn merge_keyed<T: Clone + PartialEq, K: PartialEq>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Option<Vec<T>> {
    if ours == theirs {
        return Some(ours.to_vec());
    }
    if let Some(base) = base {
        if ours == base {
            return Some(theirs.to_vec());
        }
        if theirs == base {
            return Some(ours.to_vec());
        }
    }
    let find = |list: &[T], k: &K| list.iter().find(|x| key(x) == *k).cloned();
    let mut merged = Vec::new();
    for (mine, other, first) in [(ours, theirs, true), (theirs, ours, false)] {
        for item in mine {
            let k = key(item);
            let b = base.and_then(|b| find(b, &k));
            match (find(other, &k), b) {
                (Some(_), _) if !first => {}
                (Some(o), b) => match pick(b.as_ref(), item, &o, |_| false) {
                    Pick::Ours => merged.push(item.clone()),
                    Pick::Theirs => merged.push(o),
                    Pick::Conflict => return None,
                },
                (None, Some(b)) if b == *item => {}
                (None, Some(_)) => return None,
                (None, None) => merged.push(item.clone()),
            }
        }
    }
    Some(merged)
}

/// Union of two lists of records that are never edited, only added (revisions, history),
/// ordered by `at` (stable, so our order wins ties).
fn union_equal<T: Clone + PartialEq, A: Ord>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
    at: impl Fn(&T) -> A,
) -> Vec<T> {
    if ours == theirs {
        return ours.to_vec();
    }
    if let Some(base) = base {
        if ours == base {
            return theirs.to_vec();
        }
        if theirs == base {
            return ours.to_vec();
        }
    }
    let mut merged = ours.to_vec();
    for item in theirs {
        if !merged.contains(item) {
            merged.push(item.clone());
        }
    }
    merged.sort_by_key(|x| at(x));
    merged
}

/// Every reviewer key either copy records (a key is never dropped by a merge).
fn union_reviewers(
    ours: &[crate::model::ReviewerKey],
    theirs: &[crate::model::ReviewerKey],
) -> Vec<crate::model::ReviewerKey> {
    let mut all: Vec<_> = ours.iter().chain(theirs).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// Union of comment threads by id; a comment resolved on one side is resolved.
fn union_comments(base: Option<&[Comment]>, ours: &[Comment], theirs: &[Comment]) -> Vec<Comment> {
    if ours == theirs {
        return ours.to_vec();
    }
    if let Some(base) = base {
        if ours == base {
            return theirs.to_vec();
        }
        if theirs == base {
            return ours.to_vec();
        }
    }
    let mut merged: Vec<Comment> = ours
        .iter()
        .map(|c| match theirs.iter().find(|t| t.id == c.id) {
            Some(t) if t != c => {
                let b = base.and_then(|b| b.iter().find(|x| x.id == c.id));
                let resolved = match pick(b.map(|b| &b.resolved), &c.resolved, &t.resolved, |r| !r)
                {
                    Pick::Theirs => t.resolved,
                    Pick::Ours | Pick::Conflict => c.resolved,
                };
                Comment {
                    resolved,
                    ..c.clone()
                }
            }
            _ => c.clone(),
        })
        .collect();
    merged.extend(
        theirs
            .iter()
            .filter(|t| !ours.iter().any(|c| c.id == t.id))
            .cloned(),
    );
    merged.sort_by_key(|c| c.at);
    merged
}

/// Conflicts already in the copies (from an earlier merge) plus the new ones: a conflict
/// resolved in one copy since the base stays resolved; conflicts about claims that are gone
/// are dropped.
fn carried_conflicts(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
    new: Vec<Conflict>,
    claims: &[Claim],
) -> Vec<Conflict> {
    let in_base: HashSet<ConflictId> = base
        .map(|b| b.conflicts.iter().map(|c| c.id).collect())
        .unwrap_or_default();
    let resolved_in =
        |p: &Project, c: &Conflict| in_base.contains(&c.id) && p.conflict(c.id).is_none();
    let mut all: Vec<Conflict> = ours
        .conflicts
        .iter()
        .filter(|c| !resolved_in(theirs, c))
        .cloned()
        .collect();
    all.extend(
        theirs
            .conflicts
            .iter()
            .filter(|c| ours.conflict(c.id).is_none() && !resolved_in(ours, c))
            .cloned(),
    );
    for conflict in new {
        if !all.iter().any(|c| c.id == conflict.id) {
            all.push(conflict);
        }
    }
    let claim_ids: HashSet<ClaimId> = claims.iter().map(|c| c.id).collect();
    all.retain(|c| c.claim_id().is_none_or(|id| claim_ids.contains(&id)));
    all
}
