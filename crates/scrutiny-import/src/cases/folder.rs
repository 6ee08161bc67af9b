//! A folder of Annex A lists as CSV files, read on every core: each list is cut into pieces of
//! whole rows (`csv_pieces`), the pieces read at once, and their records joined in file and row
//! order, each child numbered as one reading of the files would number it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use scrutiny_domain::cases::FrontDoor;

use super::{
    Cells, Line, OnProgress, PROGRESS_EVERY, Progress, list_columns, list_number, read_row,
};
use crate::annex_a_mapping::Mapping;
use crate::csv_pieces::{self, Span};
use crate::csv_stream;
use crate::error::ImportError;
use crate::read::RawTable;

/// A CSV list opened: its header read and its columns found.
struct List {
    file: PathBuf,
    shown: String,
    table: RawTable,
    /// The list's number and where its columns are; none when it is not read.
    read: Option<(u32, Vec<Option<usize>>)>,
    /// The lists not read, by name, for the report.
    head: FrontDoor,
    /// The header's problems.
    errors: Vec<ImportError>,
    /// Where the rows start, in bytes, and the lines before them.
    body: u64,
    lines: u64,
    size: u64,
    /// Bytes and rows read so far, for the progress bar.
    bytes_read: AtomicU64,
    rows_read: AtomicU64,
}

/// A piece of a list read: its records, its problems (rows counted from the piece's first), its
/// line breaks, and whether a cut may have fallen inside one of its cells.
struct Piece {
    records: FrontDoor,
    errors: Vec<ImportError>,
    lines: u64,
    doubtful: bool,
}

/// Streams every CSV list in a folder into `out`; the tables read (headers only, for the checks
/// that follow), or none when the folder holds no CSV file (the general reader then says so).
pub(super) fn stream_folder(
    dir: &Path,
    out: &mut FrontDoor,
    errors: &mut Vec<ImportError>,
    mapping: &Mapping,
    progress: OnProgress,
    piece_bytes: u64,
) -> Vec<RawTable> {
    let lists: Vec<List> = csv_stream::csv_files(dir)
        .into_iter()
        .filter_map(|file| match open(file, mapping) {
            Ok(list) => Some(list),
            Err(e) => {
                errors.push(e);
                None
            }
        })
        .collect();
    let spans: Vec<(usize, Span)> = lists
        .iter()
        .enumerate()
        .filter(|(_, list)| list.read.is_some())
        .flat_map(|(i, list)| {
            csv_pieces::spans(list.body, list.size, piece_bytes)
                .into_iter()
                .map(move |span| (i, span))
        })
        .collect();
    let mut pieces: Vec<Piece> = spans
        .par_iter()
        .map(|&(i, span)| guarded(&lists[i], || piece(&lists[i], span, mapping, progress)))
        .collect();
    let mut parts = Vec::with_capacity(pieces.len() + lists.len());
    let mut tables = Vec::with_capacity(lists.len());
    for (i, mut list) in lists.into_iter().enumerate() {
        let at: Vec<usize> = (0..spans.len()).filter(|&k| spans[k].0 == i).collect();
        // A quoted cell holding a line break may have been cut: such a list is read again whole
        // (rare; quoted cells on one line are read in their pieces).
        if at.len() > 1 && at.iter().any(|&k| pieces[k].doubtful) {
            let whole = guarded(&list, || whole(&list, mapping, progress));
            pieces[at[0]] = whole;
            for &k in &at[1..] {
                pieces[k] = Piece::empty();
            }
        }
        errors.append(&mut list.errors);
        parts.push(std::mem::take(&mut list.head));
        let mut lines = list.lines;
        for k in at {
            let piece = std::mem::replace(&mut pieces[k], Piece::empty());
            errors.extend(piece.errors.into_iter().map(|e| later(e, lines)));
            lines += piece.lines;
            parts.push(piece.records);
        }
        tables.push(list.table);
    }
    out.append(FrontDoor::joined(parts));
    tables
}

impl Piece {
    fn empty() -> Piece {
        Piece {
            records: FrontDoor::default(),
            errors: Vec::new(),
            lines: 0,
            doubtful: false,
        }
    }

    /// Nothing read, with the problem said for the whole file.
    fn failed(list: &List, message: String) -> Piece {
        Piece {
            errors: vec![csv_stream::unreadable(&list.shown, None, message)],
            ..Piece::empty()
        }
    }
}

/// A list's header read and its columns found.
fn open(file: PathBuf, mapping: &Mapping) -> Result<List, ImportError> {
    let (shown, name) = csv_stream::names(&file);
    let (reader, header) = csv_stream::open(&file, &shown)?;
    let mut head = FrontDoor::default();
    let mut errors = Vec::new();
    let table = RawTable {
        name: name.clone(),
        file: shown.clone(),
        sheet: None,
        header,
        rows: Vec::new(),
        formats_known: true,
    };
    let read = list_number(&name).and_then(|number| {
        list_columns(&table, number, mapping, &mut head, &mut errors).map(|at| (number, at))
    });
    let position = reader.position();
    Ok(List {
        size: std::fs::metadata(&file).map_or(0, |m| m.len()),
        file,
        shown,
        table,
        read,
        head,
        errors,
        body: position.byte(),
        lines: position.line().saturating_sub(1),
        bytes_read: AtomicU64::new(0),
        rows_read: AtomicU64::new(0),
    })
}

/// A piece read, or the problem saying it could not be.
fn guarded(list: &List, read: impl FnOnce() -> Piece) -> Piece {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Piece::failed(
            list,
            "this file could not be read to the end: nothing was taken from it".into(),
        )
    })
}

fn piece(list: &List, span: Span, mapping: &Mapping, progress: OnProgress) -> Piece {
    let rows = match csv_pieces::read(&list.file, span, list.size) {
        Ok(rows) => rows,
        Err(e) => {
            return Piece::failed(list, format!("cannot read the file: {e}"));
        }
    };
    let lines = rows.lines();
    // Plain rows hold no quote; only others are looked through for quoted line breaks.
    let plain = rows.plain();
    let doubtful = !plain && rows.quotes_span_lines();
    let (mut records, errors, count) = if plain {
        plain_rows_of(list, &rows, mapping, lines)
    } else {
        rows_of(list, rows.bytes(), mapping, |_, _| {})
    };
    // Held until every piece is read: only what the join needs.
    records.children.compact();
    records.shrink_to_fit();
    let bytes = list
        .bytes_read
        .fetch_add(span.end - span.start, Ordering::Relaxed);
    let total = list.rows_read.fetch_add(count, Ordering::Relaxed) + count;
    progress(&Progress {
        file: list.shown.clone(),
        read: (bytes + span.end - span.start + list.body).min(list.size),
        size: list.size,
        rows: total,
    });
    Piece {
        records,
        errors,
        lines,
        doubtful,
    }
}

/// The whole list read in one piece, from its file as a stream (memory does not grow with it).
fn whole(list: &List, mapping: &Mapping, progress: OnProgress) -> Piece {
    use std::io::{Seek, SeekFrom};
    let file = std::fs::File::open(&list.file).and_then(|mut f| {
        f.seek(SeekFrom::Start(list.body))?;
        Ok(f)
    });
    let file = match file {
        Ok(file) => std::io::BufReader::new(file),
        Err(e) => {
            return Piece::failed(list, format!("cannot read the file: {e}"));
        }
    };
    let tell = |rows: u64, byte: Option<u64>| {
        progress(&Progress {
            file: list.shown.clone(),
            read: byte.map_or(list.size, |b| (list.body + b).min(list.size)),
            size: list.size,
            rows,
        });
    };
    let (records, errors, _) = rows_of(list, file, mapping, tell);
    Piece {
        records,
        errors,
        ..Piece::empty()
    }
}

/// The rows of a list (no header) into records, each problem said with its row counted from
/// the first given here.
fn rows_of<R: std::io::Read>(
    list: &List,
    rows: R,
    mapping: &Mapping,
    tick: impl FnMut(u64, Option<u64>),
) -> (FrontDoor, Vec<ImportError>, u64) {
    let mut out = for_merging();
    let mut errors = Vec::new();
    let mut count = 0;
    if list.read.is_none() {
        return (out, errors, count);
    }
    let mut reader = csv_stream::reader(rows, false);
    let mut tick = tick;
    csv_stream::each_row(
        &mut reader,
        &list.shown,
        &mut errors,
        PROGRESS_EVERY,
        |rows, byte| {
            count = rows;
            tick(rows, byte);
        },
        |row, record, errors| into_records(list, row, record, mapping, &mut out, errors),
    );
    (out, errors, count)
}

/// As [`rows_of`], for plain rows (no quotes), split without the csv crate.
fn plain_rows_of(
    list: &List,
    rows: &csv_pieces::Rows,
    mapping: &Mapping,
    lines: u64,
) -> (FrontDoor, Vec<ImportError>, u64) {
    let mut out = for_merging();
    let mut errors = Vec::new();
    if list.read.is_none() {
        return (out, errors, 0);
    }
    // Room for a child a row, as an identifier of a dozen bytes: growing the tables step by
    // step was a tenth of the time. Let go of again when the piece is compacted.
    out.children
        .reserve(usize::try_from(lines).unwrap_or(0), 12);
    let read = rows.each_plain_row(|row, cells| {
        into_records(list, row, cells, mapping, &mut out, &mut errors);
    });
    let count = match read {
        Ok(count) => count,
        Err(line) => {
            errors.push(csv_stream::not_utf8(&list.shown, Some(line)));
            0
        }
    };
    (out, errors, count)
}

/// Records of a piece, its children numbered for the join ([`FrontDoor::joined`]), which
/// tells a child met in several rows or pieces apart.
fn for_merging() -> FrontDoor {
    FrontDoor {
        children: scrutiny_domain::cases::names::Names::for_merging(),
        ..FrontDoor::default()
    }
}

/// One row of a list read into its record, each problem said.
fn into_records<C: Cells + ?Sized>(
    list: &List,
    row: usize,
    cells: &C,
    mapping: &Mapping,
    out: &mut FrontDoor,
    errors: &mut Vec<ImportError>,
) {
    if let Some((number, at)) = &list.read {
        let line = Line {
            table: &list.table,
            number: *number,
            at,
            row,
            mapping,
        };
        read_row(&line, cells, out, errors);
    }
}

/// A problem found `lines` lines into the file, its row counted from there.
fn later(mut e: ImportError, lines: u64) -> ImportError {
    if let Some(row) = e.location.row.as_mut() {
        *row += usize::try_from(lines).unwrap_or(usize::MAX);
    }
    e
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The folder read in pieces of `bytes`: its records and its problems.
    fn read(dir: &Path, bytes: u64) -> (FrontDoor, Vec<String>) {
        let mut out = FrontDoor::default();
        let mut errors = Vec::new();
        stream_folder(
            dir,
            &mut out,
            &mut errors,
            &Mapping::default(),
            &|_| {},
            bytes,
        );
        (out, errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn pieces_read_as_the_whole_file_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut contacts = String::from("Child Unique ID,Date of Contact,Contact Source\n");
        let mut referrals = String::from("Child Unique ID,Date of referral,Referral Source\n");
        for i in 0..300 {
            let day = if i == 250 {
                "31/02/2024".to_string()
            } else {
                format!("2024-01-{:02}", i % 28 + 1)
            };
            contacts.push_str(&format!("C{},{day},Police\n", i % 70));
            // Quoted sources, one holding a line break: this list is read again whole.
            let source = if i == 120 {
                "\"Police,\nlocal\""
            } else {
                "\"Schools\""
            };
            referrals.push_str(&format!("C{},2024-02-01,{source}\n", i % 90));
        }
        referrals.push_str("C1,not a date,Schools\n");
        std::fs::write(dir.path().join("List 1.csv"), contacts).unwrap();
        std::fs::write(dir.path().join("List 3.csv"), referrals).unwrap();
        let (whole, whole_errors) = read(dir.path(), u64::MAX / 4);
        let (cut, cut_errors) = read(dir.path(), 100);
        assert_eq!(cut_errors, whole_errors);
        assert_eq!(whole_errors.len(), 2, "{whole_errors:?}");
        // Row 252: the header, then the 251st contact.
        assert!(whole_errors[0].contains("row 252"), "{whole_errors:?}");
        // Row 303: the header, 300 referrals and one held on two lines.
        assert!(whole_errors[1].contains("row 303"), "{whole_errors:?}");
        assert_eq!(cut, whole);
        assert_eq!(cut.contacts.len(), 299);
        assert_eq!(cut.referrals.len(), 300);
        assert_eq!(
            cut.wording_text(cut.referrals[120].source.unwrap()),
            "Police,\nlocal"
        );
    }

    /// Quoted cells each on one line: the pieces are read as they were cut, once, with the same
    /// records and problems as one reading.
    #[test]
    fn quoted_cells_on_one_line_are_read_in_their_pieces_once() {
        use std::sync::Mutex;
        let dir = tempfile::tempdir().unwrap();
        let mut referrals = String::from("Child Unique ID,Date of referral,Referral Source\n");
        for i in 0..300 {
            let day = if i == 280 { "nope" } else { "2024-02-01" };
            referrals.push_str(&format!("C{},{day},\"Police, local\"\n", i % 90));
        }
        std::fs::write(dir.path().join("List 3.csv"), referrals).unwrap();
        let (whole, whole_errors) = read(dir.path(), u64::MAX / 4);
        let seen = Mutex::new(Vec::new());
        let mut cut = FrontDoor::default();
        let mut errors = Vec::new();
        stream_folder(
            dir.path(),
            &mut cut,
            &mut errors,
            &Mapping::default(),
            &|p| seen.lock().unwrap().push(p.read),
            100,
        );
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors, whole_errors);
        // Row 282: the header, then the 281st referral.
        assert!(errors[0].contains("row 282"), "{errors:?}");
        assert_eq!(cut, whole);
        // One report a piece; a second reading would add its own.
        let header = "Child Unique ID,Date of referral,Referral Source\n".len() as u64;
        let size = std::fs::metadata(dir.path().join("List 3.csv"))
            .unwrap()
            .len();
        let pieces = csv_pieces::spans(header, size, 100).len();
        assert!(pieces > 10);
        assert_eq!(seen.into_inner().unwrap().len(), pieces, "read again");
    }

    /// A quoted file saved on Windows (CRLF), with blank lines, larger than the bytes the reader
    /// keeps: each problem names the row's own line, read in pieces or whole.
    #[test]
    fn rows_of_a_quoted_crlf_file_are_named_by_their_own_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Child Unique ID,Date of referral,Referral Source\r\n");
        let mut line = 1;
        let mut bad = Vec::new();
        for i in 0..6000 {
            if i % 1000 == 500 {
                text.push_str("\r\n");
                line += 1;
            }
            line += 1;
            let day = if i % 1500 == 1499 {
                bad.push(line);
                "nope"
            } else {
                "2024-02-01"
            };
            text.push_str(&format!("C{i},{day},\"Police, local\"\r\n"));
        }
        std::fs::write(dir.path().join("List 3.csv"), text).unwrap();
        for bytes in [u64::MAX / 4, 20_000] {
            let (read, errors) = read(dir.path(), bytes);
            assert_eq!(read.referrals.len(), 6000 - bad.len());
            assert_eq!(errors.len(), bad.len(), "{errors:?}");
            for (e, line) in errors.iter().zip(&bad) {
                assert!(e.contains(&format!("row {line}")), "{e} is not row {line}");
            }
        }
    }
}
