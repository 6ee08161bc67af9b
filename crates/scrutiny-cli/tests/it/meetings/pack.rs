//! A meeting's agenda pack: the front sheet's page ranges are the pages each item's report
//! takes; Part II is in the members' pack only, and the public pack waits for publication.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use axum::http::StatusCode;
use scrutiny_domain::Dataset;
use scrutiny_report::meetings::pack::{Audience, Pack};

use crate::harness::TestDb;
use crate::html_snapshot::PRODUCED_ON;
use crate::web::app;

const CODE: &str = "CYPF-2018-11-12";
const EXEMPT_TITLE: &str = "Placement costs of named children";

/// The sample meeting's packs, public and members'; the complaints sample must be loaded for
/// the annual report item.
pub(crate) async fn sample_packs(db: &TestDb, data: &Dataset) -> Vec<Pack> {
    let mut packs = Vec::new();
    for audience in [Audience::Public, Audience::Members] {
        packs.push(pack_of(db, data, CODE, audience).await);
    }
    packs
}

async fn pack_of(db: &TestDb, data: &Dataset, code: &str, audience: Audience) -> Pack {
    let calendar = scrutiny_import::calendar::bank_holidays().unwrap();
    scrutiny_web::pages::meetings::pack::build(
        &db.store,
        data,
        &calendar,
        code,
        audience,
        PRODUCED_ON,
        &|_| false,
    )
    .await
    .unwrap()
}

/// Each page's text, as a reader extracts it.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext ({e}): install poppler-utils"));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The agenda item whose report a page belongs to, from the running header.
fn item_of(page: &str) -> Option<String> {
    let head: String = page.lines().take(3).collect::<Vec<_>>().join(" ");
    let at = head.find("Agenda item ")?;
    head[at + "Agenda item ".len()..]
        .split_whitespace()
        .next()
        .map(str::to_string)
}

/// The pack's pages, and the pages each item's report runs over as read from the pages
/// themselves, checked against the ranges the front sheet prints.
fn printed(pack: &Pack) -> (Vec<String>, Vec<(String, usize, usize)>) {
    let pdf = scrutiny_web::render::render_pack(pack).unwrap();
    let pages = page_texts(&pdf);
    let mut ranges: Vec<(String, usize, usize)> = Vec::new();
    for (n, page) in pages.iter().enumerate().skip(1) {
        let Some(item) = item_of(page) else { continue };
        match ranges.last_mut() {
            Some((i, _, last)) if *i == item => *last = n + 1,
            _ => ranges.push((item, n + 1, n + 1)),
        }
    }
    let front = pages[..2].concat();
    for (item, first, last) in &ranges {
        let printed = if first == last {
            first.to_string()
        } else {
            format!("{first} - {last}")
        };
        let row = front
            .lines()
            .find(|l| l.trim_start().starts_with(item.as_str()))
            .unwrap_or_else(|| panic!("no row for item {item} in {front}"));
        // Poppler may close up the spaces around the dash of a short range.
        let bare = |t: &str| t.replace(' ', "");
        assert!(
            bare(row).ends_with(&bare(&printed)),
            "item {item} runs over pages {printed}, its row says: {row}"
        );
    }
    (pages, ranges)
}

#[tokio::test]
async fn the_front_sheet_prints_the_pages_each_report_takes() {
    let (db, data) = TestDb::with_samples().await;
    crate::html_snapshot::complaints_reports(&db).await;
    let packs = sample_packs(&db, &data).await;
    let public = &packs[0];
    assert!(
        public.diagnostics.is_empty(),
        "every report found: {:?}",
        public.diagnostics
    );
    let (pages, ranges) = printed(public);
    let refs: Vec<&str> = ranges.iter().map(|(i, ..)| i.as_str()).collect();
    // Minutes of 10 September, the written paper, the complaints annual report.
    assert_eq!(refs, ["1", "5(A)", "6(A)"], "{ranges:?}");
    let front = pages[0].clone() + &pages[1];
    // Each report starts on its own page, under its title; 6(B) is awaited.
    assert!(pages[ranges[0].1 - 1].contains("minutes"));
    assert!(pages[ranges[0].1 - 1].contains("CYP12"));
    // A declaration of interest is printed before the minute of the item it concerns.
    let minutes = pages[ranges[0].1 - 1..ranges[0].2]
        .concat()
        .replace('\n', " ");
    let minutes = minutes.split_whitespace().collect::<Vec<_>>().join(" ");
    let note = minutes
        .find("(N.B. Councillor Carlin declared a Disclosable Other Interest")
        .unwrap_or_else(|| panic!("no declaration in {minutes}"));
    assert!(note < minutes.find("CYP16").unwrap());
    assert!(pages[ranges[1].1 - 1].contains("Business Planning 2019 / 20"));
    assert!(pages[ranges[1].1 - 1].contains("REPORTING OFFICER:"));
    assert!(front.contains("To follow"));
    assert!(front.contains("Councillor Mark Dennett (Chair)"));
    assert!(front.contains("Monday, 28 January 2019"));
    // The open action of CYP17 is carried onto this agenda.
    assert!(front.contains("gender split of"), "{front}");
    assert!(!pages.concat().contains(EXEMPT_TITLE));
}

#[tokio::test]
async fn part_two_is_in_the_members_pack_only() {
    let (db, data) = TestDb::with_samples().await;
    let packs = sample_packs(&db, &data).await;
    let json = |p: &Pack| serde_json::to_string(p).unwrap();
    assert!(!json(&packs[0]).contains(EXEMPT_TITLE));
    assert!(json(&packs[1]).contains(EXEMPT_TITLE));
    assert!(json(&packs[1]).contains("Part II"));

    let app = app().await;
    let page = app
        .send(None, "GET", &format!("/meetings/{CODE}"), None)
        .await;
    assert!(page.body.contains(&format!("/meetings/{CODE}/pack")));
    assert!(!page.body.contains("members-pack"));
    let page = app
        .send(
            Some("councillor"),
            "GET",
            &format!("/meetings/{CODE}"),
            None,
        )
        .await;
    assert!(
        page.body
            .contains(&format!("/meetings/{CODE}/members-pack"))
    );
    let path = format!("/meetings/{CODE}/pack");
    let public = app.send(None, "GET", &path, None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    assert_eq!(public.headers["content-type"], "application/pdf");
    let text = page_texts(&public.bytes).concat();
    assert!(text.contains("Public Document Pack") && !text.contains(EXEMPT_TITLE));

    let members = format!("/meetings/{CODE}/members-pack");
    let anonymous = app.send(None, "GET", &members, None).await;
    assert_ne!(anonymous.status, StatusCode::OK);
    assert!(!anonymous.body.contains(EXEMPT_TITLE));
    let finance = app.send(Some("finance"), "GET", &members, None).await;
    assert_eq!(finance.status, StatusCode::FORBIDDEN);
    let councillor = app.send(Some("councillor"), "GET", &members, None).await;
    assert_eq!(councillor.status, StatusCode::OK, "{}", councillor.body);
    assert!(
        page_texts(&councillor.bytes)
            .concat()
            .contains(EXEMPT_TITLE)
    );

    // Each item's report on its own: a Part I paper for anyone, the Part II item for members.
    let paper = app
        .send(None, "GET", &format!("/meetings/{CODE}/items/5a"), None)
        .await;
    assert_eq!(paper.status, StatusCode::OK, "{}", paper.body);
    assert!(
        page_texts(&paper.bytes)
            .concat()
            .contains("Business Planning 2019 / 20")
    );
    for who in [None, Some("finance")] {
        let exempt = app
            .send(who, "GET", &format!("/meetings/{CODE}/items/7"), None)
            .await;
        assert_eq!(exempt.status, StatusCode::NOT_FOUND, "{who:?}");
        assert!(!exempt.body.contains("Placement costs"));
    }
    let exempt = app
        .send(
            Some("councillor"),
            "GET",
            &format!("/meetings/{CODE}/items/7"),
            None,
        )
        .await;
    assert_eq!(exempt.status, StatusCode::OK, "{}", exempt.body);
    assert!(
        page_texts(&exempt.bytes)
            .concat()
            .contains("Placement costs of named children")
    );

    // The next meeting's agenda is not published: no pack for the public yet.
    let early = app
        .send(None, "GET", "/meetings/CYPF-2019-01-28/pack", None)
        .await;
    assert_eq!(early.status, StatusCode::NOT_FOUND);
    app.add_user("democratic", "democratic").await;
    let prepared = app
        .send(
            Some("democratic"),
            "GET",
            "/meetings/CYPF-2019-01-28/pack",
            None,
        )
        .await;
    assert_eq!(prepared.status, StatusCode::OK, "{}", prepared.body);
}

#[tokio::test]
async fn democratic_services_write_a_paper_in_the_browser_and_the_pack_prints_it() {
    let app = app().await;
    app.add_user("democratic", "democratic").await;
    let post = |path: &'static str, form: String| {
        let app = &app;
        async move {
            let r = app
                .send(Some("democratic"), "POST", path, Some(&form))
                .await;
            assert!(r.status.is_redirection(), "{path}: {} {}", r.status, r.body);
        }
    };
    post(
        "/framework/report_covers",
        "version=new&col-report=paper&col-scope=CYPF-2019-01-28&col-period=2\
         &col-meeting_date=2019-01-28&col-reporting_officer=Strategic+Director%2C+People\
         &col-subject=Sufficiency+of+foster+carers&col-wards=All&col-portfolio=\
         &col-purpose=To+tell+the+Board+how+many+carers+are+approved.\
         &col-recommendation=That+the+report+be+noted."
            .to_string(),
    )
    .await;
    post(
        "/framework/report_cover_sections",
        "version=new&col-report=paper&col-scope=CYPF-2019-01-28&col-period=2&col-position=3\
         &col-heading=Supporting+information&col-text=3.1+Forty+carers+are+approved."
            .to_string(),
    )
    .await;
    post(
        "/framework/agenda_items",
        "version=new&col-meeting=CYPF-2019-01-28&col-item=2&col-title=Foster+carers\
         &col-exempt_paragraph=&col-owner=Strategic+Director%2C+People&col-report_received=2019-01-10\
         &col-report=paper&col-report_scope=&col-report_period=&col-note="
            .to_string(),
    )
    .await;
    // A board member may not write committee reports.
    let refused = app
        .send(
            Some("councillor"),
            "GET",
            "/framework/report_covers/new",
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let pack = app
        .send(
            Some("democratic"),
            "GET",
            "/meetings/CYPF-2019-01-28/pack",
            None,
        )
        .await;
    assert_eq!(pack.status, StatusCode::OK, "{}", pack.body);
    let pages = page_texts(&pack.bytes);
    assert_eq!(pages.len(), 2, "the front sheet and the paper");
    for text in [
        "Sufficiency of foster carers",
        "REPORTING OFFICER:",
        "1.0 Purpose of report",
        "3.0 Supporting information",
        "3.1 Forty carers are approved.",
    ] {
        assert!(pages[1].contains(text), "no '{text}' in {}", pages[1]);
    }
    assert!(pages[0].contains("Foster carers"));
}

/// The agendas of 3 September 2012 (`000_*`) and 3 January 2013 (`001_*`) as the seeds print
/// them, each with the reports Scrutiny makes inserted where the seed's pack had them.
#[tokio::test]
async fn the_2012_and_2013_packs_are_the_seeds_agendas_with_their_reports_made() {
    let (db, data) = TestDb::with_samples().await;
    crate::html_snapshot::complaints_reports(&db).await;
    /// (item, words): an agenda line as the seed prints it, or a report's page and its title.
    type Lines = &'static [(&'static str, &'static str)];
    let seeds: [(&str, Lines, &str, Lines); 2] = [
        (
            "CYPF-2012-09-03",
            &[
                ("1", "MINUTES"),
                (
                    "2",
                    "DECLARATION OF INTEREST (INCLUDING PARTY WHIP DECLARATIONS)",
                ),
                ("3", "PUBLIC QUESTION TIME"),
                ("4", "EXECUTIVE BOARD MINUTES"),
                ("5", "SSP MINUTES"),
                ("6", "PERFORMANCE MONITORING"),
                ("6(A)", "QUARTERLY MONITORING REPORTS"),
                ("7", "DEVELOPMENT OF POLICY ISSUES"),
                ("7(A)", "CHILD IN NEED WORKLOAD"),
                ("7(B)", "TROUBLED FAMILIES UPDATE"),
                ("7(C)", "ANNUAL COMPLAINTS & COMPLIMENTS REPORT"),
            ],
            "Monday, 29 October 2012",
            &[
                ("3", "Public Question Time"),
                (
                    "6(A)",
                    "Performance Management Reports for Quarter 1 of 2012/13",
                ),
                ("7(C)", "Complaints"),
            ],
        ),
        (
            "CYPF-2013-01-03",
            &[
                ("1", "MINUTES"),
                (
                    "2",
                    "DECLARATION OF INTEREST (INCLUDING PARTY WHIP DECLARATIONS)",
                ),
                ("3", "PUBLIC QUESTION TIME"),
                ("4", "EXECUTIVE BOARD MINUTES"),
                ("5", "SSP MINUTES"),
                ("6", "PERFORMANCE MONITORING"),
                ("6(A)", "PERFORMANCE MONITORING REPORTS - QUARTER 2"),
                ("6(B)", "DIRECTORATE BUSINESS PLAN 2013-16"),
                (
                    "6(C)",
                    "SUSTAINABLE COMMUNITY STRATEGY MID-YEAR UPDATE 2012/13",
                ),
                ("7", "DEVELOPMENT OF POLICY ISSUES"),
                ("7(A)", "OUTCOME OF PEER CHALLENGE ON NARROWING THE GAP"),
                ("7(B)", "ADOPTION ACTION PLAN"),
                ("7(C)", "SCRUTINY TOPICS"),
            ],
            "Monday, 25 February 2013",
            &[
                ("3", "Public Question Time"),
                ("6(B)", "Business Plan"),
                ("6(C)", "Sustainable Community Strategy"),
                ("7(A)", "Narrowing the Gap"),
                ("7(B)", "Adoption"),
            ],
        ),
    ];
    for (code, agenda, next, reports) in seeds {
        let pack = pack_of(&db, &data, code, Audience::Public).await;
        assert!(
            pack.diagnostics.is_empty(),
            "{code}: {:?}",
            pack.diagnostics
        );
        let items: Vec<(String, String)> = pack.parts[0]
            .items
            .iter()
            .map(|i| (i.reference.clone(), i.title.to_uppercase()))
            .collect();
        let seed: Vec<(String, String)> = agenda
            .iter()
            .map(|(r, t)| ((*r).to_string(), (*t).to_string()))
            .collect();
        assert_eq!(items, seed, "{code}");
        let members: Vec<&str> = pack.membership.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            members,
            [
                "Councillor Mark Dennett (Chair)",
                "Councillor Margaret Horabin (Vice-Chair)",
                "Councillor Ellen Cargill",
                "Councillor Lauren Cassidy",
                "Councillor Frank Fraser",
                "Councillor Pauline Hignett",
                "Councillor Miriam Hodge",
                "Councillor Kath Loftus",
                "Councillor Geoffrey Logan",
                "Councillor Carol Plumpton Walsh",
                "Councillor Bill Woolfall",
                "Miss Elizabeth Lawler (Co-optee)",
            ],
            "{code}"
        );
        assert!(
            pack.lines.iter().any(|l| l.ends_with(next)),
            "{code}: {:?}",
            pack.lines
        );
        // The reports made, each starting on its own page under the item it belongs to.
        let (pages, ranges) = printed(&pack);
        let made: Vec<&str> = ranges.iter().map(|(i, ..)| i.as_str()).collect();
        let wanted: Vec<&str> = reports.iter().map(|(i, _)| *i).collect();
        assert_eq!(made, wanted, "{code}");
        for ((item, first, _), (_, title)) in ranges.iter().zip(reports) {
            assert!(
                pages[first - 1].contains(title),
                "{code} item {item}: no '{title}' on page {first}: {}",
                pages[first - 1]
            );
        }
    }
}

/// A report written in Word: made here by Scrutiny's own Word renderer, with real heading
/// styles and a table, as an officer's report would have.
fn word_report() -> Vec<u8> {
    use scrutiny_report::document::{Block, Document};
    let doc = Document {
        title: "Sufficiency of foster carers".into(),
        subtitle: None,
        header_lines: Vec::new(),
        produced_on: PRODUCED_ON.into(),
        slug: "carers".into(),
        cover: None,
        summary: Vec::new(),
        blocks: vec![
            Block::Heading {
                level: 1,
                number: Some("1.0".into()),
                text: "Purpose of the report".into(),
            },
            Block::Paragraph {
                text: "To tell the Board how many foster carers are approved.".into(),
                initials: None,
            },
            Block::Table {
                caption: "Carers by year".into(),
                header: vec!["Year".into(), "Carers approved".into()],
                rows: vec![vec!["2017/18".into(), "40".into()]],
                figures: Vec::new(),
            },
        ],
        diagnostics: Vec::new(),
    };
    scrutiny_web::render::render(&doc, scrutiny_web::render::Format::Docx).unwrap()
}

#[tokio::test]
async fn a_report_written_in_word_is_uploaded_and_printed_in_the_pack() {
    let app = app().await;
    app.add_user("democratic", "democratic").await;
    let next = "CYPF-2019-01-28";
    let saved = app
        .send(
            Some("democratic"),
            "POST",
            "/framework/agenda_items",
            Some(&format!(
                "version=new&col-meeting={next}&col-item=2&col-title=Foster+carers\
                 &col-owner=Strategic+Director%2C+People"
            )),
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let path = format!("/meetings/{next}/items/2/word");
    let page = app
        .send(
            Some("democratic"),
            "GET",
            &format!("/meetings/{next}"),
            None,
        )
        .await;
    assert!(page.body.contains(&path), "the agenda offers the upload");

    // An old .doc, and a file that is not Word at all, are refused with what to do.
    let old = app
        .upload(
            "democratic",
            &path,
            &[],
            vec![("report.doc", vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0])],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", old.body);
    assert!(
        old.body.contains("save it as a Word Document (.docx)"),
        "{}",
        old.body
    );
    let refused = app
        .upload(
            "councillor",
            &path,
            &[],
            vec![("report.docx", word_report())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let done = app
        .upload(
            "democratic",
            &path,
            &[],
            vec![("Foster carers.docx", word_report())],
        )
        .await;
    assert!(
        done.status.is_redirection(),
        "{}: {}",
        done.status,
        done.body
    );
    // The item now has its report, received today, and the pack prints it as text.
    let data = app.db.store.load().await.unwrap();
    let item = data
        .agenda_items
        .iter()
        .find(|i| i.meeting == next && i.item == "2")
        .unwrap();
    assert_eq!(
        item.report,
        Some(scrutiny_domain::meetings::ReportKind::Uploaded)
    );
    assert!(item.report_received.is_some());
    let pack = app
        .send(
            Some("democratic"),
            "GET",
            &format!("/meetings/{next}/pack"),
            None,
        )
        .await;
    assert_eq!(pack.status, StatusCode::OK, "{}", pack.body);
    let pages = page_texts(&pack.bytes);
    let report = pages[1..].concat();
    for text in [
        "Foster carers",
        "Purpose of the report",
        "how many foster carers",
        "Carers approved",
        "2017/18",
    ] {
        assert!(report.contains(text), "no '{text}' in {report}");
    }
    let log = app.db.store.audit_log(5).await.unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "upload item report" && e.actor == "democratic")
    );
}
