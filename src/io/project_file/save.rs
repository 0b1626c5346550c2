//! Saving a project file: the canonical RON text, written atomically, optionally only if
//! the file on disk is still the one that was opened.

use std::path::Path;

use super::error::{SaveError, write_error};
use super::stamp::{FileStamp, sha256};
use crate::io::atomic::write_atomically;
use crate::model::{FORMAT_VERSION, Project};

/// Serialise a project to the canonical, deterministic RON text.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    let mut project = project.clone();
    project.format_version = FORMAT_VERSION;
    project.sort_claims();
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        // Raw strings: the article's paragraphs stay on their own lines, so `git diff` and
        // merges stay line-based, and writing is about 3x faster than escaping.
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(&project, config)?;
    text.push('\n');
    Ok(text)
}

/// Save a project atomically (see [`write_atomically`]), keeping the previous version as
/// `NAME.ron.bak`.
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(project)?;
    write_atomically(path, text.as_bytes()).map_err(|source| write_error(path, source))
}

/// Save a project atomically, but only if the file on disk is still the one described by
/// `expected` (taken by [`load_project_stamped`](super::load_project_stamped) or the
/// previous save); otherwise nothing is written and [`SaveError::ChangedOnDisk`] says so. A
/// file that was removed meanwhile is written again. `expected: None` (a first save, or Save
/// As) does not check. Returns the stamp of what was written, for the next save.
pub fn save_project_checked(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, SaveError> {
    let text = to_ron_string(project)?;
    if let Some(expected) = expected
        && let Some(current) = expected
            .changed_on_disk(path)
            .map_err(|source| write_error(path, source))?
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
            current,
        });
    }
    write_atomically(path, text.as_bytes()).map_err(|source| write_error(path, source))?;
    let hash = sha256(text.as_bytes());
    let metadata = std::fs::metadata(path).map_err(|source| write_error(path, source))?;
    Ok(FileStamp::with_hash(text.len() as u64, hash, &metadata))
}
