//! Evidence that cannot rot: captures of sources stored beside the project under their
//! SHA-256, text extracted from them, checks that nothing changed, and packages for a
//! colleague. Plain Rust, no UI; see `docs/evidence.md`.

pub mod capture;
pub mod extract;
pub mod fetch;
pub mod hash;
pub mod job;
pub mod pack;
pub mod quote;
pub mod store;
pub mod verify;

pub use capture::{CaptureError, Captured, capture_bytes, capture_file, capture_url};
pub use extract::{Extracted, MediaKind, extract_text, sniff_media_type};
pub use fetch::{FetchError, FetchOptions, Fetched, Progress, fetch};
pub use hash::{sha256_file, sha256_hex};
pub use job::{CaptureJob, CaptureRequest};
pub use pack::{PackError, PackOptions, Unpacked, pack_project, unpack};
pub use quote::{locate_passage, quote_passage};
pub use store::{EvidenceStore, StoreError, evidence_dir};
pub use verify::{CaptureCheck, CaptureStatus, verify_project, verify_sources};
