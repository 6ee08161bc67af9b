//! A meeting's agenda pack, as the seeds' "Public Document Pack": the front sheet (the board,
//! when and where, its membership on the day, who to contact, the next meeting, the agenda in
//! Part I and Part II with each item's pages), then each item's report. The PDF reads each
//! item's pages from where its report lands, so the agenda's page ranges are always right.

use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::board::members_on;
use scrutiny_domain::meetings::meeting::{agenda, exempt_reason};
use scrutiny_domain::meetings::minutes::open_actions;
use serde::Serialize;

use super::items::{Sources, item_document};
use super::{board_name, day_and_date, meeting};
use crate::ReportError;
use crate::document::Document;

/// Who the pack is for: the public sees Part I; members and officers Part II as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Members,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    /// Tells the PDF template this is a pack, not a report.
    pub kind: &'static str,
    /// The document's title: the board and the day.
    pub title: String,
    /// "Public Document Pack", or the members' pack with Part II.
    pub label: String,
    pub council: Option<String>,
    pub board: String,
    /// "Monday, 12 November 2018 at 6.30 p.m."
    pub when: String,
    pub venue: String,
    pub membership_heading: String,
    /// Each member as the front sheet prints them, with their party.
    pub membership: Vec<(String, String)>,
    /// Who to contact, and the next meeting.
    pub lines: Vec<String>,
    pub agenda_header: Vec<String>,
    pub parts: Vec<PackPart>,
    pub carried_heading: String,
    pub carried_header: Vec<String>,
    /// Actions of earlier meetings still open: minute, action, owner, due.
    pub carried: Vec<[String; 4]>,
    pub notes: Vec<String>,
    pub produced_on: String,
    pub slug: String,
    /// Reports that could not be made, and anything else democratic services should see.
    pub diagnostics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackPart {
    pub heading: String,
    pub intro: Option<String>,
    pub items: Vec<PackItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackItem {
    /// "5(A)".
    pub reference: String,
    pub title: String,
    pub note: Option<String>,
    /// The item's place among the reports printed, when it has one.
    pub index: Option<usize>,
    /// Whether its report is expected but not in the pack.
    pub to_follow: bool,
    pub document: Option<Document>,
}

/// The pack of meeting `code` for `audience`.
pub fn agenda_pack(src: &Sources, code: &str, audience: Audience) -> Result<Pack, ReportError> {
    let data: &Dataset = src.data;
    let m = meeting(data, code)?;
    let board = board_name(data, &m.board);
    let council = data
        .boards
        .iter()
        .find(|b| b.code == m.board)
        .and_then(|b| b.council.clone());
    let membership = members_on(&data.memberships, &m.board, m.date)
        .into_iter()
        .map(|ms| {
            let role = match ms.role.shown() {
                "" => String::new(),
                r => format!(" ({r})"),
            };
            (
                format!("{}{role}", ms.person),
                ms.party.clone().unwrap_or_default(),
            )
        })
        .collect();
    let mut lines = Vec::new();
    if let Some(c) = &m.contact {
        lines.push(format!("Please contact {c} for further information."));
    }
    if let Some(next) = data
        .meetings
        .iter()
        .filter(|n| n.board == m.board && n.date > m.date)
        .min_by_key(|n| n.date)
    {
        lines.push(format!(
            "The next meeting of the Board is on {}",
            day_and_date(next.date)
        ));
    }
    let mut diagnostics = Vec::new();
    let mut printed = 0;
    let mut part = |exempt: bool| -> Vec<PackItem> {
        agenda(&data.agenda_items, code)
            .into_iter()
            .filter(|i| i.is_exempt() == exempt)
            .map(|i| {
                let document = match item_document(src, i) {
                    Some(Ok(d)) => Some(d.without_svg()),
                    Some(Err(why)) => {
                        diagnostics.push(why);
                        None
                    }
                    None => None,
                };
                let index = document.is_some().then(|| {
                    printed += 1;
                    printed
                });
                let title = match i.exempt_paragraph {
                    Some(p) => format!(
                        "{} (exempt: paragraph {p} of Schedule 12A, {})",
                        i.title,
                        exempt_reason(p).to_lowercase()
                    ),
                    None => i.title.clone(),
                };
                PackItem {
                    reference: i.reference(),
                    title,
                    note: i.note.clone(),
                    index,
                    // A report held back until its quarter is published is to follow too.
                    to_follow: document.is_none()
                        && (i.owner.is_some() || (i.report.is_some() && (src.withheld)(i))),
                    document,
                }
            })
            .collect()
    };
    let mut parts = vec![PackPart {
        heading: "Part I: items to be dealt with in the presence of the press and public".into(),
        intro: None,
        items: part(false),
    }];
    let label = match audience {
        Audience::Public => "Public Document Pack",
        Audience::Members => "Members' Document Pack, with Part II",
    };
    // Part II is not even built for the public: nothing of it can leak into their pack.
    let exempt = match audience {
        Audience::Members => part(true),
        Audience::Public => Vec::new(),
    };
    if !exempt.is_empty() {
        parts.push(PackPart {
            heading: "Part II: items in the absence of the press and public".into(),
            intro: Some(
                "The Board may exclude the press and public while these items are considered, \
                 as they are likely to disclose exempt information within the paragraph of \
                 Schedule 12A to the Local Government Act 1972 cited against each. Not for \
                 publication."
                    .into(),
            ),
            items: exempt,
        });
    }
    let carried = open_actions(&data.minute_actions, &data.meetings, &m.board, m.date)
        .into_iter()
        .map(|a| {
            [
                a.minute.clone(),
                a.action.clone(),
                a.owner.clone(),
                a.due
                    .map(scrutiny_domain::period::long_date)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Ok(Pack {
        kind: "agenda_pack",
        title: format!("{board}, {}: {label}", day_and_date(m.date)),
        label: label.to_string(),
        council,
        board,
        when: format!("{} at {}", day_and_date(m.date), m.start),
        venue: m.venue.clone(),
        membership_heading: "Board membership".into(),
        membership,
        lines,
        agenda_header: vec!["Item No.".into(), "Item".into(), "Page".into()],
        parts,
        carried_heading: "Actions carried from earlier meetings".into(),
        carried_header: vec![
            "Minute".into(),
            "Action".into(),
            "Officer".into(),
            "Due".into(),
        ],
        carried,
        notes: Vec::new(),
        produced_on: src.produced_on.to_string(),
        slug: format!(
            "agenda-pack-{}{}",
            crate::slug(code),
            if audience == Audience::Members {
                "-members"
            } else {
                ""
            }
        ),
        diagnostics,
    })
}
