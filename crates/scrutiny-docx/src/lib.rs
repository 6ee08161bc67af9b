//! Renders a board report [`Document`] to an editable, accessible Word file (.docx).
//!
//! The file carries the same content in the same order as the HTML report: real heading styles
//! (the title, then Heading 2 for sections, as the HTML's h1/h2), captioned tables whose header
//! row repeats on every page, symbols that are words as well as colours, and charts as pictures
//! with their text alternative. docx-rs writes the package; a few things it cannot say (repeating
//! header rows, picture descriptions, table titles, the document language and title) are added to
//! its XML afterwards, in [`package`].

mod blocks;
mod builder;
mod chart;
mod order;
mod package;
mod style;
mod table;
mod text;

#[cfg(test)]
mod tests;

use scrutiny_report::document::Document;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DocxError {
    /// A chart's SVG could not be read or drawn.
    #[error("chart '{title}' cannot be drawn: {reason}")]
    Chart { title: String, reason: String },
    /// The Word package could not be written.
    #[error("cannot write the Word file: {0}")]
    Package(String),
}

/// Renders the document to .docx bytes.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let built = builder::build(doc)?;
    package::pack(built, doc)
}
