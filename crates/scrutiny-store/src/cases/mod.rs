//! Figures computed from case records, stored with the records behind each ("why this
//! number"): pseudonyms, dates and whether each is in the count, never a name. Every look at
//! them is written to the audit trail, as complaints' personal data is; they are erased by
//! date (retention) or by child (erasure) while the figures stay.

use chrono::NaiveDate;
use scrutiny_domain::Dataset;
use scrutiny_domain::cases::why::{FigureLines, RecordLine};
use scrutiny_domain::period::{FinancialYear, Quarter};
use sqlx::{Any, Row, Transaction};

use crate::save::{Applied, ApplySummary, apply_in, audit};
use crate::{Result, Store, StoreError};

/// A figure that has records kept behind it, and how many (read without looking at them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptRecords {
    pub year: FinancialYear,
    pub quarter: Option<Quarter>,
    pub lines: u64,
}

fn quarter_number(q: Option<Quarter>) -> i64 {
    q.map_or(0, |q| i64::from(q.number()))
}

fn figure_name(indicator: &str, year: FinancialYear, quarter: Option<Quarter>) -> String {
    match quarter {
        Some(q) => format!("{indicator} {} Q{}", year, q.number()),
        None => format!("{indicator} {year} outturn"),
    }
}

/// Rows per INSERT: 8 values each stays far below SQLite's and PostgreSQL's limits on bound
/// values in one statement.
const CHUNK: usize = 500;

async fn replace_lines(tx: &mut Transaction<'_, Any>, figure: &FigureLines) -> Result<()> {
    let (year, quarter) = (i64::from(figure.year.0), quarter_number(figure.quarter));
    sqlx::query("DELETE FROM figure_records WHERE indicator = $1 AND year = $2 AND quarter = $3")
        .bind(figure.indicator.clone())
        .bind(year)
        .bind(quarter)
        .execute(&mut **tx)
        .await?;
    for (chunk_no, chunk) in figure.lines.chunks(CHUNK).enumerate() {
        let places: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = i * 8;
                let marks: Vec<String> = (1..=8).map(|k| format!("${}", b + k)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO figure_records (indicator, year, quarter, line, child, day, counted, days) VALUES {}",
            places.join(", ")
        );
        // Only placeholders are spliced in; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, line) in chunk.iter().enumerate() {
            let number = i64::try_from(chunk_no * CHUNK + i + 1)
                .map_err(|e| StoreError::Refused(e.to_string()))?;
            query = query
                .bind(figure.indicator.clone())
                .bind(year)
                .bind(quarter)
                .bind(number)
                .bind(line.child.clone())
                .bind(line.date.to_string())
                .bind(i64::from(line.counted))
                .bind(line.days);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

impl Store {
    /// The installation's pseudonym key: the one kept, or `fresh` (the caller's new random key)
    /// kept now if there is none, so pseudonyms read the same from run to run on this install
    /// and differ from every other's.
    pub async fn pseudonym_key(&self, fresh: &str) -> Result<String> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO install_keys (name, value) VALUES ('pseudonym', $1) ON CONFLICT (name) DO NOTHING",
        )
        .bind(fresh.to_string())
        .execute(&mut *tx)
        .await?;
        let key: String = sqlx::query("SELECT value FROM install_keys WHERE name = 'pseudonym'")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        tx.commit().await?;
        Ok(key)
    }

    /// Stores figures computed from case records (with their sources) and the records behind
    /// each, in one transaction: the figures audited as an import is, the records replaced.
    pub async fn apply_computed(
        &self,
        data: &Dataset,
        records: &[FigureLines],
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
                action: "compute from case records",
                source,
                audit_new: true,
            },
        )
        .await?;
        let mut kept = 0;
        for figure in records {
            replace_lines(&mut tx, figure).await?;
            kept += figure.lines.len();
        }
        audit(
            &mut tx,
            at,
            actor,
            "keep case records",
            "figure_records",
            &format!(
                "{kept} pseudonymised record(s) behind {} figure(s)",
                records.len()
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Which of an indicator's figures have records kept behind them, and how many; this names
    /// no child, so it is not audited.
    pub async fn kept_records(&self, indicator: &str) -> Result<Vec<KeptRecords>> {
        let rows = sqlx::query(
            "SELECT year, quarter, COUNT(*) FROM figure_records WHERE indicator = $1
             GROUP BY year, quarter ORDER BY year DESC, quarter DESC",
        )
        .bind(indicator.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let (year, quarter, lines): (i64, i64, i64) =
                    (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                Ok(KeptRecords {
                    year: FinancialYear(i32::try_from(year).unwrap_or_default()),
                    quarter: u8::try_from(quarter).ok().and_then(Quarter::from_number),
                    lines: u64::try_from(lines).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The records behind a figure, in date order. Every look is written to the audit trail
    /// (who, when, which figure, why).
    pub async fn figure_records(
        &self,
        indicator: &str,
        year: FinancialYear,
        quarter: Option<Quarter>,
        actor: &str,
        at: &str,
        why: &str,
    ) -> Result<Vec<RecordLine>> {
        let mut tx = self.writer.begin().await?;
        let rows = sqlx::query(
            "SELECT child, day, counted, days FROM figure_records
             WHERE indicator = $1 AND year = $2 AND quarter = $3 ORDER BY line",
        )
        .bind(indicator.to_string())
        .bind(i64::from(year.0))
        .bind(quarter_number(quarter))
        .fetch_all(&mut *tx)
        .await?;
        let lines = rows
            .iter()
            .map(|row| {
                let day: String = row.try_get(1)?;
                let counted: i64 = row.try_get(2)?;
                Ok(RecordLine {
                    child: row.try_get(0)?,
                    date: day
                        .parse()
                        .map_err(|e| StoreError::Refused(format!("stored day {day}: {e}")))?,
                    counted: counted != 0,
                    days: row.try_get(3)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        audit(
            &mut tx,
            at,
            actor,
            "view case records",
            &figure_name(indicator, year, quarter),
            &format!("{} record(s); {why}", lines.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(lines)
    }

    /// Retention: erases every kept record dated before `before`; the figures stay. Audited.
    pub async fn erase_case_records_before(
        &self,
        before: NaiveDate,
        actor: &str,
        at: &str,
    ) -> Result<u64> {
        let erased = Erasure {
            condition: "day < $1",
            value: before.to_string(),
            entity: "figure_records".into(),
        };
        let n = self.erase_records(&erased, actor, at).await?;
        Ok(n)
    }

    /// Erasure of one child: every kept record of the child's pseudonym; the figures stay.
    /// Audited by pseudonym only.
    pub async fn erase_child_records(&self, child: &str, actor: &str, at: &str) -> Result<u64> {
        let erased = Erasure {
            condition: "child = $1",
            value: child.to_string(),
            entity: format!("child {child}"),
        };
        self.erase_records(&erased, actor, at).await
    }

    /// Deletes the kept records matching the erasure and audits how many, in one transaction.
    async fn erase_records(&self, erased: &Erasure, actor: &str, at: &str) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let sql = format!("DELETE FROM figure_records WHERE {}", erased.condition);
        // The condition is one of this module's constants; the value is bound.
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(erased.value.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        audit(
            &mut tx,
            at,
            actor,
            "erase case records",
            &erased.entity,
            &format!(
                "{n} record(s) erased ({}), figures kept",
                erased.condition.replace("$1", &erased.value)
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}

/// Which kept records an erasure removes: a condition on one column, its value, and what the
/// audit trail names.
struct Erasure {
    condition: &'static str,
    value: String,
    entity: String,
}
