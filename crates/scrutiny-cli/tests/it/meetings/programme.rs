//! The forward work programme: the reports the board asked for in the 2012/13 papers, where
//! each stands on a day, and a new request added by democratic services.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;

use crate::web::{app, app_at};

#[tokio::test]
async fn each_requested_report_is_placed_against_its_meeting() {
    // 1 November 2012: January's agenda lists the adoption plan, but is not published yet, so
    // the public sees it only as planned.
    let before = app_at("2012-11-01T12:00:00Z").await;
    let page = before.send(None, "GET", "/meetings/programme", None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "Adoption action plan",
        "EXB23 (Executive Board)",
        "Planned for 3 January 2013",
        "Planned for 25 February 2013",
        "To be given a meeting",
    ] {
        assert!(page.body.contains(text), "no '{text}' in {}", page.body);
    }
    // 21 December 2012: the agenda is published, and with it the item.
    let published = app_at("2012-12-21T12:00:00Z").await;
    let page = published
        .send(None, "GET", "/meetings/programme", None)
        .await;
    assert!(
        page.body.contains("On the agenda for 3 January 2013"),
        "{}",
        page.body
    );
    // Today: the adoption plan was reported; February passed without the formula report.
    let now = app().await;
    let page = now.send(None, "GET", "/meetings/programme", None).await;
    assert!(
        page.body.contains("Reported on 3 January 2013"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Not reported on 25 February 2013: choose another meeting")
    );
    let list = now.send(None, "GET", "/meetings", None).await;
    assert!(list.body.contains("/meetings/programme"));

    // Democratic services add a request from the minutes; a board member may not.
    now.add_user("democratic", "democratic").await;
    let form = "version=new&col-board=CYPF&col-subject=Gender+split+of+exclusions\
                &col-requested=CYP17&col-meeting=CYPF-2019-01-28&col-owner=";
    let saved = now
        .send(
            Some("democratic"),
            "POST",
            "/framework/work_programme",
            Some(form),
        )
        .await;
    assert!(
        saved.status.is_redirection(),
        "{}: {}",
        saved.status,
        saved.body
    );
    let refused = now
        .send(
            Some("councillor"),
            "POST",
            "/framework/work_programme",
            Some(form),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = now.send(None, "GET", "/meetings/programme", None).await;
    assert!(page.body.contains("Gender split of exclusions"));
    assert!(
        page.body.contains("Not reported on 28 January 2019"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn democratic_services_see_what_the_programme_plans_for_a_meeting() {
    let app = app().await;
    app.add_user("democratic", "democratic").await;
    let theirs = app
        .send(Some("democratic"), "GET", "/meetings/CYPF-2013-02-25", None)
        .await;
    assert!(
        theirs
            .body
            .contains("Reports the work programme plans for this meeting")
    );
    assert!(theirs.body.contains("School funding formula changes"));
    assert!(theirs.body.contains("Not yet: add it as an item"));
    let public = app
        .send(None, "GET", "/meetings/CYPF-2013-02-25", None)
        .await;
    assert!(!public.body.contains("work programme plans"));
}
