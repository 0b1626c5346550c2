//! Deterministic article and claim generators shared by the article view tests and the
//! `article_view` benchmark (which includes this file with `#[path]`).

#![allow(dead_code, reason = "each includer uses a different part")]

use std::ops::Range;

use egui::Color32;
use factcheck::model::ClaimId;
use factcheck::ui::article_view::Highlight;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "that",
    "crime",
    "fell",
    "by",
    "percent",
    "last",
    "year",
    "and",
    "unemployment",
    "is",
    "at",
    "a",
    "record",
    "low",
    "according",
    "to",
    "official",
    "figures",
    "released",
    "on",
    "Tuesday",
    "while",
    "critics",
    "argued",
    "budget",
    "was",
    "cut",
    "in",
    "every",
    "region",
    "of",
    "country",
    "since",
    "2017",
    "report",
    "shows",
    "hospital",
    "waiting",
    "times",
    "have",
    "doubled",
    "under",
    "this",
    "government",
    "cyber",
    "security",
    "unit",
    "impenetrable",
    "election",
    "hacking",
    "guarded",
    "committee",
    "evidence",
    "claimed",
];

/// A generated article of about `bytes` bytes: paragraphs of 40 to 160 words, with a few
/// non-Latin words (CJK, Hebrew, emoji) so byte and char offsets differ. Same seed, same text.
#[must_use]
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        if !text.is_empty() {
            text.push('\n');
        }
        let words = rng.usize(40..160);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            match rng.u8(0..100) {
                0 => text.push_str("日本語"),
                1 => text.push_str("עברית"),
                2 => text.push_str("👩‍👩‍👧"),
                _ => text.push_str(WORDS[rng.usize(0..WORDS.len())]),
            }
        }
        text.push('.');
    }
    text
}

/// `n` claims spread over `total_chars`: mostly sentence-sized, some long enough to cross
/// paragraphs, some nested inside others. Sorted by start.
#[must_use]
pub fn claims(total_chars: usize, n: usize, seed: u64) -> Vec<Highlight> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let palette = [
        Color32::from_rgb(220, 50, 47),
        Color32::from_rgb(38, 139, 210),
        Color32::from_rgb(133, 153, 0),
        Color32::from_rgb(181, 137, 0),
        Color32::from_rgb(108, 113, 196),
    ];
    let mut out: Vec<Highlight> = (0..n)
        .map(|i| {
            let len = match rng.u8(0..20) {
                0 => rng.usize(300..2_000),
                _ => rng.usize(15..200),
            };
            let start = rng.usize(0..total_chars.saturating_sub(len).max(1));
            Highlight {
                claim_id: ClaimId(uuid::Uuid::from_u128(i as u128 + 1)),
                chars: start..(start + len).min(total_chars),
                colour: palette[i % palette.len()],
            }
        })
        .collect();
    out.sort_by_key(|h| h.chars.start);
    out
}

/// Every occurrence of `needle` in `text`, as char ranges.
#[must_use]
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    let len = needle.chars().count();
    let mut out = Vec::new();
    let mut char_pos = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(needle) {
        char_pos += text[last_byte..byte].chars().count();
        last_byte = byte;
        out.push(char_pos..char_pos + len);
    }
    out
}

/// Char offset of the `n`-th (0-based) occurrence of `needle` in `text`.
#[must_use]
pub fn char_of(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .map_or(0, |(byte, _)| text[..byte].chars().count())
}
