//! Merge conflicts kept in the project until someone decides them.
//!
//! When two reviewers changed the same field differently, or one deleted what the other
//! edited, the merge records a [`Conflict`] in [`Project::conflicts`] holding both values (and
//! the common ancestor's when it is known). Nothing is resolved silently: the project keeps
//! "our" value in place until [`Edit::ResolveConflict`](super::Edit::ResolveConflict) applies
//! a [`Resolution`] and removes the conflict.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::claim::HistoryEntry;
use super::edit::EditError;
use super::field::{ClaimField, FieldValue, ProjectField, SourceField};
use super::ids::{ClaimId, SourceId};
use super::project::Project;
use super::review::{broken_rule, guard_change};

/// Identifies a [`Conflict`]. Derived from what conflicts, so merging the same copies twice
/// gives the same ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConflictId(pub Uuid);

impl ConflictId {
    /// The id for a conflict described by `fingerprint` (FNV-1a, 128 bits).
    #[must_use]
    pub fn from_fingerprint(fingerprint: &str) -> Self {
        const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        let hash = fingerprint
            .bytes()
            .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
        Self(Uuid::from_u128(hash))
    }

    /// The first eight hex digits, for compact display.
    #[must_use]
    pub fn short(&self) -> String {
        self.0.simple().to_string()[..8].to_owned()
    }
}

impl std::fmt::Display for ConflictId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What a conflict is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConflictAt {
    /// A field of a claim.
    Claim {
        /// The claim (in the merged project).
        claim_id: ClaimId,
        /// The field.
        field: ClaimField,
    },
    /// A field of a source.
    Source {
        /// The source.
        source_id: SourceId,
        /// The field.
        field: SourceField,
    },
    /// A project-wide setting.
    Project(ProjectField),
}

impl ConflictAt {
    /// Name of the field in conflict.
    #[must_use]
    pub fn field_label(&self) -> &'static str {
        match self {
            Self::Claim { field, .. } => field.label(),
            Self::Source { field, .. } => field.label(),
            Self::Project(field) => field.label(),
        }
    }
}

/// One side of a conflict.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConflictSide {
    /// The value in this copy; `None` when this copy deleted the claim or source.
    pub value: Option<FieldValue>,
    /// Who last changed it in this copy, when known.
    pub by: Option<String>,
}

/// Two copies disagree and someone has to decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Stable id.
    pub id: ConflictId,
    /// Which claim or source and which field.
    pub at: ConflictAt,
    /// The common ancestor's value: `None` for a two-way merge, or when the ancestor did not
    /// have the claim or source.
    #[serde(default)]
    pub base: Option<FieldValue>,
    /// Our copy (its value is what the merged project holds until resolved).
    pub ours: ConflictSide,
    /// Their copy.
    pub theirs: ConflictSide,
}

impl Conflict {
    /// A conflict with an id derived from its content.
    #[must_use]
    pub fn new(
        at: ConflictAt,
        base: Option<FieldValue>,
        ours: ConflictSide,
        theirs: ConflictSide,
    ) -> Self {
        let id = ConflictId::from_fingerprint(&format!("{at:?}|{base:?}|{ours:?}|{theirs:?}"));
        Self {
            id,
            at,
            base,
            ours,
            theirs,
        }
    }

    /// The claim this conflict is about, if any.
    #[must_use]
    pub fn claim_id(&self) -> Option<ClaimId> {
        match self.at {
            ConflictAt::Claim { claim_id, .. } => Some(claim_id),
            _ => None,
        }
    }
}

/// How a conflict is decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// Keep our copy's value (deleting the claim or source if we deleted it).
    KeepOurs,
    /// Take their copy's value.
    TakeTheirs,
    /// A value typed by the person deciding (see [`ClaimField::parse`]).
    Custom(String),
}

impl Resolution {
    /// How the decision is written in claim history.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::KeepOurs => "kept ours",
            Self::TakeTheirs => "took theirs",
            Self::Custom(_) => "edited",
        }
    }
}

impl Project {
    /// The unresolved conflict with this id.
    #[must_use]
    pub fn conflict(&self, conflict_id: ConflictId) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == conflict_id)
    }

    /// Conflicts about the claim `claim_id`.
    pub fn conflicts_of(&self, claim_id: ClaimId) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .iter()
            .filter(move |c| c.claim_id() == Some(claim_id))
    }

    /// Decide a conflict: apply the chosen value and remove the conflict (used by
    /// [`Edit::ResolveConflict`](super::Edit::ResolveConflict)). On error nothing changes.
    pub(crate) fn resolve_conflict(
        &mut self,
        conflict_id: ConflictId,
        resolution: &Resolution,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        let at = self
            .conflicts
            .iter()
            .position(|c| c.id == conflict_id)
            .ok_or(EditError::NoSuchConflict(conflict_id))?;
        let conflict = self.conflicts[at].clone();
        let (value, by) = match resolution {
            Resolution::KeepOurs => (conflict.ours.value, conflict.ours.by),
            Resolution::TakeTheirs => (conflict.theirs.value, conflict.theirs.by),
            Resolution::Custom(text) => {
                let value = match conflict.at {
                    ConflictAt::Claim { field, .. } => field.parse(text, &self.scale)?,
                    ConflictAt::Source { field, .. } => field.parse(text)?,
                    ConflictAt::Project(ProjectField::ArticleText) => {
                        FieldValue::Text(text.clone())
                    }
                    ConflictAt::Project(field) => {
                        return Err(EditError::NotTypedValue(field.label()));
                    }
                };
                (Some(value), Some(actor.to_owned()))
            }
        };
        match conflict.at {
            ConflictAt::Claim { claim_id, field } => {
                self.resolve_claim(claim_id, field, value, by, actor, now)?;
                if let Some(claim) = self.claim_mut(claim_id) {
                    claim.modified = Some(now);
                    claim.history.push(HistoryEntry {
                        at: now,
                        by: actor.to_owned(),
                        what: format!("conflict on {}: {}", field.label(), resolution.label()),
                    });
                }
            }
            ConflictAt::Source { source_id, field } => {
                self.resolve_source(source_id, field, value)?;
            }
            ConflictAt::Project(field) => {
                let value = value.ok_or(EditError::NotTypedValue(field.label()))?;
                field.set(self, value)?;
            }
        }
        self.conflicts.retain(|c| c.id != conflict_id);
        Ok(())
    }

    fn resolve_claim(
        &mut self,
        claim_id: ClaimId,
        field: ClaimField,
        value: Option<FieldValue>,
        by: Option<String>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        match (field, value) {
            (ClaimField::Existence, None) => {
                self.claims.retain(|c| c.id != claim_id);
                self.conflicts.retain(|c| c.claim_id() != Some(claim_id));
            }
            (ClaimField::Existence, Some(FieldValue::Claim(claim))) if claim.id == claim_id => {
                if let Some(before) = self.claim(claim_id)
                    && before.status.is_published()
                    && *before != *claim
                {
                    return Err(EditError::VerdictLocked);
                }
                if let Some(rule) = broken_rule(&claim, self.scale.is_conclusion_only()) {
                    return Err(EditError::Rule(rule));
                }
                self.claims.retain(|c| c.id != claim_id);
                self.claims.push(*claim);
                self.sort_claims();
            }
            (field, Some(value)) => {
                let conclusion_only = self.scale.is_conclusion_only();
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                let mut changed = claim.clone();
                let by = by.filter(|b| !b.trim().is_empty());
                field.set(&mut changed, value, by)?;
                guard_change(claim, &mut changed, actor, conclusion_only, now)?;
                *claim = changed;
                if field == ClaimField::Span {
                    self.sort_claims();
                }
            }
            (field, None) => return Err(EditError::NotTypedValue(field.label())),
        }
        Ok(())
    }

    fn resolve_source(
        &mut self,
        source_id: SourceId,
        field: SourceField,
        value: Option<FieldValue>,
    ) -> Result<(), EditError> {
        match (field, value) {
            (SourceField::Existence, None) => {
                self.sources.retain(|s| s.id != source_id);
                for claim in &mut self.claims {
                    claim.evidence.retain(|e| e.source != source_id);
                }
            }
            (SourceField::Existence, Some(FieldValue::Source(source)))
                if source.id == source_id =>
            {
                match self.sources.iter_mut().find(|s| s.id == source_id) {
                    Some(slot) => *slot = *source,
                    None => self.sources.push(*source),
                }
            }
            (field, Some(value)) => {
                let source = self
                    .sources
                    .iter_mut()
                    .find(|s| s.id == source_id)
                    .ok_or(EditError::NoSuchSource(source_id))?;
                field.set(source, value)?;
            }
            (field, None) => return Err(EditError::NotTypedValue(field.label())),
        }
        Ok(())
    }
}
