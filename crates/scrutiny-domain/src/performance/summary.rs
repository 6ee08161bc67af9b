//! Summary counts ("Total 21 | 16 | 0 | 5") and "reported by exception" selection.
//!
//! Counts are always computed from item-level ratings, never typed in.

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

    proptest! {
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
