//! Reading one row's cells by column name, collecting every problem instead of stopping at the first.

use std::collections::HashMap;

use scrutiny_domain::DomainError;
use scrutiny_domain::period::{FinancialYear, Period, Quarter, parse_date};

use crate::error::{Code, ImportError};
use crate::read::RawTable;

/// Column positions of one table, checked against its schema.
pub struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    /// Checks the header: every required column present, no unknown column.
    pub fn check(
        table: &RawTable,
        spec: &crate::schema::Table,
        errors: &mut Vec<ImportError>,
    ) -> Option<Columns> {
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
        for c in spec.columns.iter().filter(|c| c.required) {
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

/// One row being read. Each getter records its own error and returns `None` on failure, so that a
/// row reports all of its problems at once.
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

    pub fn opt_string(&self, column: &str) -> Option<String> {
        self.opt(column).map(str::to_string)
    }

    /// A cell that must not be blank.
    pub fn req(&mut self, column: &str) -> Option<&'a str> {
        let v = self.opt(column);
        if v.is_none() {
            self.error(
                Code::MissingValue,
                column,
                format!("'{column}' must not be blank"),
            );
        }
        v
    }

    pub fn req_string(&mut self, column: &str) -> Option<String> {
        self.req(column).map(str::to_string)
    }

    /// Parses a required cell, recording `code` with the parser's message on failure.
    pub fn req_parse<T>(
        &mut self,
        column: &str,
        code: Code,
        parse: impl Fn(&str) -> Result<T, DomainError>,
    ) -> Option<T> {
        let text = self.req(column)?;
        self.parse_text(column, text, code, parse)
    }

    /// Parses an optional cell: `Some(None)` when blank, `None` when it failed.
    pub fn opt_parse<T>(
        &mut self,
        column: &str,
        code: Code,
        parse: impl Fn(&str) -> Result<T, DomainError>,
    ) -> Option<Option<T>> {
        match self.opt(column) {
            None => Some(None),
            Some(text) => self.parse_text(column, text, code, parse).map(Some),
        }
    }

    fn parse_text<T>(
        &mut self,
        column: &str,
        text: &str,
        code: Code,
        parse: impl Fn(&str) -> Result<T, DomainError>,
    ) -> Option<T> {
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(code, column, e.to_string());
                None
            }
        }
    }

    pub fn year(&mut self, column: &str) -> Option<FinancialYear> {
        self.req_parse(column, Code::WrongPeriod, FinancialYear::parse)
    }

    pub fn quarter(&mut self) -> Option<Quarter> {
        self.req_parse("quarter", Code::WrongPeriod, Quarter::parse)
    }

    pub fn opt_quarter(&mut self) -> Option<Option<Quarter>> {
        self.opt_parse("quarter", Code::WrongPeriod, Quarter::parse)
    }

    pub fn period(&mut self) -> Option<Period> {
        let year = self.year("year");
        let quarter = self.quarter();
        Some(Period::new(year?, quarter?))
    }

    pub fn date(&mut self, column: &str) -> Option<chrono::NaiveDate> {
        self.req_parse(column, Code::WrongPeriod, parse_date)
    }

    pub fn yes_no(&mut self, column: &str) -> Option<bool> {
        match self.opt(column).map(str::to_ascii_lowercase).as_deref() {
            None | Some("no" | "n" | "false" | "0") => Some(false),
            Some("yes" | "y" | "true" | "1") => Some(true),
            Some(other) => {
                self.error(
                    Code::NotAllowed,
                    column,
                    format!("'{other}' is not yes or no"),
                );
                None
            }
        }
    }

    pub fn position(&mut self, column: &str, required: bool) -> Option<i64> {
        let text = if required {
            self.req(column)?
        } else {
            self.opt(column).unwrap_or("0")
        };
        match text.parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && f.abs() < 1e12 => Some(f as i64),
            _ => {
                self.error(
                    Code::BadNumber,
                    column,
                    format!("'{text}' is not a whole number"),
                );
                None
            }
        }
    }
}
