//! `factcheck merge` (also git's merge driver) and `factcheck diff`.

use std::path::Path;

use anyhow::Context as _;
use chrono::Utc;

use super::load;
use crate::io::save_project;
use crate::model::count;
use crate::model::snippet;

pub(crate) fn merge_files(
    base: Option<&Path>,
    ours: &Path,
    theirs: &Path,
    output: &Path,
    reviewer: &str,
) -> anyhow::Result<()> {
    use std::io::Write as _;
    let base = base.map(load).transpose()?;
    let (ours, theirs) = (load(ours)?, load(theirs)?);
    let options = crate::merge::MergeOptions {
        reviewer: reviewer.to_owned(),
        now: Some(Utc::now()),
    };
    let outcome = crate::merge::merge_with(base.as_ref(), &ours, &theirs, &options);
    if is_git_temporary(output) {
        // Git's merge driver writes into its own temporary copy of our file (%A); git keeps
        // every version, so no backup is left next to it in the working tree.
        let text = crate::io::project_file::to_ron_string(&outcome.project)
            .context("could not write the merged project")?;
        crate::io::atomic::write_atomically_without_backup(output, text.as_bytes())
            .with_context(|| format!("could not write {}", output.display()))?;
    } else {
        save_project(&outcome.project, output)?;
    }
    print!("{}", merge_report(&outcome, base.is_some()));
    println!("Wrote {}", output.display());
    if outcome.project.conflicts.is_empty() {
        return Ok(());
    }
    std::io::stdout().flush()?;
    // Exit status 1 means "merged, but conflicts remain"; errors exit through `main` as usual.
    std::process::exit(1);
}

/// Whether `path` is the temporary file git hands a merge driver as `%A`.
fn is_git_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".merge_file_"))
}

/// The summary printed by `factcheck merge`: pair counts, agreement and every conflict.
#[must_use]
pub fn merge_report(outcome: &crate::merge::MergeOutcome, three_way: bool) -> String {
    use std::fmt::Write as _;
    let project = &outcome.project;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} merge: {}, {}.",
        if three_way { "Three-way" } else { "Two-way" },
        count(project.claims.len(), "claim", "claims"),
        count(project.sources.len(), "source", "sources")
    );
    for kind in crate::merge::PairKind::ALL {
        let n = outcome.pairs.iter().filter(|p| p.kind == kind).count();
        if n > 0 {
            let _ = writeln!(out, "  {}: {n}", kind.label());
        }
    }
    let _ = writeln!(out, "Agreement: {}.", outcome.agreement);
    if project.conflicts.is_empty() {
        let _ = writeln!(out, "No conflicts.");
        return out;
    }
    let _ = writeln!(
        out,
        "{} (open the merged file in the app to decide them):",
        count(
            project.conflicts.len(),
            "unresolved conflict",
            "unresolved conflicts"
        )
    );
    for (n, conflict) in project.conflicts.iter().enumerate() {
        let subject = match &conflict.at {
            crate::model::ConflictAt::Claim { claim_id, .. } => {
                project.claim(*claim_id).map_or_else(
                    || format!("claim {}", claim_id.short()),
                    |c| format!("claim \"{}\"", snippet(c.statement_or_quote(), 60)),
                )
            }
            crate::model::ConflictAt::Source { source_id, .. } => {
                project.source(*source_id).map_or_else(
                    || format!("source {}", source_id.short()),
                    |s| format!("source \"{}\"", snippet(s.display_title(), 60)),
                )
            }
            crate::model::ConflictAt::Project(_) => "project".to_owned(),
        };
        let side = |s: &crate::model::ConflictSide| {
            let value = s
                .value
                .as_ref()
                .map_or_else(|| "deleted".to_owned(), |v| v.describe(project));
            match &s.by {
                Some(by) if !by.is_empty() => format!("{value} (by {by})"),
                _ => value,
            }
        };
        let _ = writeln!(
            out,
            "{}. {subject}, {}: ours {} / theirs {} [{}]",
            n + 1,
            conflict.at.field_label(),
            side(&conflict.ours),
            side(&conflict.theirs),
            conflict.id.short()
        );
    }
    out
}

pub(crate) fn diff_files(a: &Path, b: &Path) -> anyhow::Result<()> {
    let (a, b) = (load(a)?, load(b)?);
    print!("{}", crate::merge::diff(&a, &b));
    Ok(())
}
