//! The reviewer's queue and seals: a panel that draws from the state it is given and returns
//! what the reviewer asked for ([`ReviewRequest`]), and the seal line for the inspector and
//! the claim list.
//!
//! The review commands ([`ReviewCommand`], in `state`) are `Action::Review` in the app's
//! action list (menus, palette, shortcuts window, keyboard); the app opens the panel's forms
//! through [`ReviewPanelState::command`].

use egui::{Color32, Key, RichText, Ui};

use crate::model::review::{ReviewAction, ReviewRequest, review_queue};
use crate::model::{Claim, ClaimStatus, Project, snippet};
use crate::signing::SealStatus;
pub use crate::state::{ReviewCommand, ReviewForm, ReviewPanelState};

/// What the panel shows.
pub struct ReviewView<'a> {
    /// The project.
    pub project: &'a Project,
    /// The claim under review.
    pub claim: Option<&'a Claim>,
    /// Its seal.
    pub seal: &'a SealStatus,
    /// The outcome of the last request, and whether it was a refusal.
    pub message: Option<(&'a str, bool)>,
}

/// Short text and colour of a seal, for the claim list and the inspector.
#[must_use]
pub fn seal_marker(seal: &SealStatus, dark_mode: bool) -> (String, Color32) {
    let pick = |light: Color32, dark: Color32| if dark_mode { dark } else { light };
    match seal {
        SealStatus::NotReviewed => (String::new(), Color32::GRAY),
        SealStatus::Unsigned { .. } => ("Unsigned sign-off".to_owned(), Color32::GRAY),
        SealStatus::Valid {
            by,
            fingerprint,
            trusted,
        } => (
            format!(
                "Signed by {by} · key {fingerprint}{}",
                if *trusted {
                    " (trusted)"
                } else {
                    " (not trusted yet)"
                }
            ),
            if *trusted {
                pick(
                    Color32::from_rgb(0x2e, 0x7d, 0x32),
                    Color32::from_rgb(0xa5, 0xd6, 0xa7),
                )
            } else {
                pick(
                    Color32::from_rgb(0x8d, 0x5a, 0x00),
                    Color32::from_rgb(0xff, 0xcc, 0x80),
                )
            },
        ),
        SealStatus::Broken { changed, .. } => (
            format!("Broken: changed after sign-off: {}", changed.join(", ")),
            pick(
                Color32::from_rgb(0xc6, 0x28, 0x28),
                Color32::from_rgb(0xef, 0x9a, 0x9a),
            ),
        ),
        SealStatus::UnknownKey { by, fingerprint } => (
            format!("Unknown key: signed as {by} with key {fingerprint}"),
            pick(
                Color32::from_rgb(0x8d, 0x5a, 0x00),
                Color32::from_rgb(0xff, 0xcc, 0x80),
            ),
        ),
    }
}

/// A short seal chip for a claim list row ("signed", "seal broken", "unknown key",
/// "unsigned"), with the full seal as its tooltip.
pub fn seal_chip(ui: &mut Ui, seal: &SealStatus) {
    let dark = ui.visuals().dark_mode;
    let (full, colour) = seal_marker(seal, dark);
    let short = match seal {
        SealStatus::NotReviewed => return,
        SealStatus::Unsigned { .. } => "unsigned",
        SealStatus::Valid { trusted: true, .. } => "signed",
        SealStatus::Valid { trusted: false, .. } => "signed (untrusted key)",
        SealStatus::Broken { .. } => "seal broken",
        SealStatus::UnknownKey { .. } => "unknown key",
    };
    ui.label(RichText::new(short).small().color(colour))
        .on_hover_text(full);
}

/// The Review tab: the queue panel for the selected claim; requests become commands.
pub fn review_tab_ui(
    ui: &mut Ui,
    doc: &crate::state::Document,
    state: &crate::state::Workbench,
    panel: &mut ReviewPanelState,
    commands: &mut Vec<crate::state::Command>,
) {
    let claim = state.selected_claim.and_then(|id| doc.project.claim(id));
    let not_reviewed = SealStatus::NotReviewed;
    let seal = claim
        .and_then(|c| state.seals.get(&c.id))
        .unwrap_or(&not_reviewed);
    let view = ReviewView {
        project: &doc.project,
        claim,
        seal,
        message: state
            .review_message
            .as_ref()
            .map(|(m, refused)| (m.as_str(), *refused)),
    };
    if let Some(request) = review_panel(ui, &view, panel) {
        commands.push(crate::state::Command::Review(request));
    }
}

/// The seal line with "Trust this key" for a known-but-untrusted or unknown key.
pub fn seal_ui(ui: &mut Ui, claim: &Claim, seal: &SealStatus) -> Option<ReviewRequest> {
    let (text, colour) = seal_marker(seal, ui.visuals().dark_mode);
    if text.is_empty() {
        return None;
    }
    let mut request = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).color(colour));
        let untrusted = matches!(
            seal,
            SealStatus::UnknownKey { .. } | SealStatus::Valid { trusted: false, .. }
        );
        if untrusted
            && let Some(s) = &claim.seal
            && ui
                .button("Trust this key")
                .on_hover_text("Only after checking the fingerprint with its owner")
                .clicked()
        {
            request = Some(ReviewRequest::TrustKey {
                name: s.by.clone(),
                key: s.key.clone(),
            });
        }
    });
    request
}

/// The review queue: where the reviewer is, the claim, its seal, the decisions and their
/// forms. Returns what the reviewer asked for.
pub fn review_panel(
    ui: &mut Ui,
    view: &ReviewView<'_>,
    state: &mut ReviewPanelState,
) -> Option<ReviewRequest> {
    let mut request = None;
    let queue = review_queue(view.project);
    ui.heading("Review");
    let position = view
        .claim
        .and_then(|c| queue.iter().position(|id| *id == c.id));
    ui.label(match (position, queue.len()) {
        (_, 0) => "No claim is waiting for review.".to_owned(),
        (Some(i), n) => format!("Claim {} of {n} waiting for review", i + 1),
        (None, n) => format!("{n} claims waiting for review"),
    });
    ui.horizontal(|ui| {
        for command in [ReviewCommand::PreviousToReview, ReviewCommand::NextToReview] {
            if command_button(ui, command) {
                request = state.command(command);
            }
        }
    });
    if let Some(claim) = view.claim {
        ui.separator();
        ui.label(RichText::new(snippet(claim.statement_or_quote(), 200)).strong());
        let verdict = claim
            .verdict
            .as_deref()
            .map_or("unrated", |v| view.project.verdict_text(v));
        ui.label(format!(
            "{} · verdict {verdict}{}",
            claim.status.label(),
            claim
                .verdict_by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default()
        ));
        if let Some(trust) = seal_ui(ui, claim, view.seal) {
            request = Some(trust);
        }
        ui.horizontal_wrapped(|ui| {
            let published = claim.status.is_published();
            let commands: &[ReviewCommand] = if published && claim.status == ClaimStatus::Reviewed {
                &[ReviewCommand::Reopen, ReviewCommand::CorrectVerdict]
            } else {
                &[
                    ReviewCommand::SignOff,
                    ReviewCommand::SendBack,
                    ReviewCommand::Reopen,
                ]
            };
            for &command in commands {
                if command_button(ui, command) {
                    request = state.command(command).or(request.take());
                }
            }
        });
    }
    if let Some(form) = state.form
        && let Some(submitted) = form_ui(ui, form, state)
    {
        request = Some(submitted);
    }
    if let Some((message, refused)) = view.message {
        let colour = if refused {
            super::theme::error_colour(ui.visuals().dark_mode)
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(message).color(colour));
    }
    request
}

fn command_button(ui: &mut Ui, command: ReviewCommand) -> bool {
    let shortcut = ui.ctx().format_shortcut(&command.shortcut());
    ui.button(command.label())
        .on_hover_text(format!("{} ({shortcut})", command.description()))
        .clicked()
}

/// The open form; Enter in the last field submits, Escape closes it.
fn form_ui(ui: &mut Ui, form: ReviewForm, state: &mut ReviewPanelState) -> Option<ReviewRequest> {
    ui.separator();
    let (title, what) = match form {
        ReviewForm::SendBack => ("Send back with comment", "Comment"),
        ReviewForm::Reopen => ("Reopen with reason", "Reason"),
        ReviewForm::Correct => ("Correct verdict", "Reason"),
    };
    ui.label(RichText::new(title).strong());
    let focus = std::mem::take(&mut state.focus);
    if form == ReviewForm::Correct {
        ui.label("New verdict");
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.verdict)
                .hint_text("e.g. Mostly False")
                .desired_width(f32::INFINITY),
        );
        if focus {
            response.request_focus();
        }
    }
    ui.label(what);
    let response = ui.add(
        egui::TextEdit::singleline(&mut state.text)
            .hint_text(what)
            .desired_width(f32::INFINITY),
    );
    if focus && form != ReviewForm::Correct {
        response.request_focus();
    }
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    let mut submit = enter;
    ui.horizontal(|ui| {
        submit |= ui.button(title).clicked();
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            state.form = None;
        }
    });
    if !submit || state.form.is_none() {
        return None;
    }
    let text = std::mem::take(&mut state.text);
    let action = match form {
        ReviewForm::SendBack => ReviewAction::SendBack(text),
        ReviewForm::Reopen => ReviewAction::Reopen(text),
        ReviewForm::Correct => ReviewAction::Correct {
            label: std::mem::take(&mut state.verdict),
            reason: text,
        },
    };
    state.form = None;
    Some(ReviewRequest::Act(action))
}
