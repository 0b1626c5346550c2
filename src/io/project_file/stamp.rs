//! The file stamp: what a project file looked like when it was loaded or saved (size,
//! modification time, file identity, SHA-256), and the cheap "is it still the same?" check.

use std::path::Path;
use std::time::{Duration, SystemTime};

use sha2::{Digest as _, Sha256};

/// What a file looked like when it was loaded or saved: size, modification time and a hash
/// of its content, plus where the file system keeps it. Comparing stamps tells whether
/// someone else changed the file since. Two stamps are equal when size, time and hash are.
#[derive(Clone, Debug, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Last modification time, where the file system reports one (for display only: content
    /// decides whether the file changed).
    pub modified: Option<SystemTime>,
    /// SHA-256 of the content.
    pub sha256: [u8; 32],
    /// Device, inode and change times (Unix), when they were old enough to be trusted at
    /// the time of the stamp: while they and the size are unchanged, so is the content, and
    /// [`FileStamp::changed_on_disk`] needs no hash. `None` means "hash to be sure".
    pub identity: Option<FileIdentity>,
}

impl PartialEq for FileStamp {
    fn eq(&self, other: &Self) -> bool {
        self.size == other.size && self.modified == other.modified && self.sha256 == other.sha256
    }
}

/// Where a file lives and when its inode last changed (Unix `st_dev`, `st_ino`,
/// `st_ctime`). Every write, rename over it, `chmod` or `touch` changes the status-change
/// time, which no ordinary program can set back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    /// Device number.
    pub dev: u64,
    /// Inode number.
    pub ino: u64,
    /// Status-change time, nanoseconds since 1970.
    pub ctime_ns: i64,
}

/// File times this close to the moment a stamp is taken are not trusted: a second write in
/// the same clock tick (file systems round times to a tick of up to 2 s) would leave them
/// unchanged ("racy" times, as git calls them).
const RACY: Duration = Duration::from_secs(2);

impl FileIdentity {
    /// The identity in `metadata`, where the platform has one.
    fn of(metadata: &std::fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Some(Self {
                dev: metadata.dev(),
                ino: metadata.ino(),
                ctime_ns: metadata
                    .ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(metadata.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }

    /// The identity in `metadata`, if its status-change and modification times are at
    /// least [`RACY`] older than `now`.
    fn trusted(metadata: &std::fs::Metadata, now: SystemTime) -> Option<Self> {
        let old = |t: SystemTime| t + RACY <= now;
        let mtime_old = metadata.modified().is_ok_and(old);
        Self::of(metadata).filter(|id| {
            let ctime = u64::try_from(id.ctime_ns).map_or(SystemTime::UNIX_EPOCH, |ns| {
                SystemTime::UNIX_EPOCH + Duration::from_nanos(ns)
            });
            mtime_old && old(ctime)
        })
    }
}

/// The SHA-256 of `bytes`.
#[must_use]
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

impl FileStamp {
    /// The stamp of `bytes` as read from a file with this modification time (with no
    /// identity, so a later [`FileStamp::changed_on_disk`] hashes the file).
    #[must_use]
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            size: bytes.len() as u64,
            modified,
            sha256: sha256(bytes),
            identity: None,
        }
    }

    /// The stamp of content with this size and hash, with the modification time and the
    /// identity of `metadata` (of the file the content was read from or written to).
    #[must_use]
    pub(crate) fn with_hash(size: u64, sha256: [u8; 32], metadata: &std::fs::Metadata) -> Self {
        Self {
            size,
            modified: metadata.modified().ok(),
            sha256,
            identity: FileIdentity::trusted(metadata, SystemTime::now()),
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
        Ok(Some(Self::with_hash(
            bytes.len() as u64,
            sha256(&bytes),
            &metadata,
        )))
    }

    /// Whether two stamps describe the same content (the modification time is ignored, so
    /// touching a file or checking it out again does not count as a change).
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        self.size == other.size && self.sha256 == other.sha256
    }

    /// Whether the file at `path` still holds the content this stamp describes: `Ok(None)`
    /// when it does (or when there is no file any more), `Ok(Some(now))` with its stamp now
    /// when someone changed it. Cheap when nothing happened to the file: when its size and
    /// trusted identity are those of the stamp, the file is not read; otherwise (a `touch`,
    /// a copy of the same content, a stamp taken just after a write) it is read and hashed.
    pub fn changed_on_disk(&self, path: &Path) -> std::io::Result<Option<Self>> {
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        if self.identity.is_some()
            && metadata.len() == self.size
            && metadata.modified().ok() == self.modified
            && FileIdentity::of(&metadata) == self.identity
        {
            return Ok(None);
        }
        match Self::read(path)? {
            Some(now) if !now.same_content(self) => Ok(Some(now)),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_compare_content_not_time() {
        let a = FileStamp::of_bytes(b"abc", None);
        let b = FileStamp::of_bytes(b"abc", Some(SystemTime::now()));
        let c = FileStamp::of_bytes(b"abd", None);
        assert!(a.same_content(&b));
        assert!(!a.same_content(&c));
    }

    #[test]
    fn a_change_right_after_the_stamp_is_found() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "abc")?;
        let stamp = FileStamp::read(&path)?.context("file exists")?;
        assert!(stamp.identity.is_none(), "times this fresh are not trusted");
        assert_eq!(stamp.changed_on_disk(&path)?, None, "untouched");
        // Same size, different content, written in place within the same clock tick.
        std::fs::write(&path, "abd")?;
        let now = stamp.changed_on_disk(&path)?.context("a change is found")?;
        assert!(!now.same_content(&stamp));
        std::fs::remove_file(&path)?;
        assert_eq!(
            stamp.changed_on_disk(&path)?,
            None,
            "a removed file is no conflict"
        );
        Ok(())
    }

    #[test]
    fn trusted_metadata_spares_the_hash_and_any_change_to_it_does_not() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "abc")?;
        let metadata = std::fs::metadata(&path)?;
        let later = SystemTime::now() + Duration::from_secs(60);
        // A stamp whose hash is wrong on purpose: only a check that hashes can notice.
        let stamp = FileStamp {
            identity: FileIdentity::trusted(&metadata, later),
            ..FileStamp::of_bytes(b"xyz", metadata.modified().ok())
        };
        assert!(stamp.identity.is_some());
        assert_eq!(
            stamp.changed_on_disk(&path)?,
            None,
            "metadata alone decided"
        );
        // Another program's atomic save gives the path a new inode, so the file is hashed.
        let other = dir.path().join("p.ron.tmp");
        std::fs::write(&other, "abc")?;
        std::fs::rename(&other, &path)?;
        let now = stamp
            .changed_on_disk(&path)?
            .context("hashed, and differs")?;
        assert_eq!(now.sha256, sha256(b"abc"));
        Ok(())
    }

    use anyhow::Context as _;
}
