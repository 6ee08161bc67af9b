//! E-mail alerts: the people who asked for them (their addresses are personal data, kept here
//! and never exported with the framework; the audit trail names them by number) and the alerts
//! sent, so each agenda's and each meeting's minutes' alert goes once.

use scrutiny_domain::meetings::alerts::AlertKind;
use sqlx::Row;

use crate::save::{Entry, audit};
use crate::{Result, Store, StoreError};

/// What asking for alerts did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscribed {
    /// A new request, waiting for its confirmation: the token to put in the link.
    New(String),
    /// Asked before and not yet confirmed: the same token, for a second link.
    Waiting(String),
    /// Already receiving alerts.
    Already,
}

impl Store {
    /// Records a request for `board`'s alerts at `email`, to be confirmed with `token`.
    pub async fn subscribe(
        &self,
        email: &str,
        board: &str,
        token: &str,
        at: &str,
    ) -> Result<Subscribed> {
        let mut tx = self.writer.begin().await?;
        let held = sqlx::query(
            "SELECT token, confirmed_at FROM alert_subscribers WHERE email = $1 AND board = $2",
        )
        .bind(email.to_string())
        .bind(board.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = held {
            let confirmed: Option<String> = row.try_get(1)?;
            return Ok(match confirmed {
                Some(_) => Subscribed::Already,
                None => Subscribed::Waiting(row.try_get(0)?),
            });
        }
        sqlx::query(
            "INSERT INTO alert_subscribers (email, board, token, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(email.to_string())
        .bind(board.to_string())
        .bind(token.to_string())
        .bind(at.to_string())
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query("SELECT id FROM alert_subscribers WHERE token = $1")
            .bind(token.to_string())
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        audit(
            &mut tx,
            at,
            "public",
            "ask for meeting alerts",
            &format!("alert subscriber {id}"),
            &format!("{board}: waiting for confirmation"),
        )
        .await?;
        tx.commit().await?;
        Ok(Subscribed::New(token.to_string()))
    }

    /// Confirms the request holding `token`; the board's code when there is one.
    pub async fn confirm_alerts(&self, token: &str, at: &str) -> Result<Option<String>> {
        self.change_subscriber(
            token,
            at,
            "confirm meeting alerts",
            "UPDATE alert_subscribers SET confirmed_at = $2 WHERE token = $1 AND confirmed_at IS NULL",
        )
        .await
    }

    /// Ends the alerts of the subscriber holding `token` (their address is deleted); the
    /// board's code when there was one.
    pub async fn stop_alerts(&self, token: &str, at: &str) -> Result<Option<String>> {
        self.change_subscriber(
            token,
            at,
            "stop meeting alerts",
            "DELETE FROM alert_subscribers WHERE token = $1",
        )
        .await
    }

    /// Runs `sql` (token `$1`, and time `$2` if it asks for it) on the subscriber holding `token` and audits it by
    /// number.
    async fn change_subscriber(
        &self,
        token: &str,
        at: &str,
        action: &str,
        sql: &'static str,
    ) -> Result<Option<String>> {
        let mut tx = self.writer.begin().await?;
        let Some(row) = sqlx::query("SELECT id, board FROM alert_subscribers WHERE token = $1")
            .bind(token.to_string())
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let (id, board): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
        let query = sqlx::query(sql).bind(token.to_string());
        let query = match sql.contains("$2") {
            true => query.bind(at.to_string()),
            false => query,
        };
        query.execute(&mut *tx).await?;
        audit(
            &mut tx,
            at,
            "public",
            action,
            &format!("alert subscriber {id}"),
            &board,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(board))
    }

    /// The confirmed subscribers to `board`'s alerts: (address, token), oldest first.
    pub async fn alert_subscribers(&self, board: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT email, token FROM alert_subscribers
             WHERE board = $1 AND confirmed_at IS NOT NULL ORDER BY id",
        )
        .bind(board.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Deletes requests for alerts never confirmed and made before `before` (their addresses
    /// were given without consent to anything more); audited by count. Returns how many.
    pub async fn forget_unconfirmed(&self, before: &str, at: &str) -> Result<u64> {
        let change = sqlx::query(
            "DELETE FROM alert_subscribers WHERE confirmed_at IS NULL AND created_at < $1",
        )
        .bind(before.to_string());
        let entry = Entry {
            at,
            actor: "system",
            action: "forget unconfirmed alert requests",
            entity: "alert subscribers",
        };
        self.change_audited(change, entry, |n| {
            format!("{n} request(s) not confirmed within a week")
        })
        .await
    }

    /// Every alert not to send now: (meeting, what) — those sent, and those that failed after
    /// `retry_before` (a failed one is tried again once that time has passed).
    pub async fn alerts_sent(&self, retry_before: &str) -> Result<Vec<(String, AlertKind)>> {
        let rows = sqlx::query(
            "SELECT meeting, kind FROM alerts_sent WHERE recipients >= 0 OR sent_at > $1",
        )
        .bind(retry_before.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get(1)?;
                Ok((
                    r.try_get(0)?,
                    AlertKind::parse(&kind)
                        .ok_or_else(|| StoreError::Refused(format!("stored alert kind {kind}")))?,
                ))
            })
            .collect()
    }

    /// Claims a meeting's alert for sending to `recipients` people, before it is sent, so two
    /// servers never both send it; audited. An alert that failed is claimed again only once
    /// its failure is older than `retry_before`. False when it was claimed already.
    pub async fn record_alert(
        &self,
        meeting: &str,
        kind: AlertKind,
        recipients: usize,
        at: &str,
        retry_before: &str,
    ) -> Result<bool> {
        let mut tx = self.writer.begin().await?;
        let n = sqlx::query(
            "INSERT INTO alerts_sent (meeting, kind, sent_at, recipients) VALUES ($1, $2, $3, $4)
             ON CONFLICT (meeting, kind) DO UPDATE
             SET sent_at = excluded.sent_at, recipients = excluded.recipients
             WHERE alerts_sent.recipients < 0 AND alerts_sent.sent_at <= $5",
        )
        .bind(meeting.to_string())
        .bind(kind.code())
        .bind(at.to_string())
        .bind(i64::try_from(recipients).unwrap_or(i64::MAX))
        .bind(retry_before.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        audit(
            &mut tx,
            at,
            "system",
            "send meeting alert",
            &format!("{meeting} {}", kind.code()),
            &format!("to {recipients} subscriber(s)"),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Marks a claimed alert none of whose `attempted` e-mails could be sent, so a later sweep
    /// tries again (`alerts_sent`'s `retry_before`); audited with the count only, never the
    /// relay's words, which may name an address.
    pub async fn alert_failed(
        &self,
        meeting: &str,
        kind: AlertKind,
        attempted: usize,
        at: &str,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "UPDATE alerts_sent SET recipients = -1, sent_at = $3 WHERE meeting = $1 AND kind = $2",
        )
        .bind(meeting.to_string())
        .bind(kind.code())
        .bind(at.to_string())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            at,
            "system",
            "meeting alert not sent",
            &format!("{meeting} {}", kind.code()),
            &format!("none of {attempted} e-mail(s) could be sent; to be tried again"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
