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
