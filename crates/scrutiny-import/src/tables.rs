//! Turning raw tables into domain records by their descriptions: each cell read by its column's
//! type, references and duplicate keys checked, then the record's own rules. One path for every
//! table, performance and complaints alike.

use std::collections::{HashMap, HashSet};

use scrutiny_domain::table::{Fault, Need, Refers, Table, TableSet, Value};

use crate::Known;
use crate::cells;
use crate::error::{Code, ImportError, ImportErrors};
use crate::read::RawTable;
use crate::row::{Columns, Row};

/// Keys defined so far, by table: what is already stored plus what this import has read.
pub struct Keys {
    sets: HashMap<&'static str, HashSet<String>>,
}

impl Keys {
    pub fn from_known(known: &Known) -> Self {
        let mut sets = HashMap::new();
        for (name, set) in known.sets() {
            sets.insert(name, set.clone());
        }
        Keys { sets }
    }

    /// The keys of the tables others refer to in records held already.
    pub fn from_held<S: TableSet>(held: &S) -> Self {
        let mut keys = Keys {
            sets: HashMap::new(),
        };
        for t in S::TABLES.iter().filter(|t| t.defines) {
            for row in held.rows(t.name) {
                keys.add(t.name, &t.key_values(&row).join(" "));
            }
        }
        keys
    }

    fn has(&self, table: &str, key: &str) -> bool {
        self.sets.get(table).is_some_and(|s| s.contains(key))
    }

    fn add(&mut self, table: &'static str, key: &str) {
        self.sets.entry(table).or_default().insert(key.to_string());
    }

    /// The codes of one of the council's lists, in order.
    fn list(&self, list: &str) -> Vec<&str> {
        let prefix = format!("{list} ");
        let mut codes: Vec<&str> = self
            .sets
            .get("lists")
            .into_iter()
            .flatten()
            .filter_map(|k| k.strip_prefix(&prefix))
            .collect();
        codes.sort_unstable();
        codes
    }
}

/// Reads every table of a set, in the set's order whatever order the files or sheets came in.
/// `what` names the set in the message for a file that is none of its tables.
pub fn read_all<S: TableSet>(
    raw: &[RawTable],
    keys: &mut Keys,
    what: &str,
) -> Result<S, ImportErrors> {
    let mut errors = Vec::new();
    for t in raw {
        if !S::TABLES.iter().any(|s| s.name == t.name) {
            let names: Vec<&str> = S::TABLES.iter().map(|t| t.name).collect();
            errors.push(ImportError {
                code: Code::UnknownTable,
                location: t.location(None, None),
                message: format!(
                    "'{}' is not {what}; name each file or sheet after one of: {}",
                    t.name,
                    names.join(", ")
                ),
            });
        }
    }
    let mut out = S::default();
    for spec in S::TABLES {
        for t in raw.iter().filter(|t| t.name == spec.name) {
            read_table(t, spec, keys, &mut out, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}

/// Reads one table into the set. Rows with problems are left out and their errors recorded.
fn read_table<S: TableSet>(
    table: &RawTable,
    spec: &'static Table,
    keys: &mut Keys,
    out: &mut S,
    errors: &mut Vec<ImportError>,
) {
    let Some(columns) = Columns::check(table, spec, errors) else {
        return;
    };
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for (line, cells) in &table.rows {
        let mut row = Row::new(table, *line, cells, &columns);
        // A row that defines a key counts as defined even if another of its cells is wrong, so
        // one mistake is reported once, not again in every row that refers to it.
        if spec.defines {
            let key: Option<Vec<&str>> = spec.key.iter().map(|k| row.opt(k)).collect();
            if let Some(key) = key {
                keys.add(spec.name, &key.join(" "));
            }
        }
        if let Some(values) = read_cells(&mut row, spec, keys) {
            match out.push(spec.name, &values, true) {
                Err(problems) => {
                    for p in problems.0 {
                        row.error(code(p.fault), p.column, p.message);
                    }
                }
                Ok(stored) => once(&mut row, spec, &mut seen, spec.key_values(&stored)),
            }
        }
        errors.append(&mut row.errors);
    }
}

/// The duplicate check: a key may appear once in a table.
fn once(row: &mut Row, spec: &Table, seen: &mut HashMap<Vec<String>, usize>, key: Vec<String>) {
    let Some(&first) = seen.get(&key) else {
        seen.insert(key, row.line);
        return;
    };
    let shown: Vec<&str> = key
        .iter()
        .map(String::as_str)
        .filter(|k| !k.is_empty())
        .collect();
    row.error(
        Code::DuplicateRow,
        spec.key.first().copied().unwrap_or_default(),
        format!(
            "this row repeats row {first} ({}); each row must be unique",
            shown.join(" ")
        ),
    );
}

/// Each cell read by its column's type and checked against what it refers to; `None` when any
/// cell is wrong (every problem recorded).
fn read_cells(row: &mut Row, spec: &'static Table, keys: &Keys) -> Option<Vec<Value>> {
    let mut values = Vec::with_capacity(spec.columns.len());
    let mut passed: Vec<bool> = Vec::with_capacity(spec.columns.len());
    for column in spec.columns {
        let value = match row.opt(column.name) {
            None if column.need == Need::Required => {
                let why = format!("'{}' must not be blank", column.name);
                row.error(Code::MissingValue, column.name, why);
                None
            }
            None => Some(Value::Null),
            Some(text) => match cells::parse(column.kind, text) {
                Err((code, why)) => {
                    row.error(code, column.name, why);
                    None
                }
                Ok(v) => {
                    let parent_ok = |parent: &str| {
                        spec.columns
                            .iter()
                            .position(|c| c.name == parent)
                            .and_then(|i| passed.get(i).copied())
                            .unwrap_or(false)
                    };
                    let ok = match column.refers {
                        None => true,
                        Some(Refers::Within { parent, .. }) if !parent_ok(parent) => true,
                        Some(r) => refers(row, keys, column.name, r, text),
                    };
                    ok.then_some(v)
                }
            },
        };
        passed.push(value.is_some());
        values.push(value.unwrap_or(Value::Null));
    }
    passed.iter().all(|p| *p).then_some(values)
}

/// A reference check: records an error and returns false when `text` refers to nothing held.
fn refers(row: &mut Row, keys: &Keys, column: &'static str, r: Refers, text: &str) -> bool {
    match r {
        Refers::Key(table) => key(row, keys, column, table, text),
        Refers::Within { table, parent } => {
            let whole = format!("{} {text}", row.opt(parent).unwrap_or_default());
            key(row, keys, column, table, &whole)
        }
        Refers::AnyOf(tables) => {
            let mut ok = true;
            for code in cells::links(text) {
                if !tables.iter().any(|t| keys.has(t, code)) {
                    let what: Vec<String> = tables.iter().map(|t| singular(t)).collect();
                    let why = format!("there is no {} '{code}'", what.join(" or "));
                    row.error(Code::UnknownReference, column, why);
                    ok = false;
                }
            }
            ok
        }
        Refers::List(list) => {
            if keys.has("lists", &format!("{list} {text}")) {
                return true;
            }
            let why = format!(
                "'{text}' is not in the {list} list; use one of: {} (or add it to lists)",
                keys.list(list).join(", ")
            );
            row.error(Code::UnknownReference, column, why);
            false
        }
    }
}

fn key(row: &mut Row, keys: &Keys, column: &str, table: &str, key: &str) -> bool {
    if keys.has(table, key) {
        return true;
    }
    let what = singular(table);
    row.error(
        Code::UnknownReference,
        column,
        format!(
            "there is no {what} '{key}': add it to the {table} table first, or correct the {column}"
        ),
    );
    false
}

/// A table's name for one of its rows: `indicators` → `indicator`.
fn singular(table: &str) -> String {
    table.trim_end_matches('s').replace('_', " ")
}

fn code(fault: Fault) -> Code {
    match fault {
        Fault::Missing => Code::MissingValue,
        Fault::Period => Code::WrongPeriod,
        Fault::Number => Code::BadNumber,
        Fault::NotAllowed => Code::NotAllowed,
        Fault::Reference => Code::UnknownReference,
        Fault::NoReason => Code::OverrideWithoutReason,
    }
}
