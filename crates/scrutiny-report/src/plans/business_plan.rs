//! The directorate business plan's appendix (seed 001, Business Plan 2013–16, Appendix A): per
//! department, each service objective with its key milestones for the three plan years and its
//! risk assessment, then the key indicators with last year's actual, this year's target and
//! latest figure, and the targets for the plan's three years.

use scrutiny_domain::performance::model::{Dataset, Department, Indicator};
use scrutiny_domain::period::{FinancialYear, Period, Quarter};

use crate::ReportError;
use crate::document::{Block, Document};
use crate::performance::context::{Context, describe_target};
use crate::performance::sections::heading;

/// A year as the plan writes it in a column heading: "13-14".
fn short_dash(y: FinancialYear) -> String {
    y.short().replace('/', "-")
}

/// The latest figure reported in a year: the outturn if there is one, else the latest quarter,
/// with its status ("42.9%, provisional").
fn latest_in_year(ctx: &Context, ind: &Indicator, year: FinancialYear) -> String {
    let entry = ctx.value(&ind.code, year, None).or_else(|| {
        Quarter::ALL
            .iter()
            .rev()
            .find_map(|q| ctx.value(&ind.code, year, Some(*q)))
    });
    entry.map_or(String::new(), |v| {
        let shown = ctx.show(ind)(&v.value);
        match v.status {
            Some(s) => format!("{shown}, {}", s.code()),
            None => shown,
        }
    })
}

fn department_blocks(
    ctx: &mut Context,
    dept: &Department,
    first: FinancialYear,
    n: &mut usize,
) -> Vec<Block> {
    let data = ctx.data;
    let years = [first, first.next(), first.next().next()];
    let mut plans: Vec<_> = data
        .objective_plans
        .iter()
        .filter(|p| p.year == first)
        .filter(|p| {
            data.objectives
                .iter()
                .any(|o| o.reference == p.objective && o.department == dept.code)
        })
        .collect();
    plans.sort_by(|a, b| a.objective.cmp(&b.objective));
    let placed: Vec<_> = data
        .indicator_years
        .iter()
        .filter(|y| y.year == first && y.department == dept.code && y.key)
        .collect();
    if plans.is_empty() && placed.is_empty() {
        return Vec::new();
    }
    *n += 1;
    let mut blocks = vec![heading(1, &format!("{n}."), &dept.name.to_uppercase())];

    for p in plans {
        let title = data
            .objectives
            .iter()
            .find(|o| o.reference == p.objective)
            .and_then(|o| o.title.clone())
            .unwrap_or_default();
        let mut rows = Vec::new();
        let mut push = |label: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                rows.push(vec![label.to_string(), v]);
            }
        };
        push("Corporate Priority", p.corporate_priority.clone());
        push("Area of Focus", p.area_of_focus.clone());
        push(
            "Service Objective",
            Some(format!("{}: {title}", p.objective)),
        );
        for y in years {
            let mut ms: Vec<_> = data
                .milestones
                .iter()
                .filter(|m| m.objective == p.objective && m.year == y)
                .collect();
            ms.sort_by_key(|m| m.position);
            for m in ms {
                push(
                    &format!("Key Milestones ({})", short_dash(y)),
                    Some(m.text.clone()),
                );
            }
        }
        push(
            "Risk Assessment: Initial",
            p.risk_initial.map(|r| r.label().to_string()),
        );
        push(
            "Risk Assessment: Residual",
            p.risk_residual.map(|r| r.label().to_string()),
        );
        push("Responsible Officer", p.responsible_officer.clone());
        push("Linked Indicators", p.linked_indicators.clone());
        blocks.push(Block::Table {
            caption: format!("Service objective {}", p.objective),
            header: vec!["Item".into(), "Detail".into()],
            rows,
            figures: Vec::new(),
        });
    }

    if !placed.is_empty() {
        blocks.push(heading(2, "", "Key indicators"));
        let mut placed = placed;
        placed.sort_by_key(|y| y.position);
        let prev = first.previous();
        let mut header = vec![
            "Ref".to_string(),
            "Description".to_string(),
            format!("Actual {}", prev.previous()),
            format!("Target {prev}"),
            format!("Actual {prev}"),
        ];
        header.extend(years.iter().map(|y| format!("Target {y}")));
        let mut rows = Vec::new();
        for y in placed {
            let Some(ind) = data.indicators.iter().find(|i| i.code == y.indicator) else {
                continue;
            };
            let ind = ind.in_year(first, &data.indicator_years);
            let show = ctx.show(&ind);
            let target = |year: FinancialYear| {
                ctx.target_in_force(&ind.code, year)
                    .map_or(String::new(), |t| describe_target(&t, &show).0)
            };
            let outturn = ctx
                .value(&ind.code, prev.previous(), None)
                .map_or(String::new(), |v| show(&v.value));
            let mut row = vec![
                ind.refs.clone(),
                ind.description.clone(),
                outturn,
                target(prev),
                latest_in_year(ctx, &ind, prev),
            ];
            row.extend(years.iter().map(|y| target(*y)));
            rows.push(row);
        }
        // A sentence given as the target of several indicators and years is said once.
        let notes = crate::checks::note_repeats(&mut rows);
        blocks.push(Block::Table {
            caption: format!("{} – key indicators", dept.name),
            // Actuals and targets: "See note 1" and proposed targets sit among the figures.
            figures: (2..header.len()).collect(),
            header,
            rows,
        });
        blocks.extend(notes.iter().enumerate().map(|(i, n)| Block::Paragraph {
            text: format!("Note {}: {n}", i + 1),
            initials: None,
        }));
    }
    blocks
}

/// The plan's title, e.g. "Directorate Business Plan 2013–16" (the web's list of reports
/// names it the same way).
pub fn business_plan_title(first: FinancialYear) -> String {
    let last = first.next().next();
    format!(
        "Directorate Business Plan {}–{}",
        first.0,
        (last.0 + 1) % 100
    )
}

/// The plan appendix for every department of `board` with objectives or key indicators placed in
/// the plan starting `first` (e.g. 2013/14 for the 2013–16 plan).
pub fn business_plan_report(
    data: &Dataset,
    board: &str,
    first: FinancialYear,
    produced_on: &str,
) -> Result<Document, ReportError> {
    if !data.boards.iter().any(|b| b.code == board) {
        return Err(ReportError::UnknownBoard(board.to_string()));
    }
    let mut ctx = Context::new(data, Period::new(first, Quarter::Q1)).for_board(board);
    let last = first.next().next();
    let mut blocks = Vec::new();
    let mut n = 0;
    for dept in data.departments.iter().filter(|d| d.board == board) {
        blocks.extend(department_blocks(&mut ctx, dept, first, &mut n));
    }
    if blocks.is_empty() {
        ctx.diagnostics.push(format!(
            "No objectives or key indicators are placed in the {first} plan."
        ));
    }
    let title = business_plan_title(first);
    let cover = crate::frame::cover(
        data,
        scrutiny_domain::meetings::ReportKind::BusinessPlan,
        board,
        &first.to_string(),
        board,
        &title,
    );
    Ok(crate::checks::checked(Document {
        title,
        subtitle: Some("Appendix: Departmental Service Objectives & Performance Indicators".into()),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: format!(
            "business-plan-{}-{}-{:02}",
            board.to_ascii_lowercase(),
            first.0,
            (last.0 + 1) % 100
        ),
        cover,
        summary: Vec::new(),
        blocks,
        diagnostics: ctx.diagnostics,
    }))
}
