//! Everything published is reachable in the web application and says what the printed reports
//! say: the Reports page lists every document in every format, an indicator's page carries all
//! the report's commentary on it, pages show labels rather than codes, and the dashboard opens
//! on the newest quarter with figures.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use scrutiny_domain::Period;
use scrutiny_domain::performance::returns::QuarterState;

use crate::harness::{import_table, sample};
use crate::web::{App, app};

/// The sample complaints, and a complaints manager signed in as `complaints`.
async fn with_sample_complaints(app: &App) {
    let held = app.db.store.load_complaints().await.unwrap();
    let data = scrutiny_import::complaints::read_complaints(
        &sample("complaints"),
        &held,
        crate::harness::import_day(),
    )
    .unwrap();
    app.db
        .store
        .apply_complaints(&data, "test", "2026-12-02T00:00:00Z", "sample")
        .await
        .unwrap();
    app.add_user("complaints", "complaints").await;
}

/// Every link on a page to a document.
fn document_links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("/reports/") || h.starts_with("/complaints/report/"))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

const FORMATS: [&str; 4] = ["html", "pdf", "docx", "xlsx"];

#[tokio::test]
async fn the_reports_page_lists_every_published_document_in_every_format() {
    let app = app().await;
    with_sample_complaints(&app).await;
    let r = app.send(Some("officer"), "GET", "/reports", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let links = document_links(&r.body);
    let strategy = "/reports/strategy/SCS-CYP/2012/2";
    let adoption = "/reports/action-plan/ADOPTION-2012/2013-01-03";
    let business = "/reports/business-plan/CYPF/2013";
    let complaints = "/complaints/report/2017";
    for base in [
        "/reports/pbr/CYPF/2012/1",
        "/reports/qmr/CFS/2012/1",
        strategy,
        adoption,
        business,
        complaints,
    ] {
        for f in FORMATS {
            let href = format!("{base}/{f}");
            assert!(links.contains(&href), "{href} is not listed: {links:?}");
        }
    }
    assert!(
        links
            .iter()
            .any(|l| l == "/reports/action-plan/PEER-CHALLENGE-2012/latest/html"),
        "{links:?}"
    );
    for heading in [
        "Quarterly monitoring reports",
        "Strategy progress reports",
        "Action plans",
        "Business plans",
        "Complaints annual reports",
    ] {
        assert!(r.body.contains(heading), "no '{heading}' section");
    }
    assert!(
        r.body.contains("As at 3 January 2013"),
        "no action plan date"
    );
    assert!(r.body.contains("Produced"));
    assert!(
        !r.body.contains("internal"),
        "the unsuppressed report is listed"
    );
    // Every listed web page opens (one complaints year stands for the rest, each takes a
    // moment); each new kind of document comes in every format.
    for l in links.iter().filter(|l| {
        l.ends_with("/html") && (!l.starts_with("/complaints/") || l.starts_with(complaints))
    }) {
        let r = app.send(Some("officer"), "GET", l, None).await;
        assert_eq!(r.status, StatusCode::OK, "{l}: {}", r.body);
        assert!(r.body.contains("<h1"), "{l}");
    }
    for base in [strategy, adoption, business] {
        for f in &FORMATS[1..] {
            let r = app
                .send(Some("officer"), "GET", &format!("{base}/{f}"), None)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{base}/{f}: {}", r.body);
        }
    }
    let r = app
        .send(Some("officer"), "GET", &format!("{adoption}/html"), None)
        .await;
    assert!(
        r.body.contains("Progress as at 3 January 2013"),
        "{}",
        r.body
    );

    // A board member sees what is published (the complaints report always is) and nothing
    // else, and is refused the rest by address.
    let r = app.send(Some("councillor"), "GET", "/reports", None).await;
    let theirs = document_links(&r.body);
    assert!(theirs.contains(&format!("{complaints}/pdf")), "{theirs:?}");
    assert!(
        !theirs.iter().any(|l| l.starts_with("/reports/")),
        "{theirs:?}"
    );
    assert!(!r.body.contains("internal"));
    for base in [strategy, adoption, business] {
        let r = app
            .send(Some("councillor"), "GET", &format!("{base}/html"), None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{base}");
        let r = app.send(None, "GET", &format!("{base}/html"), None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{base}");
        assert!(r.location.starts_with("/login?next="), "{base}");
    }
    // Publishing 2012/13 Q2 (a fortnight before "today") makes its strategy report public,
    // dated the day it was published.
    let q2 = Period::parse("2012/13 Q2").unwrap();
    for to in [QuarterState::Locked, QuarterState::Published] {
        app.db
            .store
            .set_quarter_state("CYPF", q2, to, "officer", "2026-11-18T10:00:00Z")
            .await
            .unwrap();
    }
    let r = app.send(None, "GET", "/published", None).await;
    assert!(
        document_links(&r.body).contains(&format!("{strategy}/pdf")),
        "{}",
        r.body
    );
    assert!(r.body.contains("18 November 2026"), "{}", r.body);
    let r = app
        .send(None, "GET", &format!("{strategy}/html"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("18 November 2026"));
}

#[tokio::test]
async fn an_indicators_page_carries_the_reports_commentary_on_it() {
    let app = app().await;
    import_table(
        &app.db,
        "values.csv",
        "indicator,year,quarter,value,status,rag_override,override_reason,commentary,initials\n\
         NI080,2012/13,Q2,50.0,unvalidated,red,Checked by hand,Results are due in March,AB\n",
    )
    .await;
    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/indicators/NI080?period=2012%2F13+Q2",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let text = visible_text(&r.body);
    for printed in [
        // The quarter's row as the reports print it.
        "Results are due in March (AB)",
        "50.0%, unvalidated",
        "Set by a person: Checked by hand",
        "with a proposed revision to 54.0",
        "51.2%",
        // The target review.
        "Target revisions",
        "SCS light touch review 2012",
        "Proposed, awaiting decision",
        // The strategy's commentary on the measure.
        "Data commentary",
        "Data for academic year 2011/12 (2012 results) will be available March 2013.",
        "Performance commentary",
        "Summary of key activities taken or planned to improve performance",
    ] {
        assert!(
            text.contains(printed),
            "the page lacks '{printed}':\n{text}"
        );
    }
}

/// The page's text as read, without tags or attribute values, entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn pages_show_labels_never_internal_codes() {
    let app = app().await;
    with_sample_complaints(&app).await;
    let data = app.db.store.load().await.unwrap();
    let complaints = app.db.store.load_complaints().await.unwrap();
    // Codes a person should never read: each has a label or name the pages show instead.
    let mut codes: Vec<String> = data
        .priorities
        .iter()
        .map(|p| p.code.clone())
        .chain(data.boards.iter().map(|b| b.code.clone()))
        .chain(data.departments.iter().map(|d| d.code.clone()))
        .chain(data.milestones.iter().map(|m| m.code.clone()))
        .chain(
            complaints
                .lists
                .iter()
                .filter(|i| i.code != i.label && i.code.contains('_'))
                .map(|i| i.code.clone()),
        )
        .collect();
    codes.sort();
    codes.dedup();
    assert!(codes.iter().any(|c| c == "EARLY_HELP") && codes.iter().any(|c| c == "customer_care"));
    // References are printed as the reports print them ("CFS LI01", "SCS CYP08"): take them out
    // before looking for a code standing alone.
    let mut refs: Vec<&str> = data
        .indicators
        .iter()
        .flat_map(|i| [i.code.as_str(), i.refs.as_str()])
        .filter(|r| !r.is_empty())
        .collect();
    refs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let case = complaints
        .cases
        .iter()
        .find(|c| c.kind == "customer_care")
        .map(|c| c.reference.clone())
        .unwrap();
    let pages = [
        ("manager", "/".to_string()),
        ("manager", "/?period=2012%2F13+Q1".to_string()),
        ("manager", "/returns/CFS/2012/1".to_string()),
        ("officer", "/returns?period=2012%2F13+Q1".to_string()),
        ("officer", "/quarters".to_string()),
        ("officer", "/reports".to_string()),
        ("councillor", "/indicators/NI148".to_string()),
        (
            "councillor",
            "/indicators/CFS%20LI01?period=2012%2F13+Q1".to_string(),
        ),
        ("complaints", "/complaints".to_string()),
        ("complaints", format!("/complaints/cases/{case}")),
    ];
    for (who, path) in &pages {
        let r = app.send(Some(who), "GET", path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{who} {path}");
        let mut text = visible_text(&r.body);
        for r in &refs {
            text = text.replace(r, " ");
        }
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .collect();
        for code in &codes {
            assert!(
                !words.contains(&code.as_str()),
                "{who} {path} shows the code '{code}':\n{text}"
            );
        }
    }
    // The API says the words beside each code.
    let r = app
        .send(
            Some("councillor"),
            "GET",
            "/api/v1/indicators?period=2012%2F13+Q1",
            None,
        )
        .await;
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let first = &json["indicators"][0];
    let dept = data
        .departments
        .iter()
        .find(|d| first["department"] == d.code.as_str())
        .unwrap();
    assert_eq!(first["department_name"], dept.name.as_str(), "{first}");
    assert!(first["progress_label"].is_string(), "{first}");
    let r = app
        .send(Some("complaints"), "GET", "/api/v1/complaints/cases", None)
        .await;
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    for c in json["cases"].as_array().unwrap() {
        assert_eq!(
            c["kind_label"].as_str(),
            Some(complaints.label("kind", c["kind"].as_str().unwrap())),
            "{c}"
        );
    }
}

#[tokio::test]
async fn the_dashboard_opens_on_the_newest_quarter_with_figures() {
    let app = app().await;
    // 2012/13 Q3 is opened for returns but nothing has come in yet.
    let q3 = Period::parse("2012/13 Q3").unwrap();
    app.db
        .store
        .open_quarter("CYPF", q3, None, "test", "2026-12-02T00:00:00Z")
        .await
        .unwrap();
    let r = app.send(Some("councillor"), "GET", "/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let h1 = r
        .body
        .split("<h1")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(h1.contains("2012/13 Q2"), "{h1}");
    assert!(
        r.body.contains("<option value=\"2012/13 Q2\" selected>"),
        "the picker does not show the quarter shown"
    );
    assert!(
        r.body.contains("<option value=\"2012/13 Q3\">"),
        "the picker lost the opened quarter"
    );
    // The picker still chooses any quarter.
    let r = app
        .send(Some("councillor"), "GET", "/?period=2012%2F13+Q3", None)
        .await;
    let h1 = r
        .body
        .split("<h1")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(h1.contains("2012/13 Q3"), "{h1}");
    let r = app
        .send(Some("councillor"), "GET", "/?period=2012%2F13+Q1", None)
        .await;
    assert!(r.body.contains("<option value=\"2012/13 Q1\" selected>"));
    // The API and the indicator page open on the same quarter.
    let r = app
        .send(Some("councillor"), "GET", "/api/v1/indicators", None)
        .await;
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["period"], "2012/13 Q2");
}
