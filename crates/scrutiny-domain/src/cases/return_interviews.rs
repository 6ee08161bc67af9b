//! Return interviews offered and accepted, from Annex A list 8 (children looked after), as
//! written in `docs/measures/front-door.md`. The list says, for each child looked after in its
//! twelve months, how many times they went missing from placement and whether they were offered,
//! and accepted, a return interview after the last time; it holds no dates for the episodes, so
//! a child counts in any period they were looked after in. Whether the interview was held
//! within 72 hours needs the dates a council keeps itself (`missing::interviews_in_time`).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::cases::front_door::Verdict;
use crate::cases::records::{ChildId, DateRange, LookedAfterChild};

/// The children a return-interview measure reads: looked after in the period and missing from
/// placement at least once, each once (a child in care twice in the list's months is read from
/// their latest period of care, which holds their last missing episode), with the last day they
/// were looked after in the period as the verdict's day.
fn went_missing(
    list: &[LookedAfterChild],
    period: DateRange,
) -> Vec<(&LookedAfterChild, NaiveDate)> {
    let mut latest: HashMap<ChildId, (&LookedAfterChild, NaiveDate)> = HashMap::new();
    let mut order = Vec::new();
    for l in list {
        let Some(day) = l
            .last_day_in(period)
            .filter(|_| l.missing_episodes.unwrap_or(0) > 0)
        else {
            continue;
        };
        match latest.get_mut(&l.child) {
            Some(kept) if kept.0.started <= l.started => *kept = (l, day),
            Some(_) => {}
            None => {
                latest.insert(l.child, (l, day));
                order.push(l.child);
            }
        }
    }
    order.into_iter().map(|child| latest[&child]).collect()
}

/// Of the children who went missing, those offered a return interview after the last time. A
/// child with nothing recorded is in the total only.
pub fn offered_each(list: &[LookedAfterChild], period: DateRange, each: &mut dyn FnMut(Verdict)) {
    for (l, day) in went_missing(list, period) {
        each(Verdict {
            child: l.child,
            date: day,
            counted: l.interview_offered == Some(true),
        });
    }
}

/// Of the children offered a return interview, those who accepted it.
pub fn accepted_each(list: &[LookedAfterChild], period: DateRange, each: &mut dyn FnMut(Verdict)) {
    for (l, day) in went_missing(list, period) {
        if l.interview_offered == Some(true) {
            each(Verdict {
                child: l.child,
                date: day,
                counted: l.interview_accepted == Some(true),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::front_door::Share;
    use crate::cases::records::ChildId;
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn child(
        n: u32,
        missing: Option<u32>,
        offered: Option<bool>,
        accepted: Option<bool>,
    ) -> LookedAfterChild {
        LookedAfterChild {
            child: ChildId(n),
            started: None,
            ceased: None,
            missing_episodes: missing,
            interview_offered: offered,
            interview_accepted: accepted,
        }
    }

    #[test]
    fn only_children_who_went_missing_and_were_looked_after_in_the_period_count() {
        let period = DateRange::new(day(1, 1), day(3, 31)).unwrap();
        let mut list = vec![
            child(1, Some(2), Some(true), Some(true)),
            child(2, Some(1), Some(true), Some(false)),
            // Nothing recorded about an interview: in the total only.
            child(3, Some(1), None, None),
            child(4, Some(3), Some(false), None),
            // Never missing, or not said: not read.
            child(5, Some(0), Some(true), Some(true)),
            child(6, None, Some(true), Some(true)),
        ];
        // Ceased before the period, and started after it: not read.
        list.push(LookedAfterChild {
            ceased: Some(day(1, 1).pred_opt().unwrap()),
            ..child(7, Some(1), Some(true), Some(true))
        });
        list.push(LookedAfterChild {
            started: Some(day(4, 1)),
            ..child(8, Some(1), Some(true), Some(true))
        });
        // Ceased on the period's first day (their first day out of care): not read. Ceased on
        // the second: read, dated the first.
        list.push(LookedAfterChild {
            ceased: Some(day(1, 1)),
            ..child(10, Some(1), Some(true), None)
        });
        list.push(LookedAfterChild {
            ceased: Some(day(1, 2)),
            ..child(9, Some(1), Some(true), None)
        });
        // In care twice: read once, from the later period (not offered then).
        list.push(LookedAfterChild {
            started: Some(day(2, 1)),
            ..child(11, Some(1), Some(false), None)
        });
        list.push(LookedAfterChild {
            started: Some(day(1, 5)),
            ceased: Some(day(1, 20)),
            ..child(11, Some(2), Some(true), Some(true))
        });
        let offered = Share::of(|each| offered_each(&list, period, each));
        assert_eq!((offered.count, offered.of), (3, 6));
        let accepted = Share::of(|each| accepted_each(&list, period, each));
        assert_eq!((accepted.count, accepted.of), (1, 3));
        let mut days = Vec::new();
        offered_each(&list, period, &mut |v| days.push((v.child.0, v.date)));
        assert!(days.contains(&(9, day(1, 1))));
        assert!(days.contains(&(1, day(3, 31))));
    }

    proptest::proptest! {
        /// Against a plain reading of the list: the total is every child with a row looked
        /// after in the period and missing at least once, each once; the accepted measure's
        /// total is the offered measure's count.
        #[test]
        fn each_child_who_went_missing_is_read_once(
            rows in proptest::collection::vec(
                (0u32..8, proptest::option::of(0i64..400), proptest::option::of(0i64..400),
                 proptest::option::of(0u32..3), proptest::option::of(proptest::bool::ANY),
                 proptest::option::of(proptest::bool::ANY)),
                0..40,
            ),
            from in 0i64..300,
            length in 0i64..200,
        ) {
            let at = |n: i64| day(1, 1) + chrono::Duration::days(n);
            let list: Vec<LookedAfterChild> = rows
                .iter()
                .map(|&(c, started, ceased, missing, offered, accepted)| LookedAfterChild {
                    child: ChildId(c),
                    started: started.map(at),
                    ceased: ceased.map(at),
                    missing_episodes: missing,
                    interview_offered: offered,
                    interview_accepted: accepted,
                })
                .collect();
            let period = DateRange::new(at(from), at(from + length)).unwrap();
            // In care on some day of the period, walking its days one by one.
            let in_care = |l: &LookedAfterChild| {
                period.start.iter_days().take_while(|d| *d <= period.end).any(|d| {
                    l.started.is_none_or(|s| s <= d) && l.ceased.is_none_or(|c| c > d)
                })
            };
            let expected: std::collections::BTreeSet<u32> = list
                .iter()
                .filter(|l| l.missing_episodes.unwrap_or(0) > 0 && in_care(l))
                .map(|l| l.child.0)
                .collect();
            let mut read = Vec::new();
            offered_each(&list, period, &mut |v| read.push(v.child.0));
            let mut sorted = read.clone();
            sorted.sort_unstable();
            sorted.dedup();
            proptest::prop_assert_eq!(sorted.len(), read.len(), "a child read twice");
            proptest::prop_assert_eq!(sorted, expected.into_iter().collect::<Vec<_>>());
            let offered = Share::of(|each| offered_each(&list, period, each));
            let accepted = Share::of(|each| accepted_each(&list, period, each));
            proptest::prop_assert_eq!(accepted.of, offered.count);
        }
    }
}
