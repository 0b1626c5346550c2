//! Filtering and sorting the claim list. Computed when the filter or the project changes,
//! not every frame.

use crate::model::{Claim, ClaimStatus, Project};

/// How the claim list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// Article order.
    #[default]
    Position,
    /// Workflow status, then position.
    Status,
    /// Verdict (scale order, unrated last), then position.
    Verdict,
    /// Most recently changed first.
    LastChanged,
}

impl SortBy {
    /// Every order, in menu order.
    pub const ALL: [Self; 4] = [
        Self::Position,
        Self::Status,
        Self::Verdict,
        Self::LastChanged,
    ];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Position => "Position",
            Self::Status => "Status",
            Self::Verdict => "Verdict",
            Self::LastChanged => "Last changed",
        }
    }
}

/// Which claims the list shows, and in which order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClaimFilter {
    /// Words that must appear in the quote, statement, claimant, conclusion or tags.
    pub text: String,
    /// Only this status.
    pub status: Option<ClaimStatus>,
    /// Only this verdict (`Some(None)`: only unrated).
    pub verdict: Option<Option<String>>,
    /// Only this tag.
    pub tag: Option<String>,
    /// Order.
    pub sort: SortBy,
}

impl ClaimFilter {
    /// Whether anything is filtered out.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
            || self.status.is_some()
            || self.verdict.is_some()
            || self.tag.is_some()
    }

    fn matches(&self, claim: &Claim) -> bool {
        if self.status.is_some_and(|s| s != claim.status) {
            return false;
        }
        if let Some(verdict) = &self.verdict
            && *verdict != claim.verdict
        {
            return false;
        }
        if let Some(tag) = &self.tag
            && !claim.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            return false;
        }
        // No words to look for: every claim matches (building the haystack for each of
        // 10,000 claims cost 15 ms on every change).
        if self.text.split_whitespace().next().is_none() {
            return true;
        }
        let haystack = format!(
            "{}\n{}\n{}\n{}\n{}",
            claim.anchor.quote,
            claim.statement,
            claim.claimant,
            claim.conclusion,
            claim.tags.join(" ")
        )
        .to_lowercase();
        self.text
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }

    /// Indices into `project.claims` of the claims shown, in display order.
    #[must_use]
    pub fn apply(&self, project: &Project) -> Vec<usize> {
        let mut shown: Vec<usize> = project
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| self.matches(c))
            .map(|(i, _)| i)
            .collect();
        let verdict_rank = |claim: &Claim| {
            claim
                .verdict
                .as_deref()
                .and_then(|v| project.scale.labels.iter().position(|l| l.id == v))
                .unwrap_or(usize::MAX)
        };
        let claims = &project.claims;
        match self.sort {
            SortBy::Position => {}
            SortBy::Status => shown.sort_by_key(|&i| claims[i].status),
            SortBy::Verdict => shown.sort_by_key(|&i| verdict_rank(&claims[i])),
            SortBy::LastChanged => shown.sort_by_key(|&i| std::cmp::Reverse(claims[i].modified)),
        }
        shown
    }
}

/// All tags used in the project, sorted, without duplicates.
#[must_use]
pub fn all_tags(project: &Project) -> Vec<String> {
    let mut tags: Vec<String> = project
        .claims
        .iter()
        .flat_map(|c| c.tags.iter().cloned())
        .collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::load_project;

    fn example() -> Project {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/projects/cyber-security-unit.ron"
        );
        load_project(path.as_ref()).expect("example loads").project
    }

    #[test]
    fn filters_by_text_status_verdict_and_tag() {
        let project = example();
        let quotes = |filter: &ClaimFilter| -> Vec<String> {
            filter
                .apply(&project)
                .into_iter()
                .map(|i| project.claims[i].anchor.quote.clone())
                .collect()
        };
        let all = ClaimFilter::default();
        assert_eq!(all.apply(&project).len(), 4);
        let text = ClaimFilter {
            text: "PUTIN denied".into(),
            ..ClaimFilter::default()
        };
        assert_eq!(quotes(&text), ["Mr Putin had denied any involvement"]);
        let reviewed = ClaimFilter {
            status: Some(ClaimStatus::Reviewed),
            ..ClaimFilter::default()
        };
        assert_eq!(reviewed.apply(&project).len(), 2);
        let unrated = ClaimFilter {
            verdict: Some(None),
            ..ClaimFilter::default()
        };
        assert_eq!(
            quotes(&unrated),
            ["other countries were probably involved as well"]
        );
        let tag = ClaimFilter {
            tag: Some("dnc".into()),
            ..ClaimFilter::default()
        };
        assert_eq!(tag.apply(&project).len(), 1);
        assert!(tag.is_active() && !all.is_active());
    }

    #[test]
    fn sorts_by_verdict_status_and_change() {
        let project = example();
        let by = |sort| {
            ClaimFilter {
                sort,
                ..ClaimFilter::default()
            }
            .apply(&project)
        };
        let verdicts: Vec<_> = by(SortBy::Verdict)
            .into_iter()
            .map(|i| project.claims[i].verdict.clone())
            .collect();
        assert_eq!(
            verdicts,
            [
                Some("true".into()),
                Some("true".into()),
                Some("half-true".into()),
                None
            ]
        );
        let statuses: Vec<_> = by(SortBy::Status)
            .into_iter()
            .map(|i| project.claims[i].status)
            .collect();
        assert!(statuses.windows(2).all(|w| w[0] <= w[1]));
        let changed: Vec<_> = by(SortBy::LastChanged)
            .into_iter()
            .map(|i| project.claims[i].modified)
            .collect();
        assert!(changed.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(all_tags(&project).len(), 5);
    }
}
