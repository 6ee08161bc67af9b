//! A folder of CSV lists read as a stream of byte records, for the Annex A and SSDA903 readers:
//! the files in name order, each opened with its header, each row checked to be UTF-8 and given
//! with its line, the first unreadable row ending the file with the problem said.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::{Code, ImportError, Location};

/// The CSV files in a folder, in name order (none when it cannot be read).
pub(crate) fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    files
}

/// A file's name as shown in a problem's location, and its name without the extension.
pub(crate) fn names(file: &Path) -> (String, String) {
    let text = |s: Option<&std::ffi::OsStr>| {
        s.map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    (text(file.file_name()), text(file.file_stem()))
}

/// A problem with the file as a whole, or with one of its rows.
pub(crate) fn unreadable(shown: &str, row: Option<usize>, message: String) -> ImportError {
    ImportError {
        code: Code::NotASpreadsheet,
        location: Location {
            file: shown.to_string(),
            row,
            ..Default::default()
        },
        message,
    }
}

/// A row that is not UTF-8 text.
pub(crate) fn not_utf8(shown: &str, row: Option<usize>) -> ImportError {
    unreadable(
        shown,
        row,
        "this row is not UTF-8 text: save the file as CSV UTF-8".into(),
    )
}

/// A CSV file opened, with its header read (a byte-order mark and spaces trimmed).
pub(crate) fn open(
    file: &Path,
    shown: &str,
) -> Result<(csv::Reader<File>, Vec<String>), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(file)
        .map_err(|e| unreadable(shown, None, format!("cannot read the file: {e}")))?;
    let header = reader
        .headers()
        .map_err(|e| unreadable(shown, Some(1), format!("the header cannot be read: {e}")))?
        .iter()
        .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    Ok((reader, header))
}

/// Gives each row to `row` with its line number, and `tick` the rows and bytes read every
/// `every` rows and at the end; stops at the first row that is not UTF-8 or cannot be read,
/// saying so in `errors`. A row is checked to be UTF-8 once, as a whole, and its cells then
/// read as text without checking each again.
pub(crate) fn each_row<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    shown: &str,
    errors: &mut Vec<ImportError>,
    every: u64,
    mut tick: impl FnMut(u64, Option<u64>),
    mut row: impl FnMut(usize, &csv::StringRecord, &mut Vec<ImportError>),
) {
    let mut rows = 0u64;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                rows += 1;
                if rows.is_multiple_of(every) {
                    tick(rows, record.position().map(csv::Position::byte));
                }
                let line = record.position().map_or(0, |p| p.line() as usize);
                row(line, &record, errors);
            }
            Ok(false) => {
                tick(rows, None);
                return;
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                errors.push(if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    not_utf8(shown, line)
                } else {
                    unreadable(
                        shown,
                        line,
                        format!("this row cannot be read ({e}): save the file as CSV UTF-8"),
                    )
                });
                return;
            }
        }
    }
}
