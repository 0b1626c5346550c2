//! The README is the contract: its shortcut table lists every shortcut the app has, and its
//! two commands are what CI runs.

use factcheck::app::Action;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn readme_lists_every_keyboard_shortcut() {
    let readme = readme();
    let ctx = egui::Context::default();
    for action in Action::ALL {
        if let Some(shortcut) = action.shortcut() {
            let row = format!(
                "| {} | `{}` |",
                action.label().trim_end_matches('…'),
                ctx.format_shortcut(&shortcut)
            );
            assert!(readme.contains(&row), "README is missing the row {row}");
        }
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = readme();
    assert!(readme.contains("./scripts/test.sh"));
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(ci.contains("./scripts/test.sh"));
}
