//! Signing in and out.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::Page;
use crate::auth::{self, MaybeUser, User};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    next: String,
    /// Matches the `scrutiny_login` cookie, so a sign-in form posted from elsewhere is refused.
    token: String,
    username: String,
    error: Option<String>,
}

/// A form's or address's fields as sent: read by name, so a field given twice or left out is
/// taken as typed (the first) or blank, never the framework's refusal in its own words.
type Fields = Vec<(String, String)>;

fn field(fields: &Fields, name: &str) -> Option<String> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Only paths on this site, so a link cannot send someone elsewhere after they sign in. Parsed,
/// then checked: no scheme or host, a path that starts with one `/`, and nothing a browser would
/// drop or turn into a slash on the way (tabs, newlines, backslashes) nor anything that cannot
/// go in a `Location` header.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    let Some(n) = next else {
        return "/".into();
    };
    let plain = n
        .chars()
        .all(|c| !c.is_control() && !c.is_whitespace() && c != '\\');
    let uri = n.parse::<axum::http::Uri>().ok();
    let local = uri.is_some_and(|u| u.scheme().is_none() && u.authority().is_none());
    let path_only = n.starts_with('/') && !n.starts_with("//");
    if plain && local && path_only {
        n.into()
    } else {
        "/".into()
    }
}

const LOGIN_COOKIE: &str = "scrutiny_login";

/// The sign-in page with a fresh form token, set in a cookie too (double submit).
fn login_page(
    state: &AppState,
    next: String,
    username: String,
    error: Option<String>,
) -> Result<Response, AppError> {
    let token = auth::random_token();
    let status = if error.is_some() {
        axum::http::StatusCode::UNAUTHORIZED
    } else {
        axum::http::StatusCode::OK
    };
    let page = LoginPage {
        page: Page::new("Sign in", None, "").with_error(error.is_some()),
        next,
        token: token.clone(),
        username,
        error,
    };
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        if state.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    Ok((status, [(SET_COOKIE, cookie)], Html(page.render()?)).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<Fields>,
) -> Result<Response, AppError> {
    let next = safe_next(field(&q, "next").as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    login_page(&state, next, String::new(), None)
}

/// A sign-in form as sent.
struct Credentials {
    username: String,
    password: String,
    next: Option<String>,
    token: Option<String>,
}

impl Credentials {
    fn from(fields: &Fields) -> Credentials {
        Credentials {
            username: field(fields, "username").unwrap_or_default(),
            password: field(fields, "password").unwrap_or_default(),
            next: field(fields, "next"),
            token: field(fields, "token"),
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    extensions: axum::http::Extensions,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let c = Credentials::from(&fields);
    let next = safe_next(c.next.as_deref());
    let username = c.username.trim().to_string();
    let failed =
        |message: String| login_page(&state, next.clone(), username.clone(), Some(message));
    let cookie = auth::cookie_in(&headers, LOGIN_COOKIE);
    // The double-submitted token must be there, and the same in the cookie and the form: an
    // empty pair matches, and proves nothing.
    let given = c.token.as_deref().filter(|t| !t.trim().is_empty());
    if given.is_none() || cookie != given {
        return failed(
            "The sign-in page had expired. Enter your username and password again".into(),
        );
    }
    if username.is_empty() || c.password.is_empty() {
        return failed("Enter your username and password".into());
    }
    let address = auth::client_address(&extensions);
    let user = match auth::check_password(&state, &username, &c.password, &address).await {
        Ok(u) => u,
        Err(e @ (AppError::BadLogin | AppError::TooManyAttempts(_))) => {
            let mut page = failed(crate::error::capitalise(&e.to_string()))?;
            *page.status_mut() = e.status();
            return Ok(page);
        }
        Err(e) => return Err(e),
    };
    let token = auth::random_token();
    let now = state.clock.now();
    let expires = now + chrono::Duration::hours(state.config.session_hours);
    state
        .store
        .create_session(
            &user.username,
            &auth::token_hash(&token),
            &auth::random_token(),
            &crate::clock::stamp(now),
            &crate::clock::stamp(expires),
        )
        .await?;
    let cookie = auth::session_cookie(
        &token,
        state.config.secure_cookies,
        state.config.session_hours * 3600,
    );
    Ok(([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    user: User,
    headers: axum::http::HeaderMap,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    user.check_csrf(field(&f, "csrf").as_deref())?;
    if let Some(t) = auth::cookie_in(&headers, auth::COOKIE_NAME) {
        state.store.end_session(&auth::token_hash(t)).await?;
    }
    Ok((
        [(SET_COOKIE, auth::clear_cookie(state.config.secure_cookies))],
        Redirect::to("/login"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_site_are_followed_after_sign_in() {
        for ok in [
            "/",
            "/returns/CFS/2012/2",
            "/indicators/NI148?period=2012%2F13",
        ] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "evil.example",
            "/ /evil",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
