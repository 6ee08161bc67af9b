//! Four more shapes of council, each from a handful of records written here as the CSV files a
//! council would import, read by the importer and reported: the whole of each shape's own tables
//! is checked (golden), worked out by hand in the comments.
//!
//! 1. statutory and corporate routes reported together;
//! 2. a pre-complaint stage, with issues counted per issue by their own categories;
//! 3. quarterly tables with complaints per 100 open cases by team;
//! 4. percentages rounded down, with average and median working-day response times.

#![allow(clippy::unwrap_used)]

use scrutiny_domain::period::FinancialYear;
use scrutiny_report::document::{Block, Document};

use crate::harness::import_day;

const LISTS: &str = "list,code,label,position
kind,statutory,Statutory complaint,1
kind,corporate,Corporate complaint,2
category,delay,Delay,1
category,staff,Staff conduct,2
category,decision,Decision made,3
outcome,upheld,Upheld,1
outcome,not_upheld,Not upheld,2
";

/// The 2024/25 report of a council whose files are `files` (name, content), `lists.csv` added.
fn report(files: &[(&str, &str)]) -> Document {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data =
        scrutiny_import::complaints::read_complaints(dir.path(), &Default::default(), import_day())
            .unwrap_or_else(|e| panic!("{e}"));
    let rules = scrutiny_domain::complaints::settings::settings(&data.settings).rules;
    let calendar = scrutiny_import::calendar::bank_holidays().unwrap();
    scrutiny_report::complaints::annual_report::annual_report(
        &data,
        FinancialYear(2024),
        &rules,
        &calendar,
        "today",
    )
}

/// A table's header and rows, by the start of its caption.
fn table(doc: &Document, starts: &str) -> Vec<Vec<String>> {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table {
                caption,
                header,
                rows,
                ..
            } if caption.starts_with(starts) => Some(
                std::iter::once(header.clone())
                    .chain(rows.clone())
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table {starts}"))
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn statutory_and_corporate_routes_reported_together() {
    // 2024/25: four statutory complaints, two taken to Stage 2 and one of those to Stage 3; three
    // corporate complaints, one taken to Stage 2. Every count published (threshold 0).
    let doc = report(&[
        (
            "settings.csv",
            "key,value\nroutes,\"statutory, corporate\"\nsuppress_below,0\nearlier_years,0\n",
        ),
        (
            "cases.csv",
            "reference,kind,received,stage1_responded,stage2_requested,stage2_started,stage2_adjudicated,stage3_requested,stage3_panel_held,closed
S1,statutory,2024-04-08,2024-04-15,2024-04-22,2024-04-29,2024-05-31,2024-06-10,2024-07-01,2024-07-01
S2,statutory,2024-06-03,2024-06-10,2024-06-17,2024-06-24,2024-07-26,,,2024-07-26
S3,statutory,2024-09-02,2024-09-09,,,,,,2024-09-09
S4,statutory,2025-01-06,2025-01-13,,,,,,2025-01-13
C1,corporate,2024-05-07,2024-05-14,2024-05-20,2024-05-27,2024-06-28,,,2024-06-28
C2,corporate,2024-08-05,2024-08-12,,,,,,2024-08-12
C3,corporate,2024-11-04,2024-11-11,,,,,,2024-11-11
",
        ),
    ]);
    assert_eq!(
        table(&doc, "Complaints at each stage by route"),
        rows(&[
            &[
                "Stage",
                "Statutory complaint",
                "Corporate complaint",
                "Total"
            ],
            &["Stage 1 (local resolution)", "4", "3", "7"],
            &["Stage 2 (investigation)", "2", "1", "3"],
            &["Stage 3 (review panel)", "1", "0", "1"],
            &["Local Government and Social Care Ombudsman", "0", "0", "0"],
        ])
    );
    // The one Stage 3 panel, one by one: requested 10 June, held 1 July 2024, 15 working days.
    assert_eq!(
        table(&doc, "Stage 3 review panels held in 2024/25"),
        rows(&[
            &[
                "Panel",
                "Requested",
                "Held",
                "Working days",
                "Time limit",
                "Within the limit"
            ],
            &["1", "June 2024", "July 2024", "15", "30", "Yes"],
        ])
    );
}

#[test]
fn a_pre_complaint_stage_with_issues_counted_per_issue() {
    // Five complaints start at the pre-complaint stage; three are resolved there and two are
    // taken to Stage 1. One of those two raised three issues, the other one: four issues in all.
    let doc = report(&[
        (
            "settings.csv",
            "key,value\nlocal_stage,Pre-complaint\nlocal_stage_days,10\nsuppress_below,0\nearlier_years,0\n",
        ),
        (
            "cases.csv",
            "reference,kind,received,local_resolved,stage1_started,stage1_responded,stage1_outcome,closed
P1,statutory,2024-04-08,2024-04-10,,,,2024-04-10
P2,statutory,2024-05-13,2024-05-20,,,,2024-05-20
P3,statutory,2024-06-10,2024-06-28,,,,2024-06-28
P4,statutory,2024-07-01,,2024-07-08,2024-07-15,upheld,2024-07-15
P5,statutory,2024-10-07,,2024-10-14,2024-11-11,not_upheld,2024-11-11
",
        ),
        (
            "elements.csv",
            "reference,element,summary,finding,recommendation,category
P4,1,First issue,upheld,,delay
P4,2,Second issue,not_upheld,,staff
P4,3,Third issue,upheld,,delay
P5,1,Only issue,not_upheld,,decision
",
        ),
    ]);
    // Escalation from the pre-complaint stage to Stage 1: 2 of 5, 40%.
    let stages = table(&doc, "Statutory complaints at each stage");
    assert_eq!(
        stages[..4],
        rows(&[
            &["Stage", "2024/25"],
            &["Pre-complaint", "5"],
            &["Stage 1 (local resolution)", "2"],
            &["Stage 2 (investigation)", "0"],
        ])
    );
    assert!(stages.contains(&rows(&[&["Taken on to Stage 1, % of Pre-complaint", "40%"]])[0]));
    // The pre-complaint stage ended for all five: resolved (P1 in 2 working days, P2 in 5, P3 in
    // 14 of the 10 allowed) or taken to Stage 1 (P4 and P5, each after 5): four of five in time,
    // average 31 / 5 = 6.2, median 5. Stage 1 took P4 5 working days and P5 20 (10 allowed).
    let times = table(&doc, "Time taken by the stages finished in 2024/25");
    assert_eq!(
        times[..3],
        rows(&[
            &[
                "Stage",
                "Finished",
                "% within the time limit",
                "Average working days",
                "Median working days"
            ],
            &["Pre-complaint", "5", "80%", "6.2", "5"],
            &["Stage 1 (local resolution)", "2", "50%", "12.5", "12.5"],
        ])
    );
    assert_eq!(
        table(&doc, "Issues of statutory complaints"),
        rows(&[
            &[
                "Category of issue",
                "Upheld",
                "Not upheld",
                "No finding yet",
                "Issues"
            ],
            &["Delay", "2", "0", "0", "2"],
            &["Staff conduct", "0", "1", "0", "1"],
            &["Decision made", "0", "1", "0", "1"],
            &["Total", "2", "2", "0", "4"],
        ])
    );
}

#[test]
fn quarterly_tables_with_complaints_per_100_open_cases() {
    // Two teams; 2024/25 quarters: Q1 two complaints, Q2 one, Q3 none, Q4 three.
    let doc = report(&[
        (
            "settings.csv",
            "key,value\nreceived_by,quarter\nperiod_tables,teams\nsuppress_below,0\nearlier_years,0\npercent_dp,1\n",
        ),
        (
            "cases.csv",
            "reference,kind,received,team,stage1_responded,closed
Q1,statutory,2024-04-08,Assessment Team,2024-04-15,2024-04-15
Q2,statutory,2024-06-03,Children in Care Team,2024-06-10,2024-06-10
Q3,statutory,2024-09-02,Assessment Team,2024-09-09,2024-09-09
Q4,statutory,2025-01-06,Assessment Team,2025-01-13,2025-01-13
Q5,statutory,2025-02-03,Children in Care Team,2025-02-10,2025-02-10
Q6,statutory,2025-03-03,Assessment Team,2025-03-10,2025-03-10
",
        ),
        (
            "team_caseloads.csv",
            "year,team,open_cases,referrals\n2024/25,Assessment Team,160,900\n2024/25,Children in Care Team,250,\n",
        ),
    ]);
    assert_eq!(
        table(&doc, "Statutory complaints received, by quarter"),
        rows(&[
            &["Quarter", "2024/25"],
            &["Quarter 1", "2"],
            &["Quarter 2", "1"],
            &["Quarter 3", "0"],
            &["Quarter 4", "3"],
        ])
    );
    // Any breakdown by quarter too: here by team, a row per quarter.
    assert_eq!(
        table(&doc, "Statutory complaints by quarter: received, by team"),
        rows(&[
            &[
                "Quarter",
                "Assessment Team",
                "Children in Care Team",
                "Total"
            ],
            &["2024/25 Q1", "1", "1", "2"],
            &["2024/25 Q2", "1", "0", "1"],
            &["2024/25 Q3", "0", "0", "0"],
            &["2024/25 Q4", "2", "1", "3"],
        ])
    );
    // Assessment Team: 4 of 160 open cases, 2.5 per 100; Children in Care: 2 of 250, 0.8.
    let teams = table(&doc, "Statutory complaints per 100 open cases, by team");
    assert_eq!(teams[1], ["Assessment Team", "160", "900", "4", "2.5"]);
    assert_eq!(teams[2], ["Children in Care Team", "250", "", "2", "0.8"]);
}

#[test]
fn percentages_rounded_down_with_working_day_response_times() {
    // Three Stage 1 responses in 2024/25: 5, 10 and 12 working days (10 allowed), so two of
    // three in time: 66.7% is printed 66% rounded down. Average 9 working days, median 10.
    let doc = report(&[
        (
            "settings.csv",
            "key,value\nrounding,down\npercent_dp,0\nsuppress_below,0\nearlier_years,0\n",
        ),
        (
            "cases.csv",
            "reference,kind,received,stage1_responded,closed
R1,statutory,2024-04-08,2024-04-15,2024-04-15
R2,statutory,2024-06-03,2024-06-17,2024-06-17
R3,statutory,2024-09-02,2024-09-18,2024-09-18
",
        ),
    ]);
    let times = table(&doc, "Time taken by the stages finished in 2024/25");
    assert_eq!(
        times[1],
        ["Stage 1 (local resolution)", "3", "66%", "9", "10"]
    );
    let text = serde_json::to_string(&doc).unwrap();
    assert!(
        text.contains("Percentages are rounded down to whole numbers"),
        "{text}"
    );
}

#[test]
fn any_published_cell_is_restated_through_the_import_and_its_total_follows() {
    // 2023/24's Stage 1 count was published as 2; a third complaint was logged late. The
    // stage table's cell is restated, and a restatement naming a row the table lacks is refused
    // with the rows it has.
    let doc = report(&[
        (
            "settings.csv",
            "key,value\nsuppress_below,0\nearlier_years,1\n",
        ),
        (
            "cases.csv",
            "reference,kind,received,stage1_responded,closed
A1,statutory,2023-05-01,2023-05-08,2023-05-08
A2,statutory,2023-06-05,2023-06-12,2023-06-12
B1,statutory,2024-05-06,2024-05-13,2024-05-13
",
        ),
        (
            "restatements.csv",
            "year,kind,published,restated,note,table,row
2023/24,,2,3,A complaint was logged late.,Statutory complaints at each stage,Stage 1 (local resolution)
2023/24,,9,8,Mistyped.,Statutory complaints at each stage,Stage one
",
        ),
    ]);
    let stages = table(&doc, "Statutory complaints at each stage");
    assert_eq!(
        stages[1],
        ["Stage 1 (local resolution)", "1", "3 (restated)"]
    );
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.contains(
        "Stage 1 (local resolution), 2023/24: restated as 3 (published as 2). A complaint was logged late."
    ));
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.contains("no row 'Stage one'") && d.contains("Stage 2 (investigation)")),
        "{:?}",
        doc.diagnostics
    );
}
