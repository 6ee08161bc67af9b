//! The figures behind a report as plain tables, for spreadsheets and CSV: the report's cells, one
//! table per kind, with a column saying which section each row is from. Figures are typed
//! (`cells`), so a workbook holds numbers and dates with their formats; words printed in a
//! figure's place, and remarks after it, move to a note column beside it.

mod cells;
mod names;
mod xlsx;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use scrutiny_domain::format::inert;
use scrutiny_domain::{Rag, RagCounts};

use crate::document::{
    ActionRow, Block, Document, FinanceRow, Heading, INDICATOR_PREVIOUS, IndicatorRow, MilestoneRow,
};

pub use cells::Cell;
use cells::{Col, type_columns};
pub use names::sheet_names;
pub use xlsx::{MAX_CELL, fit_cell};

pub struct DataTable {
    /// A short name for files: `indicators`, or the caption in lower case.
    pub name: String,
    /// The table's full caption, listed on the workbook's Contents sheet.
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table as the report prints it, before its cells are typed.
struct Printed {
    name: String,
    caption: String,
    header: Vec<String>,
    cols: Vec<Col>,
    rows: Vec<Vec<String>>,
}

impl Printed {
    fn new(name: &str, caption: &str, columns: &[(&str, Col)]) -> Printed {
        Printed {
            name: name.into(),
            caption: caption.into(),
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            cols: columns.iter().map(|(_, c)| *c).collect(),
            rows: Vec::new(),
        }
    }

    fn typed(self) -> DataTable {
        let (header, rows) = type_columns(&self.header, &self.cols, &self.rows);
        DataTable {
            name: self.name,
            caption: self.caption,
            header,
            rows,
        }
    }
}

use Col::{Figure, Text, Variance};

// The columns of the tables that gather every section's rows: a first column says which
// section a row is from; each figure has its period beside it, as periods differ by section.
const INDICATORS: [(&str, Col); 14] = [
    ("Section", Text),
    ("Ref", Text),
    ("Measure", Text),
    ("Previous year actual", Figure),
    ("Previous year period", Text),
    ("Target", Figure),
    ("Target period", Text),
    ("Current", Figure),
    ("Current period", Text),
    ("Progress", Text),
    ("Direction of travel", Text),
    ("Progress basis", Text),
    ("Direction basis", Text),
    ("Commentary", Text),
];
const MILESTONES: [(&str, Col); 5] = [
    ("Section", Text),
    ("Ref", Text),
    ("Milestone", Text),
    ("Progress", Text),
    ("Commentary", Text),
];
// Summary counts: then one column per progress state the report's summaries print, headed by
// the council's words for it (`counts_table`).
const COUNTS: [(&str, Col); 2] = [("Section", Text), ("Total", Figure)];
// Budgets print negatives with a minus, variances (overspends) in brackets.
const FINANCE: [(&str, Col); 8] = [
    ("Statement", Text),
    ("As at", Text),
    ("Row type", Text),
    ("Line", Text),
    ("Annual Budget £'000", Figure),
    ("Budget to Date £'000", Figure),
    ("Expenditure to Date £'000", Figure),
    ("Variance to Date £'000", Variance),
];

fn indicator_row(section: &str, header: &[String], r: &IndicatorRow) -> Vec<String> {
    let heading = |i: usize| header.get(i).cloned().unwrap_or_default();
    vec![
        section.to_string(),
        r.refs.clone(),
        r.measure.clone(),
        r.previous.clone(),
        heading(INDICATOR_PREVIOUS),
        r.target.clone(),
        heading(INDICATOR_PREVIOUS + 1),
        r.current.clone(),
        heading(INDICATOR_PREVIOUS + 2),
        r.progress.label.clone(),
        r.direction.label.clone(),
        r.progress_basis.clone(),
        r.direction_basis.clone(),
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

/// Every summary's counts, a column per state any summary prints, headed as the summaries head
/// it: the council's label (both, "Green / On track", where objectives and indicators differ).
fn counts_table(doc: &Document) -> Printed {
    let mut table = Printed::new(
        "summary_counts",
        "Summary counts of progress, every section",
        &COUNTS,
    );
    let blocks: Vec<(&String, &RagCounts, &Vec<Heading>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::SummaryCounts {
                caption,
                counts,
                header,
                ..
            } => Some((caption, counts, header)),
            _ => None,
        })
        .collect();
    let states: Vec<Rag> = Rag::ALL
        .into_iter()
        .filter(|r| blocks.iter().any(|(_, c, _)| c.shown().contains(r)))
        .collect();
    for state in &states {
        let mut labels: Vec<&str> = Vec::new();
        for (_, _, header) in &blocks {
            for h in header.iter() {
                if let Heading::Symbol(s) = h
                    && s.state == state.code()
                    && !labels.contains(&s.label.as_str())
                {
                    labels.push(&s.label);
                }
            }
        }
        table.header.push(labels.join(" / "));
        table.cols.push(Figure);
    }
    for (caption, c, _) in blocks {
        let figures = std::iter::once(c.total)
            .chain(states.iter().map(|r| c.of(*r)))
            .map(|n| n.to_string());
        table.rows.push(
            std::iter::once(caption.to_string())
                .chain(figures)
                .collect(),
        );
    }
    table
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
fn actions_table(plan: &str, header: &[String], rows: &[ActionRow]) -> Printed {
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
    let header: Vec<String> = std::iter::once("Plan".to_string())
        .chain(header.iter().cloned())
        .collect();
    Printed {
        name: "actions".into(),
        caption: format!("Actions: {plan}"),
        cols: vec![Col::Auto; header.len()],
        header,
        rows: rows.iter().map(row).collect(),
    }
}

/// Gathers the report's tables: indicators, milestones, summary counts, finance, and any others.
pub fn data_tables(doc: &Document) -> Vec<DataTable> {
    let mut indicators = Printed::new(
        "indicators",
        "Performance indicators, every section",
        &INDICATORS,
    );
    let mut milestones = Printed::new("milestones", "Milestones, every section", &MILESTONES);
    let counts = counts_table(doc);
    let mut finance = Printed::new("finance", "Revenue budget statements (£'000)", &FINANCE);
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
                figures,
            } => others.push(Printed {
                name: caption
                    .to_ascii_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
                caption: caption.clone(),
                cols: (0..header.len())
                    .map(|c| {
                        if figures.contains(&c) {
                            Figure
                        } else {
                            Col::Auto
                        }
                    })
                    .collect(),
                header: header.clone(),
                rows: rows.clone(),
            }),
            _ => {}
        }
    }
    let mut all: Vec<Printed> = [indicators, milestones, counts, finance]
        .into_iter()
        .filter(|t| !t.rows.is_empty())
        .collect();
    all.extend(others);
    // File names unique too: two tables with one caption would write one file.
    let mut used = HashSet::new();
    for t in &mut all {
        let base = t.name.clone();
        let mut n = 2;
        while !used.insert(t.name.clone()) {
            t.name = format!("{base}_{n}");
            n += 1;
        }
    }
    all.into_iter().map(Printed::typed).collect()
}

/// Writes every table to one workbook, after a Contents sheet naming each table in full.
pub fn write_xlsx(doc: &Document, path: &Path) -> Result<(), String> {
    xlsx::write(&data_tables(doc), path)
}

/// Writes one CSV per table, `<stem>-<table>.csv`; returns the files written. Figures are
/// printed as the report prints them (a spreadsheet opening the file reads `48.3%` and `(20)`
/// as numbers), their words and remarks in the note columns; text is made inert.
pub fn write_csvs(doc: &Document, dir: &Path, stem: &str) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for t in data_tables(doc) {
        let path = dir.join(format!("{stem}-{}.csv", t.name));
        let mut w = csv::Writer::from_path(&path).map_err(|e| e.to_string())?;
        let header: Vec<_> = t.header.iter().map(|h| inert(h)).collect();
        w.write_record(header.iter().map(|h| h.as_bytes()))
            .map_err(|e| e.to_string())?;
        for r in &t.rows {
            let fields: Vec<_> = r.iter().map(csv_field).collect();
            w.write_record(fields.iter().map(|f| f.as_bytes()))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

/// A figure read strictly as a number can only be a number ("-10,075"); any text is made inert.
fn csv_field(cell: &Cell) -> std::borrow::Cow<'_, str> {
    match cell {
        Cell::Text(t) => inert(t),
        c => std::borrow::Cow::Borrowed(c.printed()),
    }
}
