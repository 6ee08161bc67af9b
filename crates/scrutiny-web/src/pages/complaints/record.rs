//! Recording on a case: a step of the procedure (the one path for the page and the API), an
//! issue, a learning action, and the forms for the last two.

use std::collections::HashMap;

use scrutiny_domain::complaints::procedure::{Event, ProcedureError, Transition, record};
use scrutiny_domain::complaints::records::{ComplaintsData, Element, LearningAction};
use scrutiny_domain::complaints::settings::settings;
use scrutiny_domain::period::parse_date;

use super::{case_of, choices, field_error};
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Field, FieldError, entered};
use crate::state::AppState;

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
    // Checked here, on the one path every page and API call takes: a step cannot be dated after
    // today, and an outcome must be one of the council's own.
    let today = state.clock.today();
    if on > today {
        return Err(AppError::Invalid(format!(
            "{on} is after today ({today}): a step is recorded on or after the day it happens"
        ))
        .into());
    }
    let outcome = match &event {
        Event::RespondStage1 { outcome } | Event::RecordOmbudsmanDecision { outcome } => {
            Some(outcome.as_str())
        }
        Event::Close {
            category_closure: Some(c),
        } if !data.list("category").iter().any(|x| x.code == *c) => {
            return Err(
                AppError::Invalid(format!("'{c}' is not in the council's category list")).into(),
            );
        }
        _ => None,
    };
    // A blank outcome is the procedure's to refuse, against its field.
    if let Some(o) = outcome.filter(|o| !o.trim().is_empty())
        && !data.list("outcome").iter().any(|x| x.code == o)
    {
        let known: Vec<String> = data
            .list("outcome")
            .iter()
            .map(|x| x.code.clone())
            .collect();
        return Err(AppError::Invalid(format!(
            "'{o}' is not one of the council's outcomes: {}",
            known.join(", ")
        ))
        .into());
    }
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

/// The "add or change an issue" and "add a learning action" forms.
pub(super) fn record_fields(
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

/// The most issues a case is numbered into.
const MAX_ISSUE: i64 = 999;

/// Adds an issue (or changes one by its number): `None` when recorded, or what to correct.
pub(super) async fn record_issue(
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
    // Numbered from 1 to MAX_ISSUE: a number at the top of i64 made the next one overflow.
    let next = mine
        .iter()
        .map(|e| e.element)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    let element = match get("element").as_str() {
        "" if next <= MAX_ISSUE => next,
        "" => {
            errors.push(field_error(
                "issue-element",
                format!("A case has at most {MAX_ISSUE} issues: give the number of one to change"),
            ));
            0
        }
        n => match n.parse::<i64>() {
            Ok(n) if (1..=MAX_ISSUE).contains(&n) => n,
            _ => {
                errors.push(field_error(
                    "issue-element",
                    format!("Enter the issue's number, from 1 to {MAX_ISSUE}, or leave it blank"),
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
    // A choice not in the council's list is said, not dropped without a word.
    for (field, list, what) in [
        ("category", "category", "the category"),
        ("finding", "outcome", "the finding"),
    ] {
        let v = get(field);
        if !v.is_empty() && in_list(list, v).is_none() {
            errors.push(field_error(
                &format!("issue-{field}"),
                format!("Choose {what} from the list on the page"),
            ));
        }
    }
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
pub(super) async fn record_learning(
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
            // Within the years the service reports on.
            Ok(d) => match crate::periods::date(&d.to_string()) {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(field_error(
                        "learning-due",
                        crate::error::capitalise(&e.to_string()),
                    ));
                    None
                }
            },
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
