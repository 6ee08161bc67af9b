//! Lookups over a council's dataset for one reporting period, and the per-indicator judgement
//! (figures, progress, direction of travel) that every report prints the same way.

use std::collections::HashMap;

use scrutiny_domain::Direction;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::format::NumberStyle;
use scrutiny_domain::performance::comparison::{Comparison, History};
use scrutiny_domain::performance::direction::direction_on_basis;
use scrutiny_domain::performance::model::*;
use scrutiny_domain::performance::rag::{Judgement, Progress, Rag, RagMethod, RagRule};
use scrutiny_domain::performance::summary::{ExceptionRule, Standing};
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use scrutiny_domain::plans::{TargetInForce, target_in_force};

use scrutiny_domain::performance::formula::YtdRule;

use super::formula::built_by;
use crate::document::{IndicatorRow, Symbol};
use crate::symbols::Labels;

pub struct Context<'a> {
    pub data: &'a Dataset,
    pub period: Period,
    pub labels: Labels<'a>,
    values: HashMap<(&'a str, FinancialYear, Option<Quarter>), &'a ValueEntry>,
    targets: HashMap<(&'a str, FinancialYear, Option<Quarter>), &'a TargetEntry>,
    rules: HashMap<&'a str, &'a RagRule>,
    /// Each rule's declared comparison basis for direction of travel.
    comparisons: HashMap<&'a str, &'a Comparison>,
    /// The most places any of an indicator's figures was entered with (`format::places`).
    places: HashMap<&'a str, u32>,
    /// How every figure of the document is printed.
    pub style: NumberStyle,
    /// Decimal places of the percentages beside summary counts (the board's `percent_places`).
    pub percent_places: u32,
    /// Which indicators are listed by exception: the board's rule, else not green.
    pub exceptions: ExceptionRule,
    pub diagnostics: Vec<String>,
    /// The progress states printed so far, so the symbol key explains each one used.
    pub seen: std::collections::BTreeSet<Rag>,
}

/// An indicator's figures and judgements for the period.
pub struct Assessed {
    pub row: IndicatorRow,
    pub rag: Rag,
    /// What an exception rule looks at.
    pub standing: Standing,
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, period: Period) -> Self {
        Context {
            data,
            period,
            labels: Labels::new(&data.symbol_labels),
            values: data
                .values
                .iter()
                .map(|v| ((v.indicator.as_str(), v.year, v.quarter), v))
                .collect(),
            targets: data
                .targets
                .iter()
                .map(|t| ((t.indicator.as_str(), t.year, t.quarter), t))
                .collect(),
            rules: data
                .rag_rules
                .iter()
                .map(|r| (r.code.as_str(), &r.rule))
                .collect(),
            comparisons: data
                .rag_rules
                .iter()
                .map(|r| (r.code.as_str(), &r.comparison))
                .collect(),
            places: places_by_indicator(data),
            style: NumberStyle::default(),
            percent_places: 0,
            exceptions: ExceptionRule::default(),
            diagnostics: Vec::new(),
            seen: Default::default(),
        }
    }

    /// The context printing figures in `board`'s declared style.
    pub fn for_board(mut self, board: &str) -> Self {
        let negatives = self.board(board).and_then(|b| b.negatives);
        self.style = NumberStyle::new(negatives.unwrap_or_default());
        self.percent_places = percent_places(self.data, board);
        self.exceptions = self
            .board(board)
            .and_then(|b| b.exception_rule.clone())
            .unwrap_or_default();
        self
    }

    /// The board's exception rule in words, naming ratings as the council labels them.
    pub fn exception_words(&self) -> String {
        self.exceptions
            .words_with(&|r| self.labels.rag(SymbolFor::Indicator, r).label)
    }

    /// How `ind`'s figures print: its declared places, or else the most any of its figures has,
    /// so one indicator prints alike in every column; negatives in the document's style.
    pub fn show(&self, ind: &Indicator) -> impl Fn(&Figure) -> String + use<> {
        let (style, unit) = (self.style, ind.unit);
        let decimals = ind
            .decimals
            .or_else(|| self.places.get(ind.code.as_str()).copied());
        move |f: &Figure| style.figure(f, unit, decimals)
    }

    pub fn value(
        &self,
        code: &str,
        year: FinancialYear,
        quarter: Option<Quarter>,
    ) -> Option<&'a ValueEntry> {
        self.values.get(&(code, year, quarter)).copied()
    }

    pub fn target(
        &self,
        code: &str,
        year: FinancialYear,
        quarter: Option<Quarter>,
    ) -> Option<&'a TargetEntry> {
        self.targets.get(&(code, year, quarter)).copied()
    }

    pub fn department(&self, code: &str) -> Option<&'a Department> {
        self.data.departments.iter().find(|d| d.code == code)
    }

    pub fn board(&self, code: &str) -> Option<&'a Board> {
        self.data.boards.iter().find(|b| b.code == code)
    }

    /// The most recent year's figure before this year (an entered outturn, or one built from the
    /// quarters by the declared rule), its year and the rule that built it.
    fn previous_outturn(
        &self,
        ind: &Indicator,
    ) -> Option<(FinancialYear, Figure, Option<YtdRule>)> {
        let last = self.period.year.previous();
        (0..10)
            .map(|back| FinancialYear(last.0 - back))
            .find_map(|y| self.year_figure(ind, y).map(|(f, r)| (y, f, r)))
    }

    /// A year's annual target as it stands after approved revisions.
    pub fn target_in_force(&self, code: &str, year: FinancialYear) -> Option<TargetInForce> {
        let revisions = self
            .data
            .target_revisions
            .iter()
            .filter(|r| r.indicator == code && r.year == year);
        target_in_force(self.target(code, year, None), revisions)
    }

    /// This year's annual target, or failing that the one still in force from an earlier year
    /// (a trajectory's step, or last year's target), labelled with its year.
    fn annual_target(&self, code: &str) -> Option<(FinancialYear, TargetInForce)> {
        let this = self.period.year;
        (0..10)
            .map(|back| FinancialYear(this.0 - back))
            .find_map(|y| self.target_in_force(code, y).map(|t| (y, t)))
    }

    pub fn assess(&mut self, ind: &Indicator) -> Assessed {
        let p = self.period;
        let fmt = self.show(ind);
        let current = self.value(&ind.code, p.year, Some(p.quarter));

        let previous = match self.previous_outturn(ind) {
            Some((y, f, None)) if y == p.year.previous() => fmt(&f),
            Some((y, f, None)) => format!("{} ({} actual)", fmt(&f), y.short()),
            Some((y, f, Some(rule))) => {
                format!("{} ({} {})", fmt(&f), y.short(), built_by(rule))
            }
            None => String::new(),
        };
        let frequency = ind.frequency.unwrap_or_default();
        let not_due = current.is_none() && !frequency.due_in(p.quarter);
        if current.is_none() && !not_due {
            self.diagnostics.push(format!(
                "No {} value for {} ({}).",
                p.quarter, ind.refs, ind.description
            ));
        }

        let rule = self.rules.get(ind.rag_rule.as_str()).copied();
        // The target in force: this year's, or an earlier step of a trajectory (labelled).
        let annual = self.annual_target(&ind.code);
        let this_year_target = annual.as_ref().map(|(_, t)| &t.current);
        let profiled = self
            .target(&ind.code, p.year, Some(p.quarter))
            .map(|t| &t.target);
        let profile_used = rule.is_some_and(|r| r.method == RagMethod::ProfiledTarget);
        let (target, target_spoken) =
            self.target_shown(annual.as_ref(), profiled.filter(|_| profile_used), &fmt);
        let used_target = rule.and_then(|r| r.target(this_year_target, profiled));
        let computed = match rule {
            _ if ind.context => Judgement {
                rag: Rag::Context,
                basis: "A context measure: shown for information, not rated.".into(),
            },
            _ if not_due => Judgement {
                rag: Rag::NotDue,
                basis: format!(
                    "No figure is due in {}: the measure is {}.",
                    p.quarter,
                    frequency.words()
                ),
            },
            Some(rule) => {
                rule.judge_shown(ind.polarity, current.map(|v| &v.value), used_target, &fmt)
            }
            None => Judgement {
                rag: Rag::Unknown,
                basis: format!("The rule '{}' is not defined.", ind.rag_rule),
            },
        };
        let progress = Progress {
            computed,
            overridden: current.and_then(|v| v.rag_override.clone()),
        };
        let rag = progress.rag();
        let progress_basis = match &progress.overridden {
            Some(o) => format!("Set by a person: {}", o.reason),
            None => progress.computed.basis.clone(),
        };
        let order = Comparison::order(
            &ind.comparison,
            self.comparisons.get(ind.rag_rule.as_str()).copied(),
        );
        let figure = |y: FinancialYear, q: Option<Quarter>| match q {
            None => self.year_figure(ind, y).map(|(f, _)| f),
            Some(_) => self.value(&ind.code, y, q).map(|v| v.value.clone()),
        };
        let history = History {
            period: p,
            figure: &figure,
            baseline: ind.comparison.baseline.as_ref(),
        };
        let (direction, compared_with, direction_basis) =
            direction_on_basis(ind.polarity, &order, &history, ind.same_band, &fmt);

        let standing = Standing {
            rag,
            direction,
            value: current.and_then(|v| v.value.as_number()),
            target: used_target.and_then(Figure::as_number),
        };
        let row = IndicatorRow {
            code: ind.code.clone(),
            refs: ind.refs.clone(),
            measure: match ind.period_basis {
                // Said beside the measure so every format (and a screen reader) carries it.
                Some(basis) => format!(
                    "{} ({})",
                    ind.description,
                    basis.words(&self.style.date(self.period.end()))
                ),
                None => ind.description.clone(),
            },
            previous,
            target,
            target_spoken,
            current: current
                .map(|v| self.with_parts(ind, v, fmt(&v.value)))
                .unwrap_or_default(),
            progress: self.labels.rag(SymbolFor::Indicator, rag),
            direction: self.direction_symbol(direction),
            progress_basis,
            direction_basis,
            compared_with,
            exception: self.exceptions.is_exception(&standing),
            commentary: current
                .and_then(|v| with_initials(v.commentary.as_deref(), v.initials.as_deref())),
        };
        Assessed { row, rag, standing }
    }

    /// The target column: the target a rating is judged against, so never blank where one was
    /// used. A profiled quarter target is labelled, the annual one beside it: printed "9.0% (Q2
    /// profile); 12.0% year", spoken "9.0%, the Q2 profiled target; 12.0% for the year".
    fn target_shown(
        &self,
        annual: Option<&(FinancialYear, TargetInForce)>,
        profiled: Option<&Figure>,
        fmt: &dyn Fn(&Figure) -> String,
    ) -> (String, String) {
        let year = self.period.year;
        let annual = annual.map(|(y, t)| {
            let (shown, spoken) = describe_target(t, fmt);
            let year_note = if *y == year {
                String::new()
            } else {
                format!(" ({} target)", y.short())
            };
            (
                format!("{shown}{year_note}"),
                format!("{spoken}{year_note}"),
            )
        });
        let Some(profiled) = profiled else {
            return annual.unwrap_or_else(|| (String::new(), "no target".to_string()));
        };
        let q = self.period.quarter;
        let (mut shown, mut spoken) = (
            format!("{} ({q} profile)", fmt(profiled)),
            format!("{}, the {q} profiled target", fmt(profiled)),
        );
        if let Some((a_shown, a_spoken)) = annual {
            shown.push_str(&format!("; {a_shown} year"));
            spoken.push_str(&format!("; {a_spoken} for the year"));
        }
        (shown, spoken)
    }

    fn direction_symbol(&self, d: Direction) -> Symbol {
        self.labels.direction(d)
    }

    /// Key milestones of the period's year, in order, optionally for one priority or department.
    pub fn milestones(&self, filter: impl Fn(&Milestone) -> bool) -> Vec<&'a Milestone> {
        let mut v: Vec<&Milestone> = self
            .data
            .milestones
            .iter()
            .filter(|m| m.year == self.period.year && filter(m))
            .collect();
        v.sort_by_key(|m| (m.position, m.code.clone()));
        v
    }

    pub fn milestone_progress(&mut self, m: &Milestone) -> (Rag, Option<&'a MilestoneProgress>) {
        let found = self
            .data
            .milestone_progress
            .iter()
            .find(|p| p.milestone == m.code && p.period == self.period);
        if found.is_none() {
            self.diagnostics.push(format!(
                "No {} progress for milestone {} ({}).",
                self.period, m.objective, m.text
            ));
        }
        (found.map_or(Rag::Unknown, |p| p.progress), found)
    }

    pub fn commentary(&self, filter: impl Fn(&Commentary) -> bool) -> Vec<&'a Commentary> {
        let mut v: Vec<&Commentary> = self
            .data
            .commentary
            .iter()
            .filter(|c| c.period == self.period && filter(c))
            .collect();
        v.sort_by_key(|c| c.position);
        v
    }

    /// Indicators as placed in the period's year (department, priority, key, wording), filtered.
    pub fn indicators(&self, filter: impl Fn(&Indicator) -> bool) -> Vec<Indicator> {
        let year = self.period.year;
        let mut v: Vec<Indicator> = self
            .data
            .indicators
            .iter()
            .map(|i| i.in_year(year, &self.data.indicator_years))
            .filter(|i| filter(i))
            .collect();
        v.sort_by_key(|i| (i.position, i.code.clone()));
        v
    }
}

/// A target in words that need no colour: printed "54.0 (revised from 45)", spoken
/// "54.0, revised from 45"; a pending proposal is said as such. `fmt` prints a figure
/// (`Context::show`).
pub fn describe_target(t: &TargetInForce, fmt: &dyn Fn(&Figure) -> String) -> (String, String) {
    let mut shown = fmt(&t.current);
    let mut spoken = shown.clone();
    if let Some(o) = &t.original {
        shown.push_str(&format!(" (revised from {})", fmt(o)));
        spoken.push_str(&format!(", revised from {}", fmt(o)));
    }
    if let Some(p) = &t.pending {
        shown.push_str(&format!(" (proposed: {})", fmt(p)));
        spoken.push_str(&format!(", with a proposed revision to {}", fmt(p)));
    }
    (shown, spoken)
}

/// The places of `board`'s summary percentages: its declared `percent_places`, else 0.
pub fn percent_places(data: &Dataset, board: &str) -> u32 {
    data.boards
        .iter()
        .find(|b| b.code == board)
        .and_then(|b| b.percent_places)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(0)
}

/// "text (NM)".
pub fn with_initials(text: Option<&str>, initials: Option<&str>) -> Option<String> {
    let text = text?;
    Some(match initials {
        Some(i) => format!("{text} ({i})"),
        None => text.to_string(),
    })
}

/// Per indicator, the most places any of its values or targets was entered with.
fn places_by_indicator(data: &Dataset) -> HashMap<&str, u32> {
    let mut places: HashMap<&str, u32> = HashMap::new();
    let figures = data
        .values
        .iter()
        .map(|v| (v.indicator.as_str(), &v.value))
        .chain(
            data.targets
                .iter()
                .map(|t| (t.indicator.as_str(), &t.target)),
        );
    for (code, figure) in figures {
        if let Some(p) = scrutiny_domain::format::places([figure]) {
            let e = places.entry(code).or_insert(0);
            *e = (*e).max(p);
        }
    }
    places
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rust_decimal::Decimal;
    use scrutiny_domain::figure::Unit;
    use scrutiny_domain::performance::comparison::{Baseline, ComparisonBasis};
    use scrutiny_domain::performance::rag::BandUnit;

    use super::*;

    /// One indicator on `rule`, with the given targets and values (year, quarter, figure).
    fn council(
        rule: RagMethod,
        targets: &[(i32, Option<Quarter>, &str)],
        values: &[(i32, Option<Quarter>, &str)],
    ) -> Dataset {
        let mut data = Dataset::default();
        data.rag_rules.push(RagRuleDef {
            code: "R".into(),
            rule: RagRule {
                method: rule,
                amber_band: Decimal::from(5),
                band_unit: BandUnit::Percent,
            },
            description: String::new(),
            comparison: Comparison::default(),
        });
        data.indicators
            .push(Indicator::new("LI1", "A measure", "D", Unit::Percent, "R"));
        for (y, q, t) in targets {
            data.targets.push(TargetEntry {
                indicator: "LI1".into(),
                year: FinancialYear(*y),
                quarter: *q,
                target: Figure::parse(t).unwrap(),
                original: None,
            });
        }
        for (y, q, v) in values {
            data.values.push(ValueEntry::new(
                "LI1",
                FinancialYear(*y),
                *q,
                Figure::parse(v).unwrap(),
            ));
        }
        data
    }

    fn assess(data: &Dataset) -> Assessed {
        let mut ctx = Context::new(data, Period::parse("2012/13 Q2").unwrap());
        let ind = data.indicators[0].clone();
        ctx.assess(&ind)
    }

    /// The figure a rating's reason says it was judged against ("… target of 9.0%: …").
    fn judged_against(basis: &str) -> Option<&str> {
        let (_, rest) = basis.split_once("target of ")?;
        rest.split_once(':').map(|(t, _)| t)
    }

    #[test]
    fn the_target_column_prints_the_target_the_rating_used() {
        use Quarter::Q2;
        let cases = [
            (
                RagMethod::ProfiledTarget,
                vec![(2012, None, "12.0"), (2012, Some(Q2), "9.0")],
                "9.0% (Q2 profile); 12.0% year",
            ),
            (
                RagMethod::ProfiledTarget,
                vec![(2012, Some(Q2), "9.0")],
                "9.0% (Q2 profile)",
            ),
            (
                RagMethod::AnnualTarget,
                vec![(2012, None, "12.0"), (2012, Some(Q2), "9.0")],
                "12.0%",
            ),
            (
                RagMethod::AnnualTarget,
                vec![(2011, None, "10.0")],
                "10.0% (11/12 target)",
            ),
        ];
        for (method, targets, shown) in cases {
            let data = council(method, &targets, &[(2012, Some(Q2), "8.8")]);
            let a = assess(&data);
            assert_eq!(a.row.target, shown, "{method:?}");
            // Whatever the rule, a rating judged against a target prints that target.
            let used = judged_against(&a.row.progress_basis)
                .unwrap_or_else(|| panic!("judged: {}", a.row.progress_basis));
            assert!(
                !a.row.target.is_empty() && a.row.target.starts_with(used),
                "{method:?}: judged against {used}, printed '{}'",
                a.row.target
            );
        }
        let data = council(
            RagMethod::ProfiledTarget,
            &[(2012, None, "12.0"), (2012, Some(Q2), "9.0")],
            &[(2012, Some(Q2), "8.8")],
        );
        assert_eq!(
            assess(&data).row.target_spoken,
            "9.0%, the Q2 profiled target; 12.0% for the year"
        );
    }

    #[test]
    fn the_board_rule_marks_the_exceptions() {
        use Quarter::Q2;
        let mut data = council(
            RagMethod::AnnualTarget,
            &[(2012, None, "12.0")],
            &[(2012, Some(Q2), "12.8")],
        );
        let listed = |data: &Dataset, rule: Option<&str>| {
            let mut data = data.clone();
            data.boards = vec![Board {
                code: "B".into(),
                name: "Board".into(),
                council: None,
                negatives: None,
                percent_places: None,
                exception_rule: rule.map(|r| ExceptionRule::parse(r).unwrap()),
                count_by_group: false,
                clear_days: None,
            }];
            let mut ctx = Context::new(&data, Period::parse("2012/13 Q2").unwrap()).for_board("B");
            let ind = data.indicators[0].clone();
            ctx.assess(&ind).row.exception
        };
        // 12.8 against 12.0: green, but 6.7% above the target.
        assert!(!listed(&data, None), "not green by default");
        assert!(listed(&data, Some("off_target 5%")));
        assert!(!listed(&data, Some("off_target 1 points")));
        assert!(!listed(&data, Some("red")));
        data.values[0].value = Figure::parse("10.0").unwrap();
        assert!(listed(&data, Some("red")), "10.0 is red against 12.0");
    }

    #[test]
    fn a_context_measure_is_shown_with_its_direction_never_rated_or_counted() {
        use Quarter::Q2;
        let mut data = council(
            RagMethod::AnnualTarget,
            &[(2012, None, "12.0")],
            &[(2012, Some(Q2), "10.0"), (2011, Some(Q2), "9.0")],
        );
        data.indicators[0].context = true;
        let a = assess(&data);
        assert_eq!(a.rag, Rag::Context);
        assert_eq!(a.row.progress.state, "context");
        assert_eq!(a.row.current, "10.0%");
        assert_eq!(a.row.direction.state, "better");
        assert!(!a.row.exception, "10.0 against 12.0 would be red");
        let counts: scrutiny_domain::RagCounts = [a.rag].into_iter().collect();
        assert_eq!(counts.total, 0);
    }

    #[test]
    fn a_measure_reported_annually_is_not_due_until_the_year_end() {
        use scrutiny_domain::performance::frequency::Frequency;
        let mut data = council(RagMethod::AnnualTarget, &[(2012, None, "12.0")], &[]);
        data.indicators[0].frequency = Some(Frequency::Annual);
        let mut ctx = Context::new(&data, Period::parse("2012/13 Q2").unwrap());
        let a = ctx.assess(&data.indicators[0]);
        assert_eq!(a.rag, Rag::NotDue);
        assert!(
            a.row.progress_basis.contains("reported annually"),
            "{}",
            a.row.progress_basis
        );
        assert!(
            ctx.diagnostics.is_empty(),
            "a figure not due is not missing"
        );
        // At the year end a missing figure is missing.
        let mut ctx = Context::new(&data, Period::parse("2012/13 Q4").unwrap());
        assert_eq!(ctx.assess(&data.indicators[0]).rag, Rag::NoFigure);
        // Quarterly (the default): missing in Q2 too.
        data.indicators[0].frequency = None;
        let mut ctx = Context::new(&data, Period::parse("2012/13 Q2").unwrap());
        assert_eq!(ctx.assess(&data.indicators[0]).rag, Rag::NoFigure);
    }

    #[test]
    fn the_direction_uses_the_declared_basis_and_says_so() {
        use Quarter::{Q1, Q2};
        let values = [
            (2012, Some(Q2), "8.8"),
            (2012, Some(Q1), "9.5"),
            (2011, None, "7.0"),
        ];
        // Nothing declared: no Q2 2011/12, so the default falls back to last year's outturn.
        let mut data = council(RagMethod::AnnualTarget, &[], &values);
        let a = assess(&data);
        assert_eq!(
            a.row.direction_basis,
            "No figure for Q2 2011/12; 8.8% against 7.0%, the 2011/12 outturn: better."
        );
        // The rule declares the previous quarter.
        data.rag_rules[0].comparison.basis = Some(ComparisonBasis::PreviousPeriod);
        assert_eq!(
            assess(&data).row.direction_basis,
            "8.8% against 9.5% in Q1 2012/13, the previous quarter: worse."
        );
        // The indicator's own baseline wins over its rule's.
        data.indicators[0].comparison = Comparison {
            basis: Some(ComparisonBasis::Baseline),
            fallback: None,
            baseline: Some(Baseline {
                value: "8.0".parse().unwrap(),
                label: "2010/11 baseline".into(),
            }),
        };
        let a = assess(&data);
        assert_eq!(
            a.row.direction_basis,
            "8.8% against 8.0%, the 2010/11 baseline: better."
        );
        assert_eq!(a.row.direction.state, "better");
    }
}
