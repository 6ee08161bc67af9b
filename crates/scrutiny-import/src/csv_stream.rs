//! A folder of CSV lists read as a stream of byte records, for the Annex A and SSDA903 readers:
//! the files in name order, each opened with its header, each row checked to be UTF-8 and given
//! with its line, the first unreadable row ending the file with the problem said.

use std::fs::File;
use std::io::Read;
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
) -> Result<(csv::Reader<Recent<File>>, Vec<String>), ImportError> {
    let opened = File::open(file)
        .map_err(|e| unreadable(shown, None, format!("cannot read the file: {e}")))?;
    let mut reader = reader(opened, true);
    let header = reader
        .headers()
        .map_err(|e| unreadable(shown, Some(1), format!("the header cannot be read: {e}")))?
        .iter()
        .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    Ok((reader, header))
}

/// A flexible CSV reader over `rows`, which keeps the bytes it last read for [`each_row`].
pub(crate) fn reader<R: Read>(rows: R, has_headers: bool) -> csv::Reader<Recent<R>> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .from_reader(Recent::new(rows))
}

/// Bytes kept behind the read position, besides the row being read (held however long it is):
/// far more than the csv crate reads ahead (8 KB).
const KEPT: usize = 64 * 1024;

/// A reader that keeps the last bytes it gave. The csv crate puts a row after a blank line on
/// the blank line's line, and every row of a CRLF file a line short (its start is the line
/// break before it); the line breaks at the row's start, read here, give its own line.
pub(crate) struct Recent<R> {
    inner: R,
    kept: Vec<u8>,
    /// Where `kept` starts in the stream.
    from: u64,
    /// Where the row being read starts: nothing from here on is let go, however long the row.
    hold: u64,
}

impl<R> Recent<R> {
    fn new(inner: R) -> Self {
        Recent {
            inner,
            kept: Vec::new(),
            from: 0,
            hold: 0,
        }
    }

    /// The line breaks from `byte` on that come before the row's first other character.
    fn breaks_at(&self, byte: u64) -> u64 {
        let Some(start) = byte
            .checked_sub(self.from)
            .and_then(|i| usize::try_from(i).ok())
        else {
            return 0;
        };
        let ends = self
            .kept
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r');
        ends.filter(|&&b| b == b'\n').count() as u64
    }
}

impl<R: Read> Read for Recent<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.kept.len() + n > 2 * KEPT {
            let held = usize::try_from(self.hold.saturating_sub(self.from)).unwrap_or(usize::MAX);
            let old = self.kept.len().saturating_sub(KEPT).min(held);
            self.kept.drain(..old);
            self.from += old as u64;
        }
        self.kept
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// The line a row starts on: the csv crate's line, moved past the line breaks at its start.
fn line_of<R: Read>(reader: &csv::Reader<Recent<R>>, at: &csv::Position) -> usize {
    usize::try_from(at.line() + reader.get_ref().breaks_at(at.byte())).unwrap_or(usize::MAX)
}

/// Gives each row to `row` with its line number, and `tick` the rows and bytes read every
/// `every` rows and at the end; stops at the first row that is not UTF-8 or cannot be read,
/// saying so in `errors`. A row is checked to be UTF-8 once, as a whole, and its cells then
/// read as text without checking each again.
pub(crate) fn each_row<R: Read>(
    reader: &mut csv::Reader<Recent<R>>,
    shown: &str,
    errors: &mut Vec<ImportError>,
    every: u64,
    mut tick: impl FnMut(u64, Option<u64>),
    mut row: impl FnMut(usize, &csv::StringRecord, &mut Vec<ImportError>),
) {
    let mut rows = 0u64;
    let mut record = csv::StringRecord::new();
    loop {
        let next = reader.position().byte();
        reader.get_mut().hold = next;
        match reader.read_record(&mut record) {
            Ok(true) => {
                rows += 1;
                if rows.is_multiple_of(every) {
                    tick(rows, record.position().map(csv::Position::byte));
                }
                let line = record.position().map_or(0, |p| line_of(reader, p));
                row(line, &record, errors);
            }
            Ok(false) => {
                tick(rows, None);
                return;
            }
            Err(e) => {
                let line = e.position().map(|p| line_of(reader, p));
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

/// Every row of `text` with its line, as [`each_row`] gives them (for tests here and elsewhere).
#[cfg(test)]
pub(crate) fn rows_with_lines(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut reader = reader(text.as_bytes(), false);
    let mut seen = Vec::new();
    each_row(
        &mut reader,
        "t.csv",
        &mut Vec::new(),
        u64::MAX,
        |_, _| {},
        |line, row, _| {
            seen.push((line, row.iter().map(str::to_string).collect()));
        },
    );
    seen
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<usize> {
        rows_with_lines(text)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }

    #[test]
    fn each_row_is_on_its_own_line() {
        // CRLF, a blank line, and a quoted cell over two lines.
        assert_eq!(
            lines("h\r\na,1\r\n\r\nb,\"x\r\ny\"\r\nc,3\r\n"),
            [1, 2, 4, 6]
        );
        assert_eq!(lines("h\na,1\n\n\nb,2\n"), [1, 2, 5]);
    }

    #[test]
    fn a_row_longer_than_the_bytes_kept_keeps_its_line() {
        let long = "x".repeat(5 * KEPT);
        let text = format!("h\r\na,\"{long}\"\r\n\r\nb,2\r\n");
        assert_eq!(lines(&text), [1, 2, 4]);
    }
}
