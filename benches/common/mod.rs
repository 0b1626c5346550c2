//! Deterministic generated inputs for the benchmarks and the scaling test: articles of any
//! size, projects with many claims, and edited versions of an article. Nothing here is
//! committed as data; the same seed always gives the same input.

#![allow(dead_code, reason = "each bench or test uses part of this module")]

use chrono::{TimeZone as _, Utc};
use factcheck::model::{
    Anchor, ArticleMeta, Claim, ClaimStatus, Comment, CommentId, Evidence, Project, Source, Stance,
    TextIndex,
};

#[path = "../../tests/common/generate.rs"]
mod generate;

pub use generate::Rng;

/// An article of about `bytes` bytes: paragraphs separated by blank lines, ending with a line
/// break (the shared generator in `tests/common/generate.rs`).
pub fn article(bytes: usize, seed: u64) -> String {
    let mut text = generate::text(bytes, seed, "\n\n");
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
