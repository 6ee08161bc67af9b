//! Child protection measures, as written in `docs/measures/front-door.md` (same version):
//! initial conferences within 15 working days of the strategy discussion, plans started, plans
//! that are a second or subsequent plan, and plans ended that had lasted two years or more.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::front_door::{Share, Verdict};
use crate::cases::records::{ChildId, DateRange, ProtectionPlan, Section47};

/// Initial child protection conferences held in the period within 15 working days of the
/// strategy discussion that started their enquiry, out of those held in the period.
pub fn conferences_in_time(
    list: &[Section47],
    period: DateRange,
    calendar: &BankHolidays,
) -> Result<Share, CalendarError> {
    Share::tally(|each| conferences_in_time_each(list, period, calendar, each))
}

pub fn conferences_in_time_each(
    list: &[Section47],
    period: DateRange,
    calendar: &BankHolidays,
    each: &mut dyn FnMut(Verdict),
) -> Result<(), CalendarError> {
    for e in list {
        let Some(held) = e.conference.filter(|d| period.contains(*d)) else {
            continue;
        };
        each(Verdict {
            child: e.child,
            date: held,
            counted: calendar.working_days_between(e.start, held)? <= 15,
        });
    }
    Ok(())
}

/// Plans started in the period.
pub fn plans_started(list: &[ProtectionPlan], period: DateRange) -> u64 {
    Share::of(|each| plans_started_each(list, period, each)).of
}

pub fn plans_started_each(
    list: &[ProtectionPlan],
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for p in list.iter().filter(|p| period.contains(p.start)) {
        each(Verdict {
            child: p.child,
            date: p.start,
            counted: true,
        });
    }
}

/// Of the plans started in the period, those that are a child's second or subsequent plan,
/// however long ago the earlier one: an earlier plan of the child in the records, or a recorded
/// count of previous plans above 0 (the history is often not held).
pub fn second_or_subsequent(list: &[ProtectionPlan], period: DateRange) -> Share {
    Share::of(|each| second_or_subsequent_each(list, period, each))
}

pub fn second_or_subsequent_each(
    list: &[ProtectionPlan],
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    let mut first: HashMap<ChildId, NaiveDate> = HashMap::new();
    for p in list {
        let e = first.entry(p.child).or_insert(p.start);
        if p.start < *e {
            *e = p.start;
        }
    }
    for p in list.iter().filter(|p| period.contains(p.start)) {
        let earlier = first.get(&p.child).is_some_and(|d| *d < p.start);
        each(Verdict {
            child: p.child,
            date: p.start,
            counted: earlier || p.previous_plans.is_some_and(|n| n > 0),
        });
    }
}

/// Of the plans ended in the period, those that had lasted two years or more (ended on or after
/// the same date two years on).
pub fn lasted_two_years(list: &[ProtectionPlan], period: DateRange) -> Share {
    Share::of(|each| lasted_two_years_each(list, period, each))
}

pub fn lasted_two_years_each(
    list: &[ProtectionPlan],
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for p in list {
        let Some(end) = p.end.filter(|d| period.contains(*d)) else {
            continue;
        };
        each(Verdict {
            child: p.child,
            date: end,
            counted: p
                .start
                .checked_add_months(Months::new(24))
                .is_some_and(|two_years| end >= two_years),
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    fn year() -> DateRange {
        DateRange::new(d("2023-04-01"), d("2024-03-31")).unwrap()
    }

    fn plan(child: &str, start: &str, end: Option<&str>, previous: Option<u32>) -> ProtectionPlan {
        ProtectionPlan {
            child: ChildId(u32::from(child.as_bytes()[0])),
            start: d(start),
            end: end.map(d),
            previous_plans: previous,
        }
    }

    #[test]
    fn a_conference_on_the_15th_working_day_is_in_time() {
        let cal = BankHolidays::england_and_wales().unwrap();
        // Monday 5 June 2023: the 15th working day after is Monday 26 June; the 27th is the 16th.
        let e = |held: &str| Section47 {
            child: ChildId(0),
            start: d("2023-06-05"),
            conference: Some(d(held)),
            no_conference_needed: false,
        };
        let list = [e("2023-06-26"), e("2023-06-27")];
        assert_eq!(
            conferences_in_time(&list, year(), &cal).unwrap(),
            Share { count: 1, of: 2 }
        );
    }

    #[test]
    fn second_plans_from_history_or_the_recorded_count() {
        let list = [
            plan("A", "2019-01-10", Some("2020-01-10"), None),
            plan("A", "2023-05-01", None, None),
            plan("B", "2023-06-01", None, Some(1)),
            plan("C", "2023-07-01", None, Some(0)),
        ];
        assert_eq!(plans_started(&list, year()), 3);
        assert_eq!(
            second_or_subsequent(&list, year()),
            Share { count: 2, of: 3 }
        );
    }

    #[test]
    fn exactly_two_years_counts_and_a_day_short_does_not() {
        let list = [
            plan("A", "2021-06-01", Some("2023-06-01"), None),
            plan("B", "2021-06-02", Some("2023-06-01"), None),
            plan("C", "2022-02-28", Some("2024-02-29"), None),
        ];
        assert_eq!(lasted_two_years(&list, year()), Share { count: 2, of: 3 });
    }
}
