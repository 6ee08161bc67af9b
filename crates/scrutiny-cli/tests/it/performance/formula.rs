//! Formula indicators end to end: a rate per 10,000 entered as its numerator, its denominator the
//! shipped population, checked on import, stored, and printed with its parts; last year's figure
//! built from the quarters by the declared rule.

use crate::harness::{TestDb, import_table, indicator_rows, pbr_q1};

const INDICATOR: &str = "code,description,department,priority,key,polarity,unit,decimals,rag_rule,formula,ytd_rule,population\n\
    FX1,Rate of children on a plan,COPS,COMMISSIONING,yes,lower,rate_per_10000,1,ANNUAL,rate_per_10000,ratio_of_sums,0-17\n";

#[tokio::test]
async fn a_rate_of_the_shipped_population_is_checked_stored_and_printed_with_its_parts() {
    let (db, _) = TestDb::with_samples().await;
    import_table(&db, "indicators.csv", INDICATOR).await;
    // 2011/12 quarters only, no outturn; 2012/13 Q1 left blank, worked out of the sample's 27,120
    // children.
    import_table(
        &db,
        "values.csv",
        "indicator,year,quarter,value,numerator\n\
         FX1,2011/12,Q1,11,30\nFX1,2011/12,Q2,11,30\nFX1,2011/12,Q3,11,30\nFX1,2011/12,Q4,11,30\n",
    )
    .await;
    // With a denominator column, the population used is stored with the figure.
    import_table(
        &db,
        "values.csv",
        "indicator,year,quarter,value,numerator,denominator\nFX1,2012/13,Q1,,136,\n",
    )
    .await;
    // A later estimate does not change a figure already worked out.
    import_table(
        &db,
        "populations.csv",
        "area,year,age_band,count\nSample Borough,2012/13,0-17,30000\n",
    )
    .await;
    let data = db.store.load().await.expect("load");
    let q1 = data
        .values
        .iter()
        .find(|v| {
            v.indicator == "FX1"
                && v.quarter == Some(scrutiny_domain::period::Quarter::Q1)
                && v.year.0 == 2012
        })
        .expect("FX1 Q1");
    assert_eq!(q1.denominator, Some(27120.into()));
    let rows = indicator_rows(&pbr_q1(&data));
    let row = rows.iter().find(|r| r.code == "FX1").expect("FX1 printed");
    assert_eq!(row.current, "50.1 per 10,000 (136/27,120)");
    // 120 of the 2011/12 population (27,180), not the sum of the quarters' rates.
    assert_eq!(
        row.previous,
        "44.2 per 10,000 (11/12 from the quarters, by summed parts)"
    );
}

#[tokio::test]
async fn parts_that_disagree_with_the_figure_are_refused() {
    let (db, _) = TestDb::with_samples().await;
    import_table(&db, "indicators.csv", INDICATOR).await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("values.csv"),
        "indicator,year,quarter,value,numerator,denominator\n\
         FX1,2012/13,Q1,60,136,\nFX1,2012/13,Q2,5,1,0\n",
    )
    .expect("write");
    let err = db
        .import(dir.path())
        .await
        .expect_err("refused")
        .to_string();
    assert!(err.contains("IMP017"), "{err}");
    assert!(
        err.contains(
            "the figure 60 disagrees with its numerator and denominator, which make 50.15"
        ),
        "{err}"
    );
    assert!(err.contains("the denominator is 0"), "{err}");
}
