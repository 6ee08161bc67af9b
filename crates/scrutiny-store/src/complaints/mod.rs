//! Complaints records: the council's lists, cases, Stage 2 elements, compliments and learning
//! actions. Imported in one transaction with the audit trail, like the performance tables.
//! Personal data is read only through [`Store::case_personal`], which records who looked.

use chrono::NaiveDate;
use scrutiny_domain::complaints::records::*;
use scrutiny_domain::table::Tabular;
use sqlx::Row;

use crate::save::{ApplySummary, Upsert, audit, layout, shown, stored};
use crate::{Result, Store, StoreError};

impl Store {
    /// Imports complaints records in one transaction; rows already held are updated (audited
    /// old → new), nothing else is touched.
    pub async fn apply_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        source: &str,
    ) -> Result<ApplySummary> {
        self.upsert_complaints(data, actor, at, source, false).await
    }

    /// Records entries made by hand (an issue, a learning action, a compliment): like an import,
    /// but new rows are audited column by column too.
    pub async fn record_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        what: &str,
    ) -> Result<ApplySummary> {
        self.upsert_complaints(data, actor, at, what, true).await
    }

    async fn upsert_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        source: &str,
        audit_new: bool,
    ) -> Result<ApplySummary> {
        let mut tx = self.writer.begin().await?;
        let mut summary = ApplySummary::default();
        Upsert {
            tx: &mut tx,
            summary: &mut summary,
            actor,
            at,
            audit_new,
        }
        .set(data, &scrutiny_domain::table::Given::default())
        .await?;
        let detail: Vec<String> = summary
            .changed
            .iter()
            .map(|(table, n)| format!("{table}: {n}"))
            .collect();
        audit(
            &mut tx,
            at,
            actor,
            if audit_new {
                "record complaints entry"
            } else {
                "import complaints"
            },
            source,
            &detail.join(", "),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Everything but personal data: what reports and worklists are made from.
    pub async fn load_complaints(&self) -> Result<ComplaintsData> {
        self.load_set(false).await
    }

    /// Records a new case; refused if the reference is taken.
    pub async fn add_case(&self, case: &Complaint, actor: &str, at: &str) -> Result<()> {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM complaint_cases WHERE reference = $1")
                .bind(case.reference.clone())
                .fetch_optional(&self.pool)
                .await?;
        if exists.is_some() {
            return Err(crate::StoreError::Refused(format!(
                "there is already a case '{}'; choose another reference",
                case.reference
            )));
        }
        let data = ComplaintsData {
            cases: vec![case.clone()],
            ..Default::default()
        };
        self.apply_complaints(
            &data,
            actor,
            at,
            &format!("case {} recorded", case.reference),
        )
        .await?;
        Ok(())
    }

    /// Stores a recorded step: `new` replaces `old` (what the step was decided on) in one
    /// transaction, every changed column audited old → new, and the step itself audited with who,
    /// when and why. Refused as a conflict if the case changed since `old` was read.
    pub async fn update_case(
        &self,
        old: &Complaint,
        new: &Complaint,
        step: &str,
        why: &str,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let reference = &old.reference;
        let mut tx = self.writer.begin().await?;
        // Every column but the personal data, which a step never changes.
        let (key, rest, expected) = layout(Complaint::TABLE, &[old.to_values()], false);
        let sql = format!(
            "SELECT {} FROM {} WHERE reference = $1",
            rest.join(", "),
            Complaint::TABLE.stored
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(reference.clone())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::Refused(format!("there is no case '{reference}'")))?;
        for (n, p) in expected.iter().flatten().skip(key.len()).enumerate() {
            if stored(&row, n, p)? != shown(p) {
                return Err(StoreError::Conflict(format!(
                    "case {reference} was changed by someone else while you were looking at it; \
                     look at the case again and record the step if it is still needed"
                )));
            }
        }
        let mut summary = ApplySummary::default();
        Upsert {
            tx: &mut tx,
            summary: &mut summary,
            actor,
            at,
            audit_new: false,
        }
        .table(Complaint::TABLE, &[new.to_values()], false)
        .await?;
        audit(&mut tx, at, actor, step, &format!("case {reference}"), why).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A case's personal data. Every look is written to the audit trail (who, when, which case).
    pub async fn case_personal(
        &self,
        reference: &str,
        actor: &str,
        at: &str,
        why: &str,
    ) -> Result<Option<Personal>> {
        let mut tx = self.writer.begin().await?;
        let row = sqlx::query(
            "SELECT complainant_name, child_name FROM complaint_cases WHERE reference = $1",
        )
        .bind(reference.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        audit(
            &mut tx,
            at,
            actor,
            "view personal data",
            &format!("case {reference}"),
            why,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(Personal {
            complainant_name: row.try_get(0)?,
            child_name: row.try_get(1)?,
        }))
    }

    /// Erases personal data from cases closed (or, failing that, received) before `before`;
    /// the figures stay. Returns how many cases were anonymised; audited.
    pub async fn anonymise_cases_before(
        &self,
        before: NaiveDate,
        actor: &str,
        at: &str,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let n = sqlx::query(
            "UPDATE complaint_cases SET complainant_name = NULL, child_name = NULL, anonymised_at = $2
             WHERE anonymised_at IS NULL AND COALESCE(closed, received) < $1",
        )
        .bind(before.to_string())
        .bind(at.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        audit(
            &mut tx,
            at,
            actor,
            "anonymise cases",
            "complaint_cases",
            &format!("{n} case(s) closed before {before}: names erased, figures kept"),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}
