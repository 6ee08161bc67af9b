#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;

use crate::web::app;

const MEETING: &str = "/meetings/CYPF-2018-11-12";
const EXEMPT_TITLE: &str = "Placement costs of named children";

#[tokio::test]
async fn the_public_sees_the_seeds_agenda_front_sheet_without_part_two() {
    let app = app().await;
    let list = app.send(None, "GET", "/meetings", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("12 November 2018") && list.body.contains(MEETING));
    let page = app.send(None, "GET", MEETING, None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Children, Young People and Families",
        "6.30 p.m.",
        "Civic Suite - Town Hall, Runcorn",
        "Councillor Mark Dennett (Chair), Labour",
        "Councillor Geoffrey Logan (Vice-Chair), Labour",
        "Councillor Christopher Rowe, Liberal Democrat",
        "Please contact Ann Jones on 0151 511 8276",
        // Five clear working days before Monday 12 November: 5 to 9 November.
        "published by 2 November 2018",
        "by 4.00 pm on 9 November 2018",
        "5(A)",
        "Business planning 2019 - 20",
        "Exempt item: paragraph 1 of Schedule 12A",
        "28 January 2019",
    ] {
        assert!(page.body.contains(text), "no '{text}' in {}", page.body);
    }
    // Members come in the agenda's order: chair, vice-chair, then by name.
    let chair = page.body.find("Mark Dennett").unwrap();
    let vice = page.body.find("Geoffrey Logan").unwrap();
    let carlin = page.body.find("Chris Carlin").unwrap();
    assert!(chair < vice && vice < carlin);
    assert!(!page.body.contains(EXEMPT_TITLE));
    let missing = app.send(None, "GET", "/meetings/NO-SUCH", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn part_two_titles_are_for_members_and_their_officers_only() {
    let app = app().await;
    for (who, sees) in [
        ("councillor", true),
        ("manager", true),
        ("officer", true),
        ("finance", false),
    ] {
        let page = app.send(Some(who), "GET", MEETING, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.body.contains(EXEMPT_TITLE), sees, "{who}");
    }
}

#[tokio::test]
async fn the_calendar_feed_holds_every_meeting() {
    let app = app().await;
    let feed = app.send(None, "GET", "/meetings.ics", None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let body = feed.body.replace("\r\n ", "");
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 3, "{body}");
    for text in [
        "UID:CYPF-2018-11-12@scrutiny",
        "DTSTART:20181112T183000",
        "LOCATION:Civic Suite - Town Hall\\, Runcorn",
        "SUMMARY:Children",
    ] {
        assert!(body.contains(text), "no '{text}' in {body}");
    }
}
