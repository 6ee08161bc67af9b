//! One indicator: its chart, every year's figures and targets, benchmarks and quartile position,
//! all past commentary, and (for those who may) the audit trail of its figures.

use crate::error::{PathOf, QueryOf};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use rust_decimal::Decimal;
use scrutiny_domain::Dataset;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::performance::model::{Benchmark, Indicator, ValueEntry};
use scrutiny_domain::performance::rag::Quartile;
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use scrutiny_domain::plans::{CommentaryKind, TargetRevision};
use scrutiny_report::document::Block;
use scrutiny_report::performance::view::{
    IndicatorView, indicator_chart, paragraphs, with_initials,
};
use scrutiny_report::plans::strategy::decision_words;
use scrutiny_store::AuditEntry;

use super::dashboard::Filters;
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Page, tag_class};
use crate::periods;
use crate::roles::Action;
use crate::state::AppState;

pub struct YearRow {
    pub year: String,
    pub quarters: Vec<String>,
    pub outturn: String,
    pub target: String,
}

pub struct BenchRow {
    pub year: String,
    pub top: String,
    pub bottom: String,
    pub national: String,
    pub neighbours: String,
    pub position: String,
}

/// Where a computed figure came from, and for those who may see them, a link to the records
/// kept behind it.
pub struct Source {
    pub text: String,
    /// The records page and how many records it lists.
    pub records: Option<(String, u64)>,
}

pub struct Comment {
    pub when: String,
    pub text: String,
}

pub struct RevisionRow {
    pub review: String,
    pub year: String,
    pub previous: String,
    pub proposed: String,
    pub proposed_by: String,
    pub decision: &'static str,
    pub decided_by: String,
    pub rationale: String,
}

pub struct StrategyComment {
    pub period: Period,
    /// The strategy and the measure's reference in it.
    pub source: String,
    pub heading: &'static str,
    pub paragraphs: Vec<String>,
}

pub struct Chart {
    pub title: String,
    pub svg: String,
    pub alt: String,
}

#[derive(Template)]
#[template(path = "performance/indicator.html")]
struct IndicatorPage {
    page: Page,
    ind: Indicator,
    department: String,
    priority: String,
    rule: String,
    polarity: &'static str,
    period: String,
    view: Option<IndicatorView>,
    chart: Option<Chart>,
    years: Vec<YearRow>,
    benchmarks: Vec<BenchRow>,
    comments: Vec<Comment>,
    /// Figures computed from case records, and where each came from, newest first.
    sources: Vec<Source>,
    revisions: Vec<RevisionRow>,
    strategy_comments: Vec<StrategyComment>,
    /// The quarter's figure's status ("unvalidated"), as the strategy report prints it.
    status: Option<&'static str>,
    audit: Option<Vec<AuditEntry>>,
    /// The indicator's code, URL-encoded, for those who may change the framework.
    edit_code: Option<String>,
}

impl IndicatorPage {
    fn tag(&self, state: &str) -> &'static str {
        tag_class(state)
    }
}

/// One indicator's value for a year and quarter (`None`: the outturn).
fn value_of<'a>(
    data: &'a Dataset,
    code: &str,
    y: FinancialYear,
    q: Option<Quarter>,
) -> Option<&'a ValueEntry> {
    data.values
        .iter()
        .find(|v| v.indicator == code && v.year == y && v.quarter == q)
}

/// Every year with a figure or a target, newest first: its quarters, outturn and target.
fn year_rows(data: &Dataset, ind: &Indicator) -> Vec<YearRow> {
    let code = ind.code.as_str();
    let fmt = |f: &Figure| f.display(ind.unit, ind.decimals);
    let mut years: Vec<FinancialYear> = data
        .values
        .iter()
        .filter(|v| v.indicator == code)
        .map(|v| v.year)
        .chain(
            data.targets
                .iter()
                .filter(|t| t.indicator == code)
                .map(|t| t.year),
        )
        .collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    let shown = |y, q| {
        value_of(data, code, y, q)
            .map(|v| fmt(&v.value))
            .unwrap_or_default()
    };
    years
        .iter()
        .map(|&y| YearRow {
            year: y.to_string(),
            quarters: Quarter::ALL.iter().map(|q| shown(y, Some(*q))).collect(),
            outturn: shown(y, None),
            target: data
                .targets
                .iter()
                .find(|t| t.indicator == code && t.year == y && t.quarter.is_none())
                .map(|t| fmt(&t.target))
                .unwrap_or_default(),
        })
        .collect()
}

/// The benchmarks, newest first, with where the year's latest figure sits among them.
fn bench_rows(data: &Dataset, ind: &Indicator) -> Vec<BenchRow> {
    let code = ind.code.as_str();
    let fmt = |x: Option<Decimal>| {
        x.map(|v| Figure::number(v).display(ind.unit, ind.decimals))
            .unwrap_or_default()
    };
    let mut benches: Vec<&Benchmark> = data
        .benchmarks
        .iter()
        .filter(|b| b.indicator == code)
        .collect();
    benches.sort_by_key(|b| std::cmp::Reverse(b.year));
    benches
        .iter()
        .map(|b| {
            let latest = value_of(data, code, b.year, None)
                .or_else(|| {
                    Quarter::ALL
                        .iter()
                        .rev()
                        .find_map(|q| value_of(data, code, b.year, Some(*q)))
                })
                .and_then(|v| v.value.as_number());
            BenchRow {
                year: b.year.to_string(),
                top: fmt(b.top_quartile),
                bottom: fmt(b.bottom_quartile),
                national: fmt(b.national),
                neighbours: fmt(b.statistical_neighbours),
                position: latest
                    .zip(b.top_quartile.zip(b.bottom_quartile))
                    .and_then(|(v, (top, bottom))| Quartile::of(v, top, bottom, ind.polarity))
                    .map(Quartile::words)
                    .unwrap_or_default()
                    .to_string(),
            }
        })
        .collect()
}

/// Every past commentary on the indicator's figures, newest first, with the initials the
/// reports print after it.
fn comments(data: &Dataset, code: &str) -> Vec<Comment> {
    let mut comments: Vec<(FinancialYear, Option<Quarter>, String)> = data
        .values
        .iter()
        .filter(|v| v.indicator == code)
        .filter_map(|v| {
            with_initials(v.commentary.as_deref(), v.initials.as_deref())
                .map(|c| (v.year, v.quarter, c))
        })
        .collect();
    comments.sort_by_key(|(y, q, _)| std::cmp::Reverse((*y, q.map_or(5, Quarter::number))));
    comments
        .into_iter()
        .map(|(y, q, text)| Comment {
            when: match q {
                Some(q) => format!("{y} {q}"),
                None => format!("{y} outturn"),
            },
            text,
        })
        .collect()
}

/// Every proposed revision of the indicator's targets, newest year first, as the strategy's
/// target review prints them.
fn revisions(data: &Dataset, ind: &Indicator) -> Vec<RevisionRow> {
    let fmt = |f: &Figure| f.display(ind.unit, ind.decimals);
    let mut v: Vec<&TargetRevision> = data
        .target_revisions
        .iter()
        .filter(|r| r.indicator == ind.code)
        .collect();
    v.sort_by(|a, b| (b.year, &b.review).cmp(&(a.year, &a.review)));
    v.into_iter()
        .map(|r| {
            let by_on = |who: &Option<String>, when: Option<chrono::NaiveDate>| {
                [who.clone(), when.map(|d| d.to_string())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            RevisionRow {
                review: r.review.clone(),
                year: r.year.to_string(),
                previous: fmt(&r.previous),
                proposed: fmt(&r.proposed),
                proposed_by: by_on(&r.proposed_by, r.proposed_on),
                decision: decision_words(r.decision),
                decided_by: by_on(&r.decided_by, r.decided_on),
                rationale: r.rationale.clone().unwrap_or_default(),
            }
        })
        .collect()
}

/// The strategies' commentary on the indicator (data, performance, key activities), newest
/// period first, under the headings the strategy progress report prints.
fn strategy_comments(data: &Dataset, code: &str) -> Vec<StrategyComment> {
    let mut out: Vec<StrategyComment> = Vec::new();
    for m in data
        .strategy_measures
        .iter()
        .filter(|m| m.indicator == code)
    {
        let title = data
            .strategies
            .iter()
            .find(|s| s.code == m.strategy)
            .map_or(m.strategy.as_str(), |s| s.title.as_str());
        for kind in [
            CommentaryKind::Data,
            CommentaryKind::Performance,
            CommentaryKind::KeyActivities,
        ] {
            let found = data
                .measure_commentary
                .iter()
                .filter(|c| c.strategy == m.strategy && c.reference == m.reference);
            for c in found.filter(|c| c.kind == kind) {
                out.push(StrategyComment {
                    period: c.period,
                    source: format!("{title}, {}", m.reference),
                    heading: kind.heading(),
                    paragraphs: paragraphs(&c.text),
                });
            }
        }
    }
    // Stable: within a period the kinds stay in the report's order.
    out.sort_by_key(|c| std::cmp::Reverse(c.period));
    out
}

pub async fn show(
    State(state): State<AppState>,
    user: User,
    PathOf(code): PathOf<String>,
    QueryOf(f): QueryOf<Filters>,
) -> Result<Html<String>, AppError> {
    user.require(Action::ReadPerformance)?;
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let ind = data
        .indicators
        .iter()
        .find(|i| i.code == code)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no indicator '{code}'.")))?;
    let period = periods::chosen_with_figures(f.period.as_deref(), &data, &quarters)?;
    let view = match period {
        Some(p) => state
            .judged(p)
            .await?
            .iter()
            .find(|v| v.indicator.code == code)
            .cloned(),
        None => None,
    };
    let chart = period
        .and_then(|p| indicator_chart(&data, p, &code))
        .and_then(|b| match b {
            Block::Chart {
                title, svg, alt, ..
            } => Some(Chart { title, svg, alt }),
            _ => None,
        });
    let audit = if user.may(Action::ReadAudit) || user.may(Action::ReadReturn(&ind.department)) {
        Some(
            state
                .store
                .audit_about(
                    &[
                        format!("indicator_values {code} /"),
                        format!("targets {code} /"),
                        format!("indicators {code}"),
                    ],
                    Some(&code),
                    50,
                )
                .await?,
        )
    } else {
        None
    };
    let (years, benchmarks, comments) = (
        year_rows(&data, &ind),
        bench_rows(&data, &ind),
        comments(&data, &code),
    );
    let status = period
        .and_then(|p| value_of(&data, &code, p.year, Some(p.quarter)))
        .and_then(|v| v.status)
        .map(|s| s.code());
    let (revisions, strategy_comments) = (revisions(&data, &ind), strategy_comments(&data, &code));
    let mut sourced: Vec<_> = data
        .value_sources
        .iter()
        .filter(|s| s.indicator == ind.code)
        .collect();
    sourced.sort_by_key(|s| std::cmp::Reverse((s.year, s.quarter)));
    let kept = if user.may(Action::ReadCaseRecords(&ind.department)) && !sourced.is_empty() {
        state.store.kept_records(&code).await?
    } else {
        Vec::new()
    };
    let sources = sourced
        .iter()
        .map(|s| {
            let when = s.quarter.map_or_else(
                || format!("{} outturn", s.year),
                |q| Period::new(s.year, q).to_string(),
            );
            let records = kept
                .iter()
                .find(|k| k.year == s.year && k.quarter == s.quarter)
                .map(|k| {
                    let href = format!(
                        "/indicators/{}/records/{}/{}",
                        crate::error::urlencode(&code),
                        s.year.0,
                        s.quarter.map_or(0, |q| q.number())
                    );
                    (href, k.lines)
                });
            Source {
                text: format!(
                    "{when}: {}, on {}",
                    s.source,
                    scrutiny_domain::period::long_date(s.computed_on)
                ),
                records,
            }
        })
        .collect();
    let page = IndicatorPage {
        sources,
        page: Page::new(ind.description.clone(), Some(&user), "/"),
        department: data
            .departments
            .iter()
            .find(|d| d.code == ind.department)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| ind.department.clone()),
        priority: ind
            .priority
            .as_ref()
            .and_then(|p| data.priorities.iter().find(|x| &x.code == p))
            .map(|p| p.title.clone())
            .unwrap_or_else(|| "None".into()),
        rule: data
            .rag_rules
            .iter()
            .find(|r| r.code == ind.rag_rule)
            .map(|r| r.description.clone())
            .unwrap_or_default(),
        polarity: ind.polarity.sentence(),
        period: period.map(|p| p.to_string()).unwrap_or_default(),
        ind,
        view,
        chart,
        years,
        benchmarks,
        comments,
        revisions,
        strategy_comments,
        status,
        audit,
        edit_code: user
            .may(Action::EditFramework)
            .then(|| crate::error::urlencode(&code)),
    };
    Ok(Html(page.render()?))
}
