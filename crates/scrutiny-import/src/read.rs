//! Reading raw tables from a folder of CSV files, one CSV file, or an Excel workbook.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Code, ImportError, Location};

/// A table as read, before any checking: text cells, with where each row came from.
#[derive(Debug, Clone)]
pub struct RawTable {
    pub name: String,
    pub file: String,
    pub sheet: Option<String>,
    pub header: Vec<String>,
    /// (row number as the user sees it, cells)
    pub rows: Vec<(usize, Vec<String>)>,
    /// Whether each cell's text is as the user sees it: true for CSV and .xlsx (whose number
    /// formats are read: a 6.8% cell is `6.8%`), false for other workbooks.
    pub formats_known: bool,
}

impl RawTable {
    pub fn location(&self, row: Option<usize>, column: Option<&str>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: column.map(str::to_string),
        }
    }
}

/// Sheets that may sit beside the tables in a workbook (our own template has them).
const IGNORED_SHEETS: &[&str] = &["readme", "notes", "instructions"];

pub fn read_path(path: &Path) -> Result<Vec<RawTable>, Vec<ImportError>> {
    let display = path.display().to_string();
    let not_found = |msg: String| {
        vec![ImportError {
            code: Code::NotASpreadsheet,
            location: Location {
                file: display.clone(),
                ..Location::default()
            },
            message: msg,
        }]
    };
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| not_found(format!("cannot read the folder: {e}")))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        entries.sort();
        if entries.is_empty() {
            return Err(not_found("the folder holds no .csv files".into()));
        }
        let mut tables = Vec::new();
        let mut errors = Vec::new();
        for p in entries {
            match read_csv(&p) {
                Ok(t) => tables.push(t),
                Err(e) => errors.push(e),
            }
        }
        return if errors.is_empty() {
            Ok(tables)
        } else {
            Err(errors)
        };
    }
    if !path.exists() {
        return Err(not_found("no such file or folder".into()));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => read_csv(path).map(|t| vec![t]).map_err(|e| vec![e]),
        _ => read_workbook(path),
    }
}

fn table_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn read_csv(path: &Path) -> Result<RawTable, ImportError> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let err = |row: Option<usize>, message: String| ImportError {
        code: Code::NotASpreadsheet,
        location: Location {
            file: file.clone(),
            row,
            ..Location::default()
        },
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| err(None, format!("cannot read the file: {e}")))?;
    // Excel's "CSV UTF-8" starts with a byte-order mark.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        err(
            Some(line),
            "this is not UTF-8 text: in Excel use Save As \"CSV UTF-8 (Comma delimited)\"".into(),
        )
    })?;
    if text.contains('\0') {
        return Err(err(None, "this is a binary file, not CSV text".into()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = Vec::new();
    let mut rows = Vec::new();
    // A record's line is counted from its byte offset: the csv crate's own line count runs one
    // short in a CRLF file (what Excel writes on Windows). Counted on from the last record, so a
    // large file is read once.
    let (mut counted_to, mut line_there) = (0usize, 1usize);
    let mut line_at = |byte: usize| {
        // A record after blank lines is placed at the first of them: skip to its own first byte.
        let skipped = text.get(byte..).map_or(0, |rest| {
            rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        let byte = (byte + skipped).min(text.len());
        if byte >= counted_to {
            line_there += text.as_bytes()[counted_to..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = byte;
        }
        line_there
    };
    for (i, rec) in reader.records().enumerate() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 1, |p| {
                line_at(usize::try_from(p.byte()).unwrap_or(usize::MAX))
            });
        let rec = rec.map_err(|e| err(Some(line), format!("cannot read this CSV row: {e}")))?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if i == 0 {
            header = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(RawTable {
        name: table_name(path),
        file,
        sheet: None,
        header,
        rows,
        formats_known: true,
    })
}

fn read_workbook(path: &Path) -> Result<Vec<RawTable>, Vec<ImportError>> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        vec![ImportError {
            code: Code::NotASpreadsheet,
            location: Location { file: file.clone(), ..Location::default() },
            message: format!(
                "this is not a spreadsheet Scrutiny can read ({e}); use an Excel workbook (.xlsx) or a folder of .csv files"
            ),
        }]
    })?;
    let mut tables = Vec::new();
    for sheet in book.sheet_names() {
        if IGNORED_SHEETS.contains(&sheet.to_ascii_lowercase().as_str()) {
            continue;
        }
        // A sheet that cannot be streamed is left for the reader to report.
        let streamed = match &mut book {
            calamine::Sheets::Xlsx(x) => x
                .worksheet_cells_reader(&sheet)
                .ok()
                .and_then(|mut cells| too_large(|| cells.next_cell().ok().flatten())),
            calamine::Sheets::Xlsb(x) => x
                .worksheet_cells_reader(&sheet)
                .ok()
                .and_then(|mut cells| too_large(|| cells.next_cell().ok().flatten())),
            _ => None,
        };
        let refuse = |message: String| {
            vec![ImportError {
                code: Code::NotASpreadsheet,
                location: Location {
                    file: file.clone(),
                    sheet: Some(sheet.clone()),
                    ..Location::default()
                },
                message,
            }]
        };
        if let Some(message) = streamed {
            return Err(refuse(message));
        }
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| refuse(format!("cannot read this sheet: {e}")))?;
        // Other formats are only measured once read (.ods caps itself at 100 million cells), but
        // before a text is made of every cell.
        let (height, width) = range.get_size();
        if let (Some((r0, c0)), Some(end)) = (range.start(), range.end())
            && height as u64 * width as u64 > MAX_SHEET_CELLS
        {
            let rows = u64::from(end.0 - r0) + 1;
            return Err(refuse(span_too_large(end, rows, u64::from(end.1 - c0) + 1)));
        }
        // Number formats: only .xlsx exposes them; a percentage cell holds 0.068 for 6.8%.
        let styles = match &mut book {
            calamine::Sheets::Xlsx(x) => x.worksheet_style(&sheet).ok(),
            _ => None,
        };
        // Row numbers as Excel shows them, even when the used range starts lower down.
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(j, cell)| {
                    let at = (first_row + i as u32, first_col + j as u32);
                    let percent = styles
                        .as_ref()
                        .and_then(|s| s.get(at))
                        .and_then(|s| s.number_format.as_ref())
                        .is_some_and(|f| is_percent(&f.format_code));
                    if percent {
                        percent_text(cell).unwrap_or_else(|| cell_text(cell))
                    } else {
                        cell_text(cell)
                    }
                })
                .collect();
            if header.is_empty() {
                if cells.iter().any(|c| !c.is_empty()) {
                    header = cells;
                }
            } else if cells.iter().any(|c| !c.is_empty()) {
                rows.push((first_row as usize + i + 1, cells));
            }
        }
        tables.push(RawTable {
            name: sheet.trim().to_ascii_lowercase(),
            file: file.clone(),
            sheet: Some(sheet.clone()),
            header,
            rows,
            formats_known: styles.is_some(),
        });
    }
    Ok(tables)
}

/// The most cells a sheet may hold, or span from its first used cell to its last: far more than
/// any council's table, and few enough to read in memory. The reader sets aside room for every
/// cell of that span, and a workbook of a few kilobytes can name cell XFD1048576.
const MAX_SHEET_CELLS: u64 = 2_000_000;

/// Why a sheet is too large to read, found by streaming its cells (`next` gives each in turn)
/// before they are read in.
fn too_large<'a>(
    mut next: impl FnMut() -> Option<calamine::Cell<calamine::DataRef<'a>>>,
) -> Option<String> {
    let (mut first, mut last): (Option<(u32, u32)>, (u32, u32)) = (None, (0, 0));
    let mut count = 0u64;
    while let Some(cell) = next() {
        count += 1;
        if count > MAX_SHEET_CELLS {
            return Some(format!(
                "this sheet holds more than {MAX_SHEET_CELLS} cells, more than Scrutiny reads; \
                 keep only the table on it, or save it as CSV"
            ));
        }
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        let (r0, c0) = first.map_or((row, col), |(r, c)| (r.min(row), c.min(col)));
        first = Some((r0, c0));
        last = (last.0.max(row), last.1.max(col));
        // In u64: a crafted sheet may name row 4294967295.
        let rows = u64::from(last.0 - r0) + 1;
        let cols = u64::from(last.1 - c0) + 1;
        if rows * cols > MAX_SHEET_CELLS {
            return Some(span_too_large(last, rows, cols));
        }
    }
    None
}

fn span_too_large(last: (u32, u32), rows: u64, cols: u64) -> String {
    format!(
        "this sheet's cells span {rows} rows by {cols} columns (as far as cell {}{}), more than \
         Scrutiny reads ({MAX_SHEET_CELLS} cells); delete the stray cells far below or to the \
         right of the table (Ctrl+End in Excel goes to the last one)",
        crate::tables::column_letter(last.1 as usize),
        u64::from(last.0) + 1
    )
}

/// Whether an Excel number format shows a percentage (`0%`, `0.0%`), a `%` inside quotes or
/// escaped being literal text.
fn is_percent(code: &str) -> bool {
    code.split('"')
        .step_by(2)
        .any(|part| part.replace("\\%", "").contains('%'))
}

/// A percentage cell's text as Excel shows it, to full precision: 0.068 is `6.8%`.
fn percent_text(cell: &Data) -> Option<String> {
    let (exact, float) = match cell {
        Data::Float(f) => (
            rust_decimal::Decimal::from_str_exact(&f.to_string()).ok(),
            *f,
        ),
        Data::Int(i) => (Some(rust_decimal::Decimal::from(*i)), *i as f64),
        _ => return None,
    };
    // Beyond a decimal's range (about 7.9e28) the cell is shown as the float prints it, still a
    // percentage, and the figure's reader refuses it in words.
    Some(
        match exact.and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)) {
            Some(percent) => format!("{}%", percent.normalize()),
            None => format!("{}%", float * 100.0),
        },
    )
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        // f64's Display is the shortest text that reads back as the same number (48.3, not 48.299999).
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "yes".into()
            } else {
                "no".into()
            }
        }
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_formats_are_recognised() {
        for code in ["0%", "0.0%", "0.00%;[Red]-0.00%"] {
            assert!(is_percent(code), "{code}");
        }
        for code in ["General", "0.0", "0.0\"%\"", "0.0\\%", "#,##0"] {
            assert!(!is_percent(code), "{code}");
        }
    }

    #[test]
    fn rows_are_numbered_by_their_line_whatever_the_line_endings() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A quoted cell over two lines, then a blank line: row lines are 2, 3 and 6.
        let text = "a,b\n1,x\n2,\"two\nlines\"\n\n3,y\n";
        for (name, body) in [
            ("lf.csv", text.to_string()),
            ("crlf.csv", text.replace('\n', "\r\n")),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, body).expect("write");
            let t = read_csv(&path).expect("read");
            let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [2, 3, 6], "{name}");
        }
    }

    #[test]
    fn a_percentage_cell_reads_as_shown() {
        assert_eq!(percent_text(&Data::Float(0.068)).as_deref(), Some("6.8%"));
        assert_eq!(percent_text(&Data::Float(1.0)).as_deref(), Some("100%"));
        assert_eq!(percent_text(&Data::String("x".into())), None);
        // Found by fuzzing: a percentage past a decimal's range once overflowed the multiplication.
        assert_eq!(
            percent_text(&Data::Float(7e28)).as_deref(),
            Some("7000000000000000000000000000000%")
        );
        assert_eq!(
            percent_text(&Data::Int(i64::MAX)).map(|t| t.ends_with('%')),
            Some(true)
        );
    }
}
