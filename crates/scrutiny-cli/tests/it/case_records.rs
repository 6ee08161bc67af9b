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
