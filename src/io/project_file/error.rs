//! Errors of loading and saving a project file, and I/O errors in plain words.

use std::path::PathBuf;

use super::stamp::FileStamp;
use crate::io::atomic::backup_path;

/// Why a project could not be loaded. Messages are plain words and say where.
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("Could not read the file: {}", plain_read_reason(.0))]
    Read(std::io::Error),
    /// The file is larger than [`MAX_PROJECT_BYTES`](super::MAX_PROJECT_BYTES).
    #[error("The file is {size} bytes, more than the {limit} bytes a project file may have")]
    TooLarge {
        /// File size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file has nothing in it.
    #[error("The file is empty, so it holds no project")]
    Empty,
    /// The file is not UTF-8 text.
    #[error("The file is not text (not valid UTF-8 at byte {0}), so it is not a Factcheck project")]
    NotText(usize),
    /// The file is text, but does not start like a RON project.
    #[error(
        "The file is not a Factcheck project: it starts with {found:?} at line {line}, column {col}{hint}, while a project file starts with \"(\""
    )]
    NotRon {
        /// The first few characters.
        found: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What it looks like instead (`", which looks like JSON"`), or nothing.
        hint: &'static str,
    },
    /// The file stops in the middle of the project.
    #[error(
        "The file ends too early, at line {line}, column {col}: it was probably cut off while being copied or saved"
    )]
    Truncated {
        /// 1-based line of the end.
        line: usize,
        /// 1-based column of the end.
        col: usize,
    },
    /// The file nests deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    #[error(
        "The file is nested more than {limit} levels deep at line {line}, column {col}; a project never needs that, so it was not read"
    )]
    TooDeep {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// The limit.
        limit: usize,
    },
    /// The file holds more than [`MAX_VALUES`](super::MAX_VALUES) values.
    #[error(
        "The file holds more than {limit} values (claims, sources, texts, lists); a project never needs that many, so it was not read"
    )]
    TooManyValues {
        /// The limit.
        limit: usize,
    },
    /// A text in the file is longer than allowed for its field.
    #[error(
        "The text of {field} at line {line}, column {col} is {bytes} bytes long, more than the {limit} bytes allowed there"
    )]
    TextTooLong {
        /// Which field, as a path (`claims.conclusion`).
        field: String,
        /// 1-based line where the text starts.
        line: usize,
        /// 1-based column where the text starts.
        col: usize,
        /// Its length as written in the file.
        bytes: usize,
        /// The limit for this field.
        limit: usize,
    },
    /// RON syntax or structure error.
    #[error("Not a valid project file at line {line}, column {col}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The file has no `format_version`.
    #[error("This is not a Factcheck project file (it has no format_version)")]
    NoVersion,
    /// The file was written by a newer version of the app.
    #[error(
        "The file uses project format {found}, but this version of Factcheck Workbench reads formats up to {supported}; please update the app"
    )]
    NewerVersion {
        /// Version in the file.
        found: u32,
        /// Newest this build reads.
        supported: u32,
    },
}

/// A load failure, naming the file (last, as every message does).
#[derive(Debug, thiserror::Error)]
#[error("{kind} ({})", path.display())]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong (already part of this error's message, so not its `source`).
    pub kind: LoadErrorKind,
}

impl LoadError {
    /// The previous version kept at the last save (`NAME.ron.bak`), when there is one, so the
    /// app can offer to open it instead.
    #[must_use]
    pub fn backup(&self) -> Option<PathBuf> {
        let backup = backup_path(&self.path);
        backup.is_file().then_some(backup)
    }
}

/// Why a project could not be saved. The project in memory is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Serialising failed (should not happen for a valid project).
    #[error("Could not write the project as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// Writing the file failed.
    #[error("Could not save: {message} ({})", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Plain-words reason (see [`plain_io_reason`]).
        message: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The file on disk is not the one that was opened or last saved: someone or something
    /// else changed it. Nothing was written.
    #[error(
        "Not saved: the file was changed on disk by someone else since it was opened or last saved here; save elsewhere, or overwrite it on purpose ({})",
        path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// What is on disk now.
        current: FileStamp,
    },
}

/// A [`SaveError::Write`] for `path`.
pub(super) fn write_error(path: &std::path::Path, source: std::io::Error) -> SaveError {
    SaveError::Write {
        path: path.to_path_buf(),
        message: plain_io_reason(&source),
        error: source,
    }
}

/// Why a file could not be read, in plain words.
pub(super) fn plain_read_reason(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        "the file does not exist (was it moved or removed?)".to_owned()
    } else {
        plain_io_reason(error)
    }
}

/// An I/O error in words a checker understands (lower case: it completes a sentence such as
/// "Could not save: …").
#[must_use]
pub fn plain_io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if let Some(backup) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::io::atomic::BackupFailed>())
    {
        return backup.to_string();
    }
    match error.kind() {
        ErrorKind::PermissionDenied => {
            "permission denied: the folder or the file is read-only, or belongs to someone else"
                .into()
        }
        ErrorKind::NotFound => {
            "the folder does not exist (was it moved, removed or unplugged?)".into()
        }
        ErrorKind::NotADirectory => "part of the folder path is a file, not a folder".into(),
        ErrorKind::IsADirectory => "there is a folder with that name".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::QuotaExceeded => "your disk quota is used up".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        ErrorKind::FileTooLarge => "the file is too large for this disk".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_are_plain_words() {
        let reason = |code| plain_io_reason(&std::io::Error::from_raw_os_error(code));
        assert_eq!(reason(28), "the disk is full"); // ENOSPC
        assert_eq!(reason(30), "the disk is read-only"); // EROFS
        assert_eq!(
            reason(13), // EACCES
            "permission denied: the folder or the file is read-only, or belongs to someone else"
        );
        assert_eq!(reason(122), "your disk quota is used up"); // EDQUOT
    }
}
