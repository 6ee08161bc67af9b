//! A committee report an officer wrote in Word and uploaded for an agenda item, as its text:
//! headings, paragraphs, list items and tables in order. The pack prints it from this, as
//! accessible text like every other report, rather than as pictures of pages.

use serde::{Deserialize, Serialize};

/// One piece of an uploaded report, in the order the document has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WordPart {
    /// A heading; 1 is the document's top level.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// One item of a bulleted or numbered list.
    ListItem(String),
    /// A table's rows of cells, the first row its headings.
    Table(Vec<Vec<String>>),
}

/// The uploaded report of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedReport {
    pub meeting: String,
    pub item: String,
    /// The file's name as uploaded, e.g. `Business planning 2019-20.docx`.
    pub file_name: String,
    pub parts: Vec<WordPart>,
    /// How many pictures the document holds, which are not printed.
    pub pictures: usize,
}
