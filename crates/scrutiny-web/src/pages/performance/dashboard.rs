//! The dashboard: every indicator's progress for a quarter, filtered by priority, department or
//! RAG, with the counts the board reads first.

use crate::error::QueryOf;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_domain::performance::model::SymbolFor;
use scrutiny_domain::period::Period;
use scrutiny_domain::{Rag, RagCounts};
use scrutiny_report::performance::view::IndicatorView;
use serde::Deserialize;

use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Page, tag_class};
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct Filters {
    pub period: Option<String>,
    pub priority: Option<String>,
    pub department: Option<String>,
    pub rag: Option<String>,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "performance/dashboard.html")]
struct DashboardPage {
    page: Page,
    period: Option<Period>,
    periods: Vec<Choice>,
    priorities: Vec<Choice>,
    departments: Vec<Choice>,
    rags: Vec<Choice>,
    counts: Vec<(&'static str, String, usize)>,
    rows: Vec<IndicatorView>,
    filtered: bool,
}

impl DashboardPage {
    fn tag(&self, state: &str) -> &'static str {
        tag_class(state)
    }
    fn enc(&self, code: &str) -> String {
        crate::error::urlencode(code)
    }
}

fn choices(items: impl IntoIterator<Item = (String, String)>, chosen: Option<&str>) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice {
            selected: chosen == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    user: User,
    QueryOf(f): QueryOf<Filters>,
) -> Result<Html<String>, AppError> {
    user.require(Action::ReadPerformance)?;
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let period = periods::chosen_with_figures(f.period.as_deref(), &data, &quarters)?;
    let none = |s: &Option<String>| s.as_deref().filter(|t| !t.is_empty()).map(str::to_string);
    let (priority, department, rag) = (none(&f.priority), none(&f.department), none(&f.rag));
    let judged = match period {
        Some(p) => state.judged(p).await?,
        None => Default::default(),
    };
    let all: Vec<&IndicatorView> = judged
        .iter()
        .filter(|v| {
            let i = &v.indicator;
            department.as_deref().is_none_or(|d| i.department == d)
                && priority
                    .as_deref()
                    .is_none_or(|p| i.priority.as_deref() == Some(p))
        })
        .collect();
    let rows: Vec<IndicatorView> = all
        .iter()
        .filter(|v| rag.as_deref().is_none_or(|r| v.rag.code() == r))
        .map(|v| (*v).clone())
        .collect();
    let counted: RagCounts = all.iter().map(|v| v.rag).collect();
    // The council's own words for each state (`symbol_labels`), as its reports print them; the
    // three ratings always, each reason for no rating only where an indicator has it.
    let labels = scrutiny_report::symbols::Labels::new(&data.symbol_labels);
    let counts: Vec<(&'static str, String, usize)> = Rag::ALL
        .into_iter()
        .filter(|r| matches!(r, Rag::Green | Rag::Amber | Rag::Red) || counted.of(*r) > 0)
        .map(|r| {
            let label = labels.rag(SymbolFor::Indicator, r).label;
            (r.code(), label, counted.of(r))
        })
        .collect();
    let chosen_period = period.map(|p| p.to_string());
    let page = DashboardPage {
        page: Page::new("Dashboard", Some(&user), "/"),
        periods: choices(
            periods::known_periods(&data, &quarters)
                .into_iter()
                .map(|p| (p.to_string(), p.to_string())),
            chosen_period.as_deref(),
        ),
        priorities: choices(
            data.priorities
                .iter()
                .map(|p| (p.code.clone(), p.title.clone())),
            priority.as_deref(),
        ),
        departments: choices(
            data.departments
                .iter()
                .map(|d| (d.code.clone(), d.name.clone())),
            department.as_deref(),
        ),
        rags: choices(
            counts
                .iter()
                .map(|(c, l, _)| (c.to_string(), l.to_string())),
            rag.as_deref(),
        ),
        counts,
        filtered: priority.is_some() || department.is_some() || rag.is_some(),
        rows,
        period,
    };
    Ok(Html(page.render()?))
}
