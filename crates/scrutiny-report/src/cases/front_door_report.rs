//! The front door's daily, weekly and monthly reports to the managers of the contact and
//! referral team (the seeds' `002_`: "a daily report to the Principal Team Manager … weekly and
//! monthly reports on timescales and outcomes", with "numbers that do not progress to social
//! care … and number of repeats"): one day, week or month against the one before, every figure
//! from the measures in `scrutiny_domain::cases`.

use scrutiny_domain::calendar::{BankHolidays, CalendarError};
use scrutiny_domain::cases::activity;
use scrutiny_domain::cases::front_door::{self, Share};
use scrutiny_domain::cases::periods::Span;
use scrutiny_domain::cases::{AssessmentKind, DateRange, FrontDoor, Prepared, protection};
use scrutiny_domain::period::long_date;

use crate::cases::analysis::{breakdown_table, paragraph, percent};
use crate::document::{Block, Document, Numbering};

/// One period's front-door figures, each as printed.
struct Figures {
    /// Initial and core assessments authorised in time, where the records hold them (lists
    /// before 2013).
    legacy: Option<(Share, Share)>,
    contacts: u64,
    repeats: Share,
    referred: Share,
    referrals: u64,
    re_referrals: Share,
    nfa: Share,
    assessed: Share,
    enquiries: u64,
    conferences: Share,
}

impl Figures {
    fn of(
        prepared: &Prepared,
        period: DateRange,
        calendar: &BankHolidays,
        window: u64,
    ) -> Result<Figures, CalendarError> {
        let records = prepared.records;
        let days = prepared.referral_days();
        let timely =
            |kind| front_door::assessments_in_time(&records.assessments, kind, period, calendar);
        let legacy = records
            .assessments
            .iter()
            .any(|a| a.kind != AssessmentKind::Single);
        Ok(Figures {
            legacy: if legacy {
                Some((
                    timely(AssessmentKind::Initial)?,
                    timely(AssessmentKind::Core)?,
                ))
            } else {
                None
            },
            contacts: front_door::contacts(&records.contacts, period),
            repeats: activity::repeat_contacts(&records.contacts, period),
            referred: front_door::contacts_referred(&records.contacts, days, period, window),
            referrals: front_door::referrals(days, period),
            re_referrals: front_door::re_referrals(days, period),
            nfa: front_door::no_further_action(days, period),
            assessed: timely(AssessmentKind::Single)?,
            enquiries: records
                .enquiries
                .iter()
                .filter(|e| period.contains(e.start))
                .count() as u64,
            conferences: protection::conferences_in_time(&records.enquiries, period, calendar)?,
        })
    }
}

/// "75% (3 of 4)", or "none" of nothing.
fn share(s: Share) -> String {
    if s.of == 0 {
        "none".into()
    } else {
        format!("{} ({} of {})", percent(s.count, s.of), s.count, s.of)
    }
}

/// The front-door report for the day, week or month holding `date`. `window` is the council's
/// days for a contact to count as referred; `below` its suppression threshold for the sources
/// table (0 for the managers' own copy).
pub fn front_door_report(
    records: &FrontDoor,
    span: Span,
    date: chrono::NaiveDate,
    calendar: &BankHolidays,
    window: u64,
    produced_on: &str,
    below: u64,
) -> Result<Document, CalendarError> {
    let (period, before) = span.around(date);
    let prepared = Prepared::new(records);
    let now = Figures::of(&prepared, period, calendar, window)?;
    let was = Figures::of(&prepared, before, calendar, window)?;
    let (this, last) = (span.name(period), span.name(before));
    let (this_short, last_short) = (span.short(period), span.short(before));
    let mut n = Numbering::default();
    let mut blocks = vec![n.section("The period's figures")];
    blocks.push(paragraph(format!(
        "{} contacts and {} referrals in {this}; {} of the contacts were referred to social care within {window} day(s), and {} of the referrals ended in no further action.",
        now.contacts,
        now.referrals,
        percent(now.referred.count, now.referred.of),
        percent(now.nfa.count, now.nfa.of),
    )));
    let row = |what: String, a: String, b: String| vec![what, a, b];
    let mut rows = vec![
        row(
            "Contacts".into(),
            was.contacts.to_string(),
            now.contacts.to_string(),
        ),
        row(
            "Repeat contacts (another in the 12 months before)".into(),
            share(was.repeats),
            share(now.repeats),
        ),
        row(
            format!("Contacts referred to social care within {window} day(s)"),
            share(was.referred),
            share(now.referred),
        ),
        row(
            "Referrals".into(),
            was.referrals.to_string(),
            now.referrals.to_string(),
        ),
        row(
            "Re-referrals within 12 months".into(),
            share(was.re_referrals),
            share(now.re_referrals),
        ),
        row(
            "Referrals ending in no further action".into(),
            share(was.nfa),
            share(now.nfa),
        ),
        row(
            "Assessments authorised within 45 working days".into(),
            share(was.assessed),
            share(now.assessed),
        ),
        row(
            "Section 47 enquiries started".into(),
            was.enquiries.to_string(),
            now.enquiries.to_string(),
        ),
        row(
            "Initial conferences within 15 working days".into(),
            share(was.conferences),
            share(now.conferences),
        ),
    ];
    if let (Some((wi, wc)), Some((ni, nc))) = (was.legacy, now.legacy) {
        // Records before 2013 hold no single assessments: their row would say "none" twice.
        if was.assessed.of == 0 && now.assessed.of == 0 {
            rows.retain(|r| !r[0].starts_with("Assessments authorised"));
        }
        let at = rows
            .iter()
            .position(|r| r[0].starts_with("Section 47"))
            .unwrap_or(rows.len());
        rows.insert(
            at,
            row(
                "Initial assessments authorised within 10 working days".into(),
                share(wi),
                share(ni),
            ),
        );
        rows.insert(
            at + 1,
            row(
                "Core assessments authorised within 35 working days".into(),
                share(wc),
                share(nc),
            ),
        );
    }
    blocks.push(Block::Table {
        caption: format!("The front door, {this} and {last}"),
        header: vec![String::new(), last_short.clone(), this_short.clone()],
        rows,
        // Counts and shares, with "none" where nothing was due.
        figures: vec![1, 2],
    });
    blocks.push(n.section("Where contacts came from"));
    blocks.push(breakdown_table(
        format!("Contacts by source, {last} and {this}"),
        records,
        (
            &this_short,
            &activity::contacts_by_source(&records.contacts, period),
            now.contacts,
        ),
        (
            &last_short,
            &activity::contacts_by_source(&records.contacts, before),
            was.contacts,
        ),
        below,
    ));
    if span != Span::Day {
        blocks.push(n.section("Day by day"));
        let days = prepared.referral_days();
        blocks.push(Block::Table {
            caption: format!("Contacts and referrals each day, {this}"),
            header: vec!["Day".into(), "Contacts".into(), "Referrals".into()],
            rows: period
                .start
                .iter_days()
                .take_while(|d| *d <= period.end)
                .map(|d| {
                    let one = DateRange { start: d, end: d };
                    vec![
                        format!("{} {}", d.format("%a"), long_date(d)),
                        front_door::contacts(&records.contacts, one).to_string(),
                        front_door::referrals(days, one).to_string(),
                    ]
                })
                .collect(),
            figures: Vec::new(),
        });
    }
    blocks.push(paragraph(format!(
        "Computed from the case records by the definitions {} (docs/measures/front-door.md). Recent figures can rise as records are completed: an assessment counts when it is authorised.",
        front_door::VERSION
    )));
    Ok(Document {
        title: format!("Contact and referral {} report", span.adjective()),
        subtitle: Some(format!(
            "{this}: {} to {}",
            long_date(period.start),
            long_date(period.end)
        )),
        header_lines: Vec::new(),
        produced_on: produced_on.into(),
        slug: format!("front-door-{}-{}", span.adjective(), period.start),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: Vec::new(),
    })
}
