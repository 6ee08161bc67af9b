//! An indicator's value or target: a number, or one of the special states councils print
//! (`TBC`, `No target`, `Refer to comment`, …). States are held as states, never as magic numbers.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::error::DomainError;
use crate::format::group_thousands;

/// The special states a value or target can be in instead of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialState {
    Tbc,
    NoTarget,
    Placeholder,
    NewIndicator,
    NotApplicable,
    ReferToComment,
    NotYetAvailable,
    /// No figure is due this period (an annual measure in Q1).
    NotDue,
    /// Target to be set once a baseline is established.
    Baseline,
}

impl SpecialState {
    const WORDS: &'static str = "TBC, No target, Placeholder, New indicator, N/A, Refer to comment, Not yet available, Not due, Baseline";

    /// Recognises the wordings found in council papers.
    pub fn recognise(text: &str) -> Option<Self> {
        let t: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '/')
            .collect();
        Some(match t.as_str() {
            "tbc" | "tobeconfirmed" => SpecialState::Tbc,
            "notarget" => SpecialState::NoTarget,
            "placeholder" => SpecialState::Placeholder,
            "newindicator" | "new" | "newcalculation" | "newmeasure" => SpecialState::NewIndicator,
            "n/a" | "na" | "notapplicable" => SpecialState::NotApplicable,
            "refercomment" | "refertocomment" | "seecomment" | "refertocommentary" => {
                SpecialState::ReferToComment
            }
            "notyetavailable" | "notavailable" | "awaited" => SpecialState::NotYetAvailable,
            "notdue" | "notduethisquarter" | "notduethisperiod" | "notdueyet" => {
                SpecialState::NotDue
            }
            "baseline" | "toreestablishbaseline" | "targetssetoncebaselineestablished" => {
                SpecialState::Baseline
            }
            _ => return None,
        })
    }

    /// The canonical wording, used when no original wording was kept.
    pub fn label(self) -> &'static str {
        match self {
            SpecialState::Tbc => "TBC",
            SpecialState::NoTarget => "No target",
            SpecialState::Placeholder => "Placeholder",
            SpecialState::NewIndicator => "New indicator",
            SpecialState::NotApplicable => "N/A",
            SpecialState::ReferToComment => "Refer to comment",
            SpecialState::NotYetAvailable => "Not yet available",
            SpecialState::NotDue => "Not due",
            SpecialState::Baseline => "Target to be set once baseline established",
        }
    }
}

/// How an indicator's numbers are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
    Days,
    RatePer10000,
    Number,
    Ratio,
}

impl Unit {
    pub const WORDS: &'static str = "percent, count, days, rate_per_10000, number, ratio";

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "percent" | "%" | "percentage" => Unit::Percent,
            "count" => Unit::Count,
            "days" => Unit::Days,
            "rate_per_10000" | "rate per 10,000" | "rate" => Unit::RatePer10000,
            "number" => Unit::Number,
            "ratio" => Unit::Ratio,
            _ => return Err(DomainError::NotOneOf(text.to_string(), Self::WORDS)),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::RatePer10000 => "rate_per_10000",
            Unit::Number => "number",
            Unit::Ratio => "ratio",
        }
    }
}

/// A value or target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Figure {
    /// A number, with an optional qualifier printed after it: `83% (KS2)`.
    Number {
        value: Decimal,
        qualifier: Option<String>,
    },
    /// A special state; `text` keeps the wording as entered (`Refer comment`) or a whole sentence.
    State {
        state: SpecialState,
        text: Option<String>,
    },
}

impl Figure {
    pub fn number(value: Decimal) -> Self {
        Figure::Number {
            value,
            qualifier: None,
        }
    }

    pub fn state(state: SpecialState) -> Self {
        Figure::State { state, text: None }
    }

    /// Parses a target or value cell. A free sentence is refused here: see [`Figure::parse_value`].
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim();
        if let Some(state) = SpecialState::recognise(t) {
            let text = (t != state.label()).then(|| t.to_string());
            return Ok(Figure::State { state, text });
        }
        parse_number(t).ok_or_else(|| DomainError::BadFigure(t.to_string(), SpecialState::WORDS))
    }

    /// Parses a target cell. Targets too are sometimes a sentence ("To re-establish baseline in
    /// 2012/13"): it is kept, as a baseline state when it speaks of a baseline.
    pub fn parse_target(text: &str) -> Result<Self, DomainError> {
        match Figure::parse_value(text)? {
            Figure::State {
                state: SpecialState::ReferToComment,
                text: Some(t),
            } if t.to_ascii_lowercase().contains("baseline") => Ok(Figure::State {
                state: SpecialState::Baseline,
                text: Some(t),
            }),
            f => Ok(f),
        }
    }

    /// Parses a value cell, where officers sometimes write a sentence instead of a figure; the
    /// sentence is kept as a "refer to comment" state so nothing typed is lost.
    pub fn parse_value(text: &str) -> Result<Self, DomainError> {
        let t = text.trim();
        match Figure::parse(t) {
            Ok(f) => Ok(f),
            Err(e) if t.split_whitespace().count() < 4 => Err(e),
            Err(_) => Ok(Figure::State {
                state: SpecialState::ReferToComment,
                text: Some(t.to_string()),
            }),
        }
    }

    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Figure::Number { value, .. } => Some(*value),
            Figure::State { .. } => None,
        }
    }

    /// Printed form: `48.3%`, `1,372`, `83% (KS2)`, `Refer comment`.
    /// `decimals` fixes the places shown; `None` prints the number as it was entered.
    pub fn display(&self, unit: Unit, decimals: Option<u32>) -> String {
        match self {
            Figure::State { state, text } => text.clone().unwrap_or_else(|| state.label().into()),
            Figure::Number { value, qualifier } => {
                let n = match decimals {
                    Some(dp) => {
                        let mut n = crate::format::round_half_up(*value, dp);
                        n.rescale(dp);
                        n
                    }
                    None => *value,
                };
                let mut s = group_thousands(n);
                if unit == Unit::Percent {
                    s.push('%');
                }
                if unit == Unit::RatePer10000 {
                    s.push_str(" per 10,000");
                }
                if let Some(q) = qualifier {
                    s.push(' ');
                    s.push_str(q);
                }
                s
            }
        }
    }

    /// The text a spreadsheet cell or import file holds for this figure (round-trips through parse).
    pub fn to_entry(&self) -> String {
        match self {
            Figure::State { state, text } => text.clone().unwrap_or_else(|| state.label().into()),
            Figure::Number {
                value,
                qualifier: None,
            } => value.to_string(),
            Figure::Number {
                value,
                qualifier: Some(q),
            } => format!("{value} {q}"),
        }
    }
}

fn parse_number(t: &str) -> Option<Figure> {
    let (num, qualifier) = match t.find('(') {
        Some(i) if i > 0 && t.ends_with(')') => (t[..i].trim(), Some(t[i..].trim().to_string())),
        _ => (t, None),
    };
    let cleaned: String = num
        .chars()
        .filter(|c| *c != ',' && *c != '%' && *c != '£')
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return None;
    }
    let value = Decimal::from_str(cleaned).ok()?;
    Some(Figure::Number { value, qualifier })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, unit: Unit, printed: &str) {
        let f = Figure::parse_value(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(f.display(unit, None), printed, "{input}");
        assert_eq!(
            Figure::parse_value(&f.to_entry()).expect("round trip"),
            f,
            "{input}"
        );
    }

    #[test]
    fn prints_figures_as_the_seed_does() {
        check("48.3%", Unit::Percent, "48.3%");
        check("56%", Unit::Percent, "56%");
        check("1,372", Unit::Count, "1,372");
        check("83% (KS2)", Unit::Percent, "83% (KS2)");
        check("Refer comment", Unit::Percent, "Refer comment");
        check("New Indicator", Unit::Count, "New Indicator");
        check("TBC", Unit::Percent, "TBC");
        check("-0.5", Unit::Number, "-0.5");
        check("24.0", Unit::Percent, "24.0%");
        check("29.2", Unit::RatePer10000, "29.2 per 10,000");
    }

    #[test]
    fn keeps_states_as_states() {
        for (t, s) in [
            ("Refer to comment", SpecialState::ReferToComment),
            ("refer comment", SpecialState::ReferToComment),
            ("No target", SpecialState::NoTarget),
            ("n/a", SpecialState::NotApplicable),
            ("Placeholder", SpecialState::Placeholder),
        ] {
            assert!(
                matches!(Figure::parse(t), Ok(Figure::State { state, .. }) if state == s),
                "{t}"
            );
        }
    }

    #[test]
    fn a_sentence_is_kept_as_refer_to_comment() {
        let s = "The Single Work Assessment measure is now expected to be implemented April 2013.";
        let f = Figure::parse_value(s).expect("sentence");
        assert_eq!(f.display(Unit::Percent, None), s);
        assert!(Figure::parse(s).is_err(), "targets refuse sentences");
        assert!(
            Figure::parse_value("12x").is_err(),
            "a short typo is an error, not a sentence"
        );
        let t =
            Figure::parse_target("To re-establish baseline in 2012/13 Reduction").expect("target");
        assert!(matches!(
            t,
            Figure::State {
                state: SpecialState::Baseline,
                ..
            }
        ));
        assert_eq!(
            t.display(Unit::Count, None),
            "To re-establish baseline in 2012/13 Reduction"
        );
    }

    #[test]
    fn fixed_decimals_round_half_up() {
        let f = Figure::parse("8.25").expect("n");
        assert_eq!(f.display(Unit::Percent, Some(1)), "8.3%");
        assert_eq!(
            Figure::parse("56")
                .expect("n")
                .display(Unit::Percent, Some(1)),
            "56.0%"
        );
    }
}
