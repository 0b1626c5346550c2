//! Fuzzing article import (proptest, since no nightly toolchain is available for cargo fuzz):
//! random bytes, text in random encodings, and HTML-like markup never panic or hang, and
//! whatever is accepted is non-empty text with `\n` line endings.
//!
//! Longer runs: `PROPTEST_CASES=100000 cargo test --release --test fuzz_import`.

use factcheck::io::{ArticleError, import_article_bytes, import_article_text};
use proptest::prelude::*;

fn check(result: Result<factcheck::io::ImportedArticle, ArticleError>) {
    match result {
        Ok(article) => {
            assert!(!article.text.trim().is_empty(), "accepted an empty article");
            assert!(!article.text.contains('\r'), "line endings not normalised");
            assert!(!article.detected.is_empty());
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
}

const WORDS: [&str; 16] = [
    "le",
    "ministre",
    "a",
    "déclaré",
    "que",
    "l'économie",
    "française",
    "était",
    "très",
    "forte",
    "après",
    "la",
    "crise",
    "à",
    "Genève",
    "où",
];

const NAMES: [&str; 5] = ["a.txt", "a.md", "a.html", "a.htm", ""];

fn html_fragment() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("<div>".to_owned()),
            Just("</div>".to_owned()),
            Just("<p>".to_owned()),
            Just("</p>".to_owned()),
            Just("<script>alert(1)</script>".to_owned()),
            Just("<meta charset=\"windows-1252\">".to_owned()),
            Just("<meta property=\"og:title\" content=\"T\">".to_owned()),
            Just(
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
                    .to_owned()
            ),
            Just("<h1>Headline</h1>".to_owned()),
            Just("<!--".to_owned()),
            Just("&amp;&#x1F600;&bogus;".to_owned()),
            "[ -~é日本👩‍👩‍👧\\n\\r]{0,40}",
        ],
        0..60,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), name in 0..NAMES.len()) {
        check(import_article_bytes(&bytes, NAMES[name]));
    }

    #[test]
    fn html_like_markup_never_panics(page in html_fragment(), name in 0..NAMES.len()) {
        check(import_article_bytes(page.as_bytes(), NAMES[name]));
    }

    /// Real prose in windows-1252 is detected and read back exactly (a single accented byte
    /// is ambiguous between legacy encodings; sentences are not).
    #[test]
    fn prose_in_a_legacy_encoding_is_read_back(words in prop::collection::vec(prop::sample::select(&WORDS[..]), 12..60)) {
        let text = words.join(" ");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let article = import_article_bytes(&bytes, "a.txt").expect("windows-1252 text is accepted");
        prop_assert_eq!(article.text, text);
    }

    #[test]
    fn pasted_text_never_panics(text in "\\PC{0,300}") {
        check(import_article_text(&text));
    }
}
