//! Files: the versioned project format with atomic saves, and article import.
//!
//! No UI here: the CLI, the app and tests call these functions directly.

pub mod article;
pub mod atomic;
pub mod project_file;
pub mod recovery;

pub use article::import_article_text;
pub use article::{ArticleError, ImportedArticle, import_article_bytes, import_article_file};
pub use project_file::{
    FileStamp, LoadErrorKind, from_ron_bytes, load_project_stamped, save_project_checked,
};
pub use project_file::{
    LoadError, Loaded, SaveError, from_ron_str, load_project, save_project, to_ron_string,
};
pub use recovery::{Autosaver, RecoveryInfo, RecoveryTarget, find_recovery, find_unsaved};

/// The metadata of `path`, refusing anything but a regular file: a folder, and a named pipe
/// or a device, whose reading would block or never end.
pub fn regular_file_metadata(path: &std::path::Path) -> std::io::Result<std::fs::Metadata> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_file() {
        Ok(metadata)
    } else if metadata.is_dir() {
        Err(std::io::ErrorKind::IsADirectory.into())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a named pipe or a device)",
        ))
    }
}
