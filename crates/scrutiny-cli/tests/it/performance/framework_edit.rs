//! The framework edited in the browser: a change saved and audited old → new, a bad field
//! refused with its message and what was typed kept, a stale form refused, a manager refused.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use scrutiny_domain::Dataset;
use scrutiny_domain::table::{Table, TableSet, Value};

use crate::web::{App, app};

const EDIT: &str = "/framework/indicators/edit?code=CFS%20LI01";

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn table(name: &str) -> &'static Table {
    Dataset::TABLES.iter().find(|t| t.name == name).unwrap()
}

/// The form as the edit page fills it (every stored value), with `changes` typed over it.
async fn form(app: &App, version: &str, changes: &[(&str, &str)]) -> String {
    let t = table("indicators");
    let row = app
        .db
        .store
        .framework_row(t, &[Value::text("CFS LI01")])
        .await
        .unwrap()
        .unwrap();
    let mut parts = vec![format!("version={version}")];
    for (c, v) in t.columns.iter().zip(&row.values) {
        let typed = changes
            .iter()
            .find(|(k, _)| *k == c.name)
            .map_or(v.shown(), |(_, v)| v.to_string());
        parts.push(format!("col-{}={}", c.name, enc(&typed)));
    }
    parts.join("&")
}

/// The version the edit page carries in its form.
async fn drawn_version(app: &App) -> String {
    let page = app.send(Some("officer"), "GET", EDIT, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = page.body.find("name=\"version\" value=\"").unwrap() + 22;
    page.body[at..].split('"').next().unwrap().to_string()
}

async fn description(app: &App) -> String {
    let data = app.db.store.load().await.unwrap();
    let ind = data.indicators.iter().find(|i| i.code == "CFS LI01");
    ind.unwrap().description.clone()
}

#[tokio::test]
async fn an_officer_changes_an_indicator_and_the_change_is_audited() {
    let app = app().await;
    let version = drawn_version(&app).await;
    let body = form(
        &app,
        &version,
        &[
            ("description", "Children in Need plans reviewed"),
            ("same_band", "2"),
        ],
    )
    .await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/indicators",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(description(&app).await, "Children in Need plans reviewed");
    let audit = app
        .db
        .store
        .audit_about(&["indicators CFS LI01".to_string()], None, 10)
        .await
        .unwrap();
    let entry = audit
        .iter()
        .find(|e| e.entity == "indicators CFS LI01")
        .unwrap();
    assert_eq!(entry.actor, "officer");
    assert!(
        entry.detail.contains(
            "description: Number of Children in Need plans independently reviewed -> Children in Need plans reviewed"
        ),
        "{}",
        entry.detail
    );
    assert!(
        entry.detail.contains("same_band: 0 -> 2"),
        "{}",
        entry.detail
    );
    // Only what changed is written: the refs, rule and the rest are as they were.
    assert!(!entry.detail.contains("refs"), "{}", entry.detail);
    let list = app.send(Some("officer"), "GET", &r.location, None).await;
    assert!(list.body.contains("CFS LI01 saved"), "{}", list.body);
}

#[tokio::test]
async fn a_bad_field_is_refused_with_the_imports_message_and_what_was_typed_is_kept() {
    let app = app().await;
    let version = drawn_version(&app).await;
    let body = form(
        &app,
        &version,
        &[
            ("description", "A new wording"),
            ("polarity", "sideways"),
            ("rag_rule", "NO-SUCH-RULE"),
        ],
    )
    .await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/indicators",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("There is a problem"), "{}", r.body);
    // Each error links to its field, with the import's own words.
    assert!(r.body.contains("href=\"#col-polarity\""), "{}", r.body);
    assert!(r.body.contains("href=\"#col-rag_rule\""), "{}", r.body);
    assert!(r.body.contains("sideways"), "{}", r.body);
    assert!(r.body.contains("value=\"A new wording\"") || r.body.contains(">A new wording<"));
    assert_eq!(
        description(&app).await,
        "Number of Children in Need plans independently reviewed"
    );
}

#[tokio::test]
async fn a_save_from_a_stale_form_is_refused_and_what_was_typed_is_kept() {
    let app = app().await;
    let version = drawn_version(&app).await;
    let first = form(&app, &version, &[("description", "First wording")]).await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/indicators",
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A second page drawn before that save still carries the old version.
    let second = form(&app, &version, &[("description", "Second wording")]).await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/indicators",
            Some(&second),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("was changed by officer"), "{}", r.body);
    assert!(r.body.contains("Second wording"), "the typed text was lost");
    assert_eq!(description(&app).await, "First wording");
}

#[tokio::test]
async fn an_officer_adds_a_quarters_profiled_target() {
    let app = app().await;
    let page = app
        .send(
            Some("officer"),
            "GET",
            "/framework/targets/new?indicator=CFS%20LI01",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = "version=new&col-indicator=CFS%20LI01&col-year=2013%2F14&col-quarter=Q2&col-target=40&col-original_target=";
    let r = app
        .send(Some("officer"), "POST", "/framework/targets", Some(body))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = app.send(Some("officer"), "GET", &r.location, None).await;
    assert!(
        list.body.contains("CFS LI01 2013/14 Q2 saved"),
        "{}",
        list.body
    );
    assert!(
        !list.body.contains(">NI148<"),
        "the list is the indicator's targets only"
    );
    let data = app.db.store.load().await.unwrap();
    assert!(data.targets.iter().any(|t| t.indicator == "CFS LI01"
        && t.year.0 == 2013
        && t.quarter.map(|q| q.number()) == Some(2)
        && t.target.to_entry() == "40"));
    let audit = app
        .db
        .store
        .audit_about(&["targets CFS LI01 /".to_string()], None, 10)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.detail.contains("target: (none) -> 40")),
        "{audit:?}"
    );
    // Adding it again from the same blank form is refused: it exists now.
    let r = app
        .send(Some("officer"), "POST", "/framework/targets", Some(body))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

#[tokio::test]
async fn a_manager_may_not_edit_the_framework() {
    let app = app().await;
    for path in ["/framework", "/framework/indicators", EDIT] {
        let r = app.send(Some("manager"), "GET", path, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let version = drawn_version(&app).await;
    let body = form(&app, &version, &[("description", "Managers' wording")]).await;
    let r = app
        .send(
            Some("manager"),
            "POST",
            "/framework/indicators",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        description(&app).await,
        "Number of Children in Need plans independently reviewed"
    );
}

#[tokio::test]
async fn the_api_reads_and_changes_a_record_with_the_same_checks() {
    let app = app().await;
    let api = "/api/v1/framework/indicators?code=CFS%20LI01";
    let r = app.send(Some("manager"), "GET", api, None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.send(Some("officer"), "GET", api, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let got: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(got["record"]["unit"], "count");
    let version = got["version"].as_str().unwrap().to_string();
    // Only the columns sent change; the rest keep their values.
    let put = format!(
        r#"{{"version":"{version}","record":{{"code":"CFS LI01","description":"Reviewed by the API"}}}}"#
    );
    let r = app
        .send(
            Some("officer"),
            "PUT",
            "/api/v1/framework/indicators",
            Some(&put),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(description(&app).await, "Reviewed by the API");
    let data = app.db.store.load().await.unwrap();
    let ind = data
        .indicators
        .iter()
        .find(|i| i.code == "CFS LI01")
        .unwrap();
    assert_eq!(ind.rag_rule, "ANNUAL");
    // The same version again is stale.
    let r = app
        .send(
            Some("officer"),
            "PUT",
            "/api/v1/framework/indicators",
            Some(&put),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // A bad cell is refused with the import's words.
    let r = app.send(Some("officer"), "GET", api, None).await;
    let got: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let bad = format!(
        r#"{{"version":"{}","record":{{"code":"CFS LI01","unit":"furlongs"}}}}"#,
        got["version"].as_str().unwrap()
    );
    let r = app
        .send(
            Some("officer"),
            "PUT",
            "/api/v1/framework/indicators",
            Some(&bad),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("furlongs"), "{}", r.body);
}

#[tokio::test]
async fn an_officer_removes_a_target_and_the_audit_keeps_it() {
    let app = app().await;
    let edit = "/framework/targets/edit?indicator=CFS%20LI01&year=2013%2F14&quarter=";
    let page = app.send(Some("officer"), "GET", edit, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Remove targets CFS LI01 2013/14"),
        "{}",
        page.body
    );
    let at = page.body.find("name=\"version\" value=\"").unwrap() + 22;
    let version = page.body[at..].split('"').next().unwrap().to_string();
    let body =
        format!("version={version}&col-indicator=CFS%20LI01&col-year=2013%2F14&col-quarter=");
    let r = app
        .send(
            Some("manager"),
            "POST",
            "/framework/targets/remove",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/targets/remove",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let data = app.db.store.load().await.unwrap();
    assert!(
        !data
            .targets
            .iter()
            .any(|t| t.indicator == "CFS LI01" && t.year.0 == 2013 && t.quarter.is_none())
    );
    let audit = app
        .db
        .store
        .audit_about(&["targets CFS LI01 /".to_string()], None, 10)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "remove" && e.detail.contains("-> (removed)")),
        "{audit:?}"
    );
    // The same page again: the record is gone, nothing more is removed.
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/targets/remove",
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Indicators are referred to by figures and targets: not removed here.
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/indicators/remove",
            Some("version=x&col-code=CFS%20LI01"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test]
async fn an_officer_retitles_and_leaves_out_a_section_of_a_boards_report() {
    let app = app().await;
    let page = app
        .send(
            Some("officer"),
            "GET",
            "/framework/report_layouts/new",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // A part the report does not have is refused, with the parts it has.
    let bad = "version=new&col-board=CYPF&col-report=pbr&col-part=service_review&col-heading=&col-hide=yes";
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/framework/report_layouts",
            Some(bad),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("key_developments"), "{}", r.body);
    for body in [
        "version=new&col-board=CYPF&col-report=qmr&col-part=risks&col-heading=&col-hide=yes",
        "version=new&col-board=CYPF&col-report=qmr&col-part=title&col-heading=Quarterly%20Performance%20Report&col-hide=",
    ] {
        let r = app
            .send(
                Some("officer"),
                "POST",
                "/framework/report_layouts",
                Some(body),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let data = app.db.store.load().await.unwrap();
    let q1 = scrutiny_domain::Period::parse("2012/13 Q1").unwrap();
    let doc =
        scrutiny_report::performance::qmr::quarterly_monitoring_report(&data, "CFS", q1, "today")
            .unwrap();
    assert_eq!(doc.title, "Quarterly Performance Report");
    let text = serde_json::to_string(&doc.blocks).unwrap();
    assert!(!text.contains("Risk Control Measures"), "risks left out");
    // The sections after it are numbered on: Equality is 7.0 where Risks was.
    assert!(
        text.contains(r#""number":"7.0","text":"Progress against High Priority Equality Actions""#),
        "{text}"
    );
}
