//! `factcheck verify PROJECT`: prove the project's evidence unchanged. The report is a list
//! of sections, each with its own lines and problem count, so other checks (sign-offs, issue
//! 13) add a section here; the command exits 1 when any section found a problem.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::bail;

use crate::evidence::{CaptureStatus, EvidenceStore, verify_project};
use crate::model::Project;

/// One part of the verify report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Heading ("Captures").
    pub title: String,
    /// One-line summary after the heading.
    pub summary: String,
    /// One line per item checked.
    pub lines: Vec<String>,
    /// How many items failed.
    pub problems: usize,
    /// What a problem is called, singular and plural ("capture missing or changed").
    pub problem_words: (&'static str, &'static str),
}

impl Section {
    /// The section as printed.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}: {}", self.title, self.summary);
        for line in &self.lines {
            let _ = writeln!(out, "  {line}");
        }
        out
    }
}

/// The captures section: every capture of every source, re-hashed.
#[must_use]
pub fn captures_section(project: &Project, project_path: &Path) -> Section {
    let store = EvidenceStore::for_project(project_path);
    let checks = verify_project(project, &store);
    let mut lines = Vec::new();
    let mut problems = 0;
    for check in &checks {
        let short = check.sha256.get(..12).unwrap_or(&check.sha256);
        let path = check
            .path
            .as_ref()
            .map_or_else(String::new, |p| format!(" ({})", p.display()));
        let detail = match &check.status {
            CaptureStatus::Unchanged => String::new(),
            CaptureStatus::Missing => format!(": the file is missing{path}"),
            CaptureStatus::Changed { actual } => {
                format!(": the file changed, its SHA-256 is now {actual}{path}")
            }
            CaptureStatus::TextMissing => ": its extracted text is missing".to_owned(),
            CaptureStatus::TextChanged { actual } => {
                format!(": its extracted text changed (SHA-256 now {actual})")
            }
            CaptureStatus::BadRecord(hash) => {
                format!(": the project records {hash:?}, which is not a SHA-256")
            }
        };
        if check.status.is_problem() {
            problems += 1;
        }
        lines.push(format!(
            "{:<12} {short} \"{}\"{detail}",
            check.status.label(),
            crate::model::snippet(&check.source_title, 60)
        ));
    }
    let missing = checks
        .iter()
        .filter(|c| matches!(c.status, CaptureStatus::Missing))
        .count();
    let summary = if checks.is_empty() {
        "no captures".to_owned()
    } else {
        format!(
            "{} checked, {} unchanged, {} changed, {} missing (evidence folder {})",
            checks.len(),
            checks.len() - problems,
            problems - missing,
            missing,
            store.root().display()
        )
    };
    Section {
        title: "Captures".to_owned(),
        summary,
        lines,
        problems,
        problem_words: (
            "capture is missing or changed",
            "captures are missing or changed",
        ),
    }
}

/// Every section of the report for `project`.
#[must_use]
pub fn sections(project: &Project, project_path: &Path) -> Vec<Section> {
    // Issue 13 (sign-offs) adds its section here.
    vec![captures_section(project, project_path)]
}

/// Run `factcheck verify`.
pub fn run(path: &Path) -> anyhow::Result<()> {
    let project = super::load(path)?;
    let sections = sections(&project, path);
    for section in &sections {
        print!("{}", section.render());
    }
    let failures: Vec<String> = sections
        .iter()
        .filter(|s| s.problems > 0)
        .map(|s| {
            let (one, many) = s.problem_words;
            format!(
                "{} {}",
                s.problems,
                if s.problems == 1 { one } else { many }
            )
        })
        .collect();
    if failures.is_empty() {
        println!("Every capture matches.");
        return Ok(());
    }
    bail!("{}", failures.join("; "))
}

/// `factcheck verify` with both checks: the captures (issue 11), then the sign-offs (issue 13,
/// `review::verify`, which prints its own section). Exits 1 when either finds a problem.
pub fn run_with_signoffs(path: &Path) -> anyhow::Result<()> {
    let captures = run(path);
    let signoffs = super::review::verify(path);
    match (captures, signoffs) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
        (Err(a), Err(b)) => bail!("{a}; {b}"),
    }
}
