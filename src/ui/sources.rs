//! The source library tab, and the source editor shared with the claim inspector.

use egui::{RichText, Ui};

use super::widgets::{format_date, parse_date, parsed_field, text_field};
use crate::model::{Edit, Source, SourceId, SourceKind, is_safe_link, snippet};
use crate::state::{CoalesceKey, Command, Document};

/// Edit every field of a source; changes become `UpdateSource` commands.
pub fn source_editor_ui(ui: &mut Ui, source: &Source, commands: &mut Vec<Command>) {
    let id = source.id;
    let mut changed: Option<(Source, &'static str)> = None;
    let mut set = |field: &'static str, apply: &dyn Fn(&mut Source)| {
        let mut updated = changed.take().map_or_else(|| source.clone(), |(s, _)| s);
        apply(&mut updated);
        changed = Some((updated, field));
    };
    if let Some(v) = text_field(ui, "Title", &source.title, false, (id, "title")) {
        set("title", &|s| s.title.clone_from(&v));
    }
    if let Some(v) = text_field(ui, "URL", &source.url, false, (id, "url")) {
        set("url", &|s| s.url.clone_from(&v));
    }
    link_ui(ui, &source.url);
    if let Some(v) = text_field(
        ui,
        "Publisher or outlet",
        &source.publisher,
        false,
        (id, "publisher"),
    ) {
        set("publisher", &|s| s.publisher.clone_from(&v));
    }
    if let Some(v) = text_field(ui, "Author", &source.author, false, (id, "author")) {
        set("author", &|s| s.author.clone_from(&v));
    }
    ui.columns(2, |cols| {
        if let Some(v) = parsed_field(
            &mut cols[0],
            "Published",
            &format_date(source.published),
            (id, "published"),
            "YYYY-MM-DD",
            parse_date,
        ) {
            set("published", &|s| s.published = v);
        }
        if let Some(v) = parsed_field(
            &mut cols[1],
            "Accessed",
            &format_date(source.accessed),
            (id, "accessed"),
            "YYYY-MM-DD",
            parse_date,
        ) {
            set("accessed", &|s| s.accessed = v);
        }
    });
    if let Some(v) = text_field(
        ui,
        "Archive URL",
        &source.archive_url,
        false,
        (id, "archive"),
    ) {
        set("archive", &|s| s.archive_url.clone_from(&v));
    }
    link_ui(ui, &source.archive_url);
    ui.horizontal(|ui| {
        let mut kind = source.kind;
        egui::ComboBox::new((id, "kind"), "Kind")
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                for k in SourceKind::ALL {
                    ui.selectable_value(&mut kind, k, k.label());
                }
            });
        if kind != source.kind {
            set("kind", &|s| s.kind = kind);
        }
        let mut confidential = source.confidential;
        if ui
            .checkbox(&mut confidential, "Confidential")
            .on_hover_text("Withheld from every export; reports say a source was withheld")
            .changed()
        {
            set("confidential", &|s| s.confidential = confidential);
        }
    });
    if let Some(v) = text_field(ui, "Notes", &source.notes, true, (id, "notes")) {
        set("notes", &|s| s.notes.clone_from(&v));
    }
    if let Some((updated, field)) = changed {
        commands.push(Command::Edit {
            edit: Edit::UpdateSource(Box::new(updated)),
            coalesce: Some(CoalesceKey::Field(format!("source {id} {field}"))),
        });
    }
}

/// An "Open link" button for http(s) URLs; other schemes are shown, never opened.
pub fn link_ui(ui: &mut Ui, url: &str) {
    let url = url.trim();
    if url.is_empty() {
        return;
    }
    if is_safe_link(url) {
        ui.hyperlink_to(RichText::new("Open link").small(), url);
    } else {
        ui.label(
            RichText::new("Not opened: only http and https links are opened")
                .small()
                .color(super::theme::warning_colour(ui.visuals().dark_mode)),
        );
    }
}

/// The source library: list, editor for the selected source, new and delete.
pub fn sources_tab_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<SourceId>,
    commands: &mut Vec<Command>,
) {
    let project = &doc.project;
    ui.horizontal(|ui| {
        ui.heading("Sources");
        if ui.button("New source").clicked() {
            commands.push(Command::NewSource);
        }
    });
    if project.sources.is_empty() {
        ui.label(RichText::new("No sources yet. Add one here or from a claim's evidence.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("source list")
        .max_height(180.0)
        .show(ui, |ui| {
            for source in &project.sources {
                let cited = project.claims_citing(source.id).count();
                let text = format!(
                    "{}{} · cited by {cited}",
                    if source.confidential {
                        "(confidential) "
                    } else {
                        ""
                    },
                    snippet(source.display_title(), 50)
                );
                if ui
                    .selectable_label(selected == Some(source.id), text)
                    .clicked()
                {
                    commands.push(Command::SelectSource(Some(source.id)));
                }
            }
        });
    ui.separator();
    let Some(source) = selected.and_then(|id| project.source(id)) else {
        ui.label(RichText::new("Select a source to edit it.").weak());
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("source editor")
        .show(ui, |ui| {
            source_editor_ui(ui, source, commands);
            ui.add_space(8.0);
            let citing: Vec<_> = project.claims_citing(source.id).collect();
            if !citing.is_empty() {
                ui.label(RichText::new("Cited by").small().strong());
                for claim in citing {
                    if ui
                        .link(format!("“{}”", snippet(&claim.anchor.quote, 50)))
                        .clicked()
                    {
                        commands.push(Command::JumpToClaim(claim.id));
                    }
                }
            }
            ui.add_space(8.0);
            if ui.button("Delete source…").clicked() {
                commands.push(Command::DeleteSource {
                    source_id: source.id,
                    confirmed: false,
                });
            }
        });
}
