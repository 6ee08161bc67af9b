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
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 7, "{body}");
    for text in [
        "UID:CYPF-2018-11-12@scrutiny",
        "DTSTART:20181112T183000",
        "LOCATION:Civic Suite - Town Hall\\, Runcorn",
        "SUMMARY:Children",
    ] {
        assert!(body.contains(text), "no '{text}' in {body}");
    }
}

/// A democratic services officer signed in as `democratic`.
async fn with_democratic_services(app: &crate::web::App) {
    app.add_user("democratic", "democratic").await;
}

#[tokio::test]
async fn democratic_services_build_the_next_agenda_in_the_browser_and_nothing_else() {
    let app = app().await;
    with_democratic_services(&app).await;
    let index = app
        .send(Some("democratic"), "GET", "/framework", None)
        .await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.body.contains("/framework/agenda_items"));
    assert!(!index.body.contains("/framework/indicators"));
    for path in [
        "/framework/indicators",
        "/framework/targets/new",
        "/quarters",
        "/audit",
    ] {
        let r = app.send(Some("democratic"), "GET", path, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    // A board member cannot keep the meetings.
    let r = app
        .send(Some("councillor"), "GET", "/framework/agenda_items", None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let next = "/meetings/CYPF-2019-01-28";
    let form = "version=new&col-meeting=CYPF-2019-01-28&col-item=1&col-title=Minutes&col-exempt_paragraph=&col-owner=";
    let saved = app
        .send(
            Some("democratic"),
            "POST",
            "/framework/agenda_items",
            Some(form),
        )
        .await;
    assert!(
        saved.status.is_redirection(),
        "{}: {}",
        saved.status,
        saved.body
    );
    // Democratic services see the item at once; the public once the agenda is published.
    let theirs = app.send(Some("democratic"), "GET", next, None).await;
    assert!(theirs.body.contains(">Minutes <a"), "{}", theirs.body);
    assert!(theirs.body.contains("The agenda has not been published"));
    let page = app.send(None, "GET", next, None).await;
    assert!(!page.body.contains(">Minutes<"), "{}", page.body);
    assert!(
        page.body
            .contains("The agenda will be published by 18 January 2019")
    );
    crate::harness::import_table(
        &app.db,
        "meetings.csv",
        "code,board,date,start,venue,published\nCYPF-2019-01-28,CYPF,2019-01-28,6.30 p.m.,\"Civic Suite - Town Hall, Runcorn\",2019-01-18\n",
    )
    .await;
    let page = app.send(None, "GET", next, None).await;
    assert!(page.body.contains(">Minutes<"), "{}", page.body);
    // A Part II paragraph the Schedule does not have is refused against its field.
    let bad = "version=new&col-meeting=CYPF-2019-01-28&col-item=9&col-title=Sale of land&col-exempt_paragraph=8&col-owner=";
    let refused = app
        .send(
            Some("democratic"),
            "POST",
            "/framework/agenda_items",
            Some(bad),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("paragraphs 1 to 7"),
        "{}",
        refused.body
    );
    let audit = app.db.store.audit_log(5).await.unwrap();
    assert!(audit.iter().any(|e| e.actor == "democratic"), "{audit:?}");
}

/// The seeds' minutes of 10 September 2018 (`004_*`, the pack's item 1): every minute in order
/// with its RESOLVED line, the front lines, and CYP17's action carried onto the next agenda.
#[tokio::test]
async fn the_seeds_september_minutes_and_their_action_on_the_next_agenda() {
    let app = app().await;
    let page = app
        .send(None, "GET", "/meetings/CYPF-2018-09-10", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let seed = [
        ("CYP12", "Minutes", None),
        ("CYP13", "Public question time", None),
        (
            "CYP14",
            "Executive Board minutes",
            Some("That the minutes are noted."),
        ),
        ("CYP15", "SSP minutes", Some("That the minutes are noted.")),
        (
            "CYP16",
            "Ofsted focused visit July 2018",
            Some(
                "That the Board notes the Ofsted letter and the significant improvement in the service since the single inspection in 2014.",
            ),
        ),
        (
            "CYP17",
            "Exclusions",
            Some(
                "That the Board supports the drive to reducing exclusions and the promotion of a more inclusive practice.",
            ),
        ),
        (
            "CYP18",
            "Transforming children and young people&#39;s mental health provision",
            Some("That the Board notes the significant transformation of provision."),
        ),
        (
            "CYP19",
            "Summary of 2018 provisional un-validated attainment outcomes",
            Some("That the presentation be received."),
        ),
        (
            "CYP20",
            "Performance management reports - quarter 4 of 2017-18",
            Some("That the reports be noted."),
        ),
        (
            "CYP21",
            "Performance management reports - quarter 1 of 2018-19",
            Some("That the performance management reports for quarter 1 of 2018-19 be received."),
        ),
    ];
    let mut at = 0;
    for (number, heading, resolved) in seed {
        let shown = format!("{number} {heading}");
        let found = page.body[at..]
            .find(&shown)
            .unwrap_or_else(|| panic!("no '{shown}' after {at} in {}", page.body));
        at += found;
        if let Some(r) = resolved {
            let next = page.body[at..].find("<h3").unwrap_or(page.body.len() - at);
            assert!(page.body[at..at + next].contains(r), "{number}: {r}");
        }
    }
    for line in [
        "<strong>Present:</strong> Councillor Dennett (Chair), Councillor Logan (Vice-Chair), Councillor Carlin",
        "<strong>Apologies for Absence:</strong> Councillor Whitley",
        "<strong>Absence declared on Council business:</strong> None",
        "<strong>Officers present:</strong> A. McIntyre, A. Jones, T. Coffey, J. Farrell",
        "<strong>Also in attendance:</strong> S. McHale - NHS Halton CCG",
        "taken as read and signed as a correct record",
    ] {
        assert!(page.body.contains(line), "no '{line}'");
    }
    // A declaration of interest is printed just before the minute it concerns.
    let note = page.body.find("(N.B. Councillor Carlin declared a Disclosable Other Interest in the following item of business as a foster carer").unwrap();
    let minute = page.body.find("CYP16 Ofsted").unwrap();
    assert!(note < minute && page.body[note..minute].matches("<h3").count() == 1);
    // The action is carried onto 12 November's agenda, not onto its own meeting's.
    assert!(!page.body.contains("Actions from earlier meetings"));
    let next = app
        .send(None, "GET", "/meetings/CYPF-2018-11-12", None)
        .await;
    assert!(next.body.contains("Actions from earlier meetings"));
    assert!(
        next.body
            .contains("Send the Board the gender split of exclusions")
    );
}

#[tokio::test]
async fn democratic_services_are_told_when_minute_numbers_do_not_run_on() {
    let app = app().await;
    with_democratic_services(&app).await;
    crate::harness::import_table(
        &app.db,
        "minutes.csv",
        "meeting,number,heading,text,resolved\nCYPF-2018-11-12,CYP23,Minutes,Taken as read.,\n",
    )
    .await;
    let page = app
        .send(Some("democratic"), "GET", "/meetings/CYPF-2018-11-12", None)
        .await;
    assert!(page.body.contains("CYP23 follows CYP21"), "{}", page.body);
    let public = app
        .send(None, "GET", "/meetings/CYPF-2018-11-12", None)
        .await;
    assert!(!public.body.contains("do not run on"));
}

/// Democratic services see which reports are still awaited and from whom, and whether the
/// publication day has passed; nobody else does.
#[tokio::test]
async fn democratic_services_chase_the_reports_still_awaited() {
    let app = app().await;
    with_democratic_services(&app).await;
    let page = app.send(Some("democratic"), "GET", MEETING, None).await;
    assert!(page.body.contains("Reports to chase"), "{}", page.body);
    // Only 6(B) is awaited in the sample; the publication day (2 November 2018) has passed.
    assert!(page.body.contains("1 report(s) have still not arrived"));
    assert!(page.body.contains("<td class=\"govuk-table__cell\">6(B)</td><td class=\"govuk-table__cell\">Strategic Director, People</td>"));
    for who in [None, Some("councillor")] {
        let other = app.send(who, "GET", MEETING, None).await;
        assert!(!other.body.contains("Reports to chase"));
    }
}

/// A board that publishes its papers earlier than the law's five clear days: the meeting's page
/// counts back its own number over the bank holidays.
#[tokio::test]
async fn a_board_sets_how_many_clear_days_its_papers_go_out_before() {
    let app = app().await;
    crate::harness::import_table(
        &app.db,
        "boards.csv",
        "code,name,council,negatives,clear_days\nCYPF,\"Children, Young People and Families Policy and Performance Board\",Halton Borough Council,brackets,10\n",
    )
    .await;
    let page = app.send(None, "GET", MEETING, None).await;
    // Ten clear working days before Monday 12 November 2018: 29 October to 9 November.
    assert!(
        page.body
            .contains("published by 26 October 2018, 10 clear working days before the meeting"),
        "{}",
        page.body
    );
    let refused = scrutiny_import::read_form(
        "boards",
        vec!["code".into(), "name".into(), "clear_days".into()],
        vec![vec!["CYPF".into(), "B".into(), "3".into()]],
        &app.db.store.known().await.unwrap(),
    );
    assert!(format!("{refused:?}").contains("at least 5"), "{refused:?}");
}

/// Minutes typed one by one stay a draft for members and officers until democratic services
/// publish them (`minutes_published`).
#[tokio::test]
async fn draft_minutes_are_for_members_and_officers_until_published() {
    let app = app().await;
    crate::harness::import_table(
        &app.db,
        "minutes.csv",
        "meeting,number,heading,text\nCYPF-2018-11-12,CYP22,Minutes,The minutes of 10 September were taken as read.\n",
    )
    .await;
    let public = app.send(None, "GET", MEETING, None).await;
    assert!(!public.body.contains("CYP22"), "{}", public.body);
    let member = app.send(Some("councillor"), "GET", MEETING, None).await;
    assert!(member.body.contains("CYP22") && member.body.contains("Draft"));
    crate::harness::import_table(
        &app.db,
        "meetings.csv",
        "code,board,date,start,venue,minutes_published\nCYPF-2018-11-12,CYPF,2018-11-12,6.30 p.m.,\"Civic Suite - Town Hall, Runcorn\",2018-11-22\n",
    )
    .await;
    let public = app.send(None, "GET", MEETING, None).await;
    assert!(public.body.contains("CYP22") && !public.body.contains("not yet published"));
}

/// Democratic services publish the agenda and the minutes from the meeting's page, once each;
/// no one else may.
#[tokio::test]
async fn democratic_services_publish_the_agenda_and_minutes_from_the_page() {
    let app = app().await;
    app.add_user("democratic", "democratic").await;
    let next = "/meetings/CYPF-2019-01-28";
    crate::harness::import_table(
        &app.db,
        "agenda_items.csv",
        "meeting,item,title\nCYPF-2019-01-28,1,Minutes\n",
    )
    .await;
    let theirs = app.send(Some("democratic"), "GET", next, None).await;
    assert!(theirs.body.contains("Publish the agenda today"));
    let refused = app
        .send(
            Some("councillor"),
            "POST",
            &format!("{next}/publish"),
            Some("what=agenda"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let public = app.send(None, "GET", next, None).await;
    assert!(!public.body.contains(">Minutes<"));
    let done = app
        .send(
            Some("democratic"),
            "POST",
            &format!("{next}/publish"),
            Some("what=agenda"),
        )
        .await;
    assert!(done.status.is_redirection(), "{}", done.body);
    let public = app.send(None, "GET", next, None).await;
    assert!(public.body.contains(">Minutes<"), "{}", public.body);
    let theirs = app.send(Some("democratic"), "GET", next, None).await;
    assert!(!theirs.body.contains("Publish the agenda today"));
    let log = app.db.store.audit_log(3).await.unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "publish agenda" && e.actor == "democratic")
    );
}
