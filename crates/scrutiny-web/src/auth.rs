//! Signing in: argon2 password hashes (worked off the request threads), random session tokens
//! kept only as hashes, the session cookie, CSRF tokens, and the waits after failed sign-ins
//! (`throttle`).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::roles::{Action, Role, allowed};
use crate::state::AppState;

pub const COOKIE_NAME: &str = "scrutiny_session";

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("cannot hash the password: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random token, 256 bits, as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of one cookie. Hand-written: one name in a `Cookie` header is all we read, and a
/// cookie crate would add a dependency for four lines.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    cookie_in(&parts.headers, name)
}

pub fn cookie_in<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn session_cookie(token: &str, secure: bool, max_age_secs: i64) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie(secure: bool) -> String {
    session_cookie("", secure, 0)
}

/// The person making the request.
#[derive(Debug, Clone)]
pub struct User {
    pub username: String,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    /// The department's name, for the page header (codes are never shown).
    pub department_name: Option<String>,
    /// The session's CSRF token, for forms; empty for API calls made with a password.
    pub csrf: String,
    /// Signed in by credentials sent with this request (API basic auth or token) rather than a
    /// cookie, so no cross-site form can carry them.
    pub basic: bool,
}

impl User {
    pub fn may(&self, action: Action<'_>) -> bool {
        allowed(self.role, self.department.as_deref(), action)
    }

    /// Refuses with 403 unless the action is allowed.
    pub fn require(&self, action: Action<'_>) -> Result<(), AppError> {
        if self.may(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Initials, for commentary ("Entered by …").
    pub fn initials(&self) -> String {
        self.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase()
    }

    /// A form's CSRF field must match the session's; API calls with a password carry none.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        if self.basic || sent.is_some_and(|s| !self.csrf.is_empty() && s == self.csrf) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

fn to_user(u: scrutiny_store::User, csrf: String, basic: bool) -> Result<User, AppError> {
    Ok(User {
        role: Role::parse(&u.role).ok_or_else(|| {
            AppError::Internal(format!("user {} has unknown role {}", u.username, u.role))
        })?,
        username: u.username,
        name: u.name,
        department: u.department,
        department_name: None,
        csrf,
        basic,
    })
}

/// Runs password work on a blocking thread, at most `state.hashing` at once: argon2 is slow by
/// design, and on the request threads a flood of sign-ins would stall every page.
async fn hashing<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _slot = state
        .hashing
        .acquire()
        .await
        .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Verifies a password against its hash, off the request threads.
pub async fn verify_off_thread(
    state: &AppState,
    password: &str,
    hash: &str,
) -> Result<bool, AppError> {
    let (password, hash) = (password.to_string(), hash.to_string());
    hashing(state, move || verify_password(&password, &hash)).await
}

/// Hashes a new password, off the request threads.
pub async fn hash_off_thread(state: &AppState, password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    hashing(state, move || hash_password(&password)).await?
}

/// The credentials an `Authorization` header sends under `scheme` (`Bearer`, `Basic`).
pub(crate) fn credentials<'a>(headers: &'a axum::http::HeaderMap, scheme: &str) -> Option<&'a str> {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.strip_prefix(scheme))
        .and_then(|a| a.strip_prefix(' '))
        .map(str::trim)
}

/// Where a request came from: the connection's address, or "local" when there is none (tests,
/// or a server not started by `serve`).
pub fn client_address(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "local".to_string(), |c| c.0.ip().to_string())
}

/// Checks a username and password from `address`. A name (real or not) or an address with many
/// recent failures must wait first (`throttle`); otherwise the password is checked, against a
/// dummy hash for an unknown or disabled name, so the answer and its time are the same.
pub async fn check_password(
    state: &AppState,
    username: &str,
    password: &str,
    address: &str,
) -> Result<scrutiny_store::User, AppError> {
    let now = state.clock.now();
    let wait = state.throttle.wait(username, address, now);
    if wait > 0 {
        return Err(AppError::TooManyAttempts(wait));
    }
    let user = state.store.user(username).await?;
    let hash = user
        .as_ref()
        .map_or_else(|| state.dummy_hash.to_string(), |u| u.password_hash.clone());
    let right = verify_off_thread(state, password, &hash).await?;
    match user {
        // A disabled account answers as a wrong password does.
        Some(u) if right && u.disabled_at.is_none() => {
            state.throttle.succeeded(username, address);
            Ok(u)
        }
        _ => {
            state.throttle.failed(username, address, now);
            Err(AppError::BadLogin)
        }
    }
}

/// A signed-in person, from the session cookie or (API only) an API token or HTTP basic
/// credentials.
/// Absent when nobody is signed in; handlers that need someone use [`User`] instead.
pub struct MaybeUser(pub Option<User>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(token) = cookie(parts, COOKIE_NAME).filter(|t| !t.is_empty()) {
            let now = state.clock.stamp();
            if let Some(s) = state.store.session(&token_hash(token), &now).await? {
                let mut user = to_user(s.user, s.csrf, false)?;
                if let Some(d) = &user.department {
                    let data = state.data().await?;
                    user.department_name = data
                        .departments
                        .iter()
                        .find(|x| &x.code == d)
                        .map(|x| x.name.clone());
                }
                return Ok(MaybeUser(Some(user)));
            }
        }
        let is_api = parts.uri.path().starts_with("/api/");
        // An API token, made on the account page: a hash lookup, no password work.
        if is_api && let Some(token) = credentials(&parts.headers, "Bearer") {
            let user = state
                .store
                .api_token_user(&token_hash(token))
                .await?
                .ok_or(AppError::BadLogin)?;
            return Ok(MaybeUser(Some(to_user(user, String::new(), true)?)));
        }
        if is_api && let Some(encoded) = credentials(&parts.headers, "Basic") {
            let decoded = base64_decode(encoded).ok_or(AppError::BadLogin)?;
            let (name, password) = decoded.split_once(':').ok_or(AppError::BadLogin)?;
            let u =
                check_password(state, name, password, &client_address(&parts.extensions)).await?;
            return Ok(MaybeUser(Some(to_user(u, String::new(), true)?)));
        }
        Ok(MaybeUser(None))
    }
}

impl FromRequestParts<AppState> for User {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(u) => Ok(u),
            None => Err(AppError::SignInNeeded(
                parts
                    .uri
                    .path_and_query()
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            )),
        }
    }
}

/// A signed-in person for the JSON API: failures answer in JSON, not with a sign-in page.
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, crate::error::ApiError> {
        Ok(ApiUser(User::from_request_parts(parts, state).await?))
    }
}

fn base64_decode(s: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(s).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("Correct horse", &h));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn basic_credentials_decode() {
        assert_eq!(
            base64_decode("YWRtaW46c2VjcmV0").as_deref(),
            Some("admin:secret")
        );
        assert_eq!(base64_decode("!!!"), None);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = random_token();
        assert_ne!(a, random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
