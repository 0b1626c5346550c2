//! A source's captures: newest first, each with its date, size, media type and verify status
//! (a changed capture is flagged, never silently re-hashed), plus "Capture", "Attach file…"
//! and, while a capture runs, its progress and Cancel.

use egui::Ui;

use super::EvidenceAction;
use crate::evidence::CaptureStatus;
use crate::model::{Capture, Source};

/// One capture and what `verify` found for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureRow {
    /// The record.
    pub capture: Capture,
    /// The check of its file (`None` while not checked yet).
    pub status: Option<CaptureStatus>,
}

/// What the captures panel shows for one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapturesPanel<'a> {
    /// The source.
    pub source: &'a Source,
    /// Its captures with their status, newest first.
    pub rows: Vec<CaptureRow>,
    /// Progress of a capture running for this source: bytes received and expected.
    pub running: Option<(u64, Option<u64>)>,
    /// Whether the project has been saved (captures live beside the project file).
    pub saved: bool,
}

/// Draw the captures of a source; returns what the user asked for.
pub fn captures_ui(ui: &mut Ui, panel: &CapturesPanel<'_>) -> Option<EvidenceAction> {
    let mut action = None;
    let id = panel.source.id;
    ui.strong("Captures");
    if let Some((received, total)) = panel.running {
        ui.horizontal(|ui| {
            match total {
                Some(total) if total > 0 => {
                    #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
                    let fraction = received as f32 / total as f32;
                    ui.add(egui::ProgressBar::new(fraction).desired_width(160.0));
                }
                _ => {
                    ui.spinner();
                }
            }
            ui.label(format!("{} received", human_bytes(received)));
            if ui.button("Cancel").clicked() {
                action = Some(EvidenceAction::CancelCapture(id));
            }
        });
    } else {
        ui.horizontal(|ui| {
            let can_fetch = panel.saved && crate::model::is_safe_link(&panel.source.url);
            let capture = ui
                .add_enabled(can_fetch, egui::Button::new("Capture"))
                .on_hover_text("Fetch the source's URL and keep a copy beside the project")
                .on_disabled_hover_text(if panel.saved {
                    "The source needs an http or https URL"
                } else {
                    "Save the project first: captures are kept beside the project file"
                });
            if capture.clicked() {
                action = Some(EvidenceAction::CaptureUrl(id));
            }
            if ui
                .add_enabled(panel.saved, egui::Button::new("Attach file…"))
                .on_hover_text("A saved page, PDF, text, Markdown or image (or drop it here)")
                .clicked()
            {
                action = Some(EvidenceAction::AttachFile(id));
            }
        });
    }
    if panel.rows.is_empty() {
        ui.weak("No capture yet.");
    }
    for row in &panel.rows {
        let capture = &row.capture;
        ui.horizontal_wrapped(|ui| {
            // Words, not symbols: every font has them and screen readers say them.
            let (flag, tip) = match &row.status {
                None => ("not checked", "Not checked yet".to_owned()),
                Some(status) => (status.label(), status_text(status)),
            };
            if row.status.as_ref().is_some_and(CaptureStatus::is_problem) {
                ui.colored_label(ui.visuals().error_fg_color, flag)
                    .on_hover_text(tip);
            } else {
                ui.weak(flag).on_hover_text(tip);
            }
            let open = ui
                .link(format!(
                    "{} · {} · {}",
                    capture.captured_at.format("%Y-%m-%d %H:%M"),
                    capture.media_type,
                    human_bytes(capture.size)
                ))
                .on_hover_text(format!(
                    "SHA-256 {}\nFrom {}\nBy {}",
                    capture.sha256,
                    capture.origin(),
                    capture.captured_by
                ));
            if open.clicked() {
                action = Some(EvidenceAction::OpenCapture {
                    source_id: id,
                    sha256: capture.sha256.clone(),
                });
            }
        });
    }
    action
}

fn status_text(status: &CaptureStatus) -> String {
    match status {
        CaptureStatus::Unchanged => "Unchanged".to_owned(),
        CaptureStatus::Missing => "The file is missing from the evidence folder".to_owned(),
        CaptureStatus::Changed { actual } => {
            format!("The file changed since it was captured (SHA-256 now {actual})")
        }
        CaptureStatus::TextMissing => "Its extracted text is missing".to_owned(),
        CaptureStatus::TextChanged { .. } => "Its extracted text changed".to_owned(),
        CaptureStatus::BadRecord(_) => "The project file's record of it is damaged".to_owned(),
    }
}

/// "1.2 MB".
#[must_use]
pub fn human_bytes(n: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a rounded display value")]
    let f = n as f64;
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KB", f / 1024.0)
    } else {
        format!("{:.1} MB", f / (1024.0 * 1024.0))
    }
}
