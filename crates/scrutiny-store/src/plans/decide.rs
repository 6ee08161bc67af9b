//! Recording a decision on a proposed target revision. The domain decides whether it may be
//! decided and what results (`plans::decide`, `plans::may_replace`); this only reads the revision
//! held, writes the result and the audit line (who, when, why), in one transaction.

use scrutiny_domain::figure::Figure;
use scrutiny_domain::period::{FinancialYear, parse_date};
use scrutiny_domain::plans::{Decision, TargetRevision, decide, may_replace};
use sqlx::{Any, Row, Transaction};

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

/// The revision held under a key, as stored.
async fn held(
    tx: &mut Transaction<'_, Any>,
    indicator: &str,
    year: FinancialYear,
    review: &str,
) -> Result<Option<TargetRevision>> {
    let row = sqlx::query(
        "SELECT previous, proposed, rationale, proposed_by, proposed_on, decision, decided_by, \
         decided_on FROM target_revisions WHERE indicator = $1 AND year = $2 AND review = $3",
    )
    .bind(indicator.to_string())
    .bind(i64::from(year.0))
    .bind(review.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let bad = |e: &dyn std::fmt::Display| StoreError::Corrupt {
        table: "target_revisions",
        detail: e.to_string(),
    };
    let text = |i: usize| row.try_get::<String, _>(i).map_err(|e| bad(&e));
    let opt = |i: usize| row.try_get::<Option<String>, _>(i).map_err(|e| bad(&e));
    let date = |i: usize| -> Result<Option<chrono::NaiveDate>> {
        opt(i)?
            .map(|d| parse_date(&d).map_err(|e| bad(&e)))
            .transpose()
    };
    let figure = |i: usize| Figure::parse_target(&text(i)?).map_err(|e| bad(&e));
    Ok(Some(TargetRevision {
        indicator: indicator.to_string(),
        year,
        review: review.to_string(),
        previous: figure(0)?,
        proposed: figure(1)?,
        rationale: opt(2)?,
        proposed_by: opt(3)?,
        proposed_on: date(4)?,
        decision: Decision::parse(&text(5)?).map_err(|e| bad(&e))?,
        decided_by: opt(6)?,
        decided_on: date(7)?,
    }))
}

/// Refuses an import that would change a revision already decided (the domain's
/// `plans::may_replace`), inside the import's own transaction.
pub(crate) async fn check_revisions(
    tx: &mut Transaction<'_, Any>,
    incoming: &[TargetRevision],
) -> Result<()> {
    for r in incoming {
        if let Some(h) = held(tx, &r.indicator, r.year, &r.review).await? {
            may_replace(&h, r).map_err(|e| StoreError::Refused(e.to_string()))?;
        }
    }
    Ok(())
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
        let mut tx = self.writer.begin().await?;
        let Some(proposal) = held(&mut tx, d.indicator, d.year, d.review).await? else {
            return Err(StoreError::Refused(format!(
                "there is no proposed revision of {}'s {} target in the review '{}'",
                d.indicator, d.year, d.review
            )));
        };
        let decided = decide(&proposal, d.decision, d.decided_by, d.decided_on)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        sqlx::query(
            "UPDATE target_revisions SET decision = $1, decided_by = $2, decided_on = $3 \
             WHERE indicator = $4 AND year = $5 AND review = $6",
        )
        .bind(decided.decision.code().to_string())
        .bind(decided.decided_by.clone())
        .bind(decided.decided_on.map(|on| on.to_string()))
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
            "{} -> {}: proposed -> {} by {} on {}",
            proposal.previous.to_entry(),
            proposal.proposed.to_entry(),
            decided.decision.code(),
            decided.decided_by.as_deref().unwrap_or_default(),
            d.decided_on
        ))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
