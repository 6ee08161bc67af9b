#![allow(clippy::unwrap_used)]

use rust_decimal::Decimal;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::performance::model::{Benchmark, Dataset, Indicator, TargetEntry, ValueEntry};
use scrutiny_domain::period::{FinancialYear, Period, Quarter};

use super::indicator_chart;
use crate::document::{Block, ChartData, ChartStep};
use crate::performance::context::Context;

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn indicator(code: &str, unit: Unit) -> Indicator {
    Indicator::new(code, "A measure", "CFS", unit, "standard")
}

fn value(code: &str, year: i32, quarter: Option<Quarter>, v: i64) -> ValueEntry {
    ValueEntry::new(code, FinancialYear(year), quarter, Figure::number(d(v)))
}

fn target(code: &str, year: i32, quarter: Option<Quarter>, v: i64) -> TargetEntry {
    TargetEntry {
        indicator: code.into(),
        year: FinancialYear(year),
        quarter,
        target: Figure::number(d(v)),
        original: None,
    }
}

/// Three years of quarterly figures for a percentage, a target each year, quartiles for one.
fn council() -> Dataset {
    let mut data = Dataset {
        indicators: vec![indicator("PC", Unit::Percent), indicator("CT", Unit::Count)],
        ..Dataset::default()
    };
    for (year, base) in [(2010, 60), (2011, 70), (2012, 80)] {
        for (i, q) in Quarter::ALL.iter().enumerate() {
            data.values
                .push(value("PC", year, Some(*q), base + i as i64));
            data.values
                .push(value("CT", year, Some(*q), 100 + i as i64));
        }
        data.targets.push(target("PC", year, None, base + 5));
        data.targets.push(target("CT", year, None, 400));
    }
    data.benchmarks.push(Benchmark {
        indicator: "PC".into(),
        year: FinancialYear(2011),
        top_quartile: Some(d(90)),
        bottom_quartile: Some(d(50)),
        national: None,
        statistical_neighbours: None,
        note: None,
    });
    data
}

fn chart(data: &Dataset, period: &str, code: &str) -> (ChartData, String, String) {
    let ctx = Context::new(data, Period::parse(period).unwrap());
    let ind = data.indicators.iter().find(|i| i.code == code).unwrap();
    match indicator_chart(&ctx, ind) {
        Some(Block::Chart {
            data, alt, note, ..
        }) => (data, alt, note),
        other => panic!("no chart: {other:?}"),
    }
}

#[test]
fn every_quarter_held_is_drawn_up_to_the_period() {
    let (c, alt, _) = chart(&council(), "2012/13 Q2", "PC");
    // 2010/11 Q1 .. 2012/13 Q2: four, four and two quarters, grouped under their years.
    assert_eq!(c.x_labels.len(), 10);
    let groups: Vec<(&str, usize, usize)> = c
        .x_groups
        .iter()
        .map(|g| (g.label.as_str(), g.first, g.last))
        .collect();
    assert_eq!(
        groups,
        [("2010/11", 0, 3), ("2011/12", 4, 7), ("2012/13", 8, 9)]
    );
    assert_eq!(c.series[0].points[0], Some(d(60)));
    assert_eq!(c.series[0].points[9], Some(d(81)));
    assert!(
        alt.contains("2010/11 Q1 60") && alt.contains("2012/13 Q2 81"),
        "{alt}"
    );
}

#[test]
fn the_target_is_the_one_in_force_each_year() {
    let (c, alt, _) = chart(&council(), "2012/13 Q2", "PC");
    let steps = |first, last, value| ChartStep {
        first,
        last,
        value: d(value),
    };
    assert_eq!(
        c.targets,
        [steps(0, 3, 65), steps(4, 7, 75), steps(8, 9, 85)]
    );
    assert!(alt.contains("Target: 65 2010/11 Q1 to 2010/11 Q4"), "{alt}");
}

#[test]
fn quartile_bands_cover_their_own_year() {
    let (c, alt, _) = chart(&council(), "2012/13 Q2", "PC");
    assert_eq!(c.bands.len(), 2);
    assert!(c.bands.iter().all(|b| b.first == 4 && b.last == 7));
    let top = c.bands.iter().find(|b| b.kind == "top").unwrap();
    assert_eq!((top.from, top.to), (d(90), c.y_max));
    assert!(alt.contains("Top 25% of councils 2011/12: 90"), "{alt}");
}

#[test]
fn the_axis_starts_at_zero_and_names_its_unit() {
    let (c, _, _) = chart(&council(), "2012/13 Q2", "PC");
    assert_eq!(c.y_min, Decimal::ZERO);
    assert_eq!(c.y_unit, "Per cent");
}

#[test]
fn an_annual_target_is_not_drawn_against_quarterly_counts() {
    let (c, alt, note) = chart(&council(), "2012/13 Q2", "CT");
    assert!(c.targets.is_empty(), "{:?}", c.targets);
    assert!(!alt.contains("Target:"), "{alt}");
    assert!(
        note.contains("not drawn against the quarterly counts"),
        "{note}"
    );
    // A quarter's own target is the same measure, and is drawn.
    let mut data = council();
    data.targets.push(target("CT", 2012, Some(Quarter::Q1), 90));
    let (c, _, _) = chart(&data, "2012/13 Q2", "CT");
    assert_eq!(
        c.targets,
        [ChartStep {
            first: 8,
            last: 8,
            value: d(90)
        }]
    );
}

#[test]
fn an_annual_indicator_is_drawn_by_year() {
    let mut data = Dataset {
        indicators: vec![indicator("AN", Unit::Percent)],
        ..Dataset::default()
    };
    for year in 2008..=2011 {
        data.values
            .push(value("AN", year, None, 40 + i64::from(year - 2008)));
    }
    let (c, _, _) = chart(&data, "2012/13 Q1", "AN");
    assert_eq!(
        c.x_labels,
        ["2008/09", "2009/10", "2010/11", "2011/12", "2012/13"]
    );
    assert!(c.x_groups.is_empty());
    assert_eq!(
        c.series[0].points[4], None,
        "this year's outturn is not in yet"
    );
}

#[test]
fn no_figures_no_chart() {
    let data = Dataset {
        indicators: vec![indicator("NO", Unit::Percent)],
        targets: vec![target("NO", 2012, None, 50)],
        ..Dataset::default()
    };
    let ctx = Context::new(&data, Period::parse("2012/13 Q1").unwrap());
    assert!(indicator_chart(&ctx, &data.indicators[0]).is_none());
}

#[test]
fn a_year_held_only_as_an_outturn_is_one_point() {
    let mut data = Dataset {
        indicators: vec![indicator("MX", Unit::Percent)],
        ..Dataset::default()
    };
    data.values.push(value("MX", 2011, None, 48));
    data.values.push(value("MX", 2012, Some(Quarter::Q2), 54));
    let (c, alt, _) = chart(&data, "2012/13 Q2", "MX");
    assert_eq!(c.x_labels, ["Year", "Q1", "Q2"]);
    assert_eq!(c.series[0].points, [Some(d(48)), None, Some(d(54))]);
    assert!(alt.contains("2011/12 48"), "{alt}");
}
