//! Start-up timing: when the first frame and the first frame showing a document were on
//! screen, logged at `info` level under the target `factcheck::timing` (run with
//! `RUST_LOG=factcheck::timing=info`). Each line gives the wall-clock time (Unix
//! milliseconds, to compare with the moment the process was launched) and the time since
//! the window's first frame began. Costs nothing when that log level is off.

use std::sync::Mutex;
use std::time::{Instant, SystemTime};

/// What has been seen so far.
#[derive(Default)]
struct State {
    /// Frames started.
    frames: u64,
    /// When the first frame started.
    first: Option<Instant>,
    /// A document was drawn in the previous frame, and that frame is not yet reported.
    document_pending: bool,
    /// The first document frame was reported.
    document_done: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    frames: 0,
    first: None,
    document_pending: false,
    document_done: false,
});

/// Call at the start of every frame (before drawing), saying whether this frame will draw a
/// document. A frame is on screen when the next one starts, so this logs, at the start of
/// the frame after, "first frame" and "first document frame"; it asks for that next frame
/// so the report does not wait for input.
pub fn frame_start(ctx: &egui::Context, has_document: bool) {
    if !log::log_enabled!(target: "factcheck::timing", log::Level::Info) {
        return;
    }
    let Ok(mut state) = STATE.lock() else { return };
    let now = Instant::now();
    let first = *state.first.get_or_insert(now);
    state.frames += 1;
    let report = |what: &str| {
        let unix_ms = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        log::info!(
            target: "factcheck::timing",
            "{what} on screen: unix_ms={unix_ms} since_first_frame_ms={:.1}",
            now.duration_since(first).as_secs_f64() * 1000.0
        );
    };
    if state.frames == 2 {
        report("first frame");
    }
    if state.document_pending {
        state.document_pending = false;
        state.document_done = true;
        report("first document frame");
    }
    if has_document && !state.document_done {
        state.document_pending = true;
    }
    if state.frames == 1 || state.document_pending {
        ctx.request_repaint();
    }
}
