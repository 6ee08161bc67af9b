//! The weekly missing report (the seeds' `002_`: "weekly reports are now sent on the previous
//! weeks missing reports to all teams, the lead member, the Chief Executive and the Strategic
//! Director … the number and types of missing [and] absent … reports, … the length of
//! missing/absence"): the week's episodes of looked-after children from the SSDA903 return,
//! against the week before. Counts only: no child is named.

use scrutiny_domain::cases::care::{self, Away, CareRecords};
use scrutiny_domain::cases::missing::{Lengths, interviews_in_time, lengths};
use scrutiny_domain::cases::periods::Span;
use scrutiny_domain::period::long_date;

use crate::cases::analysis::paragraph;
use crate::document::{Block, Document, Numbering};

fn rows(kind: &str, was: Lengths, now: Lengths) -> Vec<Vec<String>> {
    let row = |what: &str, f: fn(&Lengths) -> u64| {
        vec![
            format!("{kind}: {what}"),
            f(&was).to_string(),
            f(&now).to_string(),
        ]
    };
    vec![
        row("episodes started", |l| l.started),
        row("children", |l| l.children),
        row("children away more than once", |l| l.more_than_once),
        row("back the same day", |l| l.same_day),
        row("back after one or two days", |l| l.one_or_two_days),
        row("back after three days or more", |l| l.three_days_or_more),
        row("still away at the period's end", |l| l.still_away),
    ]
}

/// The missing report for the day, week or month holding `date`, against the one before.
pub fn missing_report(
    care: &CareRecords,
    span: Span,
    date: chrono::NaiveDate,
    produced_on: &str,
) -> Document {
    let (period, before) = span.around(date);
    let of = |kind, p| lengths(&care.missing, kind, p);
    let (missing, absent) = (of(Away::Missing, period), of(Away::Absent, period));
    let (this, last) = (span.name(period), span.name(before));
    let mut n = Numbering::default();
    let mut blocks = vec![n.section("Missing and absent children in care")];
    blocks.push(paragraph(format!(
        "In {this}, {} child(ren) in care went missing ({} episode(s)) and {} child(ren) were absent without authorisation ({} episode(s)); {} missing episode(s) had not ended by {}.",
        missing.children,
        missing.started,
        absent.children,
        absent.started,
        missing.still_away,
        long_date(period.end)
    )));
    let mut table = rows("Missing", of(Away::Missing, before), missing);
    // Return interviews: of the children back from a missing episode in the period, those
    // seen within 72 hours (the council's own column on the return, when it keeps one). Two
    // rows of counts, so the workbook keeps the column's figures as numbers.
    let (was, now) = (
        interviews_in_time(&care.missing, before),
        interviews_in_time(&care.missing, period),
    );
    table.push(vec![
        "Missing: returns".into(),
        was.of.to_string(),
        now.of.to_string(),
    ]);
    table.push(vec![
        "Missing: returns with an interview within 72 hours".into(),
        was.count.to_string(),
        now.count.to_string(),
    ]);
    table.extend(rows("Absent", of(Away::Absent, before), absent));
    blocks.push(Block::Table {
        caption: format!("Missing and absent episodes started, {this} and {last}"),
        header: vec![String::new(), span.short(before), span.short(period)],
        rows: table,
        figures: Vec::new(),
    });
    blocks.push(paragraph(format!(
        "From the SSDA903 return's missing table by the definitions {} (docs/measures/children-in-care.md): an episode belongs to the period it started in; its length is counted in whole days, as the return holds dates, not times. Return interviews are the council's own records (the return's RHI_DATE column), timed from the day the child came back. The return does not say whether a child is known to social care, placed here by another council or at risk of exploitation: those need the council's own missing records, not read yet.",
        care::VERSION
    )));
    Document {
        title: format!("Missing from care: {} report", span.adjective()),
        subtitle: Some(format!(
            "{this}: {} to {}",
            long_date(period.start),
            long_date(period.end)
        )),
        header_lines: Vec::new(),
        produced_on: produced_on.into(),
        slug: format!("missing-{}-{}", span.adjective(), period.start),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: Vec::new(),
    }
}
