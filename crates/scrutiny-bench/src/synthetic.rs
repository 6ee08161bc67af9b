//! A large synthetic council: enough indicators, milestones and history to stress the report path.
//! Deterministic (a fixed linear congruential sequence) so every run measures the same work.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::performance::finance::{BudgetGroup, BudgetLine};
use scrutiny_domain::performance::model::*;
use scrutiny_domain::performance::rag::{BandUnit, Polarity, Rag, RagMethod, RagRule};
use scrutiny_domain::period::{FinancialYear, Period, Quarter};

pub struct Size {
    pub indicators: usize,
    pub milestones: usize,
    pub years: i32,
    pub departments: usize,
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// The council, with its last year's Q4 as the reporting period.
pub fn council(size: &Size, last_year: i32) -> (Dataset, Period) {
    let mut rng = Lcg(42);
    let mut d = Dataset::default();
    d.boards.push(Board {
        code: "BIG".into(),
        name: "Synthetic Children's Policy and Performance Board".into(),
        council: Some("Synthetic Borough Council".into()),
        negatives: None,
        percent_places: None,
        exception_rule: None,
        count_by_group: false,
        clear_days: None,
    });
    d.rag_rules.push(RagRuleDef {
        code: "ANNUAL".into(),
        rule: RagRule {
            method: RagMethod::AnnualTarget,
            amber_band: Decimal::from(5),
            band_unit: BandUnit::Percent,
        },
        description: "Latest figure against the annual target; amber within 5%.".into(),
        comparison: Default::default(),
    });
    let priorities = 6;
    for p in 0..priorities {
        d.priorities.push(Priority {
            board: "BIG".into(),
            code: format!("P{p}"),
            title: format!("Priority {p}: outcomes for children & families"),
            position: p as i64,
            note: None,
        });
    }
    departments(&mut d, &mut rng, size, last_year);
    milestones(&mut d, &mut rng, size, last_year, priorities);
    indicators(&mut d, &mut rng, size, last_year, priorities);
    for p in 0..priorities {
        d.commentary.push(Commentary {
            period: Period::new(FinancialYear(last_year), Quarter::Q4),
            board: Some("BIG".into()),
            department: None,
            section: Section::Indicators,
            priority: Some(format!("P{p}")),
            theme: None,
            title: None,
            text: "Performance has improved across most measures this quarter; see the charts in the appendix.".into(),
            initials: Some("OD0".into()),
            position: p as i64,
        });
    }
    (d, Period::new(FinancialYear(last_year), Quarter::Q4))
}

/// Each department with its objective and four budget lines.
fn departments(d: &mut Dataset, rng: &mut Lcg, size: &Size, last_year: i32) {
    for dep in 0..size.departments {
        let code = format!("D{dep}");
        d.departments.push(Department {
            code: code.clone(),
            name: format!("Department {dep}"),
            board: "BIG".into(),
            directorate: Some("People".into()),
            director_initials: Some(format!("OD{dep}")),
            director_name: Some(format!("Director {dep}")),
            director_title: Some(format!("Operational Director, Department {dep}")),
        });
        d.objectives.push(Objective {
            reference: format!("{code}1"),
            department: code.clone(),
            title: None,
        });
        for (i, (g, name)) in [
            (BudgetGroup::Expenditure, "Employees"),
            (BudgetGroup::Expenditure, "Premises"),
            (BudgetGroup::Income, "Grant"),
            (BudgetGroup::Recharges, "Support Costs"),
        ]
        .into_iter()
        .enumerate()
        {
            let sign = if g == BudgetGroup::Income { -1 } else { 1 };
            let annual = sign * (1000 + rng.next(9000) as i64);
            d.budget_lines.push(BudgetEntry {
                department: code.clone(),
                period: Period::new(FinancialYear(last_year), Quarter::Q4),
                as_at: NaiveDate::from_ymd_opt(last_year + 1, 3, 31).unwrap_or_default(),
                position: i as i64,
                line: BudgetLine {
                    group: g,
                    name: name.into(),
                    annual_budget: Some(Decimal::from(annual)),
                    budget_to_date: Some(Decimal::from(annual)),
                    expenditure_to_date: Some(Decimal::from(
                        annual + sign * (rng.next(200) as i64 - 100),
                    )),
                },
            });
        }
    }
}

/// Key milestones spread over the departments and priorities, each with its Q4 progress.
fn milestones(d: &mut Dataset, rng: &mut Lcg, size: &Size, last_year: i32, priorities: usize) {
    for m in 0..size.milestones {
        let dep = m % size.departments;
        let code = format!("M{m}");
        d.milestones.push(Milestone {
            code: code.clone(),
            objective: format!("D{dep}1"),
            year: FinancialYear(last_year),
            priority: Some(format!("P{}", m % priorities)),
            key: true,
            text: format!(
                "Deliver improvement {m} to services for children and young people by March {}",
                last_year + 1
            ),
            position: m as i64,
        });
        let progress = [Rag::Green, Rag::Green, Rag::Amber, Rag::Red][rng.next(4) as usize];
        d.milestone_progress.push(MilestoneProgress {
            milestone: code,
            period: Period::new(FinancialYear(last_year), Quarter::Q4),
            progress,
            commentary: Some("Progress is on track with partners engaged.".into()),
            initials: None,
            basis: None,
        });
    }
}

/// Key indicators with a target and five figures a year, and benchmarks for every fourth.
fn indicators(d: &mut Dataset, rng: &mut Lcg, size: &Size, last_year: i32, priorities: usize) {
    let first = last_year - size.years + 1;
    for i in 0..size.indicators {
        let code = format!("LI{i:04}");
        d.indicators.push(Indicator {
            refs: format!("{code} SCS"),
            priority: Some(format!("P{}", i % priorities)),
            polarity: if i % 3 == 0 {
                Polarity::LowerIsBetter
            } else {
                Polarity::HigherIsBetter
            },
            decimals: Some(1),
            position: i as i64,
            ..Indicator::new(
                &code,
                &format!("Percentage of children and young people meeting outcome measure {i}"),
                &format!("D{}", i % size.departments),
                Unit::Percent,
                "ANNUAL",
            )
        });
        let base = 40 + rng.next(40) as i64;
        for y in first..=last_year {
            d.targets.push(TargetEntry {
                indicator: code.clone(),
                year: FinancialYear(y),
                quarter: None,
                target: Figure::number(Decimal::new(base * 10 + 25, 1)),
                original: None,
            });
            for q in Quarter::ALL {
                let v = Decimal::new(base * 10 + rng.next(100) as i64 - 50, 1);
                d.values.push(ValueEntry::new(
                    &code,
                    FinancialYear(y),
                    Some(q),
                    Figure::number(v),
                ));
            }
            d.values.push(ValueEntry::new(
                &code,
                FinancialYear(y),
                None,
                Figure::number(Decimal::new(base * 10, 1)),
            ));
        }
        if i % 4 == 0 {
            d.benchmarks.push(Benchmark {
                indicator: code,
                year: FinancialYear(last_year),
                top_quartile: Some(Decimal::from(base + 8)),
                bottom_quartile: Some(Decimal::from(base - 8)),
                national: None,
                statistical_neighbours: None,
                note: None,
            });
        }
    }
}
