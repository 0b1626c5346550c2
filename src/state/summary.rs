//! Derived counts of the claims (per status, per verdict, verdict runs), computed by the shell
//! once per project change and read by the claim list and the status bar.

use crate::model::{ClaimStatus, Project};

/// Counts shown beside the claim list and in the status bar, computed once per project
/// change rather than every frame (a book can have thousands of claims).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSummary {
    /// Claims per status, in workflow order, statuses without claims left out.
    pub status_counts: Vec<(ClaimStatus, usize)>,
    /// Claims per verdict label text (`"Unrated"` for none), in order of first appearance.
    pub verdict_counts: Vec<(String, usize)>,
    /// Runs of consecutive claims (article order) with the same verdict id: the segments of
    /// the verdict bar.
    pub verdict_runs: Vec<(Option<String>, usize)>,
}

impl ClaimSummary {
    /// Summarise `project`'s claims.
    #[must_use]
    pub fn of(project: &Project) -> Self {
        let claims = &project.claims;
        let status_counts = ClaimStatus::ALL
            .iter()
            .map(|s| (*s, claims.iter().filter(|c| c.status == *s).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let mut verdict_counts: Vec<(String, usize)> = Vec::new();
        let mut verdict_runs: Vec<(Option<String>, usize)> = Vec::new();
        for claim in claims {
            let label = project.verdict_label(claim.verdict.as_deref());
            match verdict_counts.iter_mut().find(|(l, _)| l == label) {
                Some((_, n)) => *n += 1,
                None => verdict_counts.push((label.to_owned(), 1)),
            }
            match verdict_runs.last_mut() {
                Some((verdict, n)) if *verdict == claim.verdict => *n += 1,
                _ => verdict_runs.push((claim.verdict.clone(), 1)),
            }
        }
        Self {
            status_counts,
            verdict_counts,
            verdict_runs,
        }
    }
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn summary_counts_statuses_verdicts_and_runs() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/projects/cyber-security-unit.ron"
        );
        let project = crate::io::load_project(path.as_ref())
            .expect("example loads")
            .project;
        let summary = ClaimSummary::of(&project);
        assert_eq!(
            summary.status_counts,
            [
                (ClaimStatus::Researching, 1),
                (ClaimStatus::ReadyForReview, 1),
                (ClaimStatus::Reviewed, 2)
            ]
        );
        assert_eq!(
            summary.verdict_counts,
            [
                ("Half True".to_owned(), 1),
                ("True".to_owned(), 2),
                ("Unrated".to_owned(), 1)
            ]
        );
        let runs: Vec<usize> = summary.verdict_runs.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            runs,
            [1, 2, 1],
            "the two True claims are adjacent: one segment"
        );
    }
}
