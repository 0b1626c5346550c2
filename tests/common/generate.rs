//! The one deterministic article generator of the tests and the benchmarks: prose of any
//! size in many scripts (Latin with accents and typographic quotes, CJK, Arabic, Hebrew,
//! Cyrillic, Greek, emoji, combining marks), so byte and char offsets differ. Same seed, same
//! text. Included with `#[path]` by `benches/common/mod.rs` and `tests/common/article_view.rs`.

#![allow(dead_code, reason = "each includer uses a different part")]

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// Next number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x % (n.max(1) as u64)).unwrap_or(0)
    }
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "that",
    "prices",
    "rose",
    "by",
    "percent",
    "in",
    "last",
    "year",
    "according",
    "to",
    "figures",
    "from",
    "office",
    "national",
    "statistics",
    "however",
    "critics",
    "argued",
    "numbers",
    "were",
    "misleading",
    "because",
    "they",
    "ignored",
    "inflation",
    "and",
    "population",
    "growth",
    "café",
    "naïve",
    "“record”",
    "‘unprecedented’",
    "—",
    "…",
    "&",
    "government",
    "spending",
    "on",
    "health",
    "schools",
    "roads",
    "billion",
    "million",
    "increase",
    "decrease",
    "claimed",
    "election",
    "vote",
    "Putin",
    "Trump",
    "EU",
    "日本",
    "中国",
    "العربية",
    "עברית",
    "Україна",
    "Ελλάδα",
    "👩‍👩‍👧",
    "e\u{301}",
    "\"quoted\"",
    "back\\slash",
    "r#raw#",
];

/// Prose of about `bytes` bytes (at least `bytes`, less than one paragraph more): paragraphs
/// of 40 to 160 words with numbers and sentences, separated by `paragraph_break` (`"\n"` for
/// one paragraph per line, `"\n\n"` for blank lines between paragraphs).
pub fn text(bytes: usize, seed: u64, paragraph_break: &str) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 1024);
    let mut paragraph = 0usize;
    while text.len() < bytes {
        if paragraph > 0 {
            text.push_str(paragraph_break);
        }
        paragraph += 1;
        let words = 40 + rng.below(120);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            if rng.below(12) == 0 {
                text.push_str(&(rng.below(100_000)).to_string());
            } else {
                let word = WORDS[rng.below(WORDS.len())];
                if w == 0 {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        text.extend(first.to_uppercase());
                        text.push_str(chars.as_str());
                    }
                } else {
                    text.push_str(word);
                }
            }
            if rng.below(15) == 0 {
                text.push('.');
            }
        }
        text.push('.');
    }
    text
}
