//! Refused attempts at personal data are written to the audit trail: a 403 from any page or API
//! call that holds complainants' or children's details, with who asked and what they asked for
//! (the method and path; never a form's contents).

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::{COOKIE_NAME, cookie_in, credentials, token_hash};
use crate::state::AppState;

/// Whether a request is for personal data: complaints casework (not the published report),
/// the report with every count shown, and the API's cases.
fn personal(path: &str, query: Option<&str>) -> bool {
    let report = path.starts_with("/complaints/report/");
    (path.starts_with("/complaints") && !report)
        || (report && query.is_some_and(|q| q.contains("internal")))
        || path.starts_with("/api/v1/complaints/cases")
}

pub async fn audit_refusals(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let asked = personal(req.uri().path(), req.uri().query()).then(|| {
        (
            format!("{} {}", req.method(), req.uri().path()),
            req.headers().clone(),
        )
    });
    let response = next.run(req).await;
    if response.status() == StatusCode::FORBIDDEN
        && let Some((what, headers)) = asked
    {
        let now = state.clock.stamp();
        let bearer = credentials(&headers, "Bearer");
        let who = match (cookie_in(&headers, COOKIE_NAME), bearer) {
            (Some(token), _) => state
                .store
                .session(&token_hash(token), &now)
                .await
                .ok()
                .flatten()
                .map(|s| s.user.username),
            (None, Some(token)) => state
                .store
                .api_token_user(&token_hash(token))
                .await
                .ok()
                .flatten()
                .map(|u| format!("{} (API token)", u.username)),
            (None, None) => None,
        };
        let who = who.unwrap_or_else(|| "someone signed in by API credentials".into());
        if let Err(e) = state.store.audit_refusal(&who, &what, &now).await {
            eprintln!("error: a refused attempt at personal data was not audited: {e}");
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::personal;

    #[test]
    fn casework_and_the_unsuppressed_report_are_personal_the_published_report_is_not() {
        assert!(personal("/complaints", None));
        assert!(personal("/complaints/cases/C1/export", None));
        assert!(personal("/api/v1/complaints/cases", None));
        assert!(personal("/complaints/report/2017/html", Some("internal=1")));
        assert!(!personal("/complaints/report/2017/html", None));
        assert!(!personal("/returns", None));
    }
}
