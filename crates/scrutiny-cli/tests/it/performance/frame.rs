//! The report frame on the sample council: the seed's committee report fronts the Priority Based
//! Report, stored and read back on both backends, with the summary page in front of the report.

#![allow(clippy::unwrap_used)]

use scrutiny_domain::Period;
use scrutiny_report::document::Block;
use scrutiny_report::performance::pbr::priority_based_report;

use crate::harness::TestDb;

#[tokio::test]
async fn the_seed_cover_and_a_summary_front_the_priority_based_report() {
    let (_db, data) = TestDb::with_samples().await;
    let doc = priority_based_report(&data, "CYPF", Period::parse("2012/13 Q1").unwrap(), "today")
        .unwrap();
    let cover = doc
        .cover
        .expect("the sample council sets a cover for this report");
    assert_eq!(cover.council.as_deref(), Some("Halton Borough Council"));
    assert!(
        cover
            .lines
            .contains(&("Date".into(), "3 September 2012".into()))
    );
    assert!(cover.lines.contains(&(
        "Subject".into(),
        "Performance Management Reports for Quarter 1 of 2012/13".into()
    )));
    let numbered: Vec<&str> = cover.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(
        numbered,
        [
            "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0"
        ]
    );
    assert!(matches!(&doc.summary[0], Block::Heading { text, .. } if text == "Summary"));
    assert!(
        doc.summary
            .iter()
            .any(|b| matches!(b, Block::SummaryCounts { .. }))
    );
    // The summary is printed, never exported again as data.
    assert!(
        !doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { text, .. } if text == "Summary"))
    );

    // A quarter the council set no cover for is printed without one.
    let q2 = priority_based_report(&data, "CYPF", Period::parse("2012/13 Q2").unwrap(), "today")
        .unwrap();
    assert!(q2.cover.is_none());
}
