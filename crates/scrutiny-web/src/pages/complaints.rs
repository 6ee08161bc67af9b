//! Complaints casework: the worklist of open cases with their working-day deadlines, a case's
//! page (personal details shown only on request, and every showing audited), recording a new
//! case and its Stage 1 response, a subject access export, and the annual report.
//! Only the complaints role reaches casework; everyone signed in may read the published report.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::complaint_figures::Rules;
use scrutiny_domain::complaint_records::{Case, ComplaintsData, Personal, open_stage};
use scrutiny_domain::period::{FinancialYear, parse_date};
use serde::Deserialize;

use super::{FieldError, Page, tag_class};
use crate::auth::User;
use crate::clock;
use crate::error::AppError;
use crate::render::Format;
use crate::roles::Action;
use crate::state::AppState;

/// Working days left at or below which a case is "at risk".
const AT_RISK_DAYS: i64 = 2;

pub struct WorkRow {
    pub reference: String,
    pub kind: String,
    pub received: String,
    pub stage: String,
    pub due: String,
    pub days_left: i64,
    pub status: &'static str,
    pub extended: bool,
}

#[derive(Template)]
#[template(path = "complaints.html")]
struct WorklistPage {
    page: Page,
    rows: Vec<WorkRow>,
    sort: String,
    years: Vec<FinancialYear>,
}

impl WorklistPage {
    fn tag(&self, state: &str) -> &'static str {
        match state {
            "Overdue" => "govuk-tag--red",
            "At risk" => "govuk-tag--yellow",
            _ => tag_class("green"),
        }
    }
}

fn calendar() -> Result<scrutiny_domain::calendar::BankHolidays, AppError> {
    scrutiny_import::calendar::bank_holidays().map_err(AppError::Internal)
}

#[derive(Deserialize)]
pub struct Sort {
    sort: Option<String>,
}

pub async fn worklist(
    State(state): State<AppState>,
    user: User,
    Query(q): Query<Sort>,
) -> Result<Html<String>, AppError> {
    user.require(Action::WorkComplaints)?;
    let data = state.store.load_complaints().await?;
    let cal = calendar()?;
    let today = clock::now().date_naive();
    let mut rows = Vec::new();
    for c in &data.cases {
        let Some(open) = open_stage(c, &cal).map_err(|e| AppError::Internal(e.to_string()))? else {
            continue;
        };
        let days_left = cal
            .working_days_between(today, open.due)
            .unwrap_or(i64::MIN / 2);
        rows.push(WorkRow {
            reference: c.reference.clone(),
            kind: data.label("kind", &c.kind).to_string(),
            received: c.received.map(|d| d.to_string()).unwrap_or_default(),
            stage: open.stage.to_string(),
            due: open.due.to_string(),
            days_left,
            status: if days_left < 0 {
                "Overdue"
            } else if days_left <= AT_RISK_DAYS {
                "At risk"
            } else {
                "On time"
            },
            extended: open.extended,
        });
    }
    let sort = q.sort.unwrap_or_else(|| "due".into());
    match sort.as_str() {
        "received" => rows.sort_by(|a, b| a.received.cmp(&b.received)),
        "reference" => rows.sort_by(|a, b| a.reference.cmp(&b.reference)),
        _ => rows.sort_by(|a, b| a.due.cmp(&b.due)),
    }
    let mut years: Vec<FinancialYear> = data
        .cases
        .iter()
        .filter_map(|c| c.received.map(FinancialYear::containing))
        .collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    let page = WorklistPage {
        page: Page::new("Complaints", Some(&user), "/complaints"),
        rows,
        sort,
        years,
    };
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    page: Page,
    case: Case,
    labels: Vec<(&'static str, String)>,
    personal: Option<Personal>,
    elements: Vec<(String, String, String)>,
    actions: Vec<(String, String, String, String)>,
    outcomes: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

fn case_of(data: &ComplaintsData, reference: &str) -> Result<Case, AppError> {
    data.cases
        .iter()
        .find(|c| c.reference == reference)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no case '{reference}'.")))
}

async fn draw_case(
    state: &AppState,
    user: &User,
    reference: &str,
    personal: Option<Personal>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let case = case_of(&data, reference)?;
    let l = |list: &str, v: &Option<String>| {
        v.as_deref()
            .map(|c| data.label(list, c).to_string())
            .unwrap_or_else(|| "Not recorded".into())
    };
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
    let labels = vec![
        ("Kind", data.label("kind", &case.kind).to_string()),
        ("Received", date(case.received)),
        ("How it was made", l("channel", &case.channel)),
        ("Complainant", l("profile", &case.profile)),
        (
            "Advocacy",
            if case.advocacy {
                format!(
                    "Yes{}",
                    case.advocate
                        .as_deref()
                        .map(|a| format!(", {a}"))
                        .unwrap_or_default()
                )
            } else {
                "No".into()
            },
        ),
        ("Division", l("division", &case.division)),
        ("Category at receipt", l("category", &case.category_receipt)),
        ("Category at closure", l("category", &case.category_closure)),
        (
            "Stage 1 response",
            format!(
                "{}{}",
                date(case.stage1_responded),
                if case.stage1_extended {
                    " (extended as complex)"
                } else {
                    ""
                }
            ),
        ),
        ("Stage 1 outcome", l("outcome", &case.stage1_outcome)),
        ("Stage 2 requested", date(case.stage2_requested)),
        (
            "Stage 2 declined because",
            case.stage2_declined_reason
                .clone()
                .unwrap_or_else(|| "–".into()),
        ),
        ("Stage 3 requested", date(case.stage3_requested)),
        ("Ombudsman", date(case.ombudsman_referred)),
        (
            "Withdrawn",
            match (&case.withdrawn, &case.withdrawn_reason) {
                (Some(d), Some(r)) => format!("{d}: {r}"),
                _ => "–".into(),
            },
        ),
        ("Closed", date(case.closed)),
        (
            "Equality monitoring",
            [
                &case.equality.gender,
                &case.equality.ethnicity,
                &case.equality.disability,
                &case.equality.age_band,
            ]
            .iter()
            .map(|v| (*v).clone().unwrap_or_else(|| "not declared".into()))
            .collect::<Vec<_>>()
            .join("; "),
        ),
    ];
    let elements = data
        .elements
        .iter()
        .filter(|e| e.reference == reference)
        .map(|e| {
            (
                e.summary.clone(),
                l("outcome", &e.finding),
                e.recommendation.clone().unwrap_or_default(),
            )
        })
        .collect();
    let actions = data
        .learning_actions
        .iter()
        .filter(|a| a.reference == reference)
        .map(|a| {
            (
                a.action.clone(),
                a.owner.clone().unwrap_or_default(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.status.replace('_', " "),
            )
        })
        .collect();
    let outcomes = data
        .list("outcome")
        .into_iter()
        .map(|i| (i.code.clone(), i.label.clone()))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = CasePage {
        page: Page::new(format!("Case {reference}"), Some(user), "/complaints")
            .with_error(!errors.is_empty()),
        case,
        labels,
        personal,
        elements,
        actions,
        outcomes,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn case(
    State(state): State<AppState>,
    user: User,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_case(&state, &user, &reference, None, Vec::new()).await
}

/// Changes to a case: show personal details (audited), record the Stage 1 response.
pub async fn act(
    State(state): State<AppState>,
    user: User,
    Path(reference): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let now = clock::stamp(clock::now());
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    match get("action").as_str() {
        "show_personal" => {
            user.require(Action::ReadPersonalData)?;
            let personal = state
                .store
                .case_personal(&reference, &user.username, &now, "shown on the case page")
                .await?;
            draw_case(&state, &user, &reference, personal, Vec::new()).await
        }
        "respond_stage1" => {
            let mut errors = Vec::new();
            let date = parse_date(&get("responded")).map_err(|_| {
                errors.push(FieldError {
                    id: "responded".into(),
                    message: "Enter the date of the response, like 2018-03-14".into(),
                })
            });
            let outcome = get("outcome");
            if outcome.is_empty() {
                errors.push(FieldError {
                    id: "outcome".into(),
                    message: "Choose the outcome of Stage 1".into(),
                });
            }
            if let (Ok(d), true) = (date, errors.is_empty()) {
                match state
                    .store
                    .respond_stage1(&reference, d, &outcome, &user.username, &now)
                    .await
                    .map_err(AppError::from)
                {
                    Ok(()) => {
                        return Ok(Redirect::to(&format!(
                            "/complaints/cases/{}",
                            crate::error::urlencode(&reference)
                        ))
                        .into_response());
                    }
                    Err(AppError::Invalid(m)) => errors.push(FieldError {
                        id: "responded".into(),
                        message: crate::error::capitalise(&m),
                    }),
                    Err(e) => return Err(e),
                }
            }
            draw_case(&state, &user, &reference, None, errors).await
        }
        "step" => record_step(&state, &user, &reference, &form, &now).await,
        _ => Err(AppError::Invalid(
            "Choose one of the page's buttons.".into(),
        )),
    }
}

/// A later step from the case page, checked by `step_allowed` before it is stored.
async fn record_step(
    state: &AppState,
    user: &User,
    reference: &str,
    form: &HashMap<String, String>,
    now: &str,
) -> Result<Response, AppError> {
    use scrutiny_domain::complaint_records::{Step, step_allowed};
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let reason = get("reason");
    let step = match get("step").as_str() {
        "request_stage2" => Some(Step::RequestStage2),
        "decline_stage2" => Some(Step::DeclineStage2 { reason }),
        "withdraw" => Some(Step::Withdraw { reason }),
        "close" => Some(Step::Close),
        _ => None,
    };
    let mut errors = Vec::new();
    let on = parse_date(&get("on")).ok();
    if on.is_none() {
        errors.push(FieldError {
            id: "on".into(),
            message: "Enter the date, like 2018-03-14".into(),
        });
    }
    let Some(step) = step else {
        errors.push(FieldError {
            id: "step".into(),
            message: "Choose the step to record".into(),
        });
        return draw_case(state, user, reference, None, errors).await;
    };
    if let (Some(on), true) = (on, errors.is_empty()) {
        let data = state.store.load_complaints().await?;
        let case = case_of(&data, reference)?;
        match step_allowed(&case, &step, on) {
            Ok(()) => {
                state
                    .store
                    .record_step(reference, &step, on, &user.username, now)
                    .await?;
                return Ok(Redirect::to(&format!(
                    "/complaints/cases/{}",
                    crate::error::urlencode(reference)
                ))
                .into_response());
            }
            Err(why) => errors.push(FieldError {
                id: if why.contains("reason") {
                    "reason"
                } else {
                    "step"
                }
                .into(),
                message: crate::error::capitalise(&why),
            }),
        }
    }
    draw_case(state, user, reference, None, errors).await
}

/// Everything held on a case, personal data included, for a subject access request; audited.
pub async fn export(
    State(state): State<AppState>,
    user: User,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    user.require(Action::ReadPersonalData)?;
    let data = state.store.load_complaints().await?;
    let mut case = case_of(&data, &reference)?;
    let now = clock::stamp(clock::now());
    case.personal = state
        .store
        .case_personal(&reference, &user.username, &now, "subject access export")
        .await?
        .unwrap_or_default();
    let body = serde_json::json!({
        "case": case,
        "elements": data.elements.iter().filter(|e| e.reference == reference).collect::<Vec<_>>(),
        "learning_actions": data.learning_actions.iter().filter(|a| a.reference == reference).collect::<Vec<_>>(),
    });
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_string()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"case-{}.json\"",
                    reference.replace('"', "")
                ),
            ),
        ],
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))?,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct Unsuppressed {
    internal: Option<String>,
}

/// The annual report: published (small counts suppressed) for everyone signed in; with every
/// count shown, for the complaints role only.
pub async fn annual_report(
    State(state): State<AppState>,
    user: User,
    Path((year, ext)): Path<(i32, String)>,
    Query(q): Query<Unsuppressed>,
) -> Result<Response, AppError> {
    let internal = q.internal.is_some();
    user.require(if internal {
        Action::ReadUnsuppressedComplaints
    } else {
        Action::ReadComplaintsReport
    })?;
    let format = Format::parse(&ext)
        .ok_or_else(|| AppError::NotFound(format!("There is no '{ext}' format.")))?;
    let data = state.store.load_complaints().await?;
    let rules = Rules {
        suppress_below: if internal {
            0
        } else {
            Rules::default().suppress_below
        },
        ..Rules::default()
    };
    let produced = scrutiny_domain::period::long_date(clock::now().date_naive());
    let doc = scrutiny_report::complaints::annual_report(
        &data,
        FinancialYear(year),
        &rules,
        &calendar()?,
        &produced,
    );
    crate::render::download(doc, format).await
}

/// The fields of the "record a case" form, in order: (name, label, list it chooses from).
const NEW_CASE_FIELDS: [(&str, &str, Option<&str>); 14] = [
    ("reference", "Reference", None),
    ("kind", "Kind", Some("kind")),
    ("received", "Date received", None),
    ("channel", "How it was made", Some("channel")),
    ("profile", "Who made it", Some("profile")),
    ("advocate", "Advocate, if any", None),
    ("division", "Division concerned", Some("division")),
    ("team", "Team concerned", None),
    ("category_receipt", "Category", Some("category")),
    ("complainant_name", "Complainant's name", None),
    ("child_name", "Child's name", None),
    ("gender", "Gender (optional)", None),
    ("ethnicity", "Ethnicity (optional)", None),
    ("disability", "Disability (optional)", None),
];

pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub choices: Option<Vec<(String, String)>>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewCasePage {
    page: Page,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

async fn draw_new(
    state: &AppState,
    user: &User,
    entered: &HashMap<String, String>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let fields = NEW_CASE_FIELDS
        .iter()
        .map(|(name, label, list)| Field {
            name,
            label,
            value: entered.get(*name).cloned().unwrap_or_default(),
            choices: list.map(|l| {
                data.list(l)
                    .into_iter()
                    .map(|i| (i.code.clone(), i.label.clone()))
                    .collect()
            }),
            error: errors
                .iter()
                .find(|e| e.id == *name)
                .map(|e| e.message.clone()),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewCasePage {
        page: Page::new("Record a case", Some(user), "/complaints").with_error(!errors.is_empty()),
        fields,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn new_case(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_new(&state, &user, &HashMap::new(), Vec::new()).await
}

/// Records a case. The form is checked by the importer's own rules (one row of `cases`), so a
/// case typed in and a case imported meet the same checks and messages.
pub async fn record_case(
    State(state): State<AppState>,
    user: User,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let mut form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    form.remove("csrf");
    let names: Vec<&str> = NEW_CASE_FIELDS.iter().map(|(n, _, _)| *n).collect();
    let mut csv = csv_row(&names);
    csv.push_str(&csv_row(
        &names
            .iter()
            .map(|n| form.get(*n).map(|v| v.trim()).unwrap_or(""))
            .collect::<Vec<_>>(),
    ));
    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;
    std::fs::write(dir.path().join("cases.csv"), csv)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let held = state.store.load_complaints().await?;
    let mut case = match scrutiny_import::complaints::read_complaints(dir.path(), &held) {
        Ok(d) if d.cases.len() == 1 => d
            .cases
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("no case".into()))?,
        Ok(_) => return Err(AppError::Internal("the form made no case".into())),
        Err(errors) => {
            let errors = errors
                .0
                .iter()
                .map(|e| FieldError {
                    id: e
                        .location
                        .column
                        .clone()
                        .unwrap_or_else(|| "reference".into()),
                    message: crate::error::capitalise(&e.message),
                })
                .collect();
            return draw_new(&state, &user, &form, errors).await;
        }
    };
    case.advocacy = case.advocate.is_some();
    let now = clock::stamp(clock::now());
    match state
        .store
        .add_case(&case, &user.username, &now)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/complaints/cases/{}",
            crate::error::urlencode(&case.reference)
        ))
        .into_response()),
        Err(AppError::Invalid(m)) => {
            let e = FieldError {
                id: "reference".into(),
                message: crate::error::capitalise(&m),
            };
            draw_new(&state, &user, &form, vec![e]).await
        }
        Err(e) => Err(e),
    }
}

/// One CSV line. Hand-written for one row of text cells: every cell quoted, quotes doubled.
fn csv_row(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect();
    format!("{}\n", quoted.join(","))
}
