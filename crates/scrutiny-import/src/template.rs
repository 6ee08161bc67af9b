//! Blank templates a council fills in: one CSV per table and one workbook with a sheet per table
//! and a README sheet describing every column.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};
use scrutiny_domain::format::inert;

use crate::schema::TABLES;

/// Writes `DIR/csv/<table>.csv` and `DIR/scrutiny-template.xlsx`; returns the files written.
pub fn write_templates(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let csv_dir = dir.join("csv");
    std::fs::create_dir_all(&csv_dir)
        .map_err(|e| format!("cannot create {}: {e}", csv_dir.display()))?;
    let mut written = Vec::new();
    for t in TABLES {
        let path = csv_dir.join(format!("{}.csv", t.name));
        // Every cell of every file we write is made inert, ours included: one rule, no exceptions.
        let header: Vec<String> = t
            .columns
            .iter()
            .map(|c| inert(c.name).into_owned())
            .collect();
        std::fs::write(&path, format!("{}\n", header.join(",")))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    let path = dir.join("scrutiny-template.xlsx");
    workbook()
        .save(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

fn workbook() -> Workbook {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let readme = book.add_worksheet();
    // Sheet names are fixed ASCII words; writes to a new sheet cannot fail.
    let _ = readme.set_name("README");
    let _ = readme.write_string_with_format(0, 0, "table", &bold);
    let _ = readme.write_string_with_format(0, 1, "column", &bold);
    let _ = readme.write_string_with_format(0, 2, "required", &bold);
    let _ = readme.write_string_with_format(0, 3, "meaning", &bold);
    let mut r = 1;
    for t in TABLES {
        for c in t.columns {
            let _ = readme.write_string(r, 0, inert(t.name));
            let _ = readme.write_string(r, 1, inert(c.name));
            let _ = readme.write_string(r, 2, if c.required() { "yes" } else { "no" });
            let _ = readme.write_string(r, 3, inert(c.help));
            r += 1;
        }
    }
    let _ = readme.set_column_width(3, 80);
    for t in TABLES {
        let sheet = book.add_worksheet();
        let _ = sheet.set_name(t.name);
        for (i, c) in t.columns.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            let _ = sheet.write_string_with_format(0, col, inert(c.name), &bold);
            let _ = sheet.set_column_width(col, 18);
        }
    }
    book
}
