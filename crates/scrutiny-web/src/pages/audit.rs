//! The audit trail: every change, newest first.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_store::AuditEntry;

use super::Page;
use crate::auth::User;
use crate::error::AppError;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    entries: Vec<AuditEntry>,
}

pub async fn show(State(state): State<AppState>, user: User) -> Result<Html<String>, AppError> {
    user.require(Action::ReadAudit)?;
    let page = AuditPage {
        page: Page::new("Audit trail", Some(&user), "/audit"),
        entries: if user.may(Action::ReadPersonalData) {
            state.store.audit_log(200).await?
        } else {
            state.store.audit_log_without_complaints(200).await?
        },
    };
    Ok(Html(page.render()?))
}
