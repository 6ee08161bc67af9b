//! Board reports in the browser: the list of reports, and each as HTML, PDF, Word or Excel.
//! A quarter's reports are public once the performance officer publishes it; before that only
//! officers read them.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use scrutiny_domain::performance::returns::QuarterState;
use scrutiny_domain::period::Period;

use super::Page;
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::periods;
use crate::render::Format;
use crate::roles::Action;
use crate::state::AppState;

pub struct ReportLink {
    pub title: String,
    pub period: Period,
    pub published: bool,
    /// (href, label) per format
    pub files: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    page: Page,
    heading: &'static str,
    intro: &'static str,
    reports: Vec<ReportLink>,
}

fn links(kind: &str, key: &str, p: Period) -> Vec<(String, &'static str)> {
    Format::ALL
        .iter()
        .map(|f| {
            (
                format!(
                    "/reports/{kind}/{}/{}/{}",
                    crate::error::urlencode(key),
                    periods::path(p),
                    f.ext()
                ),
                f.label(),
            )
        })
        .collect()
}

async fn report_list(state: &AppState, everything: bool) -> Result<Vec<ReportLink>, AppError> {
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let published = |board: &str, p: Period| {
        quarters
            .iter()
            .any(|q| q.board == board && q.period == p && q.state == QuarterState::Published)
    };
    let mut out = Vec::new();
    for p in periods::known_periods(&data, &quarters) {
        for b in &data.boards {
            if everything || published(&b.code, p) {
                out.push(ReportLink {
                    title: format!("Priority Based Report: {}", b.name),
                    period: p,
                    published: published(&b.code, p),
                    files: links("pbr", &b.code, p),
                });
            }
        }
        for d in &data.departments {
            if everything || published(&d.board, p) {
                out.push(ReportLink {
                    title: format!("Quarterly Monitoring Report: {}", d.name),
                    period: p,
                    published: published(&d.board, p),
                    files: links("qmr", &d.code, p),
                });
            }
        }
    }
    Ok(out)
}

pub async fn list(State(state): State<AppState>, user: User) -> Result<Html<String>, AppError> {
    let everything = user.may(Action::ReadUnpublishedReports);
    let page = ReportsPage {
        page: Page::new("Reports", Some(&user), "/reports"),
        heading: "Reports",
        intro: if everything {
            "Reports for quarters not yet published show the figures approved so far."
        } else {
            "These are the reports published for the board."
        },
        reports: report_list(&state, everything).await?,
    };
    Ok(Html(page.render()?))
}

pub async fn published(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let page = ReportsPage {
        page: Page::new("Published reports", user.as_ref(), "/published"),
        heading: "Published reports",
        intro: "Reports to the board on the performance of children's services, as published.",
        reports: report_list(&state, false).await?,
    };
    Ok(Html(page.render()?))
}

pub async fn download(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path((kind, key, year, quarter, ext)): Path<(String, String, i32, u8, String)>,
) -> Result<Response, AppError> {
    let period = periods::from_path(year, quarter)?;
    let format = Format::parse(&ext)
        .ok_or_else(|| AppError::NotFound(format!("There is no '{ext}' format.")))?;
    let data = state.data().await?;
    let board = match kind.as_str() {
        "pbr" => key.clone(),
        "qmr" => data
            .departments
            .iter()
            .find(|d| d.code == key)
            .map(|d| d.board.clone())
            .ok_or_else(|| AppError::NotFound(format!("There is no department '{key}'.")))?,
        _ => return Err(AppError::NotFound(format!("There is no '{kind}' report."))),
    };
    let published = state
        .store
        .quarter(&board, period)
        .await?
        .is_some_and(|q| q.state == QuarterState::Published);
    if !published {
        match &user {
            None => {
                return Err(AppError::SignInNeeded(format!(
                    "/reports/{kind}/{key}/{year}/{quarter}/{ext}"
                )));
            }
            Some(u) => u.require(Action::ReadUnpublishedReports)?,
        }
    }
    let produced = scrutiny_domain::period::long_date(state.clock.today());
    let doc = match kind.as_str() {
        "pbr" => {
            scrutiny_report::performance::pbr::priority_based_report(&data, &key, period, &produced)
        }
        _ => scrutiny_report::performance::qmr::quarterly_monitoring_report(
            &data, &key, period, &produced,
        ),
    }
    .map_err(|e| AppError::NotFound(crate::error::capitalise(&e.to_string())))?;
    crate::render::download(doc, format).await
}
