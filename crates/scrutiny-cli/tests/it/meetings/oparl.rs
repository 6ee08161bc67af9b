//! The OParl 1.1-shaped API, walked from the System as a client would: every object has its
//! `id` (an absolute URL that answers with the same object) and its 1.1 `type`, lists are paged,
//! and Part II titles stay out.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;
use serde_json::Value;

use crate::web::{App, app};

async fn get(app: &App, url: &str) -> Value {
    let path = url.strip_prefix("http://localhost").unwrap_or(url);
    let r = app.send(None, "GET", path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn typed(v: &Value, kind: &str) {
    assert_eq!(
        v["type"],
        format!("https://schema.oparl.org/1.1/{kind}"),
        "{v}"
    );
    assert!(
        v["id"]
            .as_str()
            .unwrap()
            .starts_with("http://localhost/oparl/v1/")
    );
}

/// The fields OParl 1.1 asks of an object of `kind`, with their types: `id` an absolute URL
/// under the API, `type` the 1.1 type; and each of `fields` present, URLs as strings, dates as
/// ISO dates, lists as arrays.
fn conforms(v: &Value, kind: &str, fields: &[&str]) {
    typed(v, kind);
    for field in fields {
        let f = &v[*field];
        assert!(!f.is_null(), "{kind} without {field}: {v}");
        match *field {
            "date" => assert!(
                chrono::NaiveDate::parse_from_str(f.as_str().unwrap(), "%Y-%m-%d").is_ok(),
                "{kind}.{field}: {f}"
            ),
            "accessUrl" | "body" | "meeting" | "agendaItem" => {
                assert!(
                    f.as_str().unwrap().starts_with("http://localhost/"),
                    "{kind}.{field}: {f}"
                )
            }
            "consultation" | "paper" if kind == "Paper" || kind == "File" => {
                assert!(f.is_array(), "{kind}.{field}: {f}")
            }
            "order" => assert!(f.is_u64(), "{kind}.{field}: {f}"),
            _ => {}
        }
    }
}

/// A list's one page: its objects, after checking OParl's paging fields.
fn page(list: &Value) -> Vec<Value> {
    let p = &list["pagination"];
    for field in [
        "totalElements",
        "elementsPerPage",
        "currentPage",
        "totalPages",
    ] {
        assert!(p[field].is_u64(), "{field}: {list}");
    }
    assert!(list["links"]["first"].is_string());
    list["data"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_client_walks_from_the_system_to_the_seeds_meeting() {
    let app = app().await;
    let system = get(&app, "/oparl/v1/system").await;
    typed(&system, "System");
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    let bodies = page(&get(&app, system["body"].as_str().unwrap()).await);
    assert_eq!(bodies.len(), 1);
    let body = &bodies[0];
    typed(body, "Body");
    assert_eq!(body["name"], "Halton Borough Council");
    assert_eq!(get(&app, body["id"].as_str().unwrap()).await, *body);

    let organizations = page(&get(&app, body["organization"].as_str().unwrap()).await);
    let board = organizations
        .iter()
        .find(|o| o["id"].as_str().unwrap().ends_with("/organization/CYPF"))
        .unwrap();
    typed(board, "Organization");
    // The 2012/13 terms and the 2018/19 ones.
    assert_eq!(board["membership"].as_array().unwrap().len(), 23);

    let people = page(&get(&app, body["person"].as_str().unwrap()).await);
    let chair = people
        .iter()
        .find(|p| p["name"] == "Councillor Mark Dennett")
        .unwrap();
    typed(chair, "Person");
    let m = &chair["membership"][0];
    typed(m, "Membership");
    assert_eq!(m["role"], "Chair");
    assert_eq!(m["organization"], board["id"]);
    assert_eq!(
        get(&app, chair["id"].as_str().unwrap()).await["name"],
        chair["name"]
    );

    let meetings = page(&get(&app, body["meeting"].as_str().unwrap()).await);
    let november = meetings
        .iter()
        .find(|m| {
            m["id"]
                .as_str()
                .unwrap()
                .ends_with("/meeting/CYPF-2018-11-12")
        })
        .unwrap();
    typed(november, "Meeting");
    assert_eq!(november["start"], "2018-11-12T18:30:00+00:00");
    assert_eq!(
        november["location"]["description"],
        "Civic Suite - Town Hall, Runcorn"
    );
    let items = november["agendaItem"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    typed(&items[0], "AgendaItem");
    assert_eq!(items[5]["number"], "5(A)");
    assert_eq!(items[5]["order"], 6);
    let exempt = items.last().unwrap();
    assert_eq!(exempt["public"], false);
    assert!(!exempt["name"].as_str().unwrap().contains("Placement"));
    // September's, held, in summer time, with who was present.
    let september = get(&app, "/oparl/v1/meeting/CYPF-2018-09-10").await;
    assert_eq!(september["start"], "2018-09-10T18:30:00+01:00");
    assert_eq!(september["meetingState"], "held");
    assert_eq!(september["participant"].as_array().unwrap().len(), 9);

    // Each published Part I item's report is a Paper; its File is the report's PDF, and its
    // Consultation ties it to the item, which points back.
    let papers = page(&get(&app, body["paper"].as_str().unwrap()).await);
    let references: Vec<&str> = papers
        .iter()
        .map(|p| p["reference"].as_str().unwrap())
        .collect();
    assert!(
        references.contains(&"CYPF-2018-11-12 item 5(A)"),
        "{references:?}"
    );
    // The Q1 monitoring report waits for its quarter's publication, as on the reports pages.
    assert!(
        !references.contains(&"CYPF-2012-09-03 item 6(A)"),
        "{references:?}"
    );
    let withheld = app
        .send(None, "GET", "/meetings/CYPF-2012-09-03/items/6a", None)
        .await;
    assert_eq!(withheld.status, StatusCode::NOT_FOUND);
    let q1 = scrutiny_domain::Period::parse("2012/13 Q1").unwrap();
    let at = "2026-12-02T12:00:00Z";
    app.db
        .store
        .open_quarter("CYPF", q1, None, "officer", at)
        .await
        .unwrap();
    for to in [
        scrutiny_domain::performance::returns::QuarterState::Locked,
        scrutiny_domain::performance::returns::QuarterState::Published,
    ] {
        app.db
            .store
            .set_quarter_state("CYPF", q1, to, "officer", at)
            .await
            .unwrap();
    }
    let papers = page(&get(&app, body["paper"].as_str().unwrap()).await);
    let references: Vec<&str> = papers
        .iter()
        .map(|p| p["reference"].as_str().unwrap())
        .collect();
    assert!(
        references.contains(&"CYPF-2012-09-03 item 6(A)"),
        "{references:?}"
    );
    let published = app
        .send(None, "GET", "/meetings/CYPF-2012-09-03/items/6a", None)
        .await;
    assert_eq!(published.status, StatusCode::OK);
    assert!(
        !references.iter().any(|r| r.ends_with("item 7")),
        "no Part II paper"
    );
    for paper in &papers {
        conforms(
            paper,
            "Paper",
            &["body", "name", "date", "mainFile", "consultation"],
        );
        assert_eq!(&get(&app, paper["id"].as_str().unwrap()).await, paper);
        let file = &paper["mainFile"];
        conforms(
            file,
            "File",
            &["accessUrl", "mimeType", "fileName", "paper"],
        );
        assert_eq!(file["paper"][0], paper["id"]);
        let consultation = &paper["consultation"][0];
        conforms(
            consultation,
            "Consultation",
            &["paper", "agendaItem", "meeting"],
        );
        let item = get(&app, consultation["agendaItem"].as_str().unwrap()).await;
        conforms(&item, "AgendaItem", &["meeting", "number", "order", "name"]);
        assert_eq!(item["consultation"], consultation["id"]);
        assert_eq!(
            &get(&app, consultation["id"].as_str().unwrap()).await,
            consultation
        );
    }
    let files = page(&get(&app, body["file"].as_str().unwrap()).await);
    let consultations = page(&get(&app, body["consultation"].as_str().unwrap()).await);
    assert_eq!(
        (files.len(), consultations.len()),
        (papers.len(), papers.len())
    );
    // The File downloads: the paper of item 5(A) of 12 November 2018.
    let paper = papers
        .iter()
        .find(|p| p["reference"] == "CYPF-2018-11-12 item 5(A)")
        .unwrap();
    let url = paper["mainFile"]["accessUrl"].as_str().unwrap();
    let pdf = app
        .send(
            None,
            "GET",
            url.strip_prefix("http://localhost").unwrap(),
            None,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK, "{url}");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let missing = app.send(None, "GET", "/oparl/v1/meeting/NONE", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.starts_with('{'));
}
