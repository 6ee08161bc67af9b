//! The tables a council imports and their columns, as the domain describes them
//! ([`scrutiny_domain::table`]): the one source for header checks, templates and the documentation
//! (`docs/import-format.md`, checked against this by a test).

use scrutiny_domain::Dataset;
use scrutiny_domain::table::TableSet;
pub use scrutiny_domain::table::{Column, ColumnType, Need, Refers, Table};

/// In the order they are applied: each table may refer only to tables above it.
pub const TABLES: &[&Table] = <Dataset as TableSet>::TABLES;

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}
