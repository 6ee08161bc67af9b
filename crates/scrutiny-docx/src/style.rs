//! The look: named Word styles (so headings are real headings, and an officer restyles the whole
//! report by editing one style), page size, footer and the bullet list.

use docx_rs::{
    AbstractNumbering, Docx, Footer, IndentLevel, Level, LevelJc, LevelText, LineSpacing,
    LineSpacingType, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Tab, TabValueType,
};

use crate::text;

/// One centimetre in twentieths of a point (twips), Word's unit for lengths.
pub const CM: usize = 567;
/// A4 portrait in twips.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Page margin: 2 cm.
const MARGIN: i32 = 1134;
/// What is left for text between the margins.
pub const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

pub const INK: &str = "0B0C0C";
pub const MUTED: &str = "505A5F";
pub const RULE: &str = "B1B4B6";
pub const HEAD_FILL: &str = "F3F2F1";

/// Arial is on every Word installation; LibreOffice substitutes a metric twin.
const BODY_FONT: &str = "Arial";
/// Arial lacks ✔ and ✖: name a font that has them, so Word need not guess.
pub const SYMBOL_FONT: &str = "Segoe UI Symbol";

/// Style ids used by the renderer.
pub const TITLE: &str = "Title";
pub const SUBTITLE: &str = "Subtitle";
pub const CAPTION: &str = "Caption";
pub const TABLE_TEXT: &str = "TableText";
pub const NOTE: &str = "Note";
pub const HEADER_LINE: &str = "HeaderLine";
pub const LIST: &str = "ListBullet";
const FOOTER: &str = "Footer";

/// The numbering of the bullet list (docx-rs defines number 1 itself).
const BULLETS: usize = 2;

/// The id of the heading style for an outline level (1 = Heading 1); Word shows up to nine.
pub fn heading(level: u8) -> String {
    format!("Heading{}", level.clamp(1, 9))
}

/// Deepest heading style defined.
pub const DEEPEST_HEADING: u8 = 5;

/// The fill behind a symbol and the colour of its words, by state. Amber is light, so its words
/// are black; every symbol also carries a glyph and words, so the state reads without colour.
pub fn state_colours(state: &str) -> (&'static str, &'static str) {
    const WHITE: &str = "FFFFFF";
    match state {
        "green" | "better" | "completed" => ("00703C", WHITE),
        "amber" | "same" => ("F47738", INK),
        "red" | "worse" | "overdue" => ("D4351C", WHITE),
        "in_progress" => ("1D70B8", WHITE),
        _ => (MUTED, WHITE),
    }
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(264)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph style with Word's usual wiring: shown in the gallery, next paragraph Normal.
fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
}

/// A heading: bold, kept with the paragraph after it, and at an outline level so Word's
/// navigation pane, tables of contents and screen readers see it as a heading.
fn heading_style(id: &str, name: &str, outline: usize, half_points: usize, before: u32) -> Style {
    let mut s = paragraph_style(id, name)
        .size(half_points)
        .bold()
        .color(INK)
        .line_spacing(spacing(before, 120))
        .outline_lvl(outline);
    s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
    s
}

fn styles() -> Vec<Style> {
    // Word knows its built-in headings by these lower-case names, and localises them.
    let mut out = vec![
        heading_style(TITLE, "Title", 0, 40, 0),
        heading_style("Heading1", "heading 1", 0, 40, 0),
        heading_style("Heading2", "heading 2", 1, 32, 360),
        heading_style("Heading3", "heading 3", 2, 26, 280),
        heading_style("Heading4", "heading 4", 3, 22, 240),
        heading_style("Heading5", "heading 5", 4, 22, 200).italic(),
        paragraph_style(SUBTITLE, "Subtitle")
            .size(26)
            .color(INK)
            .line_spacing(spacing(0, 80)),
        paragraph_style(NOTE, "Note")
            .size(18)
            .color(MUTED)
            .line_spacing(spacing(60, 200)),
        paragraph_style(TABLE_TEXT, "Table Text")
            .size(18)
            .line_spacing(spacing(0, 0)),
        paragraph_style(FOOTER, "footer")
            .size(16)
            .color(MUTED)
            .line_spacing(spacing(0, 0)),
        paragraph_style(LIST, "List Bullet").indent(
            Some(360),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        ),
    ];
    let mut caption = paragraph_style(CAPTION, "caption")
        .size(20)
        .bold()
        .color(INK)
        .line_spacing(spacing(240, 80));
    caption.paragraph_property = caption.paragraph_property.keep_next(true);
    out.push(caption);
    // Header lines: the label in a fixed column, a rule under the block.
    let mut header = paragraph_style(HEADER_LINE, "Header Line")
        .line_spacing(spacing(0, 60))
        .indent(
            Some(4 * CM as i32),
            Some(SpecialIndentType::Hanging(4 * CM as i32)),
            None,
            None,
        );
    header.paragraph_property = header
        .paragraph_property
        .add_tab(Tab::new().val(TabValueType::Left).pos(4 * CM));
    out.push(header);
    out
}

/// Page setup, styles, footer and list numbering.
pub fn setup(docx: Docx, produced_on: &str) -> Docx {
    let fonts = RunFonts::new()
        .ascii(BODY_FONT)
        .hi_ansi(BODY_FONT)
        .cs(BODY_FONT)
        .east_asia(BODY_FONT);
    let mut docx = docx
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_fonts(fonts)
        .default_size(21)
        .default_line_spacing(spacing(0, 140))
        .footer(footer(produced_on))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for s in styles() {
        docx = docx.add_style(s);
    }
    docx
}

/// "Produced 23 November 2026" on the left, "Page 2 of 9" on the right, above a rule.
fn footer(produced_on: &str) -> Footer {
    let mut p = Paragraph::new()
        .style(FOOTER)
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(text::run(&format!("Produced {produced_on}")).add_tab())
        .add_run(text::run("Page "))
        .add_page_num(PageNum::new())
        .add_run(text::run(" of "))
        .add_num_pages(NumPages::new());
    p.property = p
        .property
        .set_borders(rule(ParagraphBorderPosition::Top, 4));
    Footer::new().add_paragraph(p)
}

/// A thin grey rule on one side of a paragraph, `space` points from its text.
pub fn rule(side: ParagraphBorderPosition, space: usize) -> ParagraphBorders {
    // `with_empty`: the default set draws all four sides.
    ParagraphBorders::with_empty().set(ParagraphBorder::new(side).size(4).space(space).color(RULE))
}

/// A bulleted paragraph.
pub fn bullet(p: Paragraph) -> Paragraph {
    p.style(LIST)
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}
