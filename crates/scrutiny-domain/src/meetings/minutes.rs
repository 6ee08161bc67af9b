//! What a meeting records: who attended and in what capacity, the minutes numbered through the
//! municipal year (`CYP12` … `CYP21` in the seeds) with their RESOLVED text, and the actions
//! the minutes give officers, carried onto later agendas until done.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::meetings::Meeting;

/// In what capacity someone was at a meeting, as the minutes' front lines list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Attendance {
    Present,
    Apologies,
    CouncilBusiness,
    Officer,
    InAttendance,
}

impl Attendance {
    pub const ALL: [Attendance; 5] = [
        Attendance::Present,
        Attendance::Apologies,
        Attendance::CouncilBusiness,
        Attendance::Officer,
        Attendance::InAttendance,
    ];
    pub const WORDS: &'static str =
        "present, apologies, council_business, officer or in_attendance";

    pub fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Apologies => "apologies",
            Attendance::CouncilBusiness => "council_business",
            Attendance::Officer => "officer",
            Attendance::InAttendance => "in_attendance",
        }
    }

    /// The minutes' line for it: "Present", "Apologies for Absence" …
    pub fn heading(self) -> &'static str {
        match self {
            Attendance::Present => "Present",
            Attendance::Apologies => "Apologies for Absence",
            Attendance::CouncilBusiness => "Absence declared on Council business",
            Attendance::Officer => "Officers present",
            Attendance::InAttendance => "Also in attendance",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Attendance::ALL
            .into_iter()
            .find(|a| a.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), Self::WORDS))
    }
}

/// One person at (or sending apologies to) a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub meeting: String,
    /// As the minutes print it: "Councillor Dennett (Chair)", "A. McIntyre".
    pub person: String,
    pub attendance: Attendance,
    /// Order within the line (the chair first, as the minutes print it).
    pub position: i64,
}

/// One minute: its number through the municipal year, heading, text and resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minute {
    pub meeting: String,
    /// E.g. `CYP12`: the board's prefix and the minute's number in the municipal year.
    pub number: String,
    pub heading: String,
    pub text: String,
    /// What was RESOLVED, without the word itself.
    pub resolved: Option<String>,
}

impl Minute {
    /// The prefix and the number: `CYP12` → ("CYP", 12).
    pub fn split(&self) -> Option<(&str, u32)> {
        let at = self.number.find(|c: char| c.is_ascii_digit())?;
        let (prefix, n) = self.number.split_at(at);
        Some((prefix, n.parse().ok()?))
    }
}

/// An action a minute gives an officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteAction {
    pub meeting: String,
    pub minute: String,
    pub position: i64,
    pub action: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The day it was done; open until then.
    pub done: Option<NaiveDate>,
}

/// The municipal year a day is in, by the year it starts: it runs from the annual meeting in
/// May, so January to April belong to the year before.
pub fn municipal_year(date: NaiveDate) -> i32 {
    if date.month() >= 5 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// Where the minute numbers of a board's meetings do not run on through each municipal year:
/// within a meeting one after another, and each meeting starting where the one before it in the
/// same year ended. `meetings` are the board's, `minutes` any.
pub fn numbering_problems(meetings: &[&Meeting], minutes: &[Minute]) -> Vec<String> {
    let mut ordered: Vec<&&Meeting> = meetings.iter().collect();
    ordered.sort_by_key(|m| m.date);
    let mut problems = Vec::new();
    let mut last: Option<(i32, u32, &str)> = None;
    for m in ordered {
        let mut numbers: Vec<(u32, &str)> = minutes
            .iter()
            .filter(|x| x.meeting == m.code)
            .filter_map(|x| x.split().map(|(_, n)| (n, x.number.as_str())))
            .collect();
        numbers.sort_unstable();
        let year = municipal_year(m.date);
        for (n, shown) in numbers {
            match last {
                Some((y, before, was)) if y == year && n != before + 1 => problems.push(format!(
                    "{shown} follows {was}: minutes are numbered on through the municipal year"
                )),
                // A new municipal year after one held here starts again at 1; the first
                // meeting held here may start anywhere (the year's earlier ones are not held).
                Some((y, _, _)) if y != year && n != 1 => problems.push(format!(
                    "{shown} is the first minute of the {year}/{:02} municipal year: it should be 1",
                    (year + 1) % 100
                )),
                _ => {}
            }
            last = Some((year, n, shown));
        }
    }
    problems
}

/// The actions of a board's meetings before `date` still open on it, oldest first: the next
/// agenda carries them until they are done.
pub fn open_actions<'a>(
    actions: &'a [MinuteAction],
    meetings: &[Meeting],
    board: &str,
    date: NaiveDate,
) -> Vec<&'a MinuteAction> {
    let held = |code: &str| {
        meetings
            .iter()
            .find(|m| m.code == code)
            .filter(|m| m.board == board && m.date < date)
            .map(|m| m.date)
    };
    let mut open: Vec<(NaiveDate, &MinuteAction)> = actions
        .iter()
        .filter(|a| a.done.is_none_or(|d| d > date))
        .filter_map(|a| held(&a.meeting).map(|d| (d, a)))
        .collect();
    open.sort_by(|a, b| (a.0, &a.1.minute, a.1.position).cmp(&(b.0, &b.1.minute, b.1.position)));
    open.into_iter().map(|(_, a)| a).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::meetings::fixtures::{d, meeting};

    fn minute(meeting: &str, number: &str) -> Minute {
        Minute {
            meeting: meeting.into(),
            number: number.into(),
            heading: "H".into(),
            text: String::new(),
            resolved: None,
        }
    }

    #[test]
    fn minutes_run_on_through_the_municipal_year_from_may() {
        assert_eq!(municipal_year(d("2018-09-10")), 2018);
        assert_eq!(municipal_year(d("2019-01-28")), 2018);
        assert_eq!(municipal_year(d("2019-05-20")), 2019);
        let (june, sept, jan, next) = (
            meeting("J", "2018-06-11"),
            meeting("S", "2018-09-10"),
            meeting("N", "2019-01-28"),
            meeting("M", "2019-06-10"),
        );
        let mut minutes: Vec<Minute> = (1..=11).map(|n| minute("J", &format!("CYP{n}"))).collect();
        minutes.extend((12..=21).map(|n| minute("S", &format!("CYP{n}"))));
        minutes.push(minute("N", "CYP22"));
        minutes.push(minute("M", "CYP1"));
        let all = [&june, &sept, &jan, &next];
        assert!(
            numbering_problems(&all, &minutes).is_empty(),
            "{:?}",
            numbering_problems(&all, &minutes)
        );
        // The seeds' September meeting alone starts at 12: nothing before it is held here.
        assert!(numbering_problems(&[&sept], &minutes).is_empty());
        minutes.push(minute("N", "CYP24"));
        minutes.push(minute("M", "CYP3"));
        let found = numbering_problems(&all, &minutes);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("CYP24 follows CYP22"));
        assert!(found[1].starts_with("CYP3 follows CYP1"));
    }

    #[test]
    fn an_action_is_carried_onto_later_agendas_until_done() {
        let meetings = [meeting("S", "2018-09-10"), meeting("N", "2018-11-12")];
        let action = |done: Option<&str>| MinuteAction {
            meeting: "S".into(),
            minute: "CYP17".into(),
            position: 1,
            action: "Send the gender split of exclusions".into(),
            owner: "Operational Director".into(),
            due: None,
            done: done.map(d),
        };
        let open = [action(None)];
        assert_eq!(
            open_actions(&open, &meetings, "CYPF", d("2018-11-12")).len(),
            1
        );
        assert!(open_actions(&open, &meetings, "CYPF", d("2018-09-10")).is_empty());
        let done = [action(Some("2018-10-01"))];
        assert!(open_actions(&done, &meetings, "CYPF", d("2018-11-12")).is_empty());
        assert!(open_actions(&open, &meetings, "OTHER", d("2018-11-12")).is_empty());
    }
}
