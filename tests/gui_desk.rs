//! Working all day at the desk: palette, find, filters, shortcuts window, preferences that
//! survive a restart, keyboard jumps to inspector fields.

mod common;

use std::collections::HashMap;

use common::{app, click, click_button, example_project, harness, type_into};
use eframe::App as _;
use egui::{Key, Modifiers};
use factcheck::app::{Command, Modal, Prefs, ThemeChoice, load_prefs};
use kittest::Queryable as _;

fn open_example(reviewer: &str) -> egui_kittest::Harness<'static, factcheck::app::FactcheckApp> {
    let mut h = harness(app(reviewer, vec![]));
    h.state_mut().push(Command::open(example_project()));
    h.run();
    h
}

#[test]
fn command_palette_finds_and_runs_a_command() {
    let mut h = open_example("Ana");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Palette { .. })));
    // Every command is listed, with its shortcut.
    h.get_by_label("Keyboard shortcuts F1");
    h.get_by_label("Type to search commands")
        .type_text("shortcuts");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::Shortcuts)),
        "{:?}",
        h.state().modal()
    );
    // The shortcuts window lists the shortcuts.
    h.get_by_label("Ctrl+Shift+P");
    h.get_by_label("Ctrl+M");
}

#[test]
fn find_counts_matches_steps_through_them_and_marks_one() {
    let mut h = open_example("Ana");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("putin");
    h.run();
    let matches = h.state().find().matches.len();
    assert!(
        matches >= 10,
        "case-insensitive: Putin and putin ({matches})"
    );
    h.get_by_label(&format!("1 of {matches}"));
    click(&mut h, "Next");
    h.get_by_label(&format!("2 of {matches}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    h.get_by_label(&format!("1 of {matches}"));
    h.get_by_label("Match case").click();
    h.run();
    h.get_by_label("No matches");

    h.get_by_label("Find").focus();
    h.run();
    h.get_by_label("Find").type_text(" ");
    h.run();
    let before = h.state().doc().map_or(0, |d| d.project.claims.len());
    h.state_mut().find_mut().query = "Steve Hall".into();
    h.state_mut().find_mut().match_case = true;
    h.run();
    click(&mut h, "Mark match as claim");
    let doc = h.state().doc().expect("doc");
    assert_eq!(doc.project.claims.len(), before + 1);
    let claim = doc
        .project
        .claim(h.state().selected_claim().expect("new claim selected"))
        .expect("claim");
    assert_eq!(claim.anchor.quote, "Steve Hall");
}

#[test]
fn claim_list_filters_and_sorts() {
    let mut h = open_example("Ana");
    type_into(&mut h, "Filter claims", "hacked");
    h.get_by_label("1 of 4");
    assert_eq!(h.state().shown_claims().len(), 1);
    h.state_mut().filter_mut().text.clear();
    h.run();
    click(&mut h, "Filter and sort");
    click(&mut h, "Status filter");
    click_button(&mut h, "Reviewed");
    h.get_by_label("2 of 4");
    h.state_mut().filter_mut().status = None;
    click(&mut h, "Sort by");
    click_button(&mut h, "Verdict");
    let doc = h.state().doc().expect("doc");
    let last = *h.state().shown_claims().last().expect("claims shown");
    assert_eq!(
        doc.project.claims[last].verdict, None,
        "unrated last when sorted by verdict"
    );
}

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn preferences_survive_a_restart_and_never_enter_the_project() {
    let mut h = open_example("Ana");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Your name (stamped on verdicts, reviews and comments)")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Your name (stamped on verdicts, reviews and comments)")
        .type_text("Ben Editor");
    h.run();
    click(&mut h, "Dark");
    h.state_mut().prefs_mut().font_size = 21.0;
    click(&mut h, "Close");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();

    let mut storage = MemoryStorage::default();
    h.state_mut().save(&mut storage);
    let restored = load_prefs(Some(&storage));
    assert_eq!(restored.theme, ThemeChoice::Dark);
    assert_eq!(restored.font_size, 22.0);
    assert!(
        restored.reviewer_name.ends_with("Ben Editor"),
        "{}",
        restored.reviewer_name
    );
    assert_eq!(restored.recent_files.first(), Some(&example_project()));
    assert_eq!(load_prefs(None), Prefs::default());

    // A restarted app uses them.
    let mut h2 = harness(factcheck::app::FactcheckApp::new(
        restored,
        Box::new(factcheck::app::ScriptedDialogs::default()),
    ));
    h2.run();
    assert!(h2.ctx.global_style().visuals.dark_mode);
    // Recent files are offered on the welcome screen.
    h2.get_by_label(&example_project().display().to_string());
    let saved = std::fs::read_to_string(example_project()).expect("read");
    assert!(!saved.contains("reviewer_name") && !saved.contains("font_size"));
}

#[test]
fn keyboard_jumps_to_inspector_fields() {
    let mut h = open_example("Ana");
    // A claim that is not signed off (a signed-off claim's fields are locked).
    let draft = h
        .state()
        .doc()
        .expect("doc")
        .project
        .claims
        .iter()
        .find(|c| !c.status.is_published())
        .expect("a draft claim")
        .id;
    h.state_mut().push(Command::JumpToClaim(draft));
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::C);
    h.run();
    assert!(h.get_by_label("Claimant").is_focused());
    h.key_press_modifiers(Modifiers::ALT, Key::N);
    h.run();
    assert!(h.get_by_label("Conclusion").is_focused());
    // Alt+Down selects the next claim.
    let first = h.state().selected_claim();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_ne!(h.state().selected_claim(), first);
}

#[test]
fn keyboard_only_mark_rate_and_save() {
    use common::{TWEET, answer_dialogs, seed_article};
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("keyboard.ron");
    let mut h = harness(app("Ana", vec![Some(seed_article())]));
    h.run();
    // Open the article: Ctrl+Shift+O.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    assert!(h.state().doc().is_some());
    // Find the start of the tweet, leave the find bar with Esc: the match is selected and
    // the article has the keyboard.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("Putin & I discussed");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let found = h
        .state()
        .article_view()
        .selection()
        .expect("match selected");
    // Extend the selection to the end of the tweet with Shift+Right.
    let extra = TWEET.chars().count() - (found.end - found.start);
    for _ in 0..extra {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    let selection = h.state().article_view().selection().expect("selection");
    let text = h.state().doc().expect("doc").project.article.text.clone();
    let index = factcheck::model::TextIndex::new(&text);
    assert_eq!(index.slice(&text, selection.clone()), TWEET);
    // Mark it (Ctrl+M) and rate it with a number key: 3 is the third label (Half True).
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run();
    h.key_press(Key::Num3);
    h.run();
    let claim_id = h.state().selected_claim().expect("claim selected");
    let claim = h
        .state()
        .doc()
        .expect("doc")
        .project
        .claim(claim_id)
        .cloned()
        .expect("claim");
    assert_eq!(claim.anchor.quote, TWEET);
    assert_eq!(claim.verdict.as_deref(), Some("half-true"));
    // Save: Ctrl+S asks where (scripted dialog).
    answer_dialogs(&mut h, vec![Some(saved.clone())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let reopened = factcheck::io::load_project(&saved)
        .expect("saved project loads")
        .project;
    assert_eq!(
        reopened
            .claim(claim_id)
            .and_then(|c| c.verdict.clone())
            .as_deref(),
        Some("half-true")
    );
}

/// Cancelling the file dialog, however quickly, just cancels; only when no dialog can appear
/// at all does the app ask inside its own window.
#[test]
fn a_quick_cancel_is_a_cancel_and_no_dialog_means_asking_in_the_app() {
    let mut h = harness(app("Ana", vec![None]));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(h.state().file_browser().is_none());
    assert!(h.state().doc().is_none());

    h.state_mut()
        .set_dialogs(Box::new(factcheck::app::ScriptedDialogs::unavailable()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert_eq!(
        h.state().file_browser(),
        Some(&factcheck::app::DialogKind::OpenProject)
    );
}

/// Without a native dialog, a project is opened by picking it in the in-app browser, which
/// starts in the folder of the last file used and lists only projects.
#[test]
fn a_project_is_opened_from_the_in_app_browser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("check.ron");
    std::fs::copy(example_project(), &project).expect("copy");
    std::fs::write(dir.path().join("notes.txt"), "not a project").expect("write");
    let mut h = harness(app("Ana", vec![]));
    h.state_mut().prefs_mut().recent_files = vec![dir.path().join("earlier.ron")];
    h.state_mut()
        .set_dialogs(Box::new(factcheck::app::ScriptedDialogs::unavailable()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(
        h.query_by_label_contains("notes.txt").is_none(),
        "projects only"
    );
    click(&mut h, "check.ron");
    click_button(&mut h, "Open");
    assert_eq!(
        h.state().doc().and_then(|d| d.path.clone()),
        Some(project.clone())
    );
    assert!(h.state().file_browser().is_none(), "closed after choosing");

    // Cancelling the browser closes it and changes nothing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().file_browser().is_some());
    click_button(&mut h, "Cancel");
    assert!(h.state().file_browser().is_none());
    assert_eq!(h.state().doc().and_then(|d| d.path.clone()), Some(project));
}
