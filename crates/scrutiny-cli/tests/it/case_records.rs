//! "Why this number" in the browser: a figure computed from case records keeps its records as
//! pseudonyms; the performance officer and the department's manager may list them (each look
//! audited), a board member, a finance officer and the public never; retention and erasure
//! remove them while the figure stays.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;

use crate::harness::{import_table, repo_root};
use crate::web::{App, app};

const PAGE: &str = "/indicators/CFS%20LI02/records/2023/0";
const API: &str = "/api/v1/indicators/CFS%20LI02/records/2023/0";

fn scrutiny(app: &App, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["--db", &app.db.url])
        .args(args)
        .env_remove("SCRUTINY_PSEUDONYM_KEY")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{args:?}: {said}");
    said
}

/// The sample Annex A return's 2023/24 assessments in time stored as CFS LI02's outturn.
async fn computed() -> App {
    let app = app().await;
    import_table(
        &app.db,
        "indicator_measures.csv",
        "indicator,measure\nCFS LI02,assessments_in_time\n",
    )
    .await;
    let annex_a = repo_root().join("data/sample/annex-a");
    let said = scrutiny(
        &app,
        &[
            "cases",
            "apply",
            annex_a.to_str().unwrap(),
            "--period",
            "2023/24",
        ],
    );
    assert!(said.contains("3 record(s) kept"), "{said}");
    app
}

/// The pseudonyms in a page or a listing, in order.
fn pseudonyms(text: &str) -> Vec<String> {
    text.split("P-")
        .skip(1)
        .map(|s| format!("P-{}", &s[..10]))
        .collect()
}

#[tokio::test]
async fn the_records_behind_a_computed_figure_are_listed_for_those_who_may_and_audited() {
    let app = computed().await;
    // The officer's indicator page links to them; the councillor's does not.
    let page = app
        .send(Some("officer"), "GET", "/indicators/CFS%20LI02", None)
        .await;
    assert!(page.body.contains(PAGE), "{}", page.body);
    assert!(page.body.contains("see the 3 record(s) behind it"));
    let page = app
        .send(Some("councillor"), "GET", "/indicators/CFS%20LI02", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/records/"));

    for who in ["officer", "manager"] {
        let page = app.send(Some(who), "GET", PAGE, None).await;
        assert_eq!(page.status, StatusCode::OK, "{who}");
        assert_eq!(pseudonyms(&page.body).len(), 3, "{}", page.body);
        assert!(page.body.contains("in the count") && page.body.contains("in the total only"));
    }
    for who in ["councillor", "finance"] {
        assert_eq!(
            app.send(Some(who), "GET", PAGE, None).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            app.send(Some(who), "GET", API, None).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    let public = app.send(None, "GET", PAGE, None).await;
    assert!(
        public.status == StatusCode::SEE_OTHER || public.status == StatusCode::UNAUTHORIZED,
        "{}",
        public.status
    );
    assert!(pseudonyms(&public.body).is_empty());
    let api = app.send(Some("officer"), "GET", API, None).await;
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), 3, "{}", api.body);

    // Every look is in the audit trail, and a refused look leaves nothing to see.
    let audit = app.db.store.audit_log(20).await.unwrap();
    let looks: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "view case records")
        .collect();
    assert_eq!(looks.len(), 3, "{audit:?}");
    assert!(looks.iter().any(|e| e.actor == "manager"));
    assert!(looks.iter().all(|e| e.entity == "CFS LI02 2023/24 outturn"));

    // `cases why` names the children as the stored records do: the installation's one key.
    let annex_a = repo_root().join("data/sample/annex-a");
    let why = scrutiny(
        &app,
        &[
            "cases",
            "why",
            annex_a.to_str().unwrap(),
            "--measure",
            "assessments_in_time",
            "--period",
            "2023/24",
        ],
    );
    let page = app.send(Some("officer"), "GET", PAGE, None).await;
    assert_eq!(pseudonyms(&why), pseudonyms(&page.body));
}

#[tokio::test]
async fn retention_and_erasure_remove_the_records_and_keep_the_figure() {
    let app = computed().await;
    let records = |app: &App| {
        let store = app.db.store.clone();
        async move {
            store
                .figure_records(
                    "CFS LI02",
                    scrutiny_domain::FinancialYear(2023),
                    None,
                    "test",
                    "2026-12-05T00:00:00Z",
                    "test",
                )
                .await
                .unwrap()
        }
    };
    let before = records(&app).await;
    assert_eq!(before.len(), 3);
    // Child A (the sample's first) has one record behind the figure.
    let said = scrutiny(&app, &["cases", "erase", "--child", "A", "--yes"]);
    assert!(said.contains("Erased 1 record(s)"), "{said}");
    let after = records(&app).await;
    assert_eq!(after.len(), 2);
    assert!(after.iter().all(|l| before.iter().any(|b| b == l)));
    // Without --yes nothing goes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args([
            "--db",
            &app.db.url,
            "cases",
            "erase",
            "--before",
            "2100-01-01",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(records(&app).await.len(), 2);
    let said = scrutiny(&app, &["cases", "erase", "--before", "2100-01-01", "--yes"]);
    assert!(said.contains("Erased 2 case record(s)"), "{said}");
    assert!(records(&app).await.is_empty());
    let held = app.db.store.load().await.unwrap();
    assert!(
        held.values
            .iter()
            .any(|v| v.indicator == "CFS LI02" && v.year.0 == 2023 && v.quarter.is_none())
    );
    let audit = app.db.store.audit_log(10).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "erase case records"));
}

/// The sample Annex A return's lists, as the browser sends them.
fn sample_lists() -> Vec<(&'static str, Vec<u8>)> {
    [
        "List 1.csv",
        "List 3.csv",
        "List 4.csv",
        "List 5.csv",
        "List 7.csv",
    ]
    .into_iter()
    .map(|n| {
        let bytes = std::fs::read(repo_root().join("data/sample/annex-a").join(n)).unwrap();
        (n, bytes)
    })
    .collect()
}

/// Follows a job's page until it stops saying the job is running, as a browser would.
async fn finished(app: &App, who: &str, page: &str) -> String {
    for _ in 0..300 {
        let r = app.send(Some(who), "GET", page, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        if !r.body.contains("data-job-running") {
            return r.body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{page} never finished");
}

#[tokio::test]
async fn a_return_uploaded_in_the_browser_is_read_with_its_progress_and_stored() {
    let mut app = app().await;
    import_table(
        &app.db,
        "indicator_measures.csv",
        "indicator,measure\nCFS LI02,assessments_in_time\n",
    )
    .await;
    // Only the performance officer uploads case returns.
    for who in ["manager", "councillor", "finance"] {
        let r = app.send(Some(who), "GET", "/cases/upload", None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    let form = app
        .send(Some("officer"), "GET", "/cases/upload", None)
        .await;
    assert!(form.body.contains("Upload a case return"));

    // What the form can check at once is said against its field; nothing starts.
    let r = app
        .upload(
            "officer",
            "/cases/upload",
            &[("period", "next year")],
            Vec::new(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is not a year or a quarter"), "{}", r.body);
    assert!(
        r.body.contains("Choose the return&#39;s files")
            || r.body.contains("Choose the return's files")
    );
    // The contact window is the council's choice, within reason.
    let r = app
        .upload(
            "officer",
            "/cases/upload",
            &[("period", "2023/24"), ("window", "a week")],
            sample_lists(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("a whole number from 0 to 90"), "{}", r.body);
    assert!(r.body.contains("value=\"a week\""), "what was typed stays");

    let r = app
        .upload(
            "officer",
            "/cases/upload",
            &[("period", "2023/24"), ("window", "3")],
            sample_lists(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.starts_with("/cases/upload/"));
    // Another person cannot follow someone's upload.
    let theirs = app.send(Some("manager"), "GET", &r.location, None).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let done = finished(&app, "officer", &r.location).await;
    assert!(
        done.contains("Stored 1 figure(s) for 2023/24") && done.contains("33.3 (1 of 3)"),
        "{done}"
    );
    assert!(
        done.contains("List 3.csv"),
        "each file's progress is shown: {done}"
    );
    let held = app.db.store.load().await.unwrap();
    let v = held
        .values
        .iter()
        .find(|v| v.indicator == "CFS LI02" && v.year.0 == 2023 && v.quarter.is_none())
        .unwrap();
    assert_eq!(v.value.to_entry(), "33.3");
    let source = &held.value_sources[0].source;
    assert!(
        source.contains("uploaded") || source.contains("Annex A lists"),
        "{source}"
    );
    let kept = app.db.store.kept_records("CFS LI02").await.unwrap();
    assert_eq!(kept[0].lines, 3);
    // After a restart the upload's page still says what it did; one that never finished says
    // so and what to do.
    let done_at = r.location.clone();
    app.restart();
    let again = app.send(Some("officer"), "GET", &done_at, None).await;
    assert!(
        again.body.contains("Stored 1 figure(s) for 2023/24"),
        "{}",
        again.body
    );
    let theirs = app.send(Some("manager"), "GET", &done_at, None).await;
    assert_ne!(theirs.status, StatusCode::OK);
    app.db
        .store
        .job_started(
            "never-finished",
            "officer",
            "Case return for 2022/23",
            "2026-12-02T12:00:00Z",
        )
        .await
        .unwrap();
    let cut = app
        .send(Some("officer"), "GET", "/cases/upload/never-finished", None)
        .await;
    assert!(cut.body.contains("upload the return again"), "{}", cut.body);

    // A file with a bad date: the job says so, and nothing is stored.
    let mut lists = sample_lists();
    lists[1].1 = b"Child Unique ID,Date of referral\nA,31/02/2023\n".to_vec();
    let before = app.db.store.audit_head().await.unwrap();
    let r = app
        .upload("officer", "/cases/upload", &[("period", "2022/23")], lists)
        .await;
    let failed = finished(&app, "officer", &r.location).await;
    assert!(failed.contains("Nothing was stored"), "{failed}");
    assert!(failed.contains("List 3.csv"), "{failed}");
    assert_eq!(app.db.store.audit_head().await.unwrap(), before);
}
