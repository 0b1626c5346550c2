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
