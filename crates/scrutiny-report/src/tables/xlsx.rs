//! The tables as one workbook: a Contents sheet, then a sheet per table with a frozen bold
//! header, numbers and dates typed with their formats, and text that Excel shows as written.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use scrutiny_domain::format::{Kind, inert};

use super::DataTable;
use super::cells::Cell;
use super::names::{CONTENTS, sheet_names};

/// Excel's longest cell text.
pub const MAX_CELL: usize = 32_767;

/// The widest a column is drawn, in characters; longer text wraps.
const MAX_WIDTH: usize = 60;

/// Text that fits in one cell: longer text is cut, saying so, as the full text is in the
/// PDF and Word reports. (Continuation rows would break a table's one row per item.)
pub fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let total = text.chars().count();
    if total <= MAX_CELL {
        return std::borrow::Cow::Borrowed(text);
    }
    let note = |omitted: usize| {
        format!("… (continued in the PDF/Word report; {omitted} characters omitted)")
    };
    // The note's length depends on the count it prints; the count can only shrink.
    let keep = MAX_CELL - note(total).chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(&note(total - keep));
    std::borrow::Cow::Owned(out)
}

/// The Excel number format for a figure printed with `decimals` places.
fn number_format(kind: Kind, decimals: u32, brackets: bool) -> String {
    let places = if decimals > 0 {
        format!(".{}", "0".repeat(decimals as usize))
    } else {
        String::new()
    };
    match kind {
        Kind::Percent => format!("0{places}%"),
        Kind::RatePer10000 => format!("#,##0{places}\" per 10,000\""),
        _ if brackets => format!("#,##0{places};(#,##0{places})"),
        _ => format!("#,##0{places}"),
    }
}

/// The number Excel holds: a percentage as its fraction (48.3% is 0.483).
fn excel_number(value: Decimal, kind: Kind) -> f64 {
    let v = if kind == Kind::Percent {
        value / Decimal::ONE_HUNDRED
    } else {
        value
    };
    v.to_f64().unwrap_or_default()
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Writes every table to one workbook.
pub fn write(tables: &[DataTable], path: &Path) -> Result<(), String> {
    let mut book = Workbook::new();
    let names = sheet_names(tables.iter().map(|t| t.caption.as_str()));
    let contents = DataTable {
        name: String::new(),
        caption: String::new(),
        header: ["Sheet", "Table", "Rows"].map(String::from).to_vec(),
        rows: names
            .iter()
            .zip(tables)
            .map(|(n, t)| {
                vec![
                    Cell::Text(n.clone()),
                    Cell::Text(t.caption.clone()),
                    Cell::Number {
                        value: Decimal::from(t.rows.len()),
                        kind: Kind::Number,
                        decimals: 0,
                        brackets: false,
                        printed: t.rows.len().to_string(),
                    },
                ]
            })
            .collect(),
    };
    let mut formats = Formats::default();
    write_sheet(book.add_worksheet(), CONTENTS, &contents, &mut formats)?;
    for (name, t) in names.iter().zip(tables) {
        write_sheet(book.add_worksheet(), name, t, &mut formats)?;
    }
    book.save(path).map_err(err)
}

#[derive(Default)]
struct Formats {
    numbers: HashMap<String, Format>,
}

impl Formats {
    fn number(&mut self, code: String) -> &Format {
        self.numbers
            .entry(code.clone())
            .or_insert_with(|| Format::new().set_num_format(code))
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    name: &str,
    t: &DataTable,
    formats: &mut Formats,
) -> Result<(), String> {
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("d mmm yyyy");
    sheet.set_name(name).map_err(err)?;
    let mut widths: Vec<usize> = t.header.iter().map(|h| h.chars().count().min(30)).collect();
    for (c, h) in t.header.iter().enumerate() {
        let c = u16::try_from(c).map_err(err)?;
        sheet
            .write_string_with_format(0, c, fit_cell(&inert(h)), &bold)
            .map_err(err)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(err)?;
        for (i, cell) in row.iter().enumerate() {
            let c = u16::try_from(i).map_err(err)?;
            match cell {
                Cell::Text(text) if text.is_empty() => {}
                Cell::Text(text) => {
                    sheet
                        .write_string_with_format(r, c, fit_cell(&inert(text)), &wrap)
                        .map_err(err)?;
                }
                Cell::Number {
                    value,
                    kind,
                    decimals,
                    brackets,
                    ..
                } => {
                    let format = formats.number(number_format(*kind, *decimals, *brackets));
                    sheet
                        .write_number_with_format(r, c, excel_number(*value, *kind), format)
                        .map_err(err)?;
                }
                Cell::Date { date: d, .. } => {
                    use chrono::Datelike;
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).map_err(err)?,
                        u8::try_from(d.month()).map_err(err)?,
                        u8::try_from(d.day()).map_err(err)?,
                    )
                    .map_err(err)?;
                    sheet
                        .write_datetime_with_format(r, c, &day, &date)
                        .map_err(err)?;
                }
            }
            let shown = match cell {
                Cell::Date { .. } => 11,
                c => c
                    .printed()
                    .lines()
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(0),
            };
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let c = u16::try_from(c).map_err(err)?;
        let w = (*w + 2).clamp(8, MAX_WIDTH);
        sheet.set_column_width(c, w as f64).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    if let (Some(last_row), Some(last_col)) = (
        u32::try_from(t.rows.len()).ok(),
        u16::try_from(t.header.len().saturating_sub(1)).ok(),
    ) && !t.header.is_empty()
    {
        sheet.autofilter(0, 0, last_row, last_col).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_cut_saying_how_much_is_left_out() {
        let long = "x".repeat(40_000);
        let fitted = fit_cell(&long);
        assert!(fitted.chars().count() <= MAX_CELL);
        let kept = fitted.chars().take_while(|c| *c == 'x').count();
        assert!(fitted.ends_with(&format!(
            "… (continued in the PDF/Word report; {} characters omitted)",
            40_000 - kept
        )));
        assert_eq!(fit_cell("short"), "short");
        let exact = "y".repeat(MAX_CELL);
        assert_eq!(fit_cell(&exact), exact.as_str());
    }

    #[test]
    fn number_formats_show_the_printed_places() {
        assert_eq!(number_format(Kind::Percent, 1, false), "0.0%");
        assert_eq!(number_format(Kind::Percent, 0, false), "0%");
        assert_eq!(number_format(Kind::Number, 0, false), "#,##0");
        assert_eq!(number_format(Kind::Number, 2, true), "#,##0.00;(#,##0.00)");
        assert_eq!(number_format(Kind::Bracketed, 0, true), "#,##0;(#,##0)");
        assert_eq!(excel_number(Decimal::new(483, 1), Kind::Percent), 0.483);
    }
}
