//! Merges of hand-made copies of the example project (tests/fixtures/merge/*), edited by two
//! reviewers: alice ("ours") and bob ("theirs").

use std::path::Path;

use chrono::Utc;
use factcheck::io::{from_ron_str, load_project, to_ron_string};
use factcheck::merge::{PairKind, merge};
use factcheck::model::{
    ClaimField, ClaimId, ClaimStatus, ConflictAt, Edit, EditError, FieldValue, Project, Resolution,
};

fn fixture(scenario: &str, name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(scenario)
        .join(name);
    let loaded = load_project(&path).expect("fixture loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.project
}

fn three(scenario: &str) -> (Project, Project, Project) {
    (
        fixture(scenario, "base.ron"),
        fixture(scenario, "ours.ron"),
        fixture(scenario, "theirs.ron"),
    )
}

fn claim_by_quote<'p>(project: &'p Project, starts: &str) -> &'p factcheck::model::Claim {
    project
        .claims
        .iter()
        .find(|c| c.anchor.quote.starts_with(starts))
        .expect("claim with that quote")
}

/// The merged project survives the file format unchanged.
fn reload(project: &Project) -> Project {
    let text = to_ron_string(project).expect("serialise");
    let loaded = from_ron_str(&text).expect("merged file loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.project.conflicts, project.conflicts);
    loaded.project
}

fn comment_count(project: &Project) -> usize {
    project.claims.iter().map(|c| c.comments.len()).sum()
}

#[test]
fn disjoint_edits_merge_cleanly_taking_each_side() {
    let (base, ours, theirs) = three("disjoint");
    let outcome = merge(Some(&base), &ours, &theirs);
    let merged = reload(&outcome.project);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.claims.len(), 2);
    let cyber = claim_by_quote(&merged, "Putin & I");
    assert_eq!(cyber.verdict.as_deref(), Some("false"));
    assert_eq!(cyber.verdict_by.as_deref(), Some("alice"));
    assert_eq!(cyber.conclusion, "No such unit was ever formed.");
    let carter = claim_by_quote(&merged, "it harked");
    assert_eq!(carter.claimant, "Ash Carter");
    assert_eq!(carter.evidence.len(), 1);
    // Their new source is in the library, ours is kept.
    assert_eq!(merged.sources.len(), 2);
    assert!(merged.source(carter.evidence[0].source).is_some());
    // The merge is symmetric in content.
    let swapped = merge(Some(&base), &theirs, &ours).project;
    assert_eq!(claim_by_quote(&swapped, "Putin & I"), cyber);
    assert_eq!(claim_by_quote(&swapped, "it harked").claimant, "Ash Carter");
    let kinds: Vec<PairKind> = outcome.pairs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [PairKind::VerdictDiffers, PairKind::OtherFieldsDiffer]
    );
}

#[test]
fn same_field_changed_on_both_sides_is_a_conflict_with_both_values() {
    let (base, ours, theirs) = three("same-field");
    let outcome = merge(Some(&base), &ours, &theirs);
    let mut merged = reload(&outcome.project);
    let cyber_id = claim_by_quote(&merged, "Putin & I").id;
    let fields: Vec<ClaimField> = merged
        .conflicts
        .iter()
        .map(|c| match c.at {
            ConflictAt::Claim { claim_id, field } => {
                assert_eq!(claim_id, cyber_id);
                field
            }
            ref other => panic!("unexpected conflict at {other:?}"),
        })
        .collect();
    assert_eq!(fields, [ClaimField::Verdict, ClaimField::Conclusion]);
    let verdict = &merged.conflicts[0];
    assert_eq!(verdict.base, Some(FieldValue::Verdict(None)));
    assert_eq!(
        verdict.ours.value,
        Some(FieldValue::Verdict(Some("false".into())))
    );
    assert_eq!(verdict.ours.by.as_deref(), Some("alice"));
    assert_eq!(
        verdict.theirs.value,
        Some(FieldValue::Verdict(Some("mostly-false".into())))
    );
    assert_eq!(verdict.theirs.by.as_deref(), Some("bob"));
    // Until decided, the merged claim holds our values; their one-sided change is taken.
    let cyber = claim_by_quote(&merged, "Putin & I");
    assert_eq!(cyber.verdict.as_deref(), Some("false"));
    assert_eq!(cyber.methodology, "Read both governments' statements.");
    assert_eq!(outcome.agreement.both_rated, 1);
    assert_eq!(outcome.agreement.agreed, 0);

    // Take their verdict; type a new conclusion.
    let (verdict_id, conclusion_id) = (merged.conflicts[0].id, merged.conflicts[1].id);
    merged
        .apply(
            Edit::ResolveConflict {
                conflict_id: verdict_id,
                resolution: Resolution::TakeTheirs,
            },
            "carol",
            Utc::now(),
        )
        .expect("resolve verdict");
    merged
        .apply(
            Edit::ResolveConflict {
                conflict_id: conclusion_id,
                resolution: Resolution::Custom("Talks happened, but no unit was formed.".into()),
            },
            "carol",
            Utc::now(),
        )
        .expect("resolve conclusion");
    assert!(merged.conflicts.is_empty());
    let cyber = claim_by_quote(&merged, "Putin & I");
    assert_eq!(cyber.verdict.as_deref(), Some("mostly-false"));
    assert_eq!(cyber.verdict_by.as_deref(), Some("bob"));
    assert_eq!(cyber.conclusion, "Talks happened, but no unit was formed.");
    let last = cyber.history.last().expect("history");
    assert_eq!(
        (last.by.as_str(), last.what.as_str()),
        ("carol", "conflict on conclusion: edited")
    );
    // Bob set the verdict now, so bob cannot sign it off; carol can.
    let review = |who: &str, p: &mut Project| {
        p.apply(
            Edit::UpdateClaim {
                claim_id: cyber_id,
                change: factcheck::model::ClaimChange::Status(ClaimStatus::Reviewed),
            },
            who,
            Utc::now(),
        )
    };
    assert!(matches!(
        review("bob", &mut merged),
        Err(EditError::SelfReview { .. })
    ));
    review("carol", &mut merged).expect("carol reviews");
    // Resolving twice is refused.
    assert_eq!(
        merged.apply(
            Edit::ResolveConflict {
                conflict_id: verdict_id,
                resolution: Resolution::KeepOurs,
            },
            "carol",
            Utc::now(),
        ),
        Err(EditError::NoSuchConflict(verdict_id))
    );
}

#[test]
fn a_typed_verdict_must_be_on_the_scale() {
    let (base, ours, theirs) = three("same-field");
    let mut merged = merge(Some(&base), &ours, &theirs).project;
    let conflict_id = merged.conflicts[0].id;
    let before = merged.clone();
    let result = merged.apply(
        Edit::ResolveConflict {
            conflict_id,
            resolution: Resolution::Custom("Totally bogus".into()),
        },
        "carol",
        Utc::now(),
    );
    assert_eq!(
        result,
        Err(EditError::UnknownVerdict("Totally bogus".into()))
    );
    assert_eq!(merged, before, "a refused resolution changes nothing");
    merged
        .apply(
            Edit::ResolveConflict {
                conflict_id,
                resolution: Resolution::Custom("Half True".into()),
            },
            "carol",
            Utc::now(),
        )
        .expect("label text is accepted");
    let cyber = claim_by_quote(&merged, "Putin & I");
    assert_eq!(cyber.verdict.as_deref(), Some("half-true"));
    assert_eq!(cyber.verdict_by.as_deref(), Some("carol"));
}

#[test]
fn delete_versus_edit_keeps_the_edited_claim_until_decided() {
    let (base, ours, theirs) = three("delete-vs-edit");
    let outcome = merge(Some(&base), &ours, &theirs);
    let merged = reload(&outcome.project);
    // Carter's claim was deleted by us and untouched by them: gone, no conflict.
    assert_eq!(merged.claims.len(), 1);
    let cyber = claim_by_quote(&merged, "Putin & I");
    assert_eq!(cyber.comments.len(), 2, "their new comment is kept");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        conflict.at,
        ConflictAt::Claim {
            claim_id: cyber.id,
            field: ClaimField::Existence
        }
    );
    assert_eq!(conflict.ours.value, None);
    assert_eq!(conflict.theirs.by.as_deref(), Some("bob"));
    let kinds: Vec<PairKind> = outcome.pairs.iter().map(|p| p.kind).collect();
    assert!(kinds.contains(&PairKind::DeletedVsEdited));
    assert!(kinds.contains(&PairKind::OnlyTheirs));

    let decide = |resolution| {
        let mut p = merged.clone();
        p.apply(
            Edit::ResolveConflict {
                conflict_id: conflict.id,
                resolution,
            },
            "carol",
            Utc::now(),
        )
        .map(|()| p)
    };
    let kept = decide(Resolution::TakeTheirs).expect("take theirs");
    assert_eq!(kept.claims.len(), 1);
    assert!(kept.conflicts.is_empty());
    let deleted = decide(Resolution::KeepOurs).expect("keep ours");
    assert!(deleted.claims.is_empty());
    assert!(deleted.conflicts.is_empty());
    assert!(matches!(
        decide(Resolution::Custom("x".into())),
        Err(EditError::NotTypedValue("claim"))
    ));
}

#[test]
fn the_same_sentence_marked_independently_is_aligned_by_overlap() {
    let ours = fixture("independent", "ours.ron");
    let theirs = fixture("independent", "theirs.ron");
    let outcome = merge(None, &ours, &theirs);
    let merged = reload(&outcome.project);
    // Two sentences marked by both become one claim each, plus bob's third claim.
    assert_eq!(merged.claims.len(), 3);
    let cyber = claim_by_quote(&merged, "Putin & I");
    let ours_cyber = claim_by_quote(&ours, "Putin & I");
    assert_eq!(cyber.id, ours_cyber.id, "aligned claims keep our id");
    assert_eq!(cyber.claimant, "Donald Trump", "filled on their side only");
    let kinds: Vec<PairKind> = outcome.pairs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PairKind::VerdictDiffers,
            PairKind::SpanDiffers,
            PairKind::OnlyTheirs
        ]
    );
    let fields: Vec<&str> = merged
        .conflicts
        .iter()
        .map(|c| c.at.field_label())
        .collect();
    assert_eq!(fields, ["verdict", "span"]);
    assert_eq!(outcome.agreement.both_rated, 2);
    assert_eq!(outcome.agreement.agreed, 1);
    assert_eq!(outcome.agreement.percent, Some(50.0));
    // Marginals: alice {false, half-true}, bob {false, mostly-true}: pe = 1/4, kappa = 1/3.
    let kappa = outcome.agreement.kappa.expect("kappa");
    assert!((kappa - 1.0 / 3.0).abs() < 1e-9, "{kappa}");

    // Taking their span also takes their quote; the statement follows it.
    let span = merged
        .conflicts
        .iter()
        .find(|c| c.at.field_label() == "span")
        .expect("span conflict")
        .id;
    let mut decided = merged.clone();
    decided
        .apply(
            Edit::ResolveConflict {
                conflict_id: span,
                resolution: Resolution::TakeTheirs,
            },
            "carol",
            Utc::now(),
        )
        .expect("take their span");
    let theirs_cyber = claim_by_quote(&theirs, "Putin & I");
    assert_eq!(
        claim_by_quote(&decided, "Putin & I").anchor,
        theirs_cyber.anchor
    );
}

#[test]
fn comment_threads_from_both_sides_are_unioned_in_time_order() {
    let (base, ours, theirs) = three("comments");
    let outcome = merge(Some(&base), &ours, &theirs);
    let merged = reload(&outcome.project);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(comment_count(&base), 1);
    assert_eq!(comment_count(&ours), 2);
    assert_eq!(comment_count(&theirs), 4);
    assert_eq!(comment_count(&merged), 5);
    let cyber = claim_by_quote(&merged, "Putin & I");
    let thread: Vec<(&str, bool)> = cyber
        .comments
        .iter()
        .map(|c| (c.text.as_str(), c.resolved))
        .collect();
    assert_eq!(
        thread,
        [
            ("Find the original tweet.", true),
            ("Which tweet exactly? There were two.", false),
            ("Archived copy added to sources.", false),
            ("Found it: 9 July, 11:11.", false),
        ]
    );
    assert_eq!(claim_by_quote(&merged, "it harked").comments.len(), 1);
}

#[test]
fn merging_a_merge_again_keeps_unresolved_conflicts_once() {
    let (base, ours, theirs) = three("same-field");
    let merged = merge(Some(&base), &ours, &theirs).project;
    assert_eq!(merged.conflicts.len(), 2);
    // Bob gets the merged file and merges it with his copy again: same conflicts, once each.
    let again = merge(Some(&theirs), &merged, &theirs).project;
    assert_eq!(again.conflicts, merged.conflicts);
    // A conflict resolved on one side since the base stays resolved.
    let mut resolved = merged.clone();
    resolved
        .apply(
            Edit::ResolveConflict {
                conflict_id: merged.conflicts[0].id,
                resolution: Resolution::KeepOurs,
            },
            "carol",
            Utc::now(),
        )
        .expect("resolve");
    let after = merge(Some(&merged), &merged, &resolved).project;
    assert_eq!(after.conflicts.len(), 1);
    let _: ClaimId = after.conflicts[0].claim_id().expect("claim conflict");
}
