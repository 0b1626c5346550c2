//! A computation the shell hands to a worker thread and shows when it is done (capture
//! checks, seal checks, suggestion scoring): the frame never waits for it, the previous result
//! stays on screen meanwhile, and a newer request replaces an older one.

use std::thread::JoinHandle;
use std::time::Duration;

/// How often the window looks again while a worker runs.
const POLL: Duration = Duration::from_millis(30);

/// At most one running computation producing a `T`.
pub(super) struct Worker<T>(Option<JoinHandle<T>>);

impl<T> Default for Worker<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T: Default + Send + 'static> Worker<T> {
    /// Run `work` on a new thread. A computation still running is left to finish; its result
    /// is dropped.
    pub(super) fn start(&mut self, work: impl FnOnce() -> T + Send + 'static) {
        self.0 = Some(std::thread::spawn(work));
    }

    /// Forget the running computation, if any (its result will be dropped).
    pub(super) fn forget(&mut self) {
        self.0 = None;
    }

    /// The result, once the computation is done (with `block`, waiting for it: tests and
    /// scripts, through `wait_for_jobs`). `None` while it runs (a repaint is requested to
    /// look again) or when nothing runs. A computation that panicked gives `T::default()`:
    /// nothing shown rather than something wrong.
    pub(super) fn finished(&mut self, ctx: &egui::Context, block: bool) -> Option<T> {
        let running = self.0.take()?;
        if !block && !running.is_finished() {
            self.0 = Some(running);
            ctx.request_repaint_after(POLL);
            return None;
        }
        ctx.request_repaint();
        Some(running.join().unwrap_or_default())
    }
}
