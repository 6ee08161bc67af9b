//! The tables a council imports and their columns: the one source for header checks, templates
//! and the documentation (`docs/import-format.md`, checked against this by a test).

pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub help: &'static str,
}

pub struct Table {
    pub name: &'static str,
    pub help: &'static str,
    pub columns: &'static [Column],
}

pub(crate) const fn req(name: &'static str, help: &'static str) -> Column {
    Column {
        name,
        required: true,
        help,
    }
}

pub(crate) const fn opt(name: &'static str, help: &'static str) -> Column {
    Column {
        name,
        required: false,
        help,
    }
}

/// In the order they are applied: each table may refer only to tables above it.
pub const TABLES: &[Table] = &[
    Table {
        name: "boards",
        help: "Policy and Performance Boards",
        columns: &[
            req("code", "short key, e.g. CYPF"),
            req("name", "full name of the board"),
        ],
    },
    Table {
        name: "departments",
        help: "Departments and their Operational Directors",
        columns: &[
            req("code", "e.g. CFS"),
            req("name", "e.g. Children & Families Services"),
            req("board", "board code"),
            opt("directorate", "e.g. Children & Young People"),
            opt(
                "director_initials",
                "initials printed after commentary, e.g. NM",
            ),
            opt("director_name", "e.g. Nigel Moorhouse"),
            opt(
                "director_title",
                "e.g. Operational Director, Children and Families Service (CFS)",
            ),
        ],
    },
    Table {
        name: "priorities",
        help: "The priorities a board's report is structured by",
        columns: &[
            req("board", "board code"),
            req("code", "short key, unique across boards"),
            req("title", "e.g. Early Help and Support"),
            req("position", "order in reports: 1, 2, …"),
            opt("note", "text printed under the priority heading"),
        ],
    },
    Table {
        name: "rag_rules",
        help: "Declared rules for computing indicator progress",
        columns: &[
            req("code", "e.g. ANNUAL"),
            req("method", "annual_target, profiled_target or manual"),
            opt(
                "amber_band",
                "how far on the wrong side of the target is still amber",
            ),
            opt("band_unit", "percent (of the target) or absolute"),
            req("description", "plain words for the symbol key"),
        ],
    },
    Table {
        name: "symbol_labels",
        help: "Words used in the report's symbol key",
        columns: &[
            req("applies_to", "objective, indicator or direction"),
            req(
                "state",
                "green, amber, red, unknown / better, same, worse, not_comparable",
            ),
            req("label", "short label, e.g. Green"),
            req("description", "what the symbol means"),
        ],
    },
    Table {
        name: "objectives",
        help: "Service objectives",
        columns: &[
            req("ref", "e.g. CFS1"),
            req("department", "department code"),
            opt("title", "the objective's wording"),
        ],
    },
    Table {
        name: "milestones",
        help: "Milestones under objectives, per plan year",
        columns: &[
            req("code", "unique key, e.g. 2012-CFS1-a"),
            req("objective", "objective ref"),
            req("year", "plan year, e.g. 2012/13"),
            opt("priority", "priority code"),
            opt("key", "yes/no: printed in the board report"),
            req("text", "the milestone"),
            opt("position", "order within its section"),
        ],
    },
    Table {
        name: "indicators",
        help: "Performance indicators",
        columns: &[
            req("code", "unique key, e.g. NI148"),
            opt("refs", "every ref printed, e.g. NI072 SCS CYP01"),
            req("description", "the measure"),
            req("department", "lead department code"),
            opt("priority", "priority code"),
            opt("key", "yes/no: key indicator"),
            req("polarity", "higher, lower or none"),
            req(
                "unit",
                "percent, count, days, rate_per_10000, number, ratio",
            ),
            opt("decimals", "decimal places printed"),
            req("rag_rule", "a rag_rules code"),
            opt(
                "same_band",
                "change that still counts as the same (direction of travel)",
            ),
            opt("position", "order within its section"),
        ],
    },
    Table {
        name: "indicator_years",
        help: "Where an indicator sat in an earlier or later year's plan, when that differs",
        columns: &[
            req("indicator", "indicator code"),
            req("year", "financial year"),
            req("department", "lead department code that year"),
            opt("priority", "priority code that year"),
            opt("key", "yes/no: key indicator that year"),
            opt("refs", "the refs printed that year, if different"),
            opt("description", "the wording printed that year, if different"),
            opt("position", "order within its section"),
        ],
    },
    Table {
        name: "targets",
        help: "Annual and profiled quarterly targets",
        columns: &[
            req("indicator", "indicator code"),
            req("year", "financial year"),
            opt("quarter", "blank for annual; Q1..Q4 for profiled"),
            req("target", "number or TBC, No target, …"),
            opt("original_target", "the original, when revised"),
        ],
    },
    Table {
        name: "values",
        help: "Quarterly values and annual outturns",
        columns: &[
            req("indicator", "indicator code"),
            req("year", "financial year"),
            opt("quarter", "Q1..Q4; blank for the annual outturn"),
            req("value", "number, state, or a sentence"),
            opt("status", "validated, unvalidated, provisional, estimated"),
            opt("rag_override", "green, amber, red, unknown"),
            opt("override_reason", "why (required with rag_override)"),
            opt("commentary", "commentary on this value"),
            opt("initials", "who the commentary is attributed to"),
        ],
    },
    Table {
        name: "milestone_progress",
        help: "Quarterly progress on milestones",
        columns: &[
            req("milestone", "milestone code"),
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            req("progress", "green, amber, red, unknown"),
            opt("commentary", "progress to date"),
            opt("initials", "who the commentary is attributed to"),
            opt("basis", "how the rating was arrived at"),
        ],
    },
    Table {
        name: "commentary",
        help: "Narrative: key developments, emerging issues, supporting commentary",
        columns: &[
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            opt("board", "board code"),
            opt("department", "department code"),
            req(
                "section",
                "key_development, emerging_issue, milestones, indicators, finance, …",
            ),
            opt("priority", "priority code"),
            opt("theme", "sub-heading grouping items"),
            opt("title", "heading of this item"),
            req("text", "the words"),
            opt("initials", "Operational Director initials"),
            req("position", "order within its section"),
        ],
    },
    Table {
        name: "budget_lines",
        help: "Revenue budget statement lines, £'000 (totals are computed)",
        columns: &[
            req("department", "department code"),
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            req("as_at", "date of the statement"),
            req("group", "expenditure, income or recharges"),
            req("line", "e.g. Employees"),
            req("position", "order within the statement"),
            opt("annual_budget", "£'000"),
            opt("budget_to_date", "£'000"),
            opt("expenditure_to_date", "£'000"),
        ],
    },
    Table {
        name: "benchmarks",
        help: "Quartile bands and comparators",
        columns: &[
            req("indicator", "indicator code"),
            req("year", "financial year"),
            opt("top_quartile", "value at the top-quartile boundary"),
            opt("bottom_quartile", "value at the bottom-quartile boundary"),
            opt("national", "England average"),
            opt("statistical_neighbours", "statistical neighbour average"),
            opt("note", "e.g. No quartile data available"),
        ],
    },
    Table {
        name: "risks",
        help: "Risk control measures",
        columns: &[
            req("department", "department code"),
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            req("ref", "objective or risk ref"),
            req("risk", "the risk identified"),
            req("control_measure", "the treatment measure"),
            opt("target", "target date or wording"),
            req("progress", "green, amber, red, unknown"),
            opt("commentary", ""),
            opt("position", ""),
        ],
    },
    Table {
        name: "equality_actions",
        help: "High priority equality actions",
        columns: &[
            req("department", "department code"),
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            req("action", "the action"),
            opt("target", "target date or wording"),
            req("progress", "green, amber, red, unknown"),
            opt("commentary", ""),
            opt("position", ""),
        ],
    },
    Table {
        name: "strategies",
        help: "Long-term strategies with their own measures",
        columns: &[
            req("code", "short key, e.g. SCS-CYP"),
            req("title", "the strategy's title"),
            req("board", "board code"),
            req("from_year", "first financial year"),
            req("to_year", "last financial year"),
        ],
    },
    Table {
        name: "strategy_measures",
        help: "A strategy's measures, each an indicator",
        columns: &[
            req("strategy", "strategy code"),
            req("ref", "the strategy's ref, e.g. CYP 1"),
            req("indicator", "indicator code"),
            req("descriptor", "the measure as the strategy words it"),
            req("position", "order in the report"),
        ],
    },
    Table {
        name: "measure_commentary",
        help: "Data, performance and key-activity commentary on strategy measures",
        columns: &[
            req("strategy", "strategy code"),
            req("ref", "measure ref"),
            req("year", "financial year"),
            req("quarter", "Q1..Q4"),
            req("kind", "data, performance or key_activities"),
            req("text", "the words"),
        ],
    },
    Table {
        name: "target_revisions",
        help: "Proposed and decided revisions of targets, kept for ever",
        columns: &[
            req("indicator", "indicator code"),
            req("year", "the year whose target is revised"),
            req("review", "which review"),
            req("previous", "the target before"),
            req("proposed", "the revised target"),
            opt("rationale", "why"),
            opt("proposed_by", "officer"),
            opt("proposed_on", "date"),
            req("decision", "proposed, approved or rejected"),
            opt("decided_by", "who decided"),
            opt("decided_on", "date"),
        ],
    },
    Table {
        name: "action_plans",
        help: "Action plans",
        columns: &[
            req("code", "short key"),
            req("title", "the plan's title"),
            req("board", "board code"),
            opt("source", "what the plan answers"),
        ],
    },
    Table {
        name: "actions",
        help: "Actions of a plan",
        columns: &[
            req("plan", "action plan code"),
            req("ref", "unique within the plan"),
            req("requirement", "the requirement served"),
            req("action", "what will be done"),
            opt("by_whom", "who"),
            opt("timescale", "as written"),
            opt("due", "the date the timescale means"),
            opt("links", "indicator or milestone codes, separated by ;"),
            req("position", "order in the plan"),
        ],
    },
    Table {
        name: "action_updates",
        help: "Progress reported on actions, one snapshot per report date",
        columns: &[
            req("plan", "action plan code"),
            req("ref", "action ref"),
            req("as_at", "date of the report"),
            req("status", "not_started, in_progress or completed"),
            opt("progress", "the words reported"),
        ],
    },
    Table {
        name: "objective_plans",
        help: "An objective's place and risk assessment in a business plan",
        columns: &[
            req("objective", "objective ref"),
            req("year", "the plan's first financial year"),
            opt("corporate_priority", "e.g. Children and Young People"),
            opt("area_of_focus", "e.g. 14 – Effective Family Services"),
            opt("risk_initial", "High, Medium or Low"),
            opt("risk_residual", "High, Medium or Low"),
            opt("responsible_officer", "who"),
            opt("linked_indicators", "as printed"),
        ],
    },
];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
