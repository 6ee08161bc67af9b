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
    assert!(log[0].entity.ends_with("meetings-2018"), "{:?}", log[0]);
    assert!(log[1].entity.ends_with("meetings-2012"), "{:?}", log[1]);
    assert!(
        log[2].entity.ends_with("business-plan-2013-16")
            && log[2].detail.contains("objective_plans: 4"),
        "{:?}",
        log[2]
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

#[allow(clippy::unwrap_used)]
/// Approving a return again applies what was taken out of it too: a key development removed
/// after the first approval leaves the approved data, audited.
#[tokio::test]
async fn approving_a_return_again_removes_what_was_taken_out_of_it() {
    use scrutiny_domain::performance::model::{Commentary, Section};
    use scrutiny_domain::performance::returns::ReturnAction;
    use scrutiny_store::ReturnChange;
    let app = crate::web::app().await;
    let store = &app.db.store;
    let period = scrutiny_domain::Period::parse("2012/13 Q2").unwrap();
    let development = |position: i64, title: &str| Commentary {
        period,
        board: None,
        department: Some("CFS".into()),
        section: Section::KeyDevelopment,
        priority: None,
        theme: None,
        title: Some(title.into()),
        text: format!("{title}: what happened."),
        initials: None,
        position,
    };
    let held = |data: &scrutiny_domain::Dataset| {
        data.commentary
            .iter()
            .filter(|c| c.period == period && c.section == Section::KeyDevelopment)
            .filter(|c| c.department.as_deref() == Some("CFS"))
            .count()
    };
    let before = held(&store.load().await.unwrap());
    let mut version = 0;
    let mut step = |action, draft: Option<scrutiny_domain::Dataset>, note: Option<&'static str>| {
        let v = version;
        version += 1;
        async move {
            store
                .change_return(ReturnChange {
                    department: "CFS",
                    period,
                    action,
                    draft: draft.as_ref(),
                    based_on: v,
                    note,
                    actor: "test",
                    now: "2026-12-02T12:00:00Z",
                })
                .await
                .unwrap();
        }
    };
    let both = scrutiny_domain::Dataset {
        commentary: vec![development(1, "Ofsted visit"), development(2, "New team")],
        ..Default::default()
    };
    step(ReturnAction::Submit, Some(both), None).await;
    step(ReturnAction::Approve, None, None).await;
    assert_eq!(held(&store.load().await.unwrap()), before + 2);
    step(ReturnAction::SendBack, None, Some("Take out the new team")).await;
    let one = scrutiny_domain::Dataset {
        commentary: vec![development(1, "Ofsted visit")],
        ..Default::default()
    };
    step(ReturnAction::Submit, Some(one), None).await;
    step(ReturnAction::Approve, None, None).await;
    assert_eq!(held(&store.load().await.unwrap()), before + 1);
    let audit = store.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.detail.starts_with("removed since the last approval")),
        "{audit:?}"
    );
}
