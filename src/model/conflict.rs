//! Merge conflicts kept in the project until someone decides them.
//!
//! When two reviewers changed the same field differently, or one deleted what the other
//! edited, the merge records a [`Conflict`] in [`Project::conflicts`] holding both values (and
//! the common ancestor's when it is known). Nothing is resolved silently: the project keeps
//! "our" value in place until [`Edit::ResolveConflict`](super::Edit::ResolveConflict) applies
//! a [`Resolution`] and removes the conflict.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::anchor::Anchor;
use super::claim::{Claim, ClaimStatus, ClaimantKind, Evidence, HistoryEntry, snippet};
use super::edit::EditError;
use super::ids::{ClaimId, SourceId};
use super::project::{ArticleMeta, Project, Publishing};
use super::scale::RatingScale;
use super::source::{Source, SourceKind};

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

/// A field of a claim that two copies can disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClaimField {
    /// The claim as a whole: deleted in one copy, edited in the other.
    Existence,
    /// The marked span (anchor and orphan flag).
    Span,
    /// The statement.
    Statement,
    /// Who made the claim.
    Claimant,
    /// Person or organisation.
    ClaimantKind,
    /// When the claim was made.
    Date,
    /// Where it appeared.
    Appearance,
    /// Tags.
    Tags,
    /// Workflow status (with who signed it off).
    Status,
    /// Verdict label (with who set it).
    Verdict,
    /// Written conclusion.
    Conclusion,
    /// Methodology.
    Methodology,
    /// Cited sources.
    Evidence,
}

impl ClaimField {
    /// Every field compared value by value by a merge (all but [`Self::Existence`], tags and
    /// evidence, which merge item by item).
    pub const SCALAR: [Self; 10] = [
        Self::Span,
        Self::Statement,
        Self::Claimant,
        Self::ClaimantKind,
        Self::Date,
        Self::Appearance,
        Self::Status,
        Self::Verdict,
        Self::Conclusion,
        Self::Methodology,
    ];

    /// Name of the field, as in claim history.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Existence => "claim",
            Self::Span => "span",
            Self::Statement => "statement",
            Self::Claimant => "claimant",
            Self::ClaimantKind => "claimant kind",
            Self::Date => "date",
            Self::Appearance => "appearance",
            Self::Tags => "tags",
            Self::Status => "status",
            Self::Verdict => "verdict",
            Self::Conclusion => "conclusion",
            Self::Methodology => "methodology",
            Self::Evidence => "evidence",
        }
    }

    /// The field's value in `claim`.
    #[must_use]
    pub fn value(self, claim: &Claim) -> FieldValue {
        match self {
            Self::Existence => FieldValue::Claim(Box::new(claim.clone())),
            Self::Span => FieldValue::Span {
                anchor: claim.anchor.clone(),
                orphan: claim.orphan,
            },
            Self::Statement => FieldValue::Text(claim.statement.clone()),
            Self::Claimant => FieldValue::Text(claim.claimant.clone()),
            Self::ClaimantKind => FieldValue::ClaimantKind(claim.claimant_kind),
            Self::Date => FieldValue::Date(claim.date),
            Self::Appearance => FieldValue::Text(claim.appearance.clone()),
            Self::Tags => FieldValue::Tags(claim.tags.clone()),
            Self::Status => FieldValue::Status(claim.status),
            Self::Verdict => FieldValue::Verdict(claim.verdict.clone()),
            Self::Conclusion => FieldValue::Text(claim.conclusion.clone()),
            Self::Methodology => FieldValue::Text(claim.methodology.clone()),
            Self::Evidence => FieldValue::Evidence(claim.evidence.clone()),
        }
    }

    /// Who last changed the field in `claim`: the verdict's author, the sign-off, or the
    /// latest matching history entry.
    #[must_use]
    pub fn who(self, claim: &Claim) -> Option<String> {
        match self {
            Self::Verdict if claim.verdict_by.is_some() => claim.verdict_by.clone(),
            Self::Status if claim.status == ClaimStatus::Reviewed => claim.reviewed_by.clone(),
            Self::Existence => {
                let edited = claim.history.iter().map(|h| (h.at, &h.by));
                let commented = claim.comments.iter().map(|c| (c.at, &c.author));
                edited
                    .chain(commented)
                    .max_by_key(|(at, _)| *at)
                    .map(|(_, by)| by.clone())
            }
            _ => claim
                .history
                .iter()
                .rev()
                .find(|h| h.what == self.label())
                .map(|h| h.by.clone()),
        }
    }

    /// Copy the field (and what goes with it: who set the verdict, who signed off) from `from`.
    pub fn copy(self, to: &mut Claim, from: &Claim) {
        match self {
            Self::Existence => *to = from.clone(),
            Self::Span => {
                to.anchor = from.anchor.clone();
                to.orphan = from.orphan;
            }
            Self::Statement => to.statement.clone_from(&from.statement),
            Self::Claimant => to.claimant.clone_from(&from.claimant),
            Self::ClaimantKind => to.claimant_kind = from.claimant_kind,
            Self::Date => to.date = from.date,
            Self::Appearance => to.appearance.clone_from(&from.appearance),
            Self::Tags => to.tags.clone_from(&from.tags),
            Self::Status => {
                to.status = from.status;
                to.reviewed_by.clone_from(&from.reviewed_by);
            }
            Self::Verdict => {
                to.verdict.clone_from(&from.verdict);
                to.verdict_by.clone_from(&from.verdict_by);
            }
            Self::Conclusion => to.conclusion.clone_from(&from.conclusion),
            Self::Methodology => to.methodology.clone_from(&from.methodology),
            Self::Evidence => to.evidence.clone_from(&from.evidence),
        }
    }

    /// Set the field to `value`, as decided by `by`. Fails when the value is of another field's
    /// kind, or when it would make `by` the reviewer of their own verdict.
    pub fn set(
        self,
        claim: &mut Claim,
        value: FieldValue,
        by: Option<String>,
    ) -> Result<(), EditError> {
        let mismatch = |value: &FieldValue| EditError::WrongValueKind {
            field: self.label(),
            value: value.to_string(),
        };
        match (self, value) {
            (Self::Existence, FieldValue::Claim(c)) if c.id == claim.id => *claim = *c,
            (Self::Span, FieldValue::Span { anchor, orphan }) => {
                claim.anchor = anchor;
                claim.orphan = orphan;
            }
            (Self::Statement, FieldValue::Text(v)) => claim.statement = v,
            (Self::Claimant, FieldValue::Text(v)) => claim.claimant = v,
            (Self::ClaimantKind, FieldValue::ClaimantKind(v)) => claim.claimant_kind = v,
            (Self::Date, FieldValue::Date(v)) => claim.date = v,
            (Self::Appearance, FieldValue::Text(v)) => claim.appearance = v,
            (Self::Tags, FieldValue::Tags(v)) => claim.tags = v,
            (Self::Status, FieldValue::Status(v)) => {
                if v == ClaimStatus::Reviewed {
                    let reviewer = by.unwrap_or_default();
                    if reviewer.trim().is_empty() {
                        return Err(EditError::AnonymousReview);
                    }
                    if let Some(author) = &claim.verdict_by
                        && author.trim().eq_ignore_ascii_case(reviewer.trim())
                    {
                        return Err(EditError::SelfReview {
                            name: author.clone(),
                        });
                    }
                    claim.reviewed_by = Some(reviewer);
                } else {
                    claim.reviewed_by = None;
                }
                claim.status = v;
            }
            (Self::Verdict, FieldValue::Verdict(v)) => {
                claim.verdict_by = v.as_ref().and(by);
                claim.verdict = v;
            }
            (Self::Conclusion, FieldValue::Text(v)) => claim.conclusion = v,
            (Self::Methodology, FieldValue::Text(v)) => claim.methodology = v,
            (Self::Evidence, FieldValue::Evidence(v)) => claim.evidence = v,
            (_, other) => return Err(mismatch(&other)),
        }
        Ok(())
    }

    /// Read a value typed by the person resolving a conflict ("edit" in the merge view).
    pub fn parse(self, text: &str, scale: &RatingScale) -> Result<FieldValue, EditError> {
        let trimmed = text.trim();
        let bad = |expected: &'static str| EditError::BadValue {
            field: self.label(),
            value: text.to_owned(),
            expected,
        };
        Ok(match self {
            Self::Statement => FieldValue::Text(text.to_owned()),
            Self::Claimant => FieldValue::Text(text.to_owned()),
            Self::Appearance => FieldValue::Text(text.to_owned()),
            Self::Conclusion => FieldValue::Text(text.to_owned()),
            Self::Methodology => FieldValue::Text(text.to_owned()),
            Self::ClaimantKind => match trimmed.to_lowercase().as_str() {
                "person" => FieldValue::ClaimantKind(ClaimantKind::Person),
                "organization" | "organisation" => {
                    FieldValue::ClaimantKind(ClaimantKind::Organization)
                }
                _ => return Err(bad("person or organisation")),
            },
            Self::Date => FieldValue::Date(
                parse_date(trimmed).map_err(|()| bad("a date like 2024-05-31, or nothing"))?,
            ),
            Self::Tags => FieldValue::Tags(
                trimmed
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            Self::Status => ClaimStatus::ALL
                .into_iter()
                .find(|s| s.label().eq_ignore_ascii_case(trimmed))
                .map(FieldValue::Status)
                .ok_or_else(|| bad("a status such as \"Ready for review\""))?,
            Self::Verdict => {
                if trimmed.is_empty() {
                    FieldValue::Verdict(None)
                } else {
                    let label = scale
                        .find(trimmed)
                        .ok_or_else(|| EditError::UnknownVerdict(trimmed.to_owned()))?;
                    FieldValue::Verdict(Some(label.id.clone()))
                }
            }
            Self::Existence | Self::Span | Self::Evidence => {
                return Err(EditError::NotTypedValue(self.label()));
            }
        })
    }
}

/// A field of a source that two copies can disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SourceField {
    /// The source as a whole: deleted in one copy, edited in the other.
    Existence,
    /// URL.
    Url,
    /// Title.
    Title,
    /// Publisher.
    Publisher,
    /// Author.
    Author,
    /// Date published.
    Published,
    /// Date accessed.
    Accessed,
    /// Archived copy.
    ArchiveUrl,
    /// Kind of source.
    Kind,
    /// Withheld from exports.
    Confidential,
    /// Notes.
    Notes,
}

impl SourceField {
    /// Every field compared value by value by a merge.
    pub const SCALAR: [Self; 10] = [
        Self::Url,
        Self::Title,
        Self::Publisher,
        Self::Author,
        Self::Published,
        Self::Accessed,
        Self::ArchiveUrl,
        Self::Kind,
        Self::Confidential,
        Self::Notes,
    ];

    /// Human name of the field.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Existence => "source",
            Self::Url => "URL",
            Self::Title => "title",
            Self::Publisher => "publisher",
            Self::Author => "author",
            Self::Published => "date published",
            Self::Accessed => "date accessed",
            Self::ArchiveUrl => "archive URL",
            Self::Kind => "kind",
            Self::Confidential => "confidential",
            Self::Notes => "notes",
        }
    }

    /// The field's value in `source`.
    #[must_use]
    pub fn value(self, source: &Source) -> FieldValue {
        match self {
            Self::Existence => FieldValue::Source(Box::new(source.clone())),
            Self::Url => FieldValue::Text(source.url.clone()),
            Self::Title => FieldValue::Text(source.title.clone()),
            Self::Publisher => FieldValue::Text(source.publisher.clone()),
            Self::Author => FieldValue::Text(source.author.clone()),
            Self::Published => FieldValue::Date(source.published),
            Self::Accessed => FieldValue::Date(source.accessed),
            Self::ArchiveUrl => FieldValue::Text(source.archive_url.clone()),
            Self::Kind => FieldValue::SourceKind(source.kind),
            Self::Confidential => FieldValue::Flag(source.confidential),
            Self::Notes => FieldValue::Text(source.notes.clone()),
        }
    }

    /// Set the field to `value`; fails when the value is of another field's kind.
    pub fn set(self, source: &mut Source, value: FieldValue) -> Result<(), EditError> {
        match (self, value) {
            (Self::Existence, FieldValue::Source(s)) if s.id == source.id => *source = *s,
            (Self::Url, FieldValue::Text(v)) => source.url = v,
            (Self::Title, FieldValue::Text(v)) => source.title = v,
            (Self::Publisher, FieldValue::Text(v)) => source.publisher = v,
            (Self::Author, FieldValue::Text(v)) => source.author = v,
            (Self::Published, FieldValue::Date(v)) => source.published = v,
            (Self::Accessed, FieldValue::Date(v)) => source.accessed = v,
            (Self::ArchiveUrl, FieldValue::Text(v)) => source.archive_url = v,
            (Self::Kind, FieldValue::SourceKind(v)) => source.kind = v,
            (Self::Confidential, FieldValue::Flag(v)) => source.confidential = v,
            (Self::Notes, FieldValue::Text(v)) => source.notes = v,
            (_, other) => {
                return Err(EditError::WrongValueKind {
                    field: self.label(),
                    value: other.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Read a value typed by the person resolving a conflict.
    pub fn parse(self, text: &str) -> Result<FieldValue, EditError> {
        let trimmed = text.trim();
        let bad = |expected: &'static str| EditError::BadValue {
            field: self.label(),
            value: text.to_owned(),
            expected,
        };
        Ok(match self {
            Self::Url
            | Self::Title
            | Self::Publisher
            | Self::Author
            | Self::ArchiveUrl
            | Self::Notes => FieldValue::Text(text.to_owned()),
            Self::Published | Self::Accessed => FieldValue::Date(
                parse_date(trimmed).map_err(|()| bad("a date like 2024-05-31, or nothing"))?,
            ),
            Self::Kind => SourceKind::ALL
                .into_iter()
                .find(|k| k.label().eq_ignore_ascii_case(trimmed))
                .map(FieldValue::SourceKind)
                .ok_or_else(|| bad("a kind such as \"Official data\""))?,
            Self::Confidential => match trimmed.to_lowercase().as_str() {
                "yes" | "true" => FieldValue::Flag(true),
                "no" | "false" => FieldValue::Flag(false),
                _ => return Err(bad("yes or no")),
            },
            Self::Existence => return Err(EditError::NotTypedValue(self.label())),
        })
    }
}

/// A project-wide setting that two copies can disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProjectField {
    /// The article's metadata.
    ArticleMeta,
    /// The article's text.
    ArticleText,
    /// The rating scale.
    Scale,
    /// Publishing settings.
    Publishing,
}

impl ProjectField {
    /// Every project-wide field.
    pub const ALL: [Self; 4] = [
        Self::ArticleMeta,
        Self::ArticleText,
        Self::Scale,
        Self::Publishing,
    ];

    /// Human name of the field.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::ArticleMeta => "article details",
            Self::ArticleText => "article text",
            Self::Scale => "rating scale",
            Self::Publishing => "publishing settings",
        }
    }

    /// The field's value in `project`.
    #[must_use]
    pub fn value(self, project: &Project) -> FieldValue {
        match self {
            Self::ArticleMeta => FieldValue::ArticleMeta(project.article.meta.clone()),
            Self::ArticleText => FieldValue::Text(project.article.text.to_string()),
            Self::Scale => FieldValue::Scale(project.scale.clone()),
            Self::Publishing => FieldValue::Publishing(project.publishing.clone()),
        }
    }

    /// Copy the field from `from`.
    pub fn copy(self, to: &mut Project, from: &Project) {
        match self {
            Self::ArticleMeta => to.article.meta = from.article.meta.clone(),
            Self::ArticleText => to.article.text = std::sync::Arc::clone(&from.article.text),
            Self::Scale => to.scale = from.scale.clone(),
            Self::Publishing => to.publishing = from.publishing.clone(),
        }
    }

    /// Set the field to `value`; fails when the value is of another field's kind.
    pub fn set(self, project: &mut Project, value: FieldValue) -> Result<(), EditError> {
        match (self, value) {
            (Self::ArticleMeta, FieldValue::ArticleMeta(v)) => project.article.meta = v,
            (Self::ArticleText, FieldValue::Text(v)) => project.article.text = v.into(),
            (Self::Scale, FieldValue::Scale(v)) => project.scale = v,
            (Self::Publishing, FieldValue::Publishing(v)) => project.publishing = v,
            (_, other) => {
                return Err(EditError::WrongValueKind {
                    field: self.label(),
                    value: other.to_string(),
                });
            }
        }
        Ok(())
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

/// A value of one field, as kept in a conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    /// Free text.
    Text(String),
    /// A verdict label id, or none.
    Verdict(Option<String>),
    /// A date, or none.
    Date(Option<NaiveDate>),
    /// Tags.
    Tags(Vec<String>),
    /// Workflow status.
    Status(ClaimStatus),
    /// Person or organisation.
    ClaimantKind(ClaimantKind),
    /// Cited sources.
    Evidence(Vec<Evidence>),
    /// A span of the article.
    Span {
        /// Where.
        anchor: Anchor,
        /// Whether the anchor no longer fits the text.
        orphan: bool,
    },
    /// Yes or no.
    Flag(bool),
    /// Kind of source.
    SourceKind(SourceKind),
    /// A whole claim (one side of a delete-versus-edit conflict).
    Claim(Box<Claim>),
    /// A whole source (one side of a delete-versus-edit conflict).
    Source(Box<Source>),
    /// Article metadata.
    ArticleMeta(ArticleMeta),
    /// A rating scale.
    Scale(RatingScale),
    /// Publishing settings.
    Publishing(Publishing),
}

impl FieldValue {
    /// Whether this is the field's empty value (used by two-way merges: a field left empty
    /// in one copy and filled in the other takes the filled one).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        match self {
            Self::Text(v) => v.trim().is_empty(),
            Self::Verdict(v) => v.is_none(),
            Self::Date(v) => v.is_none(),
            Self::Tags(v) => v.is_empty(),
            Self::Status(v) => *v == ClaimStatus::ToDo,
            Self::ClaimantKind(v) => *v == ClaimantKind::default(),
            Self::Evidence(v) => v.is_empty(),
            Self::Flag(v) => !v,
            Self::SourceKind(v) => *v == SourceKind::default(),
            Self::ArticleMeta(v) => *v == ArticleMeta::default(),
            Self::Publishing(v) => *v == Publishing::default(),
            Self::Span { .. } | Self::Claim(_) | Self::Source(_) | Self::Scale(_) => false,
        }
    }

    /// Readable text of the value, with verdict ids shown as the project's label text.
    #[must_use]
    pub fn describe(&self, project: &Project) -> String {
        match self {
            Self::Verdict(Some(v)) => project.verdict_text(v).to_owned(),
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Text(v) if v.is_empty() => f.write_str("(empty)"),
            Self::Text(v) => write!(f, "{:?}", snippet(v, 80)),
            Self::Verdict(None) | Self::Date(None) => f.write_str("(none)"),
            Self::Verdict(Some(v)) => f.write_str(v),
            Self::Date(Some(d)) => write!(f, "{d}"),
            Self::Tags(v) if v.is_empty() => f.write_str("(no tags)"),
            Self::Tags(v) => f.write_str(&v.join(", ")),
            Self::Status(v) => f.write_str(v.label()),
            Self::ClaimantKind(ClaimantKind::Person) => f.write_str("person"),
            Self::ClaimantKind(ClaimantKind::Organization) => f.write_str("organisation"),
            Self::Evidence(v) => write!(f, "{} cited sources", v.len()),
            Self::Span { anchor, orphan } => write!(
                f,
                "{:?} at {}..{}{}",
                snippet(&anchor.quote, 60),
                anchor.start,
                anchor.end,
                if *orphan { " (orphan)" } else { "" }
            ),
            Self::Flag(v) => f.write_str(if *v { "yes" } else { "no" }),
            Self::SourceKind(v) => f.write_str(v.label()),
            Self::Claim(c) => write!(f, "claim {:?}", snippet(c.statement_or_quote(), 60)),
            Self::Source(s) => write!(f, "source {:?}", snippet(s.display_title(), 60)),
            Self::ArticleMeta(m) => write!(f, "article {:?}", snippet(&m.title, 60)),
            Self::Scale(s) => write!(f, "scale {:?}", s.name),
            Self::Publishing(p) => write!(f, "publisher {:?}", p.organisation),
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

fn parse_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
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
                self.resolve_claim(claim_id, field, value, by)?;
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
    ) -> Result<(), EditError> {
        match (field, value) {
            (ClaimField::Existence, None) => {
                self.claims.retain(|c| c.id != claim_id);
                self.conflicts.retain(|c| c.claim_id() != Some(claim_id));
            }
            (ClaimField::Existence, Some(FieldValue::Claim(claim))) if claim.id == claim_id => {
                self.claims.retain(|c| c.id != claim_id);
                self.claims.push(*claim);
                self.sort_claims();
            }
            (field, Some(value)) => {
                let claim = self
                    .claim_mut(claim_id)
                    .ok_or(EditError::NoSuchClaim(claim_id))?;
                let mut changed = claim.clone();
                field.set(&mut changed, value, by)?;
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
