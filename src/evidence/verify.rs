//! Proving captures unchanged: re-hash every capture (and its extracted text) in the evidence
//! folder and compare with the SHA-256 recorded in the project file. Nothing is re-hashed into
//! the project: a changed file is reported, never accepted.

use std::path::PathBuf;

use super::hash::sha256_file;
use super::store::EvidenceStore;
use crate::model::{Project, Source, SourceId};

/// What was found for one capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureStatus {
    /// The file is there and has the recorded SHA-256 (and so has its text).
    Unchanged,
    /// No file under the recorded hash.
    Missing,
    /// The file is there but its SHA-256 is now `actual`.
    Changed {
        /// What it hashes to now.
        actual: String,
    },
    /// The capture is fine but its extracted text is missing.
    TextMissing,
    /// The capture is fine but its extracted text changed.
    TextChanged {
        /// What the text file hashes to now.
        actual: String,
    },
    /// The recorded hash is not a SHA-256 (a damaged project file).
    BadRecord(String),
}

impl CaptureStatus {
    /// Whether this is a problem (`verify` exits 1).
    #[must_use]
    pub fn is_problem(&self) -> bool {
        *self != Self::Unchanged
    }

    /// One word for the listing.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Unchanged => "ok",
            Self::Missing => "MISSING",
            Self::Changed { .. } => "CHANGED",
            Self::TextMissing => "TEXT MISSING",
            Self::TextChanged { .. } => "TEXT CHANGED",
            Self::BadRecord(_) => "BAD RECORD",
        }
    }
}

/// The check of one capture of one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureCheck {
    /// The source.
    pub source_id: SourceId,
    /// Its title for people.
    pub source_title: String,
    /// The recorded SHA-256.
    pub sha256: String,
    /// Where the file should be.
    pub path: Option<PathBuf>,
    /// What was found.
    pub status: CaptureStatus,
}

/// Check every capture of every source against the store. Each file is hashed once even
/// when several sources share it; files are hashed on up to two threads.
#[must_use]
pub fn verify_project(project: &Project, store: &EvidenceStore) -> Vec<CaptureCheck> {
    verify_sources(&project.sources, store)
}

/// [`verify_project`] for a list of sources (the GUI checks a copy of them on a worker
/// thread, without copying the whole project).
#[must_use]
pub fn verify_sources(sources: &[Source], store: &EvidenceStore) -> Vec<CaptureCheck> {
    let mut hashes: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.captures.iter())
        .flat_map(|c| std::iter::once(c.sha256.as_str()).chain(c.text_sha256.as_deref()))
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    let found = hash_all(store, &hashes);
    let status_of = |sha: &str| -> Result<Option<String>, String> {
        match found.binary_search_by(|(h, _)| h.as_str().cmp(sha)) {
            Ok(i) => Ok(found[i].1.clone()),
            Err(_) => Err(sha.to_owned()),
        }
    };
    let mut checks = Vec::new();
    for source in sources {
        for capture in &source.captures {
            let path = store.path_of(&capture.sha256).ok();
            let status = if path.is_none() {
                CaptureStatus::BadRecord(capture.sha256.clone())
            } else {
                match status_of(&capture.sha256) {
                    Ok(None) | Err(_) => CaptureStatus::Missing,
                    Ok(Some(actual)) if actual != capture.sha256 => {
                        CaptureStatus::Changed { actual }
                    }
                    Ok(Some(_)) => match capture.text_sha256.as_deref() {
                        None => CaptureStatus::Unchanged,
                        Some(text) if store.path_of(text).is_err() => {
                            CaptureStatus::BadRecord(text.to_owned())
                        }
                        Some(text) => match status_of(text) {
                            Ok(None) | Err(_) => CaptureStatus::TextMissing,
                            Ok(Some(actual)) if actual != text => {
                                CaptureStatus::TextChanged { actual }
                            }
                            Ok(Some(_)) => CaptureStatus::Unchanged,
                        },
                    },
                }
            };
            checks.push(CaptureCheck {
                source_id: source.id,
                source_title: source.display_title().to_owned(),
                sha256: capture.sha256.clone(),
                path,
                status,
            });
        }
    }
    checks
}

/// Hash each stored file named in `hashes` (sorted): `(hash, Some(actual))` when the file
/// is there, `None` when it is missing or unreadable.
fn hash_all(store: &EvidenceStore, hashes: &[&str]) -> Vec<(String, Option<String>)> {
    let one = |sha: &&str| -> (String, Option<String>) {
        let actual = store
            .path_of(sha)
            .ok()
            .and_then(|p| sha256_file(&p).ok())
            .map(|(h, _)| h);
        ((*sha).to_owned(), actual)
    };
    if hashes.len() < 2 {
        return hashes.iter().map(one).collect();
    }
    let (left, right) = hashes.split_at(hashes.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| right.iter().map(one).collect::<Vec<_>>());
        let mut out: Vec<_> = left.iter().map(one).collect();
        // A panic while hashing is a bug; fall back to hashing on this thread.
        let rest = other
            .join()
            .unwrap_or_else(|_| right.iter().map(one).collect());
        out.extend(rest);
        out
    })
}
