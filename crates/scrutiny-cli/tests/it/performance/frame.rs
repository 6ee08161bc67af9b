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

/// In every sample report, an indicator rated against a target prints that target in its target
/// column: never a blank, never another target (#13 item 2). The target is read from the
/// rating's reason ("… against a target of 75.0%: …").
#[tokio::test]
async fn every_rating_against_a_target_prints_that_target() {
    let (_db, data) = TestDb::with_samples().await;
    let mut checked = 0;
    for doc in crate::html_snapshot::framework_reports(&data) {
        for block in doc.printed() {
            let Block::Indicators { rows, .. } = block else {
                continue;
            };
            for r in rows {
                let Some((_, rest)) = r.progress_basis.split_once("target of ") else {
                    continue;
                };
                let used = rest.split_once(':').map_or(rest, |(t, _)| t);
                assert!(
                    !r.target.trim().is_empty() && r.target.starts_with(used),
                    "{}: {}: rated against {used}, target column '{}'",
                    doc.slug,
                    r.refs,
                    r.target
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} ratings against a target");
}
