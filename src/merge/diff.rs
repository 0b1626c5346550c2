//! What changed between two copies of a project, as data and as a readable summary.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use super::agreement::Agreement;
use super::align::by_overlap;
use crate::model::{
    Claim, ClaimField, ClaimId, Project, ProjectField, Source, SourceField, snippet,
};

/// A claim present in both copies whose content differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedClaim {
    /// The claim in the first copy.
    pub before: Claim,
    /// The claim in the second copy.
    pub after: Claim,
    /// Fields whose values differ.
    pub fields: Vec<ClaimField>,
    /// Verdict display text before and after, when the verdict changed.
    pub verdict: Option<(String, String)>,
    /// Each changed field with its old and new value, readable (verdicts as label text).
    pub values: Vec<(ClaimField, String, String)>,
    /// Comments in the second copy that the first does not have.
    pub comments_added: usize,
    /// Corrections in the second copy that the first does not have.
    pub revisions_added: usize,
    /// The two were marked separately (different ids) and matched by overlapping spans.
    pub aligned_by_span: bool,
}

/// A source present in both copies whose fields differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedSource {
    /// The source in the second copy.
    pub after: Source,
    /// Fields whose values differ.
    pub fields: Vec<SourceField>,
    /// Each changed field with its old and new value, readable.
    pub values: Vec<(SourceField, String, String)>,
}

/// Differences between two copies of a project (see [`diff`]); `Display` prints a summary.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectDiff {
    /// Claims in the first copy.
    pub claims_before: usize,
    /// Claims in the second copy.
    pub claims_after: usize,
    /// Claims only in the second copy.
    pub added: Vec<Claim>,
    /// Claims only in the first copy.
    pub removed: Vec<Claim>,
    /// Claims in both that differ.
    pub changed: Vec<ChangedClaim>,
    /// Sources only in the second copy.
    pub sources_added: Vec<Source>,
    /// Sources only in the first copy.
    pub sources_removed: Vec<Source>,
    /// Sources in both that differ.
    pub sources_changed: Vec<ChangedSource>,
    /// Project-wide settings that differ.
    pub settings_changed: Vec<ProjectField>,
    /// Agreement on the verdicts of claims rated in both.
    pub agreement: Agreement,
    /// Verdict display texts of added claims (same order as `added`).
    added_verdicts: Vec<String>,
}

impl ProjectDiff {
    /// Whether the copies have the same claims, sources and settings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.sources_added.is_empty()
            && self.sources_removed.is_empty()
            && self.sources_changed.is_empty()
            && self.settings_changed.is_empty()
    }
}

/// Compare two copies of a project: claims match by id, then by overlapping spans.
#[must_use]
pub fn diff(a: &Project, b: &Project) -> ProjectDiff {
    let b_index: HashMap<ClaimId, &Claim> = b.claims.iter().map(|c| (c.id, c)).collect();
    let a_ids: HashMap<ClaimId, &Claim> = a.claims.iter().map(|c| (c.id, c)).collect();
    let mut matched: Vec<(&Claim, &Claim, bool)> = Vec::new();
    let mut a_only = Vec::new();
    for claim in &a.claims {
        match b_index.get(&claim.id) {
            Some(other) => matched.push((claim, other, false)),
            None => a_only.push(claim),
        }
    }
    let b_only: Vec<&Claim> = b
        .claims
        .iter()
        .filter(|c| !a_ids.contains_key(&c.id))
        .collect();
    let aligned = by_overlap(&a_only, &b_only);
    let mut a_used = vec![false; a_only.len()];
    let mut b_used = vec![false; b_only.len()];
    for &(i, j) in &aligned {
        a_used[i] = true;
        b_used[j] = true;
        matched.push((a_only[i], b_only[j], true));
    }
    matched.sort_by_key(|(x, _, _)| (x.orphan, x.anchor.start, x.anchor.end, x.id));
    let verdict_text = |p: &Project, c: &Claim| {
        c.verdict
            .as_deref()
            .map_or_else(|| "unrated".to_owned(), |v| p.verdict_text(v).to_owned())
    };
    let agreement = Agreement::from_verdicts(
        matched
            .iter()
            .filter_map(|(x, y, _)| Some((x.verdict.as_deref()?, y.verdict.as_deref()?))),
    );
    let changed = matched
        .iter()
        .filter_map(|&(before, after, aligned_by_span)| {
            let mut fields: Vec<ClaimField> = ClaimField::SCALAR
                .into_iter()
                .chain([ClaimField::Tags, ClaimField::Evidence])
                .filter(|f| f.value(before) != f.value(after))
                .collect();
            fields.sort();
            let comments_added = after
                .comments
                .iter()
                .filter(|c| !before.comments.iter().any(|x| x.id == c.id))
                .count();
            let revisions_added = after
                .revisions
                .iter()
                .filter(|r| !before.revisions.contains(r))
                .count();
            if fields.is_empty() && comments_added == 0 && revisions_added == 0 && !aligned_by_span
            {
                return None;
            }
            let verdict = fields
                .contains(&ClaimField::Verdict)
                .then(|| (verdict_text(a, before), verdict_text(b, after)));
            let values = fields
                .iter()
                .map(|&f| (f, f.value(before).describe(a), f.value(after).describe(b)))
                .collect();
            Some(ChangedClaim {
                before: before.clone(),
                after: after.clone(),
                values,
                fields,
                verdict,
                comments_added,
                revisions_added,
                aligned_by_span,
            })
        })
        .collect();
    let added: Vec<Claim> = b_only
        .iter()
        .zip(&b_used)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| (*c).clone())
        .collect();
    let added_verdicts = added.iter().map(|c| verdict_text(b, c)).collect();
    let removed = a_only
        .iter()
        .zip(&a_used)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| (*c).clone())
        .collect();
    let find = |p: &Project, s: &Source| p.source(s.id).cloned();
    let sources_added = b
        .sources
        .iter()
        .filter(|s| find(a, s).is_none())
        .cloned()
        .collect();
    let sources_removed = a
        .sources
        .iter()
        .filter(|s| find(b, s).is_none())
        .cloned()
        .collect();
    let sources_changed = a
        .sources
        .iter()
        .filter_map(|before| {
            let after = b.source(before.id)?;
            let fields: Vec<SourceField> = SourceField::SCALAR
                .into_iter()
                .filter(|f| f.value(before) != f.value(after))
                .collect();
            let values = fields
                .iter()
                .map(|&f| (f, f.value(before).to_string(), f.value(after).to_string()))
                .collect();
            (!fields.is_empty()).then(|| ChangedSource {
                after: after.clone(),
                fields,
                values,
            })
        })
        .collect();
    let settings_changed = ProjectField::ALL
        .into_iter()
        .filter(|f| f.value(a) != f.value(b))
        .collect();
    ProjectDiff {
        claims_before: a.claims.len(),
        claims_after: b.claims.len(),
        added,
        removed,
        changed,
        sources_added,
        sources_removed,
        sources_changed,
        settings_changed,
        agreement,
        added_verdicts,
    }
}

fn quote(claim: &Claim) -> String {
    format!("\"{}\"", snippet(claim.statement_or_quote(), 70))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for ProjectDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unchanged = self
            .claims_before
            .saturating_sub(self.removed.len() + self.changed.len());
        writeln!(
            f,
            "Claims: {} added, {} removed, {} changed, {} unchanged (first copy has {}, second has {}).",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            unchanged,
            self.claims_before,
            self.claims_after
        )?;
        for (claim, verdict) in self.added.iter().zip(&self.added_verdicts) {
            writeln!(f, "  + {} ({verdict})", quote(claim))?;
        }
        for claim in &self.removed {
            writeln!(f, "  - {}", quote(claim))?;
        }
        for change in &self.changed {
            let mut parts = Vec::new();
            if let Some((before, after)) = &change.verdict {
                parts.push(format!("verdict {before} → {after}"));
            }
            let others: Vec<&str> = change
                .fields
                .iter()
                .filter(|f| **f != ClaimField::Verdict)
                .map(|f| f.label())
                .collect();
            if !others.is_empty() {
                parts.push(others.join(", "));
            }
            if change.comments_added > 0 {
                parts.push(plural(change.comments_added, "new comment", "new comments"));
            }
            if change.revisions_added > 0 {
                parts.push(plural(
                    change.revisions_added,
                    "new correction",
                    "new corrections",
                ));
            }
            if parts.is_empty() {
                parts.push("same content".to_owned());
            }
            let mut line = format!("  ~ {}", quote(&change.before));
            if change.aligned_by_span {
                line.push_str(" (marked separately in each copy)");
            }
            let _ = write!(line, ": {}", parts.join("; "));
            writeln!(f, "{line}")?;
            for (field, old, new) in &change.values {
                if *field != ClaimField::Verdict {
                    writeln!(f, "      {}: {old} → {new}", field.label())?;
                }
            }
        }
        writeln!(
            f,
            "Sources: {} added, {} removed, {} changed.",
            self.sources_added.len(),
            self.sources_removed.len(),
            self.sources_changed.len()
        )?;
        for source in &self.sources_added {
            writeln!(f, "  + {}", snippet(source.display_title(), 70))?;
        }
        for source in &self.sources_removed {
            writeln!(f, "  - {}", snippet(source.display_title(), 70))?;
        }
        for change in &self.sources_changed {
            let fields: Vec<&str> = change.fields.iter().map(|f| f.label()).collect();
            writeln!(
                f,
                "  ~ {}: {}",
                snippet(change.after.display_title(), 70),
                fields.join(", ")
            )?;
            for (field, old, new) in &change.values {
                writeln!(f, "      {}: {old} → {new}", field.label())?;
            }
        }
        if !self.settings_changed.is_empty() {
            let fields: Vec<&str> = self.settings_changed.iter().map(|f| f.label()).collect();
            writeln!(f, "Settings changed: {}.", fields.join(", "))?;
        }
        writeln!(f, "Agreement: {}.", self.agreement)
    }
}
