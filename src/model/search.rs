//! Finding text in the article (Ctrl+F): every match as a char range.

use std::ops::Range;

/// Every non-overlapping match of `query` in `text`, as char ranges, in order.
/// Case-insensitive unless `match_case`; case folding maps each char to one char, so offsets
/// stay those of the original text.
#[must_use]
pub fn find_all(text: &str, query: &str, match_case: bool) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let fold = |c: char| {
        if match_case {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let needle: Vec<char> = query.chars().map(fold).collect();
    let haystack: Vec<char> = text.chars().map(fold).collect();
    let mut matches = Vec::new();
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if haystack[i] == needle[0] && haystack[i..i + needle.len()] == needle[..] {
            matches.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
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
    fn offsets_are_chars_for_every_script() {
        let text = "👩‍👩‍👧 日本語 Ωμέγα ωμέγα";
        assert_eq!(find_all(text, "日本", false), vec![6..8]);
        assert_eq!(find_all(text, "ΩΜΈΓΑ", false), vec![10..15, 16..21]);
    }
}
