//! Indicator charts: this year's quarterly figures against last year's and the target, over the
//! quartile bands where benchmark data exists. The chart is worked out once as data
//! ([`ChartData`]: scales, series, bands); HTML draws it as SVG with plotters, the PDF draws it
//! natively in Typst from the same data. Every chart carries a text alternative listing the figures.

use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use scrutiny_domain::performance::model::Indicator;
use scrutiny_domain::period::{FinancialYear, Quarter};

use crate::document::{Block, ChartBand, ChartData, ChartLine, ChartSeries};
use crate::performance::context::Context;

const GREEN: RGBColor = RGBColor(0, 112, 60);
const BLUE: RGBColor = RGBColor(29, 112, 184);
const GREY: RGBColor = RGBColor(80, 90, 95);
const RED: RGBColor = RGBColor(212, 53, 28);

fn quarters(ctx: &Context, code: &str, year: FinancialYear, upto: Quarter) -> Vec<Option<Decimal>> {
    Quarter::ALL
        .iter()
        .map(|q| {
            if *q > upto {
                None
            } else {
                ctx.value(code, year, Some(*q))
                    .and_then(|v| v.value.as_number())
            }
        })
        .collect()
}

/// A "nice" step (1, 2 or 5 × 10^k) giving about five intervals over `span`.
fn nice_step(span: Decimal) -> Decimal {
    let rough = (span / Decimal::from(5)).max(Decimal::new(1, 4));
    let mut magnitude = Decimal::ONE;
    while magnitude * Decimal::TEN <= rough {
        magnitude *= Decimal::TEN;
    }
    while magnitude > rough {
        magnitude /= Decimal::TEN;
    }
    [Decimal::ONE, Decimal::TWO, Decimal::from(5), Decimal::TEN]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(magnitude * Decimal::TEN)
}

/// Scales that hold every figure, target and band boundary, on round numbers.
fn scale(points: &[Decimal]) -> (Decimal, Decimal, Vec<Decimal>) {
    let lo = points.iter().copied().min().unwrap_or_default();
    let hi = points.iter().copied().max().unwrap_or_default();
    let step = nice_step((hi - lo).max(Decimal::ONE));
    let mut y_min = (lo / step).floor() * step;
    if lo >= Decimal::ZERO && y_min < Decimal::ZERO {
        y_min = Decimal::ZERO;
    }
    if y_min == lo && lo > Decimal::ZERO {
        y_min -= step;
    }
    let y_max = (hi / step).floor() * step + step;
    let mut ticks = Vec::new();
    let mut t = y_min;
    while t <= y_max {
        ticks.push(t.normalize());
        t += step;
    }
    (y_min.normalize(), y_max.normalize(), ticks)
}

/// The chart block for an indicator, or `None` when there is not a single figure to draw.
pub fn indicator_chart(ctx: &Context, ind: &Indicator) -> Option<Block> {
    let p = ctx.period;
    let this_year = quarters(ctx, &ind.code, p.year, p.quarter);
    let last_year = quarters(ctx, &ind.code, p.year.previous(), Quarter::Q4);
    let target = ctx
        .target_in_force(&ind.code, p.year)
        .and_then(|t| t.current.as_number());
    let bench = ctx
        .data
        .benchmarks
        .iter()
        .find(|b| b.indicator == ind.code && b.year == p.year);
    // A chart with no figures, only a target line, tells the reader nothing.
    if this_year.iter().chain(&last_year).all(Option::is_none) {
        return None;
    }
    let boundaries = bench.and_then(|b| b.top_quartile.zip(b.bottom_quartile));
    let mut points: Vec<Decimal> = this_year
        .iter()
        .chain(&last_year)
        .flatten()
        .copied()
        .collect();
    points.extend(target);
    if let Some((top, bottom)) = boundaries {
        points.extend([top, bottom]);
    }
    let (y_min, y_max, y_ticks) = scale(&points);
    let bands = boundaries.map_or_else(Vec::new, |(top, bottom)| {
        // Which side is "top" the boundaries say: the top quartile lies beyond the bottom one.
        let (top_band, bottom_band) = if top >= bottom {
            ((top, y_max), (y_min, bottom))
        } else {
            ((y_min, top), (bottom, y_max))
        };
        vec![
            ChartBand {
                label: "Top 25%".into(),
                kind: "top".into(),
                from: top_band.0,
                to: top_band.1,
            },
            ChartBand {
                label: "Bottom 25%".into(),
                kind: "bottom".into(),
                from: bottom_band.0,
                to: bottom_band.1,
            },
        ]
    });
    let data = ChartData {
        y_min,
        y_max,
        y_ticks,
        x_labels: Quarter::ALL.iter().map(|q| q.to_string()).collect(),
        series: vec![
            ChartSeries {
                label: p.year.previous().to_string(),
                kind: "last_year".into(),
                points: last_year,
            },
            ChartSeries {
                label: p.year.to_string(),
                kind: "this_year".into(),
                points: this_year,
            },
        ],
        target: target.map(|value| ChartLine {
            label: format!("{} target", p.year),
            value,
        }),
        bands,
    };
    let svg = draw(&data).ok()?;
    Some(Block::Chart {
        title: format!("{} {}", ind.refs, ind.description),
        svg,
        alt: alt_text(ind, &data),
        note: ind.polarity.sentence().to_string(),
        data,
    })
}

fn fmt(v: Decimal) -> String {
    v.normalize().to_string()
}

fn alt_text(ind: &Indicator, d: &ChartData) -> String {
    let mut text = format!("Line chart of {} by quarter.", ind.refs);
    for s in d.series.iter().rev() {
        let parts: Vec<String> = d
            .x_labels
            .iter()
            .zip(&s.points)
            .filter_map(|(q, v)| v.map(|v| format!("{q} {}", fmt(v))))
            .collect();
        let figures = if parts.is_empty() {
            "no figures".to_string()
        } else {
            parts.join(", ")
        };
        text.push_str(&format!(" {}: {figures}.", s.label));
    }
    if let Some(t) = &d.target {
        text.push_str(&format!(" Annual target {}.", fmt(t.value)));
    }
    for b in &d.bands {
        text.push_str(&format!(
            " {} band from {} to {}.",
            b.label,
            fmt(b.from),
            fmt(b.to)
        ));
    }
    text.push(' ');
    text.push_str(ind.polarity.sentence());
    text
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

fn draw(d: &ChartData) -> Result<String, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5f64..3.5f64, f(d.y_min)..f(d.y_max))
            .map_err(|e| err(&e))?;
        for b in &d.bands {
            let colour = if b.kind == "top" {
                GREEN.mix(0.12)
            } else {
                RED.mix(0.10)
            };
            chart
                .draw_series([Rectangle::new(
                    [(-0.5, f(b.from)), (3.5, f(b.to))],
                    colour.filled(),
                )])
                .map_err(|e| err(&e))?
                .label(b.label.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 16, y + 5)], colour.filled())
                });
        }
        let labels = d.x_labels.clone();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .x_labels(4)
            .y_labels(d.y_ticks.len())
            .x_label_formatter(&|x| {
                let i = x.round() as i64;
                let on_tick = (x - i as f64).abs() < 0.01;
                usize::try_from(i)
                    .ok()
                    .and_then(|i| labels.get(i))
                    .filter(|_| on_tick)
                    .cloned()
                    .unwrap_or_default()
            })
            .y_label_formatter(&|y| {
                let s = format!("{y:.2}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            })
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(|e| err(&e))?;
        if let Some(t) = &d.target {
            let v = f(t.value);
            chart
                .draw_series(LineSeries::new([(-0.5, v), (3.5, v)], RED.stroke_width(2)))
                .map_err(|e| err(&e))?
                .label(t.label.clone())
                .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED.stroke_width(2)));
        }
        for s in &d.series {
            let this_year = s.kind == "this_year";
            let (colour, width) = if this_year { (BLUE, 3) } else { (GREY, 2) };
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, f(v))))
                .collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(width)))
                .map_err(|e| err(&e))?
                .label(s.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(width))
                });
            if this_year {
                chart
                    .draw_series(pts.iter().map(|p| Circle::new(*p, 5, colour.filled())))
                    .map_err(|e| err(&e))?;
            } else {
                chart
                    .draw_series(
                        pts.iter()
                            .map(|p| TriangleMarker::new(*p, 5, colour.filled())),
                    )
                    .map_err(|e| err(&e))?;
            }
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font(("sans-serif", 13))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn scales_are_round_and_hold_every_point() {
        let (lo, hi, ticks) = scale(&[d("63"), d("75"), d("81.8")]);
        assert!(lo <= d("63") && hi >= d("81.8"), "{lo}..{hi}");
        assert_eq!(ticks.first(), Some(&lo));
        assert_eq!(ticks.last(), Some(&hi));
        assert!(ticks.len() >= 3 && ticks.len() <= 12, "{ticks:?}");
        let (lo, _, _) = scale(&[d("0.5"), d("3")]);
        assert!(
            lo >= Decimal::ZERO,
            "no negative axis for figures that cannot be negative"
        );
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(d("18.8")), d("5"));
        assert_eq!(nice_step(d("100")), d("20"));
        assert_eq!(nice_step(d("0.3")), d("0.1"));
    }
}
