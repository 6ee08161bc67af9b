//! Child protection measures, as written in `docs/measures/front-door.md` (same version):
//! initial conferences within 15 working days of the strategy discussion, plans started, plans
//! that are a second or subsequent plan, plans ended that had lasted two years or more, children
//! on a plan at the period's end, and plans whose review is not overdue then.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::front_door::{Share, Verdict};
use crate::cases::records::{ChildId, DateRange, PlanReview, ProtectionPlan, Section47};

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

/// Children on a plan at the end of `day` (a child with two plans open is one), each dated by
/// the start of their earliest open plan, in the order the children are first met.
pub fn children_on_plans_each(
    list: &[ProtectionPlan],
    day: NaiveDate,
    each: &mut dyn FnMut(Verdict),
) {
    let mut earliest: HashMap<ChildId, NaiveDate> = HashMap::new();
    let mut order = Vec::new();
    for p in list.iter().filter(|p| p.open_on(day)) {
        let e = earliest.entry(p.child).or_insert_with(|| {
            order.push(p.child);
            p.start
        });
        *e = (*e).min(p.start);
    }
    for child in order {
        each(Verdict {
            child,
            date: earliest[&child],
            counted: true,
        });
    }
}

/// Months from a plan's start to its first review conference, and between reviews after it
/// (Working Together: the first review within three months of the initial conference, then at
/// intervals of no more than six months).
pub const FIRST_REVIEW_MONTHS: u32 = 3;
pub const REVIEW_INTERVAL_MONTHS: u32 = 6;

/// Of the plans open at the end of `day` that had run at least [`FIRST_REVIEW_MONTHS`] (a
/// review was due), those whose review is not overdue then: the latest review held by that day
/// no more than [`REVIEW_INTERVAL_MONTHS`] before it, or, with none held, the first still not
/// due. Each dated by the plan's start. A plan whose only review known is a latest-only one
/// (Annex A list 7) held after the day is left out: what happened by the day is not known.
pub fn reviewed_in_time_each(
    list: &[ProtectionPlan],
    reviews: &[PlanReview],
    day: NaiveDate,
    each: &mut dyn FnMut(Verdict),
) {
    let mut latest: HashMap<(ChildId, NaiveDate), NaiveDate> = HashMap::new();
    let mut unknown = std::collections::HashSet::new();
    for r in reviews.iter().filter(|r| r.date >= r.plan_start) {
        if r.date > day {
            if r.latest_only {
                unknown.insert((r.child, r.plan_start));
            }
            continue;
        }
        let e = latest.entry((r.child, r.plan_start)).or_insert(r.date);
        *e = (*e).max(r.date);
    }
    let after = |d: NaiveDate, months: u32| d.checked_add_months(Months::new(months));
    for p in list.iter().filter(|p| p.open_on(day)) {
        let Some(first_due) = after(p.start, FIRST_REVIEW_MONTHS) else {
            continue;
        };
        if first_due > day || unknown.contains(&(p.child, p.start)) {
            continue;
        }
        let due = match latest.get(&(p.child, p.start)) {
            Some(r) => after(*r, REVIEW_INTERVAL_MONTHS),
            None => Some(first_due),
        };
        each(Verdict {
            child: p.child,
            date: p.start,
            counted: due.is_some_and(|due| due >= day),
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
    fn children_on_plans_at_the_end_each_once() {
        let list = [
            plan("A", "2023-05-01", None, None),
            plan("A", "2023-09-01", None, None),
            plan("B", "2023-06-01", Some("2024-03-31"), None),
            plan("C", "2024-03-31", None, None),
            plan("D", "2024-04-01", None, None),
        ];
        let s = Share::of(|each| children_on_plans_each(&list, d("2024-03-31"), each));
        assert_eq!(
            s.of, 2,
            "A once and C (started that day); B ended that day, D after"
        );
    }

    #[test]
    fn a_review_is_in_time_until_it_is_due() {
        let end = d("2024-03-31");
        let list = [
            // Reviewed 1 October 2023: the next is due 1 April 2024, after the end.
            plan("A", "2023-07-01", None, None),
            // Reviewed 30 September: due 30 March, overdue at the end.
            plan("B", "2023-06-15", None, None),
            // No review, first due 31 March itself: in time on the day.
            plan("C", "2023-12-31", None, None),
            // No review, first due 20 March: overdue.
            plan("D", "2023-12-20", None, None),
            // Under three months old: no review due, not read.
            plan("E", "2024-01-02", None, None),
            // Ended: not read.
            plan("F", "2022-01-01", Some("2024-02-01"), None),
        ];
        let review = |child: &str, start: &str, date: &str| PlanReview {
            child: ChildId(u32::from(child.as_bytes()[0])),
            plan_start: d(start),
            date: d(date),
            latest_only: false,
        };
        let mut reviews = vec![
            review("A", "2023-07-01", "2023-10-01"),
            review("B", "2023-06-15", "2023-09-30"),
            // After the end: not held yet on the day asked.
            review("D", "2023-12-20", "2024-04-02"),
            // Another plan of A's: not this one's.
            review("A", "2020-01-01", "2024-03-01"),
        ];
        let run = |reviews: &[PlanReview]| {
            let mut got = Vec::new();
            reviewed_in_time_each(&list, reviews, end, &mut |v| {
                got.push((char::from(v.child.0 as u8), v.counted));
            });
            got
        };
        assert_eq!(
            run(&reviews),
            [('A', true), ('B', false), ('C', true), ('D', false)]
        );
        // D's only review known is a list's latest one, after the day: whether one was held by
        // then is not known, so D is left out.
        reviews[2].latest_only = true;
        assert_eq!(run(&reviews), [('A', true), ('B', false), ('C', true)]);
    }

    proptest::proptest! {
        /// Against a plain reading: each child with a plan open at the end of the day is read
        /// once, dated by the earliest start among their open plans.
        #[test]
        fn children_on_plans_are_each_child_with_an_open_plan(
            rows in proptest::collection::vec(
                (0u8..6, 0i64..700, proptest::option::of(0i64..900)), 0..30),
            on in 0i64..800,
        ) {
            let at = |n: i64| d("2022-01-01") + chrono::Duration::days(n);
            let list: Vec<ProtectionPlan> = rows
                .iter()
                .map(|&(c, start, end)| ProtectionPlan {
                    child: ChildId(u32::from(c)),
                    start: at(start),
                    end: end.map(|e| at(start + e)),
                    previous_plans: None,
                })
                .collect();
            let day = at(on);
            let mut expected: Vec<(u32, NaiveDate)> = Vec::new();
            for c in 0u32..6 {
                let starts = list
                    .iter()
                    .filter(|p| p.child.0 == c && p.start <= day && p.end.is_none_or(|e| e > day))
                    .map(|p| p.start);
                if let Some(first) = starts.min() {
                    expected.push((c, first));
                }
            }
            let mut got = Vec::new();
            children_on_plans_each(&list, day, &mut |v| got.push((v.child.0, v.date)));
            got.sort_unstable();
            proptest::prop_assert_eq!(got, expected);
        }
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
