//! Every sample report's workbook opened with calamine, as a spreadsheet user would: figures are
//! numbers (percentages fractions with a percent format), dates are dates, no text can run as a
//! formula, no figure anywhere is held as text, and the sheet names are Excel's (at most 31
//! characters, unique) with a Contents sheet naming each table in full.

#![allow(clippy::unwrap_used)]

use calamine::{Data, Reader, Xlsx, open_workbook};
use scrutiny_domain::format::read_printed;
use scrutiny_report::document::{Block, Document};

use crate::harness::TestDb;
use crate::html_snapshot::{complaints_reports, framework_reports};

fn workbook(doc: &Document) -> (tempfile::TempDir, Xlsx<std::io::BufReader<std::fs::File>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    scrutiny_report::tables::write_xlsx(doc, &path).unwrap();
    let book = open_workbook(&path).unwrap();
    (dir, book)
}

/// The columns of the gathered tables (indicators, counts, finance) that hold figures.
const FIGURES: [&str; 9] = [
    "Previous year actual",
    "Target",
    "Current",
    "Total",
    "Green",
    "Annual Budget £'000",
    "Budget to Date £'000",
    "Expenditure to Date £'000",
    "Variance to Date £'000",
];

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        d => d.to_string(),
    }
}

#[tokio::test]
async fn sample_workbooks_hold_typed_safe_cells_under_excel_names() {
    let (db, data) = TestDb::with_samples().await;
    let mut docs = framework_reports(&data);
    docs.extend(complaints_reports(&db).await);
    docs.push(crate::case_analysis::sample_report());
    docs.push(crate::case_analysis::sample_front_door_report());
    docs.push(crate::case_analysis::sample_weekly_front_door_report());
    docs.extend(crate::case_analysis::sample_care_reports());
    let (mut percents, mut dates, mut numbers) = (0, 0, 0);
    let mut as_text = Vec::new();
    for doc in &docs {
        let (_dir, mut book) = workbook(doc);
        let names = book.sheet_names();
        assert_eq!(names[0], "Contents", "{}", doc.slug);
        let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), names.len(), "{}: {names:?}", doc.slug);
        for n in &names {
            assert!(n.chars().count() <= 31, "{}: {n}", doc.slug);
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        }
        // The Contents sheet names every other sheet with its full caption.
        let contents = book.worksheet_range("Contents").unwrap();
        let listed: Vec<String> = contents.rows().skip(1).map(|r| text(&r[0])).collect();
        assert_eq!(listed, names[1..], "{}", doc.slug);
        for name in &names[1..] {
            let range = book.worksheet_range(name).unwrap();
            let styles = book.worksheet_style(name).unwrap();
            let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
            for (r, row) in range.rows().enumerate().skip(1) {
                for (c, cell) in row.iter().enumerate() {
                    let heading = &header[c];
                    if let Data::String(s) = cell {
                        assert!(
                            !s.starts_with(['=', '+', '-', '@', '\t', '\r']),
                            "{}/{name} {heading}: {s:?} could run as a formula",
                            doc.slug
                        );
                        // A figure held as text, in any table: nothing could sum it.
                        // A reference ("1.10") names, and a year ("2013" as an action's
                        // timescale) dates; neither is a quantity.
                        let reference = heading.eq_ignore_ascii_case("ref");
                        let year = s.len() == 4 && (1900..2100).contains(&s.parse().unwrap_or(0));
                        if !reference && !year && read_printed(s).is_some() {
                            as_text.push(format!("{}/{name} {heading} row {r}: {s:?}", doc.slug));
                        }
                    }
                    // The gathered tables' figures, and any column with a note column beside it.
                    let gathered = ["Section", "Statement"].contains(&header[0].as_str());
                    let figures = (gathered && FIGURES.contains(&heading.as_str()))
                        || header.contains(&format!("{heading} note"));
                    if figures && !matches!(cell, Data::Empty) {
                        assert!(
                            matches!(cell, Data::Float(_) | Data::Int(_)),
                            "{}/{name} {heading} row {r}: {cell:?} is not a number",
                            doc.slug
                        );
                    }
                    let format = styles
                        .get((r as u32, c as u32))
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.clone())
                        .unwrap_or_default();
                    if let (Data::Float(v), true) = (cell, format.ends_with('%')) {
                        assert!(
                            v.abs() <= 1.0,
                            "{}/{name} {heading}: {v} is not a fraction",
                            doc.slug
                        );
                        percents += 1;
                    }
                    if matches!(cell, Data::Float(_) | Data::Int(_)) {
                        numbers += 1;
                    }
                    if matches!(cell, Data::DateTime(_)) {
                        dates += 1;
                    }
                }
            }
        }
    }
    assert!(
        as_text.is_empty(),
        "figures held as text:\n{}",
        as_text.join("\n")
    );
    assert!(numbers > 1000, "only {numbers} numbers");
    assert!(percents > 100, "only {percents} percentages");
    assert!(dates > 5, "only {dates} dates");
}

/// The figures of one report, looked up by row and column: the indicator export's "79% (11/12
/// Actual)" is 0.79 with its period beside it, an overspend is negative, a suppressed count is
/// empty with its words in the note column.
#[tokio::test]
async fn figures_are_numbers_with_their_words_beside_them() {
    let (db, data) = TestDb::with_samples().await;
    let pbr = &framework_reports(&data)[0];
    let (_dir, mut book) = workbook(pbr);
    let indicators = book.worksheet_range(&book.sheet_names()[1]).unwrap();
    let header: Vec<String> = indicators.rows().next().unwrap().iter().map(text).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row = indicators
        .rows()
        .find(|r| text(&r[col("Ref")]) == "SCS CYP09")
        .unwrap();
    assert_eq!(row[col("Previous year actual")], Data::Float(0.79));
    assert_eq!(text(&row[col("Previous year period")]), "11/12 Actual");
    let row = indicators
        .rows()
        .find(|r| text(&r[col("Ref")]) == "NI072 SCS CYP01")
        .unwrap();
    assert_eq!(row[col("Current")], Data::Empty);
    assert_eq!(text(&row[col("Current note")]), "Refer comment");

    let finance = (1..book.sheet_names().len())
        .map(|i| book.worksheet_range(&book.sheet_names()[i]).unwrap())
        .find(|r| r.rows().any(|row| text(&row[3]) == "In house Adoption"))
        .unwrap();
    let adoption = finance
        .rows()
        .find(|row| text(&row[3]) == "In house Adoption")
        .unwrap();
    assert_eq!(adoption[7], Data::Float(-20.0));

    let published = &complaints_reports(&db).await[0];
    let (_dir, mut book) = workbook(published);
    let names = book.sheet_names();
    let who = names.iter().find(|n| n.contains("who made")).unwrap();
    let range = book.worksheet_range(who).unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
    assert!(header.contains(&"2017/18 note".to_string()), "{header:?}");
    let suppressed = range.rows().find(|r| text(&r[0]) == "Care leaver").unwrap();
    assert_eq!(suppressed[1], Data::Empty);
    assert_eq!(text(&suppressed[2]), "fewer than 5");
}

/// Council text that looks like a formula is shown, never run, in the workbook and the CSV; text
/// longer than a cell holds is cut with a note.
#[test]
fn formula_text_is_inert_and_long_text_fits() {
    let doc = Document {
        title: "T".into(),
        subtitle: None,
        header_lines: vec![],
        produced_on: "1 April 2013".into(),
        slug: "odd".into(),
        cover: None,
        summary: Vec::new(),
        blocks: vec![Block::Table {
            caption: "Risks: [all]/open?".into(),
            header: vec!["Risk".into(), "Notes".into()],
            rows: vec![
                vec![
                    "=HYPERLINK(\"http://evil\",\"x\")".into(),
                    "x".repeat(40_000),
                ],
                vec!["-2+3+cmd|' /C calc'!A0".into(), "@SUM(A1)".into()],
            ],
            figures: Vec::new(),
        }],
        diagnostics: vec![],
    };
    let (_dir, mut book) = workbook(&doc);
    let names = book.sheet_names();
    assert_eq!(names, ["Contents", "Risks all open"]);
    let range = book.worksheet_range(&names[1]).unwrap();
    assert_eq!(
        text(&range.rows().nth(1).unwrap()[0]),
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    let long = text(&range.rows().nth(1).unwrap()[1]);
    assert!(long.chars().count() <= 32_767);
    assert!(
        long.contains("continued in the PDF/Word report"),
        "{}",
        &long[long.len() - 80..]
    );
    assert_eq!(text(&range.rows().nth(2).unwrap()[1]), "'@SUM(A1)");

    let dir = tempfile::tempdir().unwrap();
    let files = scrutiny_report::tables::write_csvs(&doc, dir.path(), "odd").unwrap();
    let csv = std::fs::read_to_string(&files[0]).unwrap();
    assert!(csv.contains("\"'=HYPERLINK"), "{csv:.200}");
    assert!(csv.contains("'-2+3+cmd"));
    assert!(csv.contains("'@SUM(A1)"));
}
