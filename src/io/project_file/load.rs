//! Loading a project file, stage by stage: read (and hash), check the text, scan, parse,
//! repair, sort.

use std::path::Path;

use super::error::{LoadError, LoadErrorKind};
use super::scan::{Scan, line_col};
use super::stamp::{FileStamp, sha256};
use super::{MAX_DEPTH, MAX_PROJECT_BYTES};
use crate::model::{FORMAT_VERSION, Project, ProjectWarning};

/// Files from this size on are hashed on a second thread while they are parsed.
const PARALLEL_HASH_BYTES: usize = 1024 * 1024;

/// A project read from a file, with what had to be repaired.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Problems found and repaired without losing data, or ignored (unknown fields).
    pub warnings: Vec<ProjectWarning>,
}

/// Load a project file.
pub fn load_project(path: &Path) -> Result<Loaded, LoadError> {
    load_project_stamped(path).map(|(loaded, _stamp)| loaded)
}

/// Load a project file and take its [`FileStamp`], to pass to
/// [`save_project_checked`](super::save_project_checked) later.
pub fn load_project_stamped(path: &Path) -> Result<(Loaded, FileStamp), LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let (bytes, metadata) = read(path).map_err(err)?;
    // The stamp's hash is taken on a second thread while the text is parsed.
    let (hash, loaded) = if bytes.len() < PARALLEL_HASH_BYTES {
        (sha256(&bytes), from_ron_bytes(&bytes))
    } else {
        std::thread::scope(|scope| {
            let hash = scope.spawn(|| sha256(&bytes));
            let loaded = from_ron_bytes(&bytes);
            let hash = hash
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (hash, loaded)
        })
    };
    let stamp = FileStamp::with_hash(bytes.len() as u64, hash, &metadata);
    Ok((loaded.map_err(err)?, stamp))
}

/// Stage "read": the bytes of a project file and its metadata, refusing folders, pipes and
/// devices, files over
/// [`MAX_PROJECT_BYTES`] and empty files.
pub fn read(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), LoadErrorKind> {
    let metadata = crate::io::regular_file_metadata(path).map_err(LoadErrorKind::Read)?;
    if metadata.len() > MAX_PROJECT_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: metadata.len(),
            limit: MAX_PROJECT_BYTES,
        });
    }
    let bytes =
        read_at_most(path, MAX_PROJECT_BYTES, metadata.len()).map_err(LoadErrorKind::Read)?;
    if bytes.is_empty() {
        return Err(LoadErrorKind::Empty);
    }
    Ok((bytes, metadata))
}

/// Read a file, but never more than one byte past `limit` (it may grow after its size was
/// checked, or be a device that never ends). `expected` sizes the buffer once.
fn read_at_most(path: &Path, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let capacity = usize::try_from(expected.min(limit) + 1).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Parse the bytes of a project file: size, encoding, then everything [`from_ron_str`] does.
pub fn from_ron_bytes(bytes: &[u8]) -> Result<Loaded, LoadErrorKind> {
    from_ron_str(text(bytes)?)
}

/// Stage "text": the bytes as text, refusing more than [`MAX_PROJECT_BYTES`] and anything
/// that is not UTF-8.
pub fn text(bytes: &[u8]) -> Result<&str, LoadErrorKind> {
    if bytes.len() as u64 > MAX_PROJECT_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_PROJECT_BYTES,
        });
    }
    // The SIMD check is several times faster than the standard library's on text in many
    // scripts; only a refused file is checked again, for the place of the first bad byte.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| LoadErrorKind::NotText(e.valid_up_to())),
    }
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
    let (mut project, mut warnings) = parse(text, &scan)?;
    warnings.extend(project.repair());
    project.sort_claims();
    Ok(Loaded { project, warnings })
}

/// Stage "scan": the lexical pre-scan (limits, shape, version; see [`Scan`]). A file
/// written by a newer version is refused here.
pub fn scan(text: &str) -> Result<Scan, LoadErrorKind> {
    let scan = super::scan::scan(text)?;
    if let Some(found) = scan.format_version
        && found > FORMAT_VERSION
    {
        return Err(LoadErrorKind::NewerVersion {
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(scan)
}

/// Stage "parse": deserialise the project from text that passed [`scan`], with one warning
/// per unknown field. Neither repairs nor sorts.
pub fn parse(text: &str, scan: &Scan) -> Result<(Project, Vec<ProjectWarning>), LoadErrorKind> {
    if let Some(claims) = &scan.claims
        && let Some((project, unknown)) = super::split::parse_split(text, claims)
    {
        return version_checked(scan, project, unknown);
    }
    parse_whole(text, scan)
}

/// Stage "parse" on one thread: what [`parse`] does for small files and when the claims
/// list cannot be parsed apart (also to compare the two in benchmarks).
pub fn parse_whole(
    text: &str,
    scan: &Scan,
) -> Result<(Project, Vec<ProjectWarning>), LoadErrorKind> {
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let mut unknown = Vec::new();
    let project = parse_project(text, &options, &mut unknown).map_err(|e| {
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
    version_checked(scan, project, unknown)
}

/// The parsed project, unless the file had no version.
fn version_checked(
    scan: &Scan,
    project: Project,
    unknown: Vec<ProjectWarning>,
) -> Result<(Project, Vec<ProjectWarning>), LoadErrorKind> {
    if scan.format_version.is_none_or(|v| v == 0) {
        return Err(LoadErrorKind::NoVersion);
    }
    Ok((project, unknown))
}

/// Deserialise a [`Project`], collecting every ignored (unknown) field as a warning.
fn parse_project(
    text: &str,
    options: &ron::Options,
    unknown: &mut Vec<ProjectWarning>,
) -> Result<Project, ron::error::SpannedError> {
    let mut de = ron::Deserializer::from_str_with_options(text, options)?;
    let project = serde_ignored::deserialize(&mut de, |path| {
        unknown.push(unknown_field_warning(&path, None));
    })
    .map_err(|e| de.span_error(e))?;
    de.end().map_err(|e| de.span_error(e))?;
    Ok(project)
}

/// A warning naming an ignored field and where it is (`claims[2].anchor`). With
/// `claims_from: Some(k)`, `path` starts in a list of claims whose first is claim `k`.
pub(super) fn unknown_field_warning(
    path: &serde_ignored::Path<'_>,
    claims_from: Option<usize>,
) -> ProjectWarning {
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
    if let Some(first) = claims_from
        && let Some(index) = parts.first().and_then(|p| {
            p.strip_prefix('[')?
                .strip_suffix(']')?
                .parse::<usize>()
                .ok()
        })
    {
        parts[0] = format!("claims[{}]", first + index);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::project_file::to_ron_string;
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
    fn empty_fields_are_left_out_and_read_back_and_full_files_still_load() -> anyhow::Result<()> {
        let project = sample();
        let text = to_ron_string(&project)?;
        for left_out in [
            "tags:",
            "comments:",
            "history:",
            "created:",
            "orphan:",
            "conclusion:",
        ] {
            assert!(!text.contains(left_out), "{left_out} is written:\n{text}");
        }
        assert!(
            text.contains("\n\tclaims: [\n\t\t(\n\t\t\tid: "),
            "tab indented"
        );
        // The same project spelled out in full, as files were written before, with spaces.
        let full = ron::ser::to_string_pretty(&project, ron::ser::PrettyConfig::new())?;
        assert!(full.contains("tags: []") && full.contains("    "));
        assert_eq!(from_ron_str(&full)?.project, from_ron_str(&text)?.project);
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
}
