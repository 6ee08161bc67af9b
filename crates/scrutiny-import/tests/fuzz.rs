//! Bounded fuzzing of every importer: performance and complaints tables from CSV and workbooks,
//! the bank-holiday file, the form readers and the cell parsers. Each must give data or errors in
//! words for any input, and never panic.
//!
//! A few seconds per target by default; `SCRUTINY_FUZZ_CASES` sets the cases of each file-level
//! target (the cheap parsers run twenty times as many). The longer run is in docs/testing.md.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use scrutiny_domain::Dataset;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::format::parse_money;
use scrutiny_domain::format::{read_date, read_printed};
use scrutiny_domain::period::{FinancialYear, Period, Quarter, ambiguous_date, parse_date};
use scrutiny_domain::table::{Table, TableSet};
use scrutiny_import::complaints::read_complaints;
use scrutiny_import::{ImportErrors, Known, Options, read_decimal, read_form, read_set_with};

/// Cases of each file-level target: small by default, so the suite stays quick on two cores.
fn cases() -> u32 {
    std::env::var("SCRUTINY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

fn config(scale: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases().saturating_mul(scale),
        // A failure is kept as a named regression test instead.
        failure_persistence: None,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Hostile cells

/// Cells chosen to break number, date, year, quarter, reference and CSV handling.
const NASTY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "-1",
    "+1",
    "1e400",
    "1E-400",
    "-1e400",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    "99999999999999999999999999999999999999",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.00000000000000000000000000000000001",
    "1,000,000,000,000,000,000,000,000,000,000",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "4294967296",
    "999999999999",
    "1e12",
    "(1)",
    "((1))",
    "(-1)",
    "£",
    "£-",
    "%",
    "100%",
    "1e400%",
    "12,5",
    ",",
    ".",
    "1.2.3",
    "5 (",
    "(5)",
    "5 (KS2",
    "9999-12-31",
    "2024-02-30",
    "0000-01-01",
    "-0001-01-01",
    "262143-12-31",
    "+262144-01-01",
    "31/12/9999",
    "29 February 2023",
    "00/00/0000",
    "1/1/1",
    "2012/13",
    "2012/2013",
    "2200/01",
    "1899/00",
    "-2147483648/-2147483647",
    "2147483647/48",
    "2147483647-2147483648",
    "Q0",
    "Q5",
    "Q1",
    "q4",
    "yes",
    "no",
    "TBC",
    "N/A",
    "Refer to comment",
    "To re-establish baseline in 2012/13",
    "\0",
    "\u{1}",
    "\u{7f}",
    "\u{202e}",
    "\u{feff}",
    "😀",
    "👩‍👩‍👧",
    "ǅ",
    "İ",
    "\"",
    "\"\"",
    "'",
    "=1+1",
    "@SUM(1)",
    "\r\n",
    "\n",
    "\r",
    ";",
    ";;;",
    "a;b;;c",
    "NI148",
    "#REF!",
];

fn nasty_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(NASTY).prop_map(str::to_string),
        2 => any::<String>(),
        2 => "[-+0-9.,%£() eE]{0,40}",
        1 => "[0-9]{1,5}[-/. ][0-9]{1,3}[-/. ][0-9]{1,7}",
        1 => (1usize..4).prop_map(|n| "9".repeat(n * 20_000)),
        1 => (1usize..4).prop_map(|n| "é\"\n,".repeat(n * 5_000)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Writing sets and checking the answer

/// Writes raw cells as CSV without quoting, so a cell may break the row it is in.
fn raw_csv(rows: &[Vec<String>], crlf: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    for row in rows {
        out.extend_from_slice(row.join(",").as_bytes());
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    out
}

/// Writes cells as proper CSV, each cell quoted as needed.
fn quoted_csv(rows: &[Vec<String>], crlf: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.into_inner().unwrap()
}

fn write_files(files: &[(String, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// A refusal must say, for each problem, what is wrong in words.
fn check_errors(e: &ImportErrors) -> Result<(), TestCaseError> {
    prop_assert!(!e.0.is_empty(), "refused with no error");
    for err in &e.0 {
        prop_assert!(
            err.message.trim().chars().count() > 5,
            "an error without words: {err:?}"
        );
    }
    prop_assert!(!e.to_string().is_empty());
    Ok(())
}

fn check_set(path: &Path, known: &Known, options: Options) -> Result<(), TestCaseError> {
    match read_set_with(path, known, options) {
        Ok(_) => Ok(()),
        Err(e) => check_errors(&e),
    }
}

fn check_complaints(path: &Path, held: &ComplaintsData) -> Result<(), TestCaseError> {
    match read_complaints(path, held, today()) {
        Ok(_) => Ok(()),
        Err(e) => check_errors(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// The sample sets, read once, as the base that hostile cells are put into

type Files = Vec<(String, Vec<Vec<String>>)>;

fn sample_dir(set: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sample")
        .join(set)
}

fn load_sample(set: &str) -> Files {
    let mut files = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(sample_dir(set))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    paths.sort();
    for p in paths {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&p)
            .unwrap();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        files.push((name, rows));
    }
    files
}

/// Self-contained performance sets, and what storage holds before each.
fn performance_samples() -> &'static [(Files, Known)] {
    static SETS: OnceLock<Vec<(Files, Known)>> = OnceLock::new();
    SETS.get_or_init(|| {
        let framework = scrutiny_import::read_set(&sample_dir("framework"), &Known::default())
            .expect("the sample framework reads");
        let after_framework = known_from(&framework);
        vec![
            (load_sample("framework"), Known::default()),
            (load_sample("cypf-2012-13-q1"), after_framework),
            (load_sample("glanmor-2024-25"), Known::default()),
        ]
    })
}

fn complaints_samples() -> &'static [Files] {
    static SETS: OnceLock<Vec<Files>> = OnceLock::new();
    SETS.get_or_init(|| vec![load_sample("complaints"), load_sample("complaints-glanmor")])
}

/// The keys storage would hold after `data`, as `Store::known` builds them.
fn known_from(data: &Dataset) -> Known {
    let mut known = Known::default();
    for t in Dataset::TABLES.iter().filter(|t| t.defines) {
        for row in data.rows(t.name) {
            known.insert(t.name, t.key_values(&row).join(" "));
        }
    }
    known
}

/// How a sample set is spoilt: a cell replaced, a row repeated or dropped, a column dropped.
#[derive(Debug, Clone)]
enum Spoil {
    Cell(String),
    RepeatRow,
    DropRow,
    DropColumn,
    HeaderCell(String),
}

fn spoil() -> impl Strategy<Value = Spoil> {
    prop_oneof![
        8 => nasty_cell().prop_map(Spoil::Cell),
        1 => Just(Spoil::RepeatRow),
        1 => Just(Spoil::DropRow),
        1 => Just(Spoil::DropColumn),
        1 => nasty_cell().prop_map(Spoil::HeaderCell),
    ]
}

/// Applies each spoil at a place picked by the indices (taken modulo the sizes found).
fn spoilt(files: &Files, spoils: &[(usize, usize, usize, Spoil)]) -> Files {
    let mut files = files.clone();
    for (f, r, c, how) in spoils {
        let n = files.len();
        let (_, rows) = &mut files[f % n];
        if rows.is_empty() {
            continue;
        }
        let r = r % rows.len();
        let width = rows[r].len().max(1);
        match how {
            Spoil::Cell(text) => {
                let r = if rows.len() > 1 { r.max(1) } else { r };
                if let Some(cell) = rows[r].get_mut(c % width) {
                    cell.clone_from(text);
                }
            }
            Spoil::RepeatRow => {
                let row = rows[r].clone();
                rows.push(row);
            }
            Spoil::DropRow => {
                rows.remove(r);
            }
            Spoil::DropColumn => {
                for row in rows.iter_mut() {
                    if c % width < row.len() {
                        row.remove(c % width);
                    }
                }
            }
            Spoil::HeaderCell(text) => {
                if let Some(cell) = rows[0].get_mut(c % width) {
                    cell.clone_from(text);
                }
            }
        }
    }
    files
}

fn spoils() -> impl Strategy<Value = Vec<(usize, usize, usize, Spoil)>> {
    proptest::collection::vec(
        (any::<usize>(), any::<usize>(), any::<usize>(), spoil()),
        1..4,
    )
}

/// The files as proper CSV: the samples' cells hold commas and quotes. (Broken quoting is the
/// hostile-table targets' part.)
fn as_csv(files: &Files, crlf: bool) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(name, rows)| (name.clone(), quoted_csv(rows, crlf)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tables of hostile cells under a real table's (spoilt) header

/// A header from `table`'s columns, some left out, repeated or unknown, then rows of hostile
/// cells, some shorter or longer than the header, some blank.
fn hostile_table(
    tables: &'static [&'static Table],
) -> impl Strategy<Value = (String, Vec<Vec<String>>)> {
    (
        0..tables.len(),
        proptest::collection::vec(0u8..10, 1..40),
        proptest::collection::vec(proptest::collection::vec(nasty_cell(), 0..14), 0..6),
    )
        .prop_map(move |(t, picks, rows)| {
            let table = tables[t];
            let mut header: Vec<String> =
                table.columns.iter().map(|c| c.name.to_string()).collect();
            for (i, p) in picks.iter().enumerate() {
                let at = i % header.len().max(1);
                match p {
                    0 if !header.is_empty() => {
                        header.remove(at);
                    }
                    1 if !header.is_empty() => {
                        let name = header[at].clone();
                        header.push(name);
                    }
                    2 => header.push(format!("extra_{i}")),
                    3 if !header.is_empty() => header[at] = header[at].to_uppercase(),
                    _ => {}
                }
            }
            let mut all = vec![header];
            all.extend(rows);
            (table.name.to_string(), all)
        })
}

// ---------------------------------------------------------------------------------------------
// Workbooks

/// How a cell is put into a workbook: as text, a number (plain or as a percentage), a date, a
/// truth value or a formula.
#[derive(Debug, Clone)]
enum XlsxCell {
    Text(String),
    Number(f64),
    Percent(f64),
    Date(u16, u8, u8),
    Bool(bool),
    Formula(String),
}

fn xlsx_cell() -> impl Strategy<Value = XlsxCell> {
    let numbers = prop_oneof![
        any::<f64>(),
        Just(7e28),
        Just(-7e28),
        Just(1e300),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(0.068),
        Just(1e12),
        Just(9.999_999_999_999e11),
        -1e30f64..1e30,
    ];
    prop_oneof![
        3 => nasty_cell().prop_map(XlsxCell::Text),
        2 => numbers.clone().prop_map(XlsxCell::Number),
        2 => numbers.prop_map(XlsxCell::Percent),
        1 => (1900u16..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| XlsxCell::Date(y, m, d)),
        1 => any::<bool>().prop_map(XlsxCell::Bool),
        1 => "[A-Z]{1,2}[0-9]{1,3}[-+*/][0-9]{1,3}|1/0|NA\\(\\)".prop_map(XlsxCell::Formula),
    ]
}

/// A workbook of `files` as sheets (cells as text), with the given cells put in over them.
fn workbook(
    files: &Files,
    cells: &[(usize, u32, u16, XlsxCell)],
    sheet_names: &[String],
) -> Vec<u8> {
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut used: Vec<String> = Vec::new();
    for (i, (name, rows)) in files.iter().enumerate() {
        let sheet = book.add_worksheet();
        let stem = name.trim_end_matches(".csv");
        let wanted = sheet_names.get(i).map_or(stem, String::as_str);
        // A name Excel refuses, or one already used, keeps the table's own.
        let fresh = |n: &str| !used.contains(&n.to_lowercase());
        if !(fresh(wanted) && sheet.set_name(wanted).is_ok()) {
            let fallback = if fresh(stem) {
                stem.to_string()
            } else {
                format!("sheet {i}")
            };
            sheet.set_name(&fallback).unwrap();
        }
        used.push(sheet.name().to_lowercase());
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let _ = sheet.write_string(r as u32, c as u16, text);
            }
        }
        for (s, r, c, cell) in cells {
            if s % files.len() != i {
                continue;
            }
            let (r, c) = (*r, *c);
            // A cell rust_xlsxwriter refuses to write (NaN, a bad date) is simply not written.
            let _ = match cell {
                XlsxCell::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                XlsxCell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                XlsxCell::Percent(n) => sheet
                    .write_number_with_format(r, c, *n, &percent)
                    .map(|_| ()),
                XlsxCell::Date(y, m, d) => ExcelDateTime::from_ymd(*y, *m, *d).and_then(|dt| {
                    sheet
                        .write_datetime_with_format(r, c, &dt, &date)
                        .map(|_| ())
                }),
                XlsxCell::Bool(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
                XlsxCell::Formula(f) => sheet.write_formula(r, c, Formula::new(f)).map(|_| ()),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

/// A small real workbook: the sample framework as sheets.
fn framework_workbook() -> &'static [u8] {
    static BOOK: OnceLock<Vec<u8>> = OnceLock::new();
    BOOK.get_or_init(|| workbook(&performance_samples()[0].0, &[], &[]))
}

/// The spoilt-sample targets reach the rules past the cell checks only if the samples, as
/// written back here, read cleanly.
#[test]
fn the_samples_read_before_they_are_spoilt() {
    for (files, known) in performance_samples() {
        let dir = write_files(&as_csv(files, false));
        if let Err(e) = read_set_with(dir.path(), known, Options::default()) {
            panic!("{}: {e}", files[0].0);
        }
    }
    for files in complaints_samples() {
        let dir = write_files(&as_csv(files, true));
        if let Err(e) = read_complaints(dir.path(), &ComplaintsData::default(), today()) {
            panic!("{}: {e}", files[0].0);
        }
    }
    let dir = write_files(&[("framework.xlsx".into(), framework_workbook().to_vec())]);
    let path = dir.path().join("framework.xlsx");
    if let Err(e) = read_set_with(&path, &Known::default(), Options::default()) {
        panic!("the framework workbook: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// The targets

proptest! {
    #![proptest_config(config(1))]

    /// Any bytes at all, named as a CSV file of a real table or held in a folder.
    #[test]
    fn csv_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        name in proptest::sample::select(vec!["values", "indicators", "cases", "elements", "settings", "x"]),
        in_folder in any::<bool>(),
    ) {
        let file = format!("{name}.csv");
        let dir = write_files(&[(file.clone(), bytes)]);
        let path = if in_folder { dir.path().to_path_buf() } else { dir.path().join(&file) };
        check_set(&path, &Known::default(), Options::default())?;
        check_complaints(&path, &ComplaintsData::default())?;
    }

    /// Case records: any bytes as a CIN census file or an Annex A list, and a census with its
    /// dates and flags replaced by hostile text, cut short anywhere.
    #[test]
    fn case_records_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        name in proptest::sample::select(vec!["cin.xml", "List 3.csv", "List 1.csv", "List 4.xlsx"]),
        cell in "\\PC{0,40}",
        cut in 0usize..2000,
    ) {
        let dir = write_files(&[(name.to_string(), bytes)]);
        for path in [dir.path().join(name), dir.path().to_path_buf()] {
            if let Err(e) = scrutiny_import::cases::read_front_door(&path) {
                check_errors(&e)?;
            }
        }
        let census = format!(
            "<Message><Children><Child><ChildIdentifiers><LAchildID>{cell}</LAchildID></ChildIdentifiers>\
             <CINdetails><CINreferralDate>{cell}</CINreferralDate><ReferralNFA>{cell}</ReferralNFA>\
             <Assessments><AssessmentActualStartDate>{cell}</AssessmentActualStartDate></Assessments>\
             </CINdetails></Child></Children></Message>"
        );
        let cut = census.floor_char_boundary(cut.min(census.len()));
        let dir = write_files(&[("cin.xml".to_string(), census.as_bytes()[..cut].to_vec())]);
        if let Err(e) = scrutiny_import::cases::read_front_door(&dir.path().join("cin.xml")) {
            check_errors(&e)?;
        }
    }

    /// A 903 return: any bytes as one of its tables, and every table's real header over a row
    /// of hostile cells.
    #[test]
    fn ssda903_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        name in proptest::sample::select(vec!["episodes.csv", "header.csv", "oc3.csv", "ad1.csv", "placed_adoption.csv", "missing.csv"]),
        cells in proptest::collection::vec(proptest::sample::select(NASTY.to_vec()), 8),
    ) {
        let mut files = vec![(name.to_string(), bytes)];
        if name != "episodes.csv" {
            files.push(("episodes.csv".to_string(), b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n".to_vec()));
        }
        let dir = write_files(&files);
        if let Err(e) = scrutiny_import::ssda903::read_ssda903(dir.path()) {
            check_errors(&e)?;
        }
        let row = cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",");
        let tables = [
            ("header.csv", "CHILD,DOB"),
            ("episodes.csv", "CHILD,DECOM,RNE,LS,PLACE,DEC,REC"),
            ("oc3.csv", "CHILD,IN_TOUCH,ACTIV,ACCOM"),
            ("ad1.csv", "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE"),
            ("placed_adoption.csv", "CHILD,DATE_PLACED,DATE_PLACED_CEASED"),
            ("missing.csv", "CHILD,MISSING,MIS_START,MIS_END"),
        ];
        let files: Vec<(String, Vec<u8>)> = tables
            .iter()
            .map(|(f, h)| (f.to_string(), format!("{h}\n{row}\n").into_bytes()))
            .collect();
        let dir = write_files(&files);
        if let Err(e) = scrutiny_import::ssda903::read_ssda903(dir.path()) {
            check_errors(&e)?;
        }
    }

    /// The Annex A mapping and the population estimates, the two files a council edits by hand:
    /// any bytes, and each one's real header over rows of hostile cells.
    #[test]
    fn mapping_and_population_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        cells in proptest::collection::vec(proptest::sample::select(NASTY.to_vec()), 4),
    ) {
        let row = cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",");
        for text in [bytes.clone(), format!("kind,label,wording\n{row}\n").into_bytes(), format!("area_code,area_name,mid_year,population_0_17\n{row}\n").into_bytes()] {
            let dir = write_files(&[("file.csv".to_string(), text)]);
            let path = dir.path().join("file.csv");
            if let Err(e) = scrutiny_import::annex_a_mapping::Mapping::read(&path) {
                check_errors(&e)?;
            }
            if let Err(e) = scrutiny_import::population::read_population(&path) {
                check_errors(&e)?;
            }
        }
    }

    /// A report uploaded as Word: any bytes, and a real zip whose document is hostile text cut
    /// short anywhere; read or refused in words, never a panic.
    #[test]
    fn word_reports_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        cell in "\\PC{0,60}",
        cut in 0usize..400,
    ) {
        let _ = scrutiny_import::word::read_word(&bytes);
        let xml = format!(
            "<w:document xmlns:w=\"w\"><w:body><w:p><w:pPr><w:pStyle w:val=\"{cell}\"/></w:pPr>\
             <w:r><w:t>{cell}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
        );
        let cut = xml.floor_char_boundary(cut.min(xml.len()));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, &xml.as_bytes()[..cut]).unwrap();
        let docx = zip.finish().unwrap().into_inner();
        if let Err(why) = scrutiny_import::word::read_word(&docx) {
            prop_assert!(!why.is_empty());
        }
    }

    /// Real performance tables' headers over hostile cells, written raw or quoted, with any line
    /// ending and an optional byte-order mark.
    #[test]
    fn performance_csv_of_hostile_cells(
        tables in proptest::collection::vec(hostile_table(Dataset::TABLES), 1..4),
        quoted in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        decimal_comma in any::<bool>(),
    ) {
        let files: Vec<_> = tables
            .iter()
            .map(|(name, rows)| {
                let bytes = if quoted { quoted_csv(rows, crlf) } else { raw_csv(rows, crlf, bom) };
                (format!("{name}.csv"), bytes)
            })
            .collect();
        let dir = write_files(&files);
        let known = &performance_samples()[1].1;
        check_set(dir.path(), known, Options { decimal_comma })?;
    }

    /// Real complaints tables' headers over hostile cells and impossible dates.
    #[test]
    fn complaints_csv_of_hostile_cells(
        tables in proptest::collection::vec(hostile_table(ComplaintsData::TABLES), 1..4),
        quoted in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let files: Vec<_> = tables
            .iter()
            .map(|(name, rows)| {
                let bytes = if quoted { quoted_csv(rows, crlf) } else { raw_csv(rows, crlf, false) };
                (format!("{name}.csv"), bytes)
            })
            .collect();
        let dir = write_files(&files);
        check_complaints(dir.path(), &ComplaintsData::default())?;
    }

    /// A sample performance set that reads, spoilt in a few places: the rules past the cell
    /// checks (references, keys, record rules) see the hostile values too.
    #[test]
    fn performance_sample_spoilt(
        set in 0usize..3,
        spoils in spoils(),
        crlf in any::<bool>(),
        decimal_comma in any::<bool>(),
    ) {
        let (files, known) = &performance_samples()[set];
        let dir = write_files(&as_csv(&spoilt(files, &spoils), crlf));
        check_set(dir.path(), known, Options { decimal_comma })?;
    }

    /// A sample complaints set that reads, spoilt in a few places.
    #[test]
    fn complaints_sample_spoilt(
        set in 0usize..2,
        spoils in spoils(),
        crlf in any::<bool>(),
    ) {
        let files = &complaints_samples()[set];
        let dir = write_files(&as_csv(&spoilt(files, &spoils), crlf));
        check_complaints(dir.path(), &ComplaintsData::default())?;
    }

    /// Any bytes named as a workbook.
    #[test]
    fn workbook_of_random_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        ext in proptest::sample::select(vec!["xlsx", "xls", "xlsb", "ods", "txt"]),
        zip_magic in any::<bool>(),
    ) {
        let mut bytes = bytes;
        if zip_magic {
            // Past the first check: a zip's local file header.
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        let dir = write_files(&[(format!("book.{ext}"), bytes)]);
        let path = dir.path().join(format!("book.{ext}"));
        check_set(&path, &Known::default(), Options::default())?;
        check_complaints(&path, &ComplaintsData::default())?;
    }

    /// A real workbook with some bytes changed, cut short or repeated.
    #[test]
    fn workbook_mutated(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..16),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let mut bytes = framework_workbook().to_vec();
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        let dir = write_files(&[("framework.xlsx".into(), bytes)]);
        check_set(&dir.path().join("framework.xlsx"), &Known::default(), Options::default())?;
    }

    /// A sample set as a workbook, with hostile cells of every kind Excel holds (numbers as
    /// percentages, dates, truth values, formulas) and hostile sheet names.
    #[test]
    fn workbook_of_hostile_cells(
        set in 0usize..5,
        cells in proptest::collection::vec(
            (
                any::<usize>(),
                prop_oneof![40 => 0u32..12, 1 => Just(1_048_575u32)],
                prop_oneof![40 => 0u16..20, 1 => Just(16_383u16)],
                xlsx_cell(),
            ),
            1..12,
        ),
        sheet_names in proptest::collection::vec(
            prop_oneof![nasty_cell(), Just("README".to_string()), Just(" Values ".to_string())],
            0..3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        if set < 3 {
            let (files, known) = &performance_samples()[set];
            std::fs::write(&path, workbook(files, &cells, &sheet_names)).unwrap();
            check_set(&path, known, Options::default())?;
        } else {
            let files = &complaints_samples()[set - 3];
            std::fs::write(&path, workbook(files, &cells, &sheet_names)).unwrap();
            check_complaints(&path, &ComplaintsData::default())?;
        }
    }

    /// A form's rows, as the web's pages hand them over, for any table.
    #[test]
    fn form_of_hostile_cells((name, rows) in hostile_table(Dataset::TABLES)) {
        let mut rows = rows.into_iter();
        let header = rows.next().unwrap_or_default();
        let known = &performance_samples()[1].1;
        if let Err(e) = read_form(&name, header, rows.collect(), known) {
            check_errors(&e)?;
        }
    }

    /// The bank-holiday file: any text, and GOV.UK's shape with hostile dates and divisions.
    #[test]
    fn bank_holiday_file(
        junk in any::<String>(),
        dates in proptest::collection::vec(
            prop_oneof![
                nasty_cell(),
                (-300_000i32..300_000, 0u32..14, 0u32..33)
                    .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            ],
            0..8),
        division in prop_oneof![Just("england-and-wales".to_string()), any::<String>()],
        start in (1i32..=9999, 1u32..=365),
        n in 0u32..400,
    ) {
        if let Err(e) = BankHolidays::from_govuk_json(&junk, "england-and-wales") {
            prop_assert!(!e.to_string().is_empty());
        }
        let events: Vec<String> = dates
            .iter()
            .map(|d| format!("{{\"title\":\"x\",\"date\":{}}}", json_string(d)))
            .collect();
        let json = format!(
            "{{{}:{{\"division\":\"x\",\"events\":[{}]}}}}",
            json_string(&division),
            events.join(",")
        );
        match BankHolidays::from_govuk_json(&json, "england-and-wales") {
            Ok(holidays) => {
                let (first, last) = holidays.years();
                prop_assert!(first <= last);
                let day = NaiveDate::from_yo_opt(start.0, start.1).unwrap();
                // Each answer is a date or an error in words, whichever the coverage allows.
                if let Err(e) = holidays.add_working_days(day, n) {
                    prop_assert!(!e.to_string().is_empty());
                }
                let later = day.checked_add_days(chrono::Days::new(u64::from(n))).unwrap_or(day);
                if let Err(e) = holidays.working_days_between(later, day) {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(config(20))]

    /// The cell and form parsers: cheap, so run many times over.
    #[test]
    fn parsers_of_any_text(text in prop_oneof![nasty_cell(), any::<String>(), "[-+0-9.,%£() eE/Q]{0,30}"]) {
        for decimal_comma in [false, true] {
            if let Err(why) = read_decimal(&text, Options { decimal_comma }) {
                prop_assert!(!why.is_empty());
            }
        }
        for parsed in [Figure::parse(&text), Figure::parse_value(&text), Figure::parse_target(&text)] {
            match parsed {
                Ok(f) => {
                    let _ = f.display(Unit::Percent, Some(2));
                    let _ = f.display(Unit::RatePer10000, None);
                    let _ = f.to_entry();
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
        let _ = FinancialYear::parse(&text).map(|y| (y.start(), y.end(), y.to_string()));
        let _ = Quarter::parse(&text);
        let _ = Period::parse(&text).map(|p| (p.start(), p.end(), p.reporting_period_label()));
        let _ = parse_date(&text).map(|d| (FinancialYear::containing(d), Period::containing(d)));
        let _ = ambiguous_date(&text);
        let _ = parse_money(&text);
        let _ = Unit::parse(&text);
        let _ = read_printed(&text);
        let _ = read_date(&text);
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs that once panicked, kept as plain tests

/// A percentage cell of 7e28 (shown as 7e30%) overflowed a decimal when read as its text.
#[test]
fn a_huge_percentage_cell_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    let (files, known) = &performance_samples()[0];
    let cells = [(0, 0, 0, XlsxCell::Percent(7e28))];
    std::fs::write(&path, workbook(files, &cells, &[])).unwrap();
    let errors = read_set_with(&path, known, Options::default()).unwrap_err();
    assert!(
        errors
            .to_string()
            .contains("7000000000000000000000000000000%"),
        "{errors}"
    );
}

/// A few kilobytes naming cells A1 and XFD1048576 once made the reader set aside room for every
/// cell between them (half a terabyte) and abort the process.
#[test]
fn a_sheet_spanning_the_whole_grid_is_refused_in_words() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("values").unwrap();
    sheet.write_string(0, 0, "indicator").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let dir = write_files(&[("book.xlsx".into(), book.save_to_buffer().unwrap())]);
    let errors = read_set_with(
        &dir.path().join("book.xlsx"),
        &Known::default(),
        Options::default(),
    )
    .unwrap_err();
    let text = errors.to_string();
    assert!(
        text.contains("1048576 rows by 16384 columns (as far as cell XFD1048576)"),
        "{text}"
    );
    assert!(text.contains("delete the stray cells"), "{text}");
}
