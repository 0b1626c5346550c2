//! The `.ron` project file: versioned, pretty-printed, deterministic, saved atomically.
//!
//! The format is documented in `docs/project-format.md`. Loading never trusts the file: size,
//! encoding, syntax, nesting depth and version are checked, and anchors that no longer fit
//! the text are reported and kept as orphans (see [`Project::repair`]).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::write_atomically;
use crate::model::{FORMAT_VERSION, Project, ProjectWarning};

/// Project files larger than this are refused (a 5 MB book with 10,000 claims is ~20 MB).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting accepted in a project file (ours needs about 8).
const MAX_DEPTH: usize = 64;

/// A project read from a file, with what had to be repaired.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Problems found and repaired without losing data.
    pub warnings: Vec<ProjectWarning>,
}

/// Why a project could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("could not read the file: {0}")]
    Read(#[source] std::io::Error),
    /// The file is larger than [`MAX_PROJECT_BYTES`].
    #[error("the file is {size} bytes, more than the {limit} bytes a project file may have")]
    TooLarge {
        /// File size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("the file is not text (not valid UTF-8 at byte {0}); is it really a .ron project?")]
    NotText(usize),
    /// RON syntax or structure error.
    #[error("not a valid project file at line {line}, column {col}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The file has no `format_version`.
    #[error("this is not a Factcheck project file (it has no format_version)")]
    NoVersion,
    /// The file was written by a newer version of the app.
    #[error(
        "the file uses project format {found}, but this version of Factcheck Workbench reads formats up to {supported}; please update the app"
    )]
    NewerVersion {
        /// Version in the file.
        found: u32,
        /// Newest this build reads.
        supported: u32,
    },
}

/// A load failure, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{kind} ({path})")]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong (part of the message, so not repeated as a source).
    pub kind: LoadErrorKind,
}

/// Why a project could not be saved. The project in memory is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Serialising failed (should not happen for a valid project).
    #[error("could not write the project as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// Writing the file failed.
    #[error("could not save: {message} ({path})")]
    Write {
        /// The file.
        path: PathBuf,
        /// Plain-words reason (says what the I/O error said).
        message: String,
        /// The I/O error.
        error: std::io::Error,
    },
}

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

/// Parse project text (as read from a file), checking version and repairing what can be.
pub fn from_ron_str(text: &str) -> Result<Loaded, LoadErrorKind> {
    #[derive(Deserialize)]
    struct VersionProbe {
        #[serde(default)]
        format_version: u32,
    }
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Read the version first, so a newer file is refused by version, not by a field error.
    match options.from_str::<VersionProbe>(text) {
        Ok(VersionProbe {
            format_version: found,
        }) if found > FORMAT_VERSION => {
            return Err(LoadErrorKind::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            });
        }
        Ok(VersionProbe { format_version: 0 }) => return Err(LoadErrorKind::NoVersion),
        _ => {}
    }
    let mut project: Project = options.from_str(text).map_err(|e| LoadErrorKind::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })?;
    let warnings = project.repair();
    project.sort_claims();
    Ok(Loaded { project, warnings })
}

/// Load a project file.
pub fn load_project(path: &Path) -> Result<Loaded, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| err(LoadErrorKind::Read(e)))?
        .len();
    if size > MAX_PROJECT_BYTES {
        return Err(err(LoadErrorKind::TooLarge {
            size,
            limit: MAX_PROJECT_BYTES,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| err(LoadErrorKind::Read(e)))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|e| err(LoadErrorKind::NotText(e.valid_up_to())))?;
    from_ron_str(text).map_err(err)
}

/// Save a project atomically (see [`write_atomically`]), keeping the previous version as
/// `NAME.ron.bak`.
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(project)?;
    write_atomically(path, text.as_bytes()).map_err(|error| SaveError::Write {
        path: path.to_path_buf(),
        message: plain_io_reason(&error),
        error,
    })
}

/// An I/O error in words a checker understands.
#[must_use]
pub fn plain_io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::PermissionDenied => "permission denied; the folder or file is read-only".into(),
        ErrorKind::NotFound => "the folder does not exist (was it moved or removed?)".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, ArticleMeta, Claim, TextIndex};

    fn sample() -> Project {
        let text = "Line one has \"quotes\" and a \\ backslash.\nLine two: 日本語 👩‍👩‍👧 r#\"raw\"#\n\ttab\u{0}nul\r";
        let mut project = Project::new(text, ArticleMeta::default());
        let index = TextIndex::new(text);
        project
            .claims
            .push(Claim::new(Anchor::from_range(text, &index, 42, 50)));
        project
            .claims
            .push(Claim::new(Anchor::from_range(text, &index, 0, 8)));
        project
    }

    #[test]
    fn round_trips_every_character_and_is_deterministic() -> anyhow::Result<()> {
        let project = sample();
        let text = to_ron_string(&project)?;
        let loaded = from_ron_str(&text)?;
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let mut sorted = project.clone();
        sorted.sort_claims();
        assert_eq!(loaded.project, sorted);
        assert_eq!(to_ron_string(&loaded.project)?, text);
        Ok(())
    }

    #[test]
    fn newer_version_is_refused_by_version() {
        let text = "(format_version: 99, something_new: [1, 2])";
        assert!(matches!(
            from_ron_str(text),
            Err(LoadErrorKind::NewerVersion {
                found: 99,
                supported: FORMAT_VERSION
            })
        ));
    }

    #[test]
    fn syntax_errors_say_where() {
        let text = "(format_version: 1,\n claims: [ (anchor: ( start: \"x\" ) ) ])";
        let err = from_ron_str(text).err();
        assert!(
            matches!(err, Some(LoadErrorKind::Syntax { line: 2, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn missing_version_is_not_a_project() {
        assert!(matches!(
            from_ron_str("(title: \"x\")"),
            Err(LoadErrorKind::NoVersion)
        ));
    }

    #[test]
    fn anchors_that_do_not_fit_become_orphans() -> anyhow::Result<()> {
        let mut project = sample();
        project.claims[0].anchor.end = 10_000;
        let loaded = from_ron_str(&to_ron_string(&project)?)?;
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.project.claims.iter().filter(|c| c.orphan).count(), 1);
        assert_eq!(loaded.project.claims.len(), 2);
        Ok(())
    }
}
