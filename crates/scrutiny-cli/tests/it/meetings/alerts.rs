//! E-mail alerts through a local SMTP server: asked for with an address, confirmed from the
//! e-mail, sent once per agenda and per minutes to confirmed subscribers only, stopped from the
//! link in any alert.

#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::smtp::Sink;
use crate::web::{App, app, app_with};

/// Opens the alerts form and sends `fields` with its token, as a browser would.
async fn ask(app: &App, fields: &str) -> (StatusCode, String) {
    let form = app.send(None, "GET", "/meetings/alerts", None).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let cookie = form.headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let token = cookie.split_once('=').unwrap().1.to_string();
    let req = Request::builder()
        .method("POST")
        .uri("/meetings/alerts")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={token}&{fields}")))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The token in a link of `text` to `path` (`/meetings/alerts/confirm`).
fn token_in(text: &str, path: &str) -> String {
    let at = text
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in {text}"));
    text[at + path.len() + "?token=".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%'))
        .collect()
}

/// Mail through the local SMTP server on `port`, links to the council's public address.
fn mail_to(port: u16) -> scrutiny_web::mail::MailConfig {
    scrutiny_web::mail::MailConfig {
        smtp_url: format!("smtp://127.0.0.1:{port}"),
        from: "Democratic Services <democratic.services@example.gov.uk>".into(),
        public_url: "https://meetings.example.gov.uk/".into(),
    }
}

/// Monday 5 November 2018, sending through `sink`, with `email` (form-encoded) confirmed for
/// board CYPF's alerts. The agenda of 12 November was published on the 2nd, and the minutes of
/// 10 September are recent.
async fn confirmed(sink: &Sink, email: &str) -> App {
    let app = app_with("2018-11-05T10:00:00Z", Some(mail_to(sink.port))).await;
    ask(&app, &format!("board=CYPF&email={email}")).await;
    let sent = sink.messages();
    let token = token_in(&sent[sent.len() - 1].readable(), "/meetings/alerts/confirm");
    app.send(
        None,
        "POST",
        "/meetings/alerts/confirm",
        Some(&format!("token={token}")),
    )
    .await;
    app
}

#[tokio::test]
async fn alerts_go_once_to_confirmed_subscribers_and_stop_from_their_link() {
    let sink = Sink::start();
    // Monday 5 November 2018: the agenda of 12 November was published on the 2nd, and the
    // minutes of 10 September are recent.
    let app = app_with("2018-11-05T10:00:00Z", Some(mail_to(sink.port))).await;

    // A mistyped address is refused against its field; nothing is sent.
    let (status, page) = ask(&app, "board=CYPF&email=ann.jones").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Enter an email address in the correct format"),
        "{page}"
    );
    assert!(sink.messages().is_empty());

    let (status, page) = ask(&app, "board=CYPF&email=ann%40example.org").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Check your email"), "{page}");
    let (_, _) = ask(&app, "board=CYPF&email=ben%40example.org").await;
    let sent = sink.messages();
    assert_eq!(sent.len(), 2, "a confirmation each");
    assert_eq!(sent[0].to, ["ann@example.org"]);
    let first = sent[0].readable();
    assert!(first.contains("Subject: Confirm email alerts"), "{first}");
    // Only Ann confirms; the link opens a button, and the button confirms.
    let token = token_in(&first, "/meetings/alerts/confirm");
    assert!(first.contains("https://meetings.example.gov.uk/meetings/alerts/confirm?token="));
    let button = app
        .send(
            None,
            "GET",
            &format!("/meetings/alerts/confirm?token={token}"),
            None,
        )
        .await;
    assert!(button.body.contains("Confirm"), "{}", button.body);
    let done = app
        .send(
            None,
            "POST",
            "/meetings/alerts/confirm",
            Some(&format!("token={token}")),
        )
        .await;
    assert!(done.body.contains("Alerts confirmed"), "{}", done.body);

    // The sweep: the agenda of 12 November and the minutes of 10 September, to Ann only.
    let went = scrutiny_web::pages::meetings::alerts::send_due(&app.state)
        .await
        .unwrap();
    assert_eq!(went, 2);
    let alerts: Vec<_> = sink.messages().into_iter().skip(2).collect();
    assert!(alerts.iter().all(|m| m.to == ["ann@example.org"]));
    let texts: Vec<String> = alerts.iter().map(|m| m.readable()).collect();
    assert!(texts[0].contains("Subject: Minutes published: Children, Young People and Families Policy and Performance Board, Monday, 10 September 2018"), "{}", texts[0]);
    assert!(
        texts[1].contains("Subject: Agenda published:"),
        "{}",
        texts[1]
    );
    assert!(texts[1].contains("https://meetings.example.gov.uk/meetings/CYPF-2018-11-12/pack"));
    // Each alert goes once.
    let again = scrutiny_web::pages::meetings::alerts::send_due(&app.state)
        .await
        .unwrap();
    assert_eq!(again, 0);

    // Ben never confirmed: his request is kept for a week, then forgotten.
    let store = &app.db.store;
    assert_eq!(
        store
            .forget_unconfirmed("2018-10-29T10:00:00Z", "2018-11-05T10:00:00Z")
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .forget_unconfirmed("2018-11-12T10:00:00Z", "2018-11-12T10:00:00Z")
            .await
            .unwrap(),
        1
    );
    // Stopped from the link in an alert: the address is deleted.
    let stop = token_in(&texts[1], "/meetings/alerts/stop");
    let done = app
        .send(
            None,
            "POST",
            "/meetings/alerts/stop",
            Some(&format!("token={stop}")),
        )
        .await;
    assert!(done.body.contains("have stopped"), "{}", done.body);
    assert!(
        app.db
            .store
            .alert_subscribers("CYPF")
            .await
            .unwrap()
            .is_empty()
    );
    let used = app
        .send(
            None,
            "POST",
            "/meetings/alerts/stop",
            Some(&format!("token={stop}")),
        )
        .await;
    assert!(used.body.contains("not recognised"), "{}", used.body);
    // Every step is in the audit trail, by number and never by address.
    let trail = app.db.store.audit_log(100).await.unwrap();
    let trail = format!("{trail:?}");
    assert!(trail.contains("confirm meeting alerts") && trail.contains("stop meeting alerts"));
    assert!(trail.contains("send meeting alert"));
    assert!(!trail.contains("ann@example.org"));
}

#[tokio::test]
async fn without_a_relay_the_page_says_alerts_are_off() {
    let app = app().await;
    let page = app.send(None, "GET", "/meetings/alerts", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("does not send email alerts"),
        "{}",
        page.body
    );
    assert_eq!(
        scrutiny_web::pages::meetings::alerts::send_due(&app.state)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_flood_of_public_forms_from_one_address_is_held_to_a_pace() {
    let app = app().await;
    // Posts without the form's token are refused and do not use up the pace.
    for _ in 0..20 {
        let junk = app
            .send(
                None,
                "POST",
                "/meetings/alerts",
                Some("board=CYPF&email=a%40b.org"),
            )
            .await;
        assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    for n in 0..10 {
        let (status, _) = ask(&app, "board=CYPF&email=a%40b.org").await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "send {n}");
    }
    let (status, page) = ask(&app, "board=CYPF&email=a%40b.org").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("wait"), "{page}");
}

/// Asking again for an address that already receives alerts answers as any request does (the
/// page tells no one who is subscribed); the e-mail tells the address's owner.
#[tokio::test]
async fn the_page_never_says_who_is_subscribed() {
    let sink = Sink::start();
    let app = confirmed(&sink, "cllr%40example.org").await;
    let (status, again) = ask(&app, "board=CYPF&email=cllr%40example.org").await;
    let (_, stranger) = ask(&app, "board=CYPF&email=someone%40example.org").await;
    assert_eq!(status, StatusCode::OK);
    let shown = |p: &str| p.contains("Check your email") && !p.contains("already");
    assert!(shown(&again) && shown(&stranger), "{again}");
    let told = sink.messages()[1].readable();
    assert!(told.contains("You already receive email alerts"), "{told}");
}

/// With the relay down, an alert is not lost: it is marked failed (audited with a count, never
/// an address), left alone for half an hour, then claimed again.
#[tokio::test]
async fn an_alert_the_relay_refused_is_tried_again_later() {
    let sink = Sink::start();
    let mut app = confirmed(&sink, "ann%40example.org").await;
    // The relay goes away: a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    app.state = scrutiny_web::AppState::new(
        app.db.store.clone(),
        scrutiny_web::Config {
            mail: Some(mail_to(port)),
            ..(*app.state.config).clone()
        },
        app.state.clock.clone(),
        (*app.state.calendar).clone(),
    )
    .unwrap();
    let send = scrutiny_web::pages::meetings::alerts::send_due;
    assert_eq!(send(&app.state).await.unwrap(), 0);
    assert_eq!(
        send(&app.state).await.unwrap(),
        0,
        "not tried again at once"
    );
    let trail = format!("{:?}", app.db.store.audit_log(20).await.unwrap());
    assert_eq!(
        trail.matches("meeting alert not sent").count(),
        2,
        "{trail}"
    );
    assert!(!trail.contains("ann@example.org"));
    // Half an hour on, the failed alerts are claimed again.
    let store = &app.db.store;
    let later = "2099-01-01T00:00:00Z";
    let skipped = store.alerts_sent(later).await.unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let kind = scrutiny_domain::meetings::alerts::AlertKind::Agenda;
    assert!(
        store
            .record_alert("CYPF-2018-11-12", kind, 1, later, later)
            .await
            .unwrap()
    );
}
