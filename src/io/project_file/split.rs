//! Parsing a large project on two threads: the claims list, found by the pre-scan, is cut
//! in two halves at a comma between claims, and each half is parsed on its own thread while
//! the rest of the file (with an empty claims list in its place) is parsed too.
//!
//! The result is the same project and the same warnings as a whole-file parse. Anything
//! unusual (a parse error anywhere, or a file the pre-scan could not map) makes the caller
//! parse the whole file instead, so error messages and their positions do not change.

use super::MAX_DEPTH;
use super::load::unknown_field_warning;
use super::scan::ClaimsList;
use crate::model::{Claim, Project, ProjectWarning};

/// Claims lists shorter than this are parsed with the rest of the file.
const MIN_CLAIMS: usize = 512;

/// The project and its unknown-field warnings (top level first, then claims in file
/// order), or `None` when the file should be parsed whole.
pub(super) fn parse_split(
    text: &str,
    claims: &ClaimsList,
) -> Option<(Project, Vec<ProjectWarning>)> {
    if claims.commas.len() + 1 < MIN_CLAIMS {
        return None;
    }
    // This thread parses the rest of the file and then the first half; the other thread the
    // second half. The rest is mostly long strings (the article), about four times cheaper
    // per byte than claims, so the first half is that much shorter.
    let rest_len = text.len() - (claims.close - claims.open) + 2;
    let list_len = claims.close - claims.open;
    let target = claims.open + list_len.saturating_sub(rest_len / 4) / 2;
    let middle = claims
        .commas
        .partition_point(|&comma| comma < target)
        .clamp(1, claims.commas.len() - 1);
    // The comma after claim `middle`: it and the claims before it go to the first half.
    let cut = claims.commas[middle];
    let first = text.get(claims.open + 1..cut)?;
    let second = text.get(cut + 1..claims.close)?;
    let mut rest = String::with_capacity(rest_len);
    rest.push_str(text.get(..claims.open)?);
    rest.push_str("[]");
    rest.push_str(text.get(claims.close + 1..)?);

    let (skeleton, first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parse_claims(second, middle + 1));
        let skeleton = parse_rest(&rest);
        let first = parse_claims(first, 0);
        let second = second.join().ok().flatten();
        (skeleton, first, second)
    });
    let (mut project, mut warnings) = skeleton?;
    let (mut claims, first_warnings) = first?;
    let (second, second_warnings) = second?;
    claims.extend(second);
    project.claims = claims;
    warnings.extend(first_warnings);
    warnings.extend(second_warnings);
    Some((project, warnings))
}

/// The project without its claims (their list is empty in `rest`).
fn parse_rest(rest: &str) -> Option<(Project, Vec<ProjectWarning>)> {
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let mut de = ron::Deserializer::from_str_with_options(rest, &options).ok()?;
    let mut warnings = Vec::new();
    let project: Project = serde_ignored::deserialize(&mut de, |path| {
        warnings.push(unknown_field_warning(&path, None));
    })
    .ok()?;
    de.end().ok()?;
    Some((project, warnings))
}

/// Claims written one after another, separated by commas, as in the file; `first_index` is
/// the index of the first of them in the whole list (for the place of unknown fields).
fn parse_claims(part: &str, first_index: usize) -> Option<(Vec<Claim>, Vec<ProjectWarning>)> {
    let mut list = String::with_capacity(part.len() + 2);
    list.push('[');
    list.push_str(part);
    list.push(']');
    // Two levels (the project and the list) are above these claims in the file.
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH - 1);
    let mut de = ron::Deserializer::from_str_with_options(&list, &options).ok()?;
    let mut warnings = Vec::new();
    let claims: Vec<Claim> = serde_ignored::deserialize(&mut de, |path| {
        warnings.push(unknown_field_warning(&path, Some(first_index)));
    })
    .ok()?;
    de.end().ok()?;
    Some((claims, warnings))
}

#[cfg(test)]
mod tests {
    use super::super::{from_ron_str, scan, to_ron_string};
    use super::*;
    use crate::model::{Anchor, ArticleMeta, TextIndex};

    /// A project with `n` claims on a short text.
    fn project(n: usize) -> Project {
        let text = "Alpha beta gamma delta. ".repeat(n.max(1));
        let index = TextIndex::new(&text);
        let mut project = Project::new(text.as_str(), ArticleMeta::default());
        for i in 0..n {
            let start = i * 24;
            let mut claim = Claim::new(Anchor::from_range(&text, &index, start, start + 10));
            claim.conclusion = format!("Conclusion {i}, with a comma.");
            project.claims.push(claim);
        }
        project.sort_claims();
        project
    }

    #[test]
    fn split_parse_gives_the_whole_file_parse() -> anyhow::Result<()> {
        let text = to_ron_string(&project(1500))?;
        let found = scan::scan(&text)?;
        let list = found.claims.as_ref().expect("the claims list is mapped");
        assert_eq!(list.commas.len(), 1500, "one comma after each claim");
        let (split, warnings) = parse_split(&text, list).expect("split parse");
        assert!(warnings.is_empty(), "{warnings:?}");
        let whole = ron::from_str::<Project>(&text)?;
        assert_eq!(split, whole);
        Ok(())
    }

    #[test]
    fn unknown_fields_keep_their_place_in_either_half() -> anyhow::Result<()> {
        let text = to_ron_string(&project(1000))?;
        // An unknown field in claim 3 (first half) and in claim 900 (second half).
        let mut marked = String::new();
        for (i, piece) in text.split("conclusion:").enumerate() {
            if i > 0 {
                let claim = i - 1;
                if claim == 3 || claim == 900 {
                    marked.push_str("colour: 7, ");
                }
                marked.push_str("conclusion:");
            }
            marked.push_str(piece);
        }
        let loaded = from_ron_str(&marked)?;
        let places: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            places,
            [
                "Unknown field \"colour\" in claims[3] was ignored; it will not be kept when the project is saved",
                "Unknown field \"colour\" in claims[900] was ignored; it will not be kept when the project is saved",
            ]
        );
        Ok(())
    }

    #[test]
    fn an_error_in_a_half_is_reported_as_by_the_whole_file_parse() -> anyhow::Result<()> {
        let text = to_ron_string(&project(1000))?;
        // Claim 700's anchor gets a text where a number belongs.
        let at = text
            .match_indices("start: ")
            .nth(700)
            .map(|(at, _)| at + "start: ".len())
            .expect("700 anchors");
        let bad = format!("{}\"x\"{}", &text[..at], &text[at + 1..]);
        let whole = ron::from_str::<Project>(&bad).expect_err("whole parse fails");
        let Err(crate::io::LoadErrorKind::Syntax { line, col, .. }) = from_ron_str(&bad) else {
            anyhow::bail!("not a syntax error");
        };
        assert_eq!((line, col), (whole.span.start.line, whole.span.start.col));
        Ok(())
    }
}
