//! The GUI's state layer: the open [`Document`], the [`Command`]s and [`Action`]s the UI asks
//! for, dialogs ([`Modal`]), the find bar, the claim filter, derived summaries, preferences and
//! a merge in progress.
//!
//! `ui/` reads this and returns `Command`s; the shell (`app/`) owns it and is the only code
//! that changes it in response to the UI. Nothing here draws, and nothing here knows the shell.
//! [`Workbench`] is what every panel reads; [`PanelState`] holds what panels own and edit while
//! drawing (what is typed into the find bar, the filter, drafts, the dialog in front).

mod action;
mod command;
mod dialog;
mod document;
mod evidence;
mod filter;
mod find;
mod inspector;
mod merge_session;
mod modal;
mod prefs;
mod research;
mod review;
mod status;
mod summary;

pub use action::Action;
pub use command::{Command, MergeAction, RightTab};
pub use dialog::DialogKind;
pub use document::{CoalesceKey, Document};
pub use evidence::EvidenceAction;
pub use filter::{ClaimFilter, SortBy, all_tags};
pub use find::FindState;
pub use inspector::{ClaimDraft, InspectorField, InspectorState};
pub use merge_session::{MergeInputs, MergeSession};
pub use modal::{Modal, Modals};
pub use prefs::{DEFAULT_FONT_SIZE, PREFS_KEY, Prefs, ThemeChoice};
pub use research::{CheckedBefore, FoundCheck, ResearchAction, ResearchPanel, Suggestions};
pub use review::{ReviewCommand, ReviewForm, ReviewPanelState};
pub use status::{JobProgress, Level, StatusMessage};
pub use summary::ClaimSummary;

use crate::model::{ClaimId, ClaimStatus, SourceId};

/// What the window shows. Panels read it; the shell changes it while applying commands.
pub struct Workbench {
    /// The open document, if any.
    pub doc: Option<Document>,
    /// Preferences (persisted in eframe storage).
    pub prefs: Prefs,
    /// The selected claim.
    pub selected_claim: Option<ClaimId>,
    /// The source selected in the library.
    pub selected_source: Option<SourceId>,
    /// The right panel's tab.
    pub right_tab: RightTab,
    /// The status-bar message.
    pub status: Option<StatusMessage>,
    /// The background job in progress, if any (the status bar shows it).
    pub job: Option<JobProgress>,
    /// Export only reviewed claims (drafts left out).
    pub export_only_reviewed: bool,
    /// Counts for the claim list and status bar (derived: recomputed when the project changes).
    pub summary: ClaimSummary,
    /// Indices (into `project.claims`) of the claims the list shows, in order (derived from
    /// the project and the filter).
    pub shown_claims: Vec<usize>,
    /// The seal of each signed-off claim (derived from the project and the trusted keys).
    pub seals: std::collections::HashMap<ClaimId, crate::signing::SealStatus>,
    /// Colleagues' keys this machine knows and trusts.
    pub trust: crate::signing::TrustStore,
    /// The config folder with the signing key and trusted keys (`None`: none could be found).
    pub config_dir: Option<std::path::PathBuf>,
    /// What the last review request did, and whether it was refused.
    pub review_message: Option<(String, bool)>,
    /// Suggested sentences of the article (derived, while the "Suggested" view is shown).
    pub suggestions: Suggestions,
    /// Earlier checks of the selected claim (filled off the UI thread).
    pub checked_before: CheckedBefore,
}

impl Workbench {
    /// Nothing open, with these preferences.
    #[must_use]
    pub fn new(prefs: Prefs) -> Self {
        Self {
            doc: None,
            prefs,
            selected_claim: None,
            selected_source: None,
            right_tab: RightTab::Claim,
            status: None,
            job: None,
            export_only_reviewed: false,
            summary: ClaimSummary::default(),
            shown_claims: Vec::new(),
            seals: std::collections::HashMap::new(),
            trust: crate::signing::TrustStore::default(),
            config_dir: None,
            review_message: None,
            suggestions: Suggestions::default(),
            checked_before: CheckedBefore::default(),
        }
    }

    /// The reviewer name stamped on edits.
    #[must_use]
    pub fn actor(&self) -> &str {
        self.prefs.reviewer_name.trim()
    }

    /// Counts of claims per status, for the status bar (empty with nothing open).
    #[must_use]
    pub fn status_counts(&self) -> &[(ClaimStatus, usize)] {
        if self.doc.is_some() {
            &self.summary.status_counts
        } else {
            &[]
        }
    }
}

/// State that panels own and edit while drawing: what is typed, not yet a command.
#[derive(Default)]
pub struct PanelState {
    /// The find bar.
    pub find: FindState,
    /// The claim list's filter and order.
    pub filter: ClaimFilter,
    /// Drafts typed in the inspector.
    pub inspector: InspectorState,
    /// Dialogs; the one in front is drawn.
    pub modals: Modals,
    /// A merge of another reviewer's copy in progress (the merge view is open).
    pub merge: Option<MergeSession>,
    /// An inspector field to focus next frame.
    pub focus_field: Option<InspectorField>,
    /// The review queue's open form and what is typed in it.
    pub review: ReviewPanelState,
    /// The research views ("Suggested").
    pub research: ResearchPanel,
}
