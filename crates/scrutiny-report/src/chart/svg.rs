//! The chart drawn as SVG with plotters, for HTML and (as a picture) Word.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::document::ChartData;

const GREEN: RGBColor = RGBColor(0, 112, 60);
const BLUE: RGBColor = RGBColor(29, 112, 184);
const GREY: RGBColor = RGBColor(80, 90, 95);
const RED: RGBColor = RGBColor(212, 53, 28);

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

/// Slot `i` spans `i - 0.5 .. i + 0.5` on the x axis.
fn span(first: usize, last: usize) -> (f64, f64) {
    (first as f64 - 0.5, last as f64 + 0.5)
}

pub(super) fn draw(d: &ChartData) -> Result<String, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let n = d.x_labels.len().max(1);
    // Quarter labels only while there is room for them; the years below always show.
    let label_slots = n <= 24;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640, 340)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_bottom(if d.x_groups.is_empty() { 12 } else { 30 })
            .x_label_area_size(30)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), f(d.y_min)..f(d.y_max))
            .map_err(|e| err(&e))?;
        for b in &d.bands {
            let colour = if b.kind == "top" {
                GREEN.mix(0.12)
            } else {
                RED.mix(0.10)
            };
            let (x0, x1) = span(b.first, b.last);
            chart
                .draw_series([Rectangle::new(
                    [(x0, f(b.from)), (x1, f(b.to))],
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
            .x_labels(n)
            .y_labels(d.y_ticks.len())
            .y_desc(d.y_unit.clone())
            .x_label_formatter(&|x| {
                let i = x.round() as i64;
                let on_tick = (x - i as f64).abs() < 0.01;
                usize::try_from(i)
                    .ok()
                    .and_then(|i| labels.get(i))
                    .filter(|_| on_tick && label_slots)
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
        for (i, t) in d.targets.iter().enumerate() {
            let (x0, x1) = span(t.first, t.last);
            let v = f(t.value);
            let series = chart
                .draw_series(LineSeries::new([(x0, v), (x1, v)], RED.stroke_width(2)))
                .map_err(|e| err(&e))?;
            // One key entry for the whole stepped line.
            if i == 0 {
                series
                    .label("Target in force")
                    .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED.stroke_width(2)));
            }
        }
        for s in &d.series {
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, f(v))))
                .collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), BLUE.stroke_width(3)))
                .map_err(|e| err(&e))?
                .label(s.label.clone())
                .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLUE.stroke_width(3)));
            chart
                .draw_series(pts.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))
                .map_err(|e| err(&e))?;
        }
        // The years under their quarters, with a tick between years.
        let below = chart.plotting_area().get_pixel_range().1.end + 22;
        for g in &d.x_groups {
            let (x0, x1) = span(g.first, g.last);
            let (left, _) = chart.backend_coord(&(x0, f(d.y_min)));
            let (right, _) = chart.backend_coord(&(x1, f(d.y_min)));
            let style = ("sans-serif", 13)
                .into_font()
                .color(&GREY)
                .pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(
                g.label.clone(),
                ((left + right) / 2, below),
                style,
            ))
            .map_err(|e| err(&e))?;
            root.draw(&PathElement::new(
                [(left, below - 20), (left, below + 14)],
                GREY,
            ))
            .map_err(|e| err(&e))?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font(("sans-serif", 13))
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(out)
}
