//! Public questions: sent by anyone until 4.00 pm on the working day before the meeting, one
//! per person or organisation, decided by democratic services; the public sees an accepted
//! question and its answer, never who asked.

#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::harness::import_table;
use crate::web::{App, app_at};

const NEXT: &str = "/meetings/CYPF-2027-01-25";

/// The board's meeting of Monday 25 January 2027: questions close at 4.00 pm on Friday 22nd.
async fn with_next_meeting(app: &App) {
    import_table(
        &app.db,
        "meetings.csv",
        "code,board,date,start,venue,contact\nCYPF-2027-01-25,CYPF,2027-01-25,6.30 p.m.,Council Chamber,\n",
    )
    .await;
    app.add_user("democratic", "democratic").await;
}

/// Opens the form and sends `fields` with its token, as a browser would: (status, page).
async fn ask(app: &App, fields: &str, with_token: bool) -> (StatusCode, String) {
    let form = app
        .send(None, "GET", &format!("{NEXT}/questions"), None)
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let cookie = form.headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let token = cookie.split_once('=').unwrap().1.to_string();
    let body = if with_token {
        format!("token={token}&{fields}")
    } else {
        fields.to_string()
    };
    let req = Request::builder()
        .method("POST")
        .uri(format!("{NEXT}/questions"))
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

const QUESTION: &str = "asker=Jo+Bloggs&organisation=Runcorn+Parents+Forum&email=jo%40example.com&text=How+many+children+waited+for+a+school+place%3F";

#[tokio::test]
async fn a_question_is_taken_checked_decided_and_published_without_its_asker() {
    let app = app_at("2027-01-22T15:30:00Z").await;
    with_next_meeting(&app).await;
    let (status, page) = ask(&app, QUESTION, true).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Your reference is question 1"), "{page}");
    // One per person or organisation.
    let (status, page) = ask(
        &app,
        "asker=Sam+Other&organisation=runcorn+parents+forum&email=s%40example.com&text=And%3F",
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Only one question may be asked"), "{page}");
    // A form posted from elsewhere, without the page's token, is refused.
    let (status, page) = ask(&app, QUESTION, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The form had expired"), "{page}");

    // Not yet accepted: the public sees nothing of it; democratic services see who asked.
    let public = app.send(None, "GET", NEXT, None).await;
    assert!(!public.body.contains("school place"));
    let theirs = app.send(Some("democratic"), "GET", NEXT, None).await;
    assert!(
        theirs
            .body
            .contains("Jo Bloggs (Runcorn Parents Forum), jo@example.com")
    );
    let decide = "decision=accept&answer=Twelve%2C+all+now+placed.";
    let refused = app
        .send(
            Some("councillor"),
            "POST",
            &format!("{NEXT}/questions/1"),
            Some(decide),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let done = app
        .send(
            Some("democratic"),
            "POST",
            &format!("{NEXT}/questions/1"),
            Some(decide),
        )
        .await;
    assert!(done.status.is_redirection(), "{}", done.body);
    let public = app.send(None, "GET", NEXT, None).await;
    assert!(
        public
            .body
            .contains("How many children waited for a school place?")
    );
    assert!(public.body.contains("Twelve, all now placed."));
    assert!(!public.body.contains("Jo Bloggs") && !public.body.contains("jo@example.com"));
    let audit = app.db.store.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "decide public question" && e.actor == "democratic")
    );
    assert!(audit.iter().all(|e| !e.detail.contains("Bloggs")));
}

#[tokio::test]
async fn questions_close_at_four_on_the_working_day_before() {
    let app = app_at("2027-01-22T16:30:00Z").await;
    with_next_meeting(&app).await;
    let form = app
        .send(None, "GET", &format!("{NEXT}/questions"), None)
        .await;
    assert!(
        form.body
            .contains("Questions for this meeting closed at 4.00 pm on 22 January 2027")
    );
    let (status, page) = ask(&app, QUESTION, true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("closed at 4.00 pm"), "{page}");
}

/// Retention: who asked is erased from questions received before a day; the question stays.
#[tokio::test]
async fn who_asked_is_erased_by_the_retention_command_and_the_question_kept() {
    let app = app_at("2027-01-22T15:30:00Z").await;
    with_next_meeting(&app).await;
    let (status, _) = ask(&app, QUESTION, true).await;
    assert_eq!(status, StatusCode::OK);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
            .args(["--db", &app.db.url, "meetings", "anonymise"])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        !run(&["--before", "2027-01-23"]).status.success(),
        "--yes is needed"
    );
    let out = run(&["--before", "2027-01-23", "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Erased who asked 1 public question(s)"));
    let held = app.db.store.questions("CYPF-2027-01-25").await.unwrap();
    assert_eq!(held[0].asker, "(erased)");
    assert!(held[0].email.is_empty() && held[0].organisation.is_none());
    assert!(held[0].text.contains("school place"));
    let audit = app.db.store.audit_log(3).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "anonymise public questions")
    );
}
