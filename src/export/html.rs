//! The HTML report: one self-contained file (inline CSS, no scripts, no remote resources),
//! readable on screen and printable (print CSS, a page per claim).

use std::fmt::Write as _;

use super::escape::{clean, html as esc};
use super::{Citation, ReportView, Verdict, anchor_id, count, is_draft};
use crate::model::{Claim, ClaimantKind, Rgb, TextIndex, UNRATED, is_safe_link};

/// The report's style sheet (screen and print).
const STYLE: &str = r#"
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d6dae0; --paper: #ffffff; --tint: #f5f6f8; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { background: #eceef1; }
body { margin: 0 auto; max-width: 52rem; background: var(--paper); color: var(--ink);
  font: 17px/1.6 Georgia, "Times New Roman", "Noto Serif", serif; padding: 3rem 3.5rem 4rem; }
h1, h2, h3, h4, .kicker, .badge, table, dl.facts dt, .claim-number, footer, .masthead {
  font-family: "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
.masthead { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 3px solid var(--ink); padding-bottom: .4rem; font-size: .85rem;
  letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.masthead .org { font-weight: 700; color: var(--ink); }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.35rem; margin: 2.6rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.25rem; line-height: 1.35; margin: .3rem 0 .8rem; }
h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 1.4rem 0 .3rem; }
a { color: var(--accent); }
.article-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem;
  font-size: .95rem; color: var(--muted); }
.article-meta dt { font-weight: 600; }
.article-meta dd { margin: 0; overflow-wrap: anywhere; }
.notice { background: #fff8e1; border-left: 4px solid #f9a825; padding: .6rem 1rem; font-size: .95rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--rule); }
th { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); border-bottom: 2px solid var(--ink); }
td.num { color: var(--muted); width: 2rem; }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-size: .78rem; font-weight: 700;
  letter-spacing: .03em; white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge.none { background: #e3e7ee; color: #394150; font-weight: 600; }
.status { font-size: .85rem; color: var(--muted); }
.draft { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .08em;
  color: #8a4b00; border: 1px solid #e0a060; border-radius: 3px; padding: 0 .35rem; margin-left: .4rem; }
.claim { border-top: 3px solid var(--ink); margin-top: 3rem; padding-top: .6rem; }
.claim-number { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0; }
.quote { margin: 1rem 0; padding: .8rem 1.2rem; background: var(--tint); border-left: 4px solid var(--rule); }
.quote blockquote { margin: 0; font-style: italic; }
.quote mark { background: #ffe9a8; font-style: normal; font-weight: 600; padding: 0 .1rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.quote figcaption { font-size: .8rem; color: var(--muted); margin-top: .3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 1rem 0; font-size: .95rem; }
dl.facts dt { font-weight: 600; font-size: .85rem; color: var(--muted); padding-top: .1rem; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.prose p { margin: .3rem 0 .7rem; }
ol.sources { padding-left: 1.6rem; font-size: .93rem; }
ol.sources li { margin-bottom: .6rem; overflow-wrap: anywhere; }
ol.sources .stance { font-size: .75rem; font-family: Arial, sans-serif; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
ol.sources blockquote { margin: .2rem 0 .2rem 1rem; font-style: italic; color: #333; }
.url { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: .8rem; color: var(--muted); }
.withheld { font-size: .9rem; color: var(--muted); font-style: italic; }
.corrections { font-size: .93rem; }
.back { font-size: .8rem; font-family: Arial, sans-serif; margin-top: 1.2rem; }
#article .text p { margin: 0 0 .9rem; }
a.hl { color: inherit; text-decoration: none; border-bottom: 2px solid; padding: 0 .05rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
a.hl:hover { filter: brightness(.95); }
sup.ref a { font-family: Arial, sans-serif; font-size: .7rem; text-decoration: none; font-weight: 700; }
dl.scale { margin: 0; }
dl.scale dt { margin-top: .7rem; }
dl.scale dd { margin: .2rem 0 0 0; font-size: .95rem; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 3px solid var(--ink); font-size: .85rem; color: var(--muted); }
footer p { margin: .2rem 0; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .claim, #article, #scale { break-before: page; }
  .claim { border-top: none; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; }
  tr, .quote, ol.sources li, dl.facts { break-inside: avoid; }
  .back { display: none; }
}
"#;

/// Render the HTML report.
pub fn render(view: &ReportView<'_>) -> String {
    let project = view.project;
    let meta = &project.article.meta;
    let title = if meta.title.trim().is_empty() {
        "Untitled article"
    } else {
        meta.title.trim()
    };
    let mut out = String::with_capacity(project.article.text.len() * 2 + 16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No scripts, no remote anything: only the inline style sheet may apply.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"generator\" content=\"Factcheck Workbench\">\n");
    let _ = writeln!(out, "<title>Fact check: {}</title>", esc(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");

    masthead(&mut out, view);
    let _ = writeln!(out, "<header>\n<h1 dir=\"auto\">{}</h1>", esc(title));
    article_meta(&mut out, view);
    out.push_str("</header>\n<main>\n");
    let drafts = view.drafts();
    if drafts > 0 {
        let _ = writeln!(
            out,
            "<p class=\"notice\">This report includes {} not yet reviewed; {} marked as drafts.</p>",
            count(drafts, "claim that is", "claims that are"),
            if drafts == 1 { "it is" } else { "they are" }
        );
    }
    summary(&mut out, view);
    out.push_str("<section id=\"claims\" aria-label=\"Claims\">\n");
    for (n, claim) in view.claims.iter().enumerate() {
        claim_section(&mut out, view, n, claim);
    }
    out.push_str("</section>\n");
    article_text(&mut out, view);
    scale(&mut out, view);
    out.push_str("</main>\n");
    footer(&mut out, view);
    out.push_str("</body>\n</html>\n");
    out
}

/// A link to `url` showing `text` (already escaped), or just the text when the URL is not
/// http(s).
fn link(url: &str, text_html: &str) -> String {
    if is_safe_link(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{text_html}</a>",
            esc(url.trim())
        )
    } else {
        text_html.to_owned()
    }
}

/// A URL shown as text, linked when it is http(s).
fn url_text(url: &str) -> String {
    let shown = format!("<span class=\"url\">{}</span>", esc(url.trim()));
    link(url, &shown)
}

/// Multi-line text as paragraphs.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for line in clean(text).split('\n').filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "<p dir=\"auto\">{}</p>", esc(line.trim()));
    }
    out
}

fn badge_html(colour: Rgb, text: &str) -> String {
    format!(
        "<span class=\"badge\" style=\"background:{};color:{}\">{}</span>",
        colour.hex(),
        colour.text_colour().hex(),
        esc(text)
    )
}

/// The verdict as a coloured badge (or the conclusion on a conclusion-only scale).
fn verdict_badge(verdict: Verdict<'_>) -> String {
    match verdict {
        Verdict::Label(label) => badge_html(label.colour, &label.text),
        Verdict::Unlisted(id) => badge_html(UNRATED, id),
        Verdict::Conclusion(text) => {
            format!(
                "<span dir=\"auto\">{}</span>",
                esc(&crate::model::snippet(text, 160))
            )
        }
        Verdict::None => "<span class=\"badge none\">No verdict yet</span>".to_owned(),
    }
}

fn status_text(view: &ReportView<'_>, claim: &Claim) -> String {
    let signature = view
        .signatures
        .get(&claim.id)
        .map(|s| format!(" · <span class=\"signature\">{}</span>", esc(s)))
        .unwrap_or_default();
    if is_draft(claim) {
        format!(
            "{} <span class=\"draft\">Draft</span>",
            esc(claim.status.label())
        )
    } else if claim.status == crate::model::ClaimStatus::CorrectionPending {
        format!("{}{signature}", esc(claim.status.label()))
    } else {
        match claim.reviewed_by.as_deref().map(str::trim) {
            Some(by) if !by.is_empty() => {
                format!("Reviewed by <bdi>{}</bdi>{signature}", esc(by))
            }
            _ => format!("Reviewed{signature}"),
        }
    }
}

fn masthead(out: &mut String, view: &ReportView<'_>) {
    let publishing = &view.project.publishing;
    let org = publishing.organisation.trim();
    let org_html = if org.is_empty() {
        String::new()
    } else {
        link(&publishing.organisation_url, &esc(org))
    };
    let _ = writeln!(
        out,
        "<div class=\"masthead\"><span class=\"org\">{org_html}</span><span>Fact-check report · <time datetime=\"{date}\">{date}</time></span></div>",
        date = view.report_date()
    );
}

fn article_meta(out: &mut String, view: &ReportView<'_>) {
    let meta = &view.project.article.meta;
    let mut rows: Vec<(&str, String)> = Vec::new();
    if !meta.outlet.trim().is_empty() {
        rows.push(("Outlet", format!("<bdi>{}</bdi>", esc(meta.outlet.trim()))));
    }
    if !meta.author.trim().is_empty() {
        rows.push(("Author", format!("<bdi>{}</bdi>", esc(meta.author.trim()))));
    }
    if let Some(date) = meta.published {
        rows.push(("Published", date.format("%Y-%m-%d").to_string()));
    }
    if !meta.url.trim().is_empty() {
        rows.push(("URL", url_text(&meta.url)));
    }
    if rows.is_empty() {
        return;
    }
    out.push_str("<dl class=\"article-meta\">\n");
    for (term, value) in rows {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>\n");
}

fn summary(out: &mut String, view: &ReportView<'_>) {
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    if view.claims.is_empty() {
        out.push_str("<p>No claims were checked in this article.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th>#</th><th>Claim</th><th>Claimant</th><th>Verdict</th><th>Status</th></tr></thead>\n<tbody>\n",
    );
    for (n, claim) in view.claims.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td dir=\"auto\"><a href=\"#{}\">{}</a></td><td><bdi>{}</bdi></td><td>{}</td><td class=\"status\">{}</td></tr>",
            n + 1,
            anchor_id(claim),
            esc(&crate::model::snippet(claim.statement_or_quote(), 200)),
            esc(claimant_or_unknown(claim)),
            verdict_badge(view.verdict(claim)),
            status_text(view, claim),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn claimant_or_unknown(claim: &Claim) -> &str {
    let name = claim.claimant.trim();
    if name.is_empty() { "Unknown" } else { name }
}

fn claim_section(out: &mut String, view: &ReportView<'_>, n: usize, claim: &Claim) {
    let id = anchor_id(claim);
    let _ = writeln!(
        out,
        "<article class=\"claim\" id=\"{id}\" aria-labelledby=\"{id}-title\">"
    );
    let _ = writeln!(
        out,
        "<p class=\"claim-number\">Claim {} of {}{}</p>",
        n + 1,
        view.claims.len(),
        if is_draft(claim) {
            "<span class=\"draft\">Draft, not yet reviewed</span>"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "<h3 id=\"{id}-title\" dir=\"auto\">{}</h3>",
        esc(claim.statement_or_quote().trim())
    );

    // The quote in its context.
    let quote_html = format!(
        "{}{}<mark>{}</mark>{}{}",
        if claim.anchor.prefix.is_empty() {
            ""
        } else {
            "…"
        },
        esc(&claim.anchor.prefix),
        esc(&claim.anchor.quote),
        esc(&claim.anchor.suffix),
        if claim.anchor.suffix.is_empty() {
            ""
        } else {
            "…"
        },
    );
    let caption = if claim.orphan {
        "As quoted when the claim was marked; this passage is no longer found in the article text"
            .to_owned()
    } else {
        format!("In the article (<a href=\"#in-article-{id}\">see it in the full text</a>)")
    };
    let _ = writeln!(
        out,
        "<figure class=\"quote\"><blockquote dir=\"auto\">{quote_html}</blockquote><figcaption>{caption}</figcaption></figure>"
    );

    out.push_str("<dl class=\"facts\">\n");
    let kind = match claim.claimant_kind {
        ClaimantKind::Person => "person",
        ClaimantKind::Organization => "organisation",
    };
    let claimant = if claim.claimant.trim().is_empty() {
        "Unknown".to_owned()
    } else {
        format!("<bdi>{}</bdi> ({kind})", esc(claim.claimant.trim()))
    };
    let _ = writeln!(out, "<dt>Claimant</dt><dd>{claimant}</dd>");
    if let Some(date) = claim.date {
        let _ = writeln!(out, "<dt>Said on</dt><dd>{}</dd>", date.format("%Y-%m-%d"));
    }
    if !claim.appearance.trim().is_empty() {
        let appearance = if is_safe_link(&claim.appearance) {
            url_text(&claim.appearance)
        } else {
            format!("<bdi>{}</bdi>", esc(claim.appearance.trim()))
        };
        let _ = writeln!(out, "<dt>Where</dt><dd>{appearance}</dd>");
    }
    let verdict = view.verdict(claim);
    if !matches!(verdict, Verdict::Conclusion(_)) {
        let _ = writeln!(out, "<dt>Verdict</dt><dd>{}</dd>", verdict_badge(verdict));
    }
    let _ = writeln!(out, "<dt>Status</dt><dd>{}</dd>", status_text(view, claim));
    out.push_str("</dl>\n");

    if !claim.conclusion.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h4>Conclusion</h4>\n<div class=\"prose\">\n{}</div>",
            paragraphs(&claim.conclusion)
        );
    }
    if !claim.methodology.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h4>How we checked</h4>\n<div class=\"prose\">\n{}</div>",
            paragraphs(&claim.methodology)
        );
    }
    let (citations, withheld) = view.citations(claim);
    if !citations.is_empty() || withheld > 0 {
        out.push_str("<h4>Sources</h4>\n");
    }
    if !citations.is_empty() {
        out.push_str("<ol class=\"sources\">\n");
        for (i, citation) in citations.iter().enumerate() {
            source_item(out, &id, i + 1, citation);
        }
        out.push_str("</ol>\n");
    }
    if withheld > 0 {
        let _ = writeln!(
            out,
            "<p class=\"withheld\">{} withheld at the source's request.</p>",
            count(withheld, "source", "sources")
        );
    }
    if !claim.revisions.is_empty() {
        out.push_str("<h4>Corrections</h4>\n<ul class=\"corrections\">\n");
        for revision in &claim.revisions {
            let _ = writeln!(
                out,
                "<li><time datetime=\"{date}\">{date}</time>: verdict changed from {} to {} by <bdi>{}</bdi>. <span dir=\"auto\">{}</span></li>",
                esc(&view.verdict_label_text(revision.old_verdict.as_deref())),
                esc(&view.verdict_label_text(revision.new_verdict.as_deref())),
                esc(revision.by.trim()),
                esc(revision.reason.trim()),
                date = revision.at.format("%Y-%m-%d"),
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str(
        "<p class=\"back\"><a href=\"#summary\">Back to the summary</a></p>\n</article>\n",
    );
}

fn source_item(out: &mut String, claim_anchor: &str, n: usize, citation: &Citation<'_>) {
    let source = citation.source;
    let mut parts: Vec<String> = vec![format!(
        "<cite dir=\"auto\">{}</cite>",
        link(&source.url, &esc(source.display_title().trim()))
    )];
    for field in [&source.author, &source.publisher] {
        if !field.trim().is_empty() {
            parts.push(format!("<bdi>{}</bdi>", esc(field.trim())));
        }
    }
    if let Some(date) = source.published {
        parts.push(date.format("%Y-%m-%d").to_string());
    }
    let _ = write!(
        out,
        "<li id=\"{claim_anchor}-source-{n}\">{}. <span class=\"stance\">{}</span>",
        parts.join(", "),
        citation.evidence.stance.label()
    );
    let links = super::source_locations(source, url_text);
    if !links.is_empty() {
        let _ = write!(out, "<br>{}", links.join(" · "));
    }
    if !citation.evidence.quote.trim().is_empty() {
        let _ = write!(
            out,
            "<blockquote dir=\"auto\">{}</blockquote>",
            esc(citation.evidence.quote.trim())
        );
    }
    if !citation.evidence.note.trim().is_empty() {
        let _ = write!(
            out,
            "<div dir=\"auto\">{}</div>",
            esc(citation.evidence.note.trim())
        );
    }
    out.push_str("</li>\n");
}

/// A light tint of `colour` for highlighted text (black text stays readable).
fn tint(colour: Rgb) -> Rgb {
    let mix = |c: u8| -> u8 {
        let mixed = (u16::from(c) * 35 + 255 * 65) / 100;
        u8::try_from(mixed).unwrap_or(u8::MAX)
    };
    Rgb(mix(colour.0), mix(colour.1), mix(colour.2))
}

fn claim_colour(view: &ReportView<'_>, claim: &Claim) -> Rgb {
    match view.verdict(claim) {
        Verdict::Label(label) => label.colour,
        Verdict::Unlisted(_) | Verdict::Conclusion(_) | Verdict::None => UNRATED,
    }
}

fn article_text(out: &mut String, view: &ReportView<'_>) {
    let text = &view.project.article.text;
    let lang = &view.project.article.meta.language;
    let lang_attr = if !lang.is_empty()
        && lang.len() <= 35
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        format!(" lang=\"{lang}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<section id=\"article\">\n<h2>The article</h2>\n<p class=\"status\">Checked claims are highlighted in the colour of their verdict; each links to its section.</p>\n<div class=\"text\"{lang_attr}>"
    );
    let index = TextIndex::new(text);
    let mut first_piece_seen = vec![false; view.claims.len()];
    for pieces in view.article_pieces() {
        if pieces.is_empty() {
            continue;
        }
        let all_blank = pieces
            .iter()
            .all(|p| index.slice(text, p.chars.clone()).trim().is_empty());
        if all_blank {
            continue;
        }
        out.push_str("<p dir=\"auto\">");
        for piece in &pieces {
            let run = esc(index.slice(text, piece.chars.clone()));
            match piece.claim {
                Some(ci) => {
                    let claim = view.claims[ci];
                    let colour = claim_colour(view, claim);
                    let id_attr = if first_piece_seen[ci] {
                        String::new()
                    } else {
                        first_piece_seen[ci] = true;
                        format!(" id=\"in-article-{}\"", anchor_id(claim))
                    };
                    let _ = write!(
                        out,
                        "<a class=\"hl\"{id_attr} href=\"#{}\" style=\"background:{};border-color:{}\">{run}</a>",
                        anchor_id(claim),
                        tint(colour).hex(),
                        colour.hex(),
                    );
                }
                None => out.push_str(&run),
            }
            for &ci in &piece.ends {
                let _ = write!(
                    out,
                    "<sup class=\"ref\"><a href=\"#{}\">[{}]</a></sup>",
                    anchor_id(view.claims[ci]),
                    ci + 1
                );
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn scale(out: &mut String, view: &ReportView<'_>) {
    let scale = &view.project.scale;
    let _ = writeln!(
        out,
        "<section id=\"scale\">\n<h2>Rating scale: {}</h2>",
        esc(scale.name.trim())
    );
    if scale.is_conclusion_only() {
        out.push_str(
            "<p>This check uses no rating labels: each claim's written conclusion is its verdict.</p>\n",
        );
    } else {
        out.push_str("<dl class=\"scale\">\n");
        for label in &scale.labels {
            let value = label
                .value
                .map(|v| format!(" <span class=\"status\">(rating {v})</span>"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<dt>{}{value}</dt><dd dir=\"auto\">{}</dd>",
                badge_html(label.colour, &label.text),
                esc(label.definition.trim())
            );
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</section>\n");
}

fn footer(out: &mut String, view: &ReportView<'_>) {
    out.push_str("<footer>\n");
    let reviewers = view.reviewers();
    if !reviewers.is_empty() {
        let names: Vec<String> = reviewers
            .iter()
            .map(|r| format!("<bdi>{}</bdi>", esc(r)))
            .collect();
        let _ = writeln!(out, "<p>Checked and reviewed by {}.</p>", names.join(", "));
    }
    let org = view.project.publishing.organisation.trim();
    let by = if org.is_empty() {
        String::new()
    } else {
        format!(" by {}", esc(org))
    };
    let _ = writeln!(
        out,
        "<p>Report of <time datetime=\"{date}\">{date}</time>{by}. Corrections to published verdicts are listed with each claim.</p>",
        date = view.report_date()
    );
    out.push_str("</footer>\n");
}
