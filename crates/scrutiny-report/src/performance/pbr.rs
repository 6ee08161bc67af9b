//! The Priority Based Report: one board, one quarter, structured by the board's priorities
//! (seed 000, "Children & Young Peoples Priority Based Report", Quarter 1 2012/13).

use scrutiny_domain::performance::model::{
    Board, Commentary, Dataset, Department, Section, SymbolFor,
};
use scrutiny_domain::period::Period;

use scrutiny_domain::meetings::ReportKind;
use scrutiny_domain::performance::layout::Part;

use crate::ReportError;
use crate::chart::indicator_chart;
use crate::document::{Block, Document};
use crate::performance::context::Context;
use crate::performance::outline::Outline;
use crate::performance::sections::*;

/// One part of a priority's overview: its heading, the summary counts, the table, and the
/// supporting commentary for that section.
#[allow(clippy::too_many_arguments)]
fn priority_part(
    ctx: &Context,
    board: &str,
    priority: &str,
    title: &str,
    heading_text: &str,
    section: Section,
    table: Option<Block>,
    counts: scrutiny_domain::RagCounts,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading {
        level: 3,
        number: None,
        text: heading_text.into(),
    }];
    let applies_to = match section {
        Section::Milestones => SymbolFor::Objective,
        _ => SymbolFor::Indicator,
    };
    blocks.push(counts_block(
        ctx,
        &format!("{title} – {}: progress", heading_text.to_lowercase()),
        counts,
        applies_to,
    ));
    blocks.extend(table);
    let comm = ctx.commentary(|c| {
        c.board.as_deref() == Some(board)
            && c.section == section
            && c.priority.as_deref() == Some(priority)
    });
    if !comm.is_empty() {
        blocks.push(Block::Heading {
            level: 4,
            number: None,
            text: "Supporting Commentary".into(),
        });
        blocks.extend(paragraphs_of(&comm));
    }
    blocks
}

/// The board's departments with milestones or figures in the year: departments come and go.
fn departments_in_year<'a>(ctx: &Context<'a>, board: &str) -> Vec<&'a Department> {
    let data = ctx.data;
    let year = ctx.period.year;
    let placed = ctx.indicators(|_| true);
    data.departments
        .iter()
        .filter(|d| d.board == board)
        .filter(|d| {
            placed.iter().any(|i| {
                i.department == d.code
                    && data
                        .values
                        .iter()
                        .any(|v| v.indicator == i.code && v.year == year)
            }) || data.milestones.iter().any(|m| {
                m.year == year
                    && data
                        .objectives
                        .iter()
                        .any(|o| o.reference == m.objective && o.department == d.code)
            })
        })
        .collect()
}

/// 1.0 Introduction, 2.0 Key Developments, 3.0 Emerging Issues, 4.0 Risk Control Measures,
/// 5.0 High Priority Equality Actions (as the board lays them out).
fn narrative(
    ctx: &Context,
    o: &mut Outline,
    board: &Board,
    departments: &[&Department],
) -> Vec<Block> {
    let period = ctx.period;
    let on_board = |c: &Commentary| c.board.as_deref() == Some(board.code.as_str());
    let mut blocks = Vec::new();
    if let Some((h, _)) = o.section(Part::Introduction) {
        blocks.push(h);
        let intro = ctx.commentary(|c| on_board(c) && c.section == Section::Introduction);
        if intro.is_empty() {
            blocks.push(para(&format!(
                "This report provides an overview of issues and progress against key service objectives/milestones and \
                 performance targets, during the {} quarter of {}; for service areas within the remit of the {}.",
                period.quarter.ordinal_word(),
                period.year,
                board.name
            )));
        } else {
            blocks.extend(paragraphs_of(&intro));
        }
    }
    for (part, section) in [
        (Part::KeyDevelopments, Section::KeyDevelopment),
        (Part::EmergingIssues, Section::EmergingIssue),
    ] {
        let Some((h, number)) = o.section(part) else {
            continue;
        };
        blocks.push(h);
        let found = ctx.commentary(|c| on_board(c) && c.section == section);
        if found.is_empty() {
            blocks.push(para("Nothing to report this quarter."));
        }
        blocks.extend(items(&number, &found));
    }
    for (part, section) in [
        (Part::Risks, Section::Risk),
        (Part::Equality, Section::Equality),
    ] {
        let Some((h, _)) = o.section(part) else {
            continue;
        };
        blocks.push(h);
        blocks.extend(paragraphs_of(
            &ctx.commentary(|c| on_board(c) && c.section == section),
        ));
        let table = if section == Section::Risk {
            risk_table(ctx, departments)
        } else {
            equality_table(ctx, departments)
        };
        blocks.extend(table);
    }
    blocks
}

/// 6.0 Performance Overview: each priority's key milestones and indicators, with their counts
/// and commentary. Returns the blocks and the charts of the indicators, for 9.0.
fn performance_overview(
    ctx: &mut Context,
    o: &mut Outline,
    board: &str,
    dept_codes: &[&str],
) -> (Vec<Block>, Vec<Block>) {
    let Some((h, number)) = o.section(Part::Overview) else {
        return (Vec::new(), Vec::new());
    };
    let mut priorities: Vec<_> = ctx
        .data
        .priorities
        .iter()
        .filter(|p| p.board == board)
        .collect();
    priorities.sort_by_key(|p| p.position);
    let mut blocks = vec![
        h,
        para(&format!(
            "The following information provides a synopsis of progress for {} across the key business areas that \
             have been identified by the Directorate. Summary counts are computed from the item-level ratings below.",
            match (o.shows(Part::Milestones), o.shows(Part::KeyIndicators)) {
                (true, true) => "both milestones and performance indicators",
                (true, false) => "milestones",
                _ => "performance indicators",
            }
        )),
    ];
    let mut charts = Vec::new();
    for (i, pr) in priorities.iter().enumerate() {
        let n = format!("{number}.{}", i + 1);
        blocks.push(heading(2, &n, &pr.title));
        if let Some(note) = &pr.note {
            blocks.push(para(note));
        }
        let milestones = match o.heading(Part::Milestones) {
            Some(_) => ctx.milestones(|m| m.key && m.priority.as_deref() == Some(pr.code.as_str())),
            None => Vec::new(),
        };
        if !milestones.is_empty() {
            let (table, counts) = milestone_table(
                ctx,
                &format!("{} – {}", pr.title, o.caption(Part::Milestones)),
                &milestones,
                false,
                false,
            );
            blocks.extend(priority_part(
                ctx,
                board,
                &pr.code,
                &pr.title,
                &o.heading(Part::Milestones).unwrap_or_default(),
                Section::Milestones,
                table,
                counts,
            ));
        }
        let Some(indicators_heading) = o.heading(Part::KeyIndicators) else {
            continue;
        };
        let indicators = ctx.indicators(|ind| {
            ind.key
                && ind.priority.as_deref() == Some(pr.code.as_str())
                && dept_codes.contains(&ind.department.as_str())
        });
        if !indicators.is_empty() {
            let caption = format!("{} – {}", pr.title, o.caption(Part::KeyIndicators));
            let (table, counts) = indicator_table(ctx, &caption, &indicators, false, false);
            blocks.extend(priority_part(
                ctx,
                board,
                &pr.code,
                &pr.title,
                &indicators_heading,
                Section::Indicators,
                table,
                counts,
            ));
            if o.shows(Part::Charts) {
                charts.extend(
                    indicators
                        .iter()
                        .filter_map(|ind| indicator_chart(ctx, ind)),
                );
            }
        }
    }
    (blocks, charts)
}

/// 7.0 Financial Statement: each department's statement and its notes.
fn financial_statement(
    ctx: &mut Context,
    o: &mut Outline,
    departments: &[&Department],
) -> Vec<Block> {
    let Some((h, _)) = o.section(Part::Finance) else {
        return Vec::new();
    };
    let mut blocks = vec![h];
    for d in departments {
        if let Some(f) = finance_block(ctx, d) {
            blocks.push(f);
            let notes = ctx.commentary(|c| {
                c.department.as_deref() == Some(d.code.as_str()) && c.section == Section::Finance
            });
            blocks.extend(paragraphs_of(&notes));
        }
    }
    blocks
}

/// 8.0 the symbols and how progress is computed; 9.0 the charts, if there are any.
fn appendices(
    ctx: &Context,
    o: &mut Outline,
    departments: &[&Department],
    dept_codes: &[&str],
    charts: Vec<Block>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some((h, _)) = o.section(Part::SymbolKey) {
        blocks.push(h);
        blocks.push(symbol_key(ctx, departments));
        let reported = ctx.indicators(|i| i.key && dept_codes.contains(&i.department.as_str()));
        blocks.extend(rules_table(ctx, &reported));
    }
    if !charts.is_empty()
        && let Some((h, _)) = o.section(Part::Charts)
    {
        blocks.push(h);
        blocks.push(para(
            "Each chart shows every figure held for the indicator, by quarter where it is reported \
             quarterly and as one point for a year held only as its outturn, against the target in force \
             in each period, over the quartile bands where benchmark data exists. Each axis starts at zero.",
        ));
        blocks.extend(charts);
    }
    blocks
}

/// Builds the Priority Based Report for `board` and `period`. `produced_on` is printed as given.
pub fn priority_based_report(
    data: &Dataset,
    board: &str,
    period: Period,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let mut ctx = Context::new(data, period).for_board(board);
    let board_rec = ctx
        .board(board)
        .ok_or_else(|| ReportError::UnknownBoard(board.to_string()))?;
    let mut o = Outline::new(&ctx, board, ReportKind::Pbr, &[]);
    let departments = departments_in_year(&ctx, board);
    let dept_codes: Vec<&str> = departments.iter().map(|d| d.code.as_str()).collect();
    let mut blocks = narrative(&ctx, &mut o, board_rec, &departments);
    let (overview, charts) = performance_overview(&mut ctx, &mut o, board, &dept_codes);
    blocks.extend(overview);
    blocks.extend(financial_statement(&mut ctx, &mut o, &departments));
    blocks.extend(appendices(&ctx, &mut o, &departments, &dept_codes, charts));
    blocks.extend(crate::performance::sources::sources_note(
        data, period, &blocks,
    ));
    let default_period = format!("Reporting Period: {}", period.reporting_period_label());
    let mut doc = Document {
        title: o.layout.title(&board_rec.name),
        subtitle: o.period_line(&ctx, period, default_period),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: period_slug("pbr", board, period),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: ctx.diagnostics,
    };
    crate::frame::quarterly(&mut doc, data, ReportKind::Pbr, board, period, board);
    Ok(crate::checks::checked(doc))
}
