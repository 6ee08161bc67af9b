//! Formula indicators: a figure worked out from its numerator and denominator (a percentage, a
//! rate per 10,000 of a population, a ratio), the checks on those parts, and the year to date
//! built from in-quarter figures by a declared rule.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::period::{FinancialYear, Quarter};

/// How an indicator's figure is worked out from its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// numerator / denominator × 100.
    Percent,
    /// numerator / population × 10,000; the denominator is the population unless given.
    RatePer10000,
    /// numerator / denominator.
    Ratio,
}

impl Formula {
    pub const WORDS: &'static str = "percent, rate_per_10000, ratio";

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "percent" | "percentage" | "%" => Formula::Percent,
            "rate_per_10000" | "rate" => Formula::RatePer10000,
            "ratio" => Formula::Ratio,
            _ => return Err(DomainError::NotOneOf(text.to_string(), Self::WORDS)),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Formula::Percent => "percent",
            Formula::RatePer10000 => "rate_per_10000",
            Formula::Ratio => "ratio",
        }
    }

    fn scale(self) -> Decimal {
        match self {
            Formula::Percent => Decimal::ONE_HUNDRED,
            Formula::RatePer10000 => Decimal::from(10_000),
            Formula::Ratio => Decimal::ONE,
        }
    }

    /// The figure from its parts, or why the parts cannot make one.
    pub fn compute(self, parts: Parts) -> Result<Decimal, FormulaError> {
        let Parts {
            numerator: n,
            denominator: d,
        } = parts;
        if n < Decimal::ZERO || d < Decimal::ZERO {
            return Err(FormulaError::Negative);
        }
        if d.is_zero() {
            return Err(FormulaError::ZeroDenominator);
        }
        if self == Formula::Percent && n > d {
            return Err(FormulaError::NumeratorAbove { n, d });
        }
        (n * self.scale())
            .checked_div(d)
            .ok_or(FormulaError::ZeroDenominator)
    }

    /// The figure as stored when worked out from its parts: to one place, a ratio to two.
    pub fn stored_figure(self, parts: Parts) -> Result<Decimal, FormulaError> {
        let places = if self == Formula::Ratio { 2 } else { 1 };
        self.compute(parts).map(|f| f.round_dp(places))
    }

    /// The figure from its parts, checked against the figure given with them (if any): the
    /// given figure agrees when it is the computed one rounded to the places it was given with.
    pub fn check(self, parts: Parts, given: Option<Decimal>) -> Result<Decimal, FormulaError> {
        let computed = self.compute(parts)?;
        match given {
            Some(g) if !agrees(g, computed) => Err(FormulaError::Disagrees {
                given: g,
                computed: computed.round_dp(g.scale().max(1) + 1).normalize(),
            }),
            _ => Ok(computed),
        }
    }
}

/// `given` is `computed` rounded to `given`'s places (half a unit in its last place either way).
fn agrees(given: Decimal, computed: Decimal) -> bool {
    let half = Decimal::new(5, given.scale() + 1);
    (given - computed).abs() <= half
}

/// A figure's numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts {
    pub numerator: Decimal,
    pub denominator: Decimal,
}

/// Why parts make no figure, in words an officer can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormulaError {
    #[error(
        "the denominator is 0, so there is no figure; leave the figure out or correct the denominator"
    )]
    ZeroDenominator,
    #[error("the numerator ({n}) is above the denominator ({d}), which a percentage cannot be")]
    NumeratorAbove { n: Decimal, d: Decimal },
    #[error("a numerator or denominator cannot be negative")]
    Negative,
    #[error(
        "the figure {given} disagrees with its numerator and denominator, which make {computed}"
    )]
    Disagrees { given: Decimal, computed: Decimal },
    #[error(
        "there is no population for {band} in {year} or earlier; add it to the populations table"
    )]
    NoPopulation { band: String, year: FinancialYear },
}

/// How the year to date (or the year's outturn) is built from the in-quarter figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YtdRule {
    /// Counts: the quarters added up.
    Sum,
    /// The quarters' average.
    Mean,
    /// A snapshot: the latest quarter's figure.
    Latest,
    /// The formula over the summed numerators and denominators (a rate's population is not
    /// summed: the latest quarter's is used).
    RatioOfSums,
}

impl YtdRule {
    pub const WORDS: &'static str = "sum, mean, latest, ratio_of_sums";

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "sum" => YtdRule::Sum,
            "mean" | "average" => YtdRule::Mean,
            "latest" | "snapshot" => YtdRule::Latest,
            "ratio_of_sums" | "ratio" => YtdRule::RatioOfSums,
            _ => return Err(DomainError::NotOneOf(text.to_string(), Self::WORDS)),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            YtdRule::Sum => "sum",
            YtdRule::Mean => "mean",
            YtdRule::Latest => "latest",
            YtdRule::RatioOfSums => "ratio_of_sums",
        }
    }
}

/// One quarter's figure and its parts, as the year to date is built from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InQuarter {
    pub quarter: Quarter,
    pub value: Option<Decimal>,
    pub parts: Option<Parts>,
}

/// The year to date by `rule` over the quarters given (those up to the period); `None` when the
/// rule has nothing to work with: no figures, or for a ratio of sums a quarter without parts or
/// no formula.
pub fn year_to_date(
    rule: YtdRule,
    formula: Option<Formula>,
    quarters: &[InQuarter],
) -> Option<Decimal> {
    let mut sorted: Vec<&InQuarter> = quarters.iter().collect();
    sorted.sort_by_key(|q| q.quarter);
    let values: Vec<Decimal> = sorted.iter().filter_map(|q| q.value).collect();
    match rule {
        YtdRule::Sum => (!values.is_empty()).then(|| values.iter().sum()),
        YtdRule::Mean => {
            let count = Decimal::from(values.len());
            (!values.is_empty()).then(|| values.iter().sum::<Decimal>() / count)
        }
        YtdRule::Latest => sorted.iter().rev().find_map(|q| q.value),
        YtdRule::RatioOfSums => {
            let formula = formula?;
            let parts: Option<Vec<Parts>> = sorted.iter().map(|q| q.parts).collect();
            let parts = parts?;
            let last = parts.last()?;
            let numerator = parts.iter().map(|p| p.numerator).sum();
            let denominator = match formula {
                Formula::RatePer10000 => last.denominator,
                _ => parts.iter().map(|p| p.denominator).sum(),
            };
            formula
                .compute(Parts {
                    numerator,
                    denominator,
                })
                .ok()
        }
    }
}

/// A population count: the denominator of rates per 10,000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Population {
    /// The area counted, e.g. the council's name or an ONS code.
    pub area: String,
    pub year: FinancialYear,
    /// The age band, e.g. `0-17`.
    pub age_band: String,
    pub count: Decimal,
}

/// The population of `band` for `year`, or the latest earlier year's (estimates lag a year or
/// two); with the year it is for.
pub fn population_for<'a>(
    populations: impl IntoIterator<Item = &'a Population>,
    band: &str,
    year: FinancialYear,
) -> Result<&'a Population, FormulaError> {
    populations
        .into_iter()
        .filter(|p| p.age_band == band && p.year <= year)
        .max_by_key(|p| p.year)
        .ok_or_else(|| FormulaError::NoPopulation {
            band: band.to_string(),
            year,
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn parts(n: Decimal, d: Decimal) -> Parts {
        Parts {
            numerator: n,
            denominator: d,
        }
    }

    #[test]
    fn each_formula_computes_its_figure() {
        let p = parts(d("29"), d("60"));
        let pct = Formula::Percent.compute(p).unwrap();
        assert_eq!(pct.round_dp(1), d("48.3"));
        let rate = Formula::RatePer10000
            .compute(parts(d("150"), d("30000")))
            .unwrap();
        assert_eq!(rate, d("50"));
        assert_eq!(
            Formula::Ratio.compute(parts(d("3"), d("2"))).unwrap(),
            d("1.5")
        );
    }

    #[test]
    fn bad_parts_are_refused_with_a_reason() {
        let zero = Formula::Percent.compute(parts(d("1"), d("0")));
        assert_eq!(zero, Err(FormulaError::ZeroDenominator));
        let above = Formula::Percent.compute(parts(d("61"), d("60")));
        assert!(matches!(above, Err(FormulaError::NumeratorAbove { .. })));
        assert!(
            above
                .unwrap_err()
                .to_string()
                .contains("numerator (61) is above the denominator (60)")
        );
        // A ratio may exceed one.
        assert!(Formula::Ratio.compute(parts(d("61"), d("60"))).is_ok());
        let neg = Formula::Ratio.compute(parts(d("-1"), d("60")));
        assert_eq!(neg, Err(FormulaError::Negative));
    }

    #[test]
    fn a_given_figure_must_agree_with_its_parts_to_its_places() {
        let p = parts(d("29"), d("60"));
        assert!(Formula::Percent.check(p, Some(d("48.3"))).is_ok());
        assert!(Formula::Percent.check(p, Some(d("48"))).is_ok());
        assert!(Formula::Percent.check(p, None).is_ok());
        let e = Formula::Percent.check(p, Some(d("84.3"))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the figure 84.3 disagrees with its numerator and denominator, which make 48.33"
        );
    }

    fn q(quarter: Quarter, value: Decimal, n: Decimal, d: Decimal) -> InQuarter {
        InQuarter {
            quarter,
            value: Some(value),
            parts: Some(parts(n, d)),
        }
    }

    fn year() -> Vec<InQuarter> {
        // Out of order on purpose: the rule sorts by quarter.
        vec![
            q(Quarter::Q2, d("20"), d("2"), d("10")),
            q(Quarter::Q1, d("50"), d("5"), d("10")),
            q(Quarter::Q3, d("80"), d("16"), d("20")),
        ]
    }

    #[test]
    fn year_to_date_by_sum() {
        assert_eq!(year_to_date(YtdRule::Sum, None, &year()), Some(d("150")));
    }

    #[test]
    fn year_to_date_by_mean() {
        assert_eq!(year_to_date(YtdRule::Mean, None, &year()), Some(d("50")));
    }

    #[test]
    fn year_to_date_by_latest() {
        assert_eq!(year_to_date(YtdRule::Latest, None, &year()), Some(d("80")));
    }

    #[test]
    fn year_to_date_by_ratio_of_summed_parts() {
        let pct = year_to_date(YtdRule::RatioOfSums, Some(Formula::Percent), &year());
        // 23 of 40, not the mean of 50%, 20% and 80%.
        assert_eq!(pct, Some(d("57.5")));
        // A rate's population is not summed.
        let rate = year_to_date(YtdRule::RatioOfSums, Some(Formula::RatePer10000), &year());
        assert_eq!(rate, Some(d("11500")));
        assert_eq!(year_to_date(YtdRule::RatioOfSums, None, &year()), None);
        let mut gap = year();
        gap[0].parts = None;
        assert_eq!(
            year_to_date(YtdRule::RatioOfSums, Some(Formula::Percent), &gap),
            None
        );
        assert_eq!(year_to_date(YtdRule::Sum, None, &[]), None);
    }

    #[test]
    fn the_population_is_the_years_or_the_latest_before() {
        let pop = |y: i32, band: &str, count| Population {
            area: "Sample".into(),
            year: FinancialYear(y),
            age_band: band.into(),
            count,
        };
        let all = [
            pop(2011, "0-17", d("27000")),
            pop(2012, "0-17", d("27100")),
            pop(2012, "0-4", d("7000")),
        ];
        let found = population_for(&all, "0-17", FinancialYear(2013)).unwrap();
        assert_eq!(found.count, d("27100"));
        let found = population_for(&all, "0-17", FinancialYear(2011)).unwrap();
        assert_eq!(found.count, d("27000"));
        let none = population_for(&all, "0-17", FinancialYear(2010)).unwrap_err();
        assert!(none.to_string().contains("no population for 0-17"));
    }

    #[test]
    fn words_round_trip() {
        for f in [Formula::Percent, Formula::RatePer10000, Formula::Ratio] {
            assert_eq!(Formula::parse(f.code()).unwrap(), f);
        }
        for r in [
            YtdRule::Sum,
            YtdRule::Mean,
            YtdRule::Latest,
            YtdRule::RatioOfSums,
        ] {
            assert_eq!(YtdRule::parse(r.code()).unwrap(), r);
        }
        assert!(Formula::parse("per_cent_ish").is_err());
    }

    proptest! {
        #[test]
        fn a_percent_of_sound_parts_is_within_0_and_100(n in 0u32..100_000, extra in 0u32..100_000) {
            let d = Decimal::from(n) + Decimal::from(extra) + Decimal::ONE;
            let p = Formula::Percent.compute(parts(Decimal::from(n), d)).unwrap();
            prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED);
        }

        #[test]
        fn the_computed_figure_rounded_always_agrees(n in 0u32..10_000, d in 1u32..10_000, places in 0u32..4) {
            let p = parts(Decimal::from(n), Decimal::from(d));
            let computed = Formula::Ratio.compute(p).unwrap();
            let printed = computed.round_dp(places);
            prop_assert!(Formula::Ratio.check(p, Some(printed)).is_ok());
        }

        #[test]
        fn ratio_of_sums_lies_between_the_quarters(parts_in in proptest::collection::vec((0u32..500, 1u32..500), 1..5)) {
            let quarters: Vec<InQuarter> = parts_in
                .iter()
                .zip([Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4])
                .map(|(&(n, d), quarter)| {
                    let p = parts(Decimal::from(n), Decimal::from(d));
                    InQuarter { quarter, value: Formula::Ratio.compute(p).ok(), parts: Some(p) }
                })
                .collect();
            let ytd = year_to_date(YtdRule::RatioOfSums, Some(Formula::Ratio), &quarters).unwrap();
            let values: Vec<Decimal> = quarters.iter().filter_map(|q| q.value).collect();
            let low = values.iter().min().unwrap();
            let high = values.iter().max().unwrap();
            prop_assert!(ytd >= *low - d("0.000001") && ytd <= *high + d("0.000001"));
        }
    }
}
