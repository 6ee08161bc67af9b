//! Children looked after on a date, the rate per 10,000 children, and placement stability
//! (NI 62, NI 63), as written in `docs/measures/children-in-care.md` (version
//! [`crate::cases::care::VERSION`]). Each takes the episodes sorted by child and start
//! ([`CareRecords::sorted_episodes`](crate::cases::care::CareRecords::sorted_episodes)).
//!
//! Readings where the guidance is unconfirmed (stated in the definitions page):
//! - an episode's end day (DEC) is the first day the child is out of it, so a child whose care
//!   ended on 31 March is not looked after on 31 March;
//! - children whose episode on the day is an agreed series of short breaks (LS V3, V4) are not
//!   counted, and short-break episodes are not placements;
//! - a temporary placement (PLACE T0–T4) is not a placement, and coming back from it to the same
//!   placement type is not a move;
//! - an episode ended with X1 and the next starting that day are one period of care.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::cases::care::{Child, ChildId, Code, Episode, by_child, codes};
use crate::cases::front_door::{Share, Verdict};
use crate::cases::records::DateRange;

/// Where one episode stands in its child's history, from walking the history in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The start of the period of care it belongs to (an X1 chain is one period).
    pub care_start: NaiveDate,
    /// The child's placement it belongs to, numbered in order; none for a short break, or a
    /// temporary placement before any other.
    pub placement: Option<u32>,
    /// When that placement began.
    pub placement_start: Option<NaiveDate>,
    /// When the placement before it (in the same period of care) began.
    pub previous_start: Option<NaiveDate>,
}

/// One child's episodes (in order) walked once: each episode's period of care and placement.
pub fn walk(history: &[Episode]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::with_capacity(history.len());
    let mut number = 0u32;
    // The placement the child is in: number, start, placement type; the one before's start.
    let mut current: Option<(u32, NaiveDate, Code)> = None;
    let mut previous_start: Option<NaiveDate> = None;
    let mut after_temporary = false;
    let mut care_start = history.first().map_or(NaiveDate::MIN, |e| e.start);
    for (i, e) in history.iter().enumerate() {
        let chained = i > 0 && {
            let before = &history[i - 1];
            before.continues() && before.end == Some(e.start)
        };
        if !chained {
            care_start = e.start;
            current = None;
            previous_start = None;
            after_temporary = false;
        }
        let mut placement = current;
        if e.short_break() {
            placement = None;
            after_temporary = false;
        } else if e.temporary() {
            after_temporary = current.is_some();
        } else {
            let same = match current {
                None => false,
                Some((_, _, code)) => {
                    if e.reason.is_in(codes::PLACEMENT_STARTS) {
                        after_temporary && code == e.placement
                    } else {
                        true
                    }
                }
            };
            if let (true, Some(c)) = (same, current.as_mut()) {
                // The placement type a return from a temporary placement is compared with.
                c.2 = e.placement;
            } else {
                number += 1;
                previous_start = current.map(|c| c.1);
                current = Some((number, e.start, e.placement));
            }
            after_temporary = false;
            placement = current;
        }
        steps.push(Step {
            care_start,
            placement: placement.map(|p| p.0),
            placement_start: placement.map(|p| p.1),
            previous_start: if placement.is_some() {
                previous_start
            } else {
                None
            },
        });
    }
    steps
}

/// The episode a child is looked after under on `day` (not a short break), with its place in
/// the child's history.
fn open_on(history: &[Episode], day: NaiveDate) -> Option<usize> {
    history
        .iter()
        .rposition(|e| e.open_on(day))
        .filter(|&i| !history[i].short_break())
}

/// Children looked after on `day` (31 March, say): an episode started on or before it and not
/// ended by it (DEC after the day, or none), not an agreed series of short breaks (V3, V4). A
/// child is counted once however many episodes.
pub fn looked_after_on(sorted: &[Episode], day: NaiveDate) -> u64 {
    Share::of(|each| looked_after_each(sorted, day, each)).of
}

pub fn looked_after_each(sorted: &[Episode], day: NaiveDate, each: &mut dyn FnMut(Verdict)) {
    for history in by_child(sorted) {
        if let Some(i) = open_on(history, day) {
            each(Verdict {
                child: history[i].child,
                date: day,
                counted: true,
            });
        }
    }
}

/// `count` per 10,000 of `population` (the council's 0–17 mid-year estimate, an input), to
/// one place, halves up; none for no population.
pub fn rate_per_10000(count: u64, population: u64) -> Option<Decimal> {
    if population == 0 {
        return None;
    }
    let rate = Decimal::from(count) * Decimal::from(10_000) / Decimal::from(population);
    let mut rate =
        rate.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    // Always one place, as published (67.0).
    rate.rescale(1);
    Some(rate)
}

/// Whether an episode counts within the period: it started in it, or the child was in it on
/// the period's first day.
fn in_period(e: &Episode, period: DateRange) -> bool {
    period.contains(e.start) || e.open_on(period.start)
}

/// The placements a child had in the period: the distinct placements of its episodes that
/// count in the period ([`walk`]).
pub fn placements_in(history: &[Episode], period: DateRange) -> u64 {
    let steps = walk(history);
    let mut seen: Vec<u32> = history
        .iter()
        .zip(&steps)
        .filter(|(e, _)| in_period(e, period))
        .filter_map(|(_, s)| s.placement)
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len() as u64
}

/// NI 62: of the children looked after at the period's end ([`looked_after_on`]), those who had
/// three or more placements in the period. A placement starts with an episode whose RNE is S, P,
/// B, T or U; a temporary placement (T0–T4) is not one, nor is the return from it to the same
/// placement type; an episode of legal status only (L) stays in the placement; short breaks
/// (V3, V4) are not placements; the placement the child was in on the period's first day counts.
pub fn three_or_more_placements(sorted: &[Episode], period: DateRange) -> Share {
    Share::of(|each| three_or_more_placements_each(sorted, period, each))
}

pub fn three_or_more_placements_each(
    sorted: &[Episode],
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for history in by_child(sorted) {
        let Some(i) = open_on(history, period.end) else {
            continue;
        };
        each(Verdict {
            child: history[i].child,
            date: period.end,
            counted: placements_in(history, period) >= 3,
        });
    }
}

/// NI 63: of the children looked after at `day` who were under 16 then and had been looked after
/// continuously for at least two and a half years (their period of care, an X1 chain, began on
/// or before the same date 30 months earlier), those who had been in the same placement for at
/// least two years, or who are placed for adoption (PLACE A3–A6) and whose adoptive placement
/// and the one before it began two years or more before. A child with no date of birth is not
/// counted (its age is unknown).
pub fn long_term_stability(sorted: &[Episode], header: &[Child], day: NaiveDate) -> Share {
    Share::of(|each| long_term_stability_each(sorted, header, day, each))
}

pub fn long_term_stability_each(
    sorted: &[Episode],
    header: &[Child],
    day: NaiveDate,
    each: &mut dyn FnMut(Verdict),
) {
    let born: HashMap<ChildId, NaiveDate> = header
        .iter()
        .filter_map(|c| c.born.map(|b| (c.child, b)))
        .collect();
    let (Some(sixteen_ago), Some(thirty_months_ago), Some(two_years_ago)) = (
        day.checked_sub_months(Months::new(16 * 12)),
        day.checked_sub_months(Months::new(30)),
        day.checked_sub_months(Months::new(24)),
    ) else {
        return;
    };
    for history in by_child(sorted) {
        let Some(i) = open_on(history, day) else {
            continue;
        };
        // Under 16: the 16th birthday is after the day.
        let Some(b) = born.get(&history[i].child) else {
            continue;
        };
        if *b <= sixteen_ago {
            continue;
        }
        let step = walk(history)[i];
        if step.care_start > thirty_months_ago {
            continue;
        }
        let held = step.placement_start.is_some_and(|s| s <= two_years_ago);
        let adoption = history[i].placement.is_in(codes::PLACED_FOR_ADOPTION)
            && step.previous_start.is_some_and(|s| s <= two_years_ago);
        each(Verdict {
            child: history[i].child,
            date: day,
            counted: held || adoption,
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    fn year() -> DateRange {
        DateRange::new(d("2023-04-01"), d("2024-03-31")).unwrap()
    }

    fn ep(
        child: u32,
        start: &str,
        rne: &str,
        ls: &str,
        place: &str,
        end: Option<(&str, &str)>,
    ) -> Episode {
        Episode {
            child: ChildId(child),
            start: d(start),
            reason: Code::new(rne).unwrap(),
            legal: Code::new(ls).unwrap(),
            placement: Code::new(place).unwrap(),
            end: end.map(|(e, _)| d(e)),
            reason_ended: end.map(|(_, r)| Code::new(r).unwrap()),
        }
    }

    fn sorted(mut list: Vec<Episode>) -> Vec<Episode> {
        list.sort_by_key(|e| (e.child, e.start, e.end.is_none(), e.end));
        list
    }

    #[test]
    fn looked_after_on_the_day_ended_that_day_is_not_and_short_breaks_are_not() {
        let list = sorted(vec![
            ep(1, "2023-01-01", "S", "C2", "U1", None),
            ep(
                2,
                "2023-01-01",
                "S",
                "C2",
                "U1",
                Some(("2024-03-31", "E13")),
            ),
            ep(3, "2024-03-31", "S", "V2", "U1", None),
            ep(4, "2023-06-01", "S", "V3", "U1", None),
            // Two episodes open at once would be a 903 error (rule 501): counted once.
            ep(5, "2023-06-01", "S", "C2", "U1", None),
            ep(5, "2023-07-01", "P", "C2", "U2", None),
        ]);
        assert_eq!(looked_after_on(&list, d("2024-03-31")), 3);
    }

    #[test]
    fn a_rate_per_ten_thousand_to_one_place() {
        assert_eq!(rate_per_10000(3, 4_000).unwrap().to_string(), "7.5");
        assert_eq!(rate_per_10000(67, 10_000).unwrap().to_string(), "67.0");
        assert_eq!(rate_per_10000(1, 0), None);
    }

    #[test]
    fn temporary_placements_and_legal_changes_are_not_moves() {
        // In U1 from 2022; legal status changes (L); a holiday placement T1 and back to U1;
        // then a move to U2 (P): two placements in the year.
        let list = sorted(vec![
            ep(1, "2022-05-01", "S", "C1", "U1", Some(("2023-06-01", "X1"))),
            ep(1, "2023-06-01", "L", "C2", "U1", Some(("2023-08-01", "X1"))),
            ep(1, "2023-08-01", "T", "C2", "T1", Some(("2023-08-14", "X1"))),
            ep(1, "2023-08-14", "T", "C2", "U1", Some(("2023-10-01", "X1"))),
            ep(1, "2023-10-01", "P", "C2", "U2", None),
        ]);
        assert_eq!(placements_in(&list, year()), 2);
        assert_eq!(
            three_or_more_placements(&list, year()),
            Share { count: 0, of: 1 }
        );
        // Back from the holiday to another placement type is a move: three.
        let mut moved = list.clone();
        moved[3].placement = Code::new("U3").unwrap();
        assert_eq!(placements_in(&moved, year()), 3);
        assert_eq!(
            three_or_more_placements(&moved, year()),
            Share { count: 1, of: 1 }
        );
    }

    #[test]
    fn an_episode_open_over_the_year_start_counts_one_ended_on_its_first_day_does_not() {
        let list = sorted(vec![
            ep(1, "2022-05-01", "S", "C2", "U1", Some(("2023-04-01", "X1"))),
            ep(1, "2023-04-01", "P", "C2", "U2", Some(("2023-09-01", "X1"))),
            ep(1, "2023-09-01", "P", "C2", "U3", Some(("2024-04-10", "X1"))),
            ep(1, "2024-04-10", "P", "C2", "U4", None),
        ]);
        // U1 ended on 1 April: U2, U3 (open over the year end); U4 is after it.
        assert_eq!(placements_in(&list, year()), 2);
        assert_eq!(looked_after_on(&list, d("2024-03-31")), 1);
    }

    #[test]
    fn an_x1_chain_is_one_period_of_care_and_a_gap_starts_another() {
        let chain = sorted(vec![
            ep(1, "2020-01-01", "S", "C2", "U1", Some(("2022-01-01", "X1"))),
            ep(1, "2022-01-01", "L", "C2", "U1", None),
        ]);
        let steps = walk(&chain);
        assert_eq!(steps[1].care_start, d("2020-01-01"));
        assert_eq!(steps[1].placement_start, Some(d("2020-01-01")));
        let header = [Child {
            child: ChildId(1),
            born: Some(d("2012-01-01")),
        }];
        // In care since January 2020, in U1 throughout: stable.
        assert_eq!(
            long_term_stability(&chain, &header, d("2024-03-31")),
            Share { count: 1, of: 1 }
        );
        // The first episode ended (E13, returned home) and a new one started: a new period.
        let mut broken = chain.clone();
        broken[0].reason_ended = Code::new("E13");
        broken[1].reason = Code::new("S").unwrap();
        assert_eq!(walk(&broken)[1].care_start, d("2022-01-01"));
        assert_eq!(
            long_term_stability(&broken, &header, d("2024-03-31")),
            Share { count: 0, of: 0 }
        );
    }

    #[test]
    fn ni63_under_sixteen_and_placed_for_adoption() {
        let list = sorted(vec![
            // Child 1: turns 16 on the day: not in the cohort.
            ep(1, "2019-01-01", "S", "C2", "U1", None),
            // Child 2: in care since 2020, moved in 2023: not stable.
            ep(2, "2020-01-01", "S", "C2", "U1", Some(("2023-01-01", "X1"))),
            ep(2, "2023-01-01", "P", "C2", "U2", None),
            // Child 3: in care since 2020, placed for adoption in 2023 after a placement from
            // 2020: the two together are over two years.
            ep(3, "2020-01-01", "S", "C2", "U1", Some(("2023-01-01", "X1"))),
            ep(3, "2023-01-01", "P", "E1", "A3", None),
        ]);
        let header: Vec<Child> = [(1, "2008-03-31"), (2, "2010-01-01"), (3, "2019-01-01")]
            .into_iter()
            .map(|(c, b)| Child {
                child: ChildId(c),
                born: Some(d(b)),
            })
            .collect();
        assert_eq!(
            long_term_stability(&list, &header, d("2024-03-31")),
            Share { count: 1, of: 2 }
        );
    }

    /// NI 62 the slow way: each episode's placement found by looking back through the child's
    /// history for every episode afresh, and the cohort checked by scanning every episode.
    fn ni62_by_looking_back(list: &[Episode], period: DateRange) -> Share {
        let mut children: Vec<ChildId> = list.iter().map(|e| e.child).collect();
        children.sort();
        children.dedup();
        let mut share = Share::default();
        for c in children {
            let mut h: Vec<Episode> = list.iter().filter(|e| e.child == c).copied().collect();
            h.sort_by_key(|e| (e.start, e.end.is_none(), e.end));
            let last_open = h
                .iter()
                .rposition(|e| e.start <= period.end && e.end.is_none_or(|x| x > period.end));
            if last_open.is_none_or(|i| h[i].legal.is_in(&["V3", "V4"])) {
                continue;
            }
            share.of += 1;
            // The first episode of i's period of care.
            let care_first = |i: usize| {
                let mut j = i;
                while j > 0
                    && h[j - 1].reason_ended.is_some_and(|r| r.as_str() == "X1")
                    && h[j - 1].end == Some(h[j].start)
                {
                    j -= 1;
                }
                j
            };
            // The key (index of its first episode) of the placement episode i belongs to.
            fn key(h: &[Episode], i: usize, first: usize) -> Option<usize> {
                let e = &h[i];
                if e.legal.is_in(&["V3", "V4"]) {
                    return None;
                }
                // The last real placement episode before i in the same period.
                let before = (first..i).rev().find(|&j| {
                    !h[j].legal.is_in(&["V3", "V4"])
                        && !h[j].placement.is_in(&["T0", "T1", "T2", "T3", "T4"])
                });
                if e.placement.is_in(&["T0", "T1", "T2", "T3", "T4"]) {
                    return before.and_then(|j| key(h, j, first));
                }
                let Some(j) = before else { return Some(i) };
                if !e.reason.is_in(&["S", "P", "B", "T", "U"]) {
                    return key(h, j, first);
                }
                let temporary_between = i > first
                    && h[i - 1].placement.is_in(&["T0", "T1", "T2", "T3", "T4"])
                    && !h[i - 1].legal.is_in(&["V3", "V4"])
                    && key(h, i - 1, first).is_some();
                if temporary_between && h[j].placement == e.placement {
                    key(h, j, first)
                } else {
                    Some(i)
                }
            }
            let mut keys = std::collections::BTreeSet::new();
            for i in 0..h.len() {
                let e = &h[i];
                let counts = (period.start <= e.start && e.start <= period.end)
                    || (e.start <= period.start && e.end.is_none_or(|x| x > period.start));
                if counts && let Some(k) = key(&h, i, care_first(i)) {
                    keys.insert(k);
                }
            }
            if keys.len() >= 3 {
                share.count += 1;
            }
        }
        share
    }

    fn histories() -> impl Strategy<Value = Vec<Episode>> {
        let one = (
            0u32..4,
            prop_oneof![Just(0u64), Just(0u64), Just(0u64), 1u64..40],
            0u64..150,
            prop::sample::select(vec!["S", "L", "P", "T", "B", "U"]),
            prop::sample::select(vec!["C2", "C2", "E1", "V3"]),
            prop::sample::select(vec!["U1", "U2", "U1", "T1", "A3"]),
            prop::sample::select(vec!["X1", "X1", "X1", "E13"]),
        );
        proptest::collection::vec(one, 0..40).prop_map(|rows| {
            let mut at: HashMap<u32, NaiveDate> = HashMap::new();
            let mut out = Vec::new();
            let count = rows.len();
            for (n, (child, gap, length, rne, ls, place, rec)) in rows.into_iter().enumerate() {
                let start = at
                    .get(&child)
                    .copied()
                    .unwrap_or(NaiveDate::from_ymd_opt(2022, 11, 1).unwrap())
                    + chrono::Days::new(gap);
                let end = start + chrono::Days::new(length);
                // Some children's last episode is left open.
                let open = n + 4 >= count && length % 2 == 0;
                at.insert(child, end);
                out.push(Episode {
                    child: ChildId(child),
                    start,
                    reason: Code::new(rne).unwrap(),
                    legal: Code::new(ls).unwrap(),
                    placement: Code::new(place).unwrap(),
                    end: (!open).then_some(end),
                    reason_ended: (!open).then(|| Code::new(rec).unwrap()),
                });
                if open {
                    at.insert(child, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap());
                }
            }
            out
        })
    }

    proptest! {
        #[test]
        fn ni62_agrees_with_looking_back_for_every_episode(list in histories()) {
            let period = year();
            let fast = three_or_more_placements(&sorted(list.clone()), period);
            prop_assert_eq!(fast, ni62_by_looking_back(&list, period));
        }
    }
}
