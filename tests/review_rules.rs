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
