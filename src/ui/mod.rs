//! The egui user interface: widgets that draw the document and report what the user did.

pub mod article_view;
