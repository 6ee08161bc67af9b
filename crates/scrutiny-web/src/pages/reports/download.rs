//! Each document of the catalogue as a file. Every route asks the same question before building
//! anything: is the quarter the document belongs to published for its board? If so anyone may
//! read it, dated the day it was published; if not, only those who may read unpublished reports,
//! dated today.

use crate::error::PathOf;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use scrutiny_domain::Dataset;
use scrutiny_domain::period::{Period, long_date};
use scrutiny_report::ReportError;
use scrutiny_report::document::Document;

use super::catalogue::{LATEST, action_plan_quarter, business_plan_quarter, published_on};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::periods;
use crate::render::Format;
use crate::roles::Action;
use crate::state::AppState;

fn format_of(ext: &str) -> Result<Format, AppError> {
    Format::parse(ext).ok_or_else(|| AppError::NotFound(format!("There is no '{ext}' format.")))
}

/// Whether `user` may read a document of `board`'s quarter `p` (asked for at `path`), and the
/// date the document carries. A document of no quarter is never public.
async fn readable(
    state: &AppState,
    user: Option<&User>,
    board: &str,
    p: Option<Period>,
    path: String,
) -> Result<String, AppError> {
    let today = state.clock.today();
    let quarters = state.store.quarters().await?;
    let published = p.and_then(|p| published_on(&quarters, board, p, today));
    match (published, user) {
        (Some(day), _) => return Ok(long_date(day)),
        (None, None) => return Err(AppError::SignInNeeded(path)),
        (None, Some(u)) => u.require(Action::ReadUnpublishedReports)?,
    }
    Ok(long_date(today))
}

fn not_found(e: ReportError) -> AppError {
    AppError::NotFound(crate::error::capitalise(&e.to_string()))
}

/// The board a quarter's report (`pbr`, `qmr`, `strategy`) goes to, by what it is for.
pub(crate) fn board_of<'a>(
    data: &'a Dataset,
    kind: &str,
    key: &'a str,
) -> Result<&'a str, AppError> {
    let missing = |what: &str| AppError::NotFound(format!("There is no {what} '{key}'."));
    match kind {
        "pbr" => data
            .boards
            .iter()
            .find(|b| b.code == key)
            .map(|b| b.code.as_str())
            .ok_or_else(|| missing("board")),
        "qmr" => data
            .departments
            .iter()
            .find(|d| d.code == key)
            .map(|d| d.board.as_str())
            .ok_or_else(|| missing("department")),
        "strategy" => data
            .strategies
            .iter()
            .find(|s| s.code == key)
            .map(|s| s.board.as_str())
            .ok_or_else(|| missing("strategy")),
        _ => Err(AppError::NotFound(format!("There is no '{kind}' report."))),
    }
}

/// A quarter's report: `pbr` (a board's), `qmr` (a department's) or `strategy` (a strategy's
/// progress report).
pub async fn download(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf((kind, key, year, quarter, ext)): PathOf<(String, String, i32, u8, String)>,
) -> Result<Response, AppError> {
    use scrutiny_report::performance::{pbr, qmr};
    use scrutiny_report::plans::strategy;
    let period = periods::from_path(year, quarter)?;
    let format = format_of(&ext)?;
    let data = state.data().await?;
    let board = board_of(&data, &kind, &key)?;
    let path = format!("/reports/{kind}/{key}/{year}/{quarter}/{ext}");
    let produced = readable(&state, user.as_ref(), board, Some(period), path).await?;
    let doc: Document = match kind.as_str() {
        "pbr" => pbr::priority_based_report(&data, &key, period, &produced),
        "qmr" => qmr::quarterly_monitoring_report(&data, &key, period, &produced),
        _ => strategy::strategy_progress_report(&data, &key, period, &produced),
    }
    .map_err(not_found)?;
    crate::render::download(doc, format).await
}

/// An action plan as reported on a date (`2013-01-03`), or (`latest`) as it stands.
pub async fn action_plan(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf((plan, date, ext)): PathOf<(String, String, String)>,
) -> Result<Response, AppError> {
    let format = format_of(&ext)?;
    let as_at =
        match date.as_str() {
            LATEST => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                AppError::NotFound(format!("'{date}' is not a date like 2013-01-03."))
            })?),
        };
    let data = state.data().await?;
    let board = data
        .action_plans
        .iter()
        .find(|p| p.code == plan)
        .map(|p| p.board.as_str())
        .ok_or_else(|| AppError::NotFound(format!("There is no action plan '{plan}'.")))?;
    let path = format!("/reports/action-plan/{plan}/{date}/{ext}");
    let produced = readable(
        &state,
        user.as_ref(),
        board,
        as_at.map(action_plan_quarter),
        path,
    )
    .await?;
    let doc =
        scrutiny_report::plans::action_plan::action_plan_report(&data, &plan, as_at, &produced)
            .map_err(not_found)?;
    crate::render::download(doc, format).await
}

/// A board's business plan for the three years from `year` (its first calendar year, `2013`).
pub async fn business_plan(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf((board, year, ext)): PathOf<(String, i32, String)>,
) -> Result<Response, AppError> {
    let format = format_of(&ext)?;
    // The same bounds as a quarter in a web address.
    let first = periods::from_path(year, 1)?.year;
    let data = state.data().await?;
    if !data.boards.iter().any(|b| b.code == board) {
        return Err(AppError::NotFound(format!("There is no board '{board}'.")));
    }
    let path = format!("/reports/business-plan/{board}/{year}/{ext}");
    let produced = readable(
        &state,
        user.as_ref(),
        &board,
        Some(business_plan_quarter(first)),
        path,
    )
    .await?;
    let doc = scrutiny_report::plans::business_plan::business_plan_report(
        &data, &board, first, &produced,
    )
    .map_err(not_found)?;
    crate::render::download(doc, format).await
}
