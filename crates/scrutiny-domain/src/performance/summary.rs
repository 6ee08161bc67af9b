//! Summary counts ("Total 21 | 16 | 0 | 5") and "reported by exception" selection.
//!
//! Counts are always computed from item-level ratings, never typed in.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::performance::rag::Rag;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagCounts {
    pub total: usize,
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    pub unknown: usize,
}

impl RagCounts {
    pub fn add(&mut self, rag: Rag) {
        self.total += 1;
        match rag {
            Rag::Green => self.green += 1,
            Rag::Amber => self.amber += 1,
            Rag::Red => self.red += 1,
            Rag::Unknown => self.unknown += 1,
        }
    }

    /// How many items have `rag`.
    pub fn of(&self, rag: Rag) -> usize {
        match rag {
            Rag::Green => self.green,
            Rag::Amber => self.amber,
            Rag::Red => self.red,
            Rag::Unknown => self.unknown,
        }
    }
}

impl FromIterator<Rag> for RagCounts {
    fn from_iter<I: IntoIterator<Item = Rag>>(iter: I) -> Self {
        let mut c = RagCounts::default();
        iter.into_iter().for_each(|r| c.add(r));
        c
    }
}

/// A count and its share of `total`: "2 (50%)", the share rounded half up to `places`
/// ([`crate::format::percentage`], the one rounding code). Each share is rounded on its own, so
/// the shares of a summary may add to 99 or 101: none is nudged to make 100, so every printed
/// share is its own count's. A total of nothing prints the count alone.
pub fn count_with_share(part: usize, total: usize, places: u32) -> String {
    let share = crate::format::percentage(Decimal::from(part), Decimal::from(total), places);
    match share {
        Some(mut p) => {
            p.rescale(places);
            format!("{part} ({p}%)")
        }
        None => part.to_string(),
    }
}

/// "Reported by exception": only items that are not green.
pub fn is_exception(rag: Rag) -> bool {
    rag != Rag::Green
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_like_the_seed_summary() {
        // Seed 003, section 4: "Total 21 | 16 | 0 | 5".
        let items = std::iter::repeat_n(Rag::Green, 16).chain(std::iter::repeat_n(Rag::Red, 5));
        let c: RagCounts = items.collect();
        assert_eq!(
            (c.total, c.green, c.amber, c.red, c.unknown),
            (21, 16, 0, 5, 0)
        );
    }

    #[test]
    fn counts_carry_their_share() {
        assert_eq!(count_with_share(2, 4, 0), "2 (50%)");
        assert_eq!(count_with_share(1, 3, 0), "1 (33%)");
        assert_eq!(count_with_share(2, 3, 1), "2 (66.7%)");
        assert_eq!(count_with_share(1, 2, 1), "1 (50.0%)");
        assert_eq!(count_with_share(0, 0, 0), "0");
        // Three thirds print 33% each: the shares are not forced to add to 100.
        assert_eq!(count_with_share(1, 3, 0), count_with_share(1, 3, 0));
    }

    proptest! {
        /// Each share is within half a unit of its last place of the exact share, so shares add
        /// to 100 within half a unit per part.
        #[test]
        fn shares_are_rounded_alone(parts in proptest::collection::vec(0usize..50, 1..6), places in 0u32..3) {
            let total: usize = parts.iter().sum();
            prop_assume!(total > 0);
            let unit = Decimal::new(1, places);
            let mut sum = Decimal::ZERO;
            for part in &parts {
                let printed = count_with_share(*part, total, places);
                let share: Decimal = printed
                    .split_once(" (").and_then(|(_, s)| s.strip_suffix("%)"))
                    .and_then(|s| s.parse().ok()).expect("a share");
                prop_assert_eq!(share.scale(), places);
                let exact = Decimal::from(*part) * Decimal::ONE_HUNDRED / Decimal::from(total);
                prop_assert!((share - exact).abs() <= unit / Decimal::TWO);
                sum += share;
            }
            let slack = unit / Decimal::TWO * Decimal::from(parts.len());
            prop_assert!((sum - Decimal::ONE_HUNDRED).abs() <= slack);
        }

        #[test]
        fn parts_add_up(codes in proptest::collection::vec(0u8..4, 0..200)) {
            let rags: Vec<Rag> = codes.iter().map(|c| [Rag::Green, Rag::Amber, Rag::Red, Rag::Unknown][*c as usize]).collect();
            let c: RagCounts = rags.iter().copied().collect();
            prop_assert_eq!(c.total, c.green + c.amber + c.red + c.unknown);
            for rag in [Rag::Green, Rag::Amber, Rag::Red, Rag::Unknown] {
                prop_assert_eq!(c.of(rag), rags.iter().filter(|r| **r == rag).count());
            }
            prop_assert_eq!(rags.iter().filter(|r| is_exception(**r)).count(), c.total - c.green);
        }
    }
}
