//! The re-anchor report: what happened to each claim when the article text was replaced, and
//! the counts. One home for `factcheck update-article` and the app's "Article updated" dialog.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{ReanchorOutcome, ReanchorResult};
use crate::model::{ClaimId, snippet};

/// One claim's line of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReanchorLine {
    /// The claim.
    pub claim_id: ClaimId,
    /// `exact`, `moved`, `fuzzy 0.83` or `orphan`.
    pub outcome: String,
    /// Where it is now (`start..end` in chars), or `not found`.
    pub place: String,
    /// The claim's old quote, shortened to 60 characters.
    pub quote: String,
}

/// What happened to every claim, and how many of each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// One line per claim, in the order of the results.
    pub lines: Vec<ReanchorLine>,
    /// Claims at the same place with the same quote.
    pub exact: usize,
    /// Claims found elsewhere with the same quote.
    pub moved: usize,
    /// Claims found by a similar passage.
    pub fuzzy: usize,
    /// Claims not found (kept with all their work).
    pub orphans: usize,
}

impl ReanchorReport {
    /// The report of `results`; `quotes` are the claims' quotes before the change.
    #[must_use]
    pub fn new(results: &[ReanchorResult], quotes: &HashMap<ClaimId, String>) -> Self {
        let mut report = Self::default();
        for result in results {
            let outcome = match result.outcome {
                ReanchorOutcome::Unchanged => {
                    report.exact += 1;
                    "exact".to_owned()
                }
                ReanchorOutcome::Moved => {
                    report.moved += 1;
                    "moved".to_owned()
                }
                ReanchorOutcome::Fuzzy { score } => {
                    report.fuzzy += 1;
                    format!("fuzzy {score:.2}")
                }
                ReanchorOutcome::Orphan => {
                    report.orphans += 1;
                    "orphan".to_owned()
                }
            };
            let place = result.anchor.as_ref().map_or_else(
                || "not found".to_owned(),
                |a| format!("{}..{}", a.start, a.end),
            );
            let quote = quotes.get(&result.claim_id).map_or("", String::as_str);
            report.lines.push(ReanchorLine {
                claim_id: result.claim_id,
                outcome,
                place,
                quote: snippet(quote, 60),
            });
        }
        report
    }

    /// `1 exact, 2 moved, 0 fuzzy, 1 orphans`.
    #[must_use]
    pub fn counts(&self) -> String {
        format!(
            "{} exact, {} moved, {} fuzzy, {} orphans",
            self.exact, self.moved, self.fuzzy, self.orphans
        )
    }

    /// The report as `factcheck update-article` prints it: one line per claim (short id,
    /// outcome, place, quote), then the counts.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let _ = writeln!(
                out,
                "{} {:<10} {:<15} \"{}\"",
                line.claim_id.short(),
                line.outcome,
                line.place,
                line.quote
            );
        }
        let _ = writeln!(
            out,
            "{} claims: {} (kept with all their work).",
            self.lines.len(),
            self.counts()
        );
        out
    }
}
