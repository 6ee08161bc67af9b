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
        }
    }
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
