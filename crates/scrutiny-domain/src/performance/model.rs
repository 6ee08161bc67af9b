//! The records of a council's performance framework and its quarterly returns.
//!
//! A [`Dataset`] is what an import produces, what storage keeps and what a report reads: one shape
//! for all three, so a figure typed once appears the same in every report.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::figure::{Figure, Unit};
use crate::performance::comparison::Comparison;
use crate::performance::finance::BudgetLine;
use crate::performance::rag::{Override, Polarity, Rag, RagRule};
use crate::period::{FinancialYear, Period, Quarter};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub code: String,
    pub name: String,
    /// The council the board belongs to, as printed on its papers ("Halton Borough Council").
    pub council: Option<String>,
    /// How the board's reports print negatives; `None` is the default (brackets).
    pub negatives: Option<crate::format::Negatives>,
    /// Decimal places of the percentages beside its summary counts; `None` is whole percent.
    #[serde(default)]
    pub percent_places: Option<i64>,
    /// Which indicators its reports list by exception; `None` is the default, not green.
    #[serde(default)]
    pub exception_rule: Option<crate::performance::summary::ExceptionRule>,
    /// Whether its reports' summaries count indicators per group as well as in all.
    #[serde(default)]
    pub count_by_group: bool,
    /// Clear working days before a meeting its agenda and reports must be published; `None`
    /// is the law's five (section 100B of the Local Government Act 1972).
    #[serde(default)]
    pub clear_days: Option<i64>,
}

impl Board {
    /// The clear working days its papers are published before a meeting.
    pub fn clear_days(&self) -> u32 {
        self.clear_days
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(crate::meetings::meeting::CLEAR_DAYS)
    }
}

/// A set indicators are counted by (national set, local set, partnership targets, context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorGroup {
    pub code: String,
    pub label: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub board: String,
    pub directorate: Option<String>,
    pub director_initials: Option<String>,
    pub director_name: Option<String>,
    pub director_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    pub board: String,
    pub code: String,
    pub title: String,
    pub position: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagRuleDef {
    pub code: String,
    pub rule: RagRule,
    pub description: String,
    /// What direction of travel compares with for indicators on this rule (no baseline here).
    #[serde(default)]
    pub comparison: Comparison,
}

/// What a symbol label describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolFor {
    Objective,
    Indicator,
    Direction,
}

impl SymbolFor {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "objective" | "milestone" => SymbolFor::Objective,
            "indicator" => SymbolFor::Indicator,
            "direction" => SymbolFor::Direction,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.into(),
                    "objective, indicator, direction",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            SymbolFor::Objective => "objective",
            SymbolFor::Indicator => "indicator",
            SymbolFor::Direction => "direction",
        }
    }

    /// The states a label can be given for.
    pub fn states(self) -> &'static [&'static str] {
        match self {
            SymbolFor::Direction => &["better", "same", "worse", "not_comparable"],
            _ => &[
                "green",
                "amber",
                "red",
                "unknown",
                "no_target",
                "no_figure",
                "not_due",
                "not_available",
                "context",
            ],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymbolLabel {
    pub applies_to: SymbolFor,
    pub state: String,
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    pub reference: String,
    pub department: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub code: String,
    pub objective: String,
    pub year: FinancialYear,
    pub priority: Option<String>,
    pub key: bool,
    pub text: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    /// Every ref printed for it, e.g. `NI072 SCS CYP01`.
    pub refs: String,
    pub description: String,
    pub department: String,
    pub priority: Option<String>,
    pub key: bool,
    pub polarity: Polarity,
    pub unit: Unit,
    pub decimals: Option<u32>,
    pub rag_rule: String,
    pub same_band: Decimal,
    pub position: i64,
    /// What direction of travel compares with, over its rule's declaration, and its baseline.
    #[serde(default)]
    pub comparison: Comparison,
    /// How its figure is worked out from a numerator and denominator, if it is.
    #[serde(default)]
    pub formula: Option<crate::performance::formula::Formula>,
    /// How its year to date is built from the quarters where none is entered.
    #[serde(default)]
    pub ytd_rule: Option<crate::performance::formula::YtdRule>,
    /// The age band whose population a rate per 10,000 is of, e.g. `0-17`.
    #[serde(default)]
    pub population: Option<String>,
    /// A context measure (children looked after, on a plan): shown with its figures and
    /// direction of travel, never rated, never counted in progress summaries.
    #[serde(default)]
    pub context: bool,
    /// The group it is counted in (`indicator_groups`), if any.
    #[serde(default)]
    pub group: Option<String>,
    /// What a quarter's figure covers (quarter, year to date, …), printed beside it; `None`
    /// prints nothing, as the seeds do.
    #[serde(default)]
    pub period_basis: Option<crate::performance::layout::PeriodBasis>,
    /// How often a figure is due; `None` is every quarter.
    #[serde(default)]
    pub frequency: Option<crate::performance::frequency::Frequency>,
}

/// Where an indicator sat in a given year's plan, when that differs from its own record: one
/// indicator keeps one history while its lead department, priority or wording change over the years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorYear {
    pub indicator: String,
    pub year: FinancialYear,
    pub department: String,
    pub priority: Option<String>,
    pub key: bool,
    /// The refs printed that year, if different (the 2013–16 plan prints "NI 148").
    pub refs: Option<String>,
    /// The wording printed that year, if different.
    pub description: Option<String>,
    pub position: i64,
}

impl Indicator {
    /// A key indicator with every optional setting left at its default (higher is better, no
    /// formula, group or declared places), for code that builds indicators rather than importing them.
    pub fn new(
        code: &str,
        description: &str,
        department: &str,
        unit: Unit,
        rag_rule: &str,
    ) -> Indicator {
        Indicator {
            code: code.into(),
            refs: code.into(),
            description: description.into(),
            department: department.into(),
            priority: None,
            key: true,
            polarity: Polarity::HigherIsBetter,
            unit,
            decimals: None,
            rag_rule: rag_rule.into(),
            same_band: Decimal::ZERO,
            position: 1,
            comparison: Default::default(),
            formula: None,
            ytd_rule: None,
            population: None,
            context: false,
            group: None,
            period_basis: None,
            frequency: None,
        }
    }

    /// This indicator as placed in `year`'s plan.
    pub fn in_year(&self, year: FinancialYear, years: &[IndicatorYear]) -> Indicator {
        match years
            .iter()
            .find(|y| y.indicator == self.code && y.year == year)
        {
            None => self.clone(),
            Some(y) => Indicator {
                department: y.department.clone(),
                priority: y.priority.clone(),
                key: y.key,
                refs: y.refs.clone().unwrap_or_else(|| self.refs.clone()),
                description: y
                    .description
                    .clone()
                    .unwrap_or_else(|| self.description.clone()),
                position: y.position,
                ..self.clone()
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetEntry {
    pub indicator: String,
    pub year: FinancialYear,
    /// `None` for the annual target.
    pub quarter: Option<Quarter>,
    pub target: Figure,
    /// The original, when the target has been revised.
    pub original: Option<Figure>,
}

/// Whether a figure is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    Validated,
    Unvalidated,
    Provisional,
    Estimated,
}

impl ValueStatus {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "validated" => ValueStatus::Validated,
            "unvalidated" | "un-validated" => ValueStatus::Unvalidated,
            "provisional" => ValueStatus::Provisional,
            "estimated" | "estimate" => ValueStatus::Estimated,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.into(),
                    "validated, unvalidated, provisional, estimated",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            ValueStatus::Validated => "validated",
            ValueStatus::Unvalidated => "unvalidated",
            ValueStatus::Provisional => "provisional",
            ValueStatus::Estimated => "estimated",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueEntry {
    pub indicator: String,
    pub year: FinancialYear,
    /// `None` for the annual outturn.
    pub quarter: Option<Quarter>,
    pub value: Figure,
    pub status: Option<ValueStatus>,
    pub rag_override: Option<Override>,
    pub commentary: Option<String>,
    pub initials: Option<String>,
    /// The figure's numerator, for a formula indicator.
    #[serde(default)]
    pub numerator: Option<Decimal>,
    /// Its denominator; blank for a rate whose denominator is the population.
    #[serde(default)]
    pub denominator: Option<Decimal>,
}

impl ValueEntry {
    /// A bare figure for a period (`quarter` `None`: the year's outturn), with no status,
    /// override, commentary or parts: for code that builds figures rather than importing them.
    pub fn new(
        indicator: &str,
        year: FinancialYear,
        quarter: Option<Quarter>,
        value: Figure,
    ) -> ValueEntry {
        ValueEntry {
            indicator: indicator.into(),
            year,
            quarter,
            value,
            status: None,
            rag_override: None,
            commentary: None,
            initials: None,
            numerator: None,
            denominator: None,
        }
    }

    /// The parts entered, with a rate's missing denominator taken as `population`.
    pub fn parts(&self, population: Option<Decimal>) -> Option<crate::performance::formula::Parts> {
        Some(crate::performance::formula::Parts {
            numerator: self.numerator?,
            denominator: self.denominator.or(population)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneProgress {
    pub milestone: String,
    pub period: Period,
    pub progress: Rag,
    pub commentary: Option<String>,
    pub initials: Option<String>,
    /// How the rating was arrived at, when that needs saying.
    pub basis: Option<String>,
}

/// Where a piece of narrative is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Introduction,
    KeyDevelopment,
    EmergingIssue,
    Milestones,
    Indicators,
    ServiceReview,
    Risk,
    Equality,
    DataQuality,
    Finance,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Introduction,
        Section::KeyDevelopment,
        Section::EmergingIssue,
        Section::Milestones,
        Section::Indicators,
        Section::ServiceReview,
        Section::Risk,
        Section::Equality,
        Section::DataQuality,
        Section::Finance,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Section::Introduction => "introduction",
            Section::KeyDevelopment => "key_development",
            Section::EmergingIssue => "emerging_issue",
            Section::Milestones => "milestones",
            Section::Indicators => "indicators",
            Section::ServiceReview => "service_review",
            Section::Risk => "risk",
            Section::Equality => "equality",
            Section::DataQuality => "data_quality",
            Section::Finance => "finance",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase();
        Section::ALL.into_iter().find(|s| s.code() == t).ok_or_else(|| {
            DomainError::NotOneOf(
                text.into(),
                "introduction, key_development, emerging_issue, milestones, indicators, service_review, risk, equality, data_quality, finance",
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commentary {
    pub period: Period,
    pub board: Option<String>,
    pub department: Option<String>,
    pub section: Section,
    pub priority: Option<String>,
    pub theme: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub initials: Option<String>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetEntry {
    pub department: String,
    pub period: Period,
    pub as_at: NaiveDate,
    pub position: i64,
    pub line: BudgetLine,
}

/// The range an indicator's figures may take, declared where its unit's usual range does not fit
/// (a percentage change may be negative or over 100). A blank side has no bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorBounds {
    pub indicator: String,
    pub minimum: Option<Decimal>,
    pub maximum: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benchmark {
    pub indicator: String,
    pub year: FinancialYear,
    pub top_quartile: Option<Decimal>,
    pub bottom_quartile: Option<Decimal>,
    pub national: Option<Decimal>,
    pub statistical_neighbours: Option<Decimal>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskControl {
    pub department: String,
    pub period: Period,
    pub reference: String,
    pub risk: String,
    pub control_measure: String,
    pub target: Option<String>,
    pub progress: Rag,
    pub commentary: Option<String>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EqualityAction {
    pub department: String,
    pub period: Period,
    pub action: String,
    pub target: Option<String>,
    pub progress: Rag,
    pub commentary: Option<String>,
    pub position: i64,
}

/// Everything a council holds, or everything one import brings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub boards: Vec<Board>,
    pub departments: Vec<Department>,
    pub priorities: Vec<Priority>,
    pub rag_rules: Vec<RagRuleDef>,
    pub symbol_labels: Vec<SymbolLabel>,
    pub indicator_groups: Vec<IndicatorGroup>,
    pub objectives: Vec<Objective>,
    pub milestones: Vec<Milestone>,
    pub indicators: Vec<Indicator>,
    pub indicator_bounds: Vec<IndicatorBounds>,
    /// Indicators whose figures come from case records.
    pub indicator_measures: Vec<crate::cases::IndicatorMeasure>,
    /// Where computed figures came from.
    pub value_sources: Vec<crate::cases::ValueSource>,
    pub indicator_years: Vec<IndicatorYear>,
    pub targets: Vec<TargetEntry>,
    /// Populations, the denominators of rates per 10,000.
    #[serde(default)]
    pub populations: Vec<crate::performance::formula::Population>,
    pub values: Vec<ValueEntry>,
    pub milestone_progress: Vec<MilestoneProgress>,
    pub commentary: Vec<Commentary>,
    pub budget_lines: Vec<BudgetEntry>,
    pub benchmarks: Vec<Benchmark>,
    pub risks: Vec<RiskControl>,
    pub equality_actions: Vec<EqualityAction>,
    pub strategies: Vec<crate::plans::Strategy>,
    pub strategy_measures: Vec<crate::plans::StrategyMeasure>,
    pub measure_commentary: Vec<crate::plans::MeasureCommentary>,
    pub target_revisions: Vec<crate::plans::TargetRevision>,
    pub action_plans: Vec<crate::plans::ActionPlan>,
    pub actions: Vec<crate::plans::Action>,
    pub action_updates: Vec<crate::plans::ActionUpdate>,
    pub objective_plans: Vec<crate::plans::ObjectivePlan>,
    pub report_covers: Vec<crate::meetings::Cover>,
    #[serde(default)]
    pub memberships: Vec<crate::meetings::Membership>,
    #[serde(default)]
    pub meetings: Vec<crate::meetings::Meeting>,
    #[serde(default)]
    pub agenda_items: Vec<crate::meetings::AgendaItem>,
    #[serde(default)]
    pub attendance: Vec<crate::meetings::Attendee>,
    #[serde(default)]
    pub minutes: Vec<crate::meetings::Minute>,
    #[serde(default)]
    pub minute_actions: Vec<crate::meetings::MinuteAction>,
    /// Interests members declared at meetings, each against a minute.
    #[serde(default)]
    pub declarations: Vec<crate::meetings::Declaration>,
    /// Each board's forward work programme: the reports it has asked for.
    #[serde(default)]
    pub work_programme: Vec<crate::meetings::ProgrammeItem>,
    pub report_cover_sections: Vec<crate::meetings::CoverSection>,
    /// Each board's report layouts: titles, period wording, headings, sections left out.
    #[serde(default)]
    pub report_layouts: Vec<crate::performance::layout::LayoutRow>,
    /// For an import, which cells its files gave; stored values in the others are kept.
    #[serde(skip)]
    pub given: crate::table::Given,
}

impl Dataset {
    /// Rows in each table, for progress messages and import summaries.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        use crate::table::TableSet;
        Self::TABLES
            .iter()
            .map(|t| (t.name, self.count(t.name)))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.counts().iter().all(|(_, n)| *n == 0)
    }
}

/// Keys already held, so an import may refer to them without repeating them: for each table
/// that others refer to (a description with `defines`), its rows' keys, the parts joined by a
/// space as an import writes them (`SCS-CYP CYP 1`, `ADOPTION-2012 A3`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    sets: std::collections::HashMap<&'static str, std::collections::HashSet<String>>,
    /// Each stored indicator's unit, so a figure can be checked against it.
    units: std::collections::HashMap<String, Unit>,
    /// Stored indicators' declared bounds (minimum, maximum).
    bounds: std::collections::HashMap<String, (Option<Decimal>, Option<Decimal>)>,
    /// Stored formula indicators' formulas and population bands.
    formulas:
        std::collections::HashMap<String, (crate::performance::formula::Formula, Option<String>)>,
    /// Stored populations, for rates of them.
    populations: Vec<crate::performance::formula::Population>,
}

impl Known {
    /// Records that the stored indicator `code` is measured in `unit`.
    pub fn insert_unit(&mut self, code: String, unit: Unit) {
        self.units.insert(code, unit);
    }

    /// Each stored indicator's unit, by code.
    pub fn units(&self) -> impl Iterator<Item = (&str, Unit)> {
        self.units.iter().map(|(c, u)| (c.as_str(), *u))
    }

    /// Records a stored indicator's declared bounds.
    pub fn insert_bounds(&mut self, bounds: IndicatorBounds) {
        self.bounds
            .insert(bounds.indicator, (bounds.minimum, bounds.maximum));
    }

    /// Stored indicators' declared bounds (minimum, maximum), by code.
    pub fn bounds(&self) -> impl Iterator<Item = (&str, (Option<Decimal>, Option<Decimal>))> {
        self.bounds.iter().map(|(c, b)| (c.as_str(), *b))
    }

    /// Records a stored indicator's formula and the population band its rate is of.
    pub fn insert_formula(
        &mut self,
        code: String,
        formula: crate::performance::formula::Formula,
        band: Option<String>,
    ) {
        self.formulas.insert(code, (formula, band));
    }

    /// Stored formula indicators: code, formula, population band.
    pub fn formulas(
        &self,
    ) -> impl Iterator<Item = (&str, crate::performance::formula::Formula, Option<&str>)> {
        self.formulas
            .iter()
            .map(|(c, (f, b))| (c.as_str(), *f, b.as_deref()))
    }

    /// Records a stored population.
    pub fn insert_population(&mut self, p: crate::performance::formula::Population) {
        self.populations.push(p);
    }

    /// The stored populations.
    pub fn populations(&self) -> &[crate::performance::formula::Population] {
        &self.populations
    }

    /// Records that `table` holds a row with `key`.
    pub fn insert(&mut self, table: &'static str, key: String) {
        self.sets.entry(table).or_default().insert(key);
    }

    /// Each table's keys, by its import name.
    pub fn sets(&self) -> impl Iterator<Item = (&'static str, &std::collections::HashSet<String>)> {
        self.sets.iter().map(|(t, s)| (*t, s))
    }
}
