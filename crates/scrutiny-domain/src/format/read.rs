//! A printed figure read back into its number: the exact inverse of this module's formatting, so
//! a spreadsheet can hold `48.3%` as the number 0.483 formatted `0.0%` and every writer types a
//! cell the same way.
//!
//! Why read the printed text rather than carry typed values in the report document: every cell
//! of the document is already formatted by these functions, in dozens of builders; reading it back
//! here, strictly, types every table (the ones a builder will add tomorrow too) without a second
//! path for the same figure that could print differently from the report.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::SpecialState;

/// What kind of figure a printed number is, which decides its spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `8,071`, `-0.5`, `1372`.
    Number,
    /// `48.3%`: `value` is 48.3, as printed.
    Percent,
    /// `29.2 per 10,000`.
    RatePer10000,
    /// `(20)`: a negative amount in brackets, as variances print.
    Bracketed,
}

/// A printed figure read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The number as printed (48.3 for `48.3%`, -20 for `(20)`).
    pub value: Decimal,
    pub kind: Kind,
    /// Places printed after the point.
    pub decimals: u32,
    /// The figure's own part of the text (`83%` of `83% (KS2)`).
    pub figure: String,
    /// What followed the figure (`(KS2)`, `(11/12 actual)`), if anything.
    pub note: Option<String>,
}

/// Reads a figure as `Figure::display`, `money`, `variance`, `group_thousands` or `to_string`
/// print one, with any bracketed qualifier after it (`(KS2)`), which a word or two may follow
/// (`(2012 results), provisional`); `None` for anything else (words, states, `fewer than 5`,
/// `2011/12`, `18+`, a sentence that starts with a figure). Strict on purpose: text that merely
/// starts with a digit stays text.
pub fn read_printed(text: &str) -> Option<Reading> {
    let t = text.trim();
    let (figure, note) = match t.find(" (") {
        Some(i) if qualifier(&t[i + 1..]) => (&t[..i], Some(t[i + 1..].to_string())),
        _ => (t, None),
    };
    // A negative in brackets, as a document styled so prints every negative: `(20)`, `(13%)`.
    if let Some(inner) = figure.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let r = read_printed(inner).filter(|r| r.note.is_none())?;
        if r.value <= Decimal::ZERO || inner.starts_with('-') {
            return None;
        }
        return Some(Reading {
            value: -r.value,
            kind: if r.kind == Kind::Number {
                Kind::Bracketed
            } else {
                r.kind
            },
            decimals: r.decimals,
            figure: figure.to_string(),
            note,
        });
    }
    let (body, kind) = if let Some(b) = figure.strip_suffix('%') {
        (b, Kind::Percent)
    } else if let Some(b) = figure.strip_suffix(" per 10,000") {
        (b, Kind::RatePer10000)
    } else {
        (figure, Kind::Number)
    };
    let (value, decimals) = read_plain(body)?;
    Some(Reading {
        value,
        kind,
        decimals,
        figure: figure.to_string(),
        note,
    })
}

/// Bracketed words, then nothing or a comma and up to three words without figures.
fn qualifier(note: &str) -> bool {
    let Some(close) = note.rfind(')') else {
        return false;
    };
    let tail = &note[close + 1..];
    tail.is_empty()
        || tail.strip_prefix(", ").is_some_and(|words| {
            words.split(' ').count() <= 3 && words.chars().all(|c| c.is_alphabetic() || c == ' ')
        })
}

/// `-1,234.50` → (-1234.50, 2). Commas must group thousands exactly as `group_thousands` does,
/// or not at all.
fn read_plain(text: &str) -> Option<(Decimal, u32)> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let grouped_well = groups.iter().enumerate().all(|(i, g)| {
        let len_ok = if i == 0 {
            (1..=3).contains(&g.len()) || groups.len() == 1
        } else {
            g.len() == 3
        };
        len_ok && !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())
    });
    if !grouped_well || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let plain = text.replace(',', "");
    let value: Decimal = plain.parse().ok()?;
    Some((value, frac.map_or(0, |f| f.len() as u32)))
}

/// A date as the reports print it: `2018-03-30`, or `30 June 2012`.
pub fn read_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == t)
        .or_else(|| {
            NaiveDate::parse_from_str(t, "%d %B %Y")
                .ok()
                .filter(|d| d.format("%-d %B %Y").to_string() == t)
        })
}

/// Words printed where a figure would be: a special state (`N/A`, `TBC`, `Refer comment`, with
/// or without a bracketed remark), a dash, a suppressed count (`fewer than 5`, `<5`, `*`), `Not
/// yet due`. A column of figures holding only these besides numbers is still a column of figures.
pub fn stands_in_for_figure(text: &str) -> bool {
    let t = text.trim();
    let head = match t.find(" (") {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    let lower = head.to_ascii_lowercase();
    let suppressed = |rest: &str| rest.trim().parse::<u64>().is_ok();
    SpecialState::recognise(head).is_some()
        || matches!(
            lower.as_str(),
            "-" | "–" | "—" | "*" | "not yet due" | "nil"
        )
        || lower.strip_prefix("fewer than ").is_some_and(suppressed)
        || lower.strip_prefix('<').is_some_and(suppressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{group_thousands, money, variance};
    use crate::{Figure, Unit};
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn read(t: &str) -> (Decimal, Kind, u32, Option<String>) {
        let r = read_printed(t).unwrap_or_else(|| panic!("{t} should read"));
        (r.value, r.kind, r.decimals, r.note)
    }

    #[test]
    fn reads_what_the_reports_print() {
        assert_eq!(read("8,071"), (d("8071"), Kind::Number, 0, None));
        assert_eq!(read("-10,075"), (d("-10075"), Kind::Number, 0, None));
        assert_eq!(read("(20)"), (d("-20"), Kind::Bracketed, 0, None));
        assert_eq!(read("48.3%"), (d("48.3"), Kind::Percent, 1, None));
        assert_eq!(read("56.0%"), (d("56.0"), Kind::Percent, 1, None));
        assert_eq!(read("1284"), (d("1284"), Kind::Number, 0, None));
        assert_eq!(
            read("29.2 per 10,000"),
            (d("29.2"), Kind::RatePer10000, 1, None)
        );
        assert_eq!(
            read("83% (KS2)"),
            (d("83"), Kind::Percent, 0, Some("(KS2)".into()))
        );
        assert_eq!(
            read("63.3 (rolling quarterly average) (10/11 actual)").3,
            Some("(rolling quarterly average) (10/11 actual)".into())
        );
        assert_eq!(read_printed("83% (KS2)").expect("r").figure, "83%");
        // Words after the bracket, as an officer's target cell holds them.
        assert_eq!(
            read("42.9% (2012 results), provisional"),
            (
                d("42.9"),
                Kind::Percent,
                1,
                Some("(2012 results), provisional".into())
            )
        );
    }

    #[test]
    fn leaves_words_and_near_numbers_alone() {
        for t in [
            "",
            "N/A",
            "-",
            "fewer than 5",
            "*",
            "2011/12",
            "18+",
            "1,2",
            "12,34",
            "1.",
            ".5",
            "+5",
            "1e5",
            "(-5)",
            "(0)",
            "12x",
            "1,000,00",
            "Q1",
            "=1+2",
            "-1+2",
            "5 %",
            "TBC",
            "3 (unclosed",
            "3 staff (trained)",
            "53.0 (rolling) against a target of 56.3 (rolling): met.",
            "5 (a), b (c) and 7",
        ] {
            assert_eq!(read_printed(t), None, "{t}");
        }
    }

    #[test]
    fn stand_ins_for_figures() {
        for t in [
            "N/A",
            "-",
            "fewer than 5",
            "<5",
            "*",
            "Not yet due",
            "Refer comment",
            "New indicator",
            "TBC (proposed; was 45.0%)",
        ] {
            assert!(stands_in_for_figure(t), "{t}");
        }
        for t in ["Staff", "CFS LI03 SCS CYP08", "Parent/guardian", "18+"] {
            assert!(!stands_in_for_figure(t), "{t}");
        }
    }

    #[test]
    fn reads_dates_as_printed() {
        let day = NaiveDate::from_ymd_opt(2012, 6, 30);
        assert_eq!(read_date("2012-06-30"), day);
        assert_eq!(read_date("30 June 2012"), day);
        assert_eq!(read_date("2012-6-30"), None);
        assert_eq!(read_date("June 2012"), None);
        assert_eq!(read_date("2012/13"), None);
    }

    fn units() -> impl Strategy<Value = Unit> {
        prop_oneof![
            Just(Unit::Percent),
            Just(Unit::Count),
            Just(Unit::Days),
            Just(Unit::RatePer10000),
            Just(Unit::Number),
            Just(Unit::Ratio),
        ]
    }

    proptest! {
        /// Formatting then reading gives the number back, with its kind and places.
        #[test]
        fn format_then_read_gives_the_number_back(
            mantissa in -10_000_000_000i64..10_000_000_000,
            scale in 0u32..5,
            unit in units(),
            dp in proptest::option::of(0u32..4),
        ) {
            let v = Decimal::new(mantissa, scale);
            let printed = Figure::number(v).display(unit, dp);
            let r = read_printed(&printed).expect("reads");
            let shown = match dp {
                Some(dp) => crate::format::round_half_up(v, dp),
                None => v,
            };
            prop_assert_eq!(r.value, shown);
            prop_assert_eq!(r.decimals, dp.unwrap_or(v.scale()));
            let kind = match unit {
                Unit::Percent => Kind::Percent,
                Unit::RatePer10000 => Kind::RatePer10000,
                _ => Kind::Number,
            };
            prop_assert_eq!(r.kind, kind);
            prop_assert_eq!(r.note, None);
            for printed in [money(v), variance(v), group_thousands(v), v.to_string()] {
                let r = read_printed(&printed).expect("reads");
                prop_assert_eq!(r.value, v, "{}", printed);
            }
        }
    }
}
