//! Opening a quarter for returns with a deadline, locking it, and publishing the board's report.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::performance::returns::QuarterState;
use scrutiny_domain::period::Period;
use scrutiny_store::QuarterRow;

use crate::auth::User;
use crate::error::AppError;
use crate::pages::{FieldError, Page, tag_class};
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "performance/quarters.html")]
struct QuartersPage {
    page: Page,
    boards: Vec<(String, String)>,
    quarters: Vec<QuarterRow>,
    errors: Vec<FieldError>,
    entered: HashMap<String, String>,
    /// A publication held back for the officer to confirm, and what the checks found.
    held: Option<Held>,
}

/// A quarter the officer asked to publish whose report the publish-time checks questioned.
struct Held {
    board: String,
    period: Period,
    findings: Vec<String>,
}

impl QuartersPage {
    fn tag(&self, state: &str) -> &'static str {
        tag_class(state)
    }
    /// The board's name, never its code, on screen.
    fn board_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.boards
            .iter()
            .find(|(c, _)| c == code)
            .map_or(code, |(_, name)| name.as_str())
    }
    fn field(&self, name: &str) -> String {
        self.entered.get(name).cloned().unwrap_or_default()
    }
}

async fn draw(
    state: &AppState,
    user: &User,
    errors: Vec<FieldError>,
    entered: HashMap<String, String>,
) -> Result<Response, AppError> {
    draw_held(state, user, errors, entered, None).await
}

async fn draw_held(
    state: &AppState,
    user: &User,
    errors: Vec<FieldError>,
    entered: HashMap<String, String>,
    held: Option<Held>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let status = crate::pages::form_status(!errors.is_empty());
    let page = QuartersPage {
        page: Page::new("Quarters", Some(user), "/quarters").with_error(!errors.is_empty()),
        boards: data
            .boards
            .iter()
            .map(|b| (b.code.clone(), b.name.clone()))
            .collect(),
        quarters: state.store.quarters().await?,
        errors,
        entered,
        held,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// What the publish-time checks find in the board's report for the quarter (a quarter with no
/// figures, a sentence printed again and again), in words for the officer.
async fn publish_checks(state: &AppState, board: &str, p: Period) -> Result<Vec<String>, AppError> {
    let data = state.data().await?;
    let findings =
        match scrutiny_report::performance::pbr::priority_based_report(&data, board, p, "") {
            Ok(doc) => {
                let mut found = scrutiny_report::checks::checks(&doc);
                // The checks question a table of blank figures; a report with no table of
                // indicators at all has no figures either.
                let (_, figures) = scrutiny_report::checks::figures(&doc);
                if figures == 0 && found.is_empty() {
                    found.push(format!(
                        "no indicator has a figure for {p}. Is the quarter's data in?"
                    ));
                }
                found
            }
            Err(e) => vec![format!("The board's report cannot be built: {e}.")],
        };
    Ok(findings
        .into_iter()
        .map(|f| {
            f.trim_start_matches(scrutiny_report::checks::CHECK)
                .trim()
                .to_string()
        })
        .map(|f| crate::error::capitalise(&f))
        .collect())
}

pub async fn show(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::ManageQuarters)?;
    draw(&state, &user, Vec::new(), HashMap::new()).await
}

pub async fn act(
    State(state): State<AppState>,
    user: User,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::ManageQuarters)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let get = |k: &str| {
        form.get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let now = state.clock.stamp();
    let board = get("board");
    let result = match get("action").as_str() {
        "open" => {
            let mut errors = Vec::new();
            let period = periods::parse(&get("period")).map_err(|e| {
                errors.push(FieldError {
                    id: "period".into(),
                    message: format!("Enter the quarter like 2012/13 Q2 ({e})"),
                })
            });
            let deadline = get("deadline");
            let deadline = if deadline.is_empty() {
                Ok(None)
            } else {
                periods::date(&deadline)
                    .map(|d| Some(d.to_string()))
                    .map_err(|e| {
                        errors.push(FieldError {
                            id: "deadline".into(),
                            message: format!("Enter the deadline as a date, like 2012-07-20 ({e})"),
                        })
                    })
            };
            match (period, deadline) {
                (Ok(p), Ok(d)) if errors.is_empty() => state
                    .store
                    .open_quarter(&board, p, d.as_deref(), &user.username, &now)
                    .await
                    .map_err(AppError::from),
                _ => return draw(&state, &user, errors, form).await,
            }
        }
        action @ ("lock" | "reopen" | "publish" | "unpublish") => {
            let to = match action {
                "lock" | "unpublish" => QuarterState::Locked,
                "reopen" => QuarterState::Open,
                _ => QuarterState::Published,
            };
            let year = get("year").parse().unwrap_or(0);
            let quarter = get("quarter").parse().unwrap_or(0);
            let p = periods::from_path(year, quarter)?;
            // A report the checks question is published only once the officer has seen why.
            if to == QuarterState::Published && get("confirm") != "yes" {
                let findings = publish_checks(&state, &board, p).await?;
                if !findings.is_empty() {
                    let held = Held {
                        board,
                        period: p,
                        findings,
                    };
                    return draw_held(&state, &user, Vec::new(), form, Some(held)).await;
                }
            }
            state
                .store
                .set_quarter_state(&board, p, to, &user.username, &now)
                .await
                .map_err(AppError::from)
        }
        _ => Err(AppError::Invalid(
            "Choose one of the page's buttons.".into(),
        )),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/quarters").into_response()),
        Err(AppError::Invalid(m)) => {
            let e = FieldError {
                id: "board".into(),
                message: crate::error::capitalise(&m),
            };
            draw(&state, &user, vec![e], form).await
        }
        Err(e) => Err(e),
    }
}
