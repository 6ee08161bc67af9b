//! Every sample report, byte for byte: the reports `scrutiny demo` writes are built here the same
//! way, with a fixed production date, and their HTML (and the CSV tables behind them) compared
//! with the files in `snapshots/`. A change that moves a single byte of a report fails here and
//! names the first line that differs.
//!
//! After a deliberate change to a report, rewrite the snapshots and review the diff:
//! `SCRUTINY_UPDATE_SNAPSHOTS=1 cargo test -p scrutiny --test it html_snapshot`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::period::FinancialYear;
use scrutiny_domain::{Dataset, Period};
use scrutiny_report::document::Document;

use crate::harness::{TestDb, sample};

/// The production date printed on every snapshot.
pub(crate) const PRODUCED_ON: &str = "23 November 2026";

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots")
}

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

/// The framework reports `scrutiny demo` writes (`commands::demo`), in its order.
pub(crate) fn framework_reports(data: &Dataset) -> Vec<Document> {
    use scrutiny_report::performance::{pbr, qmr};
    use scrutiny_report::plans::{action_plan, business_plan, strategy};
    let (q1, q3, q2) = (
        period("2012/13 Q1"),
        period("2009/10 Q3"),
        period("2012/13 Q2"),
    );
    let mut docs = vec![pbr::priority_based_report(data, "CYPF", q1, PRODUCED_ON).unwrap()];
    for d in ["CFS", "COPS", "LAS"] {
        docs.push(qmr::quarterly_monitoring_report(data, d, q1, PRODUCED_ON).unwrap());
    }
    docs.push(qmr::quarterly_monitoring_report(data, "SS", q3, PRODUCED_ON).unwrap());
    docs.push(strategy::strategy_progress_report(data, "SCS-CYP", q2, PRODUCED_ON).unwrap());
    docs.push(
        business_plan::business_plan_report(data, "CYPF", FinancialYear(2013), PRODUCED_ON)
            .unwrap(),
    );
    for p in &data.action_plans {
        docs.push(action_plan::action_plan_report(data, &p.code, None, PRODUCED_ON).unwrap());
    }
    docs
}

/// The complaints annual reports `scrutiny demo` writes: two years, each as published (small
/// counts suppressed) and for internal use (`complaints::write_annual_report`).
pub(crate) async fn complaints_reports(db: &TestDb) -> Vec<Document> {
    let held = db.store.load_complaints().await.unwrap();
    let data = scrutiny_import::complaints::read_complaints(
        &sample("complaints"),
        &held,
        crate::harness::import_day(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    db.store
        .apply_complaints(&data, "test", "2026-11-23T00:00:00Z", "sample")
        .await
        .unwrap();
    let held = db.store.load_complaints().await.unwrap();
    let published = scrutiny_domain::complaints::settings::settings(&held.settings).rules;
    let internal = Rules {
        suppress_below: 0,
        ..published
    };
    let calendar = scrutiny_import::calendar::bank_holidays().unwrap();
    let framework = db.store.load().await.unwrap();
    let mut docs = Vec::new();
    for year in [FinancialYear(2017), FinancialYear(2011)] {
        for rules in [&published, &internal] {
            let mut doc = scrutiny_report::complaints::annual_report::annual_report(
                &held,
                year,
                rules,
                &calendar,
                PRODUCED_ON,
            );
            doc.cover = scrutiny_report::frame::complaints_cover(&framework, year, &doc.title);
            // As the command line marks the internal copy.
            if rules.suppress_below == 0 {
                doc.slug.push_str("-unsuppressed");
                doc.subtitle = doc
                    .subtitle
                    .map(|s| format!("{s} (not for publication: small counts shown)"));
            }
            docs.push(doc);
        }
    }
    docs
}

/// The CSV files a report's tables are exported as, one after another under their names.
fn csv_tables(doc: &Document) -> String {
    let dir = tempfile::tempdir().unwrap();
    let files = scrutiny_report::tables::write_csvs(doc, dir.path(), &doc.slug).unwrap();
    let mut out = String::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        out.push_str(&format!("==> {name} <==\n"));
        out.push_str(&std::fs::read_to_string(&f).unwrap());
    }
    out
}

/// Where `got` first differs from `want`: the line number and both lines, or for a long line
/// (an inline SVG) the stretch where they part.
fn first_difference(want: &str, got: &str) -> String {
    let (mut w, mut g) = (want.lines(), got.lines());
    for n in 1.. {
        let (a, b) = (w.next(), g.next());
        if a == b {
            if a.is_none() {
                return "only in line endings or a final newline".into();
            }
            continue;
        }
        let (a, b) = (a.unwrap_or("<end of file>"), b.unwrap_or("<end of file>"));
        // The byte where they part: their common prefix is the same in both.
        let at = a
            .char_indices()
            .zip(b.chars())
            .find(|((_, x), y)| x != y)
            .map_or(a.len().min(b.len()), |((i, _), _)| i);
        let excerpt = |s: &str| {
            if s.len() <= 300 {
                return s.to_string();
            }
            let from = s.floor_char_boundary(at.saturating_sub(80));
            let to = s.floor_char_boundary((at + 160).min(s.len()));
            format!("…{}… (from byte {from})", &s[from..to])
        };
        return format!("line {n}:\n  want: {}\n  got:  {}", excerpt(a), excerpt(b));
    }
    unreachable!()
}

#[tokio::test]
async fn sample_reports_are_unchanged() {
    let (db, data) = TestDb::with_samples().await;
    let mut docs = framework_reports(&data);
    docs.extend(complaints_reports(&db).await);
    let (_second, second) = crate::performance::second_council::second_council().await;
    docs.extend(crate::performance::second_council::second_council_reports(
        &second,
        PRODUCED_ON,
    ));
    docs.push(crate::complaints::second_council::second_council_report(PRODUCED_ON).await);
    let update = std::env::var_os("SCRUTINY_UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let dir = snapshot_dir();
    if update {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected_files = Vec::new();
    let mut failures = Vec::new();
    for doc in &docs {
        let html = String::from_utf8(
            scrutiny_web::render::render(doc, scrutiny_web::render::Format::Html).unwrap(),
        )
        .unwrap();
        for (name, got) in [
            (format!("{}.html", doc.slug), html),
            (format!("{}.csv.txt", doc.slug), csv_tables(doc)),
        ] {
            let path = dir.join(&name);
            expected_files.push(name.clone());
            if update {
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == got => {}
                Ok(want) => failures.push(format!("{name}: {}", first_difference(&want, &got))),
                Err(e) => failures.push(format!("{name}: no snapshot ({e})")),
            }
        }
    }
    // A snapshot no report writes any more is a report that went missing.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !expected_files.contains(&name) {
            failures.push(format!("{name}: no sample report writes this any more"));
        }
    }
    assert!(
        docs.len() >= 12,
        "expected every sample report, got {}",
        docs.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} snapshot(s) differ (if the change is deliberate, rerun with \
         SCRUTINY_UPDATE_SNAPSHOTS=1 and review the diff in {}):\n{}",
        failures.len(),
        expected_files.len(),
        dir.display(),
        failures.join("\n")
    );
}
