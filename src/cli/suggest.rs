//! `factcheck suggest`: the check-worthy sentences of an article or project.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::io::import_article_file;
use crate::research::{DismissedSuggestion, Suggestion, suggest};

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people.
    #[default]
    Text,
    /// Tab-separated, one line per item, no header.
    Tsv,
    /// A JSON array.
    Json,
}

/// Read the article text (and the project's dismissals) from a `.ron` project or an article
/// file (`.txt`, `.md`, `.html`, ...).
///
/// # Errors
/// The file cannot be read or is not a project or an article.
pub fn article_of(path: &Path) -> anyhow::Result<(String, Vec<DismissedSuggestion>)> {
    let is_project = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_project {
        let project = super::load(path)?;
        Ok((
            project.article.text.to_string(),
            project.dismissed_suggestions,
        ))
    } else {
        let imported = import_article_file(path)
            .with_context(|| format!("cannot read the article {}", path.display()))?;
        Ok((imported.text, Vec::new()))
    }
}

/// Run `factcheck suggest`.
///
/// # Errors
/// The input cannot be read.
pub fn run(path: &Path, all: bool, top: Option<usize>, format: OutputFormat) -> anyhow::Result<()> {
    let (text, dismissed) = article_of(path)?;
    let suggestions = suggest(&text, &dismissed);
    let total = suggestions.len();
    let mut shown: Vec<Suggestion> = suggestions
        .into_iter()
        .filter(|s| all || s.score.suggested)
        .collect();
    if let Some(top) = top {
        shown.sort_by(|a, b| {
            b.score
                .score
                .total_cmp(&a.score.score)
                .then(a.start.cmp(&b.start))
        });
        shown.truncate(top);
    }
    let out = match format {
        OutputFormat::Tsv => tsv(&shown),
        OutputFormat::Json => serde_json::to_string_pretty(&shown)? + "\n",
        OutputFormat::Text => text_report(&shown, total),
    };
    print!("{out}");
    Ok(())
}

/// One line per sentence: `start end score suggested reasons text`.
#[must_use]
pub fn tsv(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in suggestions {
        let reasons: Vec<&str> = s.score.reasons.iter().map(|r| r.feature.code()).collect();
        let _ = writeln!(
            out,
            "{}\t{}\t{:.3}\t{}\t{}\t{}",
            s.start,
            s.end,
            s.score.score,
            u8::from(s.score.suggested),
            reasons.join(","),
            one_line(&s.text)
        );
    }
    out
}

fn text_report(suggestions: &[Suggestion], total: usize) -> String {
    let mut out = String::new();
    for s in suggestions {
        let mark = if s.score.suggested { "●" } else { "○" };
        let _ = writeln!(
            out,
            "{mark} {:.2}  [{}–{}]  {}",
            s.score.score,
            s.start,
            s.end,
            one_line(&s.text)
        );
        let reasons: Vec<String> = s
            .score
            .reasons
            .iter()
            .map(|r| format!("{}{}", if r.weight > 0.0 { "+" } else { "−" }, r.describe()))
            .collect();
        if !reasons.is_empty() {
            let _ = writeln!(out, "        {}", reasons.join(" · "));
        }
    }
    let suggested = suggestions.iter().filter(|s| s.score.suggested).count();
    let _ = writeln!(
        out,
        "{suggested} suggested of {total} sentences ({} shown).",
        suggestions.len()
    );
    out
}

/// Tabs and line breaks become spaces (so a field stays on its line and in its column).
#[must_use]
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}
