//! People who sign in, and their sessions. Password hashing and token generation belong to the
//! web crate; this module only keeps what it is given. No clock here: callers pass `now`.

use sqlx::Row;

use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub username: String,
    pub name: String,
    pub role: String,
    pub department: Option<String>,
    pub password_hash: String,
    /// When the account was disabled: it cannot sign in, and its sessions and API tokens are
    /// refused, until enabled again.
    pub disabled_at: Option<String>,
}

/// An API token as listed: its reference (the start of its hash, never the token), name and the
/// role it acts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub reference: String,
    pub username: String,
    pub label: String,
    pub role: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub expires_at: String,
}

const USER_COLUMNS: &str =
    "u.username, u.name, u.role, u.department, u.password_hash, u.disabled_at";

fn user_from(r: &sqlx::any::AnyRow) -> std::result::Result<User, sqlx::Error> {
    Ok(User {
        username: r.try_get(0)?,
        name: r.try_get(1)?,
        role: r.try_get(2)?,
        department: r.try_get(3)?,
        password_hash: r.try_get(4)?,
        disabled_at: r.try_get(5)?,
    })
}

impl Store {
    /// Adds a person, or replaces their name, role, department and password; audited.
    pub async fn put_user(&self, user: &User, actor: &str, now: &str) -> Result<()> {
        if let Some(d) = &user.department {
            // One department to check: ask for its codes, not every referable key (`known`).
            let codes: Vec<String> =
                sqlx::query_scalar("SELECT code FROM departments ORDER BY code")
                    .fetch_all(&self.pool)
                    .await?;
            if !codes.contains(d) {
                return Err(StoreError::Refused(format!(
                    "there is no department '{d}'; import the framework first or choose one of: {}",
                    codes.join(", ")
                )));
            }
        }
        let mut tx = self.writer.begin().await?;
        let existed = sqlx::query("SELECT 1 FROM users WHERE username = $1")
            .bind(user.username.clone())
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        sqlx::query(
            "INSERT INTO users (username, name, role, department, password_hash, failed_logins, created_at)
             VALUES ($1, $2, $3, $4, $5, 0, $6)
             ON CONFLICT (username) DO UPDATE SET name = excluded.name, role = excluded.role,
             department = excluded.department, password_hash = excluded.password_hash",
        )
        .bind(user.username.clone())
        .bind(user.name.clone())
        .bind(user.role.clone())
        .bind(user.department.clone())
        .bind(user.password_hash.clone())
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        // A new password (or role) ends every session opened under the old one: whoever had the
        // old password is signed out.
        let ended = if existed {
            sqlx::query("DELETE FROM sessions WHERE username = $1")
                .bind(user.username.clone())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        } else {
            0
        };
        crate::save::audit(
            &mut tx,
            now,
            actor,
            if existed { "update user" } else { "add user" },
            &format!("user {}", user.username),
            &format!(
                "role {}, department {}{}",
                user.role,
                user.department.as_deref().unwrap_or("all"),
                if ended > 0 {
                    format!("; {ended} session(s) ended")
                } else {
                    String::new()
                }
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn user(&self, username: &str) -> Result<Option<User>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1"
        )))
        .bind(username.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(user_from).transpose()?)
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u ORDER BY u.username"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(user_from)
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Starts a session after a good password.
    pub async fn create_session(
        &self,
        username: &str,
        token_hash: &str,
        csrf: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        // Old sessions go when a new one starts, so the table does not grow without bound.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash.to_string())
        .bind(username.to_string())
        .bind(csrf.to_string())
        .bind(now.to_string())
        .bind(expires_at.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session for a token, if it exists and has not expired at `now`.
    pub async fn session(&self, token_hash: &str, now: &str) -> Result<Option<Session>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, s.csrf, s.expires_at FROM sessions s
             JOIN users u ON u.username = s.username
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL"
        )))
        .bind(token_hash.to_string())
        .bind(now.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(Session {
            user: user_from(&r)?,
            csrf: r.try_get(6)?,
            expires_at: r.try_get(7)?,
        }))
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_string())
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
