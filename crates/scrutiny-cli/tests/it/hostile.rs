//! Every route walked with hostile inputs (empty, huge, control characters, invalid UTF-8, wrong
//! types, numbers past every integer's range, paths that climb out): no request may panic a
//! handler or be answered 500. Values are sampled, not crossed in full, so the walk stays quick,
//! but every route in `scrutiny-web`'s router is tried (the list is checked against its source).

#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::web::{App, app};

/// How a route takes its input.
#[derive(Clone, Copy)]
enum Takes {
    Nothing,
    /// A form, with a body that would be accepted.
    Form(&'static str),
    /// JSON, with a body that would be accepted.
    Json(&'static str),
    /// A multipart upload of files.
    Upload,
}

struct Route {
    method: &'static str,
    path: &'static str,
    takes: Takes,
    /// Whether the handler reads the query string (each is then tried with every hostile value).
    query: &'static [&'static str],
}

const fn route(method: &'static str, path: &'static str, takes: Takes) -> Route {
    Route {
        method,
        path,
        takes,
        query: &[],
    }
}

const fn queried(path: &'static str, query: &'static [&'static str]) -> Route {
    Route {
        method: "GET",
        path,
        takes: Takes::Nothing,
        query,
    }
}

use Takes::*;

const FILTERS: &[&str] = &["period", "department", "priority", "rag"];
const RETURN_SAVE: &str = "action=save&version=0&value-cfs-li01=10&commentary-cfs-li01=x";
const RETURN_API: &str = r#"{"version":0,"action":"save","entries":{"values":[{"indicator":"CFS LI01","value":"10"}],"milestones":[],"notes":[]},"note":"x"}"#;

/// Every route of the router, with an input it would accept. `/logout` comes last: it ends the
/// session it is sent with.
fn routes() -> Vec<Route> {
    vec![
        queried("/", FILTERS),
        queried("/login", &["next"]),
        route("POST", "/login", Form("username=nobody&password=x")),
        route("GET", "/healthz", Nothing),
        queried("/indicators/{code}", FILTERS),
        route("GET", "/framework", Nothing),
        queried("/framework/{table}", &["code", "indicator", "year"]),
        route(
            "POST",
            "/framework/{table}",
            Form("version=new&col-indicator=NI148&col-year=2013%2F14&col-target=1"),
        ),
        queried("/framework/{table}/edit", &["code", "indicator", "year"]),
        queried("/framework/{table}/new", &["code"]),
        route(
            "POST",
            "/framework/{table}/remove",
            Form("col-code=NI148&version=1"),
        ),
        queried("/returns", &["period"]),
        queried("/returns/{department}/{year}/{quarter}", &["done"]),
        route(
            "POST",
            "/returns/{department}/{year}/{quarter}",
            Form(RETURN_SAVE),
        ),
        route(
            "POST",
            "/returns/{department}/{year}/{quarter}/preview",
            Form(RETURN_SAVE),
        ),
        route("GET", "/quarters", Nothing),
        route(
            "POST",
            "/quarters",
            Form(
                "action=open&board=CYPF&period=2012%2F13+Q3&deadline=2013-01-18&year=2012&quarter=3",
            ),
        ),
        route(
            "POST",
            "/quarters",
            Form("action=publish&board=CYPF&year=2012&quarter=2&confirm=yes"),
        ),
        route(
            "POST",
            "/returns/{department}/{year}/{quarter}",
            Form("action=approve&version=1&note=x"),
        ),
        route("GET", "/reports", Nothing),
        route("GET", "/published", Nothing),
        route(
            "GET",
            "/reports/{kind}/{key}/{year}/{quarter}/{format}",
            Nothing,
        ),
        route(
            "GET",
            "/reports/action-plan/{plan}/{date}/{format}",
            Nothing,
        ),
        route(
            "GET",
            "/reports/business-plan/{board}/{year}/{format}",
            Nothing,
        ),
        route("GET", "/upload", Nothing),
        route("POST", "/upload", Upload),
        route("GET", "/audit", Nothing),
        queried("/finance", FILTERS),
        queried("/complaints", &["sort"]),
        route("GET", "/complaints/settings", Nothing),
        route("GET", "/complaints/upload", Nothing),
        route("POST", "/complaints/upload", Upload),
        route("GET", "/complaints/compliments", Nothing),
        route(
            "POST",
            "/complaints/compliments",
            Form("reference=&received=2018-02-20&source=service_user&division=CIC&text=Thanks"),
        ),
        route("GET", "/complaints/new", Nothing),
        route(
            "POST",
            "/complaints/new",
            Form("reference=&kind=statutory&received=2018-03-27&channel=email&complainant_name=A"),
        ),
        route("GET", "/complaints/cases/{reference}", Nothing),
        route(
            "POST",
            "/complaints/cases/{reference}",
            Form("action=step&step=respond_stage1&on=2018-03-29&outcome=upheld"),
        ),
        // The case page's other forms: an issue, a learning action, personal details.
        route(
            "POST",
            "/complaints/cases/{reference}",
            Form(
                "action=issue&element=9223372036854775807&summary=x&category=service&finding=upheld&recommendation=x",
            ),
        ),
        route(
            "POST",
            "/complaints/cases/{reference}",
            Form("action=learning&learning=x&owner=x&due=2018-09-30&status=in_progress"),
        ),
        route(
            "POST",
            "/complaints/cases/{reference}",
            Form("action=show_personal"),
        ),
        route("GET", "/complaints/cases/{reference}/export", Nothing),
        queried("/complaints/report/{year}/{format}", &["internal", "route"]),
        route("GET", "/api/openapi.json", Nothing),
        queried("/api/v1/indicators", FILTERS),
        route("GET", "/api/v1/indicators/{code}", Nothing),
        route(
            "GET",
            "/api/v1/returns/{department}/{year}/{quarter}",
            Nothing,
        ),
        route(
            "PUT",
            "/api/v1/returns/{department}/{year}/{quarter}",
            Json(RETURN_API),
        ),
        route("GET", "/api/v1/quarters", Nothing),
        route(
            "POST",
            "/api/v1/quarters",
            Json(r#"{"board":"CYPF","period":"2012/13 Q4","deadline":"2013-04-19"}"#),
        ),
        queried("/api/v1/framework/{table}", &["code", "indicator", "year"]),
        route(
            "PUT",
            "/api/v1/framework/{table}",
            Json(
                r#"{"version":"new","record":{"indicator":"NI148","year":"2014/15","target":"1"}}"#,
            ),
        ),
        queried("/api/v1/audit", &["limit"]),
        route("GET", "/api/v1/complaints/cases", Nothing),
        route(
            "POST",
            "/api/v1/complaints/cases/{reference}/steps",
            Json(r#"{"on":"2018-03-29","event":"respond_stage1","outcome":"upheld"}"#),
        ),
        route("GET", "/api/v1/complaints/report/{year}", Nothing),
        route("GET", "/static/{file}", Nothing),
        route("GET", "/assets/{file}", Nothing),
        route("GET", "/{file}", Nothing),
        route("POST", "/logout", Form("")),
    ]
}

/// A value each path parameter takes when it is not the one under attack.
fn valid(param: &str, path: &str) -> &'static str {
    match param {
        "code" => "NI148",
        "table" => "targets",
        "department" => "CFS",
        "year" if path.starts_with("/complaints") || path.starts_with("/api/v1/complaints") => {
            "2017"
        }
        "year" if path.contains("business-plan") => "2013",
        "year" => "2012",
        "quarter" => "2",
        "kind" => "pbr",
        "key" | "board" => "CYPF",
        "format" => "html",
        "plan" => "ADOPTION-2012",
        "date" => "latest",
        "reference" => "C1",
        "file" => "scrutiny.css",
        other => panic!("no valid value for {{{other}}}"),
    }
}

/// Hostile path segments and query values, already percent-encoded where a web address needs it.
fn hostile_in_address() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        "%00",
        "%0A",
        "%0D%0A",
        "%09",
        "%FF",
        "%C0%AF",
        "..%2F..%2Fetc%2Fpasswd",
        "..",
        "2147483648",
        "-2147483649",
        "-1",
        "0",
        "256",
        "99999999999999999999",
        "1e400",
        "NaN",
        "%F0%9F%92%A9",
        "%E2%80%AE",
        "%3Cscript%3E",
        "%25",
        "%",
        "2101",
        "1989",
        "+262143-12-31",
        "9999-12-31",
        "0000-00-00",
        "2101%2F02+Q1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(10_000));
    v.push("%F0%9F%92%A9".repeat(500));
    v
}

/// Hostile form values (percent-encoded): fewer than the address's (a form's handler is slower
/// to answer), and a megabyte.
fn hostile_in_form() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        "%00",
        "%0A%0D",
        "%FF",
        "..%2F..%2Fetc%2Fpasswd",
        "2147483648",
        "-1",
        "99999999999999999999",
        "1e400",
        "%F0%9F%92%A9",
        "%E2%80%AE",
        "%3Cscript%3E",
        "+262143-12-31",
        "9999-12-31",
        "2101%2F02+Q1",
        "1899%2F00+Q1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(10_000));
    v.push("%F0%9F%92%A9".repeat(500));
    v.push("b".repeat(1 << 20));
    v
}

/// Hostile JSON values, each put in place of one field's value.
fn hostile_json_values() -> Vec<Value> {
    let mut deep = json!([]);
    for _ in 0..100 {
        deep = json!([deep]);
    }
    vec![
        Value::Null,
        json!(""),
        json!(true),
        json!(-1),
        json!(2_147_483_648_i64),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1.5),
        json!(1e300),
        json!([]),
        json!({}),
        deep,
        json!("\u{0}\n\r\t\u{1b}"),
        json!("\u{1F4A9}\u{202E}"),
        json!("../../etc/passwd"),
        json!("9999-12-31"),
        json!("+262143-12-31"),
        json!("0001-01-01"),
        json!("2101/02 Q1"),
        json!("2200/01 Q4"),
        json!("x".repeat(10_000)),
        json!("y".repeat(1 << 20)),
    ]
}

/// Whole JSON bodies that are not the object a call takes, or not JSON at all.
fn hostile_json_bodies() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "",
        "{",
        "}",
        "null",
        "[]",
        "1",
        "\"x\"",
        "{}",
        "{\"a\":}",
        "1e400",
        "99999999999999999999",
        "[[[[[[[[[[]]]]]]]]]]",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    v.push(format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes());
    v.push(format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000)).into_bytes());
    v.push(vec![0xff, 0xfe, b'{', 0x00, b'}']);
    v.push(format!("\"{}\"", "z".repeat(1 << 20)).into_bytes());
    v
}

/// One request and its answer; a panic in the handler is caught and named, not lost.
struct Sent {
    who: Option<&'static str>,
    method: &'static str,
    path: String,
    content_type: Option<String>,
    body: Vec<u8>,
}

async fn send(app: &App, s: &Sent) -> Result<(StatusCode, String), String> {
    let mut req = Request::builder().method(s.method).uri(s.path.as_str());
    if let Some(w) = s.who {
        req = req
            .header(header::COOKIE, format!("scrutiny_session=token-{w}"))
            .header("x-csrf-token", format!("csrf-{w}"));
    }
    if let Some(t) = &s.content_type {
        req = req.header(header::CONTENT_TYPE, t.as_str());
    }
    let req = match req.body(Body::from(s.body.clone())) {
        Ok(r) => r,
        // Not a request a client could send (the address does not parse): nothing to test.
        Err(_) => return Ok((StatusCode::BAD_REQUEST, String::new())),
    };
    let router = app.router.clone();
    let answer = tokio::spawn(async move {
        let resp = router.oneshot(req).await.unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
    .await;
    answer.map_err(|e| format!("panicked: {e}"))
}

fn form(who: Option<&str>, body: &str) -> (Option<String>, Vec<u8>) {
    let csrf = who.map(|w| format!("csrf=csrf-{w}&")).unwrap_or_default();
    (
        Some("application/x-www-form-urlencoded".into()),
        format!("{csrf}{body}").into_bytes(),
    )
}

fn multipart(who: Option<&str>, file_name: &str, content: &[u8]) -> (Option<String>, Vec<u8>) {
    let b = "XBOUNDARYX";
    let csrf = who.unwrap_or("none");
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ncsrf-{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"decimal_comma\"\r\n\r\non\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file_name}\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (Some(format!("multipart/form-data; boundary={b}")), body)
}

/// The path parameters of a route's template, in order.
fn params(template: &str) -> Vec<&str> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

fn fill(template: &str, hostile: Option<(&str, &str)>) -> String {
    let mut path = template.to_string();
    for p in params(template) {
        let v = match hostile {
            Some((h, value)) if h == p => value,
            _ => valid(p, template),
        };
        path = path.replace(&format!("{{{p}}}"), v);
    }
    path
}

/// The bodies to try on a route whose path is valid: hostile in each field in turn, and whole.
fn bodies(who: Option<&str>, takes: Takes) -> Vec<(Option<String>, Vec<u8>)> {
    let mut out = Vec::new();
    match takes {
        Nothing => {}
        Form(good) => {
            out.push(form(who, good));
            out.push(form(who, ""));
            out.push(form(who, "%FF=%FF&&&=&a"));
            out.push((Some("application/json".into()), b"{}".to_vec()));
            out.push((Some("text/plain".into()), good.as_bytes().to_vec()));
            let fields: Vec<(&str, &str)> = good
                .split('&')
                .filter(|f| !f.is_empty())
                .map(|f| f.split_once('=').unwrap_or((f, "")))
                .collect();
            for (n, h) in hostile_in_form().iter().enumerate() {
                // Each field hostile in turn, the others as they would be sent: every value in
                // some field, each field with a third of the values (the walk's sample).
                for (i, _) in fields.iter().enumerate().filter(|(i, _)| (i + n) % 3 == 0) {
                    let body = fields
                        .iter()
                        .enumerate()
                        .map(|(j, (k, v))| format!("{k}={}", if i == j { h.as_str() } else { v }))
                        .collect::<Vec<_>>()
                        .join("&");
                    out.push(form(who, &body));
                }
                // Every field hostile at once, and the field names themselves.
                let all = fields
                    .iter()
                    .map(|(k, _)| format!("{k}={h}"))
                    .collect::<Vec<_>>()
                    .join("&");
                out.push(form(who, &all));
                if h.len() < 20_000 && n % 3 == 0 {
                    out.push(form(who, &format!("{h}={h}&{good}")));
                }
            }
        }
        Json(good) => {
            let ct = Some("application/json".to_string());
            out.push((ct.clone(), good.as_bytes().to_vec()));
            for b in hostile_json_bodies() {
                out.push((ct.clone(), b));
            }
            out.push((Some("text/plain".into()), good.as_bytes().to_vec()));
            out.push((None, good.as_bytes().to_vec()));
            let good: Value = serde_json::from_str(good).unwrap();
            let Value::Object(fields) = &good else {
                panic!("a JSON body is an object")
            };
            // Paths to every value in the body (one level into objects and the first of a list).
            let mut spots: Vec<Vec<String>> = Vec::new();
            for (k, v) in fields {
                spots.push(vec![k.clone()]);
                if let Value::Object(inner) = v {
                    for (k2, v2) in inner {
                        spots.push(vec![k.clone(), k2.clone()]);
                        if let Some(Value::Object(item)) = v2.as_array().and_then(|a| a.first()) {
                            for k3 in item.keys() {
                                spots.push(vec![k.clone(), k2.clone(), "0".into(), k3.clone()]);
                            }
                        }
                    }
                }
            }
            for (i, spot) in spots.iter().enumerate() {
                // The field left out.
                let mut without = good.clone();
                let (last, parent) = spot.split_last().unwrap();
                if let Some(Value::Object(o)) = at(&mut without, parent) {
                    o.remove(last);
                }
                out.push((ct.clone(), without.to_string().into_bytes()));
                // Every value in some field; each field with half of them.
                for (_, h) in hostile_json_values()
                    .into_iter()
                    .enumerate()
                    .filter(|(n, _)| (i + n) % 2 == 0)
                {
                    let mut body = good.clone();
                    if let Some(v) = at(&mut body, spot) {
                        *v = h;
                    }
                    out.push((ct.clone(), body.to_string().into_bytes()));
                }
            }
            let mut extra = good.clone();
            extra["unknown\u{0}"] = json!("x".repeat(10_000));
            out.push((ct.clone(), extra.to_string().into_bytes()));
        }
        Upload => {
            let names = [
                "values.csv".to_string(),
                String::new(),
                "../../etc/passwd".into(),
                "..".into(),
                ".".into(),
                "/".into(),
                "a\u{0}b.csv".into(),
                "a\nb.csv".into(),
                "\u{1F4A9}".repeat(100),
                "\u{1F4A9}".repeat(64),
                "\u{e9}".repeat(100),
                "x".repeat(10_000),
                "C:\\windows\\system32\\values.csv".into(),
                "workbook.xlsx".into(),
                "cases.csv".into(),
                "lists.csv".into(),
                "compliments.csv".into(),
            ];
            let contents: Vec<Vec<u8>> = vec![
                Vec::new(),
                b"indicator,year,quarter,value\nNI148,2101/02,Q1,99999999999999999999\n".to_vec(),
                b"reference,received\n\x00\xff\xfe,1e400\n".to_vec(),
                b"PK\x03\x04garbage".to_vec(),
                vec![b','; 1 << 20],
                b"\"unclosed\n".to_vec(),
            ];
            for n in &names {
                out.push(multipart(who, n, b"indicator\nNI148\n"));
            }
            for c in &contents {
                for n in ["values.csv", "cases.csv", "workbook.xlsx"] {
                    out.push(multipart(who, n, c));
                }
            }
            out.push((
                Some("multipart/form-data; boundary=XBOUNDARYX".into()),
                b"--XBOUNDARYX\r\nnot a part".to_vec(),
            ));
            out.push((Some("multipart/form-data".into()), b"x".to_vec()));
            out.push((Some("application/json".into()), b"{}".to_vec()));
        }
    }
    out
}

/// The value at a path of keys (a number indexes a list), if it is there.
fn at<'a>(v: &'a mut Value, spot: &[String]) -> Option<&'a mut Value> {
    let mut v = v;
    for k in spot {
        v = match v {
            Value::Array(a) => a.get_mut(k.parse::<usize>().ok()?)?,
            other => other.get_mut(k)?,
        };
    }
    Some(v)
}

/// The widest roles (the performance officer; the complaints role, the only one for casework),
/// a low role, and nobody.
const WHO: [Option<&str>; 4] = [
    Some("officer"),
    Some("complaints"),
    Some("councillor"),
    None,
];

/// Cases that reproduced a bug before it was fixed, so they stay tried by name (method, path,
/// body; a body starting `{` is sent as JSON). Multipart cases are in [`bodies`]: an upload whose
/// file name is 64 or 100 emoji (over 255 bytes) was a 500 from the disk.
const REPRODUCED: &[(&str, &str, Option<&str>)] = &[
    // A static file's name longer than the disk holds: the file server's 500.
    (
        "GET",
        "/static/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        None,
    ),
    // A quarter in 2101 was opened and stored.
    (
        "POST",
        "/api/v1/quarters",
        Some(r#"{"board":"CYPF","period":"2101/02 Q1"}"#),
    ),
    (
        "POST",
        "/quarters",
        Some("action=open&board=CYPF&period=2101%2F02+Q1"),
    ),
    // A deadline in the year 9999 was kept.
    (
        "POST",
        "/api/v1/quarters",
        Some(r#"{"board":"CYPF","period":"2012/13 Q3","deadline":"9999-12-31"}"#),
    ),
    // A compliment from the future, or with a reference that breaks an address, was kept.
    (
        "POST",
        "/complaints/compliments",
        Some("reference=K%2F1&received=2018-02-20&text=x"),
    ),
    (
        "POST",
        "/complaints/compliments",
        Some("received=9999-12-31&text=x"),
    ),
    // An issue numbered at the top of i64 was kept, and the next issue's number overflowed
    // (a panic in a debug build).
    (
        "POST",
        "/complaints/cases/C1",
        Some("action=issue&element=9223372036854775807&summary=x"),
    ),
    (
        "POST",
        "/complaints/cases/C1",
        Some("action=issue&summary=y"),
    ),
    // Type names in a refusal: `u8`, `i32`, `i64`, and plain text where the API answers JSON.
    ("GET", "/api/v1/returns/CFS/2012/9999", None),
    ("GET", "/api/v1/audit?limit=99999999999999999999", None),
    ("GET", "/returns/CFS/x/2", None),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_hostile_request_panics_or_is_answered_500() {
    let app = app().await;
    crate::complaints::procedure::with_complaints(&app).await;
    let routes = routes();

    // Every route in the router's source is walked here.
    let source = include_str!("../../../scrutiny-web/src/lib.rs");
    for declared in source.split(".route(").skip(1) {
        let Some(path) = declared.trim_start().strip_prefix('"') else {
            continue;
        };
        let path = &path[..path.find('"').unwrap()];
        assert!(
            routes.iter().any(|r| r.path == path),
            "{path} is routed but not walked here"
        );
    }

    let mut tried = 0usize;
    let mut failures = Vec::new();
    let mut check = |s: &Sent, answer: Result<(StatusCode, String), String>| {
        tried += 1;
        let shown = |s: &Sent| {
            let body = String::from_utf8_lossy(&s.body);
            let cut: String = body.chars().take(120).collect();
            let path: String = s.path.chars().take(120).collect();
            format!("{:?} {} {path} [{cut}]", s.who, s.method)
        };
        match answer {
            Err(panic) => failures.push(format!("{}: {panic}", shown(s))),
            Ok((status, body)) if status.is_server_error() => {
                let cut: String = body.chars().take(200).collect();
                failures.push(format!("{}: {status} {cut}", shown(s)));
            }
            Ok((status, body)) if status.is_client_error() => {
                let cut: String = body.chars().take(200).collect();
                // Refused in words, never with the server's own type names. (Sign-in's own
                // refusals are left to the work on sign-in: noted, not tested here.)
                let signing_in = s.path.starts_with("/login");
                for leak in [
                    "`i32`",
                    "`u8`",
                    "`i64`",
                    "invalid type",
                    "Failed to deserialize",
                ] {
                    if body.contains(leak) && !signing_in {
                        failures.push(format!("{}: {status} says {leak}: {cut}", shown(s)));
                    }
                }
                // A routed API call answers in its documented shape, {"error": "…"}.
                let api =
                    s.path.starts_with("/api/v1/") && status != StatusCode::METHOD_NOT_ALLOWED;
                let shaped = serde_json::from_str::<Value>(&body)
                    .ok()
                    .is_some_and(|v| v["error"].as_str().is_some_and(|e| !e.is_empty()));
                if api && !shaped && !body.contains("Page not found") {
                    failures.push(format!(
                        "{}: {status} not in the error shape: {cut}",
                        shown(s)
                    ));
                }
            }
            Ok(_) => {}
        }
    };

    for (method, path, body) in REPRODUCED {
        for who in WHO {
            let (content_type, bytes) = match body {
                Some(b) if b.starts_with('{') => {
                    (Some("application/json".into()), b.as_bytes().to_vec())
                }
                Some(b) => form(who, b),
                None => (None, Vec::new()),
            };
            let s = Sent {
                who,
                method,
                path: path.to_string(),
                content_type,
                body: bytes,
            };
            let answer = send(&app, &s).await;
            check(&s, answer);
        }
    }

    let address = hostile_in_address();
    for r in &routes {
        for who in WHO {
            // Each route in full as the role it is for; as the others, a sample (they are mostly
            // refused before their input is read), to keep the walk quick.
            let complaints = r.path.starts_with("/complaints") || r.path.contains("/complaints/");
            let full = who == Some(if complaints { "complaints" } else { "officer" });
            let every = if full { 1 } else { 12 };
            // The route's own input, right and hostile, on a valid address.
            let default_body = bodies(who, r.takes).into_iter().next();
            for (content_type, body) in bodies(who, r.takes).into_iter().step_by(every) {
                let s = Sent {
                    who,
                    method: r.method,
                    path: fill(r.path, None),
                    content_type,
                    body,
                };
                let answer = send(&app, &s).await;
                check(&s, answer);
            }
            // Each path parameter hostile in turn, with the route's good body.
            for p in params(r.path) {
                for h in address.iter().step_by(every.min(4)) {
                    let (content_type, body) = default_body.clone().unwrap_or_default();
                    let s = Sent {
                        who,
                        method: r.method,
                        path: fill(r.path, Some((p, h))),
                        content_type,
                        body,
                    };
                    let answer = send(&app, &s).await;
                    check(&s, answer);
                }
            }
            // Hostile query strings: every key the handler reads, and some it does not.
            let keys: Vec<&str> = r.query.iter().copied().chain(["x"]).collect();
            let values: Vec<&String> = if r.query.is_empty() {
                address.iter().step_by(7 * every).collect()
            } else {
                address.iter().step_by(every).collect()
            };
            for k in &keys {
                for h in &values {
                    let (content_type, body) = default_body.clone().unwrap_or_default();
                    let s = Sent {
                        who,
                        method: r.method,
                        path: format!("{}?{k}={h}&{k}=2&%FF=%FF&&=", fill(r.path, None)),
                        content_type,
                        body,
                    };
                    let answer = send(&app, &s).await;
                    check(&s, answer);
                }
            }
        }
    }
    assert!(tried > 1000, "only {tried} requests tried");

    // Nothing out of bounds was kept: no quarter outside the years reported on, no compliment
    // with a reference that breaks an address or a day still to come.
    for q in app.db.store.quarters().await.unwrap() {
        let year = q.period.year.0;
        assert!((1990..=2100).contains(&year), "{} kept", q.period);
        if let Some(d) = &q.deadline {
            assert!(
                d.as_str() >= "1990-04-01" && d.as_str() <= "2101-03-31",
                "{d} kept"
            );
        }
    }
    for c in app.db.store.load_complaints().await.unwrap().compliments {
        assert!(
            scrutiny_domain::complaints::tables::reference_problem(&c.reference).is_none(),
            "{:?} kept",
            c.reference
        );
        assert!(
            c.received <= chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            "{} kept",
            c.received
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} hostile requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Quarters, deadlines and compliments outside their bounds are refused in words, in each door's
/// own shape (the API's `{"error": …}`, the page's field message), and nothing is kept.
#[tokio::test]
async fn out_of_bounds_input_is_refused_in_words_and_not_kept() {
    let app = app().await;
    crate::complaints::procedure::with_complaints(&app).await;
    let json = |r: &crate::web::Reply| -> String {
        let v: Value = serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{}", r.body));
        v["error"].as_str().unwrap().to_string()
    };
    for (body, says) in [
        (
            r#"{"board":"CYPF","period":"2101/02 Q1"}"#,
            "give a quarter from 1990/91 to 2100/01",
        ),
        (
            r#"{"board":"CYPF","period":"1989/90 Q4"}"#,
            "give a quarter from 1990/91 to 2100/01",
        ),
        (
            r#"{"board":"CYPF","period":"2012/13 Q3","deadline":"9999-12-31"}"#,
            "give a date from 1990-04-01 to 2101-03-31",
        ),
    ] {
        let r = app
            .send(Some("officer"), "POST", "/api/v1/quarters", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(json(&r).contains(says), "{}", r.body);
    }
    let page = app
        .send(
            Some("officer"),
            "POST",
            "/quarters",
            Some("action=open&board=CYPF&period=2101%2F02+Q1"),
        )
        .await;
    assert!(page.status.is_client_error(), "{}", page.status);
    assert!(
        page.body
            .contains("outside the years this service reports on"),
        "{}",
        page.body
    );
    assert!(
        app.db
            .store
            .quarters()
            .await
            .unwrap()
            .iter()
            .all(|q| q.period.year.0 <= 2100 && q.deadline.as_deref() != Some("9999-12-31"))
    );

    // A refused body names its fields, by their JSON names, never the server's types.
    for (path, body, field) in [
        (
            "/api/v1/quarters",
            r#"{"board":"CYPF","period":"2101/02 Q1"}"#,
            "period",
        ),
        (
            "/api/v1/quarters",
            r#"{"board":"CYPF","period":"2012/13 Q3","deadline":"9999-12-31"}"#,
            "deadline",
        ),
        ("/api/v1/quarters", r#"{"board":"CYPF"}"#, "period"),
        (
            "/api/v1/quarters",
            r#"{"board":"CYPF","period":["x"]}"#,
            "period",
        ),
        (
            "/api/v1/complaints/cases/C6/steps",
            // The event is the body's tag: serde names no field for it, so the body is named
            // and the message lists the events.
            r#"{"on":"2018-03-29","event":"fly"}"#,
            "body",
        ),
        (
            "/api/v1/complaints/cases/C6/steps",
            r#"{"on":"29/02/2018x","event":"request_stage2"}"#,
            "on",
        ),
    ] {
        let who = if path.contains("complaints") {
            "complaints"
        } else {
            "officer"
        };
        let r = app.send(Some(who), "POST", path, Some(body)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["fields"][0]["field"], field, "{body}: {}", r.body);
        assert!(!r.body.contains("`"), "{body}: {}", r.body);
    }
    let r = app
        .send(
            Some("manager"),
            "PUT",
            "/api/v1/returns/CFS/2012/2",
            Some(r#"{"version":0,"action":"save","entries":{"values":[{"indicator":"CFS LI01","value":7}]}}"#),
        )
        .await;
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        v["fields"][0]["field"], "entries.values[0].value",
        "{}",
        r.body
    );

    // The address's numbers, named in words and in the API's shape.
    for (path, says) in [
        (
            "/api/v1/returns/CFS/2012/9999",
            "quarter '9999' is not a quarter",
        ),
        (
            "/api/v1/returns/CFS/x/2",
            "year 'x' is not a year like 2012",
        ),
        ("/api/v1/complaints/report/1e400", "year '1e400'"),
        (
            "/api/v1/audit?limit=99999999999999999999",
            "not a whole number",
        ),
        (
            "/api/v1/indicators?period=2101%2F02+Q1",
            "give a quarter from",
        ),
    ] {
        let r = app.send(Some("officer"), "GET", path, None).await;
        assert!(r.status.is_client_error(), "{path}: {}", r.status);
        assert!(json(&r).contains(says), "{path}: {}", r.body);
    }
    let r = app
        .send(Some("manager"), "GET", "/returns/CFS/x/2", None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("year &#39;x&#39; is not a year like 2012")
            || r.body.contains("year 'x' is not a year like 2012"),
        "{}",
        r.body
    );

    // A compliment: a reference that would break an address, a day still to come.
    for (body, says) in [
        (
            "reference=K%2F1&received=2018-02-20&text=x",
            "use letters, digits, spaces",
        ),
        ("received=9999-12-31&text=x", "cannot be after today"),
        ("received=1989-12-31&text=x", "give a date from 1990-04-01"),
    ] {
        let r = app
            .send(
                Some("complaints"),
                "POST",
                "/complaints/compliments",
                Some(body),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        assert!(r.body.contains(says), "{body}: {}", r.body);
    }
    let kept = app.db.store.load_complaints().await.unwrap().compliments;
    assert_eq!(kept.len(), 1, "only the sample's compliment: {kept:?}");

    // A case's issue: numbered within bounds, its lists' choices checked; a learning action
    // due within the years reported on.
    for (body, says) in [
        (
            "action=issue&element=9223372036854775807&summary=x",
            "from 1 to 999",
        ),
        (
            "action=issue&summary=x&category=nonsense",
            "Choose the category from the list",
        ),
        (
            "action=learning&learning=x&due=9999-12-31&status=in_progress",
            "give a date from 1990-04-01",
        ),
        ("action=issue&summary=x", ""),
    ] {
        let r = app
            .send(
                Some("complaints"),
                "POST",
                "/complaints/cases/C1",
                Some(body),
            )
            .await;
        if says.is_empty() {
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{body}: {}", r.body);
        } else {
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                r.body
            );
            assert!(r.body.contains(says), "{body}: {}", r.body);
        }
    }
    let issues = app.db.store.load_complaints().await.unwrap().elements;
    assert!(
        issues.iter().all(|e| (1..=999).contains(&e.element)),
        "{issues:?}"
    );
}
