//! Escaping of project text for each output format.
//!
//! Nothing from a project is trusted: every string goes through one of these functions before
//! it is written into HTML, Markdown or CSV.

/// Remove control characters except line breaks and tabs (they are invalid in HTML and
/// invisible in every format), and normalise `\r\n` and `\r` to `\n`.
#[must_use]
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Escape text for HTML element content and double-quoted attribute values.
#[must_use]
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Characters that can start or end Markdown inline syntax anywhere in a line.
const MARKDOWN_INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~'];

/// Escape one line of text (no line breaks) so CommonMark reads it as plain text: inline
/// syntax is backslash-escaped everywhere, block syntax (`#`, `-`, `1.`, `>`, ...) at the
/// start of the line, and leading/trailing spaces (indented code, hard breaks) are trimmed.
#[must_use]
pub fn markdown_line(text: &str) -> String {
    markdown_text(text, true)
}

/// Escape text that continues a Markdown line (not at its start): only inline syntax is
/// escaped, leading and trailing spaces are trimmed.
#[must_use]
pub fn markdown_mid_line(text: &str) -> String {
    markdown_text(text, false)
}

fn markdown_text(text: &str, line_start: bool) -> String {
    let line = text.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    // Block syntax at the start of the line: any leading ASCII punctuation.
    if line_start && let Some(&first) = chars.peek() {
        if first.is_ascii_punctuation() {
            out.push('\\');
            out.push(first);
            chars.next();
        } else if first.is_ascii_digit() {
            // `12.` or `12)` would start an ordered list.
            while let Some(&c) = chars.peek() {
                if !c.is_ascii_digit() {
                    break;
                }
                out.push(c);
                chars.next();
            }
            if let Some(&c) = chars.peek()
                && (c == '.' || c == ')')
            {
                chars.next();
                // Only a marker when followed by a space or the end of the line.
                if chars.peek().is_none_or(|n| n.is_whitespace()) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    for c in chars {
        if MARKDOWN_INLINE.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape text for one Markdown line: whitespace (line breaks included) collapsed to single
/// spaces, then [`markdown_line`].
#[must_use]
pub fn markdown_inline(text: &str) -> String {
    let joined = clean(text).split_whitespace().collect::<Vec<_>>().join(" ");
    markdown_line(&joined)
}

/// Escape multi-line text as Markdown paragraphs: each non-blank line becomes a paragraph,
/// and every line after the first is indented by `indent` spaces (for list items).
#[must_use]
pub fn markdown_paragraphs(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let paragraphs: Vec<String> = clean(text)
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(markdown_inline)
        .collect();
    paragraphs.join(&format!("\n\n{pad}"))
}

/// Escape a URL as a Markdown link destination: characters that end or change a destination
/// are backslash-escaped, whitespace is percent-encoded.
#[must_use]
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '\\' | '(' | ')' | '<' | '>' | '&' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), with
/// their full-width forms.
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Neutralise a CSV cell that a spreadsheet would run as a formula, by putting an apostrophe
/// before it (the cell then shows as text). Quoting is left to the CSV writer.
#[must_use]
pub fn csv_cell(text: &str) -> String {
    let trimmed = text.trim_start_matches([' ', '\u{a0}']);
    if trimmed.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            html("<script>\"x\" & 'y'</script>\u{0}\u{1b}"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(html("a\r\nb"), "a\nb");
    }

    #[test]
    fn markdown_line_escapes_block_and_inline_syntax() {
        assert_eq!(markdown_line("# Title"), "\\# Title");
        assert_eq!(markdown_line("1. item"), "1\\. item");
        assert_eq!(markdown_line("2024) x"), "2024\\) x");
        assert_eq!(markdown_line("- item"), "\\- item");
        assert_eq!(markdown_line("    code"), "code");
        assert_eq!(
            markdown_line("a *b* [c](d) <e> &amp; `f`"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\&amp; \\`f\\`"
        );
        assert_eq!(markdown_line("3.5 million"), "3.5 million");
    }

    #[test]
    fn markdown_paragraphs_keep_paragraphs_and_indent() {
        assert_eq!(markdown_paragraphs("a\n\n# b\n", 3), "a\n\n   \\# b");
        assert_eq!(markdown_inline("a\n- b"), "a - b");
        assert_eq!(markdown_line("1."), "1\\.");
    }

    #[test]
    fn markdown_url_escapes_destination_syntax() {
        assert_eq!(
            markdown_url("https://e.org/a_(b)?c=1&d=<2> x"),
            "https://e.org/a_\\(b\\)?c=1\\&d=\\<2\\>%20x"
        );
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised() {
        for formula in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", " =1", "＝1"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a=b"), "a=b");
    }
}
