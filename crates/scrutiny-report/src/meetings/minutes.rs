//! A meeting's minutes as the seeds print them: who was there, then each minute under its
//! number with what was RESOLVED and the actions it gave.

use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::Attendance;

use super::{board_name, day_and_date, meeting};
use crate::ReportError;
use crate::document::{Block, Document};

/// Names joined as the minutes write them: "A, B and C".
fn joined(names: &[&str]) -> String {
    match names {
        [] => "None".to_string(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The minutes of meeting `code`.
pub fn minutes_document(
    data: &Dataset,
    code: &str,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let m = meeting(data, code)?;
    let board = board_name(data, &m.board);
    let mut blocks = Vec::new();
    let mut attendees: Vec<_> = data
        .attendance
        .iter()
        .filter(|a| a.meeting == code)
        .collect();
    attendees.sort_by_key(|a| (a.attendance, a.position));
    for kind in Attendance::ALL {
        let names: Vec<&str> = attendees
            .iter()
            .filter(|a| a.attendance == kind)
            .map(|a| a.person.as_str())
            .collect();
        // The seeds always say who was absent, even when no one was.
        let always = matches!(
            kind,
            Attendance::Present | Attendance::Apologies | Attendance::CouncilBusiness
        );
        if always || !names.is_empty() {
            blocks.push(Block::Paragraph {
                text: format!("{}: {}", kind.heading(), joined(&names)),
                initials: None,
            });
        }
    }
    let mut minutes: Vec<_> = data.minutes.iter().filter(|n| n.meeting == code).collect();
    minutes.sort_by_key(|n| n.split().map(|(_, n)| n));
    let mut diagnostics = Vec::new();
    if minutes.is_empty() {
        diagnostics.push(format!("No minutes have been recorded for {code}."));
    } else {
        blocks.push(Block::Heading {
            level: 1,
            number: None,
            text: "Items dealt with under duties exercisable by the Board".into(),
        });
    }
    for n in minutes {
        // Declarations of interest come before the minute they concern, as the seeds print them.
        if let Some(note) = scrutiny_domain::meetings::declarations::declaration_note(
            &data.declarations,
            code,
            &n.number,
        ) {
            blocks.push(Block::Paragraph {
                text: note,
                initials: None,
            });
        }
        let mut paragraphs: Vec<String> = n
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(r) = n.resolved.as_deref().filter(|r| !r.trim().is_empty()) {
            paragraphs.push(format!("RESOLVED: {}", r.trim()));
        }
        let mut actions: Vec<_> = data
            .minute_actions
            .iter()
            .filter(|a| a.meeting == code && a.minute == n.number)
            .collect();
        actions.sort_by_key(|a| a.position);
        paragraphs.extend(actions.into_iter().map(|a| {
            let due = a
                .due
                .map(|d| format!(", by {}", scrutiny_domain::period::long_date(d)))
                .unwrap_or_default();
            format!("Action: {} ({}{due})", a.action, a.owner)
        }));
        blocks.push(Block::Item {
            level: 2,
            number: Some(n.number.clone()),
            title: n.heading.clone(),
            initials: None,
            paragraphs,
        });
    }
    Ok(Document {
        title: format!("{board}: minutes"),
        subtitle: Some(format!(
            "At a meeting of the {board} on {} in the {}",
            day_and_date(m.date),
            m.venue
        )),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: format!("minutes-{}", crate::slug(code)),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics,
    })
}
