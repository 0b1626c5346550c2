//! `factcheck review` (sign off, send back, reopen, correct) and the sign-off part of
//! `factcheck verify`.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};
use chrono::Utc;

use super::load;
use crate::io::save_project;
use crate::model::{ClaimId, Edit, Project, snippet};
use crate::signing::{self, OwnKey, SealStatus, TrustStore};

/// What `factcheck review` does to the claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    /// Sign the claim off (signed with this machine's key).
    SignOff,
    /// Send it back to its author with a comment.
    SendBack(String),
    /// Reopen a signed-off claim with a reason.
    Reopen(String),
    /// Correct a signed-off verdict, with a reason.
    Correct {
        /// The new verdict (label id or text).
        label: String,
        /// Why.
        reason: String,
    },
}

/// Find the claim whose id is `wanted` or starts with it (unique prefix).
pub fn find_claim(project: &Project, wanted: &str) -> anyhow::Result<ClaimId> {
    let wanted = wanted.trim().to_ascii_lowercase();
    if wanted.is_empty() {
        bail!("--claim needs a claim id or the start of one");
    }
    let matches: Vec<ClaimId> = project
        .claims
        .iter()
        .filter(|c| c.id.to_string().starts_with(&wanted))
        .map(|c| c.id)
        .collect();
    match matches.as_slice() {
        [id] => Ok(*id),
        [] => bail!("there is no claim whose id starts with {wanted:?}"),
        _ => bail!(
            "{} claims have ids starting with {wanted:?}; give more of the id",
            matches.len()
        ),
    }
}

/// Run `factcheck review PROJECT --claim CLAIM ACTION` as `reviewer`.
pub fn review(
    path: &Path,
    claim: &str,
    action: ReviewAction,
    reviewer: &str,
) -> anyhow::Result<()> {
    let mut project = load(path)?;
    let claim_id = find_claim(&project, claim)?;
    let now = Utc::now();
    if !crate::model::review::is_named(reviewer) {
        bail!(
            "refused: give your reviewer name with --reviewer NAME or $FACTCHECK_REVIEWER (rule: every review action records who made it)"
        );
    }
    let (edit, done) = match action {
        ReviewAction::SignOff => {
            let claim = project.claim(claim_id).context("the claim disappeared")?;
            // Check the rules before creating a key, so a refusal leaves nothing behind.
            let conclusion_only = project.scale.is_conclusion_only();
            if claim.status == crate::model::ClaimStatus::Reviewed {
                bail!("refused: {}", crate::model::EditError::VerdictLocked);
            }
            crate::model::review::check_sign_off(claim, reviewer, conclusion_only)
                .map_err(|e| anyhow::anyhow!("refused: {e}"))?;
            let key = OwnKey::load_or_create(&signing::config_dir()?)?;
            let seal = signing::seal_claim(&project, claim, reviewer, &key, now);
            let done = format!(
                "Signed off claim {} as {reviewer} (key {})",
                claim_id.short(),
                signing::fingerprint(&seal.key)
            );
            let edit = Edit::SignOff {
                claim_id,
                seal: Some(Box::new(seal)),
            };
            (edit, done)
        }
        ReviewAction::SendBack(comment) => (
            Edit::RequestChanges { claim_id, comment },
            format!("Sent claim {} back with a comment", claim_id.short()),
        ),
        ReviewAction::Reopen(reason) => (
            Edit::Reopen { claim_id, reason },
            format!("Reopened claim {}", claim_id.short()),
        ),
        ReviewAction::Correct { label, reason } => {
            let verdict = project
                .scale
                .find(&label)
                .map(|l| l.id.clone())
                .with_context(|| format!("{label:?} is not on the {} scale", project.scale.name))?;
            (
                Edit::CorrectVerdict {
                    claim_id,
                    verdict: Some(verdict),
                    reason,
                },
                format!(
                    "Corrected the verdict of claim {}; it now waits for a second person's sign-off",
                    claim_id.short()
                ),
            )
        }
    };
    if let Err(err) = project.apply(edit, reviewer, now) {
        bail!("refused: {err}");
    }
    save_project(&project, path)?;
    println!("{done}");
    Ok(())
}

/// The sign-off section of `factcheck verify`: one line per signed-off claim (valid, broken
/// with the changed fields, unknown key, unsigned) and a total. The flag is true when any
/// seal is broken.
#[must_use]
pub fn verify_signoffs(project: &Project, trust: &TrustStore) -> (String, bool) {
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for claim in &project.claims {
        let status = signing::check_seal(project, claim, trust);
        let slot = match status {
            SealStatus::NotReviewed => continue,
            SealStatus::Valid { .. } => 0,
            SealStatus::Broken { .. } => 1,
            SealStatus::UnknownKey { .. } => 2,
            SealStatus::Unsigned { .. } => 3,
        };
        counts[slot] += 1;
        let pending = if claim.status == crate::model::ClaimStatus::CorrectionPending {
            " [correction pending review: the seal covers the published verdict]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{} {:<12} \"{}\": {}{pending}",
            claim.id.short(),
            status.word(),
            snippet(claim.statement_or_quote(), 60),
            status.describe()
        );
    }
    let total: usize = counts.iter().sum();
    let _ = writeln!(
        out,
        "{total} sign-offs: {} valid, {} broken, {} unknown key, {} unsigned.",
        counts[0], counts[1], counts[2], counts[3]
    );
    (out, counts[1] > 0)
}

/// `factcheck verify PROJECT`: print the sign-offs; exit status 1 when any is broken.
pub fn verify(path: &Path) -> anyhow::Result<()> {
    use std::io::Write as _;
    let project = load(path)?;
    let trust = TrustStore::load(&signing::config_dir()?)?;
    let (report, broken) = verify_signoffs(&project, &trust);
    print!("{report}");
    if broken {
        std::io::stdout().flush()?;
        eprintln!("Error: a sign-off is broken: the claim changed after it was signed off");
        std::process::exit(1);
    }
    Ok(())
}
