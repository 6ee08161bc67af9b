//! The tables of strategies, target reviews, action plans and business plans, each described once
//! (see [`crate::table`]), with how each record becomes a row and back.

use crate::plans::*;
use crate::table::ColumnType::*;
use crate::table::*;

crate::word_fields!(
    CommentaryKind: code,
    Decision: code,
    ActionStatus: code,
    RiskLevel: label,
);

crate::tabular!(Strategy {
    name: "strategies",
    help: "Long-term strategies with their own measures",
    stored: "strategies",
    key: &["code"],
    defines: true,
    order: "code",
    columns: [
        code: [text("code", "short key, e.g. SCS-CYP")],
        title: [text("title", "the strategy's title")],
        board: [key_of("board", "boards", "board code")],
        from_year: [req("from_year", Year, "first financial year")],
        to_year: [req("to_year", Year, "last financial year")],
    ],
});

crate::tabular!(StrategyMeasure {
    name: "strategy_measures",
    help: "A strategy's measures, each an indicator",
    stored: "strategy_measures",
    key: &["strategy", "ref"],
    defines: true,
    order: "strategy, position",
    columns: [
        strategy: [key_of("strategy", "strategies", "strategy code")],
        reference: [text("ref", "the strategy's ref, e.g. CYP 1").stored("reference")],
        indicator: [key_of("indicator", "indicators", "indicator code")],
        descriptor: [text("descriptor", "the measure as the strategy words it")],
        position: [req("position", Whole, "order in the report")],
    ],
});

crate::tabular!(MeasureCommentary {
    name: "measure_commentary",
    help: "Data, performance and key-activity commentary on strategy measures",
    stored: "measure_commentary",
    key: &["strategy", "ref", "year", "quarter", "kind"],
    defines: false,
    order: "strategy, reference, year, quarter, kind",
    columns: [
        strategy: [key_of("strategy", "strategies", "strategy code")],
        reference: [text("ref", "measure ref")
            .refers(Refers::Within {
                table: "strategy_measures",
                parent: "strategy",
            })
            .stored("reference")],
        period: [
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
        ],
        kind: [req(
            "kind",
            Word(code_of::<CommentaryKind>),
            "data, performance or key_activities",
        )],
        text: [text("text", "the words")],
    ],
});

crate::tabular!(TargetRevision {
    name: "target_revisions",
    help: "Proposed and decided revisions of targets, kept for ever",
    stored: "target_revisions",
    key: &["indicator", "year", "review"],
    defines: false,
    // In the order they were made: decided ones by date, undecided last (COALESCE so that
    // SQLite and PostgreSQL, which sort NULLs differently, agree).
    order: "indicator, year, COALESCE(decided_on, '9999'), COALESCE(proposed_on, '9999'), review",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "the year whose target is revised")],
        review: [text("review", "which review")],
        previous: [req("previous", Target, "the target before")],
        proposed: [req("proposed", Target, "the revised target")],
        rationale: [opt_text("rationale", "why")],
        proposed_by: [opt_text("proposed_by", "officer")],
        proposed_on: [opt("proposed_on", Date, "date")],
        decision: [req("decision", Word(code_of::<Decision>), "proposed, approved or rejected")],
        decided_by: [opt_text("decided_by", "who decided")],
        decided_on: [opt("decided_on", Date, "date")],
    ],
});

crate::tabular!(ActionPlan {
    name: "action_plans",
    help: "Action plans",
    stored: "action_plans",
    key: &["code"],
    defines: true,
    order: "code",
    columns: [
        code: [text("code", "short key")],
        title: [text("title", "the plan's title")],
        board: [key_of("board", "boards", "board code")],
        source: [opt_text("source", "what the plan answers")],
    ],
});

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

crate::tabular!(ActionUpdate {
    name: "action_updates",
    help: "Progress reported on actions, one snapshot per report date",
    stored: "action_updates",
    key: &["plan", "ref", "as_at"],
    defines: false,
    order: "plan, as_at, reference",
    columns: [
        plan: [key_of("plan", "action_plans", "action plan code")],
        reference: [text("ref", "action ref")
            .refers(Refers::Within {
                table: "actions",
                parent: "plan",
            })
            .stored("reference")],
        as_at: [req("as_at", Date, "date of the report")],
        status: [req(
            "status",
            Word(code_of::<ActionStatus>),
            "not_started, in_progress or completed",
        )],
        progress: [opt_text("progress", "the words reported")],
    ],
});

crate::tabular!(ObjectivePlan {
    name: "objective_plans",
    help: "An objective's place and risk assessment in a business plan",
    stored: "objective_plans",
    key: &["objective", "year"],
    defines: false,
    order: "year, objective",
    columns: [
        objective: [key_of("objective", "objectives", "objective ref")],
        year: [req("year", Year, "the plan's first financial year")],
        corporate_priority: [opt_text("corporate_priority", "e.g. Children and Young People")],
        area_of_focus: [opt_text("area_of_focus", "e.g. 14 – Effective Family Services")],
        risk_initial: [opt("risk_initial", Word(code_of::<RiskLevel>), "High, Medium or Low")],
        risk_residual: [opt("risk_residual", Word(code_of::<RiskLevel>), "High, Medium or Low")],
        responsible_officer: [opt_text("responsible_officer", "who")],
        linked_indicators: [opt_text("linked_indicators", "as printed")],
    ],
});
