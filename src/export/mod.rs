//! Exports: a project as a report (HTML, Markdown), a spreadsheet (CSV), data (JSON) and
//! interchange formats (schema.org ClaimReview, W3C Web Annotation).
//!
//! Each format is a module that takes a [`Project`] and returns text; the GUI and the CLI only
//! call [`export`]. Everything that comes from the project is escaped for its format, sources
//! marked confidential are withheld from every format, and only `http(s)` URLs become links.
//! The formats are described in `docs/export-formats.md`.

mod annotation;
mod claimreview;
mod csv;
mod escape;
mod html;
mod json;
mod markdown;

use std::ops::Range;

use chrono::{DateTime, Utc};

use crate::model::{
    Claim, ClaimStatus, Evidence, Project, RatingLabel, Source, TextIndex, is_safe_link,
};

/// The formats a project can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A self-contained HTML report, readable on screen and printable.
    Html,
    /// The same report as CommonMark.
    Markdown,
    /// One row per claim, for spreadsheets.
    Csv,
    /// The whole project as JSON, for other programs.
    Json,
    /// schema.org `ClaimReview` JSON-LD, for fact-check aggregators.
    ClaimReview,
    /// A W3C Web Annotation `AnnotationCollection`, for annotation tools.
    Annotations,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 6] = [
        Self::Html,
        Self::Markdown,
        Self::Csv,
        Self::Json,
        Self::ClaimReview,
        Self::Annotations,
    ];

    /// File extension without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::ClaimReview | Self::Annotations => "jsonld",
        }
    }

    /// Menu text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "HTML report",
            Self::Markdown => "Markdown report",
            Self::Csv => "CSV spreadsheet",
            Self::Json => "JSON data",
            Self::ClaimReview => "ClaimReview (schema.org JSON-LD)",
            Self::Annotations => "Web annotations (W3C JSON-LD)",
        }
    }

    /// Name on the command line (`--format`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::ClaimReview => "claimreview",
            Self::Annotations => "annotations",
        }
    }

    /// The format whose [`cli_name`](Self::cli_name) is `name` (case-insensitive).
    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.cli_name().eq_ignore_ascii_case(name.trim()))
    }
}

/// How to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Leave out claims that are not yet reviewed (drafts).
    pub only_reviewed: bool,
    /// When the export is made: the report date and ClaimReview `datePublished`.
    pub generated: DateTime<Utc>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            only_reviewed: false,
            generated: Utc::now(),
        }
    }
}

/// The exported text and what the user should know about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// The file contents.
    pub text: String,
    /// Plain-words notes, e.g. "2 claims without a verdict were left out".
    pub notes: Vec<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing JSON failed.
    #[error("could not write the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("could not write the export as CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The CSV writer did not give its text back.
    #[error("could not finish the CSV export: {0}")]
    CsvFinish(String),
}

/// Export `project` in `format`.
pub fn export(
    project: &Project,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let published = published_view(project);
    let mut view = ReportView::new(published.as_ref(), options);
    view.signatures = signature_notes(project);
    let mut exported = match format {
        ExportFormat::Html => Exported {
            text: html::render(&view),
            notes: Vec::new(),
        },
        ExportFormat::Markdown => Exported {
            text: markdown::render(&view),
            notes: Vec::new(),
        },
        ExportFormat::Csv => Exported {
            text: csv::render(&view)?,
            notes: Vec::new(),
        },
        ExportFormat::Json => json::render(&view)?,
        ExportFormat::ClaimReview => claimreview::render(&view)?,
        ExportFormat::Annotations => annotation::render(&view)?,
    };
    let mut notes = view.common_notes();
    let published = view.claims.iter().filter(|c| !is_draft(c)).count();
    let signed = view
        .claims
        .iter()
        .filter(|c| {
            view.signatures
                .get(&c.id)
                .is_some_and(|s| s.starts_with("signature valid"))
        })
        .count();
    if !view.signatures.is_empty() {
        notes.push(format!(
            "{signed} of {published} published verdicts carry a valid signature"
        ));
    }
    notes.append(&mut exported.notes);
    exported.notes = notes;
    Ok(exported)
}

/// What every format shares: the claims to export, in article order, and helpers to read
/// them the same way everywhere.
pub(crate) struct ReportView<'a> {
    /// The whole project.
    pub project: &'a Project,
    /// Claims to export (drafts left out when asked).
    pub claims: Vec<&'a Claim>,
    /// How many drafts were left out.
    pub drafts_left_out: usize,
    /// The export options.
    pub options: &'a ExportOptions,
    /// Per signed-off claim, what its signature says ("signature valid, key …").
    pub signatures: std::collections::HashMap<crate::model::ClaimId, String>,
}

/// A claim's verdict as shown in exports.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Verdict<'a> {
    /// A label on the project's scale.
    Label(&'a RatingLabel),
    /// A label id the scale no longer has.
    Unlisted(&'a str),
    /// On a conclusion-only scale, the conclusion is the verdict.
    Conclusion(&'a str),
    /// No verdict yet.
    None,
}

impl Verdict<'_> {
    /// The verdict text, or `None` when there is none.
    pub fn text(self) -> Option<String> {
        match self {
            Self::Label(label) => Some(label.text.clone()),
            Self::Unlisted(id) => Some(id.to_owned()),
            Self::Conclusion(text) => Some(text.trim().to_owned()),
            Self::None => None,
        }
    }
}

/// A cited source that may be published.
pub(crate) struct Citation<'a> {
    /// How the claim cites it.
    pub evidence: &'a Evidence,
    /// The source.
    pub source: &'a Source,
}

impl<'a> ReportView<'a> {
    fn new(project: &'a Project, options: &'a ExportOptions) -> Self {
        let mut claims: Vec<&Claim> = project.claims.iter().collect();
        claims.sort_by_key(|c| (c.orphan, c.anchor.start, c.anchor.end, c.id));
        let before = claims.len();
        if options.only_reviewed {
            claims.retain(|c| !is_draft(c));
        }
        Self {
            drafts_left_out: before - claims.len(),
            project,
            claims,
            options,
            signatures: std::collections::HashMap::new(),
        }
    }

    /// Notes every format gives.
    fn common_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.drafts_left_out > 0 {
            notes.push(format!(
                "{} left out because not yet reviewed",
                count(self.drafts_left_out, "draft claim was", "draft claims were")
            ));
        }
        let conflicts = self.project.conflicts.len();
        if conflicts > 0 {
            notes.push(format!(
                "the project has {} from a merge; the export shows our copy's values",
                count(conflicts, "unresolved conflict", "unresolved conflicts")
            ));
        }
        let withheld = self.withheld_sources();
        if withheld > 0 {
            notes.push(format!(
                "{} withheld (marked confidential)",
                count(withheld, "source was", "sources were")
            ));
        }
        notes
    }

    /// How many distinct confidential sources the exported claims cite.
    pub fn withheld_sources(&self) -> usize {
        let mut ids: Vec<_> = self
            .claims
            .iter()
            .flat_map(|c| c.evidence.iter())
            .filter_map(|e| self.project.source(e.source))
            .filter(|s| s.confidential)
            .map(|s| s.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// The claim's verdict.
    pub fn verdict(&self, claim: &'a Claim) -> Verdict<'a> {
        if self.project.scale.is_conclusion_only() {
            if claim.conclusion.trim().is_empty() {
                Verdict::None
            } else {
                Verdict::Conclusion(&claim.conclusion)
            }
        } else {
            match claim.verdict.as_deref() {
                Some(id) => self
                    .project
                    .scale
                    .label(id)
                    .map_or(Verdict::Unlisted(id), Verdict::Label),
                None => Verdict::None,
            }
        }
    }

    /// The claim's publishable sources, in citation order, and how many were withheld.
    pub fn citations(&self, claim: &'a Claim) -> (Vec<Citation<'a>>, usize) {
        let mut citations = Vec::new();
        let mut withheld = 0;
        for evidence in &claim.evidence {
            match self.project.source(evidence.source) {
                Some(source) if source.confidential => withheld += 1,
                Some(source) => citations.push(Citation { evidence, source }),
                None => {}
            }
        }
        (citations, withheld)
    }

    /// Everyone who set a verdict, signed off or changed an exported claim, sorted.
    pub fn reviewers(&self) -> Vec<&'a str> {
        let mut names: Vec<&str> = Vec::new();
        for claim in &self.claims {
            names.extend(claim.verdict_by.as_deref());
            names.extend(claim.reviewed_by.as_deref());
            names.extend(claim.history.iter().map(|h| h.by.as_str()));
            names.extend(claim.revisions.iter().map(|r| r.by.as_str()));
        }
        let mut names: Vec<&str> = names
            .into_iter()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        names.sort_unstable_by_key(|n| (n.to_lowercase(), *n));
        names.dedup();
        names
    }

    /// The published URL of a claim: the report URL with `#claim-…`, when the report URL is
    /// an http(s) URL.
    pub fn claim_url(&self, claim: &Claim) -> Option<String> {
        self.report_base()
            .map(|base| format!("{base}#{}", anchor_id(claim)))
    }

    /// The report URL without any `#fragment`, when it is an http(s) URL.
    pub fn report_base(&self) -> Option<&'a str> {
        let base = self.project.publishing.report_url.trim();
        if !is_safe_link(base) {
            return None;
        }
        Some(base.split_once('#').map_or(base, |(b, _)| b))
    }

    /// Display text of a verdict label id (for corrections).
    pub fn verdict_label_text(&self, id: Option<&str>) -> String {
        id.map_or_else(
            || "no verdict".to_owned(),
            |id| self.project.verdict_text(id).to_owned(),
        )
    }

    /// The report date, e.g. `2024-05-01`.
    pub fn report_date(&self) -> String {
        self.options.generated.format("%Y-%m-%d").to_string()
    }

    /// Number of exported drafts.
    pub fn drafts(&self) -> usize {
        self.claims.iter().filter(|c| is_draft(c)).count()
    }
}

/// A run of article text inside one paragraph, highlighted for at most one claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Char range in the article text.
    pub chars: Range<usize>,
    /// Index (in [`ReportView::claims`]) of the innermost claim covering this run.
    pub claim: Option<usize>,
    /// Claims (indexes) whose quote ends with this run.
    pub ends: Vec<usize>,
}

impl ReportView<'_> {
    /// The article split into paragraphs (one per line) and each paragraph into runs at claim
    /// boundaries. Orphan claims and claims whose anchor does not fit are not highlighted.
    /// Overlapping claims: each run belongs to the innermost claim covering it.
    pub fn article_pieces(&self) -> Vec<Vec<Piece>> {
        let text = &self.project.article.text;
        let index = TextIndex::new(text);
        let mut spans: Vec<(usize, usize, usize)> = self
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.orphan && c.anchor.check(text, &index).is_ok())
            .map(|(i, c)| (c.anchor.start, c.anchor.end, i))
            .collect();
        spans.sort_unstable();
        let paragraphs = index.paragraphs();
        let mut points = std::collections::BTreeSet::new();
        for p in paragraphs {
            points.insert(p.chars.start);
            points.insert(p.chars.end);
        }
        for &(start, end, _) in &spans {
            points.insert(start);
            points.insert(end);
        }
        let points: Vec<usize> = points.into_iter().collect();
        let mut out: Vec<Vec<Piece>> = vec![Vec::new(); paragraphs.len()];
        let mut next_span = 0;
        let mut active: Vec<(usize, usize, usize)> = Vec::new();
        let mut para = 0;
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            while next_span < spans.len() && spans[next_span].0 <= a {
                active.push(spans[next_span]);
                next_span += 1;
            }
            active.retain(|s| s.1 > a);
            while para + 1 < paragraphs.len() && paragraphs[para + 1].chars.start <= a {
                para += 1;
            }
            let ends: Vec<usize> = active.iter().filter(|s| s.1 == b).map(|s| s.2).collect();
            if a >= paragraphs[para].chars.end {
                // A line break: a claim ending here gets its marker on the paragraph before.
                if let Some(last) = out[para].last_mut() {
                    last.ends.extend(ends);
                }
                continue;
            }
            let claim = active
                .iter()
                .max_by_key(|s| (s.0, std::cmp::Reverse(s.1)))
                .map(|s| s.2);
            out[para].push(Piece {
                chars: a..b,
                claim,
                ends,
            });
        }
        out
    }
}

/// Whether a claim is a draft (not signed off by a reviewer).
/// Where a source can be found, for the reports' numbered references: its URL, archived copy
/// and access date, each already escaped for the report's format by `url_text`.
pub(crate) fn source_locations(
    source: &crate::model::Source,
    url_text: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut locations = Vec::new();
    if !source.url.trim().is_empty() {
        locations.push(format!("URL: {}", url_text(&source.url)));
    }
    if !source.archive_url.trim().is_empty() {
        locations.push(format!("Archived: {}", url_text(&source.archive_url)));
    }
    if let Some(date) = source.accessed {
        locations.push(format!("Accessed {}", date.format("%Y-%m-%d")));
    }
    locations
}

pub(crate) fn is_draft(claim: &Claim) -> bool {
    !claim.status.is_published()
}

/// What readers see while a correction waits for review: the signed-off verdict, without the
/// pending revision (the status says a correction is pending). Other claims are unchanged.
fn published_view(project: &Project) -> std::borrow::Cow<'_, Project> {
    if !project
        .claims
        .iter()
        .any(|c| c.status == ClaimStatus::CorrectionPending)
    {
        return std::borrow::Cow::Borrowed(project);
    }
    let mut published = project.clone();
    for claim in &mut published.claims {
        if claim.status == ClaimStatus::CorrectionPending {
            claim.verdict = claim.published_verdict().map(str::to_owned);
            claim.revisions.pop();
        }
    }
    std::borrow::Cow::Owned(published)
}

/// For each claim with a seal: whether its signature is valid (whoever's key: trust is the
/// reader's to decide, with the key fingerprint given) or broken.
fn signature_notes(project: &Project) -> std::collections::HashMap<crate::model::ClaimId, String> {
    project
        .claims
        .iter()
        .filter_map(|claim| {
            let seal = claim.seal.as_ref()?;
            let note = if crate::signing::seal_intact(project, claim) {
                format!(
                    "signature valid (Ed25519 key {})",
                    crate::signing::fingerprint(&seal.key)
                )
            } else {
                "signature broken: changed after sign-off".to_owned()
            };
            Some((claim.id, note))
        })
        .collect()
}

/// The per-claim anchor used in HTML ids and ClaimReview URLs: `claim-` and the first eight
/// hex digits of the claim id.
#[must_use]
pub fn anchor_id(claim: &Claim) -> String {
    format!("claim-{}", claim.id.short())
}

pub(crate) use crate::model::count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_have_distinct_cli_names_and_round_trip() {
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_cli_name(format.cli_name()), Some(format));
        }
        assert_eq!(
            ExportFormat::from_cli_name("MD"),
            Some(ExportFormat::Markdown)
        );
        assert_eq!(ExportFormat::from_cli_name("pdf"), None);
        assert_eq!(ExportFormat::ClaimReview.extension(), "jsonld");
    }
}
