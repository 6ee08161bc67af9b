//! The worklist: open cases with the deadline each waits on, as they stand today.

use crate::error::QueryOf;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_domain::complaints::procedure::{AT_RISK_DAYS, Standing, open_case};
use scrutiny_domain::complaints::settings::settings;
use scrutiny_domain::period::FinancialYear;
use serde::Deserialize;

use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Page, tag_class};
use crate::roles::Action;
use crate::state::AppState;

pub struct WorkRow {
    pub reference: String,
    pub received: String,
    pub stage: String,
    /// The due date, or a dash when it falls beyond the bank holiday table.
    pub due: String,
    /// Working days left, or a dash when they cannot be counted.
    pub days_left: String,
    pub status: &'static str,
    pub extended: bool,
}

#[derive(Template)]
#[template(path = "complaints/worklist.html")]
struct WorklistPage {
    page: Page,
    rows: Vec<WorkRow>,
    sort: String,
    years: Vec<FinancialYear>,
    /// Routes the council also reports on separately: code and name ("Corporate complaints").
    routes: Vec<(String, String)>,
    at_risk_days: i64,
    /// Why some deadlines cannot be counted: the bank holidays need updating.
    beyond_calendar: Option<String>,
}

impl WorklistPage {
    fn tag(&self, state: &str) -> &'static str {
        match state {
            "Overdue" => "govuk-tag--red",
            "At risk" => "govuk-tag--yellow",
            "On time" => tag_class("green"),
            _ => tag_class(""),
        }
    }
}

#[derive(Deserialize)]
pub struct Sort {
    sort: Option<String>,
}

pub async fn worklist(
    State(state): State<AppState>,
    user: User,
    QueryOf(q): QueryOf<Sort>,
) -> Result<Html<String>, AppError> {
    user.require(Action::WorkComplaints)?;
    let data = state.store.load_complaints().await?;
    let local = settings(&data.settings).local_stage;
    let today = state.clock.today();
    let mut rows = Vec::new();
    let mut beyond_calendar = None;
    for c in &data.cases {
        let Some(open) = open_case(c, local.as_ref(), &state.calendar, today) else {
            continue;
        };
        if let Standing::BeyondCalendar(e) = &open.standing {
            beyond_calendar = Some(crate::error::capitalise(&e.to_string()));
        }
        rows.push(WorkRow {
            reference: c.reference.clone(),
            received: c.received.map(|d| d.to_string()).unwrap_or_default(),
            stage: open.stage,
            due: open.due.map_or_else(|| "–".into(), |d| d.to_string()),
            days_left: open
                .standing
                .days_left()
                .map_or_else(|| "–".into(), |n| n.to_string()),
            status: open.standing.words(),
            extended: open.extended,
        });
    }
    let sort = q.sort.unwrap_or_else(|| "due".into());
    match sort.as_str() {
        "received" => rows.sort_by(|a, b| a.received.cmp(&b.received)),
        "reference" => rows.sort_by(|a, b| a.reference.cmp(&b.reference)),
        _ => rows.sort_by(|a, b| a.due.cmp(&b.due)),
    }
    let years = crate::pages::reports::catalogue::complaint_years(&data);
    let page = WorklistPage {
        page: Page::new("Complaints", Some(&user), "/complaints"),
        rows,
        sort,
        years,
        routes: scrutiny_report::complaints::annual_report::separate_routes(&data),
        at_risk_days: AT_RISK_DAYS,
        beyond_calendar,
    };
    Ok(Html(page.render()?))
}
