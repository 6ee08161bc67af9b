//! The Quarterly Monitoring Report: one department, one quarter, sections 1–10 and appendices 1–7
//! (seed 003, Specialist Services, Quarter 3 2009/10).

use scrutiny_domain::model::{Commentary, Dataset, Section};
use scrutiny_domain::period::Period;

use crate::ReportError;
use crate::chart::indicator_chart;
use crate::context::Context;
use crate::document::{Block, Document};
use crate::sections::*;

/// "31st December 2009".
fn ordinal_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let day = d.day();
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    let long = scrutiny_domain::period::long_date(d);
    let rest = long
        .split_once(' ')
        .map_or(long.clone(), |(_, r)| r.to_string());
    format!("{day}{suffix} {rest}")
}

pub fn quarterly_monitoring_report(
    data: &Dataset,
    department: &str,
    period: Period,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let mut ctx = Context::new(data, period);
    let dept = ctx
        .department(department)
        .ok_or_else(|| ReportError::UnknownDepartment(department.to_string()))?;
    let section_text = |ctx: &Context<'_>, s: Section| -> Vec<Commentary> {
        ctx.commentary(|c| c.department.as_deref() == Some(department) && c.section == s)
            .into_iter()
            .cloned()
            .collect()
    };

    let mut blocks = Vec::new();
    blocks.push(heading(1, "1.0", "Introduction"));
    let intro = section_text(&ctx, Section::Introduction);
    if intro.is_empty() {
        blocks.push(para(&format!(
            "This quarterly monitoring report covers the {} Department {} quarter period up to {}. It describes key \
             developments and progress against \u{201c}key\u{201d} objectives and performance indicators for the service.",
            dept.name,
            period.quarter.ordinal_word(),
            ordinal_date(period.end())
        )));
    } else {
        blocks.extend(paragraphs_of(&intro));
    }

    for (n, title, s) in [
        ("2", "Key Developments", Section::KeyDevelopment),
        ("3", "Emerging Issues", Section::EmergingIssue),
    ] {
        blocks.push(heading(1, &format!("{n}.0"), title));
        let found = section_text(&ctx, s);
        if found.is_empty() {
            blocks.push(para("Nothing to report this quarter."));
        }
        blocks.extend(items(n, &found));
    }

    // 4.0 Objectives / milestones: counts here, the table in Appendix 1.
    let milestones = ctx.milestones(|m| {
        m.key
            && data
                .objectives
                .iter()
                .any(|o| o.reference == m.objective && o.department == department)
    });
    let (appendix1, m_counts) = milestone_table(
        &mut ctx,
        "Progress against objectives / milestones",
        &milestones,
        true,
        false,
    );
    blocks.push(heading(
        1,
        "4.0",
        "Progress against Objectives / Milestones",
    ));
    blocks.push(counts_block("Objectives / milestones", m_counts));
    blocks.push(para("For further details, please refer to Appendix 1."));

    blocks.push(heading(1, "5.0", "Service Review"));
    let review = section_text(&ctx, Section::ServiceReview);
    if review.is_empty() {
        blocks.push(para("Nothing to report this quarter."));
    }
    blocks.extend(paragraphs_of(&review));

    let key = ctx.indicators(|i| i.department == department && i.key);
    let other = ctx.indicators(|i| i.department == department && !i.key);
    let (appendix2, k_counts) = indicator_table(
        &mut ctx,
        "Progress against key performance indicators",
        &key,
        true,
        false,
    );
    let (appendix3, o_counts) = indicator_table(
        &mut ctx,
        "Progress against other performance indicators (by exception)",
        &other,
        true,
        true,
    );
    blocks.push(heading(
        1,
        "6.0",
        "Progress against Key Performance Indicators",
    ));
    blocks.push(counts_block("Key performance indicators", k_counts));
    blocks.push(para("For further details, please refer to Appendix 2."));
    blocks.push(heading(
        2,
        "6.1",
        "Progress against Other Performance Indicators",
    ));
    blocks.push(counts_block(
        "Other performance indicators reported by exception",
        o_counts,
    ));
    blocks.push(para(&format!(
        "{} of the {} \u{201c}Other\u{201d} performance indicators have been reported by exception this quarter. \
         For further details, please refer to Appendix 3.",
        o_counts.total,
        other.len()
    )));

    let depts = [dept];
    for (n, title, s) in [
        ("7.0", "Risk Control Measures", Section::Risk),
        (
            "8.0",
            "Progress against High Priority Equality Actions",
            Section::Equality,
        ),
    ] {
        blocks.push(heading(1, n, title));
        blocks.extend(paragraphs_of(&section_text(&ctx, s)));
        if !period.is_half_year_point() {
            blocks.push(para(
                "These are reported in full in quarters 2 and 4; in other quarters only by exception (Appendices 4 and 5).",
            ));
        }
    }

    blocks.push(heading(1, "9.0", "Data Quality"));
    let dq = section_text(&ctx, Section::DataQuality);
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
        rows: [
            "Progress against Objectives / Milestones",
            "Progress against Key Performance Indicators",
            "Progress against Other Performance Indicators",
            "Progress against Risk Control Measures",
            "Progress against High Priority Equality Actions",
            "Financial Statement",
            "Explanation of traffic light symbols",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| vec![format!("Appendix {}", i + 1), t.to_string()])
        .collect(),
    });

    blocks.push(heading(
        1,
        "Appendix 1",
        "Progress against Objectives / Milestones",
    ));
    blocks.push(
        appendix1
            .unwrap_or_else(|| para("No milestones are recorded for this department and year.")),
    );
    blocks.push(heading(
        1,
        "Appendix 2",
        "Progress against Key Performance Indicators",
    ));
    blocks.push(appendix2.unwrap_or_else(|| {
        para("No key performance indicators are recorded for this department.")
    }));
    for ind in &key {
        blocks.extend(indicator_chart(&ctx, ind));
    }
    blocks.push(heading(
        1,
        "Appendix 3",
        "Progress against Other Performance Indicators",
    ));
    blocks.push(appendix3.unwrap_or_else(|| {
        para("No other performance indicators are reported by exception this quarter.")
    }));
    blocks.push(heading(
        1,
        "Appendix 4",
        "Progress against Risk Control Measures",
    ));
    blocks
        .push(risk_table(&ctx, &depts).unwrap_or_else(|| para("Nothing to report this quarter.")));
    blocks.push(heading(
        1,
        "Appendix 5",
        "Progress against High Priority Equality Actions",
    ));
    blocks.push(
        equality_table(&ctx, &depts).unwrap_or_else(|| para("Nothing to report this quarter.")),
    );
    blocks.push(heading(1, "Appendix 6", "Financial Statement"));
    match finance_block(&mut ctx, dept) {
        Some(f) => blocks.push(f),
        None => blocks.push(para(
            "No financial statement has been entered for this quarter.",
        )),
    }
    blocks.extend(paragraphs_of(&section_text(&ctx, Section::Finance)));
    blocks.push(heading(
        1,
        "Appendix 7",
        "Explanation of traffic light symbols",
    ));
    blocks.push(symbol_key(&ctx, &depts));
    let reported: Vec<_> = key.iter().chain(&other).cloned().collect();
    blocks.extend(rules_table(&ctx, &reported));

    let period_line = format!(
        "Quarter {} to period end {}",
        period.quarter.number(),
        ordinal_date(period.end())
    );
    Ok(Document {
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
        blocks,
        diagnostics: ctx.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinal_dates() {
        let d = |s: &str| scrutiny_domain::period::parse_date(s).expect("date");
        assert_eq!(super::ordinal_date(d("2009-12-31")), "31st December 2009");
        assert_eq!(super::ordinal_date(d("2012-06-30")), "30th June 2012");
        assert_eq!(super::ordinal_date(d("2013-03-11")), "11th March 2013");
        assert_eq!(super::ordinal_date(d("2013-03-22")), "22nd March 2013");
    }
}
