//! The front door's own periods: a day, a week (Monday to Sunday) and a calendar month, for the
//! daily, weekly and monthly reports managers read (the seeds' `002_` contact and referral
//! team), each with the period before it to compare with.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::cases::records::DateRange;
use crate::period::long_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Day,
    Week,
    Month,
}

impl Span {
    pub fn parse(text: &str) -> Option<Span> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Some(Span::Day),
            "week" | "weekly" => Some(Span::Week),
            "month" | "monthly" => Some(Span::Month),
            _ => None,
        }
    }

    /// The day, week or month holding `date`.
    pub fn holding(self, date: NaiveDate) -> Option<DateRange> {
        let (start, end) = match self {
            Span::Day => (date, date),
            Span::Week => {
                let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
                (monday, monday.checked_add_days(Days::new(6))?)
            }
            Span::Month => {
                let first = date.with_day(1)?;
                (first, first.checked_add_months(Months::new(1))?.pred_opt()?)
            }
        };
        DateRange::new(start, end)
    }

    /// The day, week or month holding `date`, and the one before it: what a report compares.
    pub fn around(self, date: NaiveDate) -> (DateRange, DateRange) {
        let period = self.holding(date).unwrap_or(DateRange {
            start: date,
            end: date,
        });
        (period, self.before(period).unwrap_or(period))
    }

    /// The day, week or month before `period`.
    pub fn before(self, period: DateRange) -> Option<DateRange> {
        self.holding(period.start.pred_opt()?)
    }

    /// "Thursday 2 May 2024", "the week of 29 April 2024", "May 2024".
    pub fn name(self, period: DateRange) -> String {
        match self {
            Span::Day => format!("{} {}", period.start.format("%A"), long_date(period.start)),
            Span::Week => format!("the week of {}", long_date(period.start)),
            Span::Month => period.start.format("%B %Y").to_string(),
        }
    }

    /// As a column heading: "Thu 2 May 2024", "Week from 29 Apr 2024", "May 2024".
    pub fn short(self, period: DateRange) -> String {
        match self {
            Span::Day => period.start.format("%a %-d %b %Y").to_string(),
            Span::Week => format!("Week from {}", period.start.format("%-d %b %Y")),
            Span::Month => period.start.format("%b %Y").to_string(),
        }
    }

    /// "daily", "weekly", "monthly".
    pub fn adjective(self) -> &'static str {
        match self {
            Span::Day => "daily",
            Span::Week => "weekly",
            Span::Month => "monthly",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_months_whole() {
        let week = Span::Week.holding(d("2024-05-02")).unwrap();
        assert_eq!((week.start, week.end), (d("2024-04-29"), d("2024-05-05")));
        let before = Span::Week.before(week).unwrap();
        assert_eq!(
            (before.start, before.end),
            (d("2024-04-22"), d("2024-04-28"))
        );
        let month = Span::Month.holding(d("2024-02-10")).unwrap();
        assert_eq!((month.start, month.end), (d("2024-02-01"), d("2024-02-29")));
        let before = Span::Month.before(month).unwrap();
        assert_eq!(
            (before.start, before.end),
            (d("2024-01-01"), d("2024-01-31"))
        );
        let day = Span::Day.holding(d("2024-03-01")).unwrap();
        assert_eq!(Span::Day.before(day).unwrap().start, d("2024-02-29"));
        assert_eq!(Span::Day.name(day), "Friday 1 March 2024");
        assert_eq!(Span::Month.name(month), "February 2024");
        assert_eq!(Span::Week.short(week), "Week from 29 Apr 2024");
    }
}
