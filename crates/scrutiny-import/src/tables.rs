//! Turning raw tables into domain records by their descriptions: each cell read by its column's
//! type, references and duplicate keys checked, then the record's own rules. One path for every
//! table, performance and complaints alike.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use scrutiny_domain::figure::Unit;
use scrutiny_domain::performance::formula::{Formula, Population};
use scrutiny_domain::table::{
    CLEAR, Cells, Fault, Given, Need, Refers, Table, TableSet, Tabular, Value,
};

use crate::cells;
use crate::error::{Code, ImportError, ImportErrors};
use crate::read::RawTable;
use crate::row::{Columns, Row};
use crate::{Known, Options};

/// Keys defined so far, by table: what is already stored plus what this import has read.
pub struct Keys {
    sets: HashMap<&'static str, HashSet<String>>,
    /// Each indicator's unit, stored or read in this import, to check its figures' bounds.
    units: HashMap<String, Unit>,
    /// Bounds declared for an indicator (minimum, maximum), stored or read in this import.
    bounds: HashMap<String, Bounds>,
    /// Each formula indicator's formula and population band, stored or read in this import.
    pub(crate) formulas: HashMap<String, (Formula, Option<String>)>,
    /// Populations stored or read in this import, for rates of them.
    pub(crate) populations: Vec<Population>,
    /// The day of the import, where dates after it are refused (complaints' histories).
    pub(crate) today: Option<chrono::NaiveDate>,
}

type Bounds = (Option<Decimal>, Option<Decimal>);

impl Keys {
    pub fn from_known(known: &Known) -> Self {
        let mut sets = HashMap::new();
        for (name, set) in known.sets() {
            sets.insert(name, set.clone());
        }
        let units = known.units().map(|(c, u)| (c.to_string(), u)).collect();
        let bounds = known.bounds().map(|(c, b)| (c.to_string(), b)).collect();
        Keys {
            sets,
            units,
            bounds,
            formulas: known
                .formulas()
                .map(|(c, f, band)| (c.to_string(), (f, band.map(str::to_string))))
                .collect(),
            populations: known.populations().to_vec(),
            today: None,
        }
    }

    /// The keys of the tables others refer to in records held already.
    pub fn from_held<S: TableSet>(held: &S) -> Self {
        let mut keys = Keys {
            sets: HashMap::new(),
            units: HashMap::new(),
            bounds: HashMap::new(),
            formulas: HashMap::new(),
            populations: Vec::new(),
            today: None,
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
/// `what` names the set in the message for a file that is none of its tables. Also gives which
/// cells each row gave, so storing it changes only those.
pub fn read_all<S: TableSet>(
    raw: &[RawTable],
    keys: &mut Keys,
    what: &str,
    options: Options,
) -> Result<(S, Given), ImportErrors> {
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
    let mut given = Given::default();
    for spec in S::TABLES {
        for t in raw.iter().filter(|t| t.name == spec.name) {
            read_table(
                t,
                spec,
                (keys, options),
                (&mut out, &mut given),
                &mut errors,
            );
        }
    }
    if errors.is_empty() {
        Ok((out, given))
    } else {
        Err(ImportErrors(errors))
    }
}

/// Reads one table into the set. Rows with problems are left out and their errors recorded.
fn read_table<S: TableSet>(
    table: &RawTable,
    spec: &'static Table,
    (keys, options): (&mut Keys, Options),
    (out, given): (&mut S, &mut Given),
    errors: &mut Vec<ImportError>,
) {
    let Some(columns) = Columns::check(table, spec, errors) else {
        return;
    };
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for (line, cells) in &table.rows {
        // A formula figure left blank is worked out from its parts before the row is read.
        let filled = (spec.name == "values")
            .then(|| crate::parts::fill(cells, &columns, keys, options))
            .flatten();
        let unmade = filled.as_ref().and_then(|f| f.as_ref().err()).cloned();
        let filled = filled.and_then(Result::ok);
        let cells: &[String] = filled.as_deref().unwrap_or(cells);
        let mut row = Row::new(table, *line, cells, &columns);
        if let Some(e) = unmade {
            let code = row.opt("indicator").unwrap_or_default().to_string();
            row.error(Code::BadParts, "value", format!("{code}: {e}"));
            errors.append(&mut row.errors);
            continue;
        }
        beyond_header(&mut row, cells);
        // A row that defines a key counts as defined even if another of its cells is wrong, so
        // one mistake is reported once, not again in every row that refers to it.
        if spec.defines {
            let key: Option<Vec<&str>> = spec.key.iter().map(|k| row.opt(k)).collect();
            if let Some(key) = key {
                keys.add(spec.name, &key.join(" "));
            }
        }
        if let Some((values, gave)) = read_cells(&mut row, spec, keys, options) {
            match out.push(spec.name, &values, true) {
                Err(problems) => {
                    for p in problems.0 {
                        row.error(code(p.fault), p.column, p.message);
                    }
                }
                Ok(stored) => {
                    keys.note_unit(spec, &stored);
                    bounds(&mut row, spec, &stored, keys);
                    if spec.name == "values" {
                        crate::parts::check(&mut row, spec, &stored, keys);
                    }
                    // Histories, not plans: an action's due date may well be ahead.
                    if let (Some(today), "cases" | "compliments") = (keys.today, spec.name) {
                        not_after(&mut row, spec, &stored, today);
                    }
                    let key = spec.key_values(&stored);
                    given.mark(spec.name, key.clone(), gave);
                    once(&mut row, spec, &mut seen, key);
                }
            }
        }
        errors.append(&mut row.errors);
    }
}

/// A date after `today` is a typing slip (2030 for 2020), and would make a report for a year
/// that has not happened.
fn not_after(row: &mut Row, spec: &Table, values: &[Value], today: chrono::NaiveDate) {
    for (column, value) in spec.columns.iter().zip(values) {
        if let Value::Date(d) = value
            && *d > today
        {
            row.error(
                Code::FutureDate,
                column.name,
                format!("{d} is after today ({today}): check the year"),
            );
        }
    }
}

/// Something in a column with no heading would be dropped without a word: it is an error.
fn beyond_header(row: &mut Row, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        let heading = row.table.header.get(i).map_or("", |h| h.trim());
        if heading.is_empty() && !cell.trim().is_empty() {
            let letter = column_letter(i);
            let why = format!(
                "'{}' is in column {letter}, which has no heading, so it would be lost; give the \
                 column a heading this table has, or delete the cell",
                cell.trim()
            );
            row.error(Code::BeyondHeader, &letter, why);
        }
    }
}

/// A spreadsheet's name for the column at `i` (0 is A, 26 is AA).
pub(crate) fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (i % 26) as u8));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.iter().rev().collect()
}

impl Keys {
    /// Remembers an indicator's unit or declared bounds as its row is read, for the figures read
    /// after it.
    fn note_unit(&mut self, spec: &Table, values: &[Value]) {
        let at = |name| spec.columns.iter().position(|c| c.name == name);
        if spec.name == "indicator_bounds" {
            let side = |name| match at(name).and_then(|i| values.get(i)) {
                Some(Value::Decimal(d)) => Some(*d),
                _ => None,
            };
            if let Some(Value::Text(code)) = at("indicator").and_then(|i| values.get(i)) {
                let bounds = (side("minimum"), side("maximum"));
                self.bounds.insert(code.clone(), bounds);
            }
            return;
        }
        if spec.name == "populations" {
            if let Ok(p) = Population::from_values(&Cells::new(Population::TABLE, values)) {
                self.populations.push(p);
            }
            return;
        }
        if spec.name != "indicators" {
            return;
        }
        if let Some(Value::Text(code)) = at("code").and_then(|i| values.get(i))
            && let Some(Value::Text(f)) = at("formula").and_then(|i| values.get(i))
            && let Ok(f) = Formula::parse(f)
        {
            let band = match at("population").and_then(|i| values.get(i)) {
                Some(Value::Text(b)) => Some(b.clone()),
                _ => None,
            };
            self.formulas.insert(code.clone(), (f, band));
        }
        let (Some(code), Some(unit)) = (at("code"), at("unit")) else {
            return;
        };
        if let (Some(Value::Text(code)), Some(Value::Text(unit))) =
            (values.get(code), values.get(unit))
            && let Ok(unit) = Unit::parse(unit)
        {
            self.units.insert(code.clone(), unit);
        }
    }
}

/// A figure must be possible in its indicator's unit: a percentage from 0 to 100, a count or a
/// rate not negative, unless the indicator declares its own bounds. A fraction in a percent
/// column is refused when the workbook's cell formats cannot be read, as it may be a percentage
/// Excel holds as 0.068.
fn bounds(row: &mut Row, spec: &Table, values: &[Value], keys: &Keys) {
    let indicator = spec
        .columns
        .iter()
        .position(|c| c.name == "indicator" && matches!(c.refers, Some(Refers::Key("indicators"))));
    let Some(Value::Text(code)) = indicator.and_then(|i| values.get(i)) else {
        return;
    };
    let Some(unit) = keys.units.get(code).copied() else {
        return;
    };
    let table = spec.name;
    for (column, value) in spec.columns.iter().zip(values) {
        let Value::Figure(figure) = value else {
            continue;
        };
        let Some(n) = figure.as_number() else {
            continue;
        };
        let name = column.name;
        let declared = keys.bounds.get(code).copied();
        let outside =
            |(low, high): Bounds| low.is_some_and(|l| n < l) || high.is_some_and(|h| n > h);
        let problem = match unit {
            _ if declared.is_some_and(outside) => Some((
                Code::OutOfBounds,
                format!(
                    "in {table}, {code}'s {name} must be {} (its indicator_bounds), not {n}",
                    shown(declared.unwrap_or_default())
                ),
            )),
            _ if declared.is_some() => None,
            Unit::Percent if n < Decimal::ZERO || n > Decimal::ONE_HUNDRED => Some((
                Code::OutOfBounds,
                format!(
                    "in {table}, {code} is a percentage, so its {name} must be from 0 to 100, \
                     not {n}"
                ),
            )),
            Unit::Percent if !row.table.formats_known && n > Decimal::ZERO && n < Decimal::ONE => {
                let shown = (n * Decimal::ONE_HUNDRED).normalize();
                Some((
                    Code::PercentUnknown,
                    format!(
                        "in {table}, {code} is a percentage and {n} looks like a fraction, but \
                         this workbook's cell formats cannot be read to tell whether Excel shows \
                         it as {shown}%; type the percentage as a number ({shown}), or save the \
                         workbook as .xlsx"
                    ),
                ))
            }
            Unit::Count | Unit::RatePer10000 if n < Decimal::ZERO => {
                let what = if unit == Unit::Count { "count" } else { "rate" };
                Some((
                    Code::OutOfBounds,
                    format!(
                        "in {table}, {code} is a {what}, so its {name} cannot be negative ({n})"
                    ),
                ))
            }
            _ => None,
        };
        if let Some((code, why)) = problem {
            row.error(code, name, why);
        }
    }
}

/// Declared bounds in words: `from -100 to 500`, `at least -100`, `at most 500`.
fn shown((low, high): Bounds) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("from {l} to {h}"),
        (Some(l), None) => format!("at least {l}"),
        (None, Some(h)) => format!("at most {h}"),
        (None, None) => "anything".into(),
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

/// Each cell read by its column's type and checked against what it refers to, with whether the
/// file gave it (a blank cell or a missing column gives nothing; [`CLEAR`] gives a blank);
/// `None` when any cell is wrong (every problem recorded).
fn read_cells(
    row: &mut Row,
    spec: &'static Table,
    keys: &Keys,
    options: Options,
) -> Option<(Vec<Value>, Vec<bool>)> {
    let mut values = Vec::with_capacity(spec.columns.len());
    let mut passed: Vec<bool> = Vec::with_capacity(spec.columns.len());
    let mut gave = Vec::with_capacity(spec.columns.len());
    for column in spec.columns {
        let cell = row.opt(column.name);
        let clear = cell.is_some_and(|t| t.eq_ignore_ascii_case(CLEAR));
        gave.push(cell.is_some());
        let value = match cell.filter(|_| !clear) {
            None if column.need == Need::Required => {
                let why = if clear {
                    format!("'{}' is required, so it cannot be cleared", column.name)
                } else {
                    format!("'{}' must not be blank", column.name)
                };
                row.error(Code::MissingValue, column.name, why);
                None
            }
            None => Some(Value::Null),
            Some(text) => match cells::parse(column.kind, text, options) {
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
    passed.iter().all(|p| *p).then_some((values, gave))
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use scrutiny_domain::Dataset;

    use super::*;

    fn values(value: &str, formats_known: bool) -> RawTable {
        let cells = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        RawTable {
            name: "values".into(),
            file: "figures.ods".into(),
            sheet: Some("values".into()),
            header: cells("indicator,year,quarter,value"),
            rows: vec![(2, cells(&format!("P1,2012/13,Q1,{value}")))],
            formats_known,
        }
    }

    fn codes(value: &str, formats_known: bool) -> Vec<&'static str> {
        let mut known = Known::default();
        known.insert("indicators", "P1".into());
        known.insert_unit("P1".into(), Unit::Percent);
        let mut keys = Keys::from_known(&known);
        let raw = [values(value, formats_known)];
        match read_all::<Dataset>(&raw, &mut keys, "a table", Options::default()) {
            Ok(_) => Vec::new(),
            Err(e) => e.codes(),
        }
    }

    #[test]
    fn a_fraction_for_a_percentage_is_refused_when_the_cell_format_is_unknown() {
        assert_eq!(codes("0.068", false), ["IMP016"]);
        assert!(codes("0.068", true).is_empty());
        assert!(codes("6.8", false).is_empty());
        assert_eq!(codes("100.5", true), ["IMP014"]);
        assert_eq!(codes("-1", true), ["IMP014"]);
    }

    #[test]
    fn declared_bounds_replace_the_units_own() {
        let mut known = Known::default();
        known.insert("indicators", "P1".into());
        known.insert_unit("P1".into(), Unit::Percent);
        known.insert_bounds(scrutiny_domain::performance::model::IndicatorBounds {
            indicator: "P1".into(),
            minimum: Some(Decimal::from(-100)),
            maximum: None,
        });
        let read = |value: &str| {
            let mut keys = Keys::from_known(&known);
            let raw = [values(value, true)];
            read_all::<Dataset>(&raw, &mut keys, "a table", Options::default())
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        assert!(read("-13").is_ok());
        assert!(read("140").is_ok());
        let err = read("-120").unwrap_err();
        assert!(err.contains("IMP014"), "{err}");
        assert!(
            err.contains("P1's value must be at least -100 (its indicator_bounds), not -120"),
            "{err}"
        );
    }

    #[test]
    fn spreadsheet_column_letters() {
        let letters: Vec<String> = [0, 9, 25, 26, 27, 701, 702].map(column_letter).into();
        assert_eq!(letters, ["A", "J", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
