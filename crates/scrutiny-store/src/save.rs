//! Applying an imported dataset: every row upserted on its natural key, all in one transaction.
//! Rows that already hold the same values are not touched, so re-importing a file changes nothing
//! and the summary says so.

use scrutiny_domain::Dataset;
use scrutiny_domain::table::{ColumnType, Given, Table, TableSet, Value};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

use crate::{Result, Store, StoreError};

/// One bound value. The `Any` driver carries text and integers to both backends.
pub(crate) enum P {
    T(Option<String>),
    I(Option<i64>),
}

/// A value as it is bound for its column: years and quarters as integers (a blank quarter, an
/// annual figure, as 0), yes/no as 1 or 0, figures, money, decimals and dates as exact text.
pub(crate) fn param(v: &Value, kind: ColumnType) -> P {
    match v {
        Value::Null if matches!(kind, ColumnType::Quarter) => P::I(Some(0)),
        Value::Null if kind.stored_as_integer() => P::I(None),
        Value::Null => P::T(None),
        Value::Text(s) => P::T(Some(s.clone())),
        Value::Int(n) => P::I(Some(*n)),
        Value::Bool(b) => P::I(Some(i64::from(*b))),
        Value::Decimal(d) => P::T(Some(d.to_string())),
        Value::Figure(f) => P::T(Some(f.to_entry())),
        Value::Date(d) => P::T(Some(d.to_string())),
        Value::Year(y) => P::I(Some(i64::from(y.0))),
        Value::Quarter(q) => P::I(Some(i64::from(q.number()))),
    }
}

/// The stored names of a table's key columns and of the rest (personal data left out unless
/// `personal`), and each row's values in that order, as bound.
pub(crate) fn layout(
    table: &'static Table,
    rows: &[Vec<Value>],
    personal: bool,
) -> (Vec<&'static str>, Vec<&'static str>, Vec<Vec<P>>) {
    let key = table.key_positions();
    let rest = rest_positions(table, personal);
    let order: Vec<usize> = key.iter().chain(&rest).copied().collect();
    let names = |is: &[usize]| -> Vec<&'static str> {
        is.iter().map(|i| table.columns[*i].stored).collect()
    };
    let bound = rows
        .iter()
        .map(|row| {
            order
                .iter()
                .map(|i| {
                    let v = row.get(*i).unwrap_or(&Value::Null);
                    param(v, table.columns[*i].kind)
                })
                .collect()
        })
        .collect();
    (names(&key), names(&rest), bound)
}

/// Positions of a table's columns that are not its key (personal data left out unless
/// `personal`), in the order [`layout`] binds them.
fn rest_positions(table: &Table, personal: bool) -> Vec<usize> {
    let key = table.key_positions();
    (0..table.columns.len())
        .filter(|i| !key.contains(i) && (personal || !table.columns[*i].personal))
        .collect()
}

/// What an import changed, per table: rows inserted or updated (unchanged rows are not counted),
/// and for rows already stored, how many changed in each column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplySummary {
    pub changed: Vec<(&'static str, u64)>,
    pub details: Vec<TableChanges>,
}

/// One table's changes: new rows, and stored rows changed, counted per column (stored names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableChanges {
    pub table: &'static str,
    pub new: u64,
    pub columns: Vec<(&'static str, u64)>,
}

impl ApplySummary {
    pub fn total_changed(&self) -> u64 {
        self.changed.iter().map(|(_, n)| n).sum()
    }

    /// Each table changed, with what changed in it: `indicator_values: 1 [commentary 1]`,
    /// `indicators: 2 [2 new]`.
    pub fn describe(&self) -> Vec<String> {
        self.details
            .iter()
            .filter(|d| d.new > 0 || !d.columns.is_empty())
            .map(|d| {
                let mut parts = Vec::new();
                if d.new > 0 {
                    parts.push(format!("{} new", d.new));
                }
                parts.extend(d.columns.iter().map(|(c, n)| format!("{c} {n}")));
                let n = self
                    .changed
                    .iter()
                    .find(|(t, _)| *t == d.table)
                    .map_or(0, |(_, n)| *n);
                format!("{}: {n} [{}]", d.table, parts.join(", "))
            })
            .collect()
    }
}

/// `INSERT … ON CONFLICT (key) DO UPDATE … WHERE something differs` of `rows` rows in one
/// statement, written for every table from its description.
fn upsert_rows_sql(table: &str, key: &[&str], rest: &[&str], rows: usize) -> String {
    let cols: Vec<&str> = key.iter().chain(rest).copied().collect();
    let width = cols.len();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let params: Vec<String> = (1..=width).map(|n| format!("${}", r * width + n)).collect();
            format!("({})", params.join(", "))
        })
        .collect();
    let mut sql = format!(
        "INSERT INTO {table} ({}) VALUES {} ON CONFLICT ({}) ",
        cols.join(", "),
        values.join(", "),
        key.join(", ")
    );
    if rest.is_empty() {
        sql.push_str("DO NOTHING");
    } else {
        let set: Vec<String> = rest.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        let differs: Vec<String> = rest
            .iter()
            .map(|c| format!("{table}.{c} IS DISTINCT FROM excluded.{c}"))
            .collect();
        sql.push_str(&format!(
            "DO UPDATE SET {} WHERE {}",
            set.join(", "),
            differs.join(" OR ")
        ));
    }
    sql
}

pub(crate) struct Upsert<'t, 'c> {
    pub tx: &'t mut Transaction<'c, Any>,
    pub summary: &'t mut ApplySummary,
    pub actor: &'t str,
    pub at: &'t str,
    pub audit_new: bool,
}

fn bind<'q>(q: Query<'q, Any, AnyArguments>, p: &P) -> Query<'q, Any, AnyArguments> {
    match p {
        P::T(v) => q.bind(v.clone()),
        P::I(v) => q.bind(*v),
    }
}

pub(crate) fn shown(p: &P) -> Option<String> {
    match p {
        P::T(v) => v.clone(),
        P::I(v) => v.map(|n| n.to_string()),
    }
}

/// The stored value of column `i` as a bound value of the same kind as `like`.
fn kept(row: &sqlx::any::AnyRow, i: usize, like: &P) -> Result<P> {
    use sqlx::Row;
    Ok(match like {
        P::T(_) => P::T(row.try_get::<Option<String>, _>(i)?),
        P::I(_) => P::I(row.try_get::<Option<i64>, _>(i)?),
    })
}

/// The stored value of column `i`, read as the same kind as the value replacing it.
pub(crate) fn stored(row: &sqlx::any::AnyRow, i: usize, like: &P) -> Result<Option<String>> {
    use sqlx::Row;
    Ok(match like {
        P::T(_) => row.try_get::<Option<String>, _>(i)?,
        P::I(_) => row.try_get::<Option<i64>, _>(i)?.map(|n| n.to_string()),
    })
}

impl Upsert<'_, '_> {
    /// Upserts every row of a described table; personal data only when `personal`.
    pub(crate) async fn table(
        &mut self,
        table: &'static Table,
        rows: &[Vec<Value>],
        personal: bool,
    ) -> Result<()> {
        self.table_given(table, rows, personal, &Given::default())
            .await
    }

    /// Upserts every row of a described table, changing a stored row only in the cells the
    /// import gave.
    async fn table_given(
        &mut self,
        table: &'static Table,
        rows: &[Vec<Value>],
        personal: bool,
        given: &Given,
    ) -> Result<()> {
        let rest_at = rest_positions(table, personal);
        let gave: Vec<Vec<bool>> = rows
            .iter()
            .map(|row| {
                let key = table.key_values(row);
                rest_at
                    .iter()
                    .map(|i| given.gave(table.name, &key, *i))
                    .collect()
            })
            .collect();
        let (key, rest, rows) = layout(table, rows, personal);
        self.rows(table.stored, &key, &rest, rows, &gave).await
    }

    /// Upserts every table of a set, in order, each stored row changed only in the cells given.
    pub(crate) async fn set<S: TableSet>(&mut self, data: &S, given: &Given) -> Result<()> {
        for t in S::TABLES {
            self.table_given(t, &data.rows(t.name), true, given).await?;
        }
        Ok(())
    }

    /// Upserts every row. A row that replaces different stored values is written to the audit
    /// trail column by column (old → new), so nothing is overwritten silently. Where `gave`
    /// says a row did not give a column, a stored row keeps its value there.
    ///
    /// A large set is read and written in batches (the stored rows read once, the upserts and
    /// audit entries written a few hundred to a statement), so an upload of 100,000 figures is
    /// a few hundred round trips to PostgreSQL rather than 300,000.
    pub(crate) async fn rows(
        &mut self,
        table: &'static str,
        key: &[&str],
        rest: &[&'static str],
        rows: Vec<Vec<P>>,
        gave: &[Vec<bool>],
    ) -> Result<()> {
        for row in &rows {
            // A row must bind exactly its columns, or values would land in the wrong ones.
            if row.len() != key.len() + rest.len() {
                return Err(StoreError::Refused(format!(
                    "internal error: {table} row has {} values for {} columns",
                    row.len(),
                    key.len() + rest.len()
                )));
            }
        }
        let key_of =
            |row: &[P]| -> Vec<Option<String>> { row[..key.len()].iter().map(shown).collect() };
        // Both statements are built only from the tables' fixed descriptions, never from user
        // input.
        let conditions: Vec<String> = key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ${}", i + 1))
            .collect();
        let select = format!(
            "SELECT {} FROM {table} WHERE {}",
            rest.join(", "),
            conditions.join(" AND ")
        );
        // One statement may not touch a row twice, and a repeated key must see the row written
        // before it: a set that repeats a key is read and written row by row, as it always was.
        let distinct = {
            let mut seen = std::collections::HashSet::new();
            rows.iter().all(|row| seen.insert(key_of(row)))
        };
        // Many rows: every stored row read at once, its rest columns first as the one-row
        // select has them, then its key.
        let preloaded: Option<std::collections::HashMap<Vec<Option<String>>, sqlx::any::AnyRow>> =
            if distinct && rows.len() >= PRELOAD_AT && !rest.is_empty() {
                let all = format!(
                    "SELECT {}, {} FROM {table}",
                    rest.join(", "),
                    key.join(", ")
                );
                let stored_rows = sqlx::query(sqlx::AssertSqlSafe(all))
                    .fetch_all(&mut **self.tx)
                    .await?;
                let mut map = std::collections::HashMap::with_capacity(stored_rows.len());
                for r in stored_rows {
                    let k = (0..key.len())
                        .map(|j| stored(&r, rest.len() + j, &rows[0][j]))
                        .collect::<Result<Vec<_>>>()?;
                    map.insert(k, r);
                }
                Some(map)
            } else {
                None
            };
        let mut details = TableChanges {
            table,
            ..TableChanges::default()
        };
        let mut prepared: Vec<Vec<P>> = Vec::with_capacity(rows.len());
        let mut changed = 0;
        let mut audits: Vec<(&'static str, String, String)> = Vec::new();
        for (n, mut row) in rows.into_iter().enumerate() {
            let fetched;
            let old: Option<&sqlx::any::AnyRow> = if rest.is_empty() {
                None
            } else if let Some(map) = &preloaded {
                map.get(&key_of(&row))
            } else {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(select.clone()));
                for p in &row[..key.len()] {
                    q = bind(q, p);
                }
                fetched = q.fetch_optional(&mut **self.tx).await?;
                fetched.as_ref()
            };
            if let (Some(old), Some(gave)) = (old, gave.get(n)) {
                for (i, given) in gave.iter().enumerate() {
                    if !given && let Some(p) = row.get(key.len() + i) {
                        row[key.len() + i] = kept(old, i, p)?;
                    }
                }
            }
            let mut differences = Vec::new();
            if old.is_none() && self.audit_new {
                for (i, column) in rest.iter().enumerate() {
                    if let Some(v) = shown(&row[key.len() + i]) {
                        differences.push(format!("{column}: (none) -> {v}"));
                    }
                }
            }
            if let Some(old) = old {
                for (i, column) in rest.iter().enumerate() {
                    let new = &row[key.len() + i];
                    let before = stored(old, i, new)?;
                    let after = shown(new);
                    if before != after {
                        match details.columns.iter_mut().find(|(c, _)| c == column) {
                            Some((_, n)) => *n += 1,
                            None => details.columns.push((*column, 1)),
                        }
                        let show = |v: Option<String>| v.unwrap_or_else(|| "(blank)".into());
                        differences.push(format!("{column}: {} -> {}", show(before), show(after)));
                    }
                }
            }
            if !differences.is_empty() {
                let entity = format!(
                    "{table} {}",
                    row[..key.len()]
                        .iter()
                        .map(|p| shown(p).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(" / ")
                );
                let action = if old.is_some() { "update" } else { "insert" };
                audits.push((action, entity, differences.join("; ")));
            }
            let had = old.is_some();
            if distinct {
                prepared.push(row);
            } else {
                let affected = self
                    .write(table, key, rest, std::slice::from_ref(&row))
                    .await?;
                changed += affected;
                if !had {
                    details.new += affected;
                }
            }
            if distinct && !had {
                // A key neither stored nor repeated is inserted: one new row.
                details.new += 1;
            }
        }
        for chunk in prepared.chunks(BATCH) {
            changed += self.write(table, key, rest, chunk).await?;
        }
        audit_many(self.tx, self.at, self.actor, &audits).await?;
        self.summary.changed.push((table, changed));
        self.summary.details.push(details);
        Ok(())
    }

    /// Upserts `rows` of a table in one statement; the rows it inserted or changed.
    async fn write(
        &mut self,
        table: &str,
        key: &[&str],
        rest: &[&'static str],
        rows: &[Vec<P>],
    ) -> Result<u64> {
        let sql = upsert_rows_sql(table, key, rest, rows.len());
        let mut q: Query<'_, Any, AnyArguments> = sqlx::query(sqlx::AssertSqlSafe(sql));
        for p in rows.iter().flatten() {
            q = bind(q, p);
        }
        Ok(q.execute(&mut **self.tx).await?.rows_affected())
    }
}

/// Rows above which a table's stored rows are read at once rather than one by one.
const PRELOAD_AT: usize = 64;
/// Rows upserted (and audit entries written) per statement: well under both backends' limits on
/// bound parameters (SQLite 32,766; PostgreSQL 65,535) for the widest table.
const BATCH: usize = 200;

/// Writes many audit entries, a batch to a statement.
async fn audit_many(
    tx: &mut Transaction<'_, Any>,
    at: &str,
    actor: &str,
    entries: &[(&'static str, String, String)],
) -> Result<()> {
    for chunk in entries.chunks(BATCH) {
        let values: Vec<String> = (0..chunk.len())
            .map(|r| {
                let b = r * 5;
                format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (action, entity, detail) in chunk {
            q = q
                .bind(at.to_string())
                .bind(actor.to_string())
                .bind(action.to_string())
                .bind(entity.clone())
                .bind(detail.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

pub(crate) async fn audit(
    tx: &mut Transaction<'_, Any>,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(at.to_string())
    .bind(actor.to_string())
    .bind(action.to_string())
    .bind(entity.to_string())
    .bind(detail.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Who did what to which record, for an audit line.
pub(crate) struct Entry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
}

impl Store {
    /// Runs one change and, when it changed any row, writes its audit line (the detail made
    /// from how many), in one transaction. Returns the rows changed.
    pub(crate) async fn change_audited(
        &self,
        change: sqlx::query::Query<'_, Any, sqlx::any::AnyArguments>,
        entry: Entry<'_>,
        detail: impl FnOnce(u64) -> String,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let n = change.execute(&mut *tx).await?.rows_affected();
        if n > 0 {
            audit(
                &mut tx,
                entry.at,
                entry.actor,
                entry.action,
                entry.entity,
                &detail(n),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Applies an import in one transaction; on any error nothing is kept. `actor` and `at` are
    /// written to the audit trail (the clock is read by the caller, not here).
    pub async fn apply(
        &self,
        data: &Dataset,
        actor: &str,
        at: &str,
        source: &str,
    ) -> Result<ApplySummary> {
        let mut tx = self.writer.begin().await?;
        let summary = apply_in(
            &mut tx,
            data,
            Applied {
                actor,
                at,
                action: "import",
                source,
                audit_new: false,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}

/// Who applies a dataset, when, as what (`import`, `approve return`) and from where.
pub(crate) struct Applied<'a> {
    pub actor: &'a str,
    pub at: &'a str,
    pub action: &'a str,
    pub source: &'a str,
    pub audit_new: bool,
}

/// Applies a dataset inside the caller's transaction. With `audit_new`, rows that did not exist
/// before are written to the audit trail too (a return's figures), not only the ones replaced.
pub(crate) async fn apply_in(
    tx: &mut Transaction<'_, Any>,
    data: &Dataset,
    how: Applied<'_>,
) -> Result<ApplySummary> {
    let Applied {
        actor,
        at,
        action,
        source,
        audit_new,
    } = how;
    // A decided revision is history: the domain says whether an import may replace it.
    crate::plans::decide::check_revisions(tx, &data.target_revisions).await?;
    let mut summary = ApplySummary::default();
    Upsert {
        tx,
        summary: &mut summary,
        actor,
        at,
        audit_new,
    }
    .set(data, &data.given)
    .await?;
    let detail = summary.describe();
    let detail = if detail.is_empty() {
        "no changes".to_string()
    } else {
        detail.join("; ")
    };
    audit(tx, at, actor, action, source, &detail).await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::upsert_rows_sql;

    #[test]
    fn upsert_only_updates_rows_that_differ() {
        let sql = upsert_rows_sql("boards", &["code"], &["name"], 1);
        assert_eq!(
            sql,
            "INSERT INTO boards (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name \
             WHERE boards.name IS DISTINCT FROM excluded.name"
        );
    }

    #[test]
    fn many_rows_are_numbered_on_in_one_statement() {
        let sql = upsert_rows_sql("boards", &["code"], &["name"], 2);
        assert!(
            sql.contains("VALUES ($1, $2), ($3, $4) ON CONFLICT"),
            "{sql}"
        );
    }
}
