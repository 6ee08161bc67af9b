//! The annual report's figures, counted from the case records: how many, how made, about what,
//! with what outcome, how quickly, and the compliments. Every count and percentage the report
//! prints comes from here, under rules the council declares ([`Rules`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{BankHolidays, CalendarError};
use crate::complaints::records::{Complaint, ComplaintsData};
use crate::format::{Rounding, percentage_by};
use crate::period::FinancialYear;

/// Which cases a year's outcomes and timeliness are counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Cases received in the year (how the seeds count complaints made).
    Received,
    /// Cases whose Stage 1 response or closure fell in the year.
    Closed,
}

impl Basis {
    pub fn words(self) -> &'static str {
        match self {
            Basis::Received => "complaints received in the year",
            Basis::Closed => "complaints closed (responded to at Stage 1) in the year",
        }
    }
}

/// The council's declared rules for its annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Cases counted for outcomes and timeliness.
    pub basis: Basis,
    /// Counts from 1 to one less than this are printed as "fewer than N" in anything published,
    /// so no child or family can be identified; 0 prints every count.
    pub suppress_below: u64,
    /// Decimal places of percentages.
    pub percent_dp: u32,
    /// How percentages are rounded to those places (half up, 63.5 → 64, unless declared).
    #[serde(default)]
    pub rounding: Rounding,
    /// How many earlier years to compare with (up to four).
    pub earlier_years: u8,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            basis: Basis::Received,
            suppress_below: 5,
            percent_dp: 0,
            rounding: Rounding::HalfUp,
            earlier_years: 3,
        }
    }
}

impl Rules {
    /// A count as printed: suppressed when small (but never zero, which identifies no one).
    pub fn count(&self, n: u64) -> String {
        if n > 0 && n < self.suppress_below {
            format!("fewer than {}", self.suppress_below)
        } else {
            n.to_string()
        }
    }

    /// A count's share as printed; suppressed with its count.
    pub fn percent(&self, n: u64, of: u64) -> String {
        if n > 0 && n < self.suppress_below {
            return "*".into();
        }
        self.share(n, of)
            .map(|p| format!("{p}%"))
            .unwrap_or_default()
    }

    /// `n` as a percentage of `of` by the declared places and rounding, unsuppressed (for a
    /// sentence's "9% increase"); `None` when `of` is zero.
    pub fn share(&self, n: u64, of: u64) -> Option<Decimal> {
        percentage_by(
            Decimal::from(n),
            Decimal::from(of),
            self.percent_dp,
            self.rounding,
        )
        .map(|p| p.normalize())
    }

    /// The report's years: this one first, then up to `earlier_years` before it.
    pub fn years(&self, year: FinancialYear) -> Vec<FinancialYear> {
        (0..=i32::from(self.earlier_years.min(4)))
            .map(|back| FinancialYear(year.0 - back))
            .collect()
    }
}

fn in_year(date: Option<NaiveDate>, year: FinancialYear) -> bool {
    date.is_some_and(|d| d >= year.start() && d <= year.end())
}

/// Cases of a kind received in the year.
pub fn received<'a>(
    data: &'a ComplaintsData,
    kind: &str,
    year: FinancialYear,
) -> Vec<&'a Complaint> {
    data.cases
        .iter()
        .filter(|c| c.kind == kind && in_year(c.received, year))
        .collect()
}

/// Cases of a kind counted for outcomes and timeliness under the basis.
pub fn counted<'a>(
    data: &'a ComplaintsData,
    kind: &str,
    year: FinancialYear,
    basis: Basis,
) -> Vec<&'a Complaint> {
    data.cases
        .iter()
        .filter(|c| c.kind == kind)
        .filter(|c| match basis {
            Basis::Received => in_year(c.received, year),
            Basis::Closed => in_year(c.stage1_responded.or(c.closed), year),
        })
        .collect()
}

/// The year's counts by kind as they stand on `on`, to be frozen as the published edition.
pub fn edition(
    data: &ComplaintsData,
    year: FinancialYear,
    on: NaiveDate,
) -> Vec<crate::complaints::records::Edition> {
    data.list("kind")
        .into_iter()
        .map(|k| crate::complaints::records::Edition {
            year,
            kind: k.code.clone(),
            count: received(data, &k.code, year).len() as i64,
            published_on: on,
        })
        .collect()
}

/// Counts by a list's codes, in the list's order, plus any code the list lacks (so nothing
/// recorded goes uncounted) and "Not recorded" for blanks.
pub fn breakdown(
    data: &ComplaintsData,
    list: &str,
    cases: &[&Complaint],
    field: impl Fn(&Complaint) -> Option<&str>,
) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, String, u64)> = data
        .list(list)
        .into_iter()
        .map(|i| (i.code.clone(), i.label.clone(), 0))
        .collect();
    let mut blank = 0;
    for c in cases {
        match field(c) {
            Some(code) => match rows.iter_mut().find(|r| r.0 == code) {
                Some(r) => r.2 += 1,
                None => rows.push((code.to_string(), code.to_string(), 1)),
            },
            None => blank += 1,
        }
    }
    let mut out: Vec<(String, u64)> = rows.into_iter().map(|(_, l, n)| (l, n)).collect();
    if blank > 0 {
        out.push(("Not recorded".into(), blank));
    }
    out
}

/// How quickly Stage 1 responses were made, in working days from receipt.
/// `within_20` counts every response within 20 days, so it includes `within_10` (cumulative, as
/// the seeds print it); `over_20` is the rest. Cases without a response are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timeliness {
    pub responded: u64,
    pub within_10: u64,
    pub within_20: u64,
    pub over_20: u64,
}

pub fn timeliness(
    cases: &[&Complaint],
    calendar: &BankHolidays,
) -> Result<Timeliness, CalendarError> {
    let mut t = Timeliness::default();
    for c in cases {
        // Stage 1's days run from its start: receipt, or the day a local stage passed it on.
        let (Some(from), Some(to)) = (c.stage1_started.or(c.received), c.stage1_responded) else {
            continue;
        };
        let days = calendar.working_days_between(from, to)?;
        t.responded += 1;
        if days <= 10 {
            t.within_10 += 1;
        }
        if days <= 20 {
            t.within_20 += 1;
        } else {
            t.over_20 += 1;
        }
    }
    Ok(t)
}

/// Change from last year's count to this year's, as printed: "30% increase", "19% decrease".
pub fn change(this: u64, last: u64, rules: &Rules) -> String {
    if last == 0 {
        return String::new();
    }
    let diff = this as i64 - last as i64;
    let p = rules.share(diff.unsigned_abs(), last).unwrap_or_default();
    match diff.signum() {
        1 => format!("{p}% increase"),
        -1 => format!("{p}% decrease"),
        _ => "no change".into(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn case(received: &str, responded: &str) -> Complaint {
        Complaint {
            reference: "x".into(),
            kind: "statutory".into(),
            received: Some(NaiveDate::parse_from_str(received, "%Y-%m-%d").unwrap()),
            stage1_responded: Some(NaiveDate::parse_from_str(responded, "%Y-%m-%d").unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn timeliness_is_cumulative_within_20() {
        let cal = BankHolidays::england_and_wales().unwrap();
        // Received Monday 3 July 2017: 10 working days is 17 July, 20 is 31 July.
        let cases = [
            case("2017-07-03", "2017-07-17"),
            case("2017-07-03", "2017-07-18"),
            case("2017-07-03", "2017-07-31"),
            case("2017-07-03", "2017-08-01"),
        ];
        let refs: Vec<&Complaint> = cases.iter().collect();
        let t = timeliness(&refs, &cal).unwrap();
        assert_eq!(
            t,
            Timeliness {
                responded: 4,
                within_10: 1,
                within_20: 3,
                over_20: 1
            }
        );
    }

    #[test]
    fn small_counts_are_suppressed_but_not_zero() {
        let r = Rules::default();
        assert_eq!(r.count(0), "0");
        assert_eq!(r.count(3), "fewer than 5");
        assert_eq!(r.count(5), "5");
        assert_eq!(r.percent(3, 30), "*");
        assert_eq!(r.percent(19, 30), "63%");
        let open = Rules {
            suppress_below: 0,
            ..r
        };
        assert_eq!(open.count(3), "3");
        assert_eq!(open.percent(1, 30), "3%");
    }

    #[test]
    fn percentages_follow_the_declared_rounding() {
        let down = Rules {
            rounding: Rounding::Down,
            suppress_below: 0,
            ..Rules::default()
        };
        // 22 of 35 is 62.857%: 63% half up, 62% rounded down.
        assert_eq!(Rules::default().percent(22, 35), "63%");
        assert_eq!(down.percent(22, 35), "62%");
        assert_eq!(change(57, 35, &down), "62% increase");
    }

    #[test]
    fn change_is_said_in_words() {
        let r = Rules::default();
        assert_eq!(change(30, 23, &r), "30% increase");
        assert_eq!(change(20, 10, &r), "100% increase");
        assert_eq!(change(8, 10, &r), "20% decrease");
        assert_eq!(change(5, 0, &r), "");
    }
}
