//! The find bar's state: what is typed (owned by the find bar), and the matches the shell
//! computes from it when the query, the options or the text change.

use std::ops::Range;

/// The find bar's state.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    /// Whether the find bar is shown.
    pub open: bool,
    /// What to find (typed in the find bar).
    pub query: String,
    /// Case-sensitive search (ticked in the find bar).
    pub match_case: bool,
    /// Matches, as char ranges (computed by the shell when query, options or text change).
    pub matches: Vec<Range<usize>>,
    /// The current match.
    pub current: Option<usize>,
    /// Put the keyboard focus into the find field next frame.
    pub focus_field: bool,
}

impl FindState {
    /// The current match's char range.
    #[must_use]
    pub fn current_match(&self) -> Option<Range<usize>> {
        self.current.and_then(|i| self.matches.get(i)).cloned()
    }

    /// Move to the next (or previous) match, wrapping around; returns the new current match.
    pub fn step(&mut self, forward: bool) -> Option<Range<usize>> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.current_match()
    }
}
