//! Character offsets into an article's text.
//!
//! Anchors count Unicode scalar values (`char`s), as the W3C Web Annotation
//! `TextPositionSelector` does; Rust strings index by byte. [`TextIndex`] converts between
//! the two in `O(log paragraphs + paragraph length)` and splits the text into paragraphs
//! (one per line) for the article view.

use std::ops::Range;

/// One line of the article: its byte and char ranges (without the line break).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range in the article text.
    pub bytes: Range<usize>,
    /// Char range in the article text.
    pub chars: Range<usize>,
}

/// Paragraph index of an article text with char/byte conversion.
///
/// Always holds at least one paragraph (an empty text is one empty line), which the lookups
/// rely on; [`TextIndex::default`] is the index of the empty text.
#[derive(Clone, Debug)]
pub struct TextIndex {
    paragraphs: Vec<Paragraph>,
    total_chars: usize,
    total_bytes: usize,
}

impl Default for TextIndex {
    /// The index of the empty text: one empty paragraph.
    fn default() -> Self {
        Self::new("")
    }
}

impl TextIndex {
    /// Index `text`: one paragraph per `\n`-separated line (a trailing empty line included).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut paragraphs = Vec::new();
        let mut byte_start = 0;
        let mut char_start = 0;
        for line in text.split('\n') {
            let byte_len = line.len();
            let char_len = line.chars().count();
            paragraphs.push(Paragraph {
                bytes: byte_start..byte_start + byte_len,
                chars: char_start..char_start + char_len,
            });
            byte_start += byte_len + 1;
            char_start += char_len + 1;
        }
        Self {
            paragraphs,
            total_chars: char_start.saturating_sub(1),
            total_bytes: text.len(),
        }
    }

    /// All paragraphs in order.
    #[must_use]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Number of chars in the whole text.
    #[must_use]
    pub fn total_chars(&self) -> usize {
        self.total_chars
    }

    /// Number of bytes in the whole text.
    #[must_use]
    pub fn total_bytes(&self) -> usize {
        self.total_bytes
    }

    /// Index of the paragraph containing char offset `char_idx` (a line break belongs to the
    /// paragraph it ends; the end of text to the last paragraph).
    #[must_use]
    pub fn paragraph_of_char(&self, char_idx: usize) -> usize {
        let i = self
            .paragraphs
            .partition_point(|p| p.chars.start <= char_idx);
        i.saturating_sub(1)
    }

    /// Byte offset of char offset `char_idx` in `text` (clamped to the end of the text).
    #[must_use]
    pub fn char_to_byte(&self, text: &str, char_idx: usize) -> usize {
        if char_idx >= self.total_chars {
            return text.len();
        }
        let para = &self.paragraphs[self.paragraph_of_char(char_idx)];
        let within = char_idx - para.chars.start;
        let line = &text[para.bytes.clone()];
        para.bytes.start + nth_char_start(line, within, para.chars.len())
    }

    /// Char offset of byte offset `byte_idx` in `text`, or `None` when it is not on a char
    /// boundary or past the end.
    #[must_use]
    pub fn byte_to_char(&self, text: &str, byte_idx: usize) -> Option<usize> {
        if byte_idx > text.len() || !text.is_char_boundary(byte_idx) {
            return None;
        }
        let i = self
            .paragraphs
            .partition_point(|p| p.bytes.start <= byte_idx)
            .saturating_sub(1);
        let para = &self.paragraphs[i];
        let end = byte_idx.min(para.bytes.end);
        Some(para.chars.start + text[para.bytes.start..end].chars().count() + (byte_idx - end))
    }

    /// The substring between two char offsets (clamped, swapped if reversed).
    #[must_use]
    pub fn slice<'t>(&self, text: &'t str, chars: Range<usize>) -> &'t str {
        let (a, b) = if chars.start <= chars.end {
            (chars.start, chars.end)
        } else {
            (chars.end, chars.start)
        };
        &text[self.char_to_byte(text, a)..self.char_to_byte(text, b)]
    }
}

/// Byte offset of the `n`th char of `line`, which has `chars` chars (`line.len()` when `n` is
/// past the end). Counts char starts byte by byte instead of decoding chars, and is direct for
/// a line without multi-byte chars.
fn nth_char_start(line: &str, n: usize, chars: usize) -> usize {
    if chars == line.len() {
        return n.min(line.len());
    }
    // Every byte that is not a UTF-8 continuation byte (0b10xx_xxxx) starts a char.
    let starts_char = |b: &u8| (*b as i8) >= -0x40;
    let bytes = line.as_bytes();
    // Whole blocks first (the count of a block compiles to SIMD), then byte by byte.
    const BLOCK: usize = 64;
    let mut seen = 0;
    let mut at = 0;
    for block in bytes.chunks_exact(BLOCK) {
        let starts = block.iter().filter(|b| starts_char(b)).count();
        if seen + starts > n {
            break;
        }
        seen += starts;
        at += BLOCK;
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if starts_char(b) {
            if seen == n {
                return at + i;
            }
            seen += 1;
        }
    }
    line.len()
}

/// Byte offset of char offset `char_idx` in `text`, scanning from the start (for one-off use;
/// prefer [`TextIndex`] in loops). Clamped to the end of the text.
#[must_use]
pub fn char_to_byte(text: &str, char_idx: usize) -> usize {
    text.char_indices()
        .nth(char_idx)
        .map_or(text.len(), |(byte, _)| byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_newlines_with_char_offsets() {
        let text = "héllo\n\nwörld 🌍\n";
        let index = TextIndex::new(text);
        let chars: Vec<_> = index.paragraphs().iter().map(|p| p.chars.clone()).collect();
        assert_eq!(chars, vec![0..5, 6..6, 7..14, 15..15]);
        assert_eq!(index.total_chars(), text.chars().count());
    }

    #[test]
    fn char_and_byte_offsets_round_trip_for_every_script() {
        let text = "Emoji 👩‍👩‍👧 and 日本語\nעברית, العربية, e\u{301}\nend";
        let index = TextIndex::new(text);
        for (char_idx, (byte_idx, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_to_byte(text, char_idx), byte_idx);
            assert_eq!(char_to_byte(text, char_idx), byte_idx);
            assert_eq!(index.byte_to_char(text, byte_idx), Some(char_idx));
        }
        assert_eq!(index.char_to_byte(text, text.chars().count()), text.len());
        assert_eq!(
            index.byte_to_char(text, text.len()),
            Some(text.chars().count())
        );
        // Inside a multi-byte char is not a position.
        let inside = text.find('日').map(|b| b + 1);
        assert_eq!(index.byte_to_char(text, inside.unwrap_or_default()), None);
    }

    #[test]
    fn a_default_index_is_the_valid_index_of_the_empty_text() {
        let index = TextIndex::default();
        assert_eq!(index.paragraphs(), TextIndex::new("").paragraphs());
        assert_eq!(index.paragraphs().len(), 1);
        assert_eq!(index.paragraph_of_char(0), 0);
        assert_eq!(index.byte_to_char("", 0), Some(0));
        assert_eq!(index.char_to_byte("", 0), 0);
        assert_eq!(index.slice("", 0..0), "");
        assert_eq!(index.total_chars(), 0);
    }

    #[test]
    fn slice_uses_char_offsets() {
        let text = "日本語のテキスト\nsecond";
        let index = TextIndex::new(text);
        assert_eq!(index.slice(text, 1..3), "本語");
        assert_eq!(index.slice(text, 6..11), "スト\nse");
        let (a, b) = (3, 1);
        assert_eq!(index.slice(text, a..b), "本語");
    }
}
