//! A capture running on a background thread, for the GUI: it polls [`CaptureJob::progress`]
//! and [`CaptureJob::try_finish`] each frame and sets Cancel with [`CaptureJob::cancel`]; the
//! UI thread never waits on the network.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

use chrono::Utc;

use super::capture::{CaptureError, Captured, capture_file, capture_url};
use super::fetch::FetchOptions;
use super::store::EvidenceStore;
use crate::model::SourceId;

/// What to capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureRequest {
    /// Fetch this URL.
    Url(String),
    /// Store this file.
    File(PathBuf),
}

/// A capture in progress on its own thread.
#[derive(Debug)]
pub struct CaptureJob {
    /// The source the capture is for.
    pub source_id: SourceId,
    cancel: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
    /// Expected size plus one, 0 while unknown.
    total: Arc<AtomicU64>,
    result: mpsc::Receiver<Result<Captured, CaptureError>>,
}

impl CaptureJob {
    /// Start capturing `request` for `source_id` into `store` on a new thread.
    #[must_use]
    pub fn start(
        store: EvidenceStore,
        source_id: SourceId,
        request: CaptureRequest,
        options: FetchOptions,
        captured_by: String,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let received = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let (send, result) = mpsc::channel();
        let (c, r, t) = (
            Arc::clone(&cancel),
            Arc::clone(&received),
            Arc::clone(&total),
        );
        std::thread::spawn(move || {
            let now = Utc::now();
            let outcome = match request {
                CaptureRequest::Url(url) => capture_url(
                    &store,
                    &url,
                    &options,
                    &mut |p| {
                        r.store(p.received, Ordering::Relaxed);
                        t.store(
                            p.total.map_or(0, |n| n.saturating_add(1)),
                            Ordering::Relaxed,
                        );
                    },
                    &c,
                    &captured_by,
                    now,
                ),
                CaptureRequest::File(path) => {
                    capture_file(&store, &path, options.max_bytes, &captured_by, now)
                }
            };
            // The receiver may be gone (the app closed the project): nothing to do then.
            let _ = send.send(outcome);
        });
        Self {
            source_id,
            cancel,
            received,
            total,
            result,
        }
    }

    /// Ask the capture to stop; it ends with [`super::FetchError::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Bytes received so far and bytes expected (when known).
    #[must_use]
    pub fn progress(&self) -> (u64, Option<u64>) {
        let total = self.total.load(Ordering::Relaxed);
        (self.received.load(Ordering::Relaxed), total.checked_sub(1))
    }

    /// The outcome, once the thread is done (`None` while it still runs). Once cancelled the
    /// job reports [`super::FetchError::Cancelled`] at once, even while the server is still
    /// silent; the thread stops at its next check (or its timeout) and its result is dropped.
    pub fn try_finish(&self) -> Option<Result<Captured, CaptureError>> {
        if self.cancel.load(Ordering::Relaxed) {
            return Some(Err(CaptureError::Fetch(super::FetchError::Cancelled)));
        }
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(CaptureError::Read {
                reason: "the capture stopped unexpectedly".to_owned(),
                path: PathBuf::new(),
            })),
        }
    }
}
