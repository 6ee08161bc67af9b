//! Everything a request can fail with, and the page (or JSON) each failure shows.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_store::StoreError;

use crate::pages::Page;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("sign in to see this page")]
    SignInNeeded(String),
    #[error("the username or password is not right")]
    BadLogin,
    /// Seconds to wait: the same for every name typed, real or not.
    #[error("there have been too many failed sign-ins: wait {0} seconds and try again")]
    TooManyAttempts(i64),
    /// A public form sent too often from one address: seconds to wait.
    #[error(
        "this form has been sent many times from your connection: wait {0} seconds and send it again"
    )]
    TooOften(i64),
    #[error("you do not have permission to do this")]
    Forbidden,
    #[error("{0}")]
    NotFound(String),
    #[error(
        "the form had expired or did not come from this site; go back, reload the page and try again"
    )]
    Csrf,
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    /// Invalid, with each field at fault and what is wrong with it (the API lists them).
    #[error("{message}")]
    Fields {
        message: String,
        fields: Vec<(String, String)>,
    },
    #[error("{0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Refused(m) => AppError::Invalid(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("page template: {e}"))
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::SignInNeeded(_) | AppError::BadLogin => StatusCode::UNAUTHORIZED,
            AppError::TooManyAttempts(_) | AppError::TooOften(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) | AppError::Fields { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn heading(&self) -> &'static str {
        match self {
            AppError::SignInNeeded(_) | AppError::BadLogin | AppError::TooManyAttempts(_) => {
                "Sign in"
            }
            AppError::Forbidden | AppError::Csrf => "You cannot do this",
            AppError::TooOften(_) => "Please wait before sending this again",
            AppError::NotFound(_) => "Page not found",
            AppError::Conflict(_) => "Your changes were not saved",
            AppError::Invalid(_) | AppError::Fields { .. } => "This could not be done",
            AppError::Internal(_) => "Sorry, there is a problem with the service",
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    heading: &'static str,
    message: String,
    link: Option<String>,
    link_text: &'static str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignInNeeded(back) = &self {
            let to = format!("/login?next={}", urlencode(back));
            return Redirect::to(&to).into_response();
        }
        let message = match &self {
            AppError::Internal(detail) => {
                // The detail is for the log, not the page: it may name tables or files.
                eprintln!("error: {detail}");
                "Try again later. If it keeps happening, tell the performance team what you were doing.".into()
            }
            other => capitalise(&other.to_string()),
        };
        let (link, link_text) = match &self {
            AppError::Conflict(_) | AppError::Csrf => (None, ""),
            _ => (Some("/".to_string()), "Go to the dashboard"),
        };
        let page = ErrorPage {
            page: Page::bare(self.heading()),
            heading: self.heading(),
            message,
            link,
            link_text,
        };
        match page.render() {
            Ok(html) => (self.status(), Html(html)).into_response(),
            Err(_) => (self.status(), self.to_string()).into_response(),
        }
    }
}

/// An error from the JSON API: the same causes, as `{"error": …}` with the same status codes.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let message = match &self.0 {
            AppError::Internal(detail) => {
                eprintln!("error: {detail}");
                "internal error".to_string()
            }
            AppError::SignInNeeded(_) => {
                "authentication needed: send an API token (Authorization: Bearer, made on your account page), HTTP basic credentials or a session cookie".into()
            }
            other => other.to_string(),
        };
        let body = match &self.0 {
            AppError::Fields { fields, .. } => {
                let fields: Vec<serde_json::Value> = fields
                    .iter()
                    .map(|(f, m)| serde_json::json!({ "field": f, "message": m }))
                    .collect();
                serde_json::json!({ "error": message, "fields": fields })
            }
            _ => serde_json::json!({ "error": message }),
        };
        let mut r = (status, Json(body)).into_response();
        if let AppError::TooManyAttempts(secs) = self.0
            && let Ok(v) = axum::http::HeaderValue::from_str(&secs.to_string())
        {
            r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
        }
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Basic realm=\"scrutiny\""),
            );
        }
        r
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Everything but letters, digits and `-._~/` is percent-encoded.
const ENCODED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a path or a value for a web address.
pub fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, ENCODED).to_string()
}

/// A financial year asked for in an address, within the years a report can be about (so that a
/// year such as 2147483647 is refused with a message, not an overflow).
pub fn report_year(year: i32) -> Result<scrutiny_domain::period::FinancialYear, AppError> {
    if (1990..=2100).contains(&year) {
        Ok(scrutiny_domain::period::FinancialYear(year))
    } else {
        Err(AppError::NotFound(format!(
            "There is no report for the year starting in {year}: give a year from 1990 to 2100."
        )))
    }
}

/// A request's media type, lower case, without its parameters (`application/json`); empty when
/// none is given.
pub(crate) fn media_type(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default()
}

/// Whether a media type is JSON (`application/json`, or a `+json` type).
pub(crate) fn is_json(kind: &str) -> bool {
    kind == "application/json" || (kind.starts_with("application/") && kind.ends_with("+json"))
}

/// A JSON request body, refused in words an API user can act on: never the server's own type
/// names (`i64`, `ReturnUpdate`) as the framework's rejection would give them.
pub struct ApiJson<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(&media_type(req.headers())) {
            return Err(invalid(
                "send the body as JSON, with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| invalid("the body could not be read: send it again"))?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(value) => Ok(ApiJson(value)),
            Err(e) if e.inner().is_syntax() || e.inner().is_eof() => Err(invalid(
                "the body is not valid JSON: check its brackets, quotes and commas",
            )),
            Err(e) => Err(ApiError(json_field_error(&e))),
        }
    }
}

fn invalid(message: &str) -> ApiError {
    ApiError(AppError::Invalid(message.to_string()))
}

/// The field a JSON body is refused at, in the words of its own names: serde's message is used
/// only where it names the JSON (a missing field, a choice not offered), never a Rust type.
fn json_field_error(e: &serde_path_to_error::Error<serde_json::Error>) -> AppError {
    let path = e.path().to_string();
    let said = e.inner().to_string();
    let said = said.split(" at line ").next().unwrap_or_default();
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    let (field, problem) = if said.starts_with("missing field") {
        let name = quoted(said);
        let field = if path == "." {
            name
        } else {
            format!("{path}.{name}")
        };
        (field, "is missing".to_string())
    } else if said.starts_with("unknown variant") {
        let offered: Vec<&str> = said
            .split_once("expected")
            .map(|(_, rest)| rest.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        (
            path,
            format!("'{}' is not one of: {}", quoted(said), offered.join(", ")),
        )
    } else {
        (
            path,
            "is of the wrong kind (text for a number, say) or out of range".to_string(),
        )
    };
    let field = if field == "." {
        "body".to_string()
    } else {
        field
    };
    AppError::Fields {
        message: format!(
            "the JSON's fields are not the ones this call takes: {field} {problem}; see /api/openapi.json"
        ),
        fields: vec![(field, problem)],
    }
}

/// Path parameters, refused in words that name the part of the address at fault (never the
/// server's type names, as the framework's plain-text rejection would give them). Pages answer
/// with the error page; the API wraps it as [`ApiPath`] for its JSON error shape.
pub struct PathOf<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for PathOf<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        let rejection = match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => return Ok(PathOf(value)),
            Err(r) => r,
        };
        let names: Vec<String> = axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            .map(|p| p.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default();
        let said = |key: &str, value: &str| {
            let shown: String = value.chars().take(40).collect();
            let more = if value.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            let wanted = match key {
                "year" => "a year like 2012",
                "quarter" => "a quarter from 1 to 4",
                _ => "a whole number",
            };
            format!("The web address's {key} '{shown}{more}' is not {wanted}.")
        };
        let message = match &rejection {
            PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
                ErrorKind::ParseErrorAtKey { key, value, .. } => said(key, value),
                ErrorKind::ParseErrorAtIndex { index, value, .. } => {
                    said(names.get(*index).map_or("part", String::as_str), value)
                }
                // A single parameter: its name is the only one.
                ErrorKind::ParseError { value, .. } => {
                    said(names.first().map_or("part", String::as_str), value)
                }
                ErrorKind::InvalidUtf8InPathParam { key } => {
                    format!("The web address's {key} is not readable text.")
                }
                _ => "Part of the web address is not one this page takes.".to_string(),
            },
            _ => "Part of the web address is not one this page takes.".to_string(),
        };
        Err(AppError::NotFound(message))
    }
}

/// [`PathOf`] for the API: the same words in its `{"error": …}` shape.
pub struct ApiPath<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match PathOf::<T>::from_request_parts(parts, state).await {
            Ok(PathOf(value)) => Ok(ApiPath(value)),
            Err(e) => Err(ApiError(e)),
        }
    }
}

/// A query string, refused in words (a repeated or malformed parameter, a number that is not
/// one) rather than the framework's plain text with the server's type names.
pub struct QueryOf<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for QueryOf<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(QueryOf(value)),
            Err(_) => Err(AppError::Invalid(
                "The web address's query (after the ?) is not one this page takes: a parameter \
                 is given twice, or a number is not a whole number."
                    .into(),
            )),
        }
    }
}

/// [`QueryOf`] for the API, in its `{"error": …}` shape.
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match QueryOf::<T>::from_request_parts(parts, state).await {
            Ok(QueryOf(value)) => Ok(ApiQuery(value)),
            Err(e) => Err(ApiError(e)),
        }
    }
}
