//! HTML rendering of a report document: one self-contained, accessible page (styles inline, charts
//! as inline SVG with text alternatives), readable on screen, printable, and publishable.

use askama::Template;

use crate::document::{Block, Document, Heading, Symbol};

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
        format!(
            r#"<span class="sym sym-{}" title="{}"><span aria-hidden="true">{}</span> {}</span>"#,
            esc(&s.state),
            esc(&s.description),
            esc(&s.glyph),
            esc(&s.label)
        )
    }

    /// Every block in print order; a heading's id is its place here.
    fn printed(&self) -> Vec<&Block> {
        self.doc.printed().collect()
    }

    /// The document's sections for the contents list: each top-level heading's id and words.
    fn contents(&self) -> Vec<(String, String)> {
        self.printed()
            .into_iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Heading {
                    level: 0 | 1,
                    number,
                    text,
                } => Some((
                    format!("section-{i}"),
                    number
                        .as_ref()
                        .map_or_else(|| text.clone(), |n| format!("{n} {text}")),
                )),
                _ => None,
            })
            .collect()
    }

    /// Narrative as paragraphs and lists (`prose::parts`), escaped; `initials` close the last
    /// paragraph, "(NM)".
    fn prose(&self, text: &str, initials: Option<&String>) -> String {
        use crate::prose::Part;
        let parts = crate::prose::parts(text);
        let n = parts.len();
        let mut out = String::new();
        for (i, part) in parts.into_iter().enumerate() {
            let tail = match initials {
                Some(x) if i + 1 == n => format!(" ({})", esc(x)),
                _ => String::new(),
            };
            match part {
                Part::Lines(lines) => {
                    let lines: Vec<String> = lines.iter().map(|l| esc(l)).collect();
                    out.push_str(&format!("<p>{}{tail}</p>", lines.join("<br>")));
                }
                Part::Bullets(items) => {
                    let items: String = items
                        .iter()
                        .map(|t| format!("<li>{}</li>", esc(t)))
                        .collect();
                    out.push_str(&format!("<ul>{items}</ul>"));
                    if !tail.is_empty() {
                        out.push_str(&format!("<p>{}</p>", tail.trim_start()));
                    }
                }
                Part::Numbered(items) => {
                    let items: String = items
                        .iter()
                        .map(|(m, t)| {
                            format!(
                                r#"<li><span class="marker">{}</span> {}</li>"#,
                                esc(m),
                                esc(t)
                            )
                        })
                        .collect();
                    out.push_str(&format!(r#"<ol class="typed">{items}</ol>"#));
                    if !tail.is_empty() {
                        out.push_str(&format!("<p>{}</p>", tail.trim_start()));
                    }
                }
            }
        }
        out
    }

    /// Text for an element's content, escaped.
    fn plain(&self, t: &str) -> String {
        esc(t)
    }

    /// A column heading's content: its words, or its symbol (glyph and words, no description).
    fn column(&self, h: &Heading) -> String {
        match h {
            Heading::Text(t) => esc(t),
            Heading::Symbol(s) => format!(
                r#"<span class="sym sym-{}"><span aria-hidden="true">{}</span> {}</span>"#,
                esc(&s.state),
                esc(&s.glyph),
                esc(&s.label)
            ),
        }
    }

    /// A table's header row, one column heading per cell.
    fn header_row(&self, header: &[String]) -> String {
        let cells: String = header
            .iter()
            .map(|h| format!(r#"<th scope="col">{}</th>"#, esc(h)))
            .collect();
        format!("<thead><tr>{cells}</tr></thead>")
    }
}

/// Escapes text for HTML content and double-quoted attributes, as askama does except for
/// apostrophes, which end nothing here and so print as written ("£'000").
fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

mod filters {
    /// Makes an indicator code safe for an HTML id ("SCS CYP09" → "scs-cyp09").
    #[askama::filter_fn]
    pub fn slug(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(crate::slug(s))
    }
}

pub fn render_html(doc: &Document) -> Result<String, askama::Error> {
    ReportPage { doc, css: CSS }.render()
}
