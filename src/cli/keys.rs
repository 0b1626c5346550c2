//! `factcheck keys list | export [-o FILE] | import FILE | trust FINGERPRINT`: this machine's
//! signing key and the colleagues' keys it knows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;

use crate::signing::keys::{key_file_line, parse_key_file};
use crate::signing::{self, OwnKey, TrustStore, fingerprint};

/// What `factcheck keys` does.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List this machine's key and the colleagues' keys it knows, with fingerprints.
    List,
    /// Write this machine's public key (with your reviewer name) for colleagues to import.
    Export {
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Import colleagues' public keys from a key file or from a project file (not trusted
    /// until you run `factcheck keys trust`).
    Import {
        /// A key file made by `factcheck keys export`, or a project (`.ron`).
        file: PathBuf,
    },
    /// Trust an imported key, after checking its fingerprint with its owner.
    Trust {
        /// The key's fingerprint (or its first 8+ hex digits).
        fingerprint: String,
    },
}

/// Run `factcheck keys …` as `reviewer`.
pub fn run(command: KeysCommand, reviewer: &str) -> anyhow::Result<()> {
    let dir = signing::config_dir()?;
    match command {
        KeysCommand::List => print!("{}", list(&dir)?),
        KeysCommand::Export { output } => export(&dir, output.as_deref(), reviewer)?,
        KeysCommand::Import { file } => import(&dir, &file)?,
        KeysCommand::Trust {
            fingerprint: wanted,
        } => {
            let mut store = TrustStore::load(&dir)?;
            let key = store.trust_fingerprint(&wanted)?;
            store.save(&dir)?;
            println!(
                "Trusted {} (key {}): their sign-offs now show as valid and trusted",
                key.name,
                fingerprint(&key.key)
            );
        }
    }
    Ok(())
}

fn list(dir: &Path) -> anyhow::Result<String> {
    let store = TrustStore::load(dir)?;
    let mut out = String::new();
    match &store.own {
        Some(key) => {
            let _ = writeln!(
                out,
                "{}  own      (this machine's signing key)",
                fingerprint(key)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No signing key yet: one is made at your first sign-off (or by keys export)."
            );
        }
    }
    for key in &store.keys {
        let _ = writeln!(
            out,
            "{}  {:<8} {}",
            fingerprint(&key.key),
            if key.trusted { "trusted" } else { "known" },
            key.name
        );
    }
    Ok(out)
}

fn export(dir: &Path, output: Option<&Path>, reviewer: &str) -> anyhow::Result<()> {
    if reviewer.trim().is_empty() {
        bail!("a key file carries your name: give it with --reviewer NAME or $FACTCHECK_REVIEWER");
    }
    let key = OwnKey::load_or_create(dir)?;
    let public = key.public_hex();
    let text = format!(
        "# Factcheck Workbench public key of {}; fingerprint {}\n{}\n",
        reviewer.trim(),
        fingerprint(&public),
        key_file_line(reviewer, &public)
    );
    match output {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("could not write the key file {}", path.display()))?;
            eprintln!(
                "Wrote your public key (fingerprint {}) to {}",
                fingerprint(&public),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn import(dir: &Path, file: &Path) -> anyhow::Result<()> {
    let is_project = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    let keys: Vec<(String, String)> = if is_project {
        super::load(file)?
            .reviewers
            .into_iter()
            .map(|r| (r.name, r.key))
            .collect()
    } else {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("could not read the key file {}", file.display()))?;
        parse_key_file(&text).with_context(|| format!("in {}", file.display()))?
    };
    if keys.is_empty() {
        bail!("no public keys in {}", file.display());
    }
    let mut store = TrustStore::load(dir)?;
    for (name, key) in &keys {
        let new = match store.add(name, key) {
            Ok(new) => new,
            Err(err) => {
                eprintln!("Skipped the key given for {name}: {err}");
                continue;
            }
        };
        println!(
            "{} {} (key {}){}",
            if new { "Imported" } else { "Already known:" },
            name,
            fingerprint(key),
            if new {
                "; check the fingerprint with them, then run: factcheck keys trust FINGERPRINT"
            } else {
                ""
            }
        );
    }
    store.save(dir)?;
    Ok(())
}
