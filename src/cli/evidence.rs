//! `factcheck source add`, `factcheck source capture` and `factcheck quote`: build the source
//! library from the command line, capture sources into the evidence folder, and quote a
//! passage of a capture as evidence for a claim.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{Context as _, bail};
use chrono::Utc;
use clap::Subcommand;

use crate::evidence::{EvidenceStore, FetchOptions, capture_file, capture_url};
use crate::io::save_project;
use crate::model::{
    ClaimChange, ClaimId, Edit, Project, Source, SourceId, Stance, TextIndex, add_capture,
    find_occurrences, is_safe_link, snippet,
};

/// `factcheck source ...`.
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source to the project's library; prints `Added source ID`.
    Add {
        /// The project file (changed in place).
        project: PathBuf,
        /// Where the source is (http or https).
        #[arg(long)]
        url: String,
        /// Its title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Capture a source into the evidence folder beside the project (fetches its URL, or
    /// stores `--file`); prints `Captured SHA256 BYTES MEDIA_TYPE`.
    Capture {
        /// The project file (changed in place).
        project: PathBuf,
        /// The source: an id, a unique id prefix, or its exact URL.
        source: String,
        /// Store this file (a saved page, PDF, text, Markdown or image) instead of fetching.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

/// What `factcheck quote` was asked to do.
#[derive(Debug)]
pub struct QuoteArgs {
    /// The claim: id or unique id prefix.
    pub claim: String,
    /// The source: id, unique id prefix or exact URL.
    pub source: String,
    /// The passage, exactly as in the capture's text.
    pub text: String,
    /// How it bears on the claim.
    pub stance: Stance,
    /// Which occurrence (1 = first) when the passage appears more than once.
    pub occurrence: Option<usize>,
}

/// Run `factcheck source ...`.
pub fn run_source(command: SourceCommand, reviewer: &str) -> anyhow::Result<()> {
    match command {
        SourceCommand::Add {
            project,
            url,
            title,
        } => add(&project, &url, title, reviewer),
        SourceCommand::Capture {
            project,
            source,
            file,
        } => capture(&project, &source, file.as_deref(), reviewer),
    }
}

/// Parse `--stance`.
pub fn parse_stance(name: &str) -> Result<Stance, String> {
    Stance::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| format!("unknown stance {name:?}; use supports, contradicts or context"))
}

fn add(path: &Path, url: &str, title: Option<String>, reviewer: &str) -> anyhow::Result<()> {
    let mut project = super::load(path)?;
    let url = url.trim();
    if !is_safe_link(url) {
        bail!("{url:?} is not an http or https link a source can have");
    }
    let source = Source {
        url: url.to_owned(),
        title: title.unwrap_or_default(),
        ..Source::default()
    };
    let id = source.id;
    project.apply(Edit::AddSource(Box::new(source)), reviewer, Utc::now())?;
    save_project(&project, path)?;
    println!("Added source {}", id.short());
    Ok(())
}

fn capture(path: &Path, which: &str, file: Option<&Path>, reviewer: &str) -> anyhow::Result<()> {
    let mut project = super::load(path)?;
    let source_id = resolve_source(&project, which)?;
    let mut source = project
        .source(source_id)
        .cloned()
        .context("the source is gone")?;
    let store = EvidenceStore::for_project(path);
    let now = Utc::now();
    let captured = match file {
        Some(file) => capture_file(
            &store,
            file,
            crate::evidence::fetch::DEFAULT_MAX_BYTES,
            reviewer,
            now,
        )?,
        None => {
            if source.url.trim().is_empty() {
                bail!(
                    "source \"{}\" has no URL; capture a file with --file",
                    source.display_title()
                );
            }
            let cancel = AtomicBool::new(false);
            capture_url(
                &store,
                &source.url,
                &FetchOptions::default(),
                &mut |_| {},
                &cancel,
                reviewer,
                now,
            )?
        }
    };
    if let Some(reason) = &captured.extracted.no_text_reason {
        eprintln!("Note: {reason}");
    }
    let capture = captured.capture;
    let line = format!(
        "Captured {} {} {}",
        capture.sha256, capture.size, capture.media_type
    );
    if source.accessed.is_none() {
        source.accessed = Some(now.date_naive());
    }
    if add_capture(&mut source.captures, capture) {
        project.apply(Edit::UpdateSource(Box::new(source)), reviewer, now)?;
        save_project(&project, path)?;
    } else {
        eprintln!("Note: this source already has this capture");
    }
    println!("{line}");
    Ok(())
}

/// Run `factcheck quote`.
pub fn quote(path: &Path, args: &QuoteArgs, reviewer: &str) -> anyhow::Result<()> {
    let mut project = super::load(path)?;
    let claim_id = resolve_claim(&project, &args.claim)?;
    let source_id = resolve_source(&project, &args.source)?;
    let source = project.source(source_id).context("the source is gone")?;
    let Some(capture) = source.captures.first() else {
        bail!(
            "source \"{}\" has no capture yet; run `factcheck source capture` first",
            source.display_title()
        );
    };
    let Some(text_sha) = capture.text_sha256.as_deref() else {
        bail!(
            "the newest capture of \"{}\" ({}) has no text to quote",
            source.display_title(),
            capture.media_type
        );
    };
    let store = EvidenceStore::for_project(path);
    let text = store
        .get_text(text_sha)
        .context("the capture's text cannot be used")?;
    let index = TextIndex::new(&text);
    let found = find_occurrences(&text, &index, &args.text);
    let start = match (found.len(), args.occurrence) {
        (0, _) => bail!(
            "the passage {:?} is not in the newest capture of \"{}\"",
            snippet(&args.text, 80),
            source.display_title()
        ),
        (_, Some(0)) => bail!("--occurrence counts from 1"),
        (n, Some(k)) if k > n => {
            bail!("the passage appears {n} times, so there is no occurrence {k}")
        }
        (_, Some(k)) => found[k - 1],
        (1, None) => found[0],
        (n, None) => bail!(
            "the passage appears {n} times in the capture; say which with --occurrence 1..{n}"
        ),
    };
    let end = start + args.text.chars().count();
    let short = capture.short_hash().to_owned();
    let quoted = crate::evidence::quote_passage(
        &text,
        &index,
        &capture.sha256,
        source_id,
        start..end,
        args.stance,
    );
    let claim = project.claim(claim_id).context("the claim is gone")?;
    let mut evidence = claim.evidence.clone();
    evidence.push(quoted);
    let change = ClaimChange::Evidence(evidence);
    project.apply(Edit::UpdateClaim { claim_id, change }, reviewer, Utc::now())?;
    save_project(&project, path)?;
    println!(
        "Quoted characters {start}..{end} of capture {short} as evidence ({}) for claim {}",
        args.stance.label().to_lowercase(),
        claim_id.short()
    );
    Ok(())
}

/// Hex digits of an id or prefix as typed (hyphens dropped, lower case).
fn normalise_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Find a claim by id or unique id prefix.
pub fn resolve_claim(project: &Project, which: &str) -> anyhow::Result<ClaimId> {
    let wanted = normalise_id(which);
    if wanted.is_empty() || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        bail!("{which:?} is not a claim id (use the id `mark` printed)");
    }
    let matches: Vec<ClaimId> = project
        .claims
        .iter()
        .map(|c| c.id)
        .filter(|id| id.0.simple().to_string().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [id] => Ok(*id),
        [] => bail!("no claim has the id {which:?}"),
        many => bail!(
            "{} claims have ids starting with {which:?}; give more digits",
            many.len()
        ),
    }
}

/// Find a source by id, unique id prefix or exact URL.
pub fn resolve_source(project: &Project, which: &str) -> anyhow::Result<SourceId> {
    let by_url: Vec<SourceId> = project
        .sources
        .iter()
        .filter(|s| !s.url.is_empty() && s.url.trim() == which.trim())
        .map(|s| s.id)
        .collect();
    if let [id] = by_url.as_slice() {
        return Ok(*id);
    }
    if by_url.len() > 1 {
        bail!(
            "{} sources have the URL {which:?}; name one by its id",
            by_url.len()
        );
    }
    let wanted = normalise_id(which);
    if wanted.is_empty() || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        bail!("no source has the URL or id {which:?}");
    }
    let matches: Vec<SourceId> = project
        .sources
        .iter()
        .map(|s| s.id)
        .filter(|id| id.0.simple().to_string().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [id] => Ok(*id),
        [] => bail!("no source has the URL or id {which:?}"),
        many => bail!(
            "{} sources have ids starting with {which:?}; give more digits",
            many.len()
        ),
    }
}
