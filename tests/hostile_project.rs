//! Broken and hostile project files: each is refused or repaired with its own specific,
//! plain-words message, through the library and through `factcheck show`.
//! Fixtures are in `tests/fixtures/hostile/`; very large ones are made here at run time.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;
use factcheck::io::project_file::{MAX_DEPTH, MAX_FIELD_BYTES, MAX_PROJECT_BYTES, MAX_VALUES};
use factcheck::io::{LoadErrorKind, from_ron_str, load_project};
use factcheck::model::ProjectWarning;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// The error message of loading `path`, checked to be the same in the library and the CLI.
fn load_error(path: &Path) -> anyhow::Result<String> {
    let message = match load_project(path) {
        Ok(_) => anyhow::bail!("{} loaded, but should not have", path.display()),
        Err(e) => e.to_string(),
    };
    let output = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .arg("show")
        .arg(path)
        .output()?;
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("Error: {message}\n"),
        "the CLI prints the message once, with nothing added"
    );
    let suffix = format!(" ({})", path.display());
    message
        .strip_suffix(&suffix)
        .map(str::to_owned)
        .context("the message ends with the path")
}

/// The warnings of loading `path`, checked to be printed by the CLI too.
fn load_warnings(path: &Path) -> anyhow::Result<Vec<String>> {
    let loaded = load_project(path)?;
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let output = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .arg("show")
        .arg(path)
        .output()?;
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let printed: Vec<&str> = stderr.lines().collect();
    assert_eq!(printed.len(), warnings.len(), "{stderr}");
    for line in printed {
        assert!(line.starts_with("Warning: "), "{line}");
    }
    Ok(warnings)
}

#[test]
fn plain_text_is_not_a_project() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("plain-text.ron"))?,
        "The file is not a Factcheck project: it starts with \"Hello, this is an ar\" at line 1, column 1, which looks like plain text, while a project file starts with \"(\""
    );
    Ok(())
}

#[test]
fn json_is_not_a_project() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("json.ron"))?,
        "The file is not a Factcheck project: it starts with \"{\\\"format_version\\\": 1\" at line 1, column 1, which looks like JSON, while a project file starts with \"(\""
    );
    Ok(())
}

#[test]
fn html_is_not_a_project() -> anyhow::Result<()> {
    assert!(
        load_error(&fixture("html.ron"))?
            .contains("which looks like HTML or XML, while a project file starts with \"(\"")
    );
    Ok(())
}

#[test]
fn binary_is_not_text() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("binary.ron"))?,
        "The file is not text (not valid UTF-8 at byte 0), so it is not a Factcheck project"
    );
    Ok(())
}

#[test]
fn empty_and_blank_files_hold_no_project() -> anyhow::Result<()> {
    for name in ["empty.ron", "whitespace.ron"] {
        assert_eq!(
            load_error(&fixture(name))?,
            "The file is empty, so it holds no project"
        );
    }
    Ok(())
}

#[test]
fn truncated_files_say_where_they_end() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("truncated.ron"))?,
        "The file ends too early, at line 11, column 66: it was probably cut off while being copied or saved"
    );
    assert_eq!(
        load_error(&fixture("truncated-between-values.ron"))?,
        "The file ends too early, at line 6, column 1: it was probably cut off while being copied or saved"
    );
    Ok(())
}

#[test]
fn deep_nesting_is_refused_at_its_place() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("deep.ron"))?,
        format!(
            "The file is nested more than {MAX_DEPTH} levels deep at line 3, column 76; a project never needs that, so it was not read"
        )
    );
    // Far deeper than any stack could take, and unbalanced.
    let text = format!("(format_version: 1, claims: {}", "[".repeat(5_000_000));
    assert!(matches!(
        from_ron_str(&text),
        Err(LoadErrorKind::TooDeep { line: 1, .. })
    ));
    Ok(())
}

#[test]
fn future_versions_ask_for_an_update() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("future-version.ron"))?,
        "The file uses project format 7, but this version of Factcheck Workbench reads formats up to 1; please update the app"
    );
    Ok(())
}

#[test]
fn a_file_without_version_is_not_a_project() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("no-version.ron"))?,
        "This is not a Factcheck project file (it has no format_version)"
    );
    Ok(())
}

#[test]
fn syntax_errors_give_line_column_and_what_was_expected() -> anyhow::Result<()> {
    assert_eq!(
        load_error(&fixture("syntax-error.ron"))?,
        "Not a valid project file at line 5, column 28: Expected integer"
    );
    assert!(load_error(&fixture("unknown-variant.ron"))?.starts_with(
        "Not a valid project file at line 4, column 60: Unexpected variant named `Podcast` in enum `SourceKind`"
    ));
    Ok(())
}

#[test]
fn huge_files_are_refused_before_reading() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("huge.ron");
    // A sparse file: takes no disk space, but its size is over the limit.
    std::fs::File::create(&path)?.set_len(MAX_PROJECT_BYTES + 1)?;
    assert_eq!(
        load_error(&path)?,
        format!(
            "The file is {} bytes, more than the {MAX_PROJECT_BYTES} bytes a project file may have",
            MAX_PROJECT_BYTES + 1
        )
    );
    Ok(())
}

#[test]
fn enormous_strings_are_refused_naming_the_field() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("long.ron");
    let long = "x".repeat(MAX_FIELD_BYTES + 1);
    std::fs::write(
        &path,
        format!(
            "(\n    format_version: 1,\n    claims: [\n        (conclusion: \"{long}\"),\n    ],\n)\n"
        ),
    )?;
    assert_eq!(
        load_error(&path)?,
        format!(
            "The text of `claims.conclusion` at line 4, column 22 is {} bytes long, more than the {MAX_FIELD_BYTES} bytes allowed there",
            MAX_FIELD_BYTES + 1
        )
    );
    // The article text may be longer than other fields.
    let project = format!("(format_version: 1, article: (text: r#\"{long}\"#))");
    assert_eq!(
        from_ron_str(&project)?.project.article.text.len(),
        long.len()
    );
    Ok(())
}

#[test]
fn millions_of_empty_claims_are_refused_without_building_them() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("many.ron");
    let text = format!(
        "(format_version: 1, claims: [{}])",
        "(),".repeat(MAX_VALUES)
    );
    std::fs::write(&path, text)?;
    assert_eq!(
        load_error(&path)?,
        format!(
            "The file holds more than {MAX_VALUES} values (claims, sources, texts, lists); a project never needs that many, so it was not read"
        )
    );
    Ok(())
}

#[test]
fn a_folder_is_not_a_project() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    assert_eq!(
        load_error(dir.path())?,
        "Could not read the file: there is a folder with that name"
    );
    assert_eq!(
        load_error(&dir.path().join("missing.ron"))?,
        "Could not read the file: the file does not exist (was it moved or removed?)"
    );
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_instead_of_waiting_for_a_writer() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("project.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status()?.success());
    // Opening a pipe for reading waits for a writer: a regression would hang, so the
    // library calls run on a thread with a deadline.
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let project = load_project(&path).err().map(|e| e.to_string());
        let article = factcheck::io::import_article_file(&path)
            .err()
            .map(|e| e.to_string());
        let _ = tx.send((project, article));
    });
    let (project, article) = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .context("loading a named pipe did not return within 30 s")?;
    assert!(project.is_some() && article.is_some(), "both refused");
    assert!(
        article.is_some_and(|a| a.contains("not a regular file")),
        "the article import says why"
    );
    assert_eq!(
        load_error(&fifo)?,
        "Could not read the file: not a regular file (a named pipe or a device)"
    );
    Ok(())
}

#[test]
fn unknown_fields_are_warned_about_with_their_place() -> anyhow::Result<()> {
    assert_eq!(
        load_warnings(&fixture("unknown-fields.ron"))?,
        [
            "Unknown field \"workflow\" in the project was ignored; it will not be kept when the project is saved",
            "Unknown field \"highlight\" in claims[0].anchor was ignored; it will not be kept when the project is saved",
        ]
    );
    Ok(())
}

#[test]
fn bad_anchors_are_reported_per_claim_and_kept_as_orphans() -> anyhow::Result<()> {
    let path = fixture("bad-anchors.ron");
    assert_eq!(
        load_warnings(&path)?,
        [
            "Claim 00000000-0000-4000-8000-000000000002 (\"beyond\") no longer fits the article: the quoted range 10..9000 ends past the end of the article (19 characters); it was kept as an orphan",
            "Claim 00000000-0000-4000-8000-000000000003 (\"👩\") starts or ends inside a character, at character offset 8 of the article; it was kept as an orphan",
            "Claim 00000000-0000-4000-8000-000000000004 (\"Friend\") no longer fits the article: the text at 0..6 is \"Family\", not the quote \"Friend\"; it was kept as an orphan",
            "Claim 00000000-0000-4000-8000-000000000005 (\"\") no longer fits the article: the quoted range 5..2 is empty or reversed; it was kept as an orphan",
        ]
    );
    let project = load_project(&path)?.project;
    assert_eq!(project.claims.len(), 5, "no claim is dropped");
    assert_eq!(project.claims.iter().filter(|c| c.orphan).count(), 4);
    Ok(())
}

#[test]
fn duplicate_ids_are_renewed_and_reported() -> anyhow::Result<()> {
    let path = fixture("duplicate-ids.ron");
    let warnings = load_project(&path)?.warnings;
    let new_claim_id = match &warnings[..] {
        [
            ProjectWarning::DuplicateClaimId { new_id, .. },
            ProjectWarning::DuplicateSourceId { .. },
        ] => *new_id,
        other => anyhow::bail!("unexpected warnings {other:?}"),
    };
    let texts = load_warnings(&path)?;
    assert!(texts[0].starts_with(
        "Two claims share the id 22222222-2222-4222-8222-222222222222; the second was given the new id "
    ));
    assert!(texts[1].starts_with(
        "Two sources share the id 11111111-1111-4111-8111-111111111111; the second was given the new id "
    ));
    assert!(warnings[0].to_string().ends_with(&new_claim_id.to_string()));
    Ok(())
}

#[test]
fn missing_sources_get_a_placeholder() -> anyhow::Result<()> {
    let path = fixture("missing-source.ron");
    assert_eq!(
        load_warnings(&path)?,
        [
            "Claim 22222222-2222-4222-8222-222222222222 cites source 33333333-3333-4333-8333-333333333333, which is not in the source library; a placeholder source was added"
        ]
    );
    let project = load_project(&path)?.project;
    assert_eq!(project.sources.len(), 1);
    assert_eq!(
        project.sources[0].title,
        "(missing source: restored placeholder)"
    );
    Ok(())
}

#[test]
fn a_broken_file_points_to_its_backup() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let project = factcheck::model::Project::new("Text.", Default::default());
    factcheck::io::save_project(&project, &path)?;
    factcheck::io::save_project(&project, &path)?;
    std::fs::write(&path, "(format_version: 1, claims: [")?;
    let err = load_project(&path).err().context("loads")?;
    assert_eq!(
        err.backup(),
        Some(factcheck::io::atomic::backup_path(&path))
    );
    assert!(load_project(&err.backup().context("backup")?).is_ok());
    Ok(())
}
