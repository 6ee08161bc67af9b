//! Indicator charts: this year's quarterly figures against last year's and the target, over the
//! quartile bands where benchmark data exists. Drawn as SVG with plotters, so one chart serves
//! HTML and PDF; every chart carries a text alternative listing the same figures.

use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use scrutiny_domain::model::{Benchmark, Indicator};
use scrutiny_domain::period::{FinancialYear, Quarter};

use crate::context::Context;
use crate::document::Block;

const GREEN: RGBColor = RGBColor(0, 112, 60);
const BLUE: RGBColor = RGBColor(29, 112, 184);
const GREY: RGBColor = RGBColor(80, 90, 95);
const RED: RGBColor = RGBColor(212, 53, 28);

struct Series {
    this_year: Vec<Option<f64>>,
    last_year: Vec<Option<f64>>,
    target: Option<f64>,
    bench: Option<Benchmark>,
}

fn num(d: Decimal) -> Option<f64> {
    d.to_f64()
}

fn quarters(ctx: &Context, code: &str, year: FinancialYear, upto: Quarter) -> Vec<Option<f64>> {
    Quarter::ALL
        .iter()
        .map(|q| {
            if *q > upto {
                return None;
            }
            ctx.value(code, year, Some(*q))
                .and_then(|v| v.value.as_number())
                .and_then(num)
        })
        .collect()
}

/// The chart block for an indicator, or `None` when there is not a single figure to draw.
pub fn indicator_chart(ctx: &Context, ind: &Indicator) -> Option<Block> {
    let p = ctx.period;
    let s = Series {
        this_year: quarters(ctx, &ind.code, p.year, p.quarter),
        last_year: quarters(ctx, &ind.code, p.year.previous(), Quarter::Q4),
        target: ctx
            .target(&ind.code, p.year, None)
            .and_then(|t| t.target.as_number())
            .and_then(num),
        bench: ctx
            .data
            .benchmarks
            .iter()
            .find(|b| b.indicator == ind.code && b.year == p.year)
            .cloned(),
    };
    if s.this_year.iter().chain(&s.last_year).all(Option::is_none) && s.target.is_none() {
        return None;
    }
    let title = format!("{} {}", ind.refs, ind.description);
    let svg = draw(&s, p.year).ok()?;
    Some(Block::Chart {
        title,
        svg,
        alt: alt_text(ctx, ind, &s),
        note: ind.polarity.sentence().to_string(),
    })
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn alt_text(ctx: &Context, ind: &Indicator, s: &Series) -> String {
    let p = ctx.period;
    let list = |vals: &[Option<f64>]| {
        let parts: Vec<String> = Quarter::ALL
            .iter()
            .zip(vals)
            .filter_map(|(q, v)| v.map(|v| format!("{q} {}", fmt(v))))
            .collect();
        if parts.is_empty() {
            "no figures".to_string()
        } else {
            parts.join(", ")
        }
    };
    let mut text = format!(
        "Line chart of {} by quarter. {}: {}. {}: {}.",
        ind.refs,
        p.year,
        list(&s.this_year),
        p.year.previous(),
        list(&s.last_year)
    );
    if let Some(t) = s.target {
        text.push_str(&format!(" Annual target {}.", fmt(t)));
    }
    if let Some((top, bottom)) = s
        .bench
        .as_ref()
        .and_then(|b| b.top_quartile.zip(b.bottom_quartile))
    {
        text.push_str(&format!(
            " Top quartile boundary {top}, bottom quartile boundary {bottom}."
        ));
    }
    text.push(' ');
    text.push_str(ind.polarity.sentence());
    text
}

fn draw(s: &Series, year: FinancialYear) -> Result<String, String> {
    let mut points: Vec<f64> = s
        .this_year
        .iter()
        .chain(&s.last_year)
        .flatten()
        .copied()
        .collect();
    points.extend(s.target);
    if let Some(b) = &s.bench {
        points.extend(b.top_quartile.and_then(num));
        points.extend(b.bottom_quartile.and_then(num));
    }
    let (lo, hi) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let pad = ((hi - lo).abs() * 0.15).max(1.0);
    // Figures that cannot be negative keep a zero floor rather than a padded negative axis.
    let y0 = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    let y1 = hi + pad;

    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5f64..3.5f64, y0..y1)
            .map_err(|e| e.to_string())?;

        if let Some(b) = &s.bench {
            draw_bands(&mut chart, b, y0, y1)?;
        }
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .x_labels(4)
            .x_label_formatter(&|x| {
                let i = x.round() as i64;
                if (0..4).contains(&i) && (x - i as f64).abs() < 0.01 {
                    format!("Q{}", i + 1)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| fmt(*y))
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(|e| e.to_string())?;

        if let Some(t) = s.target {
            chart
                .draw_series(LineSeries::new([(-0.5, t), (3.5, t)], RED.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(format!("{} target", year))
                .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED.stroke_width(2)));
        }
        let series = |vals: &[Option<f64>]| -> Vec<(f64, f64)> {
            vals.iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect()
        };
        let last = series(&s.last_year);
        chart
            .draw_series(LineSeries::new(last.clone(), GREY.stroke_width(2)))
            .map_err(|e| e.to_string())?
            .label(format!("{}", year.previous()))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], GREY.stroke_width(2)));
        chart
            .draw_series(
                last.iter()
                    .map(|p| TriangleMarker::new(*p, 5, GREY.filled())),
            )
            .map_err(|e| e.to_string())?;
        let this = series(&s.this_year);
        chart
            .draw_series(LineSeries::new(this.clone(), BLUE.stroke_width(3)))
            .map_err(|e| e.to_string())?
            .label(format!("{}", year))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLUE.stroke_width(3)));
        chart
            .draw_series(this.iter().map(|p| Circle::new(*p, 5, BLUE.filled())))
            .map_err(|e| e.to_string())?;
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font(("sans-serif", 13))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Shades the quartile bands: top 25% green, bottom 25% red, with the middle 50% left white.
fn draw_bands(chart: &mut Chart, b: &Benchmark, y0: f64, y1: f64) -> Result<(), String> {
    let (Some(top), Some(bottom)) = (
        b.top_quartile.and_then(num),
        b.bottom_quartile.and_then(num),
    ) else {
        return Ok(());
    };
    // Which side is "top" depends on polarity; the boundary values say it: top beyond bottom.
    let higher_better = top >= bottom;
    let (top_band, bottom_band) = if higher_better {
        ((top, y1), (y0, bottom))
    } else {
        ((y0, top), (bottom, y1))
    };
    chart
        .draw_series([Rectangle::new(
            [(-0.5, top_band.0), (3.5, top_band.1)],
            GREEN.mix(0.12).filled(),
        )])
        .map_err(|e| e.to_string())?
        .label("Top 25%")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], GREEN.mix(0.25).filled()));
    chart
        .draw_series([Rectangle::new(
            [(-0.5, bottom_band.0), (3.5, bottom_band.1)],
            RED.mix(0.10).filled(),
        )])
        .map_err(|e| e.to_string())?
        .label("Bottom 25%")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], RED.mix(0.2).filled()));
    Ok(())
}
