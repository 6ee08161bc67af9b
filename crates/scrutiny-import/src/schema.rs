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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use scrutiny_domain::table::Refers;

    use super::*;
    use crate::complaints::COMPLAINT_TABLES;

    /// The first table of a `### name` section of the docs: (column, required) per row.
    fn documented(doc: &str, name: &str) -> Vec<(String, String)> {
        let heading = format!("### {name}\n");
        assert_eq!(
            doc.matches(&heading).count(),
            1,
            "### {name} once in the docs"
        );
        let section = &doc[doc.find(&heading).unwrap() + heading.len()..];
        section
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                (cells[1].to_string(), cells[2].to_string())
            })
            .collect()
    }

    /// Each table's section lists exactly its columns, required ones marked yes.
    #[test]
    fn the_docs_describe_every_table_as_described() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/import-format.md"),
        )
        .unwrap();
        for t in TABLES.iter().chain(COMPLAINT_TABLES) {
            let rows = documented(&doc, t.name);
            let names: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
            let ours: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
            assert_eq!(names, ours, "docs/import-format.md, ### {}", t.name);
            for (c, (_, required)) in t.columns.iter().zip(&rows) {
                assert_eq!(
                    c.required(),
                    required == "yes",
                    "docs: {}.{} required",
                    t.name,
                    c.name
                );
            }
        }
    }

    /// Keys name columns; references name a table read before, whose key they are.
    #[test]
    fn every_description_holds_together() {
        for set in [TABLES, COMPLAINT_TABLES] {
            for (n, t) in set.iter().enumerate() {
                assert!(!t.key.is_empty(), "{} has a key", t.name);
                assert_eq!(t.key_positions().len(), t.key.len(), "{} key", t.name);
                let earlier = |name: &str| set[..n].iter().any(|e| e.name == name && e.defines);
                for c in t.columns {
                    let ok = match c.refers {
                        None => true,
                        Some(Refers::Key(r)) => earlier(r),
                        Some(Refers::Within { table, parent }) => {
                            earlier(table) && t.column(parent).is_some()
                        }
                        Some(Refers::AnyOf(rs)) => rs.iter().all(|r| earlier(r)),
                        Some(Refers::List(l)) => {
                            earlier("lists")
                                && scrutiny_domain::complaints::records::LISTS.contains(&l)
                        }
                    };
                    assert!(ok, "{}.{} refers to {:?}", t.name, c.name, c.refers);
                    let same = t.columns.iter().filter(|o| o.stored == c.stored).count();
                    assert_eq!(same, 1, "{}.{} stored once", t.name, c.stored);
                }
            }
        }
    }
}
