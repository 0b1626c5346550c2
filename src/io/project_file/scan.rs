//! The lexical pre-scan of a project file: refuses what does not look like a project and
//! enforces the size limits (values, nesting, text lengths) before anything large is built.

use super::error::LoadErrorKind;
use super::{MAX_DEPTH, MAX_FIELD_BYTES, MAX_VALUES};
use crate::io::article::MAX_ARTICLE_BYTES;

/// What the lexical pre-scan ([`stages::scan`](super::stages::scan)) found.
#[derive(Clone, Debug)]
pub struct Scan {
    /// The text ends inside a string, a comment or an open bracket.
    pub(super) unterminated: bool,
    /// The top-level `format_version`, when there is one and it is a number.
    pub(super) format_version: Option<u32>,
    /// Where the top-level `claims` list is, when there is exactly one, the text is
    /// complete and has no `#![...]` attributes (so parts of it can be parsed apart).
    pub(super) claims: Option<ClaimsList>,
}

/// Byte positions of the top-level `claims: [...]` list.
#[derive(Clone, Debug, Default)]
pub(super) struct ClaimsList {
    /// The `[`.
    pub(super) open: usize,
    /// The `]`.
    pub(super) close: usize,
    /// The commas between its elements (and after the last one, if there is one).
    pub(super) commas: Vec<usize>,
}

/// 1-based line and column (in chars) of byte offset `at` in `text`.
pub(super) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A lexical pass over RON text, without building anything: refuses text that does not start
/// like a project, counts values against [`MAX_VALUES`], measures every string against the
/// limit of its field, and notes whether the text ends in the middle of something. Strings,
/// raw strings, chars and (nested) comments are skipped as RON defines them.
pub(super) fn scan(text: &str) -> Result<Scan, LoadErrorKind> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut values = 0usize;
    // Field names of the open brackets (empty for a bracket with no field name).
    let mut keys: Vec<&str> = Vec::new();
    let mut pending_ident: Option<&str> = None;
    let mut current_key: Option<&str> = None;
    let mut seen_token = false;
    let mut unterminated = false;
    let mut format_version = None;
    let mut attributes = false;
    // Top-level `claims` lists seen, and the first one while it is open.
    let mut claims_lists = 0usize;
    let mut claims = ClaimsList::default();
    let mut in_claims = false;
    while i < bytes.len() {
        let b = bytes[i];
        // Comments.
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = memchr_from(bytes, b'\n', i).unwrap_or(bytes.len());
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let mut depth = 0usize;
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (Some(b'/'), Some(b'*')) => {
                        depth += 1;
                        i += 2;
                    }
                    (Some(b'*'), Some(b'/')) => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    (Some(_), _) => i += 1,
                    (None, _) => {
                        unterminated = true;
                        break;
                    }
                }
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !seen_token {
            seen_token = true;
            check_start(text, i)?;
            attributes = bytes[i..].starts_with(b"#!");
        }
        // Strings: "...", r#"..."#, b"...", br"...".
        let raw_start = match b {
            b'"' => Some((i, i + 1, 0usize, false)),
            b'r' | b'b' if pending_ident.is_none() => string_start(bytes, i),
            _ => None,
        };
        if let Some((start, body, hashes, raw)) = raw_start {
            let end = if raw {
                find_raw_end(bytes, body, hashes)
            } else {
                find_string_end(bytes, body)
            };
            let (len, next) = match end {
                Some(end) => (end - body, end + 1 + hashes),
                None => {
                    unterminated = true;
                    (bytes.len() - body, bytes.len())
                }
            };
            values += 1;
            check_string(text, &keys, current_key, start, len)?;
            current_key = None;
            i = next;
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => {
                values += 1;
                if b == b'[' && keys.len() == 1 && current_key == Some("claims") {
                    claims_lists += 1;
                    if claims_lists == 1 {
                        claims.open = i;
                        in_claims = true;
                    }
                }
                keys.push(current_key.take().unwrap_or(""));
                pending_ident = None;
                if keys.len() > MAX_DEPTH {
                    let (line, col) = line_col(text, i);
                    return Err(LoadErrorKind::TooDeep {
                        line,
                        col,
                        limit: MAX_DEPTH,
                    });
                }
            }
            b')' | b']' | b'}' => {
                if in_claims && keys.len() == 2 {
                    claims.close = i;
                    in_claims = false;
                }
                keys.pop();
                pending_ident = None;
                current_key = None;
            }
            b':' => current_key = pending_ident.take(),
            b',' => {
                if in_claims && keys.len() == 2 {
                    claims.commas.push(i);
                }
                pending_ident = None;
                current_key = None;
            }
            b'\'' => {
                // A char literal: skip to its closing quote.
                let body = i + 1;
                let skip = usize::from(bytes.get(body) == Some(&b'\\'));
                i = memchr_from(bytes, b'\'', body + skip + 1).map_or(bytes.len(), |e| e);
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'#' | b'.' | b'+' | b'-')
                        || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                pending_ident = text.get(start..i);
                if keys.len() == 1 && current_key == Some("format_version") {
                    format_version = pending_ident.and_then(|v| v.parse().ok());
                }
                continue;
            }
            _ => {}
        }
        if values > MAX_VALUES {
            return Err(LoadErrorKind::TooManyValues { limit: MAX_VALUES });
        }
        i += 1;
    }
    if values > MAX_VALUES {
        return Err(LoadErrorKind::TooManyValues { limit: MAX_VALUES });
    }
    if !seen_token {
        return Err(LoadErrorKind::Empty);
    }
    let unterminated = unterminated || !keys.is_empty();
    let whole_list = claims_lists == 1 && claims.close > claims.open;
    Ok(Scan {
        unterminated,
        format_version,
        claims: (whole_list && !unterminated && !attributes).then_some(claims),
    })
}

/// Position of the next `needle` at or after `from`.
fn memchr_from(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|p| p + from)
}

/// If a string literal starts at `i` (`r"`, `r#"`, `b"`, `br#"`): (start, body start, number
/// of `#`, raw).
fn string_start(bytes: &[u8], i: usize) -> Option<(usize, usize, usize, bool)> {
    let mut j = i;
    if bytes.get(j) == Some(&b'b') {
        j += 1;
    }
    let raw = bytes.get(j) == Some(&b'r');
    if raw {
        j += 1;
    }
    let hashes = bytes[j.min(bytes.len())..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    if hashes > 0 && !raw {
        return None;
    }
    j += hashes;
    (bytes.get(j) == Some(&b'"') && j > i).then_some((i, j + 1, hashes, raw))
}

/// Index of the closing `"` of an escaped string whose body starts at `body`.
fn find_string_end(bytes: &[u8], body: usize) -> Option<usize> {
    let mut j = body;
    loop {
        j += memchr::memchr2(b'\\', b'"', bytes.get(j..)?)?;
        if bytes[j] == b'"' {
            return Some(j);
        }
        j += 2;
    }
}

/// Index of the `"` that, followed by `hashes` `#`, closes a raw string.
fn find_raw_end(bytes: &[u8], body: usize, hashes: usize) -> Option<usize> {
    let mut j = body;
    while let Some(q) = memchr_from(bytes, b'"', j) {
        let closing = bytes.get(q + 1..q + 1 + hashes)?;
        if closing.iter().all(|&b| b == b'#') {
            return Some(q);
        }
        j = q + 1;
    }
    None
}

/// Refuse text whose first token cannot start a project: `(` or a struct name and `(`.
fn check_start(text: &str, at: usize) -> Result<(), LoadErrorKind> {
    let rest = &text[at..];
    let ident_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let after_ident = rest[ident_len..].trim_start();
    if rest.starts_with('(')
        || rest.starts_with("#![")
        || (ident_len > 0 && after_ident.starts_with('('))
    {
        return Ok(());
    }
    let hint = match rest.as_bytes().first() {
        Some(b'{') => ", which looks like JSON",
        Some(b'<') => ", which looks like HTML or XML",
        Some(b'[') => ", which is a list, not a project",
        Some(b) if b.is_ascii_alphabetic() => ", which looks like plain text",
        _ => "",
    };
    let (line, col) = line_col(text, at);
    Err(LoadErrorKind::NotRon {
        found: rest.chars().take(20).collect(),
        line,
        col,
        hint,
    })
}

/// Refuse a string longer than its field allows.
fn check_string(
    text: &str,
    keys: &[&str],
    key: Option<&str>,
    start: usize,
    len: usize,
) -> Result<(), LoadErrorKind> {
    if len <= MAX_FIELD_BYTES {
        return Ok(());
    }
    let mut path: Vec<&str> = keys.iter().copied().filter(|k| !k.is_empty()).collect();
    path.extend(key);
    let field = path.join(".");
    let limit = if field == "article.text" {
        usize::try_from(MAX_ARTICLE_BYTES).unwrap_or(usize::MAX)
    } else {
        MAX_FIELD_BYTES
    };
    if len <= limit {
        return Ok(());
    }
    let (line, col) = line_col(text, start);
    Err(LoadErrorKind::TextTooLong {
        field: if field.is_empty() {
            "a value".to_owned()
        } else {
            format!("`{field}`")
        },
        line,
        col,
        bytes: len,
        limit,
    })
}
