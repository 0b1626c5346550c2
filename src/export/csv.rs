//! CSV: one row per claim, RFC 4180 quoting and CRLF line ends, UTF-8 with a byte-order mark
//! (so spreadsheets detect the encoding), and cells that would run as formulas neutralised.

use super::escape::{clean, csv_cell};
use super::{ReportView, Verdict};

/// The header row.
pub const HEADER: [&str; 15] = [
    "id",
    "quote",
    "claim",
    "claimant",
    "claimant type",
    "date",
    "appearance",
    "status",
    "verdict",
    "rating",
    "conclusion",
    "how we checked",
    "source urls",
    "sources withheld",
    "signature",
];

/// Render the CSV.
pub fn render(view: &ReportView<'_>) -> Result<String, super::ExportError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for claim in &view.claims {
        let verdict = view.verdict(claim);
        let rating = match verdict {
            Verdict::Label(label) => label.value.map(|v| v.to_string()).unwrap_or_default(),
            Verdict::Unlisted(_) | Verdict::Conclusion(_) | Verdict::None => String::new(),
        };
        let (citations, withheld) = view.citations(claim);
        let urls: Vec<String> = citations
            .iter()
            .map(|c| clean(c.source.url.trim()))
            .filter(|u| !u.is_empty())
            .collect();
        let text = |s: &str| csv_cell(&clean(s));
        let record = [
            claim.id.to_string(),
            text(&claim.anchor.quote),
            text(claim.statement_or_quote()),
            text(&claim.claimant),
            match claim.claimant_kind {
                crate::model::ClaimantKind::Person => "person".to_owned(),
                crate::model::ClaimantKind::Organization => "organisation".to_owned(),
            },
            claim
                .date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            text(&claim.appearance),
            claim.status.label().to_owned(),
            verdict.text().map(|t| text(&t)).unwrap_or_default(),
            // A number, not text: it cannot be a formula.
            rating,
            text(&claim.conclusion),
            text(&claim.methodology),
            text(&urls.join("\n")),
            withheld.to_string(),
            // Whether the sign-off carries a valid signature (empty when unsigned).
            view.signatures.get(&claim.id).cloned().unwrap_or_default(),
        ];
        writer.write_record(&record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| super::ExportError::CsvFinish(e.error().to_string()))?;
    let body = String::from_utf8(bytes)
        .map_err(|e| super::ExportError::CsvFinish(e.utf8_error().to_string()))?;
    Ok(format!("\u{feff}{body}"))
}
