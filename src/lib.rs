//! Factcheck Workbench: open an article, mark the claims in it, research each claim, attach
//! sources and a verdict, save the work as a RON project file, and export reports.
//!
//! The crate is a library with a thin binary (`src/main.rs`). Everything below [`model`],
//! [`io`], `export` and `merge` is plain Rust with no UI dependency, used by the CLI and
//! tests directly; [`state`] holds the GUI's state and commands, [`ui`] draws it with egui and
//! returns commands, and [`app`] (the shell) applies them.
//! See `ARCHITECTURE.md`.

pub mod app;
pub mod cli;
pub mod desktop;
pub mod export;
pub mod io;
pub mod merge;
pub mod model;
pub mod research;
pub mod signing;
pub mod state;
pub mod ui;
