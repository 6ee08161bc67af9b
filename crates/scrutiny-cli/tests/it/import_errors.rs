//! A bad file is refused whole, with a message naming file, sheet, row, column and the problem;
//! the database is left exactly as it was.

use std::path::Path;

use crate::harness::{TestDb, sample};

/// Copies a sample set into a temp folder so a test can spoil one file.
fn copy_set(set: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(sample(set)).expect("sample set") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "csv") {
            std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn edit(dir: &Path, file: &str, f: impl Fn(String) -> String) {
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, f(text)).expect("write");
}

/// Imports the framework, then tries `dir`; returns the error text and checks nothing changed.
async fn refused(dir: &Path) -> (String, Vec<&'static str>) {
    let db = TestDb::new().await;
    db.import(&sample("framework")).await.expect("framework");
    let before = db.store.load().await.expect("load");
    let err = db.import(dir).await.expect_err("the set must be refused");
    let after = db.store.load().await.expect("load");
    assert_eq!(
        before, after,
        "a refused import must leave the database untouched"
    );
    (err.to_string(), err.codes())
}

#[tokio::test]
async fn missing_column() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "indicators.csv", |t| {
        t.replacen("polarity,", "", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert!(codes.contains(&"IMP002"), "{msg}");
    assert!(
        msg.contains("indicators.csv, row 1, column 'polarity'"),
        "{msg}"
    );
}

#[tokio::test]
async fn bad_number() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "budget_lines.csv", |t| {
        t.replacen("\"8,071\"", "8O71", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP006"], "{msg}");
    assert!(
        msg.contains("budget_lines.csv, row 2, column 'annual_budget'"),
        "{msg}"
    );
    assert!(msg.contains("'8O71' is not an amount"), "{msg}");
}

#[tokio::test]
async fn unknown_indicator_ref() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen("\nNI148,", "\nNI149,", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP003"], "{msg}");
    assert!(
        msg.contains("column 'indicator'") && msg.contains("there is no indicator 'NI149'"),
        "{msg}"
    );
}

#[tokio::test]
async fn duplicate_row() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("NI148,2012/13,Q1"))
            .expect("NI148 row")
            .to_string();
        format!("{t}{line}\n")
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP005"], "{msg}");
    assert!(msg.contains("repeats row"), "{msg}");
}

#[tokio::test]
async fn wrong_period() {
    let dir = copy_set("cypf-2012-13-q1");
    // A quarter that does not exist, and a statement dated outside its quarter.
    edit(dir.path(), "values.csv", |t| {
        t.replacen("NI148,2012/13,Q1", "NI148,2012/13,Q5", 1)
    });
    edit(dir.path(), "budget_lines.csv", |t| {
        t.replacen("CFS,2012/13,Q1,2012-06-30", "CFS,2012/13,Q1,2012-07-31", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP004", "IMP004"], "{msg}");
    assert!(msg.contains("'Q5' is not a quarter"), "{msg}");
    assert!(msg.contains("2012-07-31 is not in 2012/13 Q1"), "{msg}");
}

#[tokio::test]
async fn every_problem_is_reported_at_once() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen("NI148,2012/13,Q1", "NI148,2012/13,Q5", 1)
    });
    edit(dir.path(), "budget_lines.csv", |t| {
        t.replacen("\"8,071\"", "8O71", 1)
    });
    edit(dir.path(), "indicators.csv", |t| {
        t.replacen(",higher,", ",upwards,", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes.len(), 3, "{msg}");
    assert!(
        msg.starts_with("Nothing was imported: 3 problems to fix."),
        "{msg}"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_spreadsheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bogus = dir.path().join("returns.xlsx");
    std::fs::write(&bogus, b"this is not a workbook").expect("write");
    let (msg, codes) = refused(&bogus).await;
    assert_eq!(codes, ["IMP001"], "{msg}");
    assert!(
        msg.contains("returns.xlsx") && msg.contains("not a spreadsheet"),
        "{msg}"
    );
    let binary = dir.path().join("values.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1]).expect("write");
    let (msg, codes) = refused(&binary).await;
    assert_eq!(codes, ["IMP001"], "{msg}");
}

#[tokio::test]
async fn override_without_reason_is_refused() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen(
            "unknown,\"Printed as \"\"?\"\" in the source report.\"",
            "unknown,",
            1,
        )
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP011"], "{msg}");
}

#[tokio::test]
async fn reimporting_the_same_files_changes_nothing() {
    let db = TestDb::new().await;
    for set in crate::harness::SAMPLE_SETS {
        let first = db.import(&sample(set)).await.expect("first import");
        assert!(first.total_changed() > 0, "{set}");
    }
    let before = db.store.load().await.expect("load");
    for set in crate::harness::SAMPLE_SETS {
        let again = db.import(&sample(set)).await.expect("second import");
        assert_eq!(again.total_changed(), 0, "{set}: {:?}", again.changed);
    }
    assert_eq!(db.store.load().await.expect("load"), before);
}

/// The same tables as sheets of one Excel workbook import exactly like the CSV folder.
#[tokio::test]
async fn excel_workbook_imports_like_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book_path = dir.path().join("cypf.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut files: Vec<_> = std::fs::read_dir(sample("cypf-2012-13-q1"))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    for p in &files {
        let sheet = book.add_worksheet();
        sheet
            .set_name(p.file_stem().expect("stem").to_string_lossy())
            .expect("name");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(p)
            .expect("csv");
        for (r, rec) in reader.records().enumerate() {
            for (c, cell) in rec.expect("record").iter().enumerate() {
                let (r, c) = (
                    u32::try_from(r).expect("row"),
                    u16::try_from(c).expect("col"),
                );
                // Numbers as numbers, as Excel users type them.
                match cell.parse::<f64>() {
                    Ok(n) if !cell.is_empty() => sheet.write_number(r, c, n).expect("write"),
                    _ => sheet.write_string(r, c, cell).expect("write"),
                };
            }
        }
    }
    book.save(&book_path).expect("save");

    let from_csv = TestDb::new().await;
    from_csv
        .import(&sample("framework"))
        .await
        .expect("framework");
    from_csv
        .import(&sample("cypf-2012-13-q1"))
        .await
        .expect("csv");
    let from_xlsx = TestDb::new().await;
    from_xlsx
        .import(&sample("framework"))
        .await
        .expect("framework");
    from_xlsx.import(&book_path).await.expect("xlsx");
    assert_eq!(
        from_csv.store.load().await.expect("load"),
        from_xlsx.store.load().await.expect("load")
    );
}

#[tokio::test]
async fn xlsx_errors_name_the_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("values").expect("name");
    for (c, h) in ["indicator", "year", "quarter", "value"].iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(c).expect("col"), *h)
            .expect("write");
    }
    sheet.write_string(1, 0, "NI148").expect("w");
    sheet.write_string(1, 1, "2012/13").expect("w");
    sheet.write_string(1, 2, "Q1").expect("w");
    sheet.write_string(1, 3, "sixty").expect("w");
    book.save(&path).expect("save");
    let (msg, codes) = refused(&path).await;
    assert_eq!(codes, ["IMP003", "IMP006"], "{msg}");
    assert!(
        msg.contains("bad.xlsx, sheet 'values', row 2, column 'value'"),
        "{msg}"
    );
}

#[tokio::test]
async fn an_update_for_an_action_that_does_not_exist() {
    let dir = copy_set("action-plans-2012");
    edit(dir.path(), "action_updates.csv", |t| {
        t.replacen("ADOPTION-2012,A1,", "ADOPTION-2012,A99,", 1)
    });
    let db = TestDb::new().await;
    for set in ["framework", "cypf-2012-13-q1"] {
        db.import(&sample(set)).await.expect(set);
    }
    let before = db.store.load().await.expect("load");
    let err = db.import(dir.path()).await.expect_err("refused");
    assert_eq!(err.codes(), ["IMP003"], "{err}");
    assert!(
        err.to_string()
            .contains("action_updates.csv, row 2, column 'ref'"),
        "{err}"
    );
    assert_eq!(db.store.load().await.expect("load"), before);
}

#[tokio::test]
async fn a_decimal_comma_is_refused_not_read_as_thousands() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen(
            "\nSCS CYP09,2012/13,Q1,78%,",
            "\nSCS CYP09,2012/13,Q1,\"78,5%\",",
            1,
        )
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP013"], "{msg}");
    assert!(msg.contains("values.csv, row 3, column 'value'"), "{msg}");
    assert!(
        msg.contains("'78,5%' has a comma that does not separate thousands"),
        "{msg}"
    );
}

#[tokio::test]
async fn the_declared_decimal_comma_style_reads_the_comma_as_a_decimal_mark() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen(
            "\nSCS CYP09,2012/13,Q1,78%,",
            "\nSCS CYP09,2012/13,Q1,\"78,5%\",",
            1,
        )
    });
    // The budget's thousands separators would read as decimals in this style: leave it out.
    std::fs::remove_file(dir.path().join("budget_lines.csv")).expect("remove");
    let db = TestDb::new().await;
    db.import(&sample("framework")).await.expect("framework");
    let known = db.store.known().await.expect("known");
    let options = scrutiny_import::Options {
        decimal_comma: true,
    };
    let data = scrutiny_import::read_set_with(dir.path(), &known, options).expect("read");
    let value = data
        .values
        .iter()
        .find(|v| v.indicator == "SCS CYP09" && v.quarter.is_some())
        .expect("the Q1 value");
    assert_eq!(value.value.to_entry(), "78.5");
}

#[tokio::test]
async fn a_percentage_over_100_and_a_negative_count_are_refused() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen(
            "\nSCS CYP09,2012/13,Q1,78%,",
            "\nSCS CYP09,2012/13,Q1,105%,",
            1,
        )
        .replacen("\nCFS LI03,2012/13,Q1,278,", "\nCFS LI03,2012/13,Q1,-3,", 1)
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP014", "IMP014"], "{msg}");
    assert!(
        msg.contains("values.csv, row 3, column 'value': in values, SCS CYP09 is a percentage, so its value must be from 0 to 100, not 105"),
        "{msg}"
    );
    assert!(
        msg.contains("values.csv, row 17, column 'value': in values, CFS LI03 is a count, so its value cannot be negative (-3)"),
        "{msg}"
    );
}

#[tokio::test]
async fn a_target_is_bounded_by_its_stored_indicators_unit_too() {
    let db = TestDb::new().await;
    for set in ["framework", "cypf-2012-13-q1"] {
        db.import(&sample(set)).await.expect("sample");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("targets.csv"),
        "indicator,year,quarter,target\nSCS CYP09,2012/13,,140%\n",
    )
    .expect("write");
    let err = db.import(dir.path()).await.expect_err("refused");
    assert_eq!(err.codes(), ["IMP014"], "{err}");
}

#[tokio::test]
async fn a_cell_beyond_the_header_is_refused() {
    let dir = copy_set("cypf-2012-13-q1");
    edit(dir.path(), "values.csv", |t| {
        t.replacen(
            "\nSCS CYP09,2012/13,Q1,78%,,,,,",
            "\nSCS CYP09,2012/13,Q1,78%,,,,,,see note",
            1,
        )
    });
    let (msg, codes) = refused(dir.path()).await;
    assert_eq!(codes, ["IMP012"], "{msg}");
    assert!(msg.contains("values.csv, row 3, column 'J'"), "{msg}");
    assert!(
        msg.contains("'see note' is in column J, which has no heading"),
        "{msg}"
    );
}

#[tokio::test]
async fn a_date_that_reads_two_ways_is_refused() {
    let dir = copy_set("action-plans-2012");
    edit(dir.path(), "actions.csv", |t| {
        t.replacen(",2012-09-01,", ",01/09/2012,", 1)
    });
    let db = TestDb::new().await;
    for set in ["framework", "cypf-2012-13-q1"] {
        db.import(&sample(set)).await.expect("sample");
    }
    let err = db.import(dir.path()).await.expect_err("refused");
    assert_eq!(err.codes(), ["IMP015"], "{err}");
    let msg = err.to_string();
    assert!(msg.contains("column 'due'"), "{msg}");
    assert!(
        msg.contains("'01/09/2012' is 1 September in UK order but 9 January in US order"),
        "{msg}"
    );
}

/// A cell Excel shows as 78.5% holds 0.785: it imports as the percentage shown.
#[tokio::test]
async fn an_excel_percentage_imports_as_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let db = TestDb::new().await;
    for set in ["framework", "cypf-2012-13-q1"] {
        db.import(&sample(set)).await.expect("sample");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("figures.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("values").expect("name");
    for (i, h) in ["indicator", "year", "quarter", "value"].iter().enumerate() {
        sheet.write_string(0, i as u16, *h).expect("header");
    }
    for (c, v) in [(0, "SCS CYP09"), (1, "2012/13"), (2, "Q1")] {
        sheet.write_string(1, c, v).expect("cell");
    }
    let percent = Format::new().set_num_format("0.0%");
    sheet
        .write_number_with_format(1, 3, 0.785, &percent)
        .expect("value");
    book.save(&path).expect("save");
    db.import(&path).await.expect("import");
    let data = db.store.load().await.expect("load");
    let value = data
        .values
        .iter()
        .find(|v| v.indicator == "SCS CYP09" && v.quarter.is_some())
        .expect("the Q1 value");
    assert_eq!(value.value.to_entry(), "78.5");
}
