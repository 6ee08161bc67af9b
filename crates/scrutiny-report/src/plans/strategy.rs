//! The strategy progress report (seed 001, Sustainable Community Strategy mid-year report): a
//! summary of every measure, then a page per measure with its figures, the status of the latest
//! value, comparisons, and data commentary, performance commentary and key activities kept apart.
//! Its appendix is the target review: the proposed revisions, by exception.

use scrutiny_domain::performance::model::{Dataset, Indicator};
use scrutiny_domain::period::{FinancialYear, Period};
use scrutiny_domain::plans::{CommentaryKind, Decision, StrategyMeasure};

use crate::ReportError;
use crate::document::{Block, Document, IndicatorRow};
use crate::performance::context::{Context, describe_target};
use crate::performance::sections::{heading, paragraphs, period_slug};

/// The measure's row: the indicator's figures, with the strategy's ref and wording, and the
/// latest value's status ("54.1, unvalidated").
fn measure_row(ctx: &mut Context, m: &StrategyMeasure, ind: &Indicator) -> IndicatorRow {
    let mut row = ctx.assess(ind).row;
    row.refs = m.reference.clone();
    row.measure = m.descriptor.clone();
    let status = ctx
        .value(&ind.code, ctx.period.year, Some(ctx.period.quarter))
        .and_then(|v| v.status);
    if let Some(s) = status {
        row.current = format!("{}, {}", row.current, s.code());
    }
    row
}

/// The headings of the figures' columns: previous year, target, this quarter.
fn figure_columns(p: Period) -> [String; 3] {
    [
        format!("{} Actual", p.year.previous().short()),
        format!("{} Target", p.year.short()),
        format!("{} {}", p.year.short(), p.quarter),
    ]
}

pub fn strategy_progress_report(
    data: &Dataset,
    strategy: &str,
    period: Period,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let st = data
        .strategies
        .iter()
        .find(|s| s.code == strategy)
        .ok_or_else(|| ReportError::Unknown("strategy", strategy.to_string()))?;
    let mut ctx = Context::new(data, period);
    let mut measures: Vec<&StrategyMeasure> = data
        .strategy_measures
        .iter()
        .filter(|m| m.strategy == strategy)
        .collect();
    measures.sort_by_key(|m| m.position);
    let placed = ctx.indicators(|_| true);
    let find = |code: &str| placed.iter().find(|i| i.code == code).cloned();

    let mut blocks = vec![heading(1, "1.0", "Summary of progress")];
    let mut summary = Vec::new();
    for m in &measures {
        match find(&m.indicator) {
            Some(ind) => summary.push(measure_row(&mut ctx, m, &ind)),
            None => ctx.diagnostics.push(format!(
                "{} refers to an unknown indicator {}.",
                m.reference, m.indicator
            )),
        }
    }
    blocks.push(Block::indicators(
        format!("{} – summary of measures", st.title),
        figure_columns(period),
        summary,
        false,
    ));

    // The comparison tables name the council, as the board knows it.
    let council = data
        .boards
        .iter()
        .find(|b| b.code == st.board)
        .and_then(|b| b.council.clone())
        .unwrap_or_else(|| "This council".to_string());
    blocks.push(heading(1, "2.0", "Progress by measure"));
    for m in &measures {
        let Some(ind) = find(&m.indicator) else {
            continue;
        };
        blocks.push(Block::PageBreak);
        blocks.push(heading(2, &m.reference, &m.descriptor));
        let row = measure_row(&mut ctx, m, &ind);
        blocks.push(Block::indicators(
            format!("{} – figures", m.reference),
            figure_columns(period),
            vec![row],
            false,
        ));
        if let Some(b) = data
            .benchmarks
            .iter()
            .filter(|b| b.indicator == ind.code && b.year <= period.year)
            .max_by_key(|b| b.year)
        {
            let show = ctx.show(&ind);
            let ours = ctx
                .value(&ind.code, b.year, None)
                .map(|v| show(&v.value))
                .unwrap_or_default();
            let cell = |d: Option<rust_decimal::Decimal>| {
                d.map(|d| show(&scrutiny_domain::figure::Figure::number(d)))
                    .unwrap_or_default()
            };
            blocks.push(Block::Table {
                caption: format!("{} – comparison, {}", m.reference, b.year),
                header: vec![
                    council.clone(),
                    "England".into(),
                    "Statistical neighbours".into(),
                ],
                rows: vec![vec![ours, cell(b.national), cell(b.statistical_neighbours)]],
                figures: Vec::new(),
            });
        }
        // The measure's history and targets, under the strategy's own ref and wording.
        let named = Indicator {
            refs: m.reference.clone(),
            description: m.descriptor.clone(),
            ..ind.clone()
        };
        blocks.extend(crate::chart::indicator_chart(&ctx, &named));
        for kind in [
            CommentaryKind::Data,
            CommentaryKind::Performance,
            CommentaryKind::KeyActivities,
        ] {
            let text = data.measure_commentary.iter().find(|c| {
                c.strategy == strategy
                    && c.reference == m.reference
                    && c.period == period
                    && c.kind == kind
            });
            if let Some(c) = text {
                blocks.push(heading(3, "", kind.heading()));
                blocks.extend(paragraphs(&c.text).into_iter().map(|p| Block::Paragraph {
                    text: p,
                    initials: None,
                }));
            }
        }
    }

    let reviews: Vec<&str> = {
        let mut r: Vec<&str> = data
            .target_revisions
            .iter()
            .filter(|r| measures.iter().any(|m| m.indicator == r.indicator))
            .map(|r| r.review.as_str())
            .collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    for (i, review) in reviews.iter().enumerate() {
        blocks.push(Block::PageBreak);
        blocks.push(heading(
            1,
            &format!("Appendix {}", i + 1),
            &format!("Proposed target revisions: {review}"),
        ));
        blocks.extend(target_review_blocks(
            &ctx,
            st.from_year,
            st.to_year,
            &measures,
            review,
        ));
    }

    let mut doc = Document {
        title: format!("{} – Progress Report", st.title),
        subtitle: Some(format!(
            "Reporting Period: {}",
            period.reporting_period_label()
        )),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: period_slug("strategy", strategy, period),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: ctx.diagnostics,
    };
    crate::frame::quarterly(
        &mut doc,
        data,
        scrutiny_domain::meetings::ReportKind::Strategy,
        strategy,
        period,
        &st.board,
    );
    Ok(crate::checks::checked(doc))
}

/// A revision's decision as the review prints it (the web's indicator page says the same).
pub fn decision_words(d: Decision) -> &'static str {
    match d {
        Decision::Proposed => "Proposed, awaiting decision",
        Decision::Approved => "Approved",
        Decision::Rejected => "Rejected",
    }
}

/// The by-exception appendix of a target review: one row of yearly targets per revised measure,
/// each revised year said in words ("54.0 (revised from 45)"), then every revision with its
/// rationale and decision.
pub fn target_review_blocks(
    ctx: &Context,
    from: FinancialYear,
    to: FinancialYear,
    measures: &[&StrategyMeasure],
    review: &str,
) -> Vec<Block> {
    let data = ctx.data;
    // The seeds' target table starts before the strategy: show from the first year any target is held.
    let first_held = measures
        .iter()
        .filter_map(|m| {
            data.targets
                .iter()
                .filter(|t| t.indicator == m.indicator && t.quarter.is_none())
                .map(|t| t.year)
                .min()
        })
        .min()
        .map_or(from, |y| y.min(from));
    let years: Vec<FinancialYear> = (first_held.0..=to.0).map(FinancialYear).collect();
    let mut header = vec!["Ref".to_string(), "Measure".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut rows = Vec::new();
    let mut history = Vec::new();
    for m in measures {
        let in_review: Vec<_> = data
            .target_revisions
            .iter()
            .filter(|r| r.indicator == m.indicator && r.review == review)
            .collect();
        if in_review.is_empty() {
            continue;
        }
        let Some(ind) = data.indicators.iter().find(|i| i.code == m.indicator) else {
            continue;
        };
        let mut row = vec![m.reference.clone(), m.descriptor.clone()];
        let fmt = ctx.show(ind);
        for y in &years {
            // A year revised in this review shows the revision itself, in words; any other year
            // the target in force.
            let cell = match in_review.iter().find(|r| r.year == *y) {
                Some(r) => match r.decision {
                    Decision::Approved => {
                        format!("{} (revised from {})", fmt(&r.proposed), fmt(&r.previous))
                    }
                    Decision::Proposed => {
                        format!("{} (proposed; was {})", fmt(&r.proposed), fmt(&r.previous))
                    }
                    Decision::Rejected => format!(
                        "{} (revision to {} rejected)",
                        fmt(&r.previous),
                        fmt(&r.proposed)
                    ),
                },
                None => match ctx.target_in_force(&m.indicator, *y) {
                    None => "N/A".to_string(),
                    Some(t) => describe_target(&t, &fmt).0,
                },
            };
            row.push(cell);
        }
        rows.push(row);
        for r in in_review {
            history.push(vec![
                m.reference.clone(),
                r.year.to_string(),
                fmt(&r.previous),
                fmt(&r.proposed),
                decision_words(r.decision).to_string(),
                [
                    r.decided_by.clone(),
                    r.decided_on.map(|d| ctx.style.date(d)),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
                r.rationale.clone().unwrap_or_default(),
            ]);
        }
    }
    vec![
        Block::Paragraph {
            text: "Each revised year shows the target now proposed or in force, with the target it replaces said in words.".into(),
            initials: None,
        },
        Block::Table {
            caption: format!("Yearly targets: {review}"),
            // Each year's target, with a revision's words beside it.
            figures: (2..header.len()).collect(),
            header,
            rows,
        },
        Block::Table {
            caption: format!("Revisions: {review}"),
            header: ["Ref", "Year", "Previous target", "Revised target", "Decision", "Decided by", "Rationale"]
                .map(String::from)
                .to_vec(),
            rows: history,
            figures: vec![2, 3],
        },
    ]
}
