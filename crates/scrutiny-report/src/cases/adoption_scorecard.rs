//! The adoption scorecard as a board reads it (the seeds' `001_`: "the time from a child entering
//! care to moving in with their adoptive family", "the time from Placement Order to matching a
//! child with prospective adopters", "those children who waited longer than they should",
//! against thresholds that fall each year): each measure's three-year average against the
//! threshold in force, beside the three years before, from the SSDA903 return.

use scrutiny_domain::cases::DateRange;
use scrutiny_domain::cases::adoption::{self, Average, Scorecard, Threshold};
use scrutiny_domain::cases::care::{self, CareRecords};
use scrutiny_domain::period::{FinancialYear, long_date};

use crate::cases::analysis::paragraph;
use crate::document::{Block, Document, Numbering};

/// One measure over one three-year window.
struct Window {
    average: Option<u64>,
    children: u64,
    threshold: Option<u64>,
    /// Children whose days were over the threshold.
    over: u64,
}

fn window(
    care: &CareRecords,
    sorted: &[care::Episode],
    measure: Scorecard,
    end: chrono::NaiveDate,
    thresholds: &[Threshold],
) -> Window {
    let period = DateRange { start: end, end };
    let waits = adoption::waits(care, sorted, measure, period);
    let mut avg = Average::default();
    for w in &waits {
        avg.add(*w);
    }
    let threshold = adoption::threshold_for(thresholds, measure, end).map(|t| t.days);
    Window {
        average: avg.mean(),
        children: avg.children,
        over: threshold.map_or(0, |t| {
            waits
                .iter()
                .filter(|w| u64::try_from(**w).unwrap_or(0) > t)
                .count() as u64
        }),
        threshold,
    }
}

fn what(measure: Scorecard) -> &'static str {
    match measure {
        Scorecard::A1 => "A1: days from entering care to moving in with the adoptive family",
        Scorecard::A2 => {
            "A2: days from the court's authority to place (placement order) to the match with adopters"
        }
        Scorecard::A10 => {
            "A10: as A1, the clock stopping when foster carers who went on to adopt began to care for the child"
        }
    }
}

fn days(d: Option<u64>) -> String {
    d.map_or_else(|| "–".into(), |d| format!("{d} days"))
}

/// The scorecard for the three years to the end of `year`, beside the three years to the end
/// of the year before, with `thresholds` (the council's, dated; `adoption::sample_thresholds`
/// for the sample).
pub fn adoption_scorecard(
    care: &CareRecords,
    year: FinancialYear,
    thresholds: &[Threshold],
    produced_on: &str,
) -> Document {
    let sorted = care.sorted_episodes();
    let (end, before) = (year.end(), year.previous().end());
    let span = |end: chrono::NaiveDate| {
        let w = adoption::three_years_to(end);
        format!("{} to {}", long_date(w.start), long_date(w.end))
    };
    let mut n = Numbering::default();
    let mut blocks = vec![n.section("The scorecard")];
    let mut rows = Vec::new();
    for measure in [Scorecard::A1, Scorecard::A2, Scorecard::A10] {
        let now = window(care, &sorted, measure, end, thresholds);
        let was = window(care, &sorted, measure, before, thresholds);
        let verdict = match (now.average, now.threshold) {
            (Some(a), Some(t)) if a <= t => "within the threshold",
            (Some(_), Some(_)) => "over the threshold",
            (None, _) => "no child adopted to time",
            (_, None) => "no threshold set",
        };
        blocks.push(paragraph(format!(
            "{}: {} on average over {} child(ren) adopted in the three years to {}, against a threshold of {} ({verdict}); {} child(ren) waited longer than the threshold. The three years before: {}.",
            what(measure),
            days(now.average),
            now.children,
            long_date(end),
            days(now.threshold),
            now.over,
            was.average
                .map_or_else(|| "no child adopted to time".into(), |d| format!("{d} days")),
        )));
        rows.push(vec![
            format!("{measure:?}"),
            days(was.average),
            days(now.average),
            days(now.threshold),
            now.children.to_string(),
            now.over.to_string(),
        ]);
    }
    blocks.push(Block::Table {
        caption: format!("Adoption scorecard, three years to {}", long_date(end)),
        header: vec![
            "Measure".into(),
            format!("Three years to {}", long_date(before)),
            format!("Three years to {}", long_date(end)),
            "Threshold".into(),
            "Children".into(),
            "Waited longer than the threshold".into(),
        ],
        rows,
        figures: Vec::new(),
    });
    blocks.push(paragraph(format!(
        "Computed from the SSDA903 return by the definitions {} (docs/measures/children-in-care.md). The windows: {} and {}. Thresholds are the council's, dated; each three-year window takes the one in force at its end.",
        care::VERSION,
        span(end),
        span(before)
    )));
    Document {
        title: "Adoption scorecard".into(),
        subtitle: Some(format!("Three years to {}", long_date(end))),
        header_lines: Vec::new(),
        produced_on: produced_on.into(),
        slug: format!("adoption-scorecard-{}", year.0),
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics: Vec::new(),
    }
}
