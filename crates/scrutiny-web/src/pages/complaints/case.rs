//! A case's page: what is recorded (names only on request, audited), the steps open now, the
//! issue and learning forms; the changes posted from it; and the subject access export.

use std::collections::HashMap;

use crate::error::PathOf;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use scrutiny_domain::complaints::procedure::{stage_of, steps_open};
use scrutiny_domain::complaints::records::{Complaint, ComplaintsData, Personal};
use scrutiny_domain::complaints::settings::settings;

use super::record::{StepRefused, record_event, record_fields, record_issue, record_learning};
use super::{back_to, case_of};
use crate::auth::User;
use crate::error::AppError;
use crate::pages::complaints::steps::{self, StepForm};
use crate::pages::{Field, FieldError, Page, form_status};
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "complaints/case.html")]
struct CasePage {
    page: Page,
    case: Complaint,
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

fn case_labels(data: &ComplaintsData, case: &Complaint) -> Vec<(&'static str, String)> {
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
    let steps = steps::forms(&open, &data, entered, &errors);
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
    PathOf(reference): PathOf<String>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_case(&state, &user, &reference, None, &HashMap::new(), Vec::new()).await
}

/// Changes to a case: show personal details (audited), record a step of the procedure, add or
/// change an issue, add a learning action.
pub async fn act(
    State(state): State<AppState>,
    user: User,
    PathOf(reference): PathOf<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let now = state.clock.stamp();
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
        "step" => match steps::read(&form) {
            Err(errors) => errors,
            Ok((event, on)) => {
                match record_event(&state, &user, &reference, event.clone(), on, &now).await {
                    Ok(_) => return Ok(back_to(&reference)),
                    Err(StepRefused::Procedure(e)) => vec![steps::refusal(&event, &e)],
                    Err(StepRefused::App(AppError::Conflict(m) | AppError::Invalid(m))) => {
                        vec![FieldError {
                            id: format!("{}-on", steps::code(&event)),
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

/// Everything held on a case, personal data included, for a subject access request; audited.
pub async fn export(
    State(state): State<AppState>,
    user: User,
    PathOf(reference): PathOf<String>,
) -> Result<Response, AppError> {
    user.require(Action::ReadPersonalData)?;
    let data = state.store.load_complaints().await?;
    let mut case = case_of(&data, &reference)?;
    let now = state.clock.stamp();
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
