//! Revenue budget statements: lines in, computed totals out.
//!
//! Layout and arithmetic follow the seeds' statements (£'000): Variance = Budget to Date −
//! Expenditure to Date (an overspend is negative, printed in brackets); NET OPERATIONAL BUDGET =
//! Total Expenditure + Total Income (income is negative); Net Expenditure = NET OPERATIONAL
//! BUDGET + Total Recharges. A blank cell counts as zero in totals and stays blank on its line.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetGroup {
    Expenditure,
    Income,
    Recharges,
}

impl BudgetGroup {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "expenditure" => BudgetGroup::Expenditure,
            "income" => BudgetGroup::Income,
            "recharges" => BudgetGroup::Recharges,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.to_string(),
                    "expenditure, income, recharges",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            BudgetGroup::Expenditure => "expenditure",
            BudgetGroup::Income => "income",
            BudgetGroup::Recharges => "recharges",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            BudgetGroup::Expenditure => "Expenditure",
            BudgetGroup::Income => "Income",
            BudgetGroup::Recharges => "Recharges",
        }
    }
}

/// One entered line of a statement. `None` is a blank cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub group: BudgetGroup,
    pub name: String,
    pub annual_budget: Option<Decimal>,
    pub budget_to_date: Option<Decimal>,
    pub expenditure_to_date: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Heading,
    Line,
    Total,
    /// NET OPERATIONAL BUDGET and Net Expenditure.
    Net,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRow {
    pub kind: RowKind,
    pub label: String,
    pub annual_budget: Option<Decimal>,
    pub budget_to_date: Option<Decimal>,
    pub expenditure_to_date: Option<Decimal>,
    pub variance_to_date: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sums {
    pub annual_budget: Decimal,
    pub budget_to_date: Decimal,
    pub expenditure_to_date: Decimal,
}

impl Sums {
    pub fn variance(&self) -> Decimal {
        self.budget_to_date - self.expenditure_to_date
    }

    fn plus(self, o: Sums) -> Sums {
        Sums {
            annual_budget: self.annual_budget + o.annual_budget,
            budget_to_date: self.budget_to_date + o.budget_to_date,
            expenditure_to_date: self.expenditure_to_date + o.expenditure_to_date,
        }
    }

    fn of<'a>(lines: impl Iterator<Item = &'a BudgetLine>) -> Sums {
        lines.fold(Sums::default(), |s, l| Sums {
            annual_budget: s.annual_budget + l.annual_budget.unwrap_or_default(),
            budget_to_date: s.budget_to_date + l.budget_to_date.unwrap_or_default(),
            expenditure_to_date: s.expenditure_to_date + l.expenditure_to_date.unwrap_or_default(),
        })
    }

    fn row(self, kind: RowKind, label: &str) -> StatementRow {
        StatementRow {
            kind,
            label: label.to_string(),
            annual_budget: Some(self.annual_budget),
            budget_to_date: Some(self.budget_to_date),
            expenditure_to_date: Some(self.expenditure_to_date),
            variance_to_date: Some(self.variance()),
        }
    }
}

/// The computed statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub rows: Vec<StatementRow>,
    pub total_expenditure: Sums,
    pub total_income: Sums,
    pub net_operational_budget: Sums,
    pub total_recharges: Sums,
    pub net_expenditure: Sums,
}

pub const TOTAL_EXPENDITURE: &str = "Total Expenditure";
pub const TOTAL_INCOME: &str = "Total Income";
pub const NET_OPERATIONAL_BUDGET: &str = "NET OPERATIONAL BUDGET";
pub const TOTAL_RECHARGES: &str = "Total Recharges";
pub const NET_EXPENDITURE: &str = "Net Expenditure";

/// Builds the statement from its lines, in the order given within each group.
pub fn statement(lines: &[BudgetLine]) -> Statement {
    let in_group = |g: BudgetGroup| lines.iter().filter(move |l| l.group == g);
    let total_expenditure = Sums::of(in_group(BudgetGroup::Expenditure));
    let total_income = Sums::of(in_group(BudgetGroup::Income));
    let total_recharges = Sums::of(in_group(BudgetGroup::Recharges));
    let net_operational_budget = total_expenditure.plus(total_income);
    let net_expenditure = net_operational_budget.plus(total_recharges);

    let mut rows = Vec::new();
    let push_group = |g: BudgetGroup, rows: &mut Vec<StatementRow>| {
        rows.push(StatementRow {
            kind: RowKind::Heading,
            label: g.heading().to_string(),
            annual_budget: None,
            budget_to_date: None,
            expenditure_to_date: None,
            variance_to_date: None,
        });
        for l in in_group(g) {
            let variance = match (l.budget_to_date, l.expenditure_to_date) {
                (None, None) => Decimal::ZERO,
                (b, e) => b.unwrap_or_default() - e.unwrap_or_default(),
            };
            rows.push(StatementRow {
                kind: RowKind::Line,
                label: l.name.clone(),
                annual_budget: l.annual_budget,
                budget_to_date: l.budget_to_date,
                expenditure_to_date: l.expenditure_to_date,
                variance_to_date: Some(variance),
            });
        }
    };
    push_group(BudgetGroup::Expenditure, &mut rows);
    rows.push(total_expenditure.row(RowKind::Total, TOTAL_EXPENDITURE));
    push_group(BudgetGroup::Income, &mut rows);
    rows.push(total_income.row(RowKind::Total, TOTAL_INCOME));
    rows.push(net_operational_budget.row(RowKind::Net, NET_OPERATIONAL_BUDGET));
    push_group(BudgetGroup::Recharges, &mut rows);
    rows.push(total_recharges.row(RowKind::Total, TOTAL_RECHARGES));
    rows.push(net_expenditure.row(RowKind::Net, NET_EXPENDITURE));

    Statement {
        rows,
        total_expenditure,
        total_income,
        net_operational_budget,
        total_recharges,
        net_expenditure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(group: BudgetGroup, name: &str, a: i64, b: i64, e: i64) -> BudgetLine {
        BudgetLine {
            group,
            name: name.into(),
            annual_budget: Some(a.into()),
            budget_to_date: Some(b.into()),
            expenditure_to_date: Some(e.into()),
        }
    }

    #[test]
    fn totals_and_nets() {
        use BudgetGroup::*;
        let s = statement(&[
            line(Expenditure, "Employees", 8071, 1926, 1881),
            line(Expenditure, "In house Adoption", 437, 109, 129),
            line(Income, "Fees & Charges", -123, -10, -10),
            line(Recharges, "Premises Support Costs", 342, 86, 86),
        ]);
        assert_eq!(s.total_expenditure.variance(), Decimal::from(25));
        assert_eq!(
            s.net_operational_budget.annual_budget,
            Decimal::from(8071 + 437 - 123)
        );
        assert_eq!(
            s.net_expenditure.annual_budget,
            Decimal::from(8071 + 437 - 123 + 342)
        );
        let labels: Vec<&str> = s.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Expenditure",
                "Employees",
                "In house Adoption",
                TOTAL_EXPENDITURE,
                "Income",
                "Fees & Charges",
                TOTAL_INCOME,
                NET_OPERATIONAL_BUDGET,
                "Recharges",
                "Premises Support Costs",
                TOTAL_RECHARGES,
                NET_EXPENDITURE
            ]
        );
        assert_eq!(s.rows[2].variance_to_date, Some(Decimal::from(-20)));
    }

    #[test]
    fn blank_cells_are_blank_on_the_line_and_zero_in_totals() {
        let s = statement(&[BudgetLine {
            group: BudgetGroup::Expenditure,
            name: "Schools Contingency Costs".into(),
            annual_budget: Some(439.into()),
            budget_to_date: None,
            expenditure_to_date: None,
        }]);
        assert_eq!(s.rows[1].budget_to_date, None);
        assert_eq!(s.rows[1].variance_to_date, Some(Decimal::ZERO));
        assert_eq!(s.total_expenditure.annual_budget, Decimal::from(439));
    }

    proptest! {
        #[test]
        fn net_expenditure_variance_is_the_sum_of_line_variances(
            cells in proptest::collection::vec((0u8..3, -5000i64..5000, -5000i64..5000, -5000i64..5000), 0..40)
        ) {
            let lines: Vec<BudgetLine> = cells.iter().map(|(g, a, b, e)| {
                let g = [BudgetGroup::Expenditure, BudgetGroup::Income, BudgetGroup::Recharges][*g as usize];
                line(g, "x", *a, *b, *e)
            }).collect();
            let s = statement(&lines);
            let sum: Decimal = s.rows.iter().filter(|r| r.kind == RowKind::Line).filter_map(|r| r.variance_to_date).sum();
            prop_assert_eq!(s.net_expenditure.variance(), sum);
        }
    }
}
