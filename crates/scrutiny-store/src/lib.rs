//! Scrutiny's storage: one [`Store`] over SQLite (the embedded default) or PostgreSQL (shared,
//! multi-user), chosen by the database URL. Both backends run the same queries through sqlx's
//! `Any` driver; schema changes are migrations, one folder per backend kept in step.
//!
//! Figures, money and decimals are stored as exact text (sqlx's decimal support does not cover
//! SQLite); years as the financial year's starting calendar year; quarter 0 means "annual".

mod accounts;
mod backup;
mod cases;
mod complaints;
pub mod files;
mod formula;
mod jobs;
mod load;
mod meetings;
mod migrations;
mod performance;
mod plans;
mod save;
mod users;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Row};
use thiserror::Error;

pub use backup::restore_sqlite;
pub use cases::KeptRecords;
pub use jobs::KeptJob;
pub use meetings::{ItemUpload, Publishing, Subscribed};
pub use performance::framework::{Drawn, StoredRow};
pub use performance::returns::{QuarterRow, ReturnChange, ReturnRow};
pub use plans::decide::RevisionDecision;
pub use save::{ApplySummary, TableChanges};
pub use scrutiny_domain::performance::model::Known;
pub use users::{ApiToken, Session, User};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data cannot be read ({table}: {detail}); was the database edited by hand?")]
    Corrupt { table: &'static str, detail: String },
    #[error("{0}")]
    Refused(String),
    /// Someone else changed the record after the person's page was drawn.
    #[error("{0}")]
    Conflict(String),
    #[error("unsupported database URL '{0}': use sqlite://path/to/file.db or postgres://…")]
    BadUrl(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    /// Reads. For SQLite, several connections that may only read (`query_only`): in WAL mode
    /// they read while a write is under way, so a long import does not hold up the pages.
    pool: AnyPool,
    /// Writes and every transaction. For SQLite one connection, SQLite's own model (more would
    /// only queue on its lock, and a read-then-write transaction could find it taken); for
    /// PostgreSQL the same pool as reads.
    writer: AnyPool,
    backend: Backend,
}

/// Connections that read the embedded database beside its one writer.
const SQLITE_READERS: u32 = 4;

impl Store {
    /// Opens (creating if need be) the database at `url` and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::BadUrl(url.to_string()));
        };
        // A new database file is made readable by its owner only; SQLite gives its journal
        // files the same permissions.
        if let Some(path) = files::sqlite_file(url).filter(|p| !p.exists()) {
            files::private(&path, true).map_err(|e| {
                StoreError::Refused(format!("cannot create {}: {e}", path.display()))
            })?;
        }
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        if backend == Backend::Postgres {
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .connect(&url)
                .await?;
            migrations::migrator(backend).run(&pool).await?;
            return Ok(Store {
                writer: pool.clone(),
                pool,
                backend,
            });
        }
        let writer = sqlite_pool(1, false).connect(&url).await?;
        migrations::migrator(backend).run(&writer).await?;
        let pool = sqlite_pool(SQLITE_READERS, true).connect(&url).await?;
        Ok(Store {
            pool,
            writer,
            backend,
        })
    }

    /// Closes every connection (the last to close checkpoints SQLite's WAL into the file).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connections that read (for tests and tools that inspect the database).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The keys an import may refer to without repeating them.
    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.writer).await?;
        Ok(())
    }

    pub async fn known(&self) -> Result<Known> {
        use scrutiny_domain::table::TableSet;
        let mut known = Known::default();
        for t in scrutiny_domain::Dataset::TABLES
            .iter()
            .filter(|t| t.defines)
        {
            // Built only from the fixed descriptions, never from user input.
            let columns: Vec<&str> = t
                .key
                .iter()
                .filter_map(|k| t.column(k).map(|c| c.stored))
                .collect();
            let sql = format!("SELECT {} FROM {}", columns.join(", "), t.stored);
            for row in sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&self.pool)
                .await?
            {
                let parts = (0..columns.len())
                    .map(|i| row.try_get::<String, _>(i))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                known.insert(t.name, parts.join(" "));
            }
        }
        for row in sqlx::query("SELECT code, unit FROM indicators")
            .fetch_all(&self.pool)
            .await?
        {
            let code: String = row.try_get(0)?;
            let unit: String = row.try_get(1)?;
            if let Ok(unit) = scrutiny_domain::figure::Unit::parse(&unit) {
                known.insert_unit(code, unit);
            }
        }
        for row in sqlx::query("SELECT indicator, minimum, maximum FROM indicator_bounds")
            .fetch_all(&self.pool)
            .await?
        {
            let side = |i: usize| -> Result<Option<rust_decimal::Decimal>> {
                let text: Option<String> = row.try_get(i)?;
                Ok(text.and_then(|t| t.parse().ok()))
            };
            known.insert_bounds(scrutiny_domain::performance::model::IndicatorBounds {
                indicator: row.try_get(0)?,
                minimum: side(1)?,
                maximum: side(2)?,
            });
        }
        crate::formula::known(&self.pool, &mut known).await?;
        Ok(known)
    }

    /// The newest audit entry's number: it changes whenever anything is changed, so readers
    /// can tell whether a copy of the data they hold is current.
    pub async fn audit_head(&self) -> Result<i64> {
        let head: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
            .fetch_one(&self.pool)
            .await?;
        Ok(head.unwrap_or(0))
    }

    /// The audit trail, newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        self.audit_where("1 = 1", &[], limit).await
    }

    /// The audit trail without the complaints service's entries, whose details (reasons, the
    /// words of a compliment) may name people: for anyone without the complaints role.
    pub async fn audit_log_without_complaints(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        self.audit_where(&format!("NOT ({COMPLAINTS_ENTRY})"), &[], limit)
            .await
    }

    /// Everything recorded about one complaints case: its steps, changes, issues, learning
    /// actions and every look at its personal details.
    pub async fn audit_of_case(&self, reference: &str, limit: i64) -> Result<Vec<AuditEntry>> {
        let r = reference.to_string();
        self.audit_where(
            "entity = $2 OR entity = $3 OR entity LIKE $4 OR entity LIKE $5",
            &[
                format!("case {r}"),
                format!("complaint_cases {r}"),
                format!("complaint_elements {r} / %"),
                format!("learning_actions {r} / %"),
            ],
            limit,
        )
        .await
    }

    /// `condition` is one of the fixed conditions above, never user input; values bind from $2.
    async fn audit_where(
        &self,
        condition: &str,
        values: &[String],
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT at, actor, action, entity, detail FROM audit_log WHERE {condition} ORDER BY id DESC LIMIT $1"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit);
        for v in values {
            q = q.bind(v.clone());
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
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

/// The audit entries written by the complaints service.
const COMPLAINTS_ENTRY: &str = "entity LIKE 'case %' OR entity LIKE 'complaint%' \
    OR entity LIKE 'compliments %' OR entity LIKE 'learning_actions %' \
    OR action IN ('import complaints', 'record complaints entry', 'view personal data', 'anonymise cases')";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
}

/// SQLite connections as Scrutiny uses them: foreign keys enforced, WAL, a wait of up to five
/// seconds for a lock; readers may not write.
fn sqlite_pool(max: u32, read_only: bool) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("PRAGMA busy_timeout = 5000")
                    .execute(&mut *conn)
                    .await?;
                if read_only {
                    sqlx::query("PRAGMA query_only = ON")
                        .execute(&mut *conn)
                        .await?;
                } else {
                    sqlx::query("PRAGMA journal_mode = WAL")
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(())
            })
        })
}
