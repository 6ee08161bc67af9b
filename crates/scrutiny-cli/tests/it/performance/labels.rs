//! A council's own labels reach every word a report prints for a progress state (#13 item 5):
//! with every state relabelled, no "Green", "Amber" or "Red" is left in the HTML, PDF, Word or
//! Excel text of the Priority Based Report and a Quarterly Monitoring Report. The HTML's style
//! sheet and its tags (class names such as `sym-green`) are not text a reader sees.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use scrutiny_domain::Period;
use scrutiny_domain::performance::model::{SymbolFor, SymbolLabel};
use scrutiny_report::document::Document;
use scrutiny_report::performance::{pbr, qmr};
use scrutiny_web::render::{Format, render};

use crate::harness::TestDb;

/// Text between tags, the `<style>` sheet left out.
fn text_of_markup(xml: &str) -> String {
    let body = match (xml.find("<style"), xml.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &xml[..a], &xml[b..]),
        _ => xml.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
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
    out
}

/// The text a reader of each format sees: the HTML's, poppler's reading of the PDF, and the
/// XML text of the Word and Excel packages.
fn texts(doc: &Document) -> Vec<(Format, String)> {
    let dir = tempfile::tempdir().unwrap();
    Format::ALL
        .into_iter()
        .map(|f| {
            let bytes = render(doc, f).unwrap();
            let path = dir.path().join(format!("report.{}", f.ext()));
            std::fs::write(&path, &bytes).unwrap();
            let run = |cmd: &mut Command| {
                let out = cmd.output().unwrap();
                assert!(out.status.success(), "{cmd:?} failed");
                String::from_utf8_lossy(&out.stdout).into_owned()
            };
            let text = match f {
                Format::Html => text_of_markup(&String::from_utf8(bytes).unwrap()),
                Format::Pdf => run(Command::new("pdftotext").arg(&path).arg("-")),
                Format::Docx | Format::Xlsx => text_of_markup(&run(Command::new("unzip")
                    .arg("-p")
                    .arg(&path)
                    .arg("*.xml"))),
            };
            (f, text)
        })
        .collect()
}

fn relabel(applies_to: SymbolFor, state: &str, label: &str) -> SymbolLabel {
    SymbolLabel {
        applies_to,
        state: state.into(),
        label: label.into(),
        description: format!("{label}: the council's own words."),
    }
}

#[tokio::test]
async fn a_councils_labels_replace_green_amber_red_in_every_format() {
    let (_db, mut data) = TestDb::with_samples().await;
    data.symbol_labels.clear();
    for applies_to in [SymbolFor::Indicator, SymbolFor::Objective] {
        for (state, label) in [
            ("green", "Target achieved"),
            ("amber", "Close to target"),
            ("red", "Target not achieved"),
            ("unknown", "Not judged"),
        ] {
            data.symbol_labels.push(relabel(applies_to, state, label));
        }
    }
    // The rules' descriptions are the council's own sentences ("green if the target is met"):
    // a council with its own labels words them in its own terms.
    for rule in &mut data.rag_rules {
        rule.description = format!("Rule {}: judged against its target.", rule.code);
    }
    let q1 = Period::parse("2012/13 Q1").unwrap();
    let docs = [
        pbr::priority_based_report(&data, "CYPF", q1, "today").unwrap(),
        qmr::quarterly_monitoring_report(&data, "CFS", q1, "today").unwrap(),
    ];
    let words = ["green", "amber", "red"];
    for doc in &docs {
        for (format, text) in texts(doc) {
            assert!(
                text.contains("Target achieved"),
                "{}: {format:?} lacks the council's label",
                doc.slug
            );
            let left: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| words.contains(&w.to_ascii_lowercase().as_str()))
                .collect();
            assert!(
                left.is_empty(),
                "{}: {format:?} still says {left:?}",
                doc.slug
            );
        }
    }
}
