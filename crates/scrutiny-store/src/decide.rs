//! Recording a decision on a proposed target revision. The proposal itself is never changed, and
//! the decision is written to the audit trail with who made it, when and why.

use scrutiny_domain::period::FinancialYear;
use scrutiny_domain::plans::Decision;
use sqlx::Row;

use crate::{Result, Store, StoreError};

/// A decision on one proposed revision.
pub struct RevisionDecision<'a> {
    pub indicator: &'a str,
    pub year: FinancialYear,
    pub review: &'a str,
    pub decision: Decision,
    pub decided_by: &'a str,
    pub decided_on: chrono::NaiveDate,
}

impl Store {
    /// Approves or rejects a proposed revision. Refuses one that does not exist or is already
    /// decided: a decision is history, not something to overwrite.
    pub async fn decide_revision(
        &self,
        d: &RevisionDecision<'_>,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        if d.decision == Decision::Proposed {
            return Err(StoreError::Refused(
                "a decision must be approved or rejected".into(),
            ));
        }
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "SELECT decision, previous, proposed FROM target_revisions WHERE indicator = $1 AND year = $2 AND review = $3",
        )
        .bind(d.indicator.to_string())
        .bind(i64::from(d.year.0))
        .bind(d.review.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::Refused(format!(
                "there is no proposed revision of {}'s {} target in the review '{}'",
                d.indicator, d.year, d.review
            )));
        };
        let current: String = row.try_get(0)?;
        if current != Decision::Proposed.code() {
            return Err(StoreError::Refused(format!(
                "the revision of {}'s {} target was already {current}; record a new proposal instead",
                d.indicator, d.year
            )));
        }
        let (previous, proposed): (String, String) = (row.try_get(1)?, row.try_get(2)?);
        sqlx::query(
            "UPDATE target_revisions SET decision = $1, decided_by = $2, decided_on = $3 \
             WHERE indicator = $4 AND year = $5 AND review = $6",
        )
        .bind(d.decision.code().to_string())
        .bind(d.decided_by.to_string())
        .bind(d.decided_on.to_string())
        .bind(d.indicator.to_string())
        .bind(i64::from(d.year.0))
        .bind(d.review.to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at.to_string())
        .bind(actor.to_string())
        .bind("decide target revision".to_string())
        .bind(format!("{} {} ({})", d.indicator, d.year, d.review))
        .bind(format!(
            "{previous} -> {proposed}: proposed -> {} by {} on {}",
            d.decision.code(),
            d.decided_by,
            d.decided_on
        ))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
