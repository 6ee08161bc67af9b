//! A committee report written in full by its officer: the cover set for the meeting and item
//! (`report_covers` with report `paper`) printed as the whole report, as the seeds' reports
//! are: REPORT TO, DATE, REPORTING OFFICER, SUBJECT …, then the numbered sections.

use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::ReportKind;

use super::meeting;
use crate::ReportError;
use crate::document::{Block, Document};

/// The paper for item `item` of meeting `code`; `title` is the agenda's title, the subject when
/// the cover sets none.
pub fn paper_document(
    data: &Dataset,
    code: &str,
    item: &str,
    title: &str,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let m = meeting(data, code)?;
    let cover = crate::frame::cover(data, ReportKind::Paper, code, item, &m.board, title)
        .ok_or_else(|| ReportError::Unknown("paper for item", format!("{item} of {code}")))?;
    let subject = cover
        .lines
        .iter()
        .find(|(k, _)| k == "Subject")
        .map_or_else(|| title.to_string(), |(_, v)| v.clone());
    let header_lines = cover
        .lines
        .iter()
        .filter(|(k, _)| k != "Subject")
        .map(|(k, v)| (format!("{}:", k.to_uppercase()), v.clone()))
        .collect();
    let mut blocks = Vec::new();
    for s in cover.sections {
        blocks.push(Block::Heading {
            level: 1,
            number: Some(s.number),
            text: s.heading,
        });
        blocks.push(Block::Paragraph {
            text: s.text,
            initials: None,
        });
    }
    Ok(Document {
        title: subject,
        subtitle: None,
        header_lines,
        produced_on: produced_on.to_string(),
        slug: format!("paper-{}-{}", crate::slug(code), crate::slug(item)),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: Vec::new(),
    })
}
