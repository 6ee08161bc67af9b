//! Reading everything back as a [`Dataset`] (or the complaints records), the shape reports are
//! built from, each table by its description.

use std::str::FromStr;

use futures_util::TryStreamExt;
use rust_decimal::Decimal;
use scrutiny_domain::Dataset;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::period::{FinancialYear, Quarter, parse_date};
use scrutiny_domain::table::{Column, ColumnType, Table, TableSet, Value};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError};

/// A stored value read back as its column's type; the error says what could not be read.
pub(crate) fn value(row: &AnyRow, i: usize, c: &Column) -> std::result::Result<Value, String> {
    let bad = |e: &dyn std::fmt::Display| format!("{}: {e}", c.stored);
    if c.kind.stored_as_integer() {
        let Some(n) = row.try_get::<Option<i64>, _>(i).map_err(|e| bad(&e))? else {
            return Ok(Value::Null);
        };
        return Ok(match c.kind {
            ColumnType::Year | ColumnType::ReportYear => {
                Value::Year(FinancialYear(i32::try_from(n).map_err(|e| bad(&e))?))
            }
            // Quarter 0 is an annual figure.
            ColumnType::Quarter if n == 0 => Value::Null,
            ColumnType::Quarter => u8::try_from(n)
                .ok()
                .and_then(Quarter::from_number)
                .map(Value::Quarter)
                .ok_or_else(|| bad(&format!("quarter {n}")))?,
            ColumnType::YesNo => Value::Bool(n != 0),
            _ => Value::Int(n),
        });
    }
    let Some(s) = row.try_get::<Option<String>, _>(i).map_err(|e| bad(&e))? else {
        return Ok(Value::Null);
    };
    Ok(match c.kind {
        ColumnType::Decimal | ColumnType::Money => {
            Value::Decimal(Decimal::from_str(&s).map_err(|e| bad(&e))?)
        }
        ColumnType::Target => Value::Figure(Figure::parse_target(&s).map_err(|e| bad(&e))?),
        ColumnType::Figure => Value::Figure(Figure::parse_value(&s).map_err(|e| bad(&e))?),
        ColumnType::Date => Value::Date(parse_date(&s).map_err(|e| bad(&e))?),
        _ => Value::Text(s),
    })
}

impl Store {
    /// Loads everything stored. Reports select from it; for a council this is a few thousand rows.
    pub async fn load(&self) -> Result<Dataset> {
        self.load_set(false).await
    }

    /// Reads every table of a set in its order; personal data only when `personal`, otherwise
    /// those columns come back blank.
    pub(crate) async fn load_set<S: TableSet>(&self, personal: bool) -> Result<S> {
        let mut out = S::default();
        for t in S::TABLES {
            for values in self.load_table(t, personal).await? {
                out.push(t.name, &values, false)
                    .map_err(|problems| StoreError::Corrupt {
                        table: t.stored,
                        detail: problems
                            .0
                            .iter()
                            .map(|p| format!("{}: {}", p.column, p.message))
                            .collect::<Vec<_>>()
                            .join("; "),
                    })?;
            }
        }
        Ok(out)
    }

    async fn load_table(&self, t: &'static Table, personal: bool) -> Result<Vec<Vec<Value>>> {
        let read: Vec<&Column> = t
            .columns
            .iter()
            .filter(|c| personal || !c.personal)
            .collect();
        let names: Vec<&str> = read.iter().map(|c| c.stored).collect();
        // Built from the table's fixed description, never from user input.
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            names.join(", "),
            t.stored,
            t.order
        );
        // Row by row: a table read whole first (as `fetch_all` does) held every row twice, the
        // driver's and ours, and loading the 1,000-indicator benchmark peaked 15 MB higher.
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&self.pool);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let mut read = read.iter().enumerate();
            let values = t
                .columns
                .iter()
                .map(|c| {
                    if !personal && c.personal {
                        return Ok(Value::Null);
                    }
                    let (i, _) = read.next().ok_or_else(|| corrupt(t, "columns"))?;
                    value(&row, i, c).map_err(|e| corrupt(t, &e))
                })
                .collect::<Result<Vec<_>>>()?;
            out.push(values);
        }
        Ok(out)
    }
}

fn corrupt(t: &Table, detail: &str) -> StoreError {
    StoreError::Corrupt {
        table: t.stored,
        detail: detail.to_string(),
    }
}
