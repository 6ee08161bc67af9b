//! Signing in and out.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::Page;
use crate::auth::{self, MaybeUser, User};
use crate::clock;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only paths on this site, so a link cannot send someone elsewhere after they sign in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.into(),
        _ => "/".into(),
    }
}

pub async fn form(MaybeUser(user): MaybeUser, Query(q): Query<Next>) -> Result<Response, AppError> {
    if user.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    let page = LoginPage {
        page: Page::new("Sign in", None, ""),
        next: safe_next(q.next.as_deref()),
        username: String::new(),
        error: None,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
    next: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    Form(c): Form<Credentials>,
) -> Result<Response, AppError> {
    let next = safe_next(c.next.as_deref());
    let username = c.username.trim().to_string();
    let failed = |message: String| -> Result<Response, AppError> {
        let page = LoginPage {
            page: Page::new("Sign in", None, "").with_error(true),
            next: next.clone(),
            username: username.clone(),
            error: Some(message),
        };
        Ok((axum::http::StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response())
    };
    if username.is_empty() || c.password.is_empty() {
        return failed("Enter your username and password".into());
    }
    let user = match auth::check_password(&state, &username, &c.password).await {
        Ok(u) => u,
        Err(e @ (AppError::BadLogin | AppError::Locked)) => {
            return failed(crate::error::capitalise(&e.to_string()));
        }
        Err(e) => return Err(e),
    };
    let token = auth::random_token();
    let now = clock::now();
    let expires = now + chrono::Duration::hours(state.config.session_hours);
    state
        .store
        .create_session(
            &user.username,
            &auth::token_hash(&token),
            &auth::random_token(),
            &clock::stamp(now),
            &clock::stamp(expires),
        )
        .await?;
    let cookie = auth::session_cookie(
        &token,
        state.config.secure_cookies,
        state.config.session_hours * 3600,
    );
    Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf: Option<String>,
}

pub async fn logout(
    State(state): State<AppState>,
    user: User,
    headers: axum::http::HeaderMap,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    user.check_csrf(f.csrf.as_deref())?;
    let token = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == auth::COOKIE_NAME)
        .map(|(_, v)| v.to_string());
    if let Some(t) = token {
        state.store.end_session(&auth::token_hash(&t)).await?;
    }
    Ok((
        [(SET_COOKIE, auth::clear_cookie(state.config.secure_cookies))],
        Redirect::to("/login"),
    )
        .into_response())
}
