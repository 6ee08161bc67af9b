//! Missing and absent episodes of looked-after children from the 903's Missing table, as
//! written in `docs/measures/children-in-care.md`: an episode belongs to the period it started
//! in (one still open at the period's end counts; one that started before the period does not).

use crate::cases::care::{Away, ChildId, MissingEpisode};
use crate::cases::records::DateRange;

/// Episodes of `kind` (missing, or absent without authorisation) that started in the period.
pub fn episodes(list: &[MissingEpisode], kind: Away, period: DateRange) -> u64 {
    list.iter()
        .filter(|m| m.kind == kind && period.contains(m.start))
        .count() as u64
}

/// Children with at least one episode of `kind` that started in the period.
pub fn children(list: &[MissingEpisode], kind: Away, period: DateRange) -> u64 {
    let mut who: Vec<ChildId> = list
        .iter()
        .filter(|m| m.kind == kind && period.contains(m.start))
        .map(|m| m.child)
        .collect();
    who.sort_unstable();
    who.dedup();
    who.len() as u64
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
}
