//! Reading one row's cells by column name, collecting every problem instead of stopping at the first.

use std::collections::HashMap;

use scrutiny_domain::table::Table;

use crate::error::{Code, ImportError};
use crate::read::RawTable;

/// Column positions of one table, checked against its schema.
pub struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    /// Where a column is in the file's rows, if the file has it.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Checks the header: every required column present, no unknown column.
    pub fn check(table: &RawTable, spec: &Table, errors: &mut Vec<ImportError>) -> Option<Columns> {
        let mut index = HashMap::new();
        let mut ok = true;
        for (i, h) in table.header.iter().enumerate() {
            let name = h.trim().to_ascii_lowercase().replace(' ', "_");
            if name.is_empty() {
                continue;
            }
            if spec.columns.iter().any(|c| c.name == name) {
                index.insert(name, i);
            } else {
                ok = false;
                let known: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
                errors.push(ImportError {
                    code: Code::UnknownColumn,
                    location: table.location(Some(header_row(table)), Some(h)),
                    message: format!(
                        "'{}' has no column '{h}'; its columns are: {}",
                        spec.name,
                        known.join(", ")
                    ),
                });
            }
        }
        for c in spec.columns.iter().filter(|c| c.required()) {
            if !index.contains_key(c.name) {
                ok = false;
                errors.push(ImportError {
                    code: Code::MissingColumn,
                    location: table.location(Some(header_row(table)), Some(c.name)),
                    message: format!(
                        "the required column '{}' is missing from the header row ({})",
                        c.name, c.help
                    ),
                });
            }
        }
        ok.then_some(Columns { index })
    }
}

fn header_row(table: &RawTable) -> usize {
    table
        .rows
        .first()
        .map_or(1, |(r, _)| r.saturating_sub(1).max(1))
}

/// One row being read, with every problem found in it.
pub struct Row<'a> {
    pub table: &'a RawTable,
    pub line: usize,
    cells: &'a [String],
    columns: &'a Columns,
    pub errors: Vec<ImportError>,
}

impl<'a> Row<'a> {
    pub fn new(
        table: &'a RawTable,
        line: usize,
        cells: &'a [String],
        columns: &'a Columns,
    ) -> Self {
        Row {
            table,
            line,
            cells,
            columns,
            errors: Vec::new(),
        }
    }

    pub fn error(&mut self, code: Code, column: &str, message: String) {
        self.errors.push(ImportError {
            code,
            location: self.table.location(Some(self.line), Some(column)),
            message,
        });
    }

    /// The trimmed cell, or `None` when blank or the column is absent.
    pub fn opt(&self, column: &str) -> Option<&'a str> {
        let i = *self.columns.index.get(column)?;
        self.cells
            .get(i)
            .map(String::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}
