//! The status bar: a background job in progress (spinner, what is happening, elapsed time,
//! Cancel), the last message (shown once, in plain words), counts, and who you are.

use egui::{RichText, Ui};

use crate::state::{Action, Command, JobProgress, Level, Workbench};

/// Draw the status bar.
pub fn status_bar_ui(ui: &mut Ui, state: &Workbench, commands: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        if let Some(job) = &state.job {
            job_ui(ui, job, commands);
        }
        if let Some(status) = &state.status {
            let text = RichText::new(&status.text);
            let text = match status.level {
                Level::Info => text,
                Level::Error => text.color(super::theme::error_colour(dark)),
            };
            ui.label(text);
            if ui.small_button("Dismiss").clicked() {
                commands.push(Command::DismissStatus);
            }
        } else if state.doc.is_none() && state.job.is_none() {
            ui.label(RichText::new("Open an article or a project to start").weak());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let name = state.actor();
            let who = if name.is_empty() {
                RichText::new("Reviewer name not set").color(super::theme::warning_colour(dark))
            } else {
                RichText::new(format!("Reviewer: {name}"))
            };
            if ui
                .link(who)
                .on_hover_text("Set your name in Preferences")
                .clicked()
            {
                commands.push(Command::Action(Action::Preferences));
            }
            let counts = state.status_counts();
            if !counts.is_empty() {
                ui.separator();
                let text: Vec<String> = counts
                    .iter()
                    .map(|(s, n)| format!("{}: {n}", s.label()))
                    .collect();
                ui.label(RichText::new(text.join(" · ")).small());
            }
        });
    });
}

/// The job in progress: spinner, what is happening, seconds elapsed and (if it can take
/// seconds and be stopped) Cancel.
fn job_ui(ui: &mut Ui, job: &JobProgress, commands: &mut Vec<Command>) {
    ui.add(egui::Spinner::new());
    let elapsed = (ui.input(|i| i.time) - job.started).max(0.0);
    ui.label(format!("{}… {elapsed:.0} s", job.label));
    if job.cancellable
        && ui
            .small_button("Cancel")
            .on_hover_text("Stop; the document stays as it is")
            .clicked()
    {
        commands.push(Command::CancelJob);
    }
    ui.separator();
}
