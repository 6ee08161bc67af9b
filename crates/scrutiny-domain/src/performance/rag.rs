//! Progress ratings (RAG: red, amber, green) and the declared rules that compute them.
//!
//! An indicator's rule is data (`rag_rules` table): which target it is judged against, and how far
//! on the wrong side of the target still counts as amber. A person may always override the
//! computed rating, but only with a reason, and both are kept.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::figure::Figure;

/// A progress state: a rating (green, amber, red), or why there is none. Each reason for no
/// rating is its own state with its own label and count, so "No target", "No figure yet" and
/// "Not due this period" can be told apart; `Unknown` is the `?` of older reports (a rule left to
/// a person, a measure with no polarity). `Context` is a context measure: never rated, never
/// counted in progress summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
    Unknown,
    NoTarget,
    NoFigure,
    NotDue,
    NotAvailable,
    Context,
}

impl Rag {
    pub const WORDS: &'static str =
        "green, amber, red, unknown, no_target, no_figure, not_due, not_available, context";

    /// Every state, in the order keys and summaries print them.
    pub const ALL: [Rag; 9] = [
        Rag::Green,
        Rag::Amber,
        Rag::Red,
        Rag::NoTarget,
        Rag::NoFigure,
        Rag::NotDue,
        Rag::NotAvailable,
        Rag::Unknown,
        Rag::Context,
    ];

    /// The states that are not a rating but a reason for none, in print order.
    pub const UNRATED: [Rag; 5] = [
        Rag::NoTarget,
        Rag::NoFigure,
        Rag::NotDue,
        Rag::NotAvailable,
        Rag::Unknown,
    ];

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Ok(match t.as_str() {
            "green" | "g" => Rag::Green,
            "amber" | "a" => Rag::Amber,
            "red" | "r" => Rag::Red,
            "unknown" | "?" => Rag::Unknown,
            "no_target" => Rag::NoTarget,
            "no_figure" | "no_figure_yet" | "no_data" | "no_data_yet" => Rag::NoFigure,
            "not_due" | "not_due_this_period" | "not_due_this_quarter" => Rag::NotDue,
            "not_available" => Rag::NotAvailable,
            "context" => Rag::Context,
            _ => return Err(DomainError::NotOneOf(text.to_string(), Self::WORDS)),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
            Rag::Unknown => "unknown",
            Rag::NoTarget => "no_target",
            Rag::NoFigure => "no_figure",
            Rag::NotDue => "not_due",
            Rag::NotAvailable => "not_available",
            Rag::Context => "context",
        }
    }

    /// Green, amber or red: a judgement rather than a reason for none.
    pub fn is_rated(self) -> bool {
        matches!(self, Rag::Green | Rag::Amber | Rag::Red)
    }

    /// Whether the item counts in progress summaries (everything but a context measure).
    pub fn is_counted(self) -> bool {
        self != Rag::Context
    }

    /// Why a figure and a target cannot be rated, decided from what is there: no figure, or one
    /// not due this period or not available; else no target. `None` when both are numbers.
    pub fn unrated(value: Option<&Figure>, target: Option<&Figure>) -> Option<Rag> {
        use crate::figure::SpecialState as S;
        match value {
            None => return Some(Rag::NoFigure),
            Some(Figure::State { state, .. }) => {
                return Some(match state {
                    S::NotDue => Rag::NotDue,
                    S::NotYetAvailable | S::NotApplicable => Rag::NotAvailable,
                    _ => Rag::NoFigure,
                });
            }
            Some(Figure::Number { .. }) => {}
        }
        match target.and_then(Figure::as_number) {
            None => Some(Rag::NoTarget),
            Some(_) => None,
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
    /// Contextual measures (e.g. a count of referrals): no better or worse.
    None,
}

impl Polarity {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "higher" | "high" | "higher is better" => Polarity::HigherIsBetter,
            "lower" | "low" | "lower is better" => Polarity::LowerIsBetter,
            "none" | "" => Polarity::None,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.to_string(),
                    "higher, lower, none",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "higher",
            Polarity::LowerIsBetter => "lower",
            Polarity::None => "none",
        }
    }

    /// The sentence indicator pages print under a chart.
    pub fn sentence(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "Higher figures represent better performance.",
            Polarity::LowerIsBetter => "Lower figures represent better performance.",
            Polarity::None => "No polarity: this measure is for context.",
        }
    }

    /// How much `value` beats `reference` by, in the good direction (negative = worse).
    pub fn advantage(self, value: Decimal, reference: Decimal) -> Option<Decimal> {
        match self {
            Polarity::HigherIsBetter => Some(value - reference),
            Polarity::LowerIsBetter => Some(reference - value),
            Polarity::None => None,
        }
    }
}

/// Where a figure sits among the councils benchmarked: at or beyond the top-quartile boundary,
/// short of the bottom-quartile boundary, or between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quartile {
    Top,
    Middle,
    Bottom,
}

impl Quartile {
    /// The quartile of `value` against the top- and bottom-quartile boundaries, given which way
    /// is better; `None` for a measure with no better or worse.
    pub fn of(value: Decimal, top: Decimal, bottom: Decimal, polarity: Polarity) -> Option<Self> {
        let beats = |reference| polarity.advantage(value, reference);
        Some(if beats(top)? >= Decimal::ZERO {
            Quartile::Top
        } else if beats(bottom)? < Decimal::ZERO {
            Quartile::Bottom
        } else {
            Quartile::Middle
        })
    }

    pub fn words(self) -> &'static str {
        match self {
            Quartile::Top => "Top quartile",
            Quartile::Middle => "Middle quartiles",
            Quartile::Bottom => "Bottom quartile",
        }
    }
}

/// How a rule's amber band is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandUnit {
    /// Percent of the target.
    Percent,
    /// In the indicator's own units.
    Absolute,
}

/// What a rule compares the latest value with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RagMethod {
    /// The annual target.
    AnnualTarget,
    /// The target profiled for the quarter being reported.
    ProfiledTarget,
    /// A person sets the rating.
    Manual,
}

impl RagMethod {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "annual_target" | "annual" => RagMethod::AnnualTarget,
            "profiled_target" | "profiled" => RagMethod::ProfiledTarget,
            "manual" => RagMethod::Manual,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.to_string(),
                    "annual_target, profiled_target, manual",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            RagMethod::AnnualTarget => "annual_target",
            RagMethod::ProfiledTarget => "profiled_target",
            RagMethod::Manual => "manual",
        }
    }
}

/// A declared rule for computing an indicator's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagRule {
    pub method: RagMethod,
    pub amber_band: Decimal,
    pub band_unit: BandUnit,
}

/// A computed rating and the plain-words reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub rag: Rag,
    pub basis: String,
}

impl RagRule {
    /// Picks the target this rule judges against.
    pub fn target<'a>(
        &self,
        annual: Option<&'a Figure>,
        profiled: Option<&'a Figure>,
    ) -> Option<&'a Figure> {
        match self.method {
            RagMethod::AnnualTarget => annual,
            RagMethod::ProfiledTarget => profiled,
            RagMethod::Manual => None,
        }
    }

    /// Judges `value` against `target`. Anything that cannot be compared is `Unknown`, with the
    /// reason, so a gap in the data shows as a gap rather than a guess.
    pub fn judge(
        &self,
        polarity: Polarity,
        value: Option<&Figure>,
        target: Option<&Figure>,
    ) -> Judgement {
        self.judge_shown(polarity, value, target, &|f| f.to_entry())
    }

    /// [`RagRule::judge`], its reason naming the figures as `show` prints them: "78% against a
    /// target of 84%: missed, within the 5% band." The one place a rating's reason is worded.
    pub fn judge_shown(
        &self,
        polarity: Polarity,
        value: Option<&Figure>,
        target: Option<&Figure>,
        show: &dyn Fn(&Figure) -> String,
    ) -> Judgement {
        let unrated = |rag: Rag, basis: &str| Judgement {
            rag,
            basis: basis.to_string(),
        };
        if self.method == RagMethod::Manual {
            return unrated(
                Rag::Unknown,
                "Progress for this measure is set by a person.",
            );
        }
        match Rag::unrated(value, target) {
            Some(Rag::NotDue) => return unrated(Rag::NotDue, "No figure is due this period."),
            Some(Rag::NotAvailable) => {
                return unrated(
                    Rag::NotAvailable,
                    "The figure for this period is not available.",
                );
            }
            Some(Rag::NoTarget) => {
                let which = match self.method {
                    RagMethod::ProfiledTarget => "no numeric target for this quarter",
                    _ => "no numeric annual target",
                };
                return unrated(
                    Rag::NoTarget,
                    &format!("There is {which} to judge against."),
                );
            }
            Some(other) => {
                return unrated(other, "There is no figure for this period to judge.");
            }
            None => {}
        }
        let (Some(v), Some(t)) = (
            value.and_then(Figure::as_number),
            target.and_then(Figure::as_number),
        ) else {
            return unrated(Rag::Unknown, "There is no figure to judge.");
        };
        let Some(advantage) = polarity.advantage(v, t) else {
            return unrated(
                Rag::Unknown,
                "The measure has no polarity, so it is not rated.",
            );
        };
        let band = match self.band_unit {
            BandUnit::Percent => t.abs() * self.amber_band / Decimal::ONE_HUNDRED,
            BandUnit::Absolute => self.amber_band,
        };
        let band_words = match self.band_unit {
            BandUnit::Percent => format!("the {}% band", self.amber_band.normalize()),
            BandUnit::Absolute => format!("the band of {}", self.amber_band.normalize()),
        };
        let which = match self.method {
            RagMethod::ProfiledTarget => "this quarter's target",
            _ => "a target",
        };
        let shown = |f: Option<&Figure>| f.map(show).unwrap_or_default();
        let against = format!("{} against {which} of {}", shown(value), shown(target));
        let (rag, outcome) = if advantage >= Decimal::ZERO {
            (Rag::Green, "met".to_string())
        } else if -advantage <= band {
            (Rag::Amber, format!("missed, within {band_words}"))
        } else {
            (Rag::Red, format!("missed by more than {band_words}"))
        };
        Judgement {
            rag,
            basis: format!("{against}: {outcome}."),
        }
    }
}

/// A person's rating in place of the computed one. The reason is mandatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub rag: Rag,
    pub reason: String,
}

impl Override {
    pub fn new(rag: Rag, reason: &str) -> Result<Self, DomainError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::OverrideWithoutReason);
        }
        Ok(Override {
            rag,
            reason: reason.to_string(),
        })
    }
}

/// The progress printed for an item: the computed judgement, and a person's override if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub computed: Judgement,
    pub overridden: Option<Override>,
}

impl Progress {
    pub fn rag(&self) -> Rag {
        self.overridden
            .as_ref()
            .map_or(self.computed.rag, |o| o.rag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(s: &str) -> Figure {
        Figure::parse(s).expect("figure")
    }

    fn annual(band: &str) -> RagRule {
        RagRule {
            method: RagMethod::AnnualTarget,
            amber_band: band.parse().expect("band"),
            band_unit: BandUnit::Percent,
        }
    }

    fn check(polarity: Polarity, value: &str, target: &str, expected: Rag) {
        let j = annual("5").judge(polarity, Some(&n(value)), Some(&n(target)));
        assert_eq!(
            j.rag, expected,
            "{value} against {target} ({polarity:?}): {}",
            j.basis
        );
    }

    #[test]
    fn annual_target_with_five_percent_band() {
        use Polarity::*;
        // Seed 000, Q1 2012/13: LPI07COP 123 against 100; NI148 63% against 75%.
        check(HigherIsBetter, "123", "100", Rag::Green);
        check(HigherIsBetter, "63", "75", Rag::Red);
        check(HigherIsBetter, "100", "100", Rag::Green);
        check(HigherIsBetter, "95", "100", Rag::Amber);
        check(HigherIsBetter, "94.9", "100", Rag::Red);
        check(LowerIsBetter, "9.4", "9.5", Rag::Green);
        check(LowerIsBetter, "9.9", "9.5", Rag::Amber);
        check(LowerIsBetter, "12", "9.5", Rag::Red);
        check(None, "12", "9.5", Rag::Unknown);
    }

    #[test]
    fn states_and_manual_rules_are_unknown_with_a_reason() {
        let rule = annual("5");
        let j = rule.judge(
            Polarity::HigherIsBetter,
            Some(&n("Refer comment")),
            Some(&n("56%")),
        );
        assert_eq!(j.rag, Rag::NoFigure);
        assert!(j.basis.contains("no figure"));
        let j = rule.judge(
            Polarity::HigherIsBetter,
            Some(&n("19.7")),
            Some(&n("No target")),
        );
        assert_eq!(j.rag, Rag::NoTarget);
        let manual = RagRule {
            method: RagMethod::Manual,
            ..annual("0")
        };
        assert_eq!(
            manual
                .judge(Polarity::HigherIsBetter, Some(&n("1")), Some(&n("1")))
                .rag,
            Rag::Unknown
        );
    }

    #[test]
    fn each_reason_for_no_rating_is_its_own_state() {
        let rule = annual("5");
        let judge = |v: Option<&str>, t: Option<&str>| {
            let (v, t) = (v.map(n), t.map(n));
            rule.judge(Polarity::HigherIsBetter, v.as_ref(), t.as_ref())
                .rag
        };
        assert_eq!(judge(None, Some("50")), Rag::NoFigure);
        assert_eq!(judge(Some("Not due"), Some("50")), Rag::NotDue);
        assert_eq!(judge(Some("Not due this quarter"), None), Rag::NotDue);
        assert_eq!(
            judge(Some("Not yet available"), Some("50")),
            Rag::NotAvailable
        );
        assert_eq!(judge(Some("N/A"), Some("50")), Rag::NotAvailable);
        assert_eq!(judge(Some("TBC"), Some("50")), Rag::NoFigure);
        assert_eq!(judge(Some("40"), None), Rag::NoTarget);
        assert_eq!(judge(Some("40"), Some("TBC")), Rag::NoTarget);
        assert_eq!(judge(Some("60"), Some("50")), Rag::Green);
        for rag in Rag::ALL {
            assert_eq!(Rag::parse(rag.code()), Ok(rag));
        }
        assert_eq!(Rag::parse("Not due this quarter"), Ok(Rag::NotDue));
    }

    #[test]
    fn the_reason_names_the_figures_and_the_band() {
        let pct = |f: &Figure| format!("{}%", f.to_entry());
        let judge = |v: &str, t: &str| {
            annual("5")
                .judge_shown(Polarity::HigherIsBetter, Some(&n(v)), Some(&n(t)), &pct)
                .basis
        };
        assert_eq!(
            judge("82", "84"),
            "82% against a target of 84%: missed, within the 5% band."
        );
        assert_eq!(
            judge("63", "75"),
            "63% against a target of 75%: missed by more than the 5% band."
        );
        assert_eq!(judge("90", "84"), "90% against a target of 84%: met.");
        let absolute = RagRule {
            band_unit: BandUnit::Absolute,
            method: RagMethod::ProfiledTarget,
            ..annual("2")
        };
        assert_eq!(
            absolute
                .judge(Polarity::LowerIsBetter, Some(&n("11")), Some(&n("10")))
                .basis,
            "11 against this quarter's target of 10: missed, within the band of 2."
        );
    }

    #[test]
    fn profiled_rule_uses_the_quarter_target() {
        let rule = RagRule {
            method: RagMethod::ProfiledTarget,
            ..annual("0")
        };
        let (a, q) = (n("250"), n("62"));
        assert_eq!(rule.target(Some(&a), Some(&q)), Some(&q));
        assert_eq!(annual("0").target(Some(&a), Some(&q)), Some(&a));
    }

    #[test]
    fn absolute_band() {
        let rule = RagRule {
            band_unit: BandUnit::Absolute,
            ..annual("2")
        };
        assert_eq!(
            rule.judge(Polarity::HigherIsBetter, Some(&n("73")), Some(&n("75")))
                .rag,
            Rag::Amber
        );
        assert_eq!(
            rule.judge(Polarity::HigherIsBetter, Some(&n("72.9")), Some(&n("75")))
                .rag,
            Rag::Red
        );
    }

    #[test]
    fn override_needs_a_reason_and_wins() {
        assert_eq!(
            Override::new(Rag::Red, "  "),
            Err(DomainError::OverrideWithoutReason)
        );
        let p = Progress {
            computed: Judgement {
                rag: Rag::Red,
                basis: String::new(),
            },
            overridden: Some(Override::new(Rag::Unknown, "Printed as ?").expect("override")),
        };
        assert_eq!(p.rag(), Rag::Unknown);
    }

    proptest! {
        /// A judgement is a rating exactly when both figures are numbers (and the measure has a
        /// polarity); otherwise its state is the reason `Rag::unrated` gives.
        #[test]
        fn rated_exactly_when_both_figures_are_numbers(
            v in proptest::option::of(0usize..5), t in proptest::option::of(0usize..3)
        ) {
            let values = ["40", "Not due", "Not yet available", "Refer comment", "N/A"];
            let targets = ["50", "No target", "TBC"];
            let (v, t) = (v.map(|i| n(values[i])), t.map(|i| n(targets[i])));
            let j = annual("5").judge(Polarity::HigherIsBetter, v.as_ref(), t.as_ref());
            match Rag::unrated(v.as_ref(), t.as_ref()) {
                Some(reason) => prop_assert_eq!(j.rag, reason),
                None => prop_assert!(j.rag.is_rated()),
            }
        }
    }

    #[test]
    fn quartile_position_against_the_boundaries() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        let q = |v, p| Quartile::of(d(v), d("80"), d("60"), p);
        assert_eq!(q("80", Polarity::HigherIsBetter), Some(Quartile::Top));
        assert_eq!(q("79.9", Polarity::HigherIsBetter), Some(Quartile::Middle));
        assert_eq!(q("60", Polarity::HigherIsBetter), Some(Quartile::Middle));
        assert_eq!(q("59.9", Polarity::HigherIsBetter), Some(Quartile::Bottom));
        // Lower is better: the top quartile's boundary is the lower figure.
        let low = |v| Quartile::of(d(v), d("10"), d("20"), Polarity::LowerIsBetter);
        assert_eq!(low("9"), Some(Quartile::Top));
        assert_eq!(low("15"), Some(Quartile::Middle));
        assert_eq!(low("21"), Some(Quartile::Bottom));
        assert_eq!(
            q("70", Polarity::None),
            None,
            "no better or worse, no quartile"
        );
        assert_eq!(Quartile::Middle.words(), "Middle quartiles");
    }

    proptest! {
        /// Flipping polarity and negating the figures gives the same judgement.
        #[test]
        fn polarity_symmetry(v in -100_000i64..100_000, t in -100_000i64..100_000, band in 0u32..50) {
            let rule = annual(&band.to_string());
            let (v, t) = (Decimal::new(v, 1), Decimal::new(t, 1));
            let up = rule.judge(Polarity::HigherIsBetter, Some(&Figure::number(v)), Some(&Figure::number(t)));
            let down = rule.judge(Polarity::LowerIsBetter, Some(&Figure::number(-v)), Some(&Figure::number(-t)));
            prop_assert_eq!(up.rag, down.rag);
        }

        /// A better figure never sits in a worse quartile, whichever way is better.
        #[test]
        fn quartile_is_monotone(v in -1000i64..1000, dv in 0i64..1000, a in -1000i64..1000, gap in 0i64..500, higher in any::<bool>()) {
            let (polarity, top, bottom, worse, better) = if higher {
                (Polarity::HigherIsBetter, a + gap, a, v, v + dv)
            } else {
                (Polarity::LowerIsBetter, a, a + gap, v + dv, v)
            };
            let q = |x: i64| Quartile::of(Decimal::from(x), Decimal::from(top), Decimal::from(bottom), polarity).expect("polarity");
            prop_assert!(q(better) <= q(worse));
        }

        /// A better figure never gets a worse rating.
        #[test]
        fn monotone_in_value(v in -1000i64..1000, dv in 0i64..1000, t in -1000i64..1000) {
            let rule = annual("5");
            let rank = |r: Rag| match r { Rag::Green => 0, Rag::Amber => 1, _ => 2 };
            let t = Figure::number(Decimal::from(t));
            let lo = rule.judge(Polarity::HigherIsBetter, Some(&Figure::number(Decimal::from(v))), Some(&t));
            let hi = rule.judge(Polarity::HigherIsBetter, Some(&Figure::number(Decimal::from(v + dv))), Some(&t));
            prop_assert!(rank(hi.rag) <= rank(lo.rag));
        }
    }
}
