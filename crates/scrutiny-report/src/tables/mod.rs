//! The figures behind a report as plain tables, for spreadsheets and CSV: the same formatted
//! cells the report prints, one table per kind, with a column saying which section each row is from.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use scrutiny_domain::RagCounts;

use crate::document::{
    ActionRow, Block, Document, FinanceRow, INDICATOR_PREVIOUS, IndicatorRow, MilestoneRow,
};

pub struct DataTable {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn table(name: &str, header: &[&str]) -> DataTable {
    DataTable {
        name: name.to_string(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
    }
}

// The columns of the tables that gather every section's rows: a first column says which
// section a row is from, and the figures' columns are named for any period.
const INDICATORS: [&str; 10] = [
    "Section",
    "Ref",
    "Measure",
    "Previous year actual",
    "Target",
    "Current",
    "Progress",
    "Direction of travel",
    "Progress basis",
    "Commentary",
];
const MILESTONES: [&str; 5] = ["Section", "Ref", "Milestone", "Progress", "Commentary"];
const COUNTS: [&str; 6] = ["Section", "Total", "Green", "Amber", "Red", "Unknown"];
const FINANCE: [&str; 8] = [
    "Statement",
    "As at",
    "Row type",
    "Line",
    "Annual Budget £'000",
    "Budget to Date £'000",
    "Expenditure to Date £'000",
    "Variance to Date £'000",
];

fn indicator_row(section: &str, header: &[String], r: &IndicatorRow) -> Vec<String> {
    // The figure with its column's heading, "45.0 (11/12 Actual)", as periods differ by section.
    let previous = header.get(INDICATOR_PREVIOUS).map_or("", String::as_str);
    vec![
        section.to_string(),
        r.refs.clone(),
        r.measure.clone(),
        format!("{} ({previous})", r.previous)
            .trim_start_matches(' ')
            .to_string(),
        r.target_spoken.clone(),
        r.current.clone(),
        r.progress.label.clone(),
        r.direction.label.clone(),
        r.progress_basis.clone(),
        r.commentary.clone().unwrap_or_default(),
    ]
}

fn milestone_row(section: &str, r: &MilestoneRow) -> Vec<String> {
    vec![
        section.to_string(),
        r.reference.clone(),
        r.text.clone(),
        r.progress.label.clone(),
        r.commentary.clone().unwrap_or_default(),
    ]
}

fn counts_row(section: &str, c: &RagCounts) -> Vec<String> {
    let figures = [c.total, c.green, c.amber, c.red, c.unknown].map(|n| n.to_string());
    std::iter::once(section.to_string())
        .chain(figures)
        .collect()
}

fn finance_row(statement: &str, as_at: &str, r: &FinanceRow) -> Vec<String> {
    vec![
        statement.to_string(),
        as_at.to_string(),
        r.kind.clone(),
        r.label.clone(),
        r.annual_budget.clone(),
        r.budget_to_date.clone(),
        r.expenditure_to_date.clone(),
        r.variance_to_date.clone(),
    ]
}

/// An action plan's actions, under the document's headings, the plan first.
fn actions_table(plan: &str, header: &[String], rows: &[ActionRow]) -> DataTable {
    let row = |r: &ActionRow| {
        vec![
            plan.to_string(),
            r.reference.clone(),
            r.requirement.clone(),
            r.action.clone(),
            r.by_whom.clone(),
            r.timescale.clone(),
            r.status.label.clone(),
            r.progress.clone(),
        ]
    };
    DataTable {
        name: "actions".into(),
        header: std::iter::once("Plan".to_string())
            .chain(header.iter().cloned())
            .collect(),
        rows: rows.iter().map(row).collect(),
    }
}

/// Gathers the report's tables: indicators, milestones, summary counts, finance, and any others.
pub fn data_tables(doc: &Document) -> Vec<DataTable> {
    let mut indicators = table("indicators", &INDICATORS);
    let mut milestones = table("milestones", &MILESTONES);
    let mut counts = table("summary_counts", &COUNTS);
    let mut finance = table("finance", &FINANCE);
    let mut others = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Indicators {
                caption,
                header,
                rows,
                ..
            } => indicators
                .rows
                .extend(rows.iter().map(|r| indicator_row(caption, header, r))),
            Block::Milestones { caption, rows, .. } => milestones
                .rows
                .extend(rows.iter().map(|r| milestone_row(caption, r))),
            Block::SummaryCounts {
                caption, counts: c, ..
            } => counts.rows.push(counts_row(caption, c)),
            Block::Finance {
                caption,
                as_at,
                rows,
                ..
            } => finance.rows.extend(
                rows.iter()
                    .filter(|r| r.kind != "heading")
                    .map(|r| finance_row(caption, as_at, r)),
            ),
            Block::Actions {
                caption,
                header,
                rows,
            } => others.push(actions_table(caption, header, rows)),
            Block::Table {
                caption,
                header,
                rows,
            } => others.push(DataTable {
                name: caption
                    .to_ascii_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
                header: header.clone(),
                rows: rows.clone(),
            }),
            _ => {}
        }
    }
    let mut all: Vec<DataTable> = [indicators, milestones, counts, finance]
        .into_iter()
        .filter(|t| !t.rows.is_empty())
        .collect();
    all.extend(others);
    all
}

/// Writes every table to one workbook.
pub fn write_xlsx(doc: &Document, path: &Path) -> Result<(), String> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let mut used = std::collections::HashSet::new();
    for t in data_tables(doc) {
        // Excel sheet names: at most 31 characters, unique.
        let mut name: String = t.name.chars().take(28).collect();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{}_{n}", t.name.chars().take(26).collect::<String>());
            n += 1;
        }
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(|e| e.to_string())?;
        for (c, h) in t.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| e.to_string())?;
            sheet
                .write_string_with_format(0, c, h, &bold)
                .map_err(|e| e.to_string())?;
            sheet
                .set_column_width(c, if h.len() > 12 { 30 } else { 14 })
                .map_err(|e| e.to_string())?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| e.to_string())?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|e| e.to_string())?;
                sheet
                    .write_string_with_format(r, c, cell, &wrap)
                    .map_err(|e| e.to_string())?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    }
    book.save(path).map_err(|e| e.to_string())
}

/// Writes one CSV per table, `<stem>-<table>.csv`; returns the files written.
pub fn write_csvs(doc: &Document, dir: &Path, stem: &str) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for t in data_tables(doc) {
        let path = dir.join(format!("{stem}-{}.csv", t.name));
        let mut w = csv::Writer::from_path(&path).map_err(|e| e.to_string())?;
        w.write_record(&t.header).map_err(|e| e.to_string())?;
        for r in &t.rows {
            w.write_record(r).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}
