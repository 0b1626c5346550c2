//! Fuzz tests for project loading (proptest; no nightly toolchain here for `cargo fuzz`).
//!
//! Loading must never panic, hang or run out of memory on any input, and whatever loads
//! must save and load again to the very same project with no warnings. The default case
//! count keeps CI fast; a long run is `PROPTEST_CASES=200000 cargo test --release --test
//! fuzz_project_load`. Crashes found are kept as regression tests at the bottom.

use std::sync::Arc;

use factcheck::io::{from_ron_bytes, from_ron_str, to_ron_string};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, Evidence, Project, Source, Stance, TextIndex, is_safe_link,
};
use proptest::prelude::*;

/// A realistic project exercising every kind of value the format has.
fn sample_project() -> Project {
    let text = "Putin & I discussed forming an impenetrable Cyber Security unit.\n\
                Mr Putin had denied any involvement — 日本語, עברית, 👩‍👩‍👧, cafe\u{301}.\n\
                Quotes \"x\" and r#\"raw\"# and \\ and /* not a comment */ // nor this\n";
    let index = TextIndex::new(text);
    let mut project = Project::new(
        text,
        ArticleMeta {
            title: "Trump & Putin".to_owned(),
            url: "https://example.org/a?b=c".to_owned(),
            ..ArticleMeta::default()
        },
    );
    let source = Source {
        title: "Transcript".to_owned(),
        url: "https://example.org/t".to_owned(),
        ..Source::default()
    };
    let mut claim = Claim::new(Anchor::from_range(text, &index, 0, 63));
    claim.claimant = "Donald Trump".to_owned();
    claim.verdict = Some("false".to_owned());
    claim.tags = vec!["cyber".to_owned(), "russia".to_owned()];
    claim.evidence.push(Evidence {
        source: source.id,
        stance: Stance::Contradicts,
        quote: "no such unit".to_owned(),
        note: String::new(),
        passage: None,
    });
    project.sources.push(source);
    project.claims.push(claim);
    project
        .claims
        .push(Claim::new(Anchor::from_range(text, &index, 65, 99)));
    project
}

/// Whatever loads must round-trip exactly and without warnings.
fn check_round_trip(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(loaded) = from_ron_bytes(bytes) {
        let text = to_ron_string(&loaded.project)
            .map_err(|e| TestCaseError::fail(format!("loaded but cannot save: {e}")))?;
        let again = from_ron_str(&text)
            .map_err(|e| TestCaseError::fail(format!("saved but cannot load: {e}\n{text}")))?;
        prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        prop_assert_eq!(&again.project, &loaded.project);
    }
    Ok(())
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match mutation {
        Mutation::Flip(at, bit) => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= 1 << (bit % 8);
            }
        }
        Mutation::Insert(at, what) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, what.iter().copied());
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Duplicate(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            let copy: Vec<u8> = bytes.get(at..end).map(<[u8]>::to_vec).unwrap_or_default();
            bytes.splice(at..at, copy);
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
    }
}

/// Tokens that matter to RON and to our format.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"(".to_vec()),
        Just(b")".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b",".to_vec()),
        Just(b":".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"r#\"".to_vec()),
        Just(b"\"#".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"/*".to_vec()),
        Just(b"//".to_vec()),
        Just(b"Some(".to_vec()),
        Just(b"None".to_vec()),
        Just(b"format_version: 2".to_vec()),
        Just(b"start: 18446744073709551615".to_vec()),
        Just(b"end: 0".to_vec()),
        Just("👩\u{200d}".as_bytes().to_vec()),
        Just(b"\xff".to_vec()),
        prop::collection::vec(any::<u8>(), 1..4),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), token()).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Text full of what a string-skipping scanner could get wrong.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_owned()),
            Just("\"#".to_owned()),
            Just("r#\"".to_owned()),
            Just("\\".to_owned()),
            Just("/*".to_owned()),
            Just("*/".to_owned()),
            Just("//".to_owned()),
            Just("\n".to_owned()),
            Just("\r".to_owned()),
            Just("(".to_owned()),
            Just("]".to_owned()),
            Just("\u{0}".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("👩\u{200d}👧".to_owned()),
            any::<char>().prop_map(String::from),
            "[a-z ]{1,8}",
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn random_bytes_never_crash(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_round_trip(&bytes)?;
    }

    #[test]
    fn random_tokens_never_crash(tokens in prop::collection::vec(token(), 0..80)) {
        check_round_trip(&tokens.concat())?;
    }

    #[test]
    fn mutated_valid_files_never_crash(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = to_ron_string(&sample_project())
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_round_trip(&bytes)?;
    }

    #[test]
    fn any_project_content_saves_and_loads_back(
        title in tricky_text(),
        text in tricky_text(),
        conclusion in tricky_text(),
        tag in tricky_text(),
        range in (0usize..40, 0usize..40),
    ) {
        let text: Arc<str> = text.into();
        let index = TextIndex::new(&text);
        let mut project = Project::new(Arc::clone(&text), ArticleMeta { title, ..ArticleMeta::default() });
        let mut claim = Claim::new(Anchor::from_range(&text, &index, range.0, range.1));
        claim.conclusion = conclusion;
        claim.tags.push(tag);
        project.claims.push(claim);
        let saved = to_ron_string(&project).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = from_ron_str(&saved)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{saved}")))?;
        // Anchors made by `from_range` may cut a character in two; those become orphans.
        let repaired = loaded.warnings.iter().all(|w| matches!(
            w,
            factcheck::model::ProjectWarning::AnchorSplitsCharacter { .. }
                | factcheck::model::ProjectWarning::AnchorDoesNotFit { .. }
        ));
        prop_assert!(repaired, "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.project.article, &project.article);
        prop_assert_eq!(&loaded.project.claims[0].conclusion, &project.claims[0].conclusion);
        prop_assert_eq!(&loaded.project.claims[0].tags, &project.claims[0].tags);
        check_round_trip(saved.as_bytes())?;
    }

    #[test]
    fn safe_links_are_only_plain_http_and_https(
        url in "\\PC{0,3}(HTTPS?|https?|javascript|file|data|ftp)?:?(//)?[a-z@./\\\\?#]{0,8}[\\PC\\s\u{202E}\u{200B}\u{FEFF}]{0,3}[a-z./]{0,6}",
    ) {
        if is_safe_link(&url) {
            let trimmed = url.trim();
            let lower = trimmed.to_ascii_lowercase();
            prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{url:?}");
            prop_assert!(
                !trimmed.chars().any(|c| c.is_control()
                    || c.is_whitespace()
                    || c == '\\'
                    || matches!(c, '\u{202E}' | '\u{200B}' | '\u{FEFF}')),
                "{url:?}"
            );
            let host = lower.split_once("//").map(|(_, r)| r).unwrap_or_default();
            let host = host.split(['/', '?', '#']).next().unwrap_or_default();
            prop_assert!(!host.is_empty() && !host.contains('@'), "{url:?}");
        }
    }
}

#[test]
fn every_truncation_of_a_valid_file_is_refused_without_crashing() -> anyhow::Result<()> {
    let text = to_ron_string(&sample_project())?;
    let full = text.trim_end().len();
    for end in 0..full {
        if text.is_char_boundary(end) {
            assert!(
                from_ron_str(&text[..end]).is_err(),
                "a file cut at byte {end} loaded"
            );
        }
    }
    Ok(())
}
