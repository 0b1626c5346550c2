//! Atomic file replacement: a reader (or a crash) sees the old file or the new one, never a
//! mix and never nothing.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Where the previous version of `path` is kept: `NAME.ron.bak` next to it.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replace `path` with `bytes` atomically: write a temporary file in the same folder, flush
/// and fsync it, keep the previous version as [`backup_path`], rename the temporary file over
/// `path`, then fsync the folder so the rename itself survives a power cut.
///
/// On any error `path` is left as it was and the temporary file is removed. When only the
/// backup could not be written, the error wraps a [`BackupFailed`] that says so.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true)
}

/// Like [`write_atomically`], but without keeping a backup (for recovery files, which are
/// rewritten every few seconds).
pub fn write_atomically_without_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false)
}

/// The previous version could not be kept as `NAME.ron.bak`, so nothing was saved. The
/// message says what happened and why, then the backup's path last.
#[derive(Debug, thiserror::Error)]
#[error(
    "the previous version could not be kept, so nothing was saved: {reason} ({})",
    backup.display()
)]
pub struct BackupFailed {
    /// Where the backup should have gone.
    pub backup: PathBuf,
    /// Why it failed, in plain words.
    pub reason: String,
}

fn replace(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    // Temporary files are created private (0600); a saved project keeps the permissions of
    // the file it replaces, or gets the usual ones (0644 less the umask), so colleagues
    // sharing the folder can still read it.
    tmp.as_file()
        .set_permissions(permissions_for(path, tmp.as_file())?)?;
    tmp.as_file().sync_all()?;
    if keep_backup && path.exists() {
        // Keep the previous version. Copy (not rename) so `path` never disappears.
        let backup = backup_path(path);
        keep_copy(path, &backup, &dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                BackupFailed {
                    reason: super::project_file::plain_io_reason(&e),
                    backup,
                },
            )
        })?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// The permissions a file written over `path` should have: those of the file it replaces,
/// else read-write for the owner and readable by others (the umask still applies on Unix).
fn permissions_for(path: &Path, tmp: &std::fs::File) -> io::Result<std::fs::Permissions> {
    if let Ok(metadata) = std::fs::metadata(path) {
        return Ok(metadata.permissions());
    }
    #[cfg(unix)]
    {
        let _ = tmp;
        use std::os::unix::fs::PermissionsExt as _;
        Ok(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        let mut permissions = tmp.metadata()?.permissions();
        permissions.set_readonly(false);
        Ok(permissions)
    }
}

/// Copy `from` to `to` atomically through a temporary file in `dir`.
fn keep_copy(from: &Path, to: &Path, dir: &Path) -> io::Result<()> {
    if to.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    let mut backup_tmp = tempfile::Builder::new()
        .prefix(".factcheck-bak-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    io::copy(&mut File::open(from)?, backup_tmp.as_file_mut())?;
    backup_tmp
        .as_file()
        .set_permissions(permissions_for(from, backup_tmp.as_file())?)?;
    backup_tmp.as_file().sync_all()?;
    backup_tmp.persist(to).map_err(|e| e.error)?;
    Ok(())
}

/// fsync a folder so that renames in it are durable. Best effort: not every platform or file
/// system allows opening a folder.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ignored = handle.sync_all();
    }
}

/// Remove a file if it exists; other errors are returned.
pub fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn saved_files_are_readable_by_colleagues_and_keep_their_mode() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        write_atomically(&path, b"one")?;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o644);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        write_atomically(&path, b"two")?;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    #[test]
    fn replaces_file_and_keeps_backup() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        write_atomically(&path, b"one")?;
        assert!(!backup_path(&path).exists());
        write_atomically(&path, b"two")?;
        assert_eq!(fs::read(&path)?, b"two");
        assert_eq!(fs::read(backup_path(&path))?, b"one");
        let leftovers = fs::read_dir(dir.path())?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0);
        Ok(())
    }

    #[test]
    fn a_backup_that_cannot_be_kept_stops_the_save_and_says_why() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        write_atomically(&path, b"one")?;
        fs::create_dir(backup_path(&path))?;
        let err = write_atomically(&path, b"two").err();
        let message = err
            .as_ref()
            .map(super::super::project_file::plain_io_reason)
            .unwrap_or_default();
        assert_eq!(
            message,
            format!(
                "the previous version could not be kept, so nothing was saved: there is a folder with that name ({})",
                backup_path(&path).display()
            )
        );
        assert_eq!(fs::read(&path)?, b"one");
        Ok(())
    }

    #[test]
    fn without_backup_leaves_no_bak() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("r.recovery");
        write_atomically_without_backup(&path, b"one")?;
        write_atomically_without_backup(&path, b"two")?;
        assert_eq!(fs::read(&path)?, b"two");
        assert!(!backup_path(&path).exists());
        Ok(())
    }
}
