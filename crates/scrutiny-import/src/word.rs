//! A committee report uploaded as a Word document (.docx): its headings, paragraphs, list items
//! and tables, read from the document's XML in order. Word's own structure is used — heading
//! styles (`Heading1`…, `Title`), numbering on a paragraph for a list item, tables row by row —
//! so the pack can print the report as accessible text. Pictures are counted, not kept.
//! Hand-written over `zip` and `quick-xml` (both already built for the workbooks and the CIN
//! census): reading docx-rs's whole document model for these four things would cost more.

use std::io::Read;

use quick_xml::events::Event;
use scrutiny_domain::meetings::uploaded::WordPart;

/// The largest document read: a committee report is tens of pages, not hundreds of megabytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The document's parts and how many pictures it holds, or what is wrong with the file, in
/// words for the officer who uploaded it.
pub fn read_word(bytes: &[u8]) -> Result<(Vec<WordPart>, usize), String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} MB; a report may be up to {} MB (save pictures at a smaller size)",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "this is an older Word file (.doc): open it in Word, save it as a Word Document (.docx) and upload that"
                .into(),
        );
    }
    let not_word = || "the file is not a Word document (.docx)".to_string();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_word())?;
    let mut xml = String::new();
    {
        let part = zip.by_name("word/document.xml").map_err(|_| not_word())?;
        // The XML is read whole: bounded by the zip's own size, checked against the limit.
        part.take(u64::try_from(MAX_BYTES * 4).unwrap_or(u64::MAX))
            .read_to_string(&mut xml)
            .map_err(|e| format!("the document's text cannot be read: {e}"))?;
    }
    parts(&xml)
}

/// What is being read inside a paragraph or a table.
#[derive(Default)]
struct Para {
    text: String,
    style: String,
    numbered: bool,
}

fn parts(xml: &str) -> Result<(Vec<WordPart>, usize), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut pictures = 0;
    let mut para: Option<Para> = None;
    let mut in_text = false;
    // Tables: the rows so far, the cells of the row being read, the cell's text; nested tables
    // are read into their cell's text.
    let mut tables: Vec<(Vec<Vec<String>>, Vec<String>, String)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "the document's XML is damaged at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    "p" => para = Some(Para::default()),
                    "t" => in_text = true,
                    "tab" => push(&mut para, "\t"),
                    "br" | "cr" => push(&mut para, "\n"),
                    "pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(&e, "val");
                        }
                    }
                    "numPr" => {
                        if let Some(p) = para.as_mut() {
                            p.numbered = true;
                        }
                    }
                    "drawing" | "pict" => pictures += 1,
                    "tbl" => tables.push(Default::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.1.clear();
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.2.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => push(&mut para, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_xml_entity(&name)
                        .unwrap_or_default()
                        .to_string(),
                };
                push(&mut para, &c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let Some(p) = para.take() else { continue };
                    let text = p.text.trim().to_string();
                    if let Some(t) = tables.last_mut() {
                        if !t.2.is_empty() && !text.is_empty() {
                            t.2.push(' ');
                        }
                        t.2.push_str(&text);
                    } else if !text.is_empty() {
                        out.push(part_of(&p.style, p.numbered, text));
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.2);
                        t.1.push(cell);
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.1);
                        t.0.push(row);
                    }
                }
                "tbl" => {
                    let Some((rows, ..)) = tables.pop() else {
                        continue;
                    };
                    match tables.last_mut() {
                        // A table in a cell: its text joins the cell's.
                        Some(outer) => {
                            let text: Vec<String> = rows.iter().map(|r| r.join(" ")).collect();
                            outer.2.push_str(&text.join(" "));
                        }
                        None if !rows.is_empty() => out.push(WordPart::Table(rows)),
                        None => {}
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok((out, pictures))
}

fn push(para: &mut Option<Para>, text: &str) {
    if let Some(p) = para.as_mut() {
        p.text.push_str(text);
    }
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
        .unwrap_or_default()
}

/// A paragraph by its style: `Title` and `Heading1`… are headings (the number is the level),
/// `ListParagraph` or numbering a list item.
fn part_of(style: &str, numbered: bool, text: String) -> WordPart {
    let s = style.to_ascii_lowercase();
    if s == "title" {
        return WordPart::Heading { level: 1, text };
    }
    if let Some(n) = s.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()) {
        return WordPart::Heading {
            level: n.clamp(1, 6),
            text,
        };
    }
    if numbered || s.starts_with("listparagraph") || s.starts_with("listbullet") {
        return WordPart::ListItem(text);
    }
    WordPart::Paragraph(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>1.0 Purpose</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">To tell the Board </w:t></w:r><w:r><w:t>&amp; ask.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>First point</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cases</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>2017/18</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>30</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:drawing/></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn headings_paragraphs_lists_and_tables_come_out_in_order() {
        let (parts, pictures) = parts(DOC).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            parts,
            [
                WordPart::Heading {
                    level: 1,
                    text: "1.0 Purpose".into()
                },
                WordPart::Paragraph("To tell the Board & ask.".into()),
                WordPart::ListItem("First point".into()),
                WordPart::Table(vec![
                    vec!["Year".into(), "Cases".into()],
                    vec!["2017/18".into(), "30".into()]
                ]),
            ]
        );
        assert_eq!(pictures, 1);
    }

    #[test]
    fn other_files_are_refused_with_what_to_do() {
        assert!(
            read_word(b"not a zip")
                .unwrap_err()
                .contains("not a Word document")
        );
        let doc = [0xD0, 0xCF, 0x11, 0xE0, 0, 0];
        assert!(
            read_word(&doc)
                .unwrap_err()
                .contains("save it as a Word Document (.docx)")
        );
    }
}
