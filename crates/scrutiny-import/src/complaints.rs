//! Importing complaints records: the council's lists, cases, Stage 2 elements, compliments,
//! learning actions, settings, restatements, caseloads and the action plan, from CSV files or a
//! workbook, by the same path, checks and messages as the performance tables, all or nothing.
//! Codes are checked against the lists (imported with them or already held), so a typo in a
//! channel or category is caught, not counted as a new one.

use std::path::Path;

use chrono::NaiveDate;

use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::table::{Table, TableSet};

use crate::Options;
use crate::error::ImportErrors;
use crate::read::read_path;
use crate::tables::{Keys, read_all};

/// In the order they are read: lists first, so the others can be checked against them.
pub const COMPLAINT_TABLES: &[&Table] = <ComplaintsData as TableSet>::TABLES;

/// Reads a folder, file or workbook of complaints tables. `held` is what storage already has,
/// so a new file of cases may use lists imported earlier; `today` is the day of the import, after
/// which no case or compliment can have happened.
pub fn read_complaints(
    path: &Path,
    held: &ComplaintsData,
    today: NaiveDate,
) -> Result<ComplaintsData, ImportErrors> {
    let raw = read_path(path).map_err(ImportErrors)?;
    let mut keys = Keys::from_held(held);
    keys.today = Some(today);
    // Complaints are stored whole: every cell of an imported row replaces the stored one.
    read_all(&raw, &mut keys, "a complaints table", Options::default()).map(|(data, _)| data)
}
