//! Pieces shared by every report: narrative items, milestone and indicator tables with their
//! summary counts, risk and equality tables, financial statements, the symbol key.

use scrutiny_domain::performance::finance::{RowKind, statement};
use scrutiny_domain::performance::model::{
    BudgetEntry, Commentary, Department, Indicator, Milestone, SymbolFor,
};
use scrutiny_domain::performance::summary::{ExceptionRule, Standing};
use scrutiny_domain::{Rag, RagCounts};

use crate::document::{Block, FinanceRow, KeyRow, MilestoneRow};
use crate::performance::context::{Context, with_initials};

/// A heading; `number` may be empty ("2.0 Key Developments", or just "Key indicators").
pub fn heading(level: u8, number: &str, text: &str) -> Block {
    Block::Heading {
        level,
        number: (!number.is_empty()).then(|| number.to_string()),
        text: text.to_string(),
    }
}

/// A file-name-safe name for a period's report: `pbr-cypf-2012-13-q1`.
pub fn period_slug(kind: &str, key: &str, period: scrutiny_domain::Period) -> String {
    format!(
        "{kind}-{key}-{}-{}",
        period.year.to_string().replace('/', "-"),
        period.quarter
    )
    .to_ascii_lowercase()
    .replace(' ', "-")
}

/// A paragraph with no initials after it.
pub fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
        initials: None,
    }
}

/// Numbered narrative items ("2.1 Title (SN)"), grouped under their themes in order of first use.
pub fn items<C: std::borrow::Borrow<Commentary>>(number: &str, items: &[C]) -> Vec<Block> {
    let items: Vec<&Commentary> = items.iter().map(|c| c.borrow()).collect();
    let mut blocks = Vec::new();
    let mut theme: Option<&str> = None;
    for (i, c) in items.iter().enumerate() {
        if c.theme.as_deref() != theme {
            theme = c.theme.as_deref();
            if let Some(t) = theme {
                blocks.push(Block::Heading {
                    level: 2,
                    number: None,
                    text: t.to_string(),
                });
            }
        }
        blocks.push(Block::Item {
            level: if theme.is_some() { 3 } else { 2 },
            number: Some(format!("{number}.{}", i + 1)),
            title: c.title.clone().unwrap_or_default(),
            initials: c.initials.clone(),
            paragraphs: paragraphs(&c.text),
        });
    }
    blocks
}

/// Paragraph blocks for untitled commentary, initials after each.
pub fn paragraphs_of<C: std::borrow::Borrow<Commentary>>(items: &[C]) -> Vec<Block> {
    items
        .iter()
        .map(|c| c.borrow())
        .map(|c| Block::Paragraph {
            text: c.text.clone(),
            initials: c.initials.clone(),
        })
        .collect()
}

pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A milestone table and its counts. `exceptions_only` lists only the items the board's
/// exception rule lists (a milestone has a rating only).
pub fn milestone_table(
    ctx: &mut Context,
    caption: &str,
    milestones: &[&Milestone],
    with_commentary: bool,
    exceptions_only: bool,
) -> (Option<Block>, RagCounts) {
    let mut rows = Vec::new();
    let mut counts = RagCounts::default();
    for m in milestones {
        let (rag, found) = ctx.milestone_progress(m);
        if exceptions_only && !ctx.exceptions.is_exception(&Standing::rated(rag)) {
            continue;
        }
        counts.add(rag);
        ctx.seen.insert(rag);
        rows.push(MilestoneRow {
            reference: m.objective.clone(),
            text: m.text.clone(),
            progress: ctx.labels.rag(SymbolFor::Objective, rag),
            commentary: found
                .and_then(|p| with_initials(p.commentary.as_deref(), p.initials.as_deref())),
        });
    }
    let block = (!rows.is_empty()).then(|| {
        let progress = format!("{} Progress", ctx.period.quarter);
        Block::milestones(caption, progress, rows, with_commentary)
    });
    (block, counts)
}

/// An indicator table and its counts. `exceptions_only` lists only the indicators the board's
/// exception rule lists.
pub fn indicator_table(
    ctx: &mut Context,
    caption: &str,
    indicators: &[Indicator],
    with_commentary: bool,
    exceptions_only: bool,
) -> (Option<Block>, RagCounts) {
    let mut rows = Vec::new();
    let mut counts = RagCounts::default();
    for ind in indicators {
        let a = ctx.assess(ind);
        if exceptions_only && !a.row.exception {
            continue;
        }
        counts.add(a.rag);
        ctx.seen.insert(a.rag);
        rows.push(a.row);
    }
    let p = ctx.period;
    let block = (!rows.is_empty()).then(|| {
        let figures = [
            format!("{} Actual", p.year.previous().short()),
            format!("{} Target", p.year.short()),
            p.quarter.to_string(),
        ];
        Block::indicators(caption, figures, rows, with_commentary)
    });
    (block, counts)
}

/// Summary counts, each with its share of the total to the board's declared places.
pub fn counts_block(
    ctx: &Context,
    caption: &str,
    counts: RagCounts,
    applies_to: SymbolFor,
) -> Block {
    Block::summary_counts(caption, counts, ctx.percent_places, &ctx.labels, applies_to)
}

/// Risk control measures: all of them at the half-year points (Q2, Q4), otherwise by exception.
pub fn risk_table(ctx: &Context, departments: &[&Department]) -> Option<Block> {
    let full = ctx.period.is_half_year_point();
    let mut risks: Vec<_> = ctx
        .data
        .risks
        .iter()
        .filter(|r| r.period == ctx.period && departments.iter().any(|d| d.code == r.department))
        .filter(|r| full || not_green(r.progress))
        .collect();
    risks.sort_by_key(|r| (r.department.clone(), r.position));
    let rows: Vec<Vec<String>> = risks
        .iter()
        .map(|r| {
            vec![
                r.reference.clone(),
                r.risk.clone(),
                r.control_measure.clone(),
                r.target.clone().unwrap_or_default(),
                symbol_text(ctx, r.progress),
                r.commentary.clone().unwrap_or_default(),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| {
        let caption = if full {
            "Risk control measures"
        } else {
            "Risk control measures (by exception)"
        };
        let header = [
            "Ref",
            "Risk identified",
            "Risk treatment measure",
            "Target",
            "Progress",
            "Commentary",
        ];
        let header = header.map(String::from).to_vec();
        Block::table_without_blanks(caption, header, rows, &["Target", "Commentary"])
    })
}

/// High priority equality actions: all at Q2 and Q4, otherwise by exception.
pub fn equality_table(ctx: &Context, departments: &[&Department]) -> Option<Block> {
    let full = ctx.period.is_half_year_point();
    let mut actions: Vec<_> = ctx
        .data
        .equality_actions
        .iter()
        .filter(|e| e.period == ctx.period && departments.iter().any(|d| d.code == e.department))
        .filter(|e| full || not_green(e.progress))
        .collect();
    actions.sort_by_key(|e| (e.department.clone(), e.position));
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|e| {
            vec![
                e.action.clone(),
                e.target.clone().unwrap_or_default(),
                symbol_text(ctx, e.progress),
                e.commentary.clone().unwrap_or_default(),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| {
        let caption = if full {
            "High priority equality actions"
        } else {
            "High priority equality actions (by exception)"
        };
        let header = ["Action", "Target", "Progress", "Commentary"];
        let header = header.map(String::from).to_vec();
        Block::table_without_blanks(caption, header, rows, &["Target", "Commentary"])
    })
}

/// Risks and equality actions are by exception when not green, whatever the board's indicator
/// rule: the seeds' practice, and they carry no figures or targets.
fn not_green(rag: Rag) -> bool {
    ExceptionRule::default().is_exception(&Standing::rated(rag))
}

fn symbol_text(ctx: &Context, rag: Rag) -> String {
    let s = ctx.labels.rag(SymbolFor::Objective, rag);
    format!("{} {}", s.glyph, s.label)
}

/// A department's revenue budget statement for the period, totals computed.
pub fn finance_block(ctx: &mut Context, dept: &Department) -> Option<Block> {
    let mut lines: Vec<&BudgetEntry> = ctx
        .data
        .budget_lines
        .iter()
        .filter(|b| b.department == dept.code && b.period == ctx.period)
        .collect();
    if lines.is_empty() {
        ctx.diagnostics.push(format!(
            "No financial statement for {} in {}.",
            dept.name, ctx.period
        ));
        return None;
    }
    lines.sort_by_key(|b| b.position);
    let as_at = lines.iter().map(|b| b.as_at).max()?;
    let s = statement(&lines.iter().map(|b| b.line.clone()).collect::<Vec<_>>());
    // One style for every amount: a budget's -123 never sits beside a variance's (20).
    let style = ctx.style;
    let cell = |d: Option<rust_decimal::Decimal>| d.map(|d| style.money(d)).unwrap_or_default();
    let rows = s
        .rows
        .iter()
        .map(|r| FinanceRow {
            kind: match r.kind {
                RowKind::Heading => "heading",
                RowKind::Line => "line",
                RowKind::Total => "total",
                RowKind::Net => "net",
            }
            .to_string(),
            label: r.label.clone(),
            annual_budget: cell(r.annual_budget),
            budget_to_date: cell(r.budget_to_date),
            expenditure_to_date: cell(r.expenditure_to_date),
            variance_to_date: cell(r.variance_to_date),
        })
        .collect();
    let as_at = format!("Revenue Budget as at {}", style.date(as_at));
    Some(Block::finance(dept.name.to_uppercase(), as_at, rows))
}

/// The symbol key appendix, with the Operational Directors' initials.
pub fn symbol_key(ctx: &Context, departments: &[&Department]) -> Block {
    // Green, amber, red and unknown always; any other state where the report prints it.
    let progress = Rag::ALL
        .into_iter()
        .filter(|r| r.is_rated() || *r == Rag::Unknown || ctx.seen.contains(r))
        .map(|r| KeyRow {
            symbol: ctx.labels.rag(SymbolFor::Indicator, r),
            objective: ctx.labels.rag(SymbolFor::Objective, r).description,
            indicator: ctx.labels.rag(SymbolFor::Indicator, r).description,
        })
        .collect();
    let direction = [
        scrutiny_domain::Direction::Better,
        scrutiny_domain::Direction::Same,
        scrutiny_domain::Direction::Worse,
        scrutiny_domain::Direction::NotComparable,
    ]
    .into_iter()
    .map(|d| {
        let s = ctx.labels.direction(d);
        let text = s.description.clone();
        (s, text)
    })
    .collect();
    let initials = departments
        .iter()
        .filter_map(|d| {
            let i = d.director_initials.clone()?;
            let who = match (&d.director_name, &d.director_title) {
                (Some(n), Some(t)) => format!("{n}, {t}"),
                (Some(n), None) => format!("{n}, {}", d.name),
                _ => d.name.clone(),
            };
            Some((i, who))
        })
        .collect();
    Block::symbol_key(progress, direction, initials)
}

/// How progress is computed: each declared rule the report's indicators use, in the council's words.
pub fn rules_table(ctx: &Context, indicators: &[Indicator]) -> Option<Block> {
    let mut used: Vec<&str> = indicators.iter().map(|i| i.rag_rule.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    let rows: Vec<Vec<String>> = ctx
        .data
        .rag_rules
        .iter()
        .filter(|r| used.contains(&r.code.as_str()))
        .map(|r| {
            let count = indicators.iter().filter(|i| i.rag_rule == r.code).count();
            vec![r.code.clone(), r.description.clone(), count.to_string()]
        })
        .collect();
    (!rows.is_empty()).then(|| Block::Table {
        caption: "How indicator progress is computed".into(),
        header: ["Rule", "Description", "Indicators using it"]
            .map(String::from)
            .to_vec(),
        rows,
        figures: Vec::new(),
    })
}
