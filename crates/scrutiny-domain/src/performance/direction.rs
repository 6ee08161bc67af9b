//! Direction of travel: is performance better, the same or worse than the same period last year?

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::figure::Figure;
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

/// Compares `current` with `last_year` (the same period a year earlier). A change no bigger than
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

/// The direction of travel and its reason, the figures as `show` prints them: "78% against 71%
/// in Q1 2011/12: better." `then` names the period compared with ("Q1 2011/12").
pub fn direction_with_reason(
    polarity: Polarity,
    current: Option<&Figure>,
    last_year: Option<&Figure>,
    same_band: Decimal,
    then: &str,
    show: &dyn Fn(&Figure) -> String,
) -> (Direction, String) {
    let direction = direction_of_travel(polarity, current, last_year, same_band);
    let reason = match (current, last_year) {
        (_, None) => format!("No figure for {then} to compare with."),
        (_, Some(before)) if before.as_number().is_none() => {
            format!("{then} has no figure to compare with.")
        }
        (Some(now), Some(before)) if now.as_number().is_some() => {
            if polarity == Polarity::None {
                "The measure has no better or worse, so it is not compared.".to_string()
            } else {
                let outcome = match direction {
                    Direction::Better => "better".to_string(),
                    Direction::Worse => "worse".to_string(),
                    _ if same_band.is_zero() => "the same".to_string(),
                    _ => format!(
                        "the same, within {} either way",
                        same_band.abs().normalize()
                    ),
                };
                format!(
                    "{} against {} in {then}: {outcome}.",
                    show(now),
                    show(before)
                )
            }
        }
        _ => "There is no figure for this period to compare.".to_string(),
    };
    (direction, reason)
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
    fn the_reason_names_both_figures() {
        let pct = |f: &Figure| format!("{}%", f.to_entry());
        let why = |now: Option<&str>, then: Option<&str>, p: Polarity, band: &str| {
            let (now, then) = (now.map(f), then.map(f));
            direction_with_reason(
                p,
                now.as_ref(),
                then.as_ref(),
                band.parse().expect("band"),
                "Q1 2011/12",
                &pct,
            )
        };
        assert_eq!(
            why(Some("78"), Some("71"), Polarity::HigherIsBetter, "0"),
            (
                Direction::Better,
                "78% against 71% in Q1 2011/12: better.".into()
            )
        );
        assert_eq!(
            why(Some("71.5"), Some("71"), Polarity::HigherIsBetter, "1").1,
            "71.5% against 71% in Q1 2011/12: the same, within 1 either way."
        );
        assert_eq!(
            why(Some("78"), None, Polarity::HigherIsBetter, "0"),
            (
                Direction::NotComparable,
                "No figure for Q1 2011/12 to compare with.".into()
            )
        );
        assert_eq!(
            why(Some("78"), Some("71"), Polarity::None, "0").0,
            Direction::NotComparable
        );
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
