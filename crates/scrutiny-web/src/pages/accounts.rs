//! Accounts: a person's own (change password, sign out elsewhere, API tokens) and, for the
//! performance officer, everyone's (disable or enable, end sessions). Every change is audited by
//! the store.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use scrutiny_store::ApiToken;

use super::{FieldError, Page, entered, form_status};
use crate::auth::{self, User};
use crate::error::AppError;
use crate::roles::{Action, Role};
use crate::state::AppState;

/// The shortest password accepted, as `scrutiny user add` asks.
const MIN_PASSWORD: usize = 10;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    errors: Vec<FieldError>,
    notice: Option<String>,
    sessions: i64,
    tokens: Vec<ApiToken>,
    /// A token just made: shown this once, never again.
    new_token: Option<String>,
}

impl AccountPage {
    fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.as_str())
    }
}

/// This request's session, so changing a password or signing out elsewhere keeps it.
fn own_session(headers: &HeaderMap) -> Option<String> {
    auth::cookie_in(headers, auth::COOKIE_NAME).map(auth::token_hash)
}

async fn account_page(
    state: &AppState,
    user: &User,
    errors: Vec<FieldError>,
    notice: Option<String>,
    new_token: Option<String>,
) -> Result<Response, AppError> {
    let page = AccountPage {
        page: Page::new("Your account", Some(user), "/account").with_error(!errors.is_empty()),
        sessions: state
            .store
            .open_sessions(&user.username, &state.clock.stamp())
            .await?,
        tokens: state.store.api_tokens(Some(&user.username)).await?,
        notice,
        new_token,
        errors,
    };
    let status = form_status(!page.errors.is_empty());
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn show(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    account_page(&state, &user, Vec::new(), None, None).await
}

fn field_error(id: &str, message: &str) -> Vec<FieldError> {
    vec![FieldError {
        id: id.into(),
        message: message.into(),
    }]
}

pub async fn act(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let now = state.clock.stamp();
    let keep = own_session(&headers);
    match entered(&form, "action").as_str() {
        "password" => {
            let current = form.get("current").cloned().unwrap_or_default();
            let new = form.get("new").cloned().unwrap_or_default();
            let again = form.get("confirm").cloned().unwrap_or_default();
            let problem = if current.is_empty() {
                Some(field_error("current", "Enter your current password"))
            } else if new.chars().count() < MIN_PASSWORD {
                Some(field_error(
                    "new",
                    &format!("Enter a new password of at least {MIN_PASSWORD} characters"),
                ))
            } else if new != again {
                Some(field_error("confirm", "Enter the same new password again"))
            } else if new == current {
                Some(field_error(
                    "new",
                    "Enter a new password different from the current one",
                ))
            } else {
                None
            };
            if let Some(errors) = problem {
                return account_page(&state, &user, errors, None, None).await;
            }
            // The current password is checked as a sign-in is, waits included, so a session
            // left open cannot be used to guess it.
            let address = auth::client_address(&extensions);
            match auth::check_password(&state, &user.username, &current, &address).await {
                Ok(_) => {}
                Err(AppError::BadLogin) => {
                    let errors = field_error("current", "Your current password is not right");
                    return account_page(&state, &user, errors, None, None).await;
                }
                Err(e @ AppError::TooManyAttempts(_)) => {
                    let errors = field_error("current", &crate::error::capitalise(&e.to_string()));
                    return account_page(&state, &user, errors, None, None).await;
                }
                Err(e) => return Err(e),
            }
            let hash = auth::hash_off_thread(&state, &new).await?;
            let ended = state
                .store
                .set_password(&user.username, &hash, keep.as_deref(), &now)
                .await?;
            let notice = format!(
                "Your password has been changed. {ended} other session(s) were signed out."
            );
            account_page(&state, &user, Vec::new(), Some(notice), None).await
        }
        "sign_out_elsewhere" => {
            let ended = state
                .store
                .end_sessions(&user.username, keep.as_deref(), &user.username, &now)
                .await?;
            let notice = format!("{ended} other session(s) were signed out.");
            account_page(&state, &user, Vec::new(), Some(notice), None).await
        }
        "create_token" => {
            let label = entered(&form, "label");
            if label.is_empty()
                || label.chars().count() > 100
                || label.chars().any(char::is_control)
            {
                let errors = field_error(
                    "label",
                    "Enter what the token is for, up to 100 characters, e.g. Quarterly figures script",
                );
                return account_page(&state, &user, errors, None, None).await;
            }
            let token = auth::random_token();
            let reference = state
                .store
                .create_api_token(
                    &user.username,
                    &auth::token_hash(&token),
                    &label,
                    user.role.code(),
                    &user.username,
                    &now,
                )
                .await?;
            let notice = format!(
                "Token {reference} made. Copy it now: it is not shown again. Send it as 'Authorization: Bearer' followed by the token."
            );
            account_page(&state, &user, Vec::new(), Some(notice), Some(token)).await
        }
        "revoke_token" => {
            let reference = entered(&form, "reference");
            state
                .store
                .revoke_api_token(&user.username, &reference, &user.username, &now)
                .await?;
            let notice = format!("Token {reference} no longer works.");
            account_page(&state, &user, Vec::new(), Some(notice), None).await
        }
        other => Err(AppError::Invalid(format!(
            "'{other}' is not something this page does"
        ))),
    }
}

/// One account as the performance officer sees it.
pub struct AccountRow {
    pub username: String,
    pub name: String,
    pub role: String,
    pub department: String,
    pub disabled: bool,
    pub sessions: i64,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    page: Page,
    rows: Vec<AccountRow>,
    notice: Option<String>,
}

async fn users_page(
    state: &AppState,
    user: &User,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let now = state.clock.stamp();
    let mut rows = Vec::new();
    for u in state.store.users().await? {
        rows.push(AccountRow {
            sessions: state.store.open_sessions(&u.username, &now).await?,
            role: Role::parse(&u.role).map_or(u.role.clone(), |r| r.title().to_string()),
            department: u.department.clone().unwrap_or_else(|| "All".into()),
            disabled: u.disabled_at.is_some(),
            username: u.username,
            name: u.name,
        });
    }
    let page = UsersPage {
        page: Page::new("Accounts", Some(user), "/users"),
        rows,
        notice,
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn list(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::ManageAccounts)?;
    users_page(&state, &user, None).await
}

pub async fn manage(
    State(state): State<AppState>,
    user: User,
    Path(username): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    user.require(Action::ManageAccounts)?;
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let now = state.clock.stamp();
    let notice = match entered(&form, "action").as_str() {
        "disable" if username == user.username => {
            return Err(AppError::Invalid(
                "You cannot disable your own account: ask another performance officer".into(),
            ));
        }
        "disable" => {
            state
                .store
                .set_disabled(&username, true, &user.username, &now)
                .await?;
            format!("{username} is disabled: they cannot sign in, and their sessions have ended.")
        }
        "enable" => {
            state
                .store
                .set_disabled(&username, false, &user.username, &now)
                .await?;
            format!("{username} can sign in again.")
        }
        "end_sessions" => {
            let ended = state
                .store
                .end_sessions(&username, None, &user.username, &now)
                .await?;
            format!("{ended} session(s) of {username} were ended.")
        }
        other => {
            return Err(AppError::Invalid(format!(
                "'{other}' is not something this page does"
            )));
        }
    };
    users_page(&state, &user, Some(notice)).await
}
