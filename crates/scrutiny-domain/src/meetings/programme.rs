//! A board's forward work programme: the reports it has asked for ("a further report be
//! submitted to the Board …", "this would be reported to a future meeting"), each planned for a
//! meeting, and where each stands — on that meeting's agenda, still to come, missed, or not yet
//! given a meeting.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::meetings::{AgendaItem, Meeting};

/// One report a board has asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeItem {
    pub board: String,
    /// What the report is to be about, as the agenda will title it.
    pub subject: String,
    /// Where it was asked for: a minute's number (`CYP17`, `EXB23`) or words.
    pub requested: Option<String>,
    /// The meeting it is planned for; none until one is chosen.
    pub meeting: Option<String>,
    /// The officer who is to bring it.
    pub owner: Option<String>,
}

/// Where a requested report stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing<'a> {
    /// No meeting chosen yet.
    Unscheduled,
    /// Planned for a meeting still to come, not yet on its agenda.
    Planned(&'a Meeting),
    /// On the planned meeting's agenda (reported, once the meeting is held).
    OnAgenda(&'a Meeting),
    /// The planned meeting has passed without it: it needs a new meeting.
    Missed(&'a Meeting),
}

impl Standing<'_> {
    /// In words, with the meeting's day: "Planned for 28 January 2019".
    pub fn words(&self, today: NaiveDate) -> String {
        let day = |m: &Meeting| crate::period::long_date(m.date);
        match self {
            Standing::Unscheduled => "To be given a meeting".into(),
            Standing::Planned(m) => format!("Planned for {}", day(m)),
            Standing::OnAgenda(m) if m.date < today => format!("Reported on {}", day(m)),
            Standing::OnAgenda(m) => format!("On the agenda for {}", day(m)),
            Standing::Missed(m) => format!("Not reported on {}: choose another meeting", day(m)),
        }
    }
}

/// Where `item` stands on `today`. It is on an agenda when the planned meeting has an item of
/// the same title (ignoring case and spacing).
pub fn standing<'a>(
    item: &ProgrammeItem,
    meetings: &'a [Meeting],
    agenda_items: &[AgendaItem],
    today: NaiveDate,
) -> Standing<'a> {
    let Some(m) = item
        .meeting
        .as_deref()
        .and_then(|code| meetings.iter().find(|m| m.code == code))
    else {
        return Standing::Unscheduled;
    };
    let same = |a: &str, b: &str| {
        let words = |t: &str| {
            t.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        };
        words(a) == words(b)
    };
    let listed = agenda_items
        .iter()
        .any(|i| i.meeting == m.code && same(&i.title, &item.subject));
    match (listed, m.date < today) {
        (true, _) => Standing::OnAgenda(m),
        (false, false) => Standing::Planned(m),
        (false, true) => Standing::Missed(m),
    }
}

/// A board's programme in the order it will come: by planned meeting, the unscheduled last.
pub fn programme<'a>(
    items: &'a [ProgrammeItem],
    meetings: &[Meeting],
    board: &str,
) -> Vec<&'a ProgrammeItem> {
    let date_of = |i: &ProgrammeItem| {
        i.meeting
            .as_deref()
            .and_then(|c| meetings.iter().find(|m| m.code == c))
            .map(|m| m.date)
    };
    let mut out: Vec<&ProgrammeItem> = items.iter().filter(|i| i.board == board).collect();
    out.sort_by_key(|i| (date_of(i).is_none(), date_of(i), i.subject.to_lowercase()));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::meetings::fixtures::{d, meeting};

    fn asked(subject: &str, meeting: Option<&str>) -> ProgrammeItem {
        ProgrammeItem {
            board: "CYPF".into(),
            subject: subject.into(),
            requested: Some("EXB23".into()),
            meeting: meeting.map(str::to_string),
            owner: None,
        }
    }

    #[test]
    fn a_request_is_planned_listed_reported_or_missed() {
        let meetings = [meeting("OCT", "2012-10-29"), meeting("JAN", "2013-01-03")];
        let agenda = [AgendaItem {
            meeting: "JAN".into(),
            item: "7b".into(),
            title: "Adoption  action plan".into(),
            exempt_paragraph: None,
            owner: None,
            report_received: None,
            report: None,
            report_scope: None,
            report_period: None,
            note: None,
        }];
        let at = |item: &ProgrammeItem, today: &str| {
            standing(item, &meetings, &agenda, d(today)).words(d(today))
        };
        let adoption = asked("Adoption action plan", Some("JAN"));
        assert_eq!(
            at(&adoption, "2012-12-01"),
            "On the agenda for 3 January 2013"
        );
        assert_eq!(at(&adoption, "2013-01-04"), "Reported on 3 January 2013");
        let forum = asked("School Forum formula changes", Some("OCT"));
        assert_eq!(at(&forum, "2012-10-01"), "Planned for 29 October 2012");
        assert_eq!(
            at(&forum, "2012-11-01"),
            "Not reported on 29 October 2012: choose another meeting"
        );
        assert_eq!(
            at(&asked("Later", None), "2012-11-01"),
            "To be given a meeting"
        );
        let all = [
            asked("Z unscheduled", None),
            forum.clone(),
            adoption.clone(),
        ];
        let order: Vec<&str> = programme(&all, &meetings, "CYPF")
            .iter()
            .map(|i| i.subject.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "School Forum formula changes",
                "Adoption action plan",
                "Z unscheduled"
            ]
        );
    }
}
