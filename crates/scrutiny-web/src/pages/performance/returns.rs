//! Returns: the list the performance officer works from, and one department's return form,
//! where figures, milestone progress and commentary are entered, saved, submitted, approved or
//! sent back. The form works without JavaScript: progress is recomputed on every save.

use std::collections::HashMap;

use crate::error::{PathOf, QueryOf};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::Dataset;
use scrutiny_domain::performance::formula::Formula;
use scrutiny_domain::performance::model::SymbolFor;
use scrutiny_domain::performance::rag::Rag;
use scrutiny_domain::performance::returns::{ReturnAction, ReturnState};
use scrutiny_domain::period::Period;
use scrutiny_report::document::Symbol;
use scrutiny_report::performance::view::{IndicatorView, assess_indicators};
use scrutiny_store::{AuditEntry, ReturnChange};
use serde::Deserialize;

use crate::auth::User;
use crate::error::AppError;
use crate::pages::performance::returnform::{NOTE_SECTIONS, ReturnInput, Scope, input_from_form};
use crate::pages::{FieldError, Page, slug, tag_class};
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

pub struct ListRow {
    pub department: String,
    pub name: String,
    pub state: ReturnState,
    pub updated: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "performance/returns.html")]
struct ListPage {
    page: Page,
    period: Option<Period>,
    periods: Vec<super::dashboard::Choice>,
    quarter_state: String,
    deadline: String,
    rows: Vec<ListRow>,
}

impl ListPage {
    fn tag(&self, state: &str) -> &'static str {
        tag_class(state)
    }
}

#[derive(Deserialize)]
pub struct PeriodQuery {
    period: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: User,
    QueryOf(q): QueryOf<PeriodQuery>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let period = periods::chosen(q.period.as_deref(), &data, &quarters)?;
    if !user.may(Action::ApproveReturn) {
        // A manager has one return a quarter: take them straight to it.
        return match (user.department.as_deref(), period) {
            (Some(d), Some(p)) if user.may(Action::EditReturn(d)) => {
                Ok(Redirect::to(&format!("/returns/{d}/{}", periods::path(p))).into_response())
            }
            _ => Err(AppError::Forbidden),
        };
    }
    let mut rows = Vec::new();
    let mut quarter_state = String::from("not opened");
    let mut deadline = String::new();
    if let Some(p) = period {
        let returns = state.store.returns(p).await?;
        for d in &data.departments {
            let r = returns.iter().find(|r| r.department == d.code);
            rows.push(ListRow {
                department: d.code.clone(),
                name: d.name.clone(),
                state: r.map_or(ReturnState::NotStarted, |r| r.state),
                updated: r
                    .map(|r| format!("{} by {}", r.updated_at, r.updated_by))
                    .unwrap_or_default(),
                href: format!("/returns/{}/{}", d.code, periods::path(p)),
            });
        }
        let qs: Vec<_> = quarters.iter().filter(|q| q.period == p).collect();
        if let Some(q) = qs.first() {
            quarter_state = q.state.code().to_string();
            deadline = q.deadline.clone().unwrap_or_default();
        }
    }
    let chosen = period.map(|p| p.to_string());
    let page = ListPage {
        page: Page::new("Returns", Some(&user), "/returns"),
        periods: periods::known_periods(&data, &quarters)
            .into_iter()
            .map(|p| super::dashboard::Choice {
                selected: chosen.as_deref() == Some(p.to_string().as_str()),
                value: p.to_string(),
                label: p.to_string(),
            })
            .collect(),
        period,
        quarter_state,
        deadline,
        rows,
    };
    Ok(Html(page.render()?).into_response())
}

pub struct ValueRow {
    pub id: String,
    pub refs: String,
    pub measure: String,
    pub previous: String,
    pub target: String,
    pub value: String,
    pub commentary: String,
    pub rag_override: String,
    pub reason: String,
    pub progress: Symbol,
    pub direction: Symbol,
    pub basis: String,
    pub value_error: Option<String>,
    pub reason_error: Option<String>,
    /// For a formula indicator, what its figure is worked out as ("a percentage"), and its
    /// parts as entered.
    pub formula: Option<&'static str>,
    pub numerator: String,
    pub denominator: String,
    pub num_error: Option<String>,
    pub den_error: Option<String>,
}

pub struct MilestoneRow {
    pub id: String,
    pub code: String,
    /// The objective's reference, which the reports print beside the milestone.
    pub objective: String,
    pub text: String,
    pub progress: String,
    pub commentary: String,
    pub error: Option<String>,
}

pub struct NoteGroup {
    pub label: &'static str,
    pub notes: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "performance/return.html")]
struct ReturnPage {
    page: Page,
    action_url: String,
    department: String,
    period: Period,
    state: ReturnState,
    version: i64,
    editable: bool,
    can_approve: bool,
    can_send_back: bool,
    errors: Vec<FieldError>,
    banner: Option<String>,
    note: Option<String>,
    deadline: Option<String>,
    values: Vec<ValueRow>,
    milestones: Vec<MilestoneRow>,
    note_groups: Vec<NoteGroup>,
    history: Vec<AuditEntry>,
    /// The ratings a person may choose, as (code, the council's words), for an indicator's
    /// progress set by hand and for a milestone's progress.
    indicator_choices: Vec<(String, String)>,
    milestone_choices: Vec<(String, String)>,
}

impl ReturnPage {
    fn tag(&self, state: &str) -> &'static str {
        tag_class(state)
    }
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

fn banner_for(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "saved" => "Your return has been saved as a draft",
            "submitted" => "Your return has been submitted to the performance officer",
            "approved" => "The return has been approved; its figures are now in the reports",
            "sent_back" => "The return has been sent back to the department with your note",
            _ => return None,
        }
        .to_string(),
    )
}

/// Everything needed to draw the form, from what is stored.
struct Loaded {
    data: std::sync::Arc<Dataset>,
    scope: Scope,
    stored: Option<scrutiny_store::ReturnRow>,
    deadline: Option<String>,
    quarter_open: bool,
}

async fn load(state: &AppState, department: &str, period: Period) -> Result<Loaded, AppError> {
    let data = state.data().await?;
    let scope = Scope::new(&data, department, period)
        .ok_or_else(|| AppError::NotFound(format!("There is no department '{department}'.")))?;
    let stored = state.store.return_for(department, period).await?;
    let quarter = state.store.quarter(&scope.board, period).await?;
    Ok(Loaded {
        deadline: quarter.as_ref().and_then(|q| q.deadline.clone()),
        quarter_open: quarter
            .as_ref()
            .is_some_and(|q| q.state == scrutiny_domain::performance::returns::QuarterState::Open),
        data,
        scope,
        stored,
    })
}

/// Progress as the reports would print it with these entries. Entries that fail their checks
/// are left out of the computation (and flagged against their field by the caller).
/// Green, amber and red in the council's own words ("On target"), and what each means.
fn choices(data: &Dataset, applies_to: SymbolFor) -> Vec<(String, String)> {
    let labels = scrutiny_report::symbols::Labels::new(&data.symbol_labels);
    [Rag::Green, Rag::Amber, Rag::Red]
        .into_iter()
        .map(|r| {
            let s = labels.rag(applies_to, r);
            let words = if s.description.is_empty() {
                s.label
            } else {
                format!("{}: {}", s.label, s.description)
            };
            (r.code().to_string(), words)
        })
        .collect()
}

fn assessed(scope: &Scope, data: &Dataset, input: &ReturnInput) -> Vec<IndicatorView> {
    let valid = scope.check(input, "").unwrap_or_else(|_| {
        let mut partial = ReturnInput::default();
        for v in &input.values {
            let one = ReturnInput {
                values: vec![v.clone()],
                ..Default::default()
            };
            if scope.check(&one, "").is_ok() {
                partial.values.push(v.clone());
            }
        }
        scope.check(&partial, "").unwrap_or_default()
    });
    let merged = scope.overlay(data, &valid);
    assess_indicators(&merged, scope.period, |i| i.department == scope.department)
}

/// The progress and direction the form's figures would give, for the page's script to show as
/// the person types. Changes nothing.
pub async fn preview(
    State(state): State<AppState>,
    user: User,
    PathOf((department, year, quarter)): PathOf<(String, i32, u8)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<axum::Json<serde_json::Value>, AppError> {
    user.require(Action::ReadReturn(&department))?;
    let period = periods::from_path(year, quarter)?;
    let data = state.data().await?;
    let scope = Scope::new(&data, &department, period)
        .ok_or_else(|| AppError::NotFound(format!("There is no department '{department}'.")))?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    let input = input_from_form(&scope, &form);
    let rows: Vec<serde_json::Value> = assessed(&scope, &data, &input)
        .into_iter()
        .map(|v| {
            serde_json::json!({
                "id": slug(&v.indicator.code),
                "progress": v.row.progress,
                "direction": v.row.direction,
                "basis": v.row.progress_basis,
            })
        })
        .collect();
    Ok(axum::Json(serde_json::json!({ "indicators": rows })))
}

struct Drawn<'a> {
    input: &'a ReturnInput,
    errors: Vec<FieldError>,
    version: i64,
    banner: Option<String>,
}

async fn draw(
    state: &AppState,
    user: &User,
    l: &Loaded,
    d: Drawn<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let scope = &l.scope;
    let p = scope.period;
    let views = assessed(scope, &l.data, d.input);
    let error_for = |id: String| {
        d.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.clone())
    };
    let values = views
        .into_iter()
        .map(|v| {
            let id = slug(&v.indicator.code);
            let entered = d
                .input
                .values
                .iter()
                .find(|x| x.indicator == v.indicator.code)
                .cloned()
                .unwrap_or_default();
            ValueRow {
                value_error: error_for(format!("value-{id}")),
                reason_error: error_for(format!("reason-{id}")),
                num_error: error_for(format!("num-{id}")),
                den_error: error_for(format!("den-{id}")),
                formula: v.indicator.formula.map(|f| match f {
                    Formula::Percent => "a percentage",
                    Formula::RatePer10000 if v.indicator.population.is_some() => {
                        "a rate per 10,000 (leave the denominator blank for the population)"
                    }
                    Formula::RatePer10000 => "a rate per 10,000",
                    Formula::Ratio => "a ratio",
                }),
                numerator: entered.numerator.clone(),
                denominator: entered.denominator.clone(),
                refs: v.row.refs,
                measure: v.row.measure,
                previous: v.row.previous,
                target: v.row.target,
                value: entered.value,
                commentary: entered.commentary,
                rag_override: entered.rag_override,
                reason: entered.override_reason,
                progress: v.row.progress,
                direction: v.row.direction,
                basis: v.row.progress_basis,
                id,
            }
        })
        .collect();
    let milestones = scope
        .milestones
        .iter()
        .map(|m| {
            let id = slug(&m.code);
            let entered = d
                .input
                .milestones
                .iter()
                .find(|x| x.milestone == m.code)
                .cloned()
                .unwrap_or_default();
            MilestoneRow {
                error: error_for(format!("progress-{id}")),
                code: m.code.clone(),
                objective: m.objective.clone(),
                text: m.text.clone(),
                progress: entered.progress,
                commentary: entered.commentary,
                id,
            }
        })
        .collect();
    let note_groups = NOTE_SECTIONS
        .iter()
        .map(|(section, prefix, label)| {
            let mut notes: Vec<(String, String)> = d
                .input
                .notes
                .iter()
                .filter(|n| n.section == section.code() && !n.text.trim().is_empty())
                .enumerate()
                .map(|(i, n)| (format!("{prefix}-{}", i + 1), n.text.clone()))
                .collect();
            // Always one empty box for a new item.
            notes.push((format!("{prefix}-{}", notes.len() + 1), String::new()));
            NoteGroup { label, notes }
        })
        .collect();
    let state_now = l
        .stored
        .as_ref()
        .map_or(ReturnState::NotStarted, |r| r.state);
    let history = state
        .store
        .audit_about(
            &[format!(
                "return {} {} Q{}",
                scope.department,
                p.year,
                p.quarter.number()
            )],
            None,
            50,
        )
        .await?;
    let dept_name = l
        .data
        .departments
        .iter()
        .find(|x| x.code == scope.department)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let page = ReturnPage {
        page: Page::new(format!("{dept_name} return, {p}"), Some(user), "/returns")
            .with_error(!d.errors.is_empty()),
        action_url: format!("/returns/{}/{}", scope.department, periods::path(p)),
        department: dept_name,
        period: p,
        state: state_now,
        version: d.version,
        editable: user.may(Action::EditReturn(&scope.department))
            && state_now.editable()
            && l.quarter_open,
        can_approve: user.may(Action::ApproveReturn) && state_now == ReturnState::Submitted,
        can_send_back: user.may(Action::ApproveReturn)
            && matches!(state_now, ReturnState::Submitted | ReturnState::Approved),
        errors: d.errors,
        banner: d.banner,
        note: l.stored.as_ref().and_then(|r| r.note.clone()),
        deadline: l.deadline.clone(),
        values,
        milestones,
        note_groups,
        history,
        indicator_choices: choices(&l.data, SymbolFor::Indicator),
        milestone_choices: choices(&l.data, SymbolFor::Objective),
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    user: User,
    PathOf((department, year, quarter)): PathOf<(String, i32, u8)>,
    QueryOf(q): QueryOf<Done>,
) -> Result<Response, AppError> {
    user.require(Action::ReadReturn(&department))?;
    let period = periods::from_path(year, quarter)?;
    let l = load(&state, &department, period).await?;
    let input = match &l.stored {
        Some(r) => l.scope.input_from(&r.draft),
        None => l.scope.input_from(&l.data),
    };
    let version = l.stored.as_ref().map_or(0, |r| r.version);
    let drawn = Drawn {
        input: &input,
        errors: Vec::new(),
        version,
        banner: banner_for(q.done.as_deref()),
    };
    draw(&state, &user, &l, drawn, StatusCode::OK).await
}

pub async fn act(
    State(state): State<AppState>,
    user: User,
    PathOf((department, year, quarter)): PathOf<(String, i32, u8)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let period = periods::from_path(year, quarter)?;
    let action = match form.get("action").map(String::as_str) {
        Some("save") => ReturnAction::SaveDraft,
        Some("submit") => ReturnAction::Submit,
        Some("approve") => ReturnAction::Approve,
        Some("send_back") => ReturnAction::SendBack,
        _ => {
            return Err(AppError::Invalid(
                "Choose one of the form's buttons.".into(),
            ));
        }
    };
    match action {
        ReturnAction::SaveDraft | ReturnAction::Submit => {
            user.require(Action::EditReturn(&department))?
        }
        ReturnAction::Approve | ReturnAction::SendBack => user.require(Action::ApproveReturn)?,
    }
    let based_on: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            AppError::Invalid("The form is missing its version; reload the page.".into())
        })?;
    let l = load(&state, &department, period).await?;
    let editing = matches!(action, ReturnAction::SaveDraft | ReturnAction::Submit);
    let input = if editing {
        input_from_form(&l.scope, &form)
    } else {
        match &l.stored {
            Some(r) => l.scope.input_from(&r.draft),
            None => l.scope.input_from(&l.data),
        }
    };
    let redraw = |errors: Vec<FieldError>, version: i64, status: StatusCode| {
        let (state, user, l, input) = (&state, &user, &l, &input);
        async move {
            let drawn = Drawn {
                input,
                errors,
                version,
                banner: None,
            };
            draw(state, user, l, drawn, status).await
        }
    };
    let entries = if editing {
        match l.scope.check(&input, &user.initials()) {
            Ok(e) => Some(e),
            Err(errors) => return redraw(errors, based_on, StatusCode::UNPROCESSABLE_ENTITY).await,
        }
    } else {
        None
    };
    let now = state.clock.stamp();
    let change = ReturnChange {
        department: &department,
        period,
        action,
        draft: entries.as_ref(),
        based_on,
        note: form.get("note").map(String::as_str),
        actor: &user.username,
        now: &now,
    };
    match state
        .store
        .change_return(change)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => {
            let done = match action {
                ReturnAction::SaveDraft => "saved",
                ReturnAction::Submit => "submitted",
                ReturnAction::Approve => "approved",
                ReturnAction::SendBack => "sent_back",
            };
            Ok(Redirect::to(&format!(
                "/returns/{department}/{}?done={done}",
                periods::path(period)
            ))
            .into_response())
        }
        Err(AppError::Conflict(message)) => {
            // Keep what they typed on the page, and let a deliberate second save replace the
            // other person's version now that they have been told about it.
            let current = l.stored.as_ref().map_or(0, |r| r.version);
            let error = FieldError {
                id: "return-form".into(),
                message: format!("{message}. What you entered is still below."),
            };
            redraw(vec![error], current, StatusCode::CONFLICT).await
        }
        Err(AppError::Invalid(message)) => {
            let error = FieldError {
                id: "return-form".into(),
                message: crate::error::capitalise(&message),
            };
            redraw(vec![error], based_on, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}
