//! The Quarterly Monitoring Report: one department, one quarter, sections 1–10 and appendices 1–7
//! (seed 003, Specialist Services, Quarter 3 2009/10).

use scrutiny_domain::RagCounts;
use scrutiny_domain::performance::model::{
    Commentary, Dataset, Department, Indicator, Section, SymbolFor,
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

/// The department's text for one section of the report.
fn section_text(ctx: &Context, department: &str, s: Section) -> Vec<Commentary> {
    ctx.commentary(|c| c.department.as_deref() == Some(department) && c.section == s)
        .into_iter()
        .cloned()
        .collect()
}

/// The parts appended, in order (Appendices 1–7 in the seed); section 10.0 lists them.
const APPENDED: [Part; 7] = [
    Part::Milestones,
    Part::KeyIndicators,
    Part::OtherIndicators,
    Part::Risks,
    Part::Equality,
    Part::Finance,
    Part::SymbolKey,
];

/// An appendix's title: the part's declared heading, else the seed's.
fn appendix_title(o: &Outline, part: Part) -> String {
    o.declared(part).unwrap_or_else(|| match part {
        Part::Risks => "Progress against Risk Control Measures".into(),
        other => other
            .default_heading(ReportKind::Qmr)
            .unwrap_or_default()
            .into(),
    })
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

/// 1.0 Introduction, 2.0 Key Developments, 3.0 Emerging Issues (as the board lays them out).
fn narrative(ctx: &Context, o: &mut Outline, dept: &Department, period: Period) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some((h, _)) = o.section(Part::Introduction) {
        blocks.push(h);
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
    }
    for (part, s) in [
        (Part::KeyDevelopments, Section::KeyDevelopment),
        (Part::EmergingIssues, Section::EmergingIssue),
    ] {
        let Some((h, n)) = o.section(part) else {
            continue;
        };
        blocks.push(h);
        let found = items_for(ctx, dept, s);
        if found.is_empty() {
            blocks.push(para("Nothing to report this quarter."));
        }
        blocks.extend(items(&n, &found));
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

/// The tables of the parts the board shows; a part left out is not judged at all, so its
/// states never reach the symbol key.
fn progress(ctx: &mut Context, o: &Outline, department: &str) -> Progress {
    let data = ctx.data;
    let milestones = if o.shows(Part::Milestones) {
        ctx.milestones(|m| {
            m.key
                && data
                    .objectives
                    .iter()
                    .any(|o| o.reference == m.objective && o.department == department)
        })
    } else {
        Vec::new()
    };
    let milestones = milestone_table(
        ctx,
        &o.caption_or(Part::Milestones, "Progress against objectives / milestones"),
        &milestones,
        true,
        false,
    );
    let shown = |part| o.shows(part);
    let key = ctx.indicators(|i| shown(Part::KeyIndicators) && i.department == department && i.key);
    let other =
        ctx.indicators(|i| shown(Part::OtherIndicators) && i.department == department && !i.key);
    let key_table = indicator_table(
        ctx,
        &o.caption_or(
            Part::KeyIndicators,
            "Progress against key performance indicators",
        ),
        &key,
        true,
        false,
    );
    let caption = format!(
        "{} (by exception: {})",
        o.caption_or(
            Part::OtherIndicators,
            "Progress against other performance indicators"
        ),
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
fn progress_sections(
    ctx: &Context,
    o: &mut Outline,
    dept: &Department,
    p: &Progress,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some((h, _)) = o.section(Part::Milestones) {
        blocks.push(h);
        blocks.push(counts_block(
            ctx,
            &o.caption_or(Part::Milestones, "Objectives / milestones"),
            p.milestones.1,
            SymbolFor::Objective,
        ));
        blocks.extend(o.refer_to(Part::Milestones));
    }
    if let Some((h, _)) = o.section(Part::ServiceReview) {
        blocks.push(h);
        let review = section_text(ctx, &dept.code, Section::ServiceReview);
        if review.is_empty() {
            blocks.push(para("Nothing to report this quarter."));
        }
        blocks.extend(paragraphs_of(&review));
    }
    let key_number = o.section(Part::KeyIndicators).map(|(h, n)| {
        blocks.push(h);
        blocks.push(counts_block(
            ctx,
            &o.caption_or(Part::KeyIndicators, "Key performance indicators"),
            p.key_table.1,
            SymbolFor::Indicator,
        ));
        blocks.extend(o.refer_to(Part::KeyIndicators));
        n
    });
    // Other indicators are a subsection of the key indicators' section, or a section of their own.
    let other_heading = match (key_number, o.heading(Part::OtherIndicators)) {
        (_, None) => None,
        (Some(n), Some(text)) => Some(heading(2, &format!("{n}.1"), &text)),
        (None, Some(_)) => o.section(Part::OtherIndicators).map(|(h, _)| h),
    };
    if let Some(h) = other_heading {
        let others = p.other_table.1;
        blocks.push(h);
        let own = o.declared(Part::OtherIndicators);
        blocks.push(counts_block(
            ctx,
            own.as_deref()
                .unwrap_or("Other performance indicators reported by exception"),
            others,
            SymbolFor::Indicator,
        ));
        let refer = o
            .appendix_number(Part::OtherIndicators)
            .map(|n| format!(" For further details, please refer to Appendix {n}."))
            .unwrap_or_default();
        let which = match own {
            Some(_) => "other indicators",
            None => "\u{201c}Other\u{201d} performance indicators",
        };
        blocks.push(para(&format!(
            "{} of the {} {which} have been reported by exception this quarter (those {}).{refer}",
            others.total,
            p.other.len(),
            ctx.exception_words()
        )));
    }
    blocks
}

/// 7.0 Risks, 8.0 Equality, 9.0 Data Quality, 10.0 the list of appendices.
fn closing_sections(
    ctx: &Context,
    o: &mut Outline,
    dept: &Department,
    period: Period,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let where_listed = o.appendix_words(&[Part::Risks, Part::Equality]);
    for (part, s) in [
        (Part::Risks, Section::Risk),
        (Part::Equality, Section::Equality),
    ] {
        let Some((h, _)) = o.section(part) else {
            continue;
        };
        blocks.push(h);
        blocks.extend(paragraphs_of(&section_text(ctx, &dept.code, s)));
        if let (false, Some(listed)) = (period.is_half_year_point(), &where_listed) {
            blocks.push(para(&format!(
                "These are reported in full in quarters 2 and 4; in other quarters only by exception ({listed})."
            )));
        }
    }
    if let Some((h, _)) = o.section(Part::DataQuality) {
        blocks.push(h);
        let dq = section_text(ctx, &dept.code, Section::DataQuality);
        if dq.is_empty() {
            blocks.push(para(
                "The author provides assurance that the information contained within this report is accurate and valid and \
                 that every effort has been made to avoid the omission of data.",
            ));
        }
        blocks.extend(paragraphs_of(&dq));
    }
    let listed: Vec<Vec<String>> = o
        .appendices()
        .map(|(n, part)| vec![format!("Appendix {n}"), appendix_title(o, part)])
        .collect();
    if !listed.is_empty()
        && let Some((h, _)) = o.section(Part::AppendixList)
    {
        blocks.push(h);
        blocks.push(Block::Table {
            caption: "Appendices".into(),
            header: vec!["Appendix".into(), "Contents".into()],
            rows: listed,
            figures: Vec::new(),
        });
    }
    blocks
}

/// The appendices the board shows, in order: the tables, the key indicators' charts, the
/// financial statement, the key.
fn appendices(ctx: &mut Context, o: &Outline, dept: &Department, p: Progress) -> Vec<Block> {
    let depts = [dept];
    let mut blocks = Vec::new();
    let Progress {
        milestones,
        key,
        key_table,
        other,
        other_table,
    } = p;
    let (mut milestones, mut key_table, mut other_table) =
        (milestones.0, key_table.0, other_table.0);
    for (n, part) in o.appendices().collect::<Vec<_>>() {
        blocks.push(heading(
            1,
            &format!("Appendix {n}"),
            &appendix_title(o, part),
        ));
        match part {
            Part::Milestones => blocks.push(milestones.take().unwrap_or_else(|| {
                para("No milestones are recorded for this department and year.")
            })),
            Part::KeyIndicators => {
                blocks.push(key_table.take().unwrap_or_else(|| {
                    para("No key performance indicators are recorded for this department.")
                }));
                if o.shows(Part::Charts) {
                    for ind in &key {
                        blocks.extend(indicator_chart(ctx, ind));
                    }
                }
            }
            Part::OtherIndicators => blocks.push(other_table.take().unwrap_or_else(|| {
                para("No other performance indicators are reported by exception this quarter.")
            })),
            Part::Risks => blocks.push(
                risk_table(ctx, &depts).unwrap_or_else(|| para("Nothing to report this quarter.")),
            ),
            Part::Equality => blocks.push(
                equality_table(ctx, &depts)
                    .unwrap_or_else(|| para("Nothing to report this quarter.")),
            ),
            Part::Finance => {
                blocks.push(finance_block(ctx, dept).unwrap_or_else(|| {
                    para("No financial statement has been entered for this quarter.")
                }));
                blocks.extend(paragraphs_of(&section_text(
                    ctx,
                    &dept.code,
                    Section::Finance,
                )));
            }
            _ => {
                blocks.push(symbol_key(ctx, &depts));
                let reported: Vec<_> = key.iter().chain(&other).cloned().collect();
                blocks.extend(rules_table(ctx, &reported));
            }
        }
    }
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
    let mut o = Outline::new(&ctx, &dept.board, ReportKind::Qmr, &APPENDED);
    let mut blocks = narrative(&ctx, &mut o, dept, period);
    let progress = progress(&mut ctx, &o, department);
    blocks.extend(progress_sections(&ctx, &mut o, dept, &progress));
    blocks.extend(closing_sections(&ctx, &mut o, dept, period));
    blocks.extend(appendices(&mut ctx, &o, dept, progress));
    blocks.extend(crate::performance::sources::sources_note(
        data, period, &blocks,
    ));
    let default_period = format!(
        "Quarter {} to period end {}",
        period.quarter.number(),
        ctx.style.date(period.end())
    );
    let mut header_lines = Vec::new();
    // No "Directorate" line with nothing after it.
    if let (Some(label), Some(directorate)) = (o.heading(Part::Directorate), &dept.directorate) {
        header_lines.push((label, directorate.clone()));
    }
    header_lines.push(("Service".into(), dept.name.clone()));
    if let Some(line) = o.period_line(&ctx, period, default_period) {
        header_lines.push(("Period".into(), line));
    }
    let board = dept.board.clone();
    let board_name = ctx
        .board(&board)
        .map(|b| b.name.clone())
        .unwrap_or_default();
    let mut doc = Document {
        title: o.layout.title(&board_name),
        subtitle: Some(format!("{} – {}", dept.name, period)),
        header_lines,
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
