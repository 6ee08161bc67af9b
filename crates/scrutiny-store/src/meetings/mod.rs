//! Boards' meetings beyond the framework's tables: public questions, whose askers' names and
//! e-mail addresses are personal data, kept here and never exported with the framework. Every
//! question received and every decision on one is in the audit trail (by number, not name).

mod alerts;
mod uploads;

pub use alerts::Subscribed;
pub use uploads::ItemUpload;

use chrono::NaiveDateTime;
use scrutiny_domain::meetings::questions::{Question, QuestionState};
use sqlx::Row;

use crate::save::{Entry, audit};
use crate::{Result, Store, StoreError};

const COLUMNS: &str =
    "meeting, number, asker, organisation, email, text, received, state, ground, answer";

impl Store {
    /// A meeting's questions in the order received.
    pub async fn questions(&self, meeting: &str) -> Result<Vec<Question>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM public_questions WHERE meeting = $1 ORDER BY number"
        )))
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let received: String = r.try_get(6)?;
                let state: String = r.try_get(7)?;
                Ok(Question {
                    meeting: r.try_get(0)?,
                    number: r.try_get(1)?,
                    asker: r.try_get(2)?,
                    organisation: r.try_get(3)?,
                    email: r.try_get(4)?,
                    text: r.try_get(5)?,
                    received: NaiveDateTime::parse_from_str(&received, "%Y-%m-%dT%H:%M:%S")
                        .map_err(|e| StoreError::Refused(format!("stored time {received}: {e}")))?,
                    state: QuestionState::parse(&state)
                        .ok_or_else(|| StoreError::Refused(format!("stored state {state}")))?,
                    ground: r.try_get(8)?,
                    answer: r.try_get(9)?,
                })
            })
            .collect()
    }

    /// Adds a question (its number the next for the meeting) and audits it by number.
    pub async fn add_question(&self, q: &Question, at: &str) -> Result<i64> {
        let mut tx = self.writer.begin().await?;
        let next: i64 = sqlx::query(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM public_questions WHERE meeting = $1",
        )
        .bind(q.meeting.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO public_questions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )))
        .bind(q.meeting.clone())
        .bind(next)
        .bind(q.asker.clone())
        .bind(q.organisation.clone())
        .bind(q.email.clone())
        .bind(q.text.clone())
        .bind(q.received.format("%Y-%m-%dT%H:%M:%S").to_string())
        .bind(q.state.code())
        .bind(q.ground.clone())
        .bind(q.answer.clone())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            at,
            "public",
            "receive public question",
            &format!("{} question {next}", q.meeting),
            "received from the public question form",
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Accepts or rejects a question (with its ground) and records the answer; audited.
    pub async fn decide_question(
        &self,
        meeting: &str,
        number: i64,
        decision: (QuestionState, Option<&str>, Option<&str>),
        actor: &str,
        at: &str,
    ) -> Result<bool> {
        let (state, ground, answer) = decision;
        let change = sqlx::query(
            "UPDATE public_questions SET state = $3, ground = $4, answer = $5 WHERE meeting = $1 AND number = $2",
        )
        .bind(meeting.to_string())
        .bind(number)
        .bind(state.code())
        .bind(ground.map(str::to_string))
        .bind(answer.map(str::to_string));
        let entity = format!("{meeting} question {number}");
        let entry = Entry {
            at,
            actor,
            action: "decide public question",
            entity: &entity,
        };
        let n = self
            .change_audited(change, entry, |_| {
                format!(
                    "{}{}",
                    state.code(),
                    ground.map(|g| format!(": {g}")).unwrap_or_default()
                )
            })
            .await?;
        Ok(n > 0)
    }

    /// Retention: erases the names, organisations and e-mail addresses of questions received
    /// before `before` (the questions and answers stay). Returns how many; audited.
    pub async fn anonymise_questions_before(
        &self,
        before: chrono::NaiveDate,
        actor: &str,
        at: &str,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let n = sqlx::query(
            "UPDATE public_questions SET asker = '(erased)', organisation = NULL, email = ''
             WHERE email <> '' AND received < $1",
        )
        .bind(before.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        audit(
            &mut tx,
            at,
            actor,
            "anonymise public questions",
            "public_questions",
            &format!("{n} question(s) received before {before}: askers erased, questions kept"),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}

/// What democratic services publish of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publishing {
    Agenda,
    Minutes,
}

impl Store {
    /// Publishes a meeting's agenda or minutes on `day`, if not published already; audited.
    /// False when there is no such meeting or it was published before.
    pub async fn publish_meeting(
        &self,
        code: &str,
        what: Publishing,
        day: chrono::NaiveDate,
        actor: &str,
        at: &str,
    ) -> Result<bool> {
        let (sql, action) = match what {
            Publishing::Agenda => (
                "UPDATE meetings SET published = $2 WHERE code = $1 AND published IS NULL",
                "publish agenda",
            ),
            Publishing::Minutes => (
                "UPDATE meetings SET minutes_published = $2 WHERE code = $1 AND minutes_published IS NULL",
                "publish minutes",
            ),
        };
        let entity = format!("meetings {code}");
        let entry = Entry {
            at,
            actor,
            action,
            entity: &entity,
        };
        let change = sqlx::query(sql)
            .bind(code.to_string())
            .bind(day.to_string());
        let n = self
            .change_audited(change, entry, |_| format!("published on {day}"))
            .await?;
        Ok(n > 0)
    }
}
