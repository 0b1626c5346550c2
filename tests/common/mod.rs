//! Helpers shared by the GUI tests: a harness around the real app with scripted dialogs.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use factcheck::app::{FactcheckApp, Prefs, ScriptedDialogs};

/// The seed article in `assets/`.
pub fn seed_article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/trump-putin-cyber-unit.txt")
}

/// The example project.
pub fn example_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/cyber-security-unit.ron")
}

/// The app with `reviewer` as the user's name, dialogs answering `answers` in turn.
pub fn app(reviewer: &str, answers: Vec<Option<PathBuf>>) -> FactcheckApp {
    let prefs = Prefs {
        reviewer_name: reviewer.to_owned(),
        ..Prefs::default()
    };
    let mut app = FactcheckApp::new(prefs, Box::new(ScriptedDialogs::answering(answers)));
    // Tests that open files in the repository must not leave recovery files there; the
    // recovery tests turn autosave on.
    app.set_autosave_interval(f64::INFINITY);
    // Signing keys and trusted keys of this test run, never the user's config folder.
    app.set_config_dir(
        std::env::temp_dir().join(format!("factcheck-test-config-{}", std::process::id())),
    );
    app
}

/// A 1280x800 harness driving the real app. File work (open, save, update, merge) runs in the
/// background as in the window; after each frame the harness waits for it to finish, so a
/// step that starts a job is followed by one that shows its result.
pub fn harness(app: FactcheckApp) -> Harness<'static, FactcheckApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut FactcheckApp| {
                app.ui(ui);
                app.wait_for_jobs(ui.ctx());
            },
            app,
        )
}

/// A 1280x800 harness that does not wait for background jobs: each step is one frame of the
/// window while the job runs. Generated big articles have scripts kittest's fonts lack.
pub fn harness_not_waiting(app: FactcheckApp) -> Harness<'static, FactcheckApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FactcheckApp| app.ui(ui), app)
}

/// Char range of `quote` in the open article.
pub fn char_range_of(app: &FactcheckApp, quote: &str) -> std::ops::Range<usize> {
    let doc = app.doc().expect("a document is open");
    let text = &doc.project.article.text;
    let byte = text.find(quote).expect("quote in article");
    let start = text[..byte].chars().count();
    start..start + quote.chars().count()
}

/// Let dialogs answer with `answers` from now on.
pub fn answer_dialogs(harness: &mut Harness<'static, FactcheckApp>, answers: Vec<Option<PathBuf>>) {
    harness
        .state_mut()
        .set_dialogs(Box::new(ScriptedDialogs::answering(answers)));
}

/// The tweet marked in the seed article.
pub const TWEET: &str = "Putin & I discussed forming an impenetrable Cyber Security unit so that election hacking, & many other negative things, will be guarded… and safe";

/// Scroll the widget labelled `label` into view, then click it (a real user scrolls too;
/// kittest clicks on widgets outside the view do nothing).
pub fn click(h: &mut Harness<'static, FactcheckApp>, label: &str) {
    use kittest::Queryable as _;
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Scroll to the text field labelled `label`, focus it and type `text`.
pub fn type_into(h: &mut Harness<'static, FactcheckApp>, label: &str, text: &str) {
    use kittest::Queryable as _;
    click(h, label);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Click the button (or menu/combo option) labelled `label`, ignoring plain labels with the
/// same text.
pub fn click_button(h: &mut Harness<'static, FactcheckApp>, label: &str) {
    use kittest::Queryable as _;
    let role = egui::accesskit::Role::Button;
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    h.run();
}

/// The claim list row text of a quote.
pub fn claim_row_label(quote: &str) -> String {
    format!("“{}”", factcheck::model::snippet(quote, 60))
}

/// Open a menu (or submenu) by its label.
pub fn open_menu(h: &mut Harness<'static, FactcheckApp>, label: &str) {
    use kittest::Queryable as _;
    h.get_by_label(label).click_accesskit();
    h.run();
}

/// Click a menu item (its label includes the shortcut text, if any).
pub fn click_menu_item(h: &mut Harness<'static, FactcheckApp>, label: &str) {
    use kittest::Queryable as _;
    h.get_by_label(label).click_accesskit();
    h.run();
}
