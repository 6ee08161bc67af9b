//! Quarters opened for returns, and each department's return: what it entered (a partial dataset
//! held as JSON until approval), its state and its version. Every change is one transaction that
//! checks the version it was based on, so a second person's save is refused, never lost.

use scrutiny_domain::Dataset;
use scrutiny_domain::performance::model::{Commentary, MilestoneProgress, ValueEntry};
use scrutiny_domain::performance::returns::{
    QuarterState, ReturnAction, ReturnState, next_quarter_state, next_return_state,
};
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use sqlx::Row;

use crate::save::{Applied, apply_in, audit};
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterRow {
    pub board: String,
    pub period: Period,
    pub state: QuarterState,
    pub deadline: Option<String>,
    pub published_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReturnRow {
    pub department: String,
    pub period: Period,
    pub state: ReturnState,
    /// What the department entered: values, milestone progress and commentary for the period.
    pub draft: Dataset,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
    pub note: Option<String>,
}

/// A change to a return, as asked for by a person.
pub struct ReturnChange<'a> {
    pub department: &'a str,
    pub period: Period,
    pub action: ReturnAction,
    /// The new entries; `None` keeps what is there (approving, sending back).
    pub draft: Option<&'a Dataset>,
    /// The version the person's page showed; 0 when there was no return yet.
    pub based_on: i64,
    pub note: Option<&'a str>,
    pub actor: &'a str,
    pub now: &'a str,
}

fn period_of(year: i64, quarter: i64) -> Result<Period> {
    let q = u8::try_from(quarter)
        .ok()
        .and_then(Quarter::from_number)
        .ok_or_else(|| StoreError::Corrupt {
            table: "returns",
            detail: format!("quarter {quarter}"),
        })?;
    Ok(Period::new(FinancialYear(year as i32), q))
}

fn period_label(p: Period) -> String {
    format!("{} Q{}", p.year, p.quarter.number())
}

fn quarter_from(r: &sqlx::any::AnyRow) -> Result<QuarterRow> {
    let state: String = r.try_get(3)?;
    Ok(QuarterRow {
        board: r.try_get(0)?,
        period: period_of(r.try_get(1)?, r.try_get(2)?)?,
        state: QuarterState::parse(&state).ok_or(StoreError::Corrupt {
            table: "quarters",
            detail: format!("state {state}"),
        })?,
        deadline: r.try_get(4)?,
        published_at: r.try_get(5)?,
    })
}

fn return_from(r: &sqlx::any::AnyRow) -> Result<ReturnRow> {
    let state: String = r.try_get(3)?;
    let draft: String = r.try_get(4)?;
    Ok(ReturnRow {
        department: r.try_get(0)?,
        period: period_of(r.try_get(1)?, r.try_get(2)?)?,
        state: ReturnState::parse(&state).map_err(|e| StoreError::Corrupt {
            table: "returns",
            detail: e.to_string(),
        })?,
        draft: serde_json::from_str(&draft).map_err(|e| StoreError::Corrupt {
            table: "returns",
            detail: e.to_string(),
        })?,
        version: r.try_get(5)?,
        updated_by: r.try_get(6)?,
        updated_at: r.try_get(7)?,
        note: r.try_get(8)?,
    })
}

const QUARTER_COLUMNS: &str = "board, year, quarter, state, deadline, published_at";
const RETURN_COLUMNS: &str =
    "department, year, quarter, state, draft, version, updated_by, updated_at, note";

impl Store {
    /// Every quarter ever opened, newest first.
    pub async fn quarters(&self) -> Result<Vec<QuarterRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {QUARTER_COLUMNS} FROM quarters ORDER BY year DESC, quarter DESC, board"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(quarter_from).collect()
    }

    pub async fn quarter(&self, board: &str, period: Period) -> Result<Option<QuarterRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {QUARTER_COLUMNS} FROM quarters WHERE board = $1 AND year = $2 AND quarter = $3"
        )))
        .bind(board.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(quarter_from).transpose()
    }

    /// Opens a board's quarter for returns (or sets its deadline again if already open).
    pub async fn open_quarter(
        &self,
        board: &str,
        period: Period,
        deadline: Option<&str>,
        actor: &str,
        now: &str,
    ) -> Result<()> {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM boards WHERE code = $1")
            .bind(board.to_string())
            .fetch_optional(&self.pool)
            .await?;
        if exists.is_none() {
            return Err(StoreError::Refused(format!("there is no board '{board}'")));
        }
        let mut tx = self.writer.begin().await?;
        let current: Option<String> = sqlx::query_scalar(
            "SELECT state FROM quarters WHERE board = $1 AND year = $2 AND quarter = $3",
        )
        .bind(board.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(state) = current.as_deref().and_then(QuarterState::parse)
            && state != QuarterState::Open
        {
            next_quarter_state(state, QuarterState::Open).map_err(StoreError::Refused)?;
        }
        sqlx::query(
            "INSERT INTO quarters (board, year, quarter, state, deadline) VALUES ($1, $2, $3, 'open', $4)
             ON CONFLICT (board, year, quarter) DO UPDATE SET state = 'open', deadline = excluded.deadline",
        )
        .bind(board.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .bind(deadline.map(str::to_string))
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            now,
            actor,
            "open quarter",
            &format!("quarter {board} {}", period_label(period)),
            &format!("deadline {}", deadline.unwrap_or("none")),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Locks, reopens or publishes a board's quarter.
    pub async fn set_quarter_state(
        &self,
        board: &str,
        period: Period,
        to: QuarterState,
        actor: &str,
        now: &str,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        let current: Option<String> = sqlx::query_scalar(
            "SELECT state FROM quarters WHERE board = $1 AND year = $2 AND quarter = $3",
        )
        .bind(board.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(current) = current.as_deref().and_then(QuarterState::parse) else {
            return Err(StoreError::Refused(format!(
                "the {} quarter has not been opened for board {board}",
                period_label(period)
            )));
        };
        let next = next_quarter_state(current, to).map_err(StoreError::Refused)?;
        sqlx::query(
            "UPDATE quarters SET state = $4,
             published_at = CASE WHEN $4 = 'published' THEN $5 ELSE published_at END
             WHERE board = $1 AND year = $2 AND quarter = $3",
        )
        .bind(board.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .bind(next.code())
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            now,
            actor,
            &format!("{} quarter", next.code()),
            &format!("quarter {board} {}", period_label(period)),
            &format!("{} -> {}", current.code(), next.code()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every department's return for a period.
    pub async fn returns(&self, period: Period) -> Result<Vec<ReturnRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RETURN_COLUMNS} FROM returns WHERE year = $1 AND quarter = $2 ORDER BY department"
        )))
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(return_from).collect()
    }

    pub async fn return_for(&self, department: &str, period: Period) -> Result<Option<ReturnRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RETURN_COLUMNS} FROM returns WHERE department = $1 AND year = $2 AND quarter = $3"
        )))
        .bind(department.to_string())
        .bind(i64::from(period.year.0))
        .bind(i64::from(period.quarter.number()))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(return_from).transpose()
    }

    /// Saves, submits, approves or sends back a return, in one transaction. Approving applies
    /// the return's entries to the framework's tables, each change audited old → new.
    /// Refused with [`StoreError::Conflict`] when someone else changed the return first.
    pub async fn change_return(&self, c: ReturnChange<'_>) -> Result<ReturnRow> {
        let label = format!("return {} {}", c.department, period_label(c.period));
        let mut tx = self.writer.begin().await?;
        let quarter: Option<String> = sqlx::query_scalar(
            "SELECT q.state FROM quarters q JOIN departments d ON d.board = q.board
             WHERE d.code = $1 AND q.year = $2 AND q.quarter = $3",
        )
        .bind(c.department.to_string())
        .bind(i64::from(c.period.year.0))
        .bind(i64::from(c.period.quarter.number()))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(quarter) = quarter.as_deref().and_then(QuarterState::parse) else {
            return Err(StoreError::Refused(format!(
                "the quarter {} has not been opened for returns; ask the performance officer to open it",
                c.period
            )));
        };
        let current = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RETURN_COLUMNS} FROM returns WHERE department = $1 AND year = $2 AND quarter = $3"
        )))
        .bind(c.department.to_string())
        .bind(i64::from(c.period.year.0))
        .bind(i64::from(c.period.quarter.number()))
        .fetch_optional(&mut *tx)
        .await?;
        let current = current.as_ref().map(return_from).transpose()?;
        let (state, version, old_draft) = match &current {
            Some(r) => (r.state, r.version, r.draft.clone()),
            None => (ReturnState::NotStarted, 0, Dataset::default()),
        };
        if version != c.based_on {
            let who = current
                .as_ref()
                .map(|r| format!("{} at {}", r.updated_by, r.updated_at))
                .unwrap_or_default();
            return Err(StoreError::Conflict(format!(
                "this return was changed by {who} after you opened it; your changes have not been saved. Open the return again to see theirs, then make yours"
            )));
        }
        let next = next_return_state(state, c.action, quarter, c.note)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        // What this return's last approval applied, so approving again removes what has been
        // taken out of the return since.
        let approved_before: Option<String> = if next == ReturnState::Approved && version > 0 {
            sqlx::query_scalar(
                "SELECT approved_draft FROM returns WHERE department = $1 AND year = $2 AND quarter = $3",
            )
            .bind(c.department.to_string())
            .bind(i64::from(c.period.year.0))
            .bind(i64::from(c.period.quarter.number()))
            .fetch_optional(&mut *tx)
            .await?
            .flatten()
        } else {
            None
        };
        let draft = c.draft.cloned().unwrap_or(old_draft.clone());
        let json = serde_json::to_string(&draft).map_err(|e| StoreError::Refused(e.to_string()))?;
        let note = c.note.map(str::to_string).filter(|n| !n.trim().is_empty());
        let q = if version == 0 {
            sqlx::query(
                "INSERT INTO returns (department, year, quarter, state, draft, version, updated_by, updated_at, note)
                 VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8) ON CONFLICT DO NOTHING",
            )
        } else {
            sqlx::query(
                "UPDATE returns SET state = $4, draft = $5, version = version + 1, updated_by = $6,
                 updated_at = $7, note = $8
                 WHERE department = $1 AND year = $2 AND quarter = $3 AND version = $9",
            )
        }
        .bind(c.department.to_string())
        .bind(i64::from(c.period.year.0))
        .bind(i64::from(c.period.quarter.number()))
        .bind(next.code())
        .bind(json)
        .bind(c.actor.to_string())
        .bind(c.now.to_string())
        .bind(note.clone());
        // Only the update names the version it replaces; PostgreSQL refuses unused parameters.
        let q = if version == 0 { q } else { q.bind(version) };
        let written = q.execute(&mut *tx).await?.rows_affected();
        if written != 1 {
            return Err(StoreError::Conflict(
                "someone else saved this return at the same moment; your changes have not been saved. Open the return again".into(),
            ));
        }
        let mut detail = draft_changes(&old_draft, &draft);
        if state != next {
            detail.insert(0, format!("state: {} -> {}", state.code(), next.code()));
        }
        if let Some(n) = &note {
            detail.push(format!("note: {n}"));
        }
        let action = match c.action {
            ReturnAction::SaveDraft => "save return",
            ReturnAction::Submit => "submit return",
            ReturnAction::Approve => "approve return",
            ReturnAction::SendBack => "send back return",
        };
        audit(&mut tx, c.now, c.actor, action, &label, &detail.join("; ")).await?;
        if next == ReturnState::Approved {
            let how = Applied {
                actor: c.actor,
                at: c.now,
                action: "approve return",
                source: &label,
                audit_new: true,
            };
            apply_in(&mut tx, &draft, how).await?;
            let before: Dataset = approved_before
                .map(|j| serde_json::from_str(&j))
                .transpose()
                .map_err(|e| StoreError::Refused(format!("the last approval cannot be read: {e}")))?
                .unwrap_or_default();
            let removed = remove_dropped(&mut tx, &before, &draft).await?;
            if !removed.is_empty() {
                let detail = format!("removed since the last approval: {}", removed.join(", "));
                audit(&mut tx, c.now, c.actor, "approve return", &label, &detail).await?;
            }
            sqlx::query(
                "UPDATE returns SET approved_draft = $1 WHERE department = $2 AND year = $3 AND quarter = $4",
            )
            .bind(serde_json::to_string(&draft).map_err(|e| StoreError::Refused(e.to_string()))?)
            .bind(c.department.to_string())
            .bind(i64::from(c.period.year.0))
            .bind(i64::from(c.period.quarter.number()))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(ReturnRow {
            department: c.department.to_string(),
            period: c.period,
            state: next,
            draft,
            version: version + 1,
            updated_by: c.actor.to_string(),
            updated_at: c.now.to_string(),
            note,
        })
    }

    /// Audit entries whose subject starts with one of `prefixes` or whose detail mentions `word`,
    /// newest first: an indicator's or a return's history.
    pub async fn audit_about(
        &self,
        prefixes: &[String],
        word: Option<&str>,
        limit: i64,
    ) -> Result<Vec<crate::AuditEntry>> {
        let mut conditions: Vec<String> = (0..prefixes.len())
            .map(|i| format!("entity LIKE ${}", i + 1))
            .collect();
        if word.is_some() {
            conditions.push(format!(
                "(entity LIKE 'return %' AND detail LIKE ${})",
                prefixes.len() + 1
            ));
        }
        if conditions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT at, actor, action, entity, detail FROM audit_log WHERE {} ORDER BY id DESC LIMIT {limit}",
            conditions.join(" OR ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for p in prefixes {
            q = q.bind(format!("{}%", escape_like(p)));
        }
        if let Some(w) = word {
            q = q.bind(format!("%{}%", escape_like(w)));
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(crate::AuditEntry {
                    at: r.try_get(0)?,
                    actor: r.try_get(1)?,
                    action: r.try_get(2)?,
                    entity: r.try_get(3)?,
                    detail: r.try_get(4)?,
                })
            })
            .collect()
    }
}

/// Deletes the rows an earlier approval applied (`before`) that the return no longer holds
/// (`now`): a key development taken out, a figure cleared. Tables other records refer to are
/// never touched here. The removed rows, named as the audit trail names them.
async fn remove_dropped(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    before: &Dataset,
    now: &Dataset,
) -> Result<Vec<String>> {
    use scrutiny_domain::table::TableSet;
    let mut removed = Vec::new();
    for table in Dataset::TABLES.iter().filter(|t| !t.defines) {
        let kept: std::collections::HashSet<Vec<String>> = now
            .rows(table.name)
            .iter()
            .map(|r| table.key_values(r))
            .collect();
        for row in before.rows(table.name) {
            if kept.contains(&table.key_values(&row)) {
                continue;
            }
            let key: Vec<_> = table
                .key_positions()
                .into_iter()
                .filter_map(|i| row.get(i).cloned())
                .collect();
            if crate::performance::framework::delete_row(tx, table, &key).await? > 0 {
                removed.push(crate::performance::framework::entity(table, &key));
            }
        }
    }
    Ok(removed)
}

/// A `%` in a code would match anything; codes never hold one, so dropping it is enough and
/// avoids backend-specific ESCAPE clauses. (`_` matches itself among others: harmless here.)
fn escape_like(s: &str) -> String {
    s.replace('%', "")
}

/// What changed between two versions of a return's entries, one line per field.
fn draft_changes(old: &Dataset, new: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let show = |s: Option<String>| s.unwrap_or_else(|| "(blank)".into());
    let value_fields = |v: Option<&ValueEntry>| {
        [
            ("value", v.map(|v| v.value.to_entry())),
            ("commentary", v.and_then(|v| v.commentary.clone())),
            (
                "override",
                v.and_then(|v| v.rag_override.as_ref())
                    .map(|o| format!("{} ({})", o.rag.code(), o.reason)),
            ),
        ]
    };
    let mut codes: Vec<&str> = old
        .values
        .iter()
        .chain(&new.values)
        .map(|v| v.indicator.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let a = value_fields(old.values.iter().find(|v| v.indicator == code));
        let b = value_fields(new.values.iter().find(|v| v.indicator == code));
        for ((field, x), (_, y)) in a.into_iter().zip(b) {
            if x != y {
                out.push(format!("{code} {field}: {} -> {}", show(x), show(y)));
            }
        }
    }
    let progress_fields = |m: Option<&MilestoneProgress>| {
        [
            ("progress", m.map(|m| m.progress.code().to_string())),
            ("commentary", m.and_then(|m| m.commentary.clone())),
        ]
    };
    let mut codes: Vec<&str> = old
        .milestone_progress
        .iter()
        .chain(&new.milestone_progress)
        .map(|m| m.milestone.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let a = progress_fields(old.milestone_progress.iter().find(|m| m.milestone == code));
        let b = progress_fields(new.milestone_progress.iter().find(|m| m.milestone == code));
        for ((field, x), (_, y)) in a.into_iter().zip(b) {
            if x != y {
                out.push(format!(
                    "milestone {code} {field}: {} -> {}",
                    show(x),
                    show(y)
                ));
            }
        }
    }
    let text = |d: &Dataset, c: &Commentary| {
        d.commentary
            .iter()
            .find(|o| o.section == c.section && o.position == c.position)
            .map(|o| o.text.clone())
    };
    for c in new.commentary.iter().chain(&old.commentary) {
        let (x, y) = (text(old, c), text(new, c));
        let line = format!(
            "{} {}: {} -> {}",
            c.section.code(),
            c.position,
            show(x.clone()),
            show(y.clone())
        );
        if x != y && !out.contains(&line) {
            out.push(line);
        }
    }
    out
}
