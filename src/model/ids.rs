//! Globally unique, stable identifiers for claims and sources.
//!
//! Ids are UUID v4 so that two reviewers' copies of a project can be merged: a claim keeps its
//! id for its whole life, whoever edits it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random id.
            #[must_use]
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The first eight hex digits, for compact display.
            #[must_use]
            pub fn short(&self) -> String {
                self.0.simple().to_string()[..8].to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Claim`].
    ClaimId
);
id_type!(
    /// Identifies a [`crate::model::Source`] in the project's source library.
    SourceId
);
id_type!(
    /// Identifies a [`crate::model::Comment`] on a claim.
    CommentId
);
