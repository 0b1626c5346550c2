//! The four holes of issue 13 in the review rules, each as a test that failed before the fix.

use chrono::Utc;
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimField, ClaimId, ClaimStatus, ConflictAt, Edit,
    Project, Resolution, TextIndex,
};

fn project_with_claim() -> (Project, ClaimId) {
    let mut project = Project::new(
        "The minister said crime fell by half last year.",
        ArticleMeta::default(),
    );
    let text = project.article.text.clone();
    let index = TextIndex::new(&text);
    let claim = Claim::new(Anchor::from_range(&text, &index, 18, 46));
    let id = claim.id;
    project
        .apply(Edit::AddClaim(Box::new(claim)), "alice", Utc::now())
        .expect("add");
    (project, id)
}

fn set(project: &mut Project, id: ClaimId, change: ClaimChange, who: &str) -> bool {
    project
        .apply(
            Edit::UpdateClaim {
                claim_id: id,
                change,
            },
            who,
            Utc::now(),
        )
        .is_ok()
}

/// A claim with verdict "false" by alice, signed off by bob.
fn reviewed() -> (Project, ClaimId) {
    let (mut project, id) = project_with_claim();
    assert!(set(
        &mut project,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "alice"
    ));
    assert!(set(
        &mut project,
        id,
        ClaimChange::Status(ClaimStatus::Reviewed),
        "bob"
    ));
    (project, id)
}

#[test]
fn hole_1_reopen_then_change_records_a_revision() {
    let (mut project, id) = reviewed();
    // Anyone moves the reviewed claim back and changes its verdict directly.
    set(
        &mut project,
        id,
        ClaimChange::Status(ClaimStatus::Researching),
        "mallory",
    );
    set(
        &mut project,
        id,
        ClaimChange::Verdict(Some("true".into())),
        "mallory",
    );
    let claim = project.claim(id).expect("claim");
    if claim.verdict.as_deref() != Some("false") {
        assert!(
            !claim.revisions.is_empty(),
            "the signed-off verdict changed from false to {:?} with no revision",
            claim.verdict
        );
    }
}

#[test]
fn hole_2_a_verdict_without_a_name_is_refused() {
    let (mut project, id) = project_with_claim();
    set(
        &mut project,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "",
    );
    let claim = project.claim(id).expect("claim");
    assert_ne!(
        claim.verdict_by.as_deref(),
        Some(""),
        "a verdict was stored with an empty author"
    );
    if claim.verdict.is_some() {
        assert!(
            claim
                .verdict_by
                .as_deref()
                .is_some_and(|b| !b.trim().is_empty())
        );
    }
}

#[test]
fn hole_3_a_correction_is_reviewed_by_a_second_person() {
    let (mut project, id) = reviewed();
    project
        .apply(
            Edit::CorrectVerdict {
                claim_id: id,
                verdict: Some("mostly-false".into()),
                reason: "The agency revised its figures".into(),
            },
            "bob",
            Utc::now(),
        )
        .expect("correct");
    let claim = project.claim(id).expect("claim");
    let same = claim.status == ClaimStatus::Reviewed
        && claim
            .verdict_by
            .as_deref()
            .zip(claim.reviewed_by.as_deref())
            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
    assert!(
        !same,
        "bob's correction counts as reviewed by bob: verdict_by and reviewed_by are the same person"
    );
    assert_ne!(claim.status, ClaimStatus::Reviewed);
}

#[test]
fn hole_4_resolving_a_conflict_respects_the_lock() {
    let (base, id) = reviewed();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Each side corrects the reviewed verdict differently (a legitimate correction each).
    // Before the fix a correction kept the claim reviewed; either way a verdict conflict
    // arises on a claim that was signed off.
    for (copy, verdict, who) in [
        (&mut ours, "mostly-false", "carol"),
        (&mut theirs, "true", "dave"),
    ] {
        copy.claim_mut(id).expect("claim").verdict = Some(verdict.into());
        copy.claim_mut(id).expect("claim").verdict_by = Some(who.into());
    }
    let outcome = factcheck::merge::merge(Some(&base), &ours, &theirs);
    let mut merged = outcome.project;
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| {
            c.at == ConflictAt::Claim {
                claim_id: id,
                field: ClaimField::Verdict,
            }
        })
        .expect("a verdict conflict")
        .clone();
    // Whatever the merge did with the status, sign the merged claim off as it stands.
    if merged.claim(id).expect("claim").status != ClaimStatus::Reviewed {
        merged.claim_mut(id).expect("claim").status = ClaimStatus::Reviewed;
        merged.claim_mut(id).expect("claim").reviewed_by = Some("bob".into());
    }
    let before = merged.claim(id).expect("claim").clone();
    let _ = merged.apply(
        Edit::ResolveConflict {
            conflict_id: conflict.id,
            resolution: Resolution::TakeTheirs,
        },
        "erin",
        Utc::now(),
    );
    let after = merged.claim(id).expect("claim");
    if after.verdict != before.verdict {
        assert!(
            after.revisions.len() > before.revisions.len() || after.status != ClaimStatus::Reviewed,
            "a signed-off verdict changed from {:?} to {:?} through a conflict, unrecorded and still reviewed",
            before.verdict,
            after.verdict
        );
    }
}
