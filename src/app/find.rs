//! Find in the article: matches are recomputed when the query, the options or the text
//! change; stepping, marking a match and leaving the find bar.

use std::sync::Arc;

use super::FactcheckApp;

/// What the current matches were computed for: the text (by pointer), query and case option.
pub(super) type FindKey = (usize, String, bool);

impl FactcheckApp {
    /// Recompute the find matches when the query, the options or the text changed.
    pub(super) fn refresh_find(&mut self) {
        let Some(doc) = &self.state.doc else { return };
        let find = &mut self.panels.find;
        let text = &doc.project.article.text;
        let key = (
            Arc::as_ptr(text).cast::<u8>() as usize,
            find.query.clone(),
            find.match_case,
        );
        if self.derived.find_key.as_ref() == Some(&key) {
            return;
        }
        let search = &mut self.derived.find_search;
        if !search.as_ref().is_some_and(|(of, _)| Arc::ptr_eq(of, text)) {
            *search = Some((Arc::clone(text), crate::model::RepeatedSearch::default()));
        }
        find.matches = search.as_mut().map_or_else(Vec::new, |(_, search)| {
            search.find_all(text, &find.query, find.match_case)
        });
        find.current = (!find.matches.is_empty()).then_some(0);
        if let Some(first) = find.matches.first() {
            self.article_view.scroll_to_char(first.start);
        }
        self.derived.find_key = Some(key);
    }

    /// Go to the next (or previous) match.
    pub(super) fn step_find(&mut self, forward: bool) {
        if let Some(range) = self.panels.find.step(forward) {
            self.article_view.scroll_to_char(range.start);
        }
    }

    /// Select the current find match in the article and mark it as a claim.
    pub(super) fn mark_find_match(&mut self) {
        if let Some(range) = self.panels.find.current_match() {
            self.article_view.set_selection(Some(range));
            self.mark_selection();
        }
    }

    /// Close the find bar; with `select_match`, leave the current match selected in the
    /// article with the keyboard focus there (Shift+arrows adjust it, Ctrl+M marks it).
    pub(super) fn close_find(&mut self, ctx: &egui::Context, select_match: bool) {
        self.panels.find.open = false;
        if select_match && let Some(range) = self.panels.find.current_match() {
            self.article_view.set_selection(Some(range));
            self.article_view.request_focus(ctx);
        }
    }
}
