//! Small reusable widgets: labelled fields that report changes, draft fields for values that
//! are parsed (dates, tags), verdict badges.

use chrono::NaiveDate;
use egui::{Response, RichText, Ui};

use super::theme;
use crate::model::RatingScale;

/// A label above a text field, the field labelled for screen readers. Returns the new text
/// when the user changed it this frame.
pub fn text_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    multiline: bool,
    id_salt: impl egui::AsIdSalt,
) -> Option<String> {
    focusable_text_field(ui, label, value, multiline, id_salt, false)
}

/// [`text_field`] that takes the keyboard focus when `focus` is set.
pub fn focusable_text_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    multiline: bool,
    id_salt: impl egui::AsIdSalt,
    focus: bool,
) -> Option<String> {
    let label = ui.label(RichText::new(label).small().strong());
    let mut text = value.to_owned();
    let edit = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(3)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(edit.id_salt(id_salt).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if focus {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    (response.changed() && text != value).then_some(text)
}

/// A text field whose value is parsed: what the user types is kept as a draft while the field
/// has focus (so half-typed dates are not thrown away); a parse error is shown under it.
/// Returns the parsed value when it changed.
pub fn parsed_field<T: PartialEq>(
    ui: &mut Ui,
    label: &str,
    model_text: &str,
    id_salt: impl egui::AsIdSalt,
    hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let label = ui.label(RichText::new(label).small().strong());
    let id = ui.make_persistent_id(id_salt);
    let draft_id = id.with("draft");
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(draft_id))
        .unwrap_or_else(|| model_text.to_owned());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let parsed = parse(&text);
    let mut result = None;
    if response.changed() && text != model_text {
        result = parse(&text).ok();
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(draft_id));
    }
    if let Err(message) = parsed {
        ui.label(
            RichText::new(message)
                .small()
                .color(theme::error_colour(ui.visuals().dark_mode)),
        );
    }
    result
}

/// Parse an optional ISO date (`2017-07-09`); empty means none.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "Use the form YYYY-MM-DD, e.g. 2017-07-09".to_owned())
}

/// Format an optional date for a field.
#[must_use]
pub fn format_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Parse comma-separated tags.
pub fn parse_tags(text: &str) -> Result<Vec<String>, String> {
    Ok(text
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect())
}

/// A verdict badge: the label text on its colour (text, not only colour, says the verdict).
pub fn verdict_badge(ui: &mut Ui, scale: &RatingScale, verdict: Option<&str>) -> Response {
    let (fill, text_colour) = theme::verdict_colours(scale, verdict);
    let text = match verdict {
        Some(v) => scale
            .label(v)
            .map_or_else(|| format!("{v} (not on scale)"), |l| l.text.clone()),
        None if scale.is_conclusion_only() => "Conclusion".to_owned(),
        None => "Unrated".to_owned(),
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().strong().color(text_colour))
        })
        .inner
}

/// A small coloured status chip.
pub fn status_chip(ui: &mut Ui, status: crate::model::ClaimStatus) -> Response {
    let colour = theme::status_colour(status, ui.visuals().dark_mode);
    ui.label(RichText::new(status.label()).small().color(colour))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_tags_parse() {
        assert_eq!(
            parse_date(" 2017-07-09 "),
            Ok(NaiveDate::from_ymd_opt(2017, 7, 9))
        );
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("9 July").is_err());
        assert_eq!(
            parse_tags("a, b ,,c"),
            Ok(vec!["a".into(), "b".into(), "c".into()])
        );
    }
}
