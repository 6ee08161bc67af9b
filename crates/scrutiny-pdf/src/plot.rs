//! A chart's drawing for the PDF: its lines, bands and markers as one small SVG, and where its
//! words go.
//!
//! The template used to draw each chart from its data with Typst elements. Typst keeps a
//! memoised layout and a tag for every element, which for a thousand charts came to about a
//! quarter of a kilobyte of memory per point drawn (a 1,000-indicator report peaked over 800 MB).
//! One image per chart is one element; the words stay text, placed by the template, so they
//! can be read and searched in the PDF. Geometry is in points, as in the template.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Write;

/// The chart box: 15.5 cm by 6.4 cm.
const WIDTH: f64 = 439.37;
const HEIGHT: f64 = 181.42;
/// Room left of the plot for the tick labels and the unit (1.6 cm).
const LEFT: f64 = 45.35;
const TOP: f64 = 7.09;
const RIGHT: f64 = 5.67;
/// Room below the plot: slot labels and, where there are years, their labels (1.1 cm or 0.7 cm).
const BELOW_GROUPED: f64 = 31.18;
const BELOW: f64 = 19.84;
/// Slot labels ("Q1") print only where a slot is at least this wide (0.55 cm).
const SLOT_LABEL_ROOM: f64 = 15.59;
const MARKER_RADIUS: f64 = 2.5;

const INK: &str = "#0b0c0c";
const GRID: &str = "#d7d7d7";
const GROUP_RULE: &str = "#969696";
const ACTUAL: &str = "#1d70b8";
const TARGET: &str = "#d4351c";

/// A quartile band's colour and opacity, for its drawing and its key alike.
fn band_fill(kind: &str) -> (&'static str, f64) {
    if kind == "top" {
        ("#00703c", 0.15)
    } else {
        (TARGET, 0.12)
    }
}

/// The chart's data, as `scrutiny_report::document::ChartData` serialises it (figures as
/// decimal strings).
#[derive(Debug, Deserialize)]
pub(crate) struct ChartData {
    y_min: Value,
    y_max: Value,
    y_ticks: Vec<Value>,
    #[serde(default)]
    y_unit: String,
    x_labels: Vec<String>,
    #[serde(default)]
    x_groups: Vec<Span>,
    series: Vec<Series>,
    #[serde(default)]
    targets: Vec<Step>,
    #[serde(default)]
    bands: Vec<Band>,
}

#[derive(Debug, Deserialize)]
struct Span {
    label: String,
    first: usize,
    last: usize,
}

#[derive(Debug, Deserialize)]
struct Series {
    #[serde(default)]
    label: String,
    points: Vec<Option<Value>>,
}

#[derive(Debug, Deserialize)]
struct Step {
    first: usize,
    last: usize,
    value: Value,
}

#[derive(Debug, Deserialize)]
struct Band {
    #[serde(default)]
    label: String,
    kind: String,
    first: usize,
    last: usize,
    from: Value,
    to: Value,
}

/// What the template prints: the drawing, each word with its place (points from the chart
/// box's top left), and the key.
#[derive(Debug, Serialize)]
pub(crate) struct Plot {
    pub svg: String,
    /// The chart box.
    pub width: f64,
    pub height: f64,
    /// The plotting area's top and height, along which the unit is turned.
    pub area_top: f64,
    pub area_height: f64,
    /// Tick values, right-aligned against the axis at `y`.
    pub ticks: Vec<Word>,
    /// Slot labels ("Q1"), centred under their slot; none when slots are too narrow.
    pub slots: Vec<Word>,
    /// Year labels, centred under their slots.
    pub groups: Vec<Word>,
    pub unit: String,
    /// Each series, the target and each band once, in the drawing's own colours.
    pub key: Vec<KeyItem>,
}

/// A line of the key: a swatch (`dot`, `line` or `band`) in its colour, and the words.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct KeyItem {
    pub swatch: &'static str,
    pub colour: &'static str,
    pub opacity: f64,
    pub label: String,
}

/// A word of the chart: `x` is its centre (or, for ticks, the axis), `y` its top.
#[derive(Debug, Serialize)]
pub(crate) struct Word {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// A figure as the data gives it: a decimal string, or a number.
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
}

fn label(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Works out a chart's drawing from its data.
pub(crate) fn plot(d: &ChartData) -> Plot {
    let below = if d.x_groups.is_empty() {
        BELOW
    } else {
        BELOW_GROUPED
    };
    let pw = WIDTH - LEFT - RIGHT;
    let ph = HEIGHT - TOP - below;
    let lo = number(&d.y_min).unwrap_or(0.0);
    let hi = number(&d.y_max).unwrap_or(lo + 1.0);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = d.x_labels.len().max(1) as f64;
    let slot = pw / n;
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let x0 = |i: usize| LEFT + slot * i as f64;
    // Off-scale figures are held at the plot's edge rather than drawn over the words.
    let y = |v: f64| TOP + ph * (1.0 - ((v - lo) / span).clamp(0.0, 1.0));

    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{HEIGHT}pt" viewBox="0 0 {WIDTH} {HEIGHT}">"#
    );
    for b in d.bands.iter().filter(|b| b.first <= b.last) {
        let (Some(from), Some(to)) = (number(&b.from), number(&b.to)) else {
            continue;
        };
        let (fill, opacity) = band_fill(&b.kind);
        let _ = write!(
            svg,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{fill}" fill-opacity="{opacity}"/>"#,
            x0(b.first),
            y(to),
            slot * ((b.last - b.first) as f64 + 1.0),
            (y(from) - y(to)).max(0.0),
        );
    }
    let ticks: Vec<(f64, String)> = d
        .y_ticks
        .iter()
        .filter_map(|t| number(t).map(|v| (y(v), label(t))))
        .collect();
    path(&mut svg, GRID, 0.4, |p| {
        for (ty, _) in &ticks {
            let _ = write!(p, "M{LEFT:.2} {ty:.2}H{:.2}", LEFT + pw);
        }
    });
    path(&mut svg, INK, 0.6, |p| {
        let _ = write!(p, "M{LEFT:.2} {TOP:.2}V{:.2}H{:.2}", TOP + ph, LEFT + pw);
    });
    path(&mut svg, GROUP_RULE, 0.4, |p| {
        for g in &d.x_groups {
            let _ = write!(p, "M{:.2} {:.2}v25.51", x0(g.first), TOP + ph);
        }
    });
    path(&mut svg, TARGET, 1.4, |p| {
        for t in &d.targets {
            if let Some(v) = number(&t.value) {
                let _ = write!(
                    p,
                    "M{:.2} {:.2}H{:.2}",
                    x0(t.first),
                    y(v),
                    x0(t.last.saturating_add(1))
                );
            }
        }
    });
    for s in &d.series {
        let points: Vec<(f64, f64)> = s
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.as_ref().and_then(number).map(|v| (x(i), y(v))))
            .collect();
        if points.len() > 1 {
            path(&mut svg, ACTUAL, 1.8, |p| {
                for (i, (px, py)) in points.iter().enumerate() {
                    let _ = write!(p, "{}{px:.2} {py:.2}", if i == 0 { 'M' } else { 'L' });
                }
            });
        }
        // Every marker of the series in one path: two half-circle arcs each.
        if !points.is_empty() {
            let r = MARKER_RADIUS;
            svg.push_str(r#"<path fill=""#);
            svg.push_str(ACTUAL);
            svg.push_str(r#"" d=""#);
            for (px, py) in &points {
                let _ = write!(
                    svg,
                    "M{:.2} {py:.2}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0Z",
                    px - r,
                    2.0 * r,
                    -2.0 * r
                );
            }
            svg.push_str(r#""/>"#);
        }
    }
    svg.push_str("</svg>");

    let words = |spans: &[Span], y: f64| -> Vec<Word> {
        spans
            .iter()
            .map(|g| Word {
                x: (x0(g.first) + x0(g.last.saturating_add(1))) / 2.0,
                y,
                text: g.label.clone(),
            })
            .collect()
    };
    let slots = if slot >= SLOT_LABEL_ROOM {
        d.x_labels
            .iter()
            .enumerate()
            .map(|(i, l)| Word {
                x: x(i),
                y: TOP + ph + 3.0,
                text: l.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Plot {
        svg,
        width: WIDTH,
        height: HEIGHT,
        area_top: TOP,
        area_height: ph,
        ticks: ticks
            .into_iter()
            .map(|(ty, text)| Word {
                x: LEFT,
                y: ty,
                text,
            })
            .collect(),
        slots,
        groups: words(&d.x_groups, TOP + ph + 14.17),
        unit: d.y_unit.clone(),
        key: key(d),
    }
}

/// The key: every series as drawn, the target when there is one, each band's words once.
fn key(d: &ChartData) -> Vec<KeyItem> {
    let mut items: Vec<KeyItem> = d
        .series
        .iter()
        .map(|s| KeyItem {
            swatch: "dot",
            colour: ACTUAL,
            opacity: 1.0,
            label: s.label.clone(),
        })
        .collect();
    if !d.targets.is_empty() {
        items.push(KeyItem {
            swatch: "line",
            colour: TARGET,
            opacity: 1.0,
            label: "Target in force".into(),
        });
    }
    for b in &d.bands {
        if !items
            .iter()
            .any(|i| i.swatch == "band" && i.label == b.label)
        {
            let (colour, opacity) = band_fill(&b.kind);
            items.push(KeyItem {
                swatch: "band",
                colour,
                opacity,
                label: b.label.clone(),
            });
        }
    }
    items
}

/// One stroked path whose outline `draw` writes; nothing when it writes none.
fn path(svg: &mut String, stroke: &str, width: f64, draw: impl FnOnce(&mut String)) {
    let mut d = String::new();
    draw(&mut d);
    if !d.is_empty() {
        let _ = write!(
            svg,
            r#"<path fill="none" stroke="{stroke}" stroke-width="{width}" d="{d}"/>"#
        );
    }
}

/// Adds a `plot` to every chart block in the document that has data, wherever it sits (a
/// meeting pack holds reports). Returns whether any was added.
pub(crate) fn add_plots(value: &mut Value) -> bool {
    match value {
        Value::Object(o) => {
            let mut added = false;
            if o.get("type").and_then(Value::as_str) == Some("chart")
                && let Some(data) = o.get("data")
                && let Ok(data) = ChartData::deserialize(data)
                && let Ok(p) = serde_json::to_value(plot(&data))
            {
                o.insert("plot".into(), p);
                added = true;
            }
            for v in o.values_mut() {
                added |= add_plots(v);
            }
            added
        }
        Value::Array(a) => a.iter_mut().fold(false, |added, v| add_plots(v) | added),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data() -> ChartData {
        serde_json::from_value(json!({
            "y_min": "0", "y_max": "100", "y_ticks": ["0", "50", "100"], "y_unit": "Per cent",
            "x_labels": ["Q1", "Q2", "Q3", "Q4"],
            "x_groups": [{"label": "2012/13", "first": 0, "last": 3}],
            "series": [{"label": "Actual", "kind": "actual", "points": ["10", null, "50", "250"]}],
            "targets": [{"first": 0, "last": 3, "value": "40"}],
            "bands": [{"label": "Top", "kind": "top", "first": 2, "last": 3, "from": "80", "to": "100"}]
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ticks_sit_on_the_scale_and_words_stay_text() {
        let p = plot(&data());
        let ys: Vec<f64> = p.ticks.iter().map(|t| t.y).collect();
        // 100 at the top of the plot, 0 at its foot, 50 half way.
        assert!((ys[2] - TOP).abs() < 1e-9);
        assert!((ys[0] - (TOP + p.area_height)).abs() < 1e-9);
        assert!((ys[1] - (TOP + p.area_height / 2.0)).abs() < 1e-9);
        assert_eq!(p.groups.len(), 1);
        assert_eq!(p.groups[0].text, "2012/13");
        // Four slots of about 3.4 cm each: room for their labels.
        assert_eq!(p.slots.len(), 4);
        assert!(
            !p.svg.contains("<text"),
            "words are the template's, as text"
        );
    }

    #[test]
    fn a_gap_breaks_no_marker_and_off_scale_figures_stay_on_the_plot() {
        let p = plot(&data());
        // Three figures, three markers (the missing quarter has none).
        assert_eq!(p.svg.matches('Z').count(), 3);
        // 250 is held at the top of a 0–100 scale.
        assert!(p.svg.contains(&format!(" {TOP:.2}")));
    }

    #[test]
    fn the_key_names_what_is_drawn_in_its_colours() {
        let p = plot(&data());
        let key: Vec<(&str, &str, &str)> = p
            .key
            .iter()
            .map(|k| (k.swatch, k.colour, k.label.as_str()))
            .collect();
        assert_eq!(
            key,
            [
                ("dot", ACTUAL, "Actual"),
                ("line", TARGET, "Target in force"),
                ("band", "#00703c", "Top")
            ]
        );
        assert!(p.svg.contains(r##"fill="#00703c" fill-opacity="0.15""##));
        assert!((p.key[2].opacity - 0.15).abs() < 1e-9);
    }

    #[test]
    fn a_flat_scale_no_years_and_backward_bands_still_draw() {
        let d: ChartData = serde_json::from_value(json!({
            "y_min": "5", "y_max": "5", "y_ticks": ["5"], "x_labels": ["Q1"],
            "series": [{"label": "Actual", "kind": "actual", "points": ["5"]}],
            "targets": [{"first": 0, "last": usize::MAX, "value": "5"}],
            "bands": [{"label": "Top", "kind": "top", "first": 3, "last": 1, "from": "9", "to": "1"}]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let p = plot(&d);
        assert!(p.groups.is_empty());
        assert!(
            !p.svg.contains("<rect"),
            "a band ending before it starts draws nothing"
        );
        assert!(!p.svg.contains("NaN") && !p.svg.contains("inf"));
        assert_eq!(p.svg.matches('Z').count(), 1);
    }

    #[test]
    fn plots_are_added_inside_packs() {
        let mut doc = json!({"parts": [{"items": [{"document": {"blocks": [
            {"type": "chart", "data": serde_json::to_value(json!({
                "y_min": "0", "y_max": "1", "y_ticks": [], "x_labels": [], "series": []
            })).unwrap_or_default()},
            {"type": "chart", "svg": "<svg/>"}
        ]}}]}]});
        assert!(add_plots(&mut doc));
        let blocks = &doc["parts"][0]["items"][0]["document"]["blocks"];
        assert!(blocks[0]["plot"]["svg"].is_string());
        assert!(blocks[1].get("plot").is_none());
    }
}
