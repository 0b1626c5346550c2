//! `factcheck pack PROJECT -o OUT [--without-confidential]` and `factcheck unpack PACK -d DIR`:
//! one file holding a project and its evidence, with a manifest of every file's SHA-256.

use std::path::Path;

use anyhow::bail;

use crate::evidence::pack::{PackError, PackOptions, pack_project, unpack};

/// Run `factcheck pack`.
pub fn pack(path: &Path, out: &Path, without_confidential: bool) -> anyhow::Result<()> {
    let project = super::load(path)?;
    let options = PackOptions {
        without_confidential,
    };
    let manifest = pack_project(&project, path, out, &options)?;
    let bytes: u64 = manifest.resources.iter().map(|r| r.bytes).sum();
    println!(
        "Packed {} files ({bytes} bytes) into {}",
        manifest.resources.len(),
        out.display()
    );
    Ok(())
}

/// Run `factcheck unpack`: restore, check against the manifest, then verify the captures.
pub fn run_unpack(pack: &Path, dir: &Path) -> anyhow::Result<()> {
    let unpacked = match unpack(pack, dir) {
        Ok(unpacked) => unpacked,
        Err(PackError::Mismatch(lines)) => {
            for line in &lines {
                println!("{line}");
            }
            return Err(PackError::Mismatch(lines).into());
        }
        Err(err) => return Err(err.into()),
    };
    println!(
        "Unpacked {} files into {}; every file matches the manifest.",
        unpacked.files,
        dir.display()
    );
    let project = super::load(&unpacked.project)?;
    let section = super::verify::captures_section(&project, &unpacked.project);
    print!("{}", section.render());
    if section.problems > 0 {
        bail!(
            "{} of the restored project {}",
            section.problems,
            if section.problems == 1 {
                "capture is missing or changed"
            } else {
                "captures are missing or changed"
            }
        );
    }
    println!("Project: {}", unpacked.project.display());
    Ok(())
}
