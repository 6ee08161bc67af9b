//! The performance framework's tables and the quarterly returns' tables, each described once
//! (see [`crate::table`]), with how each record becomes a row and back.

use crate::cases::{IndicatorMeasure, Measure, ValueSource};
use crate::error::DomainError;
use crate::figure::Unit;
use crate::format::Negatives;
use crate::meetings::{
    AgendaItem, Attendee, Cover, CoverSection, Declaration, Meeting, Membership, Minute,
    MinuteAction, ProgrammeItem,
};
use crate::performance::comparison::{Baseline, Comparison, ComparisonBasis};
use crate::performance::finance::{BudgetGroup, BudgetLine};
use crate::performance::formula::{Formula, Population, YtdRule};
use crate::performance::frequency::Frequency;
use crate::performance::layout::{LayoutRow, Part, PeriodBasis};
use crate::performance::model::*;
use crate::performance::rag::{BandUnit, Override, Polarity, Rag, RagMethod, RagRule};
use crate::performance::summary::ExceptionRule;
use crate::period::Period;
use crate::plans::{
    Action, ActionPlan, ActionUpdate, MeasureCommentary, ObjectivePlan, Strategy, StrategyMeasure,
    TargetRevision,
};
use crate::table::ColumnType::*;
use crate::table::*;

fn band_unit(s: &str) -> Result<&'static str, DomainError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "percent" | "%" => Ok("percent"),
        "absolute" => Ok("absolute"),
        other => Err(DomainError::NotOneOf(other.into(), "percent, absolute")),
    }
}

crate::word_fields!(
    RagMethod: code,
    SymbolFor: code,
    Polarity: code,
    Unit: code,
    ValueStatus: code,
    Rag: code,
    Section: code,
    BudgetGroup: code,
    Negatives: code,
    ComparisonBasis: code,
    Formula: code,
    YtdRule: code,
    PeriodBasis: code,
    Frequency: code,
    Part: code,
);

const PROGRESS: &str =
    "green, amber, red, unknown, or why none: no_target, no_figure, not_due, not_available";

crate::tabular!(Board {
    name: "boards",
    help: "Policy and Performance Boards",
    stored: "boards",
    key: &["code"],
    defines: true,
    order: "code",
    columns: [
        code: [text("code", "short key, e.g. CYPF")],
        name: [text("name", "full name of the board")],
        council: [opt_text("council", "the council, as printed on its papers, e.g. Halton Borough Council")],
        negatives: [opt(
            "negatives",
            Word(code_of::<Negatives>),
            "how its reports print negatives: brackets, (20), or minus, -20 (blank: brackets)",
        )],
        percent_places: [opt(
            "percent_places",
            Places,
            "decimal places of the percentages beside summary counts (blank: 0)",
        )],
        exception_rule: [opt_text(
            "exception_rule",
            "indicators listed by exception: not_green, red, worse, off_target 5% or off_target 2 points, combined with or (blank: not_green)",
        )],
        count_by_group: [opt(
            "count_by_group",
            YesNo,
            "yes/no: summaries count indicators per group (indicator_groups) as well",
        )],
        clear_days: [opt(
            "clear_days",
            Whole,
            "clear working days before a meeting its papers are published (blank: 5, the law's minimum)",
        )],
    ],
    check: |b: &Board| match b.clear_days {
        Some(d) if !(5..=30).contains(&d) => Err(Problem::new(
            "clear_days",
            Fault::NotAllowed,
            format!("{d} clear days: the law asks for at least 5; give 5 to 30"),
        )
        .into()),
        _ => Ok(()),
    },
});

crate::tabular!(IndicatorGroup {
    name: "indicator_groups",
    help: "Sets indicators are counted by: national, local, partnership targets, context",
    stored: "indicator_groups",
    key: &["code"],
    defines: true,
    order: "position, code",
    columns: [
        code: [text("code", "short key, e.g. NATIONAL")],
        label: [text("label", "as printed, e.g. National indicator set")],
        position: [opt("position", Whole, "order in summaries: 1, 2, …")],
    ],
});

crate::tabular!(LayoutRow {
    name: "report_layouts",
    help: "A board's report layout: its title, period wording, and each section's heading or absence",
    stored: "report_layouts",
    key: &["board", "report", "part"],
    defines: false,
    order: "board, report, part",
    columns: [
        board: [key_of("board", "boards", "board code")],
        report: [req("report", Word(crate::table::code_of::<crate::meetings::ReportKind>), "pbr or qmr")],
        part: [req(
            "part",
            Word(code_of::<Part>),
            "title, period_line, directorate, introduction, key_developments, emerging_issues, risks, equality, \
             milestones, overview, service_review, key_indicators, other_indicators, data_quality, finance, symbol_key, charts, \
             appendix_list",
        )],
        heading: [opt_text(
            "heading",
            "the heading (the title, for title; for period_line the wording, with {quarter}, {year}, {start}, {end}); blank keeps the default",
        )],
        hide: [opt("hide", YesNo, "yes: leave the part out (blank: shown)")],
    ],
    check: |row: &LayoutRow| crate::performance::layout::check_row(row)
        .map_err(|why| Problem::new("part", Fault::NotAllowed, why).into()),
});

crate::tabular!(Department {
    name: "departments",
    help: "Departments and their Operational Directors",
    stored: "departments",
    key: &["code"],
    defines: true,
    order: "code",
    columns: [
        code: [text("code", "e.g. CFS")],
        name: [text("name", "e.g. Children & Families Services")],
        board: [key_of("board", "boards", "board code")],
        directorate: [opt_text("directorate", "e.g. Children & Young People")],
        director_initials: [opt_text(
            "director_initials",
            "initials printed after commentary, e.g. NM",
        )],
        director_name: [opt_text("director_name", "e.g. Nigel Moorhouse")],
        director_title: [opt_text(
            "director_title",
            "e.g. Operational Director, Children and Families Service (CFS)",
        )],
    ],
});

crate::tabular!(Priority {
    name: "priorities",
    help: "The priorities a board's report is structured by",
    stored: "priorities",
    key: &["code"],
    defines: true,
    order: "board, position, code",
    columns: [
        board: [key_of("board", "boards", "board code")],
        code: [text("code", "short key, unique across boards")],
        title: [text("title", "e.g. Early Help and Support")],
        position: [req("position", Whole, "order in reports: 1, 2, …")],
        note: [opt_text("note", "text printed under the priority heading")],
    ],
});

impl Tabular for RagRuleDef {
    const TABLE: &'static Table = &Table {
        name: "rag_rules",
        help: "Declared rules for computing indicator progress",
        stored: "rag_rules",
        columns: &[
            text("code", "e.g. ANNUAL"),
            req(
                "method",
                Word(code_of::<RagMethod>),
                "annual_target, profiled_target or manual",
            ),
            opt(
                "amber_band",
                Decimal,
                "how far on the wrong side of the target is still amber",
            ),
            opt(
                "band_unit",
                Word(band_unit),
                "percent (of the target) or absolute",
            ),
            text("description", "plain words for the symbol key"),
            opt(
                "compare_with",
                Word(code_of::<ComparisonBasis>),
                COMPARE_WITH,
            ),
            opt_text("compare_fallback", COMPARE_FALLBACK),
        ],
        key: &["code"],
        defines: true,
        order: "code",
    };

    fn to_values(&self) -> Vec<Value> {
        let unit = match self.rule.band_unit {
            BandUnit::Percent => "percent",
            BandUnit::Absolute => "absolute",
        };
        vec![
            Value::text(&self.code),
            Value::text(self.rule.method.code()),
            Value::Decimal(self.rule.amber_band),
            Value::text(unit),
            Value::text(&self.description),
            self.comparison.basis.to_value(),
            fallback_value(&self.comparison),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        let method = r.word("method", RagMethod::parse)?;
        // A band is needed unless a person sets the progress by hand.
        let needs_band = method != RagMethod::Manual;
        let mut problems = Vec::new();
        for column in ["amber_band", "band_unit"] {
            if needs_band && r.is_blank(column) {
                problems.push(Problem::new(
                    column,
                    Fault::Missing,
                    format!("'{column}' must not be blank"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let band_unit = match r.opt_word("band_unit", band_unit)? {
            Some("absolute") => BandUnit::Absolute,
            _ => BandUnit::Percent,
        };
        Ok(RagRuleDef {
            code: r.text("code")?,
            rule: RagRule {
                method,
                amber_band: r.opt_decimal("amber_band")?.unwrap_or_default(),
                band_unit,
            },
            description: r.text("description")?,
            comparison: Comparison {
                basis: r.opt_word("compare_with", ComparisonBasis::parse)?,
                fallback: fallback(r)?,
                baseline: None,
            },
        })
    }
}

const COMPARE_WITH: &str = "what direction of travel compares with: same_period_last_year, \
    previous_period, last_year_outturn, baseline or rolling_year";
const COMPARE_FALLBACK: &str =
    "bases to try in order when that has no figure, e.g. last_year_outturn; or none";

/// The declared fallback order, if any.
fn fallback(r: &Cells<'_>) -> Result<Option<Vec<ComparisonBasis>>, Problem> {
    r.opt_text("compare_fallback")?
        .map(|t| {
            ComparisonBasis::parse_list(&t)
                .map_err(|e| Problem::new("compare_fallback", Fault::NotAllowed, e.to_string()))
        })
        .transpose()
}

fn fallback_value(c: &Comparison) -> Value {
    c.fallback
        .as_ref()
        .map_or(Value::Null, |f| Value::text(&ComparisonBasis::list_code(f)))
}

impl Tabular for SymbolLabel {
    const TABLE: &'static Table = &Table {
        name: "symbol_labels",
        help: "Words used in the report's symbol key",
        stored: "symbol_labels",
        columns: &[
            req(
                "applies_to",
                Word(code_of::<SymbolFor>),
                "objective, indicator or direction",
            ),
            text(
                "state",
                "green, amber, red, unknown, no_target, no_figure, not_due, not_available, context / \
                 better, same, worse, not_comparable",
            ),
            text("label", "short label, e.g. Green or Target achieved"),
            text("description", "what the symbol means"),
        ],
        key: &["applies_to", "state"],
        defines: false,
        order: "applies_to, state",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(self.applies_to.code()),
            Value::text(&self.state),
            Value::text(&self.label),
            Value::text(&self.description),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(SymbolLabel {
            applies_to: r.word("applies_to", SymbolFor::parse)?,
            state: r.text("state")?.to_ascii_lowercase(),
            label: r.text("label")?,
            description: r.text("description")?,
        })
    }

    fn check(&self) -> Result<(), Problems> {
        let states = self.applies_to.states();
        if states.contains(&self.state.as_str()) {
            return Ok(());
        }
        Err(Problem::new(
            "state",
            Fault::NotAllowed,
            format!("'{}' is not one of: {}", self.state, states.join(", ")),
        )
        .into())
    }
}

crate::tabular!(Objective {
    name: "objectives",
    help: "Service objectives",
    stored: "objectives",
    key: &["ref"],
    defines: true,
    order: "reference",
    columns: [
        reference: [text("ref", "e.g. CFS1").stored("reference")],
        department: [key_of("department", "departments", "department code")],
        title: [opt_text("title", "the objective's wording")],
    ],
});

crate::tabular!(Milestone {
    name: "milestones",
    help: "Milestones under objectives, per plan year",
    stored: "milestones",
    key: &["code"],
    defines: true,
    order: "year, position, code",
    columns: [
        code: [text("code", "unique key, e.g. 2012-CFS1-a")],
        objective: [key_of("objective", "objectives", "objective ref")],
        year: [req("year", Year, "plan year, e.g. 2012/13")],
        priority: [opt_key_of("priority", "priorities", "priority code")],
        key: [opt("key", YesNo, "yes/no: printed in the board report").stored("is_key")],
        text: [text("text", "the milestone")],
        position: [opt("position", Whole, "order within its section")],
    ],
});

impl Tabular for Indicator {
    const TABLE: &'static Table = &Table {
        name: "indicators",
        help: "Performance indicators",
        stored: "indicators",
        columns: &[
            text("code", "unique key, e.g. NI148"),
            opt_text("refs", "every ref printed, e.g. NI072 SCS CYP01"),
            text("description", "the measure"),
            key_of("department", "departments", "lead department code"),
            opt_key_of("priority", "priorities", "priority code"),
            opt("key", YesNo, "yes/no: key indicator").stored("is_key"),
            req(
                "polarity",
                Word(code_of::<Polarity>),
                "higher, lower or none",
            ),
            req(
                "unit",
                Word(code_of::<Unit>),
                "percent, count, days, rate_per_10000, number, ratio",
            ),
            opt("decimals", Places, "decimal places printed"),
            key_of("rag_rule", "rag_rules", "a rag_rules code"),
            opt(
                "same_band",
                Decimal,
                "change that still counts as the same (direction of travel)",
            ),
            opt("position", Whole, "order within its section"),
            opt(
                "compare_with",
                Word(code_of::<ComparisonBasis>),
                COMPARE_WITH,
            ),
            opt_text("compare_fallback", COMPARE_FALLBACK),
            opt("baseline", Decimal, "a baseline figure to compare with"),
            opt_text("baseline_label", "its name, e.g. 2010/11 baseline"),
            opt(
                "formula",
                Word(code_of::<Formula>),
                "the figure from numerator and denominator: percent, rate_per_10000 or ratio",
            ),
            opt(
                "ytd_rule",
                Word(code_of::<YtdRule>),
                "year to date from the quarters where none is entered: sum, mean, latest or ratio_of_sums",
            ),
            opt_text(
                "population",
                "the age band a rate per 10,000 is of, e.g. 0-17 (see populations)",
            ),
            opt(
                "context",
                YesNo,
                "yes/no: a context measure, shown with figures and direction, never rated or counted",
            )
            .stored("is_context"),
            opt_key_of(
                "group",
                "indicator_groups",
                "an indicator_groups code: the set it is counted in",
            )
            .stored("indicator_group"),
            opt(
                "period_basis",
                Word(code_of::<PeriodBasis>),
                "what a quarter's figure covers, printed beside it: quarter, year_to_date, rolling_year or snapshot",
            ),
            opt(
                "frequency",
                Word(code_of::<Frequency>),
                "how often a figure is due: quarterly (blank), half_yearly or annual",
            ),
        ],
        key: &["code"],
        defines: true,
        order: "position, code",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.code),
            Value::text(&self.refs),
            Value::text(&self.description),
            Value::text(&self.department),
            Value::opt_text(&self.priority),
            Value::Bool(self.key),
            Value::text(self.polarity.code()),
            Value::text(self.unit.code()),
            self.decimals
                .map_or(Value::Null, |d| Value::Int(i64::from(d))),
            Value::text(&self.rag_rule),
            Value::Decimal(self.same_band),
            Value::Int(self.position),
            self.comparison.basis.to_value(),
            fallback_value(&self.comparison),
            Value::opt_decimal(self.comparison.baseline.as_ref().map(|b| b.value)),
            self.comparison
                .baseline
                .as_ref()
                .map_or(Value::Null, |b| Value::text(&b.label)),
            self.formula.to_value(),
            self.ytd_rule.to_value(),
            Value::opt_text(&self.population),
            Value::Bool(self.context),
            Value::opt_text(&self.group),
            self.period_basis.to_value(),
            self.frequency.to_value(),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        let code = r.text("code")?;
        let baseline = match (r.opt_decimal("baseline")?, r.opt_text("baseline_label")?) {
            (Some(value), Some(label)) => Some(Baseline { value, label }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(Problem::new(
                    "baseline_label",
                    Fault::Missing,
                    "a baseline needs its name in baseline_label, e.g. 2010/11 baseline",
                )
                .into());
            }
            (None, Some(_)) => {
                return Err(Problem::new(
                    "baseline",
                    Fault::Missing,
                    "baseline_label names a baseline: give its figure in baseline",
                )
                .into());
            }
        };
        let basis = r.opt_word("compare_with", ComparisonBasis::parse)?;
        if basis == Some(ComparisonBasis::Baseline) && baseline.is_none() {
            return Err(Problem::new(
                "baseline",
                Fault::Missing,
                "compare_with is baseline: give the baseline and baseline_label",
            )
            .into());
        }
        let formula = r.opt_word("formula", Formula::parse)?;
        let ytd_rule = r.opt_word("ytd_rule", YtdRule::parse)?;
        let unit = r.word("unit", Unit::parse)?;
        formula_fits(formula, ytd_rule, unit)?;
        Ok(Indicator {
            refs: r.opt_text("refs")?.unwrap_or_else(|| code.clone()),
            code,
            description: r.text("description")?,
            department: r.text("department")?,
            priority: r.opt_text("priority")?,
            key: r.flag("key")?,
            polarity: r.word("polarity", Polarity::parse)?,
            unit,
            decimals: r
                .opt_int("decimals")?
                .map(|n| u32::try_from(n).unwrap_or(0)),
            rag_rule: r.text("rag_rule")?,
            same_band: r.opt_decimal("same_band")?.unwrap_or_default(),
            position: r.position("position")?,
            comparison: Comparison {
                basis,
                fallback: fallback(r)?,
                baseline,
            },
            formula,
            ytd_rule,
            population: r.opt_text("population")?,
            context: r.flag("context")?,
            group: r.opt_text("group")?,
            period_basis: r.opt_word("period_basis", PeriodBasis::parse)?,
            frequency: r.opt_word("frequency", Frequency::parse)?,
        })
    }
}

/// A formula makes figures in its own unit, and a ratio of sums needs a formula to apply.
fn formula_fits(formula: Option<Formula>, ytd: Option<YtdRule>, unit: Unit) -> Result<(), Problem> {
    let fits = match formula {
        None => true,
        Some(Formula::Percent) => unit == Unit::Percent,
        Some(Formula::RatePer10000) => unit == Unit::RatePer10000,
        Some(Formula::Ratio) => unit == Unit::Ratio,
    };
    if let (Some(f), false) = (formula, fits) {
        return Err(Problem::new(
            "formula",
            Fault::NotAllowed,
            format!(
                "the formula {} makes figures in {}, but the unit is {}",
                f.code(),
                f.code(),
                unit.code()
            ),
        ));
    }
    if ytd == Some(YtdRule::RatioOfSums) && formula.is_none() {
        return Err(Problem::new(
            "ytd_rule",
            Fault::Missing,
            "ratio_of_sums adds up numerators and denominators: declare the formula too",
        ));
    }
    Ok(())
}

crate::tabular!(IndicatorYear {
    name: "indicator_years",
    help: "Where an indicator sat in an earlier or later year's plan, when that differs",
    stored: "indicator_years",
    key: &["indicator", "year"],
    defines: false,
    order: "indicator, year",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "financial year")],
        department: [key_of(
            "department",
            "departments",
            "lead department code that year",
        )],
        priority: [opt_key_of("priority", "priorities", "priority code that year")],
        key: [opt("key", YesNo, "yes/no: key indicator that year").stored("is_key")],
        refs: [opt_text("refs", "the refs printed that year, if different")],
        description: [opt_text("description", "the wording printed that year, if different")],
        position: [opt("position", Whole, "order within its section")],
    ],
});

crate::tabular!(TargetEntry {
    name: "targets",
    help: "Annual and profiled quarterly targets",
    stored: "targets",
    key: &["indicator", "year", "quarter"],
    defines: false,
    order: "indicator, year, quarter",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "financial year")],
        quarter: [opt("quarter", Quarter, "blank for annual; Q1..Q4 for profiled")],
        target: [req("target", Target, "number or TBC, No target, …")],
        original: [opt("original_target", Target, "the original, when revised")],
    ],
});

crate::tabular!(ValueEntry {
    name: "values",
    help: "Quarterly values and annual outturns",
    stored: "indicator_values",
    key: &["indicator", "year", "quarter"],
    defines: false,
    order: "indicator, year, quarter",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "financial year")],
        quarter: [opt("quarter", Quarter, "Q1..Q4; blank for the annual outturn")],
        value: [req("value", Figure, "number, state, or a sentence")],
        status: [opt(
            "status",
            Word(code_of::<ValueStatus>),
            "validated, unvalidated, provisional, estimated",
        )],
        rag_override: [
            opt("rag_override", Word(code_of::<Rag>), PROGRESS),
            opt_text("override_reason", "why (required with rag_override)"),
        ],
        commentary: [opt_text("commentary", "commentary on this value")],
        initials: [opt_text("initials", "who the commentary is attributed to")],
        numerator: [opt("numerator", Decimal, "a formula indicator's numerator, e.g. 29")],
        denominator: [opt(
            "denominator",
            Decimal,
            "its denominator, e.g. 60; blank for a rate of the population",
        )],
    ],
});

crate::tabular!(Population {
    name: "populations",
    help: "Populations by area, year and age band: the denominators of rates per 10,000",
    stored: "populations",
    key: &["area", "year", "age_band"],
    defines: false,
    order: "area, year, age_band",
    columns: [
        area: [text("area", "the area counted, e.g. the council's name or ONS code")],
        year: [req("year", Year, "financial year the estimate is used for")],
        age_band: [text("age_band", "e.g. 0-17")],
        count: [req("count", Decimal, "the population, e.g. 27100")],
    ],
});

/// A board's exception rule, stored as its code and read back through its parser.
impl Field for Option<ExceptionRule> {
    fn to_value(&self) -> Value {
        self.as_ref()
            .map_or(Value::Null, |r| Value::text(&r.code()))
    }

    fn from_value(v: &Value, column: &'static str) -> Result<Self, Problem> {
        match v {
            Value::Null => Ok(None),
            Value::Text(t) if t.trim().is_empty() => Ok(None),
            Value::Text(t) => ExceptionRule::parse(t)
                .map(Some)
                .map_err(|e| Problem::new(column, Fault::NotAllowed, e.to_string())),
            v => Err(Problem::new(
                column,
                Fault::NotAllowed,
                format!("unexpected value {v:?}"),
            )),
        }
    }
}

/// A progress override in its two columns, the judgement and its reason, which it must have.
impl Fields for Option<Override> {
    const WIDTH: usize = 2;

    fn push_values(&self, out: &mut Vec<Value>) {
        out.push(self.as_ref().map_or(Value::Null, |o| o.rag.to_value()));
        out.push(
            self.as_ref()
                .map_or(Value::Null, |o| Value::text(&o.reason)),
        );
    }

    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem> {
        let Some(rag) = r.field::<Option<Rag>>(at)? else {
            return Ok(None);
        };
        let reason: String = r.field(at + 1)?;
        Override::new(rag, &reason).map(Some).map_err(|_| {
            Problem::new(
                r.name(at + 1),
                Fault::NoReason,
                "a progress override must say why: fill in override_reason",
            )
        })
    }
}

crate::tabular!(MilestoneProgress {
    name: "milestone_progress",
    help: "Quarterly progress on milestones",
    stored: "milestone_progress",
    key: &["milestone", "year", "quarter"],
    defines: false,
    order: "milestone, year, quarter",
    columns: [
        milestone: [key_of("milestone", "milestones", "milestone code")],
        period: [
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
        ],
        progress: [req("progress", Word(code_of::<Rag>), PROGRESS)],
        commentary: [opt_text("commentary", "progress to date")],
        initials: [opt_text("initials", "who the commentary is attributed to")],
        basis: [opt_text("basis", "how the rating was arrived at")],
    ],
});

impl Tabular for Commentary {
    const TABLE: &'static Table = &Table {
        name: "commentary",
        help: "Narrative: key developments, emerging issues, supporting commentary",
        stored: "commentary",
        columns: &[
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
            opt_key_of("board", "boards", "board code"),
            opt_key_of("department", "departments", "department code"),
            req(
                "section",
                Word(code_of::<Section>),
                "key_development, emerging_issue, milestones, indicators, finance, …",
            ),
            opt_key_of("priority", "priorities", "priority code"),
            opt_text("theme", "sub-heading grouping items"),
            opt_text("title", "heading of this item"),
            text("text", "the words"),
            opt_text("initials", "Operational Director initials"),
            req("position", Whole, "order within its section"),
        ],
        key: &[
            "year",
            "quarter",
            "board",
            "department",
            "section",
            "position",
        ],
        defines: false,
        order: "year, quarter, section, position",
    };

    fn to_values(&self) -> Vec<Value> {
        // Board and department are part of the stored key, so "none" is stored as blank text.
        let key_part = |s: &Option<String>| Value::text(s.as_deref().unwrap_or(""));
        vec![
            Value::Year(self.period.year),
            Value::Quarter(self.period.quarter),
            key_part(&self.board),
            key_part(&self.department),
            Value::text(self.section.code()),
            Value::opt_text(&self.priority),
            Value::opt_text(&self.theme),
            Value::opt_text(&self.title),
            Value::text(&self.text),
            Value::opt_text(&self.initials),
            Value::Int(self.position),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        let given = |c: &'static str| -> Result<Option<String>, Problem> {
            Ok(r.opt_text(c)?.filter(|s| !s.is_empty()))
        };
        Ok(Commentary {
            period: r.period()?,
            board: given("board")?,
            department: given("department")?,
            section: r.word("section", Section::parse)?,
            priority: r.opt_text("priority")?,
            theme: r.opt_text("theme")?,
            title: r.opt_text("title")?,
            text: r.text("text")?,
            initials: r.opt_text("initials")?,
            position: r.int("position")?,
        })
    }

    fn check(&self) -> Result<(), Problems> {
        if self.board.is_none() && self.department.is_none() {
            return Err(Problem::new(
                "board",
                Fault::Missing,
                "say which board or department this commentary belongs to",
            )
            .into());
        }
        Ok(())
    }
}

impl Tabular for BudgetEntry {
    const TABLE: &'static Table = &Table {
        name: "budget_lines",
        help: "Revenue budget statement lines, £'000 (totals are computed)",
        stored: "budget_lines",
        columns: &[
            key_of("department", "departments", "department code"),
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
            req("as_at", Date, "date of the statement"),
            req(
                "group",
                Word(code_of::<BudgetGroup>),
                "expenditure, income or recharges",
            )
            .stored("grp"),
            text("line", "e.g. Employees"),
            req("position", Whole, "order within the statement"),
            opt("annual_budget", Money, "£'000"),
            opt("budget_to_date", Money, "£'000"),
            opt("expenditure_to_date", Money, "£'000"),
        ],
        key: &["department", "year", "quarter", "group", "line"],
        defines: false,
        order: "department, year, quarter, position",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.department),
            Value::Year(self.period.year),
            Value::Quarter(self.period.quarter),
            Value::Date(self.as_at),
            Value::text(self.line.group.code()),
            Value::text(&self.line.name),
            Value::Int(self.position),
            Value::opt_decimal(self.line.annual_budget),
            Value::opt_decimal(self.line.budget_to_date),
            Value::opt_decimal(self.line.expenditure_to_date),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(BudgetEntry {
            department: r.text("department")?,
            period: r.period()?,
            as_at: r.date("as_at")?,
            position: r.int("position")?,
            line: BudgetLine {
                group: r.word("group", BudgetGroup::parse)?,
                name: r.text("line")?,
                annual_budget: r.opt_decimal("annual_budget")?,
                budget_to_date: r.opt_decimal("budget_to_date")?,
                expenditure_to_date: r.opt_decimal("expenditure_to_date")?,
            },
        })
    }

    fn check(&self) -> Result<(), Problems> {
        let (p, d) = (self.period, self.as_at);
        if Period::containing(d) == p {
            return Ok(());
        }
        Err(Problem::new(
            "as_at",
            Fault::Period,
            format!(
                "{d} is not in {p} ({} to {}): correct the date or the quarter",
                p.start(),
                p.end()
            ),
        )
        .into())
    }
}

crate::tabular!(IndicatorBounds {
    name: "indicator_bounds",
    help: "Bounds declared for an indicator whose figures may leave its unit's usual range",
    stored: "indicator_bounds",
    key: &["indicator"],
    defines: false,
    order: "indicator",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        minimum: [opt("minimum", Decimal, "lowest figure possible; blank: no lower bound")],
        maximum: [opt("maximum", Decimal, "highest figure possible; blank: no upper bound")],
    ],
});

crate::word_fields!(Measure: code);

crate::tabular!(IndicatorMeasure {
    name: "indicator_measures",
    help: "Indicators whose figures are computed from case records, and the measure each uses",
    stored: "indicator_measures",
    key: &["indicator"],
    defines: false,
    order: "indicator",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        measure: [req(
            "measure",
            Word(code_of::<Measure>),
            Measure::CODES,
        )],
    ],
});

crate::tabular!(ValueSource {
    name: "value_sources",
    help: "Where a computed figure came from: the case records, the definitions' version, when",
    stored: "value_sources",
    key: &["indicator", "year", "quarter"],
    defines: false,
    order: "indicator, year, quarter",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "financial year, e.g. 2023/24")],
        quarter: [opt("quarter", Quarter, "1 to 4; blank for the year's outturn")],
        source: [text("source", "the records and definitions the figure was computed from")],
        computed_on: [req("computed_on", Date, "the day it was computed")],
    ],
});

crate::tabular!(Benchmark {
    name: "benchmarks",
    help: "Quartile bands and comparators",
    stored: "benchmarks",
    key: &["indicator", "year"],
    defines: false,
    order: "indicator, year",
    columns: [
        indicator: [key_of("indicator", "indicators", "indicator code")],
        year: [req("year", Year, "financial year")],
        top_quartile: [opt(
            "top_quartile",
            Decimal,
            "value at the top-quartile boundary",
        )],
        bottom_quartile: [opt(
            "bottom_quartile",
            Decimal,
            "value at the bottom-quartile boundary",
        )],
        national: [opt("national", Decimal, "England average")],
        statistical_neighbours: [opt(
            "statistical_neighbours",
            Decimal,
            "statistical neighbour average",
        )],
        note: [opt_text("note", "e.g. No quartile data available")],
    ],
});

crate::tabular!(RiskControl {
    name: "risks",
    help: "Risk control measures",
    stored: "risks",
    key: &["department", "year", "quarter", "ref", "control_measure"],
    defines: false,
    order: "department, year, quarter, position",
    columns: [
        department: [key_of("department", "departments", "department code")],
        period: [
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
        ],
        reference: [text("ref", "objective or risk ref").stored("reference")],
        risk: [text("risk", "the risk identified")],
        control_measure: [text("control_measure", "the treatment measure")],
        target: [opt_text("target", "target date or wording")],
        progress: [req("progress", Word(code_of::<Rag>), PROGRESS)],
        commentary: [opt_text("commentary", "")],
        position: [opt("position", Whole, "")],
    ],
});

crate::tabular!(EqualityAction {
    name: "equality_actions",
    help: "High priority equality actions",
    stored: "equality_actions",
    key: &["department", "year", "quarter", "action"],
    defines: false,
    order: "department, year, quarter, position",
    columns: [
        department: [key_of("department", "departments", "department code")],
        period: [
            req("year", Year, "financial year"),
            req("quarter", Quarter, "Q1..Q4"),
        ],
        action: [text("action", "the action")],
        target: [opt_text("target", "target date or wording")],
        progress: [req("progress", Word(code_of::<Rag>), PROGRESS)],
        commentary: [opt_text("commentary", "")],
        position: [opt("position", Whole, "")],
    ],
});

crate::table_set!(Dataset {
    given,
    boards: Board,
    departments: Department,
    priorities: Priority,
    rag_rules: RagRuleDef,
    symbol_labels: SymbolLabel,
    indicator_groups: IndicatorGroup,
    objectives: Objective,
    milestones: Milestone,
    indicators: Indicator,
    indicator_bounds: IndicatorBounds,
    indicator_measures: IndicatorMeasure,
    value_sources: ValueSource,
    indicator_years: IndicatorYear,
    targets: TargetEntry,
    populations: Population,
    values: ValueEntry,
    milestone_progress: MilestoneProgress,
    commentary: Commentary,
    budget_lines: BudgetEntry,
    benchmarks: Benchmark,
    risks: RiskControl,
    equality_actions: EqualityAction,
    strategies: Strategy,
    strategy_measures: StrategyMeasure,
    measure_commentary: MeasureCommentary,
    target_revisions: TargetRevision,
    action_plans: ActionPlan,
    actions: Action,
    action_updates: ActionUpdate,
    objective_plans: ObjectivePlan,
    report_covers: Cover,
    report_cover_sections: CoverSection,
    report_layouts: LayoutRow,
    memberships: Membership,
    meetings: Meeting,
    agenda_items: AgendaItem,
    attendance: Attendee,
    minutes: Minute,
    minute_actions: MinuteAction,
    declarations: Declaration,
    work_programme: ProgrammeItem,
});
