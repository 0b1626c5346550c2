//! The article view's accessibility: with AccessKit on, only the visible blocks are exposed,
//! as paragraphs of text runs under the view's document node, so the cost follows the screen.

use egui::emath::TSTransform;
use egui::{Id, Rect, Role, Ui, UiBuilder};

use super::ArticleView;

impl ArticleView {
    /// Expose the blocks shown this frame to screen readers (nothing when AccessKit is off).
    pub(super) fn expose_visible_text(&self, ui: &mut Ui, id: Id) {
        let ctx = ui.ctx().clone();
        if ctx.accesskit_node_builder(id, |_| ()).is_some() {
            for shown in &self.shown {
                let rect = Rect::from_min_size(shown.origin, shown.galley.size());
                let child = ui.new_child(
                    UiBuilder::new()
                        .id_salt(("article_block", shown.block))
                        .max_rect(rect)
                        .accessibility_parent(id)
                        .accessibility_role(Role::Paragraph),
                );
                egui::text_selection::accesskit_text::update_accesskit_for_text_widget(
                    &ctx,
                    child.unique_id(),
                    None,
                    TSTransform::from_translation(shown.origin.to_vec2()),
                    &shown.galley,
                );
            }
        }
    }
}
