//! Working days: weekdays that are not bank holidays in England and Wales. Complaint deadlines
//! under the Children Act 1989 representations procedure are counted in them.
//!
//! The bank holidays are a table, shipped with the system (`data/bank-holidays.json`, in GOV.UK's
//! `bank-holidays.json` format) and replaceable from that file. A date outside the years the table
//! covers is an error, never "no holidays": a deadline must not quietly come out a day early.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error("the bank holiday file cannot be read: {0}")]
    BadFile(String),
    #[error("the bank holiday file has no '{0}' division")]
    NoDivision(String),
    #[error(
        "the bank holiday table covers {first} to {last}; {date} is outside it: load a newer bank-holidays.json"
    )]
    NotCovered {
        date: NaiveDate,
        first: i32,
        last: i32,
    },
}

/// The bank holidays of one division, and the calendar years the table covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHolidays {
    dates: BTreeSet<NaiveDate>,
    first_year: i32,
    last_year: i32,
    /// For each day from 1 January of the first year, the working days up to and including
    /// it: the working days between two dates are one subtraction, which ten million
    /// assessments need (`cases`), instead of a walk over each day.
    so_far: Vec<u32>,
}

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    date: NaiveDate,
}

/// The table shipped with Scrutiny: England and Wales, 2009 to 2030.
const SHIPPED: &str = include_str!("../data/bank-holidays.json");

impl BankHolidays {
    /// Reads GOV.UK's `bank-holidays.json` (or a file in its format) for one division, e.g.
    /// `england-and-wales`. The years covered are those from the first to the last listed.
    pub fn from_govuk_json(json: &str, division: &str) -> Result<Self, CalendarError> {
        let mut all: std::collections::HashMap<String, Division> =
            serde_json::from_str(json).map_err(|e| CalendarError::BadFile(e.to_string()))?;
        let d = all
            .remove(division)
            .ok_or_else(|| CalendarError::NoDivision(division.to_string()))?;
        let dates: BTreeSet<NaiveDate> = d.events.into_iter().map(|e| e.date).collect();
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            return Err(CalendarError::BadFile("it lists no bank holidays".into()));
        };
        let (first_year, last_year) = (first.year(), last.year());
        let so_far = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .into_iter()
            .flat_map(|d| d.iter_days())
            .take_while(|d| d.year() <= last_year)
            .scan(0u32, |n, d| {
                if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !dates.contains(&d) {
                    *n += 1;
                }
                Some(*n)
            })
            .collect();
        Ok(BankHolidays {
            first_year,
            last_year,
            dates,
            so_far,
        })
    }

    /// Working days from the table's first day up to and including `date`.
    fn working_so_far(&self, date: NaiveDate) -> Result<u32, CalendarError> {
        self.covered(date)?;
        let first = NaiveDate::from_ymd_opt(self.first_year, 1, 1).unwrap_or(date);
        usize::try_from((date - first).num_days())
            .ok()
            .and_then(|i| self.so_far.get(i).copied())
            .ok_or(CalendarError::NotCovered {
                date,
                first: self.first_year,
                last: self.last_year,
            })
    }

    /// England and Wales, from the table shipped with Scrutiny.
    pub fn england_and_wales() -> Result<Self, CalendarError> {
        Self::from_govuk_json(SHIPPED, "england-and-wales")
    }

    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    pub fn dates(&self) -> impl Iterator<Item = &NaiveDate> {
        self.dates.iter()
    }

    fn covered(&self, date: NaiveDate) -> Result<(), CalendarError> {
        if (self.first_year..=self.last_year).contains(&date.year()) {
            Ok(())
        } else {
            Err(CalendarError::NotCovered {
                date,
                first: self.first_year,
                last: self.last_year,
            })
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.covered(date)?;
        Ok(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.dates.contains(&date))
    }

    /// The date `n` working days after `start`: the day of receipt is day 0, so a complaint
    /// received on a Monday with a 10-day response time is due on the Monday two weeks later.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.covered(start)?;
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date
                .checked_add_days(Days::new(1))
                .ok_or(CalendarError::NotCovered {
                    date,
                    first: self.first_year,
                    last: self.last_year,
                })?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// Working days after `from` up to and including `to` (negative when `to` is earlier):
    /// how many working days a response took, or how many remain.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let (a, b) = (self.working_so_far(from)?, self.working_so_far(to)?);
        Ok(i64::from(b) - i64::from(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).expect("date")
    }

    fn cal() -> BankHolidays {
        BankHolidays::england_and_wales().expect("shipped table")
    }

    #[test]
    fn shipped_table_covers_the_seeds_and_beyond() {
        let c = cal();
        assert_eq!(c.years(), (2009, 2030));
        // The one-off holidays are there.
        for one_off in [
            "2011-04-29",
            "2012-06-05",
            "2022-06-03",
            "2022-09-19",
            "2023-05-08",
        ] {
            assert!(!c.is_working_day(d(one_off)).expect("covered"), "{one_off}");
        }
        // A substitute day, not the weekend date, is the day off.
        assert!(!c.is_working_day(d("2022-01-03")).expect("covered"));
    }

    #[test]
    fn ten_working_days_over_easter() {
        // Received Thursday 1 April 2021: Good Friday 2, Easter Monday 5 April.
        assert_eq!(
            cal().add_working_days(d("2021-04-01"), 10).expect("due"),
            d("2021-04-19")
        );
        // Received on a Monday with no holidays: due the Monday two weeks later.
        assert_eq!(
            cal().add_working_days(d("2021-06-07"), 10).expect("due"),
            d("2021-06-21")
        );
        // Over Christmas 2020: 25, 28 (substitute for Boxing Day) and 1 January are days off.
        assert_eq!(
            cal().add_working_days(d("2020-12-23"), 5).expect("due"),
            d("2021-01-04")
        );
    }

    #[test]
    fn outside_the_table_is_an_error_not_a_guess() {
        let err = cal()
            .add_working_days(d("2030-12-20"), 20)
            .expect_err("runs past 2030");
        assert!(matches!(err, CalendarError::NotCovered { .. }), "{err}");
        assert!(cal().is_working_day(d("2008-06-02")).is_err());
        assert!(BankHolidays::from_govuk_json("{}", "england-and-wales").is_err());
        assert!(BankHolidays::from_govuk_json("not json", "england-and-wales").is_err());
    }

    #[test]
    fn reads_govuk_format() {
        let json = r#"{"england-and-wales":{"division":"england-and-wales","events":[
            {"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
            {"title":"Christmas Day","date":"2031-12-25","notes":"","bunting":true}]}}"#;
        let c = BankHolidays::from_govuk_json(json, "england-and-wales").expect("parse");
        assert_eq!(c.years(), (2031, 2031));
        assert!(!c.is_working_day(d("2031-12-25")).expect("covered"));
        assert!(matches!(
            BankHolidays::from_govuk_json(json, "scotland"),
            Err(CalendarError::NoDivision(_))
        ));
    }

    proptest! {
        #[test]
        fn due_dates_are_working_days(start in 0i64..7_000, n in 1u32..70) {
            let c = cal();
            let s = d("2009-01-01") + chrono::Duration::days(start);
            let due = c.add_working_days(s, n).expect("due");
            prop_assert!(c.is_working_day(due).expect("covered"));
            prop_assert_eq!(c.working_days_between(s, due).expect("count"), i64::from(n));
            prop_assert_eq!(c.working_days_between(due, s).expect("count"), -i64::from(n));
        }
    }
}
