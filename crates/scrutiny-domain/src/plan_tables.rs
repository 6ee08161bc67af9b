//! The tables of strategies, target reviews, action plans and business plans, each described once
//! (see [`crate::table`]), with how each record becomes a row and back.

use crate::error::DomainError;
use crate::plans::*;
use crate::table::ColumnType::*;
use crate::table::*;

fn kind(s: &str) -> Result<&'static str, DomainError> {
    CommentaryKind::parse(s).map(CommentaryKind::code)
}
fn decision(s: &str) -> Result<&'static str, DomainError> {
    Decision::parse(s).map(Decision::code)
}
fn status(s: &str) -> Result<&'static str, DomainError> {
    ActionStatus::parse(s).map(ActionStatus::code)
}
fn risk(s: &str) -> Result<&'static str, DomainError> {
    RiskLevel::parse(s).map(RiskLevel::label)
}

impl Tabular for Strategy {
    const TABLE: &'static Table = &Table {
        name: "strategies",
        help: "Long-term strategies with their own measures",
        stored: "strategies",
        columns: &[
            text("code", "short key, e.g. SCS-CYP"),
            text("title", "the strategy's title"),
            key_of("board", "boards", "board code"),
            req("from_year", Year, "first financial year"),
            req("to_year", Year, "last financial year"),
        ],
        key: &["code"],
        defines: true,
        order: "code",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.code),
            Value::text(&self.title),
            Value::text(&self.board),
            Value::Year(self.from_year),
            Value::Year(self.to_year),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(Strategy {
            code: r.text("code")?,
            title: r.text("title")?,
            board: r.text("board")?,
            from_year: r.year("from_year")?,
            to_year: r.year("to_year")?,
        })
    }
}

impl Tabular for StrategyMeasure {
    const TABLE: &'static Table = &Table {
        name: "strategy_measures",
        help: "A strategy's measures, each an indicator",
        stored: "strategy_measures",
        columns: &[
            key_of("strategy", "strategies", "strategy code"),
            text("ref", "the strategy's ref, e.g. CYP 1").stored("reference"),
            key_of("indicator", "indicators", "indicator code"),
            text("descriptor", "the measure as the strategy words it"),
            req("position", Whole, "order in the report"),
        ],
        key: &["strategy", "ref"],
        defines: true,
        order: "strategy, position",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.strategy),
            Value::text(&self.reference),
            Value::text(&self.indicator),
            Value::text(&self.descriptor),
            Value::Int(self.position),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(StrategyMeasure {
            strategy: r.text("strategy")?,
            reference: r.text("ref")?,
            indicator: r.text("indicator")?,
            descriptor: r.text("descriptor")?,
            position: r.int("position")?,
        })
    }
}

impl Tabular for MeasureCommentary {
    const TABLE: &'static Table = &Table {
        name: "measure_commentary",
        help: "Data, performance and key-activity commentary on strategy measures",
        stored: "measure_commentary",
        columns: &[
            key_of("strategy", "strategies", "strategy code"),
            text("ref", "measure ref")
                .refers(Refers::Within {
                    table: "strategy_measures",
                    parent: "strategy",
                })
                .stored("reference"),
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
            req("kind", Word(kind), "data, performance or key_activities"),
            text("text", "the words"),
        ],
        key: &["strategy", "ref", "year", "quarter", "kind"],
        defines: false,
        order: "strategy, reference, year, quarter, kind",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.strategy),
            Value::text(&self.reference),
            Value::Year(self.period.year),
            Value::Quarter(self.period.quarter),
            Value::text(self.kind.code()),
            Value::text(&self.text),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(MeasureCommentary {
            strategy: r.text("strategy")?,
            reference: r.text("ref")?,
            period: r.period()?,
            kind: r.word("kind", CommentaryKind::parse)?,
            text: r.text("text")?,
        })
    }
}

impl Tabular for TargetRevision {
    const TABLE: &'static Table = &Table {
        name: "target_revisions",
        help: "Proposed and decided revisions of targets, kept for ever",
        stored: "target_revisions",
        columns: &[
            key_of("indicator", "indicators", "indicator code"),
            req("year", Year, "the year whose target is revised"),
            text("review", "which review"),
            req("previous", Target, "the target before"),
            req("proposed", Target, "the revised target"),
            opt_text("rationale", "why"),
            opt_text("proposed_by", "officer"),
            opt("proposed_on", Date, "date"),
            req("decision", Word(decision), "proposed, approved or rejected"),
            opt_text("decided_by", "who decided"),
            opt("decided_on", Date, "date"),
        ],
        key: &["indicator", "year", "review"],
        defines: false,
        // In the order they were made: decided ones by date, undecided last (COALESCE so that
        // SQLite and PostgreSQL, which sort NULLs differently, agree).
        order: "indicator, year, COALESCE(decided_on, '9999'), COALESCE(proposed_on, '9999'), review",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.indicator),
            Value::Year(self.year),
            Value::text(&self.review),
            Value::Figure(self.previous.clone()),
            Value::Figure(self.proposed.clone()),
            Value::opt_text(&self.rationale),
            Value::opt_text(&self.proposed_by),
            Value::opt_date(self.proposed_on),
            Value::text(self.decision.code()),
            Value::opt_text(&self.decided_by),
            Value::opt_date(self.decided_on),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(TargetRevision {
            indicator: r.text("indicator")?,
            year: r.year("year")?,
            review: r.text("review")?,
            previous: r.figure("previous")?,
            proposed: r.figure("proposed")?,
            rationale: r.opt_text("rationale")?,
            proposed_by: r.opt_text("proposed_by")?,
            proposed_on: r.opt_date("proposed_on")?,
            decision: r.word("decision", Decision::parse)?,
            decided_by: r.opt_text("decided_by")?,
            decided_on: r.opt_date("decided_on")?,
        })
    }
}

impl Tabular for ActionPlan {
    const TABLE: &'static Table = &Table {
        name: "action_plans",
        help: "Action plans",
        stored: "action_plans",
        columns: &[
            text("code", "short key"),
            text("title", "the plan's title"),
            key_of("board", "boards", "board code"),
            opt_text("source", "what the plan answers"),
        ],
        key: &["code"],
        defines: true,
        order: "code",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.code),
            Value::text(&self.title),
            Value::text(&self.board),
            Value::opt_text(&self.source),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(ActionPlan {
            code: r.text("code")?,
            title: r.text("title")?,
            board: r.text("board")?,
            source: r.opt_text("source")?,
        })
    }
}

impl Tabular for Action {
    const TABLE: &'static Table = &Table {
        name: "actions",
        help: "Actions of a plan",
        stored: "actions",
        columns: &[
            key_of("plan", "action_plans", "action plan code"),
            text("ref", "unique within the plan").stored("reference"),
            text("requirement", "the requirement served"),
            text("action", "what will be done"),
            opt_text("by_whom", "who"),
            opt_text("timescale", "as written"),
            opt("due", Date, "the date the timescale means"),
            opt(
                "links",
                Links,
                "indicator or milestone codes, separated by ;",
            )
            .refers(Refers::AnyOf(&["indicators", "milestones"])),
            req("position", Whole, "order in the plan"),
        ],
        key: &["plan", "ref"],
        defines: true,
        order: "plan, position, reference",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.plan),
            Value::text(&self.reference),
            Value::text(&self.requirement),
            Value::text(&self.action),
            Value::opt_text(&self.by_whom),
            Value::opt_text(&self.timescale),
            Value::opt_date(self.due),
            // Stored as text, never NULL: no links is blank.
            Value::Text(self.links.join(";")),
            Value::Int(self.position),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(Action {
            plan: r.text("plan")?,
            reference: r.text("ref")?,
            requirement: r.text("requirement")?,
            action: r.text("action")?,
            by_whom: r.opt_text("by_whom")?,
            timescale: r.opt_text("timescale")?,
            due: r.opt_date("due")?,
            links: r
                .opt_text("links")?
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            position: r.int("position")?,
        })
    }
}

impl Tabular for ActionUpdate {
    const TABLE: &'static Table = &Table {
        name: "action_updates",
        help: "Progress reported on actions, one snapshot per report date",
        stored: "action_updates",
        columns: &[
            key_of("plan", "action_plans", "action plan code"),
            text("ref", "action ref")
                .refers(Refers::Within {
                    table: "actions",
                    parent: "plan",
                })
                .stored("reference"),
            req("as_at", Date, "date of the report"),
            req(
                "status",
                Word(status),
                "not_started, in_progress or completed",
            ),
            opt_text("progress", "the words reported"),
        ],
        key: &["plan", "ref", "as_at"],
        defines: false,
        order: "plan, as_at, reference",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.plan),
            Value::text(&self.reference),
            Value::Date(self.as_at),
            Value::text(self.status.code()),
            Value::opt_text(&self.progress),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(ActionUpdate {
            plan: r.text("plan")?,
            reference: r.text("ref")?,
            as_at: r.date("as_at")?,
            status: r.word("status", ActionStatus::parse)?,
            progress: r.opt_text("progress")?,
        })
    }
}

impl Tabular for ObjectivePlan {
    const TABLE: &'static Table = &Table {
        name: "objective_plans",
        help: "An objective's place and risk assessment in a business plan",
        stored: "objective_plans",
        columns: &[
            key_of("objective", "objectives", "objective ref"),
            req("year", Year, "the plan's first financial year"),
            opt_text("corporate_priority", "e.g. Children and Young People"),
            opt_text("area_of_focus", "e.g. 14 – Effective Family Services"),
            opt("risk_initial", Word(risk), "High, Medium or Low"),
            opt("risk_residual", Word(risk), "High, Medium or Low"),
            opt_text("responsible_officer", "who"),
            opt_text("linked_indicators", "as printed"),
        ],
        key: &["objective", "year"],
        defines: false,
        order: "year, objective",
    };

    fn to_values(&self) -> Vec<Value> {
        let level = |r: Option<RiskLevel>| r.map_or(Value::Null, |r| Value::text(r.label()));
        vec![
            Value::text(&self.objective),
            Value::Year(self.year),
            Value::opt_text(&self.corporate_priority),
            Value::opt_text(&self.area_of_focus),
            level(self.risk_initial),
            level(self.risk_residual),
            Value::opt_text(&self.responsible_officer),
            Value::opt_text(&self.linked_indicators),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(ObjectivePlan {
            objective: r.text("objective")?,
            year: r.year("year")?,
            corporate_priority: r.opt_text("corporate_priority")?,
            area_of_focus: r.opt_text("area_of_focus")?,
            risk_initial: r.opt_word("risk_initial", RiskLevel::parse)?,
            risk_residual: r.opt_word("risk_residual", RiskLevel::parse)?,
            responsible_officer: r.opt_text("responsible_officer")?,
            linked_indicators: r.opt_text("linked_indicators")?,
        })
    }
}
