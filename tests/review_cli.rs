//! The review rules and signed sign-offs through the real binary: `mark --verdict`,
//! `review`, `verify`, `keys`, and exports, with one config folder per reviewer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factcheck::io::{load_project, save_project};
use factcheck::model::ClaimStatus;

const QUOTE: &str = "an impenetrable Cyber Security unit";

/// A reviewer on this machine: a name and a config folder of their own.
struct Reviewer {
    name: &'static str,
    config: tempfile::TempDir,
}

impl Reviewer {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            config: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .env("FACTCHECK_REVIEWER", self.name)
            .env("FACTCHECK_CONFIG_DIR", self.config.path())
            .output()
            .expect("run factcheck")
    }
}

fn anonymous(args: &[&str], config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env_remove("FACTCHECK_REVIEWER")
        .env("FACTCHECK_CONFIG_DIR", config)
        .output()
        .expect("run factcheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    stdout(&o)
}

fn refused(o: &Output, rule: &str) {
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(o), stderr(o));
    assert!(
        stderr(o).contains(rule),
        "expected {rule:?} in {}",
        stderr(o)
    );
    // Said once: the message must not repeat its cause.
    assert_eq!(stderr(o).matches(rule).count(), 1, "{}", stderr(o));
}

/// A project with the tweet marked by alice: verdict False and a conclusion. Returns the
/// project path and the claim's short id.
fn marked(dir: &Path, alice: &Reviewer) -> (PathBuf, String) {
    let project = dir.join("check.ron");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/trump-putin-cyber-unit.txt");
    let p = project.to_str().expect("utf-8 path");
    ok(alice.run(&["new", seed.to_str().expect("utf-8"), "-o", p]));
    let out = ok(alice.run(&[
        "mark",
        p,
        "--quote",
        QUOTE,
        "--verdict",
        "False",
        "--conclusion",
        "Trump dropped the idea a day later.",
    ]));
    let id = out
        .split_whitespace()
        .nth(2)
        .expect("Marked claim ID ...")
        .to_owned();
    (project, id)
}

#[test]
fn mark_with_a_verdict_needs_a_reviewer_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alice = Reviewer::new("alice");
    let (project, _) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    let out = anonymous(
        &[
            "mark",
            p,
            "--quote",
            "Putin",
            "--occurrence",
            "1",
            "--verdict",
            "True",
        ],
        alice.config.path(),
    );
    refused(&out, "--reviewer");
    refused(&out, "rule: a verdict has a named author");
    // Nothing was saved: still one claim.
    assert_eq!(
        load_project(&project).expect("load").project.claims.len(),
        1
    );
    // An empty name is no name (hole 2).
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args([
            "mark",
            p,
            "--quote",
            "Putin",
            "--occurrence",
            "1",
            "--verdict",
            "True",
        ])
        .env("FACTCHECK_REVIEWER", "  ")
        .output()
        .expect("run");
    refused(&out, "rule: a verdict has a named author");
}

#[test]
fn the_verdict_author_cannot_sign_off_and_a_colleague_can() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    refused(
        &alice.run(&["review", p, "--claim", &id, "--sign-off"]),
        "rule: a sign-off needs a different named person",
    );
    refused(
        &anonymous(
            &["review", p, "--claim", &id, "--sign-off"],
            bob.config.path(),
        ),
        "--reviewer",
    );
    let out = ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    assert!(
        out.starts_with(&format!("Signed off claim {id} as bob (key ")),
        "{out}"
    );
    let loaded = load_project(&project).expect("load").project;
    let claim = &loaded.claims[0];
    assert_eq!(claim.status, ClaimStatus::Reviewed);
    assert_eq!(claim.reviewed_by.as_deref(), Some("bob"));
    assert!(claim.seal.is_some());
    assert_eq!(loaded.reviewers.len(), 1);
    assert_eq!(loaded.reviewers[0].name, "bob");
    // Bob's key is private to bob.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(bob.config.path().join("signing-key"))
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Signing off twice is refused.
    refused(
        &bob.run(&["review", p, "--claim", &id, "--sign-off"]),
        "rule: every change to a signed-off verdict is a recorded revision",
    );
}

#[test]
fn verify_says_valid_unknown_key_and_trusted_after_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    let own = ok(bob.run(&["verify", p]));
    assert!(own.contains(&format!("{id} valid")), "{own}");
    assert!(
        own.contains("signed by bob") && own.contains("(trusted)"),
        "{own}"
    );
    // Alice has never seen bob's key.
    let unknown = ok(alice.run(&["verify", p]));
    assert!(unknown.contains(&format!("{id} unknown key")), "{unknown}");
    assert!(unknown.ends_with("1 sign-offs: 0 valid, 0 broken, 1 unknown key, 0 unsigned.\n"));
    // Bob exports his key; alice imports it, sees it valid but not trusted, then trusts it.
    let key_file = dir.path().join("bob.key");
    let k = key_file.to_str().expect("utf-8");
    ok(bob.run(&["keys", "export", "-o", k]));
    let imported = ok(alice.run(&["keys", "import", k]));
    assert!(imported.starts_with("Imported bob (key "), "{imported}");
    let fingerprint = imported
        .split("(key ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("fingerprint")
        .to_owned();
    let known = ok(alice.run(&["verify", p]));
    assert!(
        known.contains("valid") && known.contains("not trusted yet"),
        "{known}"
    );
    ok(alice.run(&["keys", "trust", &fingerprint]));
    let trusted = ok(alice.run(&["verify", p]));
    assert!(trusted.contains("(trusted)"), "{trusted}");
    let list = ok(alice.run(&["keys", "list"]));
    assert!(
        list.contains(&format!("{fingerprint}  trusted  bob")),
        "{list}"
    );
    refused(
        &alice.run(&["keys", "trust", "00000000"]),
        "import it first",
    );
}

#[test]
fn keys_import_from_a_project_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    let out = ok(alice.run(&["keys", "import", p]));
    assert!(out.starts_with("Imported bob"), "{out}");
    assert!(ok(alice.run(&["verify", p])).contains("not trusted yet"));
}

#[test]
fn tampering_with_the_conclusion_breaks_the_seal_and_names_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    // Edit the file by hand, as with a text editor.
    let text = std::fs::read_to_string(&project).expect("read");
    let edited = text.replace(
        "Trump dropped the idea a day later.",
        "Trump never proposed it.",
    );
    assert_ne!(text, edited);
    std::fs::write(&project, edited).expect("write");
    let out = bob.run(&["verify", p]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains(&format!("{id} broken"))
            && report.contains("changed after sign-off: conclusion (signed by bob"),
        "{report}"
    );
}

#[test]
fn swapping_the_public_key_shows_an_unknown_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob, mallory) = (
        Reviewer::new("alice"),
        Reviewer::new("bob"),
        Reviewer::new("mallory"),
    );
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    let bob_key = load_project(&project).expect("load").project.reviewers[0]
        .key
        .clone();
    // Alice trusts bob.
    let key_file = dir.path().join("bob.key");
    ok(bob.run(&["keys", "export", "-o", key_file.to_str().expect("utf-8")]));
    let imported = ok(alice.run(&["keys", "import", key_file.to_str().expect("utf-8")]));
    let fingerprint = imported.split("(key ").nth(1).expect("fp")[..16].to_owned();
    ok(alice.run(&["keys", "trust", &fingerprint]));
    assert!(ok(alice.run(&["verify", p])).contains("(trusted)"));
    // Mallory swaps bob's public key for hers everywhere in the file.
    let mallory_file = dir.path().join("mallory.key");
    ok(mallory.run(&[
        "keys",
        "export",
        "-o",
        mallory_file.to_str().expect("utf-8"),
    ]));
    let mallory_key = std::fs::read_to_string(&mallory_file)
        .expect("read")
        .lines()
        .find_map(|l| l.strip_prefix("factcheck-ed25519 "))
        .and_then(|l| l.split(' ').next())
        .expect("key line")
        .to_owned();
    let text = std::fs::read_to_string(&project).expect("read");
    std::fs::write(&project, text.replace(&bob_key, &mallory_key)).expect("write");
    let out = ok(alice.run(&["verify", p]));
    assert!(out.contains(&format!("{id} unknown key")), "{out}");
    assert!(!out.contains(" valid "), "{out}");
}

#[test]
fn reopening_needs_a_reason_and_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    refused(
        &bob.run(&["review", p, "--claim", &id, "--reopen", "New data"]),
        "only a signed-off claim is reopened",
    );
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    refused(
        &alice.run(&["review", p, "--claim", &id, "--reopen", "  "]),
        "rule: reopening a reviewed claim needs a reason",
    );
    ok(alice.run(&[
        "review",
        p,
        "--claim",
        &id,
        "--reopen",
        "The agency revised its data",
    ]));
    let claim = load_project(&project).expect("load").project.claims[0].clone();
    assert_eq!(claim.status, ClaimStatus::NeedsWork);
    assert_eq!(
        claim.reopened.as_ref().map(|r| r.reason.as_str()),
        Some("The agency revised its data")
    );
    assert!(
        claim
            .comments
            .iter()
            .any(|c| c.author == "alice" && c.text == "Reopened: The agency revised its data")
    );
    assert!(claim.seal.is_none() && claim.reviewed_by.is_none());
    // Unsigned now, so verify lists nothing.
    assert!(
        ok(alice.run(&["verify", p]))
            .ends_with("0 sign-offs: 0 valid, 0 broken, 0 unknown key, 0 unsigned.\n")
    );
}

#[test]
fn a_correction_needs_a_second_person_and_reports_keep_the_signed_verdict_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    ok(bob.run(&["review", p, "--claim", &id, "--sign-off"]));
    refused(
        &bob.run(&[
            "review",
            p,
            "--claim",
            &id,
            "--correct",
            "Mostly False",
            "--reason",
            " ",
        ]),
        "reason for a correction must not be empty",
    );
    ok(bob.run(&[
        "review",
        p,
        "--claim",
        &id,
        "--correct",
        "Mostly False",
        "--reason",
        "He did discuss it",
    ]));
    let claim = load_project(&project).expect("load").project.claims[0].clone();
    assert_eq!(claim.status, ClaimStatus::CorrectionPending);
    assert_eq!(claim.verdict_by.as_deref(), Some("bob"));
    assert_eq!(claim.revisions.len(), 1);
    // The old seal still covers what readers see.
    let verify = ok(bob.run(&["verify", p]));
    assert!(
        verify.contains("valid") && verify.contains("correction pending review"),
        "{verify}"
    );
    // Reports show the signed-off verdict and say a correction is pending.
    let html = ok(bob.run(&["export", p, "--format", "html", "--only-reviewed"]));
    assert!(
        html.contains(
            ">False</span></td><td class=\"status\">Published, correction pending review"
        ),
        "the claim row shows the signed-off verdict and the pending correction"
    );
    assert!(
        html.contains("signature valid (Ed25519 key "),
        "signature missing"
    );
    // A second correction waits; bob cannot sign off his own correction; alice can.
    refused(
        &alice.run(&[
            "review",
            p,
            "--claim",
            &id,
            "--correct",
            "True",
            "--reason",
            "x",
        ]),
        "already waiting for review",
    );
    refused(
        &bob.run(&["review", p, "--claim", &id, "--sign-off"]),
        "rule: a sign-off needs a different named person",
    );
    ok(alice.run(&["review", p, "--claim", &id, "--sign-off"]));
    let claim = load_project(&project).expect("load").project.claims[0].clone();
    assert_eq!(claim.status, ClaimStatus::Reviewed);
    assert_eq!(claim.reviewed_by.as_deref(), Some("alice"));
    let html = ok(bob.run(&["export", p, "--format", "html"]));
    assert!(
        html.contains(">Mostly False</span></td><td class=\"status\">Reviewed by <bdi>alice</bdi>")
    );
    assert!(html.contains("He did discuss it"));
    let out = alice.run(&["export", p, "--format", "csv"]);
    assert!(
        stdout(&out).contains(",signature\r\n")
            && stdout(&out).contains(",signature valid (Ed25519 key "),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("Note: 1 of 1 published verdicts carry a valid signature"),
        "{}",
        stderr(&out)
    );
    let md = ok(alice.run(&["export", p, "--format", "md"]));
    assert!(
        md.contains("reviewed by alice · signature valid (Ed25519 key "),
        "{md}"
    );
}

#[test]
fn send_back_and_claim_prefixes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob) = (Reviewer::new("alice"), Reviewer::new("bob"));
    let (project, id) = marked(dir.path(), &alice);
    let p = project.to_str().expect("utf-8");
    let out = bob.run(&[
        "review",
        p,
        "--claim",
        "zzzz",
        "--send-back",
        "Needs a source",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no claim whose id starts with"));
    ok(bob.run(&[
        "review",
        p,
        "--claim",
        &id[..4],
        "--send-back",
        "Needs a source",
    ]));
    let claim = load_project(&project).expect("load").project.claims[0].clone();
    assert_eq!(claim.status, ClaimStatus::NeedsWork);
    assert_eq!(claim.comments[0].text, "Needs a source");
    // A verdict set again by bob cannot be signed off by bob.
    let mut project_data = load_project(&project).expect("load").project;
    project_data.claims[0].verdict_by = Some(String::new());
    save_project(&project_data, &project).expect("save");
    refused(
        &bob.run(&["review", p, "--claim", &id, "--sign-off"]),
        "rule: a verdict has a named author",
    );
}
