//! `factcheck git-setup [REPO]`: make git merge project files with `factcheck merge` and show
//! them in `git diff` as a readable summary; and `factcheck textconv FILE`, that summary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::model::{Project, snippet};

/// The `.gitattributes` line for project files.
pub const ATTRIBUTES_LINE: &str = "*.ron merge=factcheck diff=factcheck";

/// The `.gitignore` line for the backups kept next to saved projects.
pub const IGNORE_LINE: &str = "*.ron.bak";

/// How git should call this program: `factcheck` when that name on `PATH` is this very
/// binary, otherwise its full path (quoted for the shell git runs drivers with).
fn program() -> String {
    let Ok(me) = std::env::current_exe().and_then(std::fs::canonicalize) else {
        return "factcheck".to_owned();
    };
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|dir| std::fs::canonicalize(dir.join("factcheck")).is_ok_and(|found| found == me))
    });
    if on_path {
        "factcheck".to_owned()
    } else {
        format!("'{}'", me.display().to_string().replace('\'', r"'\''"))
    }
}

fn git(repo: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .context("could not run git; is it installed?")?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Configure the repository at `repo` (default: the current folder).
pub fn setup(repo: Option<&Path>) -> anyhow::Result<()> {
    let repo = repo.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let top = git(&repo, &["rev-parse", "--show-toplevel"])
        .with_context(|| format!("{} is not inside a git repository", repo.display()))?;
    let top = PathBuf::from(top);
    let program = program();
    let driver = format!("{program} merge --base %O %A %B -o %A");
    let textconv = format!("{program} textconv");
    for (key, value) in [
        ("merge.factcheck.name", "Factcheck Workbench project merge"),
        ("merge.factcheck.driver", driver.as_str()),
        ("diff.factcheck.textconv", textconv.as_str()),
    ] {
        git(&top, &["config", key, value])?;
    }
    append_line(
        &top.join(".gitattributes"),
        "# Factcheck Workbench projects: merged and diffed by factcheck",
        ATTRIBUTES_LINE,
    )?;
    append_line(
        &top.join(".gitignore"),
        "# Factcheck Workbench keeps the previous version of a saved project here",
        IGNORE_LINE,
    )?;
    println!(
        "Configured {} for Factcheck Workbench projects:",
        top.display()
    );
    println!("  merge driver: {driver}");
    println!("  diff textconv: {textconv}");
    println!(
        "  .gitattributes: {ATTRIBUTES_LINE} (commit .gitattributes so colleagues get it; each clone runs git-setup once)"
    );
    println!("  .gitignore: {IGNORE_LINE}");
    Ok(())
}

/// Append `comment` and `line` to the file at `path` unless it has `line` already.
fn append_line(path: &Path, comment: &str, line: &str) -> anyhow::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("could not read {}", path.display())),
    };
    if existing.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(comment);
    text.push('\n');
    text.push_str(line);
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}

/// `factcheck textconv FILE`: the project as readable lines for `git diff`; a file that is
/// not a project is printed as it is.
pub fn textconv(path: &Path) -> anyhow::Result<()> {
    match crate::io::load_project(path) {
        Ok(loaded) => print!("{}", readable(&loaded.project)),
        Err(_) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            print!("{}", String::from_utf8_lossy(&bytes));
        }
    }
    Ok(())
}

/// Every claim's fields, one per line, for line-based diffs.
#[must_use]
pub fn readable(project: &Project) -> String {
    let mut out = String::new();
    let meta = &project.article.meta;
    let _ = writeln!(out, "Article: {}", meta.title);
    let _ = writeln!(out, "Scale: {}", project.scale.name);
    for claim in &project.claims {
        let verdict = claim
            .verdict
            .as_deref()
            .map_or("unrated", |v| project.verdict_text(v));
        let _ = writeln!(
            out,
            "\nClaim {} \"{}\"",
            claim.id.short(),
            snippet(&claim.anchor.quote, 100)
        );
        let fields = [
            ("statement", claim.statement.clone()),
            ("claimant", claim.claimant.clone()),
            ("status", claim.status.label().to_owned()),
            ("verdict", verdict.to_owned()),
            ("verdict by", claim.verdict_by.clone().unwrap_or_default()),
            ("reviewed by", claim.reviewed_by.clone().unwrap_or_default()),
            ("conclusion", claim.conclusion.clone()),
            ("methodology", claim.methodology.clone()),
        ];
        for (name, value) in fields {
            if !value.is_empty() {
                let _ = writeln!(out, "  {name}: {}", value.replace('\n', " "));
            }
        }
        for e in &claim.evidence {
            let source = project.source(e.source);
            let _ = writeln!(
                out,
                "  source ({}): {}",
                e.stance.label().to_lowercase(),
                source.map_or("(missing source)", |s| s.url.as_str())
            );
        }
        for c in &claim.comments {
            let _ = writeln!(out, "  comment by {}: {}", c.author, snippet(&c.text, 200));
        }
        for r in &claim.revisions {
            let _ = writeln!(out, "  correction by {}: {}", r.by, snippet(&r.reason, 200));
        }
        if let Some(seal) = &claim.seal {
            let _ = writeln!(
                out,
                "  signed by {} (key {})",
                seal.by,
                crate::signing::fingerprint(&seal.key)
            );
        }
    }
    if !project.conflicts.is_empty() {
        let _ = writeln!(out, "\nUnresolved conflicts: {}", project.conflicts.len());
    }
    out
}
