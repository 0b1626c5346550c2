//! Saving a project file: the canonical RON text, written atomically, optionally only if
//! the file on disk is still the one that was opened.

use std::path::Path;

use super::error::{SaveError, write_error};
use super::stamp::{FileStamp, sha256};
use crate::io::atomic::write_atomically;
use crate::model::{FORMAT_VERSION, Project};

/// Serialise a project to the canonical, deterministic RON text.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    // A project as loaded or edited is usually in canonical order already: then it is
    // written as it is, without a copy.
    let canonical;
    let project = if project.format_version == FORMAT_VERSION && project.claims_sorted() {
        project
    } else {
        let mut copy = project.clone();
        copy.format_version = FORMAT_VERSION;
        copy.sort_claims();
        canonical = copy;
        &canonical
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("\t")
        // Raw strings: the article's paragraphs stay on their own lines, so `git diff` and
        // merges stay line-based, and writing is about 3x faster than escaping.
        .escape_strings(false);
    let mut text =
        crate::model::omitting_empty_fields(|| ron::ser::to_string_pretty(project, config))?;
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
    // The check of the file on disk (which may read and hash it) runs while the project is
    // serialised, and the hash of the new text while it is written.
    let (text, changed) = std::thread::scope(|scope| {
        let check = expected.map(|e| scope.spawn(move || e.changed_on_disk(path)));
        let text = to_ron_string(project);
        (text, check.map(join))
    });
    let text = text?;
    if let Some(current) = changed
        .transpose()
        .map_err(|source| write_error(path, source))?
        .flatten()
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
            current,
        });
    }
    let bytes = text.as_bytes();
    let (written, hash) = std::thread::scope(|scope| {
        let hash = scope.spawn(|| sha256(bytes));
        (write_atomically(path, bytes), join(hash))
    });
    written.map_err(|source| write_error(path, source))?;
    let metadata = std::fs::metadata(path).map_err(|source| write_error(path, source))?;
    Ok(FileStamp::with_hash(text.len() as u64, hash, &metadata))
}

/// The result of a scoped thread; a panic in it goes on in the caller.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
