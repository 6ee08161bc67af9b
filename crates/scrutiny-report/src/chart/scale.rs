//! The y axis: from zero (or below it, for figures that go negative) to a round number above the
//! highest figure, in about five round steps. Starting at zero keeps a change of 0.4 from looking
//! like a collapse, as an auto-scaled 178.8–179.2 axis did.

use rust_decimal::Decimal;

/// A "nice" step (1, 2 or 5 × 10^k) giving about five intervals over `span`.
pub(super) fn nice_step(span: Decimal) -> Decimal {
    let rough = (span / Decimal::from(5)).max(Decimal::new(1, 4));
    let mut magnitude = Decimal::ONE;
    while magnitude * Decimal::TEN <= rough {
        magnitude *= Decimal::TEN;
    }
    while magnitude > rough {
        magnitude /= Decimal::TEN;
    }
    [Decimal::ONE, Decimal::TWO, Decimal::from(5), Decimal::TEN]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(magnitude * Decimal::TEN)
}

/// Bounds and ticks holding every figure, target and band boundary, with zero on the axis.
pub(super) fn scale(points: &[Decimal]) -> (Decimal, Decimal, Vec<Decimal>) {
    let lo = points
        .iter()
        .copied()
        .min()
        .unwrap_or_default()
        .min(Decimal::ZERO);
    let hi = points
        .iter()
        .copied()
        .max()
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let step = nice_step((hi - lo).max(Decimal::ONE));
    let y_min = (lo / step).floor() * step;
    let y_max = ((hi / step).floor() * step + step).max(y_min + step);
    let mut ticks = Vec::new();
    let mut t = y_min;
    while t <= y_max {
        ticks.push(t.normalize());
        t += step;
    }
    (y_min.normalize(), y_max.normalize(), ticks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn the_axis_starts_at_zero_and_is_round() {
        let (lo, hi, ticks) = scale(&[d("178.8"), d("179.2")]);
        assert_eq!(lo, Decimal::ZERO);
        assert_eq!(hi, d("200"));
        assert_eq!(ticks.first(), Some(&lo));
        assert_eq!(ticks.last(), Some(&hi));
        let (lo, _, _) = scale(&[d("-12"), d("30")]);
        assert!(lo <= d("-12"), "a negative figure stays on the axis");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(d("18.8")), d("5"));
        assert_eq!(nice_step(d("100")), d("20"));
        assert_eq!(nice_step(d("0.3")), d("0.1"));
    }

    proptest! {
        #[test]
        fn every_figure_is_on_the_axis(figures in prop::collection::vec(-100_000i64..1_000_000, 1..30)) {
            let points: Vec<Decimal> = figures.iter().map(|f| Decimal::new(*f, 1)).collect();
            let (lo, hi, ticks) = scale(&points);
            prop_assert!(points.iter().all(|p| *p >= lo && *p <= hi));
            prop_assert!(lo <= Decimal::ZERO);
            prop_assert!(ticks.len() >= 2 && ticks.len() <= 12, "{:?}", ticks);
        }
    }
}
