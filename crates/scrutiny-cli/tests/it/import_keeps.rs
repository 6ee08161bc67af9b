//! An import changes only what its files give: a column left out, or a blank cell, keeps the
//! stored value; the cell text `(clear)` clears it. The summary says what changed per column.

use scrutiny_domain::Period;
use scrutiny_domain::performance::model::ValueEntry;

use crate::harness::TestDb;

async fn write_and_import(db: &TestDb, csv: &str) -> scrutiny_store::ApplySummary {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("values.csv"), csv).expect("write");
    db.import(dir.path()).await.expect("import")
}

async fn ni148_q1(db: &TestDb) -> ValueEntry {
    let q1 = Period::parse("2012/13 Q1").expect("period");
    db.store
        .load()
        .await
        .expect("load")
        .values
        .into_iter()
        .find(|v| v.indicator == "NI148" && v.year == q1.year && v.quarter == Some(q1.quarter))
        .expect("NI148 2012/13 Q1")
}

#[tokio::test]
async fn a_missing_column_or_blank_cell_keeps_the_stored_value_and_clear_clears_it() {
    let (db, _) = TestDb::with_samples().await;
    let header = "indicator,year,quarter,value,commentary";
    write_and_import(
        &db,
        &format!("{header}\nNI148,2012/13,Q1,63%,Checked by the team\n"),
    )
    .await;

    // Figures without a commentary column: the figure changes, the commentary stays.
    let summary =
        write_and_import(&db, "indicator,year,quarter,value\nNI148,2012/13,Q1,64%\n").await;
    let said = summary.describe().join("; ");
    assert_eq!(said, "indicator_values: 1 [value 1]", "{summary:?}");
    let row = ni148_q1(&db).await;
    assert_eq!(row.value.to_entry(), "64");
    assert_eq!(row.commentary.as_deref(), Some("Checked by the team"));
    // The sample's override was not in the file either: it stays too.
    assert!(row.rag_override.is_some(), "{row:?}");

    // A blank cell in a column that is there is no instruction either.
    let summary = write_and_import(&db, &format!("{header}\nNI148,2012/13,Q1,64%,\n")).await;
    assert_eq!(summary.total_changed(), 0, "{summary:?}");
    assert_eq!(
        ni148_q1(&db).await.commentary.as_deref(),
        Some("Checked by the team")
    );

    // The marker clears it, and the audit trail says so.
    let summary = write_and_import(&db, &format!("{header}\nNI148,2012/13,Q1,64%,(clear)\n")).await;
    assert_eq!(summary.describe(), ["indicator_values: 1 [commentary 1]"]);
    assert_eq!(ni148_q1(&db).await.commentary, None);
    let log = db.store.audit_log(2).await.expect("audit");
    assert!(
        log.iter()
            .any(|e| e.detail == "commentary: Checked by the team -> (blank)"),
        "{log:?}"
    );
}

#[tokio::test]
async fn a_required_column_cannot_be_cleared() {
    let (db, _) = TestDb::with_samples().await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("values.csv"),
        "indicator,year,quarter,value\nNI148,2012/13,Q1,(clear)\n",
    )
    .expect("write");
    let err = db.import(dir.path()).await.expect_err("refused");
    assert_eq!(err.codes(), ["IMP007"]);
    assert!(
        err.to_string()
            .contains("'value' is required, so it cannot be cleared"),
        "{err}"
    );
}
