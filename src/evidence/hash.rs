//! SHA-256 of bytes and of files, as 64 lowercase hex digits.

use std::io::Read as _;
use std::path::Path;

use sha2::{Digest as _, Sha256};

/// SHA-256 of `bytes` as lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file as lowercase hex, and its size, read in 1 MB blocks. Only regular files
/// are read: a named pipe or a device in the evidence folder would block or never end.
pub fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    crate::io::regular_file_metadata(path)?;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex(&hasher.finalize()), size))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Whether `s` looks like a SHA-256 in lowercase hex (so it is safe in a file name).
#[must_use]
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_instead_of_blocking() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(made.success(), "mkfifo");
        // Opening a pipe for reading would wait for a writer forever.
        let err = sha256_file(&fifo).expect_err("refused");
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert!(sha256_file(&dir.path().join("missing")).is_err());
        Ok(())
    }

    #[test]
    fn known_digest() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_sha256_hex(&sha256_hex(b"")));
        assert!(!is_sha256_hex("../etc/passwd"));
    }
}
