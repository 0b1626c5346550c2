//! Deterministic generated inputs for the benchmarks and the scaling test: articles of any
//! size, projects with many claims, and edited versions of an article. Nothing here is
//! committed as data; the same seed always gives the same input.

#![allow(dead_code, reason = "each bench or test uses part of this module")]

use chrono::{TimeZone as _, Utc};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimStatus, Comment, CommentId, Evidence, Project, Source, Stance,
    TextIndex,
};

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

/// An article of about `bytes` bytes: paragraphs of 40 to 160 words separated by blank lines,
/// sentences with numbers, quotes, several scripts and emoji.
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 1024);
    let mut paragraph = 0usize;
    while text.len() < bytes {
        if paragraph > 0 {
            text.push_str("\n\n");
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
    text.push('\n');
    text
}

/// A project on `text` with `claims` claims of 20 to 150 chars at random places, each with a
/// verdict, a conclusion, evidence from a library of 200 sources and a comment.
pub fn project(text: &str, claims: usize, seed: u64) -> Project {
    let mut rng = Rng::new(seed ^ 0x5EED);
    let index = TextIndex::new(text);
    let total = index.total_chars();
    let mut project = Project::new(
        text,
        ArticleMeta {
            title: "Generated article".to_owned(),
            outlet: "Benchmark Times".to_owned(),
            ..ArticleMeta::default()
        },
    );
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single();
    for i in 0..200 {
        project.sources.push(Source {
            title: format!("Source document {i} with a fairly long title"),
            url: format!("https://example.org/reports/{i}"),
            publisher: "Office for Benchmark Statistics".to_owned(),
            ..Source::default()
        });
    }
    let labels: Vec<String> = project.scale.labels.iter().map(|l| l.id.clone()).collect();
    for i in 0..claims {
        let len = 20 + rng.below(130);
        let start = rng.below(total.saturating_sub(len).max(1));
        let anchor = Anchor::from_range(text, &index, start, start + len);
        let mut claim = Claim::new(anchor);
        claim.claimant = format!("Claimant {}", i % 50);
        claim.status = ClaimStatus::Researching;
        claim.verdict = labels.get(rng.below(labels.len().max(1))).cloned();
        claim.conclusion = "The figure leaves out inflation; adjusted for it, spending fell \
                            slightly. We checked the published tables and asked the office."
            .to_owned();
        claim.methodology = "Compared the claim with the statistics office's series.".to_owned();
        let source = project.sources[rng.below(200)].id;
        claim.evidence.push(Evidence {
            source,
            stance: Stance::Contradicts,
            quote: "Table 3: real-terms spending, 2019 to 2025".to_owned(),
            note: String::new(),
            passage: None,
        });
        if let Some(at) = at {
            claim.comments.push(Comment {
                id: CommentId::new_random(),
                author: "Editor".to_owned(),
                at,
                text: "Please add the archive link.".to_owned(),
                resolved: false,
            });
        }
        project.claims.push(claim);
    }
    project.sort_claims();
    project
}

/// An edited version of `text`: a correction note at the top, `edits` paragraphs changed
/// (a number replaced, a word inserted or a sentence removed), one paragraph moved.
pub fn edit(text: &str, edits: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0xED17);
    let mut paragraphs: Vec<String> = text.split("\n\n").map(str::to_owned).collect();
    let n = paragraphs.len();
    for _ in 0..edits {
        let p = rng.below(n);
        let words: Vec<&str> = paragraphs[p].split(' ').collect();
        let mut words: Vec<String> = words.into_iter().map(str::to_owned).collect();
        let w = rng.below(words.len().max(1));
        match rng.below(3) {
            0 => words.insert(w, "(corrected)".to_owned()),
            1 => {
                if words.len() > 1 {
                    words.remove(w);
                }
            }
            _ => words[w] = rng.below(1000).to_string(),
        }
        paragraphs[p] = words.join(" ");
    }
    if n > 2 {
        let moved = paragraphs.remove(rng.below(n - 1) + 1);
        let to = rng.below(paragraphs.len());
        paragraphs.insert(to, moved);
    }
    format!(
        "Correction: an earlier version of this article misstated several figures.\n\n{}",
        paragraphs.join("\n\n")
    )
}
