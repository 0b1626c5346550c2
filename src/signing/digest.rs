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

/// Capture hashes of a source, sorted, included in the evidence digest: a sign-off covers the
/// captured copies of the evidence it cites, whatever order two merged copies list them in.
/// A source without captures encodes exactly as before captures existed, so older seals stay
/// valid.
#[must_use]
pub fn capture_hashes(source: &Source) -> Vec<String> {
    let mut hashes: Vec<String> = source.captures.iter().map(|c| c.sha256.clone()).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Capture, Evidence, Stance, TextIndex};

    fn project_citing_a_source() -> Project {
        let mut project = Project::default();
        let text = "The unit was never formed.";
        project.article.text = text.into();
        let source = Source {
            url: "https://example.org/report".to_owned(),
            ..Source::default()
        };
        let mut claim = Claim::new(Anchor::from_range(text, &TextIndex::new(text), 0, 8));
        claim.evidence.push(Evidence {
            source: source.id,
            stance: Stance::default(),
            quote: "never formed".to_owned(),
            note: String::new(),
            passage: None,
        });
        project.sources.push(source);
        project.claims.push(claim);
        project
    }

    fn capture(sha256: &str) -> Capture {
        Capture {
            sha256: sha256.to_owned(),
            ..Capture::default()
        }
    }

    #[test]
    fn a_new_capture_of_cited_evidence_changes_the_evidence_digest_only() {
        let mut project = project_citing_a_source();
        let signed = field_digests(&project, &project.claims[0], None);
        project.sources[0].captures.push(capture(&"ab".repeat(32)));
        let now = field_digests(&project, &project.claims[0], None);
        assert_eq!(changed_fields(&signed, &now), vec!["evidence".to_owned()]);
    }

    #[test]
    fn the_order_of_captures_does_not_matter() {
        let mut a = project_citing_a_source();
        let mut b = a.clone();
        a.sources[0].captures = vec![capture(&"01".repeat(32)), capture(&"02".repeat(32))];
        b.sources[0].captures = vec![capture(&"02".repeat(32)), capture(&"01".repeat(32))];
        assert_eq!(
            field_digests(&a, &a.claims[0], None),
            field_digests(&b, &b.claims[0], None)
        );
    }
}
