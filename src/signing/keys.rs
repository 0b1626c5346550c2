//! Signing keys: this machine's Ed25519 key in the config folder (created on first need,
//! readable by the owner only), the store of colleagues' keys, and the key file format.

use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::SigningError;
use super::digest::hex;

/// File name of this machine's secret key in the config folder.
const KEY_FILE: &str = "signing-key";
/// File name of the trust store in the config folder.
const TRUST_FILE: &str = "trusted-keys.ron";
/// First word of a line of a key file.
const KEY_LINE_TAG: &str = "factcheck-ed25519";

/// The config folder: `$FACTCHECK_CONFIG_DIR`, else the platform's config folder
/// (`$XDG_CONFIG_HOME/factcheck` or `~/.config/factcheck` on Linux,
/// `~/Library/Application Support/factcheck` on macOS, `%APPDATA%\factcheck` on Windows).
pub fn config_dir() -> Result<PathBuf, SigningError> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("FACTCHECK_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let base = if cfg!(windows) {
        var("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        var("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".config")))
    };
    base.map(|b| b.join("factcheck"))
        .ok_or(SigningError::NoConfigDir)
}

/// The short fingerprint of a public key (hex): the first 16 hex digits of its SHA-256.
#[must_use]
pub fn fingerprint(public_key_hex: &str) -> String {
    let bytes = parse_hex::<32>(public_key_hex)
        .map_or_else(|| public_key_hex.as_bytes().to_vec(), |b| b.to_vec());
    hex(&Sha256::digest(&bytes))[..16].to_owned()
}

/// Parse exactly `N` bytes of hex.
#[must_use]
pub fn parse_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != N * 2 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(out)
}

/// A public key as hex, checked to be a valid Ed25519 point.
pub fn parse_public_key(text: &str) -> Result<VerifyingKey, SigningError> {
    parse_hex::<32>(text)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .ok_or_else(|| SigningError::BadKey(text.chars().take(80).collect()))
}

/// This machine's signing key.
pub struct OwnKey {
    key: SigningKey,
}

impl OwnKey {
    /// Load the key from `dir`, creating it (and the folder) when there is none yet.
    pub fn load_or_create(dir: &Path) -> Result<Self, SigningError> {
        match Self::load(dir)? {
            Some(key) => Ok(key),
            None => Self::create(dir),
        }
    }

    /// Load the key from `dir`; `None` when there is no key yet.
    pub fn load(dir: &Path) -> Result<Option<Self>, SigningError> {
        let path = dir.join(KEY_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SigningError::Io(e, path)),
        };
        let seed = parse_hex::<32>(&text).ok_or(SigningError::DamagedKey(path))?;
        Ok(Some(Self {
            key: SigningKey::from_bytes(&seed),
        }))
    }

    fn create(dir: &Path) -> Result<Self, SigningError> {
        create_private_dir(dir)?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| SigningError::Random(e.to_string()))?;
        let key = SigningKey::from_bytes(&seed);
        let path = dir.join(KEY_FILE);
        write_private(&path, &hex(&seed))?;
        seed.fill(0);
        Ok(Self { key })
    }

    /// The public key, hex.
    #[must_use]
    pub fn public_hex(&self) -> String {
        hex(self.key.verifying_key().as_bytes())
    }

    /// Sign `message`; the signature as hex.
    #[must_use]
    pub fn sign(&self, message: &[u8]) -> String {
        use ed25519_dalek::Signer as _;
        hex(&self.key.sign(message).to_bytes())
    }
}

fn create_private_dir(dir: &Path) -> Result<(), SigningError> {
    std::fs::create_dir_all(dir).map_err(|e| SigningError::Io(e, dir.to_path_buf()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| SigningError::Io(e, dir.to_path_buf()))?;
    }
    Ok(())
}

/// Write `text` to `path` readable and writable by the owner only (0600 on Unix), atomically.
fn write_private(path: &Path, text: &str) -> Result<(), SigningError> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let io = |e| SigningError::Io(e, path.to_path_buf());
    // tempfile creates files with mode 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A colleague's key this machine knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownKey {
    /// The name it came with.
    pub name: String,
    /// Public key, hex.
    pub key: String,
    /// Whether the user vouched for it (`factcheck keys trust`).
    #[serde(default)]
    pub trusted: bool,
}

/// Colleagues' public keys, imported from key files or projects, and whether each is trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustStore {
    /// This machine's own public key (always trusted), when it has one.
    #[serde(skip)]
    pub own: Option<String>,
    /// Known keys.
    #[serde(default)]
    pub keys: Vec<KnownKey>,
}

/// How much this machine knows about a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyTrust {
    /// This machine's own key.
    Own,
    /// Imported and vouched for.
    Trusted,
    /// Imported, not vouched for yet.
    Known,
    /// Never seen.
    Unknown,
}

impl TrustStore {
    /// Load the store (and the own public key) from `dir`; empty when there is none.
    pub fn load(dir: &Path) -> Result<Self, SigningError> {
        let path = dir.join(TRUST_FILE);
        let mut store = match std::fs::read_to_string(&path) {
            Ok(text) => ron::from_str::<Self>(&text)
                .map_err(|e| SigningError::DamagedStore(e.to_string(), path.clone()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(e) => return Err(SigningError::Io(e, path)),
        };
        store.own = OwnKey::load(dir)?.map(|k| k.public_hex());
        Ok(store)
    }

    /// Save the store to `dir` (owner-only permissions).
    pub fn save(&self, dir: &Path) -> Result<(), SigningError> {
        create_private_dir(dir)?;
        let path = dir.join(TRUST_FILE);
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| SigningError::DamagedStore(e.to_string(), path.clone()))?;
        write_private(&path, &text)
    }

    /// How far `key` (hex) is trusted.
    #[must_use]
    pub fn trust(&self, key: &str) -> KeyTrust {
        let key = key.trim().to_ascii_lowercase();
        if self.own.as_deref() == Some(key.as_str()) {
            return KeyTrust::Own;
        }
        match self.keys.iter().find(|k| k.key == key) {
            Some(k) if k.trusted => KeyTrust::Trusted,
            Some(_) => KeyTrust::Known,
            None => KeyTrust::Unknown,
        }
    }

    /// Add a key as known (not trusted); returns whether it was new.
    pub fn add(&mut self, name: &str, key: &str) -> Result<bool, SigningError> {
        parse_public_key(key)?;
        let key = key.trim().to_ascii_lowercase();
        if self.own.as_deref() == Some(key.as_str()) || self.keys.iter().any(|k| k.key == key) {
            return Ok(false);
        }
        self.keys.push(KnownKey {
            name: name.trim().to_owned(),
            key,
            trusted: false,
        });
        Ok(true)
    }

    /// Trust the known key whose fingerprint is or starts with `fingerprint` (at least 8 hex
    /// digits; `:` and spaces are ignored). Returns the key.
    pub fn trust_fingerprint(&mut self, fingerprint_text: &str) -> Result<KnownKey, SigningError> {
        let wanted: String = fingerprint_text
            .chars()
            .filter(|c| !matches!(c, ':' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        if wanted.len() < 8 {
            return Err(SigningError::NoSuchKey(fingerprint_text.to_owned()));
        }
        let matches: Vec<usize> = (0..self.keys.len())
            .filter(|&i| fingerprint(&self.keys[i].key).starts_with(&wanted))
            .collect();
        match matches.as_slice() {
            [i] => {
                self.keys[*i].trusted = true;
                Ok(self.keys[*i].clone())
            }
            [] => Err(SigningError::NoSuchKey(fingerprint_text.to_owned())),
            _ => Err(SigningError::AmbiguousKey(fingerprint_text.to_owned())),
        }
    }
}

/// One line of a key file: `factcheck-ed25519 HEX NAME`.
#[must_use]
pub fn key_file_line(name: &str, key: &str) -> String {
    format!("{KEY_LINE_TAG} {key} {}", name.trim())
}

/// Read the keys of a key file (lines made by [`key_file_line`]; `#` comments and blank
/// lines ignored). Returns (name, key) pairs.
pub fn parse_key_file(text: &str) -> Result<Vec<(String, String)>, SigningError> {
    let mut keys = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(KEY_LINE_TAG), Some(key), name) => {
                parse_public_key(key)?;
                keys.push((name.unwrap_or_default().trim().to_owned(), key.to_owned()));
            }
            _ => return Err(SigningError::BadKey(line.chars().take(80).collect())),
        }
    }
    Ok(keys)
}
