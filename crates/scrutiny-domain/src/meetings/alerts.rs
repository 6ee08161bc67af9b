//! E-mail alerts: which meetings' agendas and minutes are news to the people who asked to hear
//! of them. An agenda is news from the day it is published until the meeting; minutes from
//! the day they are published (not as each minute is typed) until `MINUTES_NEWS_DAYS` after
//! the meeting, so that loading years of old meetings never mails anyone.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::meetings::{Meeting, Minute};

/// What an alert tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AlertKind {
    Agenda,
    Minutes,
}

impl AlertKind {
    pub fn code(self) -> &'static str {
        match self {
            AlertKind::Agenda => "agenda",
            AlertKind::Minutes => "minutes",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [AlertKind::Agenda, AlertKind::Minutes]
            .into_iter()
            .find(|k| k.code() == text)
    }
}

/// Days after a meeting its minutes are still worth an alert.
pub const MINUTES_NEWS_DAYS: i64 = 90;

/// One alert to send: a meeting's agenda or minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alert<'a> {
    pub meeting: &'a Meeting,
    pub kind: AlertKind,
}

/// The alerts due on `today`, those already `sent` left out, oldest meeting first.
pub fn due_alerts<'a>(
    meetings: &'a [Meeting],
    minutes: &[Minute],
    sent: &[(String, AlertKind)],
    today: NaiveDate,
) -> Vec<Alert<'a>> {
    let was_sent = |m: &Meeting, kind| sent.iter().any(|(c, k)| *c == m.code && *k == kind);
    let mut due = Vec::new();
    for m in meetings {
        if m.agenda_public(today) && m.date >= today && !was_sent(m, AlertKind::Agenda) {
            due.push(Alert {
                meeting: m,
                kind: AlertKind::Agenda,
            });
        }
        // Minutes are news once published with every minute in (not as each is typed), for
        // as long as the meeting is recent.
        let minuted = m.minutes_public(today) && minutes.iter().any(|n| n.meeting == m.code);
        let recent = m.date <= today && (today - m.date).num_days() <= MINUTES_NEWS_DAYS;
        if minuted && recent && !was_sent(m, AlertKind::Minutes) {
            due.push(Alert {
                meeting: m,
                kind: AlertKind::Minutes,
            });
        }
    }
    due.sort_by_key(|a| (a.meeting.date, a.kind));
    due
}

/// Why an address cannot be subscribed, in words for the form; none when it can.
pub fn address_problem(email: &str) -> Option<&'static str> {
    let e = email.trim();
    let (local, domain) = e.split_once('@').unwrap_or(("", ""));
    let fine = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    (!fine).then_some("Enter an email address in the correct format, like name@example.com")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::meetings::fixtures::{d, meeting_published as meeting};

    fn minute(meeting: &str) -> Minute {
        Minute {
            meeting: meeting.into(),
            number: "CYP1".into(),
            heading: "Minutes".into(),
            text: "Noted.".into(),
            resolved: None,
        }
    }

    #[test]
    fn an_agenda_is_news_from_publication_to_the_meeting_and_minutes_for_ninety_days() {
        let minuted = |mut m: Meeting, on: &str| {
            m.minutes_published = Some(d(on));
            m
        };
        let meetings = [
            minuted(
                meeting("SEPT", "2018-09-10", Some("2018-08-31")),
                "2018-09-20",
            ),
            meeting("NOV", "2018-11-12", Some("2018-11-02")),
            meeting("JAN", "2019-01-28", None),
            minuted(
                meeting("OLD", "2012-09-03", Some("2012-08-24")),
                "2012-09-10",
            ),
        ];
        let minutes = [minute("SEPT"), minute("OLD")];
        let due = |today: &str, sent: &[(String, AlertKind)]| {
            due_alerts(&meetings, &minutes, sent, d(today))
                .into_iter()
                .map(|a| (a.meeting.code.as_str(), a.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            due("2018-11-05", &[]),
            [("SEPT", AlertKind::Minutes), ("NOV", AlertKind::Agenda)]
        );
        // Before publication, nothing of November; after the meeting, its agenda is old news.
        assert_eq!(due("2018-11-01", &[]), [("SEPT", AlertKind::Minutes)]);
        assert_eq!(due("2018-11-13", &[]), [("SEPT", AlertKind::Minutes)]);
        assert!(
            due("2018-12-10", &[]).is_empty(),
            "September is 91 days back"
        );
        let sent = [("NOV".to_string(), AlertKind::Agenda)];
        assert_eq!(due("2018-11-05", &sent), [("SEPT", AlertKind::Minutes)]);
        // Minutes typed but not published are no news yet.
        assert!(due("2018-09-15", &[]).is_empty());
    }

    #[test]
    fn addresses_are_checked_before_anything_is_sent() {
        assert_eq!(address_problem("ann.jones@halton.gov.uk"), None);
        for bad in [
            "",
            "ann",
            "ann@",
            "@halton.gov.uk",
            "ann@halton",
            "ann @x.org",
            "a@b.c.",
        ] {
            assert!(address_problem(bad).is_some(), "{bad}");
        }
    }
}
