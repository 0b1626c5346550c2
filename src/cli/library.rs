//! `factcheck library import|list` and `factcheck similar`: the claim library from the
//! command line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;
use serde::Serialize;

use super::suggest::{OutputFormat, one_line};
use crate::research::library::{ImportReport, Library, Match};

/// `factcheck library …` actions.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Import fact-checks: projects (`.ron`), ClaimReview JSON-LD feeds (`.json`, `.jsonld`),
    /// saved pages (`.html`), or folders of them.
    Import {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The library folder (default: the app data folder).
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// List the imported files and how many checks each holds.
    List {
        /// The library folder (default: the app data folder).
        #[arg(long)]
        library: Option<PathBuf>,
    },
}

fn open(dir: Option<&Path>) -> anyhow::Result<Library> {
    let dir = dir.map_or_else(Library::default_dir, Path::to_owned);
    let library = Library::open(&dir)?;
    for warning in &library.warnings {
        eprintln!("Warning: {warning}");
    }
    Ok(library)
}

/// Run `factcheck library …`.
///
/// # Errors
/// The library folder cannot be read or written.
pub fn run(command: LibraryCommand) -> anyhow::Result<()> {
    match command {
        LibraryCommand::Import { paths, library } => {
            let mut library = open(library.as_deref())?;
            let report = library.import(&paths)?;
            print!("{}", import_summary(&report, &library));
        }
        LibraryCommand::List { library } => {
            let library = open(library.as_deref())?;
            let mut out = String::new();
            for (path, entry) in &library.manifest().sources {
                let _ = writeln!(out, "{:>6} checks  {path}", entry.records);
            }
            let _ = writeln!(
                out,
                "{} checks from {} files in {}",
                library.records().len(),
                library.manifest().sources.len(),
                library.dir().display()
            );
            print!("{out}");
        }
    }
    Ok(())
}

/// What `library import` prints.
#[must_use]
pub fn import_summary(report: &ImportReport, library: &Library) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Added {} checks, updated {}, skipped {}, unchanged {}, removed {} ({} files read, {} files unchanged).",
        report.added,
        report.updated,
        report.skipped_total(),
        report.unchanged,
        report.removed,
        report.files_read,
        report.files_unchanged
    );
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "Skipped:");
        for (reason, count) in &report.skipped {
            let _ = writeln!(out, "  {count} × {reason}");
        }
    }
    let _ = writeln!(
        out,
        "The library in {} holds {} checks from {} files.",
        library.dir().display(),
        library.records().len(),
        library.manifest().sources.len()
    );
    out
}

#[derive(Serialize)]
struct Row<'a> {
    qid: &'a str,
    rank: usize,
    #[serde(flatten)]
    found: &'a Match<'a>,
}

/// Run `factcheck similar`.
///
/// # Errors
/// Neither or both of TEXT and `--queries`; the queries file cannot be read; the library
/// cannot be opened.
pub fn similar(
    text: Option<&str>,
    queries: Option<&Path>,
    library: Option<&Path>,
    top: usize,
    format: OutputFormat,
) -> anyhow::Result<()> {
    let queries: Vec<(String, String)> = match (text, queries) {
        (Some(text), None) => vec![("-".to_owned(), text.to_owned())],
        (None, Some(file)) => read_queries(file)?,
        (Some(_), Some(_)) => bail!("give either a TEXT or --queries FILE, not both"),
        (None, None) => bail!("give a TEXT to search for, or --queries FILE"),
    };
    let mut library = open(library)?;
    let mut out = String::new();
    let mut json_rows = Vec::new();
    for (qid, query) in &queries {
        let matches = library.search(query, top);
        for (i, m) in matches.iter().enumerate() {
            let rank = i + 1;
            match format {
                OutputFormat::Tsv => {
                    let _ = writeln!(
                        out,
                        "{}\t{rank}\t{:.4}\t{}\t{}\t{}",
                        one_line(qid),
                        m.score,
                        one_line(&m.record.url),
                        one_line(&m.record.verdict),
                        one_line(&m.record.claim)
                    );
                }
                OutputFormat::Json => json_rows.push(serde_json::to_value(Row {
                    qid,
                    rank,
                    found: m,
                })?),
                OutputFormat::Text => {
                    let r = m.record;
                    let _ = writeln!(out, "{rank}. [{}] “{}”", r.verdict, one_line(&r.claim));
                    let by: Vec<&str> =
                        [r.claimant.as_str(), r.publisher.as_str(), r.date.as_str()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect();
                    let _ = writeln!(out, "   {}  (score {:.2})", by.join(" · "), m.score);
                    let _ = writeln!(out, "   {}", r.url);
                }
            }
        }
        if format == OutputFormat::Text && matches.is_empty() {
            let _ = writeln!(out, "No earlier check matches.");
        }
    }
    if format == OutputFormat::Json {
        out = serde_json::to_string_pretty(&json_rows)? + "\n";
    }
    print!("{out}");
    Ok(())
}

fn read_queries(file: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the queries file {}", file.display()))?;
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((id, query)) = line.split_once('\t') else {
            bail!("line {} of {} is not `id<TAB>text`", n + 1, file.display());
        };
        queries.push((id.to_owned(), query.to_owned()));
    }
    Ok(queries)
}
