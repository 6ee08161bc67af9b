//! The second sample council (`data/sample/glanmor-2024-25`, #13 item 11): a framework of another
//! shape, loaded through the import path into a database of its own. Its reports are
//! snapshot-tested with the first council's (`html_snapshot`) and checked for overprinting
//! (`pdf_layout`); here, what its settings must do to the figures a reader sees.

#![allow(clippy::unwrap_used)]

use scrutiny_domain::{Dataset, Period};
use scrutiny_report::document::{Block, Document, IndicatorRow};
use scrutiny_report::performance::{pbr, qmr};

use crate::harness::{TestDb, sample};

/// The second council's database and its data.
pub(crate) async fn second_council() -> (TestDb, Dataset) {
    let db = TestDb::new().await;
    db.import(&sample(scrutiny_import::SECOND_SAMPLE_SET))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let data = db.store.load().await.unwrap();
    (db, data)
}

/// Its board's report and its department's, as `scrutiny report` writes them.
pub(crate) fn second_council_reports(data: &Dataset, produced_on: &str) -> Vec<Document> {
    let q2 = Period::parse("2024/25 Q2").unwrap();
    vec![
        pbr::priority_based_report(data, "GCYP", q2, produced_on).unwrap(),
        qmr::quarterly_monitoring_report(data, "CS", q2, produced_on).unwrap(),
    ]
}

fn rows(blocks: &[Block]) -> Vec<&IndicatorRow> {
    blocks
        .iter()
        .flat_map(|b| match b {
            Block::Indicators { rows, .. } => rows.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn row<'a>(doc: &'a Document, code: &str) -> &'a IndicatorRow {
    rows(&doc.blocks)
        .into_iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{code} is not in {}", doc.slug))
}

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 1,
                number,
                text,
            } => Some(match number {
                Some(n) => format!("{n} {text}"),
                None => text.clone(),
            }),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_second_council_prints_in_its_own_shape() {
    let (_db, data) = second_council().await;
    let docs = second_council_reports(&data, "today");
    let (pbr, qmr) = (&docs[0], &docs[1]);

    // Its own titles, period wording and sections, numbered without those it leaves out.
    assert_eq!(
        pbr.title,
        "Children and Young People Scrutiny Committee: Quarterly Performance Report"
    );
    assert_eq!(
        pbr.subtitle.as_deref(),
        Some(
            "Quarter 2 2024/25: 1 July 2024 to 30 September 2024 (figures are for the period each \
             measure states)"
        )
    );
    assert_eq!(
        headings(pbr),
        [
            "1.0 Introduction",
            "2.0 Key Developments",
            "3.0 Emerging Issues",
            "4.0 Performance against the Corporate Plan",
            "5.0 Appendix – Key to the ratings",
            "6.0 Appendix – Charts of the performance measures",
        ]
    );
    assert_eq!(
        qmr.title,
        "Children's Services Quarterly Performance Report"
    );
    assert_eq!(
        headings(qmr),
        [
            "1.0 Introduction",
            "2.0 Key Developments",
            "3.0 Emerging Issues",
            "4.0 Performance measures",
            "5.0 Data quality",
            "6.0 Appendices",
            "Appendix 1 Performance measures",
            "Appendix 2 Other measures more than 5% from target",
            "Appendix 3 Key to the ratings",
        ]
    );
    let text = serde_json::to_string(qmr).unwrap();
    assert!(
        text.contains("please refer to Appendix 2."),
        "renumbered references"
    );
    assert!(!text.contains("Directorate"), "no empty Directorate line");
    assert!(!text.contains("Risk Control Measures"));

    // Profiled targets shown as used, judged within 5%, in the council's words.
    let pam029 = row(qmr, "PAM/029");
    assert_eq!(pam029.target, "10.0% (Q2 profile); 9.0% year");
    assert_eq!(pam029.progress.label, "Within 5% of target");
    // Compared with last year's outturn, except the year-to-date count, which declares the same
    // period last year.
    assert!(
        pam029.direction_basis.contains("the 2023/24 outturn"),
        "{}",
        pam029.direction_basis
    );
    assert_eq!(pam029.direction.label, "Declined");
    let l01 = row(qmr, "CYP/L01");
    assert!(
        l01.direction_basis
            .contains("268 against 231 in Q2 2023/24"),
        "{}",
        l01.direction_basis
    );
    // What each figure covers, after the measure.
    assert!(
        row(qmr, "CH/039")
            .measure
            .ends_with("(at 30 September 2024)")
    );
    assert!(row(qmr, "PAM/028").measure.ends_with("(year to date)"));
    assert!(row(qmr, "PAM/029").measure.ends_with("(rolling 12 months)"));
    // The formula measure, worked out from its parts.
    assert_eq!(row(qmr, "PAM/028").current, "91.5% (851/930)");
    // Context measures are shown, never rated; an annual measure is not due in Q2.
    assert_eq!(row(qmr, "CH/039").progress.label, "Context");
    assert_eq!(row(qmr, "CH/030").progress.label, "Reported annually");

    // Exceptions by distance from target, either way: a count 12% ahead of its profile is
    // listed, a review rate 2.4% ahead is not.
    let summary = serde_json::to_string(&pbr.summary).unwrap();
    assert!(
        summary.contains("indicators more than 5% from target"),
        "{summary}"
    );
    let exceptions: Vec<&str> = pbr
        .summary
        .iter()
        .filter_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.starts_with("Exceptions") => Some(rows),
            _ => None,
        })
        .flatten()
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(exceptions, ["CH/027", "CYP/L01"]);
    // Percentages to one place; the context measures are not counted in progress.
    assert!(summary.contains("3 (50.0%)"), "{summary}");
    assert!(
        summary.contains("Public Accountability Measures"),
        "{summary}"
    );
}
