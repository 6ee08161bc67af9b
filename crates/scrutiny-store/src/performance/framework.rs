//! One framework record read and changed at a time, for the pages that edit the framework: the
//! stored row with a version drawn from its values, and a save that applies a one-row dataset
//! exactly as an import does, refused when the row changed since the page was drawn.

use scrutiny_domain::Dataset;
use scrutiny_domain::table::{Table, Value};
use sqlx::{Any, Transaction};

use crate::load::value;
use crate::save::{Applied, ApplySummary, P, apply_in, layout, shown};
use crate::{Backend, Result, Store, StoreError};

/// A stored row as its columns' values, and the version a form carries back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    pub values: Vec<Value>,
    pub version: String,
}

/// What the row a form was drawn from must still be: `version` as drawn, or `None` when the form
/// adds a row, which must not exist yet.
#[derive(Clone)]
pub struct Drawn {
    pub table: &'static Table,
    /// One value per key column, in the table's key order.
    pub key: Vec<Value>,
    pub version: Option<String>,
    /// The record as the person knows it, for the refusal (`targets CFS LI01 2013/14 Q2`).
    pub label: String,
}

/// A version of a row from its stored values: FNV-1a over each value as text, so any change to
/// any column changes it.
fn version_of(values: &[Value]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for v in values {
        for b in v.shown().bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A blank and an empty text differ.
        h ^= u64::from(v.is_null());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The stored row of `table` with `key`, read inside `tx` (locked on PostgreSQL until the
/// transaction ends, so two saves cannot both pass the version check).
async fn read_row(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    table: &'static Table,
    key: &[Value],
) -> Result<Option<StoredRow>> {
    // Bind the key as a save binds it: a row of the key's values in column order.
    let mut row = vec![Value::Null; table.columns.len()];
    for (at, v) in table.key_positions().into_iter().zip(key) {
        row[at] = v.clone();
    }
    let (key_names, _, bound) = layout(table, &[row], true);
    let names: Vec<&str> = table.columns.iter().map(|c| c.stored).collect();
    let conditions: Vec<String> = key_names
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ${}", i + 1))
        .collect();
    // Built from the table's fixed description, never from user input.
    let mut sql = format!(
        "SELECT {} FROM {} WHERE {}",
        names.join(", "),
        table.stored,
        conditions.join(" AND ")
    );
    if backend == Backend::Postgres {
        sql.push_str(" FOR UPDATE");
    }
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for p in bound.iter().flatten().take(key_names.len()) {
        q = match p {
            P::T(v) => q.bind(v.clone()),
            P::I(v) => q.bind(*v),
        };
    }
    let Some(found) = q.fetch_optional(&mut **tx).await? else {
        return Ok(None);
    };
    let values = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| value(&found, i, c))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|detail| StoreError::Corrupt {
            table: table.stored,
            detail,
        })?;
    Ok(Some(StoredRow {
        version: version_of(&values),
        values,
    }))
}

/// The audit trail's name for a row, as a save writes it (`indicators NI148`).
pub(crate) fn entity(table: &'static Table, key: &[Value]) -> String {
    let mut row = vec![Value::Null; table.columns.len()];
    for (at, v) in table.key_positions().into_iter().zip(key) {
        row[at] = v.clone();
    }
    let (key_names, _, bound) = layout(table, &[row], true);
    let parts: Vec<String> = bound
        .iter()
        .flatten()
        .take(key_names.len())
        .map(|p| shown(p).unwrap_or_default())
        .collect();
    format!("{} {}", table.stored, parts.join(" / "))
}

impl Store {
    /// The stored row of `table` with `key` (one value per key column), and its version.
    pub async fn framework_row(
        &self,
        table: &'static Table,
        key: &[Value],
    ) -> Result<Option<StoredRow>> {
        let mut tx = self.writer.begin().await?;
        let row = read_row(&mut tx, self.backend, table, key).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Applies `data` (the rows a form gave, read as an import reads them) in one transaction,
    /// audited as an import is, after checking each drawn row is as it was when the page was
    /// drawn. Refused with [`StoreError::Conflict`], nothing saved, when one is not.
    pub async fn apply_edit(
        &self,
        data: &Dataset,
        drawn: &[Drawn],
        actor: &str,
        at: &str,
        source: &str,
    ) -> Result<ApplySummary> {
        let mut tx = self.writer.begin().await?;
        for d in drawn {
            let now = read_row(&mut tx, self.backend, d.table, &d.key).await?;
            let now_version = now.as_ref().map(|r| r.version.clone());
            if now_version == d.version {
                continue;
            }
            let name = entity(d.table, &d.key);
            let last: Option<(String, String)> = sqlx::query_as(
                "SELECT actor, at FROM audit_log WHERE entity = $1 ORDER BY id DESC LIMIT 1",
            )
            .bind(name.clone())
            .fetch_optional(&mut *tx)
            .await?;
            let by = last
                .map(|(who, when)| format!(" by {who} at {when}"))
                .unwrap_or_default();
            let label = &d.label;
            return Err(StoreError::Conflict(match (&d.version, now_version) {
                (None, Some(_)) => format!(
                    "{label} was added{by} after you opened this page; your changes have not been saved. Open it again to change what is there"
                ),
                _ => format!(
                    "{label} was changed{by} after you opened this page; your changes have not been saved. Open it again to see the change, then make yours"
                ),
            }));
        }
        let summary = apply_in(
            &mut tx,
            data,
            Applied {
                actor,
                at,
                action: "edit framework",
                source,
                audit_new: true,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}

/// Deletes the stored row of `table` with `key` (its key columns' values, in key order).
pub(crate) async fn delete_row(
    tx: &mut Transaction<'_, Any>,
    table: &'static Table,
    key: &[Value],
) -> Result<u64> {
    let mut row = vec![Value::Null; table.columns.len()];
    for (at, v) in table.key_positions().into_iter().zip(key) {
        row[at] = v.clone();
    }
    let (key_names, _, bound) = layout(table, &[row], true);
    let conditions: Vec<String> = key_names
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ${}", i + 1))
        .collect();
    // Built from the table's fixed description, never from user input.
    let sql = format!(
        "DELETE FROM {} WHERE {}",
        table.stored,
        conditions.join(" AND ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for p in bound.iter().flatten().take(key_names.len()) {
        q = match p {
            P::T(v) => q.bind(v.clone()),
            P::I(v) => q.bind(*v),
        };
    }
    Ok(q.execute(&mut **tx).await?.rows_affected())
}

impl Store {
    /// Removes the row of `table` with `key` if it is still at `version`, writing its values to
    /// the audit trail. Only rows nothing refers to (a table that defines no key) may go here.
    pub async fn remove_framework_row(&self, drawn: &Drawn, actor: &str, at: &str) -> Result<()> {
        let table = drawn.table;
        if table.defines {
            return Err(StoreError::Refused(format!(
                "{} are referred to by other records, so they cannot be removed here",
                table.name
            )));
        }
        let mut tx = self.writer.begin().await?;
        let now = read_row(&mut tx, self.backend, table, &drawn.key).await?;
        let Some(now) = now.filter(|r| Some(&r.version) == drawn.version.as_ref()) else {
            return Err(StoreError::Conflict(format!(
                "{} was changed or removed after you opened this page; nothing has been removed. Open it again",
                drawn.label
            )));
        };
        delete_row(&mut tx, table, &drawn.key).await?;
        let detail: Vec<String> = table
            .columns
            .iter()
            .zip(&now.values)
            .filter(|(_, v)| !v.is_null())
            .map(|(c, v)| format!("{}: {} -> (removed)", c.stored, v.shown()))
            .collect();
        crate::save::audit(
            &mut tx,
            at,
            actor,
            "remove",
            &entity(table, &drawn.key),
            &detail.join("; "),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::version_of;
    use scrutiny_domain::table::Value;

    #[test]
    fn a_version_changes_with_any_value_and_tells_blank_from_empty() {
        let a = version_of(&[Value::text("NI148"), Value::Null]);
        assert_eq!(a, version_of(&[Value::text("NI148"), Value::Null]));
        assert_ne!(a, version_of(&[Value::text("NI148"), Value::text("")]));
        assert_ne!(a, version_of(&[Value::text("NI14"), Value::text("8")]));
    }
}
