//! Renders a fixture that uses every block type, unzips the .docx and checks its XML: council
//! text verbatim and escaped, real heading styles, repeating table headers, the chart picture
//! with its text alternative, language and title.

use std::io::Read;
use std::time::Instant;

use rust_decimal::Decimal;
use scrutiny_domain::RagCounts;
use scrutiny_report::document::{
    ActionRow, Block, ChartData, Document, FinanceRow, IndicatorRow, KeyRow, MilestoneRow, Symbol,
};

use crate::{DocxError, render_docx};

/// Every character XML treats specially.
const SPECIAL: &str = r#"Costs <b>rose</b> & "fell" 'again' > 5%"#;
const SPECIAL_ESCAPED: &str =
    "Costs &lt;b&gt;rose&lt;/b&gt; &amp; &quot;fell&quot; &apos;again&apos; &gt; 5%";

/// A chart as small as it gets, in the shape plotters writes, with text to exercise the fonts.
const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">
<rect x="0" y="0" width="400" height="120" fill="#ffffff"/>
<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="20,100 120,60 220,70 320,30"/>
<text x="20" y="115" font-family="sans-serif" font-size="10" fill="#0b0c0c">Q1 2012/13</text>
</svg>"##;
const ALT: &str = r#"Line chart of "NI 148" <care leavers> & targets: Q1 50.2"#;

fn symbol(state: &str, glyph: &str, label: &str) -> Symbol {
    Symbol {
        state: state.into(),
        glyph: glyph.into(),
        label: label.into(),
        description: format!("{label} means {state}"),
    }
}

fn indicator(code: &str, progress: Symbol, direction: Symbol) -> IndicatorRow {
    IndicatorRow {
        code: code.into(),
        refs: format!("{code} CYP 1"),
        measure: format!("Measure for {code}"),
        previous: "45.0".into(),
        target: "54.0 (revised from 45)".into(),
        target_spoken: "54.0, revised from 45".into(),
        current: "1,250.2".into(),
        progress,
        direction,
        progress_basis: "computed".into(),
        direction_basis: String::new(),
        compared_with: None,
        exception: false,
        commentary: Some("Improved.".into()),
    }
}

fn finance_row(kind: &str, label: &str) -> FinanceRow {
    let fig = |s: &str| {
        if kind == "heading" {
            String::new()
        } else {
            s.into()
        }
    };
    FinanceRow {
        kind: kind.into(),
        label: label.into(),
        annual_budget: fig("1,234"),
        budget_to_date: fig("308"),
        expenditure_to_date: fig("297"),
        variance_to_date: fig("(11)"),
    }
}

/// The chart's figures as data (the renderer draws the SVG; this is for completeness).
fn chart_data() -> ChartData {
    ChartData {
        y_min: Decimal::ZERO,
        y_max: Decimal::ONE_HUNDRED,
        y_ticks: vec![Decimal::ZERO, Decimal::ONE_HUNDRED],
        y_unit: "Per cent".into(),
        x_labels: vec!["Q1".into()],
        x_groups: Vec::new(),
        series: Vec::new(),
        targets: Vec::new(),
        bands: Vec::new(),
    }
}

/// A document with every block type.
pub(crate) fn fixture() -> Document {
    let blocks = vec![
        Block::Heading {
            level: 1,
            number: Some("1.0".into()),
            text: "Introduction".into(),
        },
        Block::Paragraph {
            text: SPECIAL.into(),
            initials: Some("NM".into()),
        },
        Block::Paragraph {
            text: "A second paragraph.\n\nWith a paragraph break inside.\nAnd a line break.".into(),
            initials: None,
        },
        Block::Heading {
            level: 1,
            number: Some("2.0".into()),
            text: "Key Developments".into(),
        },
        Block::Item {
            level: 2,
            number: Some("2.1".into()),
            title: "Ofsted inspection".into(),
            initials: Some("SN".into()),
            paragraphs: vec!["First paragraph of the item.".into(), "Second.".into()],
        },
        Block::summary_counts(
            "Service Objectives / Milestones",
            RagCounts {
                total: 21,
                green: 16,
                amber: 0,
                red: 4,
                unknown: 1,
                ..RagCounts::default()
            },
            0,
            &scrutiny_report::symbols::Labels::new(&[]),
            scrutiny_domain::performance::model::SymbolFor::Objective,
        ),
        Block::milestones(
            "Key Milestones",
            "Progress Q1".into(),
            vec![
                MilestoneRow {
                    reference: "CYP 1".into(),
                    text: "Deliver the plan by March".into(),
                    progress: symbol("green", "✔", "Green"),
                    commentary: Some("On track.".into()),
                },
                MilestoneRow {
                    reference: "CYP 2".into(),
                    text: "Open two children's centres".into(),
                    progress: symbol("amber", "◆", "Amber"),
                    commentary: None,
                },
            ],
            true,
        ),
        Block::PageBreak,
        Block::indicators(
            "Key Performance Indicators",
            ["11/12 Actual".into(), "12/13 Target".into(), "Q1".into()],
            vec![
                indicator(
                    "NI 148",
                    symbol("green", "✔", "Green"),
                    symbol("better", "▲", "Better"),
                ),
                indicator(
                    "NI 62",
                    symbol("red", "✖", "Red"),
                    symbol("worse", "▼", "Worse"),
                ),
            ],
            true,
        ),
        Block::Chart {
            title: "NI 148 Care leavers in employment".into(),
            svg: SVG.into(),
            alt: ALT.into(),
            note: "Figures: Q1 50.2; target 54.0.".into(),
            data: chart_data(),
        },
        Block::finance(
            "Revenue Budget as at 30 June 2012",
            "£'000 at quarter end".into(),
            vec![
                finance_row("heading", "Expenditure"),
                finance_row("line", "Employees"),
                finance_row("total", "Total Expenditure"),
                finance_row("net", "Net Expenditure"),
            ],
        ),
        Block::Table {
            caption: "Risk control measures".into(),
            header: vec!["Ref".into(), "Risk".into()],
            rows: vec![
                vec![
                    "R1".into(),
                    "Ragged row with a third cell".into(),
                    "x".into(),
                ],
                vec!["R2".into()],
            ],
            figures: Vec::new(),
        },
        Block::actions(
            "Actions",
            vec![ActionRow {
                reference: "A1".into(),
                requirement: "Recruit adopters".into(),
                action: "Campaign".into(),
                by_whom: "Adoption team".into(),
                timescale: "March 2013".into(),
                status: symbol("in_progress", "▶", "In progress"),
                progress: "Two recruited.".into(),
            }],
        ),
        Block::symbol_key(
            vec![KeyRow {
                symbol: symbol("green", "✔", "Green"),
                objective: "On course.".into(),
                indicator: "Target on course.".into(),
            }],
            vec![(
                symbol("better", "▲", "Better"),
                "Better than last year.".into(),
            )],
            vec![("NM".into(), "Nick Mannion".into())],
        ),
    ];
    Document {
        title: "Children & Young People's <Report>".into(),
        subtitle: Some("Reporting Period: Quarter 1, 2012/13".into()),
        header_lines: vec![("DIRECTORATE".into(), "Children & Young People".into())],
        produced_on: "23 November 2026".into(),
        slug: "pbr-test".into(),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: vec!["No Q1 value for NI 148 \u{b}(control character dropped)".into()],
    }
}

/// The .docx's parts by name.
struct Unzipped {
    archive: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

impl Unzipped {
    fn new(bytes: Vec<u8>) -> Self {
        assert!(bytes.starts_with(b"PK"), "a .docx is a zip file");
        Unzipped {
            archive: zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip"),
        }
    }

    fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .map(|n| n.expect("a file name").into_owned())
            .collect()
    }

    fn bytes(&mut self, name: &str) -> Vec<u8> {
        let mut out = Vec::new();
        self.archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the package"))
            .read_to_end(&mut out)
            .expect("read");
        out
    }

    /// A part as text, checked to be well-formed XML.
    fn xml(&mut self, name: &str) -> String {
        let text = String::from_utf8(self.bytes(name)).expect("utf-8");
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{name} is not well-formed XML: {e}");
        }
        text
    }
}

fn rendered() -> Unzipped {
    Unzipped::new(render_docx(&fixture()).expect("renders"))
}

#[test]
fn renders_a_docx_quickly_and_every_xml_part_is_well_formed() {
    let start = Instant::now();
    let bytes = render_docx(&fixture()).expect("renders");
    let took = start.elapsed();
    eprintln!("rendered the fixture in {took:?} ({} bytes)", bytes.len());
    if let Ok(dir) = std::env::var("SCRUTINY_DOCX_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("fixture.docx"), &bytes).expect("write");
    }
    let mut z = Unzipped::new(bytes);
    for name in z.names() {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            z.xml(&name);
        }
    }
}

#[test]
fn council_text_is_escaped_and_printed_verbatim() {
    let doc = rendered().xml("word/document.xml");
    assert!(doc.contains(SPECIAL_ESCAPED), "special characters escaped");
    assert!(doc.contains("Children &amp; Young People&apos;s &lt;Report&gt;"));
    // Initials after the paragraph, as in the HTML.
    assert!(doc.contains("&gt; 5% (NM)"));
    // Blank lines start paragraphs; single line breaks stay line breaks.
    assert!(doc.contains("With a paragraph break inside."));
    assert!(doc.contains(r#"<w:br w:type="textWrapping" />"#));
    // A control character that XML cannot hold is dropped, the rest kept.
    assert!(doc.contains("No Q1 value for NI 148 (control character dropped)"));
}

#[test]
fn headings_use_word_heading_styles_at_the_html_levels() {
    let mut z = rendered();
    let doc = z.xml("word/document.xml");
    let styles = z.xml("word/styles.xml");
    for id in [
        "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Caption",
    ] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}""#)),
            "style {id} defined"
        );
    }
    assert!(
        styles.contains(r#"<w:name w:val="heading 2" />"#),
        "built-in name"
    );
    let styled = |id: &str, text: &str| {
        let at = doc.find(text).unwrap_or_else(|| panic!("{text} printed"));
        let before = &doc[..at];
        let para = before.rfind("<w:p ").expect("in a paragraph");
        before[para..].contains(&format!(r#"<w:pStyle w:val="{id}" />"#))
    };
    assert!(
        styled("Title", "Young People&apos;s &lt;Report"),
        "document title"
    );
    assert!(
        styled("Heading2", "1.0 Introduction"),
        "section → Heading 2"
    );
    assert!(
        styled("Heading3", "2.1 Ofsted inspection (SN)"),
        "item → Heading 3"
    );
    assert!(styled("Heading2", "Data notes"));
    assert!(styled("Heading3", "Key for Operational Director lead"));
    assert!(styled("Caption", "Key Milestones"), "table caption");
}

#[test]
fn headings_never_skip_a_level() {
    let mut doc = fixture();
    doc.blocks = vec![Block::Heading {
        level: 3,
        number: None,
        text: "Deep".into(),
    }];
    let xml = Unzipped::new(render_docx(&doc).expect("renders")).xml("word/document.xml");
    assert!(xml.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(!xml.contains(r#"<w:pStyle w:val="Heading4" />"#));
}

#[test]
fn page_breaks_fall_before_the_next_paragraph_and_take_a_lone_heading_along() {
    let doc = rendered().xml("word/document.xml");
    // The fixture breaks before the indicators: their caption starts the page.
    let at = doc.find(">Key Performance Indicators<").expect("caption");
    let para = doc[..at].rfind("<w:p ").expect("in a paragraph");
    assert!(doc[para..at].contains("<w:pageBreakBefore />"));
    assert_eq!(doc.matches("<w:pageBreakBefore />").count(), 1);

    let mut heading_then_break = fixture();
    heading_then_break.blocks = vec![
        Block::Heading {
            level: 1,
            number: Some("2.0".into()),
            text: "Progress by measure".into(),
        },
        Block::PageBreak,
        Block::Paragraph {
            text: "First measure.".into(),
            initials: None,
        },
        Block::PageBreak,
    ];
    heading_then_break.diagnostics.clear();
    let xml =
        Unzipped::new(render_docx(&heading_then_break).expect("renders")).xml("word/document.xml");
    let at = xml.find(">2.0 Progress by measure<").expect("heading");
    let para = xml[..at].rfind("<w:p ").expect("in a paragraph");
    assert!(
        xml[para..at].contains("<w:pageBreakBefore />"),
        "heading moves with its content"
    );
    // A break at the very end has nothing to start: no blank page.
    assert_eq!(xml.matches("<w:pageBreakBefore />").count(), 1);
}

#[test]
fn properties_are_in_schema_order_for_word() {
    let mut z = rendered();
    let doc = z.xml("word/document.xml");
    // docx-rs writes the paragraph mark's run properties first; Word wants the style first.
    assert!(!doc.contains("<w:pPr><w:rPr /><w:"));
    assert!(doc.contains("<w:sectPr><w:footerReference"));
    let styles = z.xml("word/styles.xml");
    assert!(styles.contains(r#"<w:style w:default="1" w:type="paragraph" w:styleId="Normal">"#));
    assert!(z.xml("word/settings.xml").contains("<w:zoom"));
}

#[test]
fn every_table_has_a_repeating_header_row_and_a_title() {
    let doc = rendered().xml("word/document.xml");
    // Summary counts, milestones, indicators, finance, plain table, actions, two key tables.
    let tables = doc.matches("<w:tbl>").count();
    assert_eq!(tables, 8);
    assert_eq!(doc.matches("<w:tblHeader />").count(), tables);
    for caption in [
        "Key Milestones",
        "Revenue Budget as at 30 June 2012",
        "Direction of travel",
    ] {
        assert!(doc.contains(&format!(r#"<w:tblCaption w:val="{caption}" />"#)));
    }
    // The header mark is on the first row of each table.
    for table in doc.split("<w:tbl>").skip(1) {
        let first_row_end = table.find("</w:tr>").expect("a row");
        assert!(table[..first_row_end].contains("<w:tblHeader />"));
    }
}

#[test]
fn symbols_carry_words_and_colour_and_figures_align_right() {
    let doc = rendered().xml("word/document.xml");
    // Words always, in a box of the state's colour.
    for (label, fill) in [
        ("Green", "00703C"),
        ("Red", "D4351C"),
        ("In progress", "1D70B8"),
    ] {
        let at = doc
            .find(&format!(">\u{a0}{label}\u{a0}</w:t>"))
            .unwrap_or_else(|| panic!("{label} in words"));
        let run = doc[..at].rfind("<w:r>").expect("in a run");
        assert!(
            doc[run..at].contains(&format!(r#"w:fill="{fill}""#)),
            "{label} shaded"
        );
    }
    // Unknown appears in the summary counts because one milestone is unknown.
    assert!(doc.contains(">\u{a0}Unknown\u{a0}</w:t>"));
    let at = doc.find(">1,250.2<").expect("figure printed");
    let para = doc[..at].rfind("<w:p ").expect("in a paragraph");
    assert!(doc[para..at].contains(r#"<w:jc w:val="right" />"#));
}

#[test]
fn chart_is_a_png_picture_with_its_text_alternative() {
    let mut z = rendered();
    let media: Vec<String> = z
        .names()
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(media.len(), 1, "one chart picture: {media:?}");
    let png = z.bytes(&media[0]);
    assert!(png.starts_with(b"\x89PNG"));
    let doc = z.xml("word/document.xml");
    assert!(doc.contains(
        r#"descr="Line chart of &quot;NI 148&quot; &lt;care leavers&gt; &amp; targets: Q1 50.2""#
    ));
    assert!(
        doc.contains("Figures: Q1 50.2; target 54.0."),
        "note printed"
    );
}

#[test]
fn language_title_page_and_footer_are_set() {
    let mut z = rendered();
    assert!(
        z.xml("word/styles.xml")
            .contains(r#"<w:lang w:val="en-GB""#)
    );
    let core = z.xml("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Children &amp; Young People&apos;s &lt;Report&gt;</dc:title>")
    );
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    let doc = z.xml("word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4 portrait"
    );
    assert!(doc.contains(r#"w:top="1134""#), "2 cm margins");
    let footer = z
        .names()
        .into_iter()
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer");
    assert!(z.xml(&footer).contains("Produced 23 November 2026"));
}

#[test]
fn a_chart_without_svg_prints_its_text_alternative() {
    let mut doc = fixture();
    doc.blocks = vec![Block::Chart {
        title: "No picture".into(),
        svg: String::new(),
        alt: "NI 148 rose from 45 to 50.2".into(),
        note: String::new(),
        data: chart_data(),
    }];
    let mut z = Unzipped::new(render_docx(&doc).expect("renders"));
    assert!(!z.names().iter().any(|n| n.starts_with("word/media/")));
    assert!(
        z.xml("word/document.xml")
            .contains(">NI 148 rose from 45 to 50.2<")
    );
}

#[test]
fn an_unreadable_chart_is_an_error_naming_it() {
    let mut doc = fixture();
    doc.blocks = vec![Block::Chart {
        title: "Broken".into(),
        svg: "<svg".into(),
        alt: "x".into(),
        note: String::new(),
        data: chart_data(),
    }];
    match render_docx(&doc) {
        Err(DocxError::Chart { title, .. }) => assert_eq!(title, "Broken"),
        other => panic!("expected a chart error, got {other:?}"),
    }
}
