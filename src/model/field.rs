//! The fields of claims, sources and projects that two copies can disagree on, and their
//! values: read a field ([`ClaimField::value`]), copy it between copies, set it to a value
//! kept in a conflict, or parse a value typed by the person deciding one.
//!
//! Setting a field here is mechanical; the review rules are checked by the caller
//! ([`super::review`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::claim::{Claim, ClaimStatus, ClaimantKind, Evidence, snippet};
use super::edit::EditError;
use super::project::{ArticleMeta, Project, Publishing};
use super::scale::RatingScale;
use super::source::{Source, SourceKind};

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

    /// Copy the field (and what goes with it: who set the verdict; who signed off, the seal
    /// and any reopening) from `from`.
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
                to.seal.clone_from(&from.seal);
                to.reopened.clone_from(&from.reopened);
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

    /// Set the field to `value`, as decided by `by` (who set the verdict, or who signed off).
    /// Fails when the value is of another field's kind. The review rules are the caller's to
    /// check (see [`super::review`]).
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
                claim.reviewed_by = if v.is_published() {
                    by.filter(|b| !b.trim().is_empty())
                } else {
                    None
                };
                if !v.is_published() {
                    claim.seal = None;
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

fn parse_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}
