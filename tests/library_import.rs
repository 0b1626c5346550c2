//! The claim library: every ClaimReview shape, projects in folders, hostile feeds, incremental
//! re-indexing and a crash mid-update.

use std::fs;
use std::path::{Path, PathBuf};

use factcheck::research::library::Library;

fn review(url: &str, claim: &str, verdict: &str) -> String {
    format!(
        r#"{{"@context":"https://schema.org","@type":"ClaimReview","url":"{url}",
        "claimReviewed":"{claim}","datePublished":"2024-01-02",
        "author":{{"@type":"Organization","name":"Desk"}},
        "itemReviewed":{{"@type":"Claim","author":{{"@type":"Person","name":"Sen. Example"}}}},
        "reviewRating":{{"@type":"Rating","alternateName":"{verdict}"}}}}"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write fixture");
    path
}

fn urls(library: &mut Library, query: &str) -> Vec<String> {
    library
        .search(query, 5)
        .iter()
        .map(|m| m.record.url.clone())
        .collect()
}

#[test]
fn single_array_datafeed_and_html_shapes_are_all_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let single = write(
        dir.path(),
        "single.json",
        &review("https://a.test/1", "Wind turbines cause cancer", "False"),
    );
    let array = write(
        dir.path(),
        "array.jsonld",
        &format!(
            "[{}, {}]",
            review("https://a.test/2", "Crime doubled in two years", "False"),
            review(
                "https://a.test/3",
                "Gas prices tripled this spring",
                "Mostly False"
            )
        ),
    );
    let feed = write(
        dir.path(),
        "feed.json",
        &format!(
            r#"{{"@context":"https://schema.org","@type":"DataFeed","dataFeedElement":[
            {{"@type":"DataFeedItem","item":[{}]}},
            {{"@type":"DataFeedItem","item":{}}}]}}"#,
            review(
                "https://a.test/4",
                "Vaccines contain microchips",
                "Pants on Fire"
            ),
            review("https://a.test/5", "The border wall is finished", "False")
        ),
    );
    let html = write(
        dir.path(),
        "page.html",
        &format!(
            "<!doctype html><html><head><title>Check</title>\
             <script type=\"application/ld+json\">{}</script></head>\
             <body><p>Our check.</p></body></html>",
            review(
                "https://a.test/6",
                "Farm income fell by half since 2013",
                "Mostly True"
            )
        ),
    );
    let mut library = Library::open(&dir.path().join("lib")).expect("open");
    let report = library
        .import(&[single, array, feed, html])
        .expect("import");
    assert_eq!(report.added, 6, "{report:?}");
    assert_eq!(report.skipped_total(), 0, "{report:?}");
    assert_eq!(
        urls(&mut library, "Do wind turbines give you cancer?")[0],
        "https://a.test/1"
    );
    assert_eq!(
        urls(&mut library, "crime has DOUBLED!! #crime")[0],
        "https://a.test/2"
    );
    assert_eq!(
        urls(&mut library, "microchips in vaccines")[0],
        "https://a.test/4"
    );
    assert_eq!(
        urls(&mut library, "farm income is half what it was")[0],
        "https://a.test/6"
    );
    let record = &library.search("border wall finished", 1)[0].record.clone();
    assert_eq!(record.verdict, "False");
    assert_eq!(record.claimant, "Sen. Example");
    assert_eq!(record.publisher, "Desk");
    assert_eq!(record.date, "2024-01-02");

    // The library is on disk: opening it again finds the same checks.
    let mut again = Library::open(&dir.path().join("lib")).expect("reopen");
    assert_eq!(again.records().len(), 6);
    assert_eq!(
        urls(&mut again, "Gas prices tripled")[0],
        "https://a.test/3"
    );
}

#[test]
fn projects_in_a_folder_are_imported_with_claim_links() {
    let dir = tempfile::tempdir().expect("temp dir");
    let team = dir.path().join("team");
    fs::create_dir_all(team.join("2017")).expect("folders");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/cyber-security-unit.ron");
    fs::copy(&example, team.join("2017/cyber.ron")).expect("copy project");
    fs::write(team.join("notes.txt"), "not a check").expect("write notes");
    let mut library = Library::open(&dir.path().join("lib")).expect("open");
    let report = library.import(std::slice::from_ref(&team)).expect("import");
    assert!(report.added >= 1, "{report:?}");
    let found = library.search(
        "Putin & I discussed forming an impenetrable Cyber Security unit",
        1,
    );
    let top = &found[0].record;
    let project = fs::canonicalize(team.join("2017/cyber.ron")).expect("canonical");
    assert!(
        top.url
            .starts_with(&format!("{}#claim-", project.display())),
        "{}",
        top.url
    );
    assert_eq!(top.verdict, "Half True");
    assert_eq!(top.claimant, "Donald Trump");
}

#[test]
fn hostile_feeds_are_skipped_with_reasons_never_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = write(
        dir.path(),
        "deep.json",
        &format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let nested_reviews = write(
        dir.path(),
        "nested.json",
        &format!(
            "{}{}{}",
            "{\"a\":".repeat(60),
            review("https://h.test/deep", "Too deep to find", "False"),
            "}".repeat(60)
        ),
    );
    let huge = "x".repeat(2_000_000);
    let huge_strings = write(
        dir.path(),
        "huge.json",
        &format!(
            "[{}, {}]",
            review("https://h.test/huge", &huge, "False"),
            review("https://h.test/ok", "A normal claim about taxes", "True")
        ),
    );
    let wrong_types = write(
        dir.path(),
        "types.json",
        r#"[{"@type":"ClaimReview","claimReviewed":["Listed claim"],"url":17,
             "reviewRating":{"alternateName":{"x":1}}},
            {"@type":"ClaimReview","claimReviewed":null,"reviewRating":[]},
            {"@type":7},
            "just a string", 42, null]"#,
    );
    let not_json = write(dir.path(), "binary.json", "\u{0}\u{1}PK garbage");
    let mut library = Library::open(&dir.path().join("lib")).expect("open");
    let report = library
        .import(&[deep, nested_reviews, huge_strings, wrong_types, not_json])
        .expect("import");
    assert_eq!(report.added, 1, "{report:?}");
    let reasons: Vec<&String> = report.skipped.keys().collect();
    let has = |needle: &str| reasons.iter().any(|r| r.contains(needle));
    assert!(has("deep.json: not JSON-LD"), "{reasons:?}");
    assert!(has("nested deeper than"), "{reasons:?}");
    assert!(has("longer than"), "{reasons:?}");
    assert!(has("alternateName"), "{reasons:?}");
    assert!(has("claimReviewed"), "{reasons:?}");
    assert!(has("binary.json: not JSON-LD"), "{reasons:?}");
    assert_eq!(library.search("normal claim about taxes", 5).len(), 1);
}

#[test]
fn only_changed_files_are_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write(
        dir.path(),
        "a.json",
        &review("https://i.test/a", "Rents rose 25 percent", "True"),
    );
    let b = write(
        dir.path(),
        "b.json",
        &review("https://i.test/b", "Bridges are deficient", "True"),
    );
    let lib = dir.path().join("lib");
    let mut library = Library::open(&lib).expect("open");
    let first = library.import(&[a.clone(), b.clone()]).expect("import");
    assert_eq!((first.added, first.files_read), (2, 2), "{first:?}");

    let again = library
        .import(&[a.clone(), b.clone()])
        .expect("import again");
    assert_eq!(
        (again.added, again.files_read, again.files_unchanged),
        (0, 0, 2),
        "{again:?}"
    );
    assert_eq!(again.unchanged, 2);

    // Change one file: only it is read; its check is updated, one is added.
    fs::write(
        &b,
        format!(
            "[{}, {}]",
            review("https://i.test/b", "Bridges are deficient", "Mostly True"),
            review("https://i.test/c", "Gas tax unchanged since 1993", "True")
        ),
    )
    .expect("rewrite b");
    let mut library = Library::open(&lib).expect("reopen");
    let changed = library.import(&[a, b]).expect("import changed");
    assert_eq!(changed.files_read, 1, "{changed:?}");
    assert_eq!(changed.files_unchanged, 1, "{changed:?}");
    assert_eq!((changed.added, changed.updated), (1, 1), "{changed:?}");
    assert_eq!(library.records().len(), 3);
    let top = library.search("bridges deficient", 1)[0].record.clone();
    assert_eq!(top.verdict, "Mostly True");
}

#[test]
fn a_crash_mid_update_leaves_a_library_that_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write(
        dir.path(),
        "a.json",
        &review("https://c.test/a", "Dairy farms closed", "True"),
    );
    let lib = dir.path().join("lib");
    let mut library = Library::open(&lib).expect("open");
    library.import(std::slice::from_ref(&a)).expect("import");
    let manifest_before = fs::read(lib.join("manifest.json")).expect("manifest");

    // A crash after writing a new records file and a temporary file, before the manifest:
    fs::write(lib.join("records/feedface.json"), b"[{\"half\": ").expect("partial records");
    fs::write(lib.join("records/.factcheck-save-x.tmp"), b"[{").expect("temp file");
    fs::write(lib.join(".factcheck-save-y.tmp"), b"{\"version\":").expect("temp manifest");

    let mut reopened = Library::open(&lib).expect("still loads");
    assert!(reopened.warnings.is_empty(), "{:?}", reopened.warnings);
    assert_eq!(reopened.records().len(), 1);
    assert_eq!(reopened.search("dairy farms", 1).len(), 1);
    assert_eq!(
        fs::read(lib.join("manifest.json")).expect("manifest"),
        manifest_before
    );

    // The next import cleans up the leftovers.
    reopened.import(&[a]).expect("import again");
    assert!(!lib.join("records/feedface.json").exists());
    assert!(!lib.join("records/.factcheck-save-x.tmp").exists());
    assert!(!lib.join(".factcheck-save-y.tmp").exists());

    // A records file lost or damaged: the rest loads, with a warning.
    let records: Vec<PathBuf> = fs::read_dir(lib.join("records"))
        .expect("records dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    for r in &records {
        fs::write(r, b"damaged").expect("damage");
    }
    let damaged = Library::open(&lib).expect("loads despite damage");
    assert_eq!(damaged.records().len(), 0);
    assert_eq!(damaged.warnings.len(), 1, "{:?}", damaged.warnings);
}
