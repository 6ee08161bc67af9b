//! The command line as a user runs it.

use std::process::Command;

fn scrutiny(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run scrutiny")
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `scrutiny demo` on a fresh folder writes every sample report in every format and names them.
#[test]
fn demo_writes_every_sample_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = crate::harness::repo_root().join("data/sample");
    let out = scrutiny(
        dir.path(),
        &[
            "demo",
            "--no-serve",
            "--data",
            data.to_str().expect("utf-8 path"),
        ],
    );
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let out_dir = dir.path().join("scrutiny-out");
    for slug in [
        "pbr-cypf-2012-13-q1",
        "strategy-scs-cyp-2012-13-q2",
        "action-plan-adoption-2012",
        "business-plan-cypf-2013-16",
        "qmr-ss-2009-10-q3",
        "qmr-cfs-2012-13-q1",
        "qmr-cops-2012-13-q1",
        "qmr-las-2012-13-q1",
    ] {
        for ext in ["html", "pdf", "docx", "xlsx"] {
            let f = out_dir.join(format!("{slug}.{ext}"));
            assert!(f.is_file(), "{} missing\n{said}", f.display());
            assert!(
                said.contains(&format!("{slug}.{ext}")),
                "the demo names the files it wrote"
            );
        }
        let csvs = std::fs::read_dir(&out_dir)
            .expect("out dir")
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{slug}-"))
            })
            .count();
        assert!(csvs > 0, "{slug}: no CSV tables written");
    }
    assert!(
        out_dir
            .join("action-plan-adoption-2012-actions.csv")
            .is_file(),
        "the actions table as CSV"
    );
    let pdf = std::fs::read(out_dir.join("pbr-cypf-2012-13-q1.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let pdf_text = String::from_utf8_lossy(&pdf);
    assert!(
        pdf_text.contains("/StructTreeRoot") && pdf_text.contains("pdfuaid"),
        "tagged PDF/UA"
    );
    let html = std::fs::read_to_string(out_dir.join("pbr-cypf-2012-13-q1.html")).expect("html");
    assert!(html.contains("Reporting Period: Quarter 1, Period 1 April 2012 – 30 June 2012"));
    assert!(html.contains("Care Leavers in Employment, Education or Training at 19"));
    assert!(
        html.contains("role=\"img\" aria-label=\"Line chart of"),
        "charts carry a text alternative"
    );

    // Running it again is safe: the imports are idempotent.
    let again = scrutiny(
        dir.path(),
        &[
            "demo",
            "--no-serve",
            "--data",
            data.to_str().expect("utf-8 path"),
        ],
    );
    assert!(again.status.success(), "{}", text(&again));
    assert!(text(&again).contains("0 changed (already up to date)"));
}

#[test]
fn import_refuses_a_bad_file_with_a_useful_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("values.csv");
    std::fs::write(&bad, "indicator,year,quarter,value\nNI999,2012/13,Q1,12\n").expect("write");
    let out = scrutiny(dir.path(), &["import", "values.csv"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("Nothing was imported: 1 problem to fix."),
        "{said}"
    );
    assert!(
        said.contains(
            "IMP003 values.csv, row 2, column 'indicator': there is no indicator 'NI999'"
        ),
        "{said}"
    );
}

#[test]
fn template_writes_every_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = scrutiny(dir.path(), &["template", "--out", "t"]);
    assert!(out.status.success(), "{}", text(&out));
    for t in scrutiny_import::schema::TABLES {
        let f = dir.path().join("t/csv").join(format!("{}.csv", t.name));
        let header = std::fs::read_to_string(&f).expect("template csv");
        assert!(header.starts_with(t.columns[0].name), "{}", f.display());
    }
    assert!(dir.path().join("t/scrutiny-template.xlsx").is_file());
    // A filled-in template imports: here, the framework's boards written into it.
    std::fs::write(
        dir.path().join("t/csv/boards.csv"),
        "code,name\nTEST,Test Board\n",
    )
    .expect("write");
    for t in scrutiny_import::schema::TABLES
        .iter()
        .filter(|t| t.name != "boards")
    {
        std::fs::remove_file(dir.path().join("t/csv").join(format!("{}.csv", t.name))).expect("rm");
    }
    let out = scrutiny(dir.path(), &["import", "t/csv"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn docs_describe_every_column() {
    let doc = std::fs::read_to_string(crate::harness::repo_root().join("docs/import-format.md"))
        .expect("docs");
    for t in scrutiny_import::schema::TABLES {
        assert!(
            doc.contains(&format!("### {}", t.name)),
            "docs/import-format.md lacks table {}",
            t.name
        );
        for c in t.columns {
            assert!(
                doc.contains(&format!("| {} |", c.name)),
                "docs lack column {}.{}",
                t.name,
                c.name
            );
        }
    }
}

#[test]
fn report_and_decision_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The sample council by `scrutiny import`, as `demo` loads it, without rendering every report
    // (the test above covers the demo).
    let db = "sqlite://samples.db";
    let sets: Vec<String> = crate::harness::SAMPLE_SETS
        .iter()
        .map(|s| crate::harness::sample(s).display().to_string())
        .collect();
    let mut args = vec!["import", "--db", db];
    args.extend(sets.iter().map(String::as_str));
    let import = scrutiny(dir.path(), &args);
    assert!(import.status.success(), "{}", text(&import));

    let out = scrutiny(
        dir.path(),
        &[
            "report",
            "qmr",
            "--db",
            db,
            "--department",
            "SS",
            "--period",
            "2009/10 Q3",
            "--format",
            "html",
            "--out",
            "one",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("one/qmr-ss-2009-10-q3.html").is_file());
    assert!(
        !dir.path().join("one/qmr-ss-2009-10-q3.pdf").exists(),
        "only the formats asked for"
    );

    let bad = scrutiny(
        dir.path(),
        &[
            "report",
            "pbr",
            "--db",
            db,
            "--board",
            "CYPF",
            "--period",
            "2012/13 Q5",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("'2012/13 Q5' is not a period"),
        "{}",
        text(&bad)
    );

    let decide = [
        "decide-revision",
        "--db",
        db,
        "--indicator",
        "NI080",
        "--year",
        "2012/13",
        "--review",
        "SCS light touch review 2012",
        "--decision",
        "approved",
        "--by",
        "Executive Board",
        "--on",
        "2013-02-14",
    ];
    let first = scrutiny(dir.path(), &decide);
    assert!(first.status.success(), "{}", text(&first));
    let again = scrutiny(dir.path(), &decide);
    assert!(!again.status.success());
    assert!(
        text(&again).contains("already approved"),
        "{}",
        text(&again)
    );
    let audit = scrutiny(dir.path(), &["audit", "--db", db, "--limit", "1"]);
    assert!(
        text(&audit).contains("decide target revision"),
        "{}",
        text(&audit)
    );
}

/// Names are erased by the council's configured retention period when no date is given.
#[test]
fn anonymise_follows_the_configured_retention_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate::harness::repo_root().join("data/sample/complaints");
    let out = scrutiny(
        dir.path(),
        &["complaints", "import", sample.to_str().expect("utf-8 path")],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = scrutiny(dir.path(), &["complaints", "anonymise", "--yes"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("set retention_years"), "{}", text(&out));
    let settings = dir.path().join("settings");
    std::fs::create_dir(&settings).expect("mkdir");
    std::fs::write(
        settings.join("settings.csv"),
        "key,value\nretention_years,6\n",
    )
    .expect("write");
    let out = scrutiny(
        dir.path(),
        &[
            "complaints",
            "import",
            settings.to_str().expect("utf-8 path"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = scrutiny(dir.path(), &["complaints", "anonymise"]);
    assert!(!out.status.success(), "asks for --yes first");
    let out = scrutiny(dir.path(), &["complaints", "anonymise", "--yes"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Erased the personal data of"), "{said}");
    assert!(
        !said.contains("of 0 case(s)"),
        "the sample's old cases are past six years: {said}"
    );
}

/// `--decimal-comma` declares the number style; without it 78,5 is refused, not read as 785.
/// The summary says which columns changed.
#[test]
fn import_declares_a_decimal_comma_and_says_what_changed_per_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = crate::harness::repo_root().join("data/sample");
    let sets = ["framework", "cypf-2012-13-q1"].map(|s| data.join(s));
    let sets: Vec<&str> = sets.iter().map(|p| p.to_str().expect("utf-8")).collect();
    let out = scrutiny(dir.path(), &[&["import"], sets.as_slice()].concat());
    assert!(out.status.success(), "{}", text(&out));
    std::fs::write(
        dir.path().join("values.csv"),
        "indicator,year,quarter,value\nSCS CYP09,2012/13,Q1,\"78,5%\"\n",
    )
    .expect("write");
    let refused = scrutiny(dir.path(), &["import", "values.csv"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("IMP013 values.csv, row 2, column 'value'"),
        "{}",
        text(&refused)
    );
    let out = scrutiny(dir.path(), &["import", "--decimal-comma", "values.csv"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("1 changed (indicator_values: 1 [value 1])"),
        "{}",
        text(&out)
    );
}

/// A receipt on a weekend is imported, with a notice saying so, not refused.
#[test]
fn a_complaints_import_notices_a_receipt_on_a_non_working_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let set = dir.path().join("set");
    std::fs::create_dir(&set).expect("mkdir");
    std::fs::write(
        set.join("lists.csv"),
        "list,code,label\nkind,statutory,Statutory complaint\n",
    )
    .expect("write");
    std::fs::write(
        set.join("cases.csv"),
        "reference,kind,received\nW1,statutory,2018-06-03\nW2,statutory,2018-06-04\n",
    )
    .expect("write");
    let out = scrutiny(
        dir.path(),
        &["complaints", "import", set.to_str().expect("utf-8 path")],
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("Notice: W1 was received on Sunday 3 June 2018, which is not a working day"),
        "{said}"
    );
    assert!(!said.contains("W2 was received"), "{said}");
}

/// A published year's counts are frozen: a complaint recorded late for that year shows in the
/// next report as a restatement, with when it was published, not as a silent change.
#[test]
fn a_published_years_counts_are_frozen_and_later_changes_show_as_restatements() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate::harness::repo_root().join("data/sample/complaints");
    let db = "sqlite://frozen.db";
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let out = scrutiny(dir.path(), &all);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        text(&out)
    };
    run(&["complaints", "import", sample.to_str().expect("utf-8 path")]);
    let said = run(&["complaints", "publish", "--year", "2016/17"]);
    assert!(
        said.contains("2016/17: 23 Statutory complaint as published"),
        "{said}"
    );
    // Publishing twice is refused.
    let again = scrutiny(
        dir.path(),
        &["--db", db, "complaints", "publish", "--year", "2016/17"],
    );
    assert!(!again.status.success());
    assert!(
        text(&again).contains("was published on"),
        "{}",
        text(&again)
    );
    // A complaint of 2016/17 recorded late.
    let late = dir.path().join("late");
    std::fs::create_dir(&late).expect("mkdir");
    std::fs::write(
        late.join("cases.csv"),
        "reference,kind,received\nLATE-1,statutory,2017-02-01\n",
    )
    .expect("write");
    run(&["complaints", "import", late.to_str().expect("utf-8 path")]);
    run(&[
        "complaints",
        "report",
        "--year",
        "2017/18",
        "--format",
        "csv",
        "--out",
        "out",
    ]);
    let table = std::fs::read_to_string(
        dir.path()
            .join("out/complaints-annual-report-2017-18-cases_received__by_kind_and_year.csv"),
    )
    .expect("the kinds table");
    assert!(
        table.contains("Statutory complaint,30,24,(restated)"),
        "{table}"
    );
}

/// A council that reports its corporate complaints separately gets a report of its own for them.
#[test]
fn a_route_is_reported_separately_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate::harness::repo_root().join("data/sample/complaints-glanmor");
    let db = "sqlite://routes.db";
    let out = scrutiny(
        dir.path(),
        &[
            "--db",
            db,
            "complaints",
            "import",
            sample.to_str().expect("utf-8 path"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = scrutiny(
        dir.path(),
        &[
            "--db",
            db,
            "complaints",
            "report",
            "--year",
            "2024/25",
            "--route",
            "corporate",
            "--format",
            "html",
            "--out",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let html = std::fs::read_to_string(
        dir.path()
            .join("out/complaints-annual-report-2024-25-corporate.html"),
    )
    .expect("the corporate report");
    assert!(html.contains("12 corporate complaints were made to the Council in 2024/25"));
    let wrong = scrutiny(
        dir.path(),
        &[
            "--db",
            db,
            "complaints",
            "report",
            "--year",
            "2024/25",
            "--route",
            "corprate",
        ],
    );
    assert!(!wrong.status.success());
    assert!(
        text(&wrong).contains("'corprate' is not a kind of case held"),
        "{}",
        text(&wrong)
    );
}
