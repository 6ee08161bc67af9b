//! What direction of travel compares a figure with: the comparison basis, declared per rule and
//! per indicator with an order to fall back in, and the one function that picks the figure.
//!
//! A rolling year compares the mean of the four quarters to the period with the mean of the four
//! before them. The mean, not the sum, so the figure stays in the indicator's units (a percentage
//! stays a percentage) and its `same_band` means the same as for a quarter; with four quarters on
//! each side the direction is the one the sums would give. All eight quarters must be numbers.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::figure::Figure;
use crate::period::{FinancialYear, Period, Quarter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonBasis {
    /// The same quarter a year earlier (the default).
    SamePeriodLastYear,
    /// The quarter before.
    PreviousPeriod,
    /// Last year's annual outturn.
    LastYearOutturn,
    /// The indicator's named baseline.
    Baseline,
    /// The mean of the four quarters to this one against the mean of the four before.
    RollingYear,
}

impl ComparisonBasis {
    pub const WORDS: &'static str =
        "same_period_last_year, previous_period, last_year_outturn, baseline, rolling_year";

    /// The order used where nothing is declared: the same period last year, then last year's
    /// outturn.
    pub const DEFAULT_ORDER: [ComparisonBasis; 2] = [
        ComparisonBasis::SamePeriodLastYear,
        ComparisonBasis::LastYearOutturn,
    ];

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Ok(match t.as_str() {
            "same_period_last_year" | "same_period" => ComparisonBasis::SamePeriodLastYear,
            "previous_period" | "previous_quarter" => ComparisonBasis::PreviousPeriod,
            "last_year_outturn" | "outturn" => ComparisonBasis::LastYearOutturn,
            "baseline" => ComparisonBasis::Baseline,
            "rolling_year" => ComparisonBasis::RollingYear,
            _ => return Err(DomainError::NotOneOf(text.trim().into(), Self::WORDS)),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            ComparisonBasis::SamePeriodLastYear => "same_period_last_year",
            ComparisonBasis::PreviousPeriod => "previous_period",
            ComparisonBasis::LastYearOutturn => "last_year_outturn",
            ComparisonBasis::Baseline => "baseline",
            ComparisonBasis::RollingYear => "rolling_year",
        }
    }

    /// The basis in a summary's words: "improved against {the same period last year}".
    pub fn summary_words(self) -> &'static str {
        match self {
            ComparisonBasis::SamePeriodLastYear => "the same period last year",
            ComparisonBasis::PreviousPeriod => "the previous quarter",
            ComparisonBasis::LastYearOutturn => "last year's outturn",
            ComparisonBasis::Baseline => "their baselines",
            ComparisonBasis::RollingYear => "the rolling year before",
        }
    }

    /// A fallback list as typed: bases separated by `,` or `;`, or `none` for no fallback.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, DomainError> {
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(Vec::new());
        }
        text.split([',', ';'])
            .filter(|p| !p.trim().is_empty())
            .map(Self::parse)
            .collect()
    }

    /// A fallback list as stored, read back by [`ComparisonBasis::parse_list`].
    pub fn list_code(list: &[Self]) -> String {
        if list.is_empty() {
            return "none".into();
        }
        list.iter().map(|b| b.code()).collect::<Vec<_>>().join(", ")
    }
}

/// A named baseline an indicator is compared with ("2010/11 baseline").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub value: Decimal,
    pub label: String,
}

/// A declared comparison: a basis and a fallback order, each `None` where not declared (then
/// the rule's, or the default, applies); and for an indicator, its baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub basis: Option<ComparisonBasis>,
    pub fallback: Option<Vec<ComparisonBasis>>,
    pub baseline: Option<Baseline>,
}

impl Comparison {
    /// The order to try: the indicator's declaration over its rule's, over the default (same
    /// period last year, then last year's outturn); the basis first, then its fallbacks, each once.
    pub fn order(indicator: &Comparison, rule: Option<&Comparison>) -> Vec<ComparisonBasis> {
        let basis = indicator
            .basis
            .or(rule.and_then(|r| r.basis))
            .unwrap_or(ComparisonBasis::SamePeriodLastYear);
        let fallback = indicator
            .fallback
            .clone()
            .or_else(|| rule.and_then(|r| r.fallback.clone()))
            .unwrap_or_else(|| ComparisonBasis::DEFAULT_ORDER.to_vec());
        let mut order = vec![basis];
        for b in fallback {
            if !order.contains(&b) {
                order.push(b);
            }
        }
        order
    }
}

/// An indicator's figures around `period`: `figure(year, quarter)` gives a quarter's value, or
/// with no quarter the year's outturn.
pub struct History<'a> {
    pub period: Period,
    pub figure: &'a dyn Fn(FinancialYear, Option<Quarter>) -> Option<Figure>,
    pub baseline: Option<&'a Baseline>,
}

/// The figures a direction of travel compares, and which basis gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub basis: ComparisonBasis,
    pub now: Figure,
    pub then: Figure,
    /// What `then` is, for the reason: "Q1 2011/12", "the 2011/12 outturn".
    pub then_words: String,
}

impl<'a> History<'a> {
    fn number(&self, year: FinancialYear, quarter: Option<Quarter>) -> Option<Figure> {
        (self.figure)(year, quarter).filter(|f| f.as_number().is_some())
    }

    /// The eight quarters to `period`, oldest first, as numbers, if all are numbers.
    fn eight_quarters(&self) -> Option<Vec<Decimal>> {
        let mut p = self.period;
        let mut out = Vec::with_capacity(8);
        for _ in 0..8 {
            out.push(self.number(p.year, Some(p.quarter))?.as_number()?);
            p = p.previous();
        }
        out.reverse();
        Some(out)
    }

    /// What `basis` would compare the period with, in words (also when there is no figure).
    pub fn words(&self, basis: ComparisonBasis) -> String {
        let p = self.period;
        match basis {
            ComparisonBasis::SamePeriodLastYear => format!("{} {}", p.quarter, p.year.previous()),
            ComparisonBasis::PreviousPeriod => {
                let b = p.previous();
                format!("{} {}, the previous quarter", b.quarter, b.year)
            }
            ComparisonBasis::LastYearOutturn => format!("the {} outturn", p.year.previous()),
            ComparisonBasis::Baseline => self
                .baseline
                .map_or_else(|| "a baseline".into(), |b| format!("the {}", b.label)),
            ComparisonBasis::RollingYear => {
                let b = p.previous().previous().previous().previous();
                format!("the four quarters to {} {}", b.quarter, b.year)
            }
        }
    }

    /// Whether `basis` has the figure to compare with, whatever the period's own figure.
    pub fn has_then(&self, basis: ComparisonBasis) -> bool {
        let p = self.period;
        let prior = p.previous();
        match basis {
            ComparisonBasis::SamePeriodLastYear => {
                self.number(p.year.previous(), Some(p.quarter)).is_some()
            }
            ComparisonBasis::PreviousPeriod => {
                self.number(prior.year, Some(prior.quarter)).is_some()
            }
            ComparisonBasis::LastYearOutturn => self.number(p.year.previous(), None).is_some(),
            ComparisonBasis::Baseline => self.baseline.is_some(),
            ComparisonBasis::RollingYear => {
                let mut q = prior.previous().previous().previous();
                (0..4).all(|_| {
                    let held = self.number(q.year, Some(q.quarter)).is_some();
                    q = q.previous();
                    held
                })
            }
        }
    }

    /// The figures `basis` compares, if both are numbers.
    pub fn by(&self, basis: ComparisonBasis) -> Option<Compared> {
        let p = self.period;
        let current = || self.number(p.year, Some(p.quarter));
        let (now, then) = match basis {
            ComparisonBasis::SamePeriodLastYear => {
                (current()?, self.number(p.year.previous(), Some(p.quarter))?)
            }
            ComparisonBasis::PreviousPeriod => {
                let b = p.previous();
                (current()?, self.number(b.year, Some(b.quarter))?)
            }
            ComparisonBasis::LastYearOutturn => (current()?, self.number(p.year.previous(), None)?),
            ComparisonBasis::Baseline => (current()?, Figure::number(self.baseline?.value)),
            ComparisonBasis::RollingYear => {
                let q = self.eight_quarters()?;
                let mean = |s: &[Decimal]| s.iter().sum::<Decimal>() / Decimal::from(4);
                (Figure::number(mean(&q[4..])), Figure::number(mean(&q[..4])))
            }
        };
        Some(Compared {
            basis,
            now,
            then,
            then_words: self.words(basis),
        })
    }
}

/// The first basis in `order` that has both figures, or `None`: the one place a comparison
/// figure is picked.
pub fn choose(order: &[ComparisonBasis], history: &History) -> Option<Compared> {
    order.iter().find_map(|b| history.by(*b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    type Held = HashMap<(i32, Option<u8>), Figure>;

    fn held(rows: &[(i32, Option<u8>, &str)]) -> Held {
        rows.iter()
            .map(|(y, q, v)| ((*y, *q), Figure::parse(v).expect("figure")))
            .collect()
    }

    fn pick(
        held: &Held,
        order: &[ComparisonBasis],
        baseline: Option<&Baseline>,
    ) -> Option<Compared> {
        let figure = |y: FinancialYear, q: Option<Quarter>| {
            held.get(&(y.0, q.map(Quarter::number))).cloned()
        };
        let h = History {
            period: Period::parse("2012/13 Q1").expect("period"),
            figure: &figure,
            baseline,
        };
        choose(order, &h)
    }

    fn n(s: &str) -> Figure {
        Figure::parse(s).expect("figure")
    }

    use ComparisonBasis::{LastYearOutturn, PreviousPeriod, RollingYear, SamePeriodLastYear};

    #[test]
    fn each_basis_picks_its_figure() {
        let data = held(&[
            (2012, Some(1), "80"),
            (2011, Some(1), "70"),
            (2011, Some(4), "75"),
            (2011, None, "72"),
        ]);
        let got = |b| pick(&data, &[b], None).map(|c| (c.then, c.then_words));
        assert_eq!(
            got(SamePeriodLastYear),
            Some((n("70"), "Q1 2011/12".into()))
        );
        assert_eq!(
            got(PreviousPeriod),
            Some((n("75"), "Q4 2011/12, the previous quarter".into()))
        );
        assert_eq!(
            got(LastYearOutturn),
            Some((n("72"), "the 2011/12 outturn".into()))
        );
        assert_eq!(got(ComparisonBasis::Baseline), None, "no baseline declared");
        let base = Baseline {
            value: "60".parse().expect("decimal"),
            label: "2010/11 baseline".into(),
        };
        let c = pick(&data, &[ComparisonBasis::Baseline], Some(&base)).expect("baseline");
        assert_eq!(
            (c.now, c.then, c.then_words.as_str()),
            (n("80"), n("60"), "the 2010/11 baseline")
        );
        assert_eq!(got(RollingYear), None, "eight quarters are needed");
    }

    #[test]
    fn rolling_year_compares_the_means_of_four_quarters() {
        // 2011/12 Q2..2012/13 Q1 against 2010/11 Q2..2011/12 Q1.
        let mut rows = Vec::new();
        for (i, (y, q)) in [
            (2010, 2),
            (2010, 3),
            (2010, 4),
            (2011, 1),
            (2011, 2),
            (2011, 3),
            (2011, 4),
            (2012, 1),
        ]
        .into_iter()
        .enumerate()
        {
            rows.push((
                y,
                Some(q),
                ["10", "20", "30", "40", "11", "21", "31", "45"][i],
            ));
        }
        let data = held(&rows);
        let c = pick(&data, &[RollingYear], None).expect("rolling");
        assert_eq!(c.now.as_number(), Some("27".parse().expect("d")));
        assert_eq!(c.then.as_number(), Some("25".parse().expect("d")));
        assert_eq!(c.then_words, "the four quarters to Q1 2011/12");
    }

    #[test]
    fn falls_back_in_the_declared_order() {
        let only_outturn = held(&[(2012, Some(1), "80"), (2011, None, "72")]);
        let c = pick(&only_outturn, &ComparisonBasis::DEFAULT_ORDER, None).expect("fallback");
        assert_eq!((c.basis, c.then), (LastYearOutturn, n("72")));
        // A state is no figure to compare with.
        let state = held(&[(2012, Some(1), "80"), (2011, Some(1), "New indicator")]);
        assert_eq!(pick(&state, &[SamePeriodLastYear], None), None);
        assert_eq!(
            pick(&only_outturn, &[SamePeriodLastYear, PreviousPeriod], None),
            None
        );
        // No current figure: nothing compares, whatever is held.
        let no_now = held(&[(2011, Some(1), "70"), (2011, None, "72")]);
        assert_eq!(pick(&no_now, &ComparisonBasis::DEFAULT_ORDER, None), None);
    }

    #[test]
    fn the_indicator_declares_over_the_rule_over_the_default() {
        let none = Comparison::default();
        assert_eq!(
            Comparison::order(&none, None),
            [SamePeriodLastYear, LastYearOutturn]
        );
        let rule = Comparison {
            basis: Some(LastYearOutturn),
            fallback: Some(vec![]),
            baseline: None,
        };
        assert_eq!(Comparison::order(&none, Some(&rule)), [LastYearOutturn]);
        let ind = Comparison {
            basis: Some(ComparisonBasis::Baseline),
            ..Comparison::default()
        };
        assert_eq!(
            Comparison::order(&ind, Some(&rule)),
            [ComparisonBasis::Baseline]
        );
        let ind = Comparison {
            basis: Some(LastYearOutturn),
            fallback: Some(vec![LastYearOutturn, PreviousPeriod]),
            baseline: None,
        };
        assert_eq!(
            Comparison::order(&ind, None),
            [LastYearOutturn, PreviousPeriod]
        );
    }

    #[test]
    fn words_and_lists_read_back() {
        for b in [
            SamePeriodLastYear,
            PreviousPeriod,
            LastYearOutturn,
            ComparisonBasis::Baseline,
            RollingYear,
        ] {
            assert_eq!(ComparisonBasis::parse(b.code()), Ok(b));
        }
        assert_eq!(
            ComparisonBasis::parse("Last year outturn"),
            Ok(LastYearOutturn)
        );
        assert!(ComparisonBasis::parse("last month").is_err());
        let list = ComparisonBasis::parse_list("previous_period; outturn").expect("list");
        assert_eq!(list, [PreviousPeriod, LastYearOutturn]);
        assert_eq!(
            ComparisonBasis::parse_list(&ComparisonBasis::list_code(&list)),
            Ok(list)
        );
        assert_eq!(ComparisonBasis::parse_list("none"), Ok(vec![]));
        assert_eq!(ComparisonBasis::list_code(&[]), "none");
    }

    fn basis() -> impl Strategy<Value = ComparisonBasis> {
        prop_oneof![
            Just(SamePeriodLastYear),
            Just(PreviousPeriod),
            Just(LastYearOutturn),
            Just(ComparisonBasis::Baseline),
            Just(RollingYear)
        ]
    }

    proptest! {
        /// The basis chosen is the first in the order that has figures, and none before it has.
        #[test]
        fn chooses_the_first_basis_with_figures(
            order in proptest::collection::vec(basis(), 0..6),
            present in proptest::collection::vec(any::<bool>(), 9),
            with_baseline in any::<bool>(),
        ) {
            // Present[0..8]: the eight quarters to 2012/13 Q1, newest first; [8]: the outturn.
            let mut rows = Vec::new();
            let mut p = Period::parse("2012/13 Q1").expect("period");
            for (i, here) in present.iter().take(8).enumerate() {
                if *here { rows.push((p.year.0, Some(p.quarter.number()), format!("{}", 10 + i))); }
                p = p.previous();
            }
            if present[8] { rows.push((2011, None, "50".to_string())); }
            let rows: Vec<(i32, Option<u8>, &str)> = rows.iter().map(|(y, q, v)| (*y, *q, v.as_str())).collect();
            let data = held(&rows);
            let base = Baseline { value: Decimal::from(5), label: "baseline".into() };
            let base = with_baseline.then_some(&base);
            let got = pick(&data, &order, base);
            let has = |b: &ComparisonBasis| pick(&data, &[*b], base).is_some();
            match &got {
                Some(c) => {
                    let at = order.iter().position(|b| *b == c.basis).expect("in order");
                    prop_assert!(order[..at].iter().all(|b| !has(b)));
                    prop_assert!(c.now.as_number().is_some() && c.then.as_number().is_some());
                }
                None => prop_assert!(order.iter().all(|b| !has(b))),
            }
            // Without a current figure only the rolling year (which needs it too) could compare.
            if !present[0] { prop_assert!(got.is_none()); }
        }
    }
}
