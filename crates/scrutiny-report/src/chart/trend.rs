//! A plain trend chart: one or more series of figures over labelled periods (years), on an axis
//! from zero, with its alternative text saying every figure. For reports that are not about one
//! indicator (the complaints annual report's counts by year).

use rust_decimal::Decimal;

use crate::document::{Block, ChartData, ChartSeries};

/// A chart of `series` (label, one figure or none per period) over `periods`, oldest first;
/// `None` where no series has a figure.
pub fn trend_chart(
    title: &str,
    unit: &str,
    periods: &[String],
    series: Vec<(String, Vec<Option<Decimal>>)>,
    note: &str,
) -> Option<Block> {
    let all: Vec<Decimal> = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten().copied())
        .collect();
    if all.is_empty() {
        return None;
    }
    let (y_min, y_max, y_ticks) = super::scale::scale(&all);
    let data = ChartData {
        y_min,
        y_max,
        y_ticks,
        y_unit: unit.to_string(),
        x_labels: periods.to_vec(),
        x_groups: Vec::new(),
        series: series
            .iter()
            .map(|(label, points)| ChartSeries {
                label: label.clone(),
                kind: "actual".into(),
                points: points.clone(),
            })
            .collect(),
        targets: Vec::new(),
        bands: Vec::new(),
    };
    let said: Vec<String> = series
        .iter()
        .map(|(label, points)| {
            let figures: Vec<String> = periods
                .iter()
                .zip(points)
                .map(|(p, v)| match v {
                    Some(v) => format!("{p}: {}", v.normalize()),
                    None => format!("{p}: not shown"),
                })
                .collect();
            format!("{label}: {}.", figures.join("; "))
        })
        .collect();
    let svg = super::svg::draw(&data).ok()?;
    Some(Block::Chart {
        title: title.to_string(),
        svg,
        alt: format!("A line chart. {}", said.join(" ")),
        note: note.to_string(),
        data,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_says_every_figure_in_its_alternative_text() {
        let periods = ["2022/23", "2023/24", "2024/25"].map(String::from);
        let block = trend_chart(
            "Statutory complaints received",
            "Number",
            &periods,
            vec![(
                "Received".into(),
                vec![Some(Decimal::from(28)), None, Some(Decimal::from(35))],
            )],
            "",
        )
        .unwrap();
        let Block::Chart { alt, data, .. } = block else {
            panic!("a chart")
        };
        assert_eq!(
            alt,
            "A line chart. Received: 2022/23: 28; 2023/24: not shown; 2024/25: 35."
        );
        assert_eq!(data.y_min, Decimal::ZERO);
        assert!(
            trend_chart(
                "x",
                "Number",
                &periods,
                vec![("R".into(), vec![None; 3])],
                ""
            )
            .is_none()
        );
    }
}
