//! Reads a council's tables (a folder of CSV files, one CSV file, or an Excel workbook) into a
//! validated [`Dataset`]. Every problem in every row is collected, so a user fixes them all in one
//! go; a set with any problem yields no data at all. Storage then applies the dataset in one
//! transaction.
//!
//! The table formats are described once in the domain ([`scrutiny_domain::table`]), listed in
//! [`schema`] and documented in `docs/import-format.md`.

pub mod annex_a_mapping;
pub mod calendar;
pub mod cases;
mod cells;
pub mod cin;
pub mod complaints;
mod csv_pieces;
mod csv_stream;
mod error;
mod parts;
pub mod population;
mod read;
mod row;
pub mod schema;
pub mod ssda903;
mod tables;
pub mod template;
pub mod word;

use std::path::Path;

pub use error::{Code, ImportError, ImportErrors, Location};
use scrutiny_domain::Dataset;
pub use scrutiny_domain::performance::model::Known;

/// The sample council's import sets shipped in `data/sample/`, in the order they must be
/// imported (later sets refer to earlier ones).
pub const SAMPLE_SETS: [&str; 8] = [
    "framework",
    "cypf-2012-13-q1",
    "specialist-2009-10-q3",
    "scs-2012-13-q2",
    "action-plans-2012",
    "business-plan-2013-16",
    "meetings-2012",
    "meetings-2018",
];

/// The second sample council (made-up figures, a framework of another shape), shipped in
/// `data/sample/` as one set and loaded into a database of its own.
pub const SECOND_SAMPLE_SET: &str = "glanmor-2024-25";

/// A number typed in a form, read by the importer's own rules (thousands separators allowed, a
/// comma that could be a decimal mark refused as ambiguous), so a form and a file read "12,5" alike.
pub fn read_decimal(text: &str, options: Options) -> Result<rust_decimal::Decimal, String> {
    match cells::parse(scrutiny_domain::table::ColumnType::Decimal, text, options) {
        Ok(scrutiny_domain::table::Value::Decimal(d)) => Ok(d),
        Ok(_) => Err(format!("'{text}' is not a number")),
        Err((_, why)) => Err(why),
    }
}

/// How a council writes its figures, declared for an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// A comma is the decimal mark (`12,5` is 12.5); by default it may only separate thousands.
    pub decimal_comma: bool,
}

/// Reads and checks one import set. `known` holds what storage already has.
pub fn read_set(path: &Path, known: &Known) -> Result<Dataset, ImportErrors> {
    read_set_with(path, known, Options::default())
}

/// Reads and checks one import set in the council's declared number style.
pub fn read_set_with(
    path: &Path,
    known: &Known,
    options: Options,
) -> Result<Dataset, ImportErrors> {
    let raw = read::read_path(path).map_err(ImportErrors)?;
    let mut keys = tables::Keys::from_known(known);
    let (mut data, given): (Dataset, _) =
        tables::read_all(&raw, &mut keys, "a table Scrutiny knows", options)?;
    data.given = given;
    Ok(data)
}

/// Reads rows typed into a form as one table of an import (`header` its column names, each row
/// a cell per column), through the same checks as a file: every cell by its column's type,
/// references against `known`, the record's own rules. A form is one table's rows, so no file.
pub fn read_form(
    table: &str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    known: &Known,
) -> Result<Dataset, ImportErrors> {
    let raw = read::RawTable {
        name: table.to_string(),
        file: "the form".into(),
        sheet: None,
        header,
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r))
            .collect(),
        formats_known: true,
    };
    let mut keys = tables::Keys::from_known(known);
    let (mut data, given): (Dataset, _) = tables::read_all(
        &[raw],
        &mut keys,
        "a table Scrutiny knows",
        Options::default(),
    )?;
    data.given = given;
    Ok(data)
}
