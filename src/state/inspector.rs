//! What is being typed in the inspector that is not yet part of the project (a new comment,
//! a correction's reason and verdict). The inspector owns it and edits it while drawing.

/// State of the inspector that is not part of the project (text being typed).
#[derive(Clone, Debug, Default)]
pub struct InspectorState {
    /// The comment being written.
    pub new_comment: String,
    /// The reason for a verdict correction being written.
    pub correction_reason: String,
    /// The verdict chosen for a correction.
    pub correction_verdict: Option<String>,
}
