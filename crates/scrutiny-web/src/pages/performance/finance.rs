//! Revenue budget statements as computed from the uploaded budget lines: what a finance officer
//! checks after an upload, before the statement goes into the board's reports.

use crate::error::QueryOf;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_report::document::{Block, FinanceRow};
use scrutiny_report::performance::view::finance_statement;

use super::dashboard::Filters;
use crate::auth::User;
use crate::error::AppError;
use crate::pages::Page;
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

pub struct Statement {
    pub caption: String,
    pub as_at: String,
    pub rows: Vec<FinanceRow>,
}

#[derive(Template)]
#[template(path = "performance/finance.html")]
struct FinancePage {
    page: Page,
    period: String,
    statements: Vec<Statement>,
}

pub async fn show(
    State(state): State<AppState>,
    user: User,
    QueryOf(f): QueryOf<Filters>,
) -> Result<Html<String>, AppError> {
    if !user.may(Action::EditBudget(user.department.as_deref())) {
        return Err(AppError::Forbidden);
    }
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let period = periods::chosen(f.period.as_deref(), &data, &quarters)?;
    let mut statements = Vec::new();
    if let Some(p) = period {
        for d in &data.departments {
            if !user.may(Action::EditBudget(Some(&d.code))) {
                continue;
            }
            if let Some(Block::Finance {
                caption,
                as_at,
                rows,
                ..
            }) = finance_statement(&data, p, &d.code)
            {
                statements.push(Statement {
                    caption,
                    as_at,
                    rows,
                });
            }
        }
    }
    let page = FinancePage {
        page: Page::new("Budgets", Some(&user), "/finance"),
        period: period.map(|p| p.to_string()).unwrap_or_default(),
        statements,
    };
    Ok(Html(page.render()?))
}
