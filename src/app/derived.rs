//! Caches derived from the project, rebuilt only when what they depend on changed: claim
//! highlights (project, text), the claim summary (project), the claims the list shows
//! (project and filter) and the find matches (see `find`).

use std::sync::Arc;

use super::FactcheckApp;
use crate::state::{ClaimFilter, ClaimSummary};
use crate::ui::article_view::{Highlight, Highlights};

/// The caches and what each was computed for.
#[derive(Default)]
pub(super) struct Derived {
    /// Highlights of the current document's claims.
    pub(super) highlights: Highlights,
    highlights_key: Option<(u64, usize)>,
    summary_generation: Option<u64>,
    shown_key: Option<(u64, ClaimFilter)>,
    /// What the find matches were computed for.
    pub(super) find_key: Option<super::find::FindKey>,
    /// The find bar's search of the article text (it keeps the text folded to lower case).
    pub(super) find_search: Option<(Arc<str>, crate::model::RepeatedSearch)>,
    /// The document generation the seals were computed for (`None`: recompute).
    pub(super) seals_key: Option<u64>,
}

impl FactcheckApp {
    /// Bring every cache up to date before the frame is drawn.
    pub(super) fn refresh_derived(&mut self, ctx: &egui::Context) {
        self.refresh_highlights();
        let Some(doc) = &self.state.doc else { return };
        let derived = &mut self.derived;
        if derived.summary_generation != Some(doc.generation()) {
            self.state.summary = ClaimSummary::of(&doc.project);
            derived.summary_generation = Some(doc.generation());
        }
        let key = (doc.generation(), self.panels.filter.clone());
        if derived.shown_key.as_ref() != Some(&key) {
            self.state.shown_claims = self.panels.filter.apply(&doc.project);
            derived.shown_key = Some(key);
        }
        self.refresh_find();
        self.refresh_seals(ctx);
    }

    fn refresh_highlights(&mut self) {
        let Some(doc) = &self.state.doc else {
            return;
        };
        let key = (
            doc.generation(),
            Arc::as_ptr(&doc.project.article.text).cast::<u8>() as usize,
        );
        if self.derived.highlights_key == Some(key) {
            return;
        }
        self.derived.highlights_key = Some(key);
        let project = &doc.project;
        let items = project
            .claims
            .iter()
            .filter(|c| !c.orphan)
            .map(|c| Highlight {
                claim_id: c.id,
                chars: c.anchor.start..c.anchor.end,
                colour: crate::ui::theme::verdict_colour(&project.scale, c.verdict.as_deref()),
            })
            .collect();
        self.derived.highlights = Highlights::new(items);
    }
}
