//! The crash test: the real binary saves a large project over and over and is killed with
//! SIGKILL at random moments; after every kill the file on disk (and its `.bak`) must be a
//! whole, valid project, the old version or a new one, never a mix and never missing.
//!
//! `CRASH_KILLS` sets the number of kills (default 50), `CRASH_SEED` the random seed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, ensure};
use factcheck::io::atomic::backup_path;
use factcheck::io::{load_project, save_project};
use factcheck::model::{Anchor, ArticleMeta, Claim, Project, TextIndex};

/// About 1 MB of article and 1,000 claims: each save writes about 1.5 MB.
fn large_project() -> Project {
    let mut text = String::new();
    for n in 0..10_000 {
        text.push_str(&format!(
            "Paragraph {n}: the minister said unemployment fell by {n} per cent, 日本語 👩‍👩‍👧.\n"
        ));
    }
    let text: Arc<str> = text.into();
    let index = TextIndex::new(&text);
    let mut project = Project::new(Arc::clone(&text), ArticleMeta::default());
    for n in 0..1_000 {
        let start = index.paragraphs()[n * 10].chars.start;
        let mut claim = Claim::new(Anchor::from_range(&text, &index, start, start + 40));
        claim.conclusion = "resave:start".to_owned();
        project.claims.push(claim);
    }
    project.publishing.report_url = "resave:start".to_owned();
    project
}

/// Check that `path` holds a whole project of the right shape whose two marks agree; return
/// the mark.
fn check_whole(path: &Path, original: &Project) -> anyhow::Result<String> {
    let loaded = load_project(path).with_context(|| format!("{} is not valid", path.display()))?;
    ensure!(
        loaded.warnings.is_empty(),
        "warnings: {:?}",
        loaded.warnings
    );
    let project = loaded.project;
    ensure!(
        project.article.text == original.article.text,
        "article text differs"
    );
    ensure!(
        project.claims.len() == original.claims.len(),
        "claim count differs"
    );
    let first = project.publishing.report_url.clone();
    let last = project
        .claims
        .last()
        .map(|c| c.conclusion.clone())
        .unwrap_or_default();
    ensure!(first == last, "a mix of two versions: {first} and {last}");
    Ok(first)
}

#[test]
fn killing_a_save_never_leaves_a_broken_or_mixed_file() -> anyhow::Result<()> {
    let kills: usize = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    eprintln!("crash test: {kills} kills, CRASH_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);

    let dir = tempfile::tempdir()?;
    let path = dir.path().join("large.ron");
    let original = large_project();
    save_project(&original, &path)?;
    let binary = env!("CARGO_BIN_EXE_factcheck");

    // How long do start-up and loading take here, and one save? Kills land after loading,
    // spread over a few saves.
    let timed = |times: &str| -> anyhow::Result<Duration> {
        let started = Instant::now();
        let status = Command::new(binary)
            .args(["resave", "--times", times])
            .arg(&path)
            .status()?;
        ensure!(status.success(), "resave failed");
        Ok(started.elapsed())
    };
    let startup = timed("0")?;
    let save = timed("4")?.saturating_sub(startup) / 4;
    check_whole(&path, &original)?;
    let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(1000);

    let mut marks = std::collections::HashSet::new();
    for kill in 0..kills {
        let mut child = Command::new(binary)
            .args(["resave", "--times", "1000000"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let delay = ms(startup) + rng.u64(0..=ms(save * 4).max(10));
        std::thread::sleep(Duration::from_millis(delay));
        child.kill()?; // SIGKILL on Unix
        child.wait()?;
        let mark = check_whole(&path, &original)
            .with_context(|| format!("after kill {kill} (CRASH_SEED={seed})"))?;
        if backup_path(&path).exists() {
            check_whole(&backup_path(&path), &original)
                .with_context(|| format!("backup after kill {kill} (CRASH_SEED={seed})"))?;
        }
        marks.insert(mark);
    }
    eprintln!(
        "crash test: {} distinct versions seen after {kills} kills (start-up {startup:?}, one save {save:?})",
        marks.len()
    );
    // The test must have killed real saves, not only processes that never got to save.
    ensure!(
        marks.len() > kills / 5,
        "only {} distinct versions in {kills} kills: the kills came too early to test anything",
        marks.len()
    );
    Ok(())
}
