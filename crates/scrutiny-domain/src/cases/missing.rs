//! Missing and absent episodes of looked-after children from the 903's Missing table, as
//! written in `docs/measures/children-in-care.md`: an episode belongs to the period it started
//! in (one still open at the period's end counts; one that started before the period does not).

use crate::cases::care::{Away, ChildId, MissingEpisode};
use crate::cases::front_door::{Share, Verdict};
use crate::cases::records::DateRange;

/// Episodes of `kind` (missing, or absent without authorisation) that started in the period.
pub fn episodes(list: &[MissingEpisode], kind: Away, period: DateRange) -> u64 {
    Share::of(|each| episodes_each(list, kind, period, each)).of
}

pub fn episodes_each(
    list: &[MissingEpisode],
    kind: Away,
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for m in list
        .iter()
        .filter(|m| m.kind == kind && period.contains(m.start))
    {
        each(Verdict {
            child: m.child,
            date: m.start,
            counted: true,
        });
    }
}

/// Days after a child's return within which the return interview must be held: 72 hours,
/// counted in days because the records hold dates, not times.
pub const INTERVIEW_DAYS: i64 = 3;

/// Return interviews held in time: of the missing episodes that ended (the child returned) in
/// the period, those with an interview no more than `INTERVIEW_DAYS` after the return. An
/// episode with no interview recorded is in the total only.
pub fn interviews_in_time(list: &[MissingEpisode], period: DateRange) -> Share {
    Share::of(|each| interviews_in_time_each(list, period, each))
}

pub fn interviews_in_time_each(
    list: &[MissingEpisode],
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    for m in list.iter().filter(|m| m.kind == Away::Missing) {
        let Some(back) = m.end.filter(|d| period.contains(*d)) else {
            continue;
        };
        let in_time = m
            .interview
            .is_some_and(|i| i >= back && (i - back).num_days() <= INTERVIEW_DAYS);
        each(Verdict {
            child: m.child,
            date: back,
            counted: in_time,
        });
    }
}

/// Children with at least one episode of `kind` that started in the period.
pub fn children(list: &[MissingEpisode], kind: Away, period: DateRange) -> u64 {
    Share::of(|each| children_each(list, kind, period, each)).of
}

/// Each child's first episode of `kind` started in the period.
pub fn children_each(
    list: &[MissingEpisode],
    kind: Away,
    period: DateRange,
    each: &mut dyn FnMut(Verdict),
) {
    let mut first: Vec<(ChildId, chrono::NaiveDate)> = list
        .iter()
        .filter(|m| m.kind == kind && period.contains(m.start))
        .map(|m| (m.child, m.start))
        .collect();
    first.sort_unstable();
    first.dedup_by_key(|f| f.0);
    for (child, date) in first {
        each(Verdict {
            child,
            date,
            counted: true,
        });
    }
}

/// The episodes of `kind` started in a period, by how long the child was away (the week's
/// missing report): back the same day, after one or two days, after three days or more (the
/// 72 hours a return interview is due in), or still away at the period's end; and the children
/// away more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lengths {
    pub started: u64,
    pub children: u64,
    pub same_day: u64,
    pub one_or_two_days: u64,
    pub three_days_or_more: u64,
    pub still_away: u64,
    pub more_than_once: u64,
}

pub fn lengths(list: &[MissingEpisode], kind: Away, period: DateRange) -> Lengths {
    let mut out = Lengths::default();
    let mut who: Vec<ChildId> = Vec::new();
    for m in list
        .iter()
        .filter(|m| m.kind == kind && period.contains(m.start))
    {
        out.started += 1;
        who.push(m.child);
        match m.end.filter(|e| *e <= period.end) {
            None => out.still_away += 1,
            Some(e) => match (e - m.start).num_days() {
                ..=0 => out.same_day += 1,
                1..=2 => out.one_or_two_days += 1,
                _ => out.three_days_or_more += 1,
            },
        }
    }
    who.sort_unstable();
    let mut runs = who.chunk_by(|a, b| a == b);
    out.children = runs.clone().count() as u64;
    out.more_than_once = runs.by_ref().filter(|r| r.len() > 1).count() as u64;
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn episodes_by_their_start_and_children_once() {
        let d = |s: &str| crate::period::parse_date(s).unwrap();
        let m = |c: u32, kind: Away, start: &str| MissingEpisode {
            interview: None,
            child: ChildId(c),
            kind,
            start: d(start),
            end: None::<NaiveDate>,
        };
        let list = [
            m(1, Away::Missing, "2023-03-31"),
            m(1, Away::Missing, "2023-04-01"),
            m(1, Away::Missing, "2024-03-31"),
            m(2, Away::Absent, "2023-05-01"),
            m(3, Away::Missing, "2023-06-01"),
        ];
        let year = DateRange::new(d("2023-04-01"), d("2024-03-31")).unwrap();
        assert_eq!(episodes(&list, Away::Missing, year), 3);
        assert_eq!(children(&list, Away::Missing, year), 2);
        assert_eq!(episodes(&list, Away::Absent, year), 1);
    }

    #[test]
    fn lengths_by_days_away_and_the_children_away_twice() {
        let d = |s: &str| crate::period::parse_date(s).unwrap();
        let m = |c: u32, start: &str, end: Option<&str>| MissingEpisode {
            interview: None,
            child: ChildId(c),
            kind: Away::Missing,
            start: d(start),
            end: end.map(d),
        };
        let week = DateRange::new(d("2024-04-29"), d("2024-05-05")).unwrap();
        let list = [
            m(1, "2024-04-29", Some("2024-04-29")),
            m(1, "2024-05-01", Some("2024-05-03")),
            m(2, "2024-05-02", Some("2024-05-05")),
            // Back after the week's end: still away at it.
            m(3, "2024-05-04", Some("2024-05-07")),
            m(4, "2024-05-05", None),
            m(5, "2024-04-28", None),
        ];
        assert_eq!(
            lengths(&list, Away::Missing, week),
            Lengths {
                started: 5,
                children: 4,
                same_day: 1,
                one_or_two_days: 1,
                three_days_or_more: 1,
                still_away: 2,
                more_than_once: 1,
            }
        );
    }

    #[test]
    fn a_return_interview_counts_within_three_days_of_the_return() {
        let d = |s: &str| crate::period::parse_date(s).unwrap();
        let ep = |c: u32, end: &str, interview: Option<&str>| MissingEpisode {
            child: ChildId(c),
            kind: Away::Missing,
            start: d("2023-06-01"),
            end: Some(d(end)),
            interview: interview.map(d),
        };
        let list = [
            // Back on a Friday, seen on the Monday: 72 hours.
            ep(0, "2023-06-02", Some("2023-06-05")),
            // Seen a day too late.
            ep(1, "2023-06-02", Some("2023-06-06")),
            // Never seen: in the total only.
            ep(2, "2023-06-10", None),
            // Back before the period: not in it.
            ep(3, "2023-03-31", Some("2023-04-01")),
        ];
        let year = DateRange::new(d("2023-04-01"), d("2024-03-31")).unwrap();
        let share = interviews_in_time(&list, year);
        assert_eq!((share.count, share.of), (1, 3));
    }
}
