//! The annual complaints report's tables that several sections share: counts by list entry over
//! the years compared, complaints per open case, and the issues of the year's complaints.

use scrutiny_domain::complaints::figures::{Rules, received};
use scrutiny_domain::complaints::records::{Complaint, ComplaintsData, Restatement};
use scrutiny_domain::complaints::suppression::{Line, Shown, protect};
use scrutiny_domain::period::FinancialYear;

use crate::document::Block;

pub const STATUTORY: &str = "statutory";

/// A table with one row per list entry and, per year, the count and its share of the year's total.
pub fn by_year_table(
    caption: String,
    first: &str,
    years: &[FinancialYear],
    rules: &Rules,
    per_year: impl Fn(FinancialYear) -> Vec<(String, u64)>,
) -> Block {
    let columns: Vec<Vec<(String, u64)>> = years.iter().map(|y| per_year(*y)).collect();
    let mut header = vec![first.to_string()];
    for y in years {
        header.push(format!("{y}"));
        header.push(format!("{y} %"));
    }
    let labels: Vec<String> = columns
        .iter()
        .flat_map(|c| c.iter().map(|(l, _)| l.clone()))
        .fold(Vec::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    let mut rows: Vec<Vec<String>> = labels.iter().map(|l| vec![l.clone()]).collect();
    let mut total_row = vec!["Total".to_string()];
    for c in &columns {
        // Each year's counts and their total: one published sum, protected as a whole.
        let mut values: Vec<u64> = labels
            .iter()
            .map(|label| c.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n))
            .collect();
        let total: u64 = values.iter().sum();
        values.push(total);
        let line = Line {
            members: (0..labels.len()).collect(),
            total: labels.len(),
        };
        let shown = protect(&values, &[line], rules.suppress_below);
        for (i, row) in rows.iter_mut().enumerate() {
            row.push(printed(rules, values[i], shown[i]));
            row.push(match shown[i] {
                Shown::Count => rules.percent(values[i], total),
                _ => "*".into(),
            });
        }
        total_row.push(printed(rules, total, shown[labels.len()]));
        total_row.push(if total > 0 {
            "100%".into()
        } else {
            String::new()
        });
    }
    rows.push(total_row);
    Block::Table {
        caption,
        header,
        rows,
        figures: Vec::new(),
    }
}

/// A count as `protect` allows it printed: itself, "fewer than N", or "*" where it is hidden so
/// that a smaller count cannot be worked out from a total.
pub fn printed(rules: &Rules, n: u64, shown: Shown) -> String {
    match shown {
        Shown::Count => n.to_string(),
        Shown::Small => rules.count(n),
        Shown::Complement => "*".into(),
    }
}

/// Statutory complaints as a share of the cases open at each year's end, for the years whose
/// caseload is recorded. To one decimal place, as the seeds print it (4.4%), whatever the
/// report's places: whole percentages would hide the year-on-year movement (rounded by its rule).
pub fn per_open_case(
    data: &ComplaintsData,
    years: &[FinancialYear],
    rules: &Rules,
    route: &str,
    title_noun: &str,
) -> Vec<Block> {
    let rows: Vec<Vec<String>> = years
        .iter()
        .filter_map(|y| {
            let open = data.caseloads.iter().find(|c| c.year == y.0)?.open_cases;
            let n = received(data, route, *y).len() as u64;
            let share = scrutiny_domain::format::percentage_by(
                rust_decimal::Decimal::from(n),
                rust_decimal::Decimal::from(open),
                1,
                rules.rounding,
            )?;
            let small = rules.count(n) != n.to_string();
            Some(vec![
                y.to_string(),
                open.to_string(),
                rules.count(n),
                if small {
                    "*".into()
                } else {
                    format!("{share}%")
                },
            ])
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Block::Table {
        caption: format!("{title_noun} per open case (cases open on 31 March)"),
        header: vec![
            "Year".into(),
            "Open cases".into(),
            title_noun.to_string(),
            "Share of open cases".into(),
        ],
        rows,
        figures: Vec::new(),
    }]
}

/// Statutory complaints per 100 open cases for each team whose caseload the council records for
/// the year, with its referrals: read against the work each team does.
pub fn per_team(
    data: &ComplaintsData,
    year: FinancialYear,
    rules: &Rules,
    route: &str,
    title_noun: &str,
) -> Vec<Block> {
    let teams: Vec<_> = data
        .team_caseloads
        .iter()
        .filter(|t| t.year == year)
        .collect();
    if teams.is_empty() {
        return Vec::new();
    }
    let received = received(data, route, year);
    let rows = teams
        .iter()
        .map(|t| {
            let n = received
                .iter()
                .filter(|c| c.team.as_deref() == Some(t.team.as_str()))
                .count() as u64;
            let per_100 = match rules.count(n) == n.to_string() {
                false => "*".to_string(),
                true => scrutiny_domain::format::percentage_by(
                    rust_decimal::Decimal::from(n),
                    rust_decimal::Decimal::from(t.open_cases.max(0)),
                    1,
                    rules.rounding,
                )
                .map(|p| p.normalize().to_string())
                .unwrap_or_default(),
            };
            vec![
                t.team.clone(),
                t.open_cases.to_string(),
                t.referrals.map(|r| r.to_string()).unwrap_or_default(),
                rules.count(n),
                per_100,
            ]
        })
        .collect();
    vec![Block::table_without_blanks(
        format!("{title_noun} per 100 open cases, by team, {year}"),
        [
            "Team",
            "Open cases on 31 March",
            "Referrals in the year",
            title_noun,
            "Per 100 open cases",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        &["Referrals in the year"],
    )]
}

/// A kind's count for a year as the council published it (its frozen edition), if it did.
pub fn published<'a>(
    data: &'a ComplaintsData,
    kind: &str,
    year: FinancialYear,
) -> Option<&'a scrutiny_domain::complaints::records::Edition> {
    data.editions
        .iter()
        .find(|e| e.kind == kind && e.year == year)
}

/// The council's restatement of a kind's count for a year, if any.
pub fn restated<'a>(
    data: &'a ComplaintsData,
    kind: &str,
    year: FinancialYear,
) -> Option<&'a Restatement> {
    data.restatements
        .iter()
        .find(|r| r.table.is_none() && r.kind == kind && r.year == year.0)
}

/// The issues of the year's statutory complaints, by category and finding: a complaint about
/// several things counts once per issue. Counts only, so no words from a case are published.
pub fn issues_table(
    data: &ComplaintsData,
    statutory: &[&Complaint],
    rules: &Rules,
    noun: &str,
) -> Vec<Block> {
    let issues: Vec<_> = data
        .elements
        .iter()
        .filter(|e| statutory.iter().any(|c| c.reference == e.reference))
        .collect();
    if issues.is_empty() {
        return Vec::new();
    }
    let outcomes = data.list("outcome");
    let mut header = vec!["Category of issue".to_string()];
    header.extend(outcomes.iter().map(|o| o.label.clone()));
    header.extend(["No finding yet".to_string(), "Issues".to_string()]);
    let mut categories: Vec<(Option<String>, String)> = data
        .list("category")
        .into_iter()
        .map(|c| (Some(c.code.clone()), c.label.clone()))
        .collect();
    categories.push((None, "Not recorded".into()));
    // The grid of counts: a row per category with issues, then the total row; in each, a column
    // per finding, "no finding yet", then the row's issues.
    let mut labels = Vec::new();
    let mut grid: Vec<Vec<u64>> = Vec::new();
    for (code, label) in &categories {
        let mine: Vec<_> = issues.iter().filter(|e| e.category == *code).collect();
        if mine.is_empty() {
            continue;
        }
        let mut row: Vec<u64> = outcomes
            .iter()
            .map(|o| {
                mine.iter()
                    .filter(|e| e.finding.as_deref() == Some(o.code.as_str()))
                    .count() as u64
            })
            .collect();
        row.push(mine.iter().filter(|e| e.finding.is_none()).count() as u64);
        row.push(mine.len() as u64);
        labels.push(label.clone());
        grid.push(row);
    }
    let width = outcomes.len() + 2;
    let total: Vec<u64> = (0..width)
        .map(|c| grid.iter().map(|r| r[c]).sum())
        .collect();
    labels.push("Total".into());
    grid.push(total);
    // Every row and every column is a published sum, so each is a line to protect.
    let at = |r: usize, c: usize| r * width + c;
    let last = grid.len() - 1;
    let mut lines: Vec<Line> = (0..grid.len())
        .map(|r| Line {
            members: (0..width - 1).map(|c| at(r, c)).collect(),
            total: at(r, width - 1),
        })
        .collect();
    lines.extend((0..width).map(|c| Line {
        members: (0..last).map(|r| at(r, c)).collect(),
        total: at(last, c),
    }));
    let values: Vec<u64> = grid.iter().flatten().copied().collect();
    let shown = protect(&values, &lines, rules.suppress_below);
    let rows = labels
        .into_iter()
        .enumerate()
        .map(|(r, label)| {
            std::iter::once(label)
                .chain((0..width).map(|c| printed(rules, values[at(r, c)], shown[at(r, c)])))
                .collect()
        })
        .collect();
    vec![Block::Table {
        caption: format!("Issues of {noun}, by category and finding"),
        header,
        rows,
        figures: Vec::new(),
    }]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use scrutiny_domain::complaints::records::{Element, ListItem};

    fn item(list: &str, code: &str, position: i64) -> ListItem {
        ListItem {
            list: list.into(),
            code: code.into(),
            label: code.into(),
            position,
        }
    }

    #[test]
    fn the_issues_total_row_cannot_give_away_a_hidden_count() {
        // Delay: 1 upheld, 9 not; staff: 8 upheld, 7 not. The 1 is hidden; its row and column
        // totals would give it away, so 9, 8 and 7 are hidden with it: a rectangle of four that
        // the published totals (10, 15, 9, 16) cannot solve.
        let case = Complaint {
            reference: "A".into(),
            kind: STATUTORY.into(),
            ..Default::default()
        };
        let mut elements = Vec::new();
        for (category, finding, n) in [
            ("delay", "upheld", 1),
            ("delay", "not_upheld", 9),
            ("staff", "upheld", 8),
            ("staff", "not_upheld", 7),
        ] {
            for _ in 0..n {
                elements.push(Element {
                    reference: "A".into(),
                    element: elements.len() as i64 + 1,
                    summary: String::new(),
                    finding: Some(finding.into()),
                    recommendation: None,
                    category: Some(category.into()),
                });
            }
        }
        let data = ComplaintsData {
            lists: vec![
                item("category", "delay", 1),
                item("category", "staff", 2),
                item("outcome", "upheld", 1),
                item("outcome", "not_upheld", 2),
            ],
            elements,
            ..Default::default()
        };
        let blocks = issues_table(&data, &[&case], &Rules::default(), "complaints");
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!("no table")
        };
        let expected = [
            ["delay", "fewer than 5", "*", "0", "10"],
            ["staff", "*", "*", "0", "15"],
            ["Total", "9", "16", "0", "25"],
        ];
        assert_eq!(
            rows,
            &expected.map(|r| r.map(String::from).to_vec()).to_vec()
        );
    }
}
