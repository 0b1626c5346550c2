//! Application state and the GUI entry point (filled in by the workbench UI).

use std::path::PathBuf;

/// Open the GUI, optionally on a project or article.
pub fn run_gui(path: Option<PathBuf>, reviewer: &str) -> anyhow::Result<()> {
    let _ = (path, reviewer);
    anyhow::bail!("the GUI is not built yet")
}
