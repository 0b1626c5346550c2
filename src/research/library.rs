//! The claim library on disk: earlier checks from projects and ClaimReview feeds, imported
//! incrementally and ranked with BM25 ("Checked before?").
//!
//! Layout of the library folder:
//! - `manifest.json`: every imported file with its size, modification time, content hash and
//!   the records file holding its checks. Written last, atomically: it is the commit point.
//! - `records/<hash>.json`: the checks read from one version of one file, named by the hash of
//!   that content, written atomically before the manifest points at them.
//!
//! A crash mid-import leaves the old manifest pointing at old, complete records files; leftover
//! temporary files and unreferenced records files are ignored on load and removed by the next
//! import. The BM25 index is rebuilt in memory from the records when the library is opened
//! (10,000 checks take well under a second).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use bm25::{Embedder, EmbedderBuilder, Language, Scorer};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::claimreview::{self, CheckRecord, Parsed};
use super::normalise::normalise_query;
use crate::io::atomic::write_atomically_without_backup;

/// Version of the manifest and records files (and of the parser: a new parser re-reads all).
pub const LIBRARY_VERSION: u32 = 1;
/// Largest file read as a feed or page.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How deep folders are searched.
const MAX_FOLDER_DEPTH: usize = 16;

/// What went wrong with the library folder itself.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The folder could not be created or read.
    #[error("cannot use the claim library folder: {source}: {}", path.display())]
    Folder {
        /// The reason.
        source: std::io::Error,
        /// The folder.
        path: PathBuf,
    },
    /// A library file could not be written.
    #[error("cannot write the claim library: {source}: {}", path.display())]
    Write {
        /// The reason.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
}

/// One imported file in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Size in bytes when imported.
    pub size: u64,
    /// Modification time (nanoseconds since 1970) when imported.
    pub modified_ns: u128,
    /// SHA-256 of the content (hex).
    pub sha256: String,
    /// Name of the records file in `records/`.
    pub records_file: String,
    /// How many checks it holds.
    pub records: usize,
}

/// The manifest: which files are in the library.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`LIBRARY_VERSION`].
    pub version: u32,
    /// Imported files by absolute path.
    pub sources: BTreeMap<String, SourceEntry>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Checks new to the library.
    pub added: usize,
    /// Checks already there whose content changed.
    pub updated: usize,
    /// Checks already there, unchanged (including every check of an unchanged file).
    pub unchanged: usize,
    /// Checks gone from a changed file.
    pub removed: usize,
    /// Skipped checks and files, by reason, with counts.
    pub skipped: BTreeMap<String, usize>,
    /// Files read (new or changed).
    pub files_read: usize,
    /// Files left alone because they had not changed.
    pub files_unchanged: usize,
}

impl ImportReport {
    /// How many checks or files were skipped.
    #[must_use]
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn skip(&mut self, reason: String) {
        *self.skipped.entry(reason).or_insert(0) += 1;
    }
}

/// A match for a query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match<'l> {
    /// BM25 score (higher is closer).
    pub score: f32,
    /// The earlier check.
    pub record: &'l CheckRecord,
}

/// The claim library: records of every imported file plus an in-memory BM25 index.
pub struct Library {
    dir: PathBuf,
    manifest: Manifest,
    records: Vec<CheckRecord>,
    index: Option<Index>,
    /// Problems found while loading (a records file missing or damaged).
    pub warnings: Vec<String>,
}

struct Index {
    embedder: Embedder<u32>,
    scorer: Scorer<u32, u32>,
}

impl Library {
    /// The default library folder: `factcheck/library` in the user's data folder
    /// (`$XDG_DATA_HOME`, else `~/.local/share`).
    #[must_use]
    pub fn default_dir() -> PathBuf {
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(std::env::temp_dir);
        base.join("factcheck").join("library")
    }

    /// Open the library in `dir` (an empty library when the folder or its manifest does not
    /// exist yet). Damaged records files are dropped with a warning; importing again repairs
    /// them.
    ///
    /// # Errors
    /// The folder exists but cannot be read.
    pub fn open(dir: &Path) -> Result<Self, LibraryError> {
        let mut library = Self {
            dir: dir.to_owned(),
            manifest: Manifest {
                version: LIBRARY_VERSION,
                sources: BTreeMap::new(),
            },
            records: Vec::new(),
            index: None,
            warnings: Vec::new(),
        };
        let manifest_path = dir.join("manifest.json");
        let bytes = match fs::read(&manifest_path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(library),
            Err(source) => {
                return Err(LibraryError::Folder {
                    source,
                    path: manifest_path,
                });
            }
        };
        match serde_json::from_slice::<Manifest>(&bytes) {
            Ok(m) if m.version == LIBRARY_VERSION => library.manifest = m,
            Ok(m) => library.warnings.push(format!(
                "the library was written by another version ({}); import again to rebuild it",
                m.version
            )),
            Err(e) => library.warnings.push(format!(
                "the library manifest is damaged ({e}); import again to rebuild it"
            )),
        }
        let mut broken = Vec::new();
        for (path, entry) in &library.manifest.sources {
            let file = dir.join("records").join(&entry.records_file);
            match fs::read(&file).map_err(|e| e.to_string()).and_then(|b| {
                serde_json::from_slice::<Vec<CheckRecord>>(&b).map_err(|e| e.to_string())
            }) {
                Ok(records) => library.records.extend(records),
                Err(e) => {
                    library.warnings.push(format!(
                        "the checks of {path} could not be read ({e}); import it again"
                    ));
                    broken.push(path.clone());
                }
            }
        }
        for path in broken {
            library.manifest.sources.remove(&path);
        }
        Ok(library)
    }

    /// The folder the library lives in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest (imported files).
    #[must_use]
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every check in the library.
    #[must_use]
    pub fn records(&self) -> &[CheckRecord] {
        &self.records
    }

    /// Import files and folders (projects `.ron`, feeds `.json`/`.jsonld`, saved pages
    /// `.html`/`.htm`; folders are searched recursively). Unchanged files are not read again;
    /// a changed file replaces its own checks only. The manifest is written last.
    ///
    /// # Errors
    /// The library folder cannot be written. Unreadable or malformed inputs are not errors:
    /// they are counted in [`ImportReport::skipped`].
    pub fn import(&mut self, paths: &[PathBuf]) -> Result<ImportReport, LibraryError> {
        let mut report = ImportReport::default();
        let records_dir = self.dir.join("records");
        fs::create_dir_all(&records_dir).map_err(|source| LibraryError::Folder {
            source,
            path: records_dir.clone(),
        })?;
        let mut files = Vec::new();
        for path in paths {
            collect_files(path, 0, &mut files, &mut report);
        }
        let old_by_key: HashMap<&str, &CheckRecord> =
            self.records.iter().map(|r| (r.key.as_str(), r)).collect();
        let mut new_sources = self.manifest.sources.clone();
        let mut replaced: HashMap<String, Vec<CheckRecord>> = HashMap::new();
        for file in files {
            let name = file.display().to_string();
            let Ok(meta) = fs::metadata(&file) else {
                report.skip(format!("{name}: cannot be read"));
                continue;
            };
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let previous = self.manifest.sources.get(&name);
            if let Some(prev) = previous
                && prev.size == meta.len()
                && prev.modified_ns == modified_ns
            {
                report.files_unchanged += 1;
                report.unchanged += prev.records;
                continue;
            }
            if meta.len() > MAX_FILE_BYTES {
                report.skip(format!(
                    "{name}: larger than {} MiB",
                    MAX_FILE_BYTES / 1024 / 1024
                ));
                continue;
            }
            let bytes = match fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    report.skip(format!("{name}: cannot be read ({e})"));
                    continue;
                }
            };
            let sha = hex(&Sha256::digest(&bytes));
            if let Some(prev) = previous
                && prev.sha256 == sha
            {
                report.files_unchanged += 1;
                report.unchanged += prev.records;
                let mut entry = prev.clone();
                entry.size = meta.len();
                entry.modified_ns = modified_ns;
                new_sources.insert(name, entry);
                continue;
            }
            report.files_read += 1;
            let parsed = match parse_file(&file, &bytes) {
                Ok(p) => p,
                Err(reason) => {
                    report.skip(format!("{name}: {reason}"));
                    continue;
                }
            };
            for reason in parsed.skipped {
                report.skip(reason);
            }
            let mut records: Vec<CheckRecord> = Vec::new();
            for record in parsed.records {
                if records.iter().any(|r| r.key == record.key) {
                    report.skip("the same check twice in one file".to_owned());
                    continue;
                }
                match old_by_key.get(record.key.as_str()) {
                    Some(old) if **old == record => report.unchanged += 1,
                    Some(_) => report.updated += 1,
                    None => report.added += 1,
                }
                records.push(record);
            }
            if let Some(prev) = previous {
                let kept: std::collections::HashSet<&str> =
                    records.iter().map(|r| r.key.as_str()).collect();
                report.removed += self
                    .records_of(prev)
                    .iter()
                    .filter(|r| !kept.contains(r.key.as_str()))
                    .count();
            }
            // Named by path and content: two copies of one project at different paths make
            // different links, so they never share a records file.
            let records_file = format!(
                "{}.json",
                hex(&Sha256::digest(format!("{name}\0{sha}").as_bytes()))
            );
            let bytes = serde_json::to_vec(&records).unwrap_or_default();
            let target = records_dir.join(&records_file);
            write_atomically_without_backup(&target, &bytes).map_err(|source| {
                LibraryError::Write {
                    source,
                    path: target,
                }
            })?;
            new_sources.insert(
                name.clone(),
                SourceEntry {
                    size: meta.len(),
                    modified_ns,
                    sha256: sha,
                    records_file,
                    records: records.len(),
                },
            );
            replaced.insert(name, records);
        }
        let manifest = Manifest {
            version: LIBRARY_VERSION,
            sources: new_sources,
        };
        let manifest_path = self.dir.join("manifest.json");
        let bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        write_atomically_without_backup(&manifest_path, &bytes).map_err(|source| {
            LibraryError::Write {
                source,
                path: manifest_path,
            }
        })?;
        // Committed: rebuild the in-memory records from the new manifest.
        let mut records = Vec::new();
        for name in manifest.sources.keys() {
            match replaced.remove(name) {
                Some(fresh) => records.extend(fresh),
                None => records.extend(
                    self.manifest
                        .sources
                        .get(name)
                        .map(|e| self.records_of(e))
                        .unwrap_or_default(),
                ),
            }
        }
        self.manifest = manifest;
        self.records = records;
        self.index = None;
        self.remove_unreferenced_files();
        Ok(report)
    }

    /// The records of one manifest entry, read back from its records file.
    fn records_of(&self, entry: &SourceEntry) -> Vec<CheckRecord> {
        fs::read(self.dir.join("records").join(&entry.records_file))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Remove records files the manifest no longer names, and leftover temporary files.
    fn remove_unreferenced_files(&self) {
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(".factcheck-") && name.ends_with(".tmp") {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        let referenced: std::collections::HashSet<&str> = self
            .manifest
            .sources
            .values()
            .map(|e| e.records_file.as_str())
            .collect();
        let Ok(entries) = fs::read_dir(self.dir.join("records")) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !referenced.contains(name.as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// The `top` checks closest to `query` (a claim, a tweet, a quote), best first. The query
    /// is normalised with [`normalise_query`]; the same check imported twice is listed once.
    pub fn search(&mut self, query: &str, top: usize) -> Vec<Match<'_>> {
        if self.index.is_none() {
            self.index = Some(build_index(&self.records));
        }
        let Some(index) = self.index.as_ref() else {
            return Vec::new();
        };
        let embedding = index.embedder.embed(&normalise_query(query));
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for scored in index.scorer.matches(&embedding) {
            let Some(record) = self.records.get(scored.id as usize) else {
                continue;
            };
            if !seen.insert(record.key.as_str()) {
                continue;
            }
            out.push(Match {
                score: scored.score,
                record,
            });
            if out.len() >= top {
                break;
            }
        }
        out
    }
}

/// What is indexed for one check: the claim (twice, so it weighs more than the rest), the
/// headline and the claimant.
#[must_use]
pub fn indexed_text(record: &CheckRecord) -> String {
    let claim = normalise_query(&record.claim);
    format!(
        "{claim} {claim} {} {}",
        normalise_query(&record.headline),
        record.claimant
    )
}

fn build_index(records: &[CheckRecord]) -> Index {
    let texts: Vec<String> = records.iter().map(indexed_text).collect();
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let embedder: Embedder<u32> =
        EmbedderBuilder::<u32>::with_fit_to_corpus(Language::English, &corpus).build();
    let mut scorer = Scorer::<u32, u32>::new();
    for (i, text) in corpus.iter().enumerate() {
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        scorer.upsert(&id, embedder.embed(text));
    }
    Index { embedder, scorer }
}

fn parse_file(path: &Path, bytes: &[u8]) -> Result<Parsed, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ext == "ron" {
        let loaded = crate::io::from_ron_bytes(bytes)
            .map_err(|e| format!("not a readable project ({e})"))?;
        return Ok(claimreview::from_project(&loaded.project, path));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
    let text = text.trim_start_matches('\u{feff}');
    if ext == "html" || ext == "htm" {
        return Ok(claimreview::from_html(text));
    }
    claimreview::from_json_ld(text).map_err(|e| format!("not JSON-LD ({e})"))
}

fn collect_files(path: &Path, depth: usize, out: &mut Vec<PathBuf>, report: &mut ImportReport) {
    let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let Ok(meta) = fs::metadata(&path) else {
        report.skip(format!("{}: not found", path.display()));
        return;
    };
    if meta.is_file() {
        out.push(path);
        return;
    }
    if depth >= MAX_FOLDER_DEPTH {
        report.skip(format!("{}: folders nested too deep", path.display()));
        return;
    }
    let Ok(entries) = fs::read_dir(&path) else {
        report.skip(format!("{}: folder cannot be read", path.display()));
        return;
    };
    let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    children.sort();
    for child in children {
        let name = child
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        let is_dir = fs::symlink_metadata(&child).is_ok_and(|m| m.is_dir());
        let wanted = matches!(
            child
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("ron" | "json" | "jsonld" | "html" | "htm")
        );
        if is_dir {
            collect_files(&child, depth + 1, out, report);
        } else if wanted {
            out.push(fs::canonicalize(&child).unwrap_or(child));
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
