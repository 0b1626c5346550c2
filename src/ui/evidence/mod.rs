//! Evidence panels (issue 11): a source's captures with their verify status and the capture
//! buttons, and the capture reader (find, select, copy, "Quote as evidence", images shown as
//! images). Both draw from the state they are given and return what the user asked for as an
//! [`EvidenceAction`]; the shell runs it (starting a [`crate::evidence::CaptureJob`], applying
//! the quote as an `Edit`).

mod captures;
mod reader;

pub use captures::{CaptureRow, CapturesPanel, captures_ui};
pub use reader::{CaptureReader, ReaderContent};

use std::ops::Range;

use crate::model::{SourceId, Stance};

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
}
