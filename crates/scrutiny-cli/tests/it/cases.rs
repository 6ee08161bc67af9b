//! Case records to measures, end to end: the sample Annex A return (`data/sample/annex-a`) read
//! by the importer and each front-door figure printed, every one worked out by hand below.

#![allow(clippy::unwrap_used)]

use crate::harness::repo_root;

/// `scrutiny cases measures PATH --year 2023/24` as a user runs it.
fn measures(path: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["cases", "measures"])
        .arg(path)
        .args(["--year", "2023/24"])
        .output()
        .unwrap()
}

/// The sample's 2023/24 figures, by hand:
/// - contacts: A 3 Apr, B 3 Apr, C 10 May (an Excel serial), D 1 Jun, E 3 Jul, F 4 Sep,
///   A 6 Nov, B 15 Jan = 8 (C's December 2022 contact is the year before);
/// - referrals: A 4 Apr, B 3 Apr, C 20 May, D 2 Jun (recorded twice: one), E 28 Mar, A 7 Nov = 6;
/// - contacts referred the same or the next day: A (4 Apr), B (same day), D (2 Jun), A (7 Nov)
///   = 4 of 8; C's referral came ten days later, E's months later, F and B's January contact
///   have none;
/// - re-referrals: A 4 Apr (referred 2 May 2022, within 12 months) and A 7 Nov (4 Apr) = 2 of 6;
/// - no further action: B and E = 2 of 6;
/// - assessments authorised in the year: A in 22 working days (Easter and two May bank
///   holidays between), D in 59, F in 60 = 1 of 3 within 45; C's is open, E's was authorised
///   in April 2024;
/// - initial conferences held in the year: A's on the 15th working day after its strategy
///   discussion (5 to 26 June), D's on the 20th (3 to 31 July) = 1 of 2; C's was not needed;
/// - plans started: A (26 June, no previous plan) and D (31 July, one before) = 2, one of them
///   a second or subsequent plan;
/// - plans ended in the year: E's after exactly two years (10 May 2021 to 10 May 2023) and F's
///   after less = 1 of 2 lasting two years or more;
/// - on a plan at 31 March 2024: A and D = 2; A's latest review was 20 September 2023, so its
///   next was due by 20 March (overdue), D's 20 October, due by 20 April = 1 of 2 not overdue;
/// - return interviews (list 8): looked after in the year and missing at least once, D, E (care
///   ended 29 February) and F (started 5 June, written day first); B's care ended in March 2023
///   and C never went missing. Offered: D and E = 2 of 3; accepted, of those: D = 1 of 2.
#[test]
fn the_sample_annex_a_returns_front_door_figures_are_the_hand_worked_ones() {
    let out = measures(&repo_root().join("data/sample/annex-a"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (what, figure) in [
        ("Contacts", "8"),
        ("Referrals", "6"),
        ("Contacts referred within 1 day(s)", "50% (4 of 8)"),
        ("Re-referrals within 12 months", "33% (2 of 6)"),
        ("Referrals ending in no further action", "33% (2 of 6)"),
        (
            "Assessments authorised within 45 working days",
            "33% (1 of 3)",
        ),
        ("Initial conferences within 15 working days", "50% (1 of 2)"),
        ("Child protection plans started", "2"),
        ("Plans that are a second or subsequent plan", "50% (1 of 2)"),
        ("Plans ended that lasted two years or more", "50% (1 of 2)"),
        ("Children on a protection plan at the end", "2"),
        (
            "Plans whose review is not overdue at the end",
            "50% (1 of 2)",
        ),
        (
            "Missing from care: offered a return interview",
            "67% (2 of 3)",
        ),
        (
            "Missing from care: return interview accepted",
            "50% (1 of 2)",
        ),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {text}"));
        assert!(line.trim_end().ends_with(figure), "{line}");
    }
    assert!(text.contains("definitions front-door 1.1"));
}

/// The record-level sample of the seeds' 2011/12 analysis gives its 706 open cases as a measure
/// an indicator can declare, and the caseload per worker the analysis prints by team.
#[test]
fn open_cases_and_caseloads_are_measures() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["cases", "measures"])
        .arg(repo_root().join("data/sample/cra-2011"))
        .args(["--year", "2011/12"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |what: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {text}"))
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(line("Children in need open"), "706");
    assert_eq!(line("Allocated cases per social worker"), "26.9");
}

/// The sample 903 return's (`data/sample/ssda903`) 2023/24 figures, by hand (at 31 March 2024):
/// - looked after: C1, C2, C7 (came into care that day), C8, C9 = 5; C3 and C4 were adopted,
///   C5 is on short breaks (V3), C6's care ended on 31 March itself;
/// - per 10,000 of a population of 4,000: 5 × 10,000 ÷ 4,000 = 12.5;
/// - NI 62, of the 5: C2 had U3 (open on 1 April), U4, a holiday (T1, not a placement), back to
///   U4 (not a move), U5 = 3; C9 had U1, U2, R1 = 3; C1 changed legal status only (L) = 1;
///   C7 and C8 1 each: 2 of 5;
/// - NI 63: under 16 and in care since 30 September 2021 or before: C1 (in U1 since January
///   2020, the L episode the same placement, the X1 chain one period of care) and C2 (since
///   June 2021, but in U5 only since November 2023); C7 came in on the day, C8 is 16, C9 came in
///   in April 2023: 1 of 2;
/// - care leavers (OC3): L5 died and leaves the cohort; in touch L1, L2, L3 = 3 of 4; suitable
///   accommodation (ACCOM …1) L1 (B1), L3 (C1) = 2 of 4; in education, employment or training
///   (F…, P…) L1 (F1), L3 (P4) = 2 of 4;
/// - adoption over 1 April 2021 to 31 March 2024: C3 (E11, 15 September 2023) and C4 (E12,
///   1 December 2023). A1: C3 10 January 2021 to 1 May 2022 = 476 days, C4 1 March 2020 to
///   1 September 2021 = 549 days, mean 512.5 → 513 (threshold 426). A10: C3 was adopted by
///   its foster carers, whose placement began 1 June 2021 (the L and T episodes after it are
///   the same carer) = 142 days, C4 549, mean 345.5 → 346. A2: C3 matched 15 January 2022,
///   before its placement order (E1) of 1 February = 0 days; C4 order 1 March 2021 to match
///   1 August 2021 = 153; mean 76.5 → 77 (threshold 121);
/// - missing episodes started in the year: C2 5 May and 10 June, C9 30 March (still missing)
///   = 3 (C2's February 2023 episode is the year before; C8's is an absence, A); children 2.
#[test]
fn the_sample_903_returns_care_figures_are_the_hand_worked_ones() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["cases", "measures"])
        .arg(repo_root().join("data/sample/ssda903"))
        .args(["--year", "2023/24", "--population", "4000"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (what, figure) in [
        ("Children looked after at the period's end", "5"),
        ("Children looked after per 10,000 children", "12.5"),
        (
            "NI 62: three or more placements in the period",
            "40% (2 of 5)",
        ),
        ("NI 63: long-term placement stability", "50% (1 of 2)"),
        ("Care leavers in touch", "75% (3 of 4)"),
        ("Care leavers in suitable accommodation", "50% (2 of 4)"),
        (
            "Care leavers in education, employment or training",
            "50% (2 of 4)",
        ),
        ("A1:", "513 days (threshold 426 days)"),
        ("A2:", "77 days (threshold 121 days)"),
        ("A10:", "346 days (threshold 426 days)"),
        ("Missing episodes started", "3"),
        ("Children who went missing", "2"),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {text}"));
        assert!(line.trim_end().ends_with(figure), "{line}");
    }
    assert!(text.contains("definitions care 1.1"), "{text}");
    assert!(text.contains("Not read yet: reviews.csv"), "{text}");
    // A 903 folder alone prints no front-door measures.
    assert!(!text.contains("Front-door"), "{text}");
}

/// Beside an Annex A return with --ssda903, both sets are printed; without a population the
/// rate says what to give.
#[test]
fn an_annex_a_return_with_a_903_folder_prints_both() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["cases", "measures"])
        .arg(repo_root().join("data/sample/annex-a"))
        .arg("--ssda903")
        .arg(repo_root().join("data/sample/ssda903"))
        .args(["--year", "2023/24"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Front-door measures") && text.contains("Children in care measures"));
    let rate = text.lines().find(|l| l.contains("per 10,000")).unwrap();
    assert!(rate.ends_with("– (give --population)"), "{rate}");
}

#[test]
fn a_903_cell_outside_its_code_set_is_named_with_the_allowed_values() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("episodes.csv"),
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/04/2023,S,C2,Q9,,\nB,2023-13-01,S,C2,U1,,\n",
    )
    .unwrap();
    let out = measures(dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("episodes.csv, row 2, column 'PLACE'")
            && err.contains("'Q9' is not a 903 PLACE code: write one of A3"),
        "{err}"
    );
    assert!(err.contains("episodes.csv, row 3, column 'DECOM'"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).is_empty());
}

#[test]
fn a_cell_that_cannot_be_read_is_named_and_nothing_is_computed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("List 3.csv"),
        "Child Unique ID,Date of referral,Referral NFA?\nA,2023-04-04,perhaps\nB,31/02/2023,No\n",
    )
    .unwrap();
    let out = measures(dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'perhaps' is not yes or no"), "{err}");
    assert!(err.contains("'31/02/2023' is not a date"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).is_empty());
}

/// The sample council with CFS LI02 declaring `measure`, and `scrutiny cases apply` run on the
/// return at `folder` (from the repository root) for 2023/24.
pub async fn apply_declared(
    measure: &str,
    folder: &str,
) -> (crate::harness::TestDb, std::process::Output) {
    let (db, _) = crate::harness::TestDb::with_samples().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("indicator_measures.csv"),
        format!("indicator,measure\nCFS LI02,{measure}\n"),
    )
    .unwrap();
    db.import(dir.path()).await.unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["--db", &db.url, "cases", "apply"])
        .arg(repo_root().join(folder))
        .args(["--period", "2023/24"])
        .output()
        .unwrap();
    (db, out)
}

/// An indicator that declares a measure gets its figure from the return, stored as the period's
/// figure with the return and the definitions' version in the audit trail.
#[tokio::test]
async fn a_declared_indicator_takes_its_figure_from_the_return() {
    let (db, out) = apply_declared("assessments_in_time", "data/sample/annex-a").await;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("CFS LI02") && said.contains("33.3 (1 of 3)"),
        "{said}"
    );
    let held = db.store.load().await.unwrap();
    let v = held
        .values
        .iter()
        .find(|v| v.indicator == "CFS LI02" && v.year.0 == 2023 && v.quarter.is_none())
        .unwrap();
    assert_eq!(v.value.to_entry(), "33.3");
    let audit = db.store.audit_log(3).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.entity.contains("annex-a") && e.entity.contains("front-door 1.1")),
        "{audit:?}"
    );
    let source = held
        .value_sources
        .iter()
        .find(|s| s.indicator == "CFS LI02")
        .unwrap();
    assert!(
        source
            .source
            .starts_with("assessments_in_time from case records annex-a")
    );
    // A quarter's figure computed the same way is printed with its source in the report.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["--db", &db.url, "cases", "apply"])
        .arg(repo_root().join("data/sample/annex-a"))
        .args(["--period", "2012/13 Q1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Nothing to count in 2012/13: a share of nothing is no figure, and no source is stored.
    assert!(String::from_utf8_lossy(&out.stdout).contains("no figure"));
    let mut data = db.store.load().await.unwrap();
    data.value_sources
        .push(scrutiny_domain::cases::ValueSource {
            indicator: "CFS LI02".into(),
            year: scrutiny_domain::FinancialYear(2012),
            quarter: Some(scrutiny_domain::Quarter::Q1),
            source: "assessments_in_time from case records test".into(),
            computed_on: scrutiny_domain::period::parse_date("2026-12-04").unwrap(),
        });
    let q1 = scrutiny_domain::Period::parse("2012/13 Q1").unwrap();
    let doc =
        scrutiny_report::performance::qmr::quarterly_monitoring_report(&data, "CFS", q1, "today")
            .unwrap();
    let text = serde_json::to_string(&doc).unwrap();
    assert!(
        text.contains("Figures computed from case records, not typed: CFS LI02 (2012/13 Q1): assessments_in_time from case records test, on 4 December 2026."),
        "{text}"
    );
}

/// A workbook as councils send it: sheets named List 1 and List 3, dates as Excel serial
/// numbers and as date cells, a header with a stray question mark and curly quote, a blank row.
#[test]
fn an_annex_a_workbook_is_read_as_councils_fill_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annex-a.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let dates = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let referrals = book.add_worksheet().set_name("List 3").unwrap();
    for (c, h) in ["Child Unique ID", "Date of referral", "Referral NFA?"]
        .iter()
        .enumerate()
    {
        referrals.write_string(0, c as u16, *h).unwrap();
    }
    referrals.write_string(1, 0, "A").unwrap();
    referrals.write_number(1, 1, 45020.0).unwrap(); // 4 April 2023, as a bare serial number
    referrals.write_string(1, 2, "b) No").unwrap();
    referrals.write_string(3, 0, "B").unwrap(); // row 3 left blank
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 11, 7).unwrap();
    referrals
        .write_datetime_with_format(3, 1, &day, &dates)
        .unwrap();
    referrals.write_string(3, 2, "a) Yes").unwrap();
    let contacts = book.add_worksheet().set_name("List 1").unwrap();
    contacts.write_string(0, 0, "Child Unique ID").unwrap();
    contacts
        .write_string(0, 1, "Date of Contact\u{2019}")
        .unwrap();
    contacts.write_string(1, 0, "A").unwrap();
    contacts.write_string(1, 1, "03/04/2023").unwrap();
    book.save(&path).unwrap();
    let read = scrutiny_import::cases::read_annex_a(&path).unwrap_or_else(|e| panic!("{e}"));
    let dates: Vec<String> = read.referrals.iter().map(|r| r.date.to_string()).collect();
    assert_eq!(dates, ["2023-04-04", "2023-11-07"]);
    assert!(read.referrals[1].nfa && !read.referrals[0].nfa);
    assert_eq!(read.contacts[0].date.to_string(), "2023-04-03");
}

/// A CIN census file gives the same measures from its episodes.
#[test]
fn a_cin_census_file_gives_the_front_door_measures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cin-2024.xml");
    std::fs::write(
        &path,
        "<Message><Children>\
         <Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>\
         <CINdetails><CINreferralDate>2022-12-01</CINreferralDate><ReferralNFA>false</ReferralNFA></CINdetails>\
         <CINdetails><CINreferralDate>2023-04-04</CINreferralDate><ReferralNFA>false</ReferralNFA>\
         <Assessments><AssessmentActualStartDate>2023-04-05</AssessmentActualStartDate>\
         <AssessmentAuthorisationDate>2023-05-10</AssessmentAuthorisationDate></Assessments></CINdetails></Child>\
         <Child><ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers>\
         <CINdetails><CINreferralDate>2024-01-15</CINreferralDate><ReferralNFA>true</ReferralNFA></CINdetails></Child>\
         </Children></Message>",
    )
    .unwrap();
    let out = measures(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Referrals in 2023/24: A1 in April (re-referred within 12 months of December) and B2.
    assert!(
        text.contains("Re-referrals within 12 months                    50% (1 of 2)"),
        "{text}"
    );
    assert!(
        text.contains("Referrals ending in no further action            50% (1 of 2)"),
        "{text}"
    );
    assert!(
        text.contains("Assessments authorised within 45 working days    100% (1 of 1)"),
        "{text}"
    );
}

/// Made-up records written as an Annex A return and read back give exactly the answers the
/// generator put in them.
#[test]
fn synthetic_records_read_back_give_the_answers_made_into_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args([
            "cases",
            "synth",
            "--seed",
            "11",
            "--children",
            "800",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("truth.json")).unwrap())
            .unwrap();
    let n = |k: &str| truth[k].as_u64().unwrap();
    let text = String::from_utf8_lossy(&measures(dir.path()).stdout).into_owned();
    let line = |what: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {text}"))
            .to_string()
    };
    assert!(line("Contacts  ").ends_with(&format!(" {}", n("contacts"))));
    assert!(line("Referrals  ").ends_with(&format!(" {}", n("referrals"))));
    assert!(line("Re-referrals").ends_with(&format!(
        "({} of {})",
        n("re_referrals"),
        n("referrals")
    )));
    assert!(line("Referrals ending").ends_with(&format!(
        "({} of {})",
        n("no_further_action"),
        n("referrals")
    )));
    assert!(line("Assessments authorised").ends_with(&format!(
        "({} of {})",
        n("assessments_in_time"),
        n("assessments_authorised")
    )));
}
