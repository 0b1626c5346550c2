//! Normalisation of what checkers paste into "Checked before?": tweets and quotes with links,
//! @handles, hashtags, "pic.twitter.com/…" and "— Name (@handle) date" credits.

/// Clean a pasted tweet or quote for lexical search: drop links, picture links, a trailing
/// "— Name (@handle) date" credit and a leading "RT @handle:"; turn @handles and hashtags into
/// words ("#BuildTheWall" → "Build The Wall"); decode the common HTML entities.
#[must_use]
pub fn normalise_query(text: &str) -> String {
    let text = decode_entities(text);
    let text = strip_credit(&text);
    let mut out = String::with_capacity(text.len());
    for (i, token) in text.split_whitespace().enumerate() {
        let lower = token.to_ascii_lowercase();
        if lower.contains("://")
            || lower.starts_with("www.")
            || lower.contains("pic.twitter.com")
            || lower.contains("t.co/")
        {
            continue;
        }
        if i == 0 && token == "RT" {
            continue;
        }
        let word = if let Some(rest) = token.strip_prefix(['@', '#']) {
            split_camel(rest.trim_end_matches(':'))
        } else {
            token.to_owned()
        };
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Drop a trailing tweet credit: a dash, a name, "(@handle)" and a short date after it.
fn strip_credit(text: &str) -> &str {
    let Some(open) = text.rfind("(@") else {
        return text;
    };
    let after = text.get(open..).unwrap_or_default();
    let Some(close) = after.find(')') else {
        return text;
    };
    // What follows the handle must be short (a date), not more of the quote.
    if after
        .get(close + 1..)
        .unwrap_or_default()
        .trim()
        .chars()
        .count()
        > 40
    {
        return text;
    }
    let before = text.get(..open).unwrap_or_default();
    let dash = ["\u{2014}", "\u{2013}", " - ", "--"]
        .into_iter()
        .filter_map(|d| before.rfind(d))
        .max();
    match dash {
        Some(at) if before.len() - at <= 80 => text.get(..at).unwrap_or(text).trim_end(),
        _ => text,
    }
}

/// "realDonaldTrump" → "real Donald Trump", "fake_news" → "fake news".
fn split_camel(handle: &str) -> String {
    let mut out = String::with_capacity(handle.len() + 4);
    let mut previous: Option<char> = None;
    for c in handle.chars() {
        if c == '_' {
            out.push(' ');
            previous = None;
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        if let Some(p) = previous
            && ((c.is_uppercase() && p.is_lowercase())
                || (c.is_ascii_digit() != p.is_ascii_digit()))
        {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out.trim().to_owned()
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tweet_credit_links_and_pictures_are_dropped() {
        let tweet = "Putin &amp; I discussed forming an impenetrable Cyber Security unit \
                     https://t.co/abc pic.twitter.com/xyz — Donald J. Trump (@realDonaldTrump) \
                     July 9, 2017";
        assert_eq!(
            normalise_query(tweet),
            "Putin & I discussed forming an impenetrable Cyber Security unit"
        );
    }

    #[test]
    fn handles_and_hashtags_become_words() {
        assert_eq!(
            normalise_query("RT @WhiteHouse: Jobs up 300K #JobsReport #MAGA2020"),
            "White House Jobs up 300K Jobs Report MAGA 2020"
        );
    }

    #[test]
    fn a_quote_with_a_dash_but_no_handle_is_kept() {
        let quote = "Crime is down — way down — since 2019.";
        assert_eq!(normalise_query(quote), quote);
    }
}
