//! How often an indicator's figure is due: a measure reported once a year has no figure "missing"
//! in Quarter 2; it is not due, and says so in the council's words for that state.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::period::Quarter;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    /// Every quarter (the default).
    #[default]
    Quarterly,
    /// At the half year and the year end (Q2, Q4).
    HalfYearly,
    /// At the year end only (Q4).
    Annual,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [
        Frequency::Quarterly,
        Frequency::HalfYearly,
        Frequency::Annual,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half_yearly",
            Frequency::Annual => "annual",
        }
    }

    pub fn parse(text: &str) -> Result<Frequency, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let t = match t.as_str() {
            "annually" | "yearly" => "annual",
            "six_monthly" | "half_year" => "half_yearly",
            other => other,
        };
        Frequency::ALL
            .into_iter()
            .find(|f| f.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), "quarterly, half_yearly, annual"))
    }

    /// Whether a figure is due for `quarter`.
    pub fn due_in(self, quarter: Quarter) -> bool {
        match self {
            Frequency::Quarterly => true,
            Frequency::HalfYearly => matches!(quarter, Quarter::Q2 | Quarter::Q4),
            Frequency::Annual => quarter == Quarter::Q4,
        }
    }

    /// "reported annually", as a reason is worded.
    pub fn words(self) -> &'static str {
        match self {
            Frequency::Quarterly => "reported quarterly",
            Frequency::HalfYearly => "reported at the half year and the year end",
            Frequency::Annual => "reported annually, at the year end",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_due_only_in_the_quarters_its_frequency_names() {
        let due = |f: Frequency| {
            [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4]
                .into_iter()
                .filter(|q| f.due_in(*q))
                .count()
        };
        assert_eq!(due(Frequency::Quarterly), 4);
        assert_eq!(due(Frequency::HalfYearly), 2);
        assert_eq!(due(Frequency::Annual), 1);
        assert!(Frequency::Annual.due_in(Quarter::Q4));
        assert_eq!(Frequency::parse("Annually").unwrap(), Frequency::Annual);
        assert_eq!(
            Frequency::parse("six-monthly").unwrap(),
            Frequency::HalfYearly
        );
        assert!(Frequency::parse("monthly").is_err());
    }
}
