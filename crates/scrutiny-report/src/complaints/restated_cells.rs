//! Restatements of single cells of the annual report: a figure an earlier report published in any
//! table (a stage's count, an outcome, a total), named by the table's caption and the row's first
//! cell as printed. The cell prints the restated figure marked "(restated)" with a note under the
//! table; the table's total and the year's shares follow it, so the table never contradicts
//! itself. A kind's yearly count is restated by `numbers` instead, where it also reaches the text
//! and the trend chart.

use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::complaints::records::{ComplaintsData, Restatement};
use scrutiny_domain::period::FinancialYear;

use crate::document::Block;
use crate::performance::sections::para;

const MARK: &str = " (restated)";

/// The count a printed cell holds ("12", "12 (restated)"); none for "fewer than 5", "*" or text.
fn count_in(cell: &str) -> Option<u64> {
    cell.strip_suffix(MARK).unwrap_or(cell).trim().parse().ok()
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether a restatement's `named` table is the table captioned `caption`: exactly, or as the
/// caption's beginning ("Stage 1 outcomes" for "Stage 1 outcomes, 2024/25").
fn names(named: &str, caption: &str) -> bool {
    same(named, caption) || begins(named, caption)
}

fn begins(named: &str, caption: &str) -> bool {
    caption.len() > named.len()
        && caption.is_char_boundary(named.len())
        && same(&caption[..named.len()], named)
        && !caption[named.len()..].starts_with(char::is_alphanumeric)
}

/// The restated count of a cell, for a table whose other figures are worked out from it (a rate
/// from the stages' counts): the cell itself is marked and noted by [`restate_cells`].
pub fn restated_value(
    data: &ComplaintsData,
    caption: &str,
    row: &str,
    year: FinancialYear,
) -> Option<u64> {
    data.restatements
        .iter()
        .filter(|re| re.year == year.0 && re.row.as_deref().is_some_and(|r| same(r, row)))
        .find(|re| re.table.as_deref().is_some_and(|t| names(t, caption)))?
        .restated
}

/// Whether a row is its table's total, which follows the rows above it.
fn is_total(label: &str) -> bool {
    same(label, "Total") || label.starts_with("Complaints in all")
}

/// The column holding a year's counts: headed by the year, or, in a table of one year whose
/// caption names it, the first figure column.
fn year_column(caption: &str, header: &[String], year: FinancialYear) -> Option<usize> {
    let y = year.to_string();
    header
        .iter()
        .position(|h| same(h, &y))
        .or_else(|| (caption.contains(&y) && header.len() > 1).then_some(1))
}

/// Applies one restatement to a table; the note to print under it, or why it could not be.
fn restate(
    rows: &mut [Vec<String>],
    caption: &str,
    header: &[String],
    re: &Restatement,
    rules: &Rules,
) -> Result<Option<String>, String> {
    let year = FinancialYear(re.year);
    let Some(col) = year_column(caption, header, year) else {
        // The report does not show that year: nothing to restate here.
        return Ok(None);
    };
    let label = re.row.as_deref().unwrap_or_default();
    let Some(at) = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| same(c, label)))
    else {
        let labels: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.first())
            .map(|s| s.as_str())
            .collect();
        return Err(format!(
            "no row '{label}' in \"{caption}\"; its rows are: {}",
            labels.join(", ")
        ));
    };
    let Some(old) = rows[at].get(col).cloned() else {
        return Ok(None);
    };
    let new = re.restated.map_or_else(
        || old.strip_suffix(MARK).unwrap_or(&old).to_string(),
        |n| rules.count(n),
    );
    rows[at][col] = format!("{new}{MARK}");
    let mut note = format!(
        "{label}, {year}: restated as {new} (published as {}). {}",
        re.published, re.note
    );
    // The total follows the restated row by the difference, where both are counts.
    let total = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| is_total(c)));
    if let (Some(t), Some(n)) = (total.filter(|t| *t != at), re.restated) {
        let sum = rows[t].get(col).and_then(|c| count_in(c));
        match (sum, count_in(&old)) {
            (Some(sum), Some(was)) if n != was => {
                rows[t][col] = format!("{}{MARK}", rules.count(sum + n - was));
            }
            (Some(_), Some(_)) => {}
            _ => note.push_str(" The total is as counted: the published count cannot be read."),
        }
    }
    // The year's shares follow the restated counts.
    let share = format!("{year} %");
    let share_column = header.iter().position(|h| same(h, &share));
    let sum = total.and_then(|t| rows[t].get(col).and_then(|c| count_in(c)));
    if let (Some(pc), Some(sum)) = (share_column, sum) {
        for row in rows.iter_mut() {
            let shown = row.get(pc).is_some_and(|p| p != "*" && !p.is_empty());
            if let Some(n) = row.get(col).and_then(|c| count_in(c))
                && shown
                && n <= sum
            {
                row[pc] = rules.percent(n, sum);
            }
        }
    }
    Ok(Some(note))
}

/// Applies the council's restatements of single cells to the report's tables, for the years the
/// report compares; each note is printed under its table. A restatement naming a table the report
/// does not have, or a row its table lacks, is reported in `diagnostics`, not guessed at.
pub fn restate_cells(
    blocks: Vec<Block>,
    data: &ComplaintsData,
    years: &[FinancialYear],
    rules: &Rules,
    diagnostics: &mut Vec<String>,
) -> Vec<Block> {
    let wanted: Vec<&Restatement> = data
        .restatements
        .iter()
        .filter(|re| re.table.is_some() && years.contains(&FinancialYear(re.year)))
        .collect();
    let captions: Vec<Option<&str>> = blocks
        .iter()
        .map(|b| match b {
            Block::Table { caption, .. } => Some(caption.as_str()),
            _ => None,
        })
        .collect();
    // Each restatement's table: the one captioned exactly so, or else the only one whose caption
    // begins so ("Stage 1 outcomes" for "Stage 1 outcomes, 2024/25").
    let mut target: Vec<Option<usize>> = Vec::with_capacity(wanted.len());
    for re in &wanted {
        let named = re.table.as_deref().unwrap_or_default();
        let exact = captions
            .iter()
            .position(|c| c.is_some_and(|c| same(c, named)));
        let starts: Vec<usize> = (0..captions.len())
            .filter(|i| captions[*i].is_some_and(|c| begins(named, c)))
            .collect();
        let found = exact.or(if starts.len() == 1 {
            starts.first().copied()
        } else {
            None
        });
        if found.is_none() {
            let listed = |all: Vec<&str>| {
                all.iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let why = if starts.len() > 1 {
                format!(
                    "\"{named}\" begins several tables' captions ({}): give the whole caption",
                    listed(starts.iter().filter_map(|i| captions[*i]).collect())
                )
            } else {
                format!(
                    "this report has no table \"{named}\"; its tables are {}",
                    listed(captions.iter().flatten().copied().collect())
                )
            };
            diagnostics.push(format!(
                "A restatement of {} was not applied: {why}",
                FinancialYear(re.year)
            ));
        }
        target.push(found);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for (at, mut block) in blocks.into_iter().enumerate() {
        let mut notes = Vec::new();
        if let Block::Table {
            caption,
            header,
            rows,
            ..
        } = &mut block
        {
            for (re, _) in wanted.iter().zip(&target).filter(|(_, t)| **t == Some(at)) {
                match restate(rows, caption, header, re, rules) {
                    Ok(note) => notes.extend(note),
                    Err(why) => diagnostics.push(format!(
                        "A restatement of {} was not applied: {why}",
                        FinancialYear(re.year)
                    )),
                }
            }
        }
        out.push(block);
        out.extend(notes.iter().map(|n| para(n)));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn table() -> Block {
        Block::Table {
            caption: "Stage 1 outcomes".into(),
            header: ["Outcome", "2017/18", "2017/18 %", "2016/17", "2016/17 %"]
                .map(String::from)
                .to_vec(),
            rows: [
                ["Upheld", "10", "50%", "8", "40%"],
                ["Not upheld", "10", "50%", "12", "60%"],
                ["Total", "20", "100%", "20", "100%"],
            ]
            .iter()
            .map(|r| r.map(String::from).to_vec())
            .collect(),
            figures: Vec::new(),
        }
    }

    fn restatement(table: &str, row: &str, restated: Option<u64>) -> Restatement {
        Restatement {
            year: 2016,
            published: "8".into(),
            restated,
            note: "One complaint's outcome was corrected.".into(),
            table: Some(table.into()),
            row: Some(row.into()),
            ..Default::default()
        }
    }

    fn run(re: Restatement) -> (Vec<Block>, Vec<String>) {
        let data = ComplaintsData {
            restatements: vec![re],
            ..Default::default()
        };
        let rules = Rules {
            suppress_below: 0,
            ..Rules::default()
        };
        let years = [FinancialYear(2017), FinancialYear(2016)];
        let mut diagnostics = Vec::new();
        let blocks = restate_cells(vec![table()], &data, &years, &rules, &mut diagnostics);
        (blocks, diagnostics)
    }

    fn rows(b: &Block) -> &Vec<Vec<String>> {
        match b {
            Block::Table { rows, .. } => rows,
            _ => panic!("not a table"),
        }
    }

    #[test]
    fn a_restated_cell_carries_into_its_total_and_the_years_shares() {
        let (blocks, diagnostics) = run(restatement("stage 1 outcomes", "Upheld", Some(10)));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let r = rows(&blocks[0]);
        assert_eq!(r[0][3], "10 (restated)");
        assert_eq!(r[2][3], "22 (restated)");
        assert_eq!(r[0][4], "45%");
        assert_eq!(r[1][4], "55%");
        // The report's own year is untouched.
        assert_eq!(r[0][1], "10");
        let Block::Paragraph { text, .. } = &blocks[1] else {
            panic!("no note")
        };
        assert!(text.contains("Upheld, 2016/17: restated as 10 (published as 8)"));
    }

    #[test]
    fn a_total_can_be_restated_itself() {
        let (blocks, _) = run(restatement("Stage 1 outcomes", "Total", Some(21)));
        let r = rows(&blocks[0]);
        assert_eq!(r[2][3], "21 (restated)");
        assert_eq!(r[0][3], "8");
    }

    #[test]
    fn a_restatement_that_names_nothing_printed_is_reported_not_guessed() {
        let (_, diagnostics) = run(restatement("Stage one outcomes", "Upheld", Some(10)));
        assert!(diagnostics[0].contains("no table \"Stage one outcomes\""));
        assert!(diagnostics[0].contains("\"Stage 1 outcomes\""));
        let (_, diagnostics) = run(restatement("Stage 1 outcomes", "Upheldd", Some(10)));
        assert!(
            diagnostics[0].contains("no row 'Upheldd'"),
            "{diagnostics:?}"
        );
    }
}
