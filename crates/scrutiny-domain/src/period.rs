//! Financial years, quarters and academic years.
//!
//! English councils run 1 April – 31 March; Q1 is April–June. Attainment follows the academic year
//! (September–August). Every date here is passed in: nothing reads the clock.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::DomainError;

/// A financial year, named by the calendar year it starts in: `FinancialYear(2012)` is 2012/13.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FinancialYear(pub i32);

impl FinancialYear {
    /// Parses `2012/13`, `2012-13`, `2012/2013` or `2012-2013`.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let bad = || DomainError::BadYear(text.to_string());
        let t = text.trim();
        let (a, b) = t.split_once(['/', '-']).ok_or_else(bad)?;
        let start: i32 = a.trim().parse().map_err(|_| bad())?;
        let end: i32 = b.trim().parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&start) {
            return Err(bad());
        }
        let expected_end = start + 1;
        let ok = match b.trim().len() {
            2 => end == expected_end % 100,
            4 => end == expected_end,
            _ => false,
        };
        if ok {
            Ok(FinancialYear(start))
        } else {
            Err(bad())
        }
    }

    /// The financial year a date falls in.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            FinancialYear(date.year())
        } else {
            FinancialYear(date.year() - 1)
        }
    }

    pub fn start(self) -> NaiveDate {
        ymd(self.0, 4, 1)
    }

    pub fn end(self) -> NaiveDate {
        ymd(self.0 + 1, 3, 31)
    }

    pub fn previous(self) -> Self {
        FinancialYear(self.0 - 1)
    }

    pub fn next(self) -> Self {
        FinancialYear(self.0 + 1)
    }

    /// `12/13`, as report column headings print it ("12/13 Target").
    pub fn short(self) -> String {
        format!("{:02}/{:02}", self.0 % 100, (self.0 + 1) % 100)
    }
}

impl fmt::Display for FinancialYear {
    /// `2012/13`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

/// Quarter of a financial year: Q1 = April–June … Q4 = January–March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Quarter {
    Q1,
    Q2,
    Q3,
    Q4,
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim().to_ascii_uppercase().as_str() {
            "Q1" | "1" => Ok(Quarter::Q1),
            "Q2" | "2" => Ok(Quarter::Q2),
            "Q3" | "3" => Ok(Quarter::Q3),
            "Q4" | "4" => Ok(Quarter::Q4),
            _ => Err(DomainError::BadQuarter(text.to_string())),
        }
    }

    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Quarter::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// Word used in report prose: "first", "second"…
    pub fn ordinal_word(self) -> &'static str {
        ["first", "second", "third", "fourth"][self as usize]
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{}", self.number())
    }
}

/// One quarter of one financial year: the unit of quarterly monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: FinancialYear,
    pub quarter: Quarter,
}

impl Period {
    pub fn new(year: FinancialYear, quarter: Quarter) -> Self {
        Period { year, quarter }
    }

    /// Parses `2012/13 Q1` (the CLI's way of naming a quarter).
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let bad = || DomainError::BadPeriod(text.to_string());
        let mut parts = text.split_whitespace();
        let year = FinancialYear::parse(parts.next().ok_or_else(bad)?).map_err(|_| bad())?;
        let quarter = Quarter::parse(parts.next().ok_or_else(bad)?).map_err(|_| bad())?;
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Period { year, quarter })
    }

    pub fn start(self) -> NaiveDate {
        let (y, m) = self.start_month();
        ymd(y, m, 1)
    }

    pub fn end(self) -> NaiveDate {
        let (y, m) = self.start_month();
        let (ny, nm) = if m + 3 > 12 {
            (y + 1, m + 3 - 12)
        } else {
            (y, m + 3)
        };
        ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
    }

    fn start_month(self) -> (i32, u32) {
        match self.quarter {
            Quarter::Q1 => (self.year.0, 4),
            Quarter::Q2 => (self.year.0, 7),
            Quarter::Q3 => (self.year.0, 10),
            Quarter::Q4 => (self.year.0 + 1, 1),
        }
    }

    /// The quarter a date falls in.
    pub fn containing(date: NaiveDate) -> Self {
        let quarter = match date.month() {
            4..=6 => Quarter::Q1,
            7..=9 => Quarter::Q2,
            10..=12 => Quarter::Q3,
            _ => Quarter::Q4,
        };
        Period {
            year: FinancialYear::containing(date),
            quarter,
        }
    }

    /// The same quarter a year earlier: what direction of travel compares with.
    pub fn same_period_last_year(self) -> Self {
        Period {
            year: self.year.previous(),
            quarter: self.quarter,
        }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Self {
        match self.quarter {
            Quarter::Q1 => Period {
                year: self.year.previous(),
                quarter: Quarter::Q4,
            },
            q => Period {
                year: self.year,
                quarter: Quarter::from_number(q.number() - 1).unwrap_or(Quarter::Q1),
            },
        }
    }

    /// Whether risk and equality sections are printed in full (Q2 and Q4) or only by exception.
    pub fn is_half_year_point(self) -> bool {
        matches!(self.quarter, Quarter::Q2 | Quarter::Q4)
    }

    /// "Quarter 1, Period 1 April 2012 – 30 June 2012", as the seeds print it.
    pub fn reporting_period_label(self) -> String {
        format!(
            "Quarter {}, Period {} – {}",
            self.quarter.number(),
            long_date(self.start()),
            long_date(self.end())
        )
    }
}

impl fmt::Display for Period {
    /// `2012/13 Q1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.year, self.quarter)
    }
}

/// An academic year, named by the calendar year it starts in (September).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 9 {
            AcademicYear(date.year())
        } else {
            AcademicYear(date.year() - 1)
        }
    }

    pub fn start(self) -> NaiveDate {
        ymd(self.0, 9, 1)
    }

    pub fn end(self) -> NaiveDate {
        ymd(self.0 + 1, 8, 31)
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

/// A month's name: 1 is "January".
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or_default()
}

/// "1 April 2012".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// Parses `2012-06-30`, `30/06/2012` or `30 June 2012`, refusing forms that read two ways.
pub fn parse_date(text: &str) -> Result<NaiveDate, DomainError> {
    let t = text.trim();
    if ambiguous_date(t).is_some() {
        return Err(DomainError::BadDate(text.to_string()));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d %B %Y"))
        .map_err(|_| DomainError::BadDate(text.to_string()))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a written date could be misread, if it could. Accepted: `2012-04-03`, `3 April 2012`
/// (or `3 Apr 2012`), and `d/m/yyyy` where only the UK reading is a date (`23/04/2012`) or both
/// readings agree (`04/04/2012`). Refused: a two-digit year (1912 or 2012?), and `d/m/yyyy` with
/// day and month both 12 or less (`03/04/2012` is 3 April in the UK, 4 March in the US).
pub fn ambiguous_date(text: &str) -> Option<String> {
    let t = text.trim();
    let parts: Vec<&str> = t
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [first, second, last] = parts[..] else {
        return None;
    };
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let year = if first.len() == 4 { first } else { last };
    if digits(year) && year.len() <= 2 {
        return Some(format!(
            "'{t}' has a two-digit year, which could be in either century; write the year in \
             full, as 2012-04-03 or 3 April 2012"
        ));
    }
    let (Ok(day), Ok(month)) = (first.parse::<usize>(), second.parse::<usize>()) else {
        return None;
    };
    if first.len() <= 2 && (1..=12).contains(&day) && (1..=12).contains(&month) && day != month {
        let name = |m: usize| MONTHS.get(m - 1).copied().unwrap_or_default();
        return Some(format!(
            "'{t}' is {day} {} in UK order but {month} {} in US order; write it as \
             yyyy-mm-dd (2012-04-03) or with the month in words (3 April 2012)",
            name(month),
            name(day)
        ));
    }
    None
}

// Only called with month/day constants that exist for every year.
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).expect("test date")
    }

    #[test]
    fn dates_that_read_two_ways_are_refused() {
        for ok in [
            "2012-04-03",
            "23/04/2012",
            "04/04/2012",
            "3 April 2012",
            "3 Apr 2012",
        ] {
            assert!(ambiguous_date(ok).is_none(), "{ok}");
            assert!(parse_date(ok).is_ok(), "{ok}");
        }
        assert_eq!(date("23/04/2012"), date("2012-04-23"));
        assert_eq!(date("3 Apr 2012"), date("2012-04-03"));
        for bad in ["03/04/2012", "3/4/2012", "23/04/12", "3 Apr 12", "12-04-03"] {
            assert!(ambiguous_date(bad).is_some(), "{bad}");
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        let why = ambiguous_date("03/04/2012").unwrap_or_default();
        assert!(
            why.contains("3 April in UK order but 4 March in US order"),
            "{why}"
        );
    }

    #[test]
    fn parses_year_forms() {
        for t in ["2012/13", "2012-13", "2012/2013", " 2012-2013 "] {
            assert_eq!(
                FinancialYear::parse(t).expect(t),
                FinancialYear(2012),
                "{t}"
            );
        }
        assert_eq!(
            FinancialYear::parse("1999/00").expect("century"),
            FinancialYear(1999)
        );
        for t in ["2012/14", "2012", "12/13", "2012/1", "abc/de", ""] {
            assert!(FinancialYear::parse(t).is_err(), "{t} should be refused");
        }
    }

    #[test]
    fn quarter_dates_match_the_seed() {
        let p = Period::parse("2012/13 Q1").expect("period");
        assert_eq!(
            p.reporting_period_label(),
            "Quarter 1, Period 1 April 2012 – 30 June 2012"
        );
        let q3 = Period::parse("2009/10 Q3").expect("period");
        assert_eq!(q3.end(), date("2009-12-31"));
        let q4 = Period::parse("2012/13 Q4").expect("period");
        assert_eq!(
            (q4.start(), q4.end()),
            (date("2013-01-01"), date("2013-03-31"))
        );
    }

    #[test]
    fn same_period_last_year_and_previous() {
        let p = Period::parse("2012/13 Q1").expect("period");
        assert_eq!(p.same_period_last_year().to_string(), "2011/12 Q1");
        assert_eq!(p.previous().to_string(), "2011/12 Q4");
        assert_eq!(
            Period::parse("2012/13 Q3")
                .expect("p")
                .previous()
                .to_string(),
            "2012/13 Q2"
        );
    }

    #[test]
    fn academic_year_runs_september_to_august() {
        assert_eq!(
            AcademicYear::containing(date("2012-08-31")),
            AcademicYear(2011)
        );
        assert_eq!(
            AcademicYear::containing(date("2012-09-01")).to_string(),
            "2012/13"
        );
    }

    proptest! {
        #[test]
        fn every_date_is_inside_its_quarter(days in 0i64..40_000) {
            let d = date("1990-01-01") + chrono::Duration::days(days);
            let p = Period::containing(d);
            prop_assert!(p.start() <= d && d <= p.end());
            prop_assert!(p.year.start() <= d && d <= p.year.end());
            prop_assert_eq!(Period::parse(&p.to_string()).expect("round trip"), p);
        }

        #[test]
        fn quarters_tile_the_year(y in 1990i32..2100) {
            let year = FinancialYear(y);
            let mut next = year.start();
            for q in Quarter::ALL {
                let p = Period::new(year, q);
                prop_assert_eq!(p.start(), next);
                next = p.end().succ_opt().expect("next day");
            }
            prop_assert_eq!(next, year.next().start());
        }
    }
}
