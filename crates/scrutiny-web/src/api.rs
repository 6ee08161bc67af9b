//! The JSON API: the same operations and the same authorisation as the pages, for scripts and
//! other systems. Described by `openapi.json`, served at `/api/openapi.json`.
//! Sign in with HTTP basic credentials, or use the browser's session cookie and send its CSRF
//! token in `X-CSRF-Token` with every change.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use scrutiny_domain::performance::returns::ReturnAction;
use scrutiny_domain::period::Period;
use scrutiny_store::ReturnChange;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::ApiUser;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, AppError};
use crate::pages::performance::dashboard::Filters;
use crate::pages::performance::framework;
use crate::pages::performance::returnform::{ReturnInput, Scope};
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

pub const OPENAPI: &str = include_str!("openapi.json");

pub async fn openapi() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
}

/// An input's refusal, naming the field it is about.
fn field(name: &str, e: AppError) -> AppError {
    let message = e.to_string();
    AppError::Fields {
        fields: vec![(name.to_string(), message.clone())],
        message,
    }
}

fn csrf(user: &crate::auth::User, headers: &HeaderMap) -> Result<(), AppError> {
    user.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))
}

pub async fn indicators(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadPerformance)?;
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let Some(period) = periods::chosen_with_figures(f.period.as_deref(), &data, &quarters)? else {
        return Ok(Json(json!({ "period": null, "indicators": [] })));
    };
    let keep = |v: &Option<String>, x: Option<&str>| {
        v.as_deref()
            .filter(|s| !s.is_empty())
            .is_none_or(|v| x == Some(v))
    };
    let department_name = |code: &str| {
        data.departments
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.name.clone())
    };
    let priority_title = |code: Option<&str>| {
        data.priorities
            .iter()
            .find(|p| Some(p.code.as_str()) == code)
            .map(|p| p.title.clone())
    };
    let rows: Vec<Value> = state
        .judged(period)
        .await?
        .iter()
        .filter(|v| {
            let i = &v.indicator;
            keep(&f.department, Some(&i.department)) && keep(&f.priority, i.priority.as_deref())
        })
        .filter(|v| keep(&f.rag, Some(v.rag.code())))
        .map(|v| {
            json!({
                "code": v.indicator.code,
                "refs": v.row.refs,
                "measure": v.row.measure,
                "department": v.indicator.department,
                "department_name": department_name(&v.indicator.department),
                "priority": v.indicator.priority,
                "priority_title": priority_title(v.indicator.priority.as_deref()),
                "previous": v.row.previous,
                "target": v.row.target,
                "current": v.row.current,
                "progress": v.row.progress.state,
                "progress_label": v.row.progress.label,
                "progress_basis": v.row.progress_basis,
                "direction": v.row.direction.state,
                "direction_label": v.row.direction.label,
                "commentary": v.row.commentary,
            })
        })
        .collect();
    Ok(Json(
        json!({ "period": period.to_string(), "indicators": rows }),
    ))
}

pub async fn indicator(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadPerformance)?;
    let data = state.data().await?;
    let ind = data
        .indicators
        .iter()
        .find(|i| i.code == code)
        .ok_or_else(|| AppError::NotFound(format!("there is no indicator '{code}'")))?;
    let values: Vec<_> = data.values.iter().filter(|v| v.indicator == code).collect();
    let targets: Vec<_> = data
        .targets
        .iter()
        .filter(|t| t.indicator == code)
        .collect();
    let benchmarks: Vec<_> = data
        .benchmarks
        .iter()
        .filter(|b| b.indicator == code)
        .collect();
    Ok(Json(json!({
        "indicator": ind,
        "values": values,
        "targets": targets,
        "benchmarks": benchmarks,
    })))
}

#[derive(Serialize)]
struct ReturnBody {
    department: String,
    period: String,
    state: &'static str,
    version: i64,
    note: Option<String>,
    entries: ReturnInput,
}

fn return_body(
    scope: &Scope,
    r: Option<&scrutiny_store::ReturnRow>,
    data: &scrutiny_domain::Dataset,
) -> ReturnBody {
    ReturnBody {
        department: scope.department.clone(),
        period: scope.period.to_string(),
        state: r.map_or("not_started", |r| r.state.code()),
        version: r.map_or(0, |r| r.version),
        note: r.and_then(|r| r.note.clone()),
        entries: scope.input_from(r.map_or(data, |r| &r.draft)),
    }
}

async fn scope_for(
    state: &AppState,
    department: &str,
    period: Period,
) -> Result<(std::sync::Arc<scrutiny_domain::Dataset>, Scope), AppError> {
    let data = state.data().await?;
    let scope = Scope::new(&data, department, period)
        .ok_or_else(|| AppError::NotFound(format!("there is no department '{department}'")))?;
    Ok((data, scope))
}

pub async fn get_return(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((department, year, quarter)): ApiPath<(String, i32, u8)>,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadReturn(&department))?;
    let period = periods::from_path(year, quarter)?;
    let (data, scope) = scope_for(&state, &department, period).await?;
    let stored = state.store.return_for(&department, period).await?;
    Ok(Json(json!(return_body(&scope, stored.as_ref(), &data))))
}

#[derive(Deserialize)]
pub struct ReturnUpdate {
    /// The version this change is based on (0 for a new return).
    version: i64,
    /// `save`, `submit`, `approve` or `send_back`.
    action: String,
    /// New entries (for `save` and `submit`).
    entries: Option<ReturnInput>,
    note: Option<String>,
}

pub async fn change_return(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    ApiPath((department, year, quarter)): ApiPath<(String, i32, u8)>,
    ApiJson(body): ApiJson<ReturnUpdate>,
) -> Result<Json<Value>, ApiError> {
    csrf(&user, &headers)?;
    let action = match body.action.as_str() {
        "save" => ReturnAction::SaveDraft,
        "submit" => ReturnAction::Submit,
        "approve" => ReturnAction::Approve,
        "send_back" => ReturnAction::SendBack,
        other => {
            return Err(AppError::Invalid(format!(
                "'{other}' is not an action: use save, submit, approve or send_back"
            ))
            .into());
        }
    };
    match action {
        ReturnAction::SaveDraft | ReturnAction::Submit => {
            user.require(Action::EditReturn(&department))?
        }
        _ => user.require(Action::ApproveReturn)?,
    }
    let period = periods::from_path(year, quarter)?;
    let (data, scope) = scope_for(&state, &department, period).await?;
    let entries = match (&action, &body.entries) {
        (ReturnAction::SaveDraft | ReturnAction::Submit, Some(input)) => {
            match scope.check(input, &user.initials()) {
                Ok(e) => Some(e),
                Err(problems) => {
                    return Err(AppError::Fields {
                        message: format!(
                            "nothing was saved: {} problem(s): {}",
                            problems.len(),
                            problems
                                .iter()
                                .map(|p| p.message.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        ),
                        fields: problems.into_iter().map(|p| (p.id, p.message)).collect(),
                    }
                    .into());
                }
            }
        }
        (ReturnAction::SaveDraft | ReturnAction::Submit, None) => {
            return Err(
                AppError::Invalid("send the return's entries with save or submit".into()).into(),
            );
        }
        _ => None,
    };
    let now = state.clock.stamp();
    let row = state
        .store
        .change_return(ReturnChange {
            department: &department,
            period,
            action,
            draft: entries.as_ref(),
            based_on: body.version,
            note: body.note.as_deref(),
            actor: &user.username,
            now: &now,
        })
        .await?;
    Ok(Json(json!(return_body(&scope, Some(&row), &data))))
}

pub async fn quarters(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadPerformance)?;
    let data = state.data().await?;
    let rows: Vec<Value> = state
        .store
        .quarters()
        .await?
        .into_iter()
        .map(|q| {
            json!({
                "board_name": data.boards.iter().find(|b| b.code == q.board).map(|b| &b.name),
                "board": q.board,
                "period": q.period.to_string(),
                "state": q.state.code(),
                "deadline": q.deadline,
                "published_at": q.published_at,
            })
        })
        .collect();
    Ok(Json(json!({ "quarters": rows })))
}

#[derive(Deserialize)]
pub struct OpenQuarter {
    board: String,
    period: String,
    deadline: Option<String>,
}

pub async fn open_quarter(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<OpenQuarter>,
) -> Result<Json<Value>, ApiError> {
    csrf(&user, &headers)?;
    user.require(Action::ManageQuarters)?;
    let period = periods::parse(&body.period).map_err(|e| field("period", e))?;
    let deadline = body
        .deadline
        .as_deref()
        .map(periods::date)
        .transpose()
        .map_err(|e| field("deadline", e))?
        .map(|d| d.to_string());
    let now = state.clock.stamp();
    state
        .store
        .open_quarter(
            &body.board,
            period,
            deadline.as_deref(),
            &user.username,
            &now,
        )
        .await?;
    Ok(Json(
        json!({ "board": body.board, "period": period.to_string(), "state": "open" }),
    ))
}

#[derive(Deserialize)]
pub struct Limit {
    limit: Option<i64>,
}

pub async fn audit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(l): ApiQuery<Limit>,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadAudit)?;
    let limit = l.limit.unwrap_or(100).clamp(1, 1000);
    // Complaints entries may name people: they stay with the complaints role's case pages.
    let entries = if user.may(Action::ReadPersonalData) {
        state.store.audit_log(limit).await?
    } else {
        state.store.audit_log_without_complaints(limit).await?
    };
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|e| json!({ "at": e.at, "actor": e.actor, "action": e.action, "entity": e.entity, "detail": e.detail }))
        .collect();
    Ok(Json(json!({ "entries": entries })))
}

/// Open complaints with their working-day deadlines (complaints role only; no personal data).
/// A due date beyond the bank holiday table is null, with the problem said.
pub async fn complaint_worklist(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::WorkComplaints)?;
    let data = state.store.load_complaints().await?;
    let local = scrutiny_domain::complaints::settings::settings(&data.settings).local_stage;
    let today = state.clock.today();
    let mut cases = Vec::new();
    for c in &data.cases {
        let Some(open) = scrutiny_domain::complaints::procedure::open_case(
            c,
            local.as_ref(),
            &state.calendar,
            today,
        ) else {
            continue;
        };
        let mut case = json!({
            "reference": c.reference,
            "kind": c.kind,
            "kind_label": data.label("kind", &c.kind),
            "received": c.received,
            "stage": open.stage,
            "due": open.due,
            "extended": open.extended,
        });
        if let scrutiny_domain::complaints::procedure::Standing::BeyondCalendar(e) = &open.standing
        {
            case["problem"] = json!(e.to_string());
        }
        cases.push(case);
    }
    Ok(Json(json!({ "cases": cases })))
}

/// The published annual report's tables for a year (small counts suppressed), for everyone
/// signed in.
pub async fn complaints_report(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(year): ApiPath<i32>,
) -> Result<Json<Value>, ApiError> {
    user.require(Action::ReadComplaintsReport)?;
    let year = crate::error::report_year(year)?;
    let data = state.store.load_complaints().await?;
    let rules = scrutiny_domain::complaints::settings::settings(&data.settings).rules;
    let doc = scrutiny_report::complaints::annual_report::annual_report(
        &data,
        year,
        &rules,
        &state.calendar,
        "",
    );
    let tables: Vec<Value> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            scrutiny_report::document::Block::Table {
                caption,
                header,
                rows,
                ..
            } => Some(json!({ "caption": caption, "header": header, "rows": rows })),
            _ => None,
        })
        .collect();
    Ok(Json(
        json!({ "title": doc.title, "period": doc.subtitle, "tables": tables }),
    ))
}

/// A step of the procedure, as the API takes it: the date and the event with its details, e.g.
/// `{"on": "2018-03-29", "event": "respond_stage1", "outcome": "upheld"}`.
#[derive(Deserialize)]
pub struct StepBody {
    on: String,
    #[serde(flatten)]
    event: scrutiny_domain::complaints::procedure::Event,
}

/// Records a step on a case (complaints role only), through the same door as the case page.
pub async fn record_complaint_step(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> Result<Json<Value>, ApiError> {
    csrf(&user, &headers)?;
    user.require(Action::WorkComplaints)?;
    let on = scrutiny_domain::period::parse_date(&body.on).map_err(|_| {
        field(
            "on",
            AppError::Invalid("give the date as on, like 2018-03-14".into()),
        )
    })?;
    let now = state.clock.stamp();
    use crate::pages::complaints::{StepRefused, record_event};
    match record_event(&state, &user, &reference, body.event, on, &now).await {
        Ok(t) => Ok(Json(json!({
            "reference": reference,
            "from": t.from,
            "to": t.to,
            "on": t.on,
        }))),
        Err(StepRefused::Procedure(e)) => Err(AppError::Invalid(e.to_string()).into()),
        Err(StepRefused::App(e)) => Err(e.into()),
    }
}

/// One framework record, its key named by column in the query (`?code=NI148`), every column as
/// typed in an import, and the version to send back with a change.
pub async fn framework_record(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(table): ApiPath<String>,
    ApiQuery(q): ApiQuery<std::collections::HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let t = framework::table_for(&user, &table)?;
    let stored = framework::record(&state, t, &q).await?;
    let record: serde_json::Map<String, Value> = t
        .columns
        .iter()
        .zip(&stored.values)
        .map(|(c, v)| {
            let text = if v.is_null() {
                Value::Null
            } else {
                Value::String(v.shown())
            };
            (c.name.to_string(), text)
        })
        .collect();
    Ok(Json(
        json!({ "table": t.name, "version": stored.version, "record": record }),
    ))
}

#[derive(Deserialize)]
pub struct FrameworkChange {
    /// The version the record was read at, or `new` to add one.
    version: String,
    /// Columns as typed in an import; a column left out keeps its value, a blank or null clears it.
    record: serde_json::Map<String, Value>,
}

/// Changes (or adds) one framework record, checked as an import checks it and audited.
pub async fn change_framework_record(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    ApiPath(table): ApiPath<String>,
    ApiJson(body): ApiJson<FrameworkChange>,
) -> Result<Json<Value>, ApiError> {
    csrf(&user, &headers)?;
    let t = framework::table_for(&user, &table)?;
    let mut given = Vec::new();
    for (name, v) in &body.record {
        let column = t
            .column(name)
            .ok_or_else(|| AppError::Invalid(format!("{} has no column '{name}'", t.name)))?;
        let text = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        given.push((column.name, text));
    }
    // The import needs every required column: those left out of a change keep their stored
    // values (the version check in the save catches a record changed since).
    if body.version != "new" {
        let key: std::collections::HashMap<String, String> = given
            .iter()
            .filter(|(c, _)| t.key.contains(c))
            .map(|(c, v)| (c.to_string(), v.clone()))
            .collect();
        let stored = framework::record(&state, t, &key).await?;
        for (c, v) in t.columns.iter().zip(&stored.values) {
            if !given.iter().any(|(g, _)| *g == c.name) {
                given.push((c.name, v.shown()));
            }
        }
    }
    match framework::apply(&state, &user, t, &body.version, &given).await? {
        Ok(key) => Ok(Json(json!({ "table": t.name, "saved": key.join(" ") }))),
        Err(framework::Refused::Fields(f)) => Err(AppError::Fields {
            message: format!(
                "nothing was saved: {}",
                f.iter()
                    .map(|(_, m)| m.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            fields: f
                .into_iter()
                .map(|(c, m)| (format!("record.{c}"), m))
                .collect(),
        }
        .into()),
        Err(framework::Refused::Conflict(m)) => Err(AppError::Conflict(m).into()),
        Err(framework::Refused::Invalid(m)) => Err(AppError::Invalid(m).into()),
    }
}
