//! Sentence splitting for claim suggestions: Unicode sentence bounds (UAX #29) with English
//! news fixes on top (titles such as "Mr." and "Dr.", initials, "U.S.", "No. 5").

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

/// One sentence of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Char offsets into the article text (whitespace around the sentence left out).
    pub chars: Range<usize>,
    /// Byte offsets into the article text (same span as `chars`).
    pub bytes: Range<usize>,
}

impl Sentence {
    /// The sentence's text, sliced from the article it was split from.
    #[must_use]
    pub fn text<'t>(&self, article: &'t str) -> &'t str {
        article.get(self.bytes.clone()).unwrap_or_default()
    }
}

/// Titles that are always followed by a name: never end a sentence after them.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "cpt", "sgt",
    "adm", "maj", "rev", "hon", "pres", "supt", "det", "insp", "st", "mt", "ft", "messrs", "mme",
    "mlle", "sr", "fr",
];

/// Abbreviations that usually do not end a sentence, unless a typical sentence opener follows.
const ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "e.g", "i.e", "etc", "vs", "v", "no",
    "nos", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ", "assn", "bros", "jr", "ph.d",
    "fig", "vol", "op", "cf", "al",
];

/// Words that, capitalised after an abbreviation, signal a new sentence ("... in the U.S. The
/// next day ...").
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "if",
    "when",
    "while",
    "there",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "as",
    "after",
    "before",
    "since",
    "now",
    "then",
    "however",
    "meanwhile",
    "still",
    "also",
    "many",
    "some",
    "most",
    "no",
    "not",
    "what",
    "who",
    "why",
    "how",
    "one",
    "last",
    "next",
    "by",
    "with",
    "from",
    "officials",
    "critics",
];

/// Split `text` into sentences: Unicode sentence bounds, merged again after titles, initials
/// and abbreviations. Paragraph breaks (`\n`) always end a sentence. Offsets are in chars (and
/// bytes) of `text`; empty and whitespace-only pieces are left out.
#[must_use]
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    // Char offset of `byte_cursor`, advanced incrementally so the whole split stays linear.
    let mut char_cursor = 0usize;
    let mut byte_cursor = 0usize;
    let mut to_char = |byte: usize| -> usize {
        char_cursor += text.get(byte_cursor..byte).map_or(0, |s| s.chars().count());
        byte_cursor = byte;
        char_cursor
    };
    // Join with the previous piece when it ended inside the same paragraph on an abbreviation.
    let mut join_next = false;
    for (start, piece) in text.split_sentence_bound_indices() {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            join_next = join_next && !piece.contains('\n');
            continue;
        }
        let b_start = start + lead;
        let b_end = b_start + trimmed.len();
        let joined = join_next
            && !text
                .get(out.last().map_or(0, |s| s.bytes.end)..b_start)
                .unwrap_or_default()
                .contains('\n')
            && !starts_new_sentence(trimmed);
        if joined && let Some(last) = out.last_mut() {
            let c_end = to_char(b_end);
            last.bytes.end = b_end;
            last.chars.end = c_end;
        } else {
            let c_start = to_char(b_start);
            let c_end = to_char(b_end);
            out.push(Sentence {
                chars: c_start..c_end,
                bytes: b_start..b_end,
            });
        }
        join_next = ends_with_abbreviation(trimmed) && !piece.contains('\n');
    }
    out
}

/// Does the piece end with a title, an initial or a known abbreviation (so the period after it
/// is probably not the end of the sentence)?
fn ends_with_abbreviation(piece: &str) -> bool {
    let Some(body) = piece.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or_default();
    if word.is_empty() {
        return false;
    }
    // A single capital letter: an initial ("John F. Kennedy").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let lower = word.to_lowercase();
    TITLES.contains(&lower.as_str()) || ABBREVIATIONS.contains(&lower.as_str())
}

/// Does the piece start like a new sentence even after an abbreviation? Titles and initials are
/// handled by the caller; this catches "... in the U.S. The next day ...".
fn starts_new_sentence(piece: &str) -> bool {
    let first: String = piece
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let Some(initial) = first.chars().next() else {
        return false;
    };
    initial.is_uppercase() && OPENERS.contains(&first.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn plain_sentences_split() {
        assert_eq!(
            texts("Unemployment fell. Wages rose!  Did prices rise? Yes."),
            [
                "Unemployment fell.",
                "Wages rose!",
                "Did prices rise?",
                "Yes."
            ]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Putin met Dr. Jane Q. Public in St. Petersburg. They talked."),
            [
                "Mr. Putin met Dr. Jane Q. Public in St. Petersburg.",
                "They talked."
            ]
        );
        assert_eq!(
            texts("Mr Putin had denied it. Mrs. May agreed."),
            ["Mr Putin had denied it.", "Mrs. May agreed."]
        );
    }

    #[test]
    fn us_abbreviation_joins_unless_a_new_sentence_starts() {
        assert_eq!(
            texts("The U.S. Senate voted 52 to 48. Exports to the U.S. rose. The end."),
            [
                "The U.S. Senate voted 52 to 48.",
                "Exports to the U.S. rose.",
                "The end."
            ]
        );
        assert_eq!(
            texts("Troops left the U.S. The next day they landed."),
            ["Troops left the U.S.", "The next day they landed."]
        );
    }

    #[test]
    fn decimals_ellipses_and_quotes_stay_together() {
        assert_eq!(
            texts("Growth was 3.5 percent... or so he said. \"It was a record.\" She left."),
            [
                "Growth was 3.5 percent... or so he said.",
                "\"It was a record.\"",
                "She left."
            ]
        );
        assert_eq!(
            texts("It will be guarded… and safe. Next."),
            ["It will be guarded… and safe.", "Next."]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences_even_after_abbreviations() {
        assert_eq!(
            texts("A headline without a stop\nBorn in the U.S.\nMr. Smith spoke."),
            [
                "A headline without a stop",
                "Born in the U.S.",
                "Mr. Smith spoke."
            ]
        );
    }

    #[test]
    fn offsets_are_chars_of_the_article() {
        let text = "Zoë said “über” twice. Ça va? Oui.";
        let sentences = split_sentences(text);
        assert_eq!(sentences.len(), 3);
        let chars: Vec<char> = text.chars().collect();
        for s in &sentences {
            let by_chars: String = chars[s.chars.clone()].iter().collect();
            assert_eq!(by_chars, s.text(text));
        }
        assert_eq!(sentences[1].chars, 23..29);
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences(" \n\n\t ").is_empty());
    }
}
