//! Evidence panels (issue 11): a source's captures with their verify status and the capture
//! buttons, and the capture reader (find, select, copy, "Quote as evidence", images shown as
//! images). Both draw from the state they are given and return what the user asked for as an
//! [`EvidenceAction`]; the shell runs it (starting a [`crate::evidence::CaptureJob`], applying
//! the quote as an `Edit`).

mod captures;
mod reader;

pub use captures::{CaptureRow, CapturesPanel, captures_ui};
pub use reader::{CaptureReader, ReaderContent};

pub use crate::state::EvidenceAction;

use crate::evidence::CaptureCheck;
use crate::model::{Source, SourceId};
use crate::state::Document;

/// The evidence panels' own state, kept by the shell: the open reader, the capture running
/// (source, bytes received, bytes expected) and the latest check of every capture.
#[derive(Default)]
pub struct EvidenceDesk {
    /// The capture reader, when one is open.
    pub reader: Option<CaptureReader>,
    /// A capture in progress.
    pub running: Option<(SourceId, u64, Option<u64>)>,
    /// What the last check found for each capture of the open project.
    pub checks: Vec<CaptureCheck>,
}

/// The captures of `source` in the open document, with their checks and the capture buttons.
pub fn source_captures_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    source: &Source,
    desk: &EvidenceDesk,
) -> Option<EvidenceAction> {
    let rows = source
        .captures
        .iter()
        .map(|c| CaptureRow {
            capture: c.clone(),
            status: desk
                .checks
                .iter()
                .find(|k| k.source_id == source.id && k.sha256 == c.sha256)
                .map(|k| k.status.clone()),
        })
        .collect();
    let panel = CapturesPanel {
        source,
        rows,
        running: desk
            .running
            .as_ref()
            .filter(|r| r.0 == source.id)
            .map(|r| (r.1, r.2)),
        saved: doc.path.is_some(),
    };
    captures_ui(ui, &panel)
}

/// The reader in its own window, when a capture is open.
pub fn reader_window_ui(
    ctx: &egui::Context,
    desk: &mut EvidenceDesk,
    claim_selected: bool,
) -> Option<EvidenceAction> {
    let reader = desk.reader.as_mut()?;
    let mut action = None;
    let mut open = true;
    egui::Window::new("Capture reader")
        .open(&mut open)
        .default_size([640.0, 560.0])
        .show(ctx, |ui| {
            action = reader.ui(ui, claim_selected);
        });
    if !open {
        return Some(EvidenceAction::CloseReader);
    }
    action
}
