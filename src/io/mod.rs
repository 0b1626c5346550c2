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
