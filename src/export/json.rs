//! JSON: the whole project for other programs, in the same shape as the `.ron` project file,
//! wrapped in an envelope that names the format. Confidential sources and the evidence that
//! cites them are removed, and so are unresolved merge conflicts; drafts are removed when
//! asked.

use serde::Serialize;

use super::{Exported, ReportView};
use crate::model::Project;

/// Name of this format in the envelope's `format` field.
pub const FORMAT_NAME: &str = "factcheck-workbench-export";

/// Version of the envelope (the project inside carries its own `format_version`).
pub const ENVELOPE_VERSION: u32 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    version: u32,
    generated: String,
    only_reviewed: bool,
    withheld_sources: usize,
    project: &'a Project,
}

/// Render the JSON export.
pub fn render(view: &ReportView<'_>) -> Result<Exported, super::ExportError> {
    let project = public_project(view);
    let withheld_sources = view
        .project
        .sources
        .iter()
        .filter(|s| s.confidential)
        .count();
    let envelope = Envelope {
        format: FORMAT_NAME,
        version: ENVELOPE_VERSION,
        generated: view.options.generated.to_rfc3339(),
        only_reviewed: view.options.only_reviewed,
        withheld_sources,
        project: &project,
    };
    let mut text = serde_json::to_string_pretty(&envelope)?;
    text.push('\n');
    Ok(Exported {
        text,
        notes: Vec::new(),
    })
}

/// The project as it may leave the desk: exported claims only, confidential sources and the
/// evidence citing them removed.
pub(crate) fn public_project(view: &ReportView<'_>) -> Project {
    let source = view.project;
    let confidential: Vec<_> = source
        .sources
        .iter()
        .filter(|s| s.confidential)
        .map(|s| s.id)
        .collect();
    let mut project = Project {
        format_version: source.format_version,
        publishing: source.publishing.clone(),
        scale: source.scale.clone(),
        sources: source
            .sources
            .iter()
            .filter(|s| !s.confidential)
            .cloned()
            .collect(),
        claims: view.claims.iter().map(|c| (*c).clone()).collect(),
        // Unresolved merge conflicts are desk work (and may hold confidential sources).
        conflicts: Vec::new(),
        // The keys that signed the exported sign-offs, so the JSON can be verified.
        reviewers: source.reviewers.clone(),
        // Dismissed suggestions are desk work too.
        dismissed_suggestions: Vec::new(),
        article: source.article.clone(),
    };
    for claim in &mut project.claims {
        claim.evidence.retain(|e| !confidential.contains(&e.source));
    }
    project
}
