//! The project tab: article metadata, the rating scale, and publishing settings.

use egui::{RichText, Ui};

use super::widgets::{format_date, parse_date, parsed_field, text_field};
use crate::model::{ArticleMeta, Edit, Publishing, RatingLabel, RatingScale, Rgb, ScalePreset};
use crate::state::{CoalesceKey, Command, Document};

fn typed(edit: Edit, field: &str) -> Command {
    Command::Edit {
        edit,
        coalesce: Some(CoalesceKey::Field(field.to_owned())),
    }
}

/// Draw the project tab.
pub fn project_tab_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("project tab")
        .show(ui, |ui| {
            ui.heading("Article");
            article_meta_ui(ui, &doc.project.article.meta, commands);
            ui.separator();
            ui.heading("Rating scale");
            scale_ui(ui, &doc.project.scale, commands);
            ui.separator();
            ui.heading("Publishing");
            publishing_ui(ui, &doc.project.publishing, commands);
        });
}

fn article_meta_ui(ui: &mut Ui, meta: &ArticleMeta, commands: &mut Vec<Command>) {
    let mut updated = meta.clone();
    let mut field = None;
    if let Some(v) = text_field(ui, "Title", &meta.title, false, "meta title") {
        updated.title = v;
        field = Some("meta title");
    }
    if let Some(v) = text_field(ui, "Outlet", &meta.outlet, false, "meta outlet") {
        updated.outlet = v;
        field = Some("meta outlet");
    }
    if let Some(v) = text_field(ui, "Author", &meta.author, false, "meta author") {
        updated.author = v;
        field = Some("meta author");
    }
    if let Some(v) = text_field(ui, "Article URL", &meta.url, false, "meta url") {
        updated.url = v;
        field = Some("meta url");
    }
    super::sources::link_ui(ui, &meta.url);
    ui.columns(2, |cols| {
        if let Some(v) = parsed_field(
            &mut cols[0],
            "Published",
            &format_date(meta.published),
            "meta published",
            "YYYY-MM-DD",
            parse_date,
        ) {
            updated.published = v;
            field = Some("meta published");
        }
        if let Some(v) = text_field(
            &mut cols[1],
            "Language",
            &meta.language,
            false,
            "meta language",
        ) {
            updated.language = v;
            field = Some("meta language");
        }
    });
    if let Some(field) = field {
        commands.push(typed(Edit::SetArticleMeta(updated), field));
    }
}

fn scale_ui(ui: &mut Ui, scale: &RatingScale, commands: &mut Vec<Command>) {
    let mut preset_choice = None;
    egui::ComboBox::new("scale preset", "Preset")
        .selected_text(&scale.name)
        .show_ui(ui, |ui| {
            for preset in ScalePreset::ALL {
                if ui
                    .selectable_label(scale.preset == Some(preset), preset.name())
                    .clicked()
                {
                    preset_choice = Some(preset);
                }
            }
        });
    if let Some(preset) = preset_choice
        && Some(preset) != scale.preset
    {
        commands.push(Command::ApplyPreset(preset));
    }
    if scale.is_conclusion_only() {
        ui.label(
            RichText::new("No labels: each claim's conclusion is its verdict (Full Fact style).")
                .weak(),
        );
    }
    let mut updated = scale.clone();
    let mut field = None;
    let mut remove = None;
    for (n, label) in updated.labels.iter_mut().enumerate() {
        egui::CollapsingHeader::new(
            RichText::new(&label.text).color(super::theme::colour(label.colour)),
        )
        .id_salt(("scale label", n))
        .show(ui, |ui| {
            if let Some(v) = text_field(ui, "Label", &label.text, false, ("label text", n)) {
                label.text = v;
                field = Some(format!("label {n} text"));
            }
            if let Some(v) = text_field(ui, "Definition", &label.definition, true, ("label def", n))
            {
                label.definition = v;
                field = Some(format!("label {n} definition"));
            }
            ui.horizontal(|ui| {
                let mut numeric = label.value.is_some();
                let mut value = label.value.unwrap_or(0);
                if ui.checkbox(&mut numeric, "Rating value").changed() {
                    label.value = numeric.then_some(value);
                    field = Some(format!("label {n} value"));
                }
                if numeric
                    && ui
                        .add(egui::DragValue::new(&mut value).range(-100..=100))
                        .changed()
                {
                    label.value = Some(value);
                    field = Some(format!("label {n} value"));
                }
                let mut rgb = [label.colour.0, label.colour.1, label.colour.2];
                if ui.color_edit_button_srgb(&mut rgb).changed() {
                    label.colour = Rgb(rgb[0], rgb[1], rgb[2]);
                    field = Some(format!("label {n} colour"));
                }
                if ui.small_button("Remove label").clicked() {
                    remove = Some(n);
                }
            });
        });
    }
    if let Some(n) = remove {
        updated.labels.remove(n);
        updated.preset = None;
        commands.push(Command::edit(Edit::SetScale(updated)));
    } else if let Some(field) = field {
        updated.preset = None;
        updated.name = if scale.preset.is_some() {
            format!("{} (edited)", scale.name)
        } else {
            scale.name.clone()
        };
        commands.push(typed(Edit::SetScale(updated), &field));
    }
    if ui.button("Add label").clicked() {
        let mut updated = scale.clone();
        let n = updated.labels.len() + 1;
        updated.labels.push(RatingLabel {
            id: format!("label-{n}"),
            text: format!("Label {n}"),
            colour: Rgb(0x60, 0x7d, 0x8b),
            ..RatingLabel::default()
        });
        updated.preset = None;
        commands.push(Command::edit(Edit::SetScale(updated)));
    }
}

fn publishing_ui(ui: &mut Ui, publishing: &Publishing, commands: &mut Vec<Command>) {
    let mut updated = publishing.clone();
    let mut field = None;
    if let Some(v) = text_field(
        ui,
        "Organisation",
        &publishing.organisation,
        false,
        "pub org",
    ) {
        updated.organisation = v;
        field = Some("pub org");
    }
    if let Some(v) = text_field(
        ui,
        "Organisation URL",
        &publishing.organisation_url,
        false,
        "pub org url",
    ) {
        updated.organisation_url = v;
        field = Some("pub org url");
    }
    if let Some(v) = text_field(
        ui,
        "Report URL",
        &publishing.report_url,
        false,
        "pub report url",
    ) {
        updated.report_url = v;
        field = Some("pub report url");
    }
    ui.label(RichText::new("Used by the HTML report and ClaimReview exports; claims get #claim-… anchors on the report URL.").small().weak());
    if let Some(field) = field {
        commands.push(typed(Edit::SetPublishing(updated), field));
    }
}
