//! `factcheck review` (sign off, send back, reopen, correct) and the sign-off part of
//! `factcheck verify`.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::bail;
use chrono::Utc;

use super::load;
use crate::io::save_project;
use crate::model::{ClaimId, Project, snippet};
use crate::signing::{self, SealStatus, TrustStore};

pub use crate::model::review::ReviewAction;

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
    let done = match &action {
        ReviewAction::SignOff => format!("Signed off claim {} as {reviewer}", claim_id.short()),
        ReviewAction::SendBack(_) => {
            format!("Sent claim {} back with a comment", claim_id.short())
        }
        ReviewAction::Reopen(_) => format!("Reopened claim {}", claim_id.short()),
        ReviewAction::Correct { .. } => format!(
            "Corrected the verdict of claim {}; it now waits for a second person's sign-off",
            claim_id.short()
        ),
    };
    // Only a sign-off needs the key (and so the config folder).
    let key_dir = match (&action, signing::config_dir()) {
        (_, Ok(dir)) => dir,
        (ReviewAction::SignOff, Err(err)) => return Err(err.into()),
        (_, Err(_)) => std::path::PathBuf::new(),
    };
    signing::review(&mut project, claim_id, action, reviewer, &key_dir, now)?;
    let done = match project.claim(claim_id).and_then(|c| c.seal.as_ref()) {
        Some(seal)
            if project
                .claim(claim_id)
                .is_some_and(|c| c.status == crate::model::ClaimStatus::Reviewed) =>
        {
            format!("{done} (key {})", signing::fingerprint(&seal.key))
        }
        _ => done,
    };
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
            status.detail()
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
