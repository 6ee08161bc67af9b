//! The activity figures of a contact, referral and assessment analysis (the seeds' `000_`
//! report to the board), as written in `docs/measures/front-door.md`: referrals and contacts by
//! source or reason, initial assessments that went on to a core assessment, children in need
//! and children on a plan at a date, and the children a section 47 enquiry was about.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::cases::front_door::{Share, Verdict};
use crate::cases::records::{
    Assessment, AssessmentKind, ChildId, CinEpisode, Contact, DateRange, ProtectionPlan, Referral,
    Section47, Wording,
};

/// A count for each label (none for records without one), largest first, then by label.
pub type Breakdown = Vec<(Option<Wording>, u64)>;

fn largest_first(counts: HashMap<Option<Wording>, u64>) -> Breakdown {
    let mut rows: Breakdown = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

/// The period's referrals by a label of theirs (source or reason), a child's same-day
/// referrals counted once with the label of the first recorded: the counts add up to
/// [`crate::cases::front_door::referrals`].
pub fn referrals_by(
    list: &[Referral],
    period: DateRange,
    label: impl Fn(&Referral) -> Option<Wording>,
) -> Breakdown {
    let mut first: HashMap<(ChildId, NaiveDate), Option<Wording>> = HashMap::new();
    for r in list.iter().filter(|r| period.contains(r.date)) {
        first.entry((r.child, r.date)).or_insert_with(|| label(r));
    }
    let mut counts = HashMap::new();
    for l in first.into_values() {
        *counts.entry(l).or_insert(0) += 1;
    }
    largest_first(counts)
}

/// The period's contacts by source.
pub fn contacts_by_source(list: &[Contact], period: DateRange) -> Breakdown {
    let mut counts = HashMap::new();
    for c in list.iter().filter(|c| period.contains(c.date)) {
        *counts.entry(c.source).or_insert(0) += 1;
    }
    largest_first(counts)
}

/// Contacts in the period whose child had a contact on an earlier day in the 12 months before
/// it (the front door's "repeats"), out of the period's contacts; the 12 months as for
/// re-referrals.
pub fn repeat_contacts(list: &[Contact], period: DateRange) -> Share {
    let mut days: Vec<(ChildId, NaiveDate)> = list.iter().map(|c| (c.child, c.date)).collect();
    days.sort_unstable();
    let mut share = Share::default();
    // The child's latest contact on an earlier day, as the sorted list is walked.
    let mut earlier: Option<(ChildId, NaiveDate)> = None;
    let mut at = 0;
    while at < days.len() {
        let (child, day) = days[at];
        let same_day = days[at..]
            .iter()
            .take_while(|d| **d == (child, day))
            .count();
        if period.contains(day) {
            share.of += same_day as u64;
            let back = crate::cases::front_door::twelve_months_before(day);
            if earlier.is_some_and(|(c, d)| c == child && d >= back) {
                share.count += same_day as u64;
            }
        }
        earlier = Some((child, day));
        at += same_day;
    }
    share
}

/// Initial assessments authorised in the period that went on to a core assessment, out of those
/// authorised in the period: the child has a core assessment starting on or after the initial
/// assessment's start and before the child's next initial assessment. (The seeds' "58% of
/// initial assessments progressed to core assessment"; no national definition was found.)
pub fn initial_to_core(list: &[Assessment], period: DateRange) -> Share {
    let mut by_child: HashMap<ChildId, Vec<&Assessment>> = HashMap::new();
    for a in list.iter().filter(|a| a.kind != AssessmentKind::Single) {
        by_child.entry(a.child).or_default().push(a);
    }
    let mut share = Share::default();
    for mut own in by_child.into_values() {
        own.sort_by_key(|a| a.start);
        for initial in own.iter().filter(|a| a.kind == AssessmentKind::Initial) {
            if !initial.authorised.is_some_and(|d| period.contains(d)) {
                continue;
            }
            share.of += 1;
            let next_initial = own
                .iter()
                .filter(|a| a.kind == AssessmentKind::Initial && a.start > initial.start)
                .map(|a| a.start)
                .min();
            if own.iter().any(|a| {
                a.kind == AssessmentKind::Core
                    && a.start >= initial.start
                    && next_initial.is_none_or(|next| a.start < next)
            }) {
                share.count += 1;
            }
        }
    }
    share
}

/// Children with an episode of need open at the end of `date` (the seeds' "open CiN cases as
/// of 31st March"): a child with two open episodes is one case.
pub fn open_cases(list: &[CinEpisode], date: NaiveDate) -> u64 {
    let mut children: Vec<ChildId> = list
        .iter()
        .filter(|e| e.open_on(date))
        .map(|e| e.child)
        .collect();
    children.sort_unstable();
    children.dedup();
    children.len() as u64
}

/// The verdict on each child with an episode of need open at the end of `date` (the figure is
/// [`open_cases`]): dated by the child's earliest open episode's start.
pub fn open_cases_each(list: &[CinEpisode], date: NaiveDate, each: &mut dyn FnMut(Verdict)) {
    let mut open: Vec<(ChildId, NaiveDate)> = list
        .iter()
        .filter(|e| e.open_on(date))
        .map(|e| (e.child, e.start))
        .collect();
    open.sort_unstable();
    open.dedup_by_key(|o| o.0);
    for (child, start) in open {
        each(Verdict {
            child,
            date: start,
            counted: true,
        });
    }
}

/// The verdict on each case open at the end of `date` as the caseloads count it (a child open to
/// one worker once, whatever its episodes): in the count when allocated to a social worker, in
/// the total only when not. Dated by the episode's start.
pub fn caseload_each(list: &[CinEpisode], date: NaiveDate, each: &mut dyn FnMut(Verdict)) {
    let mut open: Vec<(Option<Wording>, Option<Wording>, ChildId, NaiveDate)> = list
        .iter()
        .filter(|e| e.open_on(date))
        .map(|e| (e.team, e.worker, e.child, e.start))
        .collect();
    open.sort_unstable();
    open.dedup_by_key(|o| (o.0, o.1, o.2));
    for (_, worker, child, start) in open {
        each(Verdict {
            child,
            date: start,
            counted: worker.is_some(),
        });
    }
}

/// Allocated cases per social worker at the end of `date`, to one decimal place, halves up:
/// the cases [`caseload_each`] counts, over the social workers (each team's named workers) with
/// at least one; none when no case is allocated.
pub fn caseload_per_worker(list: &[CinEpisode], date: NaiveDate) -> Option<rust_decimal::Decimal> {
    use rust_decimal::{Decimal, RoundingStrategy};
    let mut allocated = 0u64;
    caseload_each(list, date, &mut |v| allocated += u64::from(v.counted));
    let mut workers: Vec<(Option<Wording>, Wording)> = list
        .iter()
        .filter(|e| e.open_on(date))
        .filter_map(|e| e.worker.map(|w| (e.team, w)))
        .collect();
    workers.sort_unstable();
    workers.dedup();
    Decimal::from(allocated)
        .checked_div(Decimal::from(workers.len() as u64))
        .map(|a| a.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero))
}

/// One team's caseloads at a date: its social workers with open cases, the children open to
/// it, the most any one worker holds, and the children with no worker named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLoad {
    pub team: Option<Wording>,
    pub workers: u64,
    pub cases: u64,
    pub highest: u64,
    pub unallocated: u64,
}

impl TeamLoad {
    /// Allocated cases per worker, to one decimal place, halves up; none without workers.
    pub fn average(&self) -> Option<rust_decimal::Decimal> {
        use rust_decimal::{Decimal, RoundingStrategy};
        let allocated = Decimal::from(self.cases - self.unallocated);
        allocated
            .checked_div(Decimal::from(self.workers))
            .map(|a| a.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Each team's caseloads at the end of `date`, from the episodes of need open then (the seeds'
/// "some social workers have caseloads in excess of 30 children"): a child open twice to one
/// worker is one case. Teams in order of their cases, largest first.
pub fn caseloads(list: &[CinEpisode], date: NaiveDate) -> Vec<TeamLoad> {
    let mut open: Vec<(Option<Wording>, Option<Wording>, ChildId)> = list
        .iter()
        .filter(|e| e.open_on(date))
        .map(|e| (e.team, e.worker, e.child))
        .collect();
    open.sort_unstable();
    open.dedup();
    let mut teams: Vec<TeamLoad> = Vec::new();
    for chunk in open.chunk_by(|a, b| a.0 == b.0) {
        let mut children: Vec<ChildId> = chunk.iter().map(|c| c.2).collect();
        children.sort_unstable();
        children.dedup();
        let mut load = TeamLoad {
            team: chunk[0].0,
            workers: 0,
            cases: children.len() as u64,
            highest: 0,
            unallocated: 0,
        };
        for worker in chunk.chunk_by(|a, b| a.1 == b.1) {
            let n = worker.len() as u64;
            if worker[0].1.is_some() {
                load.workers += 1;
                load.highest = load.highest.max(n);
            } else {
                load.unallocated += n;
            }
        }
        teams.push(load);
    }
    teams.sort_by(|a, b| b.cases.cmp(&a.cases).then(a.team.cmp(&b.team)));
    teams
}

/// Children on a child protection plan at the end of `date`: started by then, not ended by then.
pub fn on_plans(list: &[ProtectionPlan], date: NaiveDate) -> u64 {
    crate::cases::front_door::Share::of(|each| {
        crate::cases::protection::children_on_plans_each(list, date, each);
    })
    .of
}

/// The last day of each month ending in the period, in order: the dates a year's "high of 118
/// reducing to 83 at the end of the year" is read at.
pub fn month_ends(period: DateRange) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(period.start.year(), period.start.month(), 1);
    while let Some(month) = first {
        let next = month.checked_add_months(chrono::Months::new(1));
        let Some(end) = next.and_then(|n| n.pred_opt()) else {
            break;
        };
        if end > period.end {
            break;
        }
        if end >= period.start {
            ends.push(end);
        }
        first = next;
    }
    ends
}

/// Children with a section 47 enquiry started in the period, and of them those with an initial
/// conference from any of those enquiries (the seeds' "260 individuals were subject to a
/// Section 47 Enquiry, of which approximately 70% led to an Initial Child Protection
/// Conference").
pub fn enquiry_children(list: &[Section47], period: DateRange) -> Share {
    let mut children: HashMap<ChildId, bool> = HashMap::new();
    for e in list.iter().filter(|e| period.contains(e.start)) {
        *children.entry(e.child).or_default() |= e.conference.is_some();
    }
    Share {
        count: children.values().filter(|c| **c).count() as u64,
        of: children.len() as u64,
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
        DateRange::new(d("2011-04-01"), d("2012-03-31")).unwrap()
    }

    fn assessment(child: u32, kind: AssessmentKind, start: &str, done: &str) -> Assessment {
        Assessment {
            child: ChildId(child),
            kind,
            start: d(start),
            authorised: Some(d(done)),
        }
    }

    #[test]
    fn an_initial_goes_on_to_the_core_before_the_childs_next_initial() {
        use AssessmentKind::{Core, Initial};
        let list = [
            // Child 1: initial, then core: went on.
            assessment(1, Initial, "2011-05-02", "2011-05-10"),
            assessment(1, Core, "2011-05-11", "2011-06-20"),
            // Child 2: two initials, the core after the second: only the second went on.
            assessment(2, Initial, "2011-06-01", "2011-06-08"),
            assessment(2, Initial, "2011-09-01", "2011-09-08"),
            assessment(2, Core, "2011-09-09", "2011-10-20"),
            // Child 3: an initial authorised last year is not this year's.
            assessment(3, Initial, "2011-03-20", "2011-03-30"),
            assessment(3, Core, "2011-04-04", "2011-05-20"),
        ];
        assert_eq!(initial_to_core(&list, year()), Share { count: 2, of: 3 });
    }

    #[test]
    fn cases_and_plans_open_at_the_end_of_a_day_count_children_once() {
        let episode = |child, start: &str, closed: Option<&str>| CinEpisode {
            child: ChildId(child),
            start: d(start),
            closed: closed.map(d),
            team: None,
            worker: None,
        };
        let list = [
            episode(1, "2011-01-01", None),
            episode(1, "2011-06-01", None),
            episode(2, "2011-01-01", Some("2012-03-31")),
            episode(3, "2012-03-31", None),
        ];
        // Child 2 closed on the day: not open at its end; child 3 opened on it: open.
        assert_eq!(open_cases(&list, d("2012-03-31")), 2);
        let plan = |child, start: &str, end: Option<&str>| ProtectionPlan {
            child: ChildId(child),
            start: d(start),
            end: end.map(d),
            previous_plans: None,
        };
        let plans = [
            plan(1, "2011-04-01", Some("2011-04-30")),
            plan(2, "2011-04-15", None),
        ];
        assert_eq!(on_plans(&plans, d("2011-04-29")), 2);
        assert_eq!(on_plans(&plans, d("2011-04-30")), 1);
    }

    #[test]
    fn the_caseload_per_worker_is_its_verdicts_over_the_workers() {
        let w = |i| Some(Wording::of(i));
        let open = |child, team, worker| CinEpisode {
            child: ChildId(child),
            start: d("2011-01-01"),
            closed: None,
            team,
            worker,
        };
        let list = [
            open(1, w(1), w(10)),
            open(1, w(1), w(10)), // the same case twice: one
            open(2, w(1), w(10)),
            open(3, w(1), w(11)),
            open(4, w(1), None),  // unallocated: in the total only
            open(5, w(2), w(10)), // the same name in another team: another worker
            CinEpisode {
                closed: Some(d("2011-06-01")),
                ..open(6, w(2), w(12))
            },
        ];
        let end = d("2012-03-31");
        let mut verdicts = Vec::new();
        caseload_each(&list, end, &mut |v| verdicts.push(v.counted));
        assert_eq!(verdicts.len(), 5);
        assert_eq!(verdicts.iter().filter(|c| **c).count(), 4);
        // 4 allocated cases over 3 workers.
        assert_eq!(
            caseload_per_worker(&list, end),
            Some(rust_decimal::Decimal::new(13, 1))
        );
        let mut children = 0;
        open_cases_each(&list, end, &mut |_| children += 1);
        assert_eq!(children, open_cases(&list, end));
        assert_eq!(children, 5);
        assert_eq!(caseload_per_worker(&[open(1, w(1), None)], end), None);
    }

    #[test]
    fn caseloads_count_each_workers_children_once_by_team() {
        let w = |i| Some(Wording::of(i));
        let open = |child, team, worker| CinEpisode {
            child: ChildId(child),
            start: d("2011-01-01"),
            closed: None,
            team,
            worker,
        };
        let list = [
            open(1, w(0), w(10)),
            open(1, w(0), w(10)), // the same child twice to one worker: one case
            open(2, w(0), w(10)),
            open(3, w(0), w(11)),
            open(4, w(0), None),
            open(5, w(1), w(12)),
            CinEpisode {
                closed: Some(d("2011-06-01")),
                ..open(6, w(1), w(12))
            },
        ];
        let loads = caseloads(&list, d("2012-03-31"));
        assert_eq!(
            loads[0],
            TeamLoad {
                team: w(0),
                workers: 2,
                cases: 4,
                highest: 2,
                unallocated: 1
            }
        );
        assert_eq!(loads[0].average().unwrap().to_string(), "1.5");
        assert_eq!((loads[1].cases, loads[1].highest), (1, 1));
    }

    #[test]
    fn a_financial_year_has_twelve_month_ends() {
        let ends = month_ends(year());
        assert_eq!(ends.len(), 12);
        assert_eq!(ends[0], d("2011-04-30"));
        assert_eq!(ends[10], d("2012-02-29"));
        assert_eq!(ends[11], d("2012-03-31"));
        // A period ending mid-month leaves that month out.
        let part = DateRange::new(d("2011-04-01"), d("2011-06-15")).unwrap();
        assert_eq!(month_ends(part).len(), 2);
    }

    #[test]
    fn an_enquirys_child_counts_once_and_any_conference_counts() {
        let e = |child, start: &str, conference: Option<&str>| Section47 {
            child: ChildId(child),
            start: d(start),
            conference: conference.map(d),
            no_conference_needed: false,
        };
        let list = [
            e(1, "2011-05-01", None),
            e(1, "2011-08-01", Some("2011-08-15")),
            e(2, "2011-05-01", None),
            e(3, "2011-03-01", Some("2011-03-15")),
        ];
        assert_eq!(enquiry_children(&list, year()), Share { count: 1, of: 2 });
    }

    #[test]
    fn a_repeat_contact_had_another_on_an_earlier_day_within_twelve_months() {
        let contact = |child, date: &str| Contact {
            child: ChildId(child),
            date: d(date),
            source: None,
        };
        let list = [
            contact(1, "2010-06-01"),
            contact(1, "2011-06-01"), // exactly 12 months on: a repeat
            contact(1, "2011-06-01"), // the same day twice: both repeats, neither the other's
            contact(2, "2011-05-01"),
            contact(2, "2011-05-01"), // same day only: not repeats
            contact(3, "2010-05-31"),
            contact(3, "2011-06-01"), // a year and a day: not a repeat
        ];
        assert_eq!(repeat_contacts(&list, year()), Share { count: 2, of: 5 });
    }

    proptest! {
        /// Repeats agree with comparing every pair of contacts.
        #[test]
        fn repeats_agree_with_comparing_every_pair(
            list in proptest::collection::vec((0u32..4, 0i64..800), 0..40)
        ) {
            let list: Vec<Contact> = list
                .into_iter()
                .map(|(child, day)| Contact {
                    child: ChildId(child),
                    date: d("2010-03-01") + chrono::Duration::days(day),
                    source: None,
                })
                .collect();
            let period = year();
            let mut slow = Share::default();
            for c in list.iter().filter(|c| period.contains(c.date)) {
                slow.of += 1;
                let back = crate::cases::front_door::twelve_months_before(c.date);
                if list.iter().any(|o| o.child == c.child && o.date < c.date && o.date >= back) {
                    slow.count += 1;
                }
            }
            prop_assert_eq!(repeat_contacts(&list, period), slow);
        }

        /// The breakdown's counts add up to the period's referrals, however the records repeat.
        #[test]
        fn a_breakdown_adds_up_to_the_referrals(
            list in proptest::collection::vec((0u32..5, 0i64..500, 0u32..3), 0..50)
        ) {
            let list: Vec<Referral> = list
                .into_iter()
                .map(|(child, day, source)| Referral {
                    child: ChildId(child),
                    date: d("2011-01-01") + chrono::Duration::days(day),
                    source: Some(Wording::of(source)),
                    reason: None,
                    nfa: false,
                })
                .collect();
            let total: u64 = referrals_by(&list, year(), |r| r.source).iter().map(|r| r.1).sum();
            let days = crate::cases::front_door::ReferralDays::new(&list);
            prop_assert_eq!(total, crate::cases::front_door::referrals(&days, year()));
        }
    }
}
