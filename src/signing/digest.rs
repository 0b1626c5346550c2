//! The canonical digest of what a sign-off covers: one SHA-256 per reviewed field, so a later
//! change names the fields that changed.

use sha2::{Digest as _, Sha256};

use crate::model::{Claim, Project, SealedField, Source};

/// The reviewed fields, in the order they are signed.
pub const REVIEWED_FIELDS: [&str; 7] = [
    "quote",
    "statement",
    "claimant",
    "verdict",
    "conclusion",
    "methodology",
    "evidence",
];

/// Appends length-prefixed strings, so no two different field values encode the same.
#[derive(Default)]
struct Canonical(Vec<u8>);

impl Canonical {
    fn text(&mut self, value: &str) -> &mut Self {
        self.0.extend_from_slice(value.len().to_string().as_bytes());
        self.0.push(b':');
        self.0.extend_from_slice(value.as_bytes());
        self.0.push(b'\n');
        self
    }

    fn sha256(&self) -> String {
        hex(&Sha256::digest(&self.0))
    }
}

/// Lowercase hex of `bytes`.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Capture hashes of a source, in capture order, included in the evidence digest.
///
/// MERGE HOOK (issue 11): the EVIDENCE branch adds `Source.captures` with a `sha256` field.
/// When it lands, return `source.captures.iter().map(|c| c.sha256.clone()).collect()` here:
/// sign-offs made from then on cover the captured copies; older seals stay valid because a
/// source without captures encodes exactly as before.
#[must_use]
pub fn capture_hashes(source: &Source) -> Vec<String> {
    let _ = source;
    Vec::new()
}

/// The digest of each reviewed field of `claim` as it is now, with its verdict replaced by
/// `verdict` (the published verdict while a correction waits for review).
#[must_use]
pub fn field_digests(project: &Project, claim: &Claim, verdict: Option<&str>) -> Vec<SealedField> {
    REVIEWED_FIELDS
        .iter()
        .map(|&field| {
            let mut c = Canonical::default();
            match field {
                "quote" => {
                    c.text(&claim.anchor.quote)
                        .text(&claim.anchor.prefix)
                        .text(&claim.anchor.suffix);
                }
                "statement" => {
                    c.text(&claim.statement);
                }
                "claimant" => {
                    c.text(&claim.claimant);
                }
                "verdict" => {
                    c.text(verdict.unwrap_or_default());
                }
                "conclusion" => {
                    c.text(&claim.conclusion);
                }
                "methodology" => {
                    c.text(&claim.methodology);
                }
                _ => evidence(&mut c, project, claim),
            }
            SealedField {
                field: field.to_owned(),
                sha256: c.sha256(),
            }
        })
        .collect()
}

fn evidence(c: &mut Canonical, project: &Project, claim: &Claim) {
    c.text(&claim.evidence.len().to_string());
    for e in &claim.evidence {
        let source = project.source(e.source);
        c.text(source.map_or("", |s| s.url.as_str()))
            .text(e.stance.label())
            .text(&e.quote);
        let captures = source.map(capture_hashes).unwrap_or_default();
        if !captures.is_empty() {
            c.text("captures");
            for hash in &captures {
                c.text(hash);
            }
        }
    }
}

/// The names of the fields whose digest differs between `signed` and `now` (a field missing
/// on either side counts as changed).
#[must_use]
pub fn changed_fields(signed: &[SealedField], now: &[SealedField]) -> Vec<String> {
    let mut changed: Vec<String> = now
        .iter()
        .filter(|f| !signed.contains(f))
        .map(|f| f.field.clone())
        .collect();
    for f in signed {
        if !now.iter().any(|n| n.field == f.field) && !changed.contains(&f.field) {
            changed.push(f.field.clone());
        }
    }
    changed
}
