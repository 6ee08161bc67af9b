//! Reading everything back as a [`Dataset`], the shape reports are built from.

use std::str::FromStr;

use rust_decimal::Decimal;
use scrutiny_domain::Dataset;
use scrutiny_domain::DomainError;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::finance::{BudgetGroup, BudgetLine};
use scrutiny_domain::model::*;
use scrutiny_domain::period::{FinancialYear, Period, Quarter, parse_date};
use scrutiny_domain::plans::*;
use scrutiny_domain::rag::{BandUnit, Override, Polarity, Rag, RagMethod, RagRule};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError};

/// A row reader that turns every decoding problem into [`StoreError::Corrupt`] naming the table.
pub(crate) struct R<'a> {
    pub row: &'a AnyRow,
    pub table: &'static str,
}

impl R<'_> {
    pub(crate) fn bad(&self, detail: impl ToString) -> StoreError {
        StoreError::Corrupt {
            table: self.table,
            detail: detail.to_string(),
        }
    }
    pub(crate) fn s(&self, col: &str) -> Result<String> {
        self.row.try_get::<String, _>(col).map_err(|e| self.bad(e))
    }
    pub(crate) fn os(&self, col: &str) -> Result<Option<String>> {
        self.row
            .try_get::<Option<String>, _>(col)
            .map_err(|e| self.bad(e))
    }
    pub(crate) fn i(&self, col: &str) -> Result<i64> {
        self.row.try_get::<i64, _>(col).map_err(|e| self.bad(e))
    }
    pub(crate) fn oi(&self, col: &str) -> Result<Option<i64>> {
        self.row
            .try_get::<Option<i64>, _>(col)
            .map_err(|e| self.bad(e))
    }
    pub(crate) fn parse<T>(
        &self,
        col: &str,
        f: impl Fn(&str) -> std::result::Result<T, DomainError>,
    ) -> Result<T> {
        let s = self.s(col)?;
        f(&s).map_err(|e| self.bad(format!("{col}: {e}")))
    }
    pub(crate) fn oparse<T>(
        &self,
        col: &str,
        f: impl Fn(&str) -> std::result::Result<T, DomainError>,
    ) -> Result<Option<T>> {
        self.os(col)?
            .map(|s| f(&s).map_err(|e| self.bad(format!("{col}: {e}"))))
            .transpose()
    }
    pub(crate) fn year(&self) -> Result<FinancialYear> {
        Ok(FinancialYear(
            i32::try_from(self.i("year")?).map_err(|e| self.bad(e))?,
        ))
    }
    fn quarter(&self) -> Result<Option<Quarter>> {
        match self.i("quarter")? {
            0 => Ok(None),
            n => Quarter::from_number(u8::try_from(n).map_err(|e| self.bad(e))?)
                .map(Some)
                .ok_or_else(|| self.bad(format!("quarter {n}"))),
        }
    }
    fn period(&self) -> Result<Period> {
        let q = self
            .quarter()?
            .ok_or_else(|| self.bad("quarter 0 where a quarter is needed"))?;
        Ok(Period::new(self.year()?, q))
    }
    fn dec(&self, col: &str) -> Result<Option<Decimal>> {
        self.oparse(col, |s| {
            Decimal::from_str(s).map_err(|_| DomainError::BadFigure(s.into(), "a number"))
        })
    }
    fn flag(&self, col: &str) -> Result<bool> {
        Ok(self.i(col)? != 0)
    }
}

fn nonempty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Store {
    async fn rows(&self, sql: &'static str) -> Result<Vec<AnyRow>> {
        Ok(sqlx::query(sql).fetch_all(&self.pool).await?)
    }

    /// Loads everything stored. Reports select from it; for a council this is a few thousand rows.
    pub async fn load(&self) -> Result<Dataset> {
        let mut d = Dataset::default();
        for row in self.rows("SELECT * FROM boards ORDER BY code").await? {
            let r = R {
                row: &row,
                table: "boards",
            };
            d.boards.push(Board {
                code: r.s("code")?,
                name: r.s("name")?,
            });
        }
        for row in self.rows("SELECT * FROM departments ORDER BY code").await? {
            let r = R {
                row: &row,
                table: "departments",
            };
            d.departments.push(Department {
                code: r.s("code")?,
                name: r.s("name")?,
                board: r.s("board")?,
                directorate: r.os("directorate")?,
                director_initials: r.os("director_initials")?,
                director_name: r.os("director_name")?,
                director_title: r.os("director_title")?,
            });
        }
        for row in self
            .rows("SELECT * FROM priorities ORDER BY board, position, code")
            .await?
        {
            let r = R {
                row: &row,
                table: "priorities",
            };
            d.priorities.push(Priority {
                board: r.s("board")?,
                code: r.s("code")?,
                title: r.s("title")?,
                position: r.i("position")?,
                note: r.os("note")?,
            });
        }
        for row in self.rows("SELECT * FROM rag_rules ORDER BY code").await? {
            let r = R {
                row: &row,
                table: "rag_rules",
            };
            let band_unit = match r.s("band_unit")?.as_str() {
                "absolute" => BandUnit::Absolute,
                _ => BandUnit::Percent,
            };
            d.rag_rules.push(RagRuleDef {
                code: r.s("code")?,
                rule: RagRule {
                    method: r.parse("method", RagMethod::parse)?,
                    amber_band: r.dec("amber_band")?.unwrap_or_default(),
                    band_unit,
                },
                description: r.s("description")?,
            });
        }
        for row in self
            .rows("SELECT * FROM symbol_labels ORDER BY applies_to, state")
            .await?
        {
            let r = R {
                row: &row,
                table: "symbol_labels",
            };
            d.symbol_labels.push(SymbolLabel {
                applies_to: r.parse("applies_to", SymbolFor::parse)?,
                state: r.s("state")?,
                label: r.s("label")?,
                description: r.s("description")?,
            });
        }
        for row in self
            .rows("SELECT * FROM objectives ORDER BY reference")
            .await?
        {
            let r = R {
                row: &row,
                table: "objectives",
            };
            d.objectives.push(Objective {
                reference: r.s("reference")?,
                department: r.s("department")?,
                title: r.os("title")?,
            });
        }
        for row in self
            .rows("SELECT * FROM milestones ORDER BY year, position, code")
            .await?
        {
            let r = R {
                row: &row,
                table: "milestones",
            };
            d.milestones.push(Milestone {
                code: r.s("code")?,
                objective: r.s("objective")?,
                year: r.year()?,
                priority: r.os("priority")?,
                key: r.flag("is_key")?,
                text: r.s("text")?,
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM indicators ORDER BY position, code")
            .await?
        {
            let r = R {
                row: &row,
                table: "indicators",
            };
            d.indicators.push(Indicator {
                code: r.s("code")?,
                refs: r.s("refs")?,
                description: r.s("description")?,
                department: r.s("department")?,
                priority: r.os("priority")?,
                key: r.flag("is_key")?,
                polarity: r.parse("polarity", Polarity::parse)?,
                unit: r.parse("unit", Unit::parse)?,
                decimals: r.oi("decimals")?.map(|n| u32::try_from(n).unwrap_or(0)),
                rag_rule: r.s("rag_rule")?,
                same_band: r.dec("same_band")?.unwrap_or_default(),
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM indicator_years ORDER BY indicator, year")
            .await?
        {
            let r = R {
                row: &row,
                table: "indicator_years",
            };
            d.indicator_years.push(IndicatorYear {
                indicator: r.s("indicator")?,
                year: r.year()?,
                department: r.s("department")?,
                priority: r.os("priority")?,
                key: r.flag("is_key")?,
                refs: r.os("refs")?,
                description: r.os("description")?,
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM targets ORDER BY indicator, year, quarter")
            .await?
        {
            let r = R {
                row: &row,
                table: "targets",
            };
            d.targets.push(TargetEntry {
                indicator: r.s("indicator")?,
                year: r.year()?,
                quarter: r.quarter()?,
                target: r.parse("target", Figure::parse_target)?,
                original: r.oparse("original_target", Figure::parse_target)?,
            });
        }
        for row in self
            .rows("SELECT * FROM indicator_values ORDER BY indicator, year, quarter")
            .await?
        {
            let r = R {
                row: &row,
                table: "indicator_values",
            };
            let rag_override = match (
                r.oparse("rag_override", Rag::parse)?,
                r.os("override_reason")?,
            ) {
                (Some(rag), Some(reason)) => {
                    Some(Override::new(rag, &reason).map_err(|e| r.bad(e))?)
                }
                (Some(_), None) => return Err(r.bad("an override without a reason")),
                _ => None,
            };
            d.values.push(ValueEntry {
                indicator: r.s("indicator")?,
                year: r.year()?,
                quarter: r.quarter()?,
                value: r.parse("value", Figure::parse_value)?,
                status: r.oparse("status", ValueStatus::parse)?,
                rag_override,
                commentary: r.os("commentary")?,
                initials: r.os("initials")?,
            });
        }
        for row in self
            .rows("SELECT * FROM milestone_progress ORDER BY milestone, year, quarter")
            .await?
        {
            let r = R {
                row: &row,
                table: "milestone_progress",
            };
            d.milestone_progress.push(MilestoneProgress {
                milestone: r.s("milestone")?,
                period: r.period()?,
                progress: r.parse("progress", Rag::parse)?,
                commentary: r.os("commentary")?,
                initials: r.os("initials")?,
                basis: r.os("basis")?,
            });
        }
        for row in self
            .rows("SELECT * FROM commentary ORDER BY year, quarter, section, position")
            .await?
        {
            let r = R {
                row: &row,
                table: "commentary",
            };
            d.commentary.push(Commentary {
                period: r.period()?,
                board: nonempty(r.s("board")?),
                department: nonempty(r.s("department")?),
                section: r.parse("section", Section::parse)?,
                priority: r.os("priority")?,
                theme: r.os("theme")?,
                title: r.os("title")?,
                text: r.s("text")?,
                initials: r.os("initials")?,
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM budget_lines ORDER BY department, year, quarter, position")
            .await?
        {
            let r = R {
                row: &row,
                table: "budget_lines",
            };
            d.budget_lines.push(BudgetEntry {
                department: r.s("department")?,
                period: r.period()?,
                as_at: r.parse("as_at", parse_date)?,
                position: r.i("position")?,
                line: BudgetLine {
                    group: r.parse("grp", BudgetGroup::parse)?,
                    name: r.s("line")?,
                    annual_budget: r.dec("annual_budget")?,
                    budget_to_date: r.dec("budget_to_date")?,
                    expenditure_to_date: r.dec("expenditure_to_date")?,
                },
            });
        }
        for row in self
            .rows("SELECT * FROM benchmarks ORDER BY indicator, year")
            .await?
        {
            let r = R {
                row: &row,
                table: "benchmarks",
            };
            d.benchmarks.push(Benchmark {
                indicator: r.s("indicator")?,
                year: r.year()?,
                top_quartile: r.dec("top_quartile")?,
                bottom_quartile: r.dec("bottom_quartile")?,
                national: r.dec("national")?,
                statistical_neighbours: r.dec("statistical_neighbours")?,
                note: r.os("note")?,
            });
        }
        for row in self
            .rows("SELECT * FROM risks ORDER BY department, year, quarter, position")
            .await?
        {
            let r = R {
                row: &row,
                table: "risks",
            };
            d.risks.push(RiskControl {
                department: r.s("department")?,
                period: r.period()?,
                reference: r.s("reference")?,
                risk: r.s("risk")?,
                control_measure: r.s("control_measure")?,
                target: r.os("target")?,
                progress: r.parse("progress", Rag::parse)?,
                commentary: r.os("commentary")?,
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM equality_actions ORDER BY department, year, quarter, position")
            .await?
        {
            let r = R {
                row: &row,
                table: "equality_actions",
            };
            d.equality_actions.push(EqualityAction {
                department: r.s("department")?,
                period: r.period()?,
                action: r.s("action")?,
                target: r.os("target")?,
                progress: r.parse("progress", Rag::parse)?,
                commentary: r.os("commentary")?,
                position: r.i("position")?,
            });
        }
        self.load_plans(&mut d).await?;
        Ok(d)
    }

    async fn load_plans(&self, d: &mut Dataset) -> Result<()> {
        let date = |s: &str| parse_date(s);
        for row in self.rows("SELECT * FROM strategies ORDER BY code").await? {
            let r = R {
                row: &row,
                table: "strategies",
            };
            let year = |c: &str| -> Result<FinancialYear> {
                Ok(FinancialYear(i32::try_from(r.i(c)?).map_err(|e| r.bad(e))?))
            };
            d.strategies.push(Strategy {
                code: r.s("code")?,
                title: r.s("title")?,
                board: r.s("board")?,
                from_year: year("from_year")?,
                to_year: year("to_year")?,
            });
        }
        for row in self
            .rows("SELECT * FROM strategy_measures ORDER BY strategy, position")
            .await?
        {
            let r = R {
                row: &row,
                table: "strategy_measures",
            };
            d.strategy_measures.push(StrategyMeasure {
                strategy: r.s("strategy")?,
                reference: r.s("reference")?,
                indicator: r.s("indicator")?,
                descriptor: r.s("descriptor")?,
                position: r.i("position")?,
            });
        }
        for row in self.rows("SELECT * FROM measure_commentary ORDER BY strategy, reference, year, quarter, kind").await? {
            let r = R { row: &row, table: "measure_commentary" };
            d.measure_commentary.push(MeasureCommentary {
                strategy: r.s("strategy")?,
                reference: r.s("reference")?,
                period: r.period()?,
                kind: r.parse("kind", CommentaryKind::parse)?,
                text: r.s("text")?,
            });
        }
        // Revisions in the order they were made: decided ones by date, undecided last (COALESCE
        // so that SQLite and PostgreSQL, which sort NULLs differently, agree).
        for row in self
            .rows("SELECT * FROM target_revisions ORDER BY indicator, year, COALESCE(decided_on, '9999'), COALESCE(proposed_on, '9999'), review")
            .await?
        {
            let r = R { row: &row, table: "target_revisions" };
            d.target_revisions.push(TargetRevision {
                indicator: r.s("indicator")?,
                year: r.year()?,
                review: r.s("review")?,
                previous: r.parse("previous", Figure::parse_target)?,
                proposed: r.parse("proposed", Figure::parse_target)?,
                rationale: r.os("rationale")?,
                proposed_by: r.os("proposed_by")?,
                proposed_on: r.oparse("proposed_on", date)?,
                decision: r.parse("decision", Decision::parse)?,
                decided_by: r.os("decided_by")?,
                decided_on: r.oparse("decided_on", date)?,
            });
        }
        for row in self
            .rows("SELECT * FROM action_plans ORDER BY code")
            .await?
        {
            let r = R {
                row: &row,
                table: "action_plans",
            };
            d.action_plans.push(ActionPlan {
                code: r.s("code")?,
                title: r.s("title")?,
                board: r.s("board")?,
                source: r.os("source")?,
            });
        }
        for row in self
            .rows("SELECT * FROM actions ORDER BY plan, position, reference")
            .await?
        {
            let r = R {
                row: &row,
                table: "actions",
            };
            d.actions.push(Action {
                plan: r.s("plan")?,
                reference: r.s("reference")?,
                requirement: r.s("requirement")?,
                action: r.s("action")?,
                by_whom: r.os("by_whom")?,
                timescale: r.os("timescale")?,
                due: r.oparse("due", date)?,
                links: r
                    .s("links")?
                    .split(';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                position: r.i("position")?,
            });
        }
        for row in self
            .rows("SELECT * FROM action_updates ORDER BY plan, as_at, reference")
            .await?
        {
            let r = R {
                row: &row,
                table: "action_updates",
            };
            d.action_updates.push(ActionUpdate {
                plan: r.s("plan")?,
                reference: r.s("reference")?,
                as_at: r.parse("as_at", date)?,
                status: r.parse("status", ActionStatus::parse)?,
                progress: r.os("progress")?,
            });
        }
        for row in self
            .rows("SELECT * FROM objective_plans ORDER BY year, objective")
            .await?
        {
            let r = R {
                row: &row,
                table: "objective_plans",
            };
            d.objective_plans.push(ObjectivePlan {
                objective: r.s("objective")?,
                year: r.year()?,
                corporate_priority: r.os("corporate_priority")?,
                area_of_focus: r.os("area_of_focus")?,
                risk_initial: r.oparse("risk_initial", RiskLevel::parse)?,
                risk_residual: r.oparse("risk_residual", RiskLevel::parse)?,
                responsible_officer: r.os("responsible_officer")?,
                linked_indicators: r.os("linked_indicators")?,
            });
        }
        Ok(())
    }
}
