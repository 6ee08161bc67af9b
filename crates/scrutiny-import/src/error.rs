//! Import errors: each says where (file, sheet, row, column), what is wrong and how to fix it,
//! with a code a user can quote (`IMP003`).

use std::fmt;

/// Error codes. Documented in `docs/import-format.md`; never renumber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The file cannot be read as a spreadsheet or CSV.
    NotASpreadsheet,
    /// A required column is missing from the header.
    MissingColumn,
    /// A reference to something that does not exist (an indicator, department, …).
    UnknownReference,
    /// A year, quarter, period or date is malformed or outside the period it belongs to.
    WrongPeriod,
    /// The same key appears twice in one table.
    DuplicateRow,
    /// A number, value or target cannot be read.
    BadNumber,
    /// A required cell is blank.
    MissingValue,
    /// A cell is not one of the allowed words.
    NotAllowed,
    /// A column the table does not have (usually a typo).
    UnknownColumn,
    /// A file or sheet whose name is not a table.
    UnknownTable,
    /// A progress override without a reason.
    OverrideWithoutReason,
    /// A cell with something in it beyond the header: in a column with no heading.
    BeyondHeader,
    /// A number with a comma that is not a thousands separator (`12,5`).
    AmbiguousNumber,
    /// A figure outside what its unit allows (a percentage over 100, a negative count).
    OutOfBounds,
    /// A date that could be read two ways (`03/04/2012`, a two-digit year).
    AmbiguousDate,
    /// A fraction in a percent column from a workbook whose cell formats cannot be read.
    PercentUnknown,
    /// A formula indicator's numerator and denominator make no figure, or not the one given.
    BadParts,
    /// A date after the day of the import (a case received in 2030).
    FutureDate,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotASpreadsheet => "IMP001",
            Code::MissingColumn => "IMP002",
            Code::UnknownReference => "IMP003",
            Code::WrongPeriod => "IMP004",
            Code::DuplicateRow => "IMP005",
            Code::BadNumber => "IMP006",
            Code::MissingValue => "IMP007",
            Code::NotAllowed => "IMP008",
            Code::UnknownColumn => "IMP009",
            Code::UnknownTable => "IMP010",
            Code::OverrideWithoutReason => "IMP011",
            Code::BeyondHeader => "IMP012",
            Code::AmbiguousNumber => "IMP013",
            Code::OutOfBounds => "IMP014",
            Code::AmbiguousDate => "IMP015",
            Code::PercentUnknown => "IMP016",
            Code::BadParts => "IMP017",
            Code::FutureDate => "IMP018",
        }
    }

    /// Every code, in number order (the docs list each: a test checks).
    pub const ALL: [Code; 18] = [
        Code::NotASpreadsheet,
        Code::MissingColumn,
        Code::UnknownReference,
        Code::WrongPeriod,
        Code::DuplicateRow,
        Code::BadNumber,
        Code::MissingValue,
        Code::NotAllowed,
        Code::UnknownColumn,
        Code::UnknownTable,
        Code::OverrideWithoutReason,
        Code::BeyondHeader,
        Code::AmbiguousNumber,
        Code::OutOfBounds,
        Code::AmbiguousDate,
        Code::PercentUnknown,
        Code::BadParts,
        Code::FutureDate,
    ];
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// Row number as the user sees it in Excel or a text editor (the header is row 1).
    pub row: Option<usize>,
    pub column: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, ", sheet '{s}'")?;
        }
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column '{c}'")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub code: Code,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.code.as_str(),
            self.location,
            self.message
        )
    }
}

/// Every problem found in an import. Nothing is imported while there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportErrors(pub Vec<ImportError>);

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "Nothing was imported: {n} problem{} to fix.",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

impl ImportErrors {
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|e| e.code.as_str()).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Code;

    /// Where each code is in [`Code::ALL`]: a new code fails to compile here until it is listed.
    fn position(code: Code) -> usize {
        match code {
            Code::NotASpreadsheet => 0,
            Code::MissingColumn => 1,
            Code::UnknownReference => 2,
            Code::WrongPeriod => 3,
            Code::DuplicateRow => 4,
            Code::BadNumber => 5,
            Code::MissingValue => 6,
            Code::NotAllowed => 7,
            Code::UnknownColumn => 8,
            Code::UnknownTable => 9,
            Code::OverrideWithoutReason => 10,
            Code::BeyondHeader => 11,
            Code::AmbiguousNumber => 12,
            Code::OutOfBounds => 13,
            Code::AmbiguousDate => 14,
            Code::PercentUnknown => 15,
            Code::BadParts => 16,
            Code::FutureDate => 17,
        }
    }

    #[test]
    fn the_docs_list_every_error_code_in_order() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(position(*code), i, "{code:?}");
            assert_eq!(code.as_str(), format!("IMP{:03}", i + 1), "{code:?}");
        }
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/import-format.md"),
        )
        .unwrap();
        let section = doc.split("\n## Error codes\n").nth(1).unwrap();
        let section = section.split("\n## ").next().unwrap();
        let listed: Vec<&str> = section
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(" |").next())
            .filter(|c| c.starts_with("IMP"))
            .collect();
        let ours: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, ours, "docs/import-format.md, ## Error codes");
    }
}
