//! What the user can ask for in the evidence panels (issue 11): capture a source, attach a
//! file, cancel, open a capture in the reader, quote a passage, jump to a quoted passage.

use std::ops::Range;

use crate::model::{Anchor, SourceId, Stance};

/// What the user asked for in an evidence panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceAction {
    /// Capture the source's URL (on a background thread).
    CaptureUrl(SourceId),
    /// Pick a file and attach it as a capture.
    AttachFile(SourceId),
    /// Cancel the capture running for this source.
    CancelCapture(SourceId),
    /// Open this capture in the reader.
    OpenCapture {
        /// The source.
        source_id: SourceId,
        /// The capture's SHA-256.
        sha256: String,
    },
    /// Open the capture a piece of evidence quotes, at the quoted passage.
    ShowPassage {
        /// The source.
        source_id: SourceId,
        /// The capture's SHA-256.
        sha256: String,
        /// The passage.
        anchor: Anchor,
    },
    /// Quote chars `chars` of the capture's text as evidence for the selected claim.
    Quote {
        /// The source.
        source_id: SourceId,
        /// The capture's SHA-256.
        sha256: String,
        /// The selected passage, as char offsets into the capture's text.
        chars: Range<usize>,
        /// How it bears on the claim.
        stance: Stance,
    },
    /// Close the reader.
    CloseReader,
    /// Keep this file (dropped on the source) as a capture.
    AttachPath {
        /// The source.
        source_id: SourceId,
        /// The file.
        path: std::path::PathBuf,
    },
    /// File ▸ Export ▸ Package for a colleague: ask where, then write a `.fcpack`.
    ExportPackage,
}
