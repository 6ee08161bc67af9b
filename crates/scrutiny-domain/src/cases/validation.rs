//! A documented subset of the DfE children in need census validation rules, checked over a
//! return's records as a whole (the per-cell checks are the importer's): the rule's code, and
//! a message naming the child. Errors mean a figure built on the records would be wrong; queries
//! ("Q" rules) are for the analyst to look at, not refusals. `docs/validation.md` lists them.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::records::{ChildId, FrontDoor};

/// One rule broken by one child's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The DfE rule, e.g. "8820" or "8670Q".
    pub rule: &'static str,
    pub query: bool,
    pub child: ChildId,
    pub message: String,
}

/// The rules checked, with what each says: printed with the findings and in the docs.
pub const RULES: [(&str, &str); 4] = [
    (
        "8820",
        "a child's episodes of need must not overlap (list 6)",
    ),
    (
        "8815",
        "a child may have only one episode of need open at a time (list 6)",
    ),
    (
        "8670Q",
        "an assessment still open more than 45 working days after it started, at the reference date",
    ),
    (
        "8675Q",
        "a section 47 enquiry with no initial conference more than 15 working days after it started, at the reference date, unless a conference was judged unnecessary",
    ),
];

/// Every finding over `records`, with `reference` the census's reference date (the last day of
/// the year the figures are for).
pub fn check(
    records: &FrontDoor,
    reference: NaiveDate,
    calendar: &BankHolidays,
) -> Result<Vec<Finding>, CalendarError> {
    let mut found = episodes(records);
    for a in &records.assessments {
        if a.authorised.is_none()
            && a.start <= reference
            && calendar.working_days_between(a.start, reference)? > 45
        {
            found.push(Finding {
                rule: "8670Q",
                query: true,
                child: a.child,
                message: format!(
                    "the assessment started on {} is still open at {reference}, more than 45 working days on",
                    a.start
                ),
            });
        }
    }
    for e in &records.enquiries {
        if e.conference.is_none()
            && !e.no_conference_needed
            && e.start <= reference
            && calendar.working_days_between(e.start, reference)? > 15
        {
            found.push(Finding {
                rule: "8675Q",
                query: true,
                child: e.child,
                message: format!(
                    "the section 47 enquiry started on {} has no initial conference at {reference}, more than 15 working days on",
                    e.start
                ),
            });
        }
    }
    Ok(found)
}

/// Rules 8820 and 8815 over each child's episodes in order of start.
fn episodes(records: &FrontDoor) -> Vec<Finding> {
    let mut by_child: HashMap<ChildId, Vec<(NaiveDate, Option<NaiveDate>)>> = HashMap::new();
    for e in &records.episodes {
        by_child
            .entry(e.child)
            .or_default()
            .push((e.start, e.closed));
    }
    let mut found = Vec::new();
    let mut children: Vec<_> = by_child.into_iter().collect();
    // By the council's identifier, as an officer would look the children up.
    children.sort_by(|a, b| records.child_name(a.0).cmp(records.child_name(b.0)));
    for (child, mut own) in children {
        own.sort();
        let open = own.iter().filter(|e| e.1.is_none()).count();
        if open > 1 {
            found.push(Finding {
                rule: "8815",
                query: false,
                child,
                message: format!("{open} episodes of need are open at once"),
            });
        }
        for pair in own.windows(2) {
            let ((start, closed), (next, _)) = (pair[0], pair[1]);
            // An episode may close on the day the next starts.
            if closed.is_some_and(|c| next < c) {
                found.push(Finding {
                    rule: "8820",
                    query: false,
                    child,
                    message: format!(
                        "the episode from {start} overlaps the one starting on {next}"
                    ),
                });
            }
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::records::{Assessment, AssessmentKind, CinEpisode, Section47};

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    #[test]
    fn each_rule_names_the_child_and_what_is_wrong() {
        let cal = BankHolidays::england_and_wales().unwrap();
        let mut r = FrontDoor::default();
        let (a, b, c) = (r.child("A"), r.child("B"), r.child("C"));
        let episode = |child, start: &str, closed: Option<&str>| CinEpisode {
            child,
            start: d(start),
            closed: closed.map(d),
            team: None,
            worker: None,
        };
        r.episodes = vec![
            episode(a, "2023-01-01", Some("2023-06-01")),
            episode(a, "2023-05-01", None),
            episode(b, "2023-01-01", None),
            episode(b, "2023-02-01", None),
            // Closed the day the next starts: allowed.
            episode(c, "2023-01-01", Some("2023-03-01")),
            episode(c, "2023-03-01", None),
        ];
        r.assessments = vec![
            Assessment {
                child: a,
                kind: AssessmentKind::Single,
                start: d("2024-01-02"),
                authorised: None,
            },
            // 45 working days before 31 March 2024 exactly: not yet a query.
            Assessment {
                child: c,
                kind: AssessmentKind::Single,
                start: d("2024-01-25"),
                authorised: None,
            },
        ];
        r.enquiries = vec![
            Section47 {
                child: b,
                start: d("2024-02-01"),
                conference: None,
                no_conference_needed: false,
            },
            Section47 {
                child: c,
                start: d("2024-02-01"),
                conference: None,
                no_conference_needed: true,
            },
        ];
        let found = check(&r, d("2024-03-31"), &cal).unwrap();
        let rules: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.rule, r.child_name(f.child)))
            .collect();
        assert_eq!(
            rules,
            [("8820", "A"), ("8815", "B"), ("8670Q", "A"), ("8675Q", "B")]
        );
        assert_eq!(
            cal.working_days_between(d("2024-01-25"), d("2024-03-31"))
                .unwrap(),
            45
        );
    }
}
