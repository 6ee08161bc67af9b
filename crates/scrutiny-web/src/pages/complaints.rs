//! Complaints casework: the worklist of open cases with their working-day deadlines, a case's
//! page (personal details shown only on request, and every showing audited), recording a new
//! case and its Stage 1 response, a subject access export, and the annual report.
//! Only the complaints role reaches casework; everyone signed in may read the published report.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::complaint_figures::Rules;
use scrutiny_domain::complaint_records::{Case, ComplaintsData, Element, LearningAction, Personal};
use scrutiny_domain::complaint_settings::settings;
use scrutiny_domain::complaints::{
    Event, ProcedureError, Transition, deadline, record, stage_of, steps_open,
};
use scrutiny_domain::period::{FinancialYear, parse_date};
use serde::Deserialize;

use super::case_steps::{self, StepForm};
use super::{Field, FieldError, Page, entered, form_status, tag_class};
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
    let local = settings(&data.settings).local_stage;
    let cal = calendar()?;
    let today = clock::now().date_naive();
    let mut rows = Vec::new();
    for c in &data.cases {
        let Some(open) =
            deadline(c, local.as_ref(), &cal).map_err(|e| AppError::Internal(e.to_string()))?
        else {
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
    stage: &'static str,
    labels: Vec<(&'static str, String)>,
    personal: Option<Personal>,
    elements: Vec<(i64, String, String, String, String)>,
    actions: Vec<(String, String, String, String)>,
    steps: Vec<StepForm>,
    issue_fields: Vec<Field>,
    action_fields: Vec<Field>,
    errors: Vec<FieldError>,
    /// The form to show open: the one just refused.
    tried: String,
    history: Vec<scrutiny_store::AuditEntry>,
}

fn case_of(data: &ComplaintsData, reference: &str) -> Result<Case, AppError> {
    data.cases
        .iter()
        .find(|c| c.reference == reference)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no case '{reference}'.")))
}

fn case_labels(data: &ComplaintsData, case: &Case) -> Vec<(&'static str, String)> {
    let l = |list: &str, v: &Option<String>| {
        v.as_deref()
            .map(|c| data.label(list, c).to_string())
            .unwrap_or_else(|| "Not recorded".into())
    };
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
    let with = |d: Option<chrono::NaiveDate>, note: &Option<String>| match (d, note) {
        (Some(d), Some(n)) => format!("{d}: {n}"),
        (Some(d), None) => d.to_string(),
        _ => "–".into(),
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".into());
    let mut labels = vec![
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
    ];
    if case.local_resolved.is_some() {
        labels.push(("Resolved at the local stage", date(case.local_resolved)));
    }
    if case.stage1_started.is_some() {
        labels.push(("Stage 1 started", date(case.stage1_started)));
    }
    labels.extend([
        (
            "Stage 1 extended",
            if case.stage1_extended {
                format!("Yes: {}", text(&case.stage1_extension_reason))
            } else {
                "No".into()
            },
        ),
        ("Stage 1 response", date(case.stage1_responded)),
        ("Stage 1 outcome", l("outcome", &case.stage1_outcome)),
        ("Stage 2 requested", date(case.stage2_requested)),
        (
            "Stage 2 declined because",
            text(&case.stage2_declined_reason),
        ),
        ("Stage 2 investigation started", date(case.stage2_started)),
        ("Investigating officer", text(&case.investigator)),
        ("Independent person", text(&case.independent_person)),
        (
            "Stage 2 extended",
            if case.stage2_extended {
                format!("Yes: {}", text(&case.stage2_extension_reason))
            } else {
                "No".into()
            },
        ),
        (
            "Stage 2 adjudicated",
            with(case.stage2_adjudicated, &case.adjudicator),
        ),
        ("Stage 3 requested", date(case.stage3_requested)),
        (
            "Review panel held",
            with(case.stage3_panel_held, &case.stage3_panel),
        ),
        ("Ombudsman involved", date(case.ombudsman_referred)),
        (
            "Ombudsman's decision",
            match (case.ombudsman_decided, &case.ombudsman_outcome) {
                (Some(d), Some(o)) => format!("{d}: {}", data.label("outcome", o)),
                _ => "–".into(),
            },
        ),
        ("Withdrawn", with(case.withdrawn, &case.withdrawn_reason)),
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
    ]);
    labels
}

fn choices(data: &ComplaintsData, list: &str) -> Option<Vec<(String, String)>> {
    Some(
        data.list(list)
            .into_iter()
            .map(|i| (i.code.clone(), i.label.clone()))
            .collect(),
    )
}

/// The "add or change an issue" and "add a learning action" forms.
fn record_fields(
    data: &ComplaintsData,
    entered: &HashMap<String, String>,
    errors: &[FieldError],
) -> (Vec<Field>, Vec<Field>) {
    let mut number = Field::text("issue-element", "element", "Issue number");
    number.hint =
        Some("Leave blank to add a new issue; give an issue's number to change it".into());
    let mut summary = Field::text(
        "issue-summary",
        "summary",
        "What this issue of the complaint is",
    );
    summary.long = true;
    let mut category = Field::text("issue-category", "category", "Category");
    category.choices = choices(data, "category");
    let mut finding = Field::text("issue-finding", "finding", "Finding or outcome");
    finding.choices = choices(data, "outcome");
    finding.blank = "Not yet decided";
    let mut recommendation = Field::text(
        "issue-recommendation",
        "recommendation",
        "Recommendation (optional)",
    );
    recommendation.long = true;
    let mut action = Field::text("learning-action", "learning", "What will be done");
    action.hint = Some("Give an existing action's words to change its status".into());
    let mut due = Field::text("learning-due", "due", "Due by (optional)");
    due.hint = Some("For example, 2018-09-30".into());
    let mut status = Field::text("learning-status", "status", "Status");
    status.choices = Some(
        [
            ("not_started", "Not started"),
            ("in_progress", "In progress"),
            ("completed", "Completed"),
        ]
        .iter()
        .map(|(c, l)| ((*c).to_string(), (*l).to_string()))
        .collect(),
    );
    status.blank = "Choose";
    let own = |form: &str| -> HashMap<String, String> {
        if entered.get("action").map(String::as_str) == Some(form) {
            entered.clone()
        } else {
            HashMap::new()
        }
    };
    let (issue, learning) = (own("issue"), own("learning"));
    (
        [number, summary, category, finding, recommendation]
            .into_iter()
            .map(|f| f.filled(&issue, errors))
            .collect(),
        [
            action,
            Field::text("learning-owner", "owner", "Owner (optional)"),
            due,
            status,
        ]
        .into_iter()
        .map(|f| f.filled(&learning, errors))
        .collect(),
    )
}

async fn draw_case(
    state: &AppState,
    user: &User,
    reference: &str,
    personal: Option<Personal>,
    entered: &HashMap<String, String>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let case = case_of(&data, reference)?;
    let local = settings(&data.settings).local_stage;
    let stage = stage_of(&case, local.as_ref()).words();
    let l = |list: &str, v: &Option<String>| {
        v.as_deref()
            .map(|c| data.label(list, c).to_string())
            .unwrap_or_default()
    };
    let elements = data
        .elements
        .iter()
        .filter(|e| e.reference == reference)
        .map(|e| {
            (
                e.element,
                e.summary.clone(),
                l("category", &e.category),
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
    let open = steps_open(&case, &data.elements, local.as_ref());
    let steps = case_steps::forms(&open, &data, entered, &errors);
    let (issue_fields, action_fields) = record_fields(&data, entered, &errors);
    let status = form_status(!errors.is_empty());
    let page = CasePage {
        page: Page::new(format!("Case {reference}"), Some(user), "/complaints")
            .with_error(!errors.is_empty()),
        labels: case_labels(&data, &case),
        case,
        stage,
        personal,
        elements,
        actions,
        steps,
        issue_fields,
        action_fields,
        errors,
        tried: entered.get("action").cloned().unwrap_or_default(),
        history: state.store.audit_of_case(reference, 100).await?,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn case(
    State(state): State<AppState>,
    user: User,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_case(&state, &user, &reference, None, &HashMap::new(), Vec::new()).await
}

fn back_to(reference: &str) -> Response {
    Redirect::to(&format!(
        "/complaints/cases/{}",
        crate::error::urlencode(reference)
    ))
    .into_response()
}

/// Changes to a case: show personal details (audited), record a step of the procedure, add or
/// change an issue, add a learning action.
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
    let errors = match form.get("action").map(String::as_str).unwrap_or_default() {
        "show_personal" => {
            user.require(Action::ReadPersonalData)?;
            let personal = state
                .store
                .case_personal(&reference, &user.username, &now, "shown on the case page")
                .await?;
            return draw_case(
                &state,
                &user,
                &reference,
                personal,
                &HashMap::new(),
                Vec::new(),
            )
            .await;
        }
        "step" => match case_steps::read(&form) {
            Err(errors) => errors,
            Ok((event, on)) => {
                match record_event(&state, &user, &reference, event.clone(), on, &now).await {
                    Ok(_) => return Ok(back_to(&reference)),
                    Err(StepRefused::Procedure(e)) => vec![case_steps::refusal(&event, &e)],
                    Err(StepRefused::App(AppError::Conflict(m) | AppError::Invalid(m))) => {
                        vec![FieldError {
                            id: format!("{}-on", case_steps::code(&event)),
                            message: crate::error::capitalise(&m),
                        }]
                    }
                    Err(StepRefused::App(e)) => return Err(e),
                }
            }
        },
        "issue" => match record_issue(&state, &user, &reference, &form, &now).await? {
            None => return Ok(back_to(&reference)),
            Some(errors) => errors,
        },
        "learning" => match record_learning(&state, &user, &reference, &form, &now).await? {
            None => return Ok(back_to(&reference)),
            Some(errors) => errors,
        },
        _ => {
            return Err(AppError::Invalid(
                "Choose one of the page's buttons.".into(),
            ));
        }
    };
    draw_case(&state, &user, &reference, None, &form, errors).await
}

/// Why a step was not recorded.
pub enum StepRefused {
    /// The procedure does not allow it, or a required record is missing.
    Procedure(ProcedureError),
    App(AppError),
}

impl From<AppError> for StepRefused {
    fn from(e: AppError) -> Self {
        StepRefused::App(e)
    }
}

/// The one path by which the page and the API record a step: the domain decides, the store keeps
/// the changed case and audits the step (who, when, why).
pub async fn record_event(
    state: &AppState,
    user: &User,
    reference: &str,
    event: Event,
    on: chrono::NaiveDate,
    now: &str,
) -> Result<Transition, StepRefused> {
    let data = state
        .store
        .load_complaints()
        .await
        .map_err(AppError::from)?;
    let case = case_of(&data, reference)?;
    let local = settings(&data.settings).local_stage;
    let (next, t) =
        record(&case, &data.elements, event, on, local.as_ref()).map_err(StepRefused::Procedure)?;
    let why = format!(
        "{} -> {} on {on}: {}",
        t.from.words(),
        t.to.words(),
        serde_json::to_string(&t.event).unwrap_or_default()
    );
    state
        .store
        .update_case(&case, &next, t.event.name(), &why, &user.username, now)
        .await
        .map_err(AppError::from)?;
    Ok(t)
}

fn field_error(id: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        id: id.into(),
        message: message.into(),
    }
}

/// Adds an issue (or changes one by its number): `None` when recorded, or what to correct.
async fn record_issue(
    state: &AppState,
    user: &User,
    reference: &str,
    form: &HashMap<String, String>,
    now: &str,
) -> Result<Option<Vec<FieldError>>, AppError> {
    let get = |k: &str| entered(form, k);
    let data = state.store.load_complaints().await?;
    case_of(&data, reference)?;
    let mine: Vec<&Element> = data
        .elements
        .iter()
        .filter(|e| e.reference == reference)
        .collect();
    let mut errors = Vec::new();
    let element = match get("element").as_str() {
        "" => mine.iter().map(|e| e.element).max().unwrap_or(0) + 1,
        n => match n.parse::<i64>() {
            Ok(n) if n > 0 => n,
            _ => {
                errors.push(field_error(
                    "issue-element",
                    "Enter the issue's number, like 2, or leave it blank",
                ));
                0
            }
        },
    };
    let summary = get("summary");
    if summary.is_empty() {
        errors.push(field_error(
            "issue-summary",
            "Enter what this issue of the complaint is",
        ));
    }
    let in_list = |list: &str, v: String| {
        Some(v).filter(|v| !v.is_empty() && data.list(list).iter().any(|i| i.code == *v))
    };
    let category = in_list("category", get("category"));
    let finding = in_list("outcome", get("finding"));
    if !errors.is_empty() {
        return Ok(Some(errors));
    }
    let recommendation = Some(get("recommendation")).filter(|r| !r.is_empty());
    let e = Element {
        reference: reference.to_string(),
        element,
        summary,
        finding,
        recommendation,
        category,
    };
    let entry = ComplaintsData {
        elements: vec![e],
        ..Default::default()
    };
    state
        .store
        .record_complaints(
            &entry,
            &user.username,
            now,
            &format!("issue {element} of case {reference}"),
        )
        .await?;
    Ok(None)
}

/// Adds a learning action (or changes the status of one with the same words).
async fn record_learning(
    state: &AppState,
    user: &User,
    reference: &str,
    form: &HashMap<String, String>,
    now: &str,
) -> Result<Option<Vec<FieldError>>, AppError> {
    let get = |k: &str| entered(form, k);
    let data = state.store.load_complaints().await?;
    case_of(&data, reference)?;
    let mut errors = Vec::new();
    let action = get("learning");
    if action.is_empty() {
        errors.push(field_error("learning-action", "Enter what will be done"));
    }
    let due = match get("due").as_str() {
        "" => None,
        d => match parse_date(d) {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(field_error(
                    "learning-due",
                    "Enter the due date like 2018-09-30, or leave it blank",
                ));
                None
            }
        },
    };
    let status = get("status");
    if !["not_started", "in_progress", "completed"].contains(&status.as_str()) {
        errors.push(field_error("learning-status", "Choose the action's status"));
    }
    if !errors.is_empty() {
        return Ok(Some(errors));
    }
    let entry = ComplaintsData {
        learning_actions: vec![LearningAction {
            reference: reference.to_string(),
            action,
            owner: Some(get("owner")).filter(|o| !o.is_empty()),
            due,
            status,
        }],
        ..Default::default()
    };
    state
        .store
        .record_complaints(
            &entry,
            &user.username,
            now,
            &format!("learning action on case {reference}"),
        )
        .await?;
    Ok(None)
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
    let published = settings(&data.settings).rules;
    let rules = Rules {
        suppress_below: if internal {
            0
        } else {
            published.suppress_below
        },
        ..published
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
const NEW_CASE_FIELDS: [(&str, &str, Option<&str>); 15] = [
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
    ("age_band", "Age band (optional)", None),
];

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
        .map(|(name, label, list)| {
            let mut f = Field::text(*name, *name, *label);
            if *name == "received" {
                f.hint = Some("For example, 2018-03-14".into());
            }
            f.choices = list.and_then(|l| choices(&data, l));
            f.filled(entered, &errors)
        })
        .collect();
    let status = form_status(!errors.is_empty());
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
    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;
    let write = || -> Result<(), csv::Error> {
        let mut w = csv::Writer::from_path(dir.path().join("cases.csv"))?;
        w.write_record(&names)?;
        w.write_record(names.iter().map(|n| form.get(*n).map_or("", |v| v.trim())))?;
        w.flush()?;
        Ok(())
    };
    write().map_err(|e| AppError::Internal(e.to_string()))?;
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

#[derive(Template)]
#[template(path = "compliments.html")]
struct ComplimentsPage {
    page: Page,
    /// (reference, received, division, source, words) of the latest compliments.
    rows: Vec<(String, String, String, String, String)>,
    total: usize,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

/// The latest compliments shown on their page.
const COMPLIMENTS_SHOWN: usize = 50;

async fn draw_compliments(
    state: &AppState,
    user: &User,
    entered: &HashMap<String, String>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let label = |list: &str, v: &Option<String>| {
        v.as_deref()
            .map(|c| data.label(list, c).to_string())
            .unwrap_or_default()
    };
    let rows = data
        .compliments
        .iter()
        .rev()
        .take(COMPLIMENTS_SHOWN)
        .map(|c| {
            (
                c.reference.clone(),
                c.received.to_string(),
                label("division", &c.division),
                label("compliment_source", &c.source),
                c.text.clone(),
            )
        })
        .collect();
    let spec: [(&str, &str, Option<&str>); 7] = [
        (
            "reference",
            "Reference (leave blank to number it for you)",
            None,
        ),
        ("received", "Date received", None),
        ("channel", "How it was given", Some("compliment_channel")),
        ("source", "Who gave it", Some("compliment_source")),
        ("division", "Division", Some("division")),
        ("team", "Team (optional)", None),
        ("text", "The words of the compliment", None),
    ];
    let fields = spec
        .iter()
        .map(|(name, label, list)| {
            let mut f = Field::text(*name, *name, *label);
            f.choices = list.and_then(|l| choices(&data, l));
            if *name == "received" {
                f.hint = Some("For example, 2018-03-14".into());
            }
            if *name == "text" {
                f.long = true;
                f.hint = Some(
                    "Names are reduced to initials in anything published; check the words before the report goes out"
                        .into(),
                );
            }
            f.filled(entered, &errors)
        })
        .collect();
    let status = form_status(!errors.is_empty());
    let page = ComplimentsPage {
        page: Page::new("Compliments", Some(user), "/complaints").with_error(!errors.is_empty()),
        rows,
        total: data.compliments.len(),
        fields,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn compliments(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_compliments(&state, &user, &HashMap::new(), Vec::new()).await
}

/// Records a compliment: the date and the words are needed; the rest is optional.
pub async fn record_compliment(
    State(state): State<AppState>,
    user: User,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let get = |k: &str| entered(&form, k);
    let data = state.store.load_complaints().await?;
    let mut errors = Vec::new();
    let received = parse_date(&get("received")).map_err(|_| {
        errors.push(field_error(
            "received",
            "Enter the date it was received, like 2018-03-14",
        ));
    });
    let text = get("text");
    if text.is_empty() {
        errors.push(field_error("text", "Enter the words of the compliment"));
    }
    let mut reference = get("reference");
    if data.compliments.iter().any(|c| c.reference == reference) {
        errors.push(field_error(
            "reference",
            format!("There is already a compliment '{reference}'; choose another reference or leave it blank"),
        ));
    }
    let (Ok(received), true) = (received, errors.is_empty()) else {
        return draw_compliments(&state, &user, &form, errors).await;
    };
    if reference.is_empty() {
        let year = scrutiny_domain::period::FinancialYear::containing(received);
        let taken = |r: &str| data.compliments.iter().any(|c| c.reference == r);
        let mut n = data.compliments.len() + 1;
        reference = format!("K-{}-{n:04}", year.0);
        while taken(&reference) {
            n += 1;
            reference = format!("K-{}-{n:04}", year.0);
        }
    }
    let in_list = |list: &str, v: String| {
        Some(v).filter(|v| !v.is_empty() && data.list(list).iter().any(|i| i.code == *v))
    };
    let entry = ComplaintsData {
        compliments: vec![scrutiny_domain::complaint_records::Compliment {
            reference: reference.clone(),
            received,
            channel: in_list("compliment_channel", get("channel")),
            source: in_list("compliment_source", get("source")),
            division: in_list("division", get("division")),
            team: Some(get("team")).filter(|t| !t.is_empty()),
            text,
        }],
        ..Default::default()
    };
    let now = clock::stamp(clock::now());
    state
        .store
        .record_complaints(
            &entry,
            &user.username,
            &now,
            &format!("compliment {reference}"),
        )
        .await?;
    Ok(Redirect::to("/complaints/compliments").into_response())
}
