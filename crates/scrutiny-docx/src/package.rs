//! Packs the docx-rs document, adding what docx-rs 0.4 cannot write:
//!
//! - `w:tblHeader` on each table's first row, so it repeats on every page and assistive
//!   technology treats it as a header;
//! - `w:tblCaption` on each table: its title in Word's Alt Text pane;
//! - a unique id and the chart's text alternative (`descr`) on each picture;
//! - the document language, en-GB, in the default run properties;
//! - core properties with the document's title and language.
//!
//! Each edit replaces markup docx-rs writes in a known form (its version is pinned exactly) and
//! checks the count it expects, so a change in that form fails loudly instead of silently.

use std::io::Cursor;

use scrutiny_report::document::Document;

use crate::builder::Built;
use crate::text::xml_escape;
use crate::{DocxError, order};

/// How docx-rs starts a table's first row (every row is marked "can't split").
const FIRST_ROW: &str = "</w:tblGrid><w:tr><w:trPr><w:cantSplit />";
const TABLE_PROPS_END: &str = "</w:tblPr>";
/// docx-rs gives every picture the same id and name.
const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
const DEFAULT_RUN_PROPS_END: &str = "</w:rPr></w:rPrDefault>";
const NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
const LANG: &str = r#"<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA" />"#;

/// Replaces the occurrences of `needle` in order with the replacements given, which must be
/// exactly as many as there are occurrences.
fn replace_each(
    xml: &str,
    part: &str,
    needle: &str,
    replacements: Vec<String>,
) -> Result<String, DocxError> {
    let found = xml.matches(needle).count();
    if found != replacements.len() {
        return Err(DocxError::Package(format!(
            "{part}: expected {} of {needle}, found {found}",
            replacements.len()
        )));
    }
    let mut out =
        String::with_capacity(xml.len() + replacements.iter().map(String::len).sum::<usize>());
    let mut rest = xml;
    for r in &replacements {
        // Counted above, so every find succeeds.
        let Some(at) = rest.find(needle) else { break };
        out.push_str(&rest[..at]);
        out.push_str(r);
        rest = &rest[at + needle.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn utf8(bytes: Vec<u8>, part: &str) -> Result<String, DocxError> {
    String::from_utf8(bytes).map_err(|e| DocxError::Package(format!("{part}: {e}")))
}

fn document_xml(xml: String, captions: &[String], alts: &[String]) -> Result<String, DocxError> {
    let n = captions.len();
    let xml = replace_each(
        &xml,
        "document",
        FIRST_ROW,
        vec![format!("{FIRST_ROW}<w:tblHeader />"); n],
    )?;
    let captions = captions
        .iter()
        .map(|c| {
            format!(
                r#"<w:tblCaption w:val="{}" />{TABLE_PROPS_END}"#,
                xml_escape(c)
            )
        })
        .collect();
    let xml = replace_each(&xml, "document", TABLE_PROPS_END, captions)?;
    let pictures = alts
        .iter()
        .enumerate()
        .map(|(i, alt)| {
            format!(
                r#"<wp:docPr id="{}" name="Chart {}" descr="{}" />"#,
                i + 1,
                i + 1,
                xml_escape(alt)
            )
        })
        .collect();
    replace_each(&xml, "document", DOC_PR, pictures)
}

fn styles_xml(xml: String) -> Result<String, DocxError> {
    let xml = replace_each(
        &xml,
        "styles",
        DEFAULT_RUN_PROPS_END,
        vec![format!("{LANG}{DEFAULT_RUN_PROPS_END}")],
    )?;
    // Word takes the style marked default for paragraphs that name none.
    replace_each(
        &xml,
        "styles",
        NORMAL,
        vec![NORMAL.replace("<w:style ", r#"<w:style w:default="1" "#)],
    )
}

/// Schema order for one part (see `order`).
fn canonical(bytes: Vec<u8>, part: &str) -> Result<Vec<u8>, DocxError> {
    order::canonical(&utf8(bytes, part)?)
        .map(String::into_bytes)
        .map_err(|e| DocxError::Package(format!("{part}: {e}")))
}

/// Core properties written whole: docx-rs has no way to set the title. No dates, so the same
/// document gives the same file.
fn core_xml(doc: &Document) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "{subject}",
            "<dc:creator>Scrutiny</dc:creator>",
            "<dc:language>en-GB</dc:language>",
            "</cp:coreProperties>"
        ),
        title = xml_escape(crate::builder::title(doc)),
        subject = doc
            .subtitle
            .as_deref()
            .map(|s| format!("<dc:subject>{}</dc:subject>", xml_escape(s)))
            .unwrap_or_default(),
    )
}

/// Writes the finished .docx.
pub fn pack(built: Built, doc: &Document) -> Result<Vec<u8>, DocxError> {
    let Built {
        docx,
        chart_alts,
        table_captions,
    } = built;
    let mut xml = docx.build();
    xml.document = document_xml(
        utf8(xml.document, "document")?,
        &table_captions,
        &chart_alts,
    )?
    .into_bytes();
    xml.styles = styles_xml(utf8(xml.styles, "styles")?)?.into_bytes();
    xml.doc_props.core = core_xml(doc).into_bytes();
    xml.document = canonical(xml.document, "document")?;
    xml.styles = canonical(xml.styles, "styles")?;
    xml.numberings = canonical(xml.numberings, "numbering")?;
    xml.settings = canonical(xml.settings, "settings")?;
    xml.footers = xml
        .footers
        .into_iter()
        .map(|f| canonical(f, "footer"))
        .collect::<Result<_, _>>()?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Package(e.to_string()))?;
    Ok(out.into_inner())
}
