//! What a person or an administrator does to an account: change its password, disable or enable
//! it, end its sessions, and its API tokens. Every change is audited. Tokens are kept only as
//! hashes, like sessions; the web crate makes them.

use sqlx::Row;

use crate::users::ApiToken;
use crate::{Result, Store, StoreError};

/// How many characters of a token's hash name it in lists and audit entries.
const REFERENCE_LEN: usize = 12;

/// Ends an account's sessions but `keep`, inside the caller's transaction; the count ended.
async fn end_sessions_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    username: &str,
    keep: Option<&str>,
) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM sessions WHERE username = $1 AND token_hash <> $2")
            .bind(username.to_string())
            .bind(keep.unwrap_or_default().to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected(),
    )
}

/// Refused when an update found no such account.
fn held(changed: u64, username: &str) -> Result<()> {
    if changed == 0 {
        return Err(StoreError::Refused(format!(
            "there is no user '{username}'"
        )));
    }
    Ok(())
}

/// Writes one account change to the audit trail and commits it.
async fn audited(
    mut tx: sqlx::Transaction<'_, sqlx::Any>,
    now: &str,
    actor: &str,
    action: &str,
    username: &str,
    detail: &str,
) -> Result<()> {
    crate::save::audit(
        &mut tx,
        now,
        actor,
        action,
        &format!("user {username}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// Sets a new password hash and ends every other session of the account (all of them when
    /// `keep` is none); audited.
    pub async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        keep: Option<&str>,
        now: &str,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE username = $2")
            .bind(password_hash.to_string())
            .bind(username.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        held(changed, username)?;
        let ended = end_sessions_in(&mut tx, username, keep).await?;
        audited(
            tx,
            now,
            username,
            "change password",
            username,
            &format!("{ended} other session(s) ended"),
        )
        .await?;
        Ok(ended)
    }

    /// Disables (or enables again) an account: a disabled one cannot sign in, and its sessions
    /// end; its API tokens are refused while it stays disabled. Audited.
    pub async fn set_disabled(
        &self,
        username: &str,
        disabled: bool,
        actor: &str,
        now: &str,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE username = $2")
            .bind(disabled.then(|| now.to_string()))
            .bind(username.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        held(changed, username)?;
        let ended = if disabled {
            end_sessions_in(&mut tx, username, None).await?
        } else {
            0
        };
        audited(
            tx,
            now,
            actor,
            if disabled {
                "disable user"
            } else {
                "enable user"
            },
            username,
            &format!("{ended} session(s) ended"),
        )
        .await?;
        Ok(())
    }

    /// Ends every session of an account but `keep` (the one asking, when it is the account's
    /// own), signing it out everywhere else; audited. The count ended.
    pub async fn end_sessions(
        &self,
        username: &str,
        keep: Option<&str>,
        actor: &str,
        now: &str,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let ended = end_sessions_in(&mut tx, username, keep).await?;
        audited(
            tx,
            now,
            actor,
            "end sessions",
            username,
            &format!("{ended} session(s) ended"),
        )
        .await?;
        Ok(ended)
    }

    /// How many sessions an account has open at `now`.
    pub async fn open_sessions(&self, username: &str, now: &str) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE username = $1 AND expires_at > $2",
        )
        .bind(username.to_string())
        .bind(now.to_string())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Keeps a new API token's hash for an account, acting in `role` (the account's own); the
    /// token's reference. Audited.
    pub async fn create_api_token(
        &self,
        username: &str,
        token_hash: &str,
        label: &str,
        role: &str,
        actor: &str,
        now: &str,
    ) -> Result<String> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, username, label, role, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash.to_string())
        .bind(username.to_string())
        .bind(label.to_string())
        .bind(role.to_string())
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        let reference = token_hash.chars().take(REFERENCE_LEN).collect::<String>();
        audited(
            tx,
            now,
            actor,
            "create API token",
            username,
            &format!("token {reference} ({label}), role {role}"),
        )
        .await?;
        Ok(reference)
    }

    /// The account an API token acts for, if the token is held, not revoked, its account not
    /// disabled, and the account's role still the one the token was made for.
    pub async fn api_token_user(&self, token_hash: &str) -> Result<Option<crate::User>> {
        let row = sqlx::query(
            "SELECT u.username FROM api_tokens t JOIN users u ON u.username = t.username
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL
             AND u.role = t.role",
        )
        .bind(token_hash.to_string())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => self.user(&r.try_get::<String, _>(0)?).await,
            None => Ok(None),
        }
    }

    /// An account's API tokens, newest first (every account's when `username` is none).
    pub async fn api_tokens(&self, username: Option<&str>) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT token_hash, username, label, role, created_at, revoked_at FROM api_tokens
             WHERE $1 = '' OR username = $1 ORDER BY created_at DESC, token_hash",
        )
        .bind(username.unwrap_or_default().to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    reference: r
                        .try_get::<String, _>(0)?
                        .chars()
                        .take(REFERENCE_LEN)
                        .collect(),
                    username: r.try_get(1)?,
                    label: r.try_get(2)?,
                    role: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                    revoked_at: r.try_get(5)?,
                })
            })
            .collect::<std::result::Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// Revokes an account's token by its reference; audited. Refused when no such token.
    pub async fn revoke_api_token(
        &self,
        username: &str,
        reference: &str,
        actor: &str,
        now: &str,
    ) -> Result<()> {
        if reference.len() != REFERENCE_LEN || !reference.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(StoreError::Refused(format!(
                "'{reference}' is not a token reference: give the {REFERENCE_LEN} characters the token list shows"
            )));
        }
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1
             WHERE username = $2 AND revoked_at IS NULL AND token_hash LIKE $3",
        )
        .bind(now.to_string())
        .bind(username.to_string())
        .bind(format!("{}%", reference.to_ascii_lowercase()))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Refused(format!(
                "{username} has no token {reference} in use"
            )));
        }
        audited(
            tx,
            now,
            actor,
            "revoke API token",
            username,
            &format!("token {reference}"),
        )
        .await?;
        Ok(())
    }

    /// Records a refused attempt at personal data: who asked (or "not signed in") and what.
    pub async fn audit_refusal(&self, actor: &str, what: &str, now: &str) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        crate::save::audit(&mut tx, now, actor, "refused", "personal data", what).await?;
        tx.commit().await?;
        Ok(())
    }
}
