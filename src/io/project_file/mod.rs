//! The `.ron` project file: versioned, pretty-printed, deterministic, saved atomically.
//!
//! The format is documented in `docs/project-format.md`. Loading never trusts the file: size,
//! encoding, the number of values, the length of every text, syntax, nesting depth and
//! version are checked before anything large is built; unknown fields are reported; anchors
//! that no longer fit the text are reported and kept as orphans (see
//! [`Project::repair`](crate::model::Project::repair)). What is guaranteed, and how it is
//! tested, is in `docs/robustness.md`.
//!
//! `error` holds the error types, `scan` the lexical pre-scan, `stamp` the file stamp that
//! detects changes by others, `load` and `save` the two directions, `split` the parse of a
//! large file on two threads.

mod error;
mod load;
mod save;
mod scan;
mod split;
mod stamp;

pub use error::{LoadError, LoadErrorKind, SaveError, plain_io_reason};
pub use load::{Loaded, from_ron_bytes, from_ron_str, load_project, load_project_stamped};
pub use save::{save_project, save_project_checked, to_ron_string};
pub use scan::Scan;
pub use stamp::{FileIdentity, FileStamp};

/// Project files larger than this are refused (a 5 MB book with 10,000 claims is ~20 MB).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting accepted in a project file (ours needs about 8).
pub const MAX_DEPTH: usize = 64;

/// Most values (structures, lists and texts) a project file may hold. A 10,000-claim project
/// has about 600,000; the limit keeps a hostile file of millions of empty claims from
/// exhausting memory.
pub const MAX_VALUES: usize = 2_000_000;

/// Longest text allowed in any field but the article text (which may have
/// [`MAX_ARTICLE_BYTES`](crate::io::article::MAX_ARTICLE_BYTES)), measured as written in the
/// file.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

/// The load pipeline stage by stage, for benchmarks and profiling.
/// [`load_project_stamped`] runs `read`, `sha256` (the stamp), `text`, `scan`, `parse`, then
/// [`Project::repair`](crate::model::Project::repair) and
/// [`Project::sort_claims`](crate::model::Project::sort_claims).
pub mod stages {
    pub use super::load::{parse, parse_whole, read, scan, text};
    pub use super::stamp::sha256;
}
