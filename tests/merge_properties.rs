//! Properties of the merge on random edit histories of two reviewers.

use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use factcheck::io::{from_ron_str, to_ron_string};
use factcheck::merge::{MergeOutcome, merge};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimStatus, Edit, Evidence, Project, Source,
    TextIndex,
};
use proptest::prelude::*;

const TEXT: &str = "The minister said unemployment fell by 40% last year.\n\
Critics say the figure counts only full-time jobs. Über 3 Millionen Menschen 👩‍👩‍👧 sind betroffen.\n\
日本語の文も含まれています。The report was published on Monday.";

const LABELS: [Option<&str>; 4] = [None, Some("true"), Some("false"), Some("half-true")];
const WORDS: [&str; 4] = [
    "",
    "Checked with the agency.",
    "Needs a source",
    "Wrong year",
];
const PEOPLE: [&str; 3] = ["alice", "bob", "carol"];

/// One random change, with indices into whatever the project has at that point.
#[derive(Clone, Debug)]
enum Op {
    Mark { start: usize, len: usize },
    Delete(usize),
    Verdict(usize, usize),
    Conclusion(usize, usize),
    Claimant(usize, usize),
    Tags(usize, Vec<usize>),
    Review(usize),
    Correct(usize, usize),
    Comment(usize, usize),
    ResolveFirstComment(usize),
    AddSource(usize),
    UpdateSource(usize, usize),
    DeleteSource(usize),
    Cite(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let total = TEXT.chars().count();
    prop_oneof![
        (0..total - 1, 1..40_usize).prop_map(|(start, len)| Op::Mark { start, len }),
        any::<usize>().prop_map(Op::Delete),
        (any::<usize>(), 0..LABELS.len()).prop_map(|(c, l)| Op::Verdict(c, l)),
        (any::<usize>(), 0..WORDS.len()).prop_map(|(c, w)| Op::Conclusion(c, w)),
        (any::<usize>(), 0..WORDS.len()).prop_map(|(c, w)| Op::Claimant(c, w)),
        (any::<usize>(), prop::collection::vec(0..WORDS.len(), 0..3))
            .prop_map(|(c, t)| Op::Tags(c, t)),
        any::<usize>().prop_map(Op::Review),
        (any::<usize>(), 1..LABELS.len()).prop_map(|(c, l)| Op::Correct(c, l)),
        (any::<usize>(), 1..WORDS.len()).prop_map(|(c, w)| Op::Comment(c, w)),
        any::<usize>().prop_map(Op::ResolveFirstComment),
        (0..WORDS.len()).prop_map(Op::AddSource),
        (any::<usize>(), 0..WORDS.len()).prop_map(|(s, w)| Op::UpdateSource(s, w)),
        any::<usize>().prop_map(Op::DeleteSource),
        (any::<usize>(), any::<usize>()).prop_map(|(c, s)| Op::Cite(c, s)),
    ]
}

fn time(step: usize) -> DateTime<Utc> {
    let start = Utc
        .with_ymd_and_hms(2024, 5, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    start + Duration::minutes(i64::try_from(step).unwrap_or(0) * 17)
}

/// Apply `ops` as `who`; edits the rules refuse are skipped, as in the app.
fn play(project: &mut Project, ops: &[Op], who: usize, first_step: usize) {
    for (n, op) in ops.iter().enumerate() {
        let now = time(first_step + n);
        let actor = PEOPLE[(who + n) % PEOPLE.len()];
        let claim = |i: usize| {
            project
                .claims
                .get(i % project.claims.len().max(1))
                .map(|c| c.id)
        };
        let source = |i: usize| {
            project
                .sources
                .get(i % project.sources.len().max(1))
                .map(|s| s.id)
        };
        let update = |i: usize, change: ClaimChange| {
            claim(i).map(|claim_id| Edit::UpdateClaim { claim_id, change })
        };
        let edit = match op.clone() {
            Op::Mark { start, len } => {
                let index = TextIndex::new(TEXT);
                let end = (start + len).min(index.total_chars());
                Some(Edit::AddClaim(Box::new(Claim::new(Anchor::from_range(
                    TEXT, &index, start, end,
                )))))
            }
            Op::Delete(i) => claim(i).map(Edit::DeleteClaim),
            Op::Verdict(i, l) => update(i, ClaimChange::Verdict(LABELS[l].map(str::to_owned))),
            Op::Conclusion(i, w) => update(i, ClaimChange::Conclusion(WORDS[w].to_owned())),
            Op::Claimant(i, w) => update(i, ClaimChange::Claimant(WORDS[w].to_owned())),
            Op::Tags(i, t) => update(
                i,
                ClaimChange::Tags(t.iter().map(|&w| format!("tag{w}")).collect()),
            ),
            Op::Review(i) => update(i, ClaimChange::Status(ClaimStatus::Reviewed)),
            Op::Correct(i, l) => claim(i).map(|claim_id| Edit::CorrectVerdict {
                claim_id,
                verdict: LABELS[l].map(str::to_owned),
                reason: "New figures".to_owned(),
            }),
            Op::Comment(i, w) => claim(i).map(|claim_id| Edit::AddComment {
                claim_id,
                text: WORDS[w].to_owned(),
            }),
            Op::ResolveFirstComment(i) => claim(i).and_then(|claim_id| {
                let comment = project.claim(claim_id)?.comments.first()?;
                Some(Edit::ResolveComment {
                    claim_id,
                    comment_id: comment.id,
                    resolved: !comment.resolved,
                })
            }),
            Op::AddSource(w) => Some(Edit::AddSource(Box::new(Source {
                title: WORDS[w].to_owned(),
                ..Source::default()
            }))),
            Op::UpdateSource(i, w) => source(i).and_then(|id| {
                let mut s = project.source(id)?.clone();
                s.notes = WORDS[w].to_owned();
                Some(Edit::UpdateSource(Box::new(s)))
            }),
            Op::DeleteSource(i) => source(i).map(Edit::DeleteSource),
            Op::Cite(c, s) => claim(c).zip(source(s)).and_then(|(claim_id, source_id)| {
                let mut evidence = project.claim(claim_id)?.evidence.clone();
                if evidence.iter().any(|e| e.source == source_id) {
                    return None;
                }
                evidence.push(Evidence {
                    source: source_id,
                    stance: Default::default(),
                    quote: String::new(),
                    note: String::new(),
                    passage: None,
                });
                Some(Edit::UpdateClaim {
                    claim_id,
                    change: ClaimChange::Evidence(evidence),
                })
            }),
        };
        if let Some(edit) = edit {
            let _ = project.apply(edit, actor, now);
        }
    }
}

/// A base project and two copies edited from it by different people.
fn copies() -> impl Strategy<Value = (Project, Project, Project)> {
    (
        prop::collection::vec(op(), 0..12),
        prop::collection::vec(op(), 0..12),
        prop::collection::vec(op(), 0..12),
    )
        .prop_map(|(base_ops, ours_ops, theirs_ops)| {
            let mut base = Project::new(TEXT, ArticleMeta::default());
            play(&mut base, &base_ops, 0, 0);
            let mut ours = base.clone();
            play(&mut ours, &ours_ops, 0, 100);
            let mut theirs = base.clone();
            play(&mut theirs, &theirs_ops, 1, 200);
            (base, ours, theirs)
        })
}

fn assert_loads(outcome: &MergeOutcome) -> Result<(), TestCaseError> {
    let text = to_ron_string(&outcome.project).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = from_ron_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    prop_assert_eq!(&loaded.project, &outcome.project);
    Ok(())
}

/// Whether `side` deliberately deleted what `other` has unchanged since `base`.
fn deleted_on_purpose<T: PartialEq>(base: Option<&T>, other: &T, in_side: bool) -> bool {
    !in_side && base == Some(other)
}

/// Nothing either copy has is missing from the merge, except what one copy deleted and the
/// other left as it was in the base.
fn assert_nothing_lost(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
    outcome: &MergeOutcome,
) -> Result<(), TestCaseError> {
    let merged = &outcome.project;
    for (side, other) in [(ours, theirs), (theirs, ours)] {
        for claim in &side.claims {
            let base_claim = base.and_then(|b| b.claim(claim.id));
            if deleted_on_purpose(base_claim, claim, other.claim(claim.id).is_some()) {
                continue;
            }
            // Where did this claim go? Same id, or the claim it was aligned with.
            let target = merged.claim(claim.id).or_else(|| {
                outcome
                    .pairs
                    .iter()
                    .find(|p| p.theirs.as_ref().map(|c| c.id) == Some(claim.id))
                    .and_then(|p| merged.claim(p.merged_id?))
            });
            prop_assert!(target.is_some(), "claim {} is lost", claim.id);
            let Some(target) = target else { continue };
            let ids: HashSet<_> = target.comments.iter().map(|c| c.id).collect();
            for comment in &claim.comments {
                prop_assert!(ids.contains(&comment.id), "comment {} is lost", comment.id);
            }
            for revision in &claim.revisions {
                prop_assert!(target.revisions.contains(revision), "a revision is lost");
            }
        }
        for source in &side.sources {
            let base_source = base.and_then(|b| b.source(source.id));
            if deleted_on_purpose(base_source, source, other.source(source.id).is_some()) {
                continue;
            }
            prop_assert!(
                merged.source(source.id).is_some(),
                "source {} is lost",
                source.id
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn merging_with_itself_changes_nothing((_, project, _) in copies()) {
        for base in [None, Some(&project)] {
            let outcome = merge(base, &project, &project);
            prop_assert_eq!(&outcome.project, &project);
            prop_assert!(outcome.pairs.iter().all(|p| p.kind == factcheck::merge::PairKind::Agreed));
        }
    }

    #[test]
    fn when_only_one_side_changed_the_result_is_that_side((base, ours, theirs) in copies()) {
        prop_assert_eq!(&merge(Some(&base), &base, &theirs).project, &theirs);
        prop_assert_eq!(&merge(Some(&base), &ours, &base).project, &ours);
    }

    #[test]
    fn three_way_merge_loses_nothing_and_loads((base, ours, theirs) in copies()) {
        let outcome = merge(Some(&base), &ours, &theirs);
        assert_nothing_lost(Some(&base), &ours, &theirs, &outcome)?;
        assert_loads(&outcome)?;
    }

    #[test]
    fn two_way_merge_loses_nothing_and_loads((_, ours, theirs) in copies()) {
        let outcome = merge(None, &ours, &theirs);
        assert_nothing_lost(None, &ours, &theirs, &outcome)?;
        assert_loads(&outcome)?;
    }

    #[test]
    fn a_merged_sign_off_covers_the_verdict_its_reviewer_saw((base, ours, theirs) in copies()) {
        let outcome = merge(Some(&base), &ours, &theirs);
        for claim in outcome.project.claims.iter().filter(|c| c.status == ClaimStatus::Reviewed) {
            // Its copies: same id, or the claims it was aligned with by overlap.
            let pair = outcome.pairs.iter().find(|p| p.merged_id == Some(claim.id));
            let copies = pair.into_iter().flat_map(|p| [p.ours.as_ref(), p.theirs.as_ref()]);
            let signed = copies.flatten().any(|c| {
                c.status == ClaimStatus::Reviewed
                    && c.reviewed_by == claim.reviewed_by
                    && c.verdict == claim.verdict
            });
            prop_assert!(signed, "claim {} is signed off for a verdict nobody reviewed", claim.id);
        }
    }
}
