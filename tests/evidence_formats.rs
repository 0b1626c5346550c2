//! Captures of each kind of file: PDF text, images (no text, decoded with limits), and what
//! happens when a file is not what its name says.

mod evidence_support;

use evidence_support::{fails, ok, project_with_claim};

fn add_source(p: &str) -> String {
    ok(&["source", "add", p, "--url", "https://example.org/doc"])
        .trim()
        .rsplit(' ')
        .next()
        .expect("id")
        .to_owned()
}

#[test]
fn a_pdf_capture_can_be_quoted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, claim) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let id = add_source(p);
    let file = dir.path().join("statement.pdf");
    std::fs::write(&file, evidence_support::minimal_pdf("The unit never met")).expect("write");
    let out = ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        file.to_str().expect("utf-8"),
    ]);
    assert!(out.trim().ends_with(" application/pdf"), "{out}");
    let out = ok(&[
        "quote",
        p,
        "--claim",
        &claim,
        "--source",
        &id,
        "--text",
        "never met",
    ]);
    assert!(out.starts_with("Quoted characters"), "{out}");
}

#[test]
fn a_broken_pdf_is_kept_without_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, claim) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let id = add_source(p);
    let file = dir.path().join("broken.pdf");
    std::fs::write(&file, b"%PDF-1.7\n1 0 obj << /Broken").expect("write");
    let out = evidence_support::factcheck(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        file.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success());
    assert!(evidence_support::stderr(&out).contains("Note: no text"));
    let loaded = factcheck::io::load_project(&project)
        .expect("loads")
        .project;
    assert_eq!(loaded.sources[0].captures[0].text_sha256, None);
    let line = fails(&[
        "quote", p, "--claim", &claim, "--source", &id, "--text", "x",
    ]);
    assert!(line.contains("has no text to quote"), "{line}");
    assert!(ok(&["verify", p]).contains("1 unchanged"));
}

#[test]
fn images_are_decoded_and_have_no_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, _) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let id = add_source(p);
    let file = dir.path().join("screenshot.png");
    std::fs::write(&file, evidence_support::png(40, 20)).expect("write");
    let out = ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        file.to_str().expect("utf-8"),
    ]);
    assert!(out.trim().ends_with(" image/png"), "{out}");

    // A "PNG" that is not one is not trusted as an image; a broken real one is refused.
    let fake = dir.path().join("fake.png");
    std::fs::write(&fake, b"just text").expect("write");
    let out = ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        fake.to_str().expect("utf-8"),
    ]);
    assert!(out.trim().ends_with(" application/octet-stream"), "{out}");
    let broken = dir.path().join("broken.png");
    let mut bytes = evidence_support::png(40, 20);
    bytes.truncate(30);
    std::fs::write(&broken, bytes).expect("write");
    let line = fails(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        broken.to_str().expect("utf-8"),
    ]);
    assert!(line.contains("the image cannot be read"), "{line}");
}

#[test]
fn image_dimensions_are_limited() {
    // A PNG header announcing 100,000 x 100,000 pixels is refused before decoding.
    let mut bytes = evidence_support::png(1, 1);
    // IHDR width and height are big-endian at bytes 16..24; the CRC no longer matches, which
    // the limits check precedes or the decoder reports: either way it is refused.
    bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let err = factcheck::evidence::extract_text(&bytes, factcheck::evidence::MediaKind::Png)
        .expect_err("refused");
    assert!(
        err.to_string().starts_with("the image cannot be read"),
        "{err}"
    );
}
