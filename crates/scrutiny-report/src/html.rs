//! HTML rendering of a report document: one self-contained, accessible page (styles inline, charts
//! as inline SVG with text alternatives), readable on screen, printable, and publishable.

use askama::Template;

use crate::document::{Block, Document, Symbol};

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage<'a> {
    doc: &'a Document,
    css: &'static str,
}

const CSS: &str = include_str!("../templates/report.css");

impl ReportPage<'_> {
    /// Document headings start at h2: the page's h1 is the report title.
    fn heading_tag(&self, level: u8) -> &'static str {
        match level {
            0 | 1 => "h2",
            2 => "h3",
            3 => "h4",
            _ => "h5",
        }
    }

    /// A symbol as HTML: coloured box, glyph hidden from screen readers, words for everyone.
    fn sym(&self, s: &Symbol) -> String {
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        format!(
            r#"<span class="sym sym-{}" title="{}"><span aria-hidden="true">{}</span> {}</span>"#,
            esc(&s.state),
            esc(&s.description),
            esc(&s.glyph),
            esc(&s.label)
        )
    }
}

mod filters {
    /// Makes an indicator code safe for an HTML id ("SCS CYP09" → "scs-cyp09").
    #[askama::filter_fn]
    pub fn slug(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect())
    }
}

pub fn render_html(doc: &Document) -> Result<String, askama::Error> {
    ReportPage { doc, css: CSS }.render()
}
