//! Table pieces shared by every table in the report: a fixed grid across the text width, a
//! shaded header row, text and figure cells, and symbol cells.

use docx_rs::{
    AlignmentType, Paragraph, Run, RunFonts, Shading, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders,
    TableCellContent, TableCellMargins, TableLayoutType, TableRow, WidthType,
};
use scrutiny_report::document::Symbol;

use crate::style::{self, HEAD_FILL, INK, RULE, TABLE_TEXT};
use crate::text;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

impl Align {
    fn word(self) -> AlignmentType {
        match self {
            Align::Left => AlignmentType::Left,
            Align::Right => AlignmentType::Right,
            Align::Center => AlignmentType::Center,
        }
    }
}

/// Paragraphs of cell text; blank lines in council text start new paragraphs.
fn cell_paragraphs(text: &str, align: Align, bold: bool) -> Vec<Paragraph> {
    text::paragraphs(text)
        .iter()
        .map(|p| {
            let mut run = text::run(p);
            if bold {
                run = run.bold();
            }
            Paragraph::new()
                .style(TABLE_TEXT)
                .align(align.word())
                .add_run(run)
        })
        .collect()
}

fn cell_of(paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
}

/// A cell of plain text.
pub fn text(text: &str) -> TableCell {
    cell_of(cell_paragraphs(text, Align::Left, false))
}

/// A cell holding a figure: right-aligned so digits line up.
pub fn figure(text: &str) -> TableCell {
    cell_of(cell_paragraphs(text, Align::Right, false))
}

/// A figure centred under a symbol heading (summary counts).
pub fn figure_centred(text: &str) -> TableCell {
    cell_of(cell_paragraphs(text, Align::Center, false))
}

/// A group heading inside a table, e.g. "Expenditure" in a budget: bold and underlined.
pub fn underlined(text: &str) -> TableCell {
    let p = text::paragraphs(text)
        .iter()
        .map(|t| {
            Paragraph::new()
                .style(TABLE_TEXT)
                .add_run(text::run(t).bold().underline("single"))
        })
        .collect();
    cell_of(p)
}

/// A bold cell (totals, row labels of total lines).
pub fn bold(text: &str, align: Align) -> TableCell {
    cell_of(cell_paragraphs(text, align, true))
}

/// A header cell: shaded and bold.
pub fn header(text: &str, align: Align) -> TableCell {
    bold(text, align).shading(Shading::new().fill(HEAD_FILL))
}

/// No-break space: pads the coloured box and keeps the glyph with its first word.
const NBSP: &str = "\u{a0}";

/// The runs of a symbol, a coloured box holding glyph and words: " ✔ Green ".
fn symbol_runs(state: &str, glyph: &str, label: &str) -> Vec<Run> {
    let (fill, fg) = style::state_colours(state);
    // A point smaller than the table text, as in the PDF, so "✔ Completed" fits its column.
    let boxed = |run: Run| {
        run.color(fg)
            .bold()
            .size(16)
            .shading(Shading::new().fill(fill))
    };
    let symbol_font = RunFonts::new()
        .ascii(style::SYMBOL_FONT)
        .hi_ansi(style::SYMBOL_FONT)
        .cs(style::SYMBOL_FONT);
    let mut runs = Vec::new();
    if !glyph.trim().is_empty() {
        runs.push(boxed(
            text::run(&format!("{NBSP}{glyph}")).fonts(symbol_font),
        ));
    }
    runs.push(boxed(text::run(&format!("{NBSP}{label}{NBSP}"))));
    runs
}

/// A symbol ("✔ Green") in a box of its state's colour. The words are always printed, so it
/// reads without colour and when printed in black and white.
pub fn symbol(s: &Symbol) -> TableCell {
    symbol_parts(&s.state, &s.glyph, &s.label, Align::Left)
}

/// A symbol with the reason for it in a smaller line under it ("78% against a target of 84%").
pub fn symbol_why(s: &Symbol, why: &str) -> TableCell {
    if why.trim().is_empty() {
        return symbol(s);
    }
    let reason = Paragraph::new()
        .style(TABLE_TEXT)
        .add_run(text::run(why).size(16).color(style::MUTED));
    symbol(s).add_paragraph(reason)
}

/// A symbol made from its parts (the summary counts' header has no `Symbol`).
pub fn symbol_parts(state: &str, glyph: &str, label: &str, align: Align) -> TableCell {
    let p = symbol_runs(state, glyph, label).into_iter().fold(
        Paragraph::new().style(TABLE_TEXT).align(align.word()),
        Paragraph::add_run,
    );
    TableCell::new().add_paragraph(p)
}

/// A symbol as a header cell (the summary counts' state columns).
pub fn symbol_header(state: &str, glyph: &str, label: &str) -> TableCell {
    symbol_parts(state, glyph, label, Align::Center).shading(Shading::new().fill(HEAD_FILL))
}

/// A rule above a cell, e.g. above the net line of a budget.
pub fn rule_above(cell: TableCell) -> TableCell {
    // `with_empty`: the default set draws every side in black.
    cell.set_borders(
        TableCellBorders::with_empty().set(
            TableCellBorder::new(TableCellBorderPosition::Top)
                .size(12)
                .color(INK),
        ),
    )
}

/// Column widths in twips from relative weights, filling the text width.
fn share(weights: &[usize]) -> Vec<usize> {
    let total: usize = weights.iter().sum::<usize>().max(1);
    weights
        .iter()
        .map(|w| style::TEXT_WIDTH * w / total)
        .collect()
}

/// Widths for columns of free text: each at least wide enough for its longest word (so no
/// word breaks mid-way), the rest of the width shared by `weights`.
pub fn share_with_floor(weights: &[usize], longest_words: &[usize]) -> Vec<usize> {
    // About 0.2 cm a character at table size, plus the cell's margins; never under 1.2 cm.
    let floor = |chars: usize| (chars * 113 + 200).clamp(680, 4 * style::CM);
    let floors: Vec<usize> = longest_words.iter().map(|c| floor(*c)).collect();
    let least: usize = floors.iter().sum();
    if least >= style::TEXT_WIDTH {
        let scale = |w: usize| w * style::TEXT_WIDTH / least.max(1);
        return floors.into_iter().map(scale).collect();
    }
    let extra = share(weights)
        .into_iter()
        .map(|w| w * (style::TEXT_WIDTH - least) / style::TEXT_WIDTH);
    floors.iter().zip(extra).map(|(f, e)| f + e).collect()
}

/// Fixed widths in cm for some columns (`Some`), the rest of the text width shared by weight.
pub fn fixed_and_flex(columns: &[(Option<f32>, usize)]) -> Vec<usize> {
    let twips = |cm: f32| (cm * style::CM as f32).round() as usize;
    let fixed: usize = columns.iter().filter_map(|(cm, _)| cm.map(twips)).sum();
    let weights: usize = columns
        .iter()
        .filter(|(cm, _)| cm.is_none())
        .map(|(_, w)| w)
        .sum::<usize>()
        .max(1);
    let left = style::TEXT_WIDTH.saturating_sub(fixed);
    columns
        .iter()
        .map(|(cm, w)| match cm {
            Some(cm) => twips(*cm),
            None => left * w / weights,
        })
        .collect()
}

/// Rows longer than this many lines may break across pages.
const SPLIT_LINES: usize = 10;

/// Roughly how many lines the tallest cell of a row takes: an average character at table size
/// is about 90 twips wide; word wrapping wastes some more.
fn estimated_lines(cells: &[TableCell], widths: &[usize]) -> usize {
    cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| {
            let per_line = (width.saturating_sub(170) / 105).max(1);
            cell.children
                .iter()
                .map(|c| match c {
                    TableCellContent::Paragraph(p) => {
                        p.raw_text().chars().count().div_ceil(per_line).max(1)
                    }
                    _ => 1,
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
}

/// A table: a header row then body rows, on a fixed grid of `widths` (twips).
///
/// Short rows never split across pages (a symbol torn from its measure reads badly), long
/// ones may, so a page is not left half empty. `package` marks the first row as the header row,
/// which docx-rs cannot write.
pub fn table(widths: &[usize], header: Vec<TableCell>, rows: Vec<Vec<TableCell>>) -> Table {
    let sized = |cells: Vec<TableCell>| -> Vec<TableCell> {
        cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| match widths.get(i) {
                Some(w) => c.width(*w, WidthType::Dxa),
                None => c,
            })
            .collect()
    };
    let head = TableRow::new(sized(header)).cant_split();
    let body = rows.into_iter().map(|r| {
        let cells = sized(r);
        let tall = estimated_lines(&cells, widths) > SPLIT_LINES;
        let row = TableRow::new(cells);
        if tall { row } else { row.cant_split() }
    });
    let border = |pos| TableBorder::new(pos).size(4).color(RULE);
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, pos| b.set(border(pos)));
    Table::new(std::iter::once(head).chain(body).collect())
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(57, 85, 57, 85))
}
