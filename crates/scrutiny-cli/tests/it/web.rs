//! The web application through its router, on the backend under test: who may do what, what a
//! return does from draft to report, and that nothing typed is lost or silently overwritten.

#![allow(clippy::unwrap_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use scrutiny_domain::Period;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_store::User;
use scrutiny_web::{AppState, Clock, Config};
use tower::ServiceExt;

use crate::harness::TestDb;

pub const PASSWORD: &str = "correct horse battery";

/// The sample council with one person per role, signed in, and 2012/13 Q2 open for returns.
pub struct App {
    pub db: TestDb,
    pub router: Router,
    /// What the handlers share, for work the server does between requests (the alerts sweep).
    pub state: AppState,
}

/// When the test application believes it is, unless a test says otherwise: just after its
/// sessions were made.
pub const NOW: &str = "2026-12-02T12:00:00Z";

pub async fn app() -> App {
    app_at(NOW).await
}

/// The application with its clock stopped at `now` (RFC 3339), so "today" is the test's to say.
pub async fn app_at(now: &str) -> App {
    app_with(now, None).await
}

/// As `app_at`, sending e-mail through `mail` when given.
pub async fn app_with(now: &str, mail: Option<scrutiny_web::mail::MailConfig>) -> App {
    let (db, _) = TestDb::with_samples().await;
    let hash = scrutiny_web::auth::hash_password(PASSWORD).unwrap();
    for (username, role, dept) in [
        ("officer", "admin", None),
        ("manager", "manager", Some("CFS")),
        ("finance", "finance", Some("CFS")),
        ("councillor", "board", None),
    ] {
        let user = User {
            username: username.into(),
            name: format!("Test {username}"),
            role: role.into(),
            department: dept.map(str::to_string),
            password_hash: hash.clone(),
            disabled_at: None,
        };
        db.store
            .put_user(&user, "test", "2026-12-02T00:00:00Z")
            .await
            .unwrap();
        db.store
            .create_session(
                username,
                &scrutiny_web::auth::token_hash(&format!("token-{username}")),
                &format!("csrf-{username}"),
                "2026-12-02T00:00:00Z",
                "2099-01-01T00:00:00Z",
            )
            .await
            .unwrap();
    }
    let q2 = Period::parse("2012/13 Q2").unwrap();
    db.store
        .open_quarter(
            "CYPF",
            q2,
            Some("2012-10-19"),
            "test",
            "2026-12-02T00:00:00Z",
        )
        .await
        .unwrap();
    let config = Config {
        assets: scrutiny_web::default_assets(),
        secure_cookies: false,
        session_hours: 8,
        mail,
    };
    let now = chrono::DateTime::parse_from_rfc3339(now).unwrap().to_utc();
    let state = AppState::new(
        db.store.clone(),
        config,
        Clock::fixed(now),
        BankHolidays::england_and_wales().unwrap(),
    )
    .unwrap();
    let router = scrutiny_web::router(state.clone());
    App { db, router, state }
}

pub struct Reply {
    pub status: StatusCode,
    pub location: String,
    pub body: String,
    /// The body as sent, for files (a PDF).
    pub bytes: Vec<u8>,
    pub headers: axum::http::HeaderMap,
}

impl App {
    /// A request as `who` (a signed-in session, or nobody). Forms carry `who`'s CSRF token.
    pub async fn send(
        &self,
        who: Option<&str>,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(w) = who {
            req = req
                .header(header::COOKIE, format!("scrutiny_session=token-{w}"))
                .header("x-csrf-token", format!("csrf-{w}"));
        }
        let body = match body {
            Some(b) if b.starts_with('{') => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                let csrf = who.map(|w| format!("csrf=csrf-{w}&")).unwrap_or_default();
                Body::from(format!("{csrf}{b}"))
            }
            None => Body::empty(),
        };
        let resp = self
            .router
            .clone()
            .oneshot(req.body(body).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
            headers,
        }
    }
}

impl App {
    /// Restarts the application (or moves to another server on the same database): the same
    /// store, nothing in memory.
    pub fn restart(&mut self) {
        let state = AppState::new(
            self.db.store.clone(),
            (*self.state.config).clone(),
            self.state.clock.clone(),
            (*self.state.calendar).clone(),
        )
        .unwrap();
        self.router = scrutiny_web::router(state.clone());
        self.state = state;
    }

    /// Adds `username` with `role` and a session as the other test users have (cookie
    /// `token-{username}`, form token `csrf-{username}`).
    pub async fn add_user(&self, username: &str, role: &str) {
        let user = User {
            username: username.into(),
            name: format!("Test {username}"),
            role: role.into(),
            department: None,
            password_hash: scrutiny_web::auth::hash_password(PASSWORD).unwrap(),
            disabled_at: None,
        };
        let store = &self.db.store;
        store
            .put_user(&user, "test", "2026-12-02T00:00:00Z")
            .await
            .unwrap();
        store
            .create_session(
                username,
                &scrutiny_web::auth::token_hash(&format!("token-{username}")),
                &format!("csrf-{username}"),
                "2026-12-02T00:00:00Z",
                "2099-01-01T00:00:00Z",
            )
            .await
            .unwrap();
    }

    /// A multipart form as `who` sends it from an upload page (with the page's token): text
    /// `fields`, then `files`, each under the field name `files`.
    pub async fn upload(
        &self,
        who: &str,
        path: &str,
        fields: &[(&str, &str)],
        files: Vec<(&str, Vec<u8>)>,
    ) -> Reply {
        let b = "XBOUNDARYX";
        let mut body =
            format!("--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ncsrf-{who}\r\n")
                .into_bytes();
        for (name, value) in fields {
            body.extend(
                format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, content) in files {
            body.extend(
                format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(content);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{b}--\r\n").as_bytes());
        let req = Request::builder()
            .method("POST")
            .uri(path)
            .header(header::COOKIE, format!("scrutiny_session=token-{who}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={b}"),
            )
            .body(Body::from(body))
            .unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
            headers,
        }
    }
}

const RETURN: &str = "/returns/CFS/2012/2";

/// One request: method, path, body.
type Try<'a> = (&'a str, &'a str, Option<&'a str>);

/// Every page and API call that each role must be refused, tried as that role.
#[tokio::test]
async fn every_role_is_refused_what_it_may_not_do() {
    let app = app().await;
    let save = "action=save&version=0&value-cfs-li01=10";
    let approve = "action=approve&version=0";
    let api_save = r#"{"version":0,"action":"save","entries":{"values":[]}}"#;
    let open = "action=open&board=CYPF&period=2012%2F13+Q3";
    let edit = "version=new&col-indicator=NI148&col-year=2013%2F14&col-target=1";
    let forbidden: &[(&str, &[Try])] = &[
        (
            "manager",
            &[
                ("GET", "/returns/COPS/2012/2", None),
                ("POST", "/returns/COPS/2012/2", Some(save)),
                ("POST", RETURN, Some(approve)),
                ("GET", "/quarters", None),
                ("POST", "/quarters", Some(open)),
                ("GET", "/upload", None),
                ("GET", "/finance", None),
                ("GET", "/audit", None),
                ("GET", "/framework", None),
                ("GET", "/framework/indicators/edit?code=NI148", None),
                ("POST", "/framework/targets", Some(edit)),
                ("GET", "/api/v1/audit", None),
                ("GET", "/api/v1/returns/COPS/2012/2", None),
                ("PUT", "/api/v1/returns/COPS/2012/2", Some(api_save)),
                (
                    "POST",
                    "/api/v1/quarters",
                    Some(r#"{"board":"CYPF","period":"2012/13 Q3"}"#),
                ),
            ],
        ),
        (
            "finance",
            &[
                ("GET", RETURN, None),
                ("POST", RETURN, Some(save)),
                ("POST", RETURN, Some(approve)),
                ("GET", "/returns", None),
                ("GET", "/quarters", None),
                ("GET", "/audit", None),
                ("GET", "/framework/targets", None),
                ("POST", "/framework/targets", Some(edit)),
                ("PUT", "/api/v1/returns/CFS/2012/2", Some(api_save)),
            ],
        ),
        (
            "councillor",
            &[
                ("GET", RETURN, None),
                ("POST", RETURN, Some(save)),
                ("POST", RETURN, Some(approve)),
                ("GET", "/returns", None),
                ("GET", "/quarters", None),
                ("POST", "/quarters", Some(open)),
                ("GET", "/upload", None),
                ("GET", "/finance", None),
                ("GET", "/audit", None),
                ("GET", "/reports/pbr/CYPF/2012/2/html", None),
                ("GET", "/framework/targets/new", None),
                ("POST", "/framework/targets", Some(edit)),
                ("GET", "/reports/qmr/CFS/2012/2/pdf", None),
                ("GET", "/api/v1/returns/CFS/2012/2", None),
                ("GET", "/api/v1/audit", None),
                (
                    "POST",
                    "/returns/CFS/2012/2/preview",
                    Some("value-cfs-li01=1"),
                ),
            ],
        ),
    ];
    for (who, actions) in forbidden {
        for (method, path, body) in *actions {
            let r = app.send(Some(who), method, path, *body).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "{who} {method} {path}: {}",
                r.body
            );
        }
    }
    // Nobody signed in: pages send them to sign in, the API answers 401, nothing changes.
    for path in [
        "/",
        RETURN,
        "/returns",
        "/quarters",
        "/upload",
        "/audit",
        "/framework",
        "/reports",
        "/indicators/NI148",
    ] {
        let r = app.send(None, "GET", path, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.location.starts_with("/login?next="),
            "{path}: {}",
            r.location
        );
    }
    for path in [
        "/api/v1/indicators",
        "/api/v1/returns/CFS/2012/2",
        "/api/v1/audit",
    ] {
        let r = app.send(None, "GET", path, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(r.body.contains("\"error\""), "{path}: {}", r.body);
    }
    assert!(
        app.db
            .store
            .return_for("CFS", Period::parse("2012/13 Q2").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    // …and the same roles may read what they should.
    for (who, path) in [
        ("councillor", "/"),
        ("councillor", "/indicators/NI148"),
        ("councillor", "/reports"),
        ("manager", RETURN),
        ("finance", "/upload"),
        ("finance", "/finance?period=2012%2F13+Q1"),
        ("officer", "/audit"),
        ("officer", "/framework"),
        ("officer", "/framework/rag_rules"),
        ("officer", "/framework/indicators/edit?code=NI148"),
    ] {
        let r = app.send(Some(who), "GET", path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{who} {path}");
    }
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused() {
    let app = app().await;
    let req = Request::builder()
        .method("POST")
        .uri(RETURN)
        .header(header::COOKIE, "scrutiny_session=token-manager")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "csrf=csrf-officer&action=save&version=0&value-cfs-li01=5",
        ))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(
        app.db
            .store
            .return_for("CFS", Period::parse("2012/13 Q2").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_return_goes_from_the_manager_to_the_report() {
    let app = app().await;
    let q2 = Period::parse("2012/13 Q2").unwrap();
    // A mistake is refused field by field, and what was typed comes back.
    let r = app
        .send(
            Some("manager"),
            "POST",
            RETURN,
            Some("action=save&version=0&value-cfs-li01=lots&comment-cfs-li01=Kept+text"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("must be a number"), "{}", r.body);
    assert!(r.body.contains("Kept text"));
    assert!(r.body.contains("href=\"#value-cfs-li01\""));
    // A good save, then a submit.
    let r = app
        .send(Some("manager"), "POST", RETURN, Some("action=save&version=0&value-cfs-li01=321&comment-cfs-li01=Reviews+up&override-cfs-li01=red&reason-cfs-li01=Not+validated"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .send(Some("manager"), "POST", RETURN, Some("action=submit&version=1&value-cfs-li01=321&comment-cfs-li01=Reviews+up&override-cfs-li01=red&reason-cfs-li01=Not+validated"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Not in the reports until approved.
    let data = app.db.store.load().await.unwrap();
    assert!(
        !data.values.iter().any(|v| v.indicator == "CFS LI01"
            && v.year == q2.year
            && v.quarter == Some(q2.quarter))
    );
    // The manager cannot change a submitted return.
    let r = app
        .send(
            Some("manager"),
            "POST",
            RETURN,
            Some("action=save&version=2&value-cfs-li01=1"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("cannot be changed now"), "{}", r.body);
    let r = app
        .send(
            Some("officer"),
            "POST",
            RETURN,
            Some("action=approve&version=2"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let data = app.db.store.load().await.unwrap();
    let v = data
        .values
        .iter()
        .find(|v| v.indicator == "CFS LI01" && v.year == q2.year && v.quarter == Some(q2.quarter))
        .expect("approved figure in the framework");
    assert_eq!(v.value.to_entry(), "321");
    assert_eq!(v.commentary.as_deref(), Some("Reviews up"));
    assert_eq!(v.initials.as_deref(), Some("TM"));
    // The monitoring report lists it (as an exception: red, set by hand); the audit trail
    // says who did what, old → new.
    let r = app
        .send(Some("officer"), "GET", "/reports/qmr/CFS/2012/2/html", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(">321<"),
        "the report lacks the approved figure: {}",
        r.body
            .lines()
            .filter(|l| l.contains("LI0") || l.contains("<h1"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let trail = app.db.store.audit_log(50).await.unwrap();
    for action in ["save return", "submit return", "approve return"] {
        assert!(
            trail.iter().any(|e| e.action == action),
            "no '{action}' in the audit trail"
        );
    }
    assert!(trail.iter().any(|e| e.action == "insert"
        && e.entity.starts_with("indicator_values CFS LI01")
        && e.detail.contains("value: (none) -> 321")));
    let r = app
        .send(Some("officer"), "GET", "/indicators/CFS%20LI01", None)
        .await;
    assert!(
        r.body.contains("value: (none) -&gt; 321") || r.body.contains("value: (none) -&#62; 321"),
        "the indicator page lacks its history: {}",
        r.body
            .lines()
            .filter(|l| l.contains("321"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The board member sees the approved figure on the dashboard.
    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/?period=2012%2F13+Q2&department=CFS",
            None,
        )
        .await;
    assert!(r.body.contains("321"));
}

#[tokio::test]
async fn the_form_previews_progress_without_saving() {
    let app = app().await;
    let r = app
        .send(
            Some("manager"),
            "POST",
            "/returns/CFS/2012/2/preview",
            Some("value-cfs-li01=777"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let row = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "cfs-li01")
        .unwrap();
    assert_eq!(row["progress"]["state"], "green");
    let q2 = Period::parse("2012/13 Q2").unwrap();
    assert!(app.db.store.return_for("CFS", q2).await.unwrap().is_none());
}

#[tokio::test]
async fn a_second_save_from_a_stale_page_is_refused_and_what_was_typed_is_kept() {
    let app = app().await;
    let first = app
        .send(
            Some("manager"),
            "POST",
            RETURN,
            Some("action=save&version=0&value-cfs-li01=100"),
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    // The officer's page was drawn before that save, at version 0.
    let second = app
        .send(
            Some("officer"),
            "POST",
            RETURN,
            Some("action=save&version=0&value-cfs-li01=200"),
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second.body.contains("was changed by manager"),
        "{}",
        second.body
    );
    assert!(
        second.body.contains("value=\"200\""),
        "the typed figure was lost"
    );
    let stored = app
        .db
        .store
        .return_for("CFS", Period::parse("2012/13 Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.draft.values[0].value.to_entry(), "100");
    // The API refuses the same way.
    let r = app
        .send(Some("officer"), "PUT", "/api/v1/returns/CFS/2012/2", Some(r#"{"version":0,"action":"save","entries":{"values":[{"indicator":"CFS LI01","value":"300"}]}}"#))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

/// A sign-in attempt as `manager` carrying the sign-in page's token in its cookie and its form.
async fn sign_in(app: &App, password: &str, token: &str) -> Reply {
    sign_in_from(app, "manager", password, token, "127.0.0.1").await
}

/// A sign-in attempt as `username` from `address`, as the server sees connections.
async fn sign_in_from(
    app: &App,
    username: &str,
    password: &str,
    token: &str,
    address: &str,
) -> Reply {
    let addr: std::net::SocketAddr = format!("{address}:40000").parse().unwrap();
    let req = Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::COOKIE, "scrutiny_login=page-token")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .extension(axum::extract::ConnectInfo(addr))
        .body(Body::from(format!(
            "username={username}&password={password}&token={token}"
        )))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        location: String::new(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
        headers,
    }
}

#[tokio::test]
async fn sign_in_needs_the_pages_token() {
    let app = app().await;
    let forged = sign_in(&app, "correct+horse+battery", "other").await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert!(forged.body.contains("had expired"), "{}", forged.body);
    // An empty pair (an empty cookie and an empty form token) is no proof either.
    let req = Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::COOKIE, "scrutiny_login=")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "username=manager&password=correct+horse+battery&token=",
        ))
        .unwrap();
    let empty = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(empty.status(), StatusCode::UNAUTHORIZED);
    let ok = sign_in(&app, "correct+horse+battery", "page-token").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    // A field given twice or left out is read as typed, never refused in the framework's words.
    let twice = app.send(None, "GET", "/login?next=/a&next=/b", None).await;
    assert_eq!(twice.status, StatusCode::OK);
    let req = Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::COOKIE, "scrutiny_login=page-token")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("token=page-token"))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("Enter your username and password"));
}

/// Guessing makes the guesser wait, doubling; it never locks the account's owner out, and says
/// the same for names that exist and names that do not (the clock is stopped, so no wait ends).
#[tokio::test]
async fn failed_sign_ins_slow_the_guesser_without_locking_the_owner_out() {
    let app = app().await;
    let attacker = "203.0.113.9";
    let mut answers = Vec::new();
    for name in ["manager", "nobody"] {
        for _ in 0..3 {
            let r = sign_in_from(&app, name, "wrong", "page-token", attacker).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
            assert!(r.body.contains("The username or password is not right"));
        }
        let r = sign_in_from(&app, name, "wrong", "page-token", attacker).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        answers.push(r.body.replace(name, ""));
    }
    // The same answer, whether the name exists or not.
    assert!(
        answers[0].contains("wait 1 seconds and try again"),
        "{}",
        answers[0]
    );
    assert_eq!(
        answers[0]
            .lines()
            .filter(|l| l.contains("wait"))
            .collect::<Vec<_>>(),
        answers[1]
            .lines()
            .filter(|l| l.contains("wait"))
            .collect::<Vec<_>>()
    );
    // Even the right password waits, from the guesser's address…
    let r = sign_in_from(
        &app,
        "manager",
        "correct+horse+battery",
        "page-token",
        attacker,
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // …but not from the owner's.
    let r = sign_in_from(
        &app,
        "manager",
        "correct+horse+battery",
        "page-token",
        "198.51.100.4",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Guesses spread over many addresses keep the name to a steady pace, never a lock.
    for i in 0..12 {
        sign_in_from(
            &app,
            "finance",
            "wrong",
            "page-token",
            &format!("192.0.2.{i}"),
        )
        .await;
    }
    let r = sign_in_from(
        &app,
        "finance",
        "correct+horse+battery",
        "page-token",
        "198.51.100.4",
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("wait 2 seconds"), "{}", r.body);
}

#[tokio::test]
async fn the_api_answers_to_basic_credentials_and_documents_every_route() {
    let app = app().await;
    use base64::Engine;
    let creds = base64::engine::general_purpose::STANDARD.encode(format!("manager:{PASSWORD}"));
    let req = Request::builder()
        .uri("/api/v1/returns/CFS/2012/2")
        .header(header::AUTHORIZATION, format!("Basic {creds}"))
        .body(Body::empty())
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["state"], "not_started");
    let r = app
        .send(Some("manager"), "PUT", "/api/v1/returns/CFS/2012/2", Some(r#"{"version":0,"action":"submit","entries":{"values":[{"indicator":"CFS LI01","value":"x"}]}}"#))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("must be a number"), "{}", r.body);
    let r = app.send(None, "GET", "/api/openapi.json", None).await;
    let doc: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let documented: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let source =
        std::fs::read_to_string(crate::harness::repo_root().join("crates/scrutiny-web/src/lib.rs"))
            .unwrap();
    for route in source
        .split(".route(")
        .skip(1)
        .filter_map(|s| s.split('"').nth(1))
    {
        if route.starts_with("/api/") {
            assert!(
                documented.contains(&route),
                "{route} is not in openapi.json"
            );
        }
    }
}

#[tokio::test]
async fn a_quarter_is_published_before_the_public_can_read_it() {
    let app = app().await;
    let r = app
        .send(None, "GET", "/reports/pbr/CYPF/2012/2/html", None)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for action in ["lock", "publish"] {
        let r = app
            .send(
                Some("officer"),
                "POST",
                "/quarters",
                Some(&format!("action={action}&board=CYPF&year=2012&quarter=2")),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    let r = app
        .send(None, "GET", "/reports/pbr/CYPF/2012/2/html", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app.send(None, "GET", "/published", None).await;
    assert!(r.body.contains("/reports/pbr/CYPF/2012/2/pdf"));
    // Once published, departments can no longer change their returns.
    let r = app
        .send(
            Some("manager"),
            "POST",
            RETURN,
            Some("action=save&version=0&value-cfs-li01=1"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_backup_restores_to_the_same_data() {
    let app = app().await;
    if app.db.store.backend() != scrutiny_store::Backend::Sqlite {
        return; // PostgreSQL is backed up with pg_dump.
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    app.db.store.backup_to(&copy).await.unwrap();
    assert!(
        app.db.store.backup_to(&copy).await.is_err(),
        "a backup must not overwrite another"
    );
    let target = dir.path().join("restored.db");
    scrutiny_store::restore_sqlite(&copy, &target)
        .await
        .unwrap();
    let restored = scrutiny_store::Store::open(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    assert_eq!(
        restored.load().await.unwrap(),
        app.db.store.load().await.unwrap()
    );
    assert_eq!(restored.users().await.unwrap().len(), 4);
    // Sessions are not restored: everyone signs in again, and none that had ended comes back.
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(open, 0);
    // The backup and the restored database are for their owner's eyes only.
    #[cfg(unix)]
    for file in [&copy, &target] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }
    // While a server holds the database, restoring over it is refused.
    let serving = scrutiny_store::files::hold(&target).unwrap();
    let refused = scrutiny_store::restore_sqlite(&copy, &target)
        .await
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("stop the web application first"),
        "{refused}"
    );
    drop(serving);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    assert!(
        scrutiny_store::restore_sqlite(&junk, &target)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_quarter_without_figures_is_published_only_once_the_officer_has_seen_why() {
    let app = app().await;
    let quarter = |action: &str| format!("action={action}&board=CYPF&year=2014&quarter=1");
    for action in ["open", "lock"] {
        let body = if action == "open" {
            "action=open&board=CYPF&period=2014/15+Q1".to_string()
        } else {
            quarter(action)
        };
        let r = app
            .send(Some("officer"), "POST", "/quarters", Some(&body))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/quarters",
            Some(&quarter("publish")),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Check before publishing"), "{}", r.body);
    assert!(r.body.contains("figure for"), "{}", r.body);
    let r = app
        .send(None, "GET", "/reports/pbr/CYPF/2014/1/html", None)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "held back, not published");
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/quarters",
            Some(&format!("{}&confirm=yes", quarter("publish"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .send(None, "GET", "/reports/pbr/CYPF/2014/1/html", None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "published once confirmed");
}

/// The return form has no fields for a figure's numerator and denominator: approving a return
/// keeps the stored parts of a figure it leaves unchanged, and drops them from one it changes
/// (they would no longer describe it).
#[tokio::test]
async fn a_return_keeps_the_parts_of_an_unchanged_figure_only() {
    use scrutiny_domain::figure::Figure;
    use scrutiny_domain::performance::model::ValueEntry;
    let app = app().await;
    let q2 = Period::parse("2012/13 Q2").unwrap();
    let stored = |indicator: &str, value: &str, n: i64, d: i64| ValueEntry {
        indicator: indicator.into(),
        year: q2.year,
        quarter: Some(q2.quarter),
        value: Figure::parse_value(value).unwrap(),
        status: None,
        rag_override: None,
        commentary: None,
        initials: None,
        numerator: Some(n.into()),
        denominator: Some(d.into()),
    };
    let mut data = scrutiny_domain::Dataset::default();
    data.values.push(stored("CFS LI01", "321", 321, 1));
    data.values.push(stored("CFS LI02", "40", 4, 10));
    app.db
        .store
        .apply(&data, "officer", "2026-12-02T11:00:00Z", "test")
        .await
        .unwrap();
    let form = "value-cfs-li01=321&value-cfs-li02=45";
    for (who, body) in [
        ("manager", format!("action=save&version=0&{form}")),
        ("manager", format!("action=submit&version=1&{form}")),
        ("officer", "action=approve&version=2".to_string()),
    ] {
        let r = app.send(Some(who), "POST", RETURN, Some(&body)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    }
    let data = app.db.store.load().await.unwrap();
    let parts = |code: &str| {
        data.values
            .iter()
            .find(|v| v.indicator == code && v.year == q2.year && v.quarter == Some(q2.quarter))
            .map(|v| (v.value.to_entry(), v.numerator, v.denominator))
            .unwrap()
    };
    assert_eq!(
        parts("CFS LI01"),
        ("321".to_string(), Some(321.into()), Some(1.into()))
    );
    assert_eq!(parts("CFS LI02"), ("45".to_string(), None, None));
}

/// A manager enters a formula indicator's numerator and denominator; the figure is worked out
/// from them, and parts that make no figure are refused against the field to fix.
#[tokio::test]
async fn a_manager_enters_a_formula_indicators_parts_and_the_figure_is_worked_out() {
    use scrutiny_domain::figure::Unit;
    use scrutiny_domain::performance::formula::Formula;
    let app = app().await;
    let q2 = Period::parse("2012/13 Q2").unwrap();
    let held = app.db.store.load().await.unwrap();
    let mut ind = held
        .indicators
        .iter()
        .find(|i| i.code == "CFS LI02")
        .unwrap()
        .clone();
    ind.unit = Unit::Percent;
    ind.formula = Some(Formula::Percent);
    let mut data = scrutiny_domain::Dataset::default();
    data.indicators.push(ind);
    app.db
        .store
        .apply(&data, "officer", "2026-12-04T11:00:00Z", "test")
        .await
        .unwrap();
    let page = app.send(Some("manager"), "GET", RETURN, None).await;
    assert!(
        page.body.contains(r#"name="num-cfs-li02""#),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains(r#"name="num-cfs-li01""#),
        "only formula indicators"
    );

    let bad = "action=save&version=0&value-cfs-li02=&num-cfs-li02=70&den-cfs-li02=60";
    let r = app.send(Some("manager"), "POST", RETURN, Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("the numerator (70) is above the denominator (60)"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(r#"id="num-cfs-li02-error""#),
        "the error sits on the numerator"
    );
    assert!(r.body.contains(r#"value="70""#), "what was typed is kept");

    // A comma that could be a decimal mark is refused, as the importer refuses it.
    let comma = "action=save&version=0&value-cfs-li02=&num-cfs-li02=2%2C9&den-cfs-li02=60";
    let r = app.send(Some("manager"), "POST", RETURN, Some(comma)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains(r#"id="num-cfs-li02-error""#), "{}", r.body);
    let form = "value-cfs-li02=&num-cfs-li02=29&den-cfs-li02=60";
    for (who, body) in [
        ("manager", format!("action=save&version=0&{form}")),
        ("manager", format!("action=submit&version=1&{form}")),
        ("officer", "action=approve&version=2".to_string()),
    ] {
        let r = app.send(Some(who), "POST", RETURN, Some(&body)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    }
    let data = app.db.store.load().await.unwrap();
    let v = data
        .values
        .iter()
        .find(|v| v.indicator == "CFS LI02" && v.year == q2.year && v.quarter == Some(q2.quarter))
        .unwrap();
    assert_eq!(v.value.to_entry(), "48.3");
    assert_eq!(
        (v.numerator, v.denominator),
        (Some(29.into()), Some(60.into()))
    );
}

/// The dashboard counts progress in the council's own words for each state, as its reports do.
#[tokio::test]
async fn the_dashboard_counts_in_the_councils_own_words() {
    use scrutiny_domain::performance::model::{SymbolFor, SymbolLabel};
    let app = app().await;
    let mut data = scrutiny_domain::Dataset::default();
    data.symbol_labels.push(SymbolLabel {
        applies_to: SymbolFor::Indicator,
        state: "green".into(),
        label: "Target achieved".into(),
        description: "The target is met.".into(),
    });
    app.db
        .store
        .apply(&data, "officer", "2026-12-02T11:00:00Z", "test")
        .await
        .unwrap();
    let r = app.send(Some("councillor"), "GET", "/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Target achieved"), "{}", r.body);
    assert!(!r.body.contains("Green: on course"));
    // The return form offers the same words for progress set by hand, and the milestones' own.
    let r = app.send(Some("manager"), "GET", RETURN, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains(r#"<option value="green">Target achieved: The target is met.</option>"#),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Green: Indicates that the objective is on course"),
        "milestones in the sample council's words"
    );
    assert!(!r.body.contains("Green: on course"));
}

/// Every page type answers with the security headers: a policy refusing inline script, no caching
/// of anything but static files, no sniffing or framing. `/healthz` says whether the database
/// answers. A year no report can be about is refused, not an overflow.
#[tokio::test]
async fn every_page_type_carries_the_security_headers() {
    let app = app().await;
    for (who, path) in [
        (Some("councillor"), "/"),
        (None, "/login"),
        (None, "/published"),
        (Some("manager"), RETURN),
        (Some("officer"), "/framework"),
        (Some("officer"), "/framework/indicators"),
        (Some("officer"), "/api/v1/indicators"),
        (Some("complaints"), "/complaints"),
        (Some("councillor"), "/no-such-page"),
    ] {
        let r = app.send(who, "GET", path, None).await;
        let h = |name: &str| {
            r.headers
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        assert!(
            h("content-security-policy").contains("script-src 'self'"),
            "{path}"
        );
        let csp = h("content-security-policy");
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or_default();
        assert!(!scripts.contains("unsafe"), "{path}: {csp}");
        assert_eq!(h("cache-control"), "no-store", "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("x-frame-options"), "DENY", "{path}");
        assert!(!r.body.contains("<script>"), "{path}: an inline script");
    }
    let css = app.send(None, "GET", "/static/scrutiny.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers.get("cache-control").is_none(),
        "static files may be cached"
    );

    let health = app.send(None, "GET", "/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health.body.starts_with("ok"));

    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/complaints/report/2147483647/html",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(
        r.body.contains("give a year from 1990 to 2100"),
        "{}",
        r.body
    );

    // A sign-in link that would send the user elsewhere keeps them here.
    let page = app
        .send(None, "GET", "/login?next=%2F%09%2Fevil.example", None)
        .await;
    assert!(!page.body.contains("evil.example"), "{}", page.body);
}

/// Bad JSON is answered in words an API user can act on, never with the server's type names.
#[tokio::test]
async fn bad_json_is_refused_without_the_servers_type_names() {
    let app = app().await;
    for (body, says) in [
        (
            r#"{"version":"x","action":"save"}"#,
            "not the ones this call takes",
        ),
        ("{", "not valid JSON"),
    ] {
        let r = app
            .send(
                Some("manager"),
                "PUT",
                "/api/v1/returns/CFS/2012/2",
                Some(body),
            )
            .await;
        assert!(r.status.is_client_error(), "{}: {}", r.status, r.body);
        assert!(r.body.contains(says), "{}", r.body);
        for leak in [
            "i64",
            "invalid type",
            "ReturnUpdate",
            "Failed to deserialize",
        ] {
            assert!(!r.body.contains(leak), "{leak}: {}", r.body);
        }
    }
}

/// Changing a person's password (or role) ends the sessions opened under the old one.
#[tokio::test]
async fn a_changed_password_ends_the_old_sessions() {
    let app = app().await;
    let before = app.send(Some("manager"), "GET", "/", None).await;
    assert_eq!(before.status, StatusCode::OK);
    let mut user = app.db.store.user("manager").await.unwrap().unwrap();
    user.password_hash = scrutiny_web::auth::hash_password("a new long password").unwrap();
    app.db
        .store
        .put_user(&user, "admin", "2026-12-04T12:00:00Z")
        .await
        .unwrap();
    let after = app.send(Some("manager"), "GET", "/", None).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "signed out");
    assert!(after.location.starts_with("/login"), "{}", after.location);
    let audit = app.db.store.audit_log(5).await.unwrap();
    assert!(
        audit.iter().any(|e| e.detail.contains("session(s) ended")),
        "{audit:?}"
    );
}
