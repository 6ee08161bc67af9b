//! Number formatting and rounding, in one place so every report rounds the same way.
//!
//! Rounding is half away from zero ("half up" as councils learn it), never banker's rounding.

use rust_decimal::{Decimal, RoundingStrategy};

mod inert;
mod read;
mod style;

pub use inert::inert;
pub use read::{Kind, Reading, read_date, read_printed, stands_in_for_figure};
pub use style::{Negatives, NumberStyle, places};

/// Text as it can be printed: control characters, which no font can show and which PDF/UA and
/// Word's XML refuse, are removed; a tab becomes a space and a line break stays (`\r\n` as `\n`).
/// A manager's pasted commentary must never stop a report being produced.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Rounds to `dp` places, halves away from zero: 8.25 → 8.3, -0.5 → -1.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Drops trailing zeros after the point: `56.0` → `56`, `48.30` → `48.3`.
pub fn trim_scale(value: Decimal) -> Decimal {
    value.normalize()
}

/// `8071` → `8,071`; `-10075` → `-10,075`; `1234.5` → `1,234.5`.
pub fn group_thousands(value: Decimal) -> String {
    let s = value.to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Money in £'000 as budget statements print it: `8,071`, `-123`.
pub fn money(value: Decimal) -> String {
    group_thousands(trim_scale(value))
}

/// A variance as the seeds print it: an overspend (negative) in brackets, `(20)`; otherwise `45`.
pub fn variance(value: Decimal) -> String {
    if value < Decimal::ZERO {
        format!("({})", money(-value))
    } else {
        money(value)
    }
}

/// `part` as a percentage of `whole`, rounded half up to `dp` places; `None` when `whole` is zero.
pub fn percentage(part: Decimal, whole: Decimal, dp: u32) -> Option<Decimal> {
    percentage_by(part, whole, dp, Rounding::HalfUp)
}

/// `part` as a percentage of `whole`, rounded to `dp` places by `rounding`; `None` when `whole`
/// is zero.
pub fn percentage_by(
    part: Decimal,
    whole: Decimal,
    dp: u32,
    rounding: Rounding,
) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    Some(rounding.round(part * Decimal::ONE_HUNDRED / whole, dp))
}

/// How a council rounds the percentages it publishes: some print 62.9% as 63%, some as 62%.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Half away from zero: 62.5 → 63 (the default, and the seeds' practice).
    #[default]
    HalfUp,
    /// Half to the even neighbour: 62.5 → 62, 63.5 → 64 (banker's rounding).
    HalfEven,
    /// Towards zero: 62.9 → 62.
    Down,
}

impl Rounding {
    pub const ALL: [Rounding; 3] = [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down];

    pub fn code(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half_up",
            Rounding::HalfEven => "half_even",
            Rounding::Down => "down",
        }
    }

    pub fn parse(text: &str) -> Result<Rounding, crate::DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Rounding::ALL
            .into_iter()
            .find(|r| r.code() == t)
            .ok_or_else(|| crate::DomainError::NotOneOf(text.into(), "half_up, half_even, down"))
    }

    pub fn round(self, value: Decimal, dp: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
        };
        value.round_dp_with_strategy(dp, strategy)
    }

    /// The rule in words, as a report states it.
    pub fn words(self, dp: u32) -> String {
        let places = match dp {
            0 => "whole numbers".to_string(),
            1 => "one decimal place".to_string(),
            n => format!("{n} decimal places"),
        };
        match self {
            Rounding::HalfUp => format!("Percentages are rounded to {places}, halves upwards."),
            Rounding::HalfEven => {
                format!("Percentages are rounded to {places}, halves to the even figure.")
            }
            Rounding::Down => format!("Percentages are rounded down to {places}."),
        }
    }
}

/// Parses an amount in £'000 as typed or printed: `8,071`, `-123`, `(20)`.
pub fn parse_money(text: &str) -> Result<Decimal, crate::DomainError> {
    let bad = || crate::DomainError::BadMoney(text.to_string());
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, t),
    };
    let cleaned: String = body.chars().filter(|c| *c != ',' && *c != '£').collect();
    let v: Decimal = cleaned.trim().parse().map_err(|_| bad())?;
    if negative && v < Decimal::ZERO {
        return Err(bad());
    }
    Ok(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn groups_and_brackets_like_the_seed() {
        assert_eq!(money(d("8071")), "8,071");
        assert_eq!(money(d("-10075")), "-10,075");
        assert_eq!(money(d("15554")), "15,554");
        assert_eq!(money(d("123")), "123");
        assert_eq!(money(d("1000000")), "1,000,000");
        assert_eq!(variance(d("-20")), "(20)");
        assert_eq!(variance(d("338")), "338");
        assert_eq!(variance(d("0")), "0");
    }

    #[test]
    fn percentages_round_half_up() {
        // 19 of 30 is 63.33…%: the 2011/12 complaints report printed 64%.
        assert_eq!(percentage(d("19"), d("30"), 0), Some(d("63")));
        assert_eq!(percentage(d("1"), d("8"), 1), Some(d("12.5")));
        assert_eq!(percentage(d("1"), d("16"), 1), Some(d("6.3")));
        assert_eq!(percentage(d("1"), d("0"), 1), None);
        // 62.9% and 62.5%, by each rule.
        let p = |n: &str, w: &str, r| percentage_by(d(n), d(w), 0, r).expect("a share of 1000");
        assert_eq!(p("629", "1000", Rounding::HalfUp), d("63"));
        assert_eq!(p("629", "1000", Rounding::Down), d("62"));
        assert_eq!(p("625", "1000", Rounding::HalfEven), d("62"));
        assert_eq!(p("635", "1000", Rounding::HalfEven), d("64"));
        assert_eq!(p("625", "1000", Rounding::HalfUp), d("63"));
        assert_eq!(
            Rounding::parse("Half even").expect("a rule"),
            Rounding::HalfEven
        );
        assert!(Rounding::parse("up").is_err());
    }

    #[test]
    fn parses_money_forms() {
        assert_eq!(parse_money("(20)").expect("m"), d("-20"));
        assert_eq!(parse_money("-10,075").expect("m"), d("-10075"));
        assert_eq!(parse_money(" 8,071 ").expect("m"), d("8071"));
        assert!(parse_money("8.071.1").is_err());
        assert!(parse_money("(-5)").is_err());
    }

    proptest! {
        #[test]
        fn grouping_round_trips(n in -10_000_000_000i64..10_000_000_000) {
            let v = Decimal::from(n);
            prop_assert_eq!(parse_money(&money(v)).expect("parse"), v);
            prop_assert_eq!(parse_money(&variance(v)).expect("parse"), v);
        }
    }

    #[test]
    fn printable_drops_control_characters_and_keeps_lines() {
        assert_eq!(printable("a\u{7}b\u{0}c"), "abc");
        assert_eq!(printable("one\r\ntwo\tthree\u{85}"), "one\ntwo three");
        assert!(matches!(
            printable("plain £ ✔ 😀"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #[test]
        fn printable_text_has_no_control_characters_and_is_stable(text in "[\\x00-\\x{9f}ab£😀]*|.*") {
            let once = printable(&text).into_owned();
            proptest::prop_assert!(once.chars().all(|c| c == '\n' || !c.is_control()));
            proptest::prop_assert_eq!(printable(&once).into_owned(), once.clone());
        }
    }
}
