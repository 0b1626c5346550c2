//! Hostile and damaged packages, built here: each is refused with its own message, and
//! nothing is written outside (or left inside) the target folder.

mod evidence_support;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use evidence_support::{factcheck, fails, ok, project_with_claim, stdout};
use zip::write::SimpleFileOptions;

/// A zip with the given (name, bytes) entries, deflated.
fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

fn unpack_fails(pack: &Path, dir: &Path) -> String {
    fails(&[
        "unpack",
        pack.to_str().expect("utf-8"),
        "-d",
        dir.to_str().expect("utf-8"),
    ])
}

/// Nothing but (maybe) the empty target folder exists under `root` besides `keep`.
fn assert_nothing_written(root: &Path, target: &Path, keep: &[PathBuf]) {
    if target.exists() {
        let left: Vec<_> = std::fs::read_dir(target).expect("read").collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
    for entry in std::fs::read_dir(root).expect("read") {
        let path = entry.expect("entry").path();
        assert!(
            path == target || keep.contains(&path),
            "unexpected file {path:?}"
        );
    }
}

#[test]
fn zip_slip_absolute_paths_and_symlinks_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let target = root.path().join("out");
    let pack = root.path().join("slip.fcpack");
    zip_with(&pack, &[("manifest.json", b"{}"), ("../evil.txt", b"x")]);
    let line = unpack_fails(&pack, &target);
    assert!(line.contains("a path that escapes the folder"), "{line}");
    assert_nothing_written(root.path(), &target, std::slice::from_ref(&pack));

    zip_with(&pack, &[("/tmp/factcheck-evil.txt", b"x")]);
    let line = unpack_fails(&pack, &target);
    assert!(line.contains("an absolute path"), "{line}");
    assert!(!Path::new("/tmp/factcheck-evil.txt").exists());

    let file = std::fs::File::create(&pack).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    zip.add_symlink("link", "/etc/passwd", SimpleFileOptions::default())
        .expect("symlink");
    zip.finish().expect("finish");
    let line = unpack_fails(&pack, &target);
    assert!(line.contains("a symbolic link"), "{line}");
    assert_nothing_written(root.path(), &target, std::slice::from_ref(&pack));
}

#[test]
fn duplicate_names_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = root.path().join("dup.fcpack");
    // A zip writer refuses duplicates, so write two names and rename one in the bytes.
    zip_with(&pack, &[("a.ron", b"first"), ("b.ron", b"second")]);
    let bytes = std::fs::read(&pack).expect("read");
    let patched: Vec<u8> = {
        let mut out = bytes.clone();
        for i in 0..out.len().saturating_sub(5) {
            if &out[i..i + 5] == b"b.ron" {
                out[i] = b'a';
            }
        }
        out
    };
    assert_ne!(bytes, patched);
    std::fs::write(&pack, patched).expect("write");
    let line = unpack_fails(&pack, &root.path().join("out"));
    assert!(line.contains("two files with the same name"), "{line}");
}

#[test]
fn zip_bombs_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = root.path().join("bomb.fcpack");
    let zeros = vec![0u8; 64 * 1024 * 1024];
    zip_with(&pack, &[("manifest.json", b"{}"), ("zeros.txt", &zeros)]);
    assert!(std::fs::metadata(&pack).expect("size").len() < 1024 * 1024);
    let target = root.path().join("out");
    let line = unpack_fails(&pack, &target);
    assert!(
        line.contains("expands") && line.contains("zip bomb"),
        "{line}"
    );
    assert_nothing_written(root.path(), &target, std::slice::from_ref(&pack));

    // The total is capped too, whatever each file's ratio.
    let limits = factcheck::evidence::pack::UnpackLimits {
        max_total_bytes: 1000,
        ..Default::default()
    };
    zip_with(&pack, &[("a", &[1u8; 600]), ("b", &[2u8; 600])]);
    let err = factcheck::evidence::pack::unpack_with(&pack, &target, limits).expect_err("too big");
    assert!(
        err.to_string().contains("expand to more than 1000 bytes"),
        "{err}"
    );
}

/// A real package of a project with one capture.
fn real_pack(root: &Path) -> PathBuf {
    let (project, _) = project_with_claim(root);
    let p = project.to_str().expect("utf-8");
    let out = ok(&["source", "add", p, "--url", "https://example.org/x"]);
    let id = out.trim().rsplit(' ').next().expect("id").to_owned();
    let file = root.join("page.html");
    std::fs::write(&file, evidence_support::PAGE).expect("write");
    ok(&[
        "source",
        "capture",
        p,
        &id,
        "--file",
        file.to_str().expect("utf-8"),
    ]);
    let pack = root.join("real.fcpack");
    ok(&["pack", p, "-o", pack.to_str().expect("utf-8")]);
    pack
}

/// Rewrite a package, changing its entries with `change`.
fn rewrite(pack: &Path, change: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(pack).expect("open")).expect("zip");
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
        let name = entry.name().expect("name").into_owned();
        if let Some(bytes) = change(&name, bytes) {
            entries.push((name, bytes));
        }
    }
    drop(archive);
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_with(pack, &refs);
}

#[test]
fn a_tampered_package_is_reported_per_file() {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = real_pack(root.path());
    // One byte of a capture changed, and the manifest edited to claim another size.
    rewrite(&pack, |name, mut bytes| {
        if name.contains("sha256/") && bytes.starts_with(b"<!doctype") {
            bytes[2] = b'D';
        }
        if name == "manifest.json" {
            let mut manifest: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
            for resource in manifest["resources"].as_array_mut().expect("resources") {
                if resource["path"] == "p.ron" {
                    resource["bytes"] = serde_json::json!(1);
                }
            }
            return Some(serde_json::to_vec(&manifest).expect("json"));
        }
        Some(bytes)
    });
    let target = root.path().join("out");
    let out = factcheck(&[
        "unpack",
        pack.to_str().expect("utf-8"),
        "-d",
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("the manifest says"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(evidence_support::stderr(&out).contains("Error: 2 files do not match the manifest"));
    let left: Vec<_> = std::fs::read_dir(&target)
        .map(|d| d.collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing is left in the target: {left:?}");
}

#[test]
fn a_file_missing_from_the_package_is_named() {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = real_pack(root.path());
    rewrite(&pack, |name, bytes| {
        (!name.contains("sha256/")).then_some(bytes)
    });
    let target = root.path().join("out");
    let out = factcheck(&[
        "unpack",
        pack.to_str().expect("utf-8"),
        "-d",
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.matches("listed in the manifest but not in the package")
            .count(),
        2,
        "{text}"
    );
}

#[test]
fn not_a_package_says_so() {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = root.path().join("x.fcpack");
    std::fs::write(&pack, "hello").expect("write");
    let line = unpack_fails(&pack, &root.path().join("out"));
    assert!(line.contains("not a Factcheck package"), "{line}");
}
