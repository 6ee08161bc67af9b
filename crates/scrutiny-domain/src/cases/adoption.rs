//! Adoption timeliness (the adoption scorecard's A1, A2 and A10), as written in
//! `docs/measures/children-in-care.md`: average days over the children adopted in the three
//! years to the period's end, held against thresholds that are data, each applying from a date.
//!
//! Readings where the guidance is unconfirmed:
//! - adopted: an episode ended with REC E11 or E12 on a day in the three years;
//! - entered care: the start of the latest episode with RNE S on or before the adoption;
//! - moved in with the adoptive family: the latest DATE_PLACED (PlacedAdoption) on or before the
//!   adoption, else the start of the first placed-for-adoption episode (PLACE A3–A6) of that
//!   period of care; a child with neither is not counted;
//! - A10 for a foster-carer adoption (AD1 FOSTER_CARE 1) stops the clock when the foster
//!   placement began: the start of the run of episodes with the same carer (RNE L, T or U, each
//!   starting the day the one before ended) that the child was in when placed;
//! - A2's order is the start of the first episode with LS E1 (placement order) or D1 (freeing
//!   order) in that period of care; its match is the AD1 DATE_MATCH; a match before the order
//!   counts 0 days; a child with no order or no match is not counted.

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::cases::care::{AdoptionMatch, CareRecords, ChildId, Episode, by_child, codes};
use crate::cases::records::DateRange;

/// Which scorecard measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scorecard {
    /// Entering care to moving in with the adoptive family.
    A1,
    /// Placement order to match.
    A2,
    /// As A1, the clock stopping when a foster carer who adopts began to care for the child.
    A10,
}

/// Days summed over children: the mean is the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Average {
    pub days: u64,
    pub children: u64,
}

impl Average {
    /// The mean in whole days, halves up; none over no children.
    pub fn mean(self) -> Option<u64> {
        (self.children > 0).then(|| (2 * self.days + self.children) / (2 * self.children))
    }

    pub fn add(&mut self, days: i64) {
        self.days += u64::try_from(days).unwrap_or(0);
        self.children += 1;
    }
}

/// A scorecard threshold in days, applying to three-year periods ending on or after `from`
/// (until a later one for the same measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    pub measure: Scorecard,
    pub from: NaiveDate,
    pub days: u64,
}

/// Sample thresholds: the standards file's A1 639 → 547 → 487 and A2 213 → 182 → 152 days, then
/// the seeds' 426 and 121, dated as the DfE scorecards' three-year periods to March 2013 … 2016
/// **[dates unconfirmed]**; A10 takes A1's. A council replaces them with the ones in force.
pub fn sample_thresholds() -> Vec<Threshold> {
    let mut out = Vec::new();
    for (year, a1, a2) in [
        (2013, 639, 213),
        (2014, 547, 182),
        (2015, 487, 152),
        (2016, 426, 121),
    ] {
        let from = NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(NaiveDate::MIN);
        for (measure, days) in [
            (Scorecard::A1, a1),
            (Scorecard::A10, a1),
            (Scorecard::A2, a2),
        ] {
            out.push(Threshold {
                measure,
                from,
                days,
            });
        }
    }
    out
}

/// The threshold in force for a three-year period ending on `end`.
pub fn threshold_for(list: &[Threshold], measure: Scorecard, end: NaiveDate) -> Option<Threshold> {
    list.iter()
        .filter(|t| t.measure == measure && t.from <= end)
        .max_by_key(|t| t.from)
        .copied()
}

/// The three years to `end` (1 April 2021 to 31 March 2024 for 31 March 2024).
pub fn three_years_to(end: NaiveDate) -> DateRange {
    let start = end
        .checked_sub_months(Months::new(36))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(end);
    DateRange { start, end }
}

/// One child adopted in the window, with the days its measures need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Adopted {
    child: ChildId,
    /// The day the child was adopted (the episode's end).
    adopted: NaiveDate,
    entered: NaiveDate,
    placed: Option<NaiveDate>,
    /// When the carer who adopted began (A10), for a foster-carer adoption.
    carer_began: Option<NaiveDate>,
    order: Option<NaiveDate>,
    matched: Option<NaiveDate>,
}

/// The start of the run of same-carer episodes the child was in on `day`.
fn carer_began(history: &[Episode], day: NaiveDate) -> Option<NaiveDate> {
    let mut i = history
        .iter()
        .rposition(|e| e.start <= day && e.end.is_none_or(|x| x >= day))?;
    while i > 0
        && history[i].reason.is_in(codes::SAME_CARER)
        && history[i - 1].end == Some(history[i].start)
    {
        i -= 1;
    }
    Some(history[i].start)
}

fn adopted_in(records: &CareRecords, sorted: &[Episode], window: DateRange) -> Vec<Adopted> {
    let mut placed: HashMap<ChildId, Vec<NaiveDate>> = HashMap::new();
    for p in &records.placed {
        placed.entry(p.child).or_default().push(p.placed);
    }
    let mut matches: HashMap<ChildId, Vec<&AdoptionMatch>> = HashMap::new();
    for m in &records.matches {
        matches.entry(m.child).or_default().push(m);
    }
    let mut out = Vec::new();
    for history in by_child(sorted) {
        for (i, e) in history.iter().enumerate() {
            let Some(adopted) = e
                .end
                .filter(|d| window.contains(*d))
                .filter(|_| e.reason_ended.is_some_and(|r| r.is_in(codes::ADOPTED)))
            else {
                continue;
            };
            let Some(first) = history[..=i].iter().rposition(|x| x.reason.as_str() == "S") else {
                continue;
            };
            let care = &history[first..=i];
            let entered = care[0].start;
            let placed = placed
                .get(&e.child)
                .and_then(|days| days.iter().filter(|d| **d <= adopted).max().copied())
                .or_else(|| {
                    care.iter()
                        .find(|x| x.placement.is_in(codes::PLACED_FOR_ADOPTION))
                        .map(|x| x.start)
                });
            let found: Vec<&&AdoptionMatch> = matches.get(&e.child).into_iter().flatten().collect();
            let matched = found
                .iter()
                .filter_map(|m| m.matched)
                .filter(|d| *d <= adopted)
                .max();
            let by_foster_carer = found.iter().any(|m| m.by_foster_carer);
            let order = care
                .iter()
                .find(|x| x.legal.is_in(codes::ADOPTION_ORDERS))
                .map(|x| x.start);
            out.push(Adopted {
                child: e.child,
                adopted,
                entered,
                placed,
                carer_began: if by_foster_carer {
                    placed.and_then(|p| carer_began(care, p))
                } else {
                    None
                },
                order,
                matched,
            });
        }
    }
    out
}

/// The scorecard measure's average over the children adopted in the three years to the
/// period's end. `sorted` is the return's episodes sorted by child and start.
pub fn average(
    records: &CareRecords,
    sorted: &[Episode],
    measure: Scorecard,
    period: DateRange,
) -> Average {
    let mut avg = Average::default();
    for days in waits(records, sorted, measure, period) {
        avg.add(days);
    }
    avg
}

/// Each adopted child's days for the scorecard measure, over the children adopted in the three
/// years to the period's end (those the measure can be timed for): the average's parts, and
/// the scorecard's "children who waited longer than they should" against a threshold.
pub fn waits(
    records: &CareRecords,
    sorted: &[Episode],
    measure: Scorecard,
    period: DateRange,
) -> Vec<i64> {
    waits_each(records, sorted, measure, period)
        .into_iter()
        .map(|(_, _, days)| days)
        .collect()
}

/// As [`waits`], each with its child and the day it was adopted: the records behind the
/// average, for "why this number".
pub fn waits_each(
    records: &CareRecords,
    sorted: &[Episode],
    measure: Scorecard,
    period: DateRange,
) -> Vec<(ChildId, NaiveDate, i64)> {
    adopted_in(records, sorted, three_years_to(period.end))
        .into_iter()
        .filter_map(|a| {
            let days = match measure {
                Scorecard::A1 => a.placed.map(|p| (p - a.entered).num_days()),
                Scorecard::A10 => a.placed.map(|p| {
                    let stop = a.carer_began.map_or(p, |c| c.min(p).max(a.entered));
                    (stop - a.entered).num_days()
                }),
                Scorecard::A2 => match (a.order, a.matched) {
                    (Some(order), Some(matched)) => Some((matched - order).num_days().max(0)),
                    _ => None,
                },
            };
            days.map(|d| (a.child, a.adopted, d))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::care::{Code, PlacedForAdoption};

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    fn ep(start: &str, rne: &str, ls: &str, place: &str, end: Option<(&str, &str)>) -> Episode {
        Episode {
            child: ChildId(0),
            start: d(start),
            reason: Code::new(rne).unwrap(),
            legal: Code::new(ls).unwrap(),
            placement: Code::new(place).unwrap(),
            end: end.map(|(e, _)| d(e)),
            reason_ended: end.map(|(_, r)| Code::new(r).unwrap()),
        }
    }

    fn year() -> DateRange {
        DateRange::new(d("2023-04-01"), d("2024-03-31")).unwrap()
    }

    #[test]
    fn a_foster_carer_adoption_a_match_before_the_order_and_the_thresholds() {
        let mut records = CareRecords::default();
        let child = records.child("A");
        records.episodes = vec![
            ep("2021-01-10", "S", "C2", "U1", Some(("2021-06-01", "X1"))),
            ep("2021-06-01", "P", "C2", "U4", Some(("2022-02-01", "X1"))),
            // The placement order, with the same foster carers.
            ep("2022-02-01", "L", "E1", "U4", Some(("2022-05-01", "X1"))),
            // Placed for adoption with them.
            ep("2022-05-01", "T", "E1", "A5", Some(("2023-07-01", "E11"))),
        ];
        for e in &mut records.episodes {
            e.child = child;
        }
        records.placed.push(PlacedForAdoption {
            child,
            placed: d("2022-05-01"),
            ceased: None,
        });
        records.matches.push(AdoptionMatch {
            child,
            decided: Some(d("2021-11-01")),
            matched: Some(d("2022-01-15")),
            by_foster_carer: true,
        });
        let sorted = records.sorted_episodes();
        // A1: 10 January 2021 to 1 May 2022 = 476 days.
        let a1 = average(&records, &sorted, Scorecard::A1, year());
        assert_eq!((a1.mean(), a1.children), (Some(476), 1));
        // A10: the foster placement began 1 June 2021: 142 days.
        assert_eq!(
            average(&records, &sorted, Scorecard::A10, year()).mean(),
            Some(142)
        );
        // A2: matched 15 January 2022, before the order of 1 February: 0 days.
        assert_eq!(
            average(&records, &sorted, Scorecard::A2, year()).mean(),
            Some(0)
        );
        // Outside the three years to March 2024 if adopted in March 2021.
        let early = DateRange::new(d("2019-04-01"), d("2020-03-31")).unwrap();
        assert_eq!(average(&records, &sorted, Scorecard::A1, early).children, 0);
        let t = sample_thresholds();
        assert_eq!(
            threshold_for(&t, Scorecard::A1, d("2024-03-31")).map(|t| t.days),
            Some(426)
        );
        assert_eq!(
            threshold_for(&t, Scorecard::A2, d("2014-03-31")).map(|t| t.days),
            Some(182)
        );
        assert_eq!(threshold_for(&t, Scorecard::A2, d("2012-03-31")), None);
    }

    #[test]
    fn means_round_halves_up_and_three_years_run_to_the_end() {
        assert_eq!(
            Average {
                days: 3,
                children: 2
            }
            .mean(),
            Some(2)
        );
        assert_eq!(
            Average {
                days: 5,
                children: 3
            }
            .mean(),
            Some(2)
        );
        assert_eq!(Average::default().mean(), None);
        let w = three_years_to(d("2024-03-31"));
        assert_eq!(w.start, d("2021-04-01"));
    }
}
