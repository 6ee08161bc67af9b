//! One number style per document: how negatives, figures and dates are printed, declared once
//! and used by every builder, so a document never prints `-123` beside `(20)` or `2012-06-30`
//! beside `30 June 2012`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::figure::{Figure, Unit};
use crate::format::money;

/// How a negative number is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Negatives {
    /// `(123)`: the accountants' convention, and the seeds' for variances (overspends).
    #[default]
    Brackets,
    /// `-123`.
    Minus,
}

impl Negatives {
    pub const WORDS: &'static str = "brackets, minus";

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "brackets" | "bracket" | "()" => Ok(Negatives::Brackets),
            "minus" | "-" => Ok(Negatives::Minus),
            _ => Err(DomainError::NotOneOf(text.to_string(), Self::WORDS)),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Negatives::Brackets => "brackets",
            Negatives::Minus => "minus",
        }
    }
}

/// The document's number style. Percentages keep the places their indicator declares
/// ([`places`] when it declares none), so one indicator prints alike in every column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberStyle {
    pub negatives: Negatives,
}

impl NumberStyle {
    pub fn new(negatives: Negatives) -> Self {
        NumberStyle { negatives }
    }

    /// Money in £'000: `8,071`, and `(123)` or `-123`.
    pub fn money(&self, value: Decimal) -> String {
        self.signed(value, money)
    }

    /// A figure as `Figure::display` prints it, its sign in the document's style: `(13%)`.
    pub fn figure(&self, figure: &Figure, unit: Unit, decimals: Option<u32>) -> String {
        match figure {
            Figure::Number { value, qualifier } if *value < Decimal::ZERO => {
                let positive = Figure::Number {
                    value: -*value,
                    qualifier: None,
                };
                let shown = positive.display(unit, decimals);
                let mut s = match self.negatives {
                    Negatives::Brackets => format!("({shown})"),
                    Negatives::Minus => format!("-{shown}"),
                };
                if let Some(q) = qualifier {
                    s.push(' ');
                    s.push_str(q);
                }
                s
            }
            f => f.display(unit, decimals),
        }
    }

    /// A date in words, the only form a report prints: "30 June 2012".
    pub fn date(&self, date: NaiveDate) -> String {
        crate::period::long_date(date)
    }

    fn signed(&self, value: Decimal, print: impl Fn(Decimal) -> String) -> String {
        match self.negatives {
            Negatives::Brackets if value < Decimal::ZERO => format!("({})", print(-value)),
            _ => print(value),
        }
    }
}

/// The places to print an indicator's figures at when it declares none: the most any of its
/// figures was entered with, so `24` and `23.0` both print as `24.0%` and `23.0%`.
pub fn places<'a>(figures: impl IntoIterator<Item = &'a Figure>) -> Option<u32> {
    figures
        .into_iter()
        .filter_map(Figure::as_number)
        .map(|v| v.scale())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn f(s: &str) -> Figure {
        Figure::parse(s).expect("figure")
    }

    #[test]
    fn one_style_for_every_negative() {
        let brackets = NumberStyle::new(Negatives::Brackets);
        let minus = NumberStyle::new(Negatives::Minus);
        assert_eq!(brackets.money(d("-10075")), "(10,075)");
        assert_eq!(brackets.money(d("-20")), "(20)");
        assert_eq!(brackets.money(d("338")), "338");
        assert_eq!(minus.money(d("-10075")), "-10,075");
        assert_eq!(minus.money(d("-20")), "-20");
        assert_eq!(minus.money(d("0")), "0");
        assert_eq!(brackets.figure(&f("-13"), Unit::Percent, Some(0)), "(13%)");
        assert_eq!(minus.figure(&f("-13"), Unit::Percent, Some(0)), "-13%");
        assert_eq!(
            brackets.figure(&f("-0.5 (KS2)"), Unit::Number, Some(1)),
            "(0.5) (KS2)"
        );
        assert_eq!(brackets.figure(&f("48.3"), Unit::Percent, Some(1)), "48.3%");
        assert_eq!(brackets.figure(&f("TBC"), Unit::Percent, Some(1)), "TBC");
    }

    #[test]
    fn what_the_style_prints_reads_back() {
        for style in [Negatives::Brackets, Negatives::Minus].map(NumberStyle::new) {
            for v in ["-10075", "-20", "0", "8071"] {
                assert_eq!(
                    crate::format::parse_money(&style.money(d(v))).expect("money"),
                    d(v)
                );
            }
            let printed = style.figure(&f("-13.5"), Unit::Percent, Some(1));
            let read = crate::format::read_printed(&printed).expect("reads");
            assert_eq!((read.value, read.decimals), (d("-13.5"), 1), "{printed}");
        }
    }

    #[test]
    fn dates_are_always_in_words() {
        let date = NaiveDate::from_ymd_opt(2012, 6, 30).expect("date");
        assert_eq!(NumberStyle::default().date(date), "30 June 2012");
    }

    #[test]
    fn places_are_the_most_any_figure_was_entered_with() {
        let figures = [f("24"), f("23.0"), f("TBC"), f("22.55")];
        assert_eq!(places(&figures), Some(2));
        assert_eq!(places(&[f("24"), f("23.0")]), Some(1));
        assert_eq!(places(&[f("N/A")]), None);
        assert_eq!(
            places(&[f("24"), f("23.0")]).map(|p| f("24").display(Unit::Percent, Some(p))),
            Some("24.0%".into())
        );
    }

    #[test]
    fn negatives_setting_words() {
        assert_eq!(Negatives::parse("Minus"), Ok(Negatives::Minus));
        assert_eq!(Negatives::parse("brackets"), Ok(Negatives::Brackets));
        assert!(Negatives::parse("red").is_err());
        assert_eq!(Negatives::default(), Negatives::Brackets);
    }
}
