//! The judgements a report prints, for screens that show them outside a report (the web app's
//! dashboard, indicator page and return form), computed by the very same code.

use scrutiny_domain::Dataset;
use scrutiny_domain::performance::model::Indicator;
use scrutiny_domain::performance::rag::Rag;
use scrutiny_domain::period::Period;

use crate::document::{Block, IndicatorRow};
use crate::performance::context::Context;
/// How the reports write commentary: "text (NM)", and one paragraph per blank-line break.
pub use crate::performance::context::with_initials;
pub use crate::performance::sections::paragraphs;

/// One indicator as a report would print it for the period.
#[derive(Debug, Clone)]
pub struct IndicatorView {
    pub indicator: Indicator,
    pub row: IndicatorRow,
    pub rag: Rag,
}

/// Every indicator in the period's plan that `keep` accepts, in plan order, judged as the
/// reports judge them.
pub fn assess_indicators(
    data: &Dataset,
    period: Period,
    keep: impl Fn(&Indicator) -> bool,
) -> Vec<IndicatorView> {
    let mut ctx = Context::new(data, period);
    ctx.indicators(keep)
        .into_iter()
        .map(|ind| {
            let a = ctx.assess(&ind);
            IndicatorView {
                indicator: ind,
                row: a.row,
                rag: a.rag,
            }
        })
        .collect()
}

/// The report's chart for one indicator (this year against last, target and quartiles).
pub fn indicator_chart(data: &Dataset, period: Period, code: &str) -> Option<Block> {
    let ctx = Context::new(data, period);
    let ind = data.indicators.iter().find(|i| i.code == code)?;
    crate::chart::indicator_chart(&ctx, ind)
}

/// A department's revenue budget statement for the period, every total and variance computed.
pub fn finance_statement(data: &Dataset, period: Period, department: &str) -> Option<Block> {
    let mut ctx = Context::new(data, period);
    let dept = data.departments.iter().find(|d| d.code == department)?;
    crate::performance::sections::finance_block(&mut ctx, dept)
}
