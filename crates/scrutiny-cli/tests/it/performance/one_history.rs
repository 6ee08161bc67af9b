//! One indicator, one history: a figure changed once changes every report that prints it, and
//! a stepped target (a trajectory) is judged against the step in force.

use scrutiny_domain::FinancialYear;
use scrutiny_domain::Period;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::performance::model::ValueEntry;
use scrutiny_report::document::Block;

use crate::harness::{TestDb, import_table, indicator_rows};

#[tokio::test]
async fn changing_a_figure_once_changes_every_report() {
    let (db, _) = TestDb::with_samples().await;
    // NI072 is "NI072 SCS CYP01" in the Q1 Priority Based Report and "CYP 1" in the strategy.
    import_table(
        &db,
        "values.csv",
        "indicator,year,quarter,value\nNI072,2011/12,,49.0%\n",
    )
    .await;
    let data = db.store.load().await.expect("load");
    let pbr = crate::harness::pbr_q1(&data);
    let scs = scrutiny_report::plans::strategy::strategy_progress_report(
        &data,
        "SCS-CYP",
        Period::parse("2012/13 Q2").expect("p"),
        "t",
    )
    .expect("scs");
    let in_pbr = indicator_rows(&pbr)
        .into_iter()
        .find(|r| r.code == "NI072")
        .expect("NI072 in PBR");
    let in_scs = indicator_rows(&scs)
        .into_iter()
        .find(|r| r.refs == "CYP 1")
        .expect("CYP 1 in SCS");
    assert_eq!(in_pbr.previous, "49.0%");
    assert_eq!(in_scs.previous, "49.0%");
}

#[tokio::test]
async fn a_trajectory_is_judged_against_the_threshold_in_force() {
    let (_db, mut data) = TestDb::with_samples().await;
    // Key, so that it is listed whatever its rating (other indicators are listed by exception).
    data.indicators
        .iter_mut()
        .filter(|i| i.code == "ADOPT A1")
        .for_each(|i| i.key = true);
    // Adoption scorecard A1: 639 days for 2010-13 (held against 2012/13), 426 for 2013-16 (2015/16).
    for (year, days) in [(2013, "600"), (2015, "600")] {
        data.values.push(ValueEntry::new(
            "ADOPT A1",
            FinancialYear(year),
            Some(scrutiny_domain::Quarter::Q1),
            Figure::parse(days).expect("figure"),
        ));
    }
    let judge = |period: &str| {
        let doc = scrutiny_report::performance::qmr::quarterly_monitoring_report(
            &data,
            "CFS",
            Period::parse(period).expect("p"),
            "t",
        )
        .expect("qmr");
        indicator_rows(&doc)
            .into_iter()
            .find(|r| r.code == "ADOPT A1")
            .expect("ADOPT A1")
    };
    let early = judge("2013/14 Q1");
    assert_eq!(
        early.target, "639 (12/13 target)",
        "the 2010-13 threshold is still in force"
    );
    assert_eq!(early.progress.state, "green", "600 days is within 639");
    let late = judge("2015/16 Q1");
    assert_eq!(late.target, "426");
    assert_eq!(late.progress.state, "red", "600 days is well over 426");
}

#[tokio::test]
async fn the_quarterly_report_and_the_business_plan_share_one_history() {
    let (db, _) = TestDb::with_samples().await;
    // NI148 is a key indicator of the Q1 2012/13 report and of the 2013-16 business plan.
    import_table(
        &db,
        "values.csv",
        "indicator,year,quarter,value\nNI148,2011/12,,80.5%\n",
    )
    .await;
    let data = db.store.load().await.expect("load");
    let pbr = crate::harness::pbr_q1(&data);
    assert_eq!(
        indicator_rows(&pbr)
            .into_iter()
            .find(|r| r.code == "NI148")
            .expect("NI148")
            .previous,
        "80.5%"
    );
    let plan = scrutiny_report::plans::business_plan::business_plan_report(
        &data,
        "CYPF",
        FinancialYear(2013),
        "t",
    )
    .expect("plan");
    let in_plan = plan
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.ends_with("key indicators") => {
                rows.iter().find(|r| r[0] == "NI 148").cloned()
            }
            _ => None,
        })
        .expect("NI148 in the plan");
    assert_eq!(in_plan[2], "80.5%", "Actual 2011/12 in the plan");
}
