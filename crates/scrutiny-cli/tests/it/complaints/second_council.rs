//! A second council's complaints (`data/sample/complaints-glanmor`, made-up records): statutory
//! and corporate routes together, an early resolution stage before Stage 1, counts by quarter,
//! percentages rounded down to one place, a threshold of 3, and a Complaint Handling Code
//! self-assessment. Its report is snapshot-tested with the first council's (`html_snapshot`) and
//! checked for overprinting (`pdf_layout`); here, the figures its settings must give.

#![allow(clippy::unwrap_used)]

use scrutiny_domain::period::FinancialYear;
use scrutiny_report::document::{Block, Document};

use crate::harness::{TestDb, import_day, sample};

/// The second council's 2024/25 annual report, as published.
pub(crate) async fn second_council_report(produced_on: &str) -> Document {
    let db = TestDb::new().await;
    let data = scrutiny_import::complaints::read_complaints(
        &sample("complaints-glanmor"),
        &Default::default(),
        import_day(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    db.store
        .apply_complaints(&data, "test", "2026-11-23T00:00:00Z", "sample")
        .await
        .unwrap();
    let held = db.store.load_complaints().await.unwrap();
    let rules = scrutiny_domain::complaints::settings::settings(&held.settings).rules;
    let calendar = scrutiny_import::calendar::bank_holidays().unwrap();
    scrutiny_report::complaints::annual_report::annual_report(
        &held,
        FinancialYear(2024),
        &rules,
        &calendar,
        produced_on,
    )
}

fn table<'a>(doc: &'a Document, starts: &str) -> &'a Vec<Vec<String>> {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.starts_with(starts) => Some(rows),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table {starts}"))
}

#[tokio::test]
async fn the_second_councils_complaints_report_follows_its_settings() {
    let doc = second_council_report("today").await;
    assert_eq!(
        doc.title,
        "Complaints about Children's Services: Annual Report"
    );
    // 12 of 35 parents is 34.29%: 34.2% rounded down to one place.
    let profile = table(&doc, "Statutory complaints by who made them");
    assert_eq!(profile[0][..3], ["Parent or carer", "12", "34.2%"]);
    // By quarter, over both years.
    let quarters = table(&doc, "Statutory complaints received, by quarter");
    assert_eq!(quarters[0], ["Quarter 1", "9", "8"]);
    // Early resolution counted apart from Stage 1, and escalations to Stage 1 from it.
    let stages = table(&doc, "Statutory complaints at each stage");
    assert_eq!(stages[0][..2], ["Early resolution", "35"]);
    assert_eq!(stages[1][..2], ["Stage 1 (local resolution)", "15"]);
    // Routes together: the statutory Stage 2 count (3) is printed in the stage table, so the
    // corporate count (fewer than 3) is protected by hiding the total, not the statutory count.
    let routes = table(&doc, "Complaints at each stage by route");
    assert_eq!(
        routes[1],
        ["Stage 2 (investigation)", "3", "fewer than 3", "*"]
    );
    // Only the council's own kinds of contact: its list has no customer care or MP enquiries.
    let text = serde_json::to_string(&doc).unwrap();
    assert!(!text.contains("customer_care") && !text.contains("mp_enquiry"));
    assert!(text.contains("Percentages are rounded down to one decimal place."));
    // Per 100 open cases by team: 12 of the Assessment Team's 210 open cases is 5.71, 5.7.
    let teams = table(&doc, "Statutory complaints per 100 open cases, by team");
    assert_eq!(teams[0], ["Assessment Team", "210", "1380", "12", "5.7"]);
    // The manager's words under their section, the report's own sentence beside them.
    assert!(text.contains("Three complaints went on to a Stage 2 investigation"));
    assert!(
        text.contains(
            "0% of Stage 1 complaints were answered within 10 working days in 2024/25, against 0% in 2023/24."
        ),
        "{text}"
    );
    let code = table(&doc, "Self-assessment against the Complaint Handling Code");
    assert_eq!(code[1][2..4], ["Partly met", "Not met"]);
}
