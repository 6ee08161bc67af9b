//! Indicator groups (#13 item 6): a board that counts by group gets, in its report's summary,
//! the progress counts of each group beside the counts of all; a board that does not, none.

#![allow(clippy::unwrap_used)]

use scrutiny_domain::performance::model::IndicatorGroup;
use scrutiny_domain::{Period, RagCounts};
use scrutiny_report::document::{Block, Document};
use scrutiny_report::performance::{pbr, qmr};

use crate::harness::TestDb;

fn counts(doc: &Document) -> Vec<(String, RagCounts)> {
    doc.summary
        .iter()
        .filter_map(|b| match b {
            Block::SummaryCounts {
                caption, counts, ..
            } if caption.starts_with("Indicators: progress") => Some((caption.clone(), *counts)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn summaries_count_per_group_where_the_board_says_so() {
    let (_db, mut data) = TestDb::with_samples().await;
    let q1 = Period::parse("2012/13 Q1").unwrap();
    let before = pbr::priority_based_report(&data, "CYPF", q1, "today").unwrap();
    assert_eq!(counts(&before).len(), 1, "no groups unless the board asks");

    data.indicator_groups = vec![
        IndicatorGroup {
            code: "NAT".into(),
            label: "National indicator set".into(),
            position: 1,
        },
        IndicatorGroup {
            code: "LOCAL".into(),
            label: "Local indicators".into(),
            position: 2,
        },
    ];
    for ind in &mut data.indicators {
        ind.group = if ind.code.starts_with("NI") {
            Some("NAT".into())
        } else if ind.code.contains("LI") {
            Some("LOCAL".into())
        } else {
            None
        };
    }
    for b in &mut data.boards {
        b.count_by_group = true;
    }
    let docs = [
        pbr::priority_based_report(&data, "CYPF", q1, "today").unwrap(),
        qmr::quarterly_monitoring_report(&data, "CFS", q1, "today").unwrap(),
    ];
    for doc in &docs {
        let all = counts(doc);
        let (first, groups) = all.split_first().unwrap();
        assert_eq!(first.0, "Indicators: progress");
        assert!(
            groups
                .iter()
                .any(|(c, _)| c == "Indicators: progress, National indicator set"),
            "{}: {all:?}",
            doc.slug
        );
        // Every indicator is in one group: the groups' counts add up to all.
        let sum = |f: fn(&RagCounts) -> usize| groups.iter().map(|(_, c)| f(c)).sum::<usize>();
        assert_eq!(sum(|c| c.total), first.1.total, "{}", doc.slug);
        assert_eq!(sum(|c| c.green), first.1.green, "{}", doc.slug);
        assert_eq!(sum(|c| c.red), first.1.red, "{}", doc.slug);
        assert_eq!(sum(|c| c.unknown), first.1.unknown, "{}", doc.slug);
    }
}
