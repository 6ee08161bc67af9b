//! The report frame: the cover a council sets for a report (`report_covers`), and the one-page
//! summary that opens a monitoring report (counts by progress and direction, what changed since
//! last quarter, the exceptions). Renderers add the contents page from the document's sections.

use std::collections::HashSet;

use scrutiny_domain::meetings::ReportKind;
use scrutiny_domain::performance::comparison::ComparisonBasis;
use scrutiny_domain::performance::model::Dataset;
use scrutiny_domain::performance::model::SymbolFor;
use scrutiny_domain::performance::summary::{ExceptionRule, count_with_share};
use scrutiny_domain::period::{FinancialYear, Period, long_date};
use scrutiny_domain::{Direction, Rag, RagCounts};

use crate::document::{Block, Cover, CoverSection, Document, IndicatorRow};
use crate::performance::context::{Context, percent_places};
use crate::symbols::Labels;

/// The cover the council set for this report, if any: `scope` and `period` as the report was
/// asked for, `board` the board it goes to, `title` the report's own title (the default subject).
pub fn cover(
    data: &Dataset,
    report: ReportKind,
    scope: &str,
    period: &str,
    board: &str,
    title: &str,
) -> Option<Cover> {
    let c = data
        .report_covers
        .iter()
        .find(|c| c.fronts(report, scope, period))?;
    let board = data.boards.iter().find(|b| b.code == board);
    let mut lines = vec![
        (
            "Report to".to_string(),
            board.map_or_else(|| c.scope.clone(), |b| b.name.clone()),
        ),
        ("Date".into(), long_date(c.meeting_date)),
        ("Reporting officer".into(), c.reporting_officer.clone()),
    ];
    if let Some(p) = &c.portfolio {
        lines.push(("Portfolio".into(), p.clone()));
    }
    lines.push((
        "Subject".into(),
        c.subject.clone().unwrap_or_else(|| title.to_string()),
    ));
    if let Some(w) = &c.wards {
        lines.push(("Wards".into(), w.clone()));
    }
    let mut sections = vec![
        CoverSection {
            number: "1.0".into(),
            heading: "Purpose of report".into(),
            text: c.purpose.clone(),
        },
        CoverSection {
            number: "2.0".into(),
            heading: "Recommended".into(),
            text: c.recommendation.clone(),
        },
    ];
    let mut more: Vec<_> = data
        .report_cover_sections
        .iter()
        .filter(|s| s.belongs_to(c))
        .collect();
    more.sort_by_key(|s| s.position);
    sections.extend(more.into_iter().zip(3..).map(|(s, n)| CoverSection {
        number: format!("{n}.0"),
        heading: s.heading.clone(),
        text: s.text.clone(),
    }));
    Some(Cover {
        council: board.and_then(|b| b.council.clone()),
        lines,
        sections,
    })
}

/// The complaints annual report's cover: the one set for `year`, its scope naming the board it
/// goes to (the complaints records belong to no board of their own).
pub fn complaints_cover(data: &Dataset, year: FinancialYear, title: &str) -> Option<Cover> {
    let year = year.to_string();
    let c = data
        .report_covers
        .iter()
        .find(|c| c.report == ReportKind::Complaints && c.period.trim() == year)?;
    cover(
        data,
        ReportKind::Complaints,
        &c.scope,
        &year,
        &c.scope,
        title,
    )
}

/// Each indicator the document reports, once (a key indicator can appear in two tables).
fn indicator_rows(doc: &Document) -> Vec<&IndicatorRow> {
    let mut seen = HashSet::new();
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Indicators { rows, .. } => Some(rows),
            _ => None,
        })
        .flatten()
        .filter(|r| seen.insert(r.code.clone()))
        .collect()
}

fn rag_of(state: &str) -> Rag {
    Rag::parse(state).unwrap_or(Rag::Unknown)
}

/// Indicators whose progress rating moved since the previous quarter, with both ratings'
/// words: [ref, measure, last quarter, this quarter].
pub fn changes_since_last_quarter(
    data: &Dataset,
    period: Period,
    doc: &Document,
) -> Vec<Vec<String>> {
    let mut before = Context::new(data, period.previous());
    indicator_rows(doc)
        .into_iter()
        .filter_map(|row| {
            let ind = data.indicators.iter().find(|i| i.code == row.code)?;
            let then = before.assess(ind);
            let now = rag_of(&row.progress.state);
            let moved = then.rag != now && then.rag.is_rated() && now.is_rated();
            moved.then(|| {
                vec![
                    row.refs.clone(),
                    row.measure.clone(),
                    then.row.progress.label,
                    row.progress.label.clone(),
                ]
            })
        })
        .collect()
}

/// The one-page summary: what the report covers, in counts and exceptions, with `changes` (from
/// [`changes_since_last_quarter`]) when the report is quarterly; counts carry their shares to
/// `places`. The exceptions are the indicators the board's declared rule lists (`exceptions`,
/// named in the caption), or without one the red indicators.
pub fn summary(
    doc: &Document,
    changes: Option<Vec<Vec<String>>>,
    places: u32,
    exceptions: Option<&ExceptionRule>,
    labels: &Labels,
    groups: &[(String, RagCounts)],
) -> Vec<Block> {
    let label = |r: Rag| labels.rag(SymbolFor::Indicator, r).label;
    let rows = indicator_rows(doc);
    let mut progress = RagCounts::default();
    for r in &rows {
        progress.add(rag_of(&r.progress.state));
    }
    let mut milestones = RagCounts::default();
    for b in &doc.blocks {
        if let Block::Milestones { rows, .. } = b {
            for r in rows {
                milestones.add(rag_of(&r.progress.state));
            }
        }
    }
    let mut blocks = vec![Block::Heading {
        level: 1,
        number: None,
        text: "Summary".into(),
    }];
    if rows.is_empty() && milestones.total == 0 {
        blocks.push(para("This report carries no indicators or milestones."));
        return blocks;
    }
    let directions = ["better", "same", "worse"]
        .map(|state| rows.iter().filter(|r| r.direction.state == state).count());
    // "3 Target achieved, 1 Close to target and 2 No figure yet": each state the council's word.
    let states: Vec<String> = progress
        .shown()
        .into_iter()
        .map(|r| format!("{} {}", progress.of(r), label(r)))
        .collect();
    let states = match states.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let direction = |d: Direction| labels.direction(d).label;
    let context = rows
        .iter()
        .filter(|r| r.progress.state == "context")
        .count();
    let context = match context {
        0 => String::new(),
        1 => " (one a context measure, not rated)".to_string(),
        n => format!(" ({n} of them context measures, not rated)"),
    };
    // A report without milestones (a council that keeps none, or leaves them out) does not count them.
    let milestone_words = match milestones.total {
        0 => String::new(),
        n => format!(" and {n} milestones"),
    };
    blocks.push(para(&format!(
        "This report covers {} indicators{context}{milestone_words}. Progress of the indicators: \
         {states}. Direction of travel against {}: {} {}, {} {} and {} {}.",
        rows.len(),
        compared_against(&rows),
        directions[0],
        direction(Direction::Better),
        directions[1],
        direction(Direction::Same),
        directions[2],
        direction(Direction::Worse),
    )));
    if progress.total > 0 {
        blocks.push(Block::summary_counts(
            "Indicators: progress",
            progress,
            places,
            labels,
            SymbolFor::Indicator,
        ));
        for (group, counts) in groups.iter().filter(|(_, c)| c.total > 0) {
            blocks.push(Block::summary_counts(
                format!("Indicators: progress, {group}"),
                *counts,
                places,
                labels,
                SymbolFor::Indicator,
            ));
        }
        let share = |n: usize| count_with_share(n, rows.len(), places);
        blocks.push(Block::Table {
            caption: "Indicators: direction of travel".into(),
            header: [
                Direction::Better,
                Direction::Same,
                Direction::Worse,
                Direction::NotComparable,
            ]
            .map(direction)
            .to_vec(),
            rows: vec![vec![
                share(directions[0]),
                share(directions[1]),
                share(directions[2]),
                share(rows.len() - directions.iter().sum::<usize>()),
            ]],
            figures: Vec::new(),
        });
    }
    if milestones.total > 0 {
        blocks.push(Block::summary_counts(
            "Milestones: progress",
            milestones,
            places,
            labels,
            SymbolFor::Objective,
        ));
    }
    match changes {
        Some(c) if c.is_empty() => {
            blocks.push(para(
                "No indicator's progress rating changed since last quarter.",
            ));
        }
        Some(c) => blocks.extend(listed(
            "Changed since last quarter",
            ["Ref", "Measure", "Last quarter", "This quarter"]
                .map(String::from)
                .to_vec(),
            c,
            |n| {
                format!(
                    "{} changed rating since last quarter; each one's rating this quarter is in \
                     its section's table.",
                    more_indicators(n)
                )
            },
        )),
        None => {}
    }
    let rule = exceptions;
    let exceptions: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| match rule {
            Some(_) => r.exception,
            None => rag_of(&r.progress.state) == Rag::Red,
        })
        .map(|r| {
            vec![
                r.refs.clone(),
                r.measure.clone(),
                r.current.clone(),
                r.target.clone(),
                r.direction.label.clone(),
            ]
        })
        .collect();
    let red_only = ExceptionRule::parse("red").unwrap_or_default();
    let words = rule.unwrap_or(&red_only).words_with(&label);
    if exceptions.is_empty() {
        blocks.push(para(&format!("No indicator is {words}.")));
    } else {
        blocks.extend(listed(
            &format!("Exceptions: indicators {words}"),
            ["Ref", "Measure", "Current", "Target", "Direction of travel"]
                .map(String::from)
                .to_vec(),
            exceptions,
            |n| {
                format!(
                    "{} {} {words}; each is in its section's table with its rating and the \
                     reason for it.",
                    more_indicators(n),
                    if n == 1 { "is" } else { "are" }
                )
            },
        ));
    }
    blocks
}

/// The most rows a summary list prints: the summary is a page, and a council with hundreds of
/// changed or exceptional indicators finds each in its section's table.
pub const SUMMARY_LIST_ROWS: usize = 15;

/// A summary list as a table of at most [`SUMMARY_LIST_ROWS`] rows, with `rest` saying what the
/// rows left out are (given how many).
fn listed(
    caption: &str,
    header: Vec<String>,
    mut rows: Vec<Vec<String>>,
    rest: impl Fn(usize) -> String,
) -> Vec<Block> {
    let all = rows.len();
    if all <= SUMMARY_LIST_ROWS {
        return vec![Block::Table {
            caption: caption.into(),
            header,
            rows,
            figures: Vec::new(),
        }];
    }
    rows.truncate(SUMMARY_LIST_ROWS);
    vec![
        Block::Table {
            caption: format!("{caption} (the first {SUMMARY_LIST_ROWS} of {all})"),
            header,
            rows,
            figures: Vec::new(),
        },
        para(&rest(all - SUMMARY_LIST_ROWS)),
    ]
}

/// "1 more indicator", "5 more indicators".
fn more_indicators(n: usize) -> String {
    format!("{n} more indicator{}", if n == 1 { "" } else { "s" })
}

/// What the directions of travel were judged against, in a summary's words: one basis by
/// name, or several, each named in its arrow's reason.
fn compared_against(rows: &[&IndicatorRow]) -> &'static str {
    let mut bases: Vec<ComparisonBasis> = rows.iter().filter_map(|r| r.compared_with).collect();
    bases.sort_by_key(|b| b.code());
    bases.dedup();
    match bases.as_slice() {
        [] => ComparisonBasis::SamePeriodLastYear.summary_words(),
        [b] => b.summary_words(),
        _ => "the figure each is compared with (each arrow's reason names it)",
    }
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.into(),
        initials: None,
    }
}

/// Puts the summary in front of the report, on a page of its own.
pub fn open_with_summary(
    doc: &mut Document,
    changes: Option<Vec<Vec<String>>>,
    places: u32,
    exceptions: Option<&ExceptionRule>,
    labels: &Labels,
    groups: &[(String, RagCounts)],
) {
    let mut blocks = summary(doc, changes, places, exceptions, labels, groups);
    blocks.push(Block::PageBreak);
    doc.summary = blocks;
}

/// A quarterly report's frame: the council's cover, if set, and the summary in front.
pub fn quarterly(
    doc: &mut Document,
    data: &Dataset,
    report: ReportKind,
    scope: &str,
    period: Period,
    board: &str,
) {
    doc.cover = cover(data, report, scope, &period.to_string(), board, &doc.title);
    let changes = changes_since_last_quarter(data, period, doc);
    let rule = data
        .boards
        .iter()
        .find(|b| b.code == board)
        .and_then(|b| b.exception_rule.as_ref());
    let labels = Labels::new(&data.symbol_labels);
    let by_group = data
        .boards
        .iter()
        .any(|b| b.code == board && b.count_by_group);
    let groups = if by_group {
        group_counts(data, doc)
    } else {
        Vec::new()
    };
    open_with_summary(
        doc,
        Some(changes),
        percent_places(data, board),
        rule,
        &labels,
        &groups,
    );
}

/// The report's indicators counted per group (`indicator_groups`, in their order), those in no
/// group last as "Other indicators".
pub fn group_counts(data: &Dataset, doc: &Document) -> Vec<(String, RagCounts)> {
    let rows = indicator_rows(doc);
    let group_of = |code: &str| {
        data.indicators
            .iter()
            .find(|i| i.code == code)
            .and_then(|i| i.group.clone())
    };
    let mut groups: Vec<_> = data.indicator_groups.iter().collect();
    groups.sort_by_key(|g| (g.position, g.code.clone()));
    let count = |group: Option<&str>| -> RagCounts {
        rows.iter()
            .filter(|r| group_of(&r.code).as_deref() == group)
            .map(|r| rag_of(&r.progress.state))
            .collect()
    };
    groups
        .iter()
        .map(|g| (g.label.clone(), count(Some(&g.code))))
        .chain([("Other indicators".to_string(), count(None))])
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use scrutiny_domain::meetings::{Cover as CoverRow, CoverSection as SectionRow};
    use scrutiny_domain::performance::model::Board;

    use super::*;
    use crate::document::Symbol;

    fn council() -> Dataset {
        let mut data = Dataset::default();
        data.boards.push(Board {
            code: "CYPF".into(),
            name: "Children's Board".into(),
            council: Some("Halton Borough Council".into()),
            negatives: None,
            percent_places: None,
            exception_rule: None,
            count_by_group: false,
            clear_days: None,
        });
        data.report_covers.push(CoverRow {
            report: ReportKind::Pbr,
            scope: "CYPF".into(),
            period: "2012/13 Q1".into(),
            meeting_date: NaiveDate::from_ymd_opt(2012, 9, 3).unwrap(),
            reporting_officer: "Strategic Director".into(),
            subject: None,
            wards: Some("Boroughwide".into()),
            portfolio: None,
            purpose: "To consider the reports.".into(),
            recommendation: "That the Board\n1) Receive the reports".into(),
        });
        for (position, heading) in [(9, "Risk analysis"), (4, "Policy implications")] {
            data.report_cover_sections.push(SectionRow {
                report: ReportKind::Pbr,
                scope: "cypf".into(),
                period: "2012/13 Q1".into(),
                position,
                heading: heading.into(),
                text: "None.".into(),
            });
        }
        data
    }

    #[test]
    fn a_cover_is_found_by_report_scope_and_period_and_numbers_its_sections() {
        let data = council();
        let c = cover(
            &data,
            ReportKind::Pbr,
            "CYPF",
            "2012/13 Q1",
            "CYPF",
            "Title",
        )
        .unwrap();
        assert_eq!(c.council.as_deref(), Some("Halton Borough Council"));
        let lines: Vec<(&str, &str)> = c
            .lines
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                ("Report to", "Children's Board"),
                ("Date", "3 September 2012"),
                ("Reporting officer", "Strategic Director"),
                ("Subject", "Title"),
                ("Wards", "Boroughwide"),
            ]
        );
        let headings: Vec<String> = c
            .sections
            .iter()
            .map(|s| format!("{} {}", s.number, s.heading))
            .collect();
        assert_eq!(
            headings,
            [
                "1.0 Purpose of report",
                "2.0 Recommended",
                "3.0 Policy implications",
                "4.0 Risk analysis"
            ]
        );
        assert!(cover(&data, ReportKind::Pbr, "CYPF", "2012/13 Q2", "CYPF", "T").is_none());
        assert!(cover(&data, ReportKind::Qmr, "CYPF", "2012/13 Q1", "CYPF", "T").is_none());
    }

    fn symbol(state: &str) -> Symbol {
        Symbol {
            state: state.into(),
            glyph: String::new(),
            label: state.into(),
            description: String::new(),
        }
    }

    fn row(code: &str, progress: &str, direction: &str) -> IndicatorRow {
        IndicatorRow {
            code: code.into(),
            refs: code.into(),
            measure: format!("Measure {code}"),
            previous: String::new(),
            target: "50%".into(),
            target_spoken: String::new(),
            current: "40%".into(),
            progress: symbol(progress),
            direction: symbol(direction),
            progress_basis: String::new(),
            direction_basis: String::new(),
            compared_with: None,
            exception: false,
            commentary: None,
        }
    }

    /// A report of `blocks` and nothing else.
    fn report_of(blocks: Vec<Block>) -> Document {
        Document {
            title: "T".into(),
            subtitle: None,
            header_lines: Vec::new(),
            produced_on: String::new(),
            slug: "t".into(),
            cover: None,
            summary: Vec::new(),
            blocks,
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn a_declared_exception_rule_lists_its_indicators_and_is_named() {
        let mut off = row("A", "green", "better");
        off.exception = true;
        let doc = report_of(vec![Block::indicators(
            "Key",
            [String::new(), String::new(), String::new()],
            vec![off, row("B", "red", "worse")],
            false,
        )]);
        let rule = ExceptionRule::parse("off_target 5%").unwrap();
        let blocks = summary(&doc, None, 0, Some(&rule), &Labels::new(&[]), &[]);
        let listed = blocks.iter().find_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.starts_with("Exceptions") => {
                Some((caption.clone(), rows.clone()))
            }
            _ => None,
        });
        let (caption, rows) = listed.unwrap();
        assert_eq!(caption, "Exceptions: indicators more than 5% from target");
        assert_eq!(
            rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
            ["A"]
        );
        // The shares print beside the counts: one of two is 50%.
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::SummaryCounts { figures, .. }
            if figures.contains(&"1 (50%)".to_string())))
        );
    }

    #[test]
    fn the_summary_counts_each_indicator_once_and_lists_the_reds() {
        let table = |rows| {
            Block::indicators(
                "Key",
                [String::new(), String::new(), String::new()],
                rows,
                false,
            )
        };
        let doc = report_of(vec![
            table(vec![row("A", "green", "better"), row("B", "red", "worse")]),
            // A key indicator printed again elsewhere is still one indicator.
            table(vec![row("B", "red", "worse"), row("C", "amber", "same")]),
        ]);
        let blocks = summary(&doc, Some(Vec::new()), 0, None, &Labels::new(&[]), &[]);
        let counts = blocks.iter().find_map(|b| match b {
            Block::SummaryCounts { counts, .. } => Some(*counts),
            _ => None,
        });
        assert_eq!(
            counts,
            Some(RagCounts {
                total: 3,
                green: 1,
                amber: 1,
                red: 1,
                unknown: 0,
                ..RagCounts::default()
            })
        );
        let reds = blocks.iter().find_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.starts_with("Exceptions") => Some(rows),
            _ => None,
        });
        assert_eq!(reds.map(|r| r[0][0].as_str()), Some("B"));
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph { text, .. }
            if text == "No indicator's progress rating changed since last quarter."))
        );
    }

    #[test]
    fn a_long_summary_list_prints_its_first_rows_and_says_how_many_more() {
        let reds: Vec<IndicatorRow> = (0..SUMMARY_LIST_ROWS + 5)
            .map(|i| row(&format!("R{i:02}"), "red", "worse"))
            .collect();
        let doc = report_of(vec![Block::indicators(
            "Key",
            [String::new(), String::new(), String::new()],
            reds,
            false,
        )]);
        let changes: Vec<Vec<String>> = (0..3).map(|i| vec![format!("C{i}")]).collect();
        let blocks = summary(&doc, Some(changes), 0, None, &Labels::new(&[]), &[]);
        let table = |prefix: &str| {
            blocks.iter().find_map(|b| match b {
                Block::Table { caption, rows, .. } if caption.starts_with(prefix) => {
                    Some((caption.clone(), rows.len()))
                }
                _ => None,
            })
        };
        // A short list prints whole, as before.
        assert_eq!(
            table("Changed"),
            Some(("Changed since last quarter".to_string(), 3))
        );
        let (caption, printed) = table("Exceptions").unwrap_or_default();
        assert_eq!(printed, SUMMARY_LIST_ROWS);
        assert!(
            caption.ends_with(&format!("(the first {SUMMARY_LIST_ROWS} of 20)")),
            "{caption}"
        );
        let rest = blocks.iter().find_map(|b| match b {
            Block::Paragraph { text, .. } if text.starts_with("5 more") => Some(text.as_str()),
            _ => None,
        });
        assert_eq!(
            rest,
            Some(
                "5 more indicators are rated red; each is in its section's table with its rating and the reason for it."
            )
        );
        // One left out is one indicator.
        assert_eq!(more_indicators(1), "1 more indicator");
    }
}
