//! The report's tables, one function per block, with the same columns as the HTML report.
//! Column widths follow the PDF layout.

use docx_rs::TableCell;
use scrutiny_report::document::{
    ActionRow, Block, FinanceRow, Heading, IndicatorRow, KeyRow, MilestoneRow, Symbol,
};

use crate::builder::Builder;
use crate::table::{self, Align};

/// Renders a block that is a table; other blocks are handled by the builder.
pub fn table_block(b: &mut Builder, block: &Block) {
    match block {
        Block::SummaryCounts {
            caption,
            header,
            figures,
            ..
        } => summary_counts(b, caption, header, figures),
        Block::Milestones {
            caption,
            header,
            rows,
            with_commentary,
        } => milestones(b, caption, header, rows, *with_commentary),
        Block::Indicators {
            caption,
            header,
            rows,
            with_commentary,
        } => indicators(b, caption, header, rows, *with_commentary),
        Block::Finance {
            caption,
            as_at,
            header,
            rows,
        } => finance(b, caption, as_at, header, rows),
        Block::Table {
            caption,
            header,
            rows,
            ..
        } => generic(b, caption, header, rows),
        Block::Actions {
            caption,
            header,
            rows,
        } => actions(b, caption, header, rows),
        // Not tables: drawn by the builder.
        Block::Heading { .. }
        | Block::Paragraph { .. }
        | Block::Item { .. }
        | Block::Chart { .. }
        | Block::PageBreak
        | Block::SymbolKey { .. } => {}
    }
}

/// Column headings, all aligned alike.
fn header_cells(header: &[String], align: Align) -> Vec<TableCell> {
    header.iter().map(|h| table::header(h, align)).collect()
}

/// "Total | ✔ Green | ◆ Amber | ✖ Red [| ? Unknown]" over one row of counts.
fn summary_counts(b: &mut Builder, caption: &str, headings: &[Heading], figures: &[String]) {
    // Each heading then its figure: docx-rs numbers paragraphs in the order they are made.
    let (header, row): (Vec<TableCell>, Vec<TableCell>) = headings
        .iter()
        .zip(figures)
        .map(|(h, f)| {
            let heading = match h {
                Heading::Text(t) => table::header(t, Align::Center),
                Heading::Symbol(s) => table::symbol_header(&s.state, &s.glyph, &s.label),
            };
            (heading, table::figure_centred(f))
        })
        .unzip();
    // Narrow columns: a short row of figures needs no full-width table.
    let widths = vec![(2.6 * crate::style::CM as f32) as usize; header.len()];
    b.table(caption, None, table::table(&widths, header, vec![row]));
}

fn commentary(c: &Option<String>) -> TableCell {
    table::text(c.as_deref().unwrap_or(""))
}

fn milestones(
    b: &mut Builder,
    caption: &str,
    header: &[String],
    rows: &[MilestoneRow],
    with_commentary: bool,
) {
    let mut cols = vec![(Some(1.6), 0), (None, 2), (Some(2.6), 0)];
    if with_commentary {
        cols.push((None, 2));
    }
    let header = header_cells(header, Align::Left);
    let body = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                table::text(&r.reference),
                table::text(&r.text),
                table::symbol(&r.progress),
            ];
            if with_commentary {
                row.push(commentary(&r.commentary));
            }
            row
        })
        .collect();
    let widths = table::fixed_and_flex(&cols);
    b.table(caption, None, table::table(&widths, header, body));
}

fn indicators(
    b: &mut Builder,
    caption: &str,
    header: &[String],
    rows: &[IndicatorRow],
    with_commentary: bool,
) {
    // Figures get room for qualifiers ("465 (episodes)"); symbols a fixed width; the measure
    // (and commentary) take what is left, so both are squeezed a little when there is commentary.
    let (reference, figure, symbol) = if with_commentary {
        (1.5, 1.6, 2.0)
    } else {
        (1.7, 1.9, 2.2)
    };
    let mut cols = vec![
        (Some(reference), 0),
        (None, 1),
        (Some(figure), 0),
        (Some(figure), 0),
        (Some(figure), 0),
        (Some(symbol), 0),
        (Some(symbol), 0),
    ];
    if with_commentary {
        cols.push((None, 1));
    }
    // The three figures' headings line up with their figures, on the right.
    let header = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let align = if (2..5).contains(&i) {
                Align::Right
            } else {
                Align::Left
            };
            table::header(h, align)
        })
        .collect();
    let body = rows
        .iter()
        .map(|r| {
            // Every ref the indicator carries ("NI072 SCS CYP01"), or its code when it has none.
            let reference = if r.refs.trim().is_empty() {
                &r.code
            } else {
                &r.refs
            };
            let mut row = vec![
                table::text(reference),
                table::text(&r.measure),
                table::figure(&r.previous),
                table::figure(&r.target),
                table::figure(&r.current),
                table::symbol_why(&r.progress, &r.progress_basis),
                table::symbol_why(&r.direction, &r.direction_basis),
            ];
            if with_commentary {
                row.push(commentary(&r.commentary));
            }
            row
        })
        .collect();
    let widths = table::fixed_and_flex(&cols);
    b.table(caption, None, table::table(&widths, header, body));
}

fn finance(b: &mut Builder, caption: &str, as_at: &str, header: &[String], rows: &[FinanceRow]) {
    // The row labels' heading is for screen readers: the page leaves it blank, as the PDF does.
    let mut cells = vec![table::header("", Align::Left)];
    cells.extend(header_cells(
        header.get(1..).unwrap_or_default(),
        Align::Right,
    ));
    let body = rows
        .iter()
        .map(|r| {
            if r.kind == "heading" {
                return vec![table::underlined(&r.label).grid_span(header.len())];
            }
            let figures = [
                &r.annual_budget,
                &r.budget_to_date,
                &r.expenditure_to_date,
                &r.variance_to_date,
            ];
            let strong = r.kind == "total" || r.kind == "net";
            let mut row = vec![if strong {
                table::bold(&r.label, Align::Left)
            } else {
                table::text(&r.label)
            }];
            row.extend(figures.iter().map(|f| {
                if strong {
                    table::bold(f, Align::Right)
                } else {
                    table::figure(f)
                }
            }));
            if r.kind == "net" {
                row = row.into_iter().map(table::rule_above).collect();
            }
            row
        })
        .collect();
    let widths = table::fixed_and_flex(&[
        (None, 1),
        (Some(2.5), 0),
        (Some(2.5), 0),
        (Some(2.5), 0),
        (Some(2.5), 0),
    ]);
    b.table(caption, Some(as_at), table::table(&widths, cells, body));
}

/// A plain table. Rows may be ragged: every row, and the header, is padded to the widest. Each
/// column's share of the width follows how much it holds, as in the PDF.
fn generic(b: &mut Builder, caption: &str, header: &[String], rows: &[Vec<String>]) {
    let n = rows
        .iter()
        .map(Vec::len)
        .chain([header.len(), 1])
        .max()
        .unwrap_or(1);
    let weight = |s: &str| s.chars().count().clamp(4, 40);
    let longest_word = |s: &str| {
        s.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    // The widest of a column's cells, by `measure`, header included.
    let column = |i: usize, measure: &dyn Fn(&str) -> usize| {
        rows.iter()
            .map(Vec::as_slice)
            .chain(std::iter::once(header))
            .map(|r| r.get(i).map_or(0, |s| measure(s)))
            .max()
            .unwrap_or(0)
    };
    let weights: Vec<usize> = (0..n).map(|i| column(i, &weight).max(4)).collect();
    let words: Vec<usize> = (0..n).map(|i| column(i, &longest_word)).collect();
    let cell = |r: &[String], i: usize| r.get(i).map_or("", String::as_str).to_owned();
    let head = (0..n)
        .map(|i| table::header(&cell(header, i), Align::Left))
        .collect();
    let body = rows
        .iter()
        .map(|r| (0..n).map(|i| table::text(&cell(r, i))).collect())
        .collect();
    let widths = table::share_with_floor(&weights, &words);
    b.table(caption, None, table::table(&widths, head, body));
}

fn actions(b: &mut Builder, caption: &str, header: &[String], rows: &[ActionRow]) {
    let header = header_cells(header, Align::Left);
    let body = rows
        .iter()
        .map(|r| {
            vec![
                table::text(&r.reference),
                table::text(&r.requirement),
                table::text(&r.action),
                table::text(&r.by_whom),
                table::text(&r.timescale),
                table::symbol(&r.status),
                table::text(&r.progress),
            ]
        })
        .collect();
    let widths = table::fixed_and_flex(&[
        (Some(1.2), 0),
        (None, 10),
        (None, 14),
        (Some(2.2), 0),
        (Some(1.9), 0),
        (Some(2.8), 0),
        (None, 12),
    ]);
    b.table(caption, None, table::table(&widths, header, body));
}

/// The symbol key's two tables; empty ones are left out.
pub fn symbol_key(
    b: &mut Builder,
    (progress, progress_header): (&[KeyRow], &[String]),
    (direction, direction_header): (&[(Symbol, String)], &[String]),
) {
    if !progress.is_empty() {
        let header = header_cells(progress_header, Align::Left);
        let body = progress
            .iter()
            .map(|k| {
                vec![
                    table::symbol(&k.symbol),
                    table::text(&k.objective),
                    table::text(&k.indicator),
                ]
            })
            .collect();
        let widths = table::fixed_and_flex(&[(Some(2.8), 0), (None, 1), (None, 1)]);
        b.table(
            "Progress symbols",
            None,
            table::table(&widths, header, body),
        );
    }
    if !direction.is_empty() {
        let header = header_cells(direction_header, Align::Left);
        let body = direction
            .iter()
            .map(|(s, meaning)| vec![table::symbol(s), table::text(meaning)])
            .collect();
        let widths = table::fixed_and_flex(&[(Some(2.8), 0), (None, 1)]);
        b.table(
            "Direction of travel",
            None,
            table::table(&widths, header, body),
        );
    }
}
