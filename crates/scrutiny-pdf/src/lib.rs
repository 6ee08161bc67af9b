//! Renders a report document to an accessible, tagged PDF (PDF/UA-1) by embedding Typst.
//!
//! The input is the JSON form of `scrutiny_report::document::Document`; this crate does not
//! depend on the report crate so that Typst's long compile stays out of everyone else's builds.
//! The JSON is handed to the template (`report.typ`) as a virtual file and read there with
//! `json(..)`: council text is never spliced into Typst markup, so `#`, `*`, `$`, `@` and friends
//! print verbatim.

mod join;
mod parts;
mod plot;
#[cfg(test)]
mod tests;
mod world;

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::world::ReportWorld;

/// Why a document could not be rendered. The text is meant for an officer or a log.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The input is not JSON at all.
    #[error("the report document is not valid JSON: {0}")]
    InvalidJson(String),
    /// The template could not lay the document out (e.g. a field is missing).
    #[error("the report template failed:\n{0}")]
    Compile(Diagnostics),
    /// The PDF could not be written, e.g. a PDF/UA-1 accessibility check failed.
    #[error("PDF export failed:\n{0}")]
    Export(Diagnostics),
    /// A fault in this crate or in Typst, not in the document.
    #[error("internal error while rendering the PDF: {0}")]
    Internal(String),
}

/// One Typst diagnostic, made readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub hints: Vec<String>,
    /// `file:line:column`, when the diagnostic points into the template or the data.
    pub location: Option<String>,
}

/// The diagnostics of a failed step, one per line, each followed by its hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {}", diagnostic.message)?;
            if let Some(location) = &diagnostic.location {
                write!(f, " (at {location})")?;
            }
            for hint in &diagnostic.hints {
                write!(f, "\n  hint: {hint}")?;
            }
        }
        Ok(())
    }
}

/// Renders the document (the JSON serialisation of `scrutiny_report::document::Document`) to
/// PDF bytes conforming to PDF/UA-1.
pub fn render_pdf(document_json: &str) -> Result<Vec<u8>, PdfError> {
    render(document_json).map(|(pdf, _warnings)| pdf)
}

/// Whether [`render_pdf`] lays this document out in parts and joins them (decision 006), as it
/// does a long report: for tests that must cover both ways.
/// A board report's JSON is read whole for this in a few milliseconds, beside Typst's tenths of
/// a second.
pub fn laid_out_in_parts(document_json: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(document_json).is_ok_and(|v| parts::worth_parts(&v))
}

/// Renders and also returns Typst's warnings (used by the tests to keep the template clean).
fn render(document_json: &str) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
    // Checked here first: serde names the line and column, Typst's message is vaguer. Only the
    // slug is kept: a whole `Value` of a large report would cost tens of megabytes.
    #[derive(serde::Deserialize)]
    struct Head {
        slug: Option<String>,
    }
    let Head { slug } =
        serde_json::from_str(document_json).map_err(|e| PdfError::InvalidJson(e.to_string()))?;
    let prepared = prepared(document_json)?;
    // Preparing leaves every block's kind and size as it was, so either form can be asked; a
    // document that needed no preparing is read whole for it (as `laid_out_in_parts` does).
    let whole = match &prepared {
        Some(_) => None,
        None => serde_json::from_str::<serde_json::Value>(document_json).ok(),
    };
    if let Some(value) = prepared.as_ref().or(whole.as_ref())
        && parts::worth_parts(value)
    {
        let value = prepared.or(whole).unwrap_or_default();
        let rendered = guarded(|| parts::render_in_parts(value, slug));
        typst::comemo::evict(10);
        return rendered;
    }
    drop(whole);
    let prepared = match prepared {
        Some(value) => {
            Some(serde_json::to_string(&value).map_err(|e| PdfError::Internal(e.to_string()))?)
        }
        None => None,
    };
    let alone = Part {
        standard: true,
        slug,
    };
    let compiled = compile(prepared.as_deref().unwrap_or(document_json), alone);
    // Let the memoisation cache forget old renders, so a long-running process stays small.
    typst::comemo::evict(10);
    compiled.map(|c| (c.pdf, c.warnings))
}

/// How one compile is exported.
struct Part {
    /// Tagged, checked against PDF/UA-1 and marked as conforming: every report, and every part
    /// of one laid out in parts. Otherwise written untagged: only the running heads' document,
    /// whose content the join marks as artifacts itself (`join.rs`).
    standard: bool,
    slug: Option<String>,
}

/// A compiled, exported document and what the parts' join needs to know of it.
struct Compiled {
    pdf: Vec<u8>,
    warnings: Vec<Diagnostic>,
    /// Each page's width and height in points.
    pages: Vec<[f64; 2]>,
    /// Each heading a body part printed, with where it landed (`<contents-entry>`).
    entries: Vec<Entry>,
}

/// A laid-out document, not yet written.
struct Laid {
    document: PagedDocument,
    warnings: Vec<Diagnostic>,
}

/// Lays out and exports one document (the template's JSON).
fn compile(json: &str, part: Part) -> Result<Compiled, PdfError> {
    let world = ReportWorld::new(json).map_err(|e| PdfError::Internal(e.to_string()))?;
    let laid = lay_out(&world)?;
    // The layout cache has done its work: emptied now, its memory serves the export instead of
    // adding to it (a 1,000-indicator report: about 100 MB less at the peak).
    typst::comemo::evict(0);
    write(&world, laid, part)
}

/// Typst reports user errors as diagnostics; a panic would be a Typst bug, and must not take
/// the caller (a server, a CLI) down with it.
fn guarded<T>(work: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        PdfError::Internal(format!("Typst panicked: {what}"))
    })?
}

fn lay_out(world: &ReportWorld) -> Result<Laid, PdfError> {
    guarded(|| {
        let compiled = typst::compile::<PagedDocument>(world);
        let warnings = readable(world, &compiled.warnings);
        let document = compiled
            .output
            .map_err(|errors| PdfError::Compile(Diagnostics(readable(world, &errors))))?;
        Ok(Laid { document, warnings })
    })
}

fn write(world: &ReportWorld, laid: Laid, part: Part) -> Result<Compiled, PdfError> {
    guarded(|| {
        let Laid { document, warnings } = laid;
        let pages = document
            .pages()
            .iter()
            .map(|p| [p.frame.width().to_pt(), p.frame.height().to_pt()])
            .collect();
        let entries = contents_entries(&document);
        let standards = if part.standard {
            PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| {
                PdfError::Internal(format!("PDF/UA-1 is not available: {}", e.message()))
            })?
        } else {
            PdfStandards::default()
        };
        let options = PdfOptions {
            // The slug is stable across re-renders of the same report, as the PDF identifier
            // should be.
            ident: part.slug.map_or(Smart::Auto, Smart::Custom),
            standards,
            tagged: part.standard,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|errors| PdfError::Export(Diagnostics(readable(world, &errors))))?;
        Ok(Compiled {
            pdf,
            warnings,
            pages,
            entries,
        })
    })
}

/// The document as the template reads it, or `None` when it can be read as given: every
/// character no embedded font can draw replaced by U+FFFD, and every chart's drawing worked out
/// (`plot`). PDF/UA refuses a missing glyph, and a name in a rare script must not stop the
/// report. Checked by grapheme, as Typst shapes a base and its marks with one font.
fn prepared(document_json: &str) -> Result<Option<serde_json::Value>, PdfError> {
    use unicode_segmentation::UnicodeSegmentation;
    // A field starting with a combining mark: the template prints text before it ("(" before
    // initials), and Typst shapes that text and the mark as one, in a font that may lack it.
    let leads_with_mark = |s: &str| s.chars().next().is_some_and(extends);
    let fine = |s: &str| {
        !leads_with_mark(s)
            && s.graphemes(true)
                .all(|g| g.is_ascii() || world::drawable(g))
    };
    // serde_json writes non-ASCII text as is; an escaped character, or a field that opens with
    // a mark (a quote and a mark make one grapheme here), needs the slow path.
    let whole_fine = non_ascii_runs(document_json).all(|run| {
        run.graphemes(true)
            .all(|g| g.is_ascii() || (!(g.starts_with('"') && g.len() > 1) && world::drawable(g)))
    });
    let redraw_text = document_json.contains("\\u") || !whole_fine;
    // A chart block has the word as its type; anything else that says "chart" costs one parse.
    let charts = document_json.contains("\"chart\"");
    if !redraw_text && !charts {
        return Ok(None);
    }
    fn redraw(value: &mut serde_json::Value, fine: &dyn Fn(&str) -> bool) {
        match value {
            serde_json::Value::String(s) if !fine(s) => {
                // A mark with nothing to sit on is shown on a dotted circle, as text
                // renderers show one.
                if s.chars().next().is_some_and(extends) {
                    s.insert(0, '\u{25cc}');
                }
                *s = s
                    .graphemes(true)
                    .map(|g| if fine(g) { g } else { "\u{fffd}" })
                    .collect();
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|v| redraw(v, fine)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|v| redraw(v, fine)),
            _ => {}
        }
    }
    let mut value: serde_json::Value =
        serde_json::from_str(document_json).map_err(|e| PdfError::InvalidJson(e.to_string()))?;
    if redraw_text {
        redraw(&mut value, &fine);
    }
    if charts {
        plot::add_plots(&mut value);
    }
    Ok(Some(value))
}

/// Each run of non-ASCII characters in `text` with the character either side of it, which a
/// mark or joiner may cling to: the only places a grapheme can be one no font draws. Looking
/// at these alone, rather than at every grapheme, took a 1,000-indicator report's check from
/// about 0.2 s to a few milliseconds.
fn non_ascii_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes.get(at..)?.iter().position(|b| !b.is_ascii())?;
        let run_end = |from: usize| {
            from + bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(u8::is_ascii))
                .unwrap_or(bytes.len() - from)
        };
        let mut end = run_end(start);
        // Runs one ASCII character apart share it: one piece, so no grapheme is cut.
        while bytes.get(end + 1).is_some_and(|b| !b.is_ascii()) {
            end = run_end(end + 1);
        }
        at = end;
        // One ASCII character either side (ASCII is one byte, so these are char boundaries).
        text.get(start.saturating_sub(1)..(end + 1).min(bytes.len()))
    })
}

/// Whether `c` joins the character before it into one grapheme (a combining mark, a joiner).
fn extends(c: char) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let mut pair = String::from("a");
    pair.push(c);
    pair.graphemes(true).count() == 1
}

/// A heading a body part printed: its level, words, page (from 1) and how far down it, in pt.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    level: usize,
    words: String,
    page: usize,
    y: f64,
}

/// The headings a body part printed, with where they landed (`entry-heading` in the template).
fn contents_entries(document: &PagedDocument) -> Vec<Entry> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern("contents-entry")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|found| {
            let Value::Dict(fields) = &found.to_packed::<MetadataElem>()?.value else {
                return None;
            };
            let level = match fields.get("level").ok()? {
                Value::Int(n) => usize::try_from(*n).ok()?,
                _ => return None,
            };
            let words = match fields.get("words").ok()? {
                Value::Str(s) => s.to_string(),
                _ => return None,
            };
            let at = introspector.position(found.location()?)?;
            Some(Entry {
                level,
                words,
                page: at.page.get(),
                y: at.point.y.to_pt(),
            })
        })
        .collect()
}

/// Turns Typst's diagnostics into text, resolving spans to `file:line:column`.
fn readable(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| Diagnostic {
            message: d.message.to_string(),
            hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            location: locate(world, d),
        })
        .collect()
}

fn locate(world: &ReportWorld, diagnostic: &SourceDiagnostic) -> Option<String> {
    let id = diagnostic.span.id()?;
    let start = world.range(diagnostic.span)?.start;
    let text = world.text_of(id)?;
    let before = text.get(..start)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(format!(
        "{}:{line}:{column}",
        id.vpath().get_without_slash()
    ))
}
