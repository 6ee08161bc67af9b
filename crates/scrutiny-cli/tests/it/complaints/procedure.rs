//! Complaints: import checks, the annual report's figures, and that personal data reaches only
//! the complaints role (never a board member, by page, export or report) with every look audited.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::period::FinancialYear;

use crate::web::{App, app, app_at};

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

pub(crate) async fn with_complaints(app: &App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    std::fs::write(dir.path().join("cases.csv"), CASES).unwrap();
    std::fs::write(dir.path().join("compliments.csv"), COMPLIMENTS).unwrap();
    let data = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &Default::default(),
        crate::harness::import_day(),
    )
    .unwrap();
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "test set")
        .await
        .unwrap();
    app.add_user("complaints", "complaints").await;
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
    let err = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &Default::default(),
        crate::harness::import_day(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Nothing was imported: 3 problems"), "{err}");
    assert!(err.contains("'fax' is not in the channel list"), "{err}");
    assert!(err.contains("2017-13-01"), "{err}");
    assert!(err.contains("withdrawn case needs the reason"), "{err}");
}

/// Impossible histories are refused with the row and column to fix, and a CRLF file (what Excel
/// writes on Windows) is numbered by its real rows.
#[tokio::test]
async fn an_impossible_history_is_refused_at_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    std::fs::write(
        dir.path().join("cases.csv"),
        "reference,kind,received,closed,stage1_responded,stage2_requested,stage2_declined_reason,stage2_started
         X1,statutory,2017-06-01,2017-05-01,,,,
         X2,statutory,2099-06-01,,,,,
         X3,statutory,2017-06-01,,2017-06-05,2017-06-06,Out of time,2017-06-07
",
    )
    .unwrap();
    let err = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &Default::default(),
        crate::harness::import_day(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("row 2, column 'closed': closed (2017-05-01) is before received (2017-06-01)"),
        "{err}"
    );
    assert!(
        err.contains("IMP018 cases.csv, row 3, column 'received'"),
        "{err}"
    );
    assert!(err.contains("row 4, column 'stage2_started'"), "{err}");
}

/// The API takes only the council's own outcomes and no step dated after today.
#[tokio::test]
async fn a_step_with_an_unknown_outcome_or_a_future_date_is_refused() {
    let app = app().await;
    with_complaints(&app).await;
    for (body, says) in [
        (
            r#"{"on": "2018-03-29", "event": "respond_stage1", "outcome": "sort_of"}"#,
            "'sort_of' is not one of the council's outcomes",
        ),
        (
            r#"{"on": "9999-12-31", "event": "respond_stage1", "outcome": "upheld"}"#,
            "is after today",
        ),
    ] {
        let r = app
            .send(
                Some("complaints"),
                "POST",
                "/api/v1/complaints/cases/C6/steps",
                Some(body),
            )
            .await;
        assert!(r.status.is_client_error(), "{}: {}", r.status, r.body);
        assert!(r.body.contains(says), "{}", r.body);
    }
}

/// A reference is part of the case page's address: one that would break it is refused.
#[tokio::test]
async fn a_reference_that_would_break_the_cases_address_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lists.csv"), LISTS).unwrap();
    std::fs::write(
        dir.path().join("cases.csv"),
        "reference,kind,received\nA/1,statutory,2017-06-01\n\"B\n2\",statutory,2017-06-01\nC-3,statutory,2017-06-01\n",
    )
    .unwrap();
    let err = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &Default::default(),
        crate::harness::import_day(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Nothing was imported: 2 problems"), "{err}");
    assert!(err.contains("\"A/1\" has '/' in it"), "{err}");
    assert!(err.contains("has '\\n' in it"), "{err}");
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
    let doc = scrutiny_report::complaints::annual_report::annual_report(
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
    let published = scrutiny_report::complaints::annual_report::annual_report(
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

/// The complaints manager's copy with every count shown says it is not for publication, on the
/// web as on the command line; the published copy does not.
#[tokio::test]
async fn the_unsuppressed_copy_is_marked_not_for_publication_on_the_web() {
    let app = app().await;
    with_complaints(&app).await;
    let r = app
        .send(
            Some("complaints"),
            "GET",
            "/complaints/report/2017/html?internal=1",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("(not for publication: small counts shown)"),
        "{}",
        r.body
    );
    let r = app
        .send(
            Some("complaints"),
            "GET",
            "/complaints/report/2017/html",
            None,
        )
        .await;
    assert!(!r.body.contains("not for publication"));
}

/// A council that also reports its corporate complaints sees that report offered beside the
/// statutory one, and gets it from the web as from the command line; a route it does not hold
/// is refused in words.
#[tokio::test]
async fn a_route_reported_separately_is_offered_and_produced_on_the_web() {
    let app = app().await;
    with_complaints(&app).await;
    let mut data = app.db.store.load_complaints().await.unwrap();
    data.settings = vec![scrutiny_domain::complaints::settings::Setting {
        key: "routes".into(),
        value: "statutory, corporate".into(),
    }];
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "routes")
        .await
        .unwrap();
    let page = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(
        page.body
            .contains("/complaints/report/2017/pdf?route=corporate"),
        "{}",
        page.body
    );
    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/complaints/report/2017/html?route=corporate",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("Corporate complaint, 1 April 2017 to 31 March 2018")
    );
    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/complaints/report/2017/html?route=nonsense",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.body
            .contains("&#39;nonsense&#39; is not a kind of case held")
            || r.body.contains("'nonsense' is not a kind of case held"),
        "{}",
        r.body
    );
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
            ("GET", "/complaints/compliments", None),
            ("GET", "/complaints/settings", None),
            ("GET", "/complaints/upload", None),
            ("GET", "/complaints/new", None),
            (
                "POST",
                "/complaints/cases/C6",
                Some("action=step&step=withdraw&on=2018-03-28&reason=x"),
            ),
            (
                "POST",
                "/complaints/cases/C6",
                Some("action=issue&summary=x"),
            ),
            (
                "POST",
                "/api/v1/complaints/cases/C6/steps",
                Some(r#"{"on": "2018-03-28", "event": "refer_to_ombudsman"}"#),
            ),
        ] {
            let r = app.send(Some(who), method, path, body).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {method} {path}");
            assert!(!r.body.contains("Test Parent"));
            // Each refusal is in the audit trail: who, and what they asked for.
            let last = app.db.store.audit_log(1).await.unwrap();
            assert_eq!(
                (
                    last[0].actor.as_str(),
                    last[0].action.as_str(),
                    last[0].detail.as_str()
                ),
                (
                    who,
                    "refused",
                    format!("{method} {path}").split('?').next().unwrap()
                ),
                "{who} {method} {path}"
            );
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

/// The worklist on a day the test chooses: C6, received Monday 26 March 2018, is due on
/// 11 April (Good Friday and Easter Monday fall in its ten working days).
async fn worklist_on(now: &str) -> String {
    let body = worklist_page(now).await;
    let row = body
        .split("<tr class=\"govuk-table__row\">")
        .find(|r| r.contains(">C6</a>"))
        .unwrap_or_else(|| panic!("no row for C6: {body}"));
    row.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole worklist page as the complaints manager sees it at `now`.
async fn worklist_page(now: &str) -> String {
    let app = app_at(now).await;
    with_complaints(&app).await;
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    list.body
}

#[tokio::test]
async fn the_worklist_counts_working_days_from_the_day_it_is_given() {
    let at_risk = worklist_on("2018-04-09T09:00:00Z").await;
    assert!(at_risk.contains("2018-04-11"), "{at_risk}");
    assert!(
        at_risk.contains(">2</td>") && at_risk.contains("At risk"),
        "{at_risk}"
    );
    let on_time = worklist_on("2018-04-03T09:00:00Z").await;
    assert!(
        on_time.contains(">6</td>") && on_time.contains("On time"),
        "{on_time}"
    );
    let overdue = worklist_on("2018-04-12T09:00:00Z").await;
    assert!(
        overdue.contains(">-1</td>") && overdue.contains("Overdue"),
        "{overdue}"
    );
}

#[tokio::test]
async fn beyond_the_holiday_table_the_worklist_says_so_instead_of_a_number() {
    let page = worklist_page("2031-01-06T09:00:00Z").await;
    for said in [
        "Beyond the holiday calendar",
        "update the bank holidays",
        "2031-01-06 is outside it",
        // The due date itself is inside the table, so it is still shown.
        "2018-04-11",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    assert!(!page.contains("4611686018427387904"), "{page}");
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
    // An empty form is a form to fill in, not a server error.
    let empty = app
        .send(Some("complaints"), "POST", "/complaints/new", Some(""))
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(
        empty
            .body
            .contains("Enter the case&#39;s reference, what kind of case it is"),
        "{}",
        empty.body
    );
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
            Some("action=step&step=respond_stage1&on=2018-03-29&outcome=upheld"),
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
    assert!(r.body.contains("cannot close the case now"), "{}", r.body);
    // C1 was answered: Stage 2 is asked for, then declined, with a reason.
    let r = step("C1", "action=step&step=request_stage2&on=2017-07-03").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = step(
        "C1",
        "action=step&step=decline_stage2&on=2017-07-10&reason=",
    )
    .await;
    assert!(
        r.body.contains("Enter why Stage 2 is declined"),
        "{}",
        r.body
    );
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
    assert!(trail.iter().any(|e| e.action == "record a withdrawal"
        && e.entity == "case C6"
        && e.actor == "complaints"));
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

/// The whole procedure from the case page: each stage's required records are asked for before the
/// stage moves on, refusals say what to do and keep what was typed, and every step is audited.
#[tokio::test]
async fn the_whole_procedure_from_the_case_page() {
    let app = app().await;
    with_complaints(&app).await;
    let post = |body: String| {
        let app = &app;
        async move {
            app.send(
                Some("complaints"),
                "POST",
                "/complaints/cases/C6",
                Some(&body),
            )
            .await
        }
    };
    let ok = |r: &crate::web::Reply| assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let step = |s: &str| format!("action=step&step={s}");
    let page = app
        .send(Some("complaints"), "GET", "/complaints/cases/C6", None)
        .await;
    assert!(
        page.body.contains("Extend Stage 1") && !page.body.contains("Record a request for Stage 2")
    );
    let r = post(step("extend_stage1&on=2018-03-27&reason=")).await;
    assert!(
        r.body.contains("href=\"#extend_stage1-reason\""),
        "{}",
        r.body
    );
    ok(&post(step("extend_stage1&on=2018-03-27&reason=Complex%3B+agreed")).await);
    let r = post(step("respond_stage1&on=2018-03-01&outcome=upheld")).await;
    assert!(r.body.contains("steps are recorded in order"), "{}", r.body);
    ok(&post(step(
        "respond_stage1&on=2018-04-20&outcome=partially_upheld",
    ))
    .await);
    ok(&post(step("request_stage2&on=2018-04-23")).await);
    let r = post(step(
        "start_stage2&on=2018-04-24&investigator=I+Officer&independent_person=",
    ))
    .await;
    assert!(
        r.body.contains("Enter the independent person"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"I Officer\""),
        "what was typed is kept"
    );
    ok(&post(step(
        "start_stage2&on=2018-04-24&investigator=I+Officer&independent_person=J+Person",
    ))
    .await);
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(list.body.contains("Stage 2 investigation"), "{}", list.body);
    let r = post(step("adjudicate_stage2&on=2018-05-20&adjudicator=OD")).await;
    assert!(
        r.body
            .contains("record the elements of the complaint first"),
        "{}",
        r.body
    );
    // Two issues, each with its own category; the adjudication waits for both findings.
    ok(
        &post("action=issue&summary=Not+kept+informed&category=service&finding=upheld".into())
            .await,
    );
    ok(&post("action=issue&summary=Rude+worker&category=staff".into()).await);
    let r = post(step("adjudicate_stage2&on=2018-05-20&adjudicator=OD")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    ok(&post(
        "action=issue&element=2&summary=Rude+worker&category=staff&finding=not_upheld".into(),
    )
    .await);
    ok(&post(step(
        "adjudicate_stage2&on=2018-05-20&adjudicator=Operational+Director",
    ))
    .await);
    ok(&post(step("request_stage3&on=2018-05-25")).await);
    let r = post(step("hold_panel&on=2018-06-20&panel1=A&panel2=B&panel3=")).await;
    assert!(r.body.contains("three members"), "{}", r.body);
    ok(&post(step("hold_panel&on=2018-06-20&panel1=A&panel2=B&panel3=C")).await);
    ok(&post("action=learning&learning=Weekly+updates+to+parents&owner=Team+manager&due=2018-09-30&status=in_progress".into()).await);
    ok(&post(step("close&on=2018-06-25&category_closure=service")).await);
    // The Ombudsman after the procedure: the decision cannot precede the referral.
    ok(&post(step("refer_to_ombudsman&on=2018-07-02")).await);
    let r = post(step("ombudsman_decision&on=2018-07-01&outcome=not_upheld")).await;
    assert!(
        r.body.contains("before the referral to the Ombudsman"),
        "{}",
        r.body
    );
    ok(&post(step("ombudsman_decision&on=2018-10-01&outcome=not_upheld")).await);
    let data = app.db.store.load_complaints().await.unwrap();
    let c6 = data.cases.iter().find(|c| c.reference == "C6").unwrap();
    assert_eq!(
        c6.stage1_extension_reason.as_deref(),
        Some("Complex; agreed")
    );
    assert_eq!(c6.independent_person.as_deref(), Some("J Person"));
    assert_eq!(c6.adjudicator.as_deref(), Some("Operational Director"));
    assert_eq!(c6.stage3_panel.as_deref(), Some("A; B; C"));
    assert_eq!(c6.ombudsman_outcome.as_deref(), Some("not_upheld"));
    assert_eq!(
        c6.closed.map(|d| d.to_string()).as_deref(),
        Some("2018-06-25")
    );
    let issues: Vec<_> = data
        .elements
        .iter()
        .filter(|e| e.reference == "C6")
        .collect();
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[1].finding.as_deref(), Some("not_upheld"));
    assert_eq!(data.learning_actions.len(), 1);
    let trail = app.db.store.audit_log(60).await.unwrap();
    for action in [
        "extend Stage 1",
        "record the Stage 1 response",
        "start the Stage 2 investigation",
        "record the Stage 2 adjudication",
        "record the review panel",
        "close the case",
        "record the Ombudsman's decision",
    ] {
        assert!(
            trail.iter().any(|e| e.action == action
                && e.entity == "case C6"
                && e.actor == "complaints"
                && !e.detail.is_empty()),
            "{action} is not in the audit trail"
        );
    }
    let page = app
        .send(Some("complaints"), "GET", "/complaints/cases/C6", None)
        .await;
    assert!(
        page.body.contains("No step can be recorded") || page.body.contains("Record the Ombudsman")
    );
}

#[tokio::test]
async fn steps_by_the_api_go_through_the_same_door() {
    let app = app().await;
    with_complaints(&app).await;
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/api/v1/complaints/cases/C6/steps",
            Some(r#"{"on": "2018-03-28", "event": "request_stage2"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("only after the Stage 1 response"),
        "{}",
        r.body
    );
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/api/v1/complaints/cases/C6/steps",
            Some(r#"{"on": "2018-03-29", "event": "respond_stage1", "outcome": "upheld"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("stage1_responded"), "{}", r.body);
    let r = app
        .send(
            Some("councillor"),
            "POST",
            "/api/v1/complaints/cases/C6/steps",
            Some(r#"{"on": "2018-03-30", "event": "close"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// Another council's way of working as data: an informal stage before Stage 1, and its own
/// suppression threshold in the published report.
#[tokio::test]
async fn a_configured_local_stage_and_report_rules() {
    let app = app().await;
    with_complaints(&app).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.csv"),
        "key,value\nlocal_stage,Informal resolution\nlocal_stage_days,5\nsuppress_below,3\n",
    )
    .unwrap();
    let held = app.db.store.load_complaints().await.unwrap();
    let data = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &held,
        crate::harness::import_day(),
    )
    .unwrap();
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "settings")
        .await
        .unwrap();
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(list.body.contains("Informal resolution"), "{}", list.body);
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/cases/C6",
            Some("action=step&step=respond_stage1&on=2018-03-29&outcome=upheld"),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not at Stage 1 yet"
    );
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/cases/C6",
            Some("action=step&step=escalate_to_stage1&on=2018-03-29"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = app
        .send(Some("complaints"), "GET", "/complaints", None)
        .await;
    assert!(
        list.body.contains("2018-04-16"),
        "Stage 1's ten working days from 29 March, past Good Friday and Easter Monday: {}",
        list.body
    );
    let bad = std::fs::write(dir.path().join("settings.csv"), "key,value\nbasis,opened\n");
    bad.unwrap();
    let err = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &held,
        crate::harness::import_day(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("'received' or 'closed'"), "{err}");
}

/// A restated earlier figure is printed with its note, each issue counts under its own category
/// and finding, and next year's action plan closes the report.
#[tokio::test]
async fn restatements_issues_and_the_action_plan_in_the_report() {
    let app = app().await;
    with_complaints(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "restatements.csv",
            "year,kind,published,restated,note\n2016/17,statutory,2,3,A complaint logged late was added in May 2017.\n",
        ),
        (
            "elements.csv",
            "reference,element,summary,finding,category\nC1,1,Not kept informed,upheld,service\nC1,2,Worker was rude,not_upheld,staff\nC2,1,Plan not followed,,service\n",
        ),
        (
            "action_plan.csv",
            "year,action,owner,due\n2018/19,Train staff in keeping families informed,Principal manager,2018-12-31\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let held = app.db.store.load_complaints().await.unwrap();
    let data = scrutiny_import::complaints::read_complaints(
        dir.path(),
        &held,
        crate::harness::import_day(),
    )
    .unwrap();
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "extras")
        .await
        .unwrap();
    let data = app.db.store.load_complaints().await.unwrap();
    let open = Rules {
        suppress_below: 0,
        ..Rules::default()
    };
    let cal = BankHolidays::england_and_wales().unwrap();
    let doc = scrutiny_report::complaints::annual_report::annual_report(
        &data,
        FinancialYear(2017),
        &open,
        &cal,
        "2 December 2026",
    );
    let json = serde_json::to_string(&doc).unwrap();
    assert!(
        json.contains("a 100% increase from the previous year (3)"),
        "{json}"
    );
    assert!(json.contains("3 (restated)"), "{json}");
    assert!(
        json.contains("restated as 3 (published as 2). A complaint logged late"),
        "{json}"
    );
    // Service: one upheld, one without a finding; Staff: one not upheld.
    assert!(
        json.contains(r#"["Service","1","0","0","1","2"]"#),
        "{json}"
    );
    assert!(json.contains(r#"["Staff","0","0","1","0","1"]"#), "{json}");
    assert!(
        !json.contains("Worker was rude"),
        "issue wording is not published"
    );
    assert!(json.contains("Action plan for 2018/19"));
    assert!(json.contains("Train staff in keeping families informed"));
    assert!(json.contains("counted over complaints received in the year"));
}

#[tokio::test]
async fn compliments_are_recorded_in_the_browser() {
    let app = app().await;
    with_complaints(&app).await;
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/compliments",
            Some("received=2018-02-30&source=service_user&text="),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#received\"") && r.body.contains("href=\"#text\""),
        "{}",
        r.body
    );
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/compliments",
            Some("reference=K1&received=2018-02-20&text=Thanks"),
        )
        .await;
    assert!(r.body.contains("already a compliment"), "{}", r.body);
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/compliments",
            Some("received=2018-02-20&source=service_user&division=CIC&text=Thank+you+to+Sam+Jones+and+the+team"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let data = app.db.store.load_complaints().await.unwrap();
    let k = data
        .compliments
        .iter()
        .find(|c| c.text.contains("Sam Jones"))
        .unwrap();
    assert_eq!(k.reference, "K-2017-0002");
    assert_eq!(k.division.as_deref(), Some("CIC"));
    let trail = app.db.store.audit_log(5).await.unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.entity.contains("K-2017-0002") && e.detail.contains("Sam Jones"))
    );
    for who in ["councillor", "officer"] {
        let r = app
            .send(Some(who), "GET", "/complaints/compliments", None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
}

/// The trail of a case stays with the complaints role: the performance officer's audit trail
/// (page and API) leaves out complaints entries, whose reasons may name people.
#[tokio::test]
async fn complaints_entries_stay_out_of_the_general_audit_trail() {
    let app = app().await;
    with_complaints(&app).await;
    let r = app
        .send(
            Some("complaints"),
            "POST",
            "/complaints/cases/C6",
            Some("action=step&step=withdraw&on=2018-03-28&reason=Mrs+Sixsmith+moved+away"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = app
        .send(Some("complaints"), "GET", "/complaints/cases/C6", None)
        .await;
    assert!(case.body.contains("record a withdrawal") && case.body.contains("Mrs Sixsmith"));
    for path in ["/audit", "/api/v1/audit"] {
        let r = app.send(Some("officer"), "GET", path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            !r.body.contains("Sixsmith") && !r.body.contains("case C6"),
            "{path}: {}",
            r.body
        );
    }
}

/// Files sent to the complaints upload page as `who` would send them (a multipart form with the
/// page's token): the answer's status and page.
async fn upload_complaints(
    app: &App,
    who: &str,
    files: Vec<(&str, Vec<u8>)>,
) -> (StatusCode, String) {
    let r = app.upload(who, "/complaints/upload", &[], files).await;
    (r.status, r.body)
}

/// A workbook uploaded in the browser is read as the command line reads it, one sheet per
/// table; a workbook sent beside CSV files is refused in words, not skipped.
#[tokio::test]
async fn a_complaints_workbook_is_read_when_uploaded_in_the_browser() {
    let app = app().await;
    with_complaints(&app).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("compliments").unwrap();
    for (c, v) in ["reference", "received", "source", "text"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *v).unwrap();
    }
    for (c, v) in ["W1", "2018-01-05", "service_user", "Thank you"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let send = |files: Vec<(&'static str, Vec<u8>)>| upload_complaints(&app, "complaints", files);
    let (status, body) = send(vec![
        ("records.xlsx", bytes.clone()),
        ("cases.csv", b"reference\n".to_vec()),
    ])
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Upload one workbook on its own"), "{body}");
    let (status, body) = send(vec![("records.ods", b"PK".to_vec())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("save it from Excel as an Excel Workbook (.xlsx)"),
        "{body}"
    );
    let (status, body) = send(vec![("records.xlsx", bytes)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("1 compliments"), "{body}");
    let held = app.db.store.load_complaints().await.unwrap();
    assert!(held.compliments.iter().any(|c| c.reference == "W1"));
}

/// Historic records uploaded in the browser meet the importer's checks: all or nothing.
#[tokio::test]
async fn complaints_records_are_uploaded_in_the_browser() {
    let app = app().await;
    with_complaints(&app).await;
    let upload = |name: &'static str, text: &'static str, who: &'static str| {
        upload_complaints(&app, who, vec![(name, text.as_bytes().to_vec())])
    };
    let (status, body) = upload(
        "compliments.csv",
        "reference,received,source,text\nK9,2018-01-05,service_user,Thank you\nK10,2018-13-05,service_user,Thanks\nK11,2018-01-05,nobody,Thanks\n",
        "complaints",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Nothing was imported: 2 problems"), "{body}");
    assert!(
        body.contains("2018-13-05") && body.contains("is not in the compliment_source list"),
        "{body}"
    );
    let held = app.db.store.load_complaints().await.unwrap();
    assert!(
        !held.compliments.iter().any(|c| c.reference == "K9"),
        "nothing is kept from a bad file"
    );
    // A file of many bad rows answers with the first hundred problems and a count of the rest,
    // not a page as long as the file.
    let many: &'static str = Box::leak(
        std::iter::once("reference,received,source,text\n".to_string())
            .chain((0..2000).map(|i| format!("B{i},2018-13-05,service_user,Thanks\n")))
            .collect::<String>()
            .into_boxed_str(),
    );
    let (status, body) = upload("compliments.csv", many, "complaints").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Nothing was imported: 2000 problems"),
        "{}",
        &body[..2000]
    );
    assert!(
        body.contains("and 1900 more not listed here (1900 × IMP"),
        "{body}"
    );
    assert!(body.len() < 200_000, "{} bytes", body.len());
    // A name too long for the disk is said, not a server error.
    let long: &'static str = Box::leak(format!("{}.csv", "a".repeat(296)).into_boxed_str());
    let (status, body) = upload(long, "reference\nX\n", "complaints").await;
    assert!(status.is_client_error(), "{status}: {body}");
    assert!(body.contains("name each file after its table"), "{body}");
    let (status, body) = upload(
        "compliments.csv",
        "reference,received,source,text\nK9,2018-01-05,service_user,Thank you\n",
        "complaints",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("Imported compliments.csv: 0 cases, 1 compliments"),
        "{body}"
    );
    let (status, _) = upload(
        "compliments.csv",
        "reference,received,source,text\nK11,2018-01-05,service_user,Thank you\n",
        "councillor",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_settings_in_force_are_shown_to_the_complaints_manager() {
    let app = app().await;
    with_complaints(&app).await;
    let page = app
        .send(Some("complaints"), "GET", "/complaints/settings", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("complaints received in the year (default)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Parent/Guardian"), "the lists are shown");
    let data = scrutiny_domain::complaints::records::ComplaintsData {
        settings: vec![scrutiny_domain::complaints::settings::Setting {
            key: "suppress_below".into(),
            value: "3".into(),
        }],
        ..Default::default()
    };
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "settings")
        .await
        .unwrap();
    let page = app
        .send(Some("complaints"), "GET", "/complaints/settings", None)
        .await;
    assert!(
        page.body
            .contains("<code>suppress_below</code></th><td class=\"govuk-table__cell\">3</td>"),
        "{}",
        page.body
    );
}
