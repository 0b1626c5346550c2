//! Property tests: random sequences of review edits and merges keep the review rules after
//! every step.
//!
//! After each step every claim keeps the rules (`review::broken_rule`): a verdict has a named
//! author; a reviewed claim is signed off by a named person other than that author; a
//! correction pending review has its revision and no sign-off. Across each step: a claim
//! that stays published keeps its verdict unless a revision records the change, and a claim
//! that stops being published was reopened with a reason (or a merge left a status conflict
//! for someone to decide).

use chrono::{TimeZone as _, Utc};
use factcheck::model::review::broken_rule;
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimField, ClaimStatus, ConflictAt, Edit, Project,
    Resolution, TextIndex,
};
use proptest::prelude::*;

const NAMES: [&str; 4] = ["alice", "bob", "Bob", ""];
const VERDICTS: [&str; 3] = ["true", "false", "half-true"];

#[derive(Clone, Debug)]
enum Step {
    Verdict(usize, usize, usize),
    Conclusion(usize, usize),
    Status(usize, usize, usize),
    SignOff(usize, usize),
    Reopen(usize, usize, bool),
    SendBack(usize, usize),
    Correct(usize, usize, usize, bool),
    /// Fork a copy, apply the steps to it, merge it back three-way and decide each conflict.
    Merge(Vec<Step>, usize, Vec<u8>),
}

fn simple_step() -> impl Strategy<Value = Step> {
    let c = 0..2usize;
    let n = 0..NAMES.len();
    prop_oneof![
        3 => (c.clone(), n.clone(), 0..VERDICTS.len()).prop_map(|(c, n, v)| Step::Verdict(c, n, v)),
        1 => (c.clone(), n.clone()).prop_map(|(c, n)| Step::Conclusion(c, n)),
        1 => (c.clone(), n.clone(), 0..ClaimStatus::ALL.len()).prop_map(|(c, n, s)| Step::Status(c, n, s)),
        4 => (c.clone(), n.clone()).prop_map(|(c, n)| Step::SignOff(c, n)),
        1 => (c.clone(), n.clone(), any::<bool>()).prop_map(|(c, n, r)| Step::Reopen(c, n, r)),
        1 => (c.clone(), n.clone()).prop_map(|(c, n)| Step::SendBack(c, n)),
        2 => (c, n, 0..VERDICTS.len(), any::<bool>()).prop_map(|(c, n, v, r)| Step::Correct(c, n, v, r)),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => simple_step(),
        1 => (
            prop::collection::vec(simple_step(), 0..8),
            0..NAMES.len(),
            prop::collection::vec(0..3u8, 0..8)
        )
            .prop_map(|(steps, n, choices)| Step::Merge(steps, n, choices)),
    ]
}

fn start() -> Project {
    let mut project = Project::new(
        "The minister said crime fell by half. The mayor said jobs doubled.",
        ArticleMeta::default(),
    );
    let text = project.article.text.clone();
    let index = TextIndex::new(&text);
    for (s, e) in [(18, 36), (48, 64)] {
        let claim = Claim::new(Anchor::from_range(&text, &index, s, e));
        project
            .apply(Edit::AddClaim(Box::new(claim)), "alice", Utc::now())
            .expect("add");
    }
    project
}

fn apply_simple(project: &mut Project, step: &Step, now: chrono::DateTime<Utc>) {
    let id = |c: usize| project.claims[c].id;
    let (edit, who) = match *step {
        Step::Verdict(c, n, v) => (
            Edit::UpdateClaim {
                claim_id: id(c),
                change: ClaimChange::Verdict(Some(VERDICTS[v].into())),
            },
            n,
        ),
        Step::Conclusion(c, n) => (
            Edit::UpdateClaim {
                claim_id: id(c),
                change: ClaimChange::Conclusion(format!("written by {}", NAMES[n])),
            },
            n,
        ),
        Step::Status(c, n, s) => (
            Edit::UpdateClaim {
                claim_id: id(c),
                change: ClaimChange::Status(ClaimStatus::ALL[s]),
            },
            n,
        ),
        Step::SignOff(c, n) => (
            Edit::SignOff {
                claim_id: id(c),
                seal: None,
            },
            n,
        ),
        Step::Reopen(c, n, reason) => (
            Edit::Reopen {
                claim_id: id(c),
                reason: if reason {
                    "new data".into()
                } else {
                    " ".into()
                },
            },
            n,
        ),
        Step::SendBack(c, n) => (
            Edit::RequestChanges {
                claim_id: id(c),
                comment: "needs a source".into(),
            },
            n,
        ),
        Step::Correct(c, n, v, reason) => (
            Edit::CorrectVerdict {
                claim_id: id(c),
                verdict: Some(VERDICTS[v].into()),
                reason: if reason {
                    "agency revised".into()
                } else {
                    String::new()
                },
            },
            n,
        ),
        Step::Merge(..) => unreachable!("merges are not simple steps"),
    };
    let before = project.clone();
    if project.apply(edit, NAMES[who], now).is_err() {
        assert_eq!(*project, before, "a refused edit changed the project");
    }
}

fn apply(project: &mut Project, step: &Step, now: chrono::DateTime<Utc>) {
    match step {
        Step::Merge(steps, n, choices) => {
            let base = project.clone();
            let mut theirs = project.clone();
            for s in steps {
                apply_simple(&mut theirs, s, now);
                check_rules(&theirs);
            }
            let mut merged = factcheck::merge::merge(Some(&base), project, &theirs).project;
            check_rules(&merged);
            let conflicts: Vec<_> = merged.conflicts.iter().map(|c| c.id).collect();
            for (i, conflict_id) in conflicts.into_iter().enumerate() {
                let resolution = match choices.get(i).copied().unwrap_or(0) {
                    0 => Resolution::KeepOurs,
                    1 => Resolution::TakeTheirs,
                    _ => Resolution::Custom("False".into()),
                };
                let before = merged.clone();
                let edit = Edit::ResolveConflict {
                    conflict_id,
                    resolution,
                };
                if merged.apply(edit, NAMES[*n], now).is_err() {
                    assert_eq!(merged, before, "a refused resolution changed the project");
                }
                check_rules(&merged);
                check_step(&before, &merged);
            }
            *project = merged;
        }
        simple => apply_simple(project, simple, now),
    }
}

fn check_rules(project: &Project) {
    for claim in &project.claims {
        assert_eq!(
            broken_rule(claim, false),
            None,
            "claim {:?} breaks a rule: status {:?}, verdict {:?} by {:?}, reviewed by {:?}",
            claim.statement,
            claim.status,
            claim.verdict,
            claim.verdict_by,
            claim.reviewed_by
        );
    }
}

fn check_step(before: &Project, after: &Project) {
    for old in before.claims.iter().filter(|c| c.status.is_published()) {
        let Some(new) = after.claim(old.id) else {
            continue;
        };
        let status_conflict = after.conflicts.iter().any(|c| {
            c.at == ConflictAt::Claim {
                claim_id: old.id,
                field: ClaimField::Status,
            }
        });
        if new.status.is_published() && new.verdict != old.verdict {
            assert!(
                new.revisions.len() > old.revisions.len(),
                "a published verdict changed {:?} → {:?} without a revision",
                old.verdict,
                new.verdict
            );
        }
        if !new.status.is_published() {
            assert!(
                new.reopened.is_some() || status_conflict,
                "a published claim became {:?} without a recorded reopening",
                new.status
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn review_rules_hold_after_every_edit_and_merge(steps in prop::collection::vec(step(), 1..32)) {
        let mut project = start();
        let mut now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).single().expect("time");
        for step in &steps {
            now += chrono::Duration::minutes(1);
            let before = project.clone();
            apply(&mut project, step, now);
            check_rules(&project);
            check_step(&before, &project);
        }
    }
}
