//! Bounds on hostile web pages before and after parsing: markup nested deeper than an HTML
//! parser can handle in reasonable time is flattened by a quick scan of the tags, and the
//! parsed page's depth and element count are measured without recursion.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;

/// When `html` nests elements deeper than `max_depth` (estimated by a quick scan of its
/// tags), a copy with the tags below that depth removed (their text kept); else `None`.
/// Elements that close themselves (`<p>`, `<li>`, void elements) do not count.
pub(super) fn flatten_deep_markup(html: &str, max_depth: usize) -> Option<String> {
    let bytes = html.as_bytes();
    let (mut depth, mut max_seen, mut pos) = (0usize, 0usize, 0usize);
    let mut deep_tags: Vec<(usize, usize)> = Vec::new();
    while let Some(offset) = bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let start = pos + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
            continue;
        }
        let Some(tag_len) = tag_length(rest) else {
            if rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
                // An unterminated tag: the rest of the page is not markup.
                break;
            }
            pos = start + 1;
            continue;
        };
        let tag = &rest[..tag_len];
        pos = start + tag_len;
        let closing = tag.starts_with("</");
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            pos = find_end_tag(html, pos, &name);
            continue;
        }
        if name.is_empty() || !counts_for_depth(&name) || tag.ends_with("/>") {
            continue;
        }
        if closing {
            if depth > max_depth {
                deep_tags.push((start, pos));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max_seen = max_seen.max(depth);
            if depth > max_depth {
                deep_tags.push((start, pos));
            }
        }
    }
    if max_seen <= max_depth {
        return None;
    }
    let mut flat = String::with_capacity(html.len());
    let mut copied_to = 0usize;
    for (start, end) in deep_tags {
        flat.push_str(&html[copied_to..start]);
        copied_to = end;
    }
    flat.push_str(&html[copied_to..]);
    Some(flat)
}

/// Where the end tag `</name` is, searching from `from` (case-insensitive); the end of the
/// text when there is none.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let Some(rest) = html.get(from..) else {
        return html.len();
    };
    rest.match_indices("</")
        .find(|(at, _)| {
            rest.as_bytes()
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        })
        .map_or(html.len(), |(at, _)| from + at)
}

/// Length of the tag starting `text` (which starts with `<`), quotes respected; `None` when
/// this `<` does not start a tag.
fn tag_length(text: &str) -> Option<usize> {
    let second = text.as_bytes().get(1).copied()?;
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!' || second == b'?') {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            (None, _) => {}
        }
    }
    None
}

/// Whether an element nests (void elements and ones closed by their next sibling do not).
fn counts_for_depth(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "tr"
            | "td"
            | "th"
            | "!doctype"
            | "html"
            | "head"
            | "body"
    )
}

/// Size of a parsed page, measured without recursion.
pub(super) struct Shape {
    /// Deepest element nesting.
    pub(super) depth: usize,
    /// Number of elements.
    pub(super) elements: usize,
}

/// The depth and element count of the tree under `root`.
pub(super) fn measure(root: NodeRef<'_, Node>) -> Shape {
    let (mut depth, mut max_depth, mut elements) = (0usize, 0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node.value().is_element() => {
                elements += 1;
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            Edge::Close(node) if node.value().is_element() => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Shape {
        depth: max_depth,
        elements,
    }
}
