//! `factcheck new` with web pages and legacy encodings, and `factcheck update-article`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn factcheck(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env_remove("FACTCHECK_REVIEWER")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn new_reads_a_web_page_and_says_what_it_detected() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = path(dir.path(), "p.ron");
    let (ok, stdout, stderr) = factcheck(&["new", &fixture("news-article.html"), "-o", &out]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("Detected HTML page, UTF-8; article text found by readability; title, author, date, URL, outlet from meta tags and JSON-LD NewsArticle; "),
        "{stdout}"
    );
    let (ok, show, stderr) = factcheck(&["show", &out]);
    assert!(ok, "{stderr}");
    assert!(show.starts_with(
        "Donald Trump says he will co-operate with Russia on cyber security\nThe Daily Example · Jane Reporter, Sam Writer · https://news.example.com/world/trump-putin-cyber-unit\n"
    ), "{show}");
    Ok(())
}

#[test]
fn new_reads_legacy_encodings_and_refuses_binary() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = path(dir.path(), "p.ron");
    let (ok, stdout, stderr) = factcheck(&["new", &fixture("windows-1251.txt"), "-o", &out]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("Detected plain text, windows-1251 (detected); "),
        "{stdout}"
    );
    let binary = path(dir.path(), "image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")?;
    let (ok, _, stderr) = factcheck(&["new", &binary, "-o", &out]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        format!(
            "Error: this is not a text file (it looks like binary data: a PNG image); open a .txt, .md or .html article ({binary})"
        )
    );
    Ok(())
}

#[test]
fn update_article_reports_every_claim_and_keeps_orphans() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let old = path(dir.path(), "old.txt");
    std::fs::write(
        &old,
        "Mayor: 12,000 homes were built.\n\nThe senator said crime doubled last year.\n\nPrices rose 30 percent in 2024, the office said.\n\nUnemployment fell to a record low.\n",
    )?;
    let project = path(dir.path(), "p.ron");
    let (ok, _, stderr) = factcheck(&["new", &old, "-o", &project]);
    assert!(ok, "{stderr}");
    for quote in [
        "12,000 homes were built",
        "crime doubled last year",
        "Prices rose 30 percent in 2024",
        "Unemployment fell to a record low",
    ] {
        let (ok, _, stderr) = factcheck(&["mark", &project, "--quote", quote]);
        assert!(ok, "{stderr}");
    }

    let new = path(dir.path(), "new.txt");
    std::fs::write(
        &new,
        "Mayor: 12,000 homes were built.\r\n\r\nCorrection: an earlier version misquoted the office.\r\n\r\nPrices rose 35 percent in 2024, the office said.\r\n\r\nUnemployment fell to a record low.\r\n",
    )?;
    let updated = path(dir.path(), "updated.ron");
    let (ok, stdout, stderr) = factcheck(&["update-article", &project, &new, "-o", &updated]);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("Detected plain text, UTF-8; "),
        "{stdout}"
    );
    let claim_lines = &lines[1..5];
    let find = |quote: &str| {
        claim_lines
            .iter()
            .find(|l| l.contains(quote))
            .copied()
            .unwrap_or_default()
    };
    assert!(find("12,000 homes").contains(" exact "), "{stdout}");
    assert!(find("crime doubled").contains(" orphan "), "{stdout}");
    assert!(find("crime doubled").contains("not found"), "{stdout}");
    assert!(find("Prices rose 30").contains(" fuzzy 0.9"), "{stdout}");
    assert!(find("Unemployment").contains(" moved "), "{stdout}");
    assert_eq!(
        lines[5],
        "4 claims: 1 exact, 1 moved, 1 fuzzy, 1 orphans (kept with all their work)."
    );
    assert_eq!(lines[6], format!("Wrote {updated}"));

    let (ok, show, stderr) = factcheck(&["show", &updated]);
    assert!(ok, "{stderr}");
    assert!(
        show.contains("\"Prices rose 35 percent in 2024\""),
        "{show}"
    );
    assert!(
        show.contains("\"crime doubled last year\"\n   Claimant: unknown claimant · Status: To do · Verdict: unrated · ORPHAN"),
        "{show}"
    );
    // The original project is untouched when -o is given.
    let (ok, show, _) = factcheck(&["show", &project]);
    assert!(ok && !show.contains("ORPHAN"), "{show}");
    Ok(())
}
