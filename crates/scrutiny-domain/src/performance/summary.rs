//! Summary counts ("Total 21 | 16 | 0 | 5") with their shares, and "reported by exception"
//! selection by a board's declared rule.
//!
//! Counts are always computed from item-level ratings, never typed in.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::performance::direction::Direction;
use crate::performance::rag::{BandUnit, Rag};

/// Counts of an item list's progress states. `unknown` is every item with no rating, whatever
/// the reason; the reasons are counted apart as well (`no_target` …), so a summary can print
/// each. Context measures are not counted at all: they are never rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagCounts {
    pub total: usize,
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    pub unknown: usize,
    #[serde(default)]
    pub no_target: usize,
    #[serde(default)]
    pub no_figure: usize,
    #[serde(default)]
    pub not_due: usize,
    #[serde(default)]
    pub not_available: usize,
}

impl RagCounts {
    pub fn add(&mut self, rag: Rag) {
        if !rag.is_counted() {
            return;
        }
        self.total += 1;
        match rag {
            Rag::Green => self.green += 1,
            Rag::Amber => self.amber += 1,
            Rag::Red => self.red += 1,
            _ => self.unknown += 1,
        }
        match rag {
            Rag::NoTarget => self.no_target += 1,
            Rag::NoFigure => self.no_figure += 1,
            Rag::NotDue => self.not_due += 1,
            Rag::NotAvailable => self.not_available += 1,
            _ => {}
        }
    }

    /// How many items have `rag` (`Unknown`: only those with no more particular reason).
    pub fn of(&self, rag: Rag) -> usize {
        match rag {
            Rag::Green => self.green,
            Rag::Amber => self.amber,
            Rag::Red => self.red,
            Rag::NoTarget => self.no_target,
            Rag::NoFigure => self.no_figure,
            Rag::NotDue => self.not_due,
            Rag::NotAvailable => self.not_available,
            Rag::Unknown => {
                self.unknown - self.no_target - self.no_figure - self.not_due - self.not_available
            }
            Rag::Context => 0,
        }
    }

    /// The states a summary prints: green, amber and red always, each state with no rating only
    /// when some item is in it.
    pub fn shown(&self) -> Vec<Rag> {
        Rag::ALL
            .into_iter()
            .filter(|r| r.is_counted() && (r.is_rated() || self.of(*r) > 0))
            .collect()
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

/// One test of a board's exception rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionTest {
    /// Rated anything but green (the default), except a context measure or a figure not due.
    NotGreen,
    /// Rated red.
    Red,
    /// Worse than the figure direction of travel compares with.
    Worse,
    /// More than `by` from the target it was judged against, either way, in percent of the
    /// target or in the indicator's points.
    OffTarget { by: Decimal, unit: BandUnit },
}

/// Which items a board's report lists "by exception": any of its tests (`boards.exception_rule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionRule {
    pub any_of: Vec<ExceptionTest>,
}

impl Default for ExceptionRule {
    fn default() -> Self {
        ExceptionRule {
            any_of: vec![ExceptionTest::NotGreen],
        }
    }
}

/// What an exception rule looks at: an item's rating, its direction of travel, and the figure
/// and target the rating was judged on (numbers, where they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub rag: Rag,
    pub direction: Direction,
    pub value: Option<Decimal>,
    pub target: Option<Decimal>,
}

impl Standing {
    /// An item with a rating only (a milestone, a risk).
    pub fn rated(rag: Rag) -> Self {
        Standing {
            rag,
            direction: Direction::NotComparable,
            value: None,
            target: None,
        }
    }
}

impl ExceptionTest {
    const WORDS: &'static str =
        "not_green, red, worse, off_target N% or off_target N points (combined with `or` or `,`)";

    fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text
            .trim()
            .to_ascii_lowercase()
            .replace('-', "_")
            .replace("off target", "off_target");
        let bad = || DomainError::NotOneOf(text.trim().into(), Self::WORDS);
        Ok(match t.replace(' ', "_").as_str() {
            "not_green" => ExceptionTest::NotGreen,
            "red" | "red_only" => ExceptionTest::Red,
            "worse" | "worse_than_comparison" => ExceptionTest::Worse,
            _ => {
                let rest = t.strip_prefix("off_target").ok_or_else(bad)?.trim();
                let (number, unit) = if let Some(n) = rest.strip_suffix('%') {
                    (n, BandUnit::Percent)
                } else if let Some(n) = rest.strip_suffix("points").or(rest.strip_suffix("point")) {
                    (n, BandUnit::Absolute)
                } else {
                    return Err(bad());
                };
                let by: Decimal = number.trim().parse().map_err(|_| bad())?;
                if by < Decimal::ZERO {
                    return Err(bad());
                }
                ExceptionTest::OffTarget {
                    by: by.normalize(),
                    unit,
                }
            }
        })
    }

    fn code(&self) -> String {
        match self {
            ExceptionTest::NotGreen => "not_green".into(),
            ExceptionTest::Red => "red".into(),
            ExceptionTest::Worse => "worse".into(),
            ExceptionTest::OffTarget {
                by,
                unit: BandUnit::Percent,
            } => format!("off_target {by}%"),
            ExceptionTest::OffTarget {
                by,
                unit: BandUnit::Absolute,
            } => {
                format!("off_target {by} points")
            }
        }
    }

    fn words(&self, label: &dyn Fn(Rag) -> String) -> String {
        match self {
            ExceptionTest::NotGreen => format!("not rated {}", label(Rag::Green)),
            ExceptionTest::Red => format!("rated {}", label(Rag::Red)),
            ExceptionTest::Worse => "worse than their comparison".into(),
            ExceptionTest::OffTarget {
                by,
                unit: BandUnit::Percent,
            } => {
                format!("more than {by}% from target")
            }
            ExceptionTest::OffTarget {
                by,
                unit: BandUnit::Absolute,
            } => {
                let points = if *by == Decimal::ONE {
                    "point"
                } else {
                    "points"
                };
                format!("more than {by} {points} from target")
            }
        }
    }

    fn holds(&self, s: &Standing) -> bool {
        match self {
            // A context measure is never rated, a figure not due is not missing.
            ExceptionTest::NotGreen => !matches!(s.rag, Rag::Green | Rag::Context | Rag::NotDue),
            ExceptionTest::Red => s.rag == Rag::Red,
            ExceptionTest::Worse => s.direction == Direction::Worse,
            ExceptionTest::OffTarget { by, unit } => {
                let (Some(v), Some(t)) = (s.value, s.target) else {
                    return false;
                };
                let limit = match unit {
                    BandUnit::Percent => t.abs() * *by / Decimal::ONE_HUNDRED,
                    BandUnit::Absolute => *by,
                };
                (v - t).abs() > limit
            }
        }
    }
}

impl ExceptionRule {
    /// Reads a rule: tests joined by `or`, `,` or `;`: `red or off_target 5%`.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let lower = text.to_ascii_lowercase();
        let any_of: Vec<ExceptionTest> = lower
            .split([',', ';'])
            .flat_map(|p| p.split(" or "))
            .filter(|p| !p.trim().is_empty())
            .map(ExceptionTest::parse)
            .collect::<Result<_, _>>()?;
        if any_of.is_empty() {
            return Err(DomainError::NotOneOf(text.into(), ExceptionTest::WORDS));
        }
        Ok(ExceptionRule { any_of })
    }

    /// The rule as stored, read back by [`ExceptionRule::parse`].
    pub fn code(&self) -> String {
        let parts: Vec<String> = self.any_of.iter().map(ExceptionTest::code).collect();
        parts.join(" or ")
    }

    /// The rule in a report's words, after "Indicators …": "more than 5% from target".
    pub fn words(&self) -> String {
        self.words_with(&|r| r.code().to_string())
    }

    /// [`ExceptionRule::words`] naming ratings by `label`, the council's words for them,
    /// lower-cased unless they start with an acronym: "not rated target achieved".
    pub fn words_with(&self, label: &dyn Fn(Rag) -> String) -> String {
        let in_sentence = |r: Rag| {
            let l = label(r);
            let mut chars = l.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(second)) if !second.is_uppercase() => {
                    first.to_lowercase().chain(l.chars().skip(1)).collect()
                }
                _ => l,
            }
        };
        let parts: Vec<String> = self.any_of.iter().map(|t| t.words(&in_sentence)).collect();
        parts.join(" or ")
    }

    /// Whether an item is listed by exception: any test holds.
    pub fn is_exception(&self, s: &Standing) -> bool {
        // A context measure is information, never an exception.
        s.rag != Rag::Context && self.any_of.iter().any(|t| t.holds(s))
    }
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

    fn standing(rag: Rag, direction: Direction, value: &str, target: &str) -> Standing {
        Standing {
            rag,
            direction,
            value: value.parse().ok(),
            target: target.parse().ok(),
        }
    }

    #[test]
    fn exception_rules_read_back_and_name_themselves() {
        for (typed, code, words) in [
            ("not_green", "not_green", "not rated green"),
            ("Red only", "red", "rated red"),
            ("worse", "worse", "worse than their comparison"),
            ("off_target 5%", "off_target 5%", "more than 5% from target"),
            (
                "red or off_target 2.5 points",
                "red or off_target 2.5 points",
                "rated red or more than 2.5 points from target",
            ),
            (
                "worse, red",
                "worse or red",
                "worse than their comparison or rated red",
            ),
        ] {
            let rule = ExceptionRule::parse(typed).expect(typed);
            assert_eq!(rule.code(), code);
            assert_eq!(rule.words(), words);
            assert_eq!(ExceptionRule::parse(&rule.code()), Ok(rule));
        }
        for bad in [
            "",
            "amber",
            "off_target",
            "off_target -5%",
            "off_target five%",
        ] {
            assert!(ExceptionRule::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(ExceptionRule::default().code(), "not_green");
    }

    #[test]
    fn the_rule_names_ratings_in_the_council_words() {
        let rule = ExceptionRule::parse("not_green or red").expect("rule");
        let label = |r: Rag| match r {
            Rag::Green => "Target achieved".to_string(),
            Rag::Red => "RAG red".to_string(),
            _ => String::new(),
        };
        assert_eq!(
            rule.words_with(&label),
            "not rated target achieved or rated RAG red"
        );
    }

    #[test]
    fn each_test_picks_its_items() {
        use Direction::*;
        let rule = |t: &str| ExceptionRule::parse(t).expect("rule");
        let amber_better = standing(Rag::Amber, Better, "96", "100");
        assert!(rule("not_green").is_exception(&amber_better));
        assert!(!rule("red").is_exception(&amber_better));
        assert!(!rule("worse").is_exception(&amber_better));
        assert!(rule("worse").is_exception(&standing(Rag::Green, Worse, "", "")));
        // 5% either way of a target of 100: 94.9 and 105.1 are exceptions, 95 and 105 are not.
        let off = rule("off_target 5%");
        for (v, listed) in [
            ("94.9", true),
            ("95", false),
            ("105", false),
            ("105.1", true),
        ] {
            assert_eq!(
                off.is_exception(&standing(Rag::Green, Same, v, "100")),
                listed,
                "{v}"
            );
        }
        let points = rule("off_target 2 points");
        assert!(points.is_exception(&standing(Rag::Green, Same, "7.9", "10")));
        assert!(!points.is_exception(&standing(Rag::Green, Same, "8", "10")));
        // No figure or no target: never off target.
        assert!(!off.is_exception(&standing(Rag::Unknown, NotComparable, "", "100")));
        assert!(rule("red or off_target 5%").is_exception(&standing(Rag::Red, Same, "", "")));
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
        fn parts_add_up(codes in proptest::collection::vec(0usize..9, 0..200)) {
            let rags: Vec<Rag> = codes.iter().map(|c| Rag::ALL[*c]).collect();
            let c: RagCounts = rags.iter().copied().collect();
            let context = rags.iter().filter(|r| **r == Rag::Context).count();
            prop_assert_eq!(c.total + context, rags.len());
            prop_assert_eq!(c.total, c.green + c.amber + c.red + c.unknown);
            let parts: usize = Rag::ALL.iter().map(|r| c.of(*r)).sum();
            prop_assert_eq!(parts, c.total);
            prop_assert_eq!(c.unknown, Rag::UNRATED.iter().map(|r| c.of(*r)).sum::<usize>());
            for rag in Rag::ALL.into_iter().filter(|r| r.is_counted()) {
                prop_assert_eq!(c.of(rag), rags.iter().filter(|r| **r == rag).count());
            }
            let shown: usize = c.shown().iter().map(|r| c.of(*r)).sum();
            prop_assert_eq!(shown, c.total);
            let not_green = ExceptionRule::default();
            prop_assert_eq!(rags.iter().filter(|r| not_green.is_exception(&Standing::rated(**r))).count(), c.total - c.green - c.not_due);
        }

        /// A combination lists exactly the items any of its parts lists; "not green" lists every
        /// item "red only" lists; off target is symmetric about the target.
        #[test]
        fn combinations_are_any_of_their_parts(
            rag in 0u8..4, dir in 0u8..4, v in -1000i64..1000, t in -1000i64..1000, by in 0i64..50,
            percent in any::<bool>(),
        ) {
            let rag = [Rag::Green, Rag::Amber, Rag::Red, Rag::Unknown][rag as usize];
            let direction = [Direction::Better, Direction::Same, Direction::Worse, Direction::NotComparable][dir as usize];
            let (v, t) = (Decimal::from(v), Decimal::from(t));
            let s = Standing { rag, direction, value: Some(v), target: Some(t) };
            let unit = if percent { "%" } else { " points" };
            let parts = ["not_green".to_string(), "red".into(), "worse".into(), format!("off_target {by}{unit}")];
            let each: Vec<bool> = parts.iter().map(|p| ExceptionRule::parse(p).expect("part").is_exception(&s)).collect();
            let all = ExceptionRule::parse(&parts.join(" or ")).expect("all");
            prop_assert_eq!(all.is_exception(&s), each.iter().any(|b| *b));
            if each[1] { prop_assert!(each[0]); }
            let off = ExceptionRule::parse(&parts[3]).expect("off");
            let mirrored = Standing { value: Some(t + t - v), ..s };
            prop_assert_eq!(off.is_exception(&s), off.is_exception(&mirrored));
        }
    }
}
