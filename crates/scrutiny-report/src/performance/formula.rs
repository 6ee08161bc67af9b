//! Formula indicators in the reports: a figure printed with its parts ("48.3% (29/60)"), and a
//! year's figure built from its quarters by the indicator's declared rule where no outturn is
//! entered.

use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::performance::formula::{InQuarter, YtdRule, population_for, year_to_date};
use scrutiny_domain::performance::model::{Indicator, ValueEntry};
use scrutiny_domain::period::{FinancialYear, Quarter};

use super::context::Context;

impl Context<'_> {
    /// The population a rate of `ind` in `year` is of, when it declares one and it is held.
    fn population(&self, ind: &Indicator, year: FinancialYear) -> Option<rust_decimal::Decimal> {
        let band = ind.population.as_deref()?;
        population_for(&self.data.populations, band, year)
            .ok()
            .map(|p| p.count)
    }

    /// A figure as printed, followed by its numerator and denominator when it has them.
    pub fn with_parts(&self, ind: &Indicator, v: &ValueEntry, shown: String) -> String {
        if ind.formula.is_none() {
            return shown;
        }
        let Some(parts) = v.parts(self.population(ind, v.year)) else {
            return shown;
        };
        let count = |n| self.style.figure(&Figure::number(n), Unit::Count, None);
        format!(
            "{shown} ({}/{})",
            count(parts.numerator),
            count(parts.denominator)
        )
    }

    /// `year`'s figure: its entered outturn, or else built from all four quarters by the
    /// indicator's `ytd_rule`, with the rule that built it.
    pub fn year_figure(
        &self,
        ind: &Indicator,
        year: FinancialYear,
    ) -> Option<(Figure, Option<YtdRule>)> {
        if let Some(v) = self.value(&ind.code, year, None) {
            return Some((v.value.clone(), None));
        }
        let rule = ind.ytd_rule?;
        let population = self.population(ind, year);
        let quarters: Option<Vec<InQuarter>> = Quarter::ALL
            .iter()
            .map(|&q| {
                self.value(&ind.code, year, Some(q)).map(|v| InQuarter {
                    quarter: q,
                    value: v.value.as_number(),
                    parts: v.parts(population),
                })
            })
            .collect();
        let built = year_to_date(rule, ind.formula, &quarters?)?;
        Some((Figure::number(built), Some(rule)))
    }
}

/// How a built year's figure is labelled: "from the quarters, by sum".
pub fn built_by(rule: YtdRule) -> String {
    let how = match rule {
        YtdRule::Sum => "sum",
        YtdRule::Mean => "mean",
        YtdRule::Latest => "latest quarter",
        YtdRule::RatioOfSums => "summed parts",
    };
    format!("from the quarters, by {how}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rust_decimal::Decimal;
    use scrutiny_domain::performance::comparison::Comparison;
    use scrutiny_domain::performance::formula::{Formula, Population};
    use scrutiny_domain::performance::model::{Dataset, RagRuleDef};
    use scrutiny_domain::performance::rag::{BandUnit, RagMethod, RagRule};
    use scrutiny_domain::period::Period;

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A figure: year, quarter, value, numerator, denominator.
    type Entry<'a> = (i32, Option<Quarter>, &'a str, &'a str, Option<&'a str>);

    /// One formula indicator with the given figures.
    fn council(unit: Unit, formula: Formula, rule: YtdRule, values: &[Entry<'_>]) -> Dataset {
        let mut data = Dataset::default();
        data.rag_rules.push(RagRuleDef {
            code: "R".into(),
            rule: RagRule {
                method: RagMethod::AnnualTarget,
                amber_band: Decimal::from(5),
                band_unit: BandUnit::Percent,
            },
            description: String::new(),
            comparison: Comparison::default(),
        });
        data.indicators.push(Indicator {
            decimals: Some(1),
            formula: Some(formula),
            ytd_rule: Some(rule),
            population: Some("0-17".into()),
            ..Indicator::new("F1", "A formula measure", "D", unit, "R")
        });
        data.populations.push(Population {
            area: "Sample".into(),
            year: FinancialYear(2011),
            age_band: "0-17".into(),
            count: d("30000"),
        });
        for (y, q, v, n, den) in values {
            data.values.push(ValueEntry {
                indicator: "F1".into(),
                year: FinancialYear(*y),
                quarter: *q,
                value: Figure::parse(v).unwrap(),
                status: None,
                rag_override: None,
                commentary: None,
                initials: None,
                numerator: Some(d(n)),
                denominator: den.map(d),
            });
        }
        data
    }

    fn row(data: &Dataset) -> crate::document::IndicatorRow {
        let mut ctx = Context::new(data, Period::parse("2012/13 Q2").unwrap());
        let ind = data.indicators[0].clone();
        ctx.assess(&ind).row
    }

    const Q: [Option<Quarter>; 4] = [
        Some(Quarter::Q1),
        Some(Quarter::Q2),
        Some(Quarter::Q3),
        Some(Quarter::Q4),
    ];

    #[test]
    fn a_percentage_prints_its_parts_and_last_year_is_built_from_summed_parts() {
        let data = council(
            Unit::Percent,
            Formula::Percent,
            YtdRule::RatioOfSums,
            &[
                (2011, Q[0], "50", "5", Some("10")),
                (2011, Q[1], "20", "2", Some("10")),
                (2011, Q[2], "80", "16", Some("20")),
                (2011, Q[3], "0", "0", Some("10")),
                (2012, Q[1], "48.3", "29", Some("60")),
            ],
        );
        let r = row(&data);
        assert_eq!(r.current, "48.3% (29/60)");
        // 23 of 50, not the mean of the quarters' percentages (37.5%).
        assert_eq!(
            r.previous,
            "46.0% (11/12 from the quarters, by summed parts)"
        );
    }

    #[test]
    fn a_year_missing_a_quarter_is_not_built() {
        let data = council(
            Unit::Percent,
            Formula::Percent,
            YtdRule::Sum,
            &[
                (2011, Q[0], "50", "5", Some("10")),
                (2012, Q[1], "48.3", "29", Some("60")),
            ],
        );
        assert_eq!(row(&data).previous, "");
    }

    #[test]
    fn a_rate_is_of_the_shipped_population() {
        let data = council(
            Unit::RatePer10000,
            Formula::RatePer10000,
            YtdRule::Latest,
            &[
                (2011, Q[0], "10", "30", None),
                (2011, Q[1], "20", "60", None),
                (2011, Q[2], "30", "90", None),
                (2011, Q[3], "40", "120", None),
                (2012, Q[1], "50", "150", None),
            ],
        );
        let r = row(&data);
        assert_eq!(r.current, "50.0 per 10,000 (150/30,000)");
        assert_eq!(
            r.previous,
            "40.0 per 10,000 (11/12 from the quarters, by latest quarter)"
        );
    }
}
