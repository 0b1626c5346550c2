//! The command line: `factcheck [PATH]` opens the GUI; subcommands work headless for scripts
//! and tests. Errors are `anyhow` here (the edge of the program) and printed once by `main`.

pub mod git;
pub mod keys;
mod merge;
pub mod review;

pub use merge::merge_report;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::Utc;
use clap::{ArgGroup, Parser, Subcommand};

use crate::export::{ExportFormat, ExportOptions};

pub mod library;
pub mod suggest;
use crate::io::{import_article_file, load_project, save_project};
use crate::model::{
    Anchor, ArticleMeta, Claim, ClaimChange, Edit, Project, TextIndex, find_occurrences, snippet,
};

/// Factcheck Workbench: mark claims in an article, research them, give verdicts with sources.
#[derive(Debug, Parser)]
#[command(name = "factcheck", version, about)]
pub struct Args {
    /// A project (`.ron`) or an article (`.txt`, `.md`, ...) to open in the GUI.
    pub path: Option<PathBuf>,

    /// Your name, stamped on what you change (defaults to `$FACTCHECK_REVIEWER`).
    #[arg(long, global = true, env = "FACTCHECK_REVIEWER", default_value = "")]
    pub reviewer: String,

    /// A headless subcommand; without one the GUI opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a project from an article file.
    New {
        /// The article (`.txt`, `.md`).
        article: PathBuf,
        /// Where to write the project.
        #[arg(short, long)]
        output: PathBuf,
        /// The article's title (default: its first line).
        #[arg(long)]
        title: Option<String>,
    },
    /// Print a readable summary of a project.
    Show {
        /// The project file.
        project: PathBuf,
    },
    /// Mark a claim by quoting it.
    Mark {
        /// The project file (changed in place).
        project: PathBuf,
        /// The exact text of the claim in the article.
        #[arg(long)]
        quote: String,
        /// Which occurrence, when the quote appears more than once (1 = first).
        #[arg(long)]
        occurrence: Option<usize>,
        /// Who made the claim.
        #[arg(long)]
        claimant: Option<String>,
        /// Verdict label (id or text, e.g. "Mostly False"); needs your name (`--reviewer` or
        /// `$FACTCHECK_REVIEWER`).
        #[arg(long)]
        verdict: Option<String>,
        /// Written conclusion.
        #[arg(long)]
        conclusion: Option<String>,
    },
    /// Export a project as a report or as data.
    Export {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, value_parser = parse_export_format)]
        format: ExportFormat,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Leave out claims that are not yet reviewed (drafts).
        #[arg(long)]
        only_reviewed: bool,
    },
    /// Merge a reviewer's copy into ours; exits with status 1 while conflicts remain.
    Merge {
        /// The common ancestor of both copies (enables a three-way merge).
        #[arg(long)]
        base: Option<PathBuf>,
        /// Our copy.
        ours: PathBuf,
        /// Their copy.
        theirs: PathBuf,
        /// Where to write the merged project.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Summarise what changed between two project files, and how much the reviewers agree.
    Diff {
        /// The first copy.
        a: PathBuf,
        /// The second copy.
        b: PathBuf,
    },
    /// Sign off, send back, reopen or correct a claim (needs your name: `--reviewer` or
    /// `$FACTCHECK_REVIEWER`). A refused action exits with status 1 naming the rule.
    #[command(group(
        ArgGroup::new("action")
            .required(true)
            .args(["sign_off", "send_back", "reopen", "correct"])
    ))]
    Review {
        /// The project file (changed in place).
        project: PathBuf,
        /// The claim: its id or the start of it (as shown by `factcheck verify`).
        #[arg(long)]
        claim: String,
        /// Sign the claim off, signed with your key.
        #[arg(long)]
        sign_off: bool,
        /// Send the claim back to its author with a comment.
        #[arg(long, value_name = "COMMENT")]
        send_back: Option<String>,
        /// Reopen a signed-off claim, with the reason.
        #[arg(long, value_name = "REASON")]
        reopen: Option<String>,
        /// Correct a signed-off verdict to LABEL (needs --reason).
        #[arg(long, value_name = "LABEL", requires = "reason")]
        correct: Option<String>,
        /// Why the verdict is corrected (published with the report).
        #[arg(long, value_name = "WHY", requires = "correct")]
        reason: Option<String>,
    },
    /// List every sign-off as valid, broken (with the changed fields), unknown key or
    /// unsigned; exits with status 1 if any is broken.
    Verify {
        /// The project file.
        project: PathBuf,
    },
    /// Manage signing keys: yours and the colleagues' you trust.
    Keys {
        /// What to do.
        #[command(subcommand)]
        action: keys::KeysCommand,
    },
    /// Configure a git repository to merge and diff project files with factcheck.
    GitSetup {
        /// The repository (default: the current folder).
        repo: Option<PathBuf>,
    },
    /// Print a project as readable lines (git's diff textconv).
    #[command(hide = true)]
    Textconv {
        /// The project file.
        file: PathBuf,
    },
    /// Save a project again and again, marking each version (used by the crash test).
    #[command(hide = true)]
    Resave {
        /// The project file (changed in place).
        project: PathBuf,
        /// How many times to save.
        #[arg(long, default_value_t = 1)]
        times: u64,
    },
    /// Replace the article with a corrected version and re-anchor every claim.
    UpdateArticle {
        /// The project file.
        project: PathBuf,
        /// The new version of the article (`.txt`, `.md`, `.html`, any common encoding).
        new_article: PathBuf,
        /// Where to write the updated project (default: the project file itself).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Suggest the check-worthy sentences of an article or project, with reasons.
    Suggest {
        /// An article (`.txt`, `.md`, `.html`) or a project (`.ron`).
        article_or_project: PathBuf,
        /// Print every sentence, not only the suggested ones.
        #[arg(long)]
        all: bool,
        /// Only the N highest-scoring sentences, best first.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = suggest::OutputFormat::Text)]
        format: suggest::OutputFormat,
    },
    /// The claim library of earlier checks ("Checked before?").
    Library {
        /// What to do.
        #[command(subcommand)]
        action: library::LibraryCommand,
    },
    /// Find earlier checks of a claim, tweet or quote in the claim library.
    Similar {
        /// The claim, tweet or quote.
        text: Option<String>,
        /// Search for every `id<TAB>text` line of FILE instead.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        queries: Option<PathBuf>,
        /// The library folder (default: the app data folder).
        #[arg(long)]
        library: Option<PathBuf>,
        /// How many matches per query.
        #[arg(long, value_name = "N", default_value_t = 5)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = suggest::OutputFormat::Text)]
        format: suggest::OutputFormat,
    },
}

/// Run a headless subcommand.
pub fn run(command: Command, reviewer: &str) -> anyhow::Result<()> {
    match command {
        Command::New {
            article,
            output,
            title,
        } => new(&article, &output, title),
        Command::Show { project } => show(&project),
        Command::Mark {
            project,
            quote,
            occurrence,
            claimant,
            verdict,
            conclusion,
        } => mark(
            &project,
            &MarkArgs {
                quote,
                occurrence,
                claimant,
                verdict,
                conclusion,
            },
            reviewer,
        ),
        Command::Export {
            project,
            format,
            output,
            only_reviewed,
        } => export(&project, format, output.as_deref(), only_reviewed),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => merge::merge_files(base.as_deref(), &ours, &theirs, &output, reviewer),
        Command::Diff { a, b } => merge::diff_files(&a, &b),
        Command::Review {
            project,
            claim,
            sign_off,
            send_back,
            reopen,
            correct,
            reason,
        } => {
            let action = match (sign_off, send_back, reopen, correct) {
                (true, _, _, _) => review::ReviewAction::SignOff,
                (_, Some(comment), _, _) => review::ReviewAction::SendBack(comment),
                (_, _, Some(reason), _) => review::ReviewAction::Reopen(reason),
                (_, _, _, Some(label)) => review::ReviewAction::Correct {
                    label,
                    reason: reason.unwrap_or_default(),
                },
                _ => bail!("say what to do: --sign-off, --send-back, --reopen or --correct"),
            };
            review::review(&project, &claim, action, reviewer)
        }
        Command::Verify { project } => review::verify(&project),
        Command::Keys { action } => keys::run(action, reviewer),
        Command::GitSetup { repo } => git::setup(repo.as_deref()),
        Command::Textconv { file } => git::textconv(&file),
        Command::Resave { project, times } => resave(&project, times),
        Command::UpdateArticle {
            project,
            new_article,
            output,
        } => update_article(&project, &new_article, output.as_deref()),
        Command::Suggest {
            article_or_project,
            all,
            top,
            format,
        } => suggest::run(&article_or_project, all, top, format),
        Command::Library { action } => library::run(action),
        Command::Similar {
            text,
            queries,
            library,
            top,
            format,
        } => library::similar(
            text.as_deref(),
            queries.as_deref(),
            library.as_deref(),
            top,
            format,
        ),
    }
}

fn new(article: &Path, output: &Path, title: Option<String>) -> anyhow::Result<()> {
    let imported = import_article_file(article)?;
    let mut meta = imported.meta;
    if let Some(title) = title {
        meta.title = title;
    }
    let project = Project::new(imported.text, meta);
    save_project(&project, output)?;
    println!(
        "Detected {}; {} characters. Wrote {}",
        imported.detected,
        project.article.text.chars().count(),
        output.display()
    );
    Ok(())
}

/// Load a project, printing repair warnings to stderr.
pub fn load(path: &Path) -> anyhow::Result<Project> {
    let loaded = load_project(path)?;
    for warning in &loaded.warnings {
        eprintln!("Warning: {warning}");
    }
    Ok(loaded.project)
}

fn show(path: &Path) -> anyhow::Result<()> {
    let project = load(path)?;
    print!("{}", summary(&project));
    Ok(())
}

/// The human summary printed by `factcheck show`.
#[must_use]
pub fn summary(project: &Project) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let meta: &ArticleMeta = &project.article.meta;
    let title = if meta.title.is_empty() {
        "(untitled article)"
    } else {
        &meta.title
    };
    let _ = writeln!(out, "{title}");
    let byline: Vec<&str> = [
        meta.outlet.as_str(),
        meta.author.as_str(),
        meta.url.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !byline.is_empty() {
        let _ = writeln!(out, "{}", byline.join(" · "));
    }
    let _ = writeln!(
        out,
        "Scale: {}. {} claims, {} sources.",
        project.scale.name,
        project.claims.len(),
        project.sources.len()
    );
    for (n, claim) in project.claims.iter().enumerate() {
        let verdict = claim
            .verdict
            .as_deref()
            .map_or("unrated", |v| project.verdict_text(v));
        let claimant = if claim.claimant.is_empty() {
            "unknown claimant"
        } else {
            &claim.claimant
        };
        let _ = writeln!(
            out,
            "\n{}. \"{}\"",
            n + 1,
            snippet(&claim.anchor.quote, 120)
        );
        let _ = writeln!(
            out,
            "   Claimant: {claimant} · Status: {} · Verdict: {verdict}{}",
            claim.status.label(),
            if claim.orphan {
                " · ORPHAN (not found in the text)"
            } else {
                ""
            }
        );
        if !claim.conclusion.is_empty() {
            let _ = writeln!(out, "   Conclusion: {}", snippet(&claim.conclusion, 300));
        }
        for evidence in &claim.evidence {
            let source = project.source(evidence.source);
            let title = source.map_or("(missing source)", |s| s.display_title());
            let url = source.map_or("", |s| s.url.as_str());
            let _ = writeln!(
                out,
                "   Source ({}): {title} {url}",
                evidence.stance.label().to_lowercase()
            );
        }
    }
    out
}

/// What `factcheck mark` was asked to do.
struct MarkArgs {
    quote: String,
    occurrence: Option<usize>,
    claimant: Option<String>,
    verdict: Option<String>,
    conclusion: Option<String>,
}

fn mark(path: &Path, args: &MarkArgs, reviewer: &str) -> anyhow::Result<()> {
    let mut project = load(path)?;
    let sets_verdict =
        args.verdict.is_some() || (args.conclusion.is_some() && project.scale.is_conclusion_only());
    if sets_verdict && reviewer.trim().is_empty() {
        bail!(
            "a verdict records who set it: give your name with --reviewer NAME or $FACTCHECK_REVIEWER (rule: a verdict has a named author)"
        );
    }
    let text = std::sync::Arc::clone(&project.article.text);
    let index = TextIndex::new(&text);
    let found = find_occurrences(&text, &index, &args.quote);
    let start = match (found.len(), args.occurrence) {
        (0, _) => bail!(
            "the quote {:?} is not in the article",
            snippet(&args.quote, 80)
        ),
        (_, Some(0)) => bail!("--occurrence counts from 1"),
        (n, Some(k)) if k > n => {
            bail!("the quote appears {n} times, so there is no occurrence {k}")
        }
        (_, Some(k)) => found[k - 1],
        (1, None) => found[0],
        (n, None) => {
            bail!("the quote appears {n} times in the article; say which with --occurrence 1..{n}")
        }
    };
    let end = start + args.quote.chars().count();
    let mut claim = Claim::new(Anchor::from_range(&text, &index, start, end));
    let claim_id = claim.id;
    if let Some(claimant) = &args.claimant {
        claim.claimant.clone_from(claimant);
    }
    let now = Utc::now();
    project.apply(Edit::AddClaim(Box::new(claim)), reviewer, now)?;
    if let Some(verdict) = &args.verdict {
        let label = project.scale.find(verdict).with_context(|| {
            let known: Vec<_> = project
                .scale
                .labels
                .iter()
                .map(|l| l.text.as_str())
                .collect();
            format!(
                "{verdict:?} is not on the {} scale ({})",
                project.scale.name,
                known.join(", ")
            )
        })?;
        let change = ClaimChange::Verdict(Some(label.id.clone()));
        project.apply(Edit::UpdateClaim { claim_id, change }, reviewer, now)?;
    }
    if let Some(conclusion) = &args.conclusion {
        let change = ClaimChange::Conclusion(conclusion.clone());
        project.apply(Edit::UpdateClaim { claim_id, change }, reviewer, now)?;
    }
    save_project(&project, path)?;
    println!(
        "Marked claim {} at characters {start}..{end}",
        claim_id.short()
    );
    Ok(())
}

fn parse_export_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::from_cli_name(name).ok_or_else(|| {
        let known: Vec<_> = ExportFormat::ALL.iter().map(|f| f.cli_name()).collect();
        format!("unknown format {name:?}; use one of {}", known.join(", "))
    })
}

fn export(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    only_reviewed: bool,
) -> anyhow::Result<()> {
    use std::io::Write as _;
    let project = load(path)?;
    let options = ExportOptions {
        only_reviewed,
        generated: Utc::now(),
    };
    let exported = crate::export::export(&project, format, &options)
        .with_context(|| format!("could not export {}", path.display()))?;
    for note in &exported.notes {
        eprintln!("Note: {note}");
    }
    match output {
        Some(out) => {
            // Atomic and fsynced like every save; no backup (an export can be made again), and
            // a file written over keeps its permissions (a private export stays private).
            if let Err(err) =
                crate::io::atomic::write_atomically_without_backup(out, exported.text.as_bytes())
            {
                bail!(
                    "could not write the {}: {} ({})",
                    format.label(),
                    crate::io::project_file::plain_io_reason(&err),
                    out.display()
                );
            }
            eprintln!("Wrote {} to {}", format.label(), out.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(exported.text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("could not write to standard output")?;
        }
    }
    Ok(())
}

/// Save `path` `times` times. Version `n` has `resave:PID:n` both in the report URL (near the top
/// of the file) and in the last claim's conclusion (after the claims, before the article), so
/// a file mixing two versions would show two different marks.
fn resave(path: &Path, times: u64) -> anyhow::Result<()> {
    let mut project = load(path)?;
    let pid = std::process::id();
    for n in 1..=times {
        let mark = format!("resave:{pid}:{n}");
        project.publishing.report_url.clone_from(&mark);
        if let Some(claim) = project.claims.last_mut() {
            claim.conclusion = mark;
        }
        save_project(&project, path)?;
    }
    Ok(())
}
fn update_article(path: &Path, new_article: &Path, output: Option<&Path>) -> anyhow::Result<()> {
    let mut project = load(path)?;
    let imported = import_article_file(new_article)?;
    println!(
        "Detected {}; {} characters.",
        imported.detected,
        imported.text.chars().count()
    );
    let quotes: std::collections::HashMap<_, _> = project
        .claims
        .iter()
        .map(|c| (c.id, c.anchor.quote.clone()))
        .collect();
    let results = project.replace_article_text(imported.text);
    print!("{}", reanchor_report(&results, &quotes));
    let output = output.unwrap_or(path);
    save_project(&project, output)?;
    println!("Wrote {}", output.display());
    Ok(())
}

/// The report printed by `factcheck update-article`: one line per claim, then a summary.
#[must_use]
pub fn reanchor_report(
    results: &[crate::model::ReanchorResult],
    quotes: &std::collections::HashMap<crate::model::ClaimId, String>,
) -> String {
    crate::model::ReanchorReport::new(results, quotes).to_text()
}
