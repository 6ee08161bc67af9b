//! A report document as a downloadable file.

use scrutiny_report::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Pdf, Format::Docx, Format::Xlsx];

    pub fn parse(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == ext)
    }

    pub fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "Web page",
            Format::Pdf => "PDF",
            Format::Docx => "Word",
            Format::Xlsx => "Excel",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The file's bytes. PDF and Word take a second or so for a large report: call from a
/// blocking task.
pub fn render(doc: &Document, format: Format) -> Result<Vec<u8>, String> {
    let doc = &doc.printable();
    match format {
        Format::Html => scrutiny_report::html::render_html(doc)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        Format::Pdf => {
            let json = serde_json::to_string(&doc.without_svg()).map_err(|e| e.to_string())?;
            scrutiny_pdf::render_pdf(&json).map_err(|e| e.to_string())
        }
        Format::Docx => scrutiny_docx::render_docx(doc).map_err(|e| e.to_string()),
        Format::Xlsx => {
            let dir = crate::scratch::folder().map_err(|e| e.to_string())?;
            let path = dir.path().join("report.xlsx");
            scrutiny_report::tables::write_xlsx(doc, &path)?;
            std::fs::read(&path).map_err(|e| e.to_string())
        }
    }
}

/// A meeting's agenda pack as a PDF; every text made printable, as a document's is.
pub fn render_pack(pack: &scrutiny_report::meetings::pack::Pack) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_value(pack).map_err(|e| e.to_string())?;
    scrutiny_report::document::printable_json(&mut json);
    scrutiny_pdf::render_pdf(&json.to_string()).map_err(|e| e.to_string())
}

/// The document as a response: HTML shown in the browser, other formats downloaded with the
/// report's file name. Rendering runs on a blocking thread (PDF and Word take a moment).
pub async fn download(
    doc: Document,
    format: Format,
) -> Result<axum::response::Response, crate::error::AppError> {
    use crate::error::AppError;
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse;
    let slug = doc.slug.clone();
    let bytes = tokio::task::spawn_blocking(move || render(&doc, format))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    let disposition = if format == Format::Html {
        "inline".to_string()
    } else {
        format!("attachment; filename=\"{slug}.{}\"", format.ext())
    };
    Ok((
        [
            (CONTENT_TYPE, format.content_type().to_string()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use scrutiny_report::document::{Block, Cover, CoverSection};

    /// A document carrying `text` in every kind of text field: title, cover, paragraph, item,
    /// table heading and cell, and diagnostics.
    fn carrying(text: &str) -> Document {
        Document {
            title: text.into(),
            subtitle: Some(text.into()),
            header_lines: vec![(text.into(), text.into())],
            produced_on: "1 April 2013".into(),
            slug: "any".into(),
            cover: Some(Cover {
                council: Some(text.into()),
                lines: vec![("Subject".into(), text.into())],
                sections: vec![CoverSection {
                    number: "1.0".into(),
                    heading: text.into(),
                    text: text.into(),
                }],
            }),
            summary: Vec::new(),
            blocks: vec![
                Block::Heading {
                    level: 1,
                    number: Some("1.0".into()),
                    text: text.into(),
                },
                Block::Paragraph {
                    text: text.into(),
                    initials: Some(text.into()),
                },
                Block::Item {
                    level: 2,
                    number: None,
                    title: text.into(),
                    initials: None,
                    paragraphs: vec![text.into()],
                },
                Block::Table {
                    caption: text.into(),
                    header: vec![text.into(), "Figure".into()],
                    rows: vec![vec![text.into(), "12".into()]],
                    figures: Vec::new(),
                },
            ],
            diagnostics: vec![text.into()],
        }
    }

    proptest! {
        // Each case renders a PDF, which takes a moment: a few dozen cases of any Unicode text.
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Any text a council holds, in any field, gives every format: names in any script,
        /// emoji, control characters, characters no font has.
        #[test]
        fn any_text_in_any_field_gives_every_format(text in any::<String>()) {
            let doc = carrying(&text);
            for format in Format::ALL {
                let bytes = render(&doc, format);
                prop_assert!(bytes.is_ok(), "{:?}: {:?}", format, bytes.err());
            }
        }
    }

    /// Commentary pasted with control characters still gives every format.
    #[test]
    fn control_characters_never_stop_a_report() {
        let doc = Document {
            title: "Title\u{7}".into(),
            subtitle: None,
            header_lines: vec![],
            produced_on: "1 April 2013".into(),
            slug: "odd".into(),
            cover: None,
            summary: Vec::new(),
            blocks: vec![scrutiny_report::document::Block::Paragraph {
                text: "bell\u{7} nul\u{0} tab\t return\r\n emoji 😀 Ελληνικά".into(),
                initials: None,
            }],
            diagnostics: vec![],
        };
        for format in Format::ALL {
            let bytes = render(&doc, format).unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert!(!bytes.is_empty(), "{format:?}");
        }
    }
}
