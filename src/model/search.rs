//! Finding text in the article (Ctrl+F): every match as a char range.

use std::ops::Range;

/// Every non-overlapping match of `query` in `text`, as char ranges, in order.
/// Case-insensitive unless `match_case`; case folding maps each char to one char, so offsets
/// stay those of the original text. To search one long text again and again (a find bar, a
/// keystroke at a time), use a [`RepeatedSearch`].
#[must_use]
pub fn find_all(text: &str, query: &str, match_case: bool) -> Vec<Range<usize>> {
    if match_case {
        find_chars(text, query)
    } else {
        find_all_folded(&fold_case(text), query)
    }
}

/// One text searched again and again: folded to lower case at its first case-insensitive
/// search, not at every one (a 5 MB book took 40 ms a search with the fold, 3 ms without).
#[derive(Debug, Default)]
pub struct RepeatedSearch {
    folded: Option<String>,
}

impl RepeatedSearch {
    /// The same matches as [`find_all`]. `text` must be the same text at every call: start a
    /// new search for another text.
    pub fn find_all(&mut self, text: &str, query: &str, match_case: bool) -> Vec<Range<usize>> {
        if match_case || query.is_empty() {
            return find_chars(text, query);
        }
        find_all_folded(self.folded.get_or_insert_with(|| fold_case(text)), query)
    }
}

/// Case-insensitive matches of `query` in `folded`, a text folded with [`fold_case`]: the
/// same char ranges as [`find_all`] gives for the original text.
fn find_all_folded(folded: &str, query: &str) -> Vec<Range<usize>> {
    find_chars(folded, &fold_case(query))
}

/// `text` with each char replaced by the first char of its lower case: as many chars as
/// `text`, so char offsets in one are char offsets in the other.
fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// Non-overlapping occurrences of `needle` in `haystack` as char ranges: a SIMD byte search
/// (UTF-8 matches always start and end on char boundaries), then one pass counting chars.
fn find_chars(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    let mut matches = Vec::new();
    let (mut byte, mut char_at) = (0, 0);
    for found in memchr::memmem::find_iter(haystack.as_bytes(), needle.as_bytes()) {
        char_at += haystack[byte..found].chars().count();
        matches.push(char_at..char_at + needle_chars);
        byte = found + needle.len();
        char_at += needle_chars;
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_in_chars() {
        let text = "Putin met Trump. PUTIN said… putin";
        assert_eq!(find_all(text, "putin", false), vec![0..5, 17..22, 29..34]);
        assert_eq!(find_all(text, "putin", true), vec![29..34]);
        assert!(find_all(text, "", false).is_empty());
    }

    #[test]
    fn folded_search_gives_the_same_matches_as_the_plain_one() {
        let text = "İstanbul ΣΊΣΥΦΟΣ σίσυφος aaaa Ǆ ǅ ǆ e\u{301} Straße STRASSE";
        let folded = fold_case(text);
        assert_eq!(folded.chars().count(), text.chars().count());
        for query in ["i", "σίσυφος", "aa", "ǆ", "e\u{301}", "straße", "ss", "x"] {
            let slow: Vec<Range<usize>> = {
                // The definition: fold every char, compare char by char, skip past a match.
                let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
                let hay: Vec<char> = text.chars().map(fold).collect();
                let needle: Vec<char> = query.chars().map(fold).collect();
                let mut found = Vec::new();
                let mut i = 0;
                while i + needle.len() <= hay.len() {
                    if hay[i..i + needle.len()] == needle[..] {
                        found.push(i..i + needle.len());
                        i += needle.len();
                    } else {
                        i += 1;
                    }
                }
                found
            };
            assert_eq!(find_all(text, query, false), slow, "{query}");
            assert_eq!(find_all_folded(&folded, query), slow, "{query}");
            let mut search = RepeatedSearch::default();
            assert_eq!(search.find_all(text, query, false), slow, "{query}");
            assert_eq!(search.find_all(text, query, false), slow, "{query} again");
            assert_eq!(
                search.find_all(text, query, true),
                find_all(text, query, true)
            );
        }
        assert_eq!(find_all("aaaa", "aa", true), vec![0..2, 2..4]);
    }

    #[test]
    fn offsets_are_chars_for_every_script() {
        let text = "👩‍👩‍👧 日本語 Ωμέγα ωμέγα";
        assert_eq!(find_all(text, "日本", false), vec![6..8]);
        assert_eq!(find_all(text, "ΩΜΈΓΑ", false), vec![10..15, 16..21]);
    }
}
