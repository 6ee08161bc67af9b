//! The Quarterly Monitoring Report: one department, one quarter, sections 1–10 and appendices 1–7
//! (seed 003, Specialist Services, Quarter 3 2009/10).

use scrutiny_domain::RagCounts;
use scrutiny_domain::performance::model::{
    Commentary, Dataset, Department, Indicator, Section, SymbolFor,
};
use scrutiny_domain::period::Period;

use scrutiny_domain::meetings::ReportKind;

use crate::ReportError;
use crate::chart::indicator_chart;
use crate::document::{Block, Document};
use crate::performance::context::Context;
use crate::performance::sections::*;

/// The department's text for one section of the report.
fn section_text(ctx: &Context, department: &str, s: Section) -> Vec<Commentary> {
    ctx.commentary(|c| c.department.as_deref() == Some(department) && c.section == s)
        .into_iter()
        .cloned()
        .collect()
}

/// The appendices, in order; section 10.0 lists them.
const APPENDICES: [&str; 7] = [
    "Progress against Objectives / Milestones",
    "Progress against Key Performance Indicators",
    "Progress against Other Performance Indicators",
    "Progress against Risk Control Measures",
    "Progress against High Priority Equality Actions",
    "Financial Statement",
    "Explanation of traffic light symbols",
];

/// The heading of appendix `n` (from 1).
fn appendix(n: usize) -> Block {
    heading(1, &format!("Appendix {n}"), APPENDICES[n - 1])
}

/// The department's developments or issues; failing its own, those the board's report gives
/// under its Operational Director's initials, so this report never says "nothing to report"
/// where the board's report lists the department's developments.
fn items_for(ctx: &Context, dept: &Department, s: Section) -> Vec<Commentary> {
    let own = section_text(ctx, &dept.code, s);
    if !own.is_empty() {
        return own;
    }
    let Some(initials) = dept.director_initials.as_deref() else {
        return own;
    };
    ctx.commentary(|c| {
        c.department.is_none()
            && c.board.as_deref() == Some(dept.board.as_str())
            && c.section == s
            && c.initials.as_deref() == Some(initials)
    })
    .into_iter()
    .cloned()
    .collect()
}

/// 1.0 Introduction, 2.0 Key Developments, 3.0 Emerging Issues.
fn narrative(ctx: &Context, dept: &Department, period: Period) -> Vec<Block> {
    let mut blocks = vec![heading(1, "1.0", "Introduction")];
    let intro = section_text(ctx, &dept.code, Section::Introduction);
    if intro.is_empty() {
        blocks.push(para(&format!(
            "This quarterly monitoring report covers the {} Department {} quarter period up to {}. It describes key \
             developments and progress against \u{201c}key\u{201d} objectives and performance indicators for the service.",
            dept.name,
            period.quarter.ordinal_word(),
            ctx.style.date(period.end())
        )));
    } else {
        blocks.extend(paragraphs_of(&intro));
    }
    for (n, title, s) in [
        ("2", "Key Developments", Section::KeyDevelopment),
        ("3", "Emerging Issues", Section::EmergingIssue),
    ] {
        blocks.push(heading(1, &format!("{n}.0"), title));
        let found = items_for(ctx, dept, s);
        if found.is_empty() {
            blocks.push(para("Nothing to report this quarter."));
        }
        blocks.extend(items(n, &found));
    }
    blocks
}

/// The milestone and indicator tables of Appendices 1–3, and the counts sections 4.0 and 6.0 give.
struct Progress {
    milestones: (Option<Block>, RagCounts),
    key: Vec<Indicator>,
    key_table: (Option<Block>, RagCounts),
    other: Vec<Indicator>,
    other_table: (Option<Block>, RagCounts),
}

fn progress(ctx: &mut Context, department: &str) -> Progress {
    let data = ctx.data;
    let milestones = ctx.milestones(|m| {
        m.key
            && data
                .objectives
                .iter()
                .any(|o| o.reference == m.objective && o.department == department)
    });
    let milestones = milestone_table(
        ctx,
        "Progress against objectives / milestones",
        &milestones,
        true,
        false,
    );
    let key = ctx.indicators(|i| i.department == department && i.key);
    let other = ctx.indicators(|i| i.department == department && !i.key);
    let key_table = indicator_table(
        ctx,
        "Progress against key performance indicators",
        &key,
        true,
        false,
    );
    let caption = format!(
        "Progress against other performance indicators (by exception: {})",
        ctx.exception_words()
    );
    let other_table = indicator_table(ctx, &caption, &other, true, true);
    Progress {
        milestones,
        key,
        key_table,
        other,
        other_table,
    }
}

/// 4.0 Objectives / milestones, 5.0 Service Review, 6.0 and 6.1 indicators: counts here, the
/// tables in the appendices.
fn progress_sections(ctx: &Context, dept: &Department, p: &Progress) -> Vec<Block> {
    let mut blocks = vec![
        heading(1, "4.0", "Progress against Objectives / Milestones"),
        counts_block(
            ctx,
            "Objectives / milestones",
            p.milestones.1,
            SymbolFor::Objective,
        ),
        para("For further details, please refer to Appendix 1."),
        heading(1, "5.0", "Service Review"),
    ];
    let review = section_text(ctx, &dept.code, Section::ServiceReview);
    if review.is_empty() {
        blocks.push(para("Nothing to report this quarter."));
    }
    blocks.extend(paragraphs_of(&review));
    let others = p.other_table.1;
    blocks.extend([
        heading(1, "6.0", "Progress against Key Performance Indicators"),
        counts_block(
            ctx,
            "Key performance indicators",
            p.key_table.1,
            SymbolFor::Indicator,
        ),
        para("For further details, please refer to Appendix 2."),
        heading(2, "6.1", "Progress against Other Performance Indicators"),
        counts_block(
            ctx,
            "Other performance indicators reported by exception",
            others,
            SymbolFor::Indicator,
        ),
        para(&format!(
            "{} of the {} \u{201c}Other\u{201d} performance indicators have been reported by exception this quarter \
             (those {}). For further details, please refer to Appendix 3.",
            others.total,
            p.other.len(),
            ctx.exception_words()
        )),
    ]);
    blocks
}

/// 7.0 Risks, 8.0 Equality, 9.0 Data Quality, 10.0 the list of appendices.
fn closing_sections(ctx: &Context, dept: &Department, period: Period) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (n, title, s) in [
        ("7.0", "Risk Control Measures", Section::Risk),
        (
            "8.0",
            "Progress against High Priority Equality Actions",
            Section::Equality,
        ),
    ] {
        blocks.push(heading(1, n, title));
        blocks.extend(paragraphs_of(&section_text(ctx, &dept.code, s)));
        if !period.is_half_year_point() {
            blocks.push(para(
                "These are reported in full in quarters 2 and 4; in other quarters only by exception (Appendices 4 and 5).",
            ));
        }
    }
    blocks.push(heading(1, "9.0", "Data Quality"));
    let dq = section_text(ctx, &dept.code, Section::DataQuality);
    if dq.is_empty() {
        blocks.push(para(
            "The author provides assurance that the information contained within this report is accurate and valid and \
             that every effort has been made to avoid the omission of data.",
        ));
    }
    blocks.extend(paragraphs_of(&dq));
    blocks.push(heading(1, "10.0", "Appendices"));
    blocks.push(Block::Table {
        caption: "Appendices".into(),
        header: vec!["Appendix".into(), "Contents".into()],
        rows: APPENDICES
            .iter()
            .enumerate()
            .map(|(i, t)| vec![format!("Appendix {}", i + 1), t.to_string()])
            .collect(),
    });
    blocks
}

/// Appendices 1–7: the tables, the key indicators' charts, the financial statement, the key.
fn appendices(ctx: &mut Context, dept: &Department, p: Progress) -> Vec<Block> {
    let depts = [dept];
    let mut blocks = vec![
        appendix(1),
        p.milestones
            .0
            .unwrap_or_else(|| para("No milestones are recorded for this department and year.")),
        appendix(2),
        p.key_table.0.unwrap_or_else(|| {
            para("No key performance indicators are recorded for this department.")
        }),
    ];
    for ind in &p.key {
        blocks.extend(indicator_chart(ctx, ind));
    }
    blocks.extend([
        appendix(3),
        p.other_table.0.unwrap_or_else(|| {
            para("No other performance indicators are reported by exception this quarter.")
        }),
        appendix(4),
        risk_table(ctx, &depts).unwrap_or_else(|| para("Nothing to report this quarter.")),
        appendix(5),
        equality_table(ctx, &depts).unwrap_or_else(|| para("Nothing to report this quarter.")),
        appendix(6),
    ]);
    blocks.push(
        finance_block(ctx, dept)
            .unwrap_or_else(|| para("No financial statement has been entered for this quarter.")),
    );
    blocks.extend(paragraphs_of(&section_text(
        ctx,
        &dept.code,
        Section::Finance,
    )));
    blocks.push(appendix(7));
    blocks.push(symbol_key(ctx, &depts));
    let reported: Vec<_> = p.key.iter().chain(&p.other).cloned().collect();
    blocks.extend(rules_table(ctx, &reported));
    blocks
}

pub fn quarterly_monitoring_report(
    data: &Dataset,
    department: &str,
    period: Period,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let ctx = Context::new(data, period);
    let dept = ctx
        .department(department)
        .ok_or_else(|| ReportError::UnknownDepartment(department.to_string()))?;
    let mut ctx = ctx.for_board(&dept.board);
    let mut blocks = narrative(&ctx, dept, period);
    let progress = progress(&mut ctx, department);
    blocks.extend(progress_sections(&ctx, dept, &progress));
    blocks.extend(closing_sections(&ctx, dept, period));
    blocks.extend(appendices(&mut ctx, dept, progress));
    let period_line = format!(
        "Quarter {} to period end {}",
        period.quarter.number(),
        ctx.style.date(period.end())
    );
    let board = dept.board.clone();
    let mut doc = Document {
        title: "Quarterly Monitoring Report".into(),
        subtitle: Some(format!("{} – {}", dept.name, period)),
        header_lines: vec![
            (
                "Directorate".into(),
                dept.directorate.clone().unwrap_or_default(),
            ),
            ("Service".into(), dept.name.clone()),
            ("Period".into(), period_line),
        ],
        produced_on: produced_on.to_string(),
        slug: period_slug("qmr", department, period),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: ctx.diagnostics,
    };
    crate::frame::quarterly(&mut doc, data, ReportKind::Qmr, department, period, &board);
    Ok(crate::checks::checked(doc))
}
