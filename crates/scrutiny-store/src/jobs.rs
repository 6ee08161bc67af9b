//! Long work followed on its own page: the job's owner and title when it starts, and its
//! result (as the web application wrote it, JSON) when it ends, so its page still answers after
//! a restart, or on another server sharing the database.

use sqlx::Row;

use crate::{Result, Store};

/// A job as kept: its owner, title, and result once finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptJob {
    pub owner: String,
    pub title: String,
    /// None while it runs (or if it never finished).
    pub result: Option<String>,
}

impl Store {
    pub async fn job_started(&self, id: &str, owner: &str, title: &str, at: &str) -> Result<()> {
        sqlx::query("INSERT INTO jobs (id, owner, title, started_at) VALUES ($1, $2, $3, $4)")
            .bind(id.to_string())
            .bind(owner.to_string())
            .bind(title.to_string())
            .bind(at.to_string())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn job_finished(&self, id: &str, result: &str, at: &str) -> Result<()> {
        sqlx::query("UPDATE jobs SET finished_at = $2, result = $3 WHERE id = $1")
            .bind(id.to_string())
            .bind(at.to_string())
            .bind(result.to_string())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn job(&self, id: &str) -> Result<Option<KeptJob>> {
        let row = sqlx::query("SELECT owner, title, result FROM jobs WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(KeptJob {
                owner: r.try_get(0)?,
                title: r.try_get(1)?,
                result: r.try_get(2)?,
            })
        })
        .transpose()
    }
}
