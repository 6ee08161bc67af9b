//! Every document the site publishes, worked out from the data held: the quarter's monitoring
//! reports, each strategy's progress reports, each action plan as reported on each date, each
//! business plan and each year's complaints report. The Reports pages list this catalogue and the
//! download routes build the same documents, so a link never leads nowhere.

use chrono::NaiveDate;
use scrutiny_domain::Dataset;
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::performance::returns::QuarterState;
use scrutiny_domain::period::{FinancialYear, Period, long_date};
use scrutiny_store::QuarterRow;

use crate::error::urlencode;
use crate::periods;
use crate::render::Format;

/// The kinds of document, in the order the Reports page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Quarterly,
    Strategy,
    ActionPlan,
    BusinessPlan,
    Complaints,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Quarterly,
        Group::Strategy,
        Group::ActionPlan,
        Group::BusinessPlan,
        Group::Complaints,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Group::Quarterly => "Quarterly monitoring reports",
            Group::Strategy => "Strategy progress reports",
            Group::ActionPlan => "Action plans",
            Group::BusinessPlan => "Business plans",
            Group::Complaints => "Complaints annual reports",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Group::Quarterly => "quarterly",
            Group::Strategy => "strategy",
            Group::ActionPlan => "action-plans",
            Group::BusinessPlan => "business-plans",
            Group::Complaints => "complaints",
        }
    }
}

/// One document as listed: what it is, the period it covers, the date it carries, and a link
/// per format.
pub struct Listed {
    pub group: Group,
    pub title: String,
    pub description: &'static str,
    pub period: String,
    pub published: bool,
    pub produced: String,
    /// (href, label) per format
    pub files: Vec<(String, &'static str)>,
}

/// When a board's quarter was published, if it has been. A quarter published before the date
/// was kept is dated `today`.
pub fn published_on(
    quarters: &[QuarterRow],
    board: &str,
    p: Period,
    today: NaiveDate,
) -> Option<NaiveDate> {
    quarters
        .iter()
        .find(|q| q.board == board && q.period == p && q.state == QuarterState::Published)
        .map(|q| {
            q.published_at
                .as_deref()
                .and_then(|s| s.get(..10))
                .and_then(|d| scrutiny_domain::period::parse_date(d).ok())
                .unwrap_or(today)
        })
}

/// The address segment of an action plan with no progress reported yet, in place of a date.
pub const LATEST: &str = "latest";

/// The quarter whose publication makes an action plan's report as at `as_at` public: the one
/// the date falls in.
pub fn action_plan_quarter(as_at: NaiveDate) -> Period {
    Period::containing(as_at)
}

/// The quarter whose publication makes a business plan public: the first of its first year,
/// when the board first monitors it.
pub fn business_plan_quarter(first: FinancialYear) -> Period {
    Period::new(first, scrutiny_domain::period::Quarter::Q1)
}

/// A board's quarters for which a strategy progress report can be made: those within the
/// strategy's years with a measure's figure or commentary.
pub fn strategy_periods(data: &Dataset, strategy: &str) -> Vec<Period> {
    let Some(st) = data.strategies.iter().find(|s| s.code == strategy) else {
        return Vec::new();
    };
    let measured: Vec<&str> = data
        .strategy_measures
        .iter()
        .filter(|m| m.strategy == strategy)
        .map(|m| m.indicator.as_str())
        .collect();
    let mut v: Vec<Period> = data
        .values
        .iter()
        .filter(|v| measured.contains(&v.indicator.as_str()))
        .filter_map(|v| v.quarter.map(|q| Period::new(v.year, q)))
        .chain(
            data.measure_commentary
                .iter()
                .filter(|c| c.strategy == strategy)
                .map(|c| c.period),
        )
        .filter(|p| (st.from_year..=st.to_year).contains(&p.year))
        .collect();
    v.sort_unstable();
    v.dedup();
    v.reverse();
    v
}

/// Every date progress on an action plan was reported, newest first.
pub fn action_plan_dates(data: &Dataset, plan: &str) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = data
        .action_updates
        .iter()
        .filter(|u| u.plan == plan)
        .map(|u| u.as_at)
        .collect();
    v.sort_unstable();
    v.dedup();
    v.reverse();
    v
}

/// Every (board, first year) with a business plan: a year the board's departments' objectives
/// are planned for, newest first.
pub fn business_plans(data: &Dataset) -> Vec<(String, FinancialYear)> {
    let board_of = |objective: &str| {
        let dept = data
            .objectives
            .iter()
            .find(|o| o.reference == objective)?
            .department
            .as_str();
        data.departments
            .iter()
            .find(|d| d.code == dept)
            .map(|d| d.board.clone())
    };
    let mut v: Vec<(String, FinancialYear)> = data
        .objective_plans
        .iter()
        .filter_map(|p| board_of(&p.objective).map(|b| (b, p.year)))
        .collect();
    v.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
    v.dedup();
    v
}

/// Every financial year in which a complaint was received, newest first.
pub fn complaint_years(data: &ComplaintsData) -> Vec<FinancialYear> {
    let mut years: Vec<FinancialYear> = data
        .cases
        .iter()
        .filter_map(|c| c.received.map(FinancialYear::containing))
        .collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    years
}

/// "2013/14 to 2015/16".
pub fn plan_span(first: FinancialYear) -> String {
    format!("{first} to {}", first.next().next())
}

/// A link per format, each `{base}/{ext}`.
fn files(base: &str) -> Vec<(String, &'static str)> {
    Format::ALL
        .iter()
        .map(|f| (format!("{base}/{}", f.ext()), f.label()))
        .collect()
}

/// A document of the framework before it is listed: the board and quarter whose publication
/// makes it public, and where its files are (`{base}/{ext}`).
struct Candidate {
    group: Group,
    board: String,
    /// `None` for a document that belongs to no quarter, so is never public.
    quarter: Option<Period>,
    title: String,
    period: String,
    description: &'static str,
    base: String,
}

/// Every document the performance framework's data makes, whether published or not.
fn candidates(data: &Dataset, quarters: &[QuarterRow]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in periods::known_periods(data, quarters) {
        let at = periods::path(p);
        for b in &data.boards {
            out.push(Candidate {
                group: Group::Quarterly,
                board: b.code.clone(),
                quarter: Some(p),
                title: format!("{} Priority Based Report", b.name),
                period: p.to_string(),
                description: "Progress on the board's priorities: key indicators and milestones \
                              by exception, with the directorate's finances.",
                base: format!("/reports/pbr/{}/{at}", urlencode(&b.code)),
            });
        }
        for d in &data.departments {
            out.push(Candidate {
                group: Group::Quarterly,
                board: d.board.clone(),
                quarter: Some(p),
                title: format!("Quarterly Monitoring Report: {}", d.name),
                period: p.to_string(),
                description: "One department's quarter: every key indicator and milestone with \
                              its commentary, risks and budget.",
                base: format!("/reports/qmr/{}/{at}", urlencode(&d.code)),
            });
        }
    }
    for st in &data.strategies {
        for p in strategy_periods(data, &st.code) {
            out.push(Candidate {
                group: Group::Strategy,
                board: st.board.clone(),
                quarter: Some(p),
                title: format!("{} – Progress Report", st.title),
                period: p.to_string(),
                description: "Progress on each of the strategy's measures, with commentary, and \
                              any proposed target revisions.",
                base: format!(
                    "/reports/strategy/{}/{}",
                    urlencode(&st.code),
                    periods::path(p)
                ),
            });
        }
    }
    for plan in &data.action_plans {
        let description = "Each action's status and progress, and what has changed since the \
                           previous report.";
        let dates = action_plan_dates(data, &plan.code);
        for &d in &dates {
            out.push(Candidate {
                group: Group::ActionPlan,
                board: plan.board.clone(),
                quarter: Some(action_plan_quarter(d)),
                title: plan.title.clone(),
                period: format!("As at {}", long_date(d)),
                description,
                base: format!("/reports/action-plan/{}/{d}", urlencode(&plan.code)),
            });
        }
        if dates.is_empty() {
            // The plan itself, before any progress: for officers only, as it belongs to no
            // published quarter.
            out.push(Candidate {
                group: Group::ActionPlan,
                board: plan.board.clone(),
                quarter: None,
                title: plan.title.clone(),
                period: "No progress reported yet".into(),
                description,
                base: format!("/reports/action-plan/{}/{LATEST}", urlencode(&plan.code)),
            });
        }
    }
    for (board, first) in business_plans(data) {
        out.push(Candidate {
            group: Group::BusinessPlan,
            base: format!("/reports/business-plan/{}/{}", urlencode(&board), first.0),
            board,
            quarter: Some(business_plan_quarter(first)),
            title: scrutiny_report::plans::business_plan::business_plan_title(first),
            period: plan_span(first),
            description: "Each department's service objectives with their milestones and risks, \
                          and its key indicators with targets for the plan's three years.",
        });
    }
    out
}

/// The catalogue: every document of the performance framework, and (when `complaints` is given)
/// each year's published complaints report. Documents of unpublished quarters are left out
/// unless `everything`; each is dated the day its quarter was published, else today (it is
/// made on request).
pub fn catalogue(
    data: &Dataset,
    quarters: &[QuarterRow],
    complaints: Option<&ComplaintsData>,
    everything: bool,
    today: NaiveDate,
) -> Vec<Listed> {
    let mut out: Vec<Listed> = candidates(data, quarters)
        .into_iter()
        .filter_map(|c| {
            let published = c
                .quarter
                .and_then(|q| published_on(quarters, &c.board, q, today));
            (everything || published.is_some()).then(|| Listed {
                group: c.group,
                title: c.title,
                description: c.description,
                period: c.period,
                published: published.is_some(),
                produced: long_date(published.unwrap_or(today)),
                files: files(&c.base),
            })
        })
        .collect();
    if let Some(c) = complaints {
        for y in complaint_years(c) {
            out.push(Listed {
                group: Group::Complaints,
                title: "Annual Report: Comments, Complaints and Compliments relating to \
                        Children's Social Care"
                    .into(),
                description: "Complaints and compliments received in the year, how quickly they \
                              were answered and what was learned. Small numbers are not shown, \
                              so no one can be identified.",
                period: y.to_string(),
                published: true,
                produced: long_date(today),
                files: files(&format!("/complaints/report/{}", y.0)),
            });
        }
    }
    out
}
