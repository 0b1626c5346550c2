//! Save failures and conflicting edits: each says what happened in plain words, names the
//! file last, writes nothing, and leaves the work in memory as it was.
//!
//! Tests run as root in CI, where permissions do not stop writes; they use failures root gets
//! too, and the read-only test runs itself again as the unprivileged user `nobody` when it
//! finds itself running as root.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use anyhow::Context as _;
use factcheck::io::{
    FileStamp, SaveError, load_project, load_project_stamped, save_project, save_project_checked,
};
use factcheck::model::{ArticleMeta, Project};

fn project(title: &str) -> Project {
    Project::new(
        "Putin met Trump.",
        ArticleMeta {
            title: title.to_owned(),
            ..ArticleMeta::default()
        },
    )
}

/// The message of a failed save, checked to end with the path and to leave memory as it was.
fn save_error(path: &Path) -> anyhow::Result<String> {
    let work = project("work");
    let before = work.clone();
    let err = save_project(&work, path)
        .err()
        .context("the save should have failed")?;
    assert_eq!(work, before);
    let message = err.to_string();
    let suffix = format!(" ({})", path.display());
    message
        .strip_suffix(&suffix)
        .map(str::to_owned)
        .context("the message ends with the path")
}

#[test]
fn a_missing_folder_is_named_as_such() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gone").join("p.ron");
    assert_eq!(
        save_error(&path)?,
        "Could not save: the folder does not exist (was it moved, removed or unplugged?)"
    );
    Ok(())
}

#[test]
fn a_file_in_the_folder_path_is_named_as_such() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x")?;
    assert_eq!(
        save_error(&file.join("p.ron"))?,
        "Could not save: part of the folder path is a file, not a folder"
    );
    Ok(())
}

#[test]
fn a_folder_in_the_way_is_named_as_such() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    std::fs::create_dir(&path)?;
    assert_eq!(
        save_error(&path)?,
        "Could not save: there is a folder with that name"
    );
    let leftovers = std::fs::read_dir(dir.path())?.count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
    Ok(())
}

fn running_as_root() -> anyhow::Result<bool> {
    let probe = tempfile::NamedTempFile::new()?;
    Ok(probe.as_file().metadata()?.uid() == 0)
}

/// Set in the copy of this test binary that runs as an unprivileged user.
const UNPRIVILEGED_CHILD: &str = "FACTCHECK_TEST_UNPRIVILEGED_CHILD";

/// Root may write to read-only folders, so as root the test `name` runs again as the user
/// `nobody` (uid 65534): this test binary is copied to a folder that user may read, and run
/// there with `setpriv` (or `runuser`). The child must run the test and pass it.
fn run_as_nobody(name: &str) -> anyhow::Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("factcheck-nobody-")
        .tempdir_in("/tmp")?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
    let exe = dir.path().join("hostile_save");
    std::fs::copy(std::env::current_exe()?, &exe)?;
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755))?;
    let test_args = [name, "--exact", "--nocapture", "--test-threads=1"];
    let mut command = if which("setpriv") {
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        command.arg(&exe);
        command
    } else if which("runuser") {
        let mut command = std::process::Command::new("runuser");
        command.args(["-u", "nobody", "--"]);
        command.arg(&exe);
        command
    } else if std::env::var_os("CI").is_some() {
        anyhow::bail!("running as root and neither setpriv nor runuser is installed");
    } else {
        eprintln!("skipped: running as root and neither setpriv nor runuser is installed");
        return Ok(());
    };
    let output = command
        .args(test_args)
        .env(UNPRIVILEGED_CHILD, "1")
        .env("TMPDIR", "/tmp")
        .current_dir(dir.path())
        .output()
        .context("could not run the test as nobody")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains(&format!("test {name} ... ok")),
        "the test as nobody failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
    Ok(())
}

/// Whether `program` is on the PATH.
fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[test]
fn a_read_only_folder_is_named_as_such() -> anyhow::Result<()> {
    if running_as_root()? {
        anyhow::ensure!(
            std::env::var_os(UNPRIVILEGED_CHILD).is_none(),
            "the unprivileged child is still root"
        );
        return run_as_nobody("a_read_only_folder_is_named_as_such");
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_project(&project("old"), &path)?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555))?;
    let result = save_error(&path);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
    assert_eq!(
        result?,
        "Could not save: permission denied: the folder or the file is read-only, or belongs to someone else"
    );
    assert_eq!(load_project(&path)?.project.article.meta.title, "old");
    Ok(())
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_project(&project("v1"), &path)?;
    let (_loaded, stamp) = load_project_stamped(&path)?;
    // Someone else saves their version.
    save_project(&project("theirs"), &path)?;
    let err = save_project_checked(&project("mine"), &path, Some(&stamp))
        .err()
        .context("the save should be refused")?;
    assert_eq!(
        err.to_string(),
        format!(
            "Not saved: the file was changed on disk by someone else since it was opened or last saved here; save elsewhere, or overwrite it on purpose ({})",
            path.display()
        )
    );
    let SaveError::ChangedOnDisk { current, .. } = err else {
        anyhow::bail!("wrong kind");
    };
    assert_eq!(Some(current), FileStamp::read(&path)?);
    assert_eq!(load_project(&path)?.project.article.meta.title, "theirs");
    // Overwriting on purpose (no expected stamp) works, and chains the stamp on.
    let stamp = save_project_checked(&project("mine"), &path, None)?;
    let stamp = save_project_checked(&project("mine 2"), &path, Some(&stamp))?;
    assert_eq!(Some(&stamp), FileStamp::read(&path)?.as_ref());
    assert_eq!(load_project(&path)?.project.article.meta.title, "mine 2");
    Ok(())
}

#[test]
fn touching_a_file_is_not_a_change_but_a_removed_file_is_written_again() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let stamp = save_project_checked(&project("v1"), &path, None)?;
    // Same content, new modification time (a `touch`, or a checkout of the same version).
    let same = std::fs::read(&path)?;
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, same)?;
    let stamp = save_project_checked(&project("v2"), &path, Some(&stamp))?;
    std::fs::remove_file(&path)?;
    save_project_checked(&project("v3"), &path, Some(&stamp))?;
    assert_eq!(load_project(&path)?.project.article.meta.title, "v3");
    Ok(())
}

#[test]
fn a_cli_export_over_a_private_file_keeps_it_private() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_project(&project("private notes"), &path)?;
    let out = dir.path().join("report.md");
    std::fs::write(&out, "old report")?;
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600))?;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .arg("export")
        .arg(&path)
        .args(["--format", "md", "-o"])
        .arg(&out)
        .output()?;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::read_to_string(&out)?.contains("private notes"));
    assert_eq!(
        std::fs::metadata(&out)?.permissions().mode() & 0o777,
        0o600,
        "the export kept the file's permissions"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
    Ok(())
}
