//! Renders a fixture that uses every block type, and checks the PDF is tagged, PDF/UA, and
//! prints council text verbatim.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

use super::{PdfError, non_ascii_runs, render, render_pdf};

/// Text that would be markup if it were ever spliced into Typst source.
const SPECIAL: &str = r"Costs #1 *rose* _fast_ $5 @team <b>x</b> [a] \n `code` = 100%";
const SPECIAL_TITLE: &str = r"Review of #care *costs* & $ fees <2013>";
const SPECIAL_HEADING: &str = r"Risks @ [#2] \ _list_";

/// A budget statement's headings, as the document model gives them.
const FINANCE_HEADER: [&str; 5] = [
    "Line",
    "Annual Budget £'000",
    "Budget to Date £'000",
    "Expenditure to Date £'000",
    "Variance to Date (overspend) £'000",
];

fn symbol(state: &str, glyph: &str, label: &str) -> Value {
    json!({ "state": state, "glyph": glyph, "label": label, "description": format!("{label} means {state}") })
}

/// A chart as small as it gets, in the shape plotters writes.
const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">
<rect x="0" y="0" width="400" height="120" fill="#ffffff"/>
<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="20,100 120,60 220,70 320,30"/>
<text x="20" y="115" font-family="sans-serif" font-size="10" fill="#0b0c0c">Q1 2012/13</text>
</svg>"##;

pub(crate) fn fixture() -> Value {
    let indicator = |code: &str, progress: Value, direction: Value, commentary: Value| {
        json!({
            "code": code, "refs": "CYP 1", "measure": format!("Measure for {code}: {SPECIAL}"),
            "previous": "45.0", "target": "54.0", "target_spoken": "54.0", "current": "50.2",
            "progress": progress, "direction": direction, "progress_basis": "computed",
            "commentary": commentary
        })
    };
    let many_rows: Vec<Value> = (1..=40)
        .map(|i| {
            vec![
                format!("R{i}"),
                format!("Risk number {i} <tag> #{i}"),
                "Medium".to_owned(),
            ]
        })
        .map(|r| json!(r))
        .collect();
    json!({
        "title": "Children & Young Peoples Priority Based Report",
        "subtitle": "Reporting Period: Quarter 1, Period 1 April 2012 – 30 June 2012",
        "header_lines": [["DIRECTORATE", "Children & Young People"], ["SERVICE", SPECIAL_TITLE], ["PERIOD", "Quarter 1 to period end 30 June 2012"]],
        "produced_on": "23 November 2026",
        "slug": "pbr-cypf-2012-13-q1",
        "blocks": [
            { "type": "heading", "level": 1, "number": "1.0", "text": "Introduction" },
            { "type": "paragraph", "text": SPECIAL, "initials": "NM" },
            { "type": "paragraph", "text": "A second paragraph.\n\nWith a paragraph break inside.", "initials": null },
            { "type": "heading", "level": 1, "number": "2.0", "text": "Key Developments" },
            { "type": "item", "number": "2.1", "title": SPECIAL_TITLE, "initials": "SN",
              "paragraphs": ["First paragraph of the item.", "Second paragraph of the item."] },
            { "type": "item", "number": null, "title": "Untitled item", "initials": null, "paragraphs": [] },
            { "type": "heading", "level": 2, "number": "2.2", "text": SPECIAL_HEADING },
            { "type": "summary_counts", "caption": "Service Objectives / Milestones", "counts": { "total": 21, "green": 16, "amber": 0, "red": 4, "unknown": 1 },
              "header": ["Total", symbol("green", "✔", "Green"), symbol("amber", "◆", "Amber"), symbol("red", "✖", "Red"), symbol("unknown", "?", "Unknown")],
              "figures": ["21", "16", "0", "4", "1"] },
            { "type": "summary_counts", "caption": "Performance Indicators", "counts": { "total": 5, "green": 5, "amber": 0, "red": 0, "unknown": 0 },
              "header": ["Total", symbol("green", "✔", "Green"), symbol("amber", "◆", "Amber"), symbol("red", "✖", "Red")],
              "figures": ["5", "5", "0", "0"] },
            { "type": "milestones", "caption": "Key Milestones", "header": ["Ref", "Milestone", "Progress Q1", "Commentary"], "with_commentary": true, "rows": [
                { "reference": "CYP 1", "text": "Deliver the plan by March", "progress": symbol("green", "✔", "Green"), "commentary": "On track." },
                { "reference": "CYP 2", "text": "Open two children's centres", "progress": symbol("amber", "◆", "Amber"), "commentary": null },
                { "reference": "CYP 3", "text": "Reduce agency staff", "progress": symbol("red", "✖", "Red"), "commentary": "Behind." },
                { "reference": "CYP 4", "text": "Not yet reported", "progress": symbol("unknown", "?", "Unknown"), "commentary": null }
            ] },
            { "type": "milestones", "caption": "Other Milestones", "header": ["Ref", "Milestone", "Progress"], "with_commentary": false, "rows": [
                { "reference": "CYP 5", "text": "Something", "progress": symbol("none", "–", "N/A"), "commentary": null }
            ] },
            { "type": "indicators", "caption": "Key Performance Indicators", "with_commentary": true,
              "header": ["Ref", "Measure", "11/12 Actual", "12/13 Target", "Q1", "Current Progress", "Direction of Travel", "Commentary"],
              "rows": [
                indicator("NI 148", symbol("green", "✔", "Green"), symbol("better", "▲", "Better"), json!("Improved.")),
                indicator("NI 117", symbol("amber", "◆", "Amber"), symbol("same", "▶", "Same"), Value::Null),
                indicator("NI 62", symbol("red", "✖", "Red"), symbol("worse", "▼", "Worse"), json!("Worse than target.")),
                indicator("NI 63", symbol("unknown", "?", "Unknown"), symbol("not_comparable", "–", "N/A"), Value::Null)
            ] },
            { "type": "indicators", "caption": "Other Indicators", "with_commentary": false,
              "header": ["Ref", "Measure", "11/12 Actual", "12/13 Target", "Q1", "Current Progress", "Direction of Travel"],
              "rows": [ indicator("LI 1", symbol("green", "✔", "Green"), symbol("better", "▲", "Better"), Value::Null) ] },
            { "type": "finance", "caption": "Revenue Budget as at 30 June 2012", "as_at": "As at 30 June 2012 (Period 3)", "header": FINANCE_HEADER, "rows": [
                { "kind": "heading", "label": "Expenditure", "annual_budget": "", "budget_to_date": "", "expenditure_to_date": "", "variance_to_date": "" },
                { "kind": "line", "label": "Employees", "annual_budget": "4,210", "budget_to_date": "1,050", "expenditure_to_date": "1,020", "variance_to_date": "30" },
                { "kind": "line", "label": "Premises", "annual_budget": "310", "budget_to_date": "80", "expenditure_to_date": "95", "variance_to_date": "(15)" },
                { "kind": "total", "label": "Total Expenditure", "annual_budget": "4,520", "budget_to_date": "1,130", "expenditure_to_date": "1,115", "variance_to_date": "15" },
                { "kind": "heading", "label": "Income", "annual_budget": "", "budget_to_date": "", "expenditure_to_date": "", "variance_to_date": "" },
                { "kind": "line", "label": "Grants", "annual_budget": "(1,200)", "budget_to_date": "(300)", "expenditure_to_date": "(300)", "variance_to_date": "0" },
                { "kind": "total", "label": "Total Income", "annual_budget": "(1,200)", "budget_to_date": "(300)", "expenditure_to_date": "(300)", "variance_to_date": "0" },
                { "kind": "net", "label": "Net Operational Expenditure", "annual_budget": "3,320", "budget_to_date": "830", "expenditure_to_date": "815", "variance_to_date": "15" }
            ] },
            { "type": "chart", "title": "Looked after children per 10,000", "svg": SVG, "alt": "Line chart: rising from 40 to 75 over four quarters.", "note": "Q1 40, Q2 60, Q3 55, Q4 75." },
            { "type": "table", "caption": "Risk register", "header": ["Ref", "Risk", "Rating"], "rows": many_rows },
            { "type": "table", "caption": "Ragged table", "header": ["A", "B"], "rows": [["only one"], ["x", "y", "wider than the header"]] },
            { "type": "heading", "level": 1, "number": null, "text": "Appendix: Symbols" },
            { "type": "symbol_key",
              "progress_header": ["Symbol", "Objective", "Performance Indicator"],
              "direction_header": ["Symbol", "Meaning"],
              "progress": [
                  { "symbol": symbol("green", "✔", "Green"), "objective": "On course to be achieved.", "indicator": "Target will be met." },
                  { "symbol": symbol("amber", "◆", "Amber"), "objective": "Uncertain.", "indicator": "Too early to say." },
                  { "symbol": symbol("red", "✖", "Red"), "objective": "Will not be achieved.", "indicator": "Target will be missed." }
              ],
              "direction": [
                  [symbol("better", "▲", "Better"), "Performance is better than last year."],
                  [symbol("same", "▶", "Same"), "Performance is the same as last year."],
                  [symbol("worse", "▼", "Worse"), "Performance is worse than last year."]
              ],
              "initials": [["NM", "Nick Marsh, Divisional Manager"], ["SN", "Sam Nolan, Head of Service"]] }
        ],
        "diagnostics": ["no Q1 value for NI148", SPECIAL]
    })
}

/// Where the fixture's JSON and PDF are left for a person to look at.
fn out_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("scrutiny-pdf-test");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The PDF's text as a reader extracts it. Without `pdftotext` (poppler-utils) the text checks
/// cannot run, and a check that cannot run must fail rather than pass unseen.
fn pdftotext(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run pdftotext ({e}): install poppler-utils to check the PDF's text")
        });
    assert!(
        output.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn renders_every_block_as_tagged_pdf_ua() {
    let json = fixture().to_string();
    let started = Instant::now();
    let (pdf, warnings) = render(&json).unwrap_or_else(|e| panic!("render failed:\n{e}"));
    println!("render took {:?}, {} bytes", started.elapsed(), pdf.len());

    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/StructTreeRoot"), "PDF is not tagged");
    assert!(
        raw.contains("pdfuaid"),
        "no PDF/UA identifier in the metadata"
    );
    assert!(
        raw.contains("/Lang(en-GB)"),
        "document language is not en-GB"
    );
    assert!(warnings.is_empty(), "template warnings: {warnings:?}");
    // No clock and no random ids: the same document gives the same bytes.
    assert_eq!(
        render_pdf(&json).ok(),
        Some(pdf.clone()),
        "output is not reproducible"
    );

    let dir = out_dir();
    let _ = std::fs::write(dir.join("fixture.json"), &json);
    let pdf_path = dir.join("fixture.pdf");
    std::fs::write(&pdf_path, &pdf).expect("write PDF");
    let text = pdftotext(&pdf_path);
    for expected in [
        SPECIAL,
        &format!("{SPECIAL} (NM)"),
        &format!("2.1 {SPECIAL_TITLE} (SN)"),
        &format!("2.2 {SPECIAL_HEADING}"),
        "Children & Young Peoples Priority Based Report",
        "✔ Green",
        "▲ Better",
        "▼ Worse",
        "Risk number 40 <tag> #40",
        "Data notes",
        "Page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "PDF text lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn malformed_json_is_a_readable_error() {
    let err = render_pdf("{\"title\": ").expect_err("must fail");
    assert!(matches!(err, PdfError::InvalidJson(_)), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("not valid JSON") && message.contains("line 1"),
        "{message}"
    );
}

#[test]
fn missing_field_is_a_readable_typst_error() {
    let err = render_pdf(r#"{"title": "T"}"#).expect_err("must fail");
    let message = err.to_string();
    assert!(matches!(err, PdfError::Compile(_)), "{err:?}");
    assert!(message.contains("report.typ:"), "no location in: {message}");
    println!("{message}");
}

/// Degenerate input a builder could produce must still make a valid PDF/UA file.
#[test]
fn sparse_and_empty_blocks_still_render() {
    let json = json!({
        "title": "", "subtitle": null, "header_lines": [], "produced_on": "1 April 2013", "slug": "x",
        "blocks": [
            { "type": "heading", "level": 4, "number": null, "text": "Deep first heading" },
            { "type": "heading", "level": 1, "number": null, "text": "  " },
            { "type": "item", "number": null, "title": "", "initials": null, "paragraphs": ["text"] },
            { "type": "paragraph", "text": "", "initials": null },
            { "type": "table", "caption": "", "header": [], "rows": [] },
            { "type": "table", "caption": "No rows", "header": ["A"], "rows": [] },
            { "type": "table", "caption": "No header", "header": [], "rows": [["a", "b"], ["c"]] },
            { "type": "milestones", "caption": "", "header": ["Ref", "Milestone", ""], "with_commentary": false, "rows": [] },
            { "type": "finance", "caption": "", "as_at": "", "header": FINANCE_HEADER, "rows": [] },
            { "type": "chart", "title": "", "svg": SVG, "alt": "", "note": "" },
            // Neither a drawing nor data that can be drawn: its words print instead.
            { "type": "chart", "title": "Nothing to draw", "svg": "", "alt": "No figures yet.", "note": "" },
            { "type": "chart", "title": "Bad data", "svg": "", "alt": "Unreadable.", "note": "", "data": { "y_min": "0" } },
            { "type": "symbol_key", "progress": [], "progress_header": [], "direction": [], "direction_header": [], "initials": [] }
        ],
        "diagnostics": []
    });
    let (pdf, warnings) =
        render(&json.to_string()).unwrap_or_else(|e| panic!("render failed:\n{e}"));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(warnings.is_empty(), "template warnings: {warnings:?}");
    let _ = std::fs::write(out_dir().join("sparse.pdf"), &pdf);
}

/// A chart drawn from its data (`plot.rs`): a line through several years' quarters, markers,
/// the target in force each year and quartile bands, with its alt text on the figure and every
/// word of it as text.
#[test]
fn a_chart_draws_lines_bands_and_target_with_its_words_as_text() {
    let chart = json!({
        "type": "chart", "title": "NI148 Care leavers in EET", "svg": "", "note": "Higher figures represent better performance.",
        "alt": "Line chart of NI148 by quarter. 2012/13: Q1 66, Q2 71.",
        "data": {
            "y_min": "0", "y_max": "100", "y_ticks": ["0", "20", "40", "60", "80", "100"],
            "y_unit": "Per cent",
            "x_labels": ["Q1", "Q2", "Q3", "Q4", "Q1", "Q2"],
            "x_groups": [
                {"label": "2011/12", "first": 0, "last": 3},
                {"label": "2012/13", "first": 4, "last": 5}
            ],
            "series": [
                {"label": "Actual", "kind": "actual", "points": ["62", "65", null, "72", "66", "71"]}
            ],
            "targets": [
                {"first": 0, "last": 3, "value": "70"},
                {"first": 4, "last": 5, "value": "75"}
            ],
            "bands": [
                {"label": "Top 25% of councils", "kind": "top", "first": 4, "last": 5, "from": "80", "to": "100"},
                {"label": "Bottom 25% of councils", "kind": "bottom", "first": 4, "last": 5, "from": "0", "to": "55"}
            ]
        }
    });
    let doc = json!({
        "title": "Charts", "subtitle": null, "header_lines": [], "produced_on": "1 April 2026",
        "slug": "charts", "blocks": [chart], "diagnostics": []
    });
    let pdf = render_pdf(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/StructTreeRoot") && text.contains("pdfuaid"));
    let path = out_dir().join("chart.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{e}"));
    let words = pdftotext(&path);
    for w in [
        "Target in force",
        "Top 25% of councils",
        "Bottom 25% of councils",
        "Q4",
        "2012/13",
        "Per cent",
        "100",
        "60",
    ] {
        assert!(words.contains(w), "{w} missing from the chart's text");
    }
}

/// A one-page document holding `text` as a paragraph and as a table cell.
fn with_text(text: &str) -> String {
    json!({
        "title": "Names", "subtitle": null, "header_lines": [], "produced_on": "1 April 2026",
        "slug": "names",
        "blocks": [
            { "type": "paragraph", "text": text, "initials": null },
            { "type": "table", "caption": "Names", "header": ["Name", "Ref"], "rows": [[text, "A1"]] }
        ],
        "diagnostics": []
    })
    .to_string()
}

/// A name in each script a council may hold, read back from the PDF.
#[test]
fn names_in_every_script_print() {
    const NAMES: [&str; 8] = [
        "李小龍",
        "佐藤",
        "김민준",
        "Ελένη",
        "Дмитрий",
        "محمد",
        "देवी",
        "😀",
    ];
    let pdf = render_pdf(&with_text(&NAMES.join(" "))).unwrap_or_else(|e| panic!("{e}"));
    let path = out_dir().join("names.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{e}"));
    let text = pdftotext(&path);
    for name in NAMES {
        assert!(
            text.contains(name),
            "{name} is not read back from the PDF:\n{text}"
        );
    }
}

/// A character no embedded font has (Tamil) prints as U+FFFD rather than stopping the report.
#[test]
fn a_character_no_font_has_prints_as_a_replacement() {
    let pdf = render_pdf(&with_text("Name: \u{bae}")).unwrap_or_else(|e| panic!("{e}"));
    let path = out_dir().join("replacement.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert!(pdftotext(&path).contains("Name: \u{fffd}"));
    // A mark no font has together with its base: the pair is one grapheme, shaped by one font.
    render_pdf(&with_text("\u{1f300}\u{20dd} Name")).unwrap_or_else(|e| panic!("{e}"));
}

/// A field that starts with a combining mark: the template prints "(" before initials, and the
/// bracket and the mark were shaped as one in a font without the mark (found by the web's
/// property test). The mark is set on a dotted circle, or replaced.
#[test]
fn a_field_opening_with_a_mark_renders() {
    for mark in ["\u{1dca}", "\u{301}", "\u{200d}"] {
        let doc = json!({
            "title": "Marks", "subtitle": null, "header_lines": [], "produced_on": "1 April 2026",
            "slug": "marks",
            "blocks": [
                { "type": "paragraph", "text": mark, "initials": mark },
                { "type": "table", "caption": "Marks", "header": ["Name"], "rows": [[mark]] }
            ],
            "diagnostics": []
        })
        .to_string();
        render_pdf(&doc).unwrap_or_else(|e| panic!("{mark:?}: {e}"));
    }
}

proptest::proptest! {
    // Each case renders a PDF (a fraction of a second): a few cases, many scripts between them.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any text, made printable as the renderers make it, renders: no glyph is missing and no
    /// character upsets the template.
    #[test]
    fn any_text_renders(text in "[\\PC\\x00-\\x1f\\x7f]{0,40}") {
        let printable = scrutiny_domain::format::printable(&text);
        if let Err(e) = render_pdf(&with_text(&printable)) {
            proptest::prop_assert!(false, "{text:?} did not render: {e}");
        }
    }
}

#[test]
fn non_ascii_runs_hold_every_non_ascii_character_with_its_neighbours() {
    let runs: Vec<&str> = non_ascii_runs("ab£c e\u{301}x, \u{1F600}z \u{600}1\u{301}q").collect();
    assert_eq!(
        runs,
        ["b£c", "e\u{301}x", " \u{1F600}z", " \u{600}1\u{301}q"]
    );
    assert_eq!(non_ascii_runs("plain ASCII").count(), 0);
    assert_eq!(non_ascii_runs("é").collect::<Vec<_>>(), ["é"]);
}

proptest::proptest! {
    /// Checking the runs finds what checking every grapheme finds.
    #[test]
    fn runs_judge_text_as_its_graphemes_do(text in "[\\PC a-z\"]{0,40}") {
        use unicode_segmentation::UnicodeSegmentation;
        let fine = |g: &str| g.is_ascii() || (!(g.starts_with('"') && g.len() > 1) && crate::world::drawable(g));
        let by_runs = non_ascii_runs(&text).all(|r| r.graphemes(true).all(fine));
        proptest::prop_assert_eq!(by_runs, text.graphemes(true).all(fine));
    }
}

/// The fixture with `sections` numbered sections, each a paragraph, a table and a chart.
fn long_report(sections: usize) -> Value {
    let mut doc = fixture();
    let chart = doc["blocks"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["type"] == "chart"))
        .cloned()
        .expect("the fixture has a chart");
    let blocks: Vec<Value> = (1..=sections)
        .flat_map(|i| {
            [
                json!({ "type": "heading", "level": 1, "number": format!("{i}.0"), "text": format!("Section {i}") }),
                json!({ "type": "paragraph", "text": format!("What section {i} is about."), "initials": null }),
                json!({ "type": "heading", "level": 2, "number": null, "text": format!("Figures {i}") }),
                json!({ "type": "item", "number": format!("{i}.1"), "title": format!("Item of section {i}"), "initials": null, "paragraphs": ["An item's words."] }),
                json!({ "type": "table", "caption": format!("Figures of section {i}"), "header": ["Ref", "Measure", "Value"],
                        "rows": (1..=30).map(|r| json!([format!("S{i}R{r}"), format!("Measure {r} of section {i}"), format!("{r}")])).collect::<Vec<_>>() }),
                chart.clone(),
            ]
        })
        .collect();
    doc["blocks"] = json!(blocks);
    doc
}

#[test]
fn a_long_report_laid_out_in_parts_is_one_tagged_document() {
    use lopdf::{Dictionary, Document, Object};
    let sections = 6;
    let json = long_report(sections).to_string();
    let value = super::prepared(&json)
        .expect("prepared")
        .expect("charts are plotted");
    // Parts of about one section each (a table of 31 rows of 3 cells, and a chart).
    let (pdf, warnings) = super::parts::render_cut(value, Some("long".into()), 90)
        .unwrap_or_else(|e| panic!("render in parts failed:\n{e}"));
    assert!(warnings.is_empty(), "template warnings: {warnings:?}");
    let path = out_dir().join("long-in-parts.pdf");
    std::fs::write(&path, &pdf).expect("write PDF");

    let doc = Document::load_mem(&pdf).expect("the joined PDF reads back");
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let dict = |o: &Object| -> Dictionary {
        doc.dereference(o)
            .expect("resolves")
            .1
            .as_dict()
            .expect("a dictionary")
            .clone()
    };
    let catalog = doc.catalog().expect("catalog").clone();
    let root = dict(catalog.get(b"StructTreeRoot").expect("tagged"));

    // Every page's and annotation's structure key is in the parent tree, which ends before its
    // next key.
    let nums = dict(root.get(b"ParentTree").expect("parent tree"));
    let nums = nums
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("flat Nums");
    let keys: std::collections::BTreeSet<i64> = nums
        .chunks(2)
        .map(|p| p[0].as_i64().expect("key"))
        .collect();
    let next = root
        .get(b"ParentTreeNextKey")
        .and_then(Object::as_i64)
        .expect("next key");
    assert!(
        keys.iter().all(|&k| k < next),
        "a key at or past ParentTreeNextKey"
    );
    for &page in &pages {
        let page = doc.get_dictionary(page).expect("page");
        let key = page
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .expect("StructParents");
        assert!(keys.contains(&key), "page key {key} not in the parent tree");
        // The running heads and footers are laid over every page.
        let resources = dict(page.get(b"Resources").expect("resources"));
        assert!(dict(resources.get(b"XObject").expect("xobjects")).has(b"ScrutinyFurniture"));
        if let Ok(annots) = page.get(b"Annots") {
            for a in doc
                .dereference(annots)
                .expect("annots")
                .1
                .as_array()
                .expect("array")
            {
                if let Ok(k) = dict(a).get(b"StructParent").and_then(Object::as_i64) {
                    assert!(
                        keys.contains(&k),
                        "annotation key {k} not in the parent tree"
                    );
                }
            }
        }
    }

    // One Document element, every element's parent the one it hangs from; table header ids
    // unique, in order, and every Headers entry one of them.
    let ids: Vec<Vec<u8>> = match root.get(b"IDTree") {
        Ok(t) => dict(t)
            .get(b"Names")
            .and_then(Object::as_array)
            .expect("flat Names")
            .chunks(2)
            .map(|p| p[0].as_str().expect("name").to_vec())
            .collect(),
        Err(_) => Vec::new(),
    };
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "IDTree names repeat or are out of order"
    );
    let (mut headings, mut headers) = (Vec::new(), 0);
    let document = match root.get(b"K").expect("a root element") {
        Object::Array(a) if a.len() == 1 => a[0].as_reference().expect("a reference"),
        other => other.as_reference().expect("one Document element"),
    };
    let mut stack = vec![document];
    while let Some(id) = stack.pop() {
        let element = doc.get_dictionary(id).expect("element");
        if let Ok(kids) = element.get(b"K") {
            let kids = match kids {
                Object::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for kid in kids {
                if let Object::Reference(kid) = kid
                    && let Ok(child) = doc.get_dictionary(kid)
                    && child.has(b"S")
                {
                    assert_eq!(
                        child.get(b"P").and_then(Object::as_reference).ok(),
                        Some(id)
                    );
                    stack.push(kid);
                }
            }
        }
        let role = element.get(b"S").and_then(Object::as_name).expect("role");
        if role == b"H2" {
            headings.push(id);
        }
        let attributes = match element.get(b"A") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        for a in attributes {
            if let Ok(list) = dict(&a).get(b"Headers").and_then(Object::as_array) {
                for h in list {
                    headers += 1;
                    let h = h.as_str().expect("id").to_vec();
                    assert!(ids.binary_search(&h).is_ok(), "Headers names an unknown id");
                }
            }
        }
    }
    assert!(headers > 0, "no table cell names its header");
    // Every element the parent tree names hangs from the root; no element of a dropped opening
    // page is left in the tree.
    let reached: std::collections::BTreeSet<lopdf::ObjectId> = {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![document];
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Ok(kids) = doc.get_dictionary(id).and_then(|e| e.get(b"K")) {
                let kids = match kids {
                    Object::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                stack.extend(
                    kids.iter()
                        .filter_map(|k| k.as_reference().ok())
                        .filter(|k| doc.get_dictionary(*k).is_ok_and(|d| d.has(b"S"))),
                );
            }
        }
        seen
    };
    for value in nums.chunks(2).map(|p| &p[1]) {
        let named = match doc.dereference(value).expect("resolves").1 {
            Object::Array(list) => list.iter().filter_map(|o| o.as_reference().ok()).collect(),
            Object::Dictionary(_) => vec![value.as_reference().expect("a reference")],
            _ => Vec::new(),
        };
        for id in named {
            assert!(
                reached.contains(&id),
                "the parent tree names an element off the tree"
            );
        }
    }
    // Level-2 headings (the template's level 3) carry on across parts, nested by the bookmarks
    // under their sections; every bookmark opens a page of the document.
    assert!(
        headings.len() >= sections,
        "{} H2 for {sections} sections",
        headings.len()
    );
    let outlines = dict(catalog.get(b"Outlines").expect("bookmarks"));
    let mut item = outlines.get(b"First").and_then(Object::as_reference).ok();
    let mut top = Vec::new();
    while let Some(id) = item {
        let d = doc.get_dictionary(id).expect("bookmark");
        let title =
            String::from_utf8_lossy(d.get(b"Title").and_then(Object::as_str).expect("title"))
                .into_owned();
        let dest = d
            .get(b"Dest")
            .and_then(Object::as_array)
            .expect("a destination");
        assert!(
            pages.contains(&dest[0].as_reference().expect("a page")),
            "{title:?} opens no page"
        );
        let children = d.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
        top.push((title, children));
        item = d.get(b"Next").and_then(Object::as_reference).ok();
    }
    for i in 1..=sections {
        let words = format!("{i}.0 Section {i}");
        let found = top.iter().find(|(t, _)| *t == words);
        assert!(
            found.is_some_and(|(_, children)| *children >= 2),
            "{words:?} is not a bookmark with its heading and item under it: {top:?}"
        );
    }
    assert_eq!(
        outlines.get(b"Count").and_then(Object::as_i64).ok(),
        Some(top.len() as i64 + top.iter().map(|t| t.1).sum::<i64>()),
        "the outline's count"
    );

    // The metadata counts every page; the text reads in order with its contents list right.
    let n = pages.len();
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP");
    let xmp = doc
        .get_object(xmp)
        .and_then(Object::as_stream)
        .expect("XMP stream");
    let xmp = String::from_utf8(
        xmp.decompressed_content()
            .unwrap_or_else(|_| xmp.content.clone()),
    )
    .expect("XMP is text");
    assert!(
        xmp.contains(&format!("<xmpTPg:NPages>{n}<")),
        "XMP page count:\n{xmp}"
    );
    assert!(xmp.contains("pdfuaid"), "no PDF/UA identifier");
    let text = pdftotext(&path);
    let printed: Vec<&str> = text.split('\u{c}').collect();
    assert!(
        printed[0].contains("Contents"),
        "no contents on the first page"
    );
    for i in 1..=sections {
        let words = format!("{i}.0 Section {i}");
        let listed = printed[0]
            .lines()
            .find(|l| l.starts_with(&words))
            .unwrap_or_else(|| panic!("{words:?} is not in the contents:\n{}", printed[0]));
        let page: usize = listed
            .rsplit(' ')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a page number");
        assert!(
            printed[page - 1].lines().any(|l| l.trim() == words),
            "{words:?} is listed on page {page} but not printed there"
        );
    }
    assert!(text.contains(&format!("Page 1 of {n}")) && text.contains(&format!("Page {n} of {n}")));
    assert!(text.contains("Data notes"));
    // Every reference in the file names an object in it (the join writes parts out as it goes
    // and leaves some of their objects behind).
    let mut named = Vec::new();
    doc.objects
        .values()
        .for_each(|o| crate::join::references(o, &mut named));
    assert!(
        named.iter().all(|id| doc.objects.contains_key(id)),
        "a reference to an object the file does not hold"
    );
    // Each body part's opening page, there for the PDF/UA check, is dropped.
    assert!(!text.contains("Continued"), "an opening page was left in");
}
