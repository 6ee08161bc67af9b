//! "Why this number": the records kept behind one computed figure — each child as a pseudonym,
//! the record's date, and whether it is in the count. Board members and the public never reach
//! it ([`Action::ReadCaseRecords`]); each look is written to the audit trail by the store.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::Html;
use scrutiny_domain::cases::why::RecordLine;
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use serde_json::{Value, json};

use crate::auth::{ApiUser, User};
use crate::error::{ApiError, ApiPath, AppError, PathOf};
use crate::pages::Page;
use crate::roles::Action;
use crate::state::AppState;

/// The figure asked for: its indicator's code, its year, and its quarter (0 for the outturn).
type FigurePath = (String, i32, u8);

/// A figure's records, after checking the figure exists and the user may see its records.
struct Looked {
    indicator: String,
    description: String,
    period: String,
    is_count: bool,
    lines: Vec<RecordLine>,
}

async fn look(
    state: &AppState,
    user: &User,
    (code, year, quarter): FigurePath,
    why: &str,
) -> Result<Looked, AppError> {
    let data = state.data().await?;
    let ind = data
        .indicators
        .iter()
        .find(|i| i.code == code)
        .ok_or_else(|| AppError::NotFound(format!("There is no indicator '{code}'.")))?;
    user.require(Action::ReadCaseRecords(&ind.department))?;
    if crate::error::report_year(year).is_err() {
        return Err(AppError::NotFound(format!("There is no year {year}.")));
    }
    let year = FinancialYear(year);
    let quarter = match quarter {
        0 => None,
        q => Some(
            Quarter::from_number(q)
                .ok_or_else(|| AppError::NotFound(format!("There is no quarter {q}.")))?,
        ),
    };
    let measure = data
        .indicator_measures
        .iter()
        .find(|m| m.indicator == code)
        .map(|m| m.measure)
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "{code}'s figures are not computed from case records."
            ))
        })?;
    let lines = state
        .store
        .figure_records(
            &code,
            year,
            quarter,
            &user.username,
            &state.clock.stamp(),
            why,
        )
        .await?;
    Ok(Looked {
        indicator: code.clone(),
        description: ind.description.clone(),
        period: quarter.map_or_else(
            || format!("{year} outturn"),
            |q| Period::new(year, q).to_string(),
        ),
        is_count: measure.is_count(),
        lines,
    })
}

pub struct Row {
    pub child: String,
    pub date: String,
    pub part: String,
}

#[derive(Template)]
#[template(path = "cases/records.html")]
struct RecordsPage {
    page: Page,
    indicator: String,
    /// The indicator's code for its page's address.
    back: String,
    description: String,
    period: String,
    is_count: bool,
    counted: usize,
    rows: Vec<Row>,
}

pub async fn show(
    State(state): State<AppState>,
    user: User,
    PathOf(path): PathOf<FigurePath>,
) -> Result<Html<String>, AppError> {
    let looked = look(&state, &user, path, "shown in the browser").await?;
    let page = RecordsPage {
        page: Page::new(
            format!("Records behind {} {}", looked.indicator, looked.period),
            Some(&user),
            "/",
        ),
        counted: looked.lines.iter().filter(|l| l.counted).count(),
        rows: looked
            .lines
            .iter()
            .map(|l| Row {
                child: l.child.clone(),
                date: scrutiny_domain::period::long_date(l.date),
                part: l.part(looked.is_count),
            })
            .collect(),
        back: crate::error::urlencode(&looked.indicator),
        indicator: looked.indicator,
        description: looked.description,
        period: looked.period,
        is_count: looked.is_count,
    };
    Ok(Html(page.render()?))
}

/// The same records as JSON (`GET /api/v1/indicators/{code}/records/{year}/{quarter}`).
pub async fn api(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(path): ApiPath<FigurePath>,
) -> Result<Json<Value>, ApiError> {
    let looked = look(&state, &user, path, "read through the API").await?;
    let records: Vec<Value> = looked
        .lines
        .iter()
        .map(|l| json!({"child": l.child, "date": l.date, "counted": l.counted, "days": l.days}))
        .collect();
    Ok(Json(json!({
        "indicator": looked.indicator,
        "period": looked.period,
        "records": records,
    })))
}
