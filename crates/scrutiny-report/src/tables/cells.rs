//! A table's printed cells typed for a spreadsheet: figures become numbers (their words and
//! remarks moved to a note column beside them), dates become dates, the rest stays text.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use scrutiny_domain::format::{Kind, read_date, read_printed, stands_in_for_figure};

/// One typed cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number {
        /// As printed: 48.3 for `48.3%`.
        value: Decimal,
        kind: Kind,
        decimals: u32,
        /// Negatives in brackets, as variances print.
        brackets: bool,
        /// The figure as the report prints it, for CSV.
        printed: String,
    },
    Date {
        date: NaiveDate,
        printed: String,
    },
}

impl Cell {
    /// The cell as CSV text.
    pub fn printed(&self) -> &str {
        match self {
            Cell::Text(t) => t,
            Cell::Number { printed, .. } | Cell::Date { printed, .. } => printed,
        }
    }
}

/// How a column of a gathered table is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Text,
    /// Figures: what does not read as a number goes to the note column.
    Figure,
    /// Money whose negatives print in brackets.
    Variance,
    /// Decided from the cells: figures if every cell is a figure or stands in for one, dates if
    /// every cell is a date, otherwise text.
    Auto,
}

enum Typed {
    Text,
    Figures { brackets: bool },
    Dates,
}

fn decide(heading: &str, col: Col, cells: &[&str]) -> Typed {
    match col {
        Col::Text => Typed::Text,
        Col::Figure => Typed::Figures { brackets: false },
        Col::Variance => Typed::Figures { brackets: true },
        // A reference ("1.10") is a name, not a number.
        Col::Auto if heading.eq_ignore_ascii_case("ref") => Typed::Text,
        Col::Auto => {
            let filled: Vec<&str> = cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            if filled.is_empty() {
                Typed::Text
            } else if filled.iter().all(|c| read_date(c).is_some()) {
                Typed::Dates
            } else if filled.iter().any(|c| read_printed(c).is_some())
                && filled
                    .iter()
                    .all(|c| read_printed(c).is_some() || stands_in_for_figure(c))
            {
                Typed::Figures { brackets: false }
            } else {
                Typed::Text
            }
        }
    }
}

/// Types every column of a table; a figures column with any words or remarks gets a
/// "<heading> note" column after it holding them.
pub(crate) fn type_columns(
    header: &[String],
    cols: &[Col],
    rows: &[Vec<String>],
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let width = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut out_header = Vec::new();
    let mut out_rows: Vec<Vec<Cell>> = vec![Vec::new(); rows.len()];
    for c in 0..width {
        let heading = header.get(c).cloned().unwrap_or_default();
        let cells: Vec<&str> = rows
            .iter()
            .map(|r| r.get(c).map_or("", String::as_str))
            .collect();
        match decide(&heading, cols.get(c).copied().unwrap_or(Col::Auto), &cells) {
            Typed::Text => {
                for (out, cell) in out_rows.iter_mut().zip(&cells) {
                    out.push(Cell::Text(cell.to_string()));
                }
            }
            Typed::Dates => {
                for (out, cell) in out_rows.iter_mut().zip(&cells) {
                    out.push(match read_date(cell) {
                        Some(date) => Cell::Date {
                            date,
                            printed: cell.trim().to_string(),
                        },
                        None => Cell::Text(cell.to_string()),
                    });
                }
            }
            Typed::Figures { brackets } => {
                let typed: Vec<(Cell, String)> =
                    cells.iter().map(|c| figure_cell(c, brackets)).collect();
                let with_notes = typed.iter().any(|(_, note)| !note.is_empty());
                for (out, (cell, note)) in out_rows.iter_mut().zip(typed) {
                    out.push(cell);
                    if with_notes {
                        out.push(Cell::Text(note));
                    }
                }
                if with_notes {
                    out_header.push(heading.clone());
                    out_header.push(format!("{heading} note"));
                    continue;
                }
            }
        }
        out_header.push(heading);
    }
    (out_header, out_rows)
}

/// A figure and its note: `83% (KS2)` is 83% noted "(KS2)"; `N/A` is no figure, noted "N/A".
fn figure_cell(text: &str, brackets: bool) -> (Cell, String) {
    match read_printed(text) {
        Some(r) => (
            Cell::Number {
                value: r.value,
                brackets: brackets || r.kind == Kind::Bracketed,
                kind: r.kind,
                decimals: r.decimals,
                printed: r.figure,
            },
            r.note.unwrap_or_default(),
        ),
        None => (Cell::Text(String::new()), text.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn figures_split_from_their_words() {
        let header = ["Division", "2017/18", "2017/18 %", "Due"].map(String::from);
        let rows = strings(&[
            &["Care", "6", "20%", "2018-03-30"],
            &["Family", "fewer than 5", "*", "2018-01-31"],
        ]);
        let (h, r) = type_columns(&header, &[Col::Auto; 4], &rows);
        assert_eq!(
            h,
            [
                "Division",
                "2017/18",
                "2017/18 note",
                "2017/18 %",
                "2017/18 % note",
                "Due"
            ]
        );
        assert!(matches!(
            &r[0][1],
            Cell::Number {
                kind: Kind::Number,
                ..
            }
        ));
        assert!(matches!(
            &r[0][3],
            Cell::Number {
                kind: Kind::Percent,
                decimals: 0,
                ..
            }
        ));
        assert_eq!(r[1][1], Cell::Text(String::new()));
        assert_eq!(r[1][2], Cell::Text("fewer than 5".into()));
        assert!(matches!(&r[1][5], Cell::Date { .. }));
    }

    #[test]
    fn prose_and_references_stay_text() {
        let header = ["Ref", "Item"].map(String::from);
        let rows = strings(&[&["1.1", "3"], &["1.10", "Staff training"]]);
        let (h, r) = type_columns(&header, &[Col::Auto; 2], &rows);
        assert_eq!(h, ["Ref", "Item"]);
        assert!(r.iter().flatten().all(|c| matches!(c, Cell::Text(_))));
    }
}
