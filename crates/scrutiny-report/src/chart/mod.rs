//! Indicator charts: every figure held for the indicator, over all its years (quarterly points
//! where it is reported quarterly, yearly where annual), the target as it was in force in each
//! period, and the quartile bands where benchmarks give them. The y axis starts at zero and is
//! titled with the unit. The chart is worked out once as data ([`ChartData`]); HTML and Word draw
//! it as SVG (`svg`), the PDF natively in Typst from the same data. Every chart carries a text
//! alternative listing the figures.

mod scale;
mod svg;
mod trend;

pub use trend::trend_chart;

use rust_decimal::Decimal;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::performance::model::Indicator;
use scrutiny_domain::period::{FinancialYear, Quarter};

use crate::document::{Block, ChartBand, ChartData, ChartGroup, ChartSeries, ChartStep};
use crate::performance::context::Context;

/// How far back a chart looks for the first year held: far beyond any plan, near enough that a
/// stray figure decades old does not flatten the chart.
const YEARS_BACK: i32 = 12;

/// One point of the x axis: a quarter, or a year where the indicator is annual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    year: FinancialYear,
    quarter: Option<Quarter>,
}

fn number(f: &Figure) -> Option<Decimal> {
    f.as_number()
}

/// The slots from the first year the indicator has a figure up to the report's period.
fn timeline(ctx: &Context, code: &str) -> Vec<Slot> {
    let p = ctx.period;
    let held = |year, quarter| {
        ctx.value(code, year, quarter)
            .and_then(|v| number(&v.value))
            .is_some()
    };
    let years: Vec<FinancialYear> = (0..=YEARS_BACK)
        .rev()
        .map(|back| FinancialYear(p.year.0 - back))
        .collect();
    let quarterly = years
        .iter()
        .any(|y| Quarter::ALL.iter().any(|q| held(*y, Some(*q))));
    let first = years.iter().position(|y| {
        held(*y, None) || (quarterly && Quarter::ALL.iter().any(|q| held(*y, Some(*q))))
    });
    let Some(first) = first else {
        return Vec::new();
    };
    // A year is drawn by quarter where it has quarterly figures, as one point where it has only
    // the year's outturn (an earlier plan reported annually), and by quarter if it has neither
    // but the indicator is quarterly.
    let mut slots = Vec::new();
    for &year in &years[first..] {
        let by_quarter =
            Quarter::ALL.iter().any(|q| held(year, Some(*q))) || (quarterly && !held(year, None));
        if by_quarter {
            for &q in Quarter::ALL
                .iter()
                .filter(|q| year < p.year || **q <= p.quarter)
            {
                slots.push(Slot {
                    year,
                    quarter: Some(q),
                });
            }
        } else {
            slots.push(Slot {
                year,
                quarter: None,
            });
        }
    }
    slots
}

/// Runs of equal values over the slots, as steps; `None` breaks a run.
fn steps(values: &[Option<Decimal>]) -> Vec<ChartStep> {
    let mut out: Vec<ChartStep> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let Some(v) = *v else { continue };
        match out.last_mut() {
            Some(s) if s.last + 1 == i && s.value == v => s.last = i,
            _ => out.push(ChartStep {
                first: i,
                last: i,
                value: v,
            }),
        }
    }
    out
}

/// The target in force for each slot: the quarter's own target where one is held, else the year's
/// (with approved revisions). An annual target is left off a quarterly count: a quarter's count
/// is not the year's, and drawing the two on one scale would mislead.
fn targets(ctx: &Context, ind: &Indicator, slots: &[Slot]) -> (Vec<Option<Decimal>>, bool) {
    let mut left_off = false;
    let values = slots
        .iter()
        .map(|s| {
            if let Some(q) = s.quarter
                && let Some(t) = ctx.target(&ind.code, s.year, Some(q))
            {
                return number(&t.target);
            }
            let annual = ctx
                .target_in_force(&ind.code, s.year)
                .and_then(|t| number(&t.current));
            if s.quarter.is_some() && ind.unit == Unit::Count && annual.is_some() {
                left_off = true;
                return None;
            }
            annual
        })
        .collect();
    (values, left_off)
}

/// Top and bottom quartile bands for each year a benchmark gives both boundaries.
fn bands(ctx: &Context, code: &str, slots: &[Slot]) -> Vec<(usize, usize, Decimal, Decimal)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < slots.len() {
        let year = slots[i].year;
        let last = i + slots[i..].iter().take_while(|s| s.year == year).count() - 1;
        let quartiles = ctx
            .data
            .benchmarks
            .iter()
            .find(|b| b.indicator == code && b.year == year)
            .and_then(|b| b.top_quartile.zip(b.bottom_quartile));
        if let Some((top, bottom)) = quartiles {
            out.push((i, last, top, bottom));
        }
        i = last + 1;
    }
    out
}

/// The y axis's title.
fn unit_title(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "Per cent",
        Unit::Count | Unit::Number => "Number",
        Unit::Days => "Days",
        Unit::RatePer10000 => "Rate per 10,000",
        Unit::Ratio => "Ratio",
    }
}

fn x_axis(slots: &[Slot]) -> (Vec<String>, Vec<ChartGroup>) {
    let quarterly = slots.iter().any(|s| s.quarter.is_some());
    if !quarterly {
        return (
            slots.iter().map(|s| s.year.to_string()).collect(),
            Vec::new(),
        );
    }
    // In a chart of quarters, a year held only as an outturn is one point: "Year".
    let labels = slots
        .iter()
        .map(|s| {
            s.quarter
                .map_or_else(|| "Year".to_string(), |q| q.to_string())
        })
        .collect();
    let mut groups: Vec<ChartGroup> = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let label = s.year.to_string();
        match groups.last_mut() {
            Some(g) if g.label == label => g.last = i,
            _ => groups.push(ChartGroup {
                label,
                first: i,
                last: i,
            }),
        }
    }
    (labels, groups)
}

/// The chart block for an indicator, or `None` when there is not a single figure to draw.
pub fn indicator_chart(ctx: &Context, ind: &Indicator) -> Option<Block> {
    let slots = timeline(ctx, &ind.code);
    let points: Vec<Option<Decimal>> = slots
        .iter()
        .map(|s| {
            ctx.value(&ind.code, s.year, s.quarter)
                .and_then(|v| number(&v.value))
        })
        .collect();
    // A chart with no figures, only a target line, tells the reader nothing.
    if points.iter().all(Option::is_none) {
        return None;
    }
    let (target_values, target_left_off) = targets(ctx, ind, &slots);
    let quartiles = bands(ctx, &ind.code, &slots);

    let mut all: Vec<Decimal> = points
        .iter()
        .chain(&target_values)
        .flatten()
        .copied()
        .collect();
    all.extend(quartiles.iter().flat_map(|(_, _, t, b)| [*t, *b]));
    let (y_min, y_max, y_ticks) = scale::scale(&all);
    let bands = quartiles
        .into_iter()
        .flat_map(|(first, last, top, bottom)| {
            // Which side is "top" the boundaries say: the top quartile lies beyond the bottom one.
            let (top_band, bottom_band) = if top >= bottom {
                ((top, y_max), (y_min, bottom))
            } else {
                ((y_min, top), (bottom, y_max))
            };
            [
                ("Top 25% of councils", "top", top_band),
                ("Bottom 25% of councils", "bottom", bottom_band),
            ]
            .map(|(label, kind, (from, to))| ChartBand {
                label: label.into(),
                kind: kind.into(),
                first,
                last,
                from,
                to,
            })
        })
        .collect();
    let (x_labels, x_groups) = x_axis(&slots);
    let data = ChartData {
        y_min,
        y_max,
        y_ticks,
        y_unit: unit_title(ind.unit).into(),
        x_labels,
        x_groups,
        series: vec![ChartSeries {
            label: "Actual".into(),
            kind: "actual".into(),
            points,
        }],
        targets: steps(&target_values),
        bands,
    };
    let mut note = ind.polarity.sentence().to_string();
    if target_left_off {
        note.push_str(
            " The annual target is for the whole year, so it is not drawn against the quarterly counts.",
        );
    }
    let svg = svg::draw(&data).ok()?;
    Some(Block::Chart {
        title: format!("{} {}", ind.refs, ind.description),
        svg,
        alt: alt_text(ind, &slots, &data),
        note,
        data,
    })
}

fn fmt(v: Decimal) -> String {
    v.normalize().to_string()
}

fn slot_name(s: &Slot) -> String {
    match s.quarter {
        Some(q) => format!("{} {q}", s.year),
        None => s.year.to_string(),
    }
}

fn alt_text(ind: &Indicator, slots: &[Slot], d: &ChartData) -> String {
    let by = if slots.iter().any(|s| s.quarter.is_some()) {
        "quarter"
    } else {
        "year"
    };
    let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
        return String::new();
    };
    let mut text = format!(
        "Line chart of {} by {by}, {} to {}, {} from {}.",
        ind.refs,
        slot_name(first),
        slot_name(last),
        d.y_unit.to_lowercase(),
        fmt(d.y_min)
    );
    let figures: Vec<String> = slots
        .iter()
        .zip(d.series.iter().flat_map(|s| &s.points))
        .filter_map(|(s, v)| v.map(|v| format!("{} {}", slot_name(s), fmt(v))))
        .collect();
    text.push_str(&format!(" Figures: {}.", figures.join(", ")));
    if !d.targets.is_empty() {
        let said: Vec<String> = d
            .targets
            .iter()
            .map(|t| {
                let from = &slots[t.first];
                let to = &slots[t.last];
                let when = if t.first == t.last {
                    slot_name(from)
                } else {
                    format!("{} to {}", slot_name(from), slot_name(to))
                };
                format!("{} {when}", fmt(t.value))
            })
            .collect();
        text.push_str(&format!(" Target: {}.", said.join("; ")));
    }
    for b in &d.bands {
        text.push_str(&format!(
            " {} {}: {} to {}.",
            b.label,
            slots[b.first].year,
            fmt(b.from),
            fmt(b.to)
        ));
    }
    text.push(' ');
    text.push_str(ind.polarity.sentence());
    text
}

#[cfg(test)]
mod tests;
