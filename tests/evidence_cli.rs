//! The evidence commands exactly as issue 11 writes them, on the real binary, against a real
//! HTTP server on 127.0.0.1: `source add`, `source capture`, `quote`, `verify`, `pack`,
//! `unpack`.

mod evidence_support;

use evidence_support::{Server, factcheck, fails, ok, project_with_claim, stderr, stdout};

fn added_id(out: &str) -> String {
    let id = out
        .trim()
        .strip_prefix("Added source ")
        .expect("Added source ID");
    assert_eq!(id.len(), 8, "{out}");
    id.to_owned()
}

/// `Captured SHA256 BYTES MEDIA_TYPE`, split.
fn captured(out: &str) -> (String, u64, String) {
    let fields: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(fields.len(), 4, "{out}");
    assert_eq!(fields[0], "Captured");
    assert_eq!(fields[1].len(), 64);
    (
        fields[1].to_owned(),
        fields[2].parse().expect("bytes"),
        fields[3].to_owned(),
    )
}

#[test]
fn add_capture_quote_verify_from_a_url() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, claim) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let url = server.url("/redirect");
    let id = added_id(&ok(&[
        "source", "add", p, "--url", &url, "--title", "Report",
    ]));

    // SOURCE by exact URL.
    let (sha, bytes, media) = captured(&ok(&["source", "capture", p, &url]));
    assert_eq!(media, "text/html");
    assert_eq!(bytes, evidence_support::PAGE.len() as u64);
    let stored = dir
        .path()
        .join("p.evidence/sha256")
        .join(&sha[..2])
        .join(&sha);
    assert_eq!(
        std::fs::read(&stored).expect("stored"),
        evidence_support::PAGE.as_bytes()
    );

    let loaded = factcheck::io::load_project(&project).expect("loads");
    let source = &loaded.project.sources[0];
    let capture = &source.captures[0];
    assert_eq!(capture.original_url, url);
    assert_eq!(capture.final_url, server.url("/page"));
    assert_eq!(capture.redirects, vec![server.url("/page")]);
    assert_eq!(capture.http_status, Some(200));
    assert_eq!(capture.captured_by, "Evidence Tester");
    assert!(capture.text_sha256.is_some());

    let out = ok(&[
        "quote",
        p,
        "--claim",
        &claim,
        "--source",
        &id,
        "--text",
        "was never formed",
        "--stance",
        "contradicts",
    ]);
    assert!(out.starts_with("Quoted characters "), "{out}");
    let loaded = factcheck::io::load_project(&project).expect("loads");
    let evidence = &loaded.project.claims[0].evidence[0];
    assert_eq!(evidence.stance, factcheck::model::Stance::Contradicts);
    let passage = evidence.passage.as_ref().expect("anchored in the capture");
    assert_eq!(passage.capture, sha);
    assert_eq!(passage.anchor.quote, "was never formed");
    assert!(passage.anchor.prefix.ends_with("cyber security unit "));

    let out = ok(&["verify", p]);
    assert!(out.contains("Captures: 1 checked, 1 unchanged"), "{out}");
    assert!(out.contains("Every capture matches."), "{out}");

    // Reports show the capture beside the link.
    let html = ok(&["export", p, "--format", "html"]);
    assert!(html.contains(&format!("SHA-256 {sha}")), "capture in HTML");
    let md = ok(&["export", p, "--format", "md"]);
    assert!(
        md.contains(&format!("SHA-256 {sha}")),
        "capture in Markdown"
    );
    let json = ok(&["export", p, "--format", "json"]);
    assert!(json.contains("\"captures\""), "capture records in JSON");
    assert!(json.contains(&format!("\"sha256\": \"{sha}\"")));
}

#[test]
fn capture_a_file_and_refuse_bad_quotes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, claim) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let id = added_id(&ok(&["source", "add", p, "--url", "https://example.org/a"]));
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "one two one\nthree\n").expect("write");
    let (_, bytes, media) = captured(&ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        file.to_str().expect("utf-8"),
    ]));
    assert_eq!((bytes, media.as_str()), (18, "text/plain"));

    let quote = |text: &str, extra: &[&str]| {
        let mut args = vec![
            "quote", p, "--claim", &claim, "--source", &id, "--text", text,
        ];
        args.extend_from_slice(extra);
        factcheck(&args)
    };
    let line = fails(&[
        "quote", p, "--claim", &claim, "--source", &id, "--text", "absent",
    ]);
    assert!(line.contains("is not in the newest capture"), "{line}");
    let line = fails(&[
        "quote", p, "--claim", &claim, "--source", &id, "--text", "one",
    ]);
    assert!(line.contains("appears 2 times"), "{line}");
    let out = quote("one", &["--occurrence", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Quoted characters 8..11 "),
        "{}",
        stdout(&out)
    );
    let line = fails(&[
        "quote", p, "--claim", "ffffffff", "--source", &id, "--text", "one",
    ]);
    assert!(line.contains("no claim has the id"), "{line}");
    let line = fails(&[
        "quote", p, "--claim", &claim, "--source", "nope", "--text", "x",
    ]);
    assert!(line.contains("no source has the URL or id"), "{line}");
}

#[test]
fn capture_errors_are_plain_words() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, _) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let missing = server.url("/missing");
    added_id(&ok(&["source", "add", p, "--url", &missing]));
    let line = fails(&["source", "capture", p, &missing]);
    assert!(line.contains("404 Not Found"), "{line}");
    let big = server.url("/big");
    added_id(&ok(&["source", "add", p, "--url", &big]));
    let line = fails(&["source", "capture", p, &big]);
    assert!(
        line.contains("larger than the 52428800 byte limit"),
        "{line}"
    );
    assert!(
        !dir.path().join("p.evidence").exists(),
        "nothing is written for a refused capture"
    );
    let line = fails(&["source", "add", p, "--url", "file:///etc/passwd"]);
    assert!(line.contains("not an http or https link"), "{line}");
}

#[test]
fn verify_names_changed_and_missing_captures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, _) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let mut hashes = Vec::new();
    for (name, body) in [("a.txt", "first capture\n"), ("b.md", "# second\n\ntext\n")] {
        let id = added_id(&ok(&[
            "source",
            "add",
            p,
            "--url",
            &format!("https://example.org/{name}"),
            "--title",
            name,
        ]));
        let file = dir.path().join(name);
        std::fs::write(&file, body).expect("write");
        let (sha, ..) = captured(&ok(&[
            "source",
            "capture",
            p,
            &id,
            "--file",
            file.to_str().expect("utf-8"),
        ]));
        hashes.push(sha);
    }
    assert!(ok(&["verify", p]).contains("2 checked, 2 unchanged, 0 changed, 0 missing"));

    // One byte changed.
    let evidence = dir.path().join("p.evidence/sha256");
    let first = evidence.join(&hashes[0][..2]).join(&hashes[0]);
    let mut bytes = std::fs::read(&first).expect("read");
    bytes[0] ^= 1;
    std::fs::write(&first, bytes).expect("tamper");
    let out = factcheck(&["verify", p]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("CHANGED      {} \"a.txt\"", &hashes[0][..12])),
        "{text}"
    );
    assert!(stderr(&out).contains("Error: 1 capture is missing or changed"));

    // A file deleted.
    let second = evidence.join(&hashes[1][..2]).join(&hashes[1]);
    std::fs::remove_file(&second).expect("delete");
    let out = factcheck(&["verify", p]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("MISSING      {} \"b.md\"", &hashes[1][..12])),
        "{text}"
    );
    assert!(stderr(&out).contains("Error: 2 captures are missing or changed"));

    // The whole evidence folder gone: the project still opens, captures show as missing.
    std::fs::remove_dir_all(dir.path().join("p.evidence")).expect("remove");
    assert!(ok(&["show", p]).contains("2 sources"));
    let out = factcheck(&["verify", p]);
    assert!(stdout(&out).contains("2 checked, 0 unchanged, 0 changed, 2 missing"));
}

#[test]
fn pack_then_unpack_restores_and_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (project, _) = project_with_claim(dir.path());
    let p = project.to_str().expect("utf-8");
    let public = added_id(&ok(&[
        "source",
        "add",
        p,
        "--url",
        "https://example.org/pub",
    ]));
    let secret = added_id(&ok(&[
        "source",
        "add",
        p,
        "--url",
        "https://example.org/secret",
    ]));
    for (id, body) in [(&public, "public words\n"), (&secret, "secret words\n")] {
        let file = dir.path().join(format!("{id}.txt"));
        std::fs::write(&file, body).expect("write");
        ok(&[
            "source",
            "capture",
            p,
            id,
            "--file",
            file.to_str().expect("utf-8"),
        ]);
    }
    let mut loaded = factcheck::io::load_project(&project)
        .expect("loads")
        .project;
    loaded
        .sources
        .iter_mut()
        .filter(|s| s.url.ends_with("secret"))
        .for_each(|s| s.confidential = true);
    factcheck::io::save_project(&loaded, &project).expect("save");

    let pack = dir.path().join("out.fcpack");
    let out = ok(&["pack", p, "-o", pack.to_str().expect("utf-8")]);
    // The project and two captures (a plain-text file is its own extracted text: stored once).
    assert!(out.starts_with("Packed 3 files"), "{out}");
    let restored = dir.path().join("restored");
    let out = ok(&[
        "unpack",
        pack.to_str().expect("utf-8"),
        "-d",
        restored.to_str().expect("utf-8"),
    ]);
    assert!(out.contains("every file matches the manifest"), "{out}");
    assert!(out.contains("2 checked, 2 unchanged"), "{out}");
    let back = factcheck::io::load_project(&restored.join("p.ron")).expect("loads");
    assert_eq!(back.project.sources.len(), 2);

    // Unpacking again over the same folder refuses to overwrite.
    let line = fails(&[
        "unpack",
        pack.to_str().expect("utf-8"),
        "-d",
        restored.to_str().expect("utf-8"),
    ]);
    assert!(line.contains("already exists"), "{line}");

    let lean = dir.path().join("lean.fcpack");
    let out = ok(&[
        "pack",
        p,
        "-o",
        lean.to_str().expect("utf-8"),
        "--without-confidential",
    ]);
    assert!(out.starts_with("Packed 2 files"), "{out}");
    let restored = dir.path().join("lean");
    ok(&[
        "unpack",
        lean.to_str().expect("utf-8"),
        "-d",
        restored.to_str().expect("utf-8"),
    ]);
    let back = factcheck::io::load_project(&restored.join("p.ron")).expect("loads");
    assert_eq!(back.project.sources.len(), 1);
    assert!(back.project.sources[0].url.ends_with("pub"));
}
