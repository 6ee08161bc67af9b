//! Each table a council imports, described once: its columns (the name in the import file and in
//! storage, the type, whether it is required, what it means, what it refers to), its key and how it
//! is read back. The importer, the templates, the documentation test, the save and the load are
//! all driven by these descriptions; a record says how it turns into a row of [`Value`]s and back
//! ([`Tabular`]). The tables themselves are in each area's `tables` module
//! ([`crate::performance::tables`], [`crate::plans::tables`], [`crate::complaints::tables`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::DomainError;
use crate::figure::Figure;
use crate::period::{FinancialYear, Period, Quarter};

/// What a column holds: how a cell is read and how the value is stored.
#[derive(Debug, Clone, Copy)]
pub enum ColumnType {
    /// Free text.
    Text,
    /// A whole number (an order, an element's number); stored as an integer.
    Whole,
    /// A whole number of cases, never negative; stored as an integer.
    Count,
    /// Decimal places printed, 0 to 6; stored as an integer.
    Places,
    /// A number; stored as exact text.
    Decimal,
    /// A target: a number or a state such as TBC; stored as the text that reads back the same.
    Target,
    /// A value: a number, a state, or a sentence; stored as the text that reads back the same.
    Figure,
    /// Money in £'000 as printed (`8,071`, `(20)`); stored as exact text.
    Money,
    /// A date; stored as `YYYY-MM-DD`.
    Date,
    /// A financial year (`2012/13`); stored as the calendar year it starts in.
    Year,
    /// A financial year of the complaints report, with that report's wording of the rule.
    ReportYear,
    /// `Q1`..`Q4`; stored as 1..4, and a blank (an annual figure) as 0.
    Quarter,
    /// yes or no, blank meaning no; stored as 1 or 0.
    YesNo,
    /// One of a fixed set of words: the function gives the word as stored, or why not.
    Word(fn(&str) -> Result<&'static str, DomainError>),
    /// Codes separated by `;`; stored joined by `;`.
    Links,
}

impl ColumnType {
    /// Whether the value is stored as an integer (otherwise as text).
    pub fn stored_as_integer(self) -> bool {
        matches!(
            self,
            ColumnType::Whole
                | ColumnType::Count
                | ColumnType::Places
                | ColumnType::Year
                | ColumnType::ReportYear
                | ColumnType::Quarter
                | ColumnType::YesNo
        )
    }
}

/// Whether a column must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The column must be in the header and every cell filled.
    Required,
    /// The column may be left out, and its cells blank.
    Optional,
    /// The column must be in the header, but a cell may be blank.
    Column,
}

/// What a column's cells refer to.
#[derive(Debug, Clone, Copy)]
pub enum Refers {
    /// A key of the named table (held already or imported with it).
    Key(&'static str),
    /// With the cell of `parent` before it, a key of `table` (a measure's ref within its strategy).
    Within {
        table: &'static str,
        parent: &'static str,
    },
    /// Each code is a key of one of these tables.
    AnyOf(&'static [&'static str]),
    /// A code of the council's list of that name (complaints `lists`).
    List(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The name in an import file's header.
    pub name: &'static str,
    /// The stored column's name.
    pub stored: &'static str,
    pub kind: ColumnType,
    pub need: Need,
    pub help: &'static str,
    pub refers: Option<Refers>,
    /// Personal data: stored, but read back only through the store's audited door.
    pub personal: bool,
}

impl Column {
    pub fn required(&self) -> bool {
        self.need != Need::Optional
    }

    /// Stored under another name.
    pub const fn stored(self, stored: &'static str) -> Column {
        Column { stored, ..self }
    }

    pub const fn refers(self, refers: Refers) -> Column {
        Column {
            refers: Some(refers),
            ..self
        }
    }

    /// A cell that may be blank in a column the header must have.
    pub const fn blank_ok(self) -> Column {
        Column {
            need: Need::Column,
            ..self
        }
    }

    pub const fn personal(self) -> Column {
        Column {
            personal: true,
            ..self
        }
    }
}

/// A required column.
pub const fn req(name: &'static str, kind: ColumnType, help: &'static str) -> Column {
    Column {
        name,
        stored: name,
        kind,
        need: Need::Required,
        help,
        refers: None,
        personal: false,
    }
}

/// An optional column.
pub const fn opt(name: &'static str, kind: ColumnType, help: &'static str) -> Column {
    Column {
        need: Need::Optional,
        ..req(name, kind, help)
    }
}

/// A required column of free text.
pub const fn text(name: &'static str, help: &'static str) -> Column {
    req(name, ColumnType::Text, help)
}

/// An optional column of free text.
pub const fn opt_text(name: &'static str, help: &'static str) -> Column {
    opt(name, ColumnType::Text, help)
}

/// A required reference to a key of `table`.
pub const fn key_of(name: &'static str, table: &'static str, help: &'static str) -> Column {
    text(name, help).refers(Refers::Key(table))
}

/// An optional reference to a key of `table`.
pub const fn opt_key_of(name: &'static str, table: &'static str, help: &'static str) -> Column {
    opt_text(name, help).refers(Refers::Key(table))
}

/// An optional code from one of the council's complaints lists.
pub const fn listed(name: &'static str, list: &'static str, help: &'static str) -> Column {
    opt_text(name, help).refers(Refers::List(list))
}

pub struct Table {
    /// The file or sheet name.
    pub name: &'static str,
    pub help: &'static str,
    /// The stored table's name.
    pub stored: &'static str,
    pub columns: &'static [Column],
    /// The columns (by import name) that identify a row: a second row with the same key is a
    /// mistake, and a stored row with it is replaced.
    pub key: &'static [&'static str],
    /// Whether other tables refer to this one's key.
    pub defines: bool,
    /// The order rows are read back in (stored column names).
    pub order: &'static str,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The key of a row of this table, each part as written.
    pub fn key_values(&self, values: &[Value]) -> Vec<String> {
        self.key_positions()
            .into_iter()
            .map(|i| values.get(i).map(Value::shown).unwrap_or_default())
            .collect()
    }

    /// Positions of the key columns, in key order.
    pub fn key_positions(&self) -> Vec<usize> {
        self.key
            .iter()
            .filter_map(|k| self.columns.iter().position(|c| c.name == *k))
            .collect()
    }
}

/// One cell's value, typed by its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    Decimal(Decimal),
    Figure(Figure),
    Date(NaiveDate),
    Year(FinancialYear),
    Quarter(Quarter),
}

impl Value {
    pub fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    pub fn opt_text(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::Null, |s| Value::Text(s.clone()))
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Null, Value::Date)
    }

    pub fn opt_decimal(d: Option<Decimal>) -> Value {
        d.map_or(Value::Null, Value::Decimal)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as written in a key or a message; blank for none.
    pub fn shown(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::Decimal(d) => d.to_string(),
            Value::Figure(f) => f.to_entry(),
            Value::Date(d) => d.to_string(),
            Value::Year(y) => y.to_string(),
            Value::Quarter(q) => q.to_string(),
        }
    }
}

/// The cell text that clears a stored value on import. A blank cell, like a column left out,
/// leaves the stored value as it is: blank is too easily an accident to mean "delete".
pub const CLEAR: &str = "(clear)";

/// Which cells of an import's rows were given, by table and key: a stored row is changed only
/// in those columns. A row not listed (a return's draft, a new row) gives every cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    rows:
        std::collections::HashMap<&'static str, std::collections::HashMap<Vec<String>, Vec<bool>>>,
}

impl Given {
    /// Records that the row of `table` with `key` gave the cells marked true (one per column).
    pub fn mark(&mut self, table: &'static str, key: Vec<String>, cells: Vec<bool>) {
        self.rows.entry(table).or_default().insert(key, cells);
    }

    /// Whether the row of `table` with `key` gave column `at`.
    pub fn gave(&self, table: &str, key: &[String], at: usize) -> bool {
        self.rows
            .get(table)
            .and_then(|t| t.get(key))
            .is_none_or(|cells| cells.get(at).copied().unwrap_or(true))
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// What is wrong with a row, as the importer's error codes sort it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Missing,
    Period,
    Number,
    NotAllowed,
    Reference,
    NoReason,
}

/// A problem with one column of a row, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub column: &'static str,
    pub fault: Fault,
    pub message: String,
}

impl Problem {
    pub fn new(column: &'static str, fault: Fault, message: impl Into<String>) -> Problem {
        Problem {
            column,
            fault,
            message: message.into(),
        }
    }
}

/// Every problem found in a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl From<Problem> for Problems {
    fn from(p: Problem) -> Problems {
        Problems(vec![p])
    }
}

/// A record that is one row of a described table.
pub trait Tabular: Sized {
    const TABLE: &'static Table;
    /// One value per column of [`Self::TABLE`], in order.
    fn to_values(&self) -> Vec<Value>;
    /// The record from one value per column (as imported, or as read back).
    fn from_values(row: &Cells<'_>) -> Result<Self, Problems>;
    /// The rules an imported row must also keep (checked on import, not on reading back).
    fn check(&self) -> Result<(), Problems> {
        Ok(())
    }
}

/// One row's values by column name, for [`Tabular::from_values`].
pub struct Cells<'a> {
    table: &'static Table,
    values: &'a [Value],
}

impl<'a> Cells<'a> {
    pub fn new(table: &'static Table, values: &'a [Value]) -> Cells<'a> {
        Cells { table, values }
    }

    fn get(&self, column: &'static str) -> Result<&'a Value, Problem> {
        self.table
            .columns
            .iter()
            .position(|c| c.name == column)
            .and_then(|i| self.values.get(i))
            .ok_or_else(|| {
                Problem::new(
                    column,
                    Fault::Missing,
                    format!("'{}' has no column '{column}'", self.table.name),
                )
            })
    }

    fn wrong(column: &'static str, v: &Value) -> Problem {
        Problem::new(column, Fault::NotAllowed, format!("unexpected value {v:?}"))
    }

    fn missing(column: &'static str) -> Problem {
        Problem::new(
            column,
            Fault::Missing,
            format!("'{column}' must not be blank"),
        )
    }

    /// The import name of the column at `at`.
    pub fn name(&self, at: usize) -> &'static str {
        self.table.columns.get(at).map_or("?", |c| c.name)
    }

    /// The field of the column at `at`.
    pub fn field<T: Field>(&self, at: usize) -> Result<T, Problem> {
        let column = self.name(at);
        let v = self.values.get(at).unwrap_or(&Value::Null);
        T::from_value(v, column)
    }

    pub fn is_blank(&self, column: &'static str) -> bool {
        self.get(column).is_ok_and(Value::is_null)
    }

    pub fn opt_text(&self, column: &'static str) -> Result<Option<String>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn text(&self, column: &'static str) -> Result<String, Problem> {
        self.opt_text(column)?.ok_or_else(|| Self::missing(column))
    }

    /// A word column read with its type's parser.
    pub fn word<T>(
        &self,
        column: &'static str,
        parse: impl Fn(&str) -> Result<T, DomainError>,
    ) -> Result<T, Problem> {
        self.opt_word(column, parse)?
            .ok_or_else(|| Self::missing(column))
    }

    pub fn opt_word<T>(
        &self,
        column: &'static str,
        parse: impl Fn(&str) -> Result<T, DomainError>,
    ) -> Result<Option<T>, Problem> {
        self.opt_text(column)?
            .map(|s| parse(&s).map_err(|e| Problem::new(column, Fault::NotAllowed, e.to_string())))
            .transpose()
    }

    pub fn opt_int(&self, column: &'static str) -> Result<Option<i64>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Int(n) => Ok(Some(*n)),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn int(&self, column: &'static str) -> Result<i64, Problem> {
        self.opt_int(column)?.ok_or_else(|| Self::missing(column))
    }

    /// A whole number that may be left blank for 0 (an order within a section).
    pub fn position(&self, column: &'static str) -> Result<i64, Problem> {
        Ok(self.opt_int(column)?.unwrap_or(0))
    }

    pub fn flag(&self, column: &'static str) -> Result<bool, Problem> {
        match self.get(column)? {
            Value::Null => Ok(false),
            Value::Bool(b) => Ok(*b),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn opt_decimal(&self, column: &'static str) -> Result<Option<Decimal>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Decimal(d) => Ok(Some(*d)),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn opt_figure(&self, column: &'static str) -> Result<Option<Figure>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Figure(f) => Ok(Some(f.clone())),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn figure(&self, column: &'static str) -> Result<Figure, Problem> {
        self.opt_figure(column)?
            .ok_or_else(|| Self::missing(column))
    }

    pub fn opt_date(&self, column: &'static str) -> Result<Option<NaiveDate>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Date(d) => Ok(Some(*d)),
            v => Err(Self::wrong(column, v)),
        }
    }

    pub fn date(&self, column: &'static str) -> Result<NaiveDate, Problem> {
        self.opt_date(column)?.ok_or_else(|| Self::missing(column))
    }

    pub fn year(&self, column: &'static str) -> Result<FinancialYear, Problem> {
        match self.get(column)? {
            Value::Year(y) => Ok(*y),
            Value::Null => Err(Self::missing(column)),
            v => Err(Self::wrong(column, v)),
        }
    }

    /// The quarter, or `None` for an annual figure.
    pub fn opt_quarter(&self, column: &'static str) -> Result<Option<Quarter>, Problem> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Quarter(q) => Ok(Some(*q)),
            v => Err(Self::wrong(column, v)),
        }
    }

    /// The quarter of the columns `year` and `quarter`.
    pub fn period(&self) -> Result<Period, Problem> {
        let quarter = self
            .opt_quarter("quarter")?
            .ok_or_else(|| Self::missing("quarter"))?;
        Ok(Period::new(self.year("year")?, quarter))
    }
}

/// A record field that is one cell: how it becomes a [`Value`] and back. A blank cell reads as
/// the type's nothing (an empty text, 0, no); the importer has already refused a blank where a
/// value is required.
pub trait Field: Sized {
    fn to_value(&self) -> Value;
    fn from_value(v: &Value, column: &'static str) -> Result<Self, Problem>;
}

fn unexpected(column: &'static str, v: &Value) -> Problem {
    Problem::new(column, Fault::NotAllowed, format!("unexpected value {v:?}"))
}

fn blank(column: &'static str) -> Problem {
    Problem::new(
        column,
        Fault::Missing,
        format!("'{column}' must not be blank"),
    )
}

/// `Field` for a type and its `Option`, given how each variant of [`Value`] holds it.
macro_rules! fields {
    ($($t:ty: $variant:ident ($v:ident) => $to:expr, $from:expr, $none:expr;)*) => {$(
        impl Field for $t {
            fn to_value(&self) -> Value {
                let $v = self;
                $to
            }
            fn from_value(v: &Value, column: &'static str) -> Result<Self, Problem> {
                match v {
                    Value::$variant($v) => Ok($from),
                    Value::Null => $none.ok_or_else(|| blank(column)),
                    v => Err(unexpected(column, v)),
                }
            }
        }
        impl Field for Option<$t> {
            fn to_value(&self) -> Value {
                self.as_ref().map_or(Value::Null, Field::to_value)
            }
            fn from_value(v: &Value, column: &'static str) -> Result<Self, Problem> {
                match v {
                    Value::Null => Ok(None),
                    v => <$t>::from_value(v, column).map(Some),
                }
            }
        }
    )*};
}

fields! {
    String: Text(s) => Value::Text(s.clone()), s.clone(), Some(String::new());
    i64: Int(n) => Value::Int(*n), *n, Some(0);
    bool: Bool(b) => Value::Bool(*b), *b, Some(false);
    Decimal: Decimal(d) => Value::Decimal(*d), *d, None::<Decimal>;
    Figure: Figure(f) => Value::Figure(f.clone()), f.clone(), None::<Figure>;
    NaiveDate: Date(d) => Value::Date(*d), *d, None::<NaiveDate>;
    FinancialYear: Year(y) => Value::Year(*y), *y, None::<FinancialYear>;
    Quarter: Quarter(q) => Value::Quarter(*q), *q, None::<Quarter>;
}

/// A word from a fixed set (a polarity, a status…), stored as its code.
pub trait Word: Sized + Copy {
    fn parse(text: &str) -> Result<Self, DomainError>;
    fn word(self) -> &'static str;
}

/// `Field` for the word types, through [`Word`].
#[macro_export]
macro_rules! word_fields {
    ($($t:ty: $word:ident),* $(,)?) => {$(
        impl $crate::table::Word for $t {
            fn parse(text: &str) -> Result<Self, $crate::DomainError> {
                <$t>::parse(text)
            }
            fn word(self) -> &'static str {
                self.$word()
            }
        }
        impl $crate::table::Field for $t {
            fn to_value(&self) -> $crate::table::Value {
                $crate::table::Value::text($crate::table::Word::word(*self))
            }
            fn from_value(
                v: &$crate::table::Value,
                column: &'static str,
            ) -> Result<Self, $crate::table::Problem> {
                $crate::table::word_from_value(v, column)
            }
        }
        impl $crate::table::Field for Option<$t> {
            fn to_value(&self) -> $crate::table::Value {
                self.map_or($crate::table::Value::Null, |w| {
                    $crate::table::Field::to_value(&w)
                })
            }
            fn from_value(
                v: &$crate::table::Value,
                column: &'static str,
            ) -> Result<Self, $crate::table::Problem> {
                match v {
                    $crate::table::Value::Null => Ok(None),
                    v => $crate::table::word_from_value(v, column).map(Some),
                }
            }
        }
    )*};
}

/// A word column's reading: the word as stored, or why not (for [`ColumnType::Word`]).
pub fn code_of<W: Word>(text: &str) -> Result<&'static str, DomainError> {
    W::parse(text).map(W::word)
}

/// A word read back through its type's parser.
pub fn word_from_value<W: Word>(v: &Value, column: &'static str) -> Result<W, Problem> {
    match v {
        Value::Text(s) => {
            W::parse(s).map_err(|e| Problem::new(column, Fault::NotAllowed, e.to_string()))
        }
        Value::Null => Err(blank(column)),
        v => Err(unexpected(column, v)),
    }
}

/// A record field held in one or more columns (a period in `year` and `quarter`).
pub trait Fields: Sized {
    const WIDTH: usize;
    fn push_values(&self, out: &mut Vec<Value>);
    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem>;
    fn width(&self) -> usize {
        Self::WIDTH
    }
}

impl<T: Field> Fields for T {
    const WIDTH: usize = 1;
    fn push_values(&self, out: &mut Vec<Value>) {
        out.push(self.to_value());
    }
    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem> {
        r.field(at)
    }
}

impl Fields for Period {
    const WIDTH: usize = 2;
    fn push_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Year(self.year));
        out.push(Value::Quarter(self.quarter));
    }
    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem> {
        let year = r.field(at)?;
        let quarter: Option<Quarter> = r.field(at + 1)?;
        Ok(Period::new(
            year,
            quarter.ok_or_else(|| blank(r.name(at + 1)))?,
        ))
    }
}

/// Implements [`Tabular`] for a record whose fields are its columns, in order (a field may take
/// more than one): the record and its table described in one place.
#[macro_export]
macro_rules! tabular {
    ($record:ident {
        name: $name:expr,
        help: $help:expr,
        stored: $stored:expr,
        key: $key:expr,
        defines: $defines:expr,
        order: $order:expr,
        columns: [$($field:ident: [$($column:expr),+ $(,)?]),* $(,)?] $(,)?
        $(check: $check:expr $(,)?)?
    }) => {
        impl $crate::table::Tabular for $record {
            const TABLE: &'static $crate::table::Table = &$crate::table::Table {
                name: $name,
                help: $help,
                stored: $stored,
                columns: &[$($($column),+),*],
                key: $key,
                defines: $defines,
                order: $order,
            };

            fn to_values(&self) -> Vec<$crate::table::Value> {
                let mut out = Vec::with_capacity(Self::TABLE.columns.len());
                $($crate::table::Fields::push_values(&self.$field, &mut out);)*
                out
            }

            #[allow(unused_assignments)]
            fn from_values(
                r: &$crate::table::Cells<'_>,
            ) -> Result<Self, $crate::table::Problems> {
                let mut at = 0;
                Ok($record {
                    $($field: {
                        let v = $crate::table::Fields::from_cells(r, at)?;
                        at += $crate::table::Fields::width(&v);
                        v
                    }),*
                })
            }

            $(fn check(&self) -> Result<(), $crate::table::Problems> {
                ($check)(self)
            })?
        }
    };
}

/// A record's key, each part as written.
pub fn row_key<T: Tabular>(values: &[Value]) -> Vec<String> {
    T::TABLE.key_values(values)
}

/// A set of described tables held together (a [`crate::Dataset`], complaints records), in the
/// order they are read: each table may refer only to tables before it.
pub trait TableSet: Default {
    const TABLES: &'static [&'static Table];
    /// Adds a row to the named table (the row must keep the table's import rules when `check`);
    /// gives the record's values as it will be stored.
    fn push(&mut self, table: &str, values: &[Value], check: bool) -> Result<Vec<Value>, Problems>;
    /// Every row of the named table.
    fn rows(&self, table: &str) -> Vec<Vec<Value>>;
    /// Rows in the named table.
    fn count(&self, table: &str) -> usize;
    /// Puts every table's rows in key order.
    fn sort(&mut self);
    /// Adds `newer`'s rows, each replacing a row with the same key, as storing them would.
    fn upsert(&mut self, newer: Self);
}

/// Reads a row into a record, checking it when asked.
pub fn record<T: Tabular>(values: &[Value], check: bool) -> Result<T, Problems> {
    let r = T::from_values(&Cells::new(T::TABLE, values))?;
    if check {
        r.check()?;
    }
    Ok(r)
}

/// Sorts records by their key.
pub fn sort_by_key<T: Tabular>(rows: &mut [T]) {
    rows.sort_by_cached_key(|r| row_key::<T>(&r.to_values()));
}

/// Adds `newer` to `rows`, each replacing the row with the same key in the cells it gave, as
/// storing it would.
pub fn upsert_rows<T: Tabular>(rows: &mut Vec<T>, newer: Vec<T>, given: &Given) {
    for n in newer {
        let values = n.to_values();
        let key = row_key::<T>(&values);
        match rows
            .iter()
            .position(|r| row_key::<T>(&r.to_values()) == key)
        {
            Some(i) => {
                let mixed: Vec<Value> = values
                    .into_iter()
                    .zip(rows[i].to_values())
                    .enumerate()
                    .map(|(at, (new, old))| {
                        if given.gave(T::TABLE.name, &key, at) {
                            new
                        } else {
                            old
                        }
                    })
                    .collect();
                rows[i] = record::<T>(&mixed, false).unwrap_or(n);
            }
            None => rows.push(n),
        }
    }
}

/// Implements [`TableSet`] for a struct whose fields are the tables' rows, listed in order;
/// `given` first when the struct says which cells an import gave (its `given` field).
#[macro_export]
macro_rules! table_set {
    ($set:ty { given, $($field:ident: $record:ty),* $(,)? }) => {
        $crate::table_set!(@ $set, |s| s.given.clone(), $($field: $record),*);
    };
    ($set:ty { $($field:ident: $record:ty),* $(,)? }) => {
        $crate::table_set!(@ $set, |_s| $crate::table::Given::default(), $($field: $record),*);
    };
    (@ $set:ty, $given:expr, $($field:ident: $record:ty),*) => {
        impl $crate::table::TableSet for $set {
            const TABLES: &'static [&'static $crate::table::Table] =
                &[$(<$record as $crate::table::Tabular>::TABLE),*];

            fn push(
                &mut self,
                table: &str,
                values: &[$crate::table::Value],
                check: bool,
            ) -> Result<Vec<$crate::table::Value>, $crate::table::Problems> {
                use $crate::table::Tabular;
                $(if table == <$record as Tabular>::TABLE.name {
                    let record = $crate::table::record::<$record>(values, check)?;
                    let stored = record.to_values();
                    self.$field.push(record);
                    return Ok(stored);
                })*
                Ok(Vec::new())
            }

            fn rows(&self, table: &str) -> Vec<Vec<$crate::table::Value>> {
                use $crate::table::Tabular;
                $(if table == <$record as Tabular>::TABLE.name {
                    return self.$field.iter().map(Tabular::to_values).collect();
                })*
                Vec::new()
            }

            fn count(&self, table: &str) -> usize {
                $(if table == <$record as $crate::table::Tabular>::TABLE.name {
                    return self.$field.len();
                })*
                0
            }

            fn sort(&mut self) {
                $($crate::table::sort_by_key(&mut self.$field);)*
            }

            fn upsert(&mut self, newer: Self) {
                let given_of: fn(&Self) -> $crate::table::Given = $given;
                let given = given_of(&newer);
                $($crate::table::upsert_rows(&mut self.$field, newer.$field, &given);)*
            }
        }
    };
}
