//! The review rules through `Project::apply`: second person, locks, corrections, history.

use chrono::Utc;
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, ClaimId, ClaimStatus, Edit, EditError, Evidence,
    Project, Source, TextIndex,
};
fn project_with_claim() -> (Project, ClaimId) {
    let mut project = Project::new("Alice said the sky is green.", ArticleMeta::default());
    let text = project.article.text.clone();
    let index = TextIndex::new(&text);
    let claim = Claim::new(Anchor::from_range(&text, &index, 11, 27));
    let claim_id = claim.id;
    project
        .apply(Edit::AddClaim(Box::new(claim)), "alice", Utc::now())
        .expect("add");
    (project, claim_id)
}

fn change(
    project: &mut Project,
    claim_id: ClaimId,
    change: ClaimChange,
    who: &str,
) -> Result<(), EditError> {
    project.apply(Edit::UpdateClaim { claim_id, change }, who, Utc::now())
}

#[test]
fn review_needs_a_second_person() {
    let (mut project, id) = project_with_claim();
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Status(ClaimStatus::Reviewed),
            "bob"
        ),
        Err(EditError::NothingToReview)
    );
    change(
        &mut project,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "alice",
    )
    .expect("verdict");
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Status(ClaimStatus::Reviewed),
            "Alice"
        ),
        Err(EditError::SelfReview {
            name: "alice".into()
        })
    );
    change(
        &mut project,
        id,
        ClaimChange::Status(ClaimStatus::Reviewed),
        "bob",
    )
    .expect("review");
    let claim = project.claim(id).expect("claim");
    assert_eq!(claim.reviewed_by.as_deref(), Some("bob"));
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Verdict(Some("true".into())),
            "bob"
        ),
        Err(EditError::VerdictLocked)
    );
}

#[test]
fn correction_keeps_a_revision() {
    let (mut project, id) = project_with_claim();
    change(
        &mut project,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "alice",
    )
    .expect("verdict");
    change(
        &mut project,
        id,
        ClaimChange::Status(ClaimStatus::Reviewed),
        "bob",
    )
    .expect("review");
    let edit = |reason: &str| Edit::CorrectVerdict {
        claim_id: id,
        verdict: Some("mostly-false".into()),
        reason: reason.into(),
    };
    assert_eq!(
        project.apply(edit(" "), "bob", Utc::now()),
        Err(EditError::Empty("the reason for a correction"))
    );
    project
        .apply(edit("New data from the agency"), "bob", Utc::now())
        .expect("correct");
    let claim = project.claim(id).expect("claim");
    assert_eq!(claim.verdict.as_deref(), Some("mostly-false"));
    assert_eq!(claim.revisions.len(), 1);
    assert_eq!(claim.revisions[0].old_verdict.as_deref(), Some("false"));
}

#[test]
fn unknown_verdict_is_refused() {
    let (mut project, id) = project_with_claim();
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Verdict(Some("nope".into())),
            "alice"
        ),
        Err(EditError::UnknownVerdict("nope".into()))
    );
}

#[test]
fn history_folds_repeated_edits_of_a_field() {
    let (mut project, id) = project_with_claim();
    for text in ["a", "ab", "abc"] {
        change(
            &mut project,
            id,
            ClaimChange::Conclusion(text.into()),
            "alice",
        )
        .expect("edit");
    }
    change(
        &mut project,
        id,
        ClaimChange::Claimant("Alice".into()),
        "alice",
    )
    .expect("edit");
    let what: Vec<_> = project
        .claim(id)
        .expect("claim")
        .history
        .iter()
        .map(|h| h.what.as_str())
        .collect();
    assert_eq!(what, ["created", "conclusion", "claimant"]);
}

#[test]
fn deleting_a_source_removes_its_citations() {
    let (mut project, id) = project_with_claim();
    let source = Source::default();
    let source_id = source.id;
    project
        .apply(Edit::AddSource(Box::new(source)), "alice", Utc::now())
        .expect("add");
    let evidence = vec![Evidence {
        source: source_id,
        stance: Default::default(),
        quote: String::new(),
        note: String::new(),
    }];
    change(&mut project, id, ClaimChange::Evidence(evidence), "alice").expect("cite");
    assert_eq!(project.claims_citing(source_id).count(), 1);
    project
        .apply(Edit::DeleteSource(source_id), "alice", Utc::now())
        .expect("delete");
    assert!(project.sources.is_empty());
    assert_eq!(project.claims_citing(source_id).count(), 0);
}

#[test]
fn claims_stay_in_article_order() {
    let (mut project, _) = project_with_claim();
    let text = project.article.text.clone();
    let index = TextIndex::new(&text);
    let early = Claim::new(Anchor::from_range(&text, &index, 0, 5));
    let early_id = early.id;
    project
        .apply(Edit::AddClaim(Box::new(early)), "alice", Utc::now())
        .expect("add");
    assert_eq!(project.claims[0].id, early_id);
}

fn signed_off() -> (Project, ClaimId) {
    let (mut project, id) = project_with_claim();
    change(
        &mut project,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "alice",
    )
    .expect("verdict");
    project
        .apply(
            Edit::SignOff {
                claim_id: id,
                seal: None,
            },
            "bob",
            Utc::now(),
        )
        .expect("sign off");
    (project, id)
}

#[test]
fn what_was_signed_off_is_locked_but_tags_are_not() {
    let (mut project, id) = signed_off();
    for locked in [
        ClaimChange::Statement("other".into()),
        ClaimChange::Claimant("other".into()),
        ClaimChange::Conclusion("other".into()),
        ClaimChange::Methodology("other".into()),
        ClaimChange::Evidence(Vec::new()),
        ClaimChange::Verdict(None),
    ] {
        assert_eq!(
            change(&mut project, id, locked, "carol"),
            Err(EditError::VerdictLocked)
        );
    }
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Status(ClaimStatus::ReadyForReview),
            "carol"
        ),
        Err(EditError::ReopenNeedsReason)
    );
    change(
        &mut project,
        id,
        ClaimChange::Tags(vec!["economy".into()]),
        "carol",
    )
    .expect("tags are not reviewed content");
}

#[test]
fn verdict_changes_after_a_reopening_are_revisions_with_its_reason() {
    let (mut project, id) = signed_off();
    project
        .apply(
            Edit::Reopen {
                claim_id: id,
                reason: "The agency revised its data".into(),
            },
            "carol",
            Utc::now(),
        )
        .expect("reopen");
    change(
        &mut project,
        id,
        ClaimChange::Verdict(Some("true".into())),
        "carol",
    )
    .expect("verdict after reopening");
    let claim = project.claim(id).expect("claim");
    assert_eq!(claim.revisions.len(), 1);
    assert_eq!(claim.revisions[0].reason, "The agency revised its data");
    assert_eq!(claim.revisions[0].old_verdict.as_deref(), Some("false"));
    assert_eq!(claim.revisions[0].new_verdict.as_deref(), Some("true"));
    // Signing off again clears the reopening.
    project
        .apply(
            Edit::SignOff {
                claim_id: id,
                seal: None,
            },
            "alice",
            Utc::now(),
        )
        .expect("sign off");
    assert!(project.claim(id).expect("claim").reopened.is_none());
}

#[test]
fn a_status_cannot_be_set_to_correction_pending_by_hand() {
    let (mut project, id) = project_with_claim();
    assert_eq!(
        change(
            &mut project,
            id,
            ClaimChange::Status(ClaimStatus::CorrectionPending),
            "alice"
        ),
        Err(EditError::CorrectionOnly)
    );
}

#[test]
fn a_conflict_decision_cannot_sign_a_claim_off() {
    use factcheck::model::{ConflictAt, Resolution};
    let (base, id) = project_with_claim();
    let mut base = base;
    change(
        &mut base,
        id,
        ClaimChange::Verdict(Some("false".into())),
        "alice",
    )
    .expect("v");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.apply(
        Edit::SignOff {
            claim_id: id,
            seal: None,
        },
        "bob",
        Utc::now(),
    )
    .expect("bob signs off");
    change(
        &mut theirs,
        id,
        ClaimChange::Verdict(Some("true".into())),
        "carol",
    )
    .expect("v");
    let mut merged = factcheck::merge::merge(Some(&base), &ours, &theirs).project;
    let claim = merged.claim(id).expect("claim");
    assert_eq!(
        claim.status,
        ClaimStatus::ReadyForReview,
        "the sign-off does not cover carol's verdict"
    );
    let status = merged
        .conflicts
        .iter()
        .find(|c| {
            matches!(
                c.at,
                ConflictAt::Claim {
                    field: factcheck::model::ClaimField::Status,
                    ..
                }
            )
        })
        .expect("a status conflict")
        .id;
    assert_eq!(
        merged.apply(
            Edit::ResolveConflict {
                conflict_id: status,
                resolution: Resolution::KeepOurs,
            },
            "dave",
            Utc::now(),
        ),
        Err(EditError::SignOffInPerson)
    );
    merged
        .apply(
            Edit::ResolveConflict {
                conflict_id: status,
                resolution: Resolution::TakeTheirs,
            },
            "dave",
            Utc::now(),
        )
        .expect("keep it waiting for review");
}
