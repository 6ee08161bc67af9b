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
        .find(|r| r.kind == kind && r.year == year.0)
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
    let rows = categories
        .iter()
        .filter_map(|(code, label)| {
            let mine: Vec<_> = issues.iter().filter(|e| e.category == *code).collect();
            if mine.is_empty() {
                return None;
            }
            let mut row = vec![label.clone()];
            row.extend(outcomes.iter().map(|o| {
                rules.count(
                    mine.iter()
                        .filter(|e| e.finding.as_deref() == Some(o.code.as_str()))
                        .count() as u64,
                )
            }));
            row.push(rules.count(mine.iter().filter(|e| e.finding.is_none()).count() as u64));
            row.push(rules.count(mine.len() as u64));
            Some(row)
        })
        .collect();
    vec![Block::Table {
        caption: format!("Issues of {noun}, by category and finding"),
        header,
        rows,
    }]
}
