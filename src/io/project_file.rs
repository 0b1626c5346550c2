//! The `.ron` project file: versioned, pretty-printed, deterministic, saved atomically.
//!
//! The format is documented in `docs/project-format.md`. Loading never trusts the file: size,
//! encoding, the number of values, the length of every text, syntax, nesting depth and
//! version are checked before anything large is built; unknown fields are reported; anchors
//! that no longer fit the text are reported and kept as orphans (see [`Project::repair`]).
//! What is guaranteed, and how it is tested, is in `docs/robustness.md`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use super::article::MAX_ARTICLE_BYTES;
use super::atomic::{backup_path, write_atomically};
use crate::model::{FORMAT_VERSION, Project, ProjectWarning};

/// Project files larger than this are refused (a 5 MB book with 10,000 claims is ~20 MB).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting accepted in a project file (ours needs about 8).
pub const MAX_DEPTH: usize = 64;

/// Most values (structures, lists and texts) a project file may hold. A 10,000-claim project
/// has about 600,000; the limit keeps a hostile file of millions of empty claims from
/// exhausting memory.
pub const MAX_VALUES: usize = 2_000_000;

/// Longest text allowed in any field but the article text (which may have
/// [`MAX_ARTICLE_BYTES`]), measured as written in the file.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

/// A project read from a file, with what had to be repaired.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Problems found and repaired without losing data, or ignored (unknown fields).
    pub warnings: Vec<ProjectWarning>,
}

/// Why a project could not be loaded. Messages are plain words and say where.
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("Could not read the file: {}", plain_read_reason(.0))]
    Read(std::io::Error),
    /// The file is larger than [`MAX_PROJECT_BYTES`].
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
    /// The file nests deeper than [`MAX_DEPTH`].
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
    /// The file holds more than [`MAX_VALUES`] values.
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

/// What a file looked like when it was loaded or saved: size, modification time and a hash
/// of its content. Comparing stamps tells whether someone else changed the file since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Last modification time, where the file system reports one (for display only: content
    /// decides whether the file changed).
    pub modified: Option<SystemTime>,
    /// SHA-256 of the content.
    pub sha256: [u8; 32],
}

impl FileStamp {
    /// The stamp of `bytes` as read from a file with this modification time.
    #[must_use]
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            size: bytes.len() as u64,
            modified,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// The stamp of the file at `path` now, or `None` when there is no file.
    pub fn read(path: &Path) -> std::io::Result<Option<Self>> {
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let bytes = std::fs::read(path)?;
        Ok(Some(Self::of_bytes(&bytes, metadata.modified().ok())))
    }

    /// Whether two stamps describe the same content (the modification time is ignored, so
    /// touching a file or checking it out again does not count as a change).
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        self.size == other.size && self.sha256 == other.sha256
    }
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

/// Parse the bytes of a project file: size, encoding, then everything [`from_ron_str`] does.
pub fn from_ron_bytes(bytes: &[u8]) -> Result<Loaded, LoadErrorKind> {
    if bytes.len() as u64 > MAX_PROJECT_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_PROJECT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadErrorKind::NotText(e.valid_up_to()))?;
    from_ron_str(text)
}

/// Parse project text (as read from a file): check limits, shape and version, parse, then
/// repair what can be repaired (see [`Project::repair`]). Unknown fields become warnings.
pub fn from_ron_str(text: &str) -> Result<Loaded, LoadErrorKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_PROJECT_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_PROJECT_BYTES,
        });
    }
    // A cheap lexical pass first, so nothing large is built from a hostile file. It also
    // reads the version, so a newer file is refused by version, not by a field error.
    let scan = scan(text)?;
    if let Some(found) = scan.format_version
        && found > FORMAT_VERSION
    {
        return Err(LoadErrorKind::NewerVersion {
            found,
            supported: FORMAT_VERSION,
        });
    }
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let mut unknown = Vec::new();
    let mut project = parse_project(text, &options, &mut unknown).map_err(|e| {
        let (line, col) = (e.span.start.line, e.span.start.col);
        match e.code {
            ron::Error::Eof => {
                let (line, col) = line_col(text, text.len());
                LoadErrorKind::Truncated { line, col }
            }
            _ if scan.unterminated => {
                let (line, col) = line_col(text, text.len());
                LoadErrorKind::Truncated { line, col }
            }
            ron::Error::ExceededRecursionLimit => LoadErrorKind::TooDeep {
                line,
                col,
                limit: MAX_DEPTH,
            },
            code => LoadErrorKind::Syntax {
                line,
                col,
                message: code.to_string(),
            },
        }
    })?;
    if scan.format_version.is_none_or(|v| v == 0) {
        return Err(LoadErrorKind::NoVersion);
    }
    let mut warnings = unknown;
    warnings.extend(project.repair());
    project.sort_claims();
    Ok(Loaded { project, warnings })
}

/// Deserialise a [`Project`], collecting every ignored (unknown) field as a warning.
fn parse_project(
    text: &str,
    options: &ron::Options,
    unknown: &mut Vec<ProjectWarning>,
) -> Result<Project, ron::error::SpannedError> {
    let mut de = ron::Deserializer::from_str_with_options(text, options)?;
    let project = serde_ignored::deserialize(&mut de, |path| {
        unknown.push(unknown_field_warning(&path));
    })
    .map_err(|e| de.span_error(e))?;
    de.end().map_err(|e| de.span_error(e))?;
    Ok(project)
}

/// A warning naming an ignored field and where it is (`claims[2].anchor`).
fn unknown_field_warning(path: &serde_ignored::Path<'_>) -> ProjectWarning {
    use serde_ignored::Path;
    fn segments(path: &Path<'_>, out: &mut Vec<String>) {
        match path {
            Path::Root => {}
            Path::Seq { parent, index } => {
                segments(parent, out);
                out.push(format!("[{index}]"));
            }
            Path::Map { parent, key } => {
                segments(parent, out);
                out.push(key.clone());
            }
            Path::Some { parent }
            | Path::NewtypeStruct { parent }
            | Path::NewtypeVariant { parent } => segments(parent, out),
        }
    }
    let mut parts = Vec::new();
    segments(path, &mut parts);
    let field = parts.pop().unwrap_or_default();
    let mut location = String::new();
    for part in parts {
        if !location.is_empty() && !part.starts_with('[') {
            location.push('.');
        }
        location.push_str(&part);
    }
    if location.is_empty() {
        location.push_str("the project");
    }
    ProjectWarning::UnknownField { field, location }
}

/// What the lexical pass found.
struct Scan {
    /// The text ends inside a string, a comment or an open bracket.
    unterminated: bool,
    /// The top-level `format_version`, when there is one and it is a number.
    format_version: Option<u32>,
}

/// 1-based line and column (in chars) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A lexical pass over RON text, without building anything: refuses text that does not start
/// like a project, counts values against [`MAX_VALUES`], measures every string against the
/// limit of its field, and notes whether the text ends in the middle of something. Strings,
/// raw strings, chars and (nested) comments are skipped as RON defines them.
fn scan(text: &str) -> Result<Scan, LoadErrorKind> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut values = 0usize;
    // Field names of the open brackets (empty for a bracket with no field name).
    let mut keys: Vec<&str> = Vec::new();
    let mut pending_ident: Option<&str> = None;
    let mut current_key: Option<&str> = None;
    let mut seen_token = false;
    let mut unterminated = false;
    let mut format_version = None;
    while i < bytes.len() {
        let b = bytes[i];
        // Comments.
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = memchr_from(bytes, b'\n', i).unwrap_or(bytes.len());
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let mut depth = 0usize;
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (Some(b'/'), Some(b'*')) => {
                        depth += 1;
                        i += 2;
                    }
                    (Some(b'*'), Some(b'/')) => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    (Some(_), _) => i += 1,
                    (None, _) => {
                        unterminated = true;
                        break;
                    }
                }
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !seen_token {
            seen_token = true;
            check_start(text, i)?;
        }
        // Strings: "...", r#"..."#, b"...", br"...".
        let raw_start = match b {
            b'"' => Some((i, i + 1, 0usize, false)),
            b'r' | b'b' if pending_ident.is_none() => string_start(bytes, i),
            _ => None,
        };
        if let Some((start, body, hashes, raw)) = raw_start {
            let end = if raw {
                find_raw_end(bytes, body, hashes)
            } else {
                find_string_end(bytes, body)
            };
            let (len, next) = match end {
                Some(end) => (end - body, end + 1 + hashes),
                None => {
                    unterminated = true;
                    (bytes.len() - body, bytes.len())
                }
            };
            values += 1;
            check_string(text, &keys, current_key, start, len)?;
            current_key = None;
            i = next;
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => {
                values += 1;
                keys.push(current_key.take().unwrap_or(""));
                pending_ident = None;
                if keys.len() > MAX_DEPTH {
                    let (line, col) = line_col(text, i);
                    return Err(LoadErrorKind::TooDeep {
                        line,
                        col,
                        limit: MAX_DEPTH,
                    });
                }
            }
            b')' | b']' | b'}' => {
                keys.pop();
                pending_ident = None;
                current_key = None;
            }
            b':' => current_key = pending_ident.take(),
            b',' => {
                pending_ident = None;
                current_key = None;
            }
            b'\'' => {
                // A char literal: skip to its closing quote.
                let body = i + 1;
                let skip = usize::from(bytes.get(body) == Some(&b'\\'));
                i = memchr_from(bytes, b'\'', body + skip + 1).map_or(bytes.len(), |e| e);
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'#' | b'.' | b'+' | b'-')
                        || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                pending_ident = text.get(start..i);
                if keys.len() == 1 && current_key == Some("format_version") {
                    format_version = pending_ident.and_then(|v| v.parse().ok());
                }
                continue;
            }
            _ => {}
        }
        if values > MAX_VALUES {
            return Err(LoadErrorKind::TooManyValues { limit: MAX_VALUES });
        }
        i += 1;
    }
    if values > MAX_VALUES {
        return Err(LoadErrorKind::TooManyValues { limit: MAX_VALUES });
    }
    if !seen_token {
        return Err(LoadErrorKind::Empty);
    }
    Ok(Scan {
        unterminated: unterminated || !keys.is_empty(),
        format_version,
    })
}

/// Position of the next `needle` at or after `from`.
fn memchr_from(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

/// If a string literal starts at `i` (`r"`, `r#"`, `b"`, `br#"`): (start, body start, number
/// of `#`, raw).
fn string_start(bytes: &[u8], i: usize) -> Option<(usize, usize, usize, bool)> {
    let mut j = i;
    if bytes.get(j) == Some(&b'b') {
        j += 1;
    }
    let raw = bytes.get(j) == Some(&b'r');
    if raw {
        j += 1;
    }
    let hashes = bytes[j.min(bytes.len())..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    if hashes > 0 && !raw {
        return None;
    }
    j += hashes;
    (bytes.get(j) == Some(&b'"') && j > i).then_some((i, j + 1, hashes, raw))
}

/// Index of the closing `"` of an escaped string whose body starts at `body`.
fn find_string_end(bytes: &[u8], body: usize) -> Option<usize> {
    let mut j = body;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// Index of the `"` that, followed by `hashes` `#`, closes a raw string.
fn find_raw_end(bytes: &[u8], body: usize, hashes: usize) -> Option<usize> {
    let mut j = body;
    while let Some(q) = memchr_from(bytes, b'"', j) {
        let closing = bytes.get(q + 1..q + 1 + hashes)?;
        if closing.iter().all(|&b| b == b'#') {
            return Some(q);
        }
        j = q + 1;
    }
    None
}

/// Refuse text whose first token cannot start a project: `(` or a struct name and `(`.
fn check_start(text: &str, at: usize) -> Result<(), LoadErrorKind> {
    let rest = &text[at..];
    let ident_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let after_ident = rest[ident_len..].trim_start();
    if rest.starts_with('(')
        || rest.starts_with("#![")
        || (ident_len > 0 && after_ident.starts_with('('))
    {
        return Ok(());
    }
    let hint = match rest.as_bytes().first() {
        Some(b'{') => ", which looks like JSON",
        Some(b'<') => ", which looks like HTML or XML",
        Some(b'[') => ", which is a list, not a project",
        Some(b) if b.is_ascii_alphabetic() => ", which looks like plain text",
        _ => "",
    };
    let (line, col) = line_col(text, at);
    Err(LoadErrorKind::NotRon {
        found: rest.chars().take(20).collect(),
        line,
        col,
        hint,
    })
}

/// Refuse a string longer than its field allows.
fn check_string(
    text: &str,
    keys: &[&str],
    key: Option<&str>,
    start: usize,
    len: usize,
) -> Result<(), LoadErrorKind> {
    if len <= MAX_FIELD_BYTES {
        return Ok(());
    }
    let mut path: Vec<&str> = keys.iter().copied().filter(|k| !k.is_empty()).collect();
    path.extend(key);
    let field = path.join(".");
    let limit = if field == "article.text" {
        usize::try_from(MAX_ARTICLE_BYTES).unwrap_or(usize::MAX)
    } else {
        MAX_FIELD_BYTES
    };
    if len <= limit {
        return Ok(());
    }
    let (line, col) = line_col(text, start);
    Err(LoadErrorKind::TextTooLong {
        field: if field.is_empty() {
            "a value".to_owned()
        } else {
            format!("`{field}`")
        },
        line,
        col,
        bytes: len,
        limit,
    })
}

/// Load a project file.
pub fn load_project(path: &Path) -> Result<Loaded, LoadError> {
    load_project_stamped(path).map(|(loaded, _stamp)| loaded)
}

/// Load a project file and take its [`FileStamp`], to pass to [`save_project_checked`] later.
pub fn load_project_stamped(path: &Path) -> Result<(Loaded, FileStamp), LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let metadata = std::fs::metadata(path).map_err(|e| err(LoadErrorKind::Read(e)))?;
    if metadata.is_dir() {
        return Err(err(LoadErrorKind::Read(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        ))));
    }
    if metadata.len() > MAX_PROJECT_BYTES {
        return Err(err(LoadErrorKind::TooLarge {
            size: metadata.len(),
            limit: MAX_PROJECT_BYTES,
        }));
    }
    let bytes = read_at_most(path, MAX_PROJECT_BYTES).map_err(|e| err(LoadErrorKind::Read(e)))?;
    let stamp = FileStamp::of_bytes(&bytes, metadata.modified().ok());
    if bytes.is_empty() {
        return Err(err(LoadErrorKind::Empty));
    }
    let loaded = from_ron_bytes(&bytes).map_err(err)?;
    Ok((loaded, stamp))
}

/// Read a file, but never more than one byte past `limit` (it may grow after its size was
/// checked, or be a device that never ends).
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Save a project atomically (see [`write_atomically`]), keeping the previous version as
/// `NAME.ron.bak`.
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(project)?;
    write_atomically(path, text.as_bytes()).map_err(|source| write_error(path, source))
}

/// Save a project atomically, but only if the file on disk is still the one described by
/// `expected` (taken by [`load_project_stamped`] or the previous save); otherwise nothing is
/// written and [`SaveError::ChangedOnDisk`] says so. A file that was removed meanwhile is
/// written again. `expected: None` (a first save, or Save As) does not check. Returns the
/// stamp of what was written, for the next save.
pub fn save_project_checked(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, SaveError> {
    let text = to_ron_string(project)?;
    if let Some(expected) = expected {
        let current = FileStamp::read(path).map_err(|source| write_error(path, source))?;
        if let Some(current) = current
            && !current.same_content(expected)
        {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
                current,
            });
        }
    }
    write_atomically(path, text.as_bytes()).map_err(|source| write_error(path, source))?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(FileStamp::of_bytes(text.as_bytes(), modified))
}

fn write_error(path: &Path, source: std::io::Error) -> SaveError {
    SaveError::Write {
        path: path.to_path_buf(),
        message: plain_io_reason(&source),
        error: source,
    }
}

/// Why a file could not be read, in plain words.
fn plain_read_reason(error: &std::io::Error) -> String {
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
        .and_then(|inner| inner.downcast_ref::<super::atomic::BackupFailed>())
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

    #[test]
    fn scan_skips_strings_raw_strings_and_comments() -> anyhow::Result<()> {
        let text = "// c ( [\n/* a /* nested ( */ [ */ (format_version: 1, article: (text: r#\"a \"( [ \"# ), publishing: (organisation: \"x \\\" ( [\"))";
        let loaded = from_ron_str(text)?;
        assert_eq!(&*loaded.project.article.text, "a \"( [ ");
        assert_eq!(loaded.project.publishing.organisation, "x \" ( [");
        Ok(())
    }

    #[test]
    fn unknown_fields_are_named_with_their_place() -> anyhow::Result<()> {
        let text = "(format_version: 1, colour: 3, claims: [(), (anchor: (start: 0, glow: [1]))])";
        let loaded = from_ron_str(text)?;
        let unknown: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|w| matches!(w, ProjectWarning::UnknownField { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            unknown,
            [
                "Unknown field \"colour\" in the project was ignored; it will not be kept when the project is saved",
                "Unknown field \"glow\" in claims[1].anchor was ignored; it will not be kept when the project is saved",
            ]
        );
        Ok(())
    }

    #[test]
    fn stamps_compare_content_not_time() {
        let a = FileStamp::of_bytes(b"abc", None);
        let b = FileStamp::of_bytes(b"abc", Some(SystemTime::now()));
        let c = FileStamp::of_bytes(b"abd", None);
        assert!(a.same_content(&b));
        assert!(!a.same_content(&c));
    }

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
