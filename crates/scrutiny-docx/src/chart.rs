//! Charts: the SVG drawn to PNG (Word cannot be relied on to show SVG), placed as an inline
//! picture between its title and note, with the chart's text alternative as its description.

use std::sync::{Arc, OnceLock};

use docx_rs::{Paragraph, Pic, Run};
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, fontdb};

use crate::DocxError;
use crate::builder::Builder;
use crate::style::{self, NOTE};
use crate::text;

/// Pixels per SVG unit: a 640-unit chart becomes 1600 px, about 240 dpi at full text width.
const SCALE: f32 = 2.5;
/// No picture wider than this many pixels, whatever size an SVG claims.
const MAX_PIXELS: f32 = 4000.0;
/// Pictures stand at most 20 cm tall, so one always fits an A4 page.
const MAX_HEIGHT_EMU: u64 = 20 * 360_000;
/// English Metric Units per twip: Word sizes pictures in EMU.
const EMU_PER_TWIP: u32 = 635;

/// DejaVu Sans, loaded once, answers every font the charts name ("sans-serif" included), so the
/// picture is the same on every machine.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for face in [dejavu::sans::regular(), dejavu::sans::bold()] {
            db.load_font_data(face.to_vec());
        }
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Draws an SVG to PNG bytes; returns them with the picture's size in pixels.
pub fn rasterise(svg: &str) -> Result<(Vec<u8>, u32, u32), String> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        // A report never reads files named inside its charts; embedded data URLs still work.
        image_href_resolver: ImageHrefResolver {
            resolve_data: ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let scale = SCALE.min(MAX_PIXELS / size.width().max(size.height()));
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width}×{height} picture"))?;
    // Charts may leave their background transparent; Word shows that as the page, but be sure.
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok((png, width, height))
}

/// The picture's size in EMU: the text width, or less if it would stand taller than 20 cm.
fn display_size(w: u32, h: u32) -> (u32, u32) {
    let width = u64::from(style::TEXT_WIDTH as u32 * EMU_PER_TWIP);
    let height = width * u64::from(h) / u64::from(w.max(1));
    let (width, height) = if height > MAX_HEIGHT_EMU {
        (width * MAX_HEIGHT_EMU / height, MAX_HEIGHT_EMU)
    } else {
        (width, height)
    };
    (width as u32, height as u32)
}

/// Title (a caption kept with the picture), the picture at text width, then the note. A chart
/// without SVG prints its text alternative instead; an SVG that cannot be drawn is an error.
pub fn chart(
    b: &mut Builder,
    title: &str,
    svg: &str,
    alt: &str,
    note: &str,
) -> Result<(), DocxError> {
    // Word's accessibility checker wants alt text on every picture: fall back to the title.
    let alt = if !alt.trim().is_empty() {
        alt
    } else if !title.trim().is_empty() {
        title
    } else {
        "Chart"
    };
    if !title.trim().is_empty() {
        b.paragraph(
            Paragraph::new()
                .style(style::CAPTION)
                .add_run(text::run(title)),
        );
    }
    if svg.trim().is_empty() {
        b.paragraph(Paragraph::new().add_run(text::run(alt)));
    } else {
        let (png, w, h) = rasterise(svg).map_err(|reason| DocxError::Chart {
            title: title.to_owned(),
            reason,
        })?;
        let (width, height) = display_size(w, h);
        // A stable id (docx-rs would number pictures from a process-wide counter).
        let pic = Pic::new_with_dimensions(png, w, h)
            .id(format!("rIdChart{}", b.chart_count() + 1))
            .size(width, height);
        b.paragraph(
            Paragraph::new()
                .keep_next(!note.trim().is_empty())
                .add_run(Run::new().add_image(pic)),
        );
        b.chart_alt(alt.to_owned());
    }
    if !note.trim().is_empty() {
        b.paragraph(Paragraph::new().style(NOTE).add_run(text::run(note)));
    }
    Ok(())
}
