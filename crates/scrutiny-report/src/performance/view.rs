//! The judgements a report prints, for screens that show them outside a report (the web app's
//! dashboard, indicator page and return form), computed by the very same code.

use std::collections::HashMap;

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

/// The context judging `department`'s figures: its board's number style, shares and exception
/// rule, as that board's reports judge them.
fn context_for<'a>(data: &'a Dataset, period: Period, department: &str) -> Context<'a> {
    let ctx = Context::new(data, period);
    match data.departments.iter().find(|d| d.code == department) {
        Some(d) => ctx.for_board(&d.board),
        None => ctx,
    }
}

/// Every indicator in the period's plan that `keep` accepts, in plan order, judged as its
/// board's reports judge them.
pub fn assess_indicators(
    data: &Dataset,
    period: Period,
    keep: impl Fn(&Indicator) -> bool,
) -> Vec<IndicatorView> {
    let listed = Context::new(data, period).indicators(keep);
    // One context per department (a handful), not per indicator: each holds the period's lookups.
    let mut contexts: HashMap<String, Context> = HashMap::new();
    listed
        .into_iter()
        .map(|ind| {
            let ctx = contexts
                .entry(ind.department.clone())
                .or_insert_with(|| context_for(data, period, &ind.department));
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
    let ind = data.indicators.iter().find(|i| i.code == code)?;
    let ctx = context_for(data, period, &ind.department);
    crate::chart::indicator_chart(&ctx, ind)
}

/// A department's revenue budget statement for the period, every total and variance computed.
pub fn finance_statement(data: &Dataset, period: Period, department: &str) -> Option<Block> {
    let mut ctx = context_for(data, period, department);
    let dept = data.departments.iter().find(|d| d.code == department)?;
    crate::performance::sections::finance_block(&mut ctx, dept)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use scrutiny_domain::figure::{Figure, Unit};
    use scrutiny_domain::format::Negatives;
    use scrutiny_domain::performance::model::{Board, Department, ValueEntry};
    use scrutiny_domain::period::FinancialYear;

    use super::*;

    #[test]
    fn screens_print_figures_in_the_indicators_boards_style() {
        let mut data = Dataset::default();
        for (board, negatives) in [("B1", Negatives::Brackets), ("B2", Negatives::Minus)] {
            data.boards.push(Board {
                code: board.into(),
                name: board.into(),
                council: None,
                negatives: Some(negatives),
                percent_places: None,
                exception_rule: None,
                count_by_group: false,
                clear_days: None,
            });
            let dept = format!("D{board}");
            data.departments.push(Department {
                code: dept.clone(),
                name: dept.clone(),
                board: board.into(),
                directorate: None,
                director_initials: None,
                director_name: None,
                director_title: None,
            });
            let code = format!("I{board}");
            data.indicators
                .push(Indicator::new(&code, "A change", &dept, Unit::Number, "R"));
            data.values.push(ValueEntry::new(
                &code,
                FinancialYear(2012),
                Some(scrutiny_domain::period::Quarter::Q1),
                Figure::parse("-5").unwrap(),
            ));
        }
        let period = Period::parse("2012/13 Q1").unwrap();
        let shown: Vec<String> = assess_indicators(&data, period, |_| true)
            .into_iter()
            .map(|v| v.row.current)
            .collect();
        assert_eq!(shown, ["(5)", "-5"]);
    }
}
