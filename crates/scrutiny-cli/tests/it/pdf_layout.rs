//! Every sample PDF, and a stress document, printed without overprinting: poppler reads back
//! every word's box, and no two words may overlap, no word may leave its page, and no word may
//! be two of the document's texts run together (poppler joins overprinted text into one word,
//! as in "38.9%40.5%", so overlap alone would miss the commonest fault). No page may end on a
//! heading or caption.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::Command;

use scrutiny_report::document::{
    ActionRow, Block, Document, FinanceRow, IndicatorRow, KeyRow, MilestoneRow, Symbol,
};

use crate::harness::TestDb;
use crate::html_snapshot::{PRODUCED_ON, complaints_reports, framework_reports};

/// How far two boxes may overlap, in points: glyph boxes of neighbouring words can touch.
const EPSILON: f64 = 0.5;

struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

/// The words of a PDF with their boxes, from `pdftotext -bbox-layout` (poppler-utils).
fn pages(pdf: &[u8]) -> Vec<Page> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext ({e}): install poppler-utils"));
    assert!(output.status.success(), "pdftotext failed");
    let xhtml = String::from_utf8(output.stdout).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xhtml, options).unwrap();
    let number = |n: roxmltree::Node, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    doc.descendants()
        .filter(|n| n.has_tag_name("page"))
        .map(|p| Page {
            width: number(p, "width"),
            height: number(p, "height"),
            words: p
                .descendants()
                .filter(|n| n.has_tag_name("word"))
                .map(|w| Word {
                    text: w.text().unwrap_or("").to_string(),
                    x0: number(w, "xMin"),
                    y0: number(w, "yMin"),
                    x1: number(w, "xMax"),
                    y1: number(w, "yMax"),
                })
                .collect(),
        })
        .collect()
}

/// Every text the document holds (and the template adds), as separate strings: a printed word
/// must lie inside one of them.
fn texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    json_texts(&serde_json::to_value(doc).unwrap(), &mut out);
    // Initials print in brackets after what they sign, "(NM)"; the cover's labels in capitals.
    let bracketed: Vec<String> = out.iter().map(|t| format!("({t})")).collect();
    let labels: Vec<String> = out
        .iter()
        .map(|t| format!("{}:", t.to_uppercase()))
        .collect();
    out.extend(bracketed);
    out.extend(labels);
    // The template's own words: running header and footer, captions, list and chart key marks.
    out.extend(
        [
            "Produced",
            "Contents",
            "Committee report",
            "Page",
            "of",
            "Data notes",
            "Progress symbols",
            "Direction of travel symbols",
            "Initials used",
            "Untitled report",
            "–",
            "•",
            "●",
            "▲",
        ]
        .map(String::from),
    );
    out
}

/// The headings and captions of a document as printed: none may end a page.
fn headings(doc: &Document) -> Vec<String> {
    let numbered = |n: &Option<String>, t: &str| match n {
        Some(n) if !n.is_empty() => format!("{n} {t}"),
        _ => t.to_string(),
    };
    let mut out = Vec::new();
    for b in doc.summary.iter().chain(&doc.blocks) {
        match b {
            Block::Heading { number, text, .. } => out.push(numbered(number, text)),
            Block::Item { number, title, .. } => out.push(numbered(number, title)),
            Block::Table { caption, .. }
            | Block::Indicators { caption, .. }
            | Block::Milestones { caption, .. }
            | Block::Actions { caption, .. }
            | Block::SummaryCounts { caption, .. } => out.push(caption.clone()),
            Block::Chart { title, .. } => out.push(title.clone()),
            _ => {}
        }
    }
    out.retain(|h| h.trim().chars().count() > 3);
    out
}

/// The text of the lowest line of a page's body (above the footer, the page's lowest line), if
/// it starts at the left margin as a heading does (a table's cells start inside their borders).
fn last_line(page: &Page) -> String {
    const MARGIN: f64 = 56.0;
    // The footer is the lowest line on the page; the body is everything above it. (A fixed
    // margin misread a body line set close to the foot as footer.)
    let lowest = page.words.iter().map(|w| w.y1).reduce(f64::max);
    let footer_top = lowest.map_or(page.height, |low| {
        page.words
            .iter()
            .filter(|w| w.y1 > low - 2.0)
            .map(|w| w.y0)
            .reduce(f64::min)
            .unwrap_or(page.height)
    });
    let body: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| w.y1 < footer_top - 1.0)
        .collect();
    let Some(bottom) = body.iter().map(|w| w.y1).reduce(f64::max) else {
        return String::new();
    };
    let mut line: Vec<&&Word> = body.iter().filter(|w| w.y1 > bottom - 2.0).collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    if line.first().is_none_or(|w| w.x0 > MARGIN + 2.0) {
        return String::new();
    }
    line.iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What is wrong with one document's PDF, one line per fault.
fn faults(name: &str, doc: &Document) -> Vec<String> {
    let pdf = scrutiny_web::render::render(doc, scrutiny_web::render::Format::Pdf)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    faults_in(
        name,
        &pdf,
        &texts(&doc.printable()),
        &headings(&doc.printable()),
    )
}

/// A meeting's agenda pack: the front sheet's texts and every inserted report's.
fn pack_faults(name: &str, pack: &scrutiny_report::meetings::pack::Pack) -> Vec<String> {
    let pdf = scrutiny_web::render::render_pack(pack).unwrap_or_else(|e| panic!("{name}: {e}"));
    let docs: Vec<Document> = pack
        .parts
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| i.document.as_ref().map(Document::printable))
        .collect();
    let mut all_texts: Vec<String> = docs.iter().flat_map(texts).collect();
    let mut all_headings: Vec<String> = docs.iter().flat_map(headings).collect();
    let mut front = Vec::new();
    json_texts(&serde_json::to_value(pack).unwrap(), &mut front);
    all_texts.extend(front);
    all_texts.extend(["Agenda item", "To follow", "Member", "Party"].map(String::from));
    all_headings.extend(pack.parts.iter().map(|p| p.heading.clone()));
    all_headings.push(pack.membership_heading.clone());
    all_headings.push(pack.carried_heading.clone());
    faults_in(name, &pdf, &all_texts, &all_headings)
}

fn json_texts(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_texts(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_texts(v, out)),
        _ => {}
    }
}

/// What is wrong with a PDF whose words must each lie inside one of `texts` and whose pages
/// may not end on one of `headings`, one line per fault.
fn faults_in(name: &str, pdf: &[u8], texts: &[String], headings: &[String]) -> Vec<String> {
    let _ = std::fs::write(std::env::temp_dir().join(format!("{name}.pdf")), pdf);
    let mut faults = Vec::new();
    let mut unknown = BTreeSet::new();
    let pages = pages(pdf);
    for (p, page) in pages.iter().enumerate() {
        let at = format!("{name}, page {}", p + 1);
        let last = last_line(page);
        let stranded = headings
            .iter()
            .any(|h| *h == last || (last.chars().count() > 10 && h.ends_with(&format!(" {last}"))));
        if p + 1 < pages.len() && stranded {
            faults.push(format!(
                "{at}: the heading {last:?} is stranded at the foot"
            ));
        }
        for (i, a) in page.words.iter().enumerate() {
            if a.x0 < -EPSILON
                || a.y0 < -EPSILON
                || a.x1 > page.width + EPSILON
                || a.y1 > page.height + EPSILON
            {
                faults.push(format!("{at}: {:?} runs off the page", a.text));
            }
            for b in &page.words[i + 1..] {
                let across = a.x1.min(b.x1) - a.x0.max(b.x0);
                let down = a.y1.min(b.y1) - a.y0.max(b.y0);
                if across > EPSILON && down > EPSILON {
                    faults.push(format!("{at}: {:?} overprints {:?}", a.text, b.text));
                }
            }
            // A word broken only as a last resort carries zero-width spaces.
            let word = a.text.replace('\u{200b}', "");
            // The contents list's leaders and page numbers are the template's own.
            let leader_or_page = word
                .chars()
                .all(|c| matches!(c, '.' | ' ' | '\u{2060}') || c.is_ascii_digit());
            if !leader_or_page
                && !texts.iter().any(|t| t.contains(&word))
                && unknown.insert(word.clone())
            {
                faults.push(format!(
                    "{at}: {word:?} is no text of the document: words run together"
                ));
            }
        }
    }
    faults
}

fn symbol(state: &str, glyph: &str, label: &str) -> Symbol {
    Symbol {
        state: state.into(),
        glyph: glyph.into(),
        label: label.into(),
        description: format!("{label} means {state}"),
    }
}

/// A document built to overflow: unbroken 40-character words, a table of twelve years, very long
/// names and measures, long references and figures in the fixed-layout tables.
fn stress() -> Document {
    let token = |i: usize| {
        format!(
            "{}{i:02}",
            "Unbrokenwordoffortycharacterseachandmore"
                .get(..38)
                .unwrap()
        )
    };
    let long_ref = "CFS-LI01-NI072-SCS-CYP01-2012/13";
    let long_name = format!(
        "Number of children in need per 10,000 children aged under eighteen {} and more words \
         that keep going to make the measure's text very long indeed",
        token(1)
    );
    let years: Vec<String> = (2005..2017)
        .map(|y| format!("{y}/{:02}", (y + 1) % 100))
        .collect();
    let mut header = vec!["Category of complaint received".to_string()];
    header.extend(years.iter().map(|y| format!("{y} %")));
    let rows: Vec<Vec<String>> = (0..6)
        .map(|r| {
            let mut row = vec![if r == 0 {
                token(2)
            } else {
                format!("Kind {r}")
            }];
            row.extend((0..12).map(|c| format!("{}.{}%", 30 + r + c, c)));
            row
        })
        .collect();
    let indicator = |i: usize| IndicatorRow {
        code: format!("NI{i}"),
        refs: format!("{long_ref} {}", token(3)),
        measure: long_name.clone(),
        previous: "1,234,567.89 per 10,000".into(),
        target: "(12,345,678)".into(),
        target_spoken: "12,345,678".into(),
        current: "123456789012345".into(),
        progress: symbol("unknown", "?", "Unknown"),
        direction: symbol("not_comparable", "–", "N/A"),
        progress_basis: format!(
            "78% against a target of 84%: missed, within the 5% band {}",
            token(19)
        ),
        direction_basis: "78% against 71% in Q1 2011/12: better.".into(),
        compared_with: None,
        exception: false,
        commentary: Some(format!("Commentary with {}", token(4))),
    };
    let blocks = vec![
        Block::Heading {
            level: 1,
            number: Some("1".into()),
            text: format!("A heading with {}", token(5)),
        },
        Block::Paragraph {
            text: format!("Narrative with {} in it.", token(6)),
            initials: Some("NM".into()),
        },
        Block::Table {
            caption: "Complaints by category and year".into(),
            header,
            rows,
            figures: Vec::new(),
        },
        Block::Table {
            caption: "Every cell a long word".into(),
            header: (0..10).map(token).collect(),
            rows: vec![(10..20).map(token).collect()],
            figures: Vec::new(),
        },
        Block::indicators(
            "Key indicators",
            [
                "2011/12 Actual (long)".into(),
                "2012/13 Target".into(),
                "Q1".into(),
            ],
            (0..3).map(indicator).collect(),
            true,
        ),
        Block::milestones(
            "Milestones",
            "Q1 Progress".into(),
            vec![MilestoneRow {
                reference: format!("{long_ref}-{}", token(7)),
                text: long_name.clone(),
                progress: symbol("green", "✔", "Green"),
                commentary: Some(token(8)),
            }],
            true,
        ),
        Block::actions(
            "Actions",
            vec![ActionRow {
                reference: long_ref.into(),
                requirement: token(9),
                action: long_name.clone(),
                by_whom: "Head of Safeguarding and Quality Assurance".into(),
                timescale: "31/03/2013-30/09/2013".into(),
                status: symbol("in_progress", "▶", "In progress"),
                progress: token(10),
            }],
        ),
        Block::finance(
            "Revenue budget",
            "As at 30 June 2012".into(),
            vec![FinanceRow {
                kind: "line".into(),
                label: token(11),
                annual_budget: "(123,456,789)".into(),
                budget_to_date: "123,456,789".into(),
                expenditure_to_date: "123,456,789".into(),
                variance_to_date: "(123,456,789)".into(),
            }],
        ),
        Block::symbol_key(
            vec![KeyRow {
                symbol: symbol("green", "✔", "Green"),
                objective: token(12),
                indicator: token(13),
            }],
            vec![(symbol("better", "▲", "Better"), token(14))],
            vec![("NM".into(), token(15))],
        ),
    ];
    Document {
        title: format!("Stress test {}", token(16)),
        subtitle: Some(long_name),
        header_lines: vec![("SERVICE".into(), token(17))],
        produced_on: PRODUCED_ON.into(),
        slug: "stress".into(),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: vec![token(18)],
    }
}

/// The stress document repeated until it is long enough to be laid out in parts and joined.
fn long_stress() -> Document {
    let one = stress();
    let mut doc = stress();
    doc.slug = "long-stress".into();
    while !scrutiny_pdf::laid_out_in_parts(&serde_json::to_string(&doc).unwrap()) {
        doc.blocks.extend(one.blocks.iter().cloned());
    }
    let pdf = scrutiny_web::render::render(&doc, scrutiny_web::render::Format::Pdf).unwrap();
    assert!(
        pdf.windows(17).any(|w| w == b"ScrutinyFurniture"),
        "the long stress document was not laid out in parts"
    );
    doc
}

#[tokio::test]
async fn no_pdf_overprints_or_leaves_the_page() {
    let (db, data) = TestDb::with_samples().await;
    let mut docs = framework_reports(&data);
    docs.extend(complaints_reports(&db).await);
    assert!(docs.len() >= 13, "expected every sample report");
    let (_second, second) = crate::performance::second_council::second_council().await;
    docs.extend(crate::performance::second_council::second_council_reports(
        &second,
        PRODUCED_ON,
    ));
    docs.push(crate::complaints::second_council::second_council_report(PRODUCED_ON).await);
    docs.push(crate::case_analysis::sample_report());
    docs.push(crate::case_analysis::sample_front_door_report());
    docs.extend(crate::case_analysis::sample_care_reports());
    docs.push(stress());
    docs.push(long_stress());
    let mut all = Vec::new();
    for doc in &docs {
        all.extend(faults(&doc.slug, doc));
    }
    for pack in crate::meetings::pack::sample_packs(&db, &data).await {
        all.extend(pack_faults(&pack.slug, &pack));
    }
    assert!(
        all.is_empty(),
        "{} fault(s) in the PDFs (left in {}):\n{}",
        all.len(),
        std::env::temp_dir().display(),
        all.join("\n")
    );
}
