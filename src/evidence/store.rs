//! The evidence folder: `NAME.evidence/` beside `NAME.ron`, each file once under its SHA-256
//! at `sha256/ab/abcdef…` (the first two hex digits make a sub-folder so no folder grows huge).

use std::path::{Path, PathBuf};

use super::hash::{is_sha256_hex, sha256_file, sha256_hex};

/// Why the evidence folder could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The hash is not 64 lowercase hex digits (a damaged or hostile project file).
    #[error("{0:?} is not a SHA-256 (64 lowercase hex digits)")]
    BadHash(String),
    /// Writing failed; nothing half-written is left.
    #[error("could not store the capture: {reason} ({})", path.display())]
    Write {
        /// Why, in plain words.
        reason: String,
        /// Where.
        path: PathBuf,
    },
    /// Reading failed.
    #[error("could not read the capture: {reason} ({})", path.display())]
    Read {
        /// Why, in plain words.
        reason: String,
        /// Where.
        path: PathBuf,
    },
    /// The stored file is not what its name says.
    #[error("the stored file has changed: its SHA-256 is now {actual} ({})", path.display())]
    Changed {
        /// The hash of what is there now.
        actual: String,
        /// Where.
        path: PathBuf,
    },
}

/// The evidence folder of the project at `project`: `NAME.evidence` beside `NAME.ron`.
#[must_use]
pub fn evidence_dir(project: &Path) -> PathBuf {
    let stem = project
        .file_stem()
        .map_or_else(|| "project".into(), std::ffi::OsStr::to_os_string);
    let mut name = stem;
    name.push(".evidence");
    project.with_file_name(name)
}

/// A content-addressed folder of captures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceStore {
    root: PathBuf,
}

impl EvidenceStore {
    /// The store of the project saved at `project` (the folder need not exist yet).
    #[must_use]
    pub fn for_project(project: &Path) -> Self {
        Self::at(evidence_dir(project))
    }

    /// A store rooted at `root`.
    #[must_use]
    pub fn at(root: PathBuf) -> Self {
        Self { root }
    }

    /// The folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this SHA-256 is kept, relative to the store's root.
    pub fn relative_path(sha256: &str) -> Result<PathBuf, StoreError> {
        if !is_sha256_hex(sha256) {
            return Err(StoreError::BadHash(sha256.to_owned()));
        }
        Ok(PathBuf::from("sha256").join(&sha256[..2]).join(sha256))
    }

    /// Where the file with this SHA-256 is kept.
    pub fn path_of(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        Ok(self.root.join(Self::relative_path(sha256)?))
    }

    /// Whether a file is stored under this hash.
    #[must_use]
    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_ok_and(|p| p.is_file())
    }

    /// Store `bytes` under their SHA-256 and return it. A file already stored under that hash
    /// and still matching it is left alone; one that no longer matches is replaced. The write
    /// is atomic: a temporary file in the same folder, fsynced, then renamed.
    pub fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let path = self.path_of(&sha)?;
        if path.is_file() && sha256_file(&path).is_ok_and(|(actual, _)| actual == sha) {
            return Ok(sha);
        }
        let write_err = |e: std::io::Error| StoreError::Write {
            reason: crate::io::project_file::plain_io_reason(&e),
            path: path.clone(),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        crate::io::atomic::write_atomically_without_backup(&path, bytes).map_err(write_err)?;
        Ok(sha)
    }

    /// Read the file stored under `sha256`, checking that it still has that hash.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path_of(sha256)?;
        let read_err = |e: std::io::Error| StoreError::Read {
            reason: crate::io::project_file::plain_io_reason(&e),
            path: path.clone(),
        };
        crate::io::regular_file_metadata(&path).map_err(read_err)?;
        let bytes = std::fs::read(&path).map_err(read_err)?;
        let actual = sha256_hex(&bytes);
        if actual != sha256 {
            return Err(StoreError::Changed { actual, path });
        }
        Ok(bytes)
    }

    /// Read the extracted text stored under `sha256` (checked like [`Self::get`]).
    pub fn get_text(&self, sha256: &str) -> Result<String, StoreError> {
        let bytes = self.get(sha256)?;
        String::from_utf8(bytes).map_err(|_| StoreError::Read {
            reason: "the stored text is not UTF-8".to_owned(),
            path: self
                .root
                .join(Self::relative_path(sha256).unwrap_or_default()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_sits_beside_the_project() {
        assert_eq!(
            evidence_dir(Path::new("/a/b/check.ron")),
            PathBuf::from("/a/b/check.evidence")
        );
    }

    #[test]
    fn put_then_get_and_detect_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = EvidenceStore::at(dir.path().join("p.evidence"));
        let sha = store.put(b"hello").expect("stored");
        assert_eq!(store.put(b"hello").expect("again"), sha);
        assert_eq!(store.get(&sha).expect("read"), b"hello");
        let path = store.path_of(&sha).expect("path");
        assert!(path.ends_with(format!("sha256/{}/{sha}", &sha[..2])));
        std::fs::write(&path, b"hellO").expect("tamper");
        assert!(matches!(store.get(&sha), Err(StoreError::Changed { .. })));
        // Storing the same bytes again repairs it.
        store.put(b"hello").expect("repair");
        assert!(store.get(&sha).is_ok());
        assert!(matches!(
            store.path_of("../../x"),
            Err(StoreError::BadHash(_))
        ));
    }
}
