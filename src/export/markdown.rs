//! The Markdown report: the same content as the HTML report, as plain CommonMark (no tables
//! or other extensions; the only raw HTML is an empty `<a id>` per claim for its anchor).

use std::fmt::Write as _;

use super::escape::{
    clean, markdown_inline as md, markdown_mid_line, markdown_paragraphs, markdown_url,
};
use super::{ReportView, Verdict, anchor_id, count, is_draft};
use crate::model::{Claim, ClaimantKind, TextIndex, is_safe_link, snippet};

/// Render the Markdown report.
pub fn render(view: &ReportView<'_>) -> String {
    let project = view.project;
    let meta = &project.article.meta;
    let title = if meta.title.trim().is_empty() {
        "Untitled article"
    } else {
        meta.title.trim()
    };
    let mut out = String::with_capacity(project.article.text.len() * 2 + 8 * 1024);
    let _ = writeln!(out, "# Fact check: {}\n", md(title));
    let org = project.publishing.organisation.trim();
    let by = if org.is_empty() {
        String::new()
    } else {
        format!(
            " by {}",
            link(&project.publishing.organisation_url, &md(org))
        )
    };
    let _ = writeln!(out, "Fact-check report{by}, {}.\n", view.report_date());

    let mut facts: Vec<String> = Vec::new();
    if !meta.outlet.trim().is_empty() {
        facts.push(format!("**Outlet:** {}", md(&meta.outlet)));
    }
    if !meta.author.trim().is_empty() {
        facts.push(format!("**Author:** {}", md(&meta.author)));
    }
    if let Some(date) = meta.published {
        facts.push(format!("**Published:** {}", date.format("%Y-%m-%d")));
    }
    if !meta.url.trim().is_empty() {
        facts.push(format!("**URL:** {}", url_text(&meta.url)));
    }
    for fact in facts {
        let _ = writeln!(out, "- {fact}");
    }
    out.push('\n');

    let drafts = view.drafts();
    if drafts > 0 {
        let _ = writeln!(
            out,
            "> **Note:** this report includes {} not yet reviewed, marked as drafts.\n",
            count(drafts, "claim that is", "claims that are"),
        );
    }

    out.push_str("## Summary\n\n");
    if view.claims.is_empty() {
        out.push_str("No claims were checked in this article.\n\n");
    }
    for (n, claim) in view.claims.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. [{}](#{}): {} · {} · {}",
            n + 1,
            md(&snippet(claim.statement_or_quote(), 200)),
            anchor_id(claim),
            claimant(claim),
            verdict_text(view.verdict(claim)),
            status(view, claim),
        );
    }
    out.push('\n');

    out.push_str("## Claims\n\n");
    for (n, claim) in view.claims.iter().enumerate() {
        claim_section(&mut out, view, n, claim);
    }
    article_text(&mut out, view);
    scale(&mut out, view);

    out.push_str("## About this report\n\n");
    let reviewers = view.reviewers();
    if !reviewers.is_empty() {
        let names: Vec<String> = reviewers.iter().map(|r| md(r)).collect();
        let _ = writeln!(out, "Checked and reviewed by {}.\n", names.join(", "));
    }
    let _ = writeln!(
        out,
        "Report of {}{by}. Corrections to published verdicts are listed with each claim.",
        view.report_date()
    );
    out
}

/// Escape text that continues a line, whitespace collapsed.
fn md_mid(text: &str) -> String {
    markdown_mid_line(&clean(text).split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A Markdown link when `url` is http(s), else the text alone.
fn link(url: &str, text_md: &str) -> String {
    if is_safe_link(url) {
        format!("[{text_md}]({})", markdown_url(url))
    } else {
        text_md.to_owned()
    }
}

/// A URL shown as text, linked when it is http(s).
fn url_text(url: &str) -> String {
    link(url, &md(url))
}

fn claimant(claim: &Claim) -> String {
    if claim.claimant.trim().is_empty() {
        "unknown claimant".to_owned()
    } else {
        md(&claim.claimant)
    }
}

fn verdict_text(verdict: Verdict<'_>) -> String {
    match verdict {
        Verdict::Label(label) => format!("**{}**", md(&label.text)),
        Verdict::Unlisted(id) => format!("**{}**", md(id)),
        Verdict::Conclusion(text) => md(&snippet(text, 160)),
        Verdict::None => "no verdict yet".to_owned(),
    }
}

fn status(view: &ReportView<'_>, claim: &Claim) -> String {
    let signature = view
        .signatures
        .get(&claim.id)
        .map(|s| format!(" · {}", md(s)))
        .unwrap_or_default();
    if is_draft(claim) {
        format!("{} (draft)", claim.status.label())
    } else if claim.status == crate::model::ClaimStatus::CorrectionPending {
        format!("{}{signature}", md(claim.status.label()))
    } else {
        match claim.reviewed_by.as_deref().map(str::trim) {
            Some(by) if !by.is_empty() => format!("reviewed by {}{signature}", md(by)),
            _ => format!("reviewed{signature}"),
        }
    }
}

fn claim_section(out: &mut String, view: &ReportView<'_>, n: usize, claim: &Claim) {
    let draft = if is_draft(claim) {
        " (draft, not yet reviewed)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "### <a id=\"{}\"></a>Claim {}{draft}: {}\n",
        anchor_id(claim),
        n + 1,
        md(claim.statement_or_quote())
    );
    let prefix = md(&claim.anchor.prefix);
    let suffix = md_mid(&claim.anchor.suffix);
    let _ = writeln!(
        out,
        "> {}{prefix}{}**{}**{}{suffix}{}\n",
        if prefix.is_empty() { "" } else { "…" },
        spacer_before(&claim.anchor.prefix),
        md_mid(&claim.anchor.quote),
        spacer_after(&claim.anchor.suffix),
        if suffix.is_empty() { "" } else { "…" },
    );
    if claim.orphan {
        out.push_str(
            "*As quoted when the claim was marked; this passage is no longer found in the article text.*\n\n",
        );
    }
    let kind = match claim.claimant_kind {
        ClaimantKind::Person => "person",
        ClaimantKind::Organization => "organisation",
    };
    let mut facts = vec![format!(
        "**Claimant:** {}{}",
        claimant(claim),
        if claim.claimant.trim().is_empty() {
            String::new()
        } else {
            format!(" ({kind})")
        }
    )];
    if let Some(date) = claim.date {
        facts.push(format!("**Said on:** {}", date.format("%Y-%m-%d")));
    }
    if !claim.appearance.trim().is_empty() {
        facts.push(format!("**Where:** {}", url_text(&claim.appearance)));
    }
    let verdict = view.verdict(claim);
    if !matches!(verdict, Verdict::Conclusion(_)) {
        facts.push(format!("**Verdict:** {}", verdict_text(verdict)));
    }
    facts.push(format!("**Status:** {}", status(view, claim)));
    for fact in facts {
        let _ = writeln!(out, "- {fact}");
    }
    out.push('\n');
    if !claim.conclusion.trim().is_empty() {
        let _ = writeln!(
            out,
            "#### Conclusion\n\n{}\n",
            markdown_paragraphs(&claim.conclusion, 0)
        );
    }
    if !claim.methodology.trim().is_empty() {
        let _ = writeln!(
            out,
            "#### How we checked\n\n{}\n",
            markdown_paragraphs(&claim.methodology, 0)
        );
    }
    let (citations, withheld) = view.citations(claim);
    if !citations.is_empty() || withheld > 0 {
        out.push_str("#### Sources\n\n");
    }
    for (i, citation) in citations.iter().enumerate() {
        let source = citation.source;
        let mut parts = vec![link(&source.url, &md(source.display_title()))];
        for field in [&source.author, &source.publisher] {
            if !field.trim().is_empty() {
                parts.push(md(field));
            }
        }
        if let Some(date) = source.published {
            parts.push(date.format("%Y-%m-%d").to_string());
        }
        let marker = format!("{}. ", i + 1);
        let pad = " ".repeat(marker.len());
        let _ = write!(
            out,
            "{marker}{}. *{}*",
            parts.join(", "),
            citation.evidence.stance.label()
        );
        let extra = super::source_locations(source, url_text);
        if !extra.is_empty() {
            let _ = write!(out, "\\\n{pad}{}", extra.join(" · "));
        }
        out.push('\n');
        if !citation.evidence.quote.trim().is_empty() {
            let _ = writeln!(out, "\n{pad}> {}", md(&citation.evidence.quote));
        }
        if !citation.evidence.note.trim().is_empty() {
            let _ = writeln!(
                out,
                "\n{pad}{}",
                markdown_paragraphs(&citation.evidence.note, pad.len())
            );
        }
    }
    if !citations.is_empty() {
        out.push('\n');
    }
    if withheld > 0 {
        let _ = writeln!(
            out,
            "*{} withheld at the source's request.*\n",
            count(withheld, "source", "sources")
        );
    }
    if !claim.revisions.is_empty() {
        out.push_str("#### Corrections\n\n");
        for revision in &claim.revisions {
            let _ = writeln!(
                out,
                "- {}: verdict changed from {} to {} by {}. {}",
                revision.at.format("%Y-%m-%d"),
                md(&view.verdict_label_text(revision.old_verdict.as_deref())),
                md(&view.verdict_label_text(revision.new_verdict.as_deref())),
                md(&revision.by),
                md(&revision.reason),
            );
        }
        out.push('\n');
    }
}

/// A space between context and a bold quote when the context ends in whitespace (emphasis
/// may not start or end next to the space inside it).
fn spacer_before(prefix: &str) -> &'static str {
    if prefix.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    }
}

fn spacer_after(suffix: &str) -> &'static str {
    if suffix.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    }
}

fn article_text(out: &mut String, view: &ReportView<'_>) {
    out.push_str("## The article\n\nChecked claims are links to their section, followed by the claim number.\n\n");
    let text = &view.project.article.text;
    let index = TextIndex::new(text);
    for pieces in view.article_pieces() {
        let mut line = String::new();
        for piece in &pieces {
            let run = index.slice(text, piece.chars.clone());
            match piece.claim {
                Some(ci) if !run.trim().is_empty() => {
                    // Keep the run's outer spaces outside the link, where they stay spaces.
                    let lead = &run[..run.len() - run.trim_start().len()];
                    let trail = &run[run.trim_end().len()..];
                    if !lead.is_empty() {
                        line.push(' ');
                    }
                    let _ = write!(
                        line,
                        "[{}](#{})",
                        md_run(run.trim(), false),
                        anchor_id(view.claims[ci])
                    );
                    if !trail.is_empty() {
                        line.push(' ');
                    }
                }
                _ => {
                    let line_start = line.trim().is_empty();
                    line.push_str(&md_run(run, line_start));
                }
            }
            for &ci in &piece.ends {
                let _ = write!(line, "\\[{}\\]", ci + 1);
            }
        }
        let line = line.trim();
        if !line.is_empty() {
            let _ = writeln!(out, "{line}\n");
        }
    }
}

/// Escape a run of article text: inline syntax escaped (block syntax too when the run starts
/// the line), whitespace collapsed but kept at the ends (so runs join with their spaces).
fn md_run(run: &str, line_start: bool) -> String {
    let run = clean(run);
    let collapsed: String = run.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return if run.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        };
    }
    let lead = if run.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if run.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let escaped = if line_start {
        md(&collapsed)
    } else {
        markdown_mid_line(&collapsed)
    };
    format!("{lead}{escaped}{trail}")
}

fn scale(out: &mut String, view: &ReportView<'_>) {
    let scale = &view.project.scale;
    let _ = writeln!(out, "## Rating scale: {}\n", md(&scale.name));
    if scale.is_conclusion_only() {
        out.push_str(
            "This check uses no rating labels: each claim's written conclusion is its verdict.\n\n",
        );
        return;
    }
    for label in &scale.labels {
        let value = label
            .value
            .map(|v| format!(" (rating {v})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}**{value}: {}",
            md(&label.text),
            md(&label.definition)
        );
    }
    out.push('\n');
}
