//! Backing up and restoring the embedded SQLite database. PostgreSQL deployments use the
//! server's own tools (`pg_dump`, point-in-time recovery); see the README.

use std::path::Path;

use crate::{Backend, Result, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the whole database to `to` while others keep using it
    /// (SQLite's `VACUUM INTO` reads one snapshot). Refuses to overwrite an existing file.
    pub async fn backup_to(&self, to: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Refused(
                "backup copies the embedded SQLite database; for PostgreSQL use pg_dump".into(),
            ));
        }
        if to.exists() {
            return Err(StoreError::Refused(format!(
                "{} already exists; choose a new file name so no earlier backup is lost",
                to.display()
            )));
        }
        let target = to.to_str().ok_or_else(|| {
            StoreError::Refused(format!("{} is not a usable file name", to.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_string())
            .execute(&self.writer)
            .await?;
        crate::files::make_private(to)
            .map_err(|e| StoreError::Refused(format!("cannot protect {}: {e}", to.display())))?;
        Ok(())
    }
}

/// Replaces the SQLite database at `target` with the backup at `backup`, after checking the
/// backup is a whole, readable Scrutiny database. Refused while a server holds the database.
/// Sessions in the backup are cleared: everyone signs in again, and a session that had signed
/// out since the backup does not come back.
pub async fn restore_sqlite(backup: &Path, target: &Path) -> Result<()> {
    crate::files::not_served(target)?;
    let url = format!("sqlite://{}?mode=ro", backup.display());
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .map_err(|e| {
            StoreError::Refused(format!(
                "{} cannot be opened as a database: {e}",
                backup.display()
            ))
        })?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await?;
    if check != "ok" {
        return Err(StoreError::Refused(format!(
            "{} is damaged ({check}); nothing was restored",
            backup.display()
        )));
    }
    let ours: Option<i64> = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
    )
    .fetch_optional(&pool)
    .await?;
    pool.close().await;
    if ours != Some(1) {
        return Err(StoreError::Refused(format!(
            "{} is not a Scrutiny database; nothing was restored",
            backup.display()
        )));
    }
    // Copy beside the target, then rename over it: the target is never half-written.
    let io = |e: std::io::Error| StoreError::Refused(format!("cannot restore: {e}"));
    let tmp = target.with_extension("restoring");
    std::fs::copy(backup, &tmp).map_err(io)?;
    crate::files::make_private(&tmp).map_err(io)?;
    let copy = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}?mode=rw", tmp.display()))
        .await?;
    sqlx::query("DELETE FROM sessions").execute(&copy).await?;
    copy.close().await;
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", tmp.display());
        if Path::new(&side).exists() {
            std::fs::remove_file(&side).map_err(io)?;
        }
    }
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", target.display());
        if Path::new(&side).exists() {
            std::fs::remove_file(&side).map_err(io)?;
        }
    }
    std::fs::rename(&tmp, target).map_err(io)?;
    Ok(())
}
