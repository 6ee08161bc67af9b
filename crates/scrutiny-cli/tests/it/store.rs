//! Storage: everything imported reads back the same, on either backend; changes are audited.

use crate::harness::TestDb;

#[tokio::test]
async fn a_dataset_round_trips_through_storage() {
    let (db, loaded) = TestDb::with_samples().await;
    // Read the same files again without storage in between, and compare with what was stored.
    let mut direct = scrutiny_domain::Dataset::default();
    let mut known = scrutiny_domain::performance::model::Known::default();
    for set in crate::harness::SAMPLE_SETS {
        let d = scrutiny_import::read_set(&crate::harness::sample(set), &known).expect("read");
        // Later sets refer to earlier ones, as they would to stored keys.
        known = db.store.known().await.expect("known");
        direct.boards.extend(d.boards);
        direct.indicators.extend(d.indicators);
        direct.values.extend(d.values);
        direct.budget_lines.extend(d.budget_lines);
    }
    let sort = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let codes =
        |d: &scrutiny_domain::Dataset| sort(d.indicators.iter().map(|i| i.code.clone()).collect());
    assert_eq!(codes(&loaded), codes(&direct));
    let figures = |d: &scrutiny_domain::Dataset| {
        sort(
            d.values
                .iter()
                .map(|v| {
                    format!(
                        "{} {} {:?} {}",
                        v.indicator,
                        v.year,
                        v.quarter,
                        v.value.to_entry()
                    )
                })
                .collect(),
        )
    };
    assert_eq!(figures(&loaded), figures(&direct));
    let money = |d: &scrutiny_domain::Dataset| {
        sort(
            d.budget_lines
                .iter()
                .map(|b| {
                    format!(
                        "{} {:?} {:?}",
                        b.line.name, b.line.annual_budget, b.line.expenditure_to_date
                    )
                })
                .collect(),
        )
    };
    assert_eq!(money(&loaded), money(&direct));
}

#[tokio::test]
async fn every_import_is_in_the_audit_trail() {
    let (db, _) = TestDb::with_samples().await;
    let log = db.store.audit_log(10).await.expect("audit");
    assert_eq!(log.len(), crate::harness::SAMPLE_SETS.len());
    assert!(
        log.iter()
            .all(|e| e.action == "import" && e.actor == "test")
    );
    assert!(
        log[0].entity.ends_with("business-plan-2013-16"),
        "{:?}",
        log[0]
    );
    assert!(
        log[0].detail.contains("objective_plans: 4"),
        "{}",
        log[0].detail
    );
}

#[tokio::test]
async fn migrations_are_idempotent_on_reopen() {
    let db = TestDb::new().await;
    let again = scrutiny_store::Store::open(&db.url).await.expect("reopen");
    assert!(again.load().await.expect("load").is_empty());
}

/// An import that changes a stored figure records the old and the new value: nothing is
/// overwritten silently.
#[tokio::test]
async fn a_changed_figure_is_audited_old_to_new() {
    let (db, _) = TestDb::with_samples().await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("values.csv"),
        "indicator,year,quarter,value\nNI148,2012/13,Q1,64%\n",
    )
    .expect("write");
    db.import(dir.path()).await.expect("import");
    let log = db.store.audit_log(2).await.expect("audit");
    let update = log
        .iter()
        .find(|e| e.action == "update")
        .expect("an update entry");
    assert_eq!(update.entity, "indicator_values NI148 / 2012 / 1");
    assert!(
        update.detail.contains("value: 63 -> 64"),
        "{}",
        update.detail
    );
    // The file has no override column: the stored override is kept, not wiped.
    assert!(!update.detail.contains("rag_override"), "{}", update.detail);
}

#[tokio::test]
async fn a_user_for_an_unknown_department_is_refused_naming_the_choices() {
    let (db, _) = TestDb::with_samples().await;
    let user = scrutiny_store::User {
        username: "someone".into(),
        name: "Some One".into(),
        role: "manager".into(),
        department: Some("NOPE".into()),
        password_hash: "x".into(),
        disabled_at: None,
    };
    let err = db
        .store
        .put_user(&user, "test", "2026-12-02T00:00:00Z")
        .await
        .expect_err("unknown department");
    let text = err.to_string();
    assert!(text.contains("there is no department 'NOPE'"), "{text}");
    assert!(text.contains("CFS, COPS, LAS"), "{text}");
}
