//! The figures behind a report as plain tables, for spreadsheets and CSV: the same formatted
//! cells the report prints, one table per kind, with a column saying which section each row is from.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use crate::document::{Block, Document};

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

/// Gathers the report's tables: indicators, milestones, summary counts, finance, and any others.
pub fn data_tables(doc: &Document) -> Vec<DataTable> {
    let mut indicators = table(
        "indicators",
        &[
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
        ],
    );
    let mut milestones = table(
        "milestones",
        &["Section", "Ref", "Milestone", "Progress", "Commentary"],
    );
    let mut counts = table(
        "summary_counts",
        &["Section", "Total", "Green", "Amber", "Red", "Unknown"],
    );
    let mut finance = table(
        "finance",
        &[
            "Statement",
            "As at",
            "Row type",
            "Line",
            "Annual Budget £'000",
            "Budget to Date £'000",
            "Expenditure to Date £'000",
            "Variance to Date £'000",
        ],
    );
    let mut others = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Indicators {
                caption,
                columns,
                rows,
                ..
            } => {
                for r in rows {
                    indicators.rows.push(vec![
                        caption.clone(),
                        r.refs.clone(),
                        r.measure.clone(),
                        format!("{} ({})", r.previous, columns.previous)
                            .trim_start_matches(' ')
                            .to_string(),
                        r.target_spoken.clone(),
                        r.current.clone(),
                        r.progress.label.clone(),
                        r.direction.label.clone(),
                        r.progress_basis.clone(),
                        r.commentary.clone().unwrap_or_default(),
                    ]);
                }
            }
            Block::Milestones { caption, rows, .. } => {
                for r in rows {
                    milestones.rows.push(vec![
                        caption.clone(),
                        r.reference.clone(),
                        r.text.clone(),
                        r.progress.label.clone(),
                        r.commentary.clone().unwrap_or_default(),
                    ]);
                }
            }
            Block::SummaryCounts { caption, counts: c } => counts.rows.push(vec![
                caption.clone(),
                c.total.to_string(),
                c.green.to_string(),
                c.amber.to_string(),
                c.red.to_string(),
                c.unknown.to_string(),
            ]),
            Block::Finance {
                caption,
                as_at,
                rows,
            } => {
                for r in rows.iter().filter(|r| r.kind != "heading") {
                    finance.rows.push(vec![
                        caption.clone(),
                        as_at.clone(),
                        r.kind.clone(),
                        r.label.clone(),
                        r.annual_budget.clone(),
                        r.budget_to_date.clone(),
                        r.expenditure_to_date.clone(),
                        r.variance_to_date.clone(),
                    ]);
                }
            }
            Block::Actions { caption, rows } => others.push(DataTable {
                name: "actions".into(),
                header: [
                    "Plan",
                    "Ref",
                    "Requirement",
                    "Action",
                    "By whom",
                    "Timescale",
                    "Status",
                    "Progress",
                ]
                .map(String::from)
                .to_vec(),
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            caption.clone(),
                            r.reference.clone(),
                            r.requirement.clone(),
                            r.action.clone(),
                            r.by_whom.clone(),
                            r.timescale.clone(),
                            r.status.label.clone(),
                            r.progress.clone(),
                        ]
                    })
                    .collect(),
            }),
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
