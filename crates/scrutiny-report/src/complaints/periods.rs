//! The breakdowns a council also asks for by quarter or by month (`period_tables`), across every
//! year the report compares: one row per period, oldest first, one column per list entry. Tall
//! rather than wide, so twenty quarters or sixty months still fit a page. Each case is counted by
//! its event's date: receipt, each stage's start, or the Stage 1 response for its outcome.

use chrono::{Datelike, NaiveDate};
use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::complaints::procedure::LocalStage;
use scrutiny_domain::complaints::records::{Complaint, ComplaintsData};
use scrutiny_domain::complaints::settings::{Interval, PeriodTable};
use scrutiny_domain::complaints::stages::Step;
use scrutiny_domain::complaints::suppression::{Line, protect_keeping};
use scrutiny_domain::period::{FinancialYear, Period, month_name};

use crate::complaints::tables::printed;
use crate::document::Block;

const NOT_RECORDED: &str = "Not recorded";

/// What every period table shares: the years compared, the period, the report's rules, and
/// whether the report also prints the route's complaints received by that period (which the
/// receipt tables' totals then repeat).
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    pub years: &'a [FinancialYear],
    pub interval: Interval,
    pub rules: &'a Rules,
    pub totals_published: bool,
}

/// A case's events: the column each counts in and its date.
type Events<'a> = Box<dyn Fn(&Complaint) -> Vec<(String, Option<NaiveDate>)> + 'a>;

/// What one table counts: its caption's words, its columns' list (if any), whether its columns
/// are exclusive (so a total means something), and each case's events (column, date).
struct Counting<'a> {
    what: &'static str,
    list: Option<&'static str>,
    exclusive: bool,
    /// Whether each period's total is the route's complaints received in it.
    by_receipt: bool,
    events: Events<'a>,
}

/// A code's words from a list, or "Not recorded" when blank.
fn coded(data: &ComplaintsData, list: &str, code: Option<&str>) -> String {
    code.map_or_else(|| NOT_RECORDED.into(), |c| data.label(list, c).to_string())
}

fn counting<'a>(
    data: &'a ComplaintsData,
    table: PeriodTable,
    local: Option<&'a LocalStage>,
) -> Counting<'a> {
    let by_list = |what, list: &'static str, field: fn(&Complaint) -> Option<&str>| Counting {
        what,
        list: Some(list),
        exclusive: true,
        by_receipt: true,
        events: Box::new(move |c| vec![(coded(data, list, field(c)), c.received)]),
    };
    match table {
        PeriodTable::Kinds => Counting {
            what: "cases received, by kind",
            list: Some("kind"),
            exclusive: true,
            by_receipt: false,
            events: Box::new(move |c| vec![(coded(data, "kind", Some(&c.kind)), c.received)]),
        },
        PeriodTable::Stages => Counting {
            what: "stages started",
            list: None,
            exclusive: false,
            by_receipt: false,
            events: Box::new(move |c| {
                Step::counted(local)
                    .into_iter()
                    .map(|s| (s.label(local), s.started(c, local)))
                    .collect()
            }),
        },
        PeriodTable::Channels => by_list("received, by how they were made", "channel", |c| {
            c.channel.as_deref()
        }),
        PeriodTable::Profiles => by_list("received, by who made them", "profile", |c| {
            c.profile.as_deref()
        }),
        PeriodTable::Categories => by_list("received, by category", "category", |c| {
            c.category_receipt.as_deref()
        }),
        PeriodTable::Teams => Counting {
            what: "received, by team",
            list: None,
            exclusive: true,
            by_receipt: true,
            events: Box::new(|c| {
                let team = c.team.clone().unwrap_or_else(|| NOT_RECORDED.into());
                vec![(team, c.received)]
            }),
        },
        PeriodTable::Outcomes => Counting {
            what: "Stage 1 outcomes, by when answered",
            list: Some("outcome"),
            exclusive: true,
            by_receipt: false,
            events: Box::new(move |c| {
                vec![(
                    coded(data, "outcome", c.stage1_outcome.as_deref()),
                    c.stage1_responded,
                )]
            }),
        },
    }
}

/// The periods of the years compared, oldest first: each one's label and whether a date is in it.
fn periods(years: &[FinancialYear], interval: Interval) -> Vec<(String, FinancialYear, u32)> {
    let mut oldest_first = years.to_vec();
    oldest_first.sort();
    oldest_first
        .into_iter()
        .flat_map(|y| {
            let slots: Vec<(String, FinancialYear, u32)> = match interval {
                Interval::Quarter => (1..=4u32).map(|q| (format!("{y} Q{q}"), y, q)).collect(),
                Interval::Month => (0..12u32)
                    .map(|i| {
                        let month = (i + 3) % 12 + 1;
                        let year = if month >= 4 { y.0 } else { y.0 + 1 };
                        (format!("{} {year}", month_name(month)), y, i + 1)
                    })
                    .collect(),
            };
            slots
        })
        .collect()
}

/// Which period (year, slot from 1, counted from April) a date falls in.
pub(crate) fn slot_of(d: NaiveDate, interval: Interval) -> (FinancialYear, u32) {
    match interval {
        Interval::Quarter => {
            let p = Period::containing(d);
            (p.year, u32::from(p.quarter.number()))
        }
        Interval::Month => (FinancialYear::containing(d), (d.month() + 8) % 12 + 1),
    }
}

/// One table: a row per period, a column per entry (the list's, in its order, then any other
/// met), with the period's total where the columns are exclusive. Each row is a published sum,
/// and so is each column's year, protected as a whole.
fn period_table(
    data: &ComplaintsData,
    cases: &[&Complaint],
    counting: &Counting,
    frame: &Frame,
    noun: &str,
) -> Block {
    let Frame {
        years,
        interval,
        rules,
        totals_published,
    } = *frame;
    let mut columns: Vec<String> = counting
        .list
        .map(|l| data.list(l).into_iter().map(|i| i.label.clone()).collect())
        .unwrap_or_default();
    let rows = periods(years, interval);
    let mut counts = vec![Vec::<u64>::new(); rows.len()];
    for c in cases {
        for (column, date) in (counting.events)(c) {
            let Some(d) = date else { continue };
            let (y, slot) = slot_of(d, interval);
            let Some(r) = rows.iter().position(|(_, ry, rs)| *ry == y && *rs == slot) else {
                continue;
            };
            let at = columns
                .iter()
                .position(|c| *c == column)
                .unwrap_or_else(|| {
                    columns.push(column);
                    columns.len() - 1
                });
            if counts[r].len() <= at {
                counts[r].resize(at + 1, 0);
            }
            counts[r][at] += 1;
        }
    }
    // "Not recorded" last, after the list's entries and any others met.
    if let Some(at) = columns.iter().position(|c| c == NOT_RECORDED) {
        let column = columns.remove(at);
        columns.push(column);
        for row in &mut counts {
            row.resize(columns.len(), 0);
            let n = row.remove(at);
            row.push(n);
        }
    }
    let width = columns.len();
    // The grid, with each row's total where the columns are exclusive.
    let stride = width + usize::from(counting.exclusive);
    let mut values: Vec<u64> = Vec::with_capacity(rows.len() * stride);
    for mut row in counts {
        row.resize(width, 0);
        if counting.exclusive {
            row.push(row.iter().sum());
        }
        values.extend(row);
    }
    let at = |r: usize, c: usize| r * stride + c;
    let mut lines: Vec<Line> = Vec::new();
    if counting.exclusive {
        lines.extend((0..rows.len()).map(|r| Line {
            members: (0..width).map(|c| at(r, c)).collect(),
            total: at(r, width),
        }));
    }
    // Each column's periods of a year add up to that year's count, which the report's yearly
    // tables publish: a hidden period must not be the only one in its year. Those yearly sums
    // are added as cells never hidden here (they are printed elsewhere) and never printed.
    let mut kept = Vec::new();
    if counting.by_receipt && totals_published {
        // The periods' totals are printed in the table of complaints received by period.
        kept.extend((0..rows.len()).map(|r| at(r, width)));
    }
    let grid = values.len();
    let mut year_sums = Vec::new();
    for y in years {
        let mine: Vec<usize> = (0..rows.len()).filter(|r| rows[*r].1 == *y).collect();
        for c in 0..stride {
            let total = grid + year_sums.len();
            year_sums.push(mine.iter().map(|r| values[at(*r, c)]).sum::<u64>());
            kept.push(total);
            lines.push(Line {
                members: mine.iter().map(|r| at(*r, c)).collect(),
                total,
            });
        }
    }
    values.extend(year_sums);
    let shown = protect_keeping(&values, &lines, rules.suppress_below, &kept);
    let body = rows.iter().enumerate().map(|(r, (label, _, _))| {
        std::iter::once(label.clone())
            .chain((0..stride).map(|c| printed(rules, values[at(r, c)], shown[at(r, c)])))
            .collect::<Vec<String>>()
    });
    let mut header = vec![match interval {
        Interval::Quarter => "Quarter".to_string(),
        Interval::Month => "Month".to_string(),
    }];
    header.extend(columns);
    if counting.exclusive {
        header.push("Total".into());
    }
    let by = match interval {
        Interval::Quarter => "quarter",
        Interval::Month => "month",
    };
    Block::Table {
        caption: format!("{noun} by {by}: {}", counting.what),
        header,
        rows: body.collect(),
        figures: Vec::new(),
    }
}

/// The tables the council asked for by period, for one route (every kind for `kinds`).
pub fn period_tables(
    data: &ComplaintsData,
    route: &str,
    frame: &Frame,
    tables: &[PeriodTable],
    local: Option<&LocalStage>,
    title_noun: &str,
) -> Vec<Block> {
    let route_cases: Vec<&Complaint> = data.cases.iter().filter(|c| c.kind == route).collect();
    let all: Vec<&Complaint> = data.cases.iter().collect();
    tables
        .iter()
        .map(|t| {
            let counting = counting(data, *t, local);
            let (cases, noun) = match t {
                PeriodTable::Kinds => (&all, "All cases"),
                _ => (&route_cases, title_noun),
            };
            period_table(data, cases, &counting, frame, noun)
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use scrutiny_domain::complaints::records::ListItem;

    fn case(reference: &str, received: &str, team: Option<&str>) -> Complaint {
        Complaint {
            reference: reference.into(),
            kind: "statutory".into(),
            received: Some(scrutiny_domain::period::parse_date(received).unwrap()),
            team: team.map(str::to_string),
            ..Default::default()
        }
    }

    fn rows(b: &Block) -> Vec<Vec<String>> {
        match b {
            Block::Table { header, rows, .. } => std::iter::once(header.clone())
                .chain(rows.clone())
                .collect(),
            _ => panic!("not a table"),
        }
    }

    #[test]
    fn teams_by_quarter_across_two_years_oldest_first_with_totals() {
        let data = ComplaintsData {
            cases: vec![
                case("A", "2023-04-03", Some("Assessment")),
                case("B", "2024-01-08", None),
                case("C", "2024-07-01", Some("Assessment")),
                case("D", "2024-07-15", Some("Care")),
            ],
            ..Default::default()
        };
        let rules = Rules {
            suppress_below: 0,
            ..Rules::default()
        };
        let years = [FinancialYear(2024), FinancialYear(2023)];
        let frame = Frame {
            years: &years,
            interval: Interval::Quarter,
            rules: &rules,
            totals_published: false,
        };
        let blocks = period_tables(
            &data,
            "statutory",
            &frame,
            &[PeriodTable::Teams],
            None,
            "Statutory complaints",
        );
        let t = rows(&blocks[0]);
        assert_eq!(
            t[0],
            ["Quarter", "Assessment", "Care", "Not recorded", "Total"]
        );
        assert_eq!(t[1], ["2023/24 Q1", "1", "0", "0", "1"]);
        assert_eq!(t[4], ["2023/24 Q4", "0", "0", "1", "1"]);
        assert_eq!(t[6], ["2024/25 Q2", "1", "1", "0", "2"]);
        assert_eq!(t.len(), 9);
    }

    #[test]
    fn months_are_labelled_with_their_calendar_year_and_small_counts_protected() {
        let mut data = ComplaintsData {
            cases: (0..6)
                .map(|i| case(&format!("M{i}"), "2025-01-10", None))
                .chain([case("X", "2025-01-20", None)])
                .collect(),
            ..Default::default()
        };
        for (i, c) in data.cases.iter_mut().enumerate() {
            c.channel = Some(if i < 6 { "email" } else { "letter" }.into());
        }
        data.lists = ["email", "letter"]
            .iter()
            .enumerate()
            .map(|(i, code)| ListItem {
                list: "channel".into(),
                code: code.to_string(),
                label: code.to_string(),
                position: i as i64,
            })
            .collect();
        let frame = Frame {
            years: &[FinancialYear(2024)],
            interval: Interval::Month,
            rules: &Rules::default(),
            totals_published: false,
        };
        let blocks = period_tables(
            &data,
            "statutory",
            &frame,
            &[PeriodTable::Channels],
            None,
            "Statutory complaints",
        );
        let t = rows(&blocks[0]);
        assert_eq!(t[1][0], "April 2024");
        // January 2025: e-mail 6, letter 1, total 7; the 1 is hidden and the 6 with it.
        assert_eq!(t[10], ["January 2025", "*", "fewer than 5", "7"]);
    }
}
