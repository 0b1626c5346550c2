//! Project files stay friendly to line-based tools: a change to one claim changes only that
//! claim's lines.

use std::path::Path;

use chrono::{TimeZone, Utc};
use factcheck::io::{load_project, to_ron_string};
use factcheck::model::{ClaimChange, Edit};

/// Lines of `new` that differ from `old`, as a range of line numbers in `new`, found by
/// trimming the common prefix and suffix.
fn changed_lines(old: &str, new: &str) -> std::ops::Range<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix..b.len() - suffix
}

#[test]
fn changing_one_claim_changes_only_its_lines() -> anyhow::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge/disjoint/base.ron");
    let mut project = load_project(&path)?.project;
    let before = to_ron_string(&project)?;
    let (first, second) = (project.claims[0].id, project.claims[1].id);
    let now = Utc
        .with_ymd_and_hms(2024, 6, 1, 12, 0, 0)
        .single()
        .unwrap_or_default();
    for (claim_id, change) in [
        (second, ClaimChange::Verdict(Some("mostly-true".into()))),
        (
            second,
            ClaimChange::Conclusion("Carter did say it, on CNN.".into()),
        ),
    ] {
        project.apply(Edit::UpdateClaim { claim_id, change }, "bob", now)?;
    }
    let after = to_ron_string(&project)?;
    let changed = changed_lines(&before, &after);
    assert!(!changed.is_empty());
    let lines: Vec<&str> = after.lines().collect();
    // The claim's block runs from the `(` before its `id:` line to the matching `),`, both at
    // the claim list's indentation.
    let id_line = |claim_id| {
        lines
            .iter()
            .position(|l| l.trim() == format!("id: \"{claim_id}\","))
            .expect("claim's id line")
    };
    let (first_line, second_line) = (id_line(first), id_line(second));
    assert!(
        first_line < second_line,
        "claims are saved in article order"
    );
    let start = lines[..second_line]
        .iter()
        .rposition(|l| *l == "\t\t(")
        .expect("start of the claim");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| *l == "\t\t),")
            .expect("end of the claim");
    assert!(
        changed.start >= start && changed.end <= end,
        "changed lines {changed:?} spill outside the claim's lines {start}..{end}:\n{}",
        lines[changed.clone()].join("\n")
    );
    // And saving again without a change gives the same bytes.
    assert_eq!(to_ron_string(&project)?, after);
    Ok(())
}

#[test]
fn a_merge_changes_only_the_merged_claims_lines() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge/disjoint");
    let base = load_project(&dir.join("base.ron"))?.project;
    let ours = load_project(&dir.join("ours.ron"))?.project;
    let theirs = load_project(&dir.join("theirs.ron"))?.project;
    let merged = factcheck::merge::merge(Some(&base), &ours, &theirs).project;
    // Against our copy, the merge adds their claim edits and their source, nothing else: the
    // article and the scale lines are untouched.
    let (ours_text, merged_text) = (to_ron_string(&ours)?, to_ron_string(&merged)?);
    let changed = changed_lines(&ours_text, &merged_text);
    let lines: Vec<&str> = merged_text.lines().collect();
    let claims_start = lines
        .iter()
        .position(|l| l.starts_with("\tsources: ["))
        .expect("sources line");
    let article = lines
        .iter()
        .position(|l| l.starts_with("\tarticle: ("))
        .expect("article line");
    assert!(
        changed.start >= claims_start && changed.end < article,
        "{changed:?} outside {claims_start}..{article}"
    );
    Ok(())
}
