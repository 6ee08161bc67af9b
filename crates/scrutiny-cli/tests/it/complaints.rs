//! Complaints: import checks, the annual report's figures, and that personal data reaches only
//! the complaints role (never a board member, by page, export or report) with every look audited.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaint_figures::Rules;
use scrutiny_domain::period::FinancialYear;
use scrutiny_store::User;

use crate::web::{App, app};

const LISTS: &str = "list,code,label,position
kind,statutory,Statutory complaint,1
kind,corporate,Corporate complaint,2
kind,mp_enquiry,MP enquiry,3
kind,representation,Representation,4
kind,customer_care,Customer care,5
channel,email,E-mail,1
channel,telephone,Telephone,2
channel,letter,Letter,3
profile,parent_guardian,Parent/Guardian,1
profile,care_leaver,Care leaver,2
category,service,Service,1
category,staff,Staff,2
division,CINCP,Children in Need and Child Protection,1
division,CIC,Children in Care,2
outcome,upheld,Upheld,1
outcome,partially_upheld,Partially upheld,2
outcome,not_upheld,Not upheld,3
compliment_source,service_user,Service user,1
";

/// Six statutory complaints in 2017/18 (one still open), one the year before, a compliment.
const CASES: &str = "reference,kind,received,channel,profile,division,category_receipt,stage1_responded,stage1_outcome,closed,complainant_name,child_name
C1,statutory,2017-06-05,email,parent_guardian,CINCP,service,2017-06-19,upheld,2017-06-19,Test Parent One,Test Child One
C2,statutory,2017-07-03,email,parent_guardian,CINCP,service,2017-07-31,not_upheld,2017-07-31,Test Parent Two,
C3,statutory,2017-09-04,telephone,parent_guardian,CIC,staff,2017-09-18,partially_upheld,2017-09-18,Test Parent Three,
C4,statutory,2017-10-02,email,care_leaver,CIC,service,2017-11-20,not_upheld,2017-11-20,,
C5,statutory,2017-11-06,letter,parent_guardian,CINCP,service,2017-11-17,upheld,2017-11-17,Test Parent Five,
C6,statutory,2018-03-26,email,parent_guardian,CINCP,service,,,,Test Parent Six,Test Child Six
P1,statutory,2016-05-02,telephone,parent_guardian,CINCP,staff,2016-05-10,upheld,2016-05-10,,
M1,mp_enquiry,2017-05-02,letter,,,,,,,,
";

const COMPLIMENTS: &str = "reference,received,source,division,text
K1,2017-08-01,service_user,CIC,Thanks to Jane Smith for everything.
";

async fn with_complaints(app: &App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    std::fs::write(dir.path().join("cases.csv"), CASES).unwrap();
    std::fs::write(dir.path().join("compliments.csv"), COMPLIMENTS).unwrap();
    let data =
        scrutiny_import::complaints::read_complaints(dir.path(), &Default::default()).unwrap();
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "test set")
        .await
        .unwrap();
    let user = User {
        username: "complaints".into(),
        name: "Test Complaints".into(),
        role: "complaints".into(),
        department: None,
        password_hash: scrutiny_web::auth::hash_password(crate::web::PASSWORD).unwrap(),
        failed_logins: 0,
        locked_until: None,
    };
    app.db
        .store
        .put_user(&user, "test", "2026-12-02T00:00:00Z")
        .await
        .unwrap();
    app.db
        .store
        .create_session(
            "complaints",
            &scrutiny_web::auth::token_hash("token-complaints"),
            "csrf-complaints",
            "2026-12-02T00:00:00Z",
            "2099-01-01T00:00:00Z",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bad_complaints_file_is_refused_whole_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    std::fs::write(
        dir.path().join("cases.csv"),
        "reference,kind,received,channel,withdrawn\nX1,statutory,2017-13-01,fax,\nX2,statutory,2017-06-01,email,2017-06-02\n",
    )
    .unwrap();
    let err = scrutiny_import::complaints::read_complaints(dir.path(), &Default::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Nothing was imported: 3 problems"), "{err}");
    assert!(err.contains("'fax' is not in the channel list"), "{err}");
    assert!(err.contains("2017-13-01"), "{err}");
    assert!(err.contains("withdrawn case needs the reason"), "{err}");
}

#[tokio::test]
async fn the_annual_report_counts_from_the_records() {
    let app = app().await;
    with_complaints(&app).await;
    let data = app.db.store.load_complaints().await.unwrap();
    let open = Rules {
        suppress_below: 0,
        ..Rules::default()
    };
    let cal = BankHolidays::england_and_wales().unwrap();
    let doc = scrutiny_report::complaints::annual_report(
        &data,
        FinancialYear(2017),
        &open,
        &cal,
        "2 December 2026",
    );
    let json = serde_json::to_string(&doc).unwrap();
    assert!(
        json.contains(
            "6 statutory complaints were made to the Council in 2017/18, a 500% increase"
        ),
        "{json}"
    );
    // Timeliness over the five responded: C1 10 days, C2 20, C3 10, C4 35, C5 9 → 60% within
    // 10, 80% within 20 (cumulative), 20% over 20.
    assert!(
        json.contains(r#"["2017/18","5","60%","80%","20%"]"#),
        "{json}"
    );
    // Published: small counts suppressed, no names anywhere, compliments by initials.
    let published = scrutiny_report::complaints::annual_report(
        &data,
        FinancialYear(2017),
        &Rules::default(),
        &cal,
        "2 December 2026",
    );
    let json = serde_json::to_string(&published).unwrap();
    assert!(json.contains("fewer than 5"));
    assert!(!json.contains("Test Parent") && !json.contains("Test Child"));
    assert!(json.contains("Thanks to J.S. for everything."), "{json}");
}

#[tokio::test]
async fn a_board_member_cannot_reach_personal_data_by_any_route() {
    let app = app().await;
    with_complaints(&app).await;
    for who in ["councillor", "officer", "manager", "finance"] {
        for (method, path, body) in [
            ("GET", "/complaints", None),
            ("GET", "/complaints/cases/C1", None),
            ("POST", "/complaints/cases/C1", Some("action=show_personal")),
            ("GET", "/complaints/cases/C1/export", None),
            ("GET", "/complaints/report/2017/html?internal=1", None),
            ("GET", "/api/v1/complaints/cases", None),
        ] {
            let r = app.send(Some(who), method, path, body).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {method} {path}");
            assert!(!r.body.contains("Test Parent"));
        }
        // The published report is theirs to read, without a name in it.
        let r = app
            .send(Some(who), "GET", "/complaints/report/2017/html", None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert!(!r.body.contains("Test Parent") && !r.body.contains("Test Child"));
        for path in [
            "/",
            "/reports",
            "/api/v1/indicators",
            "/audit",
            "/api/v1/complaints/report/2017",
        ] {
            let r = app.send(Some(who), "GET", path, None).await;
            assert!(!r.body.contains("Test Parent"), "{who} {path}");
        }
    }
    // The complaints manager sees names only on asking, and the asking is audited.
    let page = app
        .send(Some("complaints"), "GET", "/complaints/cases/C1", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Test Parent One"));
    let shown = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/cases/C1",
            Some("action=show_personal"),
        )
        .await;
    assert!(shown.body.contains("Test Parent One"), "{}", shown.body);
    let export = app
        .send(
            Some("complaints"),
            "GET",
            "/complaints/cases/C1/export",
            None,
        )
        .await;
    assert!(export.body.contains("Test Child One"));
    let views: Vec<_> = app
        .db
        .store
        .audit_log(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "view personal data" && e.entity == "case C1")
        .collect();
    assert_eq!(views.len(), 2);
    assert!(views.iter().all(|e| e.actor == "complaints"));
    let api = app
        .send(Some("complaints"), "GET", "/api/v1/complaints/cases", None)
        .await;
    assert!(api.body.contains("\"due\":\"2018-04-11\""), "{}", api.body);
    assert!(!api.body.contains("Test Parent"));
    // The worklist shows the open case with its working-day deadline.
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(
        list.body.contains("C6") && list.body.contains("2018-04-11"),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn personal_data_is_erased_after_retention_and_the_figures_stay() {
    let app = app().await;
    with_complaints(&app).await;
    let n = app
        .db
        .store
        .anonymise_cases_before(
            chrono::NaiveDate::from_ymd_opt(2017, 10, 1).unwrap(),
            "test",
            "2026-12-02T00:00:00Z",
        )
        .await
        .unwrap();
    assert_eq!(
        n, 5,
        "C1, C2, C3, P1 and M1 closed or received before 1 October 2017"
    );
    let p = app
        .db
        .store
        .case_personal("C1", "test", "2026-12-02T00:00:00Z", "check")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.complainant_name, None);
    let p = app
        .db
        .store
        .case_personal("C5", "test", "2026-12-02T00:00:00Z", "check")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.complainant_name.as_deref(), Some("Test Parent Five"));
    assert_eq!(app.db.store.load_complaints().await.unwrap().cases.len(), 8);
}

#[tokio::test]
async fn a_case_is_recorded_in_the_browser_with_the_importers_checks() {
    let app = app().await;
    with_complaints(&app).await;
    let bad = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/new",
            Some("reference=N1&kind=statutory&received=31/02/2018&channel=fax"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("href=\"#received\"") && bad.body.contains("href=\"#channel\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"N1\""), "what was typed is kept");
    let taken = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/new",
            Some("reference=C1&kind=statutory&received=2018-03-01"),
        )
        .await;
    assert!(taken.body.contains("already a case"), "{}", taken.body);
    let ok = app
        .send(Some("complaints"), "POST", "/complaints/new", Some("reference=N1&kind=statutory&received=2018-03-27&channel=email&complainant_name=Test+Parent+New"))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(list.body.contains(">N1<"));
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/cases/N1",
            Some("action=respond_stage1&responded=2018-03-29&outcome=upheld"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .send(
            Some("councillor"),
            "POST",
            "/complaints/new",
            Some("reference=N2&kind=statutory&received=2018-03-27"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[test]
fn every_complaints_column_is_documented() {
    let doc =
        std::fs::read_to_string(crate::harness::repo_root().join("docs/import-format.md")).unwrap();
    for t in scrutiny_import::complaints::COMPLAINT_TABLES {
        assert!(
            doc.contains(&format!("### {}", t.name)),
            "{} is not in docs/import-format.md",
            t.name
        );
        for c in t.columns {
            assert!(
                doc.contains(&format!("| {} |", c.name)),
                "{}.{} is not documented",
                t.name,
                c.name
            );
        }
    }
}

#[tokio::test]
async fn later_steps_are_checked_recorded_and_audited() {
    let app = app().await;
    with_complaints(&app).await;
    let step = |reference: &'static str, body: &'static str| {
        let app = &app;
        async move {
            app.send(
                Some("complaints"),
                "POST",
                &format!("/complaints/cases/{reference}"),
                Some(body),
            )
            .await
        }
    };
    // C6 has no Stage 1 response yet: it cannot go to Stage 2 or be closed.
    let r = step("C6", "action=step&step=request_stage2&on=2018-03-28").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("only after the Stage 1 response"),
        "{}",
        r.body
    );
    let r = step("C6", "action=step&step=close&on=2018-03-28").await;
    assert!(r.body.contains("before closing"));
    // C1 was answered: Stage 2 is asked for, then declined, with a reason.
    let r = step("C1", "action=step&step=request_stage2&on=2017-07-03").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = step(
        "C1",
        "action=step&step=decline_stage2&on=2017-07-10&reason=",
    )
    .await;
    assert!(r.body.contains("Give the reason"), "{}", r.body);
    let r = step(
        "C1",
        "action=step&step=decline_stage2&on=2017-07-10&reason=No+new+evidence",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // C6 is withdrawn with a reason and leaves the worklist.
    let r = step(
        "C6",
        "action=step&step=withdraw&on=2018-03-28&reason=Resolved+informally",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(!list.body.contains(">C6<"));
    let data = app.db.store.load_complaints().await.unwrap();
    let c1 = data.cases.iter().find(|c| c.reference == "C1").unwrap();
    assert_eq!(
        c1.stage2_declined_reason.as_deref(),
        Some("No new evidence")
    );
    let trail = app.db.store.audit_log(20).await.unwrap();
    assert!(
        trail.iter().any(|e| e.action == "withdraw case"
            && e.entity == "case C6"
            && e.actor == "complaints")
    );
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/complaints/cases/C1",
            Some("action=step&step=close&on=2018-01-01"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
