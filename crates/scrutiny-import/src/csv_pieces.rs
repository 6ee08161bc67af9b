//! A large CSV file read in pieces of whole rows, each core reading one piece at a time: a
//! contacts list at a region's scale is hundreds of megabytes, and one thread reading it left
//! the other cores idle (`docs/decisions/005-case-measures-engine.md`).
//!
//! A piece's rows start after the first line break at or after its nominal start and end with
//! the first line break at or after its nominal end, so neighbouring pieces share no row and
//! miss none. A quoted cell may hold a line break, which such a split would cut in two: the
//! reader of a piece says whether one of its quoted cells does (or its rows end inside one),
//! and such a file is read again in one piece.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Bytes per piece: enough that a piece's lists are large allocations the allocator hands back
/// when freed (at 8 MB a 10-million-row return peaked at 1.26 GB, at 32 MB at 0.81 GB), few
/// enough that the cores share a large file's work evenly.
pub(crate) const PIECE: u64 = 32 << 20;

/// A piece's nominal bytes, `start..end` of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u64,
    pub end: u64,
    /// The first piece: its rows start at `start` (the header's end), not after a line break.
    pub first: bool,
}

/// The pieces of a file's rows from `body` (where the header ends) to `size`, each about
/// `piece` bytes; one piece when the rows are smaller than two.
pub(crate) fn spans(body: u64, size: u64, piece: u64) -> Vec<Span> {
    let piece = piece.max(1);
    let mut out = Vec::new();
    let mut start = body;
    loop {
        let end = if size.saturating_sub(start) < 2 * piece {
            size
        } else {
            start + piece
        };
        out.push(Span {
            start,
            end,
            first: out.is_empty(),
        });
        if end >= size {
            return out;
        }
        start = end;
    }
}

/// A piece's rows as read from its file.
pub(crate) struct Rows {
    bytes: Vec<u8>,
    from: usize,
}

impl Rows {
    pub fn bytes(&self) -> &[u8] {
        self.bytes.get(self.from..).unwrap_or_default()
    }

    /// The line breaks in the rows: the lines the next piece's rows start after.
    pub fn lines(&self) -> u64 {
        memchr::memchr_iter(b'\n', self.bytes()).count() as u64
    }

    /// Whether a quote appears: the rows may then not be where the split assumed.
    pub fn quoted(&self) -> bool {
        memchr::memchr(b'"', self.bytes()).is_some()
    }

    /// Whether a cut may have fallen inside a cell: a quoted cell holds a line break, or the
    /// rows end inside one. Rows whose quoted cells each sit on one line ("Smith, J") were
    /// split where a reader would split them. A quote the csv crate would read as a letter (one
    /// inside an unquoted cell) counts as a doubt too: such rows are read again whole.
    pub fn quotes_span_lines(&self) -> bool {
        let b = self.bytes();
        let mut i = 0;
        let mut cell_start = true;
        while let Some(&byte) = b.get(i) {
            match byte {
                b'"' if cell_start => {
                    // To the closing quote; a doubled quote is a quote in the cell.
                    i += 1;
                    loop {
                        match b.get(i) {
                            None | Some(b'\n') => return true,
                            Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                            Some(b'"') => break,
                            Some(_) => i += 1,
                        }
                    }
                    cell_start = false;
                }
                b'"' => return true,
                b',' | b'\n' => cell_start = true,
                _ => cell_start = false,
            }
            i += 1;
        }
        false
    }

    /// Whether the rows are plain CSV: no quote, and no carriage return but before a line
    /// break. Such rows are cells between commas on lines between line breaks, and are split
    /// here directly ([`Rows::each_plain_row`]): the csv crate's general reader was over a
    /// quarter of the time to read a large return, nearly all of it spent on rows like these.
    pub fn plain(&self) -> bool {
        let bytes = self.bytes();
        !self.quoted()
            && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
    }

    /// Each row of plain rows ([`Rows::plain`]) as its cells, with its line (the first row's
    /// is 1), blank lines passed over; the rows given, or the line of the first row that is
    /// not UTF-8 text (the rows before it are given).
    pub fn each_plain_row(&self, mut row: impl FnMut(usize, &[&str])) -> Result<u64, usize> {
        let bytes = self.bytes();
        let (text, bad) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let cut = memchr::memrchr(b'\n', valid).map_or(0, |i| i + 1);
                let line = memchr::memchr_iter(b'\n', valid).count() + 1;
                let before = std::str::from_utf8(valid.get(..cut).unwrap_or_default());
                (before.unwrap_or_default(), Some(line))
            }
        };
        // One pass for commas and line breaks together (splitting lines, then cells, by
        // `str::split` was a sixth of the time). Both are ASCII, so every cut is a character
        // boundary.
        let mut cells: Vec<&str> = Vec::new();
        let (mut rows, mut line, mut start) = (0, 1, 0);
        let bytes = text.as_bytes();
        let mut give = |cells: &mut Vec<&str>, line: usize| {
            if let Some(last) = cells.last_mut() {
                *last = last.strip_suffix('\r').unwrap_or(last);
            }
            if !(cells.len() == 1 && cells[0].is_empty()) {
                rows += 1;
                row(line, cells);
            }
            cells.clear();
        };
        for at in memchr::memchr2_iter(b',', b'\n', bytes) {
            cells.push(text.get(start..at).unwrap_or_default());
            start = at + 1;
            if bytes[at] == b'\n' {
                give(&mut cells, line);
                line += 1;
            }
        }
        // The last row, when no line break ends it.
        if start < bytes.len() || !cells.is_empty() {
            cells.push(text.get(start..).unwrap_or_default());
            give(&mut cells, line);
        }
        bad.map_or(Ok(rows), Err)
    }
}

/// The whole rows of `span` in `file` (of `size` bytes).
pub(crate) fn read(file: &Path, span: Span, size: u64) -> std::io::Result<Rows> {
    let mut f = File::open(file)?;
    // One byte before the start, to see whether a row starts exactly there.
    let from = if span.first {
        span.start
    } else {
        span.start.saturating_sub(1)
    };
    f.seek(SeekFrom::Start(from))?;
    let length = usize::try_from(span.end.saturating_sub(from))
        .map_err(|_| std::io::Error::other("a piece larger than memory"))?;
    let mut bytes = vec![0; length];
    f.read_exact(&mut bytes)?;
    let start = if span.first {
        0
    } else {
        match memchr::memchr(b'\n', &bytes) {
            Some(i) => i + 1,
            // A row longer than the piece: the piece before reads it.
            None => {
                return Ok(Rows {
                    bytes: Vec::new(),
                    from: 0,
                });
            }
        }
    };
    if span.end < size && bytes.last() != Some(&b'\n') && start < bytes.len() {
        // The last row runs past the nominal end: read on to its line break.
        BufReader::new(f).read_until(b'\n', &mut bytes)?;
    }
    if start >= bytes.len() {
        return Ok(Rows {
            bytes: Vec::new(),
            from: 0,
        });
    }
    Ok(Rows { bytes, from: start })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pieces(text: &str, body: u64, piece: u64) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("list.csv");
        std::fs::write(&file, text).unwrap();
        let size = text.len() as u64;
        spans(body, size, piece)
            .into_iter()
            .map(|s| String::from_utf8(read(&file, s, size).unwrap().bytes().to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn a_small_file_is_one_piece() {
        assert_eq!(
            spans(10, 100, 1000),
            [Span {
                start: 10,
                end: 100,
                first: true
            }]
        );
        assert_eq!(pieces("h\na,1\nb,2\n", 2, 1000), ["a,1\nb,2\n"]);
    }

    /// The cells and lines of rows as the csv crate reads them, for comparison.
    /// Rows as the csv crate reads them through `csv_stream::each_row`, with their lines.
    fn by_csv(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut rows = crate::csv_stream::rows_with_lines(text);
        rows.retain(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
        rows
    }

    #[test]
    fn a_row_that_is_not_utf8_stops_the_rows_at_its_line() {
        let rows = Rows {
            bytes: b"a,1\r\nb,2\n\xff,3\nc,4\n".to_vec(),
            from: 0,
        };
        assert!(rows.plain());
        let mut seen = Vec::new();
        let end = rows.each_plain_row(|line, cells| seen.push((line, cells.join("|"))));
        assert_eq!(end, Err(3));
        assert_eq!(seen, [(1, "a|1".to_string()), (2, "b|2".to_string())]);
        let blank_between = Rows {
            bytes: b"a,1\n\nb,2\n".to_vec(),
            from: 0,
        };
        let mut seen = Vec::new();
        assert_eq!(
            blank_between.each_plain_row(|line, _| seen.push(line)),
            Ok(2)
        );
        assert_eq!(seen, [1, 3]);
        let quoted = Rows {
            bytes: b"a,\"1\"\n".to_vec(),
            from: 0,
        };
        assert!(!quoted.plain());
        let lone_return = Rows {
            bytes: b"a,1\rb,2\n".to_vec(),
            from: 0,
        };
        assert!(!lone_return.plain());
    }

    #[test]
    fn a_cut_is_doubted_only_where_a_quoted_cell_may_hold_a_line_break() {
        let doubt = |text: &str| {
            Rows {
                bytes: text.as_bytes().to_vec(),
                from: 0,
            }
            .quotes_span_lines()
        };
        // Quoted cells on one line, a doubled quote in one, CRLF line ends: cut where read.
        assert!(!doubt(
            "C1,\"Police, local\",x\r\nC2,\"say \"\"hi\"\"\",\"\"\n"
        ));
        assert!(!doubt("a,b\n"));
        // A line break in a quoted cell, or rows ending inside one (a cut fell there).
        assert!(doubt("C1,\"Police,\nlocal\"\n"));
        assert!(doubt("C1,\"Police,"));
        // A quote inside an unquoted cell: the csv crate's reading is not guessed at.
        assert!(doubt("C1,5\" wide\n"));
    }

    proptest! {
        /// Plain rows split here as the csv crate reads them, line numbers and all, blank lines
        /// and CRLF line ends included (`csv_stream` gives each row its own line).
        #[test]
        fn plain_rows_read_as_csv_reads_them(
            rows in proptest::collection::vec("[a-z0-9, ]{0,12}", 0..30),
            crlf in any::<bool>(),
        ) {
            let text = rows.join(if crlf { "\r\n" } else { "\n" });
            let read = Rows { bytes: text.clone().into_bytes(), from: 0 };
            prop_assert!(read.plain());
            let mut seen = Vec::new();
            let end = read.each_plain_row(|line, cells| {
                if cells.iter().any(|c| !c.is_empty()) {
                    seen.push((line, cells.iter().map(|c| (*c).to_string()).collect::<Vec<_>>()));
                }
            });
            prop_assert!(end.is_ok());
            prop_assert_eq!(seen, by_csv(&text));
        }

        /// Wherever a file of quoted cells is cut, a piece in doubt is flagged: when none is,
        /// reading the pieces one by one gives what reading the file whole gives.
        #[test]
        fn undoubted_pieces_read_as_the_whole_file(
            text in "[a,\"\r\n]{0,60}",
            piece in 1u64..20,
        ) {
            let records = |t: &str| -> Vec<Vec<String>> {
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(t.as_bytes())
                    .records()
                    .map(|r| r.map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default())
                    .collect()
            };
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("list.csv");
            std::fs::write(&file, &text).unwrap();
            let size = text.len() as u64;
            let rows: Vec<Rows> = spans(0, size, piece)
                .into_iter()
                .map(|s| read(&file, s, size).unwrap())
                .collect();
            if !rows.iter().any(|r| !r.plain() && r.quotes_span_lines()) {
                let cut: Vec<Vec<String>> = rows
                    .iter()
                    .flat_map(|r| records(std::str::from_utf8(r.bytes()).unwrap()))
                    .collect();
                prop_assert_eq!(cut, records(&text));
            }
        }

        /// However a file is cut, its pieces hold every row once, in order.
        #[test]
        fn pieces_hold_every_row_once(
            rows in proptest::collection::vec("[a-z0-9,]{0,12}", 0..40),
            piece in 1u64..30,
            last_break in any::<bool>(),
        ) {
            let mut text = String::from("header\n");
            let body = text.len() as u64;
            text.push_str(&rows.join("\n"));
            if last_break && !rows.is_empty() {
                text.push('\n');
            }
            let read = pieces(&text, body, piece);
            prop_assert_eq!(&read.concat(), &text[body as usize..]);
            // Whole rows: every piece but the last with rows ends with its line break.
            let with_rows: Vec<&String> = read.iter().filter(|p| !p.is_empty()).collect();
            let whole = with_rows.iter().rev().skip(1).all(|p| p.ends_with('\n'));
            prop_assert!(whole);
        }
    }
}
