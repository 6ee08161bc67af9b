//! The Q1 2012/13 Priority Based Report (seed 000) rebuilt from the sample data: every figure in its
//! indicator tables, every milestone, and the three financial statements, against the seed's own
//! printed text in `data/golden/pbr-2012-13-q1/`.

use scrutiny_domain::{Period, Rag, RagCounts};
use scrutiny_report::document::{Block, Document, FinanceRow};
use scrutiny_report::performance::pbr::priority_based_report;

use crate::harness::{TestDb, golden, indicator_rows, same};

async fn pbr() -> Document {
    let (_db, data) = TestDb::with_samples().await;
    let period = Period::parse("2012/13 Q1").expect("period");
    priority_based_report(&data, "CYPF", period, "23 November 2026").expect("report")
}

// The seed prints qualifiers without brackets ("465 episodes"); the data keeps them in brackets
// ("465 (episodes)") so the number stays a number: `same` compares the numbers and words.

#[tokio::test]
async fn every_indicator_figure_matches_the_seed() {
    let doc = pbr().await;
    let rows = indicator_rows(&doc);
    let expected = golden("pbr-2012-13-q1/indicators.tsv");
    assert_eq!(
        rows.len(),
        expected.len(),
        "one row per indicator printed in the seed"
    );
    for (got, want) in rows.iter().zip(&expected) {
        assert_eq!(got.refs, want["ref"]);
        assert_eq!(got.measure, want["measure"], "{}", want["ref"]);
        // The sample also holds the SCS light-touch review of November 2012, whose proposals the
        // report states beside the target in force ("45% (proposed: 54.0%)"); the seed, printed
        // before that review, has none.
        let got_target = got
            .target
            .split(" (proposed: ")
            .next()
            .unwrap_or_default()
            .to_string();
        // Employment & Growth: the seed's table is headed "10/11 Actual | 11/12 Target", a
        // misprint (the Q2 report and the SCS report print the same figures as 11/12 actual and
        // 12/13 target). The data holds them for the right years, so the report prints them under
        // the usual headings; the figures themselves match.
        let (previous, target) = (got.previous.clone(), got_target);
        // `same`: the seed prints one indicator at different places ("56%" beside "56.0%");
        // the report at one, so the numbers are compared.
        assert!(
            same(&previous, &want["actual"]),
            "{} previous-year actual: {previous} against {}",
            want["ref"],
            want["actual"]
        );
        assert!(
            same(&target, &want["target"]),
            "{} target: {target} against {}",
            want["ref"],
            want["target"]
        );
        if want["q1"].is_empty() {
            // The seed prints "Refer comment" in the progress column, not the Q1 column, for
            // NI117 and SCS CYP13; the data holds it as their Q1 value.
            assert_eq!(got.current, "Refer comment", "{}", want["ref"]);
        } else {
            assert!(
                same(&got.current, &want["q1"]),
                "{} Q1: {} against {}",
                want["ref"],
                got.current,
                want["q1"]
            );
        }
    }
}

#[tokio::test]
async fn progress_is_computed_by_the_declared_rules_and_overrides_are_kept() {
    let doc = pbr().await;
    let rows = indicator_rows(&doc);
    let by_ref = |r: &str| {
        rows.iter()
            .find(|x| x.refs == r)
            .unwrap_or_else(|| panic!("{r}"))
    };
    // 123 against a target of 100, higher is better.
    assert_eq!(by_ref("LPI07COP").progress.state, "green");
    // Printed as "?" in the seed: a person's judgement, kept with its reason.
    let ni148 = by_ref("NI148");
    assert_eq!(ni148.progress.state, "unknown");
    assert!(
        ni148.progress_basis.contains("Printed as"),
        "{}",
        ni148.progress_basis
    );
    // 8.3% now against 6.3% in Q1 2011/12 (from the commentary): "an improved performance".
    assert_eq!(by_ref("CFS LI07 SCS").direction.state, "better");
    // The seed prints N/A for direction of travel where there is no comparison.
    for r in ["CFS LI03", "SCS CYP12"] {
        assert_eq!(by_ref(r).direction.state, "not_comparable", "{r}");
    }
    // "Refer comment" is a state, not a figure: nothing to judge, counted as no figure yet.
    assert_eq!(by_ref("NI072 SCS CYP01").progress.state, "no_figure");
}

#[tokio::test]
async fn every_milestone_is_printed_under_its_priority() {
    let doc = pbr().await;
    let mut got = Vec::new();
    for b in &doc.blocks {
        if let Block::Milestones { rows, .. } = b {
            got.extend(rows.iter().map(|r| (r.reference.clone(), r.text.clone())));
        }
    }
    let want: Vec<(String, String)> = golden("pbr-2012-13-q1/milestones.tsv")
        .iter()
        .map(|r| (r["ref"].clone(), r["milestone"].clone()))
        .collect();
    assert_eq!(got, want);
}

fn finance(doc: &Document) -> Vec<(String, Vec<FinanceRow>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Finance { caption, rows, .. } => Some((caption.clone(), rows.clone())),
            _ => None,
        })
        .collect()
}

fn department_caption(code: &str) -> &'static str {
    match code {
        "CFS" => "CHILDREN & FAMILIES SERVICES",
        "COPS" => "CHILDREN'S ORGANISATION & PROVISION SERVICE",
        _ => "LEARNING & ACHIEVEMENT SERVICE",
    }
}

fn check_finance_rows(file: &str) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let doc = rt.block_on(pbr());
    let statements = finance(&doc);
    assert_eq!(statements.len(), 3, "three departments' statements");
    for want in golden(file) {
        let caption = department_caption(&want["department"]);
        let (_, rows) = statements
            .iter()
            .find(|(c, _)| c == caption)
            .unwrap_or_else(|| panic!("{caption}"));
        let got = rows
            .iter()
            .find(|r| r.label == want["row"] && r.kind != "heading")
            .unwrap_or_else(|| panic!("{} {}", want["department"], want["row"]));
        let cells = [
            (&got.annual_budget, "annual_budget"),
            (&got.budget_to_date, "budget_to_date"),
            (&got.expenditure_to_date, "expenditure_to_date"),
            (&got.variance_to_date, "variance_to_date"),
        ];
        // The seed prints budgets' negatives with a minus and variances' in brackets ("-123"
        // beside "(20)"); the report prints every negative in one style, the board's (brackets
        // by default). The amounts must match exactly; only the sign's style differs.
        for (cell, col) in cells {
            let amount = |t: &str| {
                (!t.is_empty()).then(|| scrutiny_domain::format::parse_money(t).expect("an amount"))
            };
            assert_eq!(
                amount(cell),
                amount(&want[col]),
                "{} {} {col}",
                want["department"],
                want["row"]
            );
            assert!(!cell.contains('-'), "one style: {cell}");
        }
    }
}

/// The seed's arithmetic is consistent for all three statements (checked independently when the
/// data was transcribed), so every computed total must equal the printed one exactly.
#[test]
fn financial_statement_totals_match_the_seed() {
    check_finance_rows("pbr-2012-13-q1/finance_totals.tsv");
}

#[test]
fn financial_statement_lines_and_variances_match_the_seed() {
    check_finance_rows("pbr-2012-13-q1/finance_lines.tsv");
}

/// Each summary count is the count of the ratings in the table below it (a count taken over the
/// wrong items, or a table filtered after counting, fails here), and the milestones' counts are
/// the judgements recorded when the seed was transcribed (its symbols were lost; see the sample's
/// README): of the 20 milestones printed, 18 green, 1 amber (LAS3), 1 unknown (COPS4).
#[tokio::test]
async fn summary_counts_are_those_of_the_items_below_them() {
    let doc = pbr().await;
    let (mut milestones, mut indicators) = (RagCounts::default(), RagCounts::default());
    let mut blocks = doc.blocks.iter();
    let mut summaries = 0;
    while let Some(block) = blocks.next() {
        let Block::SummaryCounts {
            caption, counts, ..
        } = block
        else {
            continue;
        };
        summaries += 1;
        let (states, total): (Vec<&str>, &mut RagCounts) = match blocks.next() {
            Some(Block::Milestones { rows, .. }) => (
                rows.iter().map(|r| r.progress.state.as_str()).collect(),
                &mut milestones,
            ),
            Some(Block::Indicators { rows, .. }) => (
                rows.iter().map(|r| r.progress.state.as_str()).collect(),
                &mut indicators,
            ),
            other => panic!("{caption} is not followed by its table: {other:?}"),
        };
        let recounted: RagCounts = states
            .iter()
            .map(|s| Rag::parse(s).unwrap_or_else(|e| panic!("{caption}: {e}")))
            .collect();
        assert_eq!(*counts, recounted, "{caption}");
        states
            .iter()
            .filter_map(|s| Rag::parse(s).ok())
            .for_each(|r| total.add(r));
    }
    assert!(summaries > 0, "the report prints summary counts");
    assert_eq!(
        (
            milestones.total,
            milestones.green,
            milestones.amber,
            milestones.red,
            milestones.unknown
        ),
        (20, 18, 1, 0, 1)
    );
    assert_eq!(
        indicators.total,
        golden("pbr-2012-13-q1/indicators.tsv").len(),
        "every indicator printed is counted once"
    );
}
