//! Signed sign-offs through a merge: a seal travels with the claim it covers, and a merge that
//! changes what was signed drops the sign-off and leaves a status conflict.

use chrono::Utc;
use factcheck::model::review::ReviewAction;
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimField, ClaimId, ClaimStatus, ConflictAt, Edit,
    Project, TextIndex,
};
use factcheck::signing::{self, SealStatus, TrustStore, check_seal};

fn base() -> (Project, ClaimId, ClaimId) {
    let text = "The minister said crime fell by half. The mayor said jobs doubled.";
    let mut project = Project::new(text, ArticleMeta::default());
    let full = project.article.text.clone();
    let index = TextIndex::new(&full);
    let mut ids = Vec::new();
    for quote in ["crime fell by half", "jobs doubled"] {
        let start = full[..full.find(quote).expect("quote")].chars().count();
        let claim = Claim::new(Anchor::from_range(
            &full,
            &index,
            start,
            start + quote.len(),
        ));
        ids.push(claim.id);
        project
            .apply(Edit::AddClaim(Box::new(claim)), "alice", Utc::now())
            .expect("add");
        project
            .apply(
                Edit::UpdateClaim {
                    claim_id: *ids.last().expect("id"),
                    change: ClaimChange::Verdict(Some("false".into())),
                },
                "alice",
                Utc::now(),
            )
            .expect("verdict");
    }
    (project, ids[0], ids[1])
}

#[test]
fn a_seal_survives_a_merge_with_unrelated_edits() {
    let keys = tempfile::tempdir().expect("tempdir");
    let (base, first, second) = base();
    let mut ours = base.clone();
    signing::review(
        &mut ours,
        first,
        ReviewAction::SignOff,
        "bob",
        keys.path(),
        Utc::now(),
    )
    .expect("bob signs off");
    let mut theirs = base.clone();
    theirs
        .apply(
            Edit::UpdateClaim {
                claim_id: second,
                change: ClaimChange::Conclusion("The mayor's figure is right.".into()),
            },
            "carol",
            Utc::now(),
        )
        .expect("edit");
    for merged in [
        factcheck::merge::merge(Some(&base), &ours, &theirs).project,
        factcheck::merge::merge(Some(&base), &theirs, &ours).project,
    ] {
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.reviewers.len(), 1, "the signer's key is kept");
        let trust = TrustStore::load(keys.path()).expect("trust");
        let claim = merged.claim(first).expect("claim");
        assert!(
            matches!(check_seal(&merged, claim, &trust), SealStatus::Valid { ref by, trusted: true, .. } if by == "bob"),
            "{:?}",
            check_seal(&merged, claim, &trust)
        );
    }
}

#[test]
fn a_merge_that_changes_what_was_signed_drops_the_sign_off() {
    let keys = tempfile::tempdir().expect("tempdir");
    let (base, first, _) = base();
    let mut ours = base.clone();
    signing::review(
        &mut ours,
        first,
        ReviewAction::SignOff,
        "bob",
        keys.path(),
        Utc::now(),
    )
    .expect("bob signs off");
    let mut theirs = base.clone();
    theirs
        .apply(
            Edit::UpdateClaim {
                claim_id: first,
                change: ClaimChange::Conclusion("A new conclusion bob never saw.".into()),
            },
            "alice",
            Utc::now(),
        )
        .expect("edit");
    let merged = factcheck::merge::merge(Some(&base), &ours, &theirs).project;
    let claim = merged.claim(first).expect("claim");
    assert_eq!(claim.status, ClaimStatus::ReadyForReview);
    assert!(claim.seal.is_none() && claim.reviewed_by.is_none());
    assert!(merged.conflicts.iter().any(|c| c.at
        == ConflictAt::Claim {
            claim_id: first,
            field: ClaimField::Status
        }));
}

#[test]
fn remembered_signatures_give_the_same_seals_and_catch_later_tampering() {
    let keys = tempfile::tempdir().expect("tempdir");
    let (mut project, first, second) = base();
    for id in [first, second] {
        signing::review(
            &mut project,
            id,
            ReviewAction::SignOff,
            "bob",
            keys.path(),
            Utc::now(),
        )
        .expect("bob signs off");
    }
    let trust = TrustStore::load(keys.path()).expect("trust");
    let stranger = TrustStore::default();
    let verified = signing::VerifiedSignatures::default();
    let same_as_uncached = |project: &Project| {
        for claim in &project.claims {
            for trust in [&trust, &stranger] {
                // Twice: the second check answers from what the first remembered.
                for _ in 0..2 {
                    assert_eq!(
                        verified.check_seal(project, claim, trust),
                        check_seal(project, claim, trust)
                    );
                }
            }
        }
    };
    same_as_uncached(&project);
    let valid = |p: &Project, id| {
        matches!(
            check_seal(p, p.claim(id).expect("claim"), &trust),
            SealStatus::Valid { .. }
        )
    };
    assert!(valid(&project, first) && valid(&project, second));

    // A forged signature on a remembered seal, and a changed signed field, are still caught.
    let mut forged = project.clone();
    let seal = forged.claims[0].seal.as_mut().expect("sealed");
    let last = seal.signature.pop().expect("hex digit");
    seal.signature.push(if last == '0' { '1' } else { '0' });
    same_as_uncached(&forged);
    assert!(!valid(&forged, forged.claims[0].id));
    let mut changed = project.clone();
    changed.claims[1].conclusion = "Something else".into();
    same_as_uncached(&changed);
    assert!(!valid(&changed, changed.claims[1].id));
}
