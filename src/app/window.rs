//! The window's own input and output: keyboard shortcuts, dropped files, the close button and
//! the title.

use std::path::PathBuf;

use super::FactcheckApp;
use crate::state::{Action, Command, Document};

impl FactcheckApp {
    /// Shortcuts, dropped files and the window's close button become commands.
    pub(super) fn handle_window_input(&mut self, ctx: &egui::Context) {
        let text_focused = ctx.text_edit_focused();
        let mut actions: Vec<Action> = Action::ALL.to_vec();
        // More modifiers first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
        actions.sort_by_key(|a| {
            std::cmp::Reverse(a.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command)
            }))
        });
        // Shortcuts act on the window, not through a dialog or the file browser in front.
        if self.panels.modals.is_empty() && self.file_browser.is_none() {
            for action in actions {
                if text_focused && action.yields_to_text_field() {
                    continue;
                }
                if let Some(shortcut) = action.shortcut()
                    && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
                {
                    self.commands.push(Command::Action(action));
                }
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            // A file dropped while a source is shown in the Sources tab becomes its capture.
            let is_document = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron") || e.eq_ignore_ascii_case("fcpack"));
            match self.state.selected_source {
                Some(source_id)
                    if !is_document && self.state.right_tab == crate::state::RightTab::Sources =>
                {
                    self.commands.push(Command::Evidence(
                        crate::state::EvidenceAction::AttachPath { source_id, path },
                    ));
                }
                _ => self.commands.push(Command::open(path)),
            }
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && (self.doc().is_some_and(Document::is_dirty) || self.jobs.is_busy())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commands.push(Command::Quit {
                discard_confirmed: false,
            });
        }
    }

    /// Show the document's name, and whether it has unsaved changes, in the title bar.
    pub(super) fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = match self.doc() {
            Some(doc) => format!(
                "{}{} — Factcheck Workbench",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "Factcheck Workbench".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}
