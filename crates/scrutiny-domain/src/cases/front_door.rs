//! The front-door measures, each as written in `docs/measures/front-door.md` (version
//! [`VERSION`]): contacts, referrals, contacts that became referrals, re-referrals within 12
//! months, referrals ending in no further action, and assessments authorised within their
//! working-day limit. Every measure is a count over a period, or a share with its numerator and
//! denominator, so a report can suppress or round as the council sets.
//!
//! Choices where the national guidance is silent (each stated in the definitions page):
//! a child's referrals on the same day are one referral; "within 12 months before" a referral is
//! from the same date twelve calendar months earlier (clamped to the month's end, so 29 February
//! looks back to 28 February) up to the day before; working days are those after the start up to
//! and including the end, so a same-day completion took 0.

use chrono::{Datelike, Months, NaiveDate};

use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::records::{Assessment, AssessmentKind, ChildId, Contact, DateRange, Referral};

/// The definitions' version, carried with every figure computed here.
pub const VERSION: &str = "front-door 1.1 (2026-12-06)";

/// A count out of a total: the figure a board reads as a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    pub count: u64,
    pub of: u64,
}

impl Share {
    /// One more record in the total, and in the count if `counted`.
    pub fn add(&mut self, counted: bool) {
        self.of += 1;
        self.count += u64::from(counted);
    }

    /// The share of the verdicts `run` gives: each measure is written once, as the verdict on
    /// each record it reads, and counted here or listed ("why this number").
    pub fn tally<E>(
        run: impl FnOnce(&mut dyn FnMut(Verdict)) -> Result<(), E>,
    ) -> Result<Share, E> {
        let mut share = Share::default();
        run(&mut |v: Verdict| share.add(v.counted))?;
        Ok(share)
    }

    /// As [`Share::tally`], for a measure that cannot fail.
    pub fn of(run: impl FnOnce(&mut dyn FnMut(Verdict))) -> Share {
        let mut share = Share::default();
        run(&mut |v: Verdict| share.add(v.counted));
        share
    }

    /// As a percentage rounded by the council's rule, e.g. "75%"; "–" when out of none.
    pub fn percent(self, dp: u32, rounding: crate::format::Rounding) -> String {
        crate::format::percentage_by(
            rust_decimal::Decimal::from(self.count),
            rust_decimal::Decimal::from(self.of),
            dp,
            rounding,
        )
        .map_or_else(|| "–".to_string(), |p| format!("{p}%"))
    }
}

/// One record's part in a figure: the child, the record's date (the referral's, the contact's,
/// the assessment's authorisation), and whether it is counted (for a share: in the count as
/// well as the total). "Why this number" lists these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub child: ChildId,
    pub date: NaiveDate,
    pub counted: bool,
}

/// A day as a number that orders as the days do (days since 1 January of year 1).
fn day_number(date: NaiveDate) -> u64 {
    u64::try_from(date.num_days_from_ce()).unwrap_or(0)
}

fn day_of(number: u64) -> NaiveDate {
    i32::try_from(number)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN)
}

/// A child's day as one number ordering by child, then day; the lowest bit is left for a flag.
fn child_day(child: ChildId, date: NaiveDate) -> u64 {
    (u64::from(child.0) << 32) | (day_number(date) << 1)
}

/// Contacts dated in the period.
pub fn contacts(list: &[Contact], period: DateRange) -> u64 {
    Share::of(|each| contacts_each(list, period, each)).of
}

pub fn contacts_each(list: &[Contact], period: DateRange, each: &mut dyn FnMut(Verdict)) {
    for c in list.iter().filter(|c| period.contains(c.date)) {
        each(Verdict {
            child: c.child,
            date: c.date,
            counted: true,
        });
    }
}

/// Each child's referral days, in order: a child referred twice on one day has one referral,
/// which ended in no further action if any record of it says so. Every referral measure reads
/// this; it is built once for them all ([`crate::cases::measure::Prepared`]).
///
/// Held as one sorted number per referral day (child, day, and the flag in the lowest bit):
/// sorting ten million numbers takes a fraction of a second, where a map of sets per child took
/// most of the time and several times the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferralDays {
    keys: Vec<u64>,
}

impl ReferralDays {
    pub fn new(list: &[Referral]) -> ReferralDays {
        let mut all: Vec<u64> = list
            .iter()
            .map(|r| child_day(r.child, r.date) | u64::from(r.nfa))
            .collect();
        // On every core: ten million referrals are common at a region's scale.
        rayon::slice::ParallelSliceMut::par_sort_unstable(all.as_mut_slice());
        // Same child and day: one referral, flagged if either was (the flagged sorts last).
        let mut keys: Vec<u64> = Vec::with_capacity(all.len());
        for k in all {
            match keys.last_mut() {
                Some(last) if *last >> 1 == k >> 1 => *last |= k,
                _ => keys.push(k),
            }
        }
        keys.shrink_to_fit();
        ReferralDays { keys }
    }

    fn child(key: u64) -> u64 {
        key >> 32
    }

    fn verdict(key: u64, counted: bool) -> Verdict {
        Verdict {
            child: ChildId(u32::try_from(key >> 32).unwrap_or(u32::MAX)),
            date: ReferralDays::day(key),
            counted,
        }
    }

    fn day(key: u64) -> NaiveDate {
        day_of((key & 0xFFFF_FFFF) >> 1)
    }

    /// The positions of the referral days in the period.
    fn in_period(&self, period: DateRange) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = (day_number(period.start), day_number(period.end));
        self.keys.iter().enumerate().filter_map(move |(i, k)| {
            let day = (k & 0xFFFF_FFFF) >> 1;
            (from <= day && day <= to).then_some(i)
        })
    }
}

/// Referrals dated in the period, a child's same-day referrals counted once.
pub fn referrals(days: &ReferralDays, period: DateRange) -> u64 {
    Share::of(|each| referrals_each(days, period, each)).of
}

pub fn referrals_each(days: &ReferralDays, period: DateRange, each: &mut dyn FnMut(Verdict)) {
    for i in days.in_period(period) {
        each(ReferralDays::verdict(days.keys[i], true));
    }
}

/// The first day of the 12 months before `date`: the same date a year earlier, clamped to the
/// month's end.
pub fn twelve_months_before(date: NaiveDate) -> NaiveDate {
    date.checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN)
}

/// Referrals in the period whose child had another referral in the 12 months before it, out of
/// the period's referrals. Needs the year before the period's history to count its first months
/// right; a referral is never compared with today.
pub fn re_referrals(days: &ReferralDays, period: DateRange) -> Share {
    Share::of(|each| re_referrals_each(days, period, each))
}

pub fn re_referrals_each(days: &ReferralDays, period: DateRange, each: &mut dyn FnMut(Verdict)) {
    for i in days.in_period(period) {
        let key = days.keys[i];
        // The child's latest earlier referral is the one before it in order.
        let again = i
            .checked_sub(1)
            .and_then(|b| days.keys.get(b))
            .is_some_and(|&before| {
                ReferralDays::child(before) == ReferralDays::child(key)
                    && ReferralDays::day(before) >= twelve_months_before(ReferralDays::day(key))
            });
        each(ReferralDays::verdict(key, again));
    }
}

/// Referrals in the period that ended in no further action, out of the period's referrals (a
/// child's same-day referrals are one, and it ended in no further action if any record of it
/// says so).
pub fn no_further_action(days: &ReferralDays, period: DateRange) -> Share {
    Share::of(|each| no_further_action_each(days, period, each))
}

pub fn no_further_action_each(
    days: &ReferralDays,
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for i in days.in_period(period) {
        let key = days.keys[i];
        each(ReferralDays::verdict(key, key & 1 == 1));
    }
}

/// Contacts in the period whose child was referred on the contact's day or within `days`
/// calendar days after it, out of the period's contacts. The national guidance has no
/// definition; the window is the council's setting.
pub fn contacts_referred(
    contacts: &[Contact],
    referred: &ReferralDays,
    period: DateRange,
    days: u64,
) -> Share {
    Share::of(|each| contacts_referred_each(contacts, referred, period, days, each))
}

pub fn contacts_referred_each(
    contacts: &[Contact],
    referred: &ReferralDays,
    period: DateRange,
    days: u64,
    each: &mut dyn FnMut(Verdict),
) {
    let mut made: Vec<u64> = contacts
        .iter()
        .filter(|c| period.contains(c.date))
        .map(|c| child_day(c.child, c.date))
        .collect();
    rayon::slice::ParallelSliceMut::par_sort_unstable(made.as_mut_slice());
    // Both in order: one walk finds each contact's child's first referral on or after its day.
    let mut at = 0;
    for contact in made {
        while referred.keys.get(at).is_some_and(|k| k & !1 < contact) {
            at += 1;
        }
        let counted = referred.keys.get(at).is_some_and(|&k| {
            ReferralDays::child(k) == contact >> 32
                && ((k & 0xFFFF_FFFF) >> 1) <= ((contact & 0xFFFF_FFFF) >> 1) + days
        });
        each(ReferralDays::verdict(contact, counted));
    }
}

/// Assessments of `kind` authorised in the period within their working-day limit (from start
/// to authorisation), out of those authorised in the period. An error when a date is beyond
/// the bank holidays held, never a guess.
pub fn assessments_in_time(
    list: &[Assessment],
    kind: AssessmentKind,
    period: DateRange,
    calendar: &BankHolidays,
) -> Result<Share, CalendarError> {
    Share::tally(|each| assessments_in_time_each(list, kind, period, calendar, each))
}

pub fn assessments_in_time_each(
    list: &[Assessment],
    kind: AssessmentKind,
    period: DateRange,
    calendar: &BankHolidays,
    each: &mut dyn FnMut(Verdict),
) -> Result<(), CalendarError> {
    for a in list.iter().filter(|a| a.kind == kind) {
        let Some(done) = a.authorised.filter(|d| period.contains(*d)) else {
            continue;
        };
        each(Verdict {
            child: a.child,
            date: done,
            counted: calendar.working_days_between(a.start, done)? <= i64::from(kind.limit()),
        });
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    fn year(start: &str, end: &str) -> DateRange {
        DateRange::new(d(start), d(end)).unwrap()
    }

    /// A child named by one letter, numbered by it.
    fn c(name: &str) -> ChildId {
        ChildId(u32::from(name.as_bytes()[0]))
    }

    fn re_referrals(list: &[Referral], period: DateRange) -> Share {
        super::re_referrals(&ReferralDays::new(list), period)
    }

    fn referral(child: &str, date: &str) -> Referral {
        Referral {
            child: c(child),
            date: d(date),
            source: None,
            reason: None,
            nfa: false,
        }
    }

    #[test]
    fn twelve_months_across_a_leap_year() {
        // 1 March 2023 to 29 February 2024 is 365 days, and 28 February 2023 to 29 February
        // 2024 is 366: both are within 12 months, as 29 February looks back to 28 February.
        let whole = year("2023-04-01", "2024-03-31");
        for earlier in ["2023-03-01", "2023-02-28"] {
            let list = [referral("A", earlier), referral("A", "2024-02-29")];
            assert_eq!(re_referrals(&list, whole).count, 1, "{earlier}");
        }
        let list = [referral("A", "2023-02-27"), referral("A", "2024-02-29")];
        assert_eq!(re_referrals(&list, whole).count, 0);
        // 366 days apart outside a leap year is more than 12 months.
        let list = [referral("A", "2022-03-01"), referral("A", "2023-03-02")];
        assert_eq!(
            re_referrals(&list, year("2022-04-01", "2023-03-31")).count,
            0
        );
        // Exactly 12 months to the day is within.
        let list = [referral("A", "2022-03-02"), referral("A", "2023-03-02")];
        assert_eq!(
            re_referrals(&list, year("2022-04-01", "2023-03-31")).count,
            1
        );
    }

    #[test]
    fn same_day_referrals_are_one_and_not_a_re_referral() {
        let list = [referral("A", "2023-06-01"), referral("A", "2023-06-01")];
        let whole = year("2023-04-01", "2024-03-31");
        assert_eq!(referrals(&ReferralDays::new(&list), whole), 1);
        assert_eq!(re_referrals(&list, whole), Share { count: 0, of: 1 });
    }

    #[test]
    fn a_referral_is_never_counted_back_from_today() {
        // The earlier referral is in the year before the period: it still makes the first
        // months' referral a re-referral.
        let list = [referral("A", "2023-02-01"), referral("A", "2023-05-01")];
        assert_eq!(
            re_referrals(&list, year("2023-04-01", "2024-03-31")),
            Share { count: 1, of: 1 }
        );
    }

    #[test]
    fn assessment_days_run_after_the_start_up_to_the_authorisation() {
        let cal = BankHolidays::england_and_wales().unwrap();
        let assessment = |start: &str, done: &str| Assessment {
            child: c("A"),
            kind: AssessmentKind::Single,
            start: d(start),
            authorised: Some(d(done)),
        };
        let may = year("2024-05-01", "2024-05-31");
        // Same day: 0 working days. Friday 3 May to Monday 6 May 2024, a bank holiday: 0.
        for (start, done) in [("2024-05-02", "2024-05-02"), ("2024-05-03", "2024-05-06")] {
            let a = assessment(start, done);
            assert_eq!(
                cal.working_days_between(a.start, done.parse().unwrap())
                    .unwrap(),
                0,
                "{start}"
            );
        }
        // 45 working days from Monday 4 March 2024 (Good Friday and Easter Monday between) is
        // Thursday 9 May; the 10th is the 46th.
        let list = [
            assessment("2024-03-04", "2024-05-09"),
            assessment("2024-03-04", "2024-05-10"),
        ];
        assert_eq!(
            assessments_in_time(&list, AssessmentKind::Single, may, &cal).unwrap(),
            Share { count: 1, of: 2 }
        );
        // Beyond the calendar is an error, not a guess.
        let far = [assessment("2099-01-05", "2099-02-02")];
        let far_year = year("2099-01-01", "2099-12-31");
        assert!(assessments_in_time(&far, AssessmentKind::Single, far_year, &cal).is_err());
    }

    #[test]
    fn contacts_referred_within_the_councils_window() {
        let made = [
            Contact {
                child: c("A"),
                date: d("2024-04-02"),
                source: None,
            },
            Contact {
                child: c("B"),
                date: d("2024-04-02"),
                source: None,
            },
        ];
        let list = [referral("A", "2024-04-03"), referral("B", "2024-04-10")];
        let april = year("2024-04-01", "2024-04-30");
        assert_eq!(
            contacts_referred(&made, &ReferralDays::new(&list), april, 1),
            Share { count: 1, of: 2 }
        );
        assert_eq!(contacts(&made, april), 2);
    }

    /// The slow, obviously correct reading of the re-referral rule: every pair compared.
    fn re_referrals_by_pairs(list: &[Referral], period: DateRange) -> Share {
        let mut seen: Vec<(ChildId, NaiveDate)> = Vec::new();
        let mut share = Share::default();
        for r in list {
            if !period.contains(r.date) || seen.contains(&(r.child, r.date)) {
                continue;
            }
            seen.push((r.child, r.date));
            share.of += 1;
            let from = twelve_months_before(r.date);
            if list
                .iter()
                .any(|o| o.child == r.child && o.date >= from && o.date < r.date)
            {
                share.count += 1;
            }
        }
        share
    }

    /// Working days counted one day at a time from the published holiday list.
    fn working_days_by_walking(cal: &BankHolidays, from: NaiveDate, to: NaiveDate) -> i64 {
        let holidays: Vec<NaiveDate> = cal.dates().copied().collect();
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .filter(|d| !holidays.contains(d))
            .count() as i64
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..1500).prop_map(|n| d("2021-01-01") + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn re_referrals_agree_with_comparing_every_pair(
            list in proptest::collection::vec((0u8..6, any_day()), 0..60)
        ) {
            let list: Vec<Referral> = list
                .into_iter()
                .map(|(child, date)| Referral { child: ChildId(u32::from(child)), date, source: None, reason: None, nfa: false })
                .collect();
            let period = year("2022-04-01", "2023-03-31");
            prop_assert_eq!(re_referrals(&list, period), re_referrals_by_pairs(&list, period));
        }

        #[test]
        fn timeliness_agrees_with_walking_the_days(start in any_day(), length in 0u64..120) {
            let cal = BankHolidays::england_and_wales().unwrap();
            let done = start + chrono::Days::new(length);
            let walked = working_days_by_walking(&cal, start, done);
            prop_assert_eq!(cal.working_days_between(start, done).unwrap(), walked);
            let list = [Assessment { child: c("A"), kind: AssessmentKind::Single, start, authorised: Some(done) }];
            let whole = DateRange::new(done, done).unwrap();
            let share = assessments_in_time(&list, AssessmentKind::Single, whole, &cal).unwrap();
            prop_assert_eq!(share.count == 1, walked <= 45);
        }
    }
}
