//! The status-bar message: the last thing that happened, in plain words.

/// How a status-bar message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something went wrong.
    Error,
}

/// The message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// Info or error.
    pub level: Level,
    /// Plain words.
    pub text: String,
}

/// A background job in progress (open, save, update, merge), shown in the status bar with a
/// spinner, what is happening, the elapsed time and, where it can take seconds, Cancel.
#[derive(Clone, Debug, PartialEq)]
pub struct JobProgress {
    /// What is happening, in plain words ("Opening book.ron").
    pub label: String,
    /// When it started, on the UI clock (`egui::InputState::time`).
    pub started: f64,
    /// Whether Cancel is offered (never for a save).
    pub cancellable: bool,
}
