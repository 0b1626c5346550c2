//! A guard on the GUI's shape: `ui/` never names the shell, `state/` names neither `ui/` nor
//! the shell, and every GUI file says what it holds in its first line and stays under 700 lines.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(layer: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
        &mut files,
    );
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable source");
            (p, text)
        })
        .collect()
}

/// The GUI keeps its shape: `ui/` never names the shell, `state/` names neither `ui/`
/// nor the shell, and each file says what it holds in its first line and stays short.
#[test]
fn gui_layers_import_one_way_and_files_stay_small() {
    let mut problems = Vec::new();
    for (layer, forbidden) in [
        ("ui", &["crate::app", "FactcheckApp"][..]),
        ("state", &["crate::app", "crate::ui", "FactcheckApp"][..]),
    ] {
        for (path, text) in sources(layer) {
            for word in forbidden {
                if text.contains(word) {
                    problems.push(format!("{} names {word}", path.display()));
                }
            }
        }
    }
    for layer in ["ui", "state", "app"] {
        for (path, text) in sources(layer) {
            if !text.starts_with("//!") {
                problems.push(format!("{} does not start with a //! line", path.display()));
            }
            let lines = text.lines().count();
            if lines > 700 {
                problems.push(format!("{} has {lines} lines", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
