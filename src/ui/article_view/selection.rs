//! The view's own text selection: an anchor and a caret in article char offsets.
//!
//! egui 0.37 keeps a label selection's endpoints private, so the article view keeps its own.
//! Positions are caret positions between chars, `0..=total_chars`; the line break between
//! two paragraphs is one char.

use std::ops::Range;

/// Anchor (where the selection started) and caret (where it ends and keys move).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Selection {
    /// Fixed end of the selection.
    pub anchor: usize,
    /// Moving end of the selection, where the caret is drawn.
    pub caret: usize,
}

impl Selection {
    /// An empty selection (a caret) at `pos`.
    pub(crate) fn caret_at(pos: usize) -> Self {
        Self {
            anchor: pos,
            caret: pos,
        }
    }

    /// The selected chars, ordered; empty when anchor and caret meet.
    pub(crate) fn range(&self) -> Range<usize> {
        self.anchor.min(self.caret)..self.anchor.max(self.caret)
    }

    /// Move the caret to `pos`, keeping the anchor when `extend`, else collapsing onto it.
    pub(crate) fn move_to(&mut self, pos: usize, extend: bool) {
        self.caret = pos;
        if !extend {
            self.anchor = pos;
        }
    }

    /// Clamp both ends to `0..=total_chars`.
    pub(crate) fn clamp(&mut self, total_chars: usize) {
        self.anchor = self.anchor.min(total_chars);
        self.caret = self.caret.min(total_chars);
    }
}

/// Whether `c` belongs to a word (letters, digits, marks, connector punctuation).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c) || c == '\u{200d}' || c == '\''
}

/// Common combining marks, so that "e\u{301}" stays one word.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The word around char `at` of `line` (char offsets within the line). On a non-word char, the
/// run of that char's kind (spaces, or one punctuation or symbol char) is returned instead, so
/// a double-click always selects something visible.
pub(crate) fn word_at(line: &str, at: usize) -> Range<usize> {
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() {
        return 0..0;
    }
    let at = at.min(chars.len() - 1);
    let kind = |c: char| {
        if is_word_char(c) {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        }
    };
    let k = kind(chars[at]);
    if k == 2 {
        return at..at + 1;
    }
    let mut start = at;
    while start > 0 && kind(chars[start - 1]) == k {
        start -= 1;
    }
    let mut end = at + 1;
    while end < chars.len() && kind(chars[end]) == k {
        end += 1;
    }
    start..end
}

/// Caret position after moving one word right from `pos` within `line` (chars): skip
/// non-word chars, then the word.
pub(crate) fn next_word_end(line: &str, pos: usize) -> usize {
    let mut i = pos;
    let mut chars = line.chars().skip(pos).peekable();
    while chars.peek().is_some_and(|c| !is_word_char(*c)) {
        chars.next();
        i += 1;
    }
    while chars.peek().is_some_and(|c| is_word_char(*c)) {
        chars.next();
        i += 1;
    }
    i
}

/// Caret position after moving one word left from `pos` within `line` (chars).
pub(crate) fn previous_word_start(line: &str, pos: usize) -> usize {
    let chars: Vec<char> = line.chars().take(pos).collect();
    let mut i = chars.len();
    while i > 0 && !is_word_char(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_word_char(chars[i - 1]) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_orders_its_range_and_extends_from_the_anchor() {
        let mut sel = Selection::caret_at(10);
        sel.move_to(4, true);
        assert_eq!(sel.range(), 4..10);
        sel.move_to(20, true);
        assert_eq!(sel.range(), 10..20);
        sel.move_to(7, false);
        assert!(sel.range().is_empty());
        sel.move_to(30, true);
        sel.clamp(25);
        assert_eq!(sel.range(), 7..25);
    }

    #[test]
    fn word_at_finds_words_in_every_script() {
        let line = "The impenetrable Cyber Security unit, 日本語 and עברית e\u{301}tude.";
        let chars: Vec<char> = line.chars().collect();
        let pick = |r: Range<usize>| chars[r].iter().collect::<String>();
        assert_eq!(pick(word_at(line, 6)), "impenetrable");
        assert_eq!(pick(word_at(line, 0)), "The");
        // Punctuation is its own unit; a run of spaces is one unit.
        assert_eq!(pick(word_at(line, 36)), ",");
        assert_eq!(pick(word_at(line, 3)), " ");
        let cjk = line.chars().position(|c| c == '本').unwrap_or_default();
        assert_eq!(pick(word_at(line, cjk)), "日本語");
        let hebrew = line.chars().position(|c| c == 'ב').unwrap_or_default();
        assert_eq!(pick(word_at(line, hebrew)), "עברית");
        let accent = line
            .chars()
            .position(|c| c == '\u{301}')
            .unwrap_or_default();
        assert_eq!(pick(word_at(line, accent)), "e\u{301}tude");
        assert_eq!(word_at("", 3), 0..0);
        assert_eq!(pick(word_at(line, 10_000)), ".");
    }

    #[test]
    fn word_moves_skip_punctuation_then_the_word() {
        let line = "one, two  three";
        assert_eq!(next_word_end(line, 0), 3);
        assert_eq!(next_word_end(line, 3), 8);
        assert_eq!(next_word_end(line, 8), 15);
        assert_eq!(next_word_end(line, 15), 15);
        assert_eq!(previous_word_start(line, 15), 10);
        assert_eq!(previous_word_start(line, 10), 5);
        assert_eq!(previous_word_start(line, 4), 0);
        assert_eq!(previous_word_start(line, 0), 0);
    }
}
