//! A committee report uploaded as a Word document, printed from its text: its headings as the
//! report's sections, its paragraphs, lists and tables as they come.

use scrutiny_domain::meetings::uploaded::{UploadedReport, WordPart};

use crate::document::{Block, Document};

/// The uploaded report of an item titled `title` on the agenda.
pub fn uploaded_document(up: &UploadedReport, title: &str, produced_on: &str) -> Document {
    let mut blocks = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut tables = 0;
    // List items gather into one paragraph of "- " lines, which every renderer prints as a list.
    let flush = |list: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !list.is_empty() {
            blocks.push(Block::Paragraph {
                text: list
                    .drain(..)
                    .map(|l| format!("- {l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                initials: None,
            });
        }
    };
    for part in &up.parts {
        if !matches!(part, WordPart::ListItem(_)) {
            flush(&mut list, &mut blocks);
        }
        match part {
            WordPart::Heading { level, text } => blocks.push(Block::Heading {
                level: (*level).min(3),
                number: None,
                text: text.clone(),
            }),
            WordPart::Paragraph(text) => blocks.push(Block::Paragraph {
                text: text.clone(),
                initials: None,
            }),
            WordPart::ListItem(text) => list.push(text.clone()),
            WordPart::Table(rows) => {
                tables += 1;
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                let pad = |r: &Vec<String>| {
                    let mut r = r.clone();
                    r.resize(width, String::new());
                    r
                };
                let mut rows = rows.iter().map(pad);
                let header = rows.next().unwrap_or_default();
                blocks.push(Block::Table {
                    caption: format!("Table {tables}"),
                    header,
                    rows: rows.collect(),
                    figures: Vec::new(),
                });
            }
        }
    }
    flush(&mut list, &mut blocks);
    let mut diagnostics = Vec::new();
    if up.pictures > 0 {
        diagnostics.push(format!(
            "Uploaded as a Word document ({}); its {} picture(s) are not printed here.",
            up.file_name, up.pictures
        ));
    }
    Document {
        title: title.to_string(),
        subtitle: None,
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: format!(
            "report-{}-{}",
            crate::slug(&up.meeting),
            crate::slug(&up.item)
        ),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics,
    }
}
