//! Direction of travel: is performance better, the same or worse than the figure it is compared
//! with (the basis declared in [`crate::performance::comparison`])?

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::figure::Figure;
use crate::performance::comparison::{ComparisonBasis, History, choose};
use crate::performance::rag::Polarity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Better,
    Same,
    Worse,
    /// `N/A`: nothing to compare with (no figure last year, a state, or no polarity).
    NotComparable,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Same => "same",
            Direction::Worse => "worse",
            Direction::NotComparable => "not_comparable",
        }
    }
}

/// Compares `current` with `last_year` (the figure compared with). A change no bigger than
/// `same_band` (in the indicator's units) counts as the same.
pub fn direction_of_travel(
    polarity: Polarity,
    current: Option<&Figure>,
    last_year: Option<&Figure>,
    same_band: Decimal,
) -> Direction {
    let (Some(now), Some(then)) = (
        current.and_then(Figure::as_number),
        last_year.and_then(Figure::as_number),
    ) else {
        return Direction::NotComparable;
    };
    let Some(advantage) = polarity.advantage(now, then) else {
        return Direction::NotComparable;
    };
    if advantage.abs() <= same_band.abs() {
        Direction::Same
    } else if advantage > Decimal::ZERO {
        Direction::Better
    } else {
        Direction::Worse
    }
}

/// The direction of travel on the comparison `order` declares (see [`choose`]), the basis it used
/// and its reason naming that basis: "78% against 72%, the 2011/12 outturn: better.", after "No
/// figure for Q1 2011/12; " where it fell back. `show` prints a figure.
pub fn direction_on_basis(
    polarity: Polarity,
    order: &[ComparisonBasis],
    history: &History,
    same_band: Decimal,
    show: &dyn Fn(&Figure) -> String,
) -> (Direction, Option<ComparisonBasis>, String) {
    let p = history.period;
    let current = (history.figure)(p.year, Some(p.quarter));
    let Some(c) = choose(order, history) else {
        // Something to compare with but no figure now: say so, rather than list the bases.
        let no_now = current.as_ref().and_then(Figure::as_number).is_none();
        let reason = if no_now && order.iter().any(|b| history.has_then(*b)) {
            "There is no figure for this period to compare.".to_string()
        } else {
            let tried: Vec<String> = order.iter().map(|b| history.words(*b)).collect();
            format!("No figure for {} to compare with.", tried.join(" or "))
        };
        return (Direction::NotComparable, None, reason);
    };
    if polarity == Polarity::None {
        let reason = "The measure has no better or worse, so it is not compared.".to_string();
        return (Direction::NotComparable, None, reason);
    }
    let direction = direction_of_travel(polarity, Some(&c.now), Some(&c.then), same_band);
    let outcome = match direction {
        Direction::Better => "better".to_string(),
        Direction::Worse => "worse".to_string(),
        _ if same_band.is_zero() => "the same".to_string(),
        _ => format!(
            "the same, within {} either way",
            same_band.abs().normalize()
        ),
    };
    let (now, then, words) = (show(&c.now), show(&c.then), &c.then_words);
    let figures = match c.basis {
        ComparisonBasis::SamePeriodLastYear | ComparisonBasis::PreviousPeriod => {
            format!("{now} against {then} in {words}")
        }
        ComparisonBasis::LastYearOutturn | ComparisonBasis::Baseline => {
            format!("{now} against {then}, {words}")
        }
        ComparisonBasis::RollingYear => format!(
            "{now}, the mean of the four quarters to {} {}, against {then}, the mean of {words}",
            p.quarter, p.year
        ),
    };
    let skipped: Vec<String> = order
        .iter()
        .take_while(|b| **b != c.basis)
        .map(|b| history.words(*b))
        .collect();
    let fell_back = if skipped.is_empty() {
        String::new()
    } else {
        format!("No figure for {}; ", skipped.join(" or "))
    };
    (
        direction,
        Some(c.basis),
        format!("{fell_back}{figures}: {outcome}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn f(s: &str) -> Figure {
        Figure::parse(s).expect("figure")
    }

    fn check(p: Polarity, now: &str, then: &str, band: &str, expected: Direction) {
        let got = direction_of_travel(
            p,
            Some(&f(now)),
            Some(&f(then)),
            band.parse().expect("band"),
        );
        assert_eq!(got, expected, "{now} vs {then} ({p:?}, band {band})");
    }

    #[test]
    fn compares_with_last_year() {
        use Direction::*;
        use Polarity::*;
        // Seed 000: CFS LI07 8.3% in Q1 2012/13 against 6.3% in Q1 2011/12, "improved performance".
        check(HigherIsBetter, "8.3", "6.3", "0", Better);
        check(LowerIsBetter, "8.3", "6.3", "0", Worse);
        check(HigherIsBetter, "8.3", "8.3", "0", Same);
        check(HigherIsBetter, "8.4", "8.3", "0.1", Same);
        check(None, "8.4", "8.3", "0", NotComparable);
    }

    #[test]
    fn nothing_to_compare_is_not_applicable() {
        let p = Polarity::HigherIsBetter;
        assert_eq!(
            direction_of_travel(p, Some(&f("278")), None, Decimal::ZERO),
            Direction::NotComparable
        );
        assert_eq!(
            direction_of_travel(p, Some(&f("278")), Some(&f("New indicator")), Decimal::ZERO),
            Direction::NotComparable
        );
    }

    fn on_basis(
        rows: &[(i32, Option<u8>, &str)],
        order: &[ComparisonBasis],
        polarity: Polarity,
    ) -> (Direction, Option<ComparisonBasis>, String) {
        use crate::period::{FinancialYear, Period, Quarter};
        let held: std::collections::HashMap<(i32, Option<u8>), Figure> =
            rows.iter().map(|(y, q, v)| ((*y, *q), f(v))).collect();
        let figure = |y: FinancialYear, q: Option<Quarter>| {
            held.get(&(y.0, q.map(Quarter::number))).cloned()
        };
        let history = History {
            period: Period::parse("2012/13 Q1").expect("period"),
            figure: &figure,
            baseline: None,
        };
        let pct = |f: &Figure| format!("{}%", f.to_entry());
        direction_on_basis(polarity, order, &history, Decimal::ZERO, &pct)
    }

    #[test]
    fn the_reason_names_the_basis_used_and_any_fallback() {
        use ComparisonBasis::*;
        let both = [
            (2012, Some(1), "78"),
            (2011, Some(1), "71"),
            (2011, None, "80"),
        ];
        let order = ComparisonBasis::DEFAULT_ORDER;
        assert_eq!(
            on_basis(&both, &order, Polarity::HigherIsBetter),
            (
                Direction::Better,
                Some(SamePeriodLastYear),
                "78% against 71% in Q1 2011/12: better.".into()
            )
        );
        assert_eq!(
            on_basis(&both, &[LastYearOutturn], Polarity::HigherIsBetter),
            (
                Direction::Worse,
                Some(LastYearOutturn),
                "78% against 80%, the 2011/12 outturn: worse.".into()
            )
        );
        let outturn_only = [(2012, Some(1), "78"), (2011, None, "80")];
        assert_eq!(
            on_basis(&outturn_only, &order, Polarity::HigherIsBetter).2,
            "No figure for Q1 2011/12; 78% against 80%, the 2011/12 outturn: worse."
        );
        assert_eq!(
            on_basis(&[(2012, Some(1), "78")], &order, Polarity::HigherIsBetter),
            (
                Direction::NotComparable,
                None,
                "No figure for Q1 2011/12 or the 2011/12 outturn to compare with.".into()
            )
        );
        assert_eq!(
            on_basis(&[(2011, Some(1), "71")], &order, Polarity::HigherIsBetter).2,
            "There is no figure for this period to compare."
        );
        assert_eq!(
            on_basis(&[], &[SamePeriodLastYear], Polarity::HigherIsBetter).2,
            "No figure for Q1 2011/12 to compare with."
        );
        assert_eq!(
            on_basis(&both, &order, Polarity::None).0,
            Direction::NotComparable
        );
        let previous = [(2012, Some(1), "78"), (2011, Some(4), "79")];
        assert_eq!(
            on_basis(&previous, &[PreviousPeriod], Polarity::LowerIsBetter).2,
            "78% against 79% in Q4 2011/12, the previous quarter: better."
        );
    }

    proptest! {
        #[test]
        fn polarity_symmetry(a in -10_000i64..10_000, b in -10_000i64..10_000, band in 0i64..100) {
            let (a, b, band) = (Decimal::new(a, 1), Decimal::new(b, 1), Decimal::new(band, 1));
            let up = direction_of_travel(Polarity::HigherIsBetter, Some(&Figure::number(a)), Some(&Figure::number(b)), band);
            let down = direction_of_travel(Polarity::LowerIsBetter, Some(&Figure::number(-a)), Some(&Figure::number(-b)), band);
            prop_assert_eq!(up, down);
            let swapped = direction_of_travel(Polarity::HigherIsBetter, Some(&Figure::number(b)), Some(&Figure::number(a)), band);
            let expected = match up { Direction::Better => Direction::Worse, Direction::Worse => Direction::Better, d => d };
            prop_assert_eq!(swapped, expected);
        }
    }
}
