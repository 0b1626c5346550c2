//! Packages for a colleague: one `.fcpack` zip holding the project, its evidence folder and
//! `manifest.json`, which lists every file with its size and SHA-256 (the idea of WACZ's
//! `datapackage.json`). Unpacking refuses anything that could write outside the target folder
//! or blow up in size, restores into a staging folder, checks every file against the manifest
//! and only then moves the files into place.

use std::collections::{BTreeMap, HashSet};
use std::io::{Read as _, Seek, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::hash::sha256_hex;
use super::store::{EvidenceStore, evidence_dir};
use crate::model::Project;

/// Name of the manifest inside a package.
pub const MANIFEST: &str = "manifest.json";

/// Value of the manifest's `profile`.
pub const PROFILE: &str = "factcheck-workbench-package";

/// Media that is already compressed: stored as it is, not deflated again.
const STORED_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "webp", "pdf", "zip"];

/// The manifest: every file in the package with its size and SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`PROFILE`].
    pub profile: String,
    /// Manifest version (1).
    pub version: u32,
    /// The project file's path inside the package.
    pub project: String,
    /// When the package was made (RFC 3339).
    pub created: String,
    /// Whether confidential sources were left out.
    pub without_confidential: bool,
    /// Every file except the manifest.
    pub resources: Vec<Resource>,
}

/// One file of a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Path inside the package (`/`-separated, relative).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// `sha256:` and 64 hex digits.
    pub hash: String,
}

/// How a package is made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackOptions {
    /// Leave out confidential sources, the evidence that cites them and their captures.
    pub without_confidential: bool,
}

/// Limits that keep a hostile package from filling the disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnpackLimits {
    /// Most files in a package.
    pub max_entries: usize,
    /// Most bytes all files may expand to.
    pub max_total_bytes: u64,
    /// Highest expanded-to-compressed ratio of any file over 1 MB.
    pub max_ratio: u64,
}

impl Default for UnpackLimits {
    fn default() -> Self {
        Self {
            max_entries: 100_000,
            max_total_bytes: 8 * 1024 * 1024 * 1024,
            max_ratio: 200,
        }
    }
}

/// Why a package could not be made or opened.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A capture recorded in the project is not in the evidence folder (or changed).
    #[error("capture {sha256} of source \"{source_title}\" cannot be packed: {reason}")]
    Capture {
        /// Its hash.
        sha256: String,
        /// The source.
        source_title: String,
        /// What is wrong.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{what}: {reason} ({})", path.display())]
    Io {
        /// What was being done.
        what: &'static str,
        /// Why.
        reason: String,
        /// Where.
        path: PathBuf,
    },
    /// The file is not a zip, or a damaged one.
    #[error("this is not a Factcheck package (not a readable zip: {0})")]
    NotZip(String),
    /// No manifest, or an unreadable one.
    #[error("the package has no readable manifest.json: {0}")]
    BadManifest(String),
    /// A name that climbs out of the folder.
    #[error("the package holds a path that escapes the folder ({0:?}); nothing was unpacked")]
    PathEscapes(String),
    /// An absolute path.
    #[error("the package holds an absolute path ({0:?}); nothing was unpacked")]
    AbsolutePath(String),
    /// A symbolic link.
    #[error("the package holds a symbolic link ({0:?}); nothing was unpacked")]
    Symlink(String),
    /// Two entries with one name (named when known).
    #[error(
        "the package holds two files with the same name{}; nothing was unpacked",
        .0.as_ref().map(|n| format!(" ({n:?})")).unwrap_or_default()
    )]
    DuplicateName(Option<String>),
    /// Too many files.
    #[error("the package holds {count} files, more than the {limit} allowed; nothing was unpacked")]
    TooManyEntries {
        /// How many.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Expands to too much.
    #[error(
        "the package would expand to more than {limit} bytes (a zip bomb?); nothing was unpacked"
    )]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// Compressed far too well.
    #[error("{name:?} expands {ratio} times its packed size (a zip bomb?); nothing was unpacked")]
    Ratio {
        /// The entry.
        name: String,
        /// Its ratio.
        ratio: u64,
    },
    /// Files do not match the manifest; one line per file.
    #[error("{} do not match the manifest; nothing was unpacked", count_files(.0.len()))]
    Mismatch(Vec<String>),
    /// A file of the package is already in the target folder.
    #[error("{0} already exists; unpack into an empty folder")]
    Exists(PathBuf),
}

fn count_files(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

fn io_err<'a>(what: &'static str, path: &'a Path) -> impl Fn(std::io::Error) -> PackError + 'a {
    move |e| PackError::Io {
        what,
        reason: crate::io::project_file::plain_io_reason(&e),
        path: path.to_path_buf(),
    }
}

/// Write the project saved at `project_path` (as given in `project`) and its captures into a
/// package at `out`, atomically. Returns the manifest written.
pub fn pack_project(
    project: &Project,
    project_path: &Path,
    out: &Path,
    options: &PackOptions,
) -> Result<Manifest, PackError> {
    let project = if options.without_confidential {
        without_confidential(project)
    } else {
        project.clone()
    };
    let store = EvidenceStore::for_project(project_path);
    let project_name = project_path.file_name().map_or_else(
        || "project.ron".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let evidence_name = evidence_dir(Path::new(&project_name))
        .to_string_lossy()
        .into_owned();
    let ron = crate::io::to_ron_string(&project).map_err(|e| PackError::Io {
        what: "could not write the project",
        reason: e.to_string(),
        path: project_path.to_path_buf(),
    })?;
    // Files by path inside the package (sorted, each once).
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(project_name.clone(), ron.into_bytes());
    for source in &project.sources {
        for capture in &source.captures {
            for sha in std::iter::once(&capture.sha256).chain(capture.text_sha256.as_ref()) {
                let relative =
                    EvidenceStore::relative_path(sha).map_err(|e| PackError::Capture {
                        sha256: sha.clone(),
                        source_title: source.display_title().to_owned(),
                        reason: e.to_string(),
                    })?;
                let name = format!("{evidence_name}/{}", slash_path(&relative));
                if files.contains_key(&name) {
                    continue;
                }
                let bytes = store.get(sha).map_err(|e| PackError::Capture {
                    sha256: sha.clone(),
                    source_title: source.display_title().to_owned(),
                    reason: e.to_string(),
                })?;
                files.insert(name, bytes);
            }
        }
    }
    let resources: Vec<Resource> = files
        .iter()
        .map(|(path, bytes)| Resource {
            path: path.clone(),
            bytes: bytes.len() as u64,
            hash: format!("sha256:{}", sha256_hex(bytes)),
        })
        .collect();
    let manifest = Manifest {
        profile: PROFILE.to_owned(),
        version: 1,
        project: project_name,
        created: chrono::Utc::now().to_rfc3339(),
        without_confidential: options.without_confidential,
        resources,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let write_err = io_err("could not write the package", out);
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-pack-")
        .tempfile_in(&dir)
        .map_err(&write_err)?;
    {
        let mut zip = zip::ZipWriter::new(tmp.as_file_mut());
        let manifest_json = serde_json::to_vec_pretty(&manifest).map_err(|e| PackError::Io {
            what: "could not write the package",
            reason: e.to_string(),
            path: out.to_path_buf(),
        })?;
        let zip_err = |e: zip::result::ZipError| PackError::Io {
            what: "could not write the package",
            reason: e.to_string(),
            path: out.to_path_buf(),
        };
        zip.start_file(MANIFEST, entry_options(MANIFEST, &manifest_json))
            .map_err(zip_err)?;
        zip.write_all(&manifest_json).map_err(&write_err)?;
        for (name, bytes) in &files {
            zip.start_file(name.as_str(), entry_options(name, bytes))
                .map_err(zip_err)?;
            zip.write_all(bytes).map_err(&write_err)?;
        }
        zip.finish().map_err(zip_err)?;
    }
    tmp.as_file().sync_all().map_err(&write_err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(&write_err)?;
    }
    tmp.persist(out).map_err(|e| write_err(e.error))?;
    Ok(manifest)
}

fn entry_options(name: &str, bytes: &[u8]) -> zip::write::SimpleFileOptions {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    // Evidence files have no extension: sniff already-compressed media by their first bytes.
    let compressed = STORED_EXTENSIONS.contains(&ext.as_str())
        || super::extract::sniff_media_type(bytes, None, "").is_image()
        || bytes.starts_with(b"%PDF-")
        || bytes.starts_with(b"PK\x03\x04");
    let method = if compressed {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(bytes.len() as u64 >= u64::from(u32::MAX))
        .unix_permissions(0o644)
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The project without confidential sources, the evidence citing them, or their captures.
#[must_use]
pub fn without_confidential(project: &Project) -> Project {
    let mut project = project.clone();
    let confidential: HashSet<_> = project
        .sources
        .iter()
        .filter(|s| s.confidential)
        .map(|s| s.id)
        .collect();
    project.sources.retain(|s| !s.confidential);
    for claim in &mut project.claims {
        claim.evidence.retain(|e| !confidential.contains(&e.source));
    }
    // Unresolved conflicts may quote confidential sources.
    project.conflicts.clear();
    project
}

/// A package restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unpacked {
    /// The restored project file.
    pub project: PathBuf,
    /// Number of files restored (manifest excluded).
    pub files: usize,
    /// The manifest.
    pub manifest: Manifest,
}

/// Unpack `pack` into `dir` with the default limits.
pub fn unpack(pack: &Path, dir: &Path) -> Result<Unpacked, PackError> {
    unpack_with(pack, dir, UnpackLimits::default())
}

/// Unpack `pack` into `dir` (created if needed): check every name and size first, expand into
/// a staging folder inside `dir`, check each file against the manifest, then move the files
/// into place. On any error nothing is left in `dir`.
pub fn unpack_with(pack: &Path, dir: &Path, limits: UnpackLimits) -> Result<Unpacked, PackError> {
    crate::io::regular_file_metadata(pack).map_err(io_err("could not open the package", pack))?;
    let file = std::fs::File::open(pack).map_err(io_err("could not open the package", pack))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| zip_open_error(&e))?;
    let names = check_entries(&mut archive, limits)?;
    std::fs::create_dir_all(dir).map_err(io_err("could not create the folder", dir))?;
    let staging = tempfile::Builder::new()
        .prefix(".factcheck-unpack-")
        .tempdir_in(dir)
        .map_err(io_err("could not create a staging folder", dir))?;
    let mut contents: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut manifest_bytes = None;
    let mut budget = limits.max_total_bytes;
    for (index, name) in names.iter().enumerate() {
        let mut entry = archive.by_index(index).map_err(|e| zip_open_error(&e))?;
        if entry.is_dir() {
            continue;
        }
        // Headers can lie about sizes: never read more than the budget left.
        let mut bytes = Vec::new();
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| PackError::NotZip(e.to_string()))?;
        if bytes.len() as u64 > budget {
            return Err(PackError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        budget -= bytes.len() as u64;
        if name == MANIFEST {
            manifest_bytes = Some(bytes);
            continue;
        }
        let target = staging.path().join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_err("could not unpack", &target))?;
        }
        std::fs::write(&target, &bytes).map_err(io_err("could not unpack", &target))?;
        contents.insert(
            name.clone(),
            (bytes.len() as u64, format!("sha256:{}", sha256_hex(&bytes))),
        );
    }
    let manifest: Manifest = serde_json::from_slice(
        &manifest_bytes.ok_or_else(|| PackError::BadManifest("it is missing".to_owned()))?,
    )
    .map_err(|e| PackError::BadManifest(e.to_string()))?;
    if manifest.profile != PROFILE {
        return Err(PackError::BadManifest(format!(
            "its profile is {:?}, not {PROFILE:?}",
            manifest.profile
        )));
    }
    let problems = compare(&manifest, &contents);
    if !problems.is_empty() {
        return Err(PackError::Mismatch(problems));
    }
    if !contents.contains_key(&manifest.project) || manifest.project.contains('/') {
        return Err(PackError::BadManifest(format!(
            "its project file {:?} is not in the package",
            manifest.project
        )));
    }
    // Refuse to overwrite anything, then move everything into place.
    for name in contents.keys() {
        let target = dir.join(name);
        if target.exists() {
            return Err(PackError::Exists(target));
        }
    }
    for name in contents.keys() {
        let (from, to) = (staging.path().join(name), dir.join(name));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io_err("could not unpack", &to))?;
        }
        std::fs::rename(&from, &to).map_err(io_err("could not unpack", &to))?;
    }
    Ok(Unpacked {
        project: dir.join(&manifest.project),
        files: contents.len(),
        manifest,
    })
}

fn zip_open_error(e: &zip::result::ZipError) -> PackError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("duplicate") {
        PackError::DuplicateName(None)
    } else {
        PackError::NotZip(text)
    }
}

/// Check every entry's name, kind and declared size before anything is written; returns the
/// names in archive order.
fn check_entries<R: std::io::Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    limits: UnpackLimits,
) -> Result<Vec<String>, PackError> {
    if archive.has_duplicate_names() {
        return Err(PackError::DuplicateName(None));
    }
    if archive.len() > limits.max_entries {
        return Err(PackError::TooManyEntries {
            count: archive.len(),
            limit: limits.max_entries,
        });
    }
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(archive.len());
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| zip_open_error(&e))?;
        let name = entry
            .name()
            .map_err(|e| PackError::NotZip(format!("a file name cannot be read: {e}")))?
            .into_owned();
        check_name(&name)?;
        if entry.is_symlink() {
            return Err(PackError::Symlink(name));
        }
        if !seen.insert(name.clone()) {
            return Err(PackError::DuplicateName(Some(name)));
        }
        total = total.saturating_add(entry.size());
        if total > limits.max_total_bytes {
            return Err(PackError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        let ratio = entry.size() / entry.compressed_size().max(1);
        if entry.size() > 1024 * 1024 && ratio > limits.max_ratio {
            return Err(PackError::Ratio { name, ratio });
        }
        names.push(name);
    }
    Ok(names)
}

/// A name must be a plain relative path: no `..`, no root, no drive, no backslash, no NUL.
fn check_name(name: &str) -> Result<(), PackError> {
    let bytes = name.as_bytes();
    let absolute = name.starts_with('/')
        || name.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':');
    if absolute {
        return Err(PackError::AbsolutePath(name.to_owned()));
    }
    let escapes = name.is_empty()
        || name.contains('\0')
        || name.contains('\\')
        || name.split('/').any(|part| part == ".." || part == ".");
    if escapes {
        return Err(PackError::PathEscapes(name.to_owned()));
    }
    Ok(())
}

/// Compare what is in the package with its manifest: one line per file that differs.
fn compare(manifest: &Manifest, contents: &BTreeMap<String, (u64, String)>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut listed = HashSet::new();
    for resource in &manifest.resources {
        listed.insert(resource.path.as_str());
        match contents.get(&resource.path) {
            None => problems.push(format!(
                "  {}: listed in the manifest but not in the package",
                resource.path
            )),
            Some((size, hash)) if *hash != resource.hash || *size != resource.bytes => problems
                .push(format!(
                    "  {}: the manifest says {} ({} bytes), the file is {hash} ({size} bytes)",
                    resource.path, resource.hash, resource.bytes
                )),
            Some(_) => {}
        }
    }
    for name in contents.keys() {
        if !listed.contains(name.as_str()) {
            problems.push(format!("  {name}: in the package but not in the manifest"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(check_name("p.ron").is_ok());
        assert!(check_name("p.evidence/sha256/ab/abc").is_ok());
        assert!(matches!(check_name("../x"), Err(PackError::PathEscapes(_))));
        assert!(matches!(
            check_name("a/../../x"),
            Err(PackError::PathEscapes(_))
        ));
        assert!(matches!(
            check_name("/etc/x"),
            Err(PackError::AbsolutePath(_))
        ));
        assert!(matches!(
            check_name("C:/x"),
            Err(PackError::AbsolutePath(_))
        ));
        assert!(matches!(
            check_name("a\\..\\x"),
            Err(PackError::PathEscapes(_))
        ));
    }
}
