//! The contact, referral and assessment analysis a board reads once a year (the seeds' "Child in
//! Need Contact, Referral and Assessment Analysis", `000_*`): the year's referrals, contacts,
//! assessments, children in need, child protection plans and section 47 enquiries, each beside
//! the year before, in sentences and in tables. Every figure is computed from the case records
//! by the measures in `scrutiny_domain::cases`; small counts in the breakdowns are suppressed as
//! the complaints report's are (`complaints::suppression`).

use rust_decimal::Decimal;
use scrutiny_domain::calendar::{BankHolidays, CalendarError};
use scrutiny_domain::cases::activity::{self, Breakdown};
use scrutiny_domain::cases::front_door::{self, Share};
use scrutiny_domain::cases::{AssessmentKind, DateRange, FrontDoor, Prepared, Wording};
use scrutiny_domain::complaints::suppression::{Line, Shown, protect};
use scrutiny_domain::format::{Rounding, percentage_by};
use scrutiny_domain::period::{FinancialYear, long_date};

use crate::document::{Block, Document, Numbering};

/// The report's default title, as the seeds' board knew it.
pub const TITLE: &str = "Child in Need Contact, Referral and Assessment Analysis";

/// One year's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub year: FinancialYear,
    pub referrals: u64,
    pub referral_sources: Breakdown,
    pub referral_reasons: Breakdown,
    pub contacts: u64,
    pub contact_sources: Breakdown,
    pub initial_in_time: Share,
    pub core_in_time: Share,
    pub initial_to_core: Share,
    pub open_cases: u64,
    /// Each team's caseloads at the year's end.
    pub caseloads: Vec<activity::TeamLoad>,
    /// Children on a plan at each month's end.
    pub on_plans: Vec<(chrono::NaiveDate, u64)>,
    pub enquiries: Share,
}

impl YearFigures {
    /// The year's figures; `prepared` is shared across the years compared, so each child's
    /// referral days are sorted once.
    pub fn of(
        prepared: &Prepared,
        year: FinancialYear,
        calendar: &BankHolidays,
    ) -> Result<YearFigures, CalendarError> {
        let records = prepared.records;
        let period = DateRange {
            start: year.start(),
            end: year.end(),
        };
        let timely =
            |kind| front_door::assessments_in_time(&records.assessments, kind, period, calendar);
        Ok(YearFigures {
            year,
            referrals: front_door::referrals(prepared.referral_days(), period),
            referral_sources: activity::referrals_by(&records.referrals, period, |r| r.source),
            referral_reasons: activity::referrals_by(&records.referrals, period, |r| r.reason),
            contacts: front_door::contacts(&records.contacts, period),
            contact_sources: activity::contacts_by_source(&records.contacts, period),
            initial_in_time: timely(AssessmentKind::Initial)?,
            core_in_time: timely(AssessmentKind::Core)?,
            initial_to_core: activity::initial_to_core(&records.assessments, period),
            open_cases: activity::open_cases(&records.episodes, year.end()),
            caseloads: activity::caseloads(&records.episodes, year.end()),
            on_plans: activity::month_ends(period)
                .into_iter()
                .map(|d| (d, activity::on_plans(&records.plans, d)))
                .collect(),
            enquiries: activity::enquiry_children(&records.enquiries, period),
        })
    }

    /// The year's highest month-end count of children on a plan, and the count at its end.
    pub fn plans_high_and_end(&self) -> Option<(u64, u64)> {
        let high = self.on_plans.iter().map(|p| p.1).max()?;
        Some((high, self.on_plans.last()?.1))
    }
}

/// A whole percentage, halves up ("35%"); "–" of nothing.
pub(crate) fn percent(count: u64, of: u64) -> String {
    whole_percent(count, of).map_or_else(|| "–".into(), |p| format!("{p}%"))
}

fn whole_percent(count: u64, of: u64) -> Option<Decimal> {
    percentage_by(Decimal::from(count), Decimal::from(of), 0, Rounding::HalfUp)
}

/// "a reduction of approximately 19% on the 1,395 of 2010/11" and the like.
fn change(now: u64, before: u64, what: &str, year: FinancialYear) -> String {
    if before == 0 {
        return format!("none in {year}");
    }
    let diff = now.abs_diff(before);
    let p = percent(diff, before);
    match now.cmp(&before) {
        std::cmp::Ordering::Less => format!("a reduction of {p} on the {before} {what} of {year}"),
        std::cmp::Ordering::Greater => {
            format!("an increase of {p} on the {before} {what} of {year}")
        }
        std::cmp::Ordering::Equal => format!("the same as the {before} {what} of {year}"),
    }
}

/// A share's change in percentage points: "down 13 points from 88%".
fn points(now: Share, before: Share) -> String {
    let (Some(a), Some(b)) = (
        whole_percent(now.count, now.of),
        whole_percent(before.count, before.of),
    ) else {
        return "no figure the year before".into();
    };
    let diff = (a - b).abs();
    let unit = if diff == Decimal::ONE {
        "point"
    } else {
        "points"
    };
    match a.cmp(&b) {
        std::cmp::Ordering::Less => format!("down {diff} percentage {unit} from {b}%"),
        std::cmp::Ordering::Greater => format!("up {diff} percentage {unit} from {b}%"),
        std::cmp::Ordering::Equal => format!("the same as the {b}% the year before"),
    }
}

/// A label as a board reads it: `q) 6: Police` is "Police".
pub fn plain_label(records: &FrontDoor, label: Option<Wording>) -> String {
    let Some(w) = label else {
        return "Not recorded".into();
    };
    let text = records.wording_text(w);
    let text = match text.split_once(") ") {
        Some((letter, rest))
            if letter.len() <= 2 && letter.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest
        }
        _ => text,
    };
    match text.split_once(": ") {
        Some((code, rest))
            if code.len() <= 3 && code.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest.to_string()
        }
        _ => text.to_string(),
    }
}

/// A breakdown of this year beside the year before: label, count and share each year. Small
/// counts are hidden ("fewer than 5") with whatever would give them away from the total.
pub(crate) fn breakdown_table(
    caption: String,
    records: &FrontDoor,
    now: (&str, &Breakdown, u64),
    before: (&str, &Breakdown, u64),
    below: u64,
) -> Block {
    let mut labels: Vec<Option<Wording>> = now.1.iter().map(|r| r.0).collect();
    for (l, _) in before.1 {
        if !labels.contains(l) {
            labels.push(*l);
        }
    }
    let count_of =
        |b: &Breakdown, l: &Option<Wording>| b.iter().find(|r| r.0 == *l).map_or(0, |r| r.1);
    let shown = |b: &Breakdown, total: u64| {
        let mut values: Vec<u64> = labels.iter().map(|l| count_of(b, l)).collect();
        values.push(total);
        let line = Line {
            members: (0..labels.len()).collect(),
            total: labels.len(),
        };
        protect(&values, &[line], below)
    };
    let (shown_now, shown_before) = (shown(now.1, now.2), shown(before.1, before.2));
    let cell = |count: u64, of: u64, s: Shown| match s {
        Shown::Count => (count.to_string(), percent(count, of)),
        Shown::Small => (format!("fewer than {below}"), "–".into()),
        Shown::Complement => ("–".into(), "–".into()),
    };
    let mut rows: Vec<Vec<String>> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (b, bp) = cell(count_of(before.1, l), before.2, shown_before[i]);
            let (n, np) = cell(count_of(now.1, l), now.2, shown_now[i]);
            vec![plain_label(records, *l), b, bp, n, np]
        })
        .collect();
    let total = labels.len();
    let (b, _) = cell(before.2, before.2, shown_before[total]);
    let (n, _) = cell(now.2, now.2, shown_now[total]);
    rows.push(vec!["Total".into(), b, String::new(), n, String::new()]);
    Block::Table {
        caption,
        header: vec![
            String::new(),
            before.0.to_string(),
            format!("% {}", before.0),
            now.0.to_string(),
            format!("% {}", now.0),
        ],
        rows,
        figures: Vec::new(),
    }
}

pub(crate) fn paragraph(text: String) -> Block {
    Block::Paragraph {
        text,
        initials: None,
    }
}

/// The analysis of `year` against the year before, from `records` (which must hold both years,
/// and the one before them for the earlier year's assessments). `below` is the council's
/// suppression threshold (0 shows every count).
pub fn contact_referral_assessment(
    records: &FrontDoor,
    year: FinancialYear,
    calendar: &BankHolidays,
    produced_on: &str,
    below: u64,
) -> Result<Document, CalendarError> {
    let prepared = Prepared::new(records);
    let now = YearFigures::of(&prepared, year, calendar)?;
    let before = YearFigures::of(&prepared, year.previous(), calendar)?;
    let prev = year.previous();
    let (this_year, last_year) = (year.to_string(), prev.to_string());
    let mut n = Numbering::default();
    let mut blocks = Vec::new();
    let named = |b: &Breakdown, i: usize| {
        b.get(i)
            .map(|(l, c)| (plain_label(records, *l), *c))
            .unwrap_or_default()
    };

    blocks.push(n.section("Referrals"));
    blocks.push(paragraph(format!(
        "There have been {} referrals during {year}, {}.",
        now.referrals,
        change(now.referrals, before.referrals, "referrals", prev)
    )));
    let (source, count) = named(&now.referral_sources, 0);
    if count > 0 {
        blocks.push(paragraph(format!(
            "The largest source was {source}: {count} referrals ({}).",
            percent(count, now.referrals)
        )));
    }
    let top: Vec<String> = (0..3)
        .map(|i| named(&now.referral_reasons, i))
        .filter(|(_, c)| *c > 0)
        .map(|(l, c)| format!("{l} ({})", percent(c, now.referrals)))
        .collect();
    if !top.is_empty() {
        blocks.push(paragraph(format!(
            "The main reasons for referral were {}.",
            top.join(", ")
        )));
    }
    // The reason that grew most: the seeds' "a further increase in … sexual abuse".
    let grew = now
        .referral_reasons
        .iter()
        .filter(|(l, _)| l.is_some())
        .map(|(l, c)| {
            let was = before
                .referral_reasons
                .iter()
                .find(|r| r.0 == *l)
                .map_or(0, |r| r.1);
            (*l, *c, was)
        })
        .filter(|(_, c, was)| c > was)
        .max_by_key(|(_, c, was)| c - was);
    if let Some((l, c, was)) = grew {
        blocks.push(paragraph(format!(
            "The largest increase was in referrals for {}: {c} during the year against {was} the year before.",
            plain_label(records, l).to_lowercase()
        )));
    }
    blocks.push(breakdown_table(
        format!("Referrals by source, {prev} and {year}"),
        records,
        (&this_year, &now.referral_sources, now.referrals),
        (&last_year, &before.referral_sources, before.referrals),
        below,
    ));
    blocks.push(breakdown_table(
        format!("Referrals by reason, {prev} and {year}"),
        records,
        (&this_year, &now.referral_reasons, now.referrals),
        (&last_year, &before.referral_reasons, before.referrals),
        below,
    ));

    blocks.push(n.section("Contacts"));
    blocks.push(paragraph(format!(
        "There were {} contacts during the year, {}.",
        now.contacts,
        change(now.contacts, before.contacts, "contacts", prev)
    )));
    let (source, count) = named(&now.contact_sources, 0);
    if count > 0 {
        let was = before
            .contact_sources
            .iter()
            .find(|r| r.0 == now.contact_sources[0].0)
            .map_or(0, |r| r.1);
        blocks.push(paragraph(format!(
            "{count} or {} of these contacts came from {source}, {}.",
            percent(count, now.contacts),
            points(
                Share {
                    count,
                    of: now.contacts
                },
                Share {
                    count: was,
                    of: before.contacts
                }
            )
        )));
    }
    blocks.push(breakdown_table(
        format!("Contacts by source, {prev} and {year}"),
        records,
        (&this_year, &now.contact_sources, now.contacts),
        (&last_year, &before.contact_sources, before.contacts),
        below,
    ));

    blocks.push(n.section("Completion of assessments"));
    let share = |s: Share| percent(s.count, s.of);
    blocks.push(paragraph(format!(
        "{} of initial assessments were completed within {} working days ({} of {}), {}; {} of core assessments within {} working days ({} of {}), {}.",
        share(now.initial_in_time),
        AssessmentKind::Initial.limit(),
        now.initial_in_time.count,
        now.initial_in_time.of,
        points(now.initial_in_time, before.initial_in_time),
        share(now.core_in_time),
        AssessmentKind::Core.limit(),
        now.core_in_time.count,
        now.core_in_time.of,
        points(now.core_in_time, before.core_in_time),
    )));
    blocks.push(paragraph(format!(
        "{} of initial assessments went on to a core assessment ({} of {}), {}.",
        share(now.initial_to_core),
        now.initial_to_core.count,
        now.initial_to_core.of,
        points(now.initial_to_core, before.initial_to_core)
    )));
    blocks.push(paragraph(format!(
        "During the year {} initial and core assessments were completed.",
        now.initial_in_time.of + now.core_in_time.of
    )));

    blocks.push(n.section("Children in need"));
    blocks.push(paragraph(format!(
        "The number of open children in need cases at {} was {}, {}.",
        long_date(year.end()),
        now.open_cases,
        change(now.open_cases, before.open_cases, "open cases", prev)
    )));

    let allocated: Vec<&activity::TeamLoad> =
        now.caseloads.iter().filter(|t| t.workers > 0).collect();
    if !allocated.is_empty() {
        let workers: u64 = allocated.iter().map(|t| t.workers).sum();
        let highest = allocated.iter().max_by_key(|t| t.highest);
        let waiting: u64 = now.caseloads.iter().map(|t| t.unallocated).sum();
        if let Some(h) = highest {
            blocks.push(paragraph(format!(
                "{workers} social workers held the open cases; the highest caseload was {} children, in {}.{}",
                h.highest,
                plain_label(records, h.team),
                if waiting > 0 {
                    format!(" {waiting} cases had no social worker allocated.")
                } else {
                    String::new()
                }
            )));
        }
        blocks.push(Block::Table {
            caption: format!("Caseloads by team at {}", long_date(year.end())),
            header: vec![
                "Team".into(),
                "Social workers".into(),
                "Open cases".into(),
                "Cases per worker".into(),
                "Highest caseload".into(),
                "Not allocated".into(),
            ],
            rows: now
                .caseloads
                .iter()
                .map(|t| {
                    vec![
                        plain_label(records, t.team),
                        t.workers.to_string(),
                        t.cases.to_string(),
                        t.average().map_or_else(|| "–".into(), |a| a.to_string()),
                        t.highest.to_string(),
                        t.unallocated.to_string(),
                    ]
                })
                .collect(),
            figures: Vec::new(),
        });
    }

    blocks.push(n.section("Child protection plans and section 47 enquiries"));
    if let Some((high, end)) = now.plans_high_and_end() {
        blocks.push(paragraph(format!(
            "The number of children on a child protection plan was at its highest at {high} and was {end} at the end of the year."
        )));
    }
    blocks.push(paragraph(format!(
        "During the year {} children were subject to a section 47 enquiry, of whom {} ({}) went on to an initial child protection conference; {}.",
        now.enquiries.of,
        now.enquiries.count,
        share(now.enquiries),
        change(now.enquiries.of, before.enquiries.of, "children", prev)
    )));
    blocks.push(Block::Table {
        caption: format!("Children on a child protection plan at each month's end, {year}"),
        header: vec!["Month end".into(), "Children".into()],
        rows: now
            .on_plans
            .iter()
            .map(|(d, c)| vec![long_date(*d), c.to_string()])
            .collect(),
        figures: Vec::new(),
    });

    blocks.push(n.section("The figures"));
    let row = |what: &str, b: String, a: String| vec![what.to_string(), b, a];
    blocks.push(Block::Table {
        caption: format!("The year's figures, {prev} and {year}"),
        header: vec![String::new(), prev.to_string(), year.to_string()],
        rows: vec![
            row(
                "Referrals",
                before.referrals.to_string(),
                now.referrals.to_string(),
            ),
            row(
                "Contacts",
                before.contacts.to_string(),
                now.contacts.to_string(),
            ),
            row(
                "Initial assessments within 10 working days",
                share(before.initial_in_time),
                share(now.initial_in_time),
            ),
            row(
                "Core assessments within 35 working days",
                share(before.core_in_time),
                share(now.core_in_time),
            ),
            row(
                "Initial assessments going on to a core assessment",
                share(before.initial_to_core),
                share(now.initial_to_core),
            ),
            row(
                "Open children in need cases at the year's end",
                before.open_cases.to_string(),
                now.open_cases.to_string(),
            ),
            row(
                "Children subject to a section 47 enquiry",
                before.enquiries.of.to_string(),
                now.enquiries.of.to_string(),
            ),
        ],
        figures: Vec::new(),
    });
    blocks.push(paragraph(format!(
        "Computed from the case records by the definitions {} (docs/measures/front-door.md). A child's same-day referrals are one referral; working days leave out weekends and bank holidays in England and Wales.",
        front_door::VERSION
    )));

    Ok(Document {
        title: TITLE.into(),
        subtitle: Some(format!(
            "{year}: {} to {}",
            long_date(year.start()),
            long_date(year.end())
        )),
        header_lines: Vec::new(),
        produced_on: produced_on.into(),
        slug: format!("contact-referral-assessment-{}", year.0),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: Vec::new(),
    })
}
